"""The commands that run a meeting: items opened and closed, the meeting's
own settings, the floor named with --expect, the speaking order, outcomes,
stakeholders, the journal and undo.  Each checked in the database."""
import json
import re
import sqlite3
import subprocess

import pytest

from conftest import BIN, dump

T0 = 1652709600  # 2022-05-16 10:00 in New York


def db(r, sql, *args):
    con = sqlite3.connect(r.db)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def holder(r, item="thematic-1"):
    return next((e for e in r.json("queue", "list", item, "--json")
                 if e["state"] in ("speaking", "paused")), None)


@pytest.fixture
def three(hearing):
    """Ana, Ben and 王芳 waiting on thematic-1, in that order."""
    for i, who in enumerate(["ana@example.org", "ben@example.org", "wang@example.org"]):
        hearing.new_id("queue", "add", "thematic-1", who, now=T0 + i)
    return hearing


# ---- items ----------------------------------------------------------------------

def test_start_opens_the_item_and_close_ends_it(three):
    three.ok("queue", "start", "thematic-1", now=T0 + 60)
    assert db(three, "SELECT a.code, a.started_at FROM meeting m JOIN agenda_item a"
                     " ON a.id = m.current_item_id") == [("thematic-1", T0 + 60)]
    p = three.run("agenda", "close", "thematic-1", now=T0 + 100)
    assert p.returncode == 2 and "Ana Ruiz (entry 1) is speaking on 'thematic-1'" in p.stderr
    three.ok("agenda", "close", "thematic-1", "--end-speech", now=T0 + 120)
    assert db(three, "SELECT started_at, ended_at FROM agenda_item") == [(T0 + 60, T0 + 120)]
    assert db(three, "SELECT current_item_id FROM meeting") == [(None,)]
    assert db(three, "SELECT state, ended_at FROM queue_entry WHERE id = 1") == \
        [("spoken", T0 + 120)]


def refused(r, *args, says):
    """The command is refused with one line saying `says`, and the
    database (the journal included) is as it was."""
    before = dump(r.db)
    p = r.run(*args)
    assert p.returncode == 2 and p.stderr.count("\n") == 1 and says in p.stderr, p.stderr
    assert dump(r.db) == before


def test_an_item_in_use_is_not_made_a_break(three):
    """Live (someone speaks, or it is the meeting's item) or with people
    waiting, an item does not become a break: nobody takes the floor in
    one.  Each refusal says what to do first."""
    three.ok("queue", "start", "thematic-1", now=T0 + 60)
    to_break = ("agenda", "set", "thematic-1", "--kind", "break")
    refused(three, *to_break, says="kind: 'Thematic discussion I' is live, Ana Ruiz has the"
            " floor: close it first ('agenda close thematic-1 --end-speech'), then make it"
            " a break")
    three.ok("queue", "end", "thematic-1", now=T0 + 90)
    refused(three, *to_break, says="kind: 'Thematic discussion I' is live: close it first"
            " ('agenda close thematic-1'), then make it a break")
    three.ok("agenda", "close", "thematic-1", now=T0 + 100)
    refused(three, *to_break, says="kind: 'Thematic discussion I' has 2 waiting to speak,"
            " and nobody takes the floor in a break: withdraw them first")
    for e in three.json("queue", "list", "thematic-1", "--json"):
        if e["state"] == "waiting":
            three.ok("queue", "withdraw", e["id"])
    three.ok(*to_break)
    assert db(three, "SELECT kind FROM agenda_item") == [("break",)]


def test_opening_another_item_asks_what_becomes_of_the_speech(three):
    three.new_id("agenda", "add", "--title", "Thematic discussion II", "--code", "thematic-2")
    three.ok("queue", "start", "thematic-1", now=T0 + 60)
    p = three.run("agenda", "open", "thematic-2", now=T0 + 70)
    assert p.returncode == 2 and "is speaking on 'thematic-1'" in p.stderr
    assert db(three, "SELECT code FROM meeting m JOIN agenda_item a"
                     " ON a.id = m.current_item_id") == [("thematic-1",)]
    three.ok("agenda", "open", "thematic-2", "--carry-speech", now=T0 + 80)
    assert holder(three, "thematic-2")["name"] == "Ana Ruiz"
    assert holder(three, "thematic-1") is None
    assert db(three, "SELECT code, ended_at FROM agenda_item ORDER BY id") == \
        [("thematic-1", T0 + 80), ("thematic-2", None)]
    p = three.run("agenda", "open", "thematic-2", "--end-speech", "--carry-speech")
    assert p.returncode == 2


