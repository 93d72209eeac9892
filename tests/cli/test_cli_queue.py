"""The speaker queue, nominations and outcomes, driven through the CLI alone."""
import sqlite3

T0 = 1652711400  # 2022-05-16T14:30:00Z


def iso(t):
    import datetime
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%SZ")


def test_add_start_pause_resume_next_end(hearing):
    r = hearing
    ids = [r.new_id("queue", "add", "thematic-1", who, now=T0 + i)
           for i, who in enumerate(["ana@example.org", "ben@example.org", "3"])]
    r.ok("queue", "start", "thematic-1", now=T0 + 60)
    r.ok("queue", "pause", "thematic-1", now=T0 + 120)
    r.ok("queue", "resume", "thematic-1", now=T0 + 150)
    r.ok("queue", "next", "thematic-1", now=T0 + 200)
    r.ok("queue", "end", "thematic-1", now=T0 + 290)

    entries = {e["id"]: e for e in r.json("queue", "list", "thematic-1", "--json",
                                          now=T0 + 400)}
    a, b, c = (entries[i] for i in ids)
    assert (a["state"], a["started_at"], a["ended_at"], a["seconds"]) == (
        "spoken", iso(T0 + 60), iso(T0 + 200), 110)  # 140 s less the 30 s pause
    assert a["requested_at"] == iso(T0) and a["name"] == "Ana Ruiz"
    assert (b["state"], b["seconds"]) == ("spoken", 90)
    assert (c["state"], c["position"], c["proposed"]) == ("waiting", 1, True)
    assert "first come" in c["reason"]

    summary = r.json("export", "summary", "--format", "json", now=T0 + 400)
    item = summary["agenda"][0]
    spoke = {i["id"]: i for i in item["interventions"]}
    assert spoke[ids[0]]["seconds"] == 110 and spoke[ids[0]]["state"] == "spoken"
    assert spoke[ids[2]]["state"] == "waiting" and spoke[ids[2]]["started_at"] is None
    assert summary["meeting"]["title"] == "Hearing"

    # Every state change kept its time stamp: the journal is its record.
    rows = sqlite3.connect(r.db).execute(
        "SELECT json_extract(old, '$.state') AS was, json_extract(new, '$.state') AS now,"
        " json_extract(new, '$.state_changed_at') FROM change"
        " WHERE tbl = 'queue_entry' AND row_id = ? AND was IS NOT now ORDER BY id",
        (ids[0],)).fetchall()
    assert rows == [(None, "waiting", T0), ("waiting", "speaking", T0 + 60),
                    ("speaking", "paused", T0 + 120), ("paused", "speaking", T0 + 150),
                    ("speaking", "spoken", T0 + 200)]


def test_withdraw_absent_point_of_order_and_illegal_moves(hearing):
    r = hearing
    a = r.new_id("queue", "add", "thematic-1", "1", now=T0)
    b = r.new_id("queue", "add", "thematic-1", "2", now=T0 + 1)
    p = r.new_id("queue", "add", "thematic-1", "3", "--kind", "point_of_order", now=T0 + 2)
    first = r.json("queue", "list", "thematic-1", "--json")[0]
    assert first["id"] == p and first["position"] == 1
    r.ok("queue", "withdraw", str(a))
    r.ok("queue", "absent", str(b))
    bad = r.run("queue", "withdraw", str(a))
    assert bad.returncode == 2 and "entry 1 (Ana Ruiz) is withdrawn already" in bad.stderr
    assert r.run("queue", "pause", "thematic-1").returncode == 2
    assert r.run("queue", "add", "thematic-1", "1", "--kind", "sermon").returncode == 2
    states = {e["id"]: e["state"] for e in r.json("queue", "list", "thematic-1", "--json")}
    assert states == {a: "withdrawn", b: "absent", p: "waiting"}


def test_policy_show_and_set(hearing):
    assert hearing.ok("queue", "policy").strip() == "fifo"
    hearing.ok("queue", "policy", "balanced")
    assert hearing.ok("queue", "policy").strip() == "balanced"
    hearing.new_id("queue", "add", "thematic-1", "2", now=T0)
    hearing.new_id("queue", "add", "thematic-1", "1", now=T0 + 5)
    first = hearing.json("queue", "list", "thematic-1", "--json")[0]
    assert first["name"] == "Ana Ruiz" and "migrants themselves first" in first["reason"]


