"""Runs the real rostrum binary on real temporary databases and config files."""
import json
import os
import pathlib
import sqlite3
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("ROSTRUM_BIN", str(ROOT / "rostrum"))
SHARED = pathlib.Path(os.environ.get("ROSTRUM_SHARED", ROOT.parent / "shared"))
FIXTURES = SHARED / "fixtures"


def dump(path):
    """A database's content as SQL, read without changing it."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


class Rostrum:
    """One sandbox: a HOME of its own (so no user config leaks in) and a db."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.db = str(tmp / "t.db")
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(tmp / "home"),
            "LC_ALL": "C.UTF-8",
            "TZ": "UTC",
            "ASAN_OPTIONS": "detect_leaks=1:abort_on_error=0",
            "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=1",
        }
        (tmp / "home").mkdir()

    def run(self, *args, db=True, now=None, env=None, check=None, cwd=None):
        cmd = [BIN] + (["--db", self.db] if db else []) + [str(a) for a in args]
        e = dict(self.env)
        if now is not None:
            e["ROSTRUM_NOW"] = str(now)
        e.update(env or {})
        p = subprocess.run(cmd, env=e, capture_output=True, text=True, timeout=60, cwd=cwd)
        # A sanitizer report is a failure whatever the exit status says.
        assert "Sanitizer" not in p.stderr and "runtime error" not in p.stderr, p.stderr
        if check is not None:
            assert p.returncode == check, (cmd, p.returncode, p.stdout, p.stderr)
        return p

    def ok(self, *args, **kw):
        return self.run(*args, check=0, **kw).stdout

    def json(self, *args, **kw):
        return json.loads(self.ok(*args, **kw))

    def accept_nominations(self):
        """Every nominee accepts (a candidacy moves with all its nominations)."""
        seen = set()
        for line in self.ok("nomination", "list").splitlines():
            nid, name = line.split("\t")[:2]
            if name not in seen:
                seen.add(name)
                self.ok("nomination", "set", nid, "accepted")

    def new_id(self, *args, **kw):
        out = self.ok(*args, **kw)
        assert out.strip().isdigit(), out
        return int(out)

    def plant(self, table, row_id, column, value):
        """Writes text the input rules refuse (control characters) straight
        into the file, journalled, as a database made before those rules may
        hold it: what shows it must still show it inert."""
        con = sqlite3.connect(self.db, isolation_level=None)
        try:
            con.execute("BEGIN IMMEDIATE")
            con.execute("INSERT INTO event(at, user, action) VALUES (0, 'test', 'test.plant')")
            con.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE id = ?', (value, row_id))
            con.execute("UPDATE event SET open = 0 WHERE open")
            con.execute("COMMIT")
        finally:
            con.close()


@pytest.fixture
def r(tmp_path):
    return Rostrum(tmp_path)


@pytest.fixture
def hearing(r):
    """A meeting with one agenda item and three stakeholders."""
    r.ok("init", "--title", "Hearing", "--date", "2022-05-16", "--venue", "Room 4")
    r.new_id("agenda", "add", "--title", "Thematic discussion I", "--code", "thematic-1",
             "--start", "10:30", "--end", "13:00")
    for name, sector, email in [("Ana Ruiz", "migrant", "ana@example.org"),
                                ("Ben Okoro", "academia", "ben@example.org"),
                                ("王芳", "media", "wang@example.org")]:
        r.new_id("stakeholder", "add", "--name", name, "--sector", sector, "--email", email)
    return r
