"""The notes pane in a real terminal: key points, recommendations, pledges
and next steps of the current item, added, edited and deleted with the keys,
checked on the screen and in the JSON export."""
import pytest

from conftest import Rostrum, display_width, paste, styled_rows, tui_env, wait_styled

NOTE_1 = "Accès aux services — 移民 🌍"
NOTE_2 = "firewalls between services and immigration enforcement"


@pytest.fixture
def meeting(tmp_path):
    """One agenda item and two stakeholders, made with the CLI."""
    r = Rostrum(tmp_path)
    r.ok("init", "--title", "Hearing", "--date", "2022-05-16")
    r.new_id("agenda", "add", "--title", "Thematic discussion I", "--code", "thematic-1")
    r.new_id("stakeholder", "add", "--name", "Ana Ruiz", "--sector", "migrant",
             "--email", "ana@example.org")
    r.new_id("stakeholder", "add", "--name", "王芳", "--sector", "media",
             "--email", "wang@example.org")
    return r


def plain(styled):
    """A styled capture's rows as text."""
    return ["".join(ch for ch, _ in row) for row in styled_rows(styled)]


def item(r):
    return r.json("export", "summary", "--format", "json")["agenda"][0]


def open_notes(screen, r, cols=100, rows=30):
    """rostrum on r's database with the notes of thematic-1 shown: the item
    to run next, as none is open."""
    t = screen.start(tui_env(r), ["--db", r.db], cols, rows, term="tmux-256color")
    screen.wait_for(t, "1 Agenda")
    screen.keys(t, "5")
    screen.wait(t, lambda s: "Key points" in s and "thematic-1" in s, what="the notes")
    return t


def prompt(screen, t, title, text):
    """Waits for a one-line prompt, types text and presses Enter."""
    screen.wait_for(t, title)
    if text:
        screen.type(t, text)
    screen.keys(t, "Enter")


def add(screen, t, kind, lines):
    """a, the kind (typed to narrow the chooser), then the editor: lines
    joined by Enter, Ctrl-D."""
    open_editor(screen, t, kind)
    for i, line in enumerate(lines):
        if i:
            screen.keys(t, "Enter")
        screen.type(t, line)
    screen.wait_for(t, lines[-1][-12:])
    screen.keys(t, "C-d")
    screen.wait_gone(t, "Ctrl-D or F2 save")


def open_editor(screen, t, kind):
    """a and the kind: the editor open."""
    screen.keys(t, "a")
    prompt(screen, t, "Add what?", kind)
    screen.wait_for(t, "Ctrl-D or F2 save")


def pick(screen, t, title, query, last=True):
    """Picks one party; with last, Esc ends the list of parties."""
    screen.wait_for(t, title)
    screen.type(t, query)
    screen.wait_for(t, "no organisation")
    screen.keys(t, "Enter")
    if last:
        screen.wait_for(t, "also by")
        screen.keys(t, "Escape")


def test_no_item_to_take_notes_on(screen, tmp_path):
    r = Rostrum(tmp_path)
    r.ok("init", "--title", "Hearing")
    t = screen.start(tui_env(r), ["--db", r.db], 100, 30, term="tmux-256color")
    screen.wait_for(t, "1 Agenda")
    screen.keys(t, "5")
    screen.wait_for(t, "No item: the programme is empty or over")
    screen.keys(t, "a")
    screen.wait_for(t, "no item to take notes on")
    # The a refused begins the words typed after it: kept, not commands.
    screen.type(t, "nd undo")
    s = screen.wait_for(t, "Typed, not saved: and undo_")
    assert "Undo the last change" not in s
    screen.keys(t, "Enter")
    screen.wait_for(t, "no item to take notes on: Esc throws away what was typed")


def test_note_in_utf8_over_two_lines(screen, meeting):
    t = open_notes(screen, meeting)
    add(screen, t, "key", [NOTE_1, NOTE_2])
    s = screen.wait_for(t, "added note")
    assert "  * " + NOTE_1 in s and "    " + NOTE_2 in s
    notes = item(meeting)["notes"]
    assert [n["text"] for n in notes] == [NOTE_1 + "\n" + NOTE_2]


def test_long_entries_wrap_by_display_width(screen, meeting):
    t = open_notes(screen, meeting, cols=60, rows=24)
    words = "移民の権利 " * 12 + "end"
    add(screen, t, "next", [words])
    # What was added, in words: the status line says what the journal says.
    s = screen.wait_for(t, "added next step on 'Thematic discussion I': 移民の権利")
    assert "no next steps yet" not in s
    rows = [line for line in s.splitlines() if "移民" in line and line.startswith("  ")]
    assert len(rows) >= 3, s
    assert all(display_width(line) <= 60 for line in rows), rows
    assert rows[-1].rstrip().endswith("end")
    assert item(meeting)["next_steps"][0]["text"] == words


