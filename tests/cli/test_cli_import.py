"""import roster and import agenda, with the shared fixtures."""
import sqlite3

from conftest import FIXTURES, ROOT, dump


def count(r):
    return len(r.json("stakeholder", "list", "--json"))


def test_roster_import_is_idempotent_then_messy_adds_forty(r):
    r.ok("init", "--title", "Hearing", "--date", "2022-05-16")
    out = r.ok("import", "roster", FIXTURES / "registrations.csv")
    assert out.startswith("150 added, 0 updated")
    assert count(r) == 150
    out = r.ok("import", "roster", FIXTURES / "registrations.csv")
    assert out.startswith("0 added, 0 updated, 150 unchanged")
    assert count(r) == 150
    r.ok("import", "roster", FIXTURES / "registrations-messy.csv")
    people = r.json("stakeholder", "list", "--json")
    assert len(people) == 190
    hiba = [p for p in people if p["email"] == "hiba.khoury@nhrc-eg.example.org"]
    assert hiba and hiba[0]["sector"] == "nhri"  # a label in capitals, stored as its code


def test_bad_row_rejects_the_file_and_names_the_line(r, tmp_path):
    r.ok("init")
    r.ok("import", "roster", FIXTURES / "registrations.csv")
    lines = (FIXTURES / "registrations-messy.csv").read_text(encoding="utf-8-sig").splitlines()
    bad = tmp_path / "bad.csv"
    # Line 4 of the file gets a sector nobody knows.
    rows = lines[:3] + [lines[3].replace(",red_cross,", ",astronauts,")] + lines[4:8]
    bad.write_text("\n".join(rows) + "\n", encoding="utf-8")
    p = r.run("import", "roster", bad)
    assert p.returncode == 2
    assert f"{bad}:4: sector:" in p.stderr and "astronauts" in p.stderr
    assert count(r) == 150


def test_dry_run_changes_nothing(r):
    r.ok("init")
    out = r.ok("import", "roster", FIXTURES / "registrations.csv", "--dry-run")
    assert "150 added" in out
    assert count(r) == 0
    con = sqlite3.connect(r.db)
    assert con.execute("SELECT count(*) FROM event WHERE action LIKE 'import%'").fetchone()[0] == 0


def test_missing_file_is_invalid_input(r, tmp_path):
    r.ok("init")
    p = r.run("import", "roster", tmp_path / "nope.csv")
    assert p.returncode in (1, 2) and "nope.csv" in p.stderr


def test_programme_then_roster_puts_requests_on_the_queue(r):
    r.ok("init", "--title", "Hearing", "--date", "2022-05-16")
    out = r.ok("import", "agenda", ROOT / "data" / "programmes" / "imrf-2022.conf")
    assert "agenda items added" in out
    codes = [i["code"] for i in r.json("agenda", "list", "--json")]
    assert "thematic-1" in codes and "thematic-2" in codes
    r.ok("import", "roster", FIXTURES / "registrations.csv")
    # The item's floor by first come (the programme has it balanced).
    r.ok("agenda", "set", "thematic-1", "--policy", "fifo")
    waiting = r.json("queue", "list", "thematic-1", "--json")
    assert waiting and all(e["state"] == "waiting" for e in waiting)
    kinds = [e["kind"] for e in waiting]
    # The thirteen panellists of the programme, then the 22 from the form.
    assert kinds == ["panel"] * 13 + ["floor"] * 22
    times = [e["requested_at"] for e in waiting if e["kind"] == "floor"]
    assert times == sorted(times)  # first come, first proposed
    p = r.run("import", "agenda", ROOT / "data" / "programmes" / "imrf-2022.conf")
    assert p.returncode == 2  # the codes exist already; nothing is added twice
    assert [i["code"] for i in r.json("agenda", "list", "--json")] == codes