def test_nominations(hearing):
    r = hearing
    n1 = r.new_id("nominate", "ana@example.org", "--by", "2", "--statement", "Led the review")
    n2 = r.new_id("nominate", "ana@example.org", "--by", "3")
    assert r.run("nominate", "ana@example.org", "--by", "2").returncode == 2
    noms = {n["id"]: n for n in r.json("export", "summary", "--format", "json")["nominations"]}
    assert noms[n1]["tally"] == 2 and noms[n1]["statement"] == "Led the review"
    assert noms[n1]["role"] == "rapporteur" and noms[n1]["nominated_by"] == 2
    assert r.run("nomination", "set", str(n1), "selected").returncode == 2
    r.ok("nomination", "set", str(n1), "accepted")
    noms = {n["id"]: n for n in r.json("export", "summary", "--format", "json")["nominations"]}
    assert noms[n1]["state"] == noms[n2]["state"] == "accepted"  # the candidacy moved
    r.ok("nomination", "set", str(n2), "selected")


def test_notes_recommendations_pledges(hearing):
    r = hearing
    n = r.new_id("note", "thematic-1", "Access to services regardless of status")
    rec = r.new_id("recommend", "thematic-1", "Adopt firewalls", "--by", "1", "--gcm", "15",
                   "--gcm", "7")
    pl = r.new_id("pledge", "thematic-1", "Fund legal aid", "--by", "1", "--by",
                  "ben@example.org", "--type", "resources", "--gcm", "7")
    assert r.run("pledge", "thematic-1", "Nobody pledges this").returncode == 2
    assert r.run("recommend", "thematic-1", "x", "--gcm", "24").returncode == 2
    assert r.run("pledge", "thematic-1", "x", "--by", "1", "--type", "hope").returncode == 2
    # The same party twice (by id and by e-mail) was listed once, silently.
    twice = r.run("pledge", "thematic-1", "x", "--by", "2", "--by", "1", "--by",
                  "ben@example.org")
    assert (twice.returncode, twice.stderr) == (2, "rostrum: --by: stakeholder 2 is named twice\n")
    assert r.run("outcome", "edit", str(rec), "--by", "1", "--by", "1").returncode == 2
    item = r.json("export", "summary", "--format", "json")["agenda"][0]
    assert [x["id"] for x in item["notes"]] == [n]
    assert item["recommendations"][0]["gcm"] == [7, 15] and item["recommendations"][0]["id"] == rec
    assert item["pledges"][0]["by"] == [1, 2] and item["pledges"][0]["pledge_type"] == "resources"
    assert item["pledges"][0]["id"] == pl


def test_every_change_is_journalled(hearing):
    r = hearing
    r.new_id("queue", "add", "thematic-1", "1")
    r.ok("queue", "start", "thematic-1")
    con = sqlite3.connect(r.db)
    actions = [a for (a,) in con.execute("SELECT action FROM event ORDER BY id")]
    assert actions == ["meeting.init", "agenda.add", "stakeholder.add", "stakeholder.add",
                       "stakeholder.add", "queue.add", "queue.start"]
    users = {u for (u,) in con.execute("SELECT DISTINCT user FROM event")}
    assert len(users) == 1 and "" not in users
    assert con.execute("SELECT count(*) FROM change WHERE event_id IS NULL").fetchone()[0] == 0
    changed = con.execute("SELECT tbl, op FROM change c JOIN event e ON e.id = c.event_id"
                          " WHERE e.action = 'queue.start' ORDER BY c.id").fetchall()
    assert ("queue_entry", "update") in changed and ("agenda_item", "update") in changed


def test_an_ended_item_and_a_break_give_nobody_the_floor(hearing):
    r = hearing
    r.new_id("agenda", "add", "--title", "Lunch break", "--code", "lunch", "--kind", "break")
    for who in ["1", "2", "3"]:
        r.new_id("queue", "add", "thematic-1", who, now=T0)
    r.ok("queue", "start", "thematic-1", now=T0 + 60)
    r.ok("agenda", "close", "thematic-1", "--end-speech", now=T0 + 120)
    item = lambda: next(a for a in r.json("agenda", "list", "--json") if a["code"] == "thematic-1")
    ended = item()["ended_at"]
    assert ended
    # A call on the ended item (a mistyped code in a script, say) does not
    # reopen it and rewrite its end: it is refused, and says how to reopen.
    before = r.json("queue", "list", "thematic-1", "--json")
    for args in (["queue", "next", "thematic-1"], ["queue", "start", "thematic-1"],
                 ["queue", "give", str(before[1]["id"])]):
        p = r.run(*args, now=T0 + 200)
        assert p.returncode == 2 and p.stderr == (
            "rostrum: 'Thematic discussion I' has ended: 'agenda open thematic-1' reopens it"
            " first\n"), p.stderr
    assert item()["ended_at"] == ended
    assert r.json("queue", "list", "thematic-1", "--json") == before
    # Reopened on purpose, the floor is given again.
    r.ok("agenda", "open", "thematic-1", now=T0 + 300)
    r.ok("queue", "next", "thematic-1", now=T0 + 310)
    # Nobody asks for, or is given, the floor in a break.
    p = r.run("queue", "add", "lunch", "1", now=T0 + 320)
    assert p.returncode == 2 and "'Lunch break' is a break: nobody takes the floor in it" \
        in p.stderr
    p = r.run("queue", "next", "lunch", now=T0 + 320)
    assert p.returncode == 2 and "is a break" in p.stderr
    assert r.json("queue", "list", "lunch", "--json") == []


