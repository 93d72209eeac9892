#!/usr/bin/python3
"""The concurrency harness: several writers, readers, a long import and a
TUI in tmux on one meeting file at once.

  - W writer processes (one CLI command at a time each) record N actions
    each, a unique marker per action: notes, walk-ins, recommendations;
  - R readers list the queue, export the summary and show the meeting in a
    loop;
  - meanwhile one roster import of ROWS registrations runs;
  - and a moderator's TUI in tmux presses `n` (next speaker) P times while
    the import is writing.

Then: every acknowledged action is in the file exactly once (none lost,
none doubled), every read succeeded, the import added all its rows, the TUI
called exactly P speakers, and no process and no screen ever said "locked".

    concurrency.py [--bin PATH] [--writers 3] [--actions 2000] [--readers 2]
                   [--rows 100000] [--presses 10] [--no-tui]

Prints one line of figures; exits 1 when a promise is broken, saying which.
"""
import argparse
import csv
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BAD_WORDS = ("locked", "Sanitizer", "runtime error")


class Run:
    def __init__(self, binary, tmp):
        self.bin = binary
        self.tmp = tmp
        self.db = os.path.join(tmp, "meeting.db")
        home = os.path.join(tmp, "home")
        os.makedirs(home, exist_ok=True)
        self.env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home,
                    "LC_ALL": "C.UTF-8", "TZ": "UTC", "ASAN_OPTIONS": "detect_leaks=0"}
        self.problems = []
        self.lock = threading.Lock()
        self.latencies = []
        self.reads = 0
        self.import_running = threading.Event()
        self.import_done = threading.Event()
        self.writers_done = threading.Event()

    def problem(self, what):
        with self.lock:
            self.problems.append(what)

    def cli(self, *args, session=None):
        env = dict(self.env, ROSTRUM_SESSION=session) if session else self.env
        t = time.monotonic()
        p = subprocess.run([self.bin, "--db", self.db] + [str(a) for a in args], env=env,
                           capture_output=True, text=True, timeout=900)
        took = time.monotonic() - t
        if any(w in p.stderr for w in BAD_WORDS):
            self.problem(f"{args[:2]}: {p.stderr.strip()}")
        return p, took

    def must(self, *args):
        p, _ = self.cli(*args)
        if p.returncode != 0:
            raise SystemExit(f"setup {args}: {p.stderr}")
        return p.stdout

    # ---- the parts ---------------------------------------------------------------

    def writer(self, k, n, seed_person):
        acked = []
        for i in range(n):
            marker = f"w{k}-{i}"
            kind = ("note", "person", "recommend")[i % 3]
            args = {"note": ["note", "t", marker],
                    "person": ["stakeholder", "add", "--name", marker, "--sector", "youth"],
                    "recommend": ["recommend", "t", marker, "--by", seed_person]}[kind]
            p, took = self.cli(*args, session=f"writer-{k}")
            with self.lock:
                self.latencies.append(took)
            if p.returncode != 0 or not p.stdout.strip().isdigit():
                self.problem(f"writer {k}: {marker} failed ({p.returncode}): {p.stderr.strip()}")
                continue
            acked.append((kind, marker))
        return acked

    def reader(self):
        reads = [["queue", "list", "t", "--json"], ["export", "summary", "--format", "json"],
                 ["meeting", "show"], ["outcome", "list", "t", "--json"]]
        i = 0
        while not (self.writers_done.is_set() and self.import_done.is_set()):
            p, _ = self.cli(*reads[i % len(reads)])
            i += 1
            if p.returncode != 0 or p.stderr:
                self.problem(f"read {reads[i % len(reads)][:2]}: {p.returncode} {p.stderr.strip()}")
            with self.lock:
                self.reads += 1

    def importer(self, path, rows):
        self.import_running.set()
        t = time.monotonic()
        p, _ = self.cli("import", "roster", path)
        self.import_seconds = time.monotonic() - t
        if p.returncode != 0 or not p.stdout.startswith(f"{rows} added"):
            self.problem(f"import: {p.returncode} {p.stdout.strip()} {p.stderr.strip()}")
        self.import_done.set()


class Tui:
    """A moderator's TUI in a private tmux server."""

    def __init__(self, run):
        self.run = run
        self.sock = f"rostrum-concurrency-{os.getpid()}"
        self.conf = os.path.join(run.tmp, "tmux.conf")
        with open(self.conf, "w") as f:
            f.write("set -g remain-on-exit on\nset -g status off\n")
        env = dict(run.env, TERM="tmux-256color", LANG="C.UTF-8")
        exports = " ".join(f"{k}='{v}'" for k, v in env.items())
        self.tmux("new-session", "-d", "-s", "c", "-x", "100", "-y", "30",
                  f"env -i {exports} ROSTRUM_SESSION=moderator {run.bin} --db {run.db}")
        self.wait(lambda s: "Next:" in s, "the queue pane")
        self.bad = []

    def tmux(self, *args):
        return subprocess.run(["tmux", "-L", self.sock, "-f", self.conf] + list(args),
                              capture_output=True, text=True, timeout=30).stdout

    def screen(self):
        s = self.tmux("capture-pane", "-p", "-t", "c")
        if any(w in s for w in ("locked", "busy for")):
            self.bad.append(s)
        return s

    def wait(self, pred, what, timeout=600):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            s = self.screen()
            if pred(s):
                return s
            time.sleep(0.05)
        raise SystemExit(f"TUI: never showed {what}:\n{self.screen()}")

    def press_next(self, presses):
        """Presses n while the import runs (the first as soon as it starts)."""
        self.run.import_running.wait()
        time.sleep(0.2)
        for _ in range(presses):
            self.tmux("send-keys", "-t", "c", "n")
            for _ in range(6):
                self.screen()
                time.sleep(0.05)

    def close(self):
        self.tmux("send-keys", "-t", "c", "q")
        time.sleep(0.3)
        self.tmux("kill-server")


