"""The configuration file as the CLI reads it."""
import os

from conftest import ROOT


def test_no_config_at_all_works(r):
    r.ok("init")
    assert r.ok("queue", "policy").strip() == "fifo"


def test_broken_config_exits_2_with_file_and_line(r, tmp_path):
    conf = tmp_path / "bad.conf"
    conf.write_text("# rostrum\nwarning = 30\ncolour = maybe\n")
    p = r.run("--config", conf, "init")
    assert p.returncode == 2
    assert p.stderr.startswith(f"{conf}:3:"), p.stderr
    conf.write_text("warning = 30\n\nspeaking-time {\n  floor = \"3:00\"\n  sermon = 5\n}\n")
    p = r.run("--config", conf, "init")
    assert p.returncode == 2 and f"{conf}:5:" in p.stderr


def test_named_config_must_exist(r, tmp_path):
    p = r.run("--config", tmp_path / "none.conf", "init")
    assert p.returncode == 2 and "none.conf" in p.stderr


def test_config_from_xdg_sets_the_database(r, tmp_path):
    confdir = tmp_path / "home" / ".config" / "rostrum"
    confdir.mkdir(parents=True)
    db = tmp_path / "from-config.db"
    (confdir / "rostrum.conf").write_text(f'database = "{db}"\n')
    r.run("init", db=False, check=0)
    assert db.exists()


def test_shipped_example_config_loads(r):
    r.run("--config", ROOT / "config" / "rostrum.conf", "init", check=0)


def test_a_key_bound_to_two_actions_is_refused(r, tmp_path):
    """checkin = "i c" took close-item's only key ('c'): the TUI gave it to
    one of them, and close-item could no longer be reached."""
    conf = tmp_path / "keys.conf"
    conf.write_text('# the desk\nbind {\n\tcheckin = "i c"\n}\n')
    p = r.run("--config", conf, "init", check=2)
    assert p.returncode == 2
    assert p.stderr.startswith(f"{conf}:3: checkin: key 'c' is close-item's by default; "
                               "bind close-item to another key"), p.stderr
    assert not os.path.exists(r.db)  # refused before anything is done
    # Giving close-item another key, or none, settles it.
    conf.write_text('bind {\n\tcheckin = "i c"\n\tclose-item = "C"\n}\n')
    r.ok("--config", conf, "init")
    # Two actions the file binds to one key: said at the second.
    conf.write_text('bind {\n\tquit = "Q"\n\n\tabsent = "X Q"\n}\n')
    p = r.run("--config", conf, "queue", "policy", check=2)
    assert p.returncode == 2
    assert p.stderr.startswith(f"{conf}:4: absent: key 'Q' is quit's too (line 2)"), p.stderr
