"""What the command line can do, the moderator's keys do, through the same
core calls: checked in the database after each key.  (The notes, roster
and nominations panes have theirs in their own tests: several pledgers,
an outcome's parties and objectives, a walk-in's region and email, a
nomination for another role.)"""
import json
import sqlite3

import pytest

from conftest import Rostrum, tui_env

T0 = 1652711400


@pytest.fixture
def r(tmp_path):
    r = Rostrum(tmp_path)
    r.ok("init", "--title", "Hearing", "--date", "2022-05-16")
    r.new_id("agenda", "add", "--title", "Thematic discussion I", "--code", "thematic-1")
    for name, sector, email in [("Ana Ruiz", "migrant", "ana@x.org"),
                                ("Ben Okoro", "academia", "ben@x.org"),
                                ("Pat Panel", "trade_union", "pat@x.org"),
                                ("Rita Reply", "faith", "rita@x.org")]:
        r.new_id("stakeholder", "add", "--name", name, "--sector", sector, "--email", email)
    return r


def listing(r):
    return r.json("queue", "list", "thematic-1", "--json")


def start(screen, r):
    t = screen.start(tui_env(r), ["--db", r.db], 100, 30)
    screen.wait_for(t, "Queue  ")
    return t


def add(screen, t, typed, name, kind=None, slot=None):
    screen.keys(t, "a")
    screen.wait_for(t, "type to search the roster")
    screen.type(t, typed)
    screen.wait_for(t, f"{name} —")
    screen.keys(t, "Enter")
    screen.wait_for(t, "As what?")
    if kind:
        screen.type(t, kind)
        screen.wait(t, lambda s: " 1 of 1 " in s, what=f"{kind} alone in the chooser")
    screen.keys(t, "Enter")
    if slot is not None:
        screen.wait_for(t, "The slot they fill")
        screen.type(t, slot)
        screen.keys(t, "Enter")
    screen.wait_for(t, f": {name} on 'Thematic discussion I'")  # the status line


def test_speakers_added_as_what_they_are(screen, r):
    t = start(screen, r)
    add(screen, t, "ana", "Ana Ruiz")  # from the floor: the default
    add(screen, t, "pat", "Pat Panel", kind="panel", slot="Trade unions")
    add(screen, t, "ben", "Ben Okoro", kind="opening", slot="")
    got = {e["name"]: (e["kind"], e["slot"], e["programme_order"]) for e in listing(r)}
    assert got == {"Ana Ruiz": ("floor", None, 0),
                   "Pat Panel": ("panel", "Trade unions", 1),
                   "Ben Okoro": ("opening", None, 2)}
    # The programme's speakers first, in their order, then the floor.
    assert [e["name"] for e in listing(r)] == ["Pat Panel", "Ben Okoro", "Ana Ruiz"]
    screen.keys(t, "n")
    screen.wait_for(t, "now speaking: Pat Panel")
    add(screen, t, "rita", "Rita Reply", kind="reply")
    first = next(e for e in listing(r) if e["position"] == 1)
    assert (first["name"], first["kind"], first["reply_to"]) == \
        ("Rita Reply", "reply", next(e["id"] for e in listing(r) if e["name"] == "Pat Panel"))


def test_the_next_line_counts_the_programme_as_the_list_does(screen, r):
    for who in ["pat@x.org", "ben@x.org", "ana@x.org"]:
        r.new_id("queue", "add", "thematic-1", who, "--kind", "panel", now=T0)
    t = start(screen, r)
    screen.keys(t, "n")
    screen.wait_for(t, "now speaking: Pat Panel")
    screen.keys(t, "n")
    s = screen.wait_for(t, "now speaking: Ben Okoro")
    # Two heard already: the third of three, on the screen as in the list.
    reason = next(e["reason"] for e in listing(r) if e["name"] == "Ana Ruiz")
    assert reason == "programme: panellist 3 of 3"
    assert f"Next: Ana Ruiz — {reason}" in s