def test_item_policy_overrides_the_meetings(three):
    three.ok("queue", "policy", "first_time")
    three.ok("agenda", "set", "thematic-1", "--policy", "balanced")
    item = three.json("agenda", "list", "--json")[0]
    assert item["policy"] == "balanced"
    reasons = [e["reason"] for e in three.json("queue", "list", "thematic-1", "--json")]
    assert reasons[0].startswith("migrants themselves first: none heard yet")
    assert all(re.search(r"(interventions, target [\d.]+%|first come);", r) for r in reasons[1:])
    three.ok("agenda", "set", "thematic-1", "--policy", "meeting")
    reasons = [e["reason"] for e in three.json("queue", "list", "thematic-1", "--json")]
    assert all("has not spoken yet" in r for r in reasons)
    p = three.run("agenda", "set", "thematic-1", "--end", "09:00")
    assert p.returncode == 2 and "end" in p.stderr
    assert three.json("agenda", "list", "--json")[0]["end"] == "2022-05-16T13:00"


# ---- the meeting's own settings ------------------------------------------------------

def test_meeting_settings_in_the_database(hearing):
    hearing.ok("meeting", "set", "--timezone", "Europe/Zurich", "--warning", "0:45",
               "--speaking-time", "floor=2:30", "--speaking-time", "reply=1:00")
    m = json.loads(hearing.ok("meeting", "show", "--json"))
    assert m["timezone"] == "Europe/Zurich" and m["warning_seconds"] == 45
    assert m["speaking_times"]["floor"] == 150 and m["speaking_times"]["reply"] == 60
    assert "speaking-time floor\t2:30" in hearing.ok("meeting", "show")
    for bad, field in [(["--timezone", "Mars/Olympus"], "--timezone"),
                       (["--timezone", "../../etc/passwd"], "--timezone"),
                       (["--speaking-time", "floor=0:00"], "--speaking-time"),
                       (["--speaking-time", "lecture=1:00"], "--speaking-time"),
                       (["--warning", "soon"], "--warning")]:
        p = hearing.run("meeting", "set", *bad)
        assert p.returncode == 2 and field in p.stderr, (bad, p.stderr)
    assert json.loads(hearing.ok("meeting", "show", "--json")) == m


def test_the_config_only_seeds_a_new_meeting(r, tmp_path):
    conf = tmp_path / "a.conf"
    conf.write_text('warning = 20\npolicy = "balanced"\nspeaking-time {\n\tfloor = "0:40"\n}\n')
    r.ok("--config", conf, "init")
    m = json.loads(r.ok("meeting", "show", "--json"))
    assert (m["warning_seconds"], m["policy"], m["speaking_times"]["floor"]) == \
        (20, "balanced", 40)
    other = tmp_path / "b.conf"
    other.write_text('speaking-time {\n\tfloor = "2:50"\n}\n')
    r.new_id("agenda", "add", "--title", "T", "--code", "t")
    who = r.new_id("stakeholder", "add", "--name", "Ana")
    r.new_id("--config", other, "queue", "add", "t", str(who))
    r.ok("--config", other, "queue", "start", "t", now=T0)
    # The terminal with the other config reads the meeting's 0:40.
    e = r.json("--config", other, "queue", "list", "t", "--json", now=T0 + 10)[0]
    assert e["seconds"] == 10
    assert db(r, "SELECT seconds FROM speaking_time WHERE kind = 'floor'") == [(40,)]


# ---- the floor, as the operator saw it ------------------------------------------

