"""The live room: looking is not acting, keys that do what they say from
every pane and as they are bound, a terminal that never freezes or quits
with a draft, forms that keep what was typed, people found as they are
typed."""
import re
import time

import pytest

from conftest import Rostrum, capture_styled, style_of, tui_env

T0 = 1652711400  # 2022-05-16T14:30:00Z


@pytest.fixture
def room(tmp_path):
    """Two items; Ana speaks on thematic-1, Ben and Carla wait."""
    r = Rostrum(tmp_path)
    r.ok("init", "--title", "Hearing", "--date", "2022-05-16")
    r.new_id("agenda", "add", "--title", "Thematic discussion I", "--code", "thematic-1")
    r.new_id("agenda", "add", "--title", "Thematic discussion II", "--code", "thematic-2")
    for name, sector in [("Ana Ruiz", "migrant"), ("Ben Okoro", "academia"),
                         ("Carla Mendes", "civil_society")]:
        who = r.new_id("stakeholder", "add", "--name", name, "--sector", sector)
        r.new_id("queue", "add", "thematic-1", str(who), now=T0 - 10)
    r.ok("queue", "start", "thematic-1", now=T0)
    return r


def live_item(r):
    return next((i["code"] for i in r.json("agenda", "list", "--json")
                 if i["id"] == r.json("meeting", "show", "--json")["current_item"]), None)


def test_browsing_another_items_notes_moves_nobody(screen, room):
    moderator = screen.start(tui_env(room), ["--db", room.db], 80, 24)
    screen.wait_for(moderator, "1 Agenda")
    taker = screen.start(tui_env(room), ["--db", room.db], 80, 24)
    screen.wait_for(taker, "Queue  thematic-1")
    projector = screen.start(tui_env(room), ["--db", room.db, "display"], 80, 24)
    screen.wait_for(projector, "thematic-1  Thematic discussion I")
    screen.keys(taker, "1", "Down", "Enter")  # thematic-2, on the note-taker's screen
    s = screen.wait_for(taker, "viewing here only: thematic-2")
    assert "Key points" in s
    screen.keys(taker, "a")
    screen.wait_for(taker, "Add what?")
    screen.keys(taker, "Enter")  # a key point
    screen.wait_for(taker, "Ctrl-D or F2 save")
    screen.type(taker, "Prepared ahead for the afternoon")
    screen.keys(taker, "C-d")
    screen.wait_for(taker, "added note")
    notes = {o["item_code"]: o["text"] for o in room.json("outcome", "list", "--json")}
    assert notes == {"thematic-2": "Prepared ahead for the afternoon"}
    # Nobody else moved: the meeting, the moderator's queue, the projector.
    assert live_item(room) == "thematic-1"
    screen.keys(moderator, "3")
    s = screen.wait_for(moderator, "Queue  thematic-1")
    assert "Ana Ruiz" in s.split("\n")[2]
    for _ in range(3):  # through a few polls of the database
        time.sleep(0.4)
        s = screen.capture(projector)
        assert "thematic-1  Thematic discussion I" in s and "Ana Ruiz" in s
        assert "thematic-2" not in s
    # Enter on the live item follows it again.
    screen.keys(taker, "1", "Up", "Enter")
    s = screen.wait(taker, lambda s: "Notes  thematic-1" in s, what="the live item's notes")


def test_opening_an_item_asks_about_the_speech_going_on(screen, room):
    t = screen.start(tui_env(room), ["--db", room.db], 80, 24)
    screen.wait_for(t, "Queue  thematic-1")
    screen.keys(t, "1", "Down", "o")
    s = screen.wait_for(t, "Ana Ruiz is speaking: open thematic-2?")
    assert "End Ana Ruiz's speech, then open thematic-2" in s
    screen.keys(t, "Escape")  # nothing happens
    screen.wait_gone(t, "is speaking: open")
    assert live_item(room) == "thematic-1"
    screen.keys(t, "o")
    screen.wait_for(t, "Carry Ana Ruiz's speech over")
    screen.keys(t, "Down", "Enter")
    screen.wait_for(t, "live now: thematic-2")
    assert live_item(room) == "thematic-2"
    speaking = [e for e in room.json("queue", "list", "thematic-2", "--json")
                if e["state"] == "speaking"]
    assert [e["name"] for e in speaking] == ["Ana Ruiz"]


