"""Who is in the room, from the command line: the registration desk (the
form's present, participation and languages columns, check-in by words of a
name, walk-ins), the list to circulate for non-objection, accreditation
decisions and a floor that requires them, online and in-room interventions
and their language."""
import json

from conftest import FIXTURES

T0 = 1652709600  # 2022-05-16 10:00 in New York

FORM = ("name,sector,email,languages,participation,present,checked_in_at\n"
        "Amina Diallo,migrant,amina@example.org,fr;en,online,yes,2022-05-16T13:40:00Z\n"
        "Ben Okoro,academia,ben@example.org,en,in_room,no,\n"
        "Carla Ruiz,civil_society,carla@example.org,ES,,,\n")


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_form_with_present_participation_languages_imports(r, tmp_path):
    r.ok("init", "--title", "Hearing", "--date", "2022-05-16")
    out = r.ok("import", "roster", write(tmp_path, "form.csv", FORM), now=T0)
    assert out == "3 added, 0 updated, 0 unchanged, 0 requests to speak queued, 0 nominations, " \
                  "1 checked in\n"
    people = {p["name"]: p for p in r.json("stakeholder", "list", "--json")}
    assert people["Amina Diallo"]["present"] is True
    assert people["Amina Diallo"]["checked_in_at"] == "2022-05-16T13:40:00Z"
    assert people["Amina Diallo"]["participation"] == "online"
    assert people["Amina Diallo"]["languages"] == "fr;en"
    assert people["Ben Okoro"]["present"] is False
    assert people["Carla Ruiz"]["participation"] == "in_room"
    assert people["Carla Ruiz"]["languages"] == "es"
    assert r.ok("stakeholder", "list", "--present", "--count") == "1\n"
    assert r.ok("stakeholder", "list", "--participation", "online", "--count") == "1\n"


def test_bad_present_participation_languages_are_rejected_with_file_line_column(r, tmp_path):
    r.ok("init", "--title", "Hearing")
    r.ok("import", "roster", write(tmp_path, "ok.csv", FORM))
    before = r.json("stakeholder", "list", "--json")
    bad = write(tmp_path, "bad.csv", FORM.replace("in_room,no", "on zoom,no")
                .replace("ES,,,", "ES;tlh,,perhaps,"))
    p = r.run("import", "roster", bad)
    assert p.returncode == 2
    assert f"{bad}:3: participation: 'on zoom' is not in_room or online\n" in p.stderr
    assert f"{bad}:4: languages: unknown language 'tlh' (use ar zh en fr ru es)\n" in p.stderr
    assert f"{bad}:4: present: " not in p.stderr  # one reason per row: the first column at fault
    p = r.run("import", "roster", write(tmp_path, "bad2.csv", FORM.replace("ES,,,", "ES,,perhaps,")))
    assert p.returncode == 2
    assert "bad2.csv:4: present: expected yes or no, not 'perhaps'\n" in p.stderr
    assert r.json("stakeholder", "list", "--json") == before


def test_desk_checks_in_by_words_of_a_name_and_walk_ins_in_one_step(r):
    r.ok("init", "--title", "Hearing", "--date", "2022-05-16")
    r.ok("meeting", "set", "--timezone", "America/New_York")
    r.ok("import", "roster", FIXTURES / "registrations.csv")
    out = r.ok("stakeholder", "checkin", "kwame bek", now=T0 + 125)
    assert out == "Kwame Bekele (4) checked in at 10:02\n"
    p = r.run("stakeholder", "checkin", "Kwame Bekele", now=T0 + 300)
    assert p.returncode == 2
    assert p.stderr == "rostrum: Kwame Bekele is already checked in since 10:02\n"
    p = r.run("stakeholder", "checkin", "campbell")
    assert p.returncode == 2 and "'campbell' matches 6 people: " in p.stderr
    assert r.ok("stakeholder", "checkin", "4", "--undo") == "Kwame Bekele (4) checked out\n"
    walk_in = r.new_id("stakeholder", "add", "--name", "Walk In", "--sector", "youth",
                       "--participation", "online", "--present", now=T0 + 400)
    me = next(p for p in r.json("stakeholder", "list", "--present", "--json"))
    assert (me["id"], me["participation"], me["checked_in_at"]) == (
        walk_in, "online", "2022-05-16T14:06:40Z")
    events = [e["action"] for e in r.json("journal", "--json")]
    assert events.count("stakeholder.add") == 1 and events.count("stakeholder.checkin") == 1


