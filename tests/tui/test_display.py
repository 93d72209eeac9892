"""`rostrum display`, the projector's read-only view, beside the moderator's
TUI and changed from the CLI as from a third terminal."""
import os
import re
import signal

import pytest

from conftest import tui_env
from test_queue_pane import HOSTILE, ITEM, PEOPLE, big_clock, meeting, open_queue


@pytest.fixture
def m(tmp_path):
    r = meeting(tmp_path)
    for i in range(1, len(PEOPLE) + 1):
        r.ok("queue", "add", ITEM, str(i))
    return r


def start_display(screen, r, cols=80, rows=24):
    t = screen.start(tui_env(r), ["--db", r.db, "display"], cols, rows)
    screen.wait_for(t, "Hearing")
    return t


def speaking(screen, d, text, timeout=1.5):
    """Waits until text shows above "Next:", where the speaker is."""
    return screen.wait(d, lambda s: text in s.split("Next:")[0], timeout, f"{text} speaking")


def next_names(s):
    """The names under "Next:", in order."""
    after = s.split("Next:", 1)[1]
    return re.findall(r"\d\. (.+?) —", after)


def test_display_follows_the_queue_from_other_terminals(screen, m):
    tui = open_queue(screen, m)
    m.ok("agenda", "open", ITEM)  # the moderator opens the item
    d = start_display(screen, m)
    s = screen.wait_for(d, "The floor is open")
    assert "thematic-1  Thematic discussion I" in s
    assert next_names(s) == ["Ana Ruiz", "Ben Okoro", "Carla Mendes"]  # three, not five
    assert big_clock(s) == ""

    m.ok("queue", "start", ITEM)
    s = speaking(screen, d, "Migrant Voices")
    assert "Ana Ruiz" in s.split("Next:")[0] and "Migrants and migrant associations" in s
    assert re.fullmatch(r"(3:00|2:5\d)", big_clock(s)), big_clock(s)
    assert next_names(s) == ["Ben Okoro", "Carla Mendes", "Dana Lee"]
    # The clock runs: a second later it reads less.
    first = big_clock(s)
    screen.wait(d, lambda s: big_clock(s) not in ("", first), timeout=3, what="the clock tick")

    m.ok("queue", "pause", ITEM)
    screen.wait_for(d, "PAUSED", timeout=1.5)
    m.ok("queue", "resume", ITEM)
    screen.wait_gone(d, "PAUSED", timeout=1.5)

    m.ok("queue", "next", ITEM)
    s = speaking(screen, d, "Univ. Lagos")
    assert next_names(s) == ["Carla Mendes", "Dana Lee", "Eve Adams"]
    assert "Migrant Voices" not in s
    # The moderator's screen moved on too.
    screen.wait(tui, lambda s: "Ben Okoro" in s.split("\n")[2], timeout=1.5, what="Ben in the TUI")

    screen.keys(d, "q")
    assert screen.dead_status(d) == 0


def test_the_projector_says_a_break_or_no_item_live(screen, m):
    """In lunch the projector said 'The floor is open' over 'Next: nobody
    waiting'; before any item, 'No item open'.  It says the break, until
    when and what follows; before any item, which is next and when."""
    m.ok("agenda", "set", ITEM, "--start", "10:30", "--end", "12:00")
    m.new_id("agenda", "add", "--title", "Lunch", "--code", "lunch", "--kind", "break",
             "--start", "12:00", "--end", "14:00")
    m.new_id("agenda", "add", "--title", "Thematic discussion II", "--code", "thematic-2")
    d = start_display(screen, m)
    screen.wait_for(d, "No item is live yet; next: thematic-1 Thematic discussion I, at 10:30")
    m.ok("agenda", "open", "lunch")
    s = screen.wait_for(d, "A break until 14:00: nobody takes the floor; next: thematic-2"
                        " Thematic discus…")  # cut to the screen, and says so
    assert "The floor is open" not in s and "Next:" not in s and "nobody waiting" not in s
    m.ok("agenda", "open", "thematic-2")
    s = screen.wait_for(d, "The floor is open")
    assert "Next:" in s


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_display_exits_cleanly_on_signals(screen, m, sig):
    d = start_display(screen, m)
    screen.wait_for(d, "No item is live yet")
    os.kill(screen.pid(d), sig)
    assert screen.dead_status(d) == 0


def test_display_needs_a_terminal(m):
    p = m.run("display")
    assert p.returncode == 1 and "needs a terminal" in p.stderr


def test_display_small_screen_keeps_the_clock_readable(screen, m):
    open_queue(screen, m)
    m.ok("queue", "start", ITEM)
    d = start_display(screen, m, 60, 12)
    s = screen.wait_for(d, "Ana Ruiz")
    assert re.search(r"\b(3:00|2:5\d)\b", s) and "█" not in s
    screen.resize(d, 100, 30)
    screen.wait(d, lambda s: big_clock(s), what="the big clock after a resize")