def test_expect_refuses_a_changed_floor_and_changes_nothing(three):
    three.ok("queue", "start", "thematic-1", "--expect", "none", now=T0 + 60)
    before = db(three, "SELECT id, state FROM queue_entry ORDER BY id")
    events = db(three, "SELECT count(*) FROM event")
    p = three.run("queue", "next", "thematic-1", "--expect", "2", now=T0 + 70)
    assert p.returncode == 2
    assert p.stderr == ("rostrum: the floor changed meanwhile: Ana Ruiz (entry 1) speaks now;"
                        " nothing done\n")
    p = three.run("queue", "start", "thematic-1", "--expect", "none")
    assert p.returncode == 2 and "Ana Ruiz (entry 1) speaks now" in p.stderr
    assert db(three, "SELECT id, state FROM queue_entry ORDER BY id") == before
    assert db(three, "SELECT count(*) FROM event") == events
    three.ok("queue", "next", "thematic-1", "--expect", "1", now=T0 + 80)
    assert holder(three)["name"] == "Ben Okoro"
    p = three.run("queue", "next", "thematic-1", "--expect", "banana")
    assert p.returncode == 2 and "--expect" in p.stderr


def test_give_move_and_requeue(three):
    three.ok("queue", "give", "3", now=T0 + 60)  # 王芳 before the others
    assert holder(three)["id"] == 3
    three.ok("queue", "move", "2", "--to", "1")
    assert [e["id"] for e in three.json("queue", "list", "thematic-1", "--json")
            if e["state"] == "waiting"] == [2, 1]
    three.ok("queue", "absent", "2")
    three.ok("queue", "requeue", "2")
    assert db(three, "SELECT state FROM queue_entry WHERE id = 2") == [("waiting",)]
    p = three.run("queue", "move", "2", "--to", "9")
    assert p.returncode == 2 and "place 9" in p.stderr
    p = three.run("queue", "give", "3")
    assert p.returncode == 2 and "is speaking, not waiting" in p.stderr


def test_programme_speakers_then_replies_then_the_floor(three):
    panel = [three.new_id("stakeholder", "add", "--name", n, "--sector", s)
             for n, s in [("Pat Panel", "trade_union"), ("Quinn Panel", "media")]]
    for who, slot in zip(panel, ["trade_union", "Media"]):
        three.new_id("queue", "add", "thematic-1", str(who), "--kind", "panel", "--slot", slot,
                     now=T0 + 30)
    order = three.json("queue", "list", "thematic-1", "--json")
    assert [e["name"] for e in order] == ["Pat Panel", "Quinn Panel", "Ana Ruiz", "Ben Okoro",
                                         "王芳"]
    assert order[0]["reason"] == "programme: panellist 1 of 2, Trade unions"
    three.ok("queue", "start", "thematic-1", now=T0 + 60)
    reply = three.new_id("queue", "add", "thematic-1", "ben@example.org", "--kind", "reply",
                         now=T0 + 70)
    order = [e for e in three.json("queue", "list", "thematic-1", "--json")
             if e["state"] == "waiting"]
    assert order[0]["id"] == reply
    assert order[0]["reason"] == "reply to Pat Panel (entry 4): right after the speech it answers"
    # Nobody is moved before it, nor is it moved: one line each, nothing changed.
    before = dump(three.db)
    p = three.run("queue", "move", str(order[1]["id"]), "--to", "1")
    assert p.returncode == 2
    assert p.stderr == (f"rostrum: {order[1]['name']} cannot go before the reply to a speech"
                        " given: place 2 is the first a move can give\n")
    p = three.run("queue", "move", str(reply), "--to", "3")
    assert p.returncode == 2
    assert p.stderr == (f"rostrum: entry {reply} (Ben Okoro) is a reply: it stays right after"
                        " the speech it answers\n")
    assert dump(three.db) == before
    p = three.run("queue", "add", "thematic-1", "1", "--slot", "x")
    assert p.returncode == 2 and "--slot" in p.stderr


# ---- outcomes, stakeholders, nominations ---------------------------------------

