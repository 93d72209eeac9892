"""export summary and export speakers through the CLI; demo; hostile text."""
import csv
import io
import json
import os
import re

T0 = 1652711400  # 2022-05-16T14:30:00Z
HOSTILE = "<script>alert(1)</script>\x1b[2J"


def spoken(r):
    r.new_id("queue", "add", "thematic-1", "1", now=T0)
    r.new_id("queue", "add", "thematic-1", "2", now=T0 + 1)
    r.ok("queue", "start", "thematic-1", now=T0 + 10)
    r.ok("queue", "next", "thematic-1", now=T0 + 130)
    r.ok("queue", "end", "thematic-1", now=T0 + 200)


def test_summary_markdown_and_json_to_files(hearing, tmp_path):
    spoken(hearing)
    hearing.new_id("recommend", "thematic-1", "Expand regular pathways", "--by", "1",
                   "--gcm", "5")
    md = tmp_path / "r.md"
    hearing.ok("export", "summary", "-o", md, now=T0 + 300)
    text = md.read_text(encoding="utf-8")
    assert text.startswith("# Hearing")
    assert "## Thematic discussion I" in text and "Ana Ruiz" in text and "2:00" in text
    assert "Expand regular pathways" in text
    js = tmp_path / "r.json"
    hearing.ok("export", "summary", "--format", "json", "-o", js, now=T0 + 300)
    data = json.loads(js.read_text(encoding="utf-8"))
    assert [i["seconds"] for i in data["agenda"][0]["interventions"]] == [120, 70]
    assert data["statistics"]["by_sector"]["migrant"]["interventions"] == 1
    # The same database exports byte-identically.
    again = tmp_path / "again.json"
    hearing.ok("export", "summary", "--format", "json", "-o", again, now=T0 + 300)
    assert again.read_bytes() == js.read_bytes()


def test_the_report_says_kinds_and_states_in_words(hearing):
    text = hearing.ok("export", "summary", "--format", "md", now=T0)
    assert "No interventions were made." in text and " 0 interventions" not in text
    hearing.new_id("queue", "add", "thematic-1", "1", now=T0)
    hearing.new_id("queue", "add", "thematic-1", "2", "--kind", "point_of_order", now=T0 + 1)
    hearing.ok("queue", "start", "thematic-1", now=T0 + 10)
    hearing.ok("queue", "end", "thematic-1", now=T0 + 40)
    for fmt in ["md", "txt", "html"]:
        text = hearing.ok("export", "summary", "--format", fmt, now=T0 + 300)
        assert "point of order" in text, fmt
        assert "point_of_order" not in text, fmt
    data = json.loads(hearing.ok("export", "summary", "--format", "json", now=T0 + 300))
    assert [i["kind"] for i in data["agenda"][0]["interventions"]][0] == "point_of_order"


def test_one_item_and_no_contacts(hearing):
    hearing.new_id("agenda", "add", "--title", "Closing", "--code", "closing")
    data = hearing.json("export", "summary", "--format", "json", "--item", "closing",
                        "--no-contacts")
    assert [i["code"] for i in data["agenda"]] == ["closing"]
    assert all(s["email"] is None for s in data["stakeholders"])
    assert hearing.run("export", "summary", "--item", "nope").returncode == 2
    assert hearing.run("export", "summary", "--format", "pdf").returncode == 2
    assert hearing.run("export", "speakers", "--format", "md").returncode == 2


def test_speakers_csv_and_json(hearing):
    spoken(hearing)
    rows = list(csv.DictReader(io.StringIO(hearing.ok("export", "speakers"))))
    assert [(r["name"], r["state"], r["seconds"]) for r in rows] == [
        ("Ana Ruiz", "spoken", "120"), ("Ben Okoro", "spoken", "70")]
    # The speaker's id on the roster, last: namesakes told apart, the roster joined.
    roster = {p["name"]: p["id"] for p in hearing.json("stakeholder", "list", "--json")}
    assert list(rows[0])[-1] == "stakeholder"
    assert [int(r["stakeholder"]) for r in rows] == [roster["Ana Ruiz"], roster["Ben Okoro"]]
    js = hearing.json("export", "speakers", "--format", "json")
    assert [s["name"] for s in js] == ["Ana Ruiz", "Ben Okoro"]


