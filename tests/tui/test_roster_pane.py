"""The roster pane in a real terminal (80x24): the demo roster filtered as you
type, columns laid out by display width, the walk-in form, the full edit
form and deletes (checked with the CLI), and hostile text shown inert."""
import re
import sqlite3

import pytest

from conftest import capture_styled, display_width, open_tui, style_of

HEADER_ROW, FIRST_DATA_ROW = 2, 3  # below the tab bar and the pane's title

# SPEC.md's reference data: the sectors' codes and the labels people know.
SECTOR_LABELS = {
    "migrant": "Migrants and migrant associations", "civil_society": "Civil society organizations",
    "diaspora": "Migrant and diaspora organizations", "faith": "Faith-based organizations",
    "local_authority": "Local and regional authorities and communities",
    "private_sector": "Private sector", "trade_union": "Trade unions",
    "parliamentarian": "Parliamentarians", "nhri": "National human rights institutions",
    "red_cross": "International Red Cross and Red Crescent Movement", "academia": "Academia",
    "media": "Media", "youth": "Children and youth organizations",
    "human_rights_mechanism": "Human rights mechanisms", "member_state": "Member States",
    "un_system": "United Nations system", "other": "Other relevant stakeholders",
}


def open_roster(screen, r, cols=80, rows=24):
    t = open_tui(screen, r, cols, rows)
    screen.keys(t, "2")
    screen.wait_for(t, "Organization")
    return t


def rows_of(screen_text):
    """The pane's data rows: between the column titles and the status line."""
    lines = screen_text.splitlines()
    return [line for line in lines[FIRST_DATA_ROW:-1] if line.strip()]


def column_of(line, text):
    """The display column at which text starts in line."""
    return display_width(line[:line.index(text)])


def at_column(line, col):
    """What line shows from display column col on."""
    used = 0
    for i, c in enumerate(line):
        if used >= col:
            return line[i:]
        used += display_width(c)
    return ""


def roster(r):
    return r.json("stakeholder", "list", "--json")


def by_name(r, name):
    return [s for s in roster(r) if s["name"] == name]


def filter_for(screen, t, text):
    """/ and text; waits for the header to show it, then Enter keeps it."""
    screen.keys(t, "/")
    screen.wait_for(t, "/_")
    screen.type(t, text)
    screen.wait_for(t, f"/{text}_")
    screen.keys(t, "Enter")
    return screen.wait(t, lambda s: f"/{text}_" not in s and f"/{text}" in s, what=text)


def assert_lined_up(screen_text, r):
    """Every data row's organization and sector start under their titles."""
    lines = screen_text.splitlines()
    org_col = column_of(lines[HEADER_ROW], "Organization")
    sector_col = column_of(lines[HEADER_ROW], "Sector")
    people = roster(r)
    rows = rows_of(screen_text)
    assert rows
    for line in rows:
        who = [s for s in people if line.startswith(s["name"][:15])]
        assert len(who) == 1, (line, who)
        org = who[0]["organization"] or ""
        assert at_column(line, org_col).startswith(org[:10]), (line, org)
        assert at_column(line, sector_col).startswith(SECTOR_LABELS[who[0]["sector"]][:10]), line


def test_roster_shows_the_demo_and_moves(screen, hearing):
    t = open_roster(screen, hearing)
    s = screen.wait_for(t, "1 of 62")
    assert "Abdulla Shahid" in s and "Name" in s and "Sector" in s
    assert "/ filter  a walk-in" in s  # the status line's room for hints, at 80 columns
    screen.keys(t, "G")
    s = screen.wait_for(t, "62 of 62")
    assert "王芳" in s  # sorted last, read by a window at the end
    screen.keys(t, "g")
    screen.wait_for(t, "1 of 62")
    screen.keys(t, "NPage")
    screen.wait(t, lambda s: "1 of 62" not in s and " of 62" in s, what="a page down")
    screen.keys(t, "Down")
    screen.keys(t, "PPage")
    screen.wait_for(t, "2 of 62")


def test_filter_narrows_to_vitorino_and_lines_up(screen, hearing):
    t = open_roster(screen, hearing)
    screen.keys(t, "/")
    screen.wait_for(t, "/_")
    screen.type(t, "Vitorino")
    s = screen.wait_for(t, "/Vitorino_")
    s = screen.wait_for(t, "1 of 1")
    rows = rows_of(s)
    assert len(rows) == 1 and rows[0].startswith("António Vitorino"), rows
    assert_lined_up(s, hearing)
    # Backspace widens the filter again; Enter keeps it; Esc clears it.
    screen.keys(t, "BSpace")
    screen.wait_for(t, "/Vitorin_")
    screen.keys(t, "Enter")
    screen.wait_for(t, "/Vitorin  1 of 1")
    screen.keys(t, "Escape")
    screen.wait_for(t, "1 of 62")


