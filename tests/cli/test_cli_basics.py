"""init, the global options, usage errors and exit codes."""
import os
import sqlite3
import stat


def test_init_creates_private_file_and_never_overwrites(r):
    assert r.ok("init", "--title", "Hearing", "--date", "2022-05-16") == ""
    assert stat.S_IMODE(os.stat(r.db).st_mode) == 0o600
    p = r.run("init", "--title", "Other")
    assert p.returncode == 2
    assert r.db in p.stderr and "already exists" in p.stderr
    title = sqlite3.connect(r.db).execute("SELECT title FROM meeting").fetchone()[0]
    assert title == "Hearing"


def test_init_with_bad_date_leaves_no_file(r):
    p = r.run("init", "--date", "2022-02-30")
    assert p.returncode == 2 and "--date" in p.stderr
    assert not os.path.exists(r.db)


def test_commands_refuse_a_missing_database(r):
    p = r.run("agenda", "list")
    assert p.returncode == 2 and "no such database" in p.stderr
    assert not os.path.exists(r.db)


def test_database_path_from_environment_then_xdg(r, tmp_path):
    env_db = str(tmp_path / "env.db")
    r.run("init", db=False, env={"ROSTRUM_DB": env_db}, check=0)
    assert os.path.exists(env_db)
    r.run("init", db=False, env={"XDG_DATA_HOME": str(tmp_path / "xdg")}, check=0)
    assert os.path.exists(tmp_path / "xdg" / "rostrum" / "rostrum.db")


def test_usage_errors_exit_2_with_one_line(hearing):
    for args in (["frobnicate"], ["queue"], ["queue", "add", "thematic-1"],
                 ["agenda", "add"], ["queue", "list", "nope"],
                 ["queue", "add", "thematic-1", "nobody@example.org"],
                 ["agenda", "list", "--bogus"], ["queue", "withdraw", "abc"],
                 ["queue", "policy", "random"], ["nomination", "set", "1", "elected"]):
        p = hearing.run(*args)
        assert p.returncode == 2, args
        assert len(p.stderr.strip().splitlines()) == 1, (args, p.stderr)
        assert p.stderr.startswith("rostrum: "), p.stderr


def test_help_and_version(r):
    out = r.ok("--help", db=False)
    for cmd in ("init", "import roster", "queue policy", "export speakers", "display"):
        assert cmd in out
    assert r.ok("--version", db=False).startswith("rostrum ")


def test_runtime_failure_exits_1(hearing, tmp_path):
    p = hearing.run("export", "summary", "--format", "json", "-o",
                    str(tmp_path / "no" / "such" / "dir" / "r.json"))
    assert p.returncode == 1 and "r.json" in p.stderr


def test_newer_schema_is_refused(hearing):
    con = sqlite3.connect(hearing.db)
    con.execute("PRAGMA user_version = 42")
    con.close()
    p = hearing.run("agenda", "list")
    assert p.returncode == 2 and "newer" in p.stderr


def test_agenda_and_stakeholders(hearing):
    items = hearing.json("agenda", "list", "--json")
    assert [(i["code"], i["start"], i["end"]) for i in items] == [
        ("thematic-1", "2022-05-16T10:30", "2022-05-16T13:00")]
    people = hearing.json("stakeholder", "list", "--json")
    assert [p["name"] for p in people] == ["Ana Ruiz", "Ben Okoro", "王芳"]
    assert people[0]["sector"] == "migrant"
    lines = hearing.ok("stakeholder", "list").splitlines()
    assert len(lines) == 3 and "王芳" in lines[2]
    p = hearing.run("stakeholder", "add", "--name", "X", "--email", "ana@example.org")
    assert p.returncode == 2 and "ana@example.org" in p.stderr
    p = hearing.run("stakeholder", "add", "--name", "X", "--sector", "astronauts")
    assert p.returncode == 2 and "sector" in p.stderr
    p = hearing.run("agenda", "add", "--title", "Bad", "--start", "25:00")
    assert p.returncode == 2 and "25:00" in p.stderr
    assert len(hearing.json("stakeholder", "list", "--json")) == 3


def test_a_command_s_help_shows_its_usage(r):
    # It said "unknown option ... near '--help'" (exit 2), and without a
    # database "no such database".
    p = r.run("note", "--help")
    assert (p.returncode, p.stderr) == (0, "")
    assert p.stdout == "  note ITEM TEXT [--theme T]...\n      record a key point\n"
    group = r.run("queue", "-h")
    names = [l.split()[:2] for l in group.stdout.splitlines() if l.startswith("  queue ")]
    assert group.returncode == 0 and ["queue", "add"] in names and ["queue", "next"] in names
    assert r.run("nope", "--help").returncode == 2
    assert not os.path.exists(r.db)


def test_an_item_added_takes_its_place_in_time(hearing, tmp_path):
    """Added last, a coffee at 09:00 came after the closing and made the
    programme's planned end 09:30; a programme file keeps its own order."""
    r = hearing
    r.new_id("agenda", "add", "--title", "Closing", "--code", "closing", "--start", "17:50",
             "--end", "18:00")
    r.new_id("agenda", "add", "--title", "Coffee", "--code", "coffee", "--start", "09:00",
             "--end", "09:30")
    r.new_id("agenda", "add", "--title", "Tea", "--code", "tea", "--start", "16:00")
    r.new_id("agenda", "add", "--title", "Any other business", "--code", "aob")
    codes = [i["code"] for i in r.json("agenda", "list", "--json")]
    assert codes == ["coffee", "thematic-1", "tea", "closing", "aob"]
    assert r.ok("undo").startswith("undone: added item")
    r.ok("undo")  # tea, then aob gone: the others keep their places
    assert [i["code"] for i in r.json("agenda", "list", "--json")] == \
        ["coffee", "thematic-1", "closing"]
    prog = tmp_path / "p.conf"
    prog.write_text('item "late" { title = "Late" start = "16:00" end = "17:00" }\n'
                    'item "early" { title = "Early" start = "09:00" end = "10:00" }\n')
    other = ["--db", str(tmp_path / "o.db")]
    r.ok(*other, "init", "--title", "Other", "--date", "2022-05-16", db=False)
    r.ok(*other, "import", "agenda", str(prog), db=False)
    assert [i["code"] for i in r.json(*other, "agenda", "list", "--json", db=False)] == \
        ["late", "early"]