def test_calling_a_speaker_in_the_live_break_says_it_is_a_break(hearing):
    """Lunch is the live item: a call there said 'nobody is waiting', as
    if someone might; it is refused as a request there is, for the break."""
    r = hearing
    r.new_id("agenda", "add", "--title", "Lunch break", "--code", "lunch", "--kind", "break")
    r.ok("agenda", "open", "lunch", now=T0)
    for op in ("next", "start"):
        p = r.run("queue", op, "lunch", now=T0 + 10)
        assert p.returncode == 2 and p.stderr == \
            "rostrum: 'Lunch break' is a break: nobody takes the floor in it\n", p.stderr
    assert r.json("queue", "list", "lunch", "--json") == []
    assert not any(line.split("\t")[4].startswith("queue.")
                   for line in r.ok("journal").splitlines())


def test_queue_stats_says_the_floor_as_the_screens_do(hearing):
    """queue stats begins with the floor in the words of the status line
    and the projector: no item live yet and which is next, a break and
    until when, the floor open, who holds it."""
    r = hearing
    r.new_id("agenda", "add", "--title", "Lunch break", "--code", "lunch", "--kind", "break",
             "--start", "13:00", "--end", "15:00")
    r.new_id("agenda", "add", "--title", "Thematic discussion II", "--code", "thematic-2",
             "--start", "15:00", "--end", "17:00")
    floor = lambda: r.ok("queue", "stats", now=T0).splitlines()[0]
    assert floor() == "floor\tNo item is live yet; next: thematic-1 Thematic discussion I," \
        " at 10:30"
    r.ok("agenda", "open", "lunch", now=T0)
    assert floor() == "floor\tA break until 15:00: nobody takes the floor; next: thematic-2" \
        " Thematic discussion II"
    r.ok("agenda", "open", "thematic-2", now=T0)
    assert floor() == "floor\tThe floor is open"
    r.new_id("queue", "add", "thematic-2", "ana@example.org", now=T0)
    r.ok("queue", "start", "thematic-2", now=T0)
    assert floor() == "floor\tAna Ruiz has the floor"
    assert r.ok("queue", "stats", "thematic-2", now=T0).splitlines()[:2] == \
        ["floor\tAna Ruiz has the floor", "time left\t150:00"]
    # The JSON form says it in the same words.
    assert r.json("queue", "stats", "thematic-2", "--json", now=T0)["floor"] == \
        "Ana Ruiz has the floor"
    r.ok("agenda", "open", "lunch", "--end-speech", now=T0)
    assert r.json("queue", "stats", "--json", now=T0)["floor"] == \
        "A break until 15:00: nobody takes the floor"  # thematic-2 ended as lunch opened


def test_a_move_keeps_what_is_true_of_the_places_above(hearing):
    r = hearing
    ids = [r.new_id("queue", "add", "thematic-1", who, "--kind", "panel", now=T0 + i)
           for i, who in enumerate(["1", "2", "3"])]
    r.ok("queue", "move", str(ids[2]), "--to", "2", now=T0 + 10)
    reasons = {e["id"]: e["reason"] for e in r.json("queue", "list", "thematic-1", "--json")}
    # The first panellist was not moved: still the programme's first, now
    # in the moderator's order as the whole list is.
    assert reasons[ids[0]] == "programme: panellist 1 of 3; in the moderator's order"
    assert reasons[ids[2]] == "programme: panellist 3 of 3; in the moderator's order"