def test_end_give_floor_and_the_policy(screen, r):
    for who in ["ana@x.org", "ben@x.org", "pat@x.org"]:
        r.new_id("queue", "add", "thematic-1", who, now=T0)
    t = start(screen, r)
    screen.keys(t, "n")
    screen.wait_for(t, "now speaking: Ana Ruiz")
    # f: the selected waiting entry (Pat, two down) speaks now.
    screen.keys(t, "j")
    screen.keys(t, "f")
    screen.wait_for(t, "Give the floor to Pat Panel now (the speech going on ends)?")
    screen.keys(t, "y")
    screen.wait_for(t, "now speaking: Pat Panel")
    states = {e["name"]: e["state"] for e in listing(r)}
    assert states == {"Ana Ruiz": "spoken", "Pat Panel": "speaking", "Ben Okoro": "waiting"}
    # E: the speech ends and nobody is called.
    screen.keys(t, "E")
    screen.wait_for(t, "speech ended; n calls the next")
    assert {e["name"]: e["state"] for e in listing(r)}["Pat Panel"] == "spoken"
    assert not [e for e in listing(r) if e["state"] == "speaking"]
    # P: the choice as it stands is marked and selected first, so that
    # Enter alone changes nothing.
    before = r.json("agenda", "list", "--json")[0]["policy"]
    screen.keys(t, "P")
    s = screen.wait_for(t, "How is the floor of thematic-1")
    assert "this item: follow the meeting's policy (now)" in s
    assert "the meeting: fifo (now) (first come, first heard)" in s
    assert s.count("(now)") == 2
    screen.keys(t, "Enter")
    screen.wait_for(t, "the floor of thematic-1 Thematic discussion I: the meeting's policy")
    assert r.json("agenda", "list", "--json")[0]["policy"] == before
    # The item's own policy, then the meeting's: the choices are read and
    # moved through with k and j, as every list.
    screen.keys(t, "P")
    screen.wait_for(t, "How is the floor of thematic-1")
    screen.keys(t, "k")  # from following the meeting's, up to balanced
    screen.wait_for(t, " 3 of 7 ")
    screen.keys(t, "Enter")
    screen.wait_for(t, "the floor of thematic-1 Thematic discussion I: balanced")
    assert r.json("agenda", "list", "--json")[0]["policy"] == "balanced"
    screen.keys(t, "P")
    screen.wait_for(t, "How is the floor of thematic-1")
    screen.keys(t, "j", "j", "j")  # from the item's balanced down to the meeting's first_time
    screen.wait_for(t, " 6 of 7 ")
    screen.keys(t, "Enter")
    screen.wait_for(t, "the meeting's floor: first_time")
    assert json.loads(r.ok("meeting", "show", "--json"))["policy"] == "first_time"


def test_a_form_request_that_names_no_item_is_placed(screen, r, tmp_path):
    csv = tmp_path / "form.csv"
    csv.write_text("name,sector,email,wants_to_speak,speak_on,registered_at\n"
                   "Nadia Noitem,youth,nadia@x.org,yes,,2022-04-20T09:00:00Z\n")
    p = r.run("import", "roster", csv, check=0)
    assert "1 request to speak names no item (line 2)" in p.stderr
    t = start(screen, r)
    screen.keys(t, "2")  # from another pane
    screen.wait_for(t, "Organization")
    screen.keys(t, "R")
    s = screen.wait_for(t, "Requests that name no item")
    assert "Nadia Noitem — no organisation, youth; asked 20 Apr 09:00" in s
    screen.keys(t, "Enter")
    screen.wait_for(t, "form request placed: Nadia Noitem on 'Thematic discussion I'")
    e, = listing(r)
    assert (e["name"], e["requested_at"]) == ("Nadia Noitem", "2022-04-20T09:00:00Z")
    assert r.json("queue", "requests", "--json") == []
    con = sqlite3.connect(r.db)
    assert con.execute("SELECT from_form FROM queue_entry").fetchone()[0] == 1


