"""The frame every pane lives in: tabs, layout, resizing, help, signals,
other terminals' changes, colour, and what a clock tick costs."""
import os
import re
import signal
import sqlite3
import time

import pytest

from conftest import ROOT, display_width, open_tui, quit_tui


def test_agenda_pane_shows_the_programme_and_opens_an_item(screen, hearing):
    t = open_tui(screen, hearing)
    screen.keys(t, "1")
    s = screen.wait_for(t, "forecast end")
    assert "Thematic discussion I" in s and "10:30-13:00" in s
    screen.keys(t, "Down", "o")  # thematic-1, after the opening, live for everyone
    screen.wait_for(t, "live now: thematic-1 Thematic discussion I")
    con = sqlite3.connect(hearing.db)
    code = con.execute("SELECT a.code FROM meeting m JOIN agenda_item a"
                       " ON a.id = m.current_item_id").fetchone()[0]
    assert code == "thematic-1"
    # Once the message has been read (any key), the status line names the item.
    screen.keys(t, "Down")
    screen.wait(t, lambda s: s.rstrip().splitlines()[-1].find("thematic-1") > 0, what="item")


def test_agenda_pane_gives_a_reopened_items_sittings_as_the_report_does(screen, hearing):
    """Thematic discussion I, opened and closed, then reopened and closed
    (another terminal's doing): its actual column gives its two sittings,
    as the report does, not the span from its first start to its last end;
    a third sitting does not fit at 80 columns and the column says it is
    cut."""
    t = open_tui(screen, hearing)
    screen.keys(t, "1")
    screen.wait_for(t, "forecast end")
    # The programme's times are New York's (UTC-4 in May).
    hearing.ok("agenda", "open", "thematic-1", now="2022-05-16T14:30:00Z")
    hearing.ok("agenda", "close", "thematic-1", now="2022-05-16T15:00:00Z")
    screen.wait_for(t, "10:30-13:00 10:30-11:00 ")
    hearing.ok("agenda", "open", "thematic-1", now="2022-05-16T16:10:00Z")
    screen.wait_for(t, "10:30-13:00 10:30-11:00, 12:10- ")
    hearing.ok("agenda", "close", "thematic-1", now="2022-05-16T16:20:00Z")
    s = screen.wait_for(t, "10:30-13:00 10:30-11:00, 12:10-12:20 ")
    assert "10:30-12:20" not in s, s
    assert "(actual 10:30–11:00, 12:10–12:20)" in hearing.ok("export", "summary")
    hearing.ok("agenda", "open", "thematic-1", now="2022-05-16T16:30:00Z")
    hearing.ok("agenda", "close", "thematic-1", now="2022-05-16T16:40:00Z")
    s = screen.wait_for(t, "10:30-13:00 10:30-11:00, 12:10-12:20, \u2026")
    row = next(line for line in s.splitlines() if "thematic-1" in line)
    assert "12:30" not in row and "thematic-1  Themat" in row, s
    assert display_width(row.rstrip()) <= 80, row


def test_number_keys_and_tab_switch_panes(screen, hearing):
    t = open_tui(screen, hearing)
    screen.keys(t, "1")
    screen.wait_for(t, "forecast end")
    screen.keys(t, "Tab")
    screen.wait_gone(t, "forecast end")
    screen.keys(t, "BTab")
    screen.wait_for(t, "forecast end")


def test_help_comes_from_the_action_table(screen, hearing):
    t = open_tui(screen, hearing)
    screen.keys(t, "?")
    s = screen.wait_for(t, "Keys (rebind")
    assert "next-pane" in s and "more below" in s
    # Every key bound to an action, not the first alone.
    assert re.search(r"Up k +up ", s) and re.search(r"Down j +down ", s), s
    screen.keys(t, "PgDn")
    s = screen.wait_for(t, "end the speech, call the next speaker")
    assert "next-speaker" in s
    # And the keys that no action binds: quitting, the editor's save.
    for _ in range(4):
        screen.keys(t, "PgDn")
    s = screen.wait_for(t, "Keys that are not bound:")
    assert "Ctrl-C   quit" in s and "Ctrl-D   in the notes editor, save (also F2)" in s
    screen.keys(t, "Escape")
    screen.wait_gone(t, "Keys (rebind")


