"""The meeting's own words and links, themes and responses: set from the
command line and the programme file, checked, journalled, shown."""
import json

import pytest


@pytest.fixture
def m(r):
    r.ok("init", "--title", "Consultation")
    r.ok("agenda", "add", "--title", "Working session", "--code", "w1")
    return r


def test_meeting_set_words_and_links(m):
    m.ok("meeting", "set", "--host", "the Network", "--introduction", "This report outlines.",
         "--report-title", "Outcomes", "--link", "Recording=https://a.org/r?x=1&y=2",
         "--link", "https://b.org")
    d = m.json("meeting", "show", "--json")
    assert d["host"] == "the Network" and d["report_title"] == "Outcomes"
    assert d["links"] == [{"label": "Recording", "url": "https://a.org/r?x=1&y=2"},
                          {"label": None, "url": "https://b.org"}]
    md = m.ok("export", "summary")
    assert md.startswith("# Outcomes\n\nSummary report\n\nConsultation\n\nHosted by the Network\n")
    assert "**Recording:** <https://a.org/r?x=1&y=2> · **Link:** <https://b.org>" in md
    m.ok("meeting", "set", "--host", "", "--no-links")
    d = m.json("meeting", "show", "--json")
    assert d["host"] is None and d["links"] == []
    m.ok("undo")  # one journalled action, undone whole
    assert m.json("meeting", "show", "--json")["links"][1]["url"] == "https://b.org"


@pytest.mark.parametrize("link", ["javascript:alert(1)", "Label=ftp://a.org",
                                  "https://a.org/x y", 'https://a.org/"x'])
def test_meeting_set_refuses_a_link_that_is_not_http(m, link):
    p = m.run("meeting", "set", "--host", "H", "--link", link, check=2)
    assert p.stderr.startswith("rostrum: --link: ") and p.stderr.count("\n") == 1
    assert m.json("meeting", "show", "--json")["host"] is None  # nothing changed


def test_programme_file_words_and_a_bad_link(m, tmp_path):
    f = tmp_path / "p.conf"
    f.write_text('host = "the Network"\ncontext = "On 4 April 2019,\n  the Network met."\n'
                 'link "Page" { url = "https://a.org" }\n'
                 'link "Bad" { url = "javascript:x" }\nitem "x" { title = "X" }\n')
    p = m.run("import", "agenda", f, check=2)
    assert f"{f}:5: link 'Bad'" in p.stderr
    assert m.json("meeting", "show", "--json")["host"] is None
    f.write_text(f.read_text().replace('link "Bad" { url = "javascript:x" }\n', ""))
    m.ok("import", "agenda", f)
    d = m.json("meeting", "show", "--json")
    assert d["context"] == "On 4 April 2019, the Network met."
    assert d["links"] == [{"label": "Page", "url": "https://a.org"}]


def test_respond_and_themes(m):
    note = m.new_id("note", "w1", "Stakeholders asked for more than one rapporteur.",
                    "--theme", "Process")
    resp = m.new_id("respond", str(note), "The Network responded that it would discuss it.")
    out = {o["id"]: o for o in m.json("outcome", "list", "--json")}
    assert out[resp]["type"] == "response" and out[resp]["responds_to"] == note
    assert out[resp]["item_code"] == "w1" and out[note]["themes"] == ["Process"]
    # A response answers an outcome that exists and is not a response.
    assert "no outcome 99" in m.run("respond", "99", "x", check=2).stderr
    assert "is a response" in m.run("respond", str(resp), "x", check=2).stderr
    assert "response has no GCM" in m.run("outcome", "edit", str(resp), "--gcm", "3",
                                          check=2).stderr
    # What has a response is not deleted before it.
    assert "has a response" in m.run("outcome", "delete", str(note), check=2).stderr
    m.ok("outcome", "edit", str(note), "--theme", "Process", "--theme", "Rapporteurs")
    assert m.json("outcome", "list", "--json")[0]["themes"] == ["Process", "Rapporteurs"]
    md = m.ok("export", "summary", "--organise", "theme")
    assert "## Process\n" in md and "## Rapporteurs\n" in md
    assert md.count("**Response:** The Network responded") == 2  # under each theme
    m.ok("outcome", "delete", str(resp))
    m.ok("outcome", "delete", str(note))
    assert "a theme needs a name" in m.run("note", "w1", "x", "--theme", " ", check=2).stderr


@pytest.mark.parametrize("opt,bad", [("--organise", "date"), ("--attribution", "initials")])
def test_export_choices_are_checked(m, opt, bad):
    p = m.run("export", "summary", opt, bad, check=2)
    assert opt in p.stderr and bad in p.stderr


def test_json_names_no_one_without_names(m):
    who = m.new_id("stakeholder", "add", "--name", "Ana Ruiz", "--org", "Red", "--sector",
                   "migrant", "--email", "ana@example.org", "--country", "PE")
    m.new_id("recommend", "w1", "Regular pathways.", "--by", str(who))
    for attribution in ["sectors", "none"]:
        raw = m.ok("export", "summary", "--format", "json", "--attribution", attribution)
        assert "Ana" not in raw and "Red" not in raw and "example.org" not in raw
        d = json.loads(raw)
        assert d["stakeholders"][0]["sector"] == "migrant"
        assert d["agenda"][0]["recommendations"][0]["by"] == [who]
