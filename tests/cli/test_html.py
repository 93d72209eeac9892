"""export summary --format html: the demo hearing after a scripted session,
parsed by a strict HTML5 parser; hostile text inert; byte-identical twice.

With ROSTRUM_HTML_OUT set, the demo report is also copied there (make
check-html renders that copy in headless Chromium)."""
import os
import pathlib
import shutil

import html5lib
import pytest

from conftest import ROOT, Rostrum

DATA = pathlib.Path(os.environ.get("ROSTRUM_DATA", ROOT / "data"))
T0 = 1652709600  # 2022-05-16 10:00 in New York, the programme's time zone
NS = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"
SCRIPT = "<script>alert(1)</script>"
FORMULA = '=HYPERLINK("x")'


def at(hh, mm, ss=0):
    return T0 + ((hh - 10) * 60 + mm) * 60 + ss


def speech(r, item, start, end, pause=None):
    """The proposed speaker on item speaks from start to end (h, m, s)."""
    r.ok("queue", "start", item, now=at(*start))
    if pause:
        r.ok("queue", "pause", item, now=at(*pause[0]))
        r.ok("queue", "resume", item, now=at(*pause[1]))
    r.ok("queue", "end", item, now=at(*end))


def session(r):
    """A morning and an afternoon of the 2022 hearing, scripted with the
    command line alone: the moderator opens and closes the items."""
    r.ok("init", "--title", "International Migration Review Forum: Informal Interactive "
         "Multi-Stakeholder Hearing", "--date", "2022-05-16",
         "--venue", "Conference Room 4, United Nations Headquarters", now=at(9, 0))
    r.ok("import", "agenda", DATA / "programmes" / "imrf-2022.conf", now=at(9, 1))
    r.ok("import", "roster", DATA / "rosters" / "imrf-2022.csv", now=at(9, 2))
    # The programme queued the opening's speakers; the first two speak.
    r.ok("agenda", "open", "opening", now=at(10, 0))
    speech(r, "opening", (10, 2), (10, 11))
    speech(r, "opening", (10, 12), (10, 20))
    # Thematic discussion I: its panellists first, in the programme's order.
    r.ok("agenda", "open", "thematic-1", now=at(10, 24))
    speech(r, "thematic-1", (10, 34), (10, 38, 30), pause=((10, 36), (10, 37)))
    r.ok("queue", "start", "thematic-1", now=at(10, 39))
    r.ok("queue", "next", "thematic-1", now=at(10, 43, 15))
    r.ok("queue", "next", "thematic-1", now=at(10, 47))
    r.ok("queue", "end", "thematic-1", now=at(10, 52, 40))
    r.new_id("note", "thematic-1", "Regular pathways remain too narrow for most\n"
             "migrant workers & their families.", now=at(10, 53))
    note = r.new_id("note", "thematic-1", FORMULA + " <b>bold</b>", now=at(10, 54))
    # Refused at input now; a database from before may hold it.
    r.plant("outcome", note, "text", FORMULA + " \x1b[2J\x07 <b>bold</b>")
    r.new_id("recommend", "thematic-1", "Expand regular pathways for labour migration",
             "--by", "1", "--by", "2", "--gcm", "5", "--gcm", "18", now=at(10, 55))
    r.ok("agenda", "open", "lunch", now=at(13, 10))
    # A hostile name registers at lunch and takes the floor later.
    who = r.new_id("stakeholder", "add", "--name", SCRIPT, "--org", FORMULA,
                   "--sector", "civil_society", "--region", "Africa", "--gender", "woman",
                   now=at(14, 0))
    r.ok("agenda", "open", "thematic-2", now=at(15, 0))
    speech(r, "thematic-2", (15, 2), (15, 5, 20))
    r.new_id("pledge", "thematic-2", "Fund a regional migrant help desk", "--by", "3",
             "--by", str(who), "--type", "partnership", "--gcm", "23", now=at(15, 10))
    r.new_id("recommend", "thematic-2", "Firewalls between services and immigration "
             "enforcement", "--gcm", "15", now=at(15, 11))
    # The group reflection: the moderator gives the floor to the hostile
    # name from the floor, ahead of the summations.
    entry = r.new_id("queue", "add", "thematic-3", str(who), now=at(17, 19))
    r.ok("agenda", "open", "thematic-3", now=at(17, 31))
    r.ok("queue", "give", str(entry), now=at(17, 32))
    r.ok("queue", "end", "thematic-3", now=at(17, 35, 10))
    nom = r.new_id("nominate", "4", "--by", "5", "--statement", "Experienced rapporteur",
                   now=at(17, 30))
    r.ok("nomination", "set", str(nom), "accepted", now=at(17, 31))
    r.ok("nomination", "set", str(nom), "selected", now=at(17, 32))
    r.ok("agenda", "open", "closing", now=at(17, 52))
    r.new_id("nextstep", "closing", "Circulate the summary to all registered stakeholders",
             now=at(17, 55))
    r.ok("agenda", "close", "closing", now=at(18, 3))


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("html")
    r = Rostrum(tmp)
    session(r)
    out = tmp / "r.html"
    r.ok("export", "summary", "--format", "html", "-o", out, now=at(18, 5))
    if os.environ.get("ROSTRUM_HTML_OUT"):
        shutil.copyfile(out, os.environ["ROSTRUM_HTML_OUT"])
    return r, out.read_bytes()


