"""`rostrum demo` (what `make demo` runs): the 2022 hearing, at 80x24, each
of 1-5 showing its pane, and the roster filtered to António Vitorino."""
from conftest import ROOT, Rostrum, display_width, tui_env


def test_demo_opens_the_2022_hearing(screen, tmp_path):
    r = Rostrum(tmp_path)
    env = tui_env(r, XDG_DATA_HOME=str(tmp_path / "xdg"), ROSTRUM_DATA=str(ROOT / "data"))
    t = screen.start(env, ["demo"], 80, 24)
    screen.wait_for(t, "1 Agenda")
    assert (tmp_path / "xdg" / "rostrum" / "demo.db").exists()
    for key, shows in [("1", "Thematic discussion I"), ("2", "Organization"),
                       ("3", "No item open"), ("4", "nominees,"), ("5", "No current item")]:
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
    assert row[0][display_width(header[:org]):].startswith("International O")
    screen.keys(t, "Escape", "q")
    assert screen.dead_status(t) == 0
