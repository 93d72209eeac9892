"""The meeting file guarded: exports never replace what they should not,
opening never writes unless a migration is needed, reads are read-only and
need no lock, files that are not a meeting are refused untouched, and
output that does not reach stdout is a failure."""
import os
import pathlib
import re
import shutil
import sqlite3
import stat
import subprocess
import tempfile
import threading

import pytest

from conftest import BIN, ROOT, dump


def files(tmp_path):
    return sorted(p.name for p in tmp_path.iterdir() if p.name != "home")


# ---- export -o ----------------------------------------------------------------

@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_export_never_replaces_the_database_or_its_companions(hearing, suffix):
    before = dump(hearing.db)
    p = hearing.run("export", "summary", "-o", hearing.db + suffix)
    assert p.returncode == 2, p.stderr
    assert p.stderr == (f"rostrum: -o {hearing.db}{suffix}: that is the meeting's database; "
                        "an export never replaces it\n")
    assert dump(hearing.db) == before
    with open(hearing.db, "rb") as f:
        assert f.read(16) == b"SQLite format 3\x00"


def test_export_never_replaces_the_database_by_another_name(hearing, tmp_path):
    (tmp_path / "sub").mkdir()
    link = tmp_path / "link.db"
    os.link(hearing.db, link)
    before = dump(hearing.db)
    for target in (link, tmp_path / "sub" / ".." / "t.db"):
        p = hearing.run("export", "speakers", "-o", target)
        assert p.returncode == 2 and "the meeting's database" in p.stderr, p.stderr
    assert dump(hearing.db) == before


def test_export_never_replaces_another_sqlite_file(hearing, tmp_path):
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t(x)")
    con.commit()
    con.close()
    before = other.read_bytes()
    p = hearing.run("export", "summary", "-o", other)
    assert p.returncode == 2
    assert p.stderr == f"rostrum: -o {other}: an SQLite database; an export never replaces one\n"
    assert other.read_bytes() == before


def test_export_refuses_a_symbolic_link_and_leaves_both_alone(hearing, tmp_path):
    target = tmp_path / "real.md"
    target.write_text("keep me")
    link = tmp_path / "report.md"
    link.symlink_to(target)
    p = hearing.run("export", "summary", "-o", link)
    assert p.returncode == 2
    assert p.stderr == f"rostrum: -o {link}: a symbolic link; give the file it points to\n"
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text() == "keep me"
    # Through a link to the database, nothing happens either.
    dblink = tmp_path / "db-link"
    dblink.symlink_to(hearing.db)
    before = dump(hearing.db)
    assert hearing.run("export", "summary", "-o", dblink).returncode == 2
    assert dump(hearing.db) == before


def test_export_refuses_a_folder(hearing, tmp_path):
    p = hearing.run("export", "summary", "-o", tmp_path)
    assert p.returncode == 2
    assert p.stderr == f"rostrum: -o {tmp_path}: not a file an export can be written to (a folder)\n"
    assert (tmp_path / "t.db").exists()


def test_export_writes_devices_and_pipes_in_place(hearing, tmp_path):
    # /dev/null stays the system's /dev/null.
    assert hearing.run("export", "summary", "-o", "/dev/null").returncode == 0
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    # A full device: the export fails, exit 1.
    p = hearing.run("export", "summary", "-o", "/dev/full")
    assert p.returncode == 1
    assert p.stderr == "rostrum: /dev/full: write failed: No space left on device\n"
    # A named pipe is written to, not replaced.
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo, "rb").read()))
    reader.start()
    hearing.ok("export", "speakers", "-o", fifo)
    reader.join(timeout=60)
    assert got and got[0].startswith(b'"id","item","item_code","name"')
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_new_exports_are_private_and_no_setuid_bit_is_copied(hearing, tmp_path):
    new = tmp_path / "new.md"
    hearing.ok("export", "summary", "-o", new)
    assert stat.S_IMODE(new.stat().st_mode) == 0o600
    old = tmp_path / "old.csv"
    old.write_text("old")
    os.chmod(old, 0o6755)
    hearing.ok("export", "speakers", "-o", old)
    assert stat.S_IMODE(old.stat().st_mode) == 0o755
    assert old.read_text().startswith('"id","item"')
    assert files(tmp_path) == ["new.md", "old.csv", "t.db", "t.db-shm", "t.db-wal"]