def test_columns_line_up_by_display_width_with_cjk(screen, hearing):
    t = open_roster(screen, hearing)
    screen.keys(t, "G")
    s = screen.wait_for(t, "王芳")
    assert any("Søren" in line for line in rows_of(s))
    assert_lined_up(s, hearing)


def test_the_roster_sorts_by_the_letters_people_read(screen, hearing):
    """Élise among the E, Søren among the S, Ayşe among the A: not after Zoë."""
    t = open_roster(screen, hearing, 80, 40)
    s = screen.wait_for(t, "1 of 62")
    rows = rows_of(s)

    def at(name):
        return next(i for i, line in enumerate(rows) if line.startswith(name))
    assert at("Eleanor Whitfield") < at("Élise Moreau") < at("Fatima Zahra")
    assert at("Ayşe Demir") < at("Björn Åkesson") < at("Camila Souza")


def test_filter_by_organization_country_and_diacritics(screen, hearing):
    t = open_roster(screen, hearing)
    s = filter_for(screen, t, "antonio")
    assert any(line.startswith("António Vitorino") for line in rows_of(s))
    screen.keys(t, "Escape")
    screen.wait_for(t, "1 of 62")
    s = filter_for(screen, t, "CN")
    assert any(line.startswith("王芳") for line in rows_of(s))


def test_filter_finds_a_given_name_written_unspaced_and_greek_without_accents(screen, hearing):
    """The desk types a given name: 芳 finds 王芳 (Chinese writes the name
    unspaced, one word to the search before), ελενη finds Ελένη."""
    hearing.new_id("stakeholder", "add", "--name", "Ελένη Παπαδοπούλου", "--sector", "academia")
    t = open_roster(screen, hearing)
    for typed, name in [("芳", "王芳"), ("ελενη", "Ελένη Παπαδοπούλου"), ("ΠΑΠΑΔΟΠΟΎΛΟΥ", "Ελένη")]:
        s = filter_for(screen, t, typed)
        assert "1 of 1" in s, s
        assert [line for line in rows_of(s) if line.startswith(name)], s
        screen.keys(t, "Escape")
        screen.wait_for(t, "1 of 63")


def test_walk_in_add(screen, hearing):
    t = open_roster(screen, hearing)
    screen.keys(t, "a")
    screen.wait_for(t, "Walk-in")
    screen.type(t, "Zoë Walker")
    screen.keys(t, "Tab")
    screen.type(t, "Comité des migrants")
    screen.keys(t, "Tab")
    screen.type(t, "Migrants and migrant associations")  # a label, not a code
    screen.keys(t, "Enter")
    screen.wait_for(t, "added Zoë Walker")
    screen.wait_for(t, "of 63")
    [z] = by_name(hearing, "Zoë Walker")
    assert z["organization"] == "Comité des migrants" and z["sector"] == "migrant"
    # The walk-in is the one selected: the next key acts on them.
    styled = capture_styled(screen, t)
    assert style_of(styled, "Zoë Walker") != style_of(styled, rows_of(screen.capture(t))[0][:12])
    screen.keys(t, "e")
    s = screen.wait_for(t, "Edit (sector")
    assert "Comité des migrants" in s
    screen.keys(t, "Escape")


def test_walk_in_refusal_shows_on_the_status_line(screen, hearing):
    t = open_roster(screen, hearing)
    screen.keys(t, "a")
    screen.wait_for(t, "Walk-in")
    screen.type(t, "Nobody")
    screen.keys(t, "Tab", "Tab")
    screen.type(t, "astronauts")
    screen.keys(t, "Enter")
    screen.wait_for(t, "unknown sector 'astronauts'")
    assert not by_name(hearing, "Nobody")


