"""A whole hearing driven only by keys, on a pinned clock, then the database
and the JSON export compared with exactly what should be there."""
import sqlite3

import pytest

from conftest import Rostrum, quit_tui, tui_env

T0 = 1652711400  # 2022-05-16T14:30:00Z
ISO = "2022-05-16T14:30:00Z"
PEOPLE = [("Ana Ruiz", "migrant", "ana@example.org"), ("Ben Okoro", "academia", "ben@example.org"),
          ("王芳", "media", "wang@example.org"), ("Dana Levi", "youth", "dana@example.org")]


@pytest.fixture
def r(tmp_path):
    r = Rostrum(tmp_path)
    r.ok("init", "--title", "Hearing", "--date", "2022-05-16")
    r.ok("agenda", "add", "--title", "Opening", "--code", "opening")
    r.ok("agenda", "add", "--title", "Thematic discussion I", "--code", "thematic-1",
         "--start", "10:30", "--end", "13:00")
    for name, sector, email in PEOPLE:
        r.ok("stakeholder", "add", "--name", name, "--sector", sector, "--email", email)
    return r


def pick(screen, t, title, typed, name):
    screen.wait_for(t, title)
    screen.type(t, typed)
    screen.wait_for(t, f"{name} —")
    screen.keys(t, "Enter")


def editor(screen, t, text):
    screen.wait_for(t, "Ctrl-D or F2 save")
    screen.type(t, text)
    screen.wait_for(t, text[-10:])
    screen.keys(t, "C-d")


def line(screen, t, title, text):
    screen.wait_for(t, title)
    screen.type(t, text)
    screen.keys(t, "Enter")


def test_scripted_hearing(screen, r):
    t = screen.start(tui_env(r, ROSTRUM_NOW=str(T0)), ["--db", r.db], 80, 24)
    screen.wait_for(t, "1 Agenda")
    screen.keys(t, "1", "Down", "o")  # make thematic-1 the live item
    screen.wait_for(t, "live now: thematic-1")
    screen.keys(t, "3")
    for typed, name in [("ana", "Ana Ruiz"), ("okoro", "Ben Okoro"), ("王", "王芳")]:
        screen.keys(t, "a")
        pick(screen, t, "type to search the roster", typed, name)
        screen.wait_for(t, "As what?")
        screen.keys(t, "Enter")  # from the floor
        screen.wait_for(t, f"floor: {name} on 'Thematic discussion I'")
    screen.keys(t, "n")
    screen.wait_for(t, "Next: Ben Okoro")
    screen.keys(t, "Space")
    screen.wait_for(t, "PAUSED")
    screen.keys(t, "Space")
    screen.wait_gone(t, "PAUSED")
    screen.keys(t, "n")
    screen.wait_for(t, "Next: 王芳")
    screen.keys(t, "x")  # 王芳, the only one waiting, is not in the room
    screen.wait_for(t, "absent")
    screen.keys(t, "p")
    pick(screen, t, "Point of order: who?", "dana", "Dana Levi")
    screen.wait_for(t, "Next: Dana Levi")
    screen.keys(t, "u")  # the point of order was a mistake
    screen.wait_for(t, "Undo the last change made here?")
    screen.keys(t, "y")
    screen.wait_for(t, "undone")
    screen.wait_gone(t, "Next: Dana Levi")

    screen.keys(t, "5", "a")
    line(screen, t, "Add what?", "rec")
    editor(screen, t, "Expand regular pathways for work and family")
    pick(screen, t, "Recommended by", "ana", "Ana Ruiz")
    screen.wait_for(t, "Recommended also by")
    screen.keys(t, "Escape")
    line(screen, t, "GCM objectives", "5")
    screen.wait_for(t, "Expand regular pathways")
    screen.keys(t, "a")
    line(screen, t, "Add what?", "pledge")
    editor(screen, t, "Fund legal aid clinics in three border cities")
    pick(screen, t, "Pledged by", "okoro", "Ben Okoro")
    screen.wait_for(t, "Pledged also by")
    screen.keys(t, "Escape")
    line(screen, t, "Pledge type", "resources")
    line(screen, t, "GCM objectives", "7 15")
    screen.wait_for(t, "Fund legal aid clinics")
    quit_tui(screen, t)
    assert screen.dead_status(t) == 0

    data = r.json("export", "summary", "--format", "json", now=T0)
    item = [i for i in data["agenda"] if i["code"] == "thematic-1"][0]
    assert item["started_at"] == ISO
    got = [{k: i[k] for k in ("stakeholder", "name", "kind", "state", "requested_at",
                              "started_at", "ended_at", "seconds")}
           for i in item["interventions"]]
    assert got == [
        {"stakeholder": 1, "name": "Ana Ruiz", "kind": "floor", "state": "spoken",
         "requested_at": ISO, "started_at": ISO, "ended_at": ISO, "seconds": 0},
        {"stakeholder": 2, "name": "Ben Okoro", "kind": "floor", "state": "speaking",
         "requested_at": ISO, "started_at": ISO, "ended_at": None, "seconds": 0},
        {"stakeholder": 3, "name": "王芳", "kind": "floor", "state": "absent",
         "requested_at": ISO, "started_at": None, "ended_at": None, "seconds": 0},
    ]
    assert [(x["text"], x["by"], x["gcm"]) for x in item["recommendations"]] == [
        ("Expand regular pathways for work and family", [1], [5])]
    assert [(x["text"], x["by"], x["gcm"], x["pledge_type"]) for x in item["pledges"]] == [
        ("Fund legal aid clinics in three border cities", [2], [7, 15], "resources")]
    assert item["notes"] == []

    con = sqlite3.connect(r.db)
    actions = [a for (a,) in con.execute("SELECT action FROM event WHERE id > 7 ORDER BY id")]
    assert actions == ["agenda.open", "queue.add", "queue.add", "queue.add", "queue.start",
                       "queue.pause", "queue.resume", "queue.next", "queue.absent",
                       "queue.add", "undo", "recommendation.add", "pledge.add"]
    undone = con.execute("SELECT count(*) FROM event WHERE action = 'queue.add'"
                         " AND undone_by IS NOT NULL").fetchone()[0]
    assert undone == 1
    assert con.execute("SELECT count(*) FROM queue_entry WHERE stakeholder_id = 4"
                       ).fetchone()[0] == 0
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
