"""The summary report says one thing in every section and every format: its
title block's time zone, who attended, and what each count counts."""
import os
import re
import pathlib

import pytest

from conftest import ROOT

DATA = pathlib.Path(os.environ.get("ROSTRUM_DATA", ROOT / "data"))
T0 = 1652711400  # 2022-05-16T14:30:00Z


@pytest.mark.parametrize("zone, label", [
    ("Etc/GMT+5", "UTC−5"),  # POSIX: five hours behind UTC
    ("Etc/GMT-3", "UTC+3"),
    ("Etc/GMT-14", "UTC+14"),
    ("Etc/UTC", "UTC"),
    ("Etc/GMT", "UTC"),
    ("America/New_York", "New York time"),
])
def test_a_zone_with_no_city_reads_as_its_offset(hearing, zone, label):
    hearing.ok("meeting", "set", "--timezone", zone)
    for fmt in ["md", "txt", "html"]:
        text = hearing.ok("export", "summary", "--format", fmt)
        assert f"10:30–13:00 ({label})" in text, (fmt, text[:400])
        assert "GMT" not in text, fmt


def test_etc_gmt_plus_5_is_labelled_utc_minus_5_and_its_times_agree(hearing):
    """Etc/GMT+5 is UTC−5 (POSIX's sign is the reverse): an item started at
    15:30 UTC started at 10:30 there, and the title block says which zone."""
    hearing.ok("meeting", "set", "--timezone", "Etc/GMT+5")
    hearing.ok("agenda", "open", "thematic-1", now=T0 + 3600)
    md = hearing.ok("export", "summary", now=T0 + 3700)
    assert "10:30–13:00 (UTC−5)" in md and "GMT+5" not in md, md[:400]
    assert "(actual from 10:30)" in md, md[:1200]


def imrf(r):
    """The tester's meeting: the 2022 programme and roster, nobody in."""
    r.ok("init", "--title", "R", "--date", "2022-05-16")
    r.ok("import", "agenda", DATA / "programmes" / "imrf-2022.conf")
    r.ok("import", "roster", DATA / "rosters" / "imrf-2022.csv")


def imrf_opening(r):
    """The tester's meeting's opening: the PGA (5:00), the IOM's Director
    General (checked in; 6:00) and a migrant voice (4:00)."""
    imrf(r)
    r.ok("stakeholder", "checkin", "dg.office@iom.example.org")
    r.ok("queue", "start", "opening", now="2022-05-16T14:00:00Z")
    r.ok("queue", "next", "opening", now="2022-05-16T14:05:00Z")
    r.ok("queue", "next", "opening", now="2022-05-16T14:11:00Z")
    r.ok("queue", "end", "opening", now="2022-05-16T14:15:00Z")