def test_a_speech_is_not_carried_over_into_a_break(hearing):
    r = hearing
    r.new_id("agenda", "add", "--title", "Lunch break", "--code", "lunch", "--kind", "break")
    r.new_id("queue", "add", "thematic-1", "1", now=T0)
    r.ok("queue", "start", "thematic-1", now=T0 + 10)
    p = r.run("agenda", "open", "lunch", "--carry-speech", now=T0 + 20)
    assert p.returncode == 2 and "'Lunch break' is a break: nobody takes the floor in it" \
        in p.stderr
    assert [e["state"] for e in r.json("queue", "list", "thematic-1", "--json")] == \
        ["speaking"]
    # Ended instead, the meeting goes to lunch.
    r.ok("agenda", "open", "lunch", "--end-speech", now=T0 + 30)


def test_the_journal_says_what_an_outcome_said(hearing):
    r = hearing
    long_text = "Regular pathways remain too narrow for most migrant workers and their families."
    note = r.new_id("note", "thematic-1", long_text)
    rec = r.new_id("recommend", "thematic-1", "Open regular pathways", "--by", "1")
    r.ok("outcome", "edit", str(rec), "--gcm", "5")
    r.ok("outcome", "delete", str(note))
    said = [line.split("\t")[-1] for line in r.ok("journal").splitlines()[-4:]]
    on = " on 'Thematic discussion I': "
    assert said == ["note" + on + "Regular pathways remain too narrow for most migrant workers …",
                    "recommendation" + on + "Open regular pathways",
                    "recommendation 'Open regular pathways': GCM objectives none → 5",
                    "deleted note" + on + "Regular pathways remain too narrow for most migrant"
                    " workers …"]


END = 1652706000  # 2022-05-16T13:00:00Z: the end of the hearing's thematic-1


def pace_of(r, now):
    """queue stats' pacing lines (after the floor's, before the balance's),
    as {label: value}."""
    text = r.ok("queue", "stats", "thematic-1", now=now)
    head = text[:text.index("basis\t")]
    pace = dict(line.split("\t", 1) for line in head.splitlines())
    pace.pop("floor")
    return pace


def test_the_programme_alone_running_over_offers_no_floor_time(hearing):
    """Two panellists (5:00 each, the meeting's) and one from the floor
    (3:00): the panellists' 10:00 comes off the time left, and the floor
    has the rest; when the 10:00 alone is more than is left, no floor time
    ends the item on time, and none is offered."""
    r = hearing
    r.new_id("queue", "add", "thematic-1", "ana@example.org", "--kind", "panel", now=END - 3600)
    r.new_id("queue", "add", "thematic-1", "ben@example.org", "--kind", "panel", now=END - 3600)
    r.new_id("queue", "add", "thematic-1", "wang@example.org", now=END - 3600)
    # 12:00 left: 720 - 600 = 120 s for the floor's one, 2:00 offered
    # (the three sharing 720 s had 4:00 each, and nothing offered).
    assert pace_of(r, END - 720) == {
        "time left": "12:00", "waiting": "3", "programme": "2 waiting, 10:00",
        "each": "2:00", "floor time": "3:00", "to end on time": "2:00"}
    p = r.json("queue", "stats", "thematic-1", "--json", now=END - 720)["pacing"]
    assert (p["waiting"], p["programme_waiting"], p["programme_seconds"], p["floor_waiting"],
            p["each"], p["offer"], p["programme_over"]) == (3, 2, 600, 1, 120, 120, 0)
    # 7:30 left: the panellists alone run 600 - 450 = 150 s over; no floor
    # time, no offer (the three sharing 450 s had 2:30 each, offered).
    assert pace_of(r, END - 450) == {
        "time left": "7:30", "waiting": "3", "programme": "2 waiting, 10:00",
        "programme alone": "runs past the planned end by 2:30", "floor time": "3:00"}
    p = r.json("queue", "stats", "thematic-1", "--json", now=END - 450)["pacing"]
    assert (p["each"], p["offer"], p["programme_over"], p["left"]) == (0, 0, 150, 450)