def test_pending_list_is_circulated_then_approved_and_the_floor_requires_it(r):
    r.ok("init", "--title", "Hearing", "--date", "2022-05-16")
    r.new_id("agenda", "add", "--title", "Floor", "--code", "t")
    r.ok("import", "roster", FIXTURES / "registrations.csv")
    pending = r.ok("stakeholder", "list", "--accreditation", "pending").splitlines()
    assert len(pending) == 36 == int(r.ok("stakeholder", "list", "--accreditation", "pending",
                                          "--count"))
    assert all(line.split("\t")[8] == "pending" for line in pending)
    # A stakeholder (Member States and the UN system need no accreditation).
    me = next(p for p in r.json("stakeholder", "list", "--accreditation", "pending", "--json")
              if p["role"] == "stakeholder")
    who, name = str(me["id"]), me["name"]
    assert f"{who}\t{name}\t" in "\n".join(pending)
    accredited = next(p["id"] for p in r.json("stakeholder", "list", "--json")
                      if p["accreditation"] == "gcm")
    e_pending = r.new_id("queue", "add", "t", who, now=T0)
    e_ok = r.new_id("queue", "add", "t", str(accredited), now=T0 + 1)
    r.ok("meeting", "set", "--require-accreditation", "yes")
    assert "require-accreditation\tyes\n" in r.ok("meeting", "show")
    listing = r.json("queue", "list", "t", "--json")
    held = next(e for e in listing if e["id"] == e_pending)
    assert held["held"] is True and held["position"] is None and held["proposed"] is False
    assert held["reason"] == ("held back: accreditation pending; the meeting requires an "
                              "accreditation to take the floor")
    assert next(e for e in listing if e["id"] == e_ok)["proposed"] is True
    p = r.run("queue", "give", str(e_pending))
    assert p.returncode == 2 and "held back" in p.stderr
    text = r.ok("queue", "list", "t")
    assert "held back: accreditation pending" in text
    # Approved on non-objection: dated, journalled, and the floor is open to them.
    out = r.ok("stakeholder", "accredit", who, "imrf_new", now=T0 + 60)
    assert out == f"{name} ({who}) pending → imrf_new\n"
    me = next(p for p in r.json("stakeholder", "list", "--json") if str(p["id"]) == who)
    assert me["accreditation_at"] == "2022-05-16T14:01:00Z"
    assert r.run("stakeholder", "accredit", who, "imrf_new").returncode == 2
    assert r.run("stakeholder", "accredit", who, "vip").returncode == 2
    listing = r.json("queue", "list", "t", "--json")
    assert [e["id"] for e in listing] == [e_pending, e_ok]
    assert listing[0]["held"] is False
    # A refusal holds them back again.
    r.ok("stakeholder", "accredit", who, "refused")
    assert r.json("queue", "list", "t", "--json")[1]["reason"].startswith(
        "held back: accreditation refused")


def test_online_and_language_of_an_intervention(r):
    r.ok("init", "--title", "Hearing")
    r.new_id("agenda", "add", "--title", "Floor", "--code", "t")
    amina = r.new_id("stakeholder", "add", "--name", "Amina", "--sector", "migrant",
                     "--languages", "fr;en", "--participation", "online")
    ben = r.new_id("stakeholder", "add", "--name", "Ben", "--sector", "academia")
    e1 = r.new_id("queue", "add", "t", str(amina))
    e2 = r.new_id("queue", "add", "t", str(ben), "--language", "Arabic")
    listing = {e["id"]: e for e in r.json("queue", "list", "t", "--json")}
    assert (listing[e1]["participation"], listing[e1]["language"]) == ("online", "fr")
    assert (listing[e2]["participation"], listing[e2]["language"]) == ("in_room", "ar")
    r.ok("queue", "set", str(e1), "--language", "en")
    r.ok("queue", "set", str(e2), "--participation", "online")
    assert r.run("queue", "set", str(e2), "--participation", "online").returncode == 2
    p = r.run("queue", "set", str(e2), "--language", "klingon")
    assert p.returncode == 2 and "--language: 'klingon'" in p.stderr
    p = r.run("queue", "add", "t", str(ben), "--participation", "zoom")
    assert p.returncode == 2 and "--participation" in p.stderr
    listing = {e["id"]: e for e in r.json("queue", "list", "t", "--json")}
    assert listing[e1]["language"] == "en" and listing[e2]["participation"] == "online"
    speakers = r.json("export", "speakers", "--format", "json")
    assert [(s["participation"], s["language"]) for s in speakers] == [("online", "en"),
                                                                       ("online", "ar")]
    summary = json.loads(r.ok("export", "summary", "--format", "json"))
    assert summary["agenda"][0]["interventions"][1]["language"] == "ar"