def write_roster(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["name", "organization", "sector", "region", "email"])
        for i in range(rows):
            w.writerow([f"Registrant {i} José 王", f"Org {i % 500}", "civil_society",
                        "Africa", f"reg{i}@example.org"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.environ.get("ROSTRUM_BIN", os.path.join(ROOT, "rostrum")))
    ap.add_argument("--writers", type=int, default=3)
    ap.add_argument("--actions", type=int, default=2000)
    ap.add_argument("--readers", type=int, default=2)
    ap.add_argument("--rows", type=int, default=100000)
    ap.add_argument("--presses", type=int, default=10)
    ap.add_argument("--no-tui", action="store_true")
    a = ap.parse_args()
    use_tui = not a.no_tui and shutil.which("tmux")
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="rostrum-concurrency-") as tmp:
        run = Run(os.path.abspath(a.bin), tmp)
        run.must("init", "--title", "Concurrency")
        run.must("agenda", "add", "--title", "Floor", "--code", "t")
        seed = int(run.must("stakeholder", "add", "--name", "Seed", "--sector", "academia"))
        speakers = [int(run.must("stakeholder", "add", "--name", f"Speaker {i:02d}",
                                 "--sector", "migrant")) for i in range(a.presses + 3)]
        for s in speakers:
            run.must("queue", "add", "t", s)
        run.must("queue", "start", "t")
        roster = os.path.join(tmp, "roster.csv")
        write_roster(roster, a.rows)
        tui = Tui(run) if use_tui else None

        results = {}
        writers = [threading.Thread(target=lambda k=k: results.__setitem__(
            k, run.writer(k, a.actions, seed))) for k in range(a.writers)]
        readers = [threading.Thread(target=run.reader) for _ in range(a.readers)]
        for t in writers + readers:
            t.start()
        # The import starts once the writers are under way.
        while len(run.latencies) < min(a.actions // 10, 50) * a.writers and \
                any(t.is_alive() for t in writers):
            time.sleep(0.05)
        imp = threading.Thread(target=run.importer, args=(roster, a.rows))
        imp.start()
        if tui:
            tui.press_next(a.presses)
        for t in writers:
            t.join()
        run.writers_done.set()
        imp.join()
        for t in readers:
            t.join()
        if tui:
            tui.wait(lambda s: True, "")
            deadline = time.monotonic() + 600
            while time.monotonic() < deadline:
                con = sqlite3.connect(f"file:{run.db}?mode=ro", uri=True)
                nexts = con.execute("SELECT count(*) FROM event WHERE action = 'queue.next'"
                                    ).fetchone()[0]
                con.close()
                if nexts >= a.presses:
                    break
                time.sleep(0.1)
            tui.screen()
            tui.close()
            if nexts != a.presses:
                run.problem(f"TUI: {a.presses} presses of n, {nexts} speakers called")
            if tui.bad:
                run.problem("TUI: the screen said locked:\n" + tui.bad[0])

        con = sqlite3.connect(f"file:{run.db}?mode=ro", uri=True)
        if con.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            run.problem("integrity check failed")
        texts = {}
        for (text,) in con.execute("SELECT text FROM outcome"):
            texts[text] = texts.get(text, 0) + 1
        names = {}
        for (name,) in con.execute("SELECT name FROM stakeholder WHERE name LIKE 'w%-%'"):
            names[name] = names.get(name, 0) + 1
        imported = con.execute("SELECT count(*) FROM stakeholder WHERE email LIKE 'reg%'"
                               ).fetchone()[0]
        con.close()
        acked = [x for k in results for x in results[k]]
        lost = [m for kind, m in acked if (names if kind == "person" else texts).get(m, 0) == 0]
        doubled = [m for kind, m in acked if (names if kind == "person" else texts).get(m, 0) > 1]
        stray = [m for m, c in list(texts.items()) + list(names.items())
                 if m.startswith("w") and (m not in {x for _, x in acked})]
        if lost or doubled or stray:
            run.problem(f"{len(lost)} lost {lost[:3]}, {len(doubled)} doubled {doubled[:3]},"
                        f" {len(stray)} stored but never acknowledged {stray[:3]}")
        if imported != a.rows:
            run.problem(f"the import stored {imported} of {a.rows} rows")
        lat = sorted(run.latencies)
        figures = (f"{a.writers} writers x {a.actions} actions: {len(acked)} acknowledged,"
                   f" {len(lost)} lost, {len(doubled)} doubled; {run.reads} reads;"
                   f" import of {a.rows} rows in {getattr(run, 'import_seconds', 0):.1f} s;"
                   f" action latency median {statistics.median(lat) * 1000:.0f} ms,"
                   f" max {lat[-1]:.1f} s;"
                   f" TUI: {a.presses if tui else 0} presses of n during the import;"
                   f" {time.monotonic() - started:.0f} s")
        if run.problems:
            print("concurrency harness: BROKEN: " + "; ".join(run.problems[:5]), file=sys.stderr)
            print(figures, file=sys.stderr)
            return 1
        print("concurrency harness: " + figures + "; no locked message")
    return 0


if __name__ == "__main__":
    sys.exit(main())