def test_next_lines_too_long_give_up_the_sector_then_the_organization(screen, tmp_path):
    long_org = "Coordinadora Latinoamericana de Organizaciones de Migrantes y Refugiados"
    r = meeting(tmp_path, [("Dana Lee", "youth", "Youth Net"),
                           ("Ben Okoro", "local_authority", "City of Lagos"),
                           ("Carla Mendes", "civil_society", long_org)])
    for i in (1, 2, 3):
        r.ok("queue", "add", ITEM, str(i))
    r.ok("agenda", "open", ITEM)
    d = start_display(screen, r, 60, 24)
    s = screen.wait_for(d, "Next:")
    lines = [line for line in s.splitlines() if re.search(r"\d\. ", line)]
    assert [line.strip() for line in lines] == [
        "1. Dana Lee — Youth Net, Children and youth organizations",
        "2. Ben Okoro — City of Lagos",
        "3. Carla Mendes"]
    # Each centred: as many blanks before it as after, give or take one.
    for line in lines:
        before, after = len(line) - len(line.lstrip()), 60 - len(line.rstrip())
        assert abs(before - after) <= 1, line


def test_a_long_title_gives_way_to_the_time_left(screen, m):
    """At 80 columns the projector's item line kept the title and cut the
    time left in the item, which is what the room looks for."""
    title = ("Thematic discussion II: Commitments to advance the implementation of the"
             " Global Compact")
    m.ok("agenda", "set", ITEM, "--title", title)
    m.ok("agenda", "open", ITEM, now="2022-05-16T14:35:00Z")  # 10:35 in the meeting's UTC
    t = screen.start(tui_env(m, ROSTRUM_NOW="2022-05-16T11:00:00Z"),
                     ["--db", m.db, "display"], 80, 24)
    s = screen.wait_for(t, "left in the item")
    line = s.splitlines()[1].strip()
    assert re.fullmatch(r"thematic-1  Thematic discussion II: Commitments[^·]*…  ·  2:00:00 left"
                        r" in the item", line), line


def test_display_shows_control_bytes_inert(screen, tmp_path):
    r = meeting(tmp_path, people=[("Evil", "other", "Org"), ("Ana Ruiz", "migrant", "")])
    # Refused at input now; a database from before may hold them.
    r.plant("stakeholder", 1, "name", HOSTILE)
    r.plant("stakeholder", 1, "organization", "Org\r\nInjected")
    r.ok("queue", "add", ITEM, "2")
    r.ok("queue", "add", ITEM, "1")
    open_queue(screen, r)
    r.ok("agenda", "open", ITEM)
    d = start_display(screen, r)
    s = screen.wait_for(d, "Evil")
    assert "Evil\ufffd[2J\ufffd[H\ufffdName\ufffd]0;pwned" in s
    r.ok("queue", "start", ITEM)
    r.ok("queue", "next", ITEM)
    s = speaking(screen, d, "Org\u23ceInjected")
    assert s.split("\n")[0].strip() == "Hearing"  # nothing cleared or moved the screen
    assert big_clock(s)


def test_display_shows_a_speaker_started_from_the_command_line(screen, m):
    """No TUI at all: a venue script starts the item's first speech, and the
    projector follows within a second (the item opens with the speech)."""
    import time
    d = start_display(screen, m)
    screen.wait_for(d, "No item is live yet")
    start = time.time()
    m.ok("queue", "start", ITEM)
    s = speaking(screen, d, "Migrant Voices", timeout=3)
    assert time.time() - start < 1.5
    assert "thematic-1  Thematic discussion I" in s and "Ana Ruiz" in s.split("Next:")[0]
    assert re.fullmatch(r"(3:00|2:5\d)", big_clock(s)), big_clock(s)


def clock_rows(s):
    """How many rows the big digits take on a screen."""
    return sum(1 for line in s.split("\n") if "█" in line)


def test_the_clock_scales_with_the_screen(screen, m):
    m.ok("agenda", "set", ITEM, "--start", "14:00", "--end", "17:00")
    m.ok("queue", "start", ITEM, now=1652711400)  # 14:30 in the meeting's UTC
    env = tui_env(m, ROSTRUM_NOW=str(1652711400 + 20))
    small = screen.start(env, ["--db", m.db, "display"], 80, 24)
    big = screen.start(env, ["--db", m.db, "display"], 200, 50)
    s_small = screen.wait(small, lambda s: big_clock(s) == "2:40", what="the clock at 80x24")
    # tmux opens a window and then sizes it: the display may draw once at
    # the first size before it sees the new one (within its idle turn).
    s_big = screen.wait(big, lambda s: big_clock(s) == "2:40" and
                        clock_rows(s) >= 3 * clock_rows(s_small),
                        what="the clock at 200x50, three times as tall")
    assert clock_rows(s_big) >= 3 * clock_rows(s_small), (clock_rows(s_big), clock_rows(s_small))
    widest = [max(len(line.rstrip()) - len(line) + len(line.lstrip()) for line in
                  s.split("\n") if "█" in line) for s in (s_small, s_big)]
    assert widest[1] >= 3 * widest[0], widest
    # The name grows too, as far as text can in a terminal: spaced out.
    assert "Ana Ruiz" in s_small.split("Next:")[0]
    assert "A n a   R u i z" in s_big.split("Next:")[0]
    for s in (s_small, s_big):
        # The item with the time left in it, and who is next.
        assert "thematic-1  Thematic discussion I  ·  2:29:40 left in the item" in s
        assert next_names(s) == ["Ben Okoro", "Carla Mendes", "Dana Lee"]
