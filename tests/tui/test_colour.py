"""Colour and its monochrome fallback, read as attributes (`capture-pane -e`):
the selected row, and the speaker's countdown in normal time, in the last
30 seconds and over time, must each look different from plain text."""
import pytest

from conftest import (Rostrum, capture_styled, quit_tui, style_of, styled_rows, tui_env,
                      wait_styled)

T0 = 1652711400  # 2022-05-16T14:30:00Z
FLOOR = 180      # the floor's default speaking time


@pytest.fixture
def speaking(tmp_path):
    """A meeting whose one item is open with a speaker from the floor who
    started at T0, and a second speaker waiting."""
    r = Rostrum(tmp_path)
    r.ok("init", "--title", "Hearing", "--date", "2022-05-16")
    r.new_id("agenda", "add", "--title", "Thematic discussion I", "--code", "thematic-1")
    r.new_id("agenda", "add", "--title", "Thematic discussion II", "--code", "thematic-2")
    r.new_id("agenda", "add", "--title", "Closing remarks", "--code", "closing")
    for name in ("Ana Ruiz", "Ben Okoro"):
        who = r.new_id("stakeholder", "add", "--name", name, "--sector", "academia")
        r.new_id("queue", "add", "thematic-1", str(who), now=T0 - 60)
    r.ok("queue", "start", "thematic-1", now=T0)
    return r


MODES = [("tmux-256color", {}), ("xterm-256color", {}), ("tmux-256color", {"NO_COLOR": "1"})]


def plain(style):
    return not (style.reverse or style.bg is not None or style.bold or style.underline)


def open_at(screen, r, term, env, now):
    t = screen.start(tui_env(r, ROSTRUM_NOW=str(now), **env), ["--db", r.db], 80, 24, term=term)
    screen.wait_for(t, "1 Agenda")
    return t


@pytest.mark.parametrize("term,env", MODES, ids=["tmux-256", "xterm-256", "no-color"])
def test_the_selected_row_stands_out(screen, speaking, term, env):
    t = open_at(screen, speaking, term, env, T0 + 5)
    screen.keys(t, "1")
    screen.wait_for(t, "forecast end")
    screen.keys(t, "j")
    styled = wait_styled(screen, t, lambda st: style_of(st, "thematic-2") != style_of(st, "closing"),
                         what="thematic-2 selected")
    selected = style_of(styled, "thematic-2")
    other = style_of(styled, "closing")
    assert selected != other and plain(other)
    if env:
        assert selected.reverse and selected.fg is None and selected.bg is None
    else:
        assert selected.bg is not None and not selected.reverse
    # The row is marked from its first cell, blanks included (a blank cell
    # shows only its background, or reverse video).
    row = next(r for r in styled_rows(styled) if "thematic-2" in "".join(c for c, _ in r))
    line = "".join(c for c, _ in row)
    between = line.index("  Thematic discussion II")
    for ch, st in (row[0], row[between]):
        assert ch == " " and (st.bg, st.reverse) == (selected.bg, selected.reverse)


@pytest.mark.parametrize("term,env", MODES, ids=["tmux-256", "xterm-256", "no-color"])
def test_countdown_states_have_their_own_attributes(screen, speaking, term, env):
    styles = {}
    for state, now, text in [("normal", T0 + 30, "2:30 left"), ("warning", T0 + FLOOR - 10, "0:10 left"),
                             ("overtime", T0 + FLOOR + 20, "-0:20 over time")]:
        t = open_at(screen, speaking, term, env, now)
        screen.keys(t, "3")
        screen.wait_for(t, text)
        styled = capture_styled(screen, t)
        styles[state] = style_of(styled, text)
        # The big digits are drawn as strokes, never reversed (reversed full
        # blocks would swap strokes and gaps); without colour, over time, in
        # negative (test_without_colour_the_clock_s_states_look_apart).
        strokes = [st for row in styled_rows(styled) for ch, st in row if ch == "█"]
        if env and state == "overtime":
            assert not strokes
        else:
            assert strokes and not any(st.reverse for st in strokes)
            assert all(st == strokes[0] for st in strokes)
        quit_tui(screen, t)
    assert len({repr(sorted(s.items())) for s in styles.values()}) == 3, styles
    assert not plain(styles["warning"]) and not plain(styles["overtime"])
    if env:
        assert all(s.fg is None and s.bg is None for s in styles.values())
        assert styles["overtime"].reverse
    else:
        assert styles["warning"].bg is not None and styles["overtime"].bg is not None
        assert styles["warning"].bg != styles["overtime"].bg


MONO = [("vt100", {}), ("tmux-256color", {"NO_COLOR": "1"})]


def seen(ch, st):
    """What a cell shows: its character, reversed, underlined, bold (bold on
    a blank shows nothing)."""
    return (ch, bool(st.reverse), bool(st.underline), bool(st.bold) and ch != " ")


def clock_cells(styled, view):
    """The cells of the big digits: in the Queue pane the clock's block
    (rows 2-6, 26 columns), on the display the rows of digits between the
    speaker's language and "Next:"."""
    rows = styled_rows(styled)
    if view == "queue":
        return [c for r in rows[2:7] for c in r[:26]]
    text = ["".join(ch for ch, _ in r) for r in rows]
    top = next(i for i, line in enumerate(text) if "language not given" in line)
    end = next(i for i, line in enumerate(text) if "Next:" in line)
    return [c for r, line in zip(rows[top + 1:end], text[top + 1:end])
            if not any(ch.isalpha() for ch in line) for c in r]


