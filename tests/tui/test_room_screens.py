"""Who is in the room, on the screens: an online speaker marked in the queue
and on the projector (and the moderator warned when an online speaker is
next), the language of the current and next speakers in the interpreters'
one-line view, changed with L; the desk's keys in the roster (check in and
undo, a walk-in checked in at once, the pending view and an approval with A)
and a floor that holds back those not accredited, with the reason."""
import json

import pytest

from conftest import Rostrum, capture_styled, open_tui, style_of, tui_env

ITEM = "thematic-1"


@pytest.fixture
def room(tmp_path):
    r = Rostrum(tmp_path)
    r.ok("init", "--title", "Hearing", "--date", "2022-05-16")
    r.new_id("agenda", "add", "--title", "Thematic discussion I", "--code", ITEM)
    for name, sector, langs, way, accreditation in [
            ("Amina Diallo", "migrant", "fr;en", "online", "gcm"),
            ("Ben Okoro", "academia", "ar", "online", "gcm"),
            ("Carla Ruiz", "civil_society", "es;en", "in_room", "ecosoc"),
            ("Pia Pending", "civil_society", "en", "in_room", "pending")]:
        r.new_id("stakeholder", "add", "--name", name, "--sector", sector, "--languages", langs,
                 "--participation", way, "--accreditation", accreditation)
    return r


def queue_all(r, *people):
    return [r.new_id("queue", "add", ITEM, str(p), now=1652709600 + i)
            for i, p in enumerate(people)]


def start_display(screen, r, *args, cols=100, rows=30):
    t = screen.start(tui_env(r), ["--db", r.db, "display"] + list(args), cols, rows)
    screen.wait_for(t, "Hearing" if not args else "Now:")
    return t


def test_online_speaker_marked_in_queue_projector_and_languages_for_the_booths(screen, room):
    queue_all(room, 1, 2, 3)
    room.ok("queue", "start", ITEM)  # Amina speaks, online, in French; Ben is next, online
    t = open_tui(screen, room, 100, 30)
    screen.keys(t, "3")
    s = screen.wait_for(t, "ONLINE: open the remote channel")
    speaker = s.split("Next:")[0]
    assert "Amina Diallo" in speaker and "ONLINE" in speaker and "in French" in speaker
    next_line = next(line for line in s.splitlines() if line.startswith("Next:"))
    assert next_line.startswith("Next: Ben Okoro ONLINE: open the remote channel"), next_line
    rows = [line for line in s.splitlines() if line.lstrip().startswith(("1.", "2."))]
    assert rows[0].rstrip().endswith("floor online AR"), rows
    assert rows[1].rstrip().endswith("floor ES"), rows
    # The warning has the warning's colours, readable from across the room.
    warn = style_of(capture_styled(screen, t), "ONLINE: open")
    assert warn.bg is not None, warn
    # Every pane's status line says it too.
    screen.keys(t, "2")
    screen.wait_for(t, "next online: Ben Okoro")

    # The projector: the speaker online and in what language; Ben marked.
    d = start_display(screen, room)
    s = screen.wait_for(d, "ONLINE · French")
    assert "A m i n a   D i a l l o" in s or "Amina Diallo" in s
    assert "1. Ben Okoro — Academia · online · AR" in s
    assert "2. Carla Ruiz — Civil society organizations · ES" in s

    # The booths: one line, the language of who speaks and who is next.
    b = start_display(screen, room, "--interpreters", cols=160, rows=4)
    line = screen.wait_for(b, "Next: Arabic").splitlines()[0]
    assert line.startswith("Now: French — Amina Diallo (online), "), line
    assert "Next: Arabic — Ben Okoro (online)" in line and "Then: Spanish — Carla Ruiz" in line

    # L in the queue: Ben will speak English after all; the booths follow.
    screen.keys(t, "3")
    screen.wait_for(t, "Waiting (2)")
    screen.keys(t, "L")
    screen.wait_for(t, "The language of whose intervention?")
    screen.keys(t, "Down", "Enter")
    screen.wait_for(t, "Language of Ben Okoro's intervention")
    screen.type(t, "English")
    screen.keys(t, "Enter")
    screen.wait_for(t, "in English: Ben Okoro on 'Thematic discussion I'")  # not "entry 2"
    screen.wait_for(b, "Next: English — Ben Okoro (online)")
    ben = next(e for e in room.json("queue", "list", ITEM, "--json") if e["name"] == "Ben Okoro")
    assert ben["language"] == "en"
    # O: Ben comes to the room after all; the warning goes.
    screen.keys(t, "O")
    screen.wait_for(t, "Who speaks online, or in the room?")
    screen.keys(t, "Down", "Enter")
    screen.wait_for(t, "Ben Okoro speaks in the room")
    screen.wait_gone(t, "open the remote channel")
    screen.wait_for(d, "1. Ben Okoro — Academia · EN")
    screen.keys(t, "n")  # Ben is called: the booths show him now
    screen.wait_for(b, "Now: English — Ben Okoro, ")