def test_j_and_k_move_in_a_chooser_of_a_few_choices(screen, hearing):
    """A chooser of choices that are read (v's views, P's policies) moves
    with j and k, as the help says, where they were typed into a search
    (and 'jjj' matched nothing); one of words known by name (the sectors)
    says in its title that it is narrowed by typing, the arrows moving."""
    t = open_roster(screen, hearing)
    screen.keys(t, "v")
    s = screen.wait_for(t, " 1 of 8 ")
    assert "type to narrow" not in s
    screen.keys(t, "j", "j", "j")
    screen.wait_for(t, " 4 of 8 ")
    screen.keys(t, "k")
    screen.wait_for(t, " 3 of 8 ")
    screen.keys(t, "Enter")
    screen.wait_for(t, "Roster  [not yet present]")
    screen.keys(t, "P")
    s = screen.wait_for(t, "ordered?")
    now = int(re.search(r" (\d) of 7 ", s).group(1))
    screen.keys(t, "k")
    screen.wait_for(t, f" {now - 1} of 7 ")
    screen.keys(t, "Escape")
    screen.wait_gone(t, "ordered?")
    screen.keys(t, "a")
    screen.wait_for(t, "Walk-in")
    screen.type(t, "Zoë Walker\t\tmigrants")
    screen.keys(t, "Enter")
    s = screen.wait_for(t, "(type to narrow)")
    assert " 1 of 17 " in s
    screen.keys(t, "Down")
    screen.wait_for(t, " 2 of 17 ")
    screen.type(t, "trade")
    s = screen.wait_for(t, " 1 of 1 ")
    assert "Trade unions  (trade_union)" in s


def box_rows(s):
    """The rows of the box drawn over the pane, between its corners."""
    lines = s.splitlines()
    top = next(i for i, line in enumerate(lines) if "┌" in line)
    bottom = next(i for i, line in enumerate(lines) if "└" in line)
    return lines[top:bottom + 1]


def assert_inside_the_box(s, text):
    """Every row of the box ends at its right border, and text is within."""
    rows = box_rows(s)
    right = display_width(rows[0][:rows[0].index("┐")])
    for line in rows[1:-1]:
        assert at_column(line, right).startswith("│"), (line, s)
    [line] = [line for line in rows if text in line]
    assert display_width(line[:line.index(text) + len(text)]) <= right, s


def test_every_field_of_the_walk_in_form_shows_at_the_smallest_size(screen, hearing):
    """At 60x16 the form has fewer rows than fields: Tab scrolls the field
    being typed into view (Role and Present were below the box, typed into
    unseen), and a refusal is written inside the box."""
    t = open_roster(screen, hearing, 60, 16)
    screen.keys(t, "a")
    screen.wait_for(t, "Walk-in")
    screen.keys(t, "Tab", "Tab")
    screen.type(t, "academia")
    screen.keys(t, *["Tab"] * 8)
    screen.type(t, "organiser")
    s = screen.wait(t, lambda s: any("Role" in line and "organiser" in line
                                     for line in box_rows(s)), what="Role organiser")
    screen.keys(t, "Tab", "BSpace", "BSpace", "BSpace")
    screen.type(t, "no")
    s = screen.wait(t, lambda s: any("Present (yes/no)" in line and " no " in line
                                     for line in box_rows(s)), what="Present no")
    assert "12 of 12" in s
    assert_inside_the_box(s, "Present (yes/no)")
    screen.keys(t, "Tab", "Enter")  # back at Name, left empty
    s = screen.wait_for(t, "Name: required")
    assert_inside_the_box(s, "Name: required")
    assert any(line.split("│")[1].strip() == "Name" for line in box_rows(s)[1:-1]), s
    screen.type(t, "Zoë Walker")
    screen.keys(t, "Enter")
    screen.wait_for(t, "added Zoë Walker")
    [z] = by_name(hearing, "Zoë Walker")
    assert z["role"] == "organiser" and not z["present"]


@pytest.mark.parametrize("cols,rows", [(80, 24), (60, 16)])
def test_the_list_offered_for_a_refused_field_says_why_inside_its_box(screen, hearing, cols,
                                                                      rows):
    """Its title was cut at 80 columns ("Sector: unknown sector 'migrants';
    choose one (type to narrow, Esc: bac…"), the more so for a longer value:
    the title is short, and the refusal, with what was typed, is written
    under it, wrapped inside the box."""
    t = open_roster(screen, hearing, cols, rows)
    screen.keys(t, "a")
    screen.wait_for(t, "Walk-in")
    typed = "migrants and " + "very " * 8 + "many others"
    screen.type(t, "Zoë Walker\t\t" + typed)
    screen.keys(t, "Enter")
    s = screen.wait_for(t, "Sector: choose one (type to narrow)")
    box = box_rows(s)
    assert "…" not in box[0]
    assert_inside_the_box(s, "Sector: choose one (type to narrow)")
    inside = " ".join(line.split("│")[1].strip() for line in box[1:-1])
    assert f"unknown sector '{typed}'" in inside, s
    screen.type(t, "trade")
    s = screen.wait_for(t, " 1 of 1 ")
    assert "Trade unions  (trade_union)" in s and f"unknown sector '{typed[:20]}" in s


