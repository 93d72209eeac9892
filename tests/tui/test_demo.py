"""`rostrum demo` (what `make demo` runs): the 2022 hearing, at 80x24, each
of 1-5 showing its pane, and the roster filtered to António Vitorino."""
import re

from conftest import ROOT, Rostrum, display_width, quit_tui, tui_env


def test_demo_opens_the_2022_hearing(screen, tmp_path):
    r = Rostrum(tmp_path)
    env = tui_env(r, XDG_DATA_HOME=str(tmp_path / "xdg"), ROSTRUM_DATA=str(ROOT / "data"))
    t = screen.start(env, ["demo"], 80, 24)
    screen.wait_for(t, "1 Agenda")
    assert (tmp_path / "xdg" / "rostrum" / "demo.db").exists()
    for key, shows in [("1", "Thematic discussion I"), ("2", "Organization"),
                       ("3", "not open yet, n opens it: opening"), ("4", "nominees,"), ("5", "not open yet: opening Opening segment")]:
        screen.keys(t, key)
        screen.wait_for(t, shows)
    screen.keys(t, "1")
    screen.wait_for(t, "forecast end")
    screen.keys(t, "2", "/")
    screen.type(t, "Vitorino")
    s = screen.wait_for(t, "1 of 1")
    lines = s.splitlines()
    header = lines[2]
    row = [line for line in lines[3:-1] if line.strip()]
    assert len(row) == 1 and row[0].startswith("António Vitorino")
    org = header.index("Organization")
    # The organization starts under its title, counted in display columns.
    assert display_width(row[0][:display_width(header[:org])]) == display_width(header[:org])
    # Cut to its column, with a mark that says so.
    assert row[0][display_width(header[:org]):].startswith("International O…")
    screen.keys(t, "Escape")
    quit_tui(screen, t)
    assert screen.dead_status(t) == 0


def test_demo_hearing_is_ready_to_run(screen, tmp_path):
    """The panels are queued: the queue pane shows the opening's speakers in
    the programme's order, and n gives the floor to the first."""
    r = Rostrum(tmp_path)
    env = tui_env(r, XDG_DATA_HOME=str(tmp_path / "xdg"), ROSTRUM_DATA=str(ROOT / "data"))
    t = screen.start(env, ["demo"], 100, 30)
    s = screen.wait_for(t, "Waiting (3)")
    assert "Next: Abdulla Shahid — programme: opening speaker 1 of 3" in s
    # Opened years after its day, the pace says the item ran past its end,
    # not by how many thousand hours.
    assert "3 waiting, days past the planned end" in s, s
    assert not re.search(r"\d{3,}:\d\d:\d\d", s), s
    assert s.index("António Vitorino") < s.index("Marisol Quispe Huamán")
    db = str(tmp_path / "xdg" / "rostrum" / "demo.db")
    t1 = r.json("--db", db, "queue", "list", "thematic-1", "--json", db=False)
    assert [e["kind"] for e in t1[:13]] == ["panel"] * 13
    assert [e["reason"].split(",")[0] for e in t1[:2]] == [
        "programme: panellist 1 of 13", "programme: panellist 2 of 13"]
    t2 = r.json("--db", db, "queue", "list", "thematic-2", "--json", db=False)
    assert [e["slot"] for e in t2[:5]] == [
        "Africa regional review", "Americas regional review", "Asia-Pacific regional review",
        "European organization", "Arab regional review"]
    screen.keys(t, "n")
    s = screen.wait_for(t, "now speaking: Abdulla Shahid")
    assert "Opening, 5:00 allotted" in s
    assert r.json("--db", db, "agenda", "list", "--json", db=False)[0]["started_at"]
