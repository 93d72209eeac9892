"""A point of order heard at once interrupts the speech going on: the speech
is paused, not ended, and the floor goes back to it after the point of
order, with the time it had left."""
import sqlite3

from test_cli_queue import T0, iso


def floor(r, now):
    return {e["id"]: e for e in r.json("queue", "list", "thematic-1", "--json", now=now)}


def interrupted_speech(r):
    """Ana speaks from T0+60; Ben raises a point of order at T0+100, given
    the floor at T0+110; Wang waits from the floor."""
    ana = r.new_id("queue", "add", "thematic-1", "1", now=T0)
    wang = r.new_id("queue", "add", "thematic-1", "3", now=T0 + 1)
    r.ok("queue", "start", "thematic-1", now=T0 + 60)
    poo = r.new_id("queue", "add", "thematic-1", "2", "--kind", "point_of_order", now=T0 + 100)
    r.ok("queue", "give", str(poo), now=T0 + 110)
    return ana, poo, wang


def test_a_point_of_order_given_the_floor_pauses_the_speech_it_interrupts(hearing):
    r = hearing
    ana, poo, wang = interrupted_speech(r)
    e = floor(r, T0 + 130)
    assert (e[poo]["state"], e[ana]["state"], e[wang]["state"]) == ("speaking", "paused", "waiting")
    assert e[ana]["ended_at"] is None and e[ana]["seconds"] == 50
    assert e[ana]["reason"] == ("interrupted by a point of order: resumes after it, "
                                "2:10 left")
    listed = r.ok("queue", "list", "thematic-1", now=T0 + 130).splitlines()
    assert [line.split("\t")[1] for line in listed[:3]] == [str(poo), str(ana), str(wang)]
    stats = r.ok("queue", "stats", "thematic-1", now=T0 + 130)
    assert ("floor\tBen Okoro has the floor on a point of order; Ana Ruiz's speech resumes "
            "after it") in stats
    assert "speech now\t0:40 to run" in stats  # the point of order's minute, not Ana's clock
    journal = r.ok("journal")
    assert ("floor to Ben Okoro, a point of order; Ana Ruiz's speech interrupted"
            in journal)


def test_next_after_the_point_of_order_gives_the_floor_back_with_the_time_left(hearing):
    r = hearing
    ana, poo, wang = interrupted_speech(r)
    assert r.ok("queue", "next", "thematic-1", now=T0 + 150) == ""
    e = floor(r, T0 + 200)
    assert (e[poo]["state"], e[ana]["state"], e[wang]["state"]) == ("spoken", "speaking", "waiting")
    # 50 s before the point of order, 50 s after it: its 40 s are a pause.
    assert e[ana]["seconds"] == 100 and e[ana]["started_at"] == iso(T0 + 60)
    assert e[poo]["seconds"] == 40
    assert "Ben Okoro's point of order ended; floor back to Ana Ruiz" in r.ok("journal")
    r.ok("queue", "next", "thematic-1", now=T0 + 230)
    e = floor(r, T0 + 240)
    assert (e[ana]["state"], e[ana]["seconds"], e[wang]["state"]) == ("spoken", 130, "speaking")
    summary = r.json("export", "summary", "--format", "json", now=T0 + 240)
    spoke = {i["id"]: i for i in summary["agenda"][0]["interventions"]}
    assert (spoke[ana]["seconds"], spoke[poo]["seconds"]) == (130, 40)
    # Every state change of the speech kept its time stamp, in the journal.
    states = sqlite3.connect(r.db).execute(
        "SELECT json_extract(old, '$.state') AS was, json_extract(new, '$.state') AS now,"
        " json_extract(new, '$.state_changed_at') FROM change"
        " WHERE tbl = 'queue_entry' AND row_id = ? AND was IS NOT now ORDER BY id",
        (ana,)).fetchall()
    assert states == [(None, "waiting", T0), ("waiting", "speaking", T0 + 60),
                      ("speaking", "paused", T0 + 110), ("paused", "speaking", T0 + 150),
                      ("speaking", "spoken", T0 + 230)]


def test_a_second_point_of_order_is_heard_before_the_speech_resumes(hearing):
    r = hearing
    ana, poo, wang = interrupted_speech(r)
    other = r.new_id("queue", "add", "thematic-1", "3", "--kind", "point_of_order", now=T0 + 120)
    r.ok("queue", "next", "thematic-1", now=T0 + 150)
    e = floor(r, T0 + 160)
    assert (e[other]["state"], e[ana]["state"]) == ("speaking", "paused")
    r.ok("queue", "next", "thematic-1", now=T0 + 170)
    assert floor(r, T0 + 180)[ana]["state"] == "speaking"


def test_ending_the_point_of_order_leaves_the_speech_paused_to_resume(hearing):
    r = hearing
    ana, poo, wang = interrupted_speech(r)
    r.ok("queue", "end", "thematic-1", now=T0 + 150)
    assert "Ana Ruiz has the floor, paused" in r.ok("queue", "stats", "thematic-1", now=T0 + 160)
    assert "Ben Okoro's point of order ended; Ana Ruiz has the floor, paused" in r.ok("journal")
    r.ok("queue", "resume", "thematic-1", now=T0 + 170)
    assert floor(r, T0 + 180)[ana]["seconds"] == 60


def test_giving_the_floor_to_another_ends_both_and_undo_restores_the_interruption(hearing):
    r = hearing
    ana, poo, wang = interrupted_speech(r)
    before = sqlite3.connect(r.db).execute(
        "SELECT id, state, paused_at FROM queue_entry ORDER BY id").fetchall()
    assert (ana, "paused", T0 + 110) in before
    r.ok("queue", "give", str(wang), now=T0 + 150)
    e = floor(r, T0 + 160)
    assert (e[poo]["state"], e[ana]["state"], e[wang]["state"]) == ("spoken", "spoken", "speaking")
    assert e[ana]["seconds"] == 50  # her speech ended where it was interrupted
    r.ok("undo")
    after = sqlite3.connect(r.db).execute(
        "SELECT id, state, paused_at FROM queue_entry ORDER BY id").fetchall()
    assert after == before


def test_an_item_closed_ends_both_and_a_speech_is_not_carried_mid_point(hearing):
    r = hearing
    r.new_id("agenda", "add", "--title", "Thematic discussion II", "--code", "thematic-2",
             "--start", "15:00", "--end", "18:00")
    ana, poo, wang = interrupted_speech(r)
    bad = r.run("agenda", "open", "thematic-2", "--carry-speech", now=T0 + 150)
    assert bad.returncode == 2
    assert bad.stderr.strip() == ("rostrum: Ben Okoro (entry %d) is making a point of order "
                                  "during Ana Ruiz's speech: end the point of order first" % poo)
    r.ok("agenda", "close", "thematic-1", "--end-speech", now=T0 + 150)
    e = floor(r, T0 + 160)
    assert (e[poo]["state"], e[ana]["state"]) == ("spoken", "spoken")
    assert e[ana]["seconds"] == 50


def test_a_reply_during_the_point_of_order_answers_the_speech_interrupted(hearing):
    r = hearing
    ana, poo, wang = interrupted_speech(r)
    reply = r.new_id("queue", "add", "thematic-1", "3", "--kind", "reply", now=T0 + 120)
    assert floor(r, T0 + 130)[reply]["reply_to"] == ana
