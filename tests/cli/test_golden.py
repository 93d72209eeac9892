"""Golden exports of the demo hearing after a scripted session, in every format.

The scenario runs the 2022 hearing from the command line alone, with the
clock pinned per step ($ROSTRUM_NOW): init, the programme (its items, its
speakers in order, New York time) and the roster; check-in at the desk; the
opening statements; thematic discussion I (thirteen panellists, then the
floor: a pause, a withdrawal, an absence); lunch; thematic discussion II;
the summations of the group reflection; the closing; notes,
recommendations and pledges tagged with GCM objectives, next steps,
nominations accepted and selected.  Items are opened and closed as the
moderator does (agenda open and close, or a speech started on an item).

Every export (whole meeting and --item thematic-1) is compared byte for byte
with tests/golden/.  To regenerate after an intended change:

    ROSTRUM_UPDATE_GOLDEN=1 make check      (or run pytest on this file)

then review `git diff tests/golden/`.  (tests/cli/test_html.py checks the
HTML further: a strict HTML5 parse, its charts, hostile text.)
"""
import csv
import io
import json
import os
import pathlib

import html5lib
import pytest

from conftest import ROOT, Rostrum

GOLDEN = ROOT / "tests" / "golden"
DATA = pathlib.Path(os.environ.get("ROSTRUM_DATA", ROOT / "data"))
UPDATE = os.environ.get("ROSTRUM_UPDATE_GOLDEN") == "1"

# 10:00 in New York on 16 May 2022 (UTC-4), and the time of day after it.
DAY = 1652709600


def at(hhmm, sec=0):
    h, m = map(int, hhmm.split(":"))
    return DAY + (h - 10) * 3600 + m * 60 + sec


FINAL = at("18:05")  # the time the report is exported
PRIORITIES = "Key thematic priorities and emerging issues"
# The report a secretariat publishes: by theme, no one named.
THEMES = ["--organise", "theme", "--attribution", "sectors"]
SUMMARY_FORMATS = ["md", "txt", "json", "html"]
SPEAKER_FORMATS = ["csv", "json"]
# How long each of the thirteen panellists of thematic discussion I spoke.
PANEL_SECONDS = [310, 295, 275, 320, 290, 300, 285, 305, 296, 288, 301, 279, 312]


def entry(r, item, name, now):
    for e in r.json("queue", "list", item, "--json", now=now):
        if e["name"] == name:
            return e["id"]
    raise AssertionError(f"{name} is not on the list of {item}")


def speak(r, item, steps):
    """steps: (time, command) pairs of queue commands on item."""
    for t, cmd in steps:
        r.ok("queue", cmd, item, now=t)


def check_in(r):
    """Three in four of the registered came to the desk; one of them joins
    online."""
    r.ok("stakeholder", "edit", "alex.rivera@tmsn-gt.example.org", "--participation", "online",
         now=at("09:29"))
    for s in r.json("stakeholder", "list", "--json"):
        if s["id"] % 4:
            r.ok("stakeholder", "checkin", str(s["id"]), now=at("09:30"))


def opening(r):
    # The programme queued the opening's three speakers in its order.
    r.ok("agenda", "open", "opening", now=at("10:00"))
    speak(r, "opening", [(at("10:01"), "start"), (at("10:06", 40), "next"),
                         (at("10:13", 15), "next"), (at("10:18", 45), "end")])
    r.ok("agenda", "close", "opening", now=at("10:29"))