def test_hostile_text_comes_out_inert(hearing):
    r = hearing
    who = r.new_id("stakeholder", "add", "--name", "Evil", "--org", "=HYPERLINK(\"x\")")
    r.plant("stakeholder", who, "name", HOSTILE)  # the CLI refuses it now
    r.new_id("queue", "add", "thematic-1", str(who), now=T0)
    r.ok("queue", "start", "thematic-1", now=T0 + 1)
    note = r.new_id("note", "thematic-1", "=HYPERLINK(\"x\")", now=T0 + 2)
    r.plant("outcome", note, "text", "=HYPERLINK(\"x\") \x1b]0;pwned\x07")
    for args in (["stakeholder", "list"], ["queue", "list", "thematic-1"],
                 ["export", "summary"], ["export", "speakers"]):
        out = r.ok(*args)
        assert "\x1b" not in out and "\x07" not in out, args
    md = r.ok("export", "summary")
    assert "\\<script>" in md  # shown as text by Markdown viewers, never run
    assert re.search(r"(?<!\\)<script>", md) is None
    cells = [row for row in csv.reader(io.StringIO(r.ok("export", "speakers")))]
    org = cells[1][cells[0].index("organization")]
    assert org.startswith("'=")


def test_a_multi_line_key_point_keeps_its_line_breaks_in_markdown(hearing):
    """Each line break of the text is a hard break (a trailing backslash),
    as HTML's <br>: a soft one would render the lines as one run-on line.
    A line that would open a list is still escaped."""
    r = hearing
    r.new_id("note", "thematic-1", "Panellist 3 said:\n- search and rescue is a legal duty;\n"
             "- 2,062 deaths in the Mediterranean in 2021;\nCalled for a state-led response.")
    md = r.ok("export", "summary")
    assert ("- Panellist 3 said:\\\n"
            "  \\- search and rescue is a legal duty;\\\n"
            "  \\- 2,062 deaths in the Mediterranean in 2021;\\\n"
            "  Called for a state-led response.\n") in md
    html = r.ok("export", "summary", "--format", "html")
    assert html.count("<br>\n- search and rescue") == 1


def test_failed_export_keeps_the_old_file(hearing, tmp_path):
    out = tmp_path / "r.json"
    out.write_text("old report")
    # An export that fails (here: no such item) leaves the old file as it was.
    p = hearing.run("export", "summary", "--item", "nope", "-o", out)
    assert p.returncode == 2
    assert out.read_text() == "old report"
    assert sorted(os.listdir(tmp_path)) == ["home", "r.json", "t.db"] or \
        not any(n.startswith("r.json.") for n in os.listdir(tmp_path))


def test_demo_builds_the_2022_hearing(r, tmp_path):
    p = r.run("demo", db=False, env={"XDG_DATA_HOME": str(tmp_path / "xdg")})
    demo = tmp_path / "xdg" / "rostrum" / "demo.db"
    assert demo.exists(), p.stderr
    r.db = str(demo)
    items = r.json("agenda", "list", "--json")
    assert [i["code"] for i in items if i["parent"] is None] == [
        "opening", "thematic-1", "lunch", "thematic-2", "thematic-3", "closing"]
    assert [i["start"] for i in items if i["code"] == "thematic-1"] == ["2022-05-16T10:30"]
    names = [s["name"] for s in r.json("stakeholder", "list", "--json")]
    assert "António Vitorino" in names and "Abdulla Shahid" in names
    assert r.json("queue", "list", "thematic-1", "--json")  # form requests are queued


def test_nominators_are_listed_as_the_roster_sorts_names(r):
    r.ok("init", "--title", "Hearing")
    for name in ["Ximena Rojas", "Élodie García", "Bo Chen", "Zed Nominee"]:
        r.new_id("stakeholder", "add", "--name", name, "--sector", "migrant")
    for by in ["Ximena Rojas", "Élodie García", "Bo Chen"]:
        r.new_id("nominate", "Zed Nominee", "--by", by)
    row = next(line for line in r.ok("export", "summary").splitlines()
               if line.startswith("| Zed Nominee |"))
    # É with the E's, not after the Z's as its bytes would put it.
    assert "| Bo Chen, Élodie García, Ximena Rojas |" in row, row


def test_the_overview_counts_the_points_of_order_among_the_interventions(r):
    r.ok("init", "--title", "Hearing")
    r.new_id("agenda", "add", "--title", "Floor", "--code", "t")
    for name in ["Ana Ruiz", "Ben Okoro", "Cy Diallo"]:
        r.new_id("stakeholder", "add", "--name", name, "--sector", "migrant")
    r.new_id("queue", "add", "t", "1")
    r.new_id("queue", "add", "t", "2")
    r.ok("queue", "start", "t")
    r.new_id("queue", "add", "t", "3", "--kind", "point_of_order")
    r.ok("queue", "next", "t")  # the point of order goes first
    r.ok("queue", "next", "t")
    r.ok("queue", "end", "t")
    md = r.ok("export", "summary")
    # Three heard, one of them procedure: the live balance counts two.
    assert "3 interventions were made (1 of them a point of order), for a total speaking" \
        in md, md[:800]
    stats = r.json("queue", "stats", "t", "--json")
    assert stats["total_interventions"] == 2