def test_recommendation_and_pledge(screen, meeting):
    t = open_notes(screen, meeting)
    add(screen, t, "rec", ["Open regular pathways for migrant workers."])
    pick(screen, t, "Recommended by", "wang")
    prompt(screen, t, "GCM objectives", "5 7")
    screen.wait_for(t, "added recommendation")
    s = screen.wait_for(t, "by 王芳 · GCM 5, 7")

    add(screen, t, "pledge", ["Fund 200 places in the reception programme."])
    pick(screen, t, "Pledged by", "ana")
    prompt(screen, t, "Pledge type", "resources")
    prompt(screen, t, "GCM objectives", "")
    s = screen.wait_for(t, "by Ana Ruiz · resources")
    assert s.index("Recommendations") < s.index("Open regular") < s.index("Pledges") \
        < s.index("Fund 200") < s.index("Next steps")

    it = item(meeting)
    rec, = it["recommendations"]
    assert (rec["text"], rec["by"], rec["gcm"]) == \
        ("Open regular pathways for migrant workers.", [2], [5, 7])
    pledge, = it["pledges"]
    assert (pledge["by"], pledge["pledge_type"], pledge["gcm"]) == ([1], "resources", [])


def test_refusals_keep_what_was_typed(screen, meeting):
    t = open_notes(screen, meeting)
    add(screen, t, "rec", ["Count the missing."])
    pick(screen, t, "Recommended by", "ana")
    prompt(screen, t, "GCM objectives", "5 x")
    screen.wait_for(t, "numbers 1-23 separated by spaces")
    screen.keys(t, "BSpace")
    screen.type(t, "24")
    screen.keys(t, "Enter")
    s = screen.wait_for(t, "24 is not a GCM objective")
    assert "gcm: 24 is not" in s and "--gcm" not in s  # no options on a screen
    screen.keys(t, "BSpace", "BSpace")
    screen.type(t, "8")
    screen.keys(t, "Enter")
    screen.wait_for(t, "added recommendation")
    assert item(meeting)["recommendations"][0]["gcm"] == [5, 8]

    # A pledge with nobody to pledge it is not added: Esc asks before the
    # text goes, and no goes back to the pick.
    add(screen, t, "pledge", ["An empty promise."])
    screen.wait_for(t, "Pledged by")
    screen.keys(t, "Escape")
    screen.wait_for(t, "Throw away the pledge written (a pledge needs a pledger)?")
    screen.keys(t, "n")
    screen.wait_for(t, "Pledged by")
    screen.keys(t, "Escape")
    screen.wait_for(t, "Throw away the pledge written")
    screen.keys(t, "y")
    screen.wait_for(t, "not saved: the pledge written was thrown away")
    assert item(meeting)["pledges"] == []
    # Esc at the last step, the objectives, asks too; no brings the step
    # back, and the pledge is saved whole.
    add(screen, t, "pledge", ["Fund the reception centre."])
    pick(screen, t, "Pledged by", "ana")
    prompt(screen, t, "Pledge type", "resources")
    screen.wait_for(t, "GCM objectives")
    screen.keys(t, "Escape")
    screen.wait_for(t, "Throw away the pledge written?")
    screen.keys(t, "n")
    prompt(screen, t, "GCM objectives", "16")
    screen.wait_for(t, "added pledge")
    pledge, = item(meeting)["pledges"]
    assert (pledge["text"], pledge["pledge_type"], pledge["gcm"]) == \
        ("Fund the reception centre.", "resources", [16])


def test_escape_in_the_editor_adds_nothing(screen, meeting):
    t = open_notes(screen, meeting)
    screen.keys(t, "a")
    prompt(screen, t, "Add what?", "key")
    screen.wait_for(t, "Ctrl-D or F2 save")
    screen.type(t, "never saved")
    screen.wait_for(t, "never saved")
    screen.keys(t, "Escape")  # something written: asked first
    screen.wait_for(t, "Throw away what is being written?")
    screen.keys(t, "y")
    screen.wait_gone(t, "Ctrl-D or F2 save")
    s = screen.wait_for(t, "no key points yet")
    assert "never saved" not in s
    assert item(meeting)["notes"] == []


def test_the_editor_says_what_it_edits_by_its_type_and_item(screen, meeting):
    """The editor's title said 'Edit next step 1', a row's id: it names the
    outcome as the journal's lines do, by its type and its item."""
    meeting.ok("nextstep", "thematic-1", "Convene a follow-up meeting")
    t = open_notes(screen, meeting)
    screen.wait_for(t, "Convene a follow-up meeting")
    screen.keys(t, "e")
    s = screen.wait_for(t, "Ctrl-D or F2 save")
    assert "Edit next step on 'Thematic discussion I'" in s
    assert "Edit next step 1" not in s
    screen.keys(t, "Escape")