MODERATOR_KEYS = {"next-speaker": "F5", "pause": "F6", "end-speech": "F7", "give-floor": "F8",
                  "absent": "X", "withdraw": "W", "point-of-order": "F9", "move-up": "U",
                  "move-down": "D", "requests": "F10", "policy": "F11", "quit": "Q",
                  "help": "F1"}


def test_rebound_moderator_keys_are_hinted_and_work(screen, room, tmp_path):
    conf = tmp_path / "keys.conf"
    conf.write_text("bind {\n" + "".join(f'\t{a} = "{k}"\n' for a, k in
                                         MODERATOR_KEYS.items()) + "}\n")
    t = screen.start(tui_env(room), ["--db", room.db, "--config", conf], 220, 30)
    s = screen.wait_for(t, "F5 next")
    hints = s.rstrip().splitlines()[-1]
    for want in ["F5 next", "F6 pause", "F8 give floor", "F7 end", "F9 point of order",
                 "X absent", "W withdraw", "U/D move", "F10 requests", "F11 policy",
                 "Q quit", "F1 help"]:
        assert want in hints, (want, hints)
    assert " n next" not in hints and "? help" not in hints
    # The new keys act; the old ones no longer do.
    screen.keys(t, "n")
    time.sleep(0.3)
    assert [e["name"] for e in room.json("queue", "list", "thematic-1", "--json")
            if e["state"] == "speaking"] == ["Ana Ruiz"]
    screen.keys(t, "F5")
    screen.wait_for(t, "now speaking: Ben Okoro")
    screen.keys(t, "F7")
    screen.wait_for(t, "speech ended")
    assert [e["state"] for e in room.json("queue", "list", "thematic-1", "--json")
            if e["name"] == "Ben Okoro"] == ["spoken"]
    screen.keys(t, "Q")
    screen.wait_for(t, "Quit rostrum?")
    screen.keys(t, "y")
    assert screen.dead_status(t) == 0


def test_hints_keep_help_in_view_at_80_columns(screen, room):
    t = screen.start(tui_env(room), ["--db", room.db], 80, 24)
    screen.wait_for(t, "1 Agenda")
    for pane in "12345":
        screen.keys(t, pane)
        time.sleep(0.2)
        last = screen.wait(t, lambda s: "? help" in s.rstrip().splitlines()[-1],
                           what=f"? help on pane {pane}").rstrip().splitlines()[-1]
        assert last.rstrip().endswith("? help"), last


def test_moderator_keys_work_from_every_pane(screen, room):
    t = screen.start(tui_env(room), ["--db", room.db], 80, 24)
    screen.wait_for(t, "Queue  thematic-1")
    for pane, want in [("1", "Ben Okoro"), ("2", "Carla Mendes")]:
        screen.keys(t, pane)
        time.sleep(0.2)
        screen.keys(t, "n")
        screen.wait_for(t, f"now speaking: {want}")
    screen.keys(t, "5", "Space")
    screen.wait_for(t, "paused")
    assert [e["state"] for e in room.json("queue", "list", "thematic-1", "--json")
            if e["name"] == "Carla Mendes"] == ["paused"]
    screen.keys(t, "4", "x")  # needs the selection: says where to go
    screen.wait_for(t, "mark the entry absent: select the entry in Queue (3)")


