"""The whole 2022 hearing of seed 001, run from the command line alone: the
bundled programme, the registration desk's CSV, every item opened and
closed, every speaker called with --expect, then the exports."""
import re

import html5lib
import pytest

from conftest import FIXTURES, ROOT, Rostrum

PROGRAMME = ROOT / "data" / "programmes" / "imrf-2022.conf"
DAY = 1652709600  # 2022-05-16 10:00 in New York (UTC-4)
NS = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"


def at(h, m, s=0):
    return DAY + (h - 10) * 3600 + m * 60 + s


class Moderator:
    """Calls speakers on an item the way an operator does: reads the list,
    then names the speaker it saw with --expect."""

    def __init__(self, r, item, now):
        self.r, self.item, self.now = r, item, now
        self.called = []  # the entries given the floor, in order
        self.reasons = {}

    def listing(self):
        return self.r.json("queue", "list", self.item, "--json", now=self.now)

    def call_next(self, seconds):
        entries = self.listing()
        holder = next((e for e in entries if e["state"] in ("speaking", "paused")), None)
        proposed = next((e for e in entries if e.get("proposed")), None)
        if proposed is None:
            return None
        self.reasons[proposed["id"]] = proposed["reason"]
        cmd = "next" if holder else "start"
        self.r.ok("queue", cmd, self.item, "--expect", str(holder["id"]) if holder else "none",
                  now=self.now)
        self.now += seconds
        after = self.listing()
        now_holder = next(e for e in after if e["state"] == "speaking")
        assert now_holder["id"] == proposed["id"], (proposed, now_holder)
        self.called.append(now_holder)
        return now_holder

    def finish(self):
        holder = next(e for e in self.listing() if e["state"] == "speaking")
        self.r.ok("queue", "end", self.item, "--expect", str(holder["id"]), now=self.now)


@pytest.fixture(scope="module")
def hearing(tmp_path_factory):
    r = Rostrum(tmp_path_factory.mktemp("hearing"))
    r.ok("init", "--title", "Informal interactive multi-stakeholder hearing", "--date",
         "2022-05-16", "--venue", "Conference Room 4, United Nations Headquarters",
         now=at(8, 0))
    out = r.ok("import", "agenda", PROGRAMME, now=at(8, 1))
    assert out.startswith("6 agenda items added, 25 programme speakers queued")
    p = r.run("import", "roster", FIXTURES / "registrations.csv", now=at(8, 2), check=0)
    r.import_notice = p.stderr
    r.unplaced = r.json("queue", "requests", "--json")
    # The desk puts two of the requests that named no item on thematic II.
    for s in r.unplaced[:2]:
        r.new_id("queue", "place", "thematic-2", s["email"], now=at(8, 3))
    r.log = {}
    run_meeting(r)
    return r


def run_item(r, item, start, seconds, floor=0):
    """Every programme speaker of item, then `floor` from the floor; each
    speech `seconds` long; the item closed a minute after the last."""
    m = Moderator(r, item, start)
    while True:
        waiting = [e for e in m.listing() if e["state"] == "waiting"]
        programme_left = any(e["kind"] != "floor" for e in waiting)
        floor_done = sum(1 for e in m.called if e["kind"] == "floor")
        if not waiting or (not programme_left and floor_done >= floor):
            break
        m.call_next(seconds)
    m.finish()
    r.ok("agenda", "close", item, now=m.now + 60)
    r.log[item] = m
    return m.now + 60


def run_meeting(r):
    t = run_item(r, "opening", at(10, 1), 300)
    t = run_item(r, "thematic-1", at(10, 31), 270, floor=8)
    r.ok("agenda", "open", "lunch", now=at(13, 0))
    r.ok("agenda", "close", "lunch", now=at(15, 0))
    t = run_item(r, "thematic-2", at(15, 1), 240, floor=6)
    t = run_item(r, "thematic-3", at(17, 20), 300)
    run_item(r, "closing", at(17, 50), 240)
    r.new_id("nextstep", "closing", "The rapporteur presents the summary at the IMRF plenary.",
             now=at(18, 1))


def test_requests_without_an_item_are_reported_and_kept(hearing):
    assert re.search(r"registrations\.csv: 14 requests to speak name no item \(lines 23, 26,",
                     hearing.import_notice), hearing.import_notice
    assert len(hearing.unplaced) == 14
    # The two placed keep the time of their request from the form.
    placed = {s["email"]: s["registered_at"] for s in hearing.unplaced[:2]}
    t2 = hearing.json("queue", "list", "thematic-2", "--json")
    got = {e["name"]: e["requested_at"] for e in t2}
    for s in hearing.unplaced[:2]:
        assert got[s["name"]] == placed[s["email"]]
    assert len(hearing.json("queue", "requests", "--json")) == 12