def test_a_language_taken_from_the_registration_is_not_reported_as_said(r):
    """Amina registered French first and spoke with nobody saying in what;
    Ben spoke in Arabic as the moderator queued him.  The speakers' list
    states Ben's Arabic, not Amina's French, which the data tells apart
    (language_recorded) while language keeps what the entry shows.  Once
    the note-taker records French for her, the report says it."""
    r.ok("init", "--title", "Hearing")
    r.new_id("agenda", "add", "--title", "Floor", "--code", "t")
    amina = r.new_id("stakeholder", "add", "--name", "Amina", "--sector", "migrant",
                     "--languages", "fr;en")
    ben = r.new_id("stakeholder", "add", "--name", "Ben", "--sector", "academia",
                   "--languages", "en")
    e1 = r.new_id("queue", "add", "t", str(amina), now=T0)
    e2 = r.new_id("queue", "add", "t", str(ben), "--language", "ar", now=T0 + 1)
    r.ok("queue", "start", "t", now=T0 + 10)
    r.ok("queue", "next", "t", now=T0 + 70)
    r.ok("queue", "end", "t", now=T0 + 130)
    text = r.ok("export", "summary", "--format", "txt", now=T0 + 200)
    annex = text[text.index("Annex: speakers' list"):]
    assert "in Arabic" in annex and "French" not in annex, annex
    md = r.ok("export", "summary", now=T0 + 200)
    assert "French" not in md and "| Arabic |" in md, md
    speakers = {s["id"]: s for s in r.json("export", "speakers", "--format", "json")}
    assert (speakers[e1]["language"], speakers[e1]["language_recorded"]) == ("fr", False)
    assert (speakers[e2]["language"], speakers[e2]["language_recorded"]) == ("ar", True)
    # Saying the language the entry already shows records it.
    r.ok("queue", "set", str(e1), "--language", "fr")
    assert r.run("queue", "set", str(e1), "--language", "fr").returncode == 2
    text = r.ok("export", "summary", "--format", "txt", now=T0 + 200)
    assert "in French" in text[text.index("Annex: speakers' list"):]
    summary = r.json("export", "summary", "--format", "json", now=T0 + 200)
    said = [(i["language"], i["language_recorded"])
            for i in summary["agenda"][0]["interventions"]]
    assert said == [("fr", True), ("ar", True)]


def test_the_speakers_annex_has_no_language_column_when_none_was_recorded(r):
    """A column blank on every row says nothing: the speakers' list has a
    Language column only when someone recorded a speech's language."""
    r.ok("init", "--title", "Hearing")
    r.new_id("agenda", "add", "--title", "Floor", "--code", "t")
    amina = r.new_id("stakeholder", "add", "--name", "Amina", "--sector", "migrant",
                     "--languages", "fr;en")
    e1 = r.new_id("queue", "add", "t", str(amina), now=T0)
    r.ok("queue", "start", "t", now=T0 + 10)
    r.ok("queue", "end", "t", now=T0 + 70)
    header = next(line for line in r.ok("export", "summary", now=T0 + 200).splitlines()
                  if line.startswith("| No. |"))
    assert header == "| No. | Item | Name | Organization | Sector | Region | Gender | Kind | Time |"
    html = r.ok("export", "summary", "--format", "html", now=T0 + 200)
    assert ">Language<" not in html
    r.ok("queue", "set", str(e1), "--language", "fr")
    md = r.ok("export", "summary", now=T0 + 200)
    assert "| Time | Language |" in md and "| 1:00 | French |" in md, md


