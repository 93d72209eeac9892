"""A registration desk of three terminals checks in 120 of the 150 people of
the registration fixture at once (by id, by e-mail, by words of a name), and
the summary report's attendance says exactly what the database holds: the
participants and the stakeholders among them, present against registered by
sector, region and gender, the roles counted apart, who took part online, and
the stakeholder sectors with nobody present, by name.

(The demo roster has 62 people: 120 check-ins need the fixture's 150.)"""
import collections
import json
import sqlite3
import subprocess

from conftest import BIN, FIXTURES

T0 = 1652709600
# Nobody from these sectors comes: the report must name them.
STAY_AWAY = {"media", "youth", "human_rights_mechanism"}
ROLES_APART = {"member_state", "un_system"}  # by sector; nobody here has a role of their own


def desk_worker(r, n, whos):
    """Terminal n of the desk: a shell that checks in each WHO in turn and
    stops at the first failure."""
    script = "for w in \"$@\"; do \"$ROSTRUM\" --db \"$DB\" stakeholder checkin \"$w\" " \
             ">>\"$LOG\" || exit 1; done"
    log = r.tmp / f"desk-{n}.log"
    env = dict(r.env, ROSTRUM=BIN, DB=r.db, LOG=str(log))
    p = subprocess.Popen(["sh", "-c", script, "desk"] + whos, env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    return p, log


def test_three_desks_check_in_120_and_the_report_counts_them_exactly(r):
    r.ok("init", "--title", "Consultation", "--date", "2022-05-16")
    r.ok("import", "roster", FIXTURES / "registrations.csv")
    people = r.json("stakeholder", "list", "--json")
    assert len(people) == 150
    names = collections.Counter(p["name"] for p in people)
    coming = [p for p in people if p["sector"] not in STAY_AWAY]
    coming = coming[:120]
    assert len(coming) == 120
    # A few join online, said at the desk beforehand.
    for p in coming[::12]:
        r.ok("stakeholder", "edit", str(p["id"]), "--participation", "online")
    # Three terminals: one types ids, one e-mails, one names (an id where the
    # name is not one person's).
    thirds = [coming[0::3], coming[1::3], coming[2::3]]
    whos = [[str(p["id"]) for p in thirds[0]],
            [p["email"] for p in thirds[1]],
            [p["name"] if names[p["name"]] == 1 else str(p["id"]) for p in thirds[2]]]
    assert any(not w.isdigit() and "@" not in w for w in whos[2])
    desks = [desk_worker(r, n, w) for n, w in enumerate(whos)]
    for p, log in desks:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
        assert "Sanitizer" not in err and "runtime error" not in err, err
    lines = [line for _, log in desks for line in log.read_text().splitlines()]
    assert len(lines) == 120 and all(" checked in at " in line for line in lines)

    # The database: 120 present, each checked in once, by one journalled action.
    con = sqlite3.connect(r.db)
    rows = con.execute("SELECT id, sector, region, gender, present, participation, role"
                       " FROM stakeholder").fetchall()
    assert sum(row[4] for row in rows) == 120
    assert {row[0] for row in rows if row[4]} == {p["id"] for p in coming}
    events = r.json("journal", "--json")
    assert sum(e["action"] == "stakeholder.checkin" for e in events) == 120
    con.close()

    # What the report should say, counted from the database alone.
    def role(row):
        return row[6] or (row[1] if row[1] in ROLES_APART else "stakeholder")

    stakeholders = [row for row in rows if role(row) == "stakeholder"]
    want = {
        "registered": len(rows), "present": sum(row[4] for row in rows),
        "online": sum(1 for row in rows if row[4] and row[5] == "online"),
    }
    by = {dim: collections.defaultdict(lambda: [0, 0]) for dim in ("sector", "region", "gender")}
    for row in stakeholders:
        for dim, value in zip(("sector", "region", "gender"), row[1:4]):
            by[dim][value][0] += 1
            by[dim][value][1] += row[4]
    roles = collections.defaultdict(lambda: [0, 0])
    for row in rows:
        roles[role(row)][0] += 1
        roles[role(row)][1] += row[4]

    att = json.loads(r.ok("export", "summary", "--format", "json"))["attendance"]
    assert att["presence_recorded"] is True
    assert {k: att["participants"][k] for k in want} == want
    assert att["stakeholders"]["registered"] == len(stakeholders)
    assert att["stakeholders"]["present"] == sum(row[4] for row in stakeholders)
    for dim in by:
        got = {k: [v["registered"], v["present"]] for k, v in att[f"by_{dim}"].items()}
        assert got == {k: v for k, v in by[dim].items()}, dim
    assert {k: [v["registered"], v["present"]] for k, v in att["by_role"].items()} == \
        dict(roles)
    assert set(att["sectors_absent"]) == STAY_AWAY

    md = r.ok("export", "summary")
    sentence = (f"The meeting was attended by 120 participants (150 registered), including "
                f"{att['stakeholders']['present']} stakeholders representing all stakeholder"
                f" sectors except the media, children and youth organizations and human rights"
                f" mechanisms, joined by {roles['member_state'][1]} participants from Member"
                f" States and {roles['un_system'][1]} from the United Nations system;"
                f" {want['online']} of them took part online.")
    assert sentence in md, md[:2000]
    assert (f"Academia ({by['sector']['academia'][0]} registered, "
            f"{by['sector']['academia'][1]} present") in md
    assert "Media (14 registered, 0 present)" in md
    # The annex of participants: those who came, and how many did not.
    annex = md[md.index("## Annex: participants"):]
    assert annex.count(" | in the room | ") + annex.count(" | online | ") == 120
    assert " | not present | " not in annex
    assert "120 participants attended; 30 more registered but did not attend." in annex
    assert "@" in annex
    assert "@" not in r.ok("export", "summary", "--no-contacts").split(
        "## Annex: participants")[1]