def test_opening_speakers_speak_in_programme_order(hearing):
    called = [e["name"] for e in hearing.log["opening"].called]
    assert called == ["Abdulla Shahid", "António Vitorino", "Marisol Quispe Huamán"]
    reasons = [hearing.log["opening"].reasons[e["id"]] for e in hearing.log["opening"].called]
    assert reasons[0] == ("programme: opening speaker 1 of 3, President of the 76th Session"
                          " of the United Nations General Assembly")
    assert reasons[2] == "programme: opening speaker 3 of 3, Migrant voice"


@pytest.mark.parametrize("item,panel", [("thematic-1", 13), ("thematic-2", 5)])
def test_every_panellist_speaks_before_the_floor(hearing, item, panel):
    called = hearing.log[item].called
    kinds = [e["kind"] for e in called]
    assert kinds[:panel] == ["panel"] * panel
    assert set(kinds[panel:]) == {"floor"} and len(kinds) > panel
    orders = [e["programme_order"] for e in called[:panel]]
    assert orders == sorted(orders)
    reason = hearing.log[item].reasons[called[3]["id"]]
    assert re.fullmatch(rf"programme: panellist 4 of {panel}, .+", reason), reason


@pytest.mark.parametrize("item", ["thematic-1", "thematic-2"])
def test_the_floor_follows_the_items_policy(hearing, item):
    # The programme gives both sessions the balanced policy; every floor
    # speaker was the one it proposed (Moderator checks), for its reason.
    assert [i["policy"] for i in hearing.json("agenda", "list", "--json")
            if i["code"] == item] == ["balanced"]
    for e in hearing.log[item].called:
        if e["kind"] == "floor":
            # The figure that decided it, and the bound kept.
            assert re.fullmatch(
                r"(.+ \d+ of \d+ interventions, target [\d.]+%( \(quota\))?|first come"
                r"|migrants themselves first: none heard yet on this item)"
                r"; passed over [0-3] of 3 allowed; requested at .+",
                hearing.log[item].reasons[e["id"]]), hearing.log[item].reasons[e["id"]]


def test_every_item_has_actual_times_in_new_york_time(hearing):
    items = hearing.json("agenda", "list", "--json")
    assert [i["code"] for i in items] == ["opening", "thematic-1", "lunch", "thematic-2",
                                           "thematic-3", "closing"]
    assert all(i["started_at"] and i["ended_at"] for i in items)
    md = hearing.ok("export", "summary", now=at(18, 5))
    assert "10:00–18:00 (New York time)" in md
    assert "**Time:** 10:30–13:00 (actual 10:31–" in md
    assert "**Time:** 13:00–15:00 (actual 13:00–15:00)" in md
    t1 = next(i for i in items if i["code"] == "thematic-1")
    # The actual end of thematic I, in New York time, is what the report says.
    end_utc = t1["ended_at"]
    h, m = int(end_utc[11:13]) - 4, int(end_utc[14:16])
    assert f"(actual 10:31–{h:02d}:{m:02d})" in md


def test_html_report_has_a_planned_and_actual_bar_for_every_item(hearing, tmp_path):
    out = tmp_path / "report.html"
    hearing.ok("export", "summary", "--format", "html", "-o", out, now=at(18, 5))
    doc = html5lib.HTMLParser(strict=True).parse(out.read_bytes())
    svg = next(s for s in doc.iter(f"{SVG}svg") if s.get("id") == "chart-timing")
    bars = [b for b in svg.iter(f"{SVG}rect") if b.get("class") == "bar"]
    assert len(bars) == 2 * 6  # planned and actual, each of the six items
    titles = ["".join(t.itertext()) for t in svg.iter(f"{SVG}title")]
    assert "Planned: 120 min" in titles and "Actual: 120 min" in titles  # the lunch break
    assert "10:00–18:00" in "".join(doc.itertext())


def test_the_journal_tells_who_did_what(hearing):
    events = hearing.json("journal", "--json")
    actions = [e["action"] for e in events]
    for a in ["meeting.init", "import.agenda", "import.roster", "queue.place", "queue.start",
              "queue.next", "queue.end", "agenda.close", "agenda.open", "next_step.add"]:
        assert a in actions, a
    starts = [e for e in events if e["action"] == "queue.start"]
    assert starts[0]["summary"] == "floor to Abdulla Shahid"
    text = hearing.ok("journal", "--since", "17:50")
    # Times in the journal are the meeting's: 17:50 in New York on the day.
    assert text and all(line.split("\t")[1] >= "2022-05-16 17:50" for line in
                        text.splitlines())