def test_whoever_took_the_floor_attended(r):
    """The programme's speakers are never checked in at the desk: the PGA
    who opened the hearing attended all the same, and every section and
    format says so, counting him once."""
    imrf(r)
    r.ok("stakeholder", "checkin", "dg.office@iom.example.org")  # Vitorino, at the desk
    r.ok("queue", "start", "opening", now="2022-05-16T14:00:00Z")
    r.ok("queue", "end", "opening", now="2022-05-16T14:05:00Z")
    sentence = ("The meeting was attended by 2 participants (62 registered), none of them"
                " stakeholders, joined by 1 participant from the United Nations system and 1"
                " organiser. One intervention was made")
    md = r.ok("export", "summary")
    assert sentence in md, md[:1500]
    assert "- **Counted apart:** Organisers (3 registered, 1 present), United Nations system" \
        " (2 registered, 1 present)" in md
    row = next(line for line in md.splitlines() if line.startswith("| 1 | H.E. Mr. Abdulla Shahid |"))
    assert "| in the room |" in row, row
    txt = " ".join(r.ok("export", "summary", "--format", "txt").split())
    assert sentence in txt
    assert "H.E. Mr. Abdulla Shahid (Office of the President of the General Assembly) — Other" \
        " relevant stakeholders (organiser); in the room;" in txt
    html = r.ok("export", "summary", "--format", "html")
    assert sentence in html
    assert "<td>H.E. Mr. Abdulla Shahid</td>" in html and "<td>not present</td>" not in html
    # The participants annex comes last.
    pga = html.split("<td>H.E. Mr. Abdulla Shahid</td>")[-1].split("</tr>")[0]
    assert "<td>in the room</td>" in pga
    # The JSON: the overview's figures, and each person's attendance beside
    # the desk's check-in (which the PGA never had).
    doc = r.json("export", "summary", "--format", "json")
    att = doc["attendance"]
    assert att["presence_recorded"] is True
    assert att["participants"] == {"registered": 62, "present": 2, "online": 0, "checked_in": 1}
    assert att["by_role"]["organiser"]["present"] == 1
    assert att["by_role"]["organiser"]["checked_in"] == 0
    pga = next(s for s in doc["stakeholders"] if s["name"] == "Abdulla Shahid")
    assert (pga["present"], pga["attended"]) == (False, "in_room")
    assert [s["name"] for s in doc["stakeholders"] if s["attended"]] == \
        ["Abdulla Shahid", "António Vitorino"]
    # stakeholder list --json has the same fields (SPEC.md).
    listed = {s["name"]: s for s in r.json("stakeholder", "list", "--json")}
    assert listed["Abdulla Shahid"]["attended"] == "in_room"
    assert listed["Marisol Quispe Huamán"]["attended"] is None


def test_a_walk_in_who_spoke_online_attended_online(hearing):
    """Ana checked in at the desk; Ben, never checked in, spoke online: he
    attended, online, as his speech was."""
    hearing.ok("stakeholder", "checkin", "ana@example.org")
    hearing.new_id("queue", "add", "thematic-1", "ben@example.org", "--participation", "online",
                   now=T0)
    hearing.ok("queue", "start", "thematic-1", now=T0 + 10)
    hearing.ok("queue", "end", "thematic-1", now=T0 + 100)
    md = hearing.ok("export", "summary", now=T0 + 200)
    assert "The meeting was attended by 2 participants (3 registered), including 2" \
        " stakeholders" in md and "; 1 of them took part online." in md, md[:1200]
    assert "| Ben Okoro |  | Academia | online |" in md
    assert "| 王芳 |" not in md  # the annex lists who attended
    assert "2 participants attended; 1 more registered but did not attend." in md
    att = hearing.json("export", "summary", "--format", "json", now=T0 + 200)["attendance"]
    assert att["by_sector"]["academia"] == \
        {"registered": 1, "present": 1, "online": 1, "checked_in": 0}
    stats = hearing.json("export", "summary", "--format", "json", now=T0 + 200)["statistics"]
    assert stats["by_sector"]["academia"]["present"] == 1


def test_a_report_with_nobody_checked_in_says_attendance_was_not_recorded(hearing):
    hearing.new_id("queue", "add", "thematic-1", "ben@example.org", now=T0)
    hearing.ok("queue", "start", "thematic-1", now=T0 + 10)
    hearing.ok("queue", "end", "thematic-1", now=T0 + 100)
    for fmt in ["md", "txt", "html"]:
        text = " ".join(hearing.ok("export", "summary", "--format", fmt, now=T0 + 200).split())
        assert "3 participants registered, including 3 stakeholders" in text, fmt
        assert "; attendance was not recorded at the desk." in text, fmt
        assert "checked in" not in text, fmt


def overview_counts(md, title):
    """{label: registered} of one line of the overview's attendance."""
    line = next(x for x in md.splitlines() if x.startswith(f"- **{title}**"))
    return {m.group(1): int(m.group(2))
            for m in re.finditer(r"(?:\*\* |, )([^(,]+?) \((\d+) registered", line)}