def test_the_desk_turning_someone_to_the_room_is_journalled_in_words(screen, room):
    """O in the Roster journalled the stored code ('Amina Diallo: in_room')."""
    t = open_tui(screen, room, 100, 30)
    screen.keys(t, "2")
    screen.wait_for(t, "1 of 4")
    screen.keys(t, "O")  # Amina, the first row, online until now
    screen.wait_for(t, "Amina Diallo takes part in the room")
    last = room.json("journal", "--json")[-1]
    assert (last["action"], last["summary"]) == ("stakeholder.participation",
                                                 "Amina Diallo: in the room")


def test_desk_checks_in_with_one_key_undoes_and_adds_a_walk_in(screen, room):
    t = open_tui(screen, room, 100, 30)
    screen.keys(t, "2")
    screen.wait_for(t, "1 of 4")
    screen.keys(t, "i")  # Amina, the first row
    s = screen.wait_for(t, "checked in: Amina Diallo")
    amina = next(line for line in s.splitlines() if line.startswith("Amina Diallo"))
    assert "online" in amina  # present, online
    people = {p["name"]: p for p in room.json("stakeholder", "list", "--json")}
    assert people["Amina Diallo"]["present"] is True and people["Amina Diallo"]["checked_in_at"]
    # u asks first, naming the change; a word typed by mistake keeps it
    # (the M of "Mansour" answers no, as Esc does); y takes it back.
    screen.keys(t, "u")
    s = screen.wait_for(t, "Undo the last change made here?")
    assert "stakeholder.checkin: Amina Diallo" in s
    screen.type(t, "M")
    screen.wait_for(t, "nothing undone: 'M' is not y")
    assert [p["name"] for p in room.json("stakeholder", "list", "--present", "--json")] == \
        ["Amina Diallo"]
    screen.keys(t, "u")
    screen.wait_for(t, "Undo the last change made here?")
    screen.keys(t, "y")
    screen.wait_for(t, "undone")
    assert not room.json("stakeholder", "list", "--present", "--json")
    screen.keys(t, "Down", "i")  # Ben
    screen.wait_for(t, "checked in: Ben Okoro")
    screen.keys(t, "i")  # again: out, asked first
    screen.wait_for(t, "Check Ben Okoro out (not present any more)?")
    screen.keys(t, "y")
    screen.wait_for(t, "checked out: Ben Okoro")
    assert not room.json("stakeholder", "list", "--present", "--json")
    # A walk-in: the form's last field says present, yes.
    screen.keys(t, "a")
    screen.wait_for(t, "Walk-in")
    screen.type(t, "Walt Walkin")
    screen.keys(t, "Tab", "Tab")
    screen.type(t, "youth")
    screen.keys(t, "Enter")
    screen.wait_for(t, "added Walt Walkin, checked in")
    walt, = room.json("stakeholder", "list", "--present", "--json")
    assert (walt["name"], walt["participation"], walt["sector"]) == ("Walt Walkin", "in_room",
                                                                       "youth")
    events = [e["action"] for e in room.json("journal", "--json")]
    assert events[-1] == "stakeholder.add" and "stakeholder.checkin" not in events[-1:]


