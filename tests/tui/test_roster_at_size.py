"""The roster and the picker over a crowd (1,200 people): a filter typed in
one burst, End, pages back and Home land on the rows that sorting every match
gives; and screens that re-read what another terminal changed, the same people
kept in view, a pane hidden meanwhile brought up to date when shown."""
import csv

import pytest

from conftest import Rostrum, open_tui

CROWD = 1200
ZOES = 40  # "Zoe Zed 01" ... sorted after everyone else
SHOWN = 20  # the rows of the pane at 80x24


def names():
    people = [f"Person {i:04d}" for i in range(CROWD - ZOES)]
    return people + [f"Zoe Zed {i:02d}" for i in range(1, ZOES + 1)]


@pytest.fixture
def crowd(tmp_path):
    r = Rostrum(tmp_path)
    r.ok("init", "--title", "Crowd")
    r.ok("agenda", "add", "--title", "Thematic discussion I", "--code", "t1")
    path = tmp_path / "crowd.csv"
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["name", "sector", "email"])
        for i, name in enumerate(names()):
            w.writerow([name, "academia", f"p{i}@example.org"])
    r.ok("import", "roster", path)
    return r


def open_roster(screen, r):
    t = open_tui(screen, r)
    screen.keys(t, "2")
    screen.wait_for(t, f"1 of {CROWD}")
    return t


def shown_names(s):
    """The names in the pane's rows, top to bottom."""
    rows = s.splitlines()[3:-1]
    return [" ".join(line.split()[:3 if line.startswith("Zoe") else 2]) for line in rows
            if line.startswith(("Person", "Zoe", "Aaa"))]


def test_filter_typed_at_once_then_end_pages_and_home(screen, crowd):
    t = open_roster(screen, crowd)
    screen.keys(t, "/")
    screen.wait_for(t, "/_")
    screen.type(t, "zoe")  # one write: the filter searched once, when drawn
    s = screen.wait_for(t, f"/zoe_  1 of {ZOES}")
    zoes = [n for n in names() if n.startswith("Zoe")]
    assert shown_names(s) == zoes[:SHOWN]
    screen.keys(t, "End")
    s = screen.wait_for(t, f"{ZOES} of {ZOES}")
    assert shown_names(s) == zoes[-SHOWN:]
    screen.keys(t, "PPage")  # a page is the rows less one: still in view
    s = screen.wait_for(t, f"{ZOES - SHOWN + 1} of {ZOES}")
    assert shown_names(s) == zoes[-SHOWN:]
    screen.keys(t, "PPage")  # above the window: read before it
    s = screen.wait_for(t, f"2 of {ZOES}")
    assert shown_names(s) == zoes[1:SHOWN + 1]
    screen.keys(t, "Home")
    s = screen.wait_for(t, f"1 of {ZOES}")
    assert shown_names(s) == zoes[:SHOWN]


def test_the_whole_crowd_end_and_back(screen, crowd):
    t = open_roster(screen, crowd)
    everyone = names()
    screen.keys(t, "End")
    s = screen.wait_for(t, f"{CROWD} of {CROWD}")
    assert shown_names(s) == everyone[-SHOWN:]
    for _ in range(3):
        screen.keys(t, "PPage")
    sel = CROWD - 3 * (SHOWN - 1)  # the selection, at the top of the window
    s = screen.wait_for(t, f"{sel} of {CROWD}")
    assert shown_names(s) == everyone[sel - 1:sel - 1 + SHOWN]


def test_someone_added_before_keeps_the_same_people_in_view(screen, crowd):
    t = open_roster(screen, crowd)
    screen.keys(t, "End")
    s = screen.wait_for(t, f"{CROWD} of {CROWD}")
    before = shown_names(s)
    crowd.ok("stakeholder", "add", "--name", "Aaa First", "--sector", "academia")
    s = screen.wait_for(t, f"{CROWD + 1} of {CROWD + 1}", timeout=3)
    assert shown_names(s) == before  # still the last person, selected


def test_a_hidden_pane_shows_what_changed_meanwhile(screen, crowd):
    t = open_tui(screen, crowd)  # the queue
    screen.wait_for(t, "Waiting (0)")
    crowd.ok("stakeholder", "add", "--name", "Aaa Newcomer", "--sector", "academia",
             "--present")
    screen.keys(t, "2")
    s = screen.wait_for(t, f"1 of {CROWD + 1}")
    assert s.splitlines()[3].startswith("Aaa Newcomer") and "in room" in s.splitlines()[3]


def test_a_name_changed_elsewhere_shows_on_the_list(screen, crowd):
    crowd.ok("queue", "add", "t1", "p5@example.org")
    t = open_tui(screen, crowd)
    screen.wait_for(t, "Person 0005")
    crowd.ok("stakeholder", "edit", "p5@example.org", "--name", "Renamed Speaker")
    screen.wait_for(t, "Renamed Speaker", timeout=3)


def test_the_picker_over_the_crowd(screen, crowd):
    t = open_tui(screen, crowd)
    screen.wait_for(t, "Waiting (0)")
    screen.keys(t, "a")
    screen.wait_for(t, f"1 of {CROWD}")
    screen.type(t, "zoe zed")
    screen.wait_for(t, f"1 of {ZOES}")
    screen.keys(t, "End")
    screen.wait_for(t, f"{ZOES} of {ZOES}")
    screen.keys(t, "Enter")
    screen.wait_for(t, "As what?")
    screen.keys(t, "Enter")  # from the floor
    screen.wait_for(t, f"Zoe Zed {ZOES:02d}")
    listing = crowd.json("queue", "list", "t1", "--json")
    assert [e["name"] for e in listing] == [f"Zoe Zed {ZOES:02d}"]