def annex_counts(md, dim):
    """{label: registered} of one table of the balance annex."""
    part = md.split("## Annex: balance")[1].split(f"### By {dim}\n")[1].strip().split("\n\n")[0]
    return {cells[0]: int(cells[1]) for cells in
            ([c.strip() for c in row.strip("|").split("|")] for row in part.splitlines()[2:])}


def test_the_overview_and_the_balance_count_the_same_stakeholders(r):
    """The opening: the PGA (an organiser), the IOM's Director General (the
    UN system) and a migrant voice.  The balance counts the stakeholders, as
    the overview does, and says so; the other two are counted apart."""
    imrf_opening(r)
    md = r.ok("export", "summary")
    for title, dim in [("Stakeholders by sector:", "sector"), ("By region:", "region"),
                       ("By gender:", "gender")]:
        assert overview_counts(md, title) == annex_counts(md, dim), dim
    assert annex_counts(md, "region")["Africa"] == 13
    assert annex_counts(md, "sector")["Other relevant stakeholders"] == 2
    assert "United Nations system" not in annex_counts(md, "sector")
    balance = md.split("## Annex: balance")[1].split("## Annex: planned")[0]
    assert "They made 1 of the 3 interventions (4:00 of 15:00); those who came as Member" \
        " States, the United Nations system or organisers are counted apart" in balance
    assert "| Other relevant stakeholders | 2 | 3.6% | 0 | 0.0% | 0:00 | 0.0% |" in balance
    assert "| Migrants and migrant associations | 8 | 14.3% | 1 | 100.0% | 4:00 | 100.0% |" \
        in balance
    assert "### Counted apart" in balance
    assert "| Organisers | 3 | 1 | 5:00 |" in balance
    assert "| United Nations system | 2 | 1 | 6:00 |" in balance
    # Every list of people says who came in a role of their own.
    assert "| 1 | Opening segment | H.E. Mr. Abdulla Shahid | Office of the President of the" \
        " General Assembly | Other relevant stakeholders (organiser) |" in md
    stats = r.json("export", "summary", "--format", "json")["statistics"]
    assert "un_system" not in stats["by_sector"] and "member_state" not in stats["by_sector"]
    assert stats["by_sector"]["other"]["interventions"] == 0
    assert stats["by_region"]["Africa"]["registered"] == 13
    assert {k: v["interventions"] for k, v in stats["by_role"].items()} == \
        {"stakeholder": 1, "organiser": 1, "un_system": 1, "member_state": 0}


def test_a_value_not_given_has_one_label_everywhere(hearing):
    """The hearing's three gave no region and no gender: the overview, the
    balance, the speakers' list and queue stats say it in the same words."""
    hearing.new_id("queue", "add", "thematic-1", "ana@example.org", now=T0)
    hearing.ok("queue", "start", "thematic-1", now=T0 + 10)
    hearing.ok("queue", "end", "thematic-1", now=T0 + 100)
    md = hearing.ok("export", "summary", now=T0 + 200)
    assert "- **By region:** Region not given (3)" in md
    assert "- **By gender:** Not disclosed (3)" in md
    assert annex_counts(md, "region") == {"Region not given": 3}
    assert annex_counts(md, "gender") == {"Not disclosed": 3}
    assert "| 1 | Thematic discussion I | Ana Ruiz |  | Migrants and migrant associations | Region not" \
        " given | Not disclosed | from the floor |" in md
    assert "unknown" not in md and "undisclosed" not in md
    stats = hearing.ok("queue", "stats", "thematic-1", now=T0 + 200)
    assert "\tRegion not given\t" in stats and "\tNot disclosed\t" in stats, stats
    assert "region not given" not in stats and "undisclosed" not in stats
    groups = hearing.json("queue", "stats", "thematic-1", "--json", now=T0 + 200)
    assert [g["label"] for g in groups["by_gender"]] == ["Not disclosed"]
    assert [g["label"] for g in groups["by_region"]] == ["Region not given"]


