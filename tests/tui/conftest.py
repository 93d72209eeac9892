"""Screen tests: the real binary in a real terminal (tmux, fixed size), keys
sent with send-keys, the screen read with capture-pane; every assertion polls
until the screen shows it or a deadline passes."""
import importlib.util
import os
import pathlib
import shutil
import signal
import subprocess
import time
import unicodedata

import pytest

# The CLI's helpers, loaded under a name of their own: this module is
# "conftest" too, so `from conftest import` would find itself half-made.
_spec = importlib.util.spec_from_file_location(
    "cli_conftest", pathlib.Path(__file__).resolve().parents[1] / "cli" / "conftest.py")
_cli = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_cli)
BIN, FIXTURES, ROOT, Rostrum = _cli.BIN, _cli.FIXTURES, _cli.ROOT, _cli.Rostrum

TMUX_CONF = "set -g remain-on-exit on\nset -g status off\nset -g default-terminal tmux-256color\n"


def display_width(line):
    """Columns a line takes in a terminal (wide characters count two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else
               0 if unicodedata.combining(c) else 1 for c in line)


class Screen:
    """One private tmux server running one rostrum."""

    def __init__(self, tmp, name):
        self.tmp = tmp
        self.sock = f"rostrum-test-{os.getpid()}-{name}"
        self.conf = tmp / f"{name}.tmux.conf"
        self.conf.write_text(TMUX_CONF)
        self.asan_log = tmp / f"{name}.asan"
        self.windows = 0

    def tmux(self, *args, check=True):
        p = subprocess.run(["tmux", "-L", self.sock, "-f", str(self.conf)] + list(args),
                           capture_output=True, text=True, timeout=30)
        if check and p.returncode != 0:
            raise AssertionError(f"tmux {args}: {p.stderr}")
        return p.stdout

    def start(self, env, args, cols=80, rows=24, term="tmux-256color"):
        """Starts rostrum ARGS in a new window of the given size; returns its target."""
        env = dict(env)
        env["TERM"] = term
        env["ASAN_OPTIONS"] = f"log_path={self.asan_log}:detect_leaks=1"
        exports = " ".join(f"{k}={shq(v)}" for k, v in env.items())
        cmd = f"env -i {exports} {shq(BIN)} " + " ".join(shq(str(a)) for a in args)
        target = f"w{self.windows}"
        if self.windows == 0:
            self.tmux("new-session", "-d", "-s", "t", "-n", target, "-x", str(cols), "-y",
                      str(rows), cmd)
        else:
            self.tmux("new-window", "-d", "-t", "t", "-n", target, cmd)
            self.tmux("resize-window", "-t", f"t:{target}", "-x", str(cols), "-y", str(rows))
        self.windows += 1
        return f"t:{target}"

    def keys(self, target, *keys, literal=False):
        for k in keys:
            self.tmux("send-keys", "-t", target, *(["-l", k] if literal else [k]))

    def type(self, target, text):
        self.tmux("send-keys", "-t", target, "-l", text)

    def capture(self, target):
        return self.tmux("capture-pane", "-p", "-t", target, "-S", "-")

    def wait(self, target, predicate, timeout=8.0, what=""):
        """The screen once predicate holds and the screen has settled (the
        same on two captures), so later checks never see half a repaint."""
        deadline = time.time() + timeout
        screen = ""
        while time.time() < deadline:
            screen = self.capture(target)
            if predicate(screen):
                time.sleep(0.04)
                again = self.capture(target)
                if again == screen or (predicate(again) and again == self.capture(target)):
                    return again
            time.sleep(0.05)
        raise AssertionError(f"screen never showed {what!r}; last screen:\n{screen}")

    def wait_for(self, target, text, timeout=8.0):
        return self.wait(target, lambda s: text in s, timeout, text)

    def wait_gone(self, target, text, timeout=8.0):
        return self.wait(target, lambda s: text not in s, timeout, f"no {text}")

    def resize(self, target, cols, rows):
        self.tmux("resize-window", "-t", target, "-x", str(cols), "-y", str(rows))

    def pid(self, target):
        return int(self.tmux("display-message", "-p", "-t", target, "#{pane_pid}").strip())

    def dead_status(self, target, timeout=10.0):
        """The exit status once the program ended (reaping tmux's child at once)."""
        deadline = time.time() + timeout
        server = int(self.tmux("display-message", "-p", "#{pid}").strip())
        while time.time() < deadline:
            out = self.tmux("display-message", "-p", "-t", target,
                            "#{pane_dead} #{pane_dead_status}").split()
            if out and out[0] == "1" and len(out) > 1:
                return int(out[1])
            os.kill(server, signal.SIGCHLD)
            time.sleep(0.05)
        raise AssertionError("the program did not exit")

    def sanitizer_reports(self):
        return "".join(p.read_text() for p in self.tmp.glob(f"{self.asan_log.name}*"))

    def close(self):
        self.tmux("kill-server", check=False)


def shq(s):
    return "'" + str(s).replace("'", "'\\''") + "'"


@pytest.fixture
def screen(tmp_path, request):
    if not shutil.which("tmux"):
        pytest.fail("tmux is not installed (make deps installs it)")
    s = Screen(tmp_path, request.node.name[:40])
    yield s
    s.close()
    reports = s.sanitizer_reports()
    assert not reports, reports


@pytest.fixture
def hearing(tmp_path):
    """The bundled 2022 hearing, built with the CLI: programme and roster."""
    r = Rostrum(tmp_path)
    r.ok("init", "--title", "IMRF hearing", "--date", "2022-05-16")
    r.ok("import", "agenda", ROOT / "data" / "programmes" / "imrf-2022.conf")
    r.ok("import", "roster", ROOT / "data" / "rosters" / "imrf-2022.csv")
    return r


def tui_env(r, **extra):
    env = dict(r.env)
    env["LANG"] = "C.UTF-8"
    env.pop("ASAN_OPTIONS", None)
    env.update(extra)
    return env


def open_tui(screen, r, cols=80, rows=24, *args, **env):
    """rostrum on r's database in a fresh tmux window; waits for the tab bar."""
    target = screen.start(tui_env(r, **env), ["--db", r.db] + list(args), cols, rows)
    screen.wait_for(target, "1 Agenda")
    return target


def quit_tui(screen, target):
    """q, and y to the question it asks."""
    screen.keys(target, "q")
    screen.wait_for(target, "Quit rostrum?")
    screen.keys(target, "y")


def paste(screen, target, text):
    """text pasted into the terminal at once (tmux paste-buffer)."""
    path = screen.tmp / "paste.txt"
    path.write_text(text)
    screen.tmux("load-buffer", "-b", "paste", str(path))
    screen.tmux("paste-buffer", "-d", "-b", "paste", "-t", target)


# ---- attributes, read from `capture-pane -e` -----------------------------------

class Style(dict):
    """The SGR state of one cell: bold, dim, underline, reverse, fg, bg."""

    def __getattr__(self, k):
        return self.get(k)


def _apply_sgr(state, params):
    codes = [int(c) if c else 0 for c in params.split(";")] if params else [0]
    i = 0
    while i < len(codes):
        c = codes[i]
        if c == 0:
            state.clear()
        elif c in (1, 2, 4, 7):
            state[{1: "bold", 2: "dim", 4: "underline", 7: "reverse"}[c]] = True
        elif c == 22:
            state.pop("bold", None)
            state.pop("dim", None)
        elif c in (24, 27):
            state.pop({24: "underline", 27: "reverse"}[c], None)
        elif 30 <= c <= 37 or 90 <= c <= 97:
            state["fg"] = c - 30 if c < 90 else c - 82
        elif 40 <= c <= 47 or 100 <= c <= 107:
            state["bg"] = c - 40 if c < 100 else c - 92
        elif c in (39, 49):
            state.pop("fg" if c == 39 else "bg", None)
        elif c in (38, 48) and i + 2 < len(codes) and codes[i + 1] == 5:
            state["fg" if c == 38 else "bg"] = codes[i + 2]
            i += 2
        i += 1


def styled_rows(captured):
    """capture-pane -e text as rows of (character, Style) cells; the state
    carries over from one row to the next, as tmux writes it."""
    import re as _re
    rows, state = [], {}
    for line in captured.split("\n"):
        row, pos = [], 0
        for m in _re.finditer(r"\x1b\[([0-9;]*)m", line):
            row += [(ch, Style(state)) for ch in line[pos:m.start()]]
            _apply_sgr(state, m.group(1))
            pos = m.end()
        row += [(ch, Style(state)) for ch in line[pos:]]
        rows.append(row)
    return rows


def style_of(captured, text):
    """The style of the first character of the first place text is shown."""
    for row in styled_rows(captured):
        line = "".join(ch for ch, _ in row)
        at = line.find(text)
        if at >= 0:
            return row[at][1]
    raise AssertionError(f"{text!r} is not on the screen")


def capture_styled(screen, target):
    """The screen with its attributes, trailing blanks kept (-N)."""
    return screen.tmux("capture-pane", "-e", "-N", "-p", "-t", target)


def wait_styled(screen, target, predicate, timeout=8.0, what=""):
    """capture_styled once predicate(styled text) holds."""
    import time as _time
    deadline = _time.time() + timeout
    styled = ""
    while _time.time() < deadline:
        styled = capture_styled(screen, target)
        try:
            if predicate(styled):
                return styled
        except AssertionError:
            pass
        _time.sleep(0.05)
    raise AssertionError(f"the screen never showed {what}; last screen:\n{styled}")