def test_pending_approved_from_the_roster_and_the_floor_holds_them_back(screen, room):
    entries = queue_all(room, 4, 3)  # Pia (pending) asked first, then Carla
    room.ok("meeting", "set", "--require-accreditation", "yes")
    t = open_tui(screen, room, 100, 30)
    screen.keys(t, "3")
    s = screen.wait_for(t, "held: pending")
    next_line = next(line for line in s.splitlines() if line.startswith("Next:"))
    assert next_line.startswith("Next: Carla Ruiz"), next_line
    pia = next(line for line in s.splitlines() if "Pia Pending" in line)
    assert pia.startswith("  -") and "held: pending" in pia, pia
    held = next(e for e in room.json("queue", "list", ITEM, "--json") if e["id"] == entries[0])
    assert held["reason"] == ("held back: accreditation pending; the meeting requires an "
                              "accreditation to take the floor")
    # The desk: the pending view, with its count, and an approval.
    screen.keys(t, "2", "v")
    s = screen.wait_for(t, "accreditation pending (1)")
    assert "everyone (4)" in s and "accredited (3)" in s
    screen.keys(t, *["j"] * 4)  # the views are read, and moved through with j
    screen.wait_for(t, " 5 of 8 ")
    screen.keys(t, "Enter")
    s = screen.wait_for(t, "[accreditation pending]")
    assert "Pia Pending" in s and "Amina Diallo" not in s
    screen.keys(t, "A")
    s = screen.wait_for(t, "Accreditation of Pia Pending (now pending)")
    screen.keys(t, "Enter")  # the choice starts on approving: imrf_new
    screen.wait_for(t, "Pia Pending: accreditation 'Awaiting non-objection' → 'Newly accredited")
    pia = next(p for p in room.json("stakeholder", "list", "--json") if p["name"] == "Pia Pending")
    assert pia["accreditation"] == "imrf_new" and pia["accreditation_at"]
    assert "stakeholder.accredit" in [e["action"] for e in room.json("journal", "--json")]
    screen.wait_for(t, "No one in this view")
    # Back in the queue she comes first again: her request was first.
    screen.keys(t, "3")
    s = screen.wait(t, lambda s: "held:" not in s and "Next: Pia Pending" in s, what="Pia next")
    listing = room.json("queue", "list", ITEM, "--json")
    assert [e["id"] for e in listing] == entries and not listing[0]["held"]
    assert json.loads(room.ok("meeting", "show", "--json"))["require_accreditation"] is True


@pytest.mark.parametrize("policy", ["fifo", "balanced"])
def test_an_accreditation_recorded_elsewhere_moves_the_next_speaker(screen, room, policy):
    """The queue pane reads the list's head past those held back, from where its last read
    found the first it could call: a decision at the desk's terminal (here the command
    line) shows on the moderator's at once, and undone, is undone there."""
    queue_all(room, 4, 3)  # Pia (pending) asked first, then Carla
    room.ok("meeting", "set", "--require-accreditation", "yes", "--policy", policy)
    t = open_tui(screen, room, 100, 30)
    screen.keys(t, "3")
    s = screen.wait_for(t, "held: pending")
    assert "Next: Carla Ruiz" in s
    room.ok("stakeholder", "accredit", "Pia Pending", "imrf_new")
    s = screen.wait(t, lambda s: "Next: Pia Pending" in s and "held:" not in s, what="Pia next")
    rows = [line for line in s.splitlines() if line.lstrip().startswith(("1.", "2."))]
    assert "Pia Pending" in rows[0] and "Carla Ruiz" in rows[1], rows
    room.ok("undo")
    s = screen.wait(t, lambda s: "Next: Carla Ruiz" in s and "held: pending" in s,
                    what="Pia held back again")
    # Held back, her line is muted: not the colours of those who can be called.
    styled = capture_styled(screen, t)
    assert style_of(styled, "Pia Pending") != style_of(styled, "Carla Ruiz")
    assert [e["held"] for e in room.json("queue", "list", ITEM, "--json")] == [False, True]