def test_the_pgas_opening_speech_is_not_counted_in_queue_stats(r, tmp_path):
    """The demo's opening: the PGA (an organiser, sector 'other') speaks
    first.  The live balance counts the stakeholders, as the report's
    annex does: no intervention yet, 'Other relevant stakeholders' not
    heard (it read 1 of 1, 100%)."""
    r.run("demo", db=False, env={"XDG_DATA_HOME": str(tmp_path / "xdg")})
    r.db = str(tmp_path / "xdg" / "rostrum" / "demo.db")
    r.ok("queue", "start", "opening", now="2022-05-16T14:00:00Z")
    r.ok("queue", "end", "opening", now="2022-05-16T14:05:40Z")
    stats = r.json("queue", "stats", "opening", "--json")
    assert (stats["total_interventions"], stats["total_seconds"]) == (0, 0)
    other = next(g for g in stats["by_sector"] if g["value"] == "other")
    assert (other["interventions"], other["seconds"], other["heard"]) == (0, 0, False)
    lines = r.ok("queue", "stats", "opening").splitlines()
    assert "interventions\t0" in lines
    row = next(x for x in lines if x.startswith("sector\tOther relevant stakeholders\t"))
    assert row.endswith("\t0\t0.0%\t0:00\t0.0%\tnot heard"), row


def test_the_live_views_name_a_gender_as_the_report_does(r):
    """The report's balance says 'Women' and 'Men'; queue stats, its JSON
    (the equity view's) and the balanced floor's reasons said 'woman' and
    'man'.  A person's own row keeps their word."""
    r.ok("init", "--title", "Hearing", now=T0)
    r.new_id("agenda", "add", "--title", "Thematic discussion I", "--code", "t", now=T0)
    for name, gender, sector in [("Ana Ruiz", "woman", "academia"),
                                 ("Carla Diaz", "woman", "media"), ("Ben Okoro", "man", "youth")]:
        r.new_id("stakeholder", "add", "--name", name, "--gender", gender, "--sector", sector,
                 "--region", "Africa", "--country", "KE", now=T0)
        r.new_id("queue", "add", "t", name, now=T0 + 1)
    r.ok("meeting", "set", "--policy", "balanced", now=T0 + 2)
    r.ok("queue", "start", "t", now=T0 + 10)
    r.ok("queue", "end", "t", now=T0 + 70)
    ben = next(e for e in r.json("queue", "list", "t", "--json") if e["name"] == "Ben Okoro")
    assert ben["position"] == 1 and ben["reason"].startswith("Men 0 of 1 interventions, ")
    stats = r.ok("queue", "stats").splitlines()
    assert [x.split("\t")[1] for x in stats if x.startswith("gender\t")] == ["Women", "Men"]
    assert [g["label"] for g in r.json("queue", "stats", "--json")["by_gender"]] == \
        ["Women", "Men"]
    md = r.ok("export", "summary")
    assert "| Women | 2 |" in md and "| Men | 1 |" in md
    assert "| Ana Ruiz |  | Academia | Africa | woman | from the floor |" in md


def test_the_balance_tables_say_they_count_the_stakeholders(r):
    """The balance tables' column said 'Share of roster', yet an organiser
    on the roster is counted apart: of the roster's two people the one
    stakeholder is all of the stakeholders, and the header says so."""
    r.ok("init", "--title", "Hearing")
    r.new_id("stakeholder", "add", "--name", "Ana Ruiz", "--gender", "woman")
    r.new_id("stakeholder", "add", "--name", "Host", "--gender", "man", "--role", "organiser")
    # Someone took the floor: a report where nobody did has no balance annex.
    r.new_id("agenda", "add", "--title", "Session", "--code", "s1")
    r.new_id("queue", "add", "s1", "1")
    r.ok("queue", "start", "s1")
    r.ok("queue", "end", "s1")
    md = r.ok("export", "summary")
    gender = md[md.index("### By gender"):]
    assert gender.splitlines()[2] == ("| Gender | Registered | Share of stakeholders |"
                                      " Interventions | Share | Speaking time | Share |")
    assert "| Women | 1 | 100.0% |" in gender and "Share of roster" not in md


