"""The equity view (6) and pacing on the demo hearing: five panellists of
thematic discussion I heard from the command line, a sixth speaking, the
TUI opened with the clock pinned.  What the screen shows (targets, shares,
bars, "not heard", time left, waiting, time each) is what `queue stats
thematic-1 --json` prints at the same moment, rounded as the screen rounds
it; calling the next speaker when the floor's time runs the item over
offers a shorter one, counting the programme speakers' own time first, and
offers none when the programme alone runs over."""
import re

import pytest

from conftest import (ROOT, Rostrum, capture_styled, quit_tui, style_of, styled_rows, tui_env,
                      wait_styled)

T0 = 1652711400              # 10:30 in New York: thematic-1 starts
END = 1652720400             # 13:00: its planned end
SPOKE = [290, 200, 400, 150, 350]  # five panellists' times; the sixth speaks
VIEW = T0 + sum(SPOKE) + 100       # 100 s into the sixth's speech
ITEM = "thematic-1"

# The columns at 80 columns: the label, the target, then for interventions
# and for speaking time a bar of BAR cells and a share.
LABEL, TARGET, BAR = 28, 6, 12
BLOCKS = {"█": 8, "▉": 7, "▊": 6, "▋": 5, "▌": 4, "▍": 3, "▎": 2, "▏": 1, " ": 0}


@pytest.fixture
def demo(screen, tmp_path):
    """The demo database (built by `rostrum demo`) with the floor run."""
    r = Rostrum(tmp_path)
    r.env.update(XDG_DATA_HOME=str(tmp_path / "xdg"), ROSTRUM_DATA=str(ROOT / "data"))
    t = screen.start(tui_env(r), ["demo"], 80, 24)
    screen.wait_for(t, "1 Agenda")
    quit_tui(screen, t)
    assert screen.dead_status(t) == 0
    r.db = str(tmp_path / "xdg" / "rostrum" / "demo.db")
    now = T0
    r.ok("queue", "start", ITEM, now=now)
    for s in SPOKE:
        now += s
        r.ok("queue", "next", ITEM, now=now)
    return r


def open_demo(screen, r, now, cols=80, rows=24, term="tmux-256color", **env):
    t = screen.start(tui_env(r, ROSTRUM_NOW=str(now), **env), ["demo"], cols, rows, term=term)
    screen.wait_for(t, "1 Agenda")
    return t


def stats(r, now):
    return r.json("queue", "stats", ITEM, "--json", now=now)


def pc(v):
    """A share as the screen rounds it."""
    return f"{v * 100:.0f}%"


def duration(s):
    s = abs(s)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def full_bar(values):
    """The share a dimension's full bar stands for: the next tenth above its
    largest share or target."""
    top = max(values)
    return min(10, max(1, int(top * 10 - 1e-9) + 1)) / 10


def bar_of(share, target, blocks=True, width=BAR):
    """The cells a bar shows: eighths of a cell (whole cells of '#' without
    block elements) and the target's cell marked."""
    glyphs = {v: k for k, v in BLOCKS.items()}
    filled = round(share * width * 8) if blocks else round(share * width) * 8
    mark = min(width - 1, int(target * width + 1e-9))
    cells = []
    for c in range(width):
        e = max(0, min(8, filled - 8 * c))
        if c == mark:
            cells.append("│" if blocks else "|")
        else:
            cells.append(glyphs[e] if blocks else ("#" if e else " "))
    return "".join(cells)


ROW = re.compile(r"^(?P<label>.+?) +(?P<target>\d+%) (?P<bi>.{BAR}) +(?P<si>\d+%) "
                 r"(?P<bt>.{BAR}) +(?P<st>\d+%)(?P<flag> not heard)?\s*$".replace("BAR", str(BAR)))
HEADING = re.compile(r"^(Sector|Region|Gender|Country|Participation)  "
                     r"(?:(\d+) of (\d+) not heard; )?a full bar is (\d+)%")


def read_view(screen, t, until="Country"):
    """Every heading and group row, paging down until the heading `until`
    shows: {dimension: {"full": "20%", "unheard": n, "rows": [match, ...]}}."""
    seen, dim, screens = {}, None, 0
    while True:
        s = screen.capture(t)
        for line in s.split("\n")[4:-1]:
            h = HEADING.match(line)
            if h:
                dim = h.group(1).lower()
                seen.setdefault(dim, {"full": h.group(4) + "%", "unheard": int(h.group(2) or 0),
                                      "rows": {}})
                continue
            m = ROW.match(line)
            if m and dim:
                seen[dim]["rows"][m.group("label")] = m
        if until.lower() in seen or screens > 6:
            return seen
        screens += 1
        screen.keys(t, "PgDn")
        screen.wait(t, lambda x, s=s: x != s, what="the next page")