def zoe_walks_in(screen, hearing, here, cols=80, rows=24):
    """Zoë Ñúñez (zoe@example.org) on the roster, checked in when here, and
    a walk-in Zoe Nunez typed with her address and saved; (her id, target)."""
    zoe = hearing.new_id("stakeholder", "add", "--name", "Zoë Ñúñez", "--sector", "youth",
                         "--email", "zoe@example.org")
    if here:
        hearing.ok("stakeholder", "checkin", str(zoe))
    t = open_roster(screen, hearing, cols, rows)
    screen.keys(t, "a")
    screen.wait_for(t, "Walk-in")
    for value in ["Zoe Nunez", "", "youth", "", "", "", "zoe@example.org"]:
        screen.type(t, value)
        screen.keys(t, "Tab")
    screen.keys(t, "Enter")
    return zoe, t


def in_box(s):
    """What a form's box holds, its lines joined as words."""
    inside = [line[line.index("│") + 1:line.rindex("│")] for line in s.splitlines()
              if line.count("│") >= 2]
    return " ".join(" ".join(inside).split())


def test_a_walk_in_with_an_email_on_the_roster_is_offered_its_holder(screen, hearing):
    zoe, t = zoe_walks_in(screen, hearing, here=False, cols=100, rows=30)
    # Whose address it is and what to do, not the address's format.
    taken = f"zoe@example.org is Zoë Ñúñez's ({zoe}): check them in instead"
    s = screen.wait_for(t, taken + "?")
    assert "y check them in   n back to the form" in s and "name@example.org" not in s
    screen.keys(t, "n")
    s = screen.wait_for(t, "Email: " + taken)
    assert "Zoe Nunez" in s and "name@example.org" not in s
    screen.keys(t, "Enter")
    screen.wait_for(t, taken + "?")
    screen.keys(t, "y")
    screen.wait_for(t, "checked in: Zoë Ñúñez (u undoes)")
    assert [z["present"] for z in by_name(hearing, "Zoë Ñúñez")] == [1]
    assert not by_name(hearing, "Zoe Nunez")


def test_a_walk_in_with_the_email_of_someone_here_is_told_what_to_do(screen, hearing):
    zoe, t = zoe_walks_in(screen, hearing, here=True)
    s = screen.wait(t, lambda s: re.search(
        rf"Email: zoe@example\.org is Zoë Ñúñez's \({zoe}\), checked in already since "
        r"\d\d:\d\d: give another address, or none", in_box(s)), what="the remedy")
    assert "Zoe Nunez" in s  # the form, back with what was typed
    # None, as it says: the walk-in is added.
    screen.keys(t, *["BSpace"] * len("zoe@example.org"))
    screen.keys(t, "Enter")
    screen.wait_for(t, "added Zoe Nunez, checked in")
    [added] = by_name(hearing, "Zoe Nunez")
    assert added["present"] and not added["email"]


def edit_walk_in(screen, hearing):
    """Walk In (Old Org, youth, KE, walk@example.org) on the roster, the
    edit form open on them."""
    hearing.new_id("stakeholder", "add", "--name", "Walk In", "--sector", "youth",
                   "--org", "Old Org", "--country", "KE", "--email", "walk@example.org")
    t = open_roster(screen, hearing)
    filter_for(screen, t, "Walk")
    screen.keys(t, "e")
    screen.wait_for(t, "Accreditation  none")
    return t


def retype_organization(screen, t, new):
    """The form's organization, Old Org, typed over."""
    screen.keys(t, "Tab")
    screen.keys(t, *["BSpace"] * len("Old Org"))
    screen.type(t, new)


def test_edit_changes_the_organization(screen, hearing):
    t = edit_walk_in(screen, hearing)
    retype_organization(screen, t, "New Org")
    screen.keys(t, "Enter")
    screen.wait_for(t, "saved Walk In")
    [w] = by_name(hearing, "Walk In")
    # The fields left alone keep their values.
    assert (w["organization"], w["sector"], w["country"]) == ("New Org", "youth", "KE")


