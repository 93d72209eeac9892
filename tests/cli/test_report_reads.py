"""The summary report reads as the published records do (seeds 000, 001
and 004), and the same in every format: what a reader sees is named in
words, never by an internal code, and each group of people is labelled as
the others are."""
import html
import os
import pathlib
import re

from conftest import ROOT

DATA = pathlib.Path(os.environ.get("ROSTRUM_DATA", ROOT / "data"))
FORMATS = ["md", "txt", "html"]


def opening(r):
    """The 2022 programme and roster; the opening held: the PGA (an
    organiser), the IOM's Director General (the UN system) and a migrant
    voice; the Director General checked in at the desk."""
    r.ok("init", "--title", "R", "--date", "2022-05-16")
    r.ok("import", "agenda", DATA / "programmes" / "imrf-2022.conf")
    r.ok("import", "roster", DATA / "rosters" / "imrf-2022.csv")
    r.ok("stakeholder", "checkin", "dg.office@iom.example.org")
    r.ok("queue", "start", "opening", now="2022-05-16T14:00:00Z")
    r.ok("queue", "next", "opening", now="2022-05-16T14:05:00Z")
    r.ok("queue", "next", "opening", now="2022-05-16T14:11:00Z")
    r.ok("queue", "end", "opening", now="2022-05-16T14:15:00Z")


def seen(fmt, text):
    """What a reader sees of text in fmt: Markdown's emphasis and escapes,
    HTML's tags and entities gone; blanks folded."""
    if fmt == "md":
        text = re.sub(r"\\(.)", r"\1", text.replace("**", ""))
    elif fmt == "html":
        text = html.unescape(re.sub(r"<[^>]*>", "", text))
    return " ".join(text.split())


def exports(r, *args):
    """{format: the report as a reader sees it}."""
    return {f: seen(f, r.ok("export", "summary", "--format", f, *args)) for f in FORMATS}


def test_the_groups_counted_apart_are_capitalised_as_the_others(r):
    """'Counted apart: United Nations system (...), Organisers (...)', as
    'Civil society organizations' and 'Women' are, in the overview's list
    and the balance annex's table, in every format; it read 'organisers'."""
    opening(r)
    md = r.ok("export", "summary")
    assert "- **Counted apart:** Organisers (3 registered, 1 present)," in md, md[:3000]
    assert "| Organisers | 3 | 1 | 5:00 |" in md
    txt = r.ok("export", "summary", "--format", "txt")
    assert "- Counted apart: Organisers (3 registered, 1 present)," in txt
    assert "\nOrganisers " in txt.split("Counted apart\n-------------")[1]
    html = r.ok("export", "summary", "--format", "html")
    assert "Organisers (3 registered, 1 present)" in html and "<td>Organisers</td>" in html
    for fmt, text in exports(r).items():
        assert "organisers (" not in text and "| organisers |" not in text, fmt


LONG = "Dialogue with the Special Rapporteur on the human rights of migrants"


def two_items(r):
    """Two items with long titles, one named before its ': ', one not; a
    speech and a request not reached on each, a next step on the second."""
    r.ok("init", "--title", "Hearing", "--date", "2022-05-16")
    r.ok("agenda", "add", "--title", "Thematic discussion I: Assessing the progress, gaps,"
         " and challenges", "--code", "thematic-1")
    r.ok("agenda", "add", "--title", LONG, "--code", "sr-dialogue")
    for name, sector in [("Ana Ruiz", "migrant"), ("Ben Okoro", "academia"),
                         ("Chen Wei", "media"), ("Dara Ali", "youth")]:
        r.new_id("stakeholder", "add", "--name", name, "--sector", sector)
    t = 1652711400
    for item, speaker, waiting in [("thematic-1", "Ana Ruiz", "Chen Wei"),
                                   ("sr-dialogue", "Ben Okoro", "Dara Ali")]:
        r.new_id("queue", "add", item, speaker, now=t)
        r.new_id("queue", "add", item, waiting, now=t + 1)
        r.ok("queue", "start", item, now=t + 10)
        r.ok("queue", "end", item, now=t + 100)
        t += 1000
    r.new_id("nextstep", "sr-dialogue", "Write to the Special Rapporteur.")
    return t