# ---- opening ------------------------------------------------------------------

def hold_write_lock(path):
    """Another writer in the middle of a long transaction."""
    con = sqlite3.connect(path, timeout=0, isolation_level=None)
    con.execute("BEGIN IMMEDIATE")
    return con


def test_reads_need_no_lock(hearing, tmp_path):
    con = hold_write_lock(hearing.db)
    try:
        for args in (["queue", "list", "thematic-1"], ["meeting", "show", "--json"],
                     ["stakeholder", "list"], ["journal"], ["agenda", "list"],
                     ["export", "summary", "--format", "json"]):
            p = hearing.run(*args)
            assert p.returncode == 0 and p.stderr == "", (args, p.stderr)
    finally:
        con.rollback()
        con.close()


def test_a_write_waits_and_then_gives_up_clearly(hearing):
    con = hold_write_lock(hearing.db)
    try:
        before = dump(hearing.db)
        p = hearing.run("note", "thematic-1", "held", env={"ROSTRUM_WAIT": "1"})
        assert p.returncode == 1
        assert p.stderr == (f"rostrum: {hearing.db}: another rostrum kept the meeting busy "
                            "for 1 s (the wait limit); nothing done, try again\n")
        assert "locked" not in p.stderr
        assert dump(hearing.db) == before
    finally:
        con.rollback()
        con.close()


def test_a_write_waits_for_a_long_transaction_to_end(hearing):
    """The old 3-second wait failed with "database is locked"; now the write
    waits (up to its limit) and goes through once the other one commits."""
    con = hold_write_lock(hearing.db)
    proc = subprocess.Popen([BIN, "--db", hearing.db, "note", "thematic-1", "waited"],
                            env=hearing.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        # Released only once the waiting process has certainly met the lock
        # and outlived the old limit: it is still waiting then.
        with pytest.raises(subprocess.TimeoutExpired):
            proc.wait(timeout=4)
    finally:
        con.rollback()
        con.close()
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert out.strip().isdigit() and err == ""
    assert [o["text"] for o in hearing.json("outcome", "list", "--json")] == ["waited"]


@pytest.mark.parametrize("args", [["meeting", "show"], ["display"], ["export", "summary"]])
def test_reads_do_not_upgrade_an_older_schema(hearing, args):
    con = sqlite3.connect(hearing.db)
    con.execute("PRAGMA user_version = 5")
    con.close()
    with open(hearing.db, "rb") as f:
        before = f.read()
    p = hearing.run(*args)
    assert p.returncode == 2
    current = re.search(r"#define RS_SCHEMA_VERSION (\d+)",
                        (ROOT / "include" / "rostrum" / "db.h").read_text()).group(1)
    assert p.stderr == (f"rostrum: {hearing.db}: database schema version 5 is older than this "
                        f"rostrum's ({current}): a read never changes the file; open it once with a "
                        "command that writes (the TUI, or any change) to upgrade it\n")
    with open(hearing.db, "rb") as f:
        assert f.read() == before


@pytest.fixture
def world_readable_folder():
    """A folder outside pytest's private one, so another user can reach it."""
    path = tempfile.mkdtemp(prefix="rostrum-shared-")
    os.chmod(path, 0o755)
    yield pathlib.Path(path)
    shutil.rmtree(path)


def test_reads_work_in_a_folder_the_reader_cannot_write(world_readable_folder):
    if os.geteuid() != 0 or not shutil.which("setpriv"):
        pytest.skip("needs root to become another user")
    from conftest import Rostrum
    tmp_path = world_readable_folder
    folder = tmp_path / "meetings"
    folder.mkdir()
    r = Rostrum(tmp_path)
    r.db = str(folder / "m.db")
    r.ok("init", "--title", "Shared")
    r.new_id("agenda", "add", "--title", "Opening", "--code", "opening")
    for name in os.listdir(folder):  # the file and its -wal and -shm
        os.chmod(folder / name, 0o644)
    os.chmod(folder, 0o755)
    home = tmp_path / "nobody-home"
    home.mkdir()
    os.chmod(home, 0o777)
    env = dict(r.env, HOME=str(home))
    with open(r.db, "rb") as f:  # as bytes: opening it with SQLite here would make a -wal
        before = f.read()
    for args in (["meeting", "show"], ["agenda", "list", "--json"],
                 ["export", "summary", "--format", "json"]):
        p = subprocess.run(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                            BIN, "--db", r.db] + args, env=env, capture_output=True,
                           text=True, timeout=60)
        assert p.returncode == 0 and p.stderr == "", (args, p.stderr)
    assert "Shared" in subprocess.run(
        ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", BIN, "--db", r.db,
         "meeting", "show"], env=env, capture_output=True, text=True, timeout=60).stdout
    with open(r.db, "rb") as f:
        assert f.read() == before


