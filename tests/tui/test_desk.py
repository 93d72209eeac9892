"""The registration desk on the forms' roster (the registrations fixtures,
with their namesakes: two Amina Ndiaye, three Andrés Campbell), several
desks on one file: the other desk is the command line.  Whatever the other
desks do, a key acts on the person this desk sees selected."""
import re

import pytest

from conftest import FIXTURES, ROOT, Rostrum, capture_styled, styled_rows, tui_env

FIRST_DATA_ROW = 3  # below the tab bar, the pane's title and the column titles


@pytest.fixture
def desk(tmp_path):
    r = Rostrum(tmp_path)
    r.ok("init", "--title", "IMRF hearing", "--date", "2022-05-16")
    r.ok("import", "agenda", ROOT / "data" / "programmes" / "imrf-2022.conf")
    r.ok("import", "roster", FIXTURES / "registrations.csv")
    r.ok("import", "roster", FIXTURES / "registrations-messy.csv")
    r.new_id("stakeholder", "add", "--name", "Aaa Early", "--sector", "youth")
    return r


def open_roster(screen, r):
    t = screen.start(tui_env(r), ["--db", r.db], 80, 24)
    screen.wait_for(t, "1 Agenda")
    screen.keys(t, "2")
    screen.wait_for(t, "Organization")
    return t


def show(screen, t, view):
    """v and the view chosen as the desk does, read and moved to (g, then
    j down the list); waits for the header to name it."""
    screen.keys(t, "v")
    s = screen.wait_for(t, "Show")
    labels = [m.group(1) for m in re.finditer(r"│\s*([a-z][a-z ]*?) \(\d+\)", s)]
    screen.keys(t, "g", *["j"] * labels.index(view), "Enter")
    if view == "everyone":
        return screen.wait(t, lambda s: "Roster  [" not in s and "Show" not in s, what=view)
    return screen.wait_for(t, f"[{view}]")


def selected_line(screen, t):
    """The pane's row drawn selected (a background or reverse video; a
    message's band above the status line starts with a blank)."""
    rows = styled_rows(capture_styled(screen, t))[FIRST_DATA_ROW:-1]
    chosen = ["".join(ch for ch, _ in row).rstrip() for row in rows
              if row and row[0][0] != " " and (row[0][1].bg is not None or row[0][1].reverse)]
    assert len(chosen) == 1, chosen
    return chosen[0]


def position(s):
    """The header's "5 of 212" as (5, 212)."""
    m = re.search(r"(\d+) of (\d+)", s.splitlines()[1])
    return int(m.group(1)), int(m.group(2))


def fifth_row(screen, t):
    """g, then j four times: row 5 selected; its line."""
    screen.keys(t, "g")
    s = screen.wait(t, lambda s: position(s)[0] == 1, what="row 1")
    screen.keys(t, "j", "j", "j", "j")
    s = screen.wait(t, lambda s: position(s)[0] == 5, what="row 5")
    return selected_line(screen, t), position(s)[1]


def person(r, line):
    """The one person of the roster a screen row shows (name and organization)."""
    who = [p for p in r.json("stakeholder", "list", "--json")
           if line.startswith(p["name"]) and (p["organization"] or "")[:12] in line]
    assert len(who) == 1, (line, who)
    return who[0]


def said(s):
    """The status line and the band above it, as one line of words."""
    return " ".join(" ".join(s.splitlines()[-4:]).split())


def present(r):
    return sorted(p["id"] for p in r.json("stakeholder", "list", "--json") if p["present"])