def test_the_annexes_name_an_item_by_its_title_not_its_code(r):
    """The speakers' list and the requests not heard named each item by its
    code ('| 1 | thematic-1 | Ana Ruiz |', '— thematic-1, from the floor');
    now by its name as the next steps do: 'Thematic discussion I', a long
    title without ': ' cut after a word with '…'."""
    t = two_items(r)
    short = "Dialogue with the Special Rapporteur on…"
    md = r.ok("export", "summary", now=t)
    assert "| 1 | Thematic discussion I | Ana Ruiz |" in md, md
    assert f"| 2 | {short} | Ben Okoro |" in md
    assert "| 1 | Thematic discussion I | Chen Wei |" in md
    assert f"- Write to the Special Rapporteur. ({short})" in md
    txt = r.ok("export", "summary", "--format", "txt", now=t)
    assert "— Thematic discussion I, from the floor, 1:30" in " ".join(txt.split())
    html = r.ok("export", "summary", "--format", "html", now=t)
    assert f"<td>{short}</td>" in html and "<td>Thematic discussion I</td>" in html
    none = exports(r, "--attribution", "none")
    assert "| Thematic discussion I | 1 | 0 | 0 |" in none["md"], none["md"]
    assert f"| {short} | 1 | 0 | 0 |" in none["md"]
    assert "Thematic discussion I 1 0 0" in none["txt"]
    for fmt, text in {**exports(r), **{"none-" + f: v for f, v in none.items()}}.items():
        assert "thematic-1" not in text and "sr-dialogue" not in text, fmt
    # The JSON keeps the codes: they are data.
    d = r.json("export", "summary", "--format", "json", now=t)
    assert [i["code"] for i in d["agenda"]] == ["thematic-1", "sr-dialogue"]


def test_plain_text_sets_a_sub_item_apart_from_its_parents_parts(r):
    """A sub-item was underlined with '---' as its parent's own 'Key
    points' and 'Pledges' were, so it read as one of them; now each depth
    of item has its own underline ('=', '-', '~') and an item's parts are
    labels in capitals, at every depth, as Markdown's levels are."""
    r.ok("init", "--title", "Hearing")
    r.ok("agenda", "add", "--title", "Thematic discussion II", "--code", "thematic-2")
    r.ok("agenda", "add", "--title", "I. The voice of the Network", "--code", "t2-a",
         "--parent", "thematic-2", "--start", "16:00", "--end", "16:30")
    r.ok("agenda", "add", "--title", "Regional voices", "--code", "t2-a-1", "--parent", "t2-a")
    who = r.new_id("stakeholder", "add", "--name", "Ana Ruiz", "--sector", "migrant")
    r.new_id("note", "thematic-2", "Parent point.")
    r.new_id("pledge", "thematic-2", "Parent pledge.", "--by", str(who))
    r.new_id("note", "t2-a", "Sub-item point.")
    r.new_id("note", "t2-a-1", "Sub-sub-item point.")
    lines = r.ok("export", "summary", "--format", "txt").splitlines()

    def under(title):
        return lines[lines.index(title) + 1]
    assert under("Thematic discussion II") == "=" * len("Thematic discussion II")
    assert under("I. The voice of the Network") == "-" * len("I. The voice of the Network")
    assert under("Regional voices") == "~" * len("Regional voices")
    assert lines.count("KEY POINTS") == 3 and lines.count("PLEDGES") == 1
    for part in ["KEY POINTS", "PLEDGES"]:
        at = lines.index(part)
        assert lines[at + 1] == "" and lines[at + 2].startswith("- "), lines[at:at + 3]
    assert "Key points" not in lines and "Pledges" not in lines
    # Markdown had it right, and keeps it.
    md = r.ok("export", "summary")
    assert "## Thematic discussion II\n" in md and "### Key points\n" in md
    assert "### I. The voice of the Network\n" in md and "#### Key points\n" in md
    assert "#### Regional voices\n" in md and "##### Key points\n" in md