def test_queue_stats_says_it_counts_the_stakeholders_only(hearing):
    """A Member State's delegate spoke, and queue stats said 'interventions 0'
    with nothing to say why: its text says whom its figures count (the
    JSON's fields are as they were)."""
    r = hearing
    who = r.new_id("stakeholder", "add", "--name", "Delegate of Mexico", "--role", "member_state")
    r.new_id("queue", "add", "thematic-1", str(who), now=T0)
    r.ok("queue", "start", "thematic-1", now=T0 + 10)
    r.ok("queue", "end", "thematic-1", now=T0 + 70)
    lines = r.ok("queue", "stats").splitlines()
    at = lines.index("interventions\t0")
    assert lines[at - 1] == ("counted\tstakeholders only: Member States, the UN system and"
                             " organisers keep their first-come place and are not counted")
    assert set(r.json("queue", "stats", "--json")) == {
        "item", "floor", "basis", "scope", "max_passed", "migrants_first", "total_interventions",
        "total_seconds", "by_sector", "by_region", "by_gender", "by_country",
        "by_participation"}


def test_queue_stats_counts_what_the_reports_balance_annex_counts(r):
    """The opening of the tester's meeting (the PGA, the IOM's Director
    General, a migrant voice; the DG checked in): queue stats over the
    meeting and the report's balance count the same people, group by
    group, and each group's target is its share of the stakeholders
    registered (no stakeholder is checked in)."""
    imrf_opening(r)
    report = r.json("export", "summary", "--format", "json")["statistics"]
    live = r.json("queue", "stats", "--json")
    assert (live["total_interventions"], live["total_seconds"]) == (1, 240)
    for dim in ["sector", "region", "gender"]:
        annex = report[f"by_{dim}"]
        registered = sum(g["registered"] for g in annex.values())
        assert registered == 56, dim
        groups = {g["value"]: g for g in live[f"by_{dim}"]}
        assert set(groups) == {k for k, g in annex.items() if g["registered"]}, dim
        for value, g in groups.items():
            want = annex[value]
            assert (g["interventions"], g["seconds"]) == \
                (want["interventions"], want["seconds"]), (dim, value)
            assert g["target"] == pytest.approx(want["registered"] / registered), (dim, value)


def test_a_member_state_waiting_keeps_its_first_come_place(hearing):
    """Under the balanced order, a Member State delegate from Africa is
    called in their first-come place among the floor requests, and their
    reason says why; the balance neither moves them up nor down.

    Heard: Ana (migrant).  Waiting, first come: Dara (migrant, behind her
    share: Ana had the migrants' 1 of 1) then Musa (Member State, whose
    sector and region had nothing).  Counted, Musa went first (member_state
    1/5 of those registered against migrant 2/5 with 1 heard); now Dara,
    the only stakeholder waiting, is first come, then Musa.  Then Musa
    speaks and asks again before 王芳 (media, never heard): he keeps his
    place, his speech counted for no group."""
    r = hearing
    r.ok("queue", "policy", "balanced")
    r.ok("meeting", "set", "--migrants-first", "no")
    r.new_id("stakeholder", "add", "--name", "Dara Ali", "--sector", "migrant",
             "--email", "dara@example.org")
    musa = r.new_id("stakeholder", "add", "--name", "Musa Keita", "--sector", "member_state",
                    "--region", "Africa", "--email", "musa@example.org")
    r.new_id("queue", "add", "thematic-1", "ana@example.org", now=T0)
    r.ok("queue", "start", "thematic-1", now=T0 + 10)
    r.ok("queue", "end", "thematic-1", now=T0 + 100)
    r.new_id("queue", "add", "thematic-1", "dara@example.org", now=T0 + 110)
    r.new_id("queue", "add", "thematic-1", str(musa), now=T0 + 120)
    order = r.json("queue", "list", "thematic-1", "--json", now=T0 + 130)
    waiting = [e for e in order if e["state"] == "waiting"]
    assert [e["name"] for e in waiting] == ["Dara Ali", "Musa Keita"]
    assert waiting[1]["reason"].startswith(
        "Member State: first come, not counted in the stakeholder balance; passed over 0 of 3"
        " allowed; requested at"), waiting[1]["reason"]
    stats = r.json("queue", "stats", "thematic-1", "--json", now=T0 + 130)
    assert [g["value"] for g in stats["by_sector"]] == ["migrant", "academia", "media"]
    r.ok("queue", "next", "thematic-1", now=T0 + 200)  # Dara
    r.ok("queue", "next", "thematic-1", now=T0 + 300)  # Musa
    r.ok("queue", "end", "thematic-1", now=T0 + 400)
    r.new_id("queue", "add", "thematic-1", str(musa), now=T0 + 410)
    r.new_id("queue", "add", "thematic-1", "wang@example.org", now=T0 + 420)
    waiting = [e for e in r.json("queue", "list", "thematic-1", "--json", now=T0 + 430)
               if e["state"] == "waiting"]
    assert [e["name"] for e in waiting] == ["Musa Keita", "王芳"]
    assert waiting[0]["reason"].startswith("Member State: first come"), waiting[0]["reason"]
    stats = r.json("queue", "stats", "thematic-1", "--json", now=T0 + 430)
    assert stats["total_interventions"] == 2  # Ana and Dara; not Musa