def test_the_pace_counts_the_speech_under_way_and_ends_with_its_item(hearing):
    """While someone speaks, what they still have of their time comes off
    the time left too (the floor's share holds while the speech keeps to
    its time); the offer, made with the call that ends the speech, counts
    without it.  Once the item has ended nothing is paced."""
    r = hearing
    for who in ("ana@example.org", "ben@example.org", "wang@example.org"):
        r.new_id("queue", "add", "thematic-1", who, now=END - 3600)
    r.ok("queue", "start", "thematic-1", now=END - 330)  # Ana: 3:00 from 5:30 left
    # 5:20 left, Ana 2:50 to run: (320 - 170) / 2 = 75 s each after her;
    # n ends her speech: 320 / 2 = 160 s each, 2:30 offered.
    assert pace_of(r, END - 320) == {
        "time left": "5:20", "speech now": "2:50 to run", "waiting": "2",
        "each": "1:15", "floor time": "3:00", "to end on time": "2:30"}
    # 1:40 left, Ana over her time: nothing of hers comes off: 50 s each,
    # the least offer, 1:00.
    p = r.json("queue", "stats", "thematic-1", "--json", now=END - 100)["pacing"]
    assert (p["holder_left"], p["each"], p["offer"], p["ended"]) == (0, 50, 60, False)
    r.ok("agenda", "close", "thematic-1", "--end-speech", now=END - 60)
    assert pace_of(r, END + 86400 * 365) == {
        "time left": "the item has ended", "waiting": "2", "floor time": "3:00"}
    p = r.json("queue", "stats", "thematic-1", "--json", now=END + 86400)["pacing"]
    assert (p["ended"], p["planned"], p["each"], p["offer"]) == (True, False, 0, 0)


def test_past_the_planned_end_the_time_left_says_so(hearing):
    """Past its planned end an open item's time left is how far over, in
    words, as the TUI says it; a day on, only that it is: it printed
    '-2388960:55' for a past meeting opened again."""
    r = hearing
    r.new_id("queue", "add", "thematic-1", "ana@example.org", now=END - 3600)
    assert pace_of(r, END + 150)["time left"] == "2:30 over the planned end"
    assert pace_of(r, END + 86400 * 365)["time left"] == "days past the planned end"


def test_ending_a_speech_names_whose_it_was(hearing):
    """The journal, and so undo's question, named nobody: 'queue.end: floor
    open'."""
    r = hearing
    r.new_id("queue", "add", "thematic-1", "ana@example.org")
    r.ok("queue", "start", "thematic-1")
    r.ok("queue", "end", "thematic-1")
    last = r.ok("journal").splitlines()[-1].split("\t")
    assert last[-2:] == ["queue.end", "Ana Ruiz's speech ended; floor open"]


def test_a_pinned_clock_that_is_no_time_is_refused(hearing):
    from conftest import dump
    before = dump(hearing.db)
    # It was ignored: the note was stamped by the real clock, exit 0.
    for value in ("2022-05-16T14:63:00Z", "garbage", "-5", "99999999999999999999"):
        p = hearing.run("note", "thematic-1", "hi", now=value)
        assert (p.returncode, p.stdout) == (2, ""), (value, p)
        assert p.stderr == (f"rostrum: ROSTRUM_NOW: '{value}' is neither epoch seconds nor an "
                            "ISO 8601 time (2022-05-16T10:00:00Z)\n"), p.stderr
    assert dump(hearing.db) == before
    hearing.new_id("note", "thematic-1", "hi", now="2022-05-16T14:00:00Z")


def test_a_clock_gone_back_makes_no_time_negative(hearing):
    r = hearing
    a, b = (r.new_id("queue", "add", "thematic-1", who, now=T0) for who in ("1", "2"))
    r.ok("queue", "start", "thematic-1", now=T0 + 600)
    # Another terminal, five minutes behind, calls the next speaker: Ana's
    # speech ended before it began ("seconds": -300).
    r.ok("queue", "next", "thematic-1", now=T0 + 300)
    r.ok("queue", "pause", "thematic-1", now=T0 + 400)
    r.ok("queue", "resume", "thematic-1", now=T0 + 350)  # a pause of -50 s
    spoke = {e["id"]: e for e in r.json("export", "speakers", "--format", "json",
                                        now=T0 + 500)}
    assert (spoke[a]["started_at"], spoke[a]["ended_at"], spoke[a]["seconds"]) == (
        iso(T0 + 600), iso(T0 + 600), 0)
    assert (spoke[b]["paused_seconds"], spoke[b]["seconds"]) == (0, 200)
    # Read on a clock behind Ben's start, his speech so far is nothing, not less.
    spoke = {e["id"]: e for e in r.json("export", "speakers", "--format", "json", now=T0)}
    assert spoke[b]["seconds"] == 0
    assert "Ben Okoro" in r.ok("export", "summary", "--format", "txt", now=T0)
    # An item closed before it was opened (its stamps are the clocks'): its
    # sitting counts 0.
    r.ok("agenda", "close", "thematic-1", "--end-speech", now=T0 + 200)
    [item] = r.json("export", "summary", "--format", "json", now=T0 + 900)["agenda"]
    assert item["actual_seconds"] == 0
    assert {i["id"]: i["seconds"] for i in item["interventions"]} == {a: 0, b: 100}  # ended at his last change