def test_the_selection_stays_on_the_person_as_other_desks_change_the_roster(screen, desk):
    t = open_roster(screen, desk)
    show(screen, t, "not yet present")
    before, total = fifth_row(screen, t)
    # Another desk checks in someone listed above: they leave this view.
    desk.ok("stakeholder", "checkin", "Aaa Early")
    screen.wait(t, lambda s: position(s) == (4, total - 1), what=f"4 of {total - 1}")
    assert selected_line(screen, t) == before
    # Another desk checks in the one selected here: the selection goes to
    # their neighbour, and the status line says so.
    gone = person(desk, before)
    desk.ok("stakeholder", "checkin", str(gone["id"]))
    s = screen.wait_for(t, "left this view")
    now = selected_line(screen, t)
    neighbour = person(desk, now)
    assert neighbour["id"] != gone["id"] and not neighbour["present"]
    told = said(s)
    assert f"{gone['name']} ({gone['organization']}) left this view" in told
    assert f"{neighbour['name']} ({neighbour['organization'][:8]}" in told
    # A key pressed as the highlight moved acts on nobody: it names who is
    # selected now; pressed again, it acts on them.
    checked_in = present(desk)
    screen.keys(t, "i")
    s = screen.wait_for(t, "i again acts on them")
    assert present(desk) == checked_in
    screen.keys(t, "i")
    screen.wait_for(t, f"checked in: {neighbour['name']}")
    assert present(desk) == sorted(checked_in + [neighbour["id"]])

    # Everyone: another desk adds a namesake of the first row, above the
    # one selected.
    show(screen, t, "everyone")
    before, total = fifth_row(screen, t)
    desk.new_id("stakeholder", "add", "--name", "Aaa Early", "--sector", "youth")
    screen.wait(t, lambda s: position(s) == (6, total + 1), what=f"6 of {total + 1}")
    assert selected_line(screen, t) == before
    screen.keys(t, "e")
    screen.wait_for(t, "Edit (sector")
    assert person(desk, before)["organization"][:12] in screen.capture(t)
    screen.keys(t, "Escape")


def test_after_an_action_takes_someone_out_of_the_view_the_next_key_names_who_is_selected(
        screen, desk):
    t = open_roster(screen, desk)
    show(screen, t, "not yet present")
    screen.keys(t, "g", "j", "j")
    screen.wait(t, lambda s: position(s)[0] == 3, what="row 3")
    bekele = person(desk, selected_line(screen, t))
    assert bekele["name"] == "Amina Bekele"
    # A walk-in, checked in, is not in this view: e does not edit the one
    # selected instead, unsaid.
    screen.keys(t, "a")
    screen.wait_for(t, "Walk-in")
    screen.type(t, "Walkin Hidden")
    screen.keys(t, "Tab", "Tab")
    screen.type(t, "youth")
    screen.keys(t, "Enter")
    # Named as the journal names a person, not by their row's id.
    screen.wait_for(t, "added Walkin Hidden, checked in")
    assert person(desk, selected_line(screen, t))["id"] == bekele["id"]
    screen.keys(t, "e")
    s = screen.wait_for(t, "e again acts on them")
    assert "Edit (sector" not in s
    assert ("Walkin Hidden is not in this view: Amina Bekele (Permanent Mission (SN)) is "
            "selected now") in said(s)
    screen.keys(t, "e")
    s = screen.wait_for(t, "Edit (sector")
    assert "Permanent Mission (SN)" in s
    screen.keys(t, "Escape")
    screen.wait_gone(t, "Edit (sector")
    # i checks her in; she leaves the view, her neighbour is not checked in
    # by a second i.
    screen.keys(t, "i")
    screen.wait_for(t, "checked in: Amina Bekele (u undoes)")
    mensah = person(desk, selected_line(screen, t))
    assert mensah["name"] == "Amina Mensah"
    screen.keys(t, "i")
    s = screen.wait_for(t, "i again acts on them")
    assert "Amina Bekele is not in this view: Amina Mensah (Red Crescent" in said(s)
    assert bekele["id"] in present(desk) and mensah["id"] not in present(desk)
    # u gives her back to the view, selected.
    screen.keys(t, "u")
    screen.wait_for(t, "Undo the last change made here?")
    screen.keys(t, "y")
    screen.wait_for(t, "undone: ")
    screen.wait(t, lambda s: position(s)[0] == 3, what="row 3 again")
    assert person(desk, selected_line(screen, t))["id"] == bekele["id"]
    assert bekele["id"] not in present(desk)


def test_a_key_that_acts_on_someone_in_an_empty_view_says_there_is_nobody(screen, desk):
    t = open_roster(screen, desk)
    s = show(screen, t, "taking part online")
    assert "0 of 0" in s
    for key in ("i", "e", "d", "A", "O"):
        screen.keys(t, key)
        s = screen.wait_for(t, f"{key}: nobody in this view to act on (v: another view)")
        assert "Delete" not in s and "Edit (" not in s and "Accreditation of" not in s
    show(screen, t, "everyone")
    screen.keys(t, "/")
    screen.wait_for(t, "/_")
    screen.type(t, "zzzz")
    screen.keys(t, "Enter")
    screen.wait_for(t, "0 of 0")
    screen.keys(t, "i")
    screen.wait_for(t, "i: nobody matches the filter to act on (Esc clears it)")
    assert not present(desk)