def test_a_reopened_item_sat_twice_and_took_the_time_of_its_sittings(hearing):
    """Thematic discussion I sat 10:30–11:00, then II 11:00–12:00, then I
    again 12:10–12:20: I took 40 minutes, not the 110 from its first start
    to its last end, and every format gives its two sittings."""
    hearing.new_id("agenda", "add", "--title", "Thematic discussion II", "--code", "thematic-2",
                   "--start", "13:00", "--end", "14:00")
    hearing.ok("agenda", "open", "thematic-1", now="2022-05-16T10:30:00Z")
    hearing.ok("agenda", "open", "thematic-2", now="2022-05-16T11:00:00Z")
    hearing.ok("agenda", "close", "thematic-2", now="2022-05-16T12:00:00Z")
    hearing.ok("agenda", "open", "thematic-1", now="2022-05-16T12:10:00Z")
    hearing.ok("agenda", "close", "thematic-1", now="2022-05-16T12:20:00Z")
    for fmt in ["md", "txt", "html"]:
        text = " ".join(hearing.ok("export", "summary", "--format", fmt, now=T0).split())
        assert "10:30–13:00 (actual 10:30–11:00, 12:10–12:20)" in text, (fmt, text[:1500])
        assert "10:30–12:20" not in text, fmt
    timing = hearing.ok("export", "summary", now=T0).split("## Annex: planned and actual time")[1]
    assert "| Thematic discussion I | 150 min | 40 min | −110 min |" in timing, timing
    item = hearing.json("export", "summary", "--format", "json", now=T0)["agenda"][0]
    assert item["sittings"] == [
        {"started_at": "2022-05-16T10:30:00Z", "ended_at": "2022-05-16T11:00:00Z"},
        {"started_at": "2022-05-16T12:10:00Z", "ended_at": "2022-05-16T12:20:00Z"}]
    assert item["actual_seconds"] == 2400
    # Its first start and last end keep their meaning.
    assert (item["started_at"], item["ended_at"]) == ("2022-05-16T10:30:00Z",
                                                      "2022-05-16T12:20:00Z")


def test_a_sitting_undone_never_sat(hearing):
    """Closing the item by mistake and undoing it: one sitting, going on."""
    env = {"ROSTRUM_SESSION": "desk"}
    hearing.ok("agenda", "open", "thematic-1", now="2022-05-16T10:30:00Z", env=env)
    hearing.ok("agenda", "close", "thematic-1", now="2022-05-16T11:00:00Z", env=env)
    hearing.ok("undo", now="2022-05-16T11:01:00Z", env=env)
    md = hearing.ok("export", "summary", now=T0)
    assert "10:30–13:00 (actual from 10:30)" in md, md[:1500]
    item = hearing.json("export", "summary", "--format", "json", now=T0)["agenda"][0]
    assert item["sittings"] == [{"started_at": "2022-05-16T10:30:00Z", "ended_at": None}]
    assert item["actual_seconds"] is None