def test_closing_over_requests_waiting_says_how_many_go_unheard(screen, r):
    for who in ["ana@x.org", "ben@x.org", "pat@x.org"]:
        r.new_id("queue", "add", "thematic-1", who, now=T0)
    r.ok("agenda", "open", "thematic-1", now=T0)
    t = start(screen, r)
    screen.keys(t, "1")
    screen.wait_for(t, "forecast end")
    screen.keys(t, "c")
    s = screen.wait_for(t, "Close thematic-1?")
    assert "3 still waiting will not be heard." in s
    screen.keys(t, "n")
    screen.wait_gone(t, "still waiting")
    assert not r.json("agenda", "list", "--json")[0]["ended_at"]
    r.ok("queue", "start", "thematic-1", now=T0)
    screen.keys(t, "3")
    screen.wait(t, lambda s: "Ana Ruiz" in s.split("\n")[2], what="Ana Ruiz speaking")
    screen.keys(t, "1")
    screen.wait_for(t, "forecast end")
    screen.keys(t, "c")
    s = screen.wait_for(t, "Ana Ruiz is speaking: end the speech and close thematic-1?")
    assert "2 still waiting will not be heard." in s
    screen.keys(t, "y")
    screen.wait_for(t, "ended thematic-1 and the speech going on")
    assert r.json("agenda", "list", "--json")[0]["ended_at"]


def test_the_last_item_is_ended_by_its_key(screen, r):
    r.new_id("queue", "add", "thematic-1", "ana@x.org", now=T0)
    r.ok("queue", "start", "thematic-1", now=T0)
    t = start(screen, r)
    screen.keys(t, "1")
    screen.wait_for(t, "forecast end")
    screen.keys(t, "c")
    screen.wait_for(t, "Ana Ruiz is speaking: end the speech and close thematic-1?")
    screen.keys(t, "y")
    screen.wait_for(t, "ended thematic-1 and the speech going on")
    item = r.json("agenda", "list", "--json")[0]
    assert item["ended_at"] and listing(r)[0]["state"] == "spoken"
    assert json.loads(r.ok("meeting", "show", "--json"))["current_item"] is None


def test_a_point_of_order_given_the_floor_interrupts_and_n_gives_it_back(screen, r):
    for who in ["ana@x.org", "ben@x.org"]:
        r.new_id("queue", "add", "thematic-1", who, now=T0)
    t = start(screen, r)
    screen.keys(t, "n")
    screen.wait_for(t, "now speaking: Ana Ruiz")
    poo = r.new_id("queue", "add", "thematic-1", "rita@x.org", "--kind", "point_of_order")
    screen.wait_for(t, "Next: Rita Reply — point of order")
    screen.keys(t, "k")  # the selection followed Ben down: up to the point of order
    screen.keys(t, "f")
    screen.wait_for(t, "Rita Reply's point of order now? (Ana Ruiz's speech pauses)")
    screen.keys(t, "y")
    s = screen.wait_for(t, "floor to Rita Reply, a point of order; Ana Ruiz's speech"
                           " interrupted")
    assert "Next: Ana Ruiz — interrupted by a point of order: resumes after it" in s
    states = {e["name"]: e["state"] for e in listing(r)}
    assert states == {"Ana Ruiz": "paused", "Rita Reply": "speaking", "Ben Okoro": "waiting"}
    screen.keys(t, "n")
    s = screen.wait_for(t, "Rita Reply's point of order ended; floor back to Ana Ruiz")
    assert "Next: Ben Okoro" in s
    states = {e["id"]: e["state"] for e in listing(r)}
    assert states[poo] == "spoken"
    assert {e["name"]: e["state"] for e in listing(r)}["Ana Ruiz"] == "speaking"