def test_help_at_80_columns_shows_every_action_whole(screen, hearing):
    """An action's words longer than the help box's column go on under it,
    rather than being cut at the box's edge with an ellipsis."""
    actions = re.findall(r'ACTION\(\w+, "([^"]+)", "([^"]*)", "([^"]*)"\)',
                         (ROOT / "include" / "rostrum" / "actions.def").read_text())
    t = open_tui(screen, hearing, 80, 100)  # the width wraps; the height shows it all
    screen.keys(t, "?")
    s = screen.wait_for(t, "Keys that are not bound:")
    inside = [line[4:line.rindex("│")].rstrip() for line in s.splitlines()
              if line.startswith("  │ ")]
    bound = inside[:inside.index("Keys that are not bound:")]
    assert not [line for line in inside if line.endswith("…")], inside
    # Each action's line, and the lines under its words' column after it.
    text, name = {}, None
    for line in bound:
        m = re.match(r"  \S.{7} (\S+) +(.*)", line)
        if m and m.group(1) in dict((a[0], 0) for a in actions):
            name, column = m.group(1), line.index(m.group(2), 12)
            text[name] = m.group(2)
        elif name and line[:column].strip() == "" and line.strip():
            text[name] += " " + line.strip()
    long_ones = [a for a in actions if len(a[2]) > 42]
    assert long_ones  # wider than the column at 80 columns
    for name, _, help_text in actions:
        assert text.get(name) == help_text, name


def test_config_rebinds_keys_by_action_name(screen, hearing, tmp_path):
    conf = tmp_path / "keys.conf"
    conf.write_text('bind {\n\tpane-agenda = "F5"\n}\n')
    t = screen.start(dict(hearing.env, LANG="C.UTF-8"),
                     ["--db", hearing.db, "--config", conf], 80, 24)
    screen.wait_for(t, "1 Agenda")
    screen.keys(t, "1")  # no longer bound
    time.sleep(0.3)
    assert "forecast end" not in screen.capture(t)
    screen.keys(t, "F5")
    screen.wait_for(t, "forecast end")


def test_resizing_never_crashes_and_redraws(screen, hearing):
    t = open_tui(screen, hearing, 200, 60)
    screen.keys(t, "1")
    screen.wait_for(t, "forecast end")
    for cols, rows in [(80, 24), (40, 12), (200, 60), (80, 24), (40, 12), (80, 24)]:
        screen.resize(t, cols, rows)
        if cols < 60:
            screen.wait_for(t, "terminal too small")
        else:
            s = screen.wait_for(t, "forecast end")
            assert "terminal too small" not in s
            lines = s.rstrip("\n").split("\n")
            assert lines[0].lstrip().startswith("1 Agenda")
    assert int(screen.tmux("display-message", "-p", "-t", t, "#{pane_dead}").strip()) == 0


def test_wide_terminal_shows_two_panes(screen, hearing):
    t = open_tui(screen, hearing, 160, 40)
    screen.keys(t, "1")
    s = screen.wait_for(t, "forecast end")
    # The queue sits beside the agenda.
    assert "No item open" in s or "Queue" in s.split("\n")[1]


def test_change_from_another_terminal_appears_within_a_second(screen, hearing):
    t = open_tui(screen, hearing)
    screen.keys(t, "1")
    screen.wait_for(t, "forecast end")
    hearing.ok("agenda", "add", "--title", "Late addition", "--code", "late")
    start = time.time()
    screen.wait_for(t, "Late addition", timeout=3)
    assert time.time() - start < 1.5


def test_quit_restores_the_terminal(screen, hearing):
    t = open_tui(screen, hearing)
    quit_tui(screen, t)
    assert screen.dead_status(t) == 0