def test_the_report_of_one_item_is_its_record_and_counts_its_floor(hearing):
    """Three came to the meeting; Ana spoke on thematic discussion I, Ben on
    II.  The report of I is titled by it, in its time, and counts who took
    the floor on it, not who came to the meeting."""
    ii = hearing.new_id("agenda", "add", "--title", "Thematic discussion II", "--code",
                        "thematic-2", "--start", "15:00", "--end", "17:00")
    for who in ["ana@example.org", "ben@example.org", "wang@example.org"]:
        hearing.ok("stakeholder", "checkin", who)
    for item, who in [("thematic-1", "ana@example.org"), ("thematic-2", "ben@example.org")]:
        hearing.new_id("queue", "add", item, who, now=T0)
        hearing.ok("queue", "start", item, now=T0 + 10)
        hearing.ok("queue", "end", item, now=T0 + 130)
    whole = hearing.ok("export", "summary", now=T0 + 200)
    assert "The meeting was attended by 3 participants" in whole
    for fmt in ["md", "txt", "html"]:
        text = " ".join(hearing.ok("export", "summary", "--format", fmt, "--item",
                                   "thematic-2", now=T0 + 200).split())
        head = text[:text.index("Overview")]
        assert "Thematic discussion II" in head and "Record of one agenda item" in head, \
            (fmt, head)
        assert "Hearing" in head and "15:00–17:00" in head, (fmt, head)
        assert "10:30" not in head, (fmt, head)
        assert "This is the record of one agenda item of the meeting; its figures count that" \
            " item alone. The floor was taken by 1 stakeholder from 1 of the 15 stakeholder" \
            " sectors" in text, fmt
        assert "One intervention was made, for a total speaking time of 2:00." in text, fmt
        assert "attended by" not in text and "present against registered" not in text, fmt
    report = hearing.json("export", "summary", "--format", "json", "--item", "thematic-2",
                          now=T0 + 200)["report"]
    assert report["item"] == ii


def test_the_report_of_one_item_leaves_the_meetings_rapporteurs_and_introduction(hearing):
    """The meeting chose Ana as its rapporteur, from two nominations, and
    its report's introduction says what the whole report outlines.  The
    record of thematic discussion I is that item's: its title block and the
    meeting's context frame it, but neither the rapporteurs nor the
    introduction are the item's; the meeting's report keeps both."""
    hearing.ok("meeting", "set", "--context", "The hearing met in New York.",
               "--introduction", "This report outlines the key points of the whole hearing.")
    ana = hearing.new_id("nominate", "ana@example.org", "--by", "ben@example.org")
    hearing.new_id("nominate", "ben@example.org", "--by", "wang@example.org")
    hearing.ok("nomination", "set", str(ana), "accepted")
    hearing.ok("nomination", "select", "--role", "rapporteur", "--seats", "1", "--seed", "1",
               "--confirm")
    hearing.new_id("queue", "add", "thematic-1", "ben@example.org", now=T0)
    hearing.ok("queue", "start", "thematic-1", now=T0 + 10)
    hearing.ok("queue", "end", "thematic-1", now=T0 + 70)
    whole = hearing.ok("export", "summary", now=T0 + 100)
    assert "Rapporteur for the plenary" in whole and "Rapporteur nominations" in whole
    assert "outlines the key points of the whole hearing" in whole
    for fmt in ["md", "txt", "html"]:
        text = " ".join(hearing.ok("export", "summary", "--format", fmt, "--item",
                                   "thematic-1", now=T0 + 100).split())
        assert "Record of one agenda item" in text and "Hearing" in text, (fmt, text[:600])
        assert "The hearing met in New York." in text, fmt
        assert "One intervention was made" in text, fmt
        for meetings in ["Rapporteur", "rapporteur", "nominated by", "Ana Ruiz",
                         "outlines the key points of the whole hearing"]:
            assert meetings not in text, (fmt, meetings, text)