def group_of(groups, label):
    """The JSON group a screen label (maybe cut with …) names."""
    found = [g for g in groups if g["label"] == label or  # cut: "…", "~" in ASCII
             (label[-1] in "…~" and g["label"].startswith(label[:-1]))]
    assert len(found) == 1, (label, [g["label"] for g in groups])
    return found[0]


def check_dimension(view, js, dim, blocks=True):
    groups = js[f"by_{dim}"]
    full = full_bar([v for g in groups for v in (g["target"], g["share_interventions"],
                                                  g["share_time"])])
    assert view[dim]["full"] == pc(full)
    unheard = [g for g in groups if not g["heard"] and g["target"] > 0]
    assert view[dim]["unheard"] == len(unheard)
    rows = view[dim]["rows"]
    for label, m in rows.items():
        g = group_of(groups, label)
        assert m.group("target") == pc(g["target"]), label
        assert m.group("si") == pc(g["share_interventions"]), label
        assert m.group("st") == pc(g["share_time"]), label
        assert bool(m.group("flag")) == (not g["heard"] and g["target"] > 0), label
        assert m.group("bi") == bar_of(g["share_interventions"] / full, g["target"] / full, blocks)
        assert m.group("bt") == bar_of(g["share_time"] / full, g["target"] / full, blocks)
    return rows


def test_the_equity_view_shows_what_queue_stats_prints(screen, demo):
    t = open_demo(screen, demo, VIEW)
    screen.keys(t, "6")
    s = screen.wait_for(t, "Equity  thematic-1 Thematic discussion I")
    js = stats(demo, VIEW)
    assert js["total_interventions"] == 6 and js["basis"] == "interventions"
    assert js["scope"] == "meeting"
    assert f"6 interventions, {duration(js['total_seconds'])} on this item; balance: " \
           "interventions, whole meeting" in s
    view = read_view(screen, t)
    sectors = check_dimension(view, js, "sector")
    # Every stakeholder sector of the roster, on the first page: the
    # sectors member_state and un_system are counted apart (17 less 2).
    assert len(sectors) == 15
    regions = check_dimension(view, js, "region")
    genders = check_dimension(view, js, "gender")
    assert len(regions) == 5 and len(genders) == 4
    # A few groups as a moderator reads them: the first panellist's sector,
    # heard once in six (17%) against 14% (11 of the 80 stakeholders
    # registered; it was 11 of all 86, 13%); trade unions not heard yet.
    migrants = sectors["Migrants and migrant assoc…"]
    assert (migrants.group("target"), migrants.group("si")) == ("14%", "17%")
    assert not migrants.group("flag")
    assert sectors["Trade unions"].group("flag") == " not heard"
    assert sectors["Trade unions"].group("si") == "0%"
    assert regions["Latin America and the Cari…"].group("flag") == " not heard"
    # The whole meeting: nothing was heard before this item, so the same
    # figures, said of the meeting.
    screen.keys(t, "m")
    s = screen.wait_for(t, "Equity  the whole meeting")
    assert "6 interventions" in s and "in the meeting" in s
    whole = demo.json("queue", "stats", "--json", now=VIEW)
    assert whole["item"] is None and whole["total_interventions"] == 6
    check_dimension(read_view(screen, t, until="Gender"), whole, "sector")


def test_taking_part_in_the_room_or_online_has_its_own_heading(screen, demo):
    """The last groups, in the room and online, ran on under the countries
    with a heading that named nothing ('  a full bar is 100%')."""
    t = open_demo(screen, demo, VIEW)
    screen.keys(t, "6")
    screen.wait_for(t, "6 interventions")
    view = read_view(screen, t, until="Participation")
    rows = check_dimension(view, stats(demo, VIEW), "participation")
    assert "in the room" in rows
    assert not [label for label in view["country"]["rows"] if label in ("in the room", "online")]