def thematic_1(r):
    # The first speech opens the item.  The panellists speak first, in the
    # programme's order; then the floor, balanced.  One speaker from the
    # floor will speak English, not his first language.
    r.ok("queue", "set", str(entry(r, "thematic-1", "Ahmed Abdelrahman", at("10:30"))),
         "--language", "en", now=at("10:30"))
    t = at("10:31")
    r.ok("queue", "start", "thematic-1", now=t)
    for secs in PANEL_SECONDS:
        t += secs
        r.ok("queue", "next", "thematic-1", now=t)
    first = r.json("queue", "list", "thematic-1", "--json", now=t)[0]
    assert first["kind"] == "floor" and first["state"] == "speaking"
    r.ok("queue", "pause", "thematic-1", now=t + 90)
    r.ok("queue", "resume", "thematic-1", now=t + 135)
    t += 230
    r.ok("queue", "next", "thematic-1", now=t)
    r.ok("queue", "withdraw", str(entry(r, "thematic-1", "Chiara Bianchi", t + 5)),
         now=t + 5)
    r.ok("queue", "absent", str(entry(r, "thematic-1", "Hamid Karimi", t + 10)), now=t + 10)
    t += 185
    r.ok("queue", "next", "thematic-1", now=t)
    r.ok("queue", "end", "thematic-1", now=t + 170)
    r.new_id("note", "thematic-1", "Panellists reported progress on regular pathways at the"
             " local level, but warned that access to services still depends on status.",
             "--theme", PRIORITIES, now=at("11:55"))
    heard_first = r.new_id(
        "note", "thematic-1", "Speakers from the floor asked that migrants themselves be"
        " heard first, and that the IMRF declaration name\nconcrete, measurable commitments.",
        "--theme", "Process", now=at("11:56"))
    r.new_id("respond", heard_first, "The Network responded that migrant speakers open each"
             " thematic discussion, and that the recommendations reach the co-facilitators"
             " before the declaration is finalised.", now=at("11:56", 30))
    r.new_id("recommend", "thematic-1", "Expand regular pathways for labour migration, with"
             " decent work guarantees.", "--by", "tesfaye.g@emwa-et.example.org",
             "--by", "lan.nguyen@vlmf-vn.example.org", "--gcm", "5", "--gcm", "6",
             "--theme", PRIORITIES, now=at("11:57"))
    r.new_id("recommend", "thematic-1", "Guarantee access to basic services regardless of"
             " status, with firewalls between service providers and immigration enforcement.",
             "--by", "ingrid.solberg@bergen-inclusion.example.org", "--gcm", "15",
             "--theme", PRIORITIES, now=at("11:58"))
    r.new_id("pledge", "thematic-1", "Launch a joint city-civil society programme on access"
             " to services for migrants in irregular situations.",
             "--by", "ingrid.solberg@bergen-inclusion.example.org",
             "--by", "rashida.begum@csp-bd.example.org", "--type", "partnership",
             "--gcm", "15", "--gcm", "16", "--theme", PRIORITIES, now=at("11:59"))
    r.new_id("pledge", "thematic-1", "Fund a helpline for migrant domestic workers in the"
             " Gulf and South Asia.", "--by", "kofi.asante@adfe.example.org",
             "--by", "wang.fang@cmwrc-cn.example.org", "--type", "resources", "--gcm", "6",
             now=at("12:00"))
    r.ok("agenda", "close", "thematic-1", now=at("12:58"))
    r.ok("agenda", "open", "lunch", now=at("13:00"))


def thematic_2(r):
    # Its first speech opens the item and ends the lunch break.
    speak(r, "thematic-2", [(at("15:02"), "start"), (at("15:05", 12), "next"),
                            (at("15:08", 40), "end")])
    r.new_id("note", "thematic-2", "Regional reviews showed uneven data on missing migrants.",
             "--theme", PRIORITIES, now=at("15:10"))
    missing = r.new_id(
        "recommend", "thematic-2", "Establish a regional mechanism to trace missing"
        " migrants and support their families.", "--by", "kwame.mensah@gren-gh.example.org",
        "--gcm", "8", "--theme", PRIORITIES, now=at("15:11"))
    r.new_id("respond", missing, "IOM recalled the Missing Migrants Project and offered its"
             " support to a regional tracing mechanism.", "--by", "dg.office@iom.example.org",
             now=at("15:12"))
    r.ok("agenda", "close", "thematic-2", now=at("17:16"))


