"""import roster and import agenda, with the shared fixtures."""
import sqlite3

from conftest import FIXTURES, ROOT


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