def test_edit_and_delete(screen, meeting):
    meeting.ok("note", "thematic-1", "first point")
    meeting.ok("note", "thematic-1", "second point")
    t = open_notes(screen, meeting)
    screen.wait_for(t, "second point")
    screen.keys(t, "j", "e")
    screen.wait_for(t, "Edit note")
    screen.keys(t, "End")
    screen.type(t, ", revised ✓")
    screen.keys(t, "C-d")
    prompt(screen, t, "GCM objectives", "")
    screen.wait_for(t, "second point, revised ✓")
    assert [n["text"] for n in item(meeting)["notes"]] == \
        ["first point", "second point, revised ✓"]

    screen.keys(t, "k", "d")
    screen.wait_for(t, 'Delete note "first point"?')
    screen.keys(t, "n")
    screen.wait_gone(t, "y yes")
    assert len(item(meeting)["notes"]) == 2
    screen.keys(t, "d")
    screen.wait_for(t, "y yes")
    screen.keys(t, "y")
    screen.wait_for(t, "deleted note on 'Thematic discussion I': first point")
    s = screen.wait_gone(t, "* first point")
    assert "second point, revised" in s
    assert [n["text"] for n in item(meeting)["notes"]] == ["second point, revised ✓"]


def test_a_new_entry_scrolls_into_view(screen, meeting):
    for i in range(12):
        meeting.ok("note", "thematic-1", f"key point {i}")
    t = open_notes(screen, meeting, cols=80, rows=24)
    screen.wait_for(t, "key point 0")
    add(screen, t, "next", ["Report back at the next quarterly meeting."])
    s = screen.wait_for(t, "Report back at the next quarterly meeting.")
    assert "Next steps" in s and "key point 0" not in s
    screen.keys(t, "Home")
    screen.wait_for(t, "key point 0")


def test_several_pledgers_then_the_parties_and_objectives_edited(screen, meeting):
    """What the command line does with --by ... --by and outcome edit, the
    keys do: a joint pledge, then its pledgers and objectives changed."""
    t = open_notes(screen, meeting)
    add(screen, t, "pledge", ["A joint help desk."])
    pick(screen, t, "Pledged by", "ana", last=False)
    pick(screen, t, "Pledged also by (1 so far", "wang", last=False)
    screen.wait_for(t, "Pledged also by (2 so far")
    screen.keys(t, "Escape")
    prompt(screen, t, "Pledge type", "partnership")
    prompt(screen, t, "GCM objectives", "15 16")
    screen.wait_for(t, "by Ana Ruiz, 王芳 · partnership · GCM 15, 16")
    pledge, = item(meeting)["pledges"]
    assert (pledge["by"], pledge["pledge_type"], pledge["gcm"]) == ([1, 2], "partnership", [15, 16])

    screen.keys(t, "e")
    screen.wait_for(t, "Edit pledge")
    screen.keys(t, "C-d")  # the text as it is
    screen.wait_for(t, "Keep: Ana Ruiz, 王芳")
    screen.keys(t, "Down", "Enter")  # name them again
    pick(screen, t, "Pledged by", "wang")
    prompt(screen, t, "Pledge type", "")  # prefilled: kept
    screen.wait_for(t, "GCM objectives")
    s = screen.capture(t)
    assert "15 16" in s  # the objectives as they are, to change
    screen.keys(t, "BSpace", "BSpace")
    screen.type(t, "23")
    screen.keys(t, "Enter")
    screen.wait_for(t, "saved pledge")
    pledge, = item(meeting)["pledges"]
    assert (pledge["by"], pledge["pledge_type"], pledge["gcm"]) == ([2], "partnership", [15, 23])


def test_the_pledger_offered_first_is_who_holds_the_floor(screen, meeting):
    # 王芳 speaks; Ana Ruiz comes first in the roster's order.
    meeting.ok("queue", "add", "thematic-1", "wang@example.org")
    meeting.ok("queue", "start", "thematic-1")
    t = open_notes(screen, meeting)
    add(screen, t, "pledge", ["Open a hotline for migrant workers."])
    s = screen.wait_for(t, "Pledged by")
    assert "2 of 2" in s  # the speaker's row selected, of the whole roster
    screen.keys(t, "Enter")
    screen.wait_for(t, "Pledged also by")  # others are still a pick away
    s = screen.wait_for(t, "1 of 2")
    screen.keys(t, "Escape")
    prompt(screen, t, "Pledge type", "")
    prompt(screen, t, "GCM objectives", "")
    screen.wait_for(t, "added pledge")
    pledge, = item(meeting)["pledges"]
    assert pledge["by"] == [2]


