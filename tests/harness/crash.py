#!/usr/bin/python3
"""The crash harness: SIGKILL at random moments of `init`, of a scripted
stream of CLI actions and of imports, then check the meeting file.

After every kill:
  - the file passes SQLite's integrity and foreign key checks;
  - no journal event is left open (an action is all there or not at all);
  - every acknowledged action (exit 0, id printed) is there, exactly once;
    the killed one is there once or not at all;
  - nothing is half-done: a recommendation has its party and objective, every
    stored outcome and queue change has its journal event, each queue entry's
    state is the one its last journal change wrote, at most one speaker holds
    the floor;
    an import is all its rows or none of them; `init` leaves no file or a
    whole meeting (and then refuses to overwrite it).

    crash.py [--bin PATH] [--kills N] [--rows N] [--seed S]

Prints one line of figures; exits 1 at the first broken promise, saying
which.  README.md and TESTING.md say how it runs in `make check` (a short
form) and `make test-crash` (200 kills).
"""
import argparse
import csv
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Broken(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Broken(what)


class Harness:
    def __init__(self, binary, workdir, seed):
        self.bin = binary
        self.dir = workdir
        self.rng = random.Random(seed)
        home = os.path.join(workdir, "home")
        os.makedirs(home, exist_ok=True)
        self.env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home,
                    "LC_ALL": "C.UTF-8", "TZ": "UTC", "ROSTRUM_SESSION": "crash-harness",
                    "ASAN_OPTIONS": "detect_leaks=0"}
        self.kills = {"init": 0, "actions": 0, "imports": 0}
        self.outcomes = {"init: no file": 0, "init: whole": 0, "action: done": 0,
                         "action: not done": 0, "import: all": 0, "import: none": 0}

    # ---- running ---------------------------------------------------------------

    def run(self, db, *args, check_rc=0):
        p = subprocess.run([self.bin, "--db", db] + [str(a) for a in args], env=self.env,
                           capture_output=True, text=True, timeout=600)
        check("Sanitizer" not in p.stderr and "runtime error" not in p.stderr,
              f"sanitizer report: {p.stderr}")
        if check_rc is not None:
            check(p.returncode == check_rc, f"{args}: exit {p.returncode}: {p.stderr}")
        return p

    def timed(self, db, *args):
        t = time.monotonic()
        self.run(db, *args)
        return time.monotonic() - t

    def killed_run(self, db, args, within):
        """Runs args, SIGKILLed after a random moment of `within` seconds;
        (killed, completed process or None)."""
        p = subprocess.Popen([self.bin, "--db", db] + [str(a) for a in args], env=self.env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(self.rng.uniform(0, within))
        if p.poll() is None:
            p.send_signal(signal.SIGKILL)
        out, err = p.communicate(timeout=600)
        check("Sanitizer" not in err, f"sanitizer report: {err}")
        return p.returncode == -signal.SIGKILL, p.returncode, out, err

    # ---- checks --------------------------------------------------------------------

    def sql(self, db, query, args=()):
        try:
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            try:
                return con.execute(query, args).fetchall()
            finally:
                con.close()
        except sqlite3.Error as e:
            raise Broken(f"{db}: {e}")

    def sound(self, db):
        check(self.sql(db, "PRAGMA integrity_check") == [("ok",)], f"{db}: integrity check")
        check(self.sql(db, "PRAGMA foreign_key_check") == [], f"{db}: foreign key check")
        check(self.sql(db, "SELECT count(*) FROM event WHERE open")[0][0] == 0,
              f"{db}: a journal event left open")
        # Every stored row of these tables came with its journal event.  (Set
        # against set: the journal has no index of every change by row.)
        for table in ("outcome", "queue_entry", "stakeholder"):
            orphans = self.sql(db, f"SELECT count(*) FROM {table} t WHERE t.id NOT IN"
                                   " (SELECT c.row_id FROM change c JOIN event e ON e.id = c.event_id"
                                   "  WHERE c.tbl = ? AND c.op = 'insert')",
                               (table,))[0][0]
            check(orphans == 0, f"{db}: {orphans} {table} rows without their journal event")

    # ---- init -------------------------------------------------------------------------

    def init_round(self, k, within):
        db = os.path.join(self.dir, f"init-{k}.db")
        title = f"Meeting {k}"
        killed, rc, out, err = self.killed_run(db, ["init", "--title", title], within)
        if not killed:
            check(rc == 0, f"init: exit {rc}: {err}")
        else:
            self.kills["init"] += 1
        if os.path.exists(db):
            self.sound(db)
            shown = json.loads(self.run(db, "meeting", "show", "--json").stdout)
            check(shown["title"] == title, f"{db}: a meeting, but not whole: {shown}")
            again = self.run(db, "init", "--title", "again", check_rc=2)
            check("already exists" in again.stderr, f"init over a meeting: {again.stderr}")
            self.outcomes["init: whole"] += killed
        else:
            check(killed, f"init exited {rc} and left no file")
            self.outcomes["init: no file"] += 1
            self.run(db, "init", "--title", title)
            self.sound(db)

    # ---- a stream of actions ----------------------------------------------------------------

    def actions_setup(self):
        db = os.path.join(self.dir, "actions.db")
        self.run(db, "init", "--title", "Actions")
        self.run(db, "agenda", "add", "--title", "Floor", "--code", "t")
        self.people = [int(self.run(db, "stakeholder", "add", "--name", f"Seed {i}",
                                    "--sector", "academia").stdout) for i in range(20)]
        for who in self.people:
            self.run(db, "queue", "add", "t", who)
        self.run(db, "queue", "start", "t")
        self.acked = {}   # marker -> kind, acknowledged
        self.maybe = {}   # marker -> kind, killed in flight
        self.n = 0
        return db

    def next_action(self):
        self.n += 1
        kind = self.rng.choice(["note", "note", "recommend", "person", "queue", "next",
                                "checkin"])
        marker = f"{kind}-{self.n}"
        who = self.rng.choice(self.people)
        args = {"note": ["note", "t", marker],
                "recommend": ["recommend", "t", marker, "--by", who, "--gcm", 5],
                "person": ["stakeholder", "add", "--name", marker, "--sector", "media"],
                "queue": ["queue", "add", "t", who],
                "next": ["queue", "next", "t"],
                "checkin": ["stakeholder", "checkin", who]}[kind]
        return kind, marker, args

    def stored(self, db):
        notes = {}
        for text, typ, parties, gcm in self.sql(
                db, "SELECT o.text, o.type, (SELECT count(*) FROM outcome_party p WHERE"
                    " p.outcome_id = o.id), (SELECT count(*) FROM outcome_gcm g WHERE"
                    " g.outcome_id = o.id) FROM outcome o"):
            notes[text] = notes.get(text, 0) + 1
            if typ == "recommendation":
                check((parties, gcm) == (1, 1),
                      f"recommendation {text} half-done: {parties} parties, {gcm} objectives")
        people = {}
        for (name,) in self.sql(db, "SELECT name FROM stakeholder"):
            people[name] = people.get(name, 0) + 1
        return notes, people

    def queue_sound(self, db):
        speaking = self.sql(db, "SELECT count(*) FROM queue_entry WHERE state IN"
                                " ('speaking', 'paused')")[0][0]
        check(speaking <= 1, f"{speaking} speakers hold the floor at once")
        bad = self.sql(db, "WITH latest AS (SELECT row_id, max(id) AS id FROM change"
                           "  WHERE tbl = 'queue_entry' GROUP BY row_id)"
                           " SELECT q.id, q.state, json_extract(c.new, '$.state') AS last"
                           " FROM queue_entry q LEFT JOIN latest l ON l.row_id = q.id"
                           " LEFT JOIN change c ON c.id = l.id WHERE last IS NOT q.state")
        check(not bad, f"queue entries whose state is not their last change's: {bad[:3]}")

    def verify_actions(self, db):
        self.sound(db)
        self.queue_sound(db)
        notes, people = self.stored(db)
        for marker, kind in self.acked.items():
            have = (people if kind == "person" else notes).get(marker, 0)
            check(have == 1, f"acknowledged {marker} stored {have} times")
        for marker, kind in self.maybe.items():
            have = (people if kind == "person" else notes).get(marker, 0)
            check(have <= 1, f"killed {marker} stored {have} times")

    def actions_round(self, db, kill, within):
        kind, marker, args = self.next_action()
        if not kill:
            p = self.run(db, *args, check_rc=None)
            check(p.returncode in (0, 2), f"{args}: exit {p.returncode}: {p.stderr}")
            if p.returncode == 0 and kind in ("note", "recommend", "person"):
                check(p.stdout.strip().isdigit(), f"{args}: no id: {p.stdout!r}")
                self.acked[marker] = kind
            return
        killed, rc, out, err = self.killed_run(db, args, within)
        if killed:
            self.kills["actions"] += 1
            if kind in ("note", "recommend", "person"):
                self.maybe[marker] = kind
            self.verify_actions(db)
            if kind in ("note", "recommend", "person"):
                done = marker in self.stored(db)[1 if kind == "person" else 0]
                self.outcomes["action: done" if done else "action: not done"] += 1
        elif rc == 0 and kind in ("note", "recommend", "person"):
            self.acked[marker] = kind

    # ---- imports ------------------------------------------------------------------

    def write_roster(self, k, rows):
        path = os.path.join(self.dir, f"roster-{k}.csv")
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["name", "organization", "sector", "email", "wants_to_speak",
                        "speak_on", "registered_at"])
            for i in range(rows):
                w.writerow([f"Round {k} Person {i} Ñandú", f"Org {i % 97}", "civil_society",
                            f"r{k}p{i}@example.org", "yes" if i % 10 == 0 else "no",
                            "t" if i % 10 == 0 else "", f"2022-04-{1 + i % 28:02d}T10:00:00Z"])
        return path

    def write_programme(self, k, items):
        path = os.path.join(self.dir, f"programme-{k}.conf")
        with open(path, "w", encoding="utf-8") as f:
            f.write("# generated\n")
            for j in range(items):
                f.write(f'item "r{k}-i{j}" {{\n  title = "Round {k} item {j}"\n'
                        f'  start = "{9 + j % 8:02d}:00"\n  end = "{9 + j % 8:02d}:30"\n}}\n')
        return path

    def import_round(self, db, k, kind, within, rows, items):
        if kind == "roster":
            path = self.write_roster(k, rows)
            args, total = ["import", "roster", path], rows
            count = f"SELECT count(*) FROM stakeholder WHERE email LIKE 'r{k}p%'"
        else:
            path = self.write_programme(k, items)
            args, total = ["import", "agenda", path], items
            count = f"SELECT count(*) FROM agenda_item WHERE code LIKE 'r{k}-i%'"
        killed, rc, out, err = self.killed_run(db, args, within)
        self.kills["imports"] += killed
        check(killed or rc == 0, f"import: exit {rc}: {err}")
        self.sound(db)
        have = self.sql(db, count)[0][0]
        check(have in (0, total), f"import round {k} ({kind}): {have} of {total} rows")
        self.outcomes["import: all" if have else "import: none"] += killed
        os.unlink(path)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.environ.get("ROSTRUM_BIN", os.path.join(ROOT, "rostrum")))
    ap.add_argument("--kills", type=int, default=200)
    ap.add_argument("--rows", type=int, default=20000, help="rows of each roster import")
    ap.add_argument("--seed", type=int, default=None)
    a = ap.parse_args()
    seed = a.seed if a.seed is not None else int(time.time())
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="rostrum-crash-") as tmp:
        h = Harness(os.path.abspath(a.bin), tmp, seed)
        # How long each kind of run takes here: kills land within it.
        cal = os.path.join(tmp, "calibrate.db")
        t_init = h.timed(cal, "init", "--title", "Calibrate")
        h.run(cal, "agenda", "add", "--title", "Floor", "--code", "t")
        t_action = h.timed(cal, "note", "t", "calibrate")
        t_import = h.timed(cal, "import", "roster", h.write_roster("cal", a.rows))
        t_agenda = h.timed(cal, "import", "agenda", h.write_programme("cal", 200))
        want = {"init": a.kills // 4, "imports": a.kills // 4}
        want["actions"] = a.kills - want["init"] - want["imports"]
        try:
            k = 0
            while h.kills["init"] < want["init"]:
                h.init_round(k, t_init * 1.2)
                k += 1
            db = h.actions_setup()
            while h.kills["actions"] < want["actions"]:
                h.actions_round(db, h.rng.random() < 0.6, t_action * 1.2)
            h.verify_actions(db)
            db = os.path.join(tmp, "imports.db")
            h.run(db, "init", "--title", "Imports")
            h.run(db, "agenda", "add", "--title", "Floor", "--code", "t")
            k = 0
            while h.kills["imports"] < want["imports"]:
                kind = "roster" if k % 3 else "agenda"
                within = (t_import if kind == "roster" else t_agenda) * 1.2
                h.import_round(db, k, kind, within, a.rows, 200)
                k += 1
        except Broken as e:
            print(f"crash harness (seed {seed}): BROKEN: {e}", file=sys.stderr)
            return 1
        total = sum(h.kills.values())
        outcomes = ", ".join(f"{k} {v}" for k, v in h.outcomes.items())
        print(f"crash harness (seed {seed}): {total} kills in a row with nothing lost"
              f" ({h.kills['init']} during init, {h.kills['actions']} during actions,"
              f" {h.kills['imports']} during imports of {a.rows} rows or 200 items);"
              f" {len(h.acked)} acknowledged actions all kept; outcomes: {outcomes};"
              f" {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