def test_every_list_of_people_gives_the_sector_of_each(r):
    """The README promises it; the recommendations, pledges and responses,
    the rapporteur line and the nominations table gave the organization
    alone ('— by Fatou Bekele (Parliamentary Caucus on Migration (ZA)), 王芳
    (中国移民之家)').  Now each person as the speakers' list gives them, sector
    and role too; and a nominator whose name another person on the roster
    shares (two Sita Shrestha) is told apart by organization."""
    r.ok("init", "--title", "Hearing")
    r.ok("agenda", "add", "--title", "Thematic discussion I", "--code", "thematic-1")
    fatou = r.new_id("stakeholder", "add", "--name", "Fatou Bekele", "--sector",
                     "parliamentarian", "--org", "Parliamentary Caucus on Migration (ZA)")
    wang = r.new_id("stakeholder", "add", "--name", "王芳", "--sector", "civil_society")
    pga = r.new_id("stakeholder", "add", "--name", "Abdulla Shahid", "--sector", "other",
                   "--role", "organiser", "--org", "Office of the PGA")
    sita_bd = r.new_id("stakeholder", "add", "--name", "Sita Shrestha", "--sector",
                       "parliamentarian", "--org", "Parliamentary Caucus on Migration (BD)")
    sita_np = r.new_id("stakeholder", "add", "--name", "Sita Shrestha", "--sector",
                       "private_sector", "--org", "Fair Recruitment Alliance")
    rec = r.new_id("recommend", "thematic-1", "Establish firewalls.", "--by", str(fatou),
                   "--by", str(wang), "--gcm", "15")
    r.new_id("pledge", "thematic-1", "Fund one-stop centres.", "--by", str(wang))
    r.new_id("respond", str(rec), "The Network will take it up.", "--by", str(pga))
    for by in [sita_bd, sita_np, pga]:
        r.ok("nominate", str(fatou), "--by", str(by))
    nid = r.ok("nomination", "list").splitlines()[0].split("\t")[0]
    r.ok("nomination", "set", nid, "accepted")
    r.ok("nomination", "set", nid, "selected")
    fatou_says = "Fatou Bekele (Parliamentary Caucus on Migration (ZA); Parliamentarians)"
    wang_says = "王芳 (Civil society organizations)"
    pga_says = "Abdulla Shahid (Office of the PGA; Other relevant stakeholders (organiser))"
    for fmt, text in exports(r).items():
        assert f"Establish firewalls. — by {fatou_says}, {wang_says} (GCM objective 15)" \
            in text, (fmt, text)
        assert f"Fund one-stop centres. — by {wang_says}" in text, fmt
        assert f"The Network will take it up. — {pga_says}" in text, fmt
        assert f"Recommendation: Establish firewalls. — {fatou_says}, {wang_says}" in text, fmt
        assert f"Rapporteur: {fatou_says}, nominated by 3 participants." in text, fmt
        assert "Abdulla Shahid, Sita Shrestha (Parliamentary Caucus on Migration (BD))," \
            " Sita Shrestha (Fair Recruitment Alliance)" in text, fmt
    md = r.ok("export", "summary")
    assert "| Nominee | Organization | Sector | Role | Nominated by | Tally | State |" in md
    assert "| Fatou Bekele | Parliamentary Caucus on Migration (ZA) | Parliamentarians |" \
        " rapporteur |" in md
    txt = " ".join(r.ok("export", "summary", "--format", "txt").split())
    assert f"- {fatou_says} — rapporteur (selected), tally 3; nominated by Abdulla Shahid," \
        in txt, txt