@pytest.mark.parametrize("view", ["queue", "display"])
@pytest.mark.parametrize("term,env", MONO, ids=["vt100", "no-color"])
def test_without_colour_the_clock_s_states_look_apart(screen, speaking, term, env, view):
    """Bold, underline and reverse are all vt100 has: in time, in the last
    seconds, over time and paused (here in the last seconds) each shows its
    own, in the words beside the clock and, over time, in the digits."""
    states = [("normal", T0 + 30, "2:30 left", None), ("warning", T0 + FLOOR - 10, "0:10 left", None),
              ("overtime", T0 + FLOOR + 20, "-0:20 over time", "over time"),
              ("paused", T0 + FLOOR + 20, "PAUSED  0:10 left", "PAUSED")]
    words, digits = {}, {}
    for state, now, label, word in states:
        if state == "paused":
            speaking.ok("queue", "pause", "thematic-1", now=T0 + FLOOR - 10)
        args = ["--db", speaking.db] + (["display"] if view == "display" else [])
        t = screen.start(tui_env(speaking, ROSTRUM_NOW=str(now), **env), args, 80, 24, term=term)
        if view == "queue":
            screen.wait_for(t, "1 Agenda")
            screen.keys(t, "3")
        screen.wait_for(t, label if view == "queue" else "Next:")
        styled = capture_styled(screen, t)
        cells = clock_cells(styled, view)
        digits[state] = frozenset(seen(ch, st) for ch, st in cells)
        if view == "queue" or word:
            text = label if view == "queue" else word
            words[state] = seen("x", style_of(styled, text))
        else:  # the display says nothing in time and in the warning: the digits speak
            words[state] = next(seen("x", st) for ch, st in cells if ch == "█")
        if view == "queue":
            quit_tui(screen, t)
        else:
            screen.keys(t, "q")
    assert len(set(words.values())) == 4, words
    assert digits["overtime"] != digits["normal"] and digits["warning"] != digits["normal"]
    # Over time the digits are dark on a lit slab: reversed cells around
    # strokes that are not, and no reversed block (it would swap them).
    negative = digits["overtime"]
    assert (" ", True, False, False) in negative and (" ", False, False, False) in negative
    assert not any(ch == "█" for ch, *_ in negative)


def test_without_block_characters_the_digits_are_ascii_strokes(screen, speaking):
    t = screen.start(dict(tui_env(speaking, ROSTRUM_NOW=str(T0 + FLOOR + 20)), LANG="C",
                          LC_ALL="C"), ["--db", speaking.db], 80, 24)
    screen.wait_for(t, "1 Agenda")
    screen.keys(t, "3")
    s = screen.wait_for(t, "over time")
    assert "█" not in s
    rows = [line for line in s.split("\n") if "#" in line]
    assert len(rows) == 5 and "-0:20 over time" in rows[4], s
    assert "???" not in s  # nothing the locale cannot show
    styled = capture_styled(screen, t)
    strokes = [st for row in styled_rows(styled) for ch, st in row if ch == "#"]
    assert strokes and not any(st.reverse for st in strokes)


@pytest.mark.parametrize("term,env", MODES, ids=["tmux-256", "xterm-256", "no-color"])
def test_beside_the_focused_pane_the_other_selection_is_marked_apart(screen, speaking, term,
                                                                      env):
    """On a wide terminal two panes show at once; keys act on one: its tab
    and its selection look selected, the other's are marked apart."""
    t = screen.start(tui_env(speaking, ROSTRUM_NOW=str(T0 + 5), **env), ["--db", speaking.db],
                     120, 30, term=term)
    screen.wait_for(t, "1 Agenda")
    screen.keys(t, "2")
    screen.wait_for(t, "Roster    1 of 2")

    def first_cell(st, start):
        """The style of the roster's row (at the left edge) that starts so."""
        return next(r[0][1] for r in styled_rows(st) if "".join(c for c, _ in r).startswith(start))

    def looks(st):
        return {"roster": first_cell(st, "Ana Ruiz"), "queue": style_of(st, "1. Ben Okoro"),
                "roster tab": style_of(st, "2 Roster"), "queue tab": style_of(st, "3 Queue"),
                "agenda tab": style_of(st, "1 Agenda"), "row": first_cell(st, "Ben Okoro")}

    s = looks(wait_styled(screen, t, lambda st: looks(st)["roster"] != looks(st)["queue"],
                          what="the roster focused"))
    assert s["roster"] != s["queue"] and not plain(s["roster"]) and not plain(s["queue"])
    assert plain(s["row"]) and plain(s["agenda tab"])
    tabs = [s["roster tab"], s["queue tab"], s["agenda tab"]]
    assert all(a != b for i, a in enumerate(tabs) for b in tabs[i + 1:])
    assert s["roster"].reverse or s["roster"].bg is not None  # selected, as at 80 columns
    # The queue focused (the notes beside it now): it looks as the roster did.
    screen.keys(t, "3")
    st = wait_styled(screen, t, lambda st: style_of(st, "1. Ben Okoro") == s["roster"],
                     what="the queue focused")
    assert style_of(st, "3 Queue") == s["roster tab"]
    assert style_of(st, "5 Notes") == s["queue tab"]