def test_an_edit_meets_another_terminals_edit(screen, meeting):
    n1 = meeting.new_id("note", "thematic-1", "first point")
    n2 = meeting.new_id("note", "thematic-1", "second point", "--theme", "pathways")
    t = open_notes(screen, meeting)
    screen.wait_for(t, "second point")
    texts = lambda: [n["text"] for n in item(meeting)["notes"]]
    # Only the objectives changed here: the text fixed elsewhere stands.
    screen.keys(t, "e")
    screen.wait_for(t, "Edit note")
    meeting.ok("outcome", "edit", str(n1), "--text", "first point (fixed at the desk)")
    screen.keys(t, "C-d")
    prompt(screen, t, "GCM objectives", "5")
    screen.wait_for(t, "saved note")
    assert texts() == ["first point (fixed at the desk)", "second point"]
    assert item(meeting)["notes"][0]["gcm"] == [5]
    # The text changed on both sides: told, and the editor keeps what was
    # written here; saved again, it goes over the other.
    screen.keys(t, "j", "e")
    screen.wait_for(t, "Edit note")
    meeting.ok("outcome", "edit", str(n2), "--text", "second point (desk)")
    screen.keys(t, "End")
    screen.type(t, ", revised")
    screen.keys(t, "C-d")
    s = screen.wait_for(t, "Changed meanwhile on another terminal: note on 'Thematic")
    assert "second point, revised" in s
    assert texts()[1] == "second point (desk)"
    screen.keys(t, "C-d")
    prompt(screen, t, "GCM objectives", "")
    screen.wait_for(t, "saved note")
    assert texts()[1] == "second point, revised"
    # Deleted elsewhere while edited here: what was written is kept.
    screen.keys(t, "e")
    screen.wait_for(t, "Edit note")
    meeting.ok("outcome", "delete", str(n2))
    screen.keys(t, "End")
    screen.type(t, " again")
    screen.keys(t, "C-d")
    prompt(screen, t, "GCM objectives", "")
    s = screen.wait_for(t, "deleted on another terminal meanwhile)")
    assert "added note on 'Thematic discussion I': second point, revised again" in s
    assert "(the note edited here was" in s
    assert texts() == ["first point (fixed at the desk)", "second point, revised again"]
    assert item(meeting)["notes"][1]["themes"] == ["pathways"]  # kept with it


def test_a_written_pledge_between_prompts_is_a_draft(screen, meeting):
    import os
    import signal
    t = open_notes(screen, meeting)
    add(screen, t, "pledge", ["Twenty places in the reception programme."])
    pick(screen, t, "Pledged by", "ana")
    screen.wait_for(t, "Pledge type")
    # Ctrl-C asks, as over the editor: the text is written, not saved.
    screen.keys(t, "C-c")
    screen.wait_for(t, "Quit and lose what is being written?")
    screen.keys(t, "n")
    screen.wait_for(t, "Pledge type")
    # A hang-up (the SSH link gone) ends the process, the prompts closed
    # in turn: it asked again as each closed, and never stopped.
    os.kill(screen.pid(t), signal.SIGHUP)
    assert screen.dead_status(t) == 0
    assert item(meeting)["pledges"] == []


def test_the_editor_wraps_between_words(screen, meeting):
    import re
    t = open_notes(screen, meeting, cols=80, rows=24)
    screen.keys(t, "a")
    prompt(screen, t, "Add what?", "key")
    screen.wait_for(t, "Ctrl-D or F2 save")
    words = [f"word{i:02d}" for i in range(24)]
    screen.type(t, " ".join(words))
    s = screen.wait_for(t, "word23")
    rows = [m.group(1).strip() for m in re.finditer(r"│ (.*?)│", s)]
    rows = [r for r in rows if r.startswith("word")]
    assert len(rows) >= 2, s
    # Every row holds whole words, in order: none is cut at the edge.
    assert " ".join(rows).split() == words, rows


def editor_cursor(styled, top, x0):
    """Where the cursor (the reverse cell) is in the editor whose first
    text row is screen row top, from column x0: (row, column) within the
    text, or None."""
    rows = styled_rows(styled)
    for dy in range(3):
        row = rows[top + dy]
        for x in range(x0, min(x0 + 73, len(row))):
            if row[x][1].reverse:
                return dy, x - x0
    return None


def test_the_space_at_a_wrap_does_not_begin_the_next_row(screen, meeting):
    """A row filled to the editor's width exactly (72 columns at 80): the
    space after it hangs past the row's end, where the cursor sits on it,
    and the next row begins with the next word.  Moving over the wrap,
    erasing the space and typing it again, the cursor stays on the
    character it names; so at a line's end after a full row; and the text
    saved is the text typed."""
    t = open_notes(screen, meeting, cols=80, rows=24)
    screen.keys(t, "a")
    prompt(screen, t, "Add what?", "key")
    screen.wait_for(t, "Ctrl-D or F2 save")
    full, rest = " ".join(["abcdefgh"] * 7 + ["abcdefghi"]), "next words here"
    assert len(full) == 72
    screen.type(t, f"{full} {rest}")
    s = screen.wait_for(t, rest)
    lines = s.split("\n")
    top = next(i for i, line in enumerate(lines) if full in line)
    x0 = lines[top].index(full)
    assert lines[top + 1][x0:].startswith(rest), lines[top + 1]

    def cursor(want, keys=()):
        screen.keys(t, *keys)
        return wait_styled(screen, t, lambda st: editor_cursor(st, top, x0) == want,
                           what=f"the cursor at {want} after {keys}")

    cursor((1, len(rest)))
    cursor((0, 72), ["Left"] * (len(rest) + 1))  # on the space: the row's end
    cursor((1, 0), ["Right"])
    s = cursor((1, 9), ["BSpace"])  # 'abcdefghinext' goes whole to the next row
    assert plain(s)[top + 1][x0:].startswith("abcdefghinext words here")
    s = cursor((1, 0), ["Space"])
    assert plain(s)[top + 1][x0:].startswith(rest)
    # The space made a line's end: that hangs too, and Up and Down keep
    # to the lines as typed.
    cursor((0, 72), ["Left"])
    cursor((1, 0), ["DC", "Enter"])
    s = cursor((0, 72), ["Left"])
    assert plain(s)[top + 1][x0:].startswith(rest)
    cursor((0, 1), ["Right", "Right", "Up"])
    cursor((1, 1), ["Down"])
    screen.keys(t, "C-d")
    screen.wait_gone(t, "Ctrl-D or F2 save")
    assert [n["text"] for n in item(meeting)["notes"]] == [f"{full}\n{rest}"]