def test_the_view_follows_another_terminals_call(screen, demo):
    """A call made elsewhere (the command line here) shows within a poll:
    the sixth speaker's intervention and time counted, the next one's sector
    heard."""
    t = open_demo(screen, demo, VIEW)
    screen.keys(t, "6")
    screen.wait_for(t, "6 interventions")
    before = stats(demo, VIEW)
    demo.ok("queue", "next", ITEM, now=VIEW)
    s = screen.wait_for(t, "7 interventions")
    after = stats(demo, VIEW)
    assert after["total_interventions"] == 7
    trade = group_of(after["by_sector"], "Trade unions")
    assert trade["heard"] and not group_of(before["by_sector"], "Trade unions")["heard"]
    assert re.search(rf"^Trade unions +{pc(trade['target'])} .{{12}} +14% .{{12}} +0%\s*$", s,
                     re.M), s
    check_dimension(read_view(screen, t, until="Gender"), after, "sector")


def pace_line(js):
    """The pace as the screen words it, from queue stats' figures: the
    programme's own time apart when programme speakers wait."""
    p = js["pacing"]
    if p["programme_waiting"]:
        return (f"pace: {duration(p['left'])} left, {duration(p['programme_seconds'])} programme,"
                f" {p['floor_waiting']} floor: {duration(p['each'])} each")
    return f"pace: {duration(p['left'])} left, {p['waiting']} waiting, {duration(p['each'])} each"


# Thematic discussion I at VIEW: 17 waiting, the last 7 of its 13
# panellists (5:00 each, 35:00) and 10 from the floor (3:00 each).
MIXED = END - 3100     # 51:40 left: (3100 - 2100) / 10 = 100 s each, 1:30 offered
OVERRUN = END - 1700   # 28:20 left: the programme alone runs 2100 - 1700 = 400 s over


def test_pacing_beside_the_queue_matches_queue_stats(screen, demo):
    t = open_demo(screen, demo, VIEW)
    js = stats(demo, VIEW)
    p = js["pacing"]
    assert p["planned"] and p["left"] == END - VIEW and p["waiting"] == 17
    assert (p["programme_waiting"], p["programme_seconds"], p["floor_waiting"]) == (7, 2100, 10)
    # 2:05:10 left, the sixth panellist 100 s into her 5:00 (200 s to run):
    # (7510 - 200 - 2100) / 10 = 521 s each, 8:41: nothing to offer.
    assert p["holder_left"] == 200 and p["each"] == 521 and p["offer"] == 0
    s = screen.wait_for(t, pace_line(js))
    assert f"Waiting (17)  {pace_line(js)}" in s
    assert "pace: 2:05:10 left, 35:00 programme, 10 floor: 8:41 each" in s
    # Later the time each falls under the floor's 3:00, and the line says so.
    t = open_demo(screen, demo, MIXED)
    js = stats(demo, MIXED)
    assert js["pacing"]["each"] == 100 and js["pacing"]["floor_seconds"] == 180
    screen.wait_for(t, "pace: 51:40 left, 35:00 programme, 10 floor: 1:40 each < 3:00")


def offer_prompt(screen, t):
    screen.keys(t, "n")
    return screen.wait_for(t, "Shorten the floor to 1:30 each to end on time?")


def journal(r):
    return [(e["action"], e["summary"]) for e in r.json("journal", "--json")]


def test_calling_next_offers_a_shorter_floor_and_accepting_sets_it(screen, demo):
    js = stats(demo, MIXED)
    assert js["pacing"]["offer"] == 90
    t = open_demo(screen, demo, MIXED)
    s = offer_prompt(screen, t)
    assert "51:40 left: 35:00 for the programme's 7, 1:40 each for the floor's 10." in s
    assert "y shorten, call next   n keep 3:00, call next   Esc call nobody" in s
    screen.keys(t, "y")
    s = screen.wait_for(t, "the floor: 1:30 each; now speaking: Graciela Núñez")
    after = stats(demo, MIXED)
    assert after["pacing"]["floor_seconds"] == 90 and after["pacing"]["offer"] == 0
    # One action: the time and the call (undone together, refused together).
    assert journal(demo)[-1] == ("queue.next", "floor to Graciela Núñez; the floor 1:30 each")
    # The pace line now reads without the warning: the floor ends on time.
    # Graciela called (her 5:00 to run), six panellists wait:
    # (3100 - 300 - 1800) / 10 = 100 s each, more than the floor's 1:30.
    s = screen.wait_for(t, "Waiting (16)  pace: 51:40 left, 30:00 programme, 10 floor: 1:40 each")
    assert "< 1:30" not in s


