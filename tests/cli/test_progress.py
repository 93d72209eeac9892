"""Progress of long work: an import or an export shows one line on stderr,
rewritten in place, when stderr is a terminal, and nothing when it is not.

The line waits a second before it shows ($ROSTRUM_PROGRESS_AFTER, in
milliseconds); these tests set it to 0 so that small files show it too, and
never measure time."""
import os
import pty
import re
import select
import subprocess

from conftest import BIN, FIXTURES

# "\r", the line, then erase to the end of the line (EL).
LINE = re.compile(r"\r(import roster|export summary): ([\d,]+) rows, [\d,]+ rows/s"
                  r"(, (about \d+ (s|min)|less than a second) left)?\x1b\[K")


def on_a_terminal(r, *args):
    """Runs rostrum with stderr on a pseudo-terminal (stdout a pipe): its
    exit status, stdout, and all it wrote to the terminal."""
    master, slave = pty.openpty()
    env = dict(r.env, ROSTRUM_PROGRESS_AFTER="0")
    p = subprocess.Popen([BIN, "--db", r.db] + [str(a) for a in args], env=env,
                         stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL)
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        assert ready, "rostrum said nothing for a minute"
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the terminal's last writer is gone
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    out = p.stdout.read().decode()
    assert p.wait(timeout=60) is not None
    text = seen.decode()
    assert "Sanitizer" not in text and "runtime error" not in text, text
    return p.returncode, out, text


def assert_taken_away(tty):
    """The last progress line is erased before anything else is written:
    what follows it starts on a clean line."""
    last = list(LINE.finditer(tty))[-1]
    assert tty[last.end():].startswith("\r\x1b[K"), repr(tty[last.start():last.end() + 80])


def test_import_on_a_terminal_shows_rows_rate_and_time_left(r):
    r.ok("init", "--title", "Hearing")
    status, out, tty = on_a_terminal(r, "import", "roster", FIXTURES / "registrations.csv")
    assert status == 0
    assert out.startswith("150 added")
    lines = LINE.findall(tty)
    assert lines, repr(tty)
    assert all(task == "import roster" for task, *_ in lines)
    done = [int(n.replace(",", "")) for _, n, *_ in lines]
    assert done == sorted(done) and 0 < done[-1] <= 150
    assert any(left for _, _, left, *_ in lines), "no time left was told"
    assert_taken_away(tty)


def test_export_on_a_terminal_shows_its_rows(r, tmp_path):
    r.ok("init", "--title", "Hearing")
    r.ok("import", "roster", FIXTURES / "registrations.csv")
    report = tmp_path / "report.json"
    status, _, tty = on_a_terminal(r, "export", "summary", "--format", "json", "-o", report)
    assert status == 0
    lines = LINE.findall(tty)
    assert lines and all(task == "export summary" for task, *_ in lines), repr(tty)
    assert_taken_away(tty)
    assert report.read_text().startswith('{"meeting":')


def test_a_bad_row_is_never_written_over_the_progress_line(r, tmp_path):
    r.ok("init")
    bad = tmp_path / "bad.csv"
    rows = ["name,sector,email"] + [f"P{i},academia,p{i}@example.org" for i in range(300)]
    bad.write_text("\n".join(rows + ["Bob Ray,astronauts,bob@example.org"]) + "\n")
    status, _, tty = on_a_terminal(r, "import", "roster", bad)
    assert status == 2
    assert LINE.search(tty), repr(tty)
    # The problem starts a line of its own: the progress line was erased.
    at = tty.index(f"{bad}:302: sector:")
    assert tty[:at].endswith("\r\x1b[K"), repr(tty[at - 80:at + 40])


def test_nothing_when_stderr_is_not_a_terminal(r, tmp_path):
    env = {"ROSTRUM_PROGRESS_AFTER": "0"}
    r.ok("init", "--title", "Hearing")
    p = r.run("import", "roster", FIXTURES / "registrations.csv", env=env, check=0)
    assert p.stderr.count("\r") == 0 and "rows/s" not in p.stderr, repr(p.stderr)
    p = r.run("export", "summary", "--format", "md", "-o", tmp_path / "r.md", env=env, check=0)
    assert p.stderr == ""