def test_outcomes_listed_edited_deleted(hearing):
    n = hearing.new_id("nextstep", "thematic-1", "Circulate the report")
    p = hearing.new_id("pledge", "thematic-1", "Fund a help desk", "--by", "1", "--gcm", "5")
    dash = hearing.new_id("note", "thematic-1", "--", "-5% in arrivals since 2020")
    listed = json.loads(hearing.ok("outcome", "list", "thematic-1", "--json"))
    assert {o["type"] for o in listed} == {"next_step", "pledge", "note"}
    assert next(o for o in listed if o["id"] == dash)["text"] == "-5% in arrivals since 2020"
    # A note of two lines: whole in the JSON, one line in the listing, its break marked.
    two = hearing.new_id("note", "thematic-1", "First point.\nSecond point.")
    assert next(o for o in json.loads(hearing.ok("outcome", "list", "--json"))
                if o["id"] == two)["text"] == "First point.\nSecond point."
    line = next(x for x in hearing.ok("outcome", "list").splitlines() if "First point." in x)
    assert "First point.\u23ceSecond point." in line and "\ufffd" not in line
    # Ben by id and by e-mail is one party named twice: refused, as the TUI does.
    twice = hearing.run("outcome", "edit", str(p), "--by", "2", "--by", "ben@example.org")
    assert twice.returncode == 2 and "stakeholder 2 is named twice" in twice.stderr
    hearing.ok("outcome", "edit", str(p), "--by", "ben@example.org", "--gcm", "7",
               "--type", "resources", "--text", "Fund a regional help desk")
    o = next(o for o in json.loads(hearing.ok("outcome", "list", "--json")) if o["id"] == p)
    assert (o["text"], o["by"], o["gcm"], o["pledge_type"]) == \
        ("Fund a regional help desk", [2], [7], "resources")
    r = hearing.run("outcome", "edit", str(n), "--type", "policy")
    assert r.returncode == 2 and "only pledges" in r.stderr
    hearing.ok("outcome", "delete", str(n))
    assert n not in [o["id"] for o in json.loads(hearing.ok("outcome", "list", "--json"))]
    assert hearing.run("outcome", "delete", str(n)).returncode == 2


def test_stakeholders_edited_checked_in_deleted(hearing):
    hearing.ok("stakeholder", "edit", "ana@example.org", "--region", "Africa", "--gender",
               "woman", "--name", "Ana María Ruiz")
    ana = next(s for s in hearing.json("stakeholder", "list", "--json") if s["id"] == 1)
    assert (ana["name"], ana["region"], ana["gender"], ana["sector"]) == \
        ("Ana María Ruiz", "Africa", "woman", "migrant")
    hearing.ok("stakeholder", "checkin", "Ana María Ruiz", now=T0)
    assert db(hearing, "SELECT present, checked_in_at FROM stakeholder WHERE id = 1") == \
        [(1, T0)]
    assert hearing.run("stakeholder", "checkin", "1").returncode == 2  # already
    hearing.ok("stakeholder", "checkin", "1", "--undo")
    assert db(hearing, "SELECT present, checked_in_at FROM stakeholder WHERE id = 1") == \
        [(0, None)]
    p = hearing.run("stakeholder", "edit", "1", "--sector", "nosuch")
    assert p.returncode == 2 and "sector" in p.stderr
    hearing.ok("stakeholder", "delete", "wang@example.org")
    assert len(hearing.json("stakeholder", "list", "--json")) == 2


def test_nominations_listed_edited_deleted(hearing):
    n = hearing.new_id("nominate", "1", "--by", "2")
    out = hearing.ok("nomination", "list")
    assert out.startswith(f"{n}\tAna Ruiz\trapporteur\tnominated\t1\tBen Okoro")
    assert json.loads(hearing.ok("nomination", "list", "--json"))[0]["tally"] == 1
    hearing.ok("nomination", "edit", str(n), "--role", "moderator", "--statement", "Chaired 3")
    got = json.loads(hearing.ok("nomination", "list", "--json"))[0]
    assert (got["role"], got["statement"]) == ("moderator", "Chaired 3")
    assert hearing.run("nomination", "edit", str(n)).returncode == 2
    other = hearing.new_id("nominate", "1", "--by", "2")  # as rapporteur again
    p = hearing.run("nomination", "edit", str(other), "--role", "moderator")
    assert p.returncode == 2 and "already nominated" in p.stderr
    hearing.ok("nomination", "delete", str(n))
    assert [x["id"] for x in json.loads(hearing.ok("nomination", "list", "--json"))] == [other]
    assert hearing.run("nomination", "delete", str(n)).returncode == 2