def thematic_3_and_closing(r):
    speak(r, "thematic-3", [(at("17:20"), "start"), (at("17:26", 5), "next"),
                            (at("17:31", 40), "end")])
    r.new_id("nextstep", "thematic-3", "The rapporteur presents the summary of the hearing at"
             " the opening of the IMRF plenary.", "--theme", "Process", now=at("17:45"))
    r.new_id("nextstep", "thematic-3", "The Network circulates this report to all participants"
             " within two weeks.", now=at("17:46"))
    speak(r, "closing", [(at("17:50"), "start"), (at("17:54", 30), "next"),
                         (at("17:59", 10), "end")])
    r.ok("agenda", "close", "closing", now=at("18:00"))


def nominations(r):
    r.new_id("nominate", "nomvula.dlamini@amsp-za.example.org", "--by",
             "khadija.osman@swdc-so.example.org", "--statement", "Seconded from the floor.",
             now=at("17:20"))
    noms = r.json("export", "summary", "--format", "json", now=at("17:30"))["nominations"]
    by_name = {}
    for n in noms:
        by_name.setdefault(n["nominee_name"], []).append(n["id"])
    # A nominee answers once for all their nominations (the core carries the
    # state across them): set the first of each.
    for name, states, t in [("Layla Mansour", ["accepted", "selected"], "17:31"),
                            ("Nomvula Dlamini", ["accepted", "not_selected"], "17:32"),
                            ("Aroha Ngata", ["declined"], "17:33")]:
        for i, state in enumerate(states):
            r.ok("nomination", "set", str(by_name[name][0]), state, now=at(t, 10 * i))


def build_hearing(r):
    r.ok("init", "--title", "Informal interactive multi-stakeholder hearing",
         "--date", "2022-05-16", "--venue", "Conference Room 4, United Nations Headquarters",
         now=at("08:00"))
    r.ok("import", "agenda", DATA / "programmes" / "imrf-2022.conf", now=at("08:01"))
    r.ok("import", "roster", DATA / "rosters" / "imrf-2022.csv", now=at("08:02"))
    check_in(r)
    opening(r)
    thematic_1(r)
    thematic_2(r)
    nominations(r)
    thematic_3_and_closing(r)