def test_a_refusal_too_long_for_the_status_line_is_shown_whole(screen, room):
    """At 80 columns the status line leaves a message 58: a refusal longer
    than that is shown whole in a band just above it, in the refusal's
    colours, with the clock and the hints still below; the next key gives
    the pane its rows back."""
    t = screen.start(tui_env(room), ["--db", room.db], 80, 24)
    screen.wait_for(t, "Queue  thematic-1")
    screen.keys(t, "1", "f")
    said = "give the floor to the selected entry now: select the entry in Queue (3)"
    s = screen.wait_for(t, said)
    rows = s.rstrip("\n").split("\n")
    assert rows[-2].strip() == said
    assert rows[-1].rstrip().endswith("? help") and re.match(r"\d\d:\d\d ", rows[-1])
    styled = capture_styled(screen, t)
    cell = style_of(styled, said)
    assert (cell.fg, cell.bg) == (16, 220)  # the warning's black on amber
    screen.keys(t, "2")
    s = screen.wait_for(t, "Organization")
    assert "select the entry" not in s
    assert "Carla Mendes" in s


def test_a_name_cut_in_a_message_says_it_was_cut(screen, tmp_path):
    """A check-in naming someone with a 600-character name: the name is cut
    where the message keeps it, with an ellipsis, and what follows it
    ("u undoes") stays; the band above the status line shows it whole."""
    r = Rostrum(tmp_path)
    r.ok("init", "--title", "Hearing")
    name = " ".join(f"Name{k:02d}" for k in range(86))  # 601 characters
    r.new_id("stakeholder", "add", "--name", name, "--sector", "academia")
    t = screen.start(tui_env(r), ["--db", r.db], 80, 24)
    screen.wait_for(t, "1 Agenda")
    screen.keys(t, "2", "i")
    s = screen.wait_for(t, "(u undoes)")
    rows = s.rstrip("\n").split("\n")
    at = next(k for k, row in enumerate(rows) if row.startswith(" checked in: Name00"))
    said = " ".join(row.strip() for row in rows[at:-1])
    assert re.fullmatch(r"checked in: Name00 Name01 [A-Za-z0-9 ]+… \(u undoes\)", said), said
    assert re.match(r"\d\d:\d\d ", rows[-1])


def test_flow_control_keys_do_not_freeze_the_screen(screen, room):
    t = screen.start(tui_env(room), ["--db", room.db], 80, 24)
    screen.wait_for(t, "Queue  thematic-1")
    screen.keys(t, "C-s")
    screen.keys(t, "1")
    screen.wait_for(t, "forecast end")  # drawn: the output was not stopped
    screen.keys(t, "C-q", "2")
    screen.wait_for(t, "Organization")


def new_note(screen, t):
    """The notes pane's editor opened on a new key point."""
    screen.keys(t, "a")
    screen.wait_for(t, "Add what?")
    screen.keys(t, "Enter")
    screen.wait_for(t, "Ctrl-D or F2 save")


def write_then_answer(screen, t, typed, key, question, answer):
    """Types into the editor, presses key and answers the question it asks:
    the screen once the question is gone."""
    screen.type(t, typed)
    screen.wait_for(t, typed)
    screen.keys(t, key)
    screen.wait_for(t, question)
    screen.keys(t, answer)
    return screen.wait_gone(t, question)


def test_ctrl_c_asks_before_a_draft_is_lost(screen, room):
    t = screen.start(tui_env(room), ["--db", room.db], 80, 24)
    screen.wait_for(t, "1 Agenda")
    screen.keys(t, "5")
    new_note(screen, t)
    s = write_then_answer(screen, t, "half a thought", "C-c",
                          "Quit and lose what is being written?", "n")
    assert "half a thought" in s  # the draft is back, as it was
    screen.type(t, ", finished")
    screen.keys(t, "C-d")
    screen.wait_for(t, "added note")
    assert [o["text"] for o in room.json("outcome", "list", "--json")] == \
        ["half a thought, finished"]
    screen.keys(t, "C-c")  # nothing being written: quits at once
    assert screen.dead_status(t) == 0