def test_the_editor_names_the_item_the_note_goes_to(screen, meeting):
    meeting.new_id("agenda", "add", "--title", "Closing remarks", "--code", "closing")
    meeting.ok("agenda", "open", "thematic-1")
    t = open_notes(screen, meeting)
    screen.keys(t, "a")
    prompt(screen, t, "Add what?", "key")
    screen.wait_for(t, "New key point for thematic-1 Thematic discussion I")
    screen.keys(t, "Escape")
    screen.wait_gone(t, "New key point")
    # The notes of another item, viewed here only: said where it goes.
    screen.keys(t, "1")
    screen.wait_for(t, "forecast end")
    screen.keys(t, "j", "Enter", "5")
    screen.wait_for(t, "viewing here only")
    screen.keys(t, "a")
    prompt(screen, t, "Add what?", "key")
    screen.wait_for(t, "New key point (not the live item) for closing Closing remarks")


def test_a_party_is_named_once_and_the_first_offered_spoke_when_writing_began(screen, meeting):
    meeting.ok("queue", "add", "thematic-1", "wang@example.org")
    meeting.ok("queue", "add", "thematic-1", "ana@example.org")
    meeting.ok("queue", "start", "thematic-1")  # 王芳 speaks
    t = open_notes(screen, meeting)
    screen.keys(t, "a")
    prompt(screen, t, "Add what?", "pledge")
    screen.wait_for(t, "Ctrl-D or F2 save")
    screen.type(t, "A fund for return and reintegration.")
    meeting.ok("queue", "next", "thematic-1")  # Ana Ruiz is called meanwhile
    screen.keys(t, "C-d")
    s = screen.wait_for(t, "Pledged by")
    assert "2 of 2" in s  # 王芳, who spoke as the pledge was being written
    screen.keys(t, "Enter")
    screen.wait_for(t, "Pledged also by")
    screen.type(t, "wang")
    screen.wait_for(t, "no organisation")
    screen.keys(t, "Enter")
    screen.wait_for(t, "named already: another, or Esc when that is all")
    screen.keys(t, "Escape")
    prompt(screen, t, "Pledge type", "")
    prompt(screen, t, "GCM objectives", "")
    screen.wait_for(t, "added pledge")
    assert item(meeting)["pledges"][0]["by"] == [2]


def test_enter_on_the_live_item_says_its_notes_follow_the_meeting(screen, meeting):
    """Enter on the live item in the Agenda showed its notes with 'o makes
    it the live item', a word for another item (o there: 'already the
    live item')."""
    meeting.new_id("agenda", "add", "--title", "Closing remarks", "--code", "closing")
    meeting.ok("agenda", "open", "thematic-1")
    t = open_notes(screen, meeting)
    screen.keys(t, "1")
    screen.wait_for(t, "forecast end")
    screen.keys(t, "g", "Enter")
    s = screen.wait_for(t, "notes of thematic-1, the live item (they follow the meeting)")
    assert "o makes it the live item" not in s and "Notes  thematic-1" in s
    # Another item's notes: o would make it the live one, and says so.
    screen.keys(t, "1", "j", "Enter")
    s = screen.wait_for(t, "notes of closing, on this screen only (o makes it the live item)")
    assert "viewing here only: closing" in s