def test_an_edit_keeps_what_another_terminal_changed_meanwhile(screen, hearing):
    t = edit_walk_in(screen, hearing)
    # The desk changes two other fields while the form is open here.
    hearing.ok("stakeholder", "edit", "walk@example.org", "--participation", "online",
               "--languages", "fr;ar")
    retype_organization(screen, t, "New Org")
    screen.keys(t, "Enter")
    screen.wait_for(t, "saved Walk In")
    [w] = by_name(hearing, "Walk In")
    assert (w["organization"], w["participation"], w["languages"]) == ("New Org", "online",
                                                                       "fr;ar")


def test_delete_refused_while_queued_allowed_for_a_walk_in(screen, hearing):
    hearing.new_id("stakeholder", "add", "--name", "Walk In", "--sector", "youth")
    t = open_roster(screen, hearing)
    filter_for(screen, t, "王芳")
    screen.keys(t, "d")
    # Refused before the question, saying which entry and what to do; the
    # command line says the same.
    s = screen.wait_for(t, "王芳 stays on the roster")
    assert "Delete 王芳?" not in s
    told = " ".join(" ".join(s.splitlines()[-4:]).split())
    [entry] = [e for e in hearing.json("queue", "list", "thematic-1", "--json")
               if e["name"] == "王芳"]
    words = (f"王芳 stays on the roster: the speakers' lists keep their queue entry "
             f"{entry['id']} (thematic-1, waiting); to keep them off the floor, withdraw a "
             f"waiting entry (queue withdraw {entry['id']}, or w in the Queue pane while its "
             f"item runs)")
    assert words in told
    cli = hearing.run("stakeholder", "delete", "王芳")
    assert cli.returncode == 2 and cli.stderr.strip() == f"rostrum: {words}"
    assert by_name(hearing, "王芳")
    screen.keys(t, "Escape")
    screen.wait_for(t, "of 63")
    filter_for(screen, t, "Walk")
    screen.keys(t, "d")
    screen.wait_for(t, "Delete Walk In?")
    screen.keys(t, "n")
    screen.wait_gone(t, "Delete Walk In?")
    assert by_name(hearing, "Walk In")
    screen.keys(t, "d")
    screen.wait_for(t, "Delete Walk In?")
    screen.keys(t, "y")
    screen.wait_for(t, "deleted Walk In")
    screen.wait_for(t, "0 of 0")
    assert not by_name(hearing, "Walk In")


def test_a_duplicate_whose_request_was_withdrawn_is_deleted_and_the_question_says_so(
        screen, hearing):
    """A duplicate registration whose request was withdrawn was refused for
    good; it is deleted now, and the question says the request goes too."""
    dup = hearing.new_id("stakeholder", "add", "--name", "Dup Walk", "--sector", "youth",
                         "--email", "dup@example.org")
    entry = hearing.new_id("queue", "add", "thematic-1", str(dup))
    hearing.ok("queue", "withdraw", str(entry))
    t = open_roster(screen, hearing)
    filter_for(screen, t, "Dup Walk")
    screen.keys(t, "d")
    s = screen.wait_for(t, "with their withdrawn request")
    assert "Delete Dup Walk (dup@example.org), with their withdrawn request" in \
        " ".join(" ".join(s.splitlines()).split())
    screen.keys(t, "y")
    screen.wait_for(t, "deleted Dup Walk")
    assert not by_name(hearing, "Dup Walk")
    con = sqlite3.connect(f"file:{hearing.db}?mode=ro", uri=True)
    try:
        assert con.execute("SELECT count(*) FROM queue_entry WHERE id = ?",
                           (entry,)).fetchone() == (0,)
    finally:
        con.close()


def test_hostile_name_is_inert(screen, hearing):
    who = hearing.new_id("stakeholder", "add", "--name", "Aaa Evil", "--sector", "other",
                         "--org", "Org")
    # Refused at input now; a database from before may hold them.
    hearing.plant("stakeholder", who, "name", "Aaa\033[2J\x01\x07Evil")
    hearing.plant("stakeholder", who, "organization", "Org\033]0;pwned\x07")
    t = open_roster(screen, hearing)
    s = screen.wait_for(t, "Evil")
    # Still the whole screen: no clear, and every row where it belongs.
    assert "1 Agenda" in s and "Abdulla Shahid" in s and "1 of 63" in s
    [row] = [line for line in rows_of(s) if "Evil" in line]
    assert "\ufffd" in row and "\033" not in row and "\x07" not in row
    assert row.startswith("Aaa\ufffd")
    assert at_column(row, column_of(s.splitlines()[HEADER_ROW], "Organization")).startswith("Org")