def test_sighup_loses_no_committed_change(screen, hearing):
    t = open_tui(screen, hearing)
    screen.keys(t, "1")
    screen.wait_for(t, "forecast end")
    screen.keys(t, "Down", "o")
    screen.wait_for(t, "live now: thematic-1")
    os.kill(screen.pid(t), signal.SIGHUP)
    screen.dead_status(t)
    con = sqlite3.connect(hearing.db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT current_item_id IS NOT NULL FROM meeting").fetchone()[0] == 1
    assert con.execute("SELECT count(*) FROM event WHERE open = 1").fetchone()[0] == 0


def test_terminal_types_and_no_color(screen, hearing):
    for term in ("xterm-256color", "screen-256color", "vt100"):
        t = screen.start(dict(hearing.env, LANG="C.UTF-8"), ["--db", hearing.db], 80, 24,
                         term=term)
        screen.keys(t, "1")
        screen.wait_for(t, "forecast end")
        quit_tui(screen, t)
    t = screen.start(dict(hearing.env, LANG="C.UTF-8", NO_COLOR="1"), ["--db", hearing.db],
                     80, 24)
    screen.keys(t, "1")
    screen.wait_for(t, "forecast end")
    styled = screen.tmux("capture-pane", "-e", "-p", "-t", t)
    assert not re.search(r"\x1b\[[0-9;]*(3[0-7]|4[0-7]|38;5|48;5)[;m]", styled), styled
    assert "\x1b[7m" in styled or "\x1b[1m" in styled  # reverse/bold instead


def bytes_sent(screen, t, out, seconds):
    """What the terminal was sent in `seconds`, untouched."""
    screen.tmux("pipe-pane", "-o", "-t", t, f"cat >> {out}")
    time.sleep(seconds)
    screen.tmux("pipe-pane", "-t", t)
    return out.stat().st_size if out.exists() else 0


def test_a_clock_tick_sends_a_few_bytes(screen, hearing, tmp_path):
    t = open_tui(screen, hearing)
    screen.keys(t, "1")
    screen.wait_for(t, "forecast end")
    time.sleep(0.5)
    # Nobody speaking: the clock shows minutes, so a tick sends nothing but
    # when the minute turns.
    idle = bytes_sent(screen, t, tmp_path / "idle", 3.2)
    assert idle < 60, idle
    hearing.new_id("queue", "add", "thematic-1", "1")
    hearing.ok("queue", "start", "thematic-1")
    screen.wait(t, lambda s: " left" in s.rstrip().splitlines()[-1], what="the speaker's time")
    time.sleep(0.5)
    # Someone speaking: three or four ticks of their time left; a full
    # repaint of 80x24 would be over a kilobyte each.
    sent = bytes_sent(screen, t, tmp_path / "speaking", 3.2)
    assert 0 < sent < 400, sent


def test_a_key_of_another_terminal_type_never_acts(screen, hearing):
    """Under xterm's TERM inside tmux, tmux sends End as ESC [ 4 ~ and Home
    as ESC [ 1 ~, which xterm's description does not name: they are End and
    Home (test_paging_keys_work_whatever_the_terminal_sends), never a "4"
    that opens the Nominations pane."""
    t = screen.start(dict(hearing.env, LANG="C.UTF-8"), ["--db", hearing.db], 80, 24,
                     term="xterm-256color")
    screen.wait_for(t, "1 Agenda")
    screen.keys(t, "1")
    screen.wait_for(t, "forecast end")
    for key in ("End", "Home"):
        screen.keys(t, key)
        time.sleep(0.6)
        s = screen.capture(t)
        assert "forecast end" in s and "nominees," not in s, (key, s)
    screen.keys(t, "3")  # and the keys after it still act
    screen.wait_for(t, "Queue  ")


ESC = "1b"
HOME = {"CSI 1~": [ESC, "5b", "31", "7e"], "CSI H": [ESC, "5b", "48"], "SS3 H": [ESC, "4f", "48"]}
END = {"CSI 4~": [ESC, "5b", "34", "7e"], "CSI F": [ESC, "5b", "46"], "SS3 F": [ESC, "4f", "46"]}
PG_UP, PG_DN, BTAB = [ESC, "5b", "35", "7e"], [ESC, "5b", "36", "7e"], [ESC, "5b", "5a"]


@pytest.mark.parametrize("term", ["vt100", "xterm-256color", "screen-256color"])
def test_paging_keys_work_whatever_the_terminal_sends(screen, hearing, term):
    """PgUp, PgDn, Home, End and Shift-Tab, in every form the supported
    terminals send them (vt100's description names none of them; tmux and
    PuTTY send Home and End as CSI 1~ and 4~ under xterm's), sent as raw
    bytes: each moves the Roster's selection, or goes back a pane."""
    t = screen.start(dict(hearing.env, LANG="C.UTF-8"), ["--db", hearing.db], 80, 24, term=term)
    screen.wait_for(t, "1 Agenda")
    screen.keys(t, "2")
    n = re.search(r"Roster +1 of (\d+)", screen.wait_for(t, "Roster  ")).group(1)

    def raw(seq, shows, what):
        screen.tmux("send-keys", "-t", t, "-H", *seq)
        screen.wait(t, lambda s: re.search(shows, s), what=what)

    for name, seq in END.items():
        screen.keys(t, "g")
        screen.wait_for(t, f"Roster    1 of {n}")
        raw(seq, rf"Roster +{n} of {n}", f"End as {name}")
    for name, seq in HOME.items():
        raw(seq, rf"Roster +1 of {n}\n", f"Home as {name}")
        screen.keys(t, "G")
        screen.wait_for(t, f"Roster    {n} of {n}")
    raw(HOME["CSI 1~"], rf"Roster +1 of {n}\n", "Home")
    raw(PG_DN, rf"Roster +(?!1 )\d+ of {n}\n", "PgDn a page down")
    raw(PG_UP, rf"Roster +1 of {n}\n", "PgUp back to the first")
    raw(BTAB, "forecast end", "Shift-Tab back to the Agenda")


def test_a_key_for_another_pane_says_where_it_acts(screen, hearing):
    t = open_tui(screen, hearing)
    screen.keys(t, "3")
    screen.wait_for(t, "Queue  ")
    screen.keys(t, "i")
    screen.wait_for(t, "i: on the Roster pane (check the selected person in")


def test_a_note_takers_config_leaves_the_moderators_keys_unbound(screen, hearing, tmp_path):
    hearing.ok("queue", "start", "opening")
    speaking = lambda: [e["id"] for e in hearing.json("queue", "list", "opening", "--json")
                        if e["state"] == "speaking"]
    before = speaking()
    conf = tmp_path / "notes.conf"
    conf.write_text('bind {\n\tend-speech = ""\n\tnext-speaker = ""\n}\n')
    t = screen.start(dict(hearing.env, LANG="C.UTF-8"),
                     ["--db", hearing.db, "--config", conf], 80, 24)
    screen.wait_for(t, "1 Agenda")
    screen.keys(t, "5", "E", "n")
    # Bound to nothing, in the Notes pane they are typing, kept.
    screen.wait_for(t, "Typed, not saved: En_")
    assert speaking() == before and len(before) == 1
    screen.keys(t, "BSpace", "BSpace")
    screen.wait_gone(t, "Typed, not saved")
    screen.keys(t, "?")
    s = screen.wait_for(t, "Keys (rebind")
    screen.keys(t, "PgDn")
    s = screen.wait_for(t, "end-speech")
    assert re.search(r"  - +end-speech ", s) and re.search(r"  - +next-speaker ", s), s


def test_a_locale_not_utf8_is_said_at_the_start(screen, hearing):
    """Under LANG=C every accented or non-Latin name shows as '?', and
    nothing said why (the desk's run)."""
    t = open_tui(screen, hearing, 80, 24, LANG="C", LC_ALL="C")
    s = " ".join(screen.wait_for(t, "UTF-8").split())
    assert "the locale is not UTF-8" in s and "LANG=C.UTF-8" in s, s
    u = open_tui(screen, hearing, 80, 24)
    assert "not UTF-8" not in screen.capture(u)