def test_a_programme_says_who_comes_as_an_organiser(r, tmp_path):
    """The chair a programme adds is counted apart from the stakeholders in
    the report, as the roster's role column would count them."""
    r.ok("init", "--title", "Hearing")
    f = tmp_path / "p.conf"
    f.write_text('item "opening" {\n title = "Opening"\n kind = "opening"\n'
                 ' speaker "chair@x.org" { name = "Chair Person" sector = "other"'
                 ' role = "organiser" }\n'
                 ' speaker "b@x.org" { name = "Bea" sector = "other" role = "boss" }\n}\n')
    p = r.run("import", "agenda", f)
    assert p.returncode == 2 and p.stderr == (f"{f}:5: speaker 'b@x.org': unknown role 'boss'\n"
                                              f"rostrum: {f}: 1 error; nothing imported\n")
    f.write_text(f.read_text().replace(' role = "boss"', ""))
    r.ok("import", "agenda", f)
    roles = {s["name"]: s["role"] for s in r.json("stakeholder", "list", "--json")}
    assert roles == {"Chair Person": "organiser", "Bea": "stakeholder"}
    md = r.ok("export", "summary")
    assert "1 stakeholder" in md and "1 organiser" in md, md[:600]


# ---- a corrected registration file ------------------------------------------

HEAD = "name,sector,email,wants_to_speak,speak_on,registered_at\n"


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def waiting(r, code):
    """Who waits on ITEM's list from the floor, with their time of request."""
    return [(e["name"], e["requested_at"]) for e in r.json("queue", "list", code, "--json")
            if e["state"] == "waiting" and e["kind"] == "floor"]


def test_a_corrected_file_moves_withdraws_and_retimes_the_form_request(r, tmp_path):
    """The tester's desk: P One asks for thematic-1, the file is corrected
    to thematic-2, then to no.  She is on one list at a time, her time of
    request follows the file while she waits, the summary says what
    happened with the line, and undo puts each import back exactly."""
    r.ok("init", "--title", "R", "--date", "2022-05-16")
    r.ok("import", "agenda", ROOT / "data" / "programmes" / "imrf-2022.conf")
    form = HEAD + "P One,academia,p1@x.org,yes,thematic-1,2022-05-16T10:40:00\n"
    f = write(tmp_path, "form.csv", form)
    out = r.ok("import", "roster", f)
    assert out == "1 added, 0 updated, 0 unchanged, 1 request to speak queued, 0 nominations\n"
    # Without an offset, 10:40 at the venue (New York, EDT): 14:40Z.
    assert waiting(r, "thematic-1") == [("P One", "2022-05-16T14:40:00Z")]
    base = dump(r.db)

    f = write(tmp_path, "form.csv", form.replace("thematic-1", "thematic-2"))
    p = r.run("import", "roster", f, check=0)
    assert p.stdout == ("0 added, 1 updated, 0 unchanged, 0 requests to speak queued, 1 moved, "
                        "0 nominations\n")
    assert f"{f}: 1 request to speak moved to the item the file names now (line 2)\n" in p.stderr
    assert waiting(r, "thematic-1") == []
    assert waiting(r, "thematic-2") == [("P One", "2022-05-16T14:40:00Z")]
    moved = dump(r.db)

    f = write(tmp_path, "form.csv", form.replace("thematic-1", "thematic-2")
              .replace("10:40:00", "09:15:00"))
    p = r.run("import", "roster", f, check=0)
    assert "1 retimed" in p.stdout
    assert "1 request to speak requested at the file's new registered_at (line 2)" in p.stderr
    assert waiting(r, "thematic-2") == [("P One", "2022-05-16T13:15:00Z")]

    f = write(tmp_path, "form.csv", HEAD + "P One,academia,p1@x.org,no,,\n")
    p = r.run("import", "roster", f, check=0)
    assert p.stdout == ("0 added, 1 updated, 0 unchanged, 0 requests to speak queued, "
                        "1 withdrawn, 0 nominations\n")
    assert (f"{f}: 1 request to speak withdrawn (line 2): the file no longer asks to speak "
            "from the floor\n") in p.stderr
    assert waiting(r, "thematic-1") == waiting(r, "thematic-2") == []
    con = sqlite3.connect(r.db)
    assert con.execute("SELECT a.code, q.state FROM queue_entry q JOIN agenda_item a"
                       " ON a.id = q.item_id WHERE q.from_form").fetchall() == \
        [("thematic-2", "withdrawn")]
    con.close()

    # Each import undone whole, newest first: the file's journal names it.
    journal = r.json("journal", "--json")
    assert journal[-1]["summary"] == (f"imported 1 row from {f}: 0 added, 1 updated, "
                                      "0 unchanged; 0 requests to speak queued, 1 withdrawn, "
                                      "0 nominations")
    r.ok("undo")
    r.ok("undo")
    assert r.ok("undo").startswith(f"undone: imported 1 row from {f}: 0 added, 1 updated")
    assert waiting(r, "thematic-1") == [("P One", "2022-05-16T14:40:00Z")]
    assert waiting(r, "thematic-2") == []

    def rows(text):  # the file's tables, the journal and search index aside
        return [line for line in text.splitlines()
                if not line.startswith(('INSERT INTO "event"', 'INSERT INTO "change"',
                                        'INSERT INTO "stakeholder_fts'))]
    assert rows(dump(r.db)) == rows(base)
    assert rows(moved) != rows(base)