def test_esc_asks_before_notes_being_written_are_thrown_away(screen, room):
    t = screen.start(tui_env(room), ["--db", room.db], 80, 24)
    screen.wait_for(t, "1 Agenda")
    screen.keys(t, "5")
    new_note(screen, t)
    screen.keys(t, "Escape")  # nothing written yet: closes at once
    screen.wait_gone(t, "Ctrl-D or F2 save")
    new_note(screen, t)
    # Answered no, the draft is back, as it was, and goes on.
    s = write_then_answer(screen, t, "five minutes of notes", "Escape",
                          "Throw away what is being written?", "n")
    assert "five minutes of notes" in s
    screen.type(t, ", kept")
    screen.keys(t, "C-d")
    screen.wait_for(t, "added note")
    new_note(screen, t)
    write_then_answer(screen, t, "a false start", "Escape", "Throw away what is being written?",
                      "y")  # thrown away: nothing saved
    s = screen.wait_gone(t, "Ctrl-D or F2 save")
    assert "a false start" not in s
    assert [o["text"] for o in room.json("outcome", "list", "--json")] == \
        ["five minutes of notes, kept"]


def test_nothing_reaches_a_prompt_while_the_terminal_is_too_small(screen, room):
    t = screen.start(tui_env(room), ["--db", room.db], 80, 24)
    screen.wait_for(t, "Queue  thematic-1")
    screen.resize(t, 40, 12)
    screen.wait_for(t, "terminal too small")
    screen.keys(t, "5", "a", "Enter")
    screen.type(t, "typed blind")
    screen.keys(t, "C-d", "n")
    time.sleep(0.3)
    screen.resize(t, 80, 24)
    s = screen.wait_for(t, "Queue  thematic-1")
    assert "Add what?" not in s and "Ctrl-D" not in s
    assert room.json("outcome", "list", "--json") == []
    assert [e["name"] for e in room.json("queue", "list", "thematic-1", "--json")
            if e["state"] == "speaking"] == ["Ana Ruiz"]


def test_a_refused_walk_in_form_keeps_what_was_typed(screen, room):
    t = screen.start(tui_env(room), ["--db", room.db], 100, 30)
    screen.wait_for(t, "1 Agenda")
    screen.keys(t, "2", "a")
    screen.wait_for(t, "Walk-in")
    for value in ["Zoë Walker", "Comité des migrants", "nosuch", "Africa", "ke", "woman",
                  "zoe@example.org"]:
        screen.type(t, value)
        screen.keys(t, "Tab")
    screen.keys(t, "Enter")
    # A sector is one of a list too long to read under the form: the list
    # is offered, by label and code.
    s = screen.wait_for(t, "Sector: choose one")
    assert "unknown sector 'nosuch'" in s  # why, under the title
    assert "Trade unions  (trade_union)" in s and "Zoë Walker" not in s
    screen.keys(t, "Escape")
    # Back in the form with what was typed, the refusal under it.
    s = screen.wait_for(t, "Sector: unknown sector 'nosuch'; one of: migrant")
    for kept in ["Zoë Walker", "Comité des migrants", "Africa", "zoe@example.org"]:
        assert kept in s
    # The cursor is on the sector: it alone is typed again.
    screen.keys(t, *["BSpace"] * 6)
    screen.type(t, "unions")
    screen.keys(t, "Enter")
    screen.wait_for(t, "unknown sector 'unions'")
    screen.type(t, "trade")
    s = screen.wait_for(t, "1 of 1")
    # Narrowed: the other sectors are gone from the list (the roster behind
    # it names them too, by label alone).
    assert "Trade unions  (trade_union)" in s and "Academia  (academia)" not in s
    screen.keys(t, "Enter")
    s = screen.wait_for(t, "Sector            trade_union")
    assert "unknown sector" not in s
    screen.keys(t, "Enter")
    screen.wait_for(t, "added Zoë Walker")
    zoe = next(s for s in room.json("stakeholder", "list", "--json") if s["name"] == "Zoë Walker")
    assert (zoe["organization"], zoe["sector"], zoe["region"], zoe["country"], zoe["gender"],
            zoe["email"]) == ("Comité des migrants", "trade_union", "Africa", "KE", "woman",
                              "zoe@example.org")