def test_words_typed_with_the_editor_closed_are_kept_not_taken_as_commands(screen, meeting):
    """The note-taker typed a sentence into the Notes pane with the editor
    closed: after the first key that did nothing (refused, or another
    pane's), each letter was a command: u asked to undo and the y of 'yes'
    took back the note just saved.  Such a key starts typing instead: the
    words are kept, Enter writes them as a note, Esc throws them away."""
    t = open_notes(screen, meeting)
    add(screen, t, "key", ["A saved point"])
    screen.wait_for(t, "added note")
    screen.type(t, "Ok, supported: yes")  # O is refused here (the Queue's key)
    s = screen.wait_for(t, "Typed, not saved: Ok, supported: yes_")
    assert "Enter writes it as a note, Esc throws it away" in s
    assert "Undo the last change" not in s
    assert [n["text"] for n in item(meeting)["notes"]] == ["A saved point"]
    screen.keys(t, "Enter")
    prompt(screen, t, "Add what?", "")  # a key point
    s = screen.wait_for(t, "Ctrl-D or F2 save")
    assert "Ok, supported: yes" in s
    screen.type(t, ", said Mansour")
    screen.keys(t, "C-d")
    screen.wait_for(t, "added note")
    s = screen.wait_gone(t, "Typed, not saved")
    assert [n["text"] for n in item(meeting)["notes"]] == \
        ["A saved point", "Ok, supported: yes, said Mansour"]

    # A key bound to nothing starts it too; erased, the keys are keys again.
    screen.type(t, "Zu")
    screen.wait_for(t, "Typed, not saved: Zu_")
    screen.keys(t, "BSpace", "BSpace")
    screen.wait_gone(t, "Typed, not saved")
    screen.keys(t, "a")
    screen.wait_for(t, "Add what?")
    screen.keys(t, "Escape")
    screen.wait_gone(t, "Add what?")
    # Esc asks before the words go; quitting asks too.
    screen.type(t, "Mansour")
    screen.wait_for(t, "Typed, not saved: Mansour_")
    screen.keys(t, "C-c")
    screen.wait_for(t, "Quit and lose what is being written?")
    screen.keys(t, "n")
    screen.keys(t, "Escape")
    screen.wait_for(t, "Throw away what was typed? It is not saved.")
    screen.keys(t, "y")
    s = screen.wait_for(t, "thrown away: what was typed with the editor closed")
    assert "Typed, not saved" not in s
    assert len(item(meeting)["notes"]) == 2
    screen.keys(t, "C-c")  # nothing kept now: quits at once
    assert screen.dead_status(t) == 0


def speaker_state(r):
    return [e["state"] for e in r.json("queue", "list", "thematic-1", "--json")
            if e["state"] in ("speaking", "paused")]


def typed_into_a_question(screen, t, words, said):
    """words typed with the editor closed, the first asking a question: the
    next answers no, saying so, and all of them are kept (then thrown away)."""
    screen.type(t, words)
    s = screen.wait_for(t, f"Typed, not saved: {words}_")
    assert said in s
    screen.keys(t, "Escape")
    screen.wait_for(t, "Throw away what was typed?")
    screen.keys(t, "y")
    screen.wait_gone(t, "Typed, not saved")


def test_a_question_takes_y_only_and_the_words_typed_into_it_are_kept(screen, meeting):
    """A note-taker typed a sentence with the editor closed: u asked to
    undo, the question took no key but y and n, so the y of 'you' undid the
    note just saved; d on the note and 'delegates say yes' deleted it and the
    space after paused the speaker; 'qatar delegation' quit at once.  A
    question takes y for yes, and any other printable key is no, said, and
    no command; in the Notes pane the words are kept, whole."""
    meeting.ok("queue", "add", "thematic-1", "wang@example.org")
    meeting.ok("queue", "start", "thematic-1")
    t = open_notes(screen, meeting, 80, 24)
    add(screen, t, "key", ["Panellists stressed decent work."])
    screen.wait_for(t, "added note")
    saved = ["Panellists stressed decent work."]
    for words, said in [("up to you all, said the chair", "nothing undone: 'p' is not y"),
                        ("delegates say yes", "not done: 'e' is not y"),
                        ("qatar delegation supports", "not done: 'a' is not y")]:
        typed_into_a_question(screen, t, words, said)
        assert [n["text"] for n in item(meeting)["notes"]] == saved, words
        assert speaker_state(meeting) == ["speaking"], words
    # y still answers: the note is deleted, then q and y quit.
    screen.keys(t, "d")
    screen.wait_for(t, 'Delete note "Panellists stressed decent work."?')
    screen.keys(t, "y")
    screen.wait_for(t, "no key points yet")
    assert item(meeting)["notes"] == []
    screen.keys(t, "q")
    screen.wait_for(t, "Quit rostrum?")
    screen.keys(t, "y")
    assert screen.dead_status(t) == 0