def test_the_floor_split_by_online_and_in_room(r):
    r.ok("init", "--title", "Hearing")
    r.new_id("agenda", "add", "--title", "Floor", "--code", "t")
    amina = r.new_id("stakeholder", "add", "--name", "Amina", "--sector", "migrant",
                     "--participation", "online", "--present")
    ben = r.new_id("stakeholder", "add", "--name", "Ben", "--sector", "academia", "--present")
    carla = r.new_id("stakeholder", "add", "--name", "Carla", "--sector", "academia",
                     "--present")
    for who in (amina, ben, carla):
        r.new_id("queue", "add", "t", str(who), now=T0 + who)
    r.ok("queue", "start", "t", now=T0 + 10)
    r.ok("queue", "next", "t", now=T0 + 70)   # Amina spoke online for a minute
    r.ok("queue", "next", "t", now=T0 + 190)  # Ben, in the room, two
    r.ok("queue", "end", "t", now=T0 + 220)
    stats = json.loads(r.ok("queue", "stats", "t", "--json", now=T0 + 230))
    split = {g["value"]: g for g in stats["by_participation"]}
    assert split["online"]["interventions"] == 1 and split["online"]["seconds"] == 60
    assert split["in_room"]["interventions"] == 2 and split["in_room"]["seconds"] == 150
    assert split["online"]["label"] == "online" and split["in_room"]["label"] == "in the room"
    assert round(split["online"]["target"], 3) == round(1 / 3, 3)  # one of the three present
    text = r.ok("queue", "stats", "t", now=T0 + 230)
    assert "participation\tonline\t33.3%\t1\t33.3%\t1:00\t28.6%\n" in text
    p = r.run("meeting", "set", "--quota", "participation:online=50")
    assert p.returncode == 2 and "participation is shown, not balanced" in p.stderr


def test_a_reimported_form_keeps_the_desks_accreditation_and_check_in(r, tmp_path):
    """The desk accredits and checks Pia in; the same form imported again
    (accreditation pending, present no) undoes neither, and says so."""
    r.ok("init", "--title", "Hearing")
    form = write(tmp_path, "form.csv", "name,sector,email,accreditation,present\n"
                                       "Pia,migrant,pia@example.org,pending,no\n"
                                       "Quim,academia,quim@example.org,pending,no\n")
    r.ok("import", "roster", form, now=T0)
    r.ok("meeting", "set", "--require-accreditation", "yes")
    r.ok("stakeholder", "accredit", "pia@example.org", "imrf_new", now=T0 + 60)
    r.ok("stakeholder", "checkin", "pia@example.org", now=T0 + 120)
    p = r.run("import", "roster", form, now=T0 + 600)
    assert p.returncode == 0, p.stderr
    assert p.stdout == ("0 added, 0 updated, 2 unchanged, 0 requests to speak queued,"
                        " 0 nominations, the desk's decisions kept on 1 row\n")
    assert p.stderr == (f"{form}: the desk's decisions kept on 1 row (line 2): an"
                        " accreditation decided with 'rostrum stakeholder accredit' stays, and"
                        " the present column checks in, never out\n")
    pia = next(s for s in r.json("stakeholder", "list", "--json") if s["name"] == "Pia")
    assert pia["accreditation"] == "imrf_new"
    assert pia["accreditation_at"] == "2022-05-16T14:01:00Z"
    assert pia["present"] is True and pia["checked_in_at"] == "2022-05-16T14:02:00Z"
    assert r.ok("journal").splitlines()[-1].endswith(
        "0 nominations, the desk's decisions kept on 1 row")
    # The form still decides what the desk did not: Quim's accreditation,
    # and a check-in.
    r.ok("import", "roster", write(tmp_path, "form2.csv", "name,sector,email,accreditation,present\n"
                                  "Quim,academia,quim@example.org,gcm,yes\n"), now=T0 + 900)
    quim = next(s for s in r.json("stakeholder", "list", "--json") if s["name"] == "Quim")
    assert quim["accreditation"] == "gcm" and quim["present"] is True