@pytest.mark.parametrize("args", [["meeting", "show"], ["note", "x", "text"], ["display"],
                                  ["export", "summary", "-o", "-"]])
def test_a_foreign_sqlite_file_is_refused_untouched(r, args):
    con = sqlite3.connect(r.db)
    con.execute("CREATE TABLE accounts(id INTEGER PRIMARY KEY, owner TEXT)")
    con.execute("INSERT INTO accounts(owner) VALUES ('someone else')")
    con.commit()
    con.close()
    with open(r.db, "rb") as f:
        before = f.read()
    p = r.run(*args)
    assert p.returncode == 2
    assert p.stderr == f"rostrum: {r.db}: not a rostrum database\n"
    with open(r.db, "rb") as f:
        assert f.read() == before  # still in its own journal mode, not switched to WAL
    assert not os.path.exists(r.db + "-wal")


@pytest.mark.parametrize("args", [["meeting", "show"], ["note", "x", "text"], ["display"],
                                  ["stakeholder", "add", "--name", "A"]])
def test_an_empty_file_is_refused_untouched(r, args):
    open(r.db, "wb").close()
    p = r.run(*args)
    assert p.returncode == 2
    assert p.stderr == (f"rostrum: {r.db}: an empty file, not a rostrum database "
                        "(rostrum init creates one)\n")
    assert os.path.getsize(r.db) == 0


def test_text_that_is_not_sqlite_is_refused_untouched(r):
    with open(r.db, "w") as f:
        f.write("minutes of the last meeting\n" * 10)
    p = r.run("meeting", "show")
    assert p.returncode == 2
    assert p.stderr == f"rostrum: {r.db}: not a rostrum database (not SQLite)\n"
    with open(r.db) as f:
        assert f.read() == "minutes of the last meeting\n" * 10


def test_init_leaves_no_file_when_it_fails(r, tmp_path):
    p = r.run("init", "--date", "16 May")
    assert p.returncode == 2
    assert files(tmp_path) == []
    r.ok("init", "--title", "Hearing")
    assert files(tmp_path) == ["t.db", "t.db-shm", "t.db-wal"]
    p = r.run("init", "--title", "Again")
    assert p.returncode == 2
    assert p.stderr == f"rostrum: {r.db}: already exists; rostrum init never overwrites\n"
    assert r.json("meeting", "show", "--json")["title"] == "Hearing"


# ---- output that does not arrive ------------------------------------------------

@pytest.mark.parametrize("args", [["stakeholder", "list"], ["meeting", "show", "--json"],
                                  ["export", "summary"], ["--help"]])
def test_a_full_stdout_is_a_failure(hearing, args):
    with open("/dev/full", "w") as full:
        p = subprocess.run([BIN, "--db", hearing.db] + args, env=hearing.env, stdout=full,
                           stderr=subprocess.PIPE, text=True, timeout=60)
    assert p.returncode == 1, p.stderr
    assert p.stderr.endswith("write failed: No space left on device\n"), p.stderr


def test_a_new_id_that_cannot_be_printed_is_a_failure(hearing):
    with open("/dev/full", "w") as full:
        p = subprocess.run([BIN, "--db", hearing.db, "note", "thematic-1", "kept"],
                           env=hearing.env, stdout=full, stderr=subprocess.PIPE, text=True,
                           timeout=60)
    assert p.returncode == 1
    assert p.stderr == "rostrum: stdout: write failed: No space left on device\n"
    # The action itself was done (and journalled); only its id was lost.
    assert [o["text"] for o in hearing.json("outcome", "list", "--json")] == ["kept"]


def test_at_most_64_people_by_one_option(hearing):
    args = []
    for _ in range(65):
        args += ["--by", "1"]
    p = hearing.run("recommend", "thematic-1", "too many", *args)
    assert p.returncode == 2 and "--by: at most 64 people" in p.stderr
    assert hearing.json("outcome", "list", "--json") == []