def test_the_forms_requests_on_no_item_are_in_the_annex_of_requests_not_reached(
        hearing, tmp_path):
    """Pia asked in the form to speak on thematic-1, Quim on no item: both
    were never reached, and the report lists both, Quim's on no item, in
    every format; a report on one item has no request that named none."""
    form = tmp_path / "form.csv"
    form.write_text("name,sector,email,wants_to_speak,speak_on,registered_at\n"
                    "Pia Lund,academia,pia@x.org,yes,thematic-1,2022-04-01T10:00:00Z\n"
                    "Quim Soler,media,quim@x.org,yes,,2022-04-02T10:00:00Z\n", encoding="utf-8")
    hearing.ok("import", "roster", form)
    assert [s["name"] for s in hearing.json("queue", "requests", "--json")] == ["Quim Soler"]
    md = hearing.ok("export", "summary", now=T0)
    annex = md.split("## Annex: requests not reached, absent and withdrawn")[1].split("## ")[0]
    assert "| 1 | Thematic discussion I | Pia Lund |  | Academia |" in annex, annex
    assert "| 2 | no item | Quim Soler |  | Media | Region not given | Not disclosed |" \
        " from the floor | not reached |" in annex, annex
    assert "No item: a request to speak made in the registration form on no particular item" \
        in annex
    txt = " ".join(hearing.ok("export", "summary", "--format", "txt", now=T0).split())
    assert "2. Quim Soler — Media, Region not given, Not disclosed — no item, from the floor," \
        " not reached" in txt, txt[-2500:]
    html = hearing.ok("export", "summary", "--format", "html", now=T0)
    assert '<td>no item</td><td>Quim Soler</td>' in html, html[-4000:]
    counts = hearing.ok("export", "summary", "--attribution", "none", now=T0)
    assert "| no item | 1 | 0 | 0 |" in counts, counts[-1500:]
    data = hearing.json("export", "summary", "--format", "json", now=T0)
    assert [(q["name"], q["state"], q["requested_at"]) for q in data["requests_on_no_item"]] \
        == [("Quim Soler", "waiting", "2022-04-02T10:00:00Z")]
    one = hearing.ok("export", "summary", "--item", "thematic-1", now=T0)
    assert "Pia Lund" in one and "Quim Soler" not in one
    assert hearing.json("export", "summary", "--format", "json", "--item", "thematic-1",
                        now=T0)["requests_on_no_item"] == []


def test_a_report_where_nobody_took_the_floor_has_no_balance_annex(hearing):
    """Lunch, a break: nobody takes the floor in it, and its report has no
    balance of the floor to give, only zeros; thematic discussion I's has."""
    hearing.new_id("agenda", "add", "--title", "Lunch", "--code", "lunch", "--kind", "break",
                   "--start", "13:00", "--end", "15:00")
    hearing.new_id("queue", "add", "thematic-1", "ana@example.org", now=T0)
    hearing.ok("queue", "start", "thematic-1", now=T0 + 10)
    hearing.ok("queue", "end", "thematic-1", now=T0 + 130)
    for fmt in ["md", "txt", "html"]:
        lunch = hearing.ok("export", "summary", "--format", fmt, "--item", "lunch", now=T0)
        assert "Annex: balance" not in lunch and "0 of the 0" not in lunch, (fmt, lunch)
        assert "0:00" not in lunch and "By sector" not in lunch, (fmt, lunch)
        assert "Annex: planned and actual time" in lunch, fmt  # it was planned
        one = hearing.ok("export", "summary", "--format", fmt, "--item", "thematic-1", now=T0)
        assert "Annex: balance" in one, fmt