def test_the_programme_alone_running_over_is_offered_no_floor_time(screen, demo):
    """At 28:20 left the seven panellists' 35:00 alone runs 6:40 past the
    planned end: no floor time ends the item on time, so n asks nothing
    and calls the next speaker, and the pace says why."""
    p = stats(demo, OVERRUN)["pacing"]
    assert (p["offer"], p["each"], p["programme_over"]) == (0, 0, 400)
    t = open_demo(screen, demo, OVERRUN)
    s = screen.wait_for(t, "Waiting (17)  pace: 28:20 left, 17 waiting,"
                           " the programme alone runs 6:40 over")
    screen.keys(t, "n")
    s = screen.wait_for(t, "now speaking: Graciela Núñez")
    assert "Shorten" not in s
    assert journal(demo)[-1] == ("queue.next", "floor to Graciela Núñez")
    assert stats(demo, OVERRUN)["pacing"]["floor_seconds"] == 180
    # Graciela's 5:00 to run, then six panellists' 30:00: still 6:40 over.
    screen.wait_for(t, "Waiting (16)  pace: 28:20 left, 16 waiting,"
                       " the programme alone runs 6:40 over")


def test_an_accepted_offer_after_a_call_elsewhere_changes_nothing(screen, demo):
    t = open_demo(screen, demo, MIXED)
    offer_prompt(screen, t)
    demo.ok("queue", "next", "thematic-1", now=MIXED)  # another terminal calls
    before = journal(demo)
    screen.keys(t, "y")
    screen.wait_for(t, "the floor changed meanwhile")
    assert stats(demo, MIXED)["pacing"]["floor_seconds"] == 180
    assert journal(demo) == before


def test_declining_calls_next_and_is_not_asked_again(screen, demo):
    t = open_demo(screen, demo, MIXED)
    offer_prompt(screen, t)
    screen.keys(t, "Escape")
    screen.wait_for(t, "nobody called; the floor's time unchanged")
    assert journal(demo)[-1] == ("queue.next", "floor to Rahul Venkataraman")
    offer_prompt(screen, t)
    screen.keys(t, "n")
    screen.wait_for(t, "now speaking: Graciela Núñez")
    assert stats(demo, MIXED)["pacing"]["floor_seconds"] == 180
    assert "agenda.speaking_time" not in [a for a, _ in journal(demo)]
    # The same offer is not made again from this terminal: n calls at once.
    screen.keys(t, "n")
    screen.wait_for(t, "now speaking: Samuel Okonjo")
    assert "Shorten" not in screen.capture(t)


# ---- colour, and the fallbacks -------------------------------------------------

def flag_style(styled, label):
    """The style of the "not heard" at the end of a group's row."""
    for row in styled_rows(styled):
        line = "".join(ch for ch, _ in row)
        if line.startswith(label + " ") and line.rstrip().endswith("not heard"):
            return row[line.rindex("not heard")][1]
    raise AssertionError(f"no row of {label} flagged")


def test_bars_and_flags_in_colour_at_80x24(screen, demo):
    t = open_demo(screen, demo, VIEW)
    screen.keys(t, "6")
    # Until the row is drawn whole: under load a capture can catch the
    # repaint half way.
    styled = wait_styled(screen, t, lambda st: flag_style(st, "Trade unions"),
                         what="the equity view")
    flag = flag_style(styled, "Trade unions")
    assert flag.bg is not None  # the warning's colours, beside its words
    cells = [(ch, st) for row in styled_rows(styled) for ch, st in row]
    bars = [st for ch, st in cells if ch in "█▉▊▋▌▍▎▏"]
    marks = [st for ch, st in cells if ch == "│" and st.fg is not None]
    assert bars and all(st.fg == bars[0].fg and st.fg is not None for st in bars)
    assert marks and all(st.bold and st.fg != bars[0].fg for st in marks)
    assert not any(st.reverse for st in bars)
    # Pacing's warning in colour too, when the floor runs over, and when
    # the programme alone does.
    late = open_demo(screen, demo, MIXED)
    styled = wait_styled(screen, late, lambda st: "1:40 each < 3:00" in st,
                         what="the pace's warning")
    assert style_of(styled, "1:40 each < 3:00").bg is not None
    later = open_demo(screen, demo, OVERRUN)
    styled = wait_styled(screen, later, lambda st: "the programme alone runs 6:40 over" in st,
                         what="the programme's overrun")
    assert style_of(styled, "the programme alone runs 6:40 over").bg is not None


@pytest.mark.parametrize("term,env", [("vt100", {}), ("tmux-256color", {"LANG": "C", "LC_ALL": "C"})],
                         ids=["vt100", "C-locale"])