def test_a_text_past_the_limit_is_not_typed_and_a_refused_text_comes_back_to_be_mended(
        screen, meeting):
    """A key point of 20,001 bytes pasted was refused only when saved; the
    objectives' box opened (no key point is asked them) and came back at
    each Enter, Esc asked to throw the note away: the text was out of reach.
    The editor keeps no more than a text holds and says so; a text the core
    refuses (a control of text direction) opens the editor again on it."""
    t = open_notes(screen, meeting, 80, 24)
    open_editor(screen, t, "key")
    paste(screen, t, "x" * 20001)
    screen.wait_for(t, "not typed: a text holds at most 20000 bytes (UTF-8); this one is full")
    screen.keys(t, "C-d")
    s = screen.wait_for(t, "added note")
    assert "GCM objectives" not in s
    assert [len(n["text"]) for n in item(meeting)["notes"]] == [20000]

    open_editor(screen, t, "key")
    screen.type(t, "Agreed\u202e by all")
    screen.keys(t, "C-d")
    s = screen.wait_for(t, "the text: a control of text direction U+202E (byte 7)")
    assert "Ctrl-D or F2 save" in s and "GCM objectives" not in s
    screen.keys(t, *["Left"] * len(" by all"), "BSpace", "C-d")
    screen.wait_for(t, "added note")
    assert [n["text"] for n in item(meeting)["notes"]][1:] == ["Agreed by all"]


def test_a_control_typed_or_pasted_is_drawn_inert_before_it_is_saved(screen, meeting):
    """Text from users never reaches the terminal raw, also while it is
    typed: a reversal of direction pasted into the editor, or into a
    one-line field, is drawn as U+FFFD in its place (the save refuses it
    later), and what follows it stays where it was typed."""
    t = open_notes(screen, meeting, 80, 24)
    open_editor(screen, t, "key")
    paste(screen, t, "Agreed\u202e by all")
    s = screen.wait_for(t, "Agreed\ufffd by all")
    assert "\u202e" not in s
    screen.keys(t, "Escape")
    screen.wait_for(t, "Throw away")
    screen.keys(t, "y")
    screen.keys(t, "a")
    screen.wait_for(t, "Add what?")
    paste(screen, t, "ke\u202ey")
    s = screen.wait_for(t, "ke\ufffdy")
    assert "\u202e" not in s


def test_tab_in_the_editor_types_a_tab(screen, meeting):
    """A tab typed in the notes editor was dropped ('Col1Col2' stored), yet
    a text may hold tabs.  Tab types one, shown to the next tab stop in the
    editor and as a blank in the pane; a pasted tab is kept too."""
    t = open_notes(screen, meeting, 80, 24)
    open_editor(screen, t, "key")
    screen.type(t, "Col1")
    screen.keys(t, "Tab")
    screen.type(t, "Col2")
    screen.keys(t, "Enter")
    paste(screen, t, "A\tB")
    s = screen.wait_for(t, "A       B")
    assert "Col1    Col2" in s  # the tab reaches column 8
    screen.keys(t, "C-d")
    s = screen.wait_for(t, "added note")
    assert "Col1 Col2" in s and "\ufffd" not in s
    assert [n["text"] for n in item(meeting)["notes"]] == ["Col1\tCol2\nA\tB"]


def selected_entry(screen, t):
    """The text of the entry drawn selected (its first row: '* ' then the
    text in the selection's colours)."""
    rows = styled_rows(screen.tmux("capture-pane", "-e", "-N", "-p", "-t", t))
    chosen = ["".join(ch for ch, _ in row)[4:].rstrip() for row in rows[3:-1]
              if len(row) > 4 and "".join(ch for ch, _ in row)[2:4] == "* "
              and (row[4][1].bg is not None or row[4][1].reverse)]
    assert len(chosen) == 1, chosen
    return chosen[0]


def test_the_selection_stays_on_the_entry_as_another_terminal_writes(screen, meeting):
    """The selection stayed on a row number: another terminal's notes came
    in above it and e opened someone else's outcome ('Edit note 11' on a
    next step selected).  It follows the entry; one that leaves is named
    with what is selected now, and the next key is refused once."""
    meeting.ok("note", "thematic-1", "An early point")
    step = meeting.new_id("nextstep", "thematic-1", "Report back in June")
    t = open_notes(screen, meeting, cols=80, rows=24)
    screen.keys(t, "G")
    screen.wait(t, lambda s: "Report back in June" in s, what="the next step")
    screen.wait(t, lambda s: selected_entry(screen, t) == "Report back in June",
                what="the next step selected")
    for i in range(1, 9):
        meeting.ok("note", "thematic-1", f"CLI key point number {i}")
    screen.wait_for(t, "CLI key point number 8")
    assert selected_entry(screen, t) == "Report back in June"
    screen.keys(t, "e")
    s = screen.wait_for(t, "Edit next step on 'Thematic discussion I'")
    assert "Report back in June" in s
    screen.keys(t, "Escape")
    screen.wait_for(t, "Throw away what is being written?")
    screen.keys(t, "y")
    screen.wait_gone(t, "Edit next step")
    # Outcomes above it deleted elsewhere: still on it.
    notes = item(meeting)["notes"]
    for n in notes[:3]:
        meeting.ok("outcome", "delete", str(n["id"]))
    screen.wait_gone(t, "CLI key point number 2")
    assert selected_entry(screen, t) == "Report back in June"
    # The entry itself deleted elsewhere: said, and e acts on nothing once.
    meeting.ok("outcome", "delete", str(step))
    s = screen.wait_for(t, "left this view")
    told = " ".join(" ".join(s.splitlines()[-4:]).split())
    assert ('next step "Report back in June" left this view; note "CLI key point number 8" '
            'is selected now') in told
    assert selected_entry(screen, t) == "CLI key point number 8"
    screen.keys(t, "e")
    s = screen.wait_for(t, "e again acts on it")
    assert "Edit note" not in s
    screen.keys(t, "e")
    screen.wait_for(t, "Edit note")
    screen.keys(t, "Escape")