def parse(data):
    return html5lib.HTMLParser(strict=True).parse(data)  # raises on any parse error


def text(el):
    return "".join(el.itertext())


def test_valid_html5_with_every_section(demo):
    _, data = demo
    assert data.startswith(b"<!DOCTYPE html>\n")
    doc = parse(data)
    heads = [text(h) for lvl in range(1, 7) for h in doc.iter(f"{NS}h{lvl}")]
    for h in ["International Migration Review Forum: Informal Interactive "
              "Multi-Stakeholder Hearing", "Overview", "Opening segment",
              "Lunch break", "Closing remarks", "Key points", "Who took the floor",
              "Recommendations", "Pledges", "Rapporteur for the plenary",
              "Rapporteur nominations", "Next steps",
              "Cross-reference by GCM objective and IMRF round table",
              "Annex: speakers' list", "Annex: balance", "By sector", "By region",
              "By gender", "Annex: planned and actual time"]:
        assert h in heads, h
    assert any(h.startswith("Thematic discussion I:") for h in heads)
    body = text(doc)
    for s in ["Monday, 16 May 2022", "10:00–18:00", "Conference Room 4",
              "Rapporteur: ", "GCM objectives 5, 18",
              "partnership; GCM objective 23", "actual 10:24–13:10",
              "Round table 1 (GCM objectives 2, 5, 6, 12, 18)"]:
        assert s in body, s
    assert not doc.findall(f".//{NS}link") and not doc.findall(f".//{NS}img")
    assert len(doc.findall(f".//{NS}style")) == 1  # self-contained


def bars(svg):
    return [r for r in svg.iter(f"{SVG}rect") if r.get("class") == "bar"]


def test_balance_charts(demo):
    _, data = demo
    doc = parse(data)
    svgs = {s.get("id"): s for s in doc.iter(f"{SVG}svg")}
    for dim in ["sector", "region", "gender"]:
        svg = svgs[f"chart-{dim}"]
        assert svg.get("class") == "balance" and svg.get("role") == "img"
        assert text(svg.find(f"{SVG}title")) == f"Balance by {dim}"
        assert len(bars(svg)) >= 3
    # 56 + 1 stakeholders registered (the 6 who came as organisers, the UN
    # system or a Member State are counted apart); women: 30 + 1 of 57 =
    # 54.4% of them.
    titles = [text(t) for t in svgs["chart-gender"].iter(f"{SVG}title")]
    assert "Share of stakeholders: 54.4%" in titles


def test_timing_chart(demo):
    _, data = demo
    doc = parse(data)
    svg = next(s for s in doc.iter(f"{SVG}svg") if s.get("id") == "chart-timing")
    assert svg.get("class") == "timing"
    titles = [text(t) for t in svg.iter(f"{SVG}title")]
    # Thematic discussion I: planned 10:30-13:00, held 10:24-13:10.
    assert "Planned: 150 min" in titles and "Actual: 166 min" in titles
    assert len(bars(svg)) == 12  # six timed items, planned and actual each
    rows = [[text(td) for td in tr.iter(f"{NS}td")]
            for tr in doc.find(f".//{NS}section[@id='annex-timing']").iter(f"{NS}tr")]
    assert ["150 min", "166 min", "+16 min"] in [r[1:] for r in rows]


def test_hostile_text_is_inert(demo):
    r, data = demo
    doc = parse(data)
    assert not list(doc.iter(f"{NS}script")) and not list(doc.iter(f"{NS}b"))
    body = text(doc)
    assert SCRIPT in body and FORMULA in body  # shown as text
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in data
    assert b"=HYPERLINK(&quot;x&quot;)" in data
    assert not any(c in data for c in b"\x1b\x07\x00")
    # It took the floor: a cell of the floor table and of the speakers' list;
    # and it registered: a cell of the participants' annex.
    cells = [text(td) for td in doc.iter(f"{NS}td")]
    assert cells.count(SCRIPT) == 3 and cells.count(FORMULA) == 3
    # Into a chart's labels too, escaped and cut: an agenda title of the
    # same kind would be (checked through the parsed SVG text).
    assert all(not list(s.iter(f"{SVG}script")) for s in doc.iter(f"{SVG}svg"))


def test_byte_identical_twice(demo, tmp_path):
    r, data = demo
    again = tmp_path / "again.html"
    r.ok("export", "summary", "--format", "html", "-o", again, now=at(18, 5))
    assert again.read_bytes() == data
    assert r.ok("export", "summary", "--format", "html", now=at(18, 5)).encode() == data


def test_one_item_and_empty_meeting(demo, r):
    d, _ = demo
    one = d.ok("export", "summary", "--format", "html", "--item", "thematic-1")
    doc = parse(one.encode())
    assert "Who took the floor" in [text(h) for h in doc.iter(f"{NS}h3")]
    r.ok("init")
    parse(r.ok("export", "summary", "--format", "html").encode())
