"""The TUI's forms follow the input rules of every other reader: the core
refuses, the status line says why, and nothing is stored."""
from test_roster_pane import by_name, open_roster


def test_walk_in_name_longer_than_the_limit_is_refused(screen, hearing):
    t = open_roster(screen, hearing)
    screen.keys(t, "a")
    screen.wait_for(t, "Walk-in")
    screen.type(t, "N" * 1001)
    screen.keys(t, "Tab", "Tab")
    screen.type(t, "academia")
    screen.keys(t, "Enter")
    s = screen.wait_for(t, "Name: 1001 bytes; at most 1000")
    assert "required" not in s  # the rule that was broken, nothing else
    assert not [s for s in by_name(hearing, "N" * 1001)]