def test_a_delete_refused_says_what_names_them_and_what_to_do(three):
    """The refusal names the entries, nominations and outcomes, and a
    remedy that works: the lists keep a request heard, so a person who spoke
    stays; a nomination made in error, or a party named, can go first."""
    entry = next(e["id"] for e in three.json("queue", "list", "thematic-1", "--json")
                 if e["name"] == "Ben Okoro")
    three.ok("queue", "give", str(entry), now=T0 + 10)
    three.ok("queue", "end", "thematic-1", now=T0 + 70)
    p = three.run("stakeholder", "delete", "ben@example.org")
    assert p.returncode == 2 and p.stderr.strip() == (
        f"rostrum: Ben Okoro stays on the roster: the speakers' lists keep their queue entry "
        f"{entry} (thematic-1, spoken)")
    who = three.new_id("stakeholder", "add", "--name", "Dup Licate", "--sector", "youth")
    n = three.new_id("nominate", str(who))
    p = three.run("stakeholder", "delete", str(who))
    assert p.returncode == 2 and p.stderr.strip() == (
        f"rostrum: Dup Licate stays on the roster: nomination {n} names them; delete a "
        f"nomination made in error first (nomination delete {n})")
    three.ok("nomination", "delete", str(n))
    pledge = three.new_id("pledge", "thematic-1", "Fund it", "--by", str(who))
    p = three.run("stakeholder", "delete", str(who))
    assert p.returncode == 2 and p.stderr.strip() == (
        f"rostrum: Dup Licate stays on the roster: outcome {pledge} names them as a party; "
        f"name other parties first (outcome edit {pledge} --by WHO)")
    three.ok("outcome", "edit", str(pledge), "--by", "ana@example.org")
    three.ok("stakeholder", "delete", str(who))
    assert not [s for s in three.json("stakeholder", "list", "--json") if s["id"] == who]


def test_a_duplicate_with_only_withdrawn_requests_is_deleted_with_them(hearing):
    """A person registered twice, the duplicate's request withdrawn, could
    never be deleted: the lists kept the withdrawn entry.  A request
    withdrawn and never heard goes with them (with its transitions, as a
    meeting before schema 16 wrote them), in one action that undo brings
    back whole; one heard keeps them."""
    r = hearing
    second_item(r)
    dup = r.new_id("stakeholder", "add", "--name", "Ana Ruiz", "--sector", "migrant",
                   "--email", "ana.ruiz@example.org")
    on_1 = r.new_id("queue", "add", "thematic-1", str(dup))
    on_2 = r.new_id("queue", "add", "thematic-2", str(dup))
    r.ok("queue", "withdraw", str(on_1))
    r.ok("queue", "withdraw", str(on_2))
    plant_transition(r, on_1)
    before = db(r, "SELECT * FROM stakeholder WHERE id = ?", dup), \
        db(r, "SELECT * FROM queue_entry WHERE stakeholder_id = ?", dup), \
        db(r, "SELECT * FROM queue_transition")
    r.ok("stakeholder", "delete", str(dup))
    assert db(r, "SELECT count(*) FROM stakeholder WHERE id = ?", dup) == [(0,)]
    assert db(r, "SELECT count(*) FROM queue_entry WHERE stakeholder_id = ?", dup) == [(0,)]
    assert db(r, "SELECT count(*) FROM queue_transition") == [(0,)]
    assert journal_said(r, 1) == [
        "Ana Ruiz (ana.ruiz@example.org), with their 2 withdrawn requests"]
    r.ok("undo")
    assert (db(r, "SELECT * FROM stakeholder WHERE id = ?", dup),
            db(r, "SELECT * FROM queue_entry WHERE stakeholder_id = ?", dup),
            db(r, "SELECT * FROM queue_transition")) == before
    # A request heard keeps them, with the refusal's words.
    heard = r.new_id("queue", "add", "thematic-1", str(dup))
    r.ok("queue", "give", str(heard))
    r.ok("queue", "end", "thematic-1")
    p = r.run("stakeholder", "delete", str(dup), check=2)
    assert p.stderr.strip() == (
        f"rostrum: Ana Ruiz stays on the roster: the speakers' lists keep their queue entries "
        f"{on_1} (thematic-1, withdrawn), {on_2} (thematic-2, withdrawn) and {heard}"
        f" (thematic-1, spoken)")


