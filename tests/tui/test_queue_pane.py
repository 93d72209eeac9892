"""The queue pane in a real terminal: every key is checked on the screen and
then in the database, read back through the CLI (`queue list --json`)."""
import re
import time

import pytest

from conftest import Rostrum, capture_styled, open_tui, style_of, styled_rows, tui_env

ITEM = "thematic-1"
PEOPLE = [("Ana Ruiz", "migrant", "Migrant Voices"), ("Ben Okoro", "academia", "Univ. Lagos"),
          ("Carla Mendes", "civil_society", "Caritas"), ("Dana Lee", "youth", "Youth Net"),
          ("Eve Adams", "faith", "Faith Forum")]
HOSTILE = "Evil\033[2J\033[H\x07Name\x1b]0;pwned\x07\x9b31m"

# draw.c's 3x5 glyphs, row by row, for reading the big clock off the screen.
GLYPHS = {"#### ## ## ####": "0", "  #  #  #  #  #": "1", "###  #####  ###": "2",
          "###  ####  ####": "3", "# ## ####  #  #": "4", "####  ###  ####": "5",
          "####  #### ####": "6", "###  #  #  #  #": "7", "#### ##### ####": "8",
          "#### ####  ####": "9", "    #     #    ": ":", "      ###      ": "-"}