def test_the_picker_folds_letters_scrolls_and_tells_people_apart(screen, tmp_path):
    r = Rostrum(tmp_path)
    r.ok("init", "--title", "Hearing")
    r.new_id("agenda", "add", "--title", "Floor", "--code", "t")
    for name, org, country, email in [("Łukasz Nowak", "Polish Migrants", "PL", "l1@x.org"),
                                      ("Søren Berg", "Nordic Unions", "DK", "s1@x.org"),
                                      ("Søren Berg", "Nordic Unions", "NO", "s2@x.org"),
                                      ("Nguyễn Văn Đức", "Hanoi Forum", "VN", "d1@x.org")]:
        r.new_id("stakeholder", "add", "--name", name, "--org", org, "--country", country,
                 "--email", email, "--sector", "civil_society")
    for i in range(30):
        r.new_id("stakeholder", "add", "--name", f"Delegate {i:02d}", "--sector", "other")
    t = screen.start(tui_env(r), ["--db", r.db], 100, 30)
    screen.wait_for(t, "1 Agenda")
    screen.keys(t, "3", "a")
    screen.wait_for(t, "type to search the roster")
    screen.type(t, "lukasz")
    s = screen.wait_for(t, "Łukasz Nowak — Polish Migrants, PL, l1@x.org")
    assert " 1 of 1 " in s
    screen.keys(t, *["BSpace"] * 6)
    screen.type(t, "soren")
    s = screen.wait_for(t, " 1 of 2 ")
    # Two people of one name and organisation, told apart.
    assert "Søren Berg — Nordic Unions, DK, s1@x.org" in s
    assert "Søren Berg — Nordic Unions, NO, s2@x.org" in s
    screen.keys(t, *["BSpace"] * 5)
    screen.type(t, "duc")
    screen.wait_for(t, "Nguyễn Văn Đức")
    screen.keys(t, *["BSpace"] * 3)
    screen.type(t, "delegate")
    screen.wait_for(t, " 1 of 30 ")
    screen.keys(t, "PgDn", "PgDn")
    s = screen.wait_for(t, " 25 of 30 ")
    assert "Delegate 24" in s  # the list scrolled to the selection
    screen.keys(t, "Enter")
    screen.wait_for(t, "As what?")
    screen.keys(t, "Enter")
    screen.wait_for(t, "floor: Delegate 24 on 'Floor'")
    assert [e["name"] for e in r.json("queue", "list", "t", "--json")] == ["Delegate 24"]


def test_a_dumb_terminal_is_refused(screen, room):
    t = screen.start(tui_env(room), ["--db", room.db], 80, 24, term="dumb")
    assert screen.dead_status(t) == 1
    s = screen.capture(t)
    assert "terminal type 'dumb' cannot place text on the screen" in s


def test_an_unknown_terminal_type_is_refused_with_the_remedy(screen, room):
    """It said only "cannot use terminal type 'nonexistent-term'"."""
    t = screen.start(tui_env(room), ["--db", room.db], 80, 24, term="nonexistent-term")
    assert screen.dead_status(t) == 1
    s = screen.tmux("capture-pane", "-p", "-J", "-S", "-", "-t", t)  # wrapped lines joined
    assert ("terminal type 'nonexistent-term' is not known here (no terminfo entry); use a "
            "terminal such as xterm-256color, screen-256color or vt100") in s, s


def test_a_cut_name_says_so_at_120_columns(screen, tmp_path):
    r = Rostrum(tmp_path)
    r.ok("init", "--title", "Hearing")
    r.new_id("agenda", "add", "--title", "Floor", "--code", "t")
    who = r.new_id("stakeholder", "add", "--name", "Maximiliana Fernández-Oduya de la Cruz",
                   "--org", "International Organization for Migration", "--sector", "other")
    r.new_id("queue", "add", "t", str(who))
    t = screen.start(tui_env(r), ["--db", r.db], 120, 30)
    s = screen.wait_for(t, "Waiting (1)")
    row = next(line for line in s.splitlines() if line.startswith("  1. Maximiliana"))
    name, org = row[5:].split("…")[0], row[5:].split("…")[1].strip()
    assert "Maximiliana".startswith(name[:11]) and len(name) < 38, row
    assert org.startswith("Internati") and "…" in row.split(org[:9])[1], row