def second_item(r):
    r.new_id("agenda", "add", "--title", "Thematic discussion II", "--code", "thematic-2")


def plant_transition(r, entry):
    """A transition of entry as meetings before schema 16 wrote them
    (journalled, as any row)."""
    con = sqlite3.connect(r.db, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        con.execute("INSERT INTO event(at, user, action) VALUES (0, 'test', 'test.plant')")
        con.execute("INSERT INTO queue_transition(entry_id, from_state, to_state, at)"
                    " VALUES (?, 'waiting', 'withdrawn', 0)", (entry,))
        con.execute("UPDATE event SET open = 0 WHERE open")
        con.execute("COMMIT")
    finally:
        con.close()


# ---- journal and undo -------------------------------------------------------------

def journal_said(r, n):
    """The last n journal lines' summaries, and the JSON journal's the same."""
    said = [line.split("\t")[5] for line in r.ok("journal").splitlines()[-n:]]
    assert [e["summary"] for e in r.json("journal", "--json")[-n:]] == said
    return said


def test_the_journal_names_nominees_nominators_and_the_selected(hearing):
    r = hearing
    ana = r.new_id("nominate", "ana@example.org", "--by", "ben@example.org")
    ben = r.new_id("nominate", "ben@example.org", "--by", "ana@example.org")
    r.new_id("nominate", "wang@example.org", "--by", "wang@example.org")
    wang = r.new_id("nominate", "wang@example.org")
    r.ok("nomination", "set", str(ana), "accepted")
    r.ok("nomination", "set", str(ben), "accepted")
    r.ok("nomination", "set", str(wang), "declined")
    r.ok("nomination", "edit", str(ana), "--statement", "Ten years\nin the field")
    r.ok("nomination", "select", "--role", "rapporteur", "--seats", "2", "--seed", "42",
         "--confirm")
    assert journal_said(r, 9) == [
        "rapporteur: Ana Ruiz, nominated by Ben Okoro",
        "rapporteur: Ben Okoro, nominated by Ana Ruiz",
        "rapporteur: 王芳, self-nominated",
        "rapporteur: 王芳",
        "Ana Ruiz's nomination as rapporteur: accepted",
        "Ben Okoro's nomination as rapporteur: accepted",
        "王芳's nomination as rapporteur: declined",
        "Ana Ruiz's nomination as rapporteur by Ben Okoro: statement '' → 'Ten years in the "
        "field'",
        "rapporteur: 2 seats, seed 42; selected Ana Ruiz, Ben Okoro"]


def test_the_journal_says_whose_record_changed_and_how(hearing):
    r = hearing
    red = r.new_id("stakeholder", "add", "--name", "Karim Nasser", "--org", "Red Cross")
    r.new_id("stakeholder", "add", "--name", "Karim Nasser", "--org", "Red Crescent")
    r.ok("stakeholder", "edit", str(red), "--org", "IFRC", "--country", "lb")
    r.new_id("stakeholder", "add", "--name", "Walk In", "--present")
    r.ok("undo")
    assert r.ok("undo").startswith("undone: Karim Nasser (Red Cross): organization ")
    edit = "Karim Nasser (Red Cross): organization 'Red Cross' → 'IFRC', country '' → 'LB'"
    assert journal_said(r, 6) == [
        "Karim Nasser (Red Cross)", "Karim Nasser (Red Crescent)", edit,
        "Walk In, checked in", "undid: stakeholder.add Walk In, checked in",
        "undid: stakeholder.edit " + edit]
    # Without an organization, the e-mail tells two of one name apart.
    r.ok("stakeholder", "checkin", "ben@example.org")
    assert journal_said(r, 1) == ["Ben Okoro (ben@example.org): checked in"]


def test_a_journal_line_is_one_line_and_bounded(hearing):
    r = hearing
    long_org = "Fédération " * 20
    r.ok("stakeholder", "edit", "ana@example.org", "--org", long_org.strip())
    r.new_id("stakeholder", "add", "--name", "Ñ" * 400)
    [edit, add] = journal_said(r, 2)
    assert edit == "Ana Ruiz (ana@example.org): organization '' → 'Fédération Fédération " \
        "Fédération F…'"
    assert add.endswith("Ñ…") and len(add.encode()) < 320 and "\ufffd" not in add


def test_a_long_title_or_name_is_cut_whole_in_every_journal_line(hearing):
    """The programme's and the floor's lines name an item or a person in a
    buffer of their own: a long title in accented letters was cut inside a
    character (the JSON showed U+FFFD) and without saying so."""
    r = hearing
    title = "Débat " * 60
    r.new_id("agenda", "add", "--title", title.strip(), "--code", "long-1")
    person = r.new_id("stakeholder", "add", "--name", "Ñúñez " * 60)
    r.ok("agenda", "open", "long-1")
    r.new_id("queue", "add", "long-1", str(person))
    r.ok("queue", "start", "long-1")
    r.ok("agenda", "set", "long-1", "--speaking-time", "floor=2:00")
    said = journal_said(r, 6)
    for line in said:
        assert "\ufffd" not in line and "…" in line and len(line.encode()) < 320, line
    assert said[0].startswith("added item 'Débat Débat")
    assert said[1].startswith("Ñúñez Ñúñez")
    assert said[2].startswith("opened 'Débat Débat")
    assert said[3].startswith("floor: Ñúñez Ñúñez")
    assert said[4].startswith("floor to Ñúñez Ñúñez")
    assert said[5].startswith("floor on 'Débat Débat")


def test_an_edit_journals_only_the_queue_entries_it_moves(hearing):
    """Editing a person's organization left their queue entries as they
    were, yet each was rewritten and journalled as a change of nothing; a
    change of sector still moves their waiting entry to its new bucket."""
    r = hearing
    entry = r.new_id("queue", "add", "thematic-1", "ana@example.org")
    con = sqlite3.connect(r.db)

    def last_changes():
        return dict(con.execute(
            "SELECT tbl, count(*) FROM change WHERE event_id = (SELECT max(id) FROM event)"
            " GROUP BY tbl").fetchall())

    def bucket():
        return con.execute("SELECT bucket FROM queue_entry WHERE id = ?", (entry,)).fetchone()[0]

    was = bucket()
    r.ok("stakeholder", "edit", "ana@example.org", "--org", "Red de Mujeres")
    assert last_changes() == {"stakeholder": 1}
    assert bucket() == was
    r.ok("stakeholder", "edit", "ana@example.org", "--sector", "academia")
    assert last_changes() == {"stakeholder": 1, "queue_entry": 1}
    assert bucket() != was and bucket().startswith("academia")


def test_the_journal_says_what_an_outcome_edit_changed(hearing):
    r = hearing
    rec = r.new_id("recommend", "thematic-1", "Ensure regular pathways", "--by", "1", "--by",
                   "2", "--gcm", "5", "--gcm", "12")
    r.ok("outcome", "edit", str(rec), "--gcm", "7", "--by", "2")
    r.ok("outcome", "edit", str(rec), "--text", "Ensure regular and safe\npathways for all migrants")
    assert journal_said(r, 2) == [
        "recommendation 'Ensure regular pathways': by Ana Ruiz, Ben Okoro → Ben Okoro, "
        "GCM objectives 5, 12 → 7",
        "recommendation 'Ensure regular pathways': text → 'Ensure regular and safe pathways "
        "for all…'"]


def test_outcome_list_names_the_parties(hearing):
    r = hearing
    r.new_id("pledge", "thematic-1", "Fund a help desk", "--by", "ana@example.org", "--by",
             "wang@example.org", "--gcm", "5")
    [line] = r.ok("outcome", "list").splitlines()
    assert line.split("\t")[4:] == ["by Ana Ruiz (1), 王芳 (3)", "gcm 5", ""]
    assert r.json("outcome", "list", "--json")[0]["by"] == [1, 3]
    # A pledge's type is in the listing too, last, as the note-taker set it.
    r.ok("outcome", "edit", "1", "--type", "resources")
    [line] = r.ok("outcome", "list").splitlines()
    assert line.split("\t")[5:] == ["gcm 5", "resources"]


def test_joint_parties_are_listed_in_the_order_entered(hearing):
    """The lead pledger first, in every list and format, not by roster id."""
    r = hearing
    r.new_id("pledge", "thematic-1", "Fund a help desk", "--by", "wang@example.org", "--by",
             "ana@example.org")
    [line] = r.ok("outcome", "list").splitlines()
    assert line.split("\t")[4] == "by 王芳 (3), Ana Ruiz (1)"
    assert r.json("outcome", "list", "--json")[0]["by"] == [3, 1]
    assert r.json("export", "summary", "--format", "json")["agenda"][0]["pledges"][0]["by"] \
        == [3, 1]
    for fmt in ("md", "html", "txt"):
        out = r.ok("export", "summary", "--format", fmt)
        pledge = out[out.index("Fund a help desk"):][:200]
        assert 0 < pledge.index("王芳") < pledge.index("Ana Ruiz"), (fmt, pledge)
    # An edit may put another first; the order is the edit's.
    r.ok("outcome", "edit", "1", "--by", "ana@example.org", "--by", "wang@example.org")
    assert r.json("outcome", "list", "--json")[0]["by"] == [1, 3]


def test_an_email_on_the_roster_names_its_holder_and_what_to_do(hearing):
    r = hearing
    before = dump(r.db)
    p = r.run("stakeholder", "add", "--name", "Ana R.", "--email", "ANA@example.org")
    assert p.returncode == 2 and p.stderr == \
        "rostrum: email: ana@example.org is Ana Ruiz's (1): check them in instead\n"
    p = r.run("stakeholder", "edit", "ben@example.org", "--email", "ana@example.org")
    assert p.returncode == 2 and p.stderr == \
        "rostrum: email: ana@example.org is Ana Ruiz's (1): give another address, or none\n"
    assert dump(r.db) == before
    r.ok("stakeholder", "checkin", "1", now=T0 + 120)
    p = r.run("stakeholder", "add", "--name", "Ana R.", "--email", "ana@example.org",
              "--present", now=T0 + 600)
    assert p.returncode == 2 and p.stderr == "rostrum: email: ana@example.org is Ana Ruiz's " \
        "(1), checked in already since 14:02: give another address, or none\n"


def test_journal_and_undo_of_a_named_session(three):
    env = {"ROSTRUM_SESSION": "desk-2"}
    three.ok("queue", "start", "thematic-1", now=T0 + 60, env=env)
    three.new_id("note", "thematic-1", "From the desk", now=T0 + 61)
    events = three.json("journal", "--json", "--session", "desk-2")
    assert [e["action"] for e in events] == ["queue.start"]
    assert events[0]["summary"] == "floor to Ana Ruiz"
    out = three.ok("undo", "--session", "desk-2")
    assert out.startswith("undone: floor to Ana Ruiz (event ")
    assert holder(three) is None
    p = three.run("undo", "--session", "desk-2")
    assert p.returncode == 2 and "nothing to undo from session 'desk-2'" in p.stderr
    since = three.ok("journal", "--since", "2022-05-16T14:01:00Z")
    assert "note.add" in since and "queue.add" not in since
    assert three.run("journal", "--since", "yesterday").returncode == 2


def test_the_demo_as_built_is_nobodys_to_undo(r, tmp_path):
    """Whoever opens the demo finds the hearing built; undo there must not
    take the programme and the roster away (it undid the imports)."""
    p = r.run("demo", db=False, env={"XDG_DATA_HOME": str(tmp_path / "xdg")})
    assert "built" in p.stderr, p.stderr
    r.db = str(tmp_path / "xdg" / "rostrum" / "demo.db")
    sessions = {e["session"] for e in r.json("journal", "--json")}
    assert sessions == {"rostrum demo (the hearing as built)"}
    before = r.json("agenda", "list", "--json")
    p = r.run("undo")
    assert p.returncode == 2 and p.stderr == "rostrum: nothing to undo from this terminal\n"
    assert r.json("agenda", "list", "--json") == before


def test_text_after_double_dash_and_a_clear_error_without(hearing):
    p = hearing.run("note", "thematic-1", "-5% fewer")
    assert p.returncode == 2 and "after '--'" in p.stderr
    hearing.new_id("recommend", "thematic-1", "--by", "1", "--", "--dashes-- are text")
    texts = [o["text"] for o in json.loads(hearing.ok("outcome", "list", "--json"))]
    assert texts == ["--dashes-- are text"]