@pytest.mark.parametrize("env", [{}, {"NO_COLOR": "1"}], ids=["colour", "no-color"])
def test_the_sector_column_names_the_sector_at_80_columns(screen, hearing, tmp_path, env):
    """At 80 columns the Sector column gives each person's sector by its
    label, the name people know (a code, 'un_system', 'red_cross', is the
    database's word), cut with an ellipsis at the column's width; a label
    the config renames ('UN system') shows as renamed."""
    config = tmp_path / "rostrum.conf"
    config.write_text('sector "un_system" { label = "UN system" }\n')
    labels = dict(SECTOR_LABELS, un_system="UN system")
    t = open_tui(screen, hearing, 80, 24, "--config", str(config), **env)
    screen.keys(t, "2")
    s = screen.wait_for(t, "1 of 62")
    head = s.splitlines()[HEADER_ROW]
    col = column_of(head, "Sector")
    width = column_of(head, "Region") - col - 1
    people = roster(hearing)
    seen = set()
    for line in rows_of(s):
        [who] = [p for p in people if line.startswith(p["name"][:15])]
        label = labels[who["sector"]]
        shown = label if len(label) <= width else label[:width - 1] + "…"
        assert at_column(line, col)[:width].rstrip() == shown, (line, who["sector"])
        seen.add(who["sector"])
    assert {"un_system", "red_cross", "local_authority"} <= seen  # renamed, cut, cut


def test_columns_follow_the_width(screen, hearing):
    t = open_roster(screen, hearing, cols=100)
    s = screen.wait_for(t, "Accred.")
    assert "Gender" in s and "United Nations" in s  # the sector's label, cut to the column
    # The pane's first hints, undo, then as many more as fit; help always.
    assert s.rstrip().splitlines()[-1].endswith(
        "/ filter  a walk-in  i check in/out  u undo  ? help")
    screen.resize(t, 119, 24)
    s = screen.wait_for(t, "v view")
    assert "/ filter  a walk-in  i check in/out  u undo  v view  A accredit  ? help" in s
    s = screen.wait_for(t, "United Nations system")  # and labels when there is room
    screen.resize(t, 62, 24)
    s = screen.wait(t, lambda s: "Region" not in s and "Sector" in s and " United Nation" in s,
                    what="narrow columns")
    assert "Organization" in s and "Here" in s
    assert_lined_up(s, hearing)


def test_esc_asks_before_throwing_a_typed_form_away(screen, hearing):
    t = open_roster(screen, hearing)
    screen.keys(t, "a")
    screen.wait_for(t, "Walk-in")
    screen.keys(t, "Escape")  # nothing typed: closed at once
    screen.wait_gone(t, "Walk-in")
    screen.keys(t, "a")
    screen.wait_for(t, "Walk-in")
    screen.type(t, "Zoë Walker")
    screen.keys(t, "Tab")
    screen.type(t, "Comité des migrants")
    screen.keys(t, "Escape")
    screen.wait_for(t, "Throw away what is typed in the form?")
    screen.keys(t, "n")
    s = screen.wait_for(t, "Walk-in")
    assert "Zoë Walker" in s and "Comité des migrants" in s
    screen.keys(t, "Escape")
    screen.wait_for(t, "Throw away what is typed in the form?")
    screen.keys(t, "y")
    screen.wait_gone(t, "Walk-in")
    assert not by_name(hearing, "Zoë Walker")


def test_an_edit_of_someone_deleted_meanwhile_says_so(screen, hearing):
    t = edit_walk_in(screen, hearing)
    hearing.ok("stakeholder", "delete", "walk@example.org")
    screen.keys(t, "Enter")
    s = screen.wait_for(t, "not saved: Walk In was deleted meanwhile")
    assert "Accreditation" not in s  # the form is closed, not stuck


def test_a_field_changed_on_both_terminals_is_not_saved_over_unasked(screen, hearing):
    t = edit_walk_in(screen, hearing)
    retype_organization(screen, t, "Desk Org")
    hearing.ok("stakeholder", "edit", "walk@example.org", "--org", "CLI Org")
    screen.keys(t, "Enter")
    s = screen.wait_for(t, "changed on another terminal meanwhile to 'CLI Org'")
    assert "Desk Org" in s
    [w] = by_name(hearing, "Walk In")
    assert w["organization"] == "CLI Org"
    screen.keys(t, "Enter")  # told: this form's value goes over theirs
    screen.wait_for(t, "saved Walk In")
    [w] = by_name(hearing, "Walk In")
    assert w["organization"] == "Desk Org"