def test_a_request_no_longer_waiting_is_left_as_it_is(r, tmp_path):
    r.ok("init", "--title", "R", "--date", "2022-05-16")
    r.ok("agenda", "add", "--title", "One", "--code", "t1")
    r.ok("agenda", "add", "--title", "Two", "--code", "t2")
    f = write(tmp_path, "form.csv", HEAD + "Ana,academia,ana@x.org,yes,t1,2022-04-01T10:00:00Z\n")
    r.ok("import", "roster", f)
    r.ok("queue", "start", "t1")
    f = write(tmp_path, "form.csv", HEAD + "Ana,academia,ana@x.org,yes,t2,2022-04-01T10:00:00Z\n")
    p = r.run("import", "roster", f, check=0)
    assert p.stdout == ("0 added, 1 updated, 0 unchanged, 0 requests to speak queued, "
                        "0 nominations\n")
    assert (f"{f}: 1 request to speak left as it is (line 2): called, heard, absent or "
            "withdrawn already, so the file's change is not followed\n") in p.stderr
    assert [e["state"] for e in r.json("queue", "list", "t1", "--json")] == ["speaking"]
    assert r.json("queue", "list", "t2", "--json") == []


def test_a_panel_request_is_said_to_wait_for_panel_propose(r, tmp_path):
    r.ok("init", "--title", "R", "--date", "2022-05-16")
    r.ok("import", "agenda", ROOT / "data" / "programmes" / "imrf-2022.conf")
    f = write(tmp_path, "form.csv", HEAD + "P One,academia,p1@x.org,yes,thematic-1,\n"
              "P Two,academia,p2@x.org,panel,,\n")
    p = r.run("import", "roster", f, check=0)
    assert p.stderr == (f"{f}: 1 panel request names no item (line 3): for every item's panel, "
                        "weighed by 'rostrum panel propose ITEM'\n")
    assert r.ok("queue", "requests") == ""
    assert "P Two" in r.ok("panel", "propose", "thematic-1")


def test_the_journal_counts_in_words_that_agree(r, tmp_path):
    r.ok("init", "--title", "R")
    f = write(tmp_path, "p.conf", 'item "t1" {\n title = "One"\n}\n')
    r.ok("import", "agenda", f)
    assert r.json("journal", "--json")[-1]["summary"] == (
        f"imported 1 agenda item and 0 programme speakers from {f}; 0 requests to speak queued")
    g = write(tmp_path, "form.csv", HEAD + "Ana,academia,ana@x.org,yes,t1,2022-04-01T10:00:00Z\n")
    r.ok("import", "roster", g)
    assert r.json("journal", "--json")[-1]["summary"] == (
        f"imported 1 row from {g}: 1 added, 0 updated, 0 unchanged; 1 request to speak queued, "
        "0 nominations")