def test_speakers_are_named_with_their_title_and_the_slot_they_spoke_in(r):
    """The programme gives each speaker's title and the slot they fill
    ('H.E. Mr.', 'President of the 76th Session of the United Nations
    General Assembly'), as seed 001 names them; the report said only
    'Abdulla Shahid' and 'opening speaker'.  A slot that is the speaker's
    own sector says nothing the Sector column does not; another sector's
    slot is named.  Where people are not named, neither are titles and
    slots (an office names its holder)."""
    opening(r)
    entry = r.new_id("queue", "add", "thematic-1", "olusegun.adebayo@lcmp-ng.example.org",
                     "--kind", "panel", "--slot", "trade_union", now="2022-05-16T14:30:00Z")
    r.ok("agenda", "open", "thematic-1", now="2022-05-16T14:31:00Z")
    r.ok("queue", "start", "thematic-1", now="2022-05-16T14:31:00Z")  # Tesfaye, migrant
    r.ok("queue", "end", "thematic-1", now="2022-05-16T14:36:00Z")
    r.ok("queue", "give", str(entry), now="2022-05-16T14:36:00Z")
    r.ok("queue", "end", "thematic-1", now="2022-05-16T14:40:00Z")
    pga = "opening speaker (President of the 76th Session of the United Nations General Assembly)"
    md = r.ok("export", "summary", now="2022-05-16T14:41:00Z")
    assert "| H.E. Mr. Abdulla Shahid | Office of the President of the General Assembly |" \
        f" Other relevant stakeholders (organiser) | {pga} | 5:00 |" in md, md
    assert "| 1 | Opening segment | H.E. Mr. Abdulla Shahid |" in md
    assert "| Mr. Tesfaye Gebremedhin | Ethiopian Migrant Workers' Association |" \
        " Migrants and migrant associations | panellist | 5:00 |" in md
    assert "| Academia | panellist (Trade unions) | 4:00 |" in md
    for fmt, text in exports(r).items():
        assert "H.E. Mr. Abdulla Shahid" in text and pga in text, fmt
        assert "opening speaker (Migrant voice)" in text, fmt
    txt = " ".join(r.ok("export", "summary", "--format", "txt",
                        now="2022-05-16T14:41:00Z").split())
    assert f"H.E. Mr. Abdulla Shahid (Office of the President of the General Assembly) — Other" \
        f" relevant stakeholders (organiser), Asia and the Pacific, man — Opening segment, {pga}," \
        in txt
    for fmt, text in exports(r, "--attribution", "sectors").items():
        assert "H.E." not in text and "76th Session" not in text, fmt
        assert "opening speaker" in text, fmt


def test_the_list_of_participants_is_of_those_who_attended(r):
    """Seed 004's 'list of participants enclosed' is of the 96 who
    attended; the annex listed all 62 registered, 59 of them 'not present'
    with their e-mail addresses.  Now it lists the three who attended (the
    Director General checked in, the PGA and the migrant voice spoke) and
    says how many more registered; the JSON keeps everyone, as data."""
    opening(r)
    absent = "olusegun.adebayo@lcmp-ng.example.org"
    for fmt, text in exports(r).items():
        annex = text[text.index("Annex: participants"):]
        assert "not present" not in annex and absent not in annex, fmt
        assert "3 participants attended; 59 more registered but did not attend." in annex, fmt
        for who in ["H.E. Mr. Abdulla Shahid", "H.E. Mr. António Vitorino",
                    "Ms. Marisol Quispe Huamán"]:
            assert who in annex, (fmt, who)
    md = r.ok("export", "summary")
    rows = [x for x in md[md.index("## Annex: participants"):].splitlines()
            if x.startswith("| ") and not x.startswith("| No.")]
    assert [x.split(" | ")[0] for x in rows] == ["| 1", "| 2", "| 3"], rows
    assert "| H.E. Mr. António Vitorino | International Organization for Migration (IOM) |" \
        " United Nations system | in the room | dg.office@iom.example.org |" in md
    d = r.json("export", "summary", "--format", "json")
    assert len(d["stakeholders"]) == 62 and any(s["email"] == absent for s in d["stakeholders"])