def in_box(s):
    """The words inside a box's sides, its rows joined as one line."""
    rows = [line[line.index("│") + 1:line.rindex("│")] for line in s.splitlines()
            if line.count("│") >= 2]
    return " ".join(" ".join(rows).split())


def notes_of(r, code):
    """The texts of an item's key points, from the JSON export."""
    agenda = r.json("export", "summary", "--format", "json")["agenda"]
    return [n["text"] for n in next(a for a in agenda if a["code"] == code)["notes"]]


def test_words_typed_go_to_the_item_shown_when_the_typing_began(screen, meeting):
    """Words typed with the editor closed went to the item live when Enter
    was pressed: the moderator opened the next item meanwhile, and the
    objection typed during thematic-1 was saved to thematic-2 under a box
    that said 'New key point for thematic-2'."""
    meeting.new_id("agenda", "add", "--title", "Thematic discussion II", "--code", "thematic-2")
    meeting.ok("agenda", "open", "thematic-1")
    t = open_notes(screen, meeting, cols=80, rows=24)
    screen.type(t, "Objection from the floor on time limits")
    screen.wait_for(t, "Typed, not saved: Objection from the floor on time limits_")
    meeting.ok("agenda", "open", "thematic-2")
    screen.wait_for(t, "Notes  thematic-2")
    screen.keys(t, "Enter")
    prompt(screen, t, "Add what?", "")  # a key point
    s = screen.wait_for(t, "Ctrl-D or F2 save")
    assert "New key point (not the live item) for thematic-1 Thematic discussion I" in s
    assert ("Written during thematic-1; the notes show thematic-2 now. It goes to "
            "thematic-1.") in in_box(s)
    assert "Objection from the floor on time limits" in s
    screen.keys(t, "C-d")
    screen.wait_for(t, "added note on 'Thematic discussion I'")
    assert notes_of(meeting, "thematic-1") == ["Objection from the floor on time limits"]
    assert notes_of(meeting, "thematic-2") == []
    # An addition begun with a keeps its item too, and its box names it.
    screen.keys(t, "a")
    screen.wait_for(t, "Add what?")
    meeting.ok("agenda", "open", "thematic-1")
    screen.wait_for(t, "thematic-1 Thematic discussion I")
    screen.type(t, "key")
    screen.keys(t, "Enter")
    s = screen.wait_for(t, "Ctrl-D or F2 save")
    assert "New key point (not the live item) for thematic-2 Thematic discussion II" in s
    screen.type(t, "Time limits apply to all")
    screen.keys(t, "C-d")
    screen.wait_for(t, "added note on 'Thematic discussion II'")
    assert notes_of(meeting, "thematic-2") == ["Time limits apply to all"]


@pytest.mark.parametrize("cols,rows", [(80, 24), (100, 30)])
def test_an_edit_met_by_another_shows_both_texts_and_why_in_the_box(screen, meeting, cols, rows):
    """The text edited here was changed on another terminal meanwhile: the
    refusal ('Ctrl-D saves yours over it, Esc keeps theirs') was in the
    band over the status line, behind the editor's box, and their text was
    shown nowhere, so the choice was made blind."""
    step = meeting.new_id("nextstep", "thematic-1", "Report back in June")
    t = open_notes(screen, meeting, cols=cols, rows=rows)
    screen.keys(t, "G", "e")
    screen.wait_for(t, "Edit next step on 'Thematic discussion I'")
    screen.keys(t, "End")
    screen.type(t, ", with the budget")
    screen.wait_for(t, "with the budget")
    meeting.ok("outcome", "edit", str(step), "--text", "changed at the desk")
    screen.keys(t, "C-d")
    s = screen.wait_for(t, "Changed meanwhile on another terminal")
    box = in_box(s)
    assert ("Not saved: theirs is above the line, yours below it. Ctrl-D saves yours over "
            "theirs, Esc keeps theirs.") in box
    lines = s.splitlines()
    theirs = next(i for i, line in enumerate(lines) if "changed at the desk" in line)
    rule = next(i for i, line in enumerate(lines) if "yours, below:" in line)
    yours = next(i for i, line in enumerate(lines) if "Report back in June, with the" in line)
    assert theirs < rule < yours
    assert item(meeting)["next_steps"][0]["text"] == "changed at the desk"
    screen.keys(t, "C-d")
    prompt(screen, t, "GCM objectives", "")
    screen.wait_for(t, "saved next step")
    assert item(meeting)["next_steps"][0]["text"] == "Report back in June, with the budget"