def test_ascii_bars_without_block_elements(screen, demo, term, env):
    t = open_demo(screen, demo, VIEW, term=term, **env)
    screen.keys(t, "6")
    s = screen.wait_for(t, "not heard")
    assert not re.search("[█▉▊▋▌▍▎▏│]", s.split("\n", 2)[2]), s
    js = stats(demo, VIEW)
    view = read_view(screen, t, until="Region")
    check_dimension(view, js, "sector", blocks=False)
    assert view["sector"]["rows"]["Trade unions"].group("bi").strip() == "|"
    assert "#" in view["sector"]["rows"]["Academia"].group("bi")


def test_no_color_flags_in_words_and_attributes(screen, demo):
    t = open_demo(screen, demo, VIEW, NO_COLOR="1")
    screen.keys(t, "6")
    styled = wait_styled(screen, t, lambda st: flag_style(st, "Trade unions"),
                         what="the equity view")
    assert not re.search(r"\x1b\[[0-9;]*(3[0-7]|4[0-7]|38;5|48;5)[;m]", styled)
    flag = flag_style(styled, "Trade unions")
    assert flag.bold and flag.underline
    marks = [st for row in styled_rows(styled) for ch, st in row if ch == "│" and st.bold]
    assert marks  # the target stands out by weight, the bars are plain blocks
    check_dimension(read_view(screen, t, until="Region"), stats(demo, VIEW), "sector")


# ---- the projector ---------------------------------------------------------------

# At 100 columns the projector's rows start at column 1: a label of 34
# cells, the target, one bar of 43 cells by the meeting's basis, its share.
DISPLAY_ROW = re.compile(r"^ (?P<label>.+?) +(?P<target>\d+%) (?P<bar>.{43}) +(?P<share>\d+%)"
                         r"(?P<flag> not heard)?\s*$")


def test_the_projector_shows_the_balance_on_e(screen, demo):
    t = screen.start(tui_env(demo, ROSTRUM_NOW=str(VIEW)), ["--db", demo.db, "display"], 100, 40)
    screen.wait_for(t, "Next:")
    screen.keys(t, "e")
    s = screen.wait_for(t, "The floor's balance on this item, by interventions: the target marked │")
    js = stats(demo, VIEW)
    rows, dim = {}, None
    for line in s.split("\n"):
        h = HEADING.match(line.strip())
        if h:
            dim = h.group(1).lower()
            continue
        m = DISPLAY_ROW.match(line)
        if m and dim:
            rows[(dim, m.group("label"))] = m
    assert {d for d, _ in rows} == {"sector", "region", "gender"}
    assert len(rows) == 15 + 5 + 4  # the stakeholder sectors (member_state, un_system apart)
    for (dim, label), m in rows.items():
        groups = js[f"by_{dim}"]
        full = full_bar([v for g in groups for v in (g["target"], g["share_interventions"],
                                                      g["share_time"])])
        g = group_of(groups, label)
        assert m.group("target") == pc(g["target"]) and m.group("share") == pc(
            g["share_interventions"]), label
        assert m.group("bar") == bar_of(g["share_interventions"] / full, g["target"] / full,
                                        width=43), label
        assert bool(m.group("flag")) == (not g["heard"] and g["target"] > 0), label
    # Another terminal's call shows there too; e brings the speaker back.
    demo.ok("queue", "next", ITEM, now=VIEW)
    trade = pc(group_of(stats(demo, VIEW)["by_sector"], "Trade unions")["target"])
    s = screen.wait(t, lambda x: re.search(rf"^ Trade unions +{trade} .{{43}} +14%\s*$", x, re.M),
                    what="trade unions heard")
    screen.keys(t, "e")
    screen.wait_for(t, "G r a c i e l a   N ú ñ e z")


def test_a_small_projector_says_what_did_not_fit(screen, demo):
    t = screen.start(tui_env(demo, ROSTRUM_NOW=str(VIEW)), ["--db", demo.db, "display"], 80, 24)
    screen.wait_for(t, "Next:")
    screen.keys(t, "e")
    s = screen.wait_for(t, "(a larger screen shows more)")
    # Six sectors heard, of the 15 the stakeholders come from (member_state
    # and un_system, never heard here, are counted apart).
    assert "Sector  9 of 15 not heard" in s and "Trade unions" in s


def test_beside_the_queue_the_column_heads_stay_apart(screen, demo):
    t = open_demo(screen, demo, VIEW, cols=120, rows=40)
    screen.keys(t, "6")
    s = screen.wait_for(t, "a full bar is")
    head = next(line for line in s.splitlines() if "target" in line)
    left = head[:60]
    # Each head in its own column: the words no longer run together.
    assert re.search(r"target +count +time", left), head
    assert "interventionspeaking" not in head