@pytest.fixture(scope="module")
def hearing(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("golden")
    r = Rostrum(tmp)
    build_hearing(r)
    return r


def exports():
    for item in [None, "thematic-1"]:
        for f in SUMMARY_FORMATS:
            yield "summary", f, item
        for f in SPEAKER_FORMATS:
            yield "speakers", f, item
    for f in SUMMARY_FORMATS:
        yield "summary", f, "themes"


def golden_name(what, fmt, item):
    return f"hearing{'-' + item if item else ''}.{what}.{fmt}"


def export(r, what, fmt, item, path):
    args = ["export", what, "--format", fmt, "-o", path]
    if item == "themes":
        args += THEMES
    elif item:
        args += ["--item", item]
    r.ok(*args, now=FINAL)
    return pathlib.Path(path).read_bytes()


@pytest.mark.parametrize("what,fmt,item", list(exports()))
def test_golden(hearing, tmp_path, what, fmt, item):
    """item: an agenda item's code, or "themes" for the report by theme
    that names no one."""
    out = export(hearing, what, fmt, item, tmp_path / "a")
    # The same database exports byte-identically.
    assert export(hearing, what, fmt, item, tmp_path / "b") == out
    golden = GOLDEN / golden_name(what, fmt, item)
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        golden.write_bytes(out)
    assert golden.exists(), f"{golden} missing: run with ROSTRUM_UPDATE_GOLDEN=1"
    assert out == golden.read_bytes(), \
        f"{golden.name} differs; if intended, regenerate with ROSTRUM_UPDATE_GOLDEN=1"


def html_available(r):
    p = r.run("export", "summary", "--format", "html", now=FINAL)
    return p.returncode == 0


def test_html_hook(hearing):
    """Until the HTML renderer lands it says so; then add "html" to
    SUMMARY_FORMATS and regenerate."""
    if not html_available(hearing):
        pytest.skip("HTML renderer not available yet")
    assert "html" in SUMMARY_FORMATS, "add html to SUMMARY_FORMATS and regenerate goldens"


def test_json_has_the_shape_of_spec(hearing):
    d = hearing.json("export", "summary", "--format", "json", now=FINAL)
    assert {"meeting", "agenda", "stakeholders", "nominations", "statistics",
            "cross_reference"} <= d.keys()
    assert {"title", "date", "venue"} <= d["meeting"].keys()
    for a in d["agenda"]:
        assert {"id", "code", "title", "kind", "start", "end", "parent", "interventions",
                "notes", "recommendations", "pledges", "started_at", "ended_at"} <= a.keys()
        assert isinstance(a["id"], int)
        for i in a["interventions"]:
            assert {"id", "stakeholder", "kind", "state", "requested_at", "started_at",
                    "ended_at", "seconds"} <= i.keys()
            assert isinstance(i["seconds"], int) and isinstance(i["stakeholder"], int)
    for s in d["stakeholders"]:
        assert {"id", "name", "organization", "sector", "region", "country", "gender",
                "email", "accreditation"} <= s.keys()
    for n in d["nominations"]:
        assert {"id", "nominee", "nominated_by", "role", "state", "statement"} <= n.keys()
    assert {"by_sector", "by_region", "by_gender"} <= d["statistics"].keys()
    t1 = next(a for a in d["agenda"] if a["code"] == "thematic-1")
    assert t1["started_at"] == "2022-05-16T14:31:00Z"
    assert t1["ended_at"] == "2022-05-16T16:58:00Z"
    # The thirteen panellists first, in the programme's order, then the floor.
    spoken = [i for i in t1["interventions"] if i["state"] == "spoken"]
    assert [i["seconds"] for i in spoken] == PANEL_SECONDS + [185, 185, 170]
    assert [i["kind"] for i in spoken] == ["panel"] * 13 + ["floor"] * 3
    assert [i["programme_order"] for i in spoken[:13]] == list(range(1, 14))
    # Every item was held: actual start and end times.
    assert all(a["started_at"] and a["ended_at"] for a in d["agenda"])
    assert d["meeting"]["timezone"] == "America/New_York"
    assert sorted(t1["pledges"][0]["by"]) == t1["pledges"][0]["by"]
    assert len(t1["pledges"][0]["by"]) == 2
    xref = d["cross_reference"]
    assert [x["round_table"] for x in xref] == sorted(x["round_table"] for x in xref)
    assert {x["objective"] for x in xref} == {5, 6, 8, 15, 16}
    assert d["statistics"]["by_gender"]["woman"]["present"] > 0
    # An ISO time everywhere a time is given.
    assert all(i["requested_at"].endswith("Z") for a in d["agenda"] for i in a["interventions"])


def test_markdown_reads_like_a_summary_report(hearing):
    md = hearing.ok("export", "summary", now=FINAL)
    for want in [
        "# Informal interactive multi-stakeholder hearing\n",
        "Monday, 16 May 2022\n",
        "10:00–18:00 (New York time)",
        "Venue: Conference Room 4, United Nations Headquarters",
        "## Overview\n",
        # Three in four checked in; the four panellists of the others who
        # spoke attended too.
        "The meeting was attended by 51 participants (62 registered), including 45 stakeholders"
        " representing every stakeholder sector, joined by 1 participant from Member States, 2"
        " from the United Nations system and 3 organisers; 1 of them took part online.",
        "- **Counted apart:** Organisers (3 registered, 3 present), United Nations system (2"
        " registered, 2 present), Member States (1 registered, 1 present)\n",
        "## Rapporteur for the plenary\n\n**Rapporteur:** Dr. Layla Mansour"
        " (Arab Network for Migrants' Rights; Civil society organizations), nominated by 2"
        " participants.\n",
        "**Time:** 10:30–13:00 (actual 10:31–12:58)",
        "### Key points\n",
        # The balance counts the stakeholders alone (Member States, the UN
        # system and organisers apart): Leilani Kahale of Asia and the
        # Pacific has the floor that Alex Rivera (online) had when they
        # counted.
        "| Ms. Leilani Kahale | Pacific Climate Mobility Network | Civil society organizations"
        " | from the floor | 2:50 |",
        "| Alex Rivera | Trans Migrants Support Network | Civil society organizations"
        " | Latin America and the Caribbean | non-binary | from the floor, online | not reached |",
        "**Time:** 10:00–10:30 (actual 10:00–10:29)",
        "| H.E. Mr. Abdulla Shahid | Office of the President of the General Assembly | Other"
        " relevant stakeholders (organiser) | opening speaker (President of the 76th Session of"
        " the United Nations General Assembly) | 5:40 |",
        "### Recommendations\n",
        "### Pledges\n",
        "— by Ms. Ingrid Solberg-Mensah (City of Bergen, Office for Inclusion; Local and"
        " regional authorities and communities), Ms. Rashida Begum (Coalition for Safe Passage;"
        " Civil society organizations) (partnership; GCM objectives 15, 16)",
        "## Next steps\n",
        "## Cross-reference by GCM objective and IMRF round table\n",
        "### Round table 3 (GCM objectives 14, 15, 16, 19, 20, 22)",
        "## Annex: speakers' list\n",
        "## Annex: balance\n",
        "## Annex: participants\n",
        "| 1 | H.E. Mr. Abdulla Shahid | Office of the President of the General Assembly | Other"
        " relevant"
        " stakeholders (organiser) | in the room | pga.office@un-pga.example.org |",
    ]:
        assert want in md, want
    # An entry names its item by the title's name, not the whole title again.
    steps = md[md.index("## Next steps"):md.index("## Cross-reference")]
    assert "opening of the IMRF plenary. (Thematic discussion III)\n" in steps, steps
    assert "Group reflection" not in steps
    # Withdrawn and absent requests did not take the floor: they are in the
    # annex of requests not heard, not in the speakers' list.
    speakers = md[md.index("## Annex: speakers' list"):md.index("## Annex: requests")]
    assert "Chiara Bianchi |" not in speakers and "Hamid Karimi |" not in speakers


def test_txt_fits_78_columns(hearing):
    import unicodedata
    txt = hearing.ok("export", "summary", "--format", "txt", now=FINAL)
    for line in txt.splitlines():
        width = sum(0 if unicodedata.combining(c) else
                    2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
        assert width <= 78, line
        assert line == line.rstrip(), repr(line)
    assert "王芳" in txt
    assert "Rapporteur for the plenary\n==========================\n\nRapporteur: Dr. Layla" \
        in txt


# ---- hostile text ------------------------------------------------------------

HOSTILE_NAME = "<script>alert(1)</script>\x1b[2J"
FORMULA = '=HYPERLINK("x")'
LONG = "y" * 10000


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    r = Rostrum(tmp_path_factory.mktemp("hostile"))
    r.ok("init", "--title", 'The "hearing" <b>', "--date", "2022-05-16", "--venue", "Room 4")
    # Control characters are refused at input now; a database may hold them
    # from before, so they are planted.
    r.plant("meeting", 1, "venue", "Room\x1b]0;x\x07 4")
    r.new_id("agenda", "add", "--title", "# Item | one", "--code", "t1",
             "--start", "10:00", "--end", "11:00")
    evil = r.new_id("stakeholder", "add", "--name", "Evil", "--org", FORMULA,
                    "--sector", "other", "--gender", "@SUM(A1)", "--email", "e@example.org")
    r.plant("stakeholder", evil, "name", HOSTILE_NAME)
    other = r.new_id("stakeholder", "add", "--name", "Ana \"Quotes\" O'Neil", "--org",
                     "+cmd|' /C calc'!A0", "--sector", "migrant")
    r.new_id("queue", "add", "t1", str(evil), now=DAY)
    r.ok("queue", "start", "t1", now=DAY + 10)
    r.ok("queue", "end", "t1", now=DAY + 70)
    r.new_id("note", "t1", FORMULA, now=DAY + 80)
    r.new_id("note", "t1", LONG, now=DAY + 81)
    note = r.new_id("note", "t1", "line red", now=DAY + 82)
    r.plant("outcome", note, "text", "line\x1b[31m red\r\n- item\n> quote \x07 bell")
    r.new_id("recommend", "t1", "=2+3 \"quoted\" <i>x</i>", "--by", str(evil), "--gcm", "3",
             now=DAY + 83)
    r.new_id("pledge", "t1", "@pledge", "--by", str(evil), "--by", str(other), "--gcm", "23",
             now=DAY + 84)
    nid = r.new_id("nominate", str(evil), "--by", str(other), "--statement", FORMULA)
    r.ok("nomination", "set", str(nid), "accepted")
    r.ok("nomination", "set", str(nid), "selected")
    return r


def controls(s):
    return [c for c in s if (ord(c) < 0x20 and c not in "\n") or 0x7f <= ord(c) <= 0x9f]


@pytest.mark.parametrize("fmt", ["md", "txt"])
@pytest.mark.parametrize("item", [None, "t1"])
def test_hostile_text_inert_in_md_and_txt(hostile, fmt, item):
    args = ["export", "summary", "--format", fmt] + (["--item", item] if item else [])
    out = hostile.ok(*args, now=DAY + 100)
    assert controls(out) == []
    assert LONG[:70] in out
    if fmt == "md":
        assert "\\<script>alert(1)\\</script>" in out
        assert all(out[i - 1] == "\\" for i, c in enumerate(out) if c == "<")  # no raw HTML
        assert "\n# Item" not in out
        assert "y" * 10000 in out
    else:
        assert "<script>alert(1)</script>\ufffd[2J" in out
        assert max(len(line) for line in out.splitlines()) <= 78


def test_hostile_text_inert_in_json(hostile):
    raw = hostile.ok("export", "summary", "--format", "json", now=DAY + 100)
    assert "\x1b" not in raw and "\\u001b[2J" in raw
    d = json.loads(raw)
    assert any(s["name"] == HOSTILE_NAME for s in d["stakeholders"])
    assert any(n["text"] == LONG for n in d["agenda"][0]["notes"])
    sp = json.loads(hostile.ok("export", "speakers", "--format", "json", now=DAY + 100))
    assert sp[0]["name"] == HOSTILE_NAME


def test_hostile_text_defused_in_csv(hostile):
    raw = hostile.ok("export", "speakers", "--format", "csv", now=DAY + 100)
    assert "\x1b" not in raw
    rows = list(csv.reader(io.StringIO(raw, newline="")))
    for row in rows[1:]:
        for cell in row:
            assert not cell or cell[0] not in "=+-@\t\r", cell
    assert rows[1][rows[0].index("organization")] == "'" + FORMULA
    assert rows[1][rows[0].index("gender")] == "'@SUM(A1)"


# ---- the report a secretariat publishes: by theme, no one named ---------------

def speaker_names(hearing):
    d = hearing.json("export", "summary", "--format", "json", now=FINAL)
    names = {i["name"] for a in d["agenda"] for i in a["interventions"]}
    names |= {a["moderator"] for a in d["agenda"] if a["moderator"]}
    names |= {n["nominee_name"] for n in d["nominations"]}
    assert "Layla Mansour" in names and "António Vitorino" in names and len(names) > 40
    return names


def headings_without_content(md):
    """Markdown headings followed by a heading of the same or a higher level,
    or by nothing."""
    lines = [line for line in md.splitlines() if line.strip()]
    empty = []
    for i, line in enumerate(lines):
        if not line.startswith("#"):
            continue
        level = len(line) - len(line.lstrip("#"))
        nxt = lines[i + 1] if i + 1 < len(lines) else "#"
        if nxt.startswith("#") and len(nxt) - len(nxt.lstrip("#")) <= level:
            empty.append(line)
    return empty


@pytest.mark.parametrize("fmt", SUMMARY_FORMATS)
def test_by_theme_with_sectors_names_no_speaker(hearing, fmt):
    out = hearing.ok("export", "summary", "--format", fmt, *THEMES, now=FINAL)
    for name in speaker_names(hearing):
        assert name not in out, name
    if fmt == "json":
        d = json.loads(out)
        assert d["report"] == {"organise": "theme", "attribution": "sectors",
                               "descriptions": False, "item": None}
        assert d["meeting"]["introduction"].startswith("This report outlines")
        assert [t["theme"] for t in d["themes"]] == [PRIORITIES, "Process"]
        assert [len(a["responses"]) for a in d["agenda"]] == [0, 1, 0, 1, 0, 0]
        assert [link["label"] for link in d["meeting"]["links"]][0] == "IMRF web page"
        return
    for want in ["This report outlines the key points", "Response:",
                 "The Network responded that migrant speakers",
                 "IMRF web page:", "https://www.un.org/en/migration2022",
                 "Key thematic priorities and emerging issues", "Process",
                 "a representative of the United Nations system",
                 "representatives of migrants and migrant associations and trade unions",
                 "Hosted by the President of the General Assembly",
                 "Summary report of outcomes and next steps"]:
        assert want in " ".join(out.split()), want
    assert "Who took the floor" not in out  # the body is by theme


def test_by_theme_has_no_empty_heading(hearing):
    md = hearing.ok("export", "summary", *THEMES, now=FINAL)
    assert headings_without_content(md) == []
    doc = html5lib.HTMLParser(strict=True).parse(
        hearing.ok("export", "summary", "--format", "html", *THEMES, now=FINAL))
    ns = "{http://www.w3.org/1999/xhtml}"
    for section in doc.iter(f"{ns}section"):
        assert len(list(section)) > 1, section.get("id")  # a heading and more


def test_every_item_report_has_no_empty_heading(hearing, r):
    assert headings_without_content(hearing.ok("export", "summary", now=FINAL)) == []
    # An item with nothing under it (no time, no outcome, no speech) has no
    # heading; its parent has one while the child has content.
    r.ok("init", "--title", "Meeting")
    parent = r.new_id("agenda", "add", "--title", "Opening", "--code", "o")
    r.new_id("agenda", "add", "--title", "Remarks by the President", "--parent", str(parent))
    r.new_id("agenda", "add", "--title", "Statement", "--code", "s", "--parent", str(parent))
    r.new_id("note", "s", "Welcome.")
    md = r.ok("export", "summary")
    assert "## Opening" in md and "### Statement" in md and "Remarks" not in md
    assert headings_without_content(md) == []


def test_annex_lists_requests_not_heard(hearing):
    md = hearing.ok("export", "summary", now=FINAL)
    annex = md[md.index("## Annex: requests not reached, absent and withdrawn"):]
    annex = annex[:annex.index("\n## ")]
    assert "| Ms. Chiara Bianchi | Mediterranean Rescue Watch 🌊 |" in annex
    assert "| from the floor | withdrawn |" in annex
    assert "| Mr. Hamid Karimi | Afghan Diaspora Network |" in annex and "| absent |" in annex
    # thematic-2's last three panellists were never called.
    assert "| Thematic discussion II | Dr. Layla Mansour |" in annex
    assert annex.count("| not reached |") == 17
    txt = hearing.ok("export", "summary", "--format", "txt", now=FINAL)
    assert "Mr. Hamid Karimi (Afghan Diaspora Network) — Migrant and diaspora" in txt
    # With no attribution, counts per item.
    none = hearing.ok("export", "summary", "--attribution", "none", now=FINAL)
    assert "| Thematic discussion I | 5 | 1 | 1 |" in none
    assert "| Thematic discussion II | 12 | 0 | 0 |" in none


def test_attribution_none_attributes_nothing(hearing):
    md = hearing.ok("export", "summary", "--attribution", "none", now=FINAL)
    for name in speaker_names(hearing):
        assert name not in md, name
    assert "representative" not in md and " — by " not in md
    for gone in ["Who took the floor", "Annex: speakers' list", "Rapporteur nominations",
                 "Rapporteur for the plenary"]:
        assert gone not in md
    assert "16 interventions, 1:13:16 in all." in md  # counts stay


def test_descriptions_only_where_asked(hearing):
    assert "This session aims to" not in hearing.ok("export", "summary", now=FINAL)
    md = hearing.ok("export", "summary", "--descriptions", now=FINAL)
    assert "This session aims to provide action-oriented recommendations" in md