def big_clock(screen_text):
    """The text of the big digits on a screen ('' if none), at any scale:
    a glyph of scale s is 3s columns by 5s rows, s columns apart."""
    lines = screen_text.split("\n")
    top = next((i for i, line in enumerate(lines) if "█" in line), None)
    if top is None:
        return ""
    height = 0
    while top + height < len(lines) and "█" in lines[top + height]:
        height += 1
    for scale in range(max(height // 5, 1), 0, -1):
        rows = [line.ljust(400) for line in (lines[top:top + 5 * scale] + [""] * 5)][
            0:5 * scale:scale]
        first = min(row.index("█") for row in rows if "█" in row)
        for x0 in range(max(first - 2 * scale, 0), first + 1):
            text, x = "", x0
            while True:
                cell = "".join(row[x + c * scale] for row in rows for c in range(3))
                cell = cell.replace("█", "#")
                if not cell.strip():
                    break
                if cell not in GLYPHS:
                    text = None
                    break
                text, x = text + GLYPHS[cell], x + 4 * scale
            if text:
                return text
    return ""


def meeting(tmp_path, people=PEOPLE, config=None):
    r = Rostrum(tmp_path)
    r.ok("init", "--title", "Hearing", "--date", "2022-05-16", "--venue", "Room 4")
    r.new_id("agenda", "add", "--title", "Thematic discussion I", "--code", ITEM,
             "--start", "10:30", "--end", "13:00")
    for name, sector, org in people:
        r.new_id("stakeholder", "add", "--name", name, "--sector", sector, "--org", org)
    if config:
        path = tmp_path / "rostrum.conf"
        path.write_text(config)
        r.config = path
    return r


@pytest.fixture
def m(tmp_path):
    return meeting(tmp_path)


def open_queue(screen, r, cols=80, rows=24, **env):
    """The TUI on r's database, which opens on the Queue pane of the item:
    the current one, or with none open the next to run (n opens it)."""
    args = ["--db", r.db] + (["--config", r.config] if getattr(r, "config", None) else [])
    t = screen.start(tui_env(r, **env), args, cols, rows)
    screen.wait(t, lambda s: f"{ITEM} Thematic discussion I" in s and "Next: " in s,
                what="the queue pane")
    return t


def entries(r):
    return r.json("queue", "list", ITEM, "--json")


def waiting(r):
    w = sorted((e for e in entries(r) if e["state"] == "waiting"), key=lambda e: e["position"])
    return [e["name"] for e in w]


def state_of(r, name):
    return next(e["state"] for e in reversed(entries(r)) if e["name"] == name)


def speaker_line(s):
    """The row beside the big clock that names who has the floor."""
    return s.split("\n")[2]


def add_with_picker(screen, t, key, typed, name, kind=None):
    """a (then the kind: from the floor unless `kind` is typed to choose
    another) or p, and the person picked by typing."""
    screen.keys(t, key)
    screen.wait_for(t, "type to search the roster" if key == "a" else "Point of order: who?")
    screen.type(t, typed)
    # The roster is searched as you type: only the matching name is left.
    others = [f"{p[0]} —" for p in PEOPLE if p[0] != name]
    screen.wait(t, lambda s: f"{name} —" in s and not any(o in s for o in others),
                what=f"only {name} in the picker")
    screen.keys(t, "Enter")
    if key == "a":
        screen.wait_for(t, "As what?")
        if kind:
            screen.type(t, kind)
        screen.keys(t, "Enter")
    screen.wait_for(t, f"{name} on 'Thematic discussion I'")  # the status line


def test_add_start_pause_resume_next(screen, m):
    t = open_queue(screen, m)
    screen.wait_for(t, "nobody waits: a adds a speaker")
    for i, (name, typed) in enumerate([("Ana Ruiz", "ana"), ("Ben Okoro", "Oko"),
                                       ("Carla Mendes", "carla m")], 1):
        add_with_picker(screen, t, "a", typed, name)
        screen.wait_for(t, f"{i}. {name}")
        assert waiting(m) == [p[0] for p in PEOPLE[:i]]
    assert all(e["kind"] == "floor" for e in entries(m))

    screen.keys(t, "n")
    s = screen.wait(t, lambda s: "Ana Ruiz" in speaker_line(s), what="Ana speaking")
    assert "Migrant Voices" in s and "Migrants and migrant associations" in s
    assert "Intervention from the floor, 3:00 allotted" in s
    assert re.fullmatch(r"(3:00|2:5\d)", big_clock(s)), big_clock(s)
    assert "Next: Ben Okoro — first come" in s
    assert state_of(m, "Ana Ruiz") == "speaking" and waiting(m) == ["Ben Okoro", "Carla Mendes"]

    screen.keys(t, "Space")
    s = screen.wait_for(t, "PAUSED")
    assert state_of(m, "Ana Ruiz") == "paused"
    frozen = re.search(r"PAUSED  (\d:\d\d) left", s).group(1)
    time.sleep(1.1)  # a paused clock stands still
    assert f"PAUSED  {frozen} left" in screen.capture(t)
    screen.keys(t, "Space")
    screen.wait_gone(t, "PAUSED")
    assert state_of(m, "Ana Ruiz") == "speaking"

    screen.keys(t, "n")
    s = screen.wait(t, lambda s: "Ben Okoro" in speaker_line(s), what="Ben speaking")
    assert re.search(r"Ana Ruiz .*Migrant Voices .* 0:0\d", s), s
    assert "Next: Carla Mendes" in s and "Waiting (1)" in s
    assert state_of(m, "Ana Ruiz") == "spoken" and state_of(m, "Ben Okoro") == "speaking"

    # Esc cancels the prompt and changes nothing.
    screen.keys(t, "a")
    screen.wait_for(t, "type to search the roster")
    screen.keys(t, "Escape")
    screen.wait_gone(t, "type to search the roster")
    assert len(entries(m)) == 3


def queue_four(r):
    """Ana speaks; Ben, Carla and Dana wait, in that order."""
    for i in range(1, 5):
        r.ok("queue", "add", ITEM, str(i))
    r.ok("queue", "start", ITEM)


def test_a_window_grown_shows_the_places_above(screen, m):
    for i in range(30):
        who = m.new_id("stakeholder", "add", "--name", f"Person {i:02d}", "--sector", "youth")
        m.ok("queue", "add", ITEM, str(who))
    t = open_queue(screen, m)
    screen.wait_for(t, "1. Person 00")
    screen.keys(t, "G")  # the last place: the list scrolls down to it
    s = screen.wait_for(t, "30. Person 29")
    assert "1. Person 00" not in s
    screen.resize(t, 100, 50)  # room for all thirty now: none hidden above blank lines
    s = screen.wait_for(t, " 1. Person 00")
    assert "30. Person 29" in s
    styled = capture_styled(screen, t)  # still selected
    assert style_of(styled, "30. Person 29") != style_of(styled, "29. Person 28")


def test_a_window_made_larger_again_shows_the_list_from_its_top(screen, m):
    """Scrolled down to place 15 at the smallest size, the list stayed
    scrolled once the terminal was made larger again, places 1 to 9 (the
    next speaker first) hidden with rows to spare; now the window fits
    again, from the top, the selection still in view."""
    for i in range(30):
        who = m.new_id("stakeholder", "add", "--name", f"Person {i:02d}", "--sector", "youth")
        m.ok("queue", "add", ITEM, str(who))
    t = open_queue(screen, m, 100, 30)
    screen.wait_for(t, " 1. Person 00")
    screen.keys(t, *["j"] * 14)
    screen.wait(t, lambda s: style_of(capture_styled(screen, t), "15. Person 14")
                != style_of(capture_styled(screen, t), "14. Person 13"), what="place 15 selected")
    screen.resize(t, 60, 16)
    screen.wait(t, lambda s: "15. Person 14" in s and " 1. Person 00" not in s,
                what="the small window scrolled to place 15")
    screen.resize(t, 100, 30)
    s = screen.wait_for(t, " 1. Person 00")
    assert "15. Person 14" in s and "20. Person 19" in s
    styled = capture_styled(screen, t)
    assert style_of(styled, "15. Person 14") != style_of(styled, "14. Person 13")


def test_move_keeps_the_selection_on_the_entry(screen, m):
    queue_four(m)
    t = open_queue(screen, m)
    screen.wait_for(t, "1. Ben Okoro")
    screen.keys(t, "J")  # Ben (selected) down one
    screen.wait(t, lambda s: "1. Carla Mendes" in s and "2. Ben Okoro" in s,
                what="Carla first, Ben second")
    assert waiting(m) == ["Carla Mendes", "Ben Okoro", "Dana Lee"]
    screen.keys(t, "J")  # the selection stayed on Ben
    screen.wait_for(t, "3. Ben Okoro")
    assert waiting(m) == ["Carla Mendes", "Dana Lee", "Ben Okoro"]
    screen.keys(t, "K")
    screen.wait_for(t, "2. Ben Okoro")
    assert waiting(m) == ["Carla Mendes", "Ben Okoro", "Dana Lee"]
    screen.keys(t, "Up", "K")  # Carla is first already: refused on the status line
    screen.wait_for(t, "Carla Mendes is already first")
    assert waiting(m) == ["Carla Mendes", "Ben Okoro", "Dana Lee"]
    screen.keys(t, "u")  # undo takes back the last move, and the screen follows
    screen.wait_for(t, "Undo the last change made here?")
    screen.keys(t, "y")
    screen.wait_for(t, "3. Ben Okoro")
    assert waiting(m) == ["Carla Mendes", "Dana Lee", "Ben Okoro"]


def test_adding_during_a_break_is_refused_before_asking_who(screen, m):
    """During lunch a takes the whole roster chooser and the kind, then
    refused them all; it says at once that nobody takes the floor."""
    m.new_id("agenda", "add", "--title", "Lunch", "--code", "lunch", "--kind", "break",
             "--start", "13:00", "--end", "14:00")
    m.ok("agenda", "open", "lunch")
    t = open_tui(screen, m)
    s = screen.wait_for(t, "A break: nobody takes the floor")
    assert "Next: nobody: a break" in s and "a adds a speaker" not in s
    screen.keys(t, "a")
    s = screen.wait_for(t, "'Lunch' is a break: nobody takes the floor in it")
    assert "Add a speaker" not in s
    assert m.json("queue", "list", "lunch", "--json") == []


def test_next_during_a_break_says_it_is_a_break(screen, m):
    """n in the live lunch said 'nobody is waiting to speak on this item',
    as if someone might come; it is refused as a is, for the break."""
    m.new_id("agenda", "add", "--title", "Lunch", "--code", "lunch", "--kind", "break",
             "--start", "13:00", "--end", "14:00")
    m.ok("agenda", "open", "lunch")
    t = open_tui(screen, m)
    screen.wait_for(t, "A break: nobody takes the floor")
    screen.keys(t, "n")
    s = screen.wait_for(t, "'Lunch' is a break: nobody takes the floor in it")
    assert "nobody is waiting" not in s
    assert m.json("queue", "list", "lunch", "--json") == []


def test_the_status_line_says_a_break_or_no_item_live_not_floor_open(screen, m):
    """Before any item and in lunch the status line said 'floor open' and
    offered n and a, which were refused; it says what is true, and offers
    what opens the floor."""
    m.new_id("agenda", "add", "--title", "Lunch", "--code", "lunch", "--kind", "break",
             "--start", "13:00", "--end", "14:00")
    m.new_id("agenda", "add", "--title", "Thematic discussion II", "--code", "thematic-2",
             "--start", "14:00")
    t = open_queue(screen, m)
    status = lambda s: s.rstrip("\n").split("\n")[-1]
    s = screen.wait(t, lambda s: "no item live" in status(s), what="no item live")
    line = status(s)
    assert "floor open" not in line and "next: themati" in line
    assert "1 agenda: o opens an item" in line and "n next" not in line
    # Someone waits on the item to run next: n opens it, and says so.
    m.new_id("queue", "add", ITEM, "1")
    s = screen.wait(t, lambda s: "n opens it, calls the first" in status(s), what="n opens it")
    assert "no item live" in status(s)

    m.ok("queue", "withdraw", str(m.json("queue", "list", ITEM, "--json")[0]["id"]))
    m.ok("agenda", "open", "lunch")
    s = screen.wait(t, lambda s: "break to 14:00" in status(s), what="the break")
    line = status(s)
    assert "floor open" not in line and "lunch Lunch" in line
    assert "1 agenda: o opens the next item" in line
    for refused in ("n next", "a add", "Space pause", "f give"):
        assert refused not in line, line


def test_a_reply_moves_with_the_speech_it_answers(screen, m):
    queue_four(m)
    carla = next(e["id"] for e in entries(m) if e["name"] == "Carla Mendes")
    m.ok("queue", "add", ITEM, "5", "--kind", "reply", "--to", str(carla))
    t = open_queue(screen, m)
    screen.wait_for(t, "3. Eve Adams")
    assert waiting(m) == ["Ben Okoro", "Carla Mendes", "Eve Adams", "Dana Lee"]
    screen.keys(t, "Down", "J")  # Carla down one: past Dana, her reply with her
    screen.wait(t, lambda s: "2. Dana Lee" in s and "3. Carla Mendes" in s
                and "4. Eve Adams" in s, what="Dana, then Carla and the reply to her")
    assert waiting(m) == ["Ben Okoro", "Dana Lee", "Carla Mendes", "Eve Adams"]
    screen.keys(t, "Down", "K")  # the reply itself stays where the rule puts it
    screen.wait_for(t, "is a reply: it stays")
    assert waiting(m) == ["Ben Okoro", "Dana Lee", "Carla Mendes", "Eve Adams"]
    screen.keys(t, "Up", "Up", "J")  # Dana down one: past Carla and her reply at once
    s = screen.wait_for(t, "4. Dana Lee")
    assert "3. Eve Adams" in s
    assert waiting(m) == ["Ben Okoro", "Carla Mendes", "Eve Adams", "Dana Lee"]
    styled = capture_styled(screen, t)  # the selection went down with Dana
    assert style_of(styled, "4. Dana Lee") != style_of(styled, "3. Eve Adams")


def test_point_of_order_absent_withdraw(screen, m):
    queue_four(m)
    t = open_queue(screen, m)
    screen.wait_for(t, "1. Ben Okoro")
    screen.keys(t, "Down")  # Carla

    add_with_picker(screen, t, "p", "eve", "Eve Adams")
    s = screen.wait_for(t, "1. Eve Adams")
    assert re.search(r"1\. Eve Adams .* point of order", s)
    assert "Next: Eve Adams — point of order" in s
    first = next(e for e in entries(m) if e["state"] == "waiting" and e["position"] == 1)
    assert (first["name"], first["kind"]) == ("Eve Adams", "point_of_order")

    screen.keys(t, "x")  # still on Carla, now third
    screen.wait(t, lambda s: re.search(r"Carla Mendes .* absent", s), what="Carla absent")
    assert state_of(m, "Carla Mendes") == "absent"
    assert waiting(m) == ["Eve Adams", "Ben Okoro", "Dana Lee"]

    screen.keys(t, "w")  # the selection kept its place: Dana
    screen.wait_for(t, "Withdraw Dana Lee from the queue?")
    screen.keys(t, "n")
    screen.wait_gone(t, "Withdraw Dana Lee")
    assert state_of(m, "Dana Lee") == "waiting"
    screen.keys(t, "w")
    screen.wait_for(t, "Withdraw Dana Lee from the queue?")
    screen.keys(t, "y")
    screen.wait(t, lambda s: re.search(r"Dana Lee .* withdrawn", s), what="Dana withdrawn")
    assert state_of(m, "Dana Lee") == "withdrawn"
    # The status line says whose request went, from which item, as the journal does.
    screen.wait_for(t, "withdrawn: Dana Lee from 'Thematic discussion I'")

    screen.keys(t, "n")  # the point of order goes first
    s = screen.wait(t, lambda s: "Eve Adams" in speaker_line(s), what="Eve speaking")
    assert "Point of order, 1:00 allotted" in s
    assert re.fullmatch(r"(1:00|0:5\d)", big_clock(s)), big_clock(s)
    assert state_of(m, "Eve Adams") == "speaking" and state_of(m, "Ana Ruiz") == "spoken"


def test_someone_absent_comes_back_with_b(screen, m):
    queue_four(m)
    t = open_queue(screen, m)
    screen.keys(t, "b")  # nobody to put back yet
    screen.wait_for(t, "nobody absent to put back")
    screen.keys(t, "Down", "x")  # Carla was not in the room when called
    screen.wait(t, lambda s: re.search(r"Carla Mendes .* absent", s), what="Carla absent")
    screen.keys(t, "w")  # Dana withdraws: for good
    screen.wait_for(t, "Withdraw Dana Lee from the queue?")
    screen.keys(t, "y")
    screen.wait(t, lambda s: re.search(r"Dana Lee .* withdrawn", s), what="Dana withdrawn")
    screen.keys(t, "Up", "x")  # Ben, absent too, after Carla
    screen.wait(t, lambda s: re.search(r"Ben Okoro .* absent", s), what="Ben absent")
    assert waiting(m) == []
    screen.keys(t, "1", "b")  # from any pane, as the other moderator's keys
    s = screen.wait_for(t, "Back in the queue: who?")
    assert "Ben Okoro — Univ. Lagos, absent" in s and "Carla Mendes — Caritas, absent" in s
    assert "Dana Lee" not in s.split("Back in the queue: who?")[1]
    screen.type(t, "carla")  # the chooser narrows as one types
    screen.wait(t, lambda s: "Ben Okoro —" not in s, what="Carla alone")
    screen.keys(t, "Enter")  # Carla is back, in the place her request gave her
    screen.wait_for(t, "back in the queue: Carla Mendes")
    assert waiting(m) == ["Carla Mendes"]
    assert state_of(m, "Ben Okoro") == "absent" and state_of(m, "Dana Lee") == "withdrawn"
    screen.keys(t, "b")
    s = screen.wait_for(t, "Back in the queue: who?")
    assert "Ben Okoro — Univ. Lagos, absent" in s and "Carla Mendes —" not in s
    screen.keys(t, "Escape")
    screen.wait_gone(t, "Back in the queue: who?")
    assert state_of(m, "Ben Okoro") == "absent"


def test_refusals_show_on_the_status_line(screen, m):
    t = open_queue(screen, m)
    screen.keys(t, "x")
    screen.wait_for(t, "nobody waiting to select")
    screen.keys(t, "Space")
    screen.wait_for(t, "nobody has the floor on this item")
    screen.keys(t, "n")
    screen.wait_for(t, "nobody is waiting to speak")
    assert entries(m) == []


def test_what_a_key_did_fades_from_the_status_line(screen, m):
    queue_four(m)
    t = open_queue(screen, m)
    assert "n next" in screen.capture(t).splitlines()[-1]
    screen.keys(t, "n")
    s = screen.wait_for(t, "now speaking: Ben Okoro")
    assert "n next" not in s.splitlines()[-1]
    # Said once, it gives the line back to the keys (after 15 s; a refusal 30).
    s = screen.wait_gone(t, "now speaking: Ben Okoro", timeout=25)
    assert "n next" in s.splitlines()[-1]


def test_cli_add_appears_within_a_second(screen, m):
    t = open_queue(screen, m)
    screen.wait_for(t, "Waiting (0)")
    t0 = time.time()
    m.ok("queue", "add", ITEM, "2")
    screen.wait_for(t, "1. Ben Okoro", timeout=1.5)
    assert time.time() - t0 < 1.2
    m.ok("queue", "start", ITEM)
    screen.wait(t, lambda s: "Ben Okoro" in speaker_line(s), timeout=1.5, what="Ben speaking")


def test_overtime_is_counted_up(screen, tmp_path):
    r = meeting(tmp_path)
    r.ok("meeting", "set", "--warning", "1", "--speaking-time", "floor=0:02")
    r.ok("queue", "add", ITEM, "1")
    t = open_queue(screen, r)
    screen.keys(t, "n")
    s = screen.wait_for(t, "over time", timeout=5)
    assert re.search(r"-0:0\d over time", s)
    s = screen.wait(t, lambda s: re.fullmatch(r"-0:0[2-9]", big_clock(s)), timeout=5,
                    what="the overtime in big digits")


def test_a_new_speaking_time_is_for_those_called_after(screen, m):
    """Another terminal shortens the floor's time while Ana speaks: her
    3:00 and her clock stay as they were; Ben, called next, gets 0:30."""
    m.ok("queue", "add", ITEM, "1")
    m.ok("queue", "add", ITEM, "2")
    t = open_queue(screen, m)
    screen.keys(t, "n")
    screen.wait(t, lambda s: "Ana Ruiz" in speaker_line(s), what="Ana speaking")
    m.ok("agenda", "set", ITEM, "--speaking-time", "floor=0:30")
    m.ok("queue", "add", ITEM, "3")  # on the screen once the change before it is
    s = screen.wait_for(t, "2. Carla Mendes")
    assert "Intervention from the floor, 3:00 allotted" in s
    assert re.fullmatch(r"(3:00|2:[45]\d)", big_clock(s)), big_clock(s)
    screen.keys(t, "n")
    s = screen.wait(t, lambda s: "Ben Okoro" in speaker_line(s), what="Ben speaking")
    assert "Intervention from the floor, 0:30 allotted" in s


def test_control_bytes_in_names_are_inert(screen, tmp_path):
    r = meeting(tmp_path, people=[("Evil", "other", "Org"), ("Ana Ruiz", "migrant", "")])
    # Refused at input now; a database from before may hold them.
    r.plant("stakeholder", 1, "name", HOSTILE)
    r.plant("stakeholder", 1, "organization", "Org\r\nInjected")
    r.ok("queue", "add", ITEM, "1")
    r.ok("queue", "add", ITEM, "2")
    t = open_queue(screen, r)
    s = screen.wait_for(t, "1. Evil")
    assert "Evil\ufffd[2J\ufffd[H\ufffdName\ufffd]0;pwned" in s
    assert "Org\u23ceInjected" in s
    screen.keys(t, "n")
    s = screen.wait(t, lambda s: "Evil" in speaker_line(s), what="the hostile speaker")
    # Nothing was cleared or moved: the tab bar and the header are still in place.
    lines = s.split("\n")
    assert lines[0].lstrip().startswith("1 Agenda") and lines[1].startswith("Queue")
    assert "Next: Ana Ruiz" in s


def test_queue_beside_another_pane_on_a_wide_terminal(screen, m):
    queue_four(m)
    t = open_queue(screen, m, 160, 40)
    screen.keys(t, "1")  # the agenda in focus, the queue beside it
    s = screen.wait_for(t, "forecast end")
    assert "Next: Ben Okoro" in s and "Ana Ruiz" in speaker_line(s)
    m.ok("queue", "next", ITEM)
    screen.wait(t, lambda s: "Ben Okoro" in speaker_line(s), timeout=1.5, what="Ben speaking")


def test_a_long_list_is_read_as_far_as_the_screen_goes(screen, tmp_path):
    """150 waiting: the pane counts them all, and End, PgUp, Home and a search
    reach every place, numbered as `queue list` numbers them."""
    r = meeting(tmp_path, people=[])
    csv = tmp_path / "form.csv"
    lines = ["name,organization,sector,region,country,gender,email,wants_to_speak,speak_on,"
             "registered_at"]
    for i in range(150):
        lines.append(f"Speaker {i:03d},Org {i:03d},academia,Africa,KE,woman,s{i}@example.org,"
                     f"yes,{ITEM},2022-04-01T10:{i // 60:02d}:{i % 60:02d}Z")
    csv.write_text("\n".join(lines) + "\n")
    r.ok("import", "roster", csv)
    listed = r.json("queue", "list", ITEM, "--json")
    assert [e["position"] for e in listed][-1] == 150
    t = open_queue(screen, r)
    s = screen.wait_for(t, "Waiting (150)")
    assert "  1. Speaker 000" in s
    screen.keys(t, "End")
    screen.wait_for(t, "150. Speaker 149")
    styled = capture_styled(screen, t)
    assert style_of(styled, "Speaker 149") != style_of(styled, "Speaker 148")  # selected
    screen.keys(t, "PageUp")
    s = screen.wait(t, lambda s: "150. Speaker 149" not in s and re.search(r"1[0-4]\d\. Speaker", s),
                    what="a page up from the end")
    screen.keys(t, "Home")
    screen.wait_for(t, "  1. Speaker 000")
    screen.keys(t, "/")
    screen.type(t, "Speaker 120\n")
    s = screen.wait_for(t, "121. Speaker 120")
    # The order is the database's: calling the next speaker calls place 1.
    screen.keys(t, "n")
    screen.wait_for(t, "now speaking: Speaker 000")


def test_beside_another_pane_the_queue_keeps_the_language(screen, tmp_path):
    """At 120 columns the queue is half the screen: the name and the
    organization give way, not the way a speaker takes part, which the
    booths and the remote channel need."""
    r = meeting(tmp_path)
    for i in (1, 2):
        r.ok("queue", "add", ITEM, str(i))
    e = entries(r)[1]["id"]
    r.ok("queue", "set", str(e), "--participation", "online", "--language", "fr")
    t = open_queue(screen, r, 120, 30)
    screen.keys(t, "2")  # the roster focused, the queue beside it
    s = screen.wait_for(t, "Roster    ")
    row = next(line for line in s.splitlines() if "2. Ben" in line)
    assert row.rstrip().endswith("floor online FR"), row


def test_a_break_is_not_the_next_to_run_and_says_so_when_open(screen, tmp_path):
    r = meeting(tmp_path)
    r.new_id("agenda", "add", "--title", "Lunch break", "--code", "lunch", "--kind", "break")
    r.new_id("agenda", "add", "--title", "Thematic discussion II", "--code", "thematic-2")
    r.ok("agenda", "open", ITEM)
    r.ok("agenda", "close", ITEM)
    t = screen.start(tui_env(r), ["--db", r.db], 80, 24)
    screen.keys(t, "3")
    # n would be refused on the break: the floor's next is the session after it.
    screen.wait_for(t, "not open yet, n opens it: thematic-2 Thematic discussion II")
    r.ok("agenda", "open", "lunch")
    s = screen.wait_for(t, "a break: lunch Lunch break")
    assert "A break: nobody takes the floor." in s


def band_said(screen_text, lead):
    """What the band above the status line says, its wrapped rows joined:
    from its row that begins with lead (drawn one column in) to the status
    line."""
    rows = screen_text.rstrip("\n").split("\n")
    at = max(k for k, row in enumerate(rows) if row.startswith(" " + lead))
    return at, " ".join(row.strip() for row in rows[at:-1])


@pytest.mark.parametrize("env", [{}, {"NO_COLOR": "1"}], ids=["colour", "no-color"])
def test_enter_shows_the_whole_reason_of_the_next_and_of_the_selected(screen, m, env):
    """Under the balanced policy the reason (group shares, places passed
    over, time of request) is longer than the Next line at 80 columns: Enter
    shows the selected entry's whole, wrapped in the band above the status
    line, in the message's colours (reverse without colour); the words are
    the policy's, as `queue list --json` gives them."""
    m.ok("queue", "policy", "balanced")
    for i in range(1, 6):
        m.ok("queue", "add", ITEM, str(i))
    order = waiting(m)
    reason = {e["name"]: e["reason"] for e in entries(m) if e["state"] == "waiting"}
    t = open_queue(screen, m, **env)
    s = screen.wait_for(t, f"Next: {order[0]} — ")
    assert reason[order[0]] not in s  # cut on the Next line, and nowhere else whole

    screen.keys(t, "Enter")  # the selection starts on the next speaker
    s = screen.wait_for(t, " Next: ")
    at, said = band_said(s, "Next: ")
    assert said == f"Next: {order[0]} — {reason[order[0]]}"
    assert at < len(s.rstrip("\n").split("\n")) - 2  # wrapped: more than one row
    rows = styled_rows(capture_styled(screen, t))
    cell = rows[at][1][1]  # "N" of the band's "Next:"
    assert (cell.reverse, cell.fg, cell.bg) == ((True, None, None) if env else (None, 16, 252))

    screen.keys(t, "Down", "Down")  # a key gives the rows back; the third place
    screen.wait_gone(t, " Next: ")
    screen.keys(t, "Enter")
    s = screen.wait_for(t, f" 3. {order[2]} — ")
    assert band_said(s, "3. ")[1] == f"3. {order[2]} — {reason[order[2]]}"


@pytest.mark.parametrize("cols,env", [(80, {}), (80, {"NO_COLOR": "1"}), (100, {}), (120, {})],
                         ids=["80", "80-no-color", "100", "120-beside"])
def test_a_point_of_order_row_keeps_its_language(screen, tmp_path, cols, env):
    """Every waiting row ends with the language the speaker will use (the
    booths need it), a point of order's too: its kind, the longest, gives
    way when the row is short of room, never the language; from 100 columns
    it is whole beside 'online'.  The selected row is marked to its end."""
    r = meeting(tmp_path)
    r.ok("queue", "add", ITEM, "1", "--language", "en")
    r.ok("queue", "add", ITEM, "2", "--kind", "point_of_order", "--language", "fr")
    r.ok("queue", "add", ITEM, "3", "--kind", "point_of_order", "--participation", "online",
         "--language", "ar")
    t = open_queue(screen, r, cols, 24, **env)
    s = screen.wait_for(t, "3. Ana Ruiz")
    width = cols if cols < 120 else cols // 2  # from 120 the queue is the left half
    row = {name: next(line[:width].rstrip() for line in s.splitlines() if f". {name}" in line)
           for name in ("Ben Okoro", "Carla Mendes", "Ana Ruiz")}
    assert row["Ben Okoro"].endswith(" point of order FR"), row
    assert row["Carla Mendes"].endswith(" online AR"), row
    assert row["Carla Mendes"].endswith(" point of order online AR") == (width >= 100), row
    assert row["Ana Ruiz"].endswith(" floor EN"), row
    styled = capture_styled(screen, t)
    line = next(cells for cells in styled_rows(styled)
                if "1. Ben Okoro" in "".join(ch for ch, _ in cells))
    first, language = line[0][1], line[len(row["Ben Okoro"]) - 1][1]
    assert language == first and (language.reverse if env else language.bg is not None)
