"""The nominations pane in a real terminal: nominating with the pickers, one
line per nominee with the tally of distinct nominators, the details, and
moving a candidacy through its states (checked in the JSON export)."""
import pytest

from conftest import FIXTURES, ROOT, Rostrum, capture_styled, paste, styled_rows, tui_env


@pytest.fixture
def meeting(tmp_path):
    r = Rostrum(tmp_path)
    r.ok("init", "--title", "Hearing", "--date", "2022-05-16")
    for name, sector, email in [("Ana Ruiz", "migrant", "ana@example.org"),
                                ("Ben Okoro", "academia", "ben@example.org"),
                                ("王芳", "media", "wang@example.org")]:
        r.new_id("stakeholder", "add", "--name", name, "--sector", sector, "--email", email)
    return r


def nominations(r):
    return r.json("export", "summary", "--format", "json")["nominations"]


def open_nominations(screen, r):
    t = screen.start(tui_env(r), ["--db", r.db], 100, 30, term="tmux-256color")
    screen.wait_for(t, "1 Agenda")
    screen.keys(t, "4")
    screen.wait_for(t, "Nominations  ")
    return t


def pick(screen, t, title, query):
    screen.wait_for(t, title)
    screen.type(t, query)
    screen.wait_for(t, "no organisation")
    screen.keys(t, "Enter")


def nominate(screen, t, nominee, nominator, statement, role=None):
    """a, the nominee, the nominator (None: Esc), the role (None: the
    rapporteur offered), the statement."""
    screen.keys(t, "a")
    pick(screen, t, "Nominate whom?", nominee)
    if nominator:
        pick(screen, t, "Nominated by", nominator)
    else:
        screen.wait_for(t, "Nominated by")
        screen.keys(t, "Escape")
    screen.wait_for(t, "For which role?")
    if role:
        screen.keys(t, *["BSpace"] * len("rapporteur"))
        screen.type(t, role)
    screen.keys(t, "Enter")
    screen.wait_for(t, "Statement (optional)")
    if statement:
        screen.type(t, statement)
    screen.keys(t, "Enter")
    screen.wait_for(t, f"{role or 'rapporteur'}: ")  # the journal's words: "rapporteur: Ana Ruiz"


def set_state(screen, t, state):
    screen.keys(t, "e")
    screen.wait_for(t, "State of ")
    screen.type(t, state)
    screen.keys(t, "Enter")
    screen.wait_gone(t, "State of ")


def row(s, name):
    return next(line for line in s.splitlines() if name in line)


def test_nominate_tally_details_and_states(screen, meeting):
    t = open_nominations(screen, meeting)
    screen.wait_for(t, "No nominations yet")
    nominate(screen, t, "ana", "wang", "Ten years with migrant associations in the Sahel.")
    nominate(screen, t, "ana", "ben", "")
    nominate(screen, t, "wang", None, "")
    s = screen.wait_for(t, "2 nominees, 3 nominations")
    assert "rapporteur" in s
    ana = row(s, "Ana Ruiz")
    assert ana.split()[2:5] == ["2", "nominated", "Ten"], ana
    assert row(s, "王芳").split()[1:3] == ["0", "nominated"]

    # Enter: every nomination of the nominee, with its nominator and statement.
    screen.keys(t, "Home", "Enter")
    s = screen.wait_for(t, "Ana Ruiz, rapporteur")
    assert "2 distinct nominators" in s
    assert "by 王芳, nominated" in s and "by Ben Okoro, nominated" in s
    assert "Ten years with migrant associations in the Sahel." in s
    screen.keys(t, "q")  # any key closes the details, and does not quit
    screen.wait_gone(t, "distinct nominators")

    # Selected before accepted: the core's refusal is shown, nothing moves.
    set_state(screen, t, "selected")
    screen.wait_for(t, "cannot become")
    assert {n["state"] for n in nominations(meeting)} == {"nominated"}

    set_state(screen, t, "acc")
    screen.wait_for(t, "Ana Ruiz's nomination as rapporteur: accepted")
    set_state(screen, t, "selected")
    s = screen.wait_for(t, "✓ Ana Ruiz")
    assert "selected" in row(s, "Ana Ruiz")
    states = {(n["nominee"], n["nominated_by"]): n["state"] for n in nominations(meeting)}
    assert states == {(1, 3): "selected", (1, 2): "selected", (3, None): "nominated"}

    # The other candidacy declines; unknown states are refused by name.
    screen.keys(t, "End")
    set_state(screen, t, "dancing")
    screen.wait_for(t, "unknown state 'dancing'")
    set_state(screen, t, "declined")
    screen.wait_for(t, "王芳's nomination as rapporteur: declined")
    assert "declined" in row(screen.capture(t), "王芳")


def to_ben_s_statement(screen, t):
    """a: Ben nominated by Ana as rapporteur, the statement asked."""
    screen.keys(t, "a")
    pick(screen, t, "Nominate whom?", "ben")
    pick(screen, t, "Nominated by", "ana")
    screen.wait_for(t, "For which role?")
    screen.keys(t, "Enter")
    screen.wait_for(t, "Statement (optional)")


def test_statement_and_nominee_cancelled(screen, meeting):
    t = open_nominations(screen, meeting)
    screen.keys(t, "a")
    screen.wait_for(t, "Nominate whom?")
    screen.keys(t, "Escape")
    screen.wait_gone(t, "Nominate whom?")
    to_ben_s_statement(screen, t)
    screen.keys(t, "Escape")
    screen.wait_gone(t, "Statement (optional)")
    assert nominations(meeting) == []
    screen.wait_for(t, "No nominations yet")


def test_a_statement_past_the_limit_is_not_typed_and_not_lost(screen, meeting):
    """A statement of 20,001 bytes pasted was refused when Enter saved the
    nomination, and lost with it; the field keeps no more than a text
    holds, and says so."""
    t = open_nominations(screen, meeting)
    to_ben_s_statement(screen, t)
    paste(screen, t, "s" * 20001)
    screen.wait_for(t, "not typed: a text holds at most 20000 bytes (UTF-8); this one is full")
    screen.keys(t, "Enter")
    screen.wait_for(t, "rapporteur: ")
    [n] = nominations(meeting)
    assert len(n["statement"]) == 20000, n


def test_nominate_for_another_role(screen, meeting):
    t = open_nominations(screen, meeting)
    nominate(screen, t, "ben", "ana", "Chaired the regional review.", role="moderator")
    s = screen.wait_for(t, "moderator: Ben Okoro, nominated by Ana Ruiz")
    got = nominations(meeting)
    assert [(n["nominee"], n["nominated_by"], n["role"]) for n in got] == [(2, 1, "moderator")]
    assert "moderator" in s


def nominee(line):
    """The nominee's name on a candidacy's row (the column ends in two blanks)."""
    return line[2:].split("  ")[0]


def selected_nominee(screen, t):
    """The nominee's name on the row drawn selected."""
    rows = styled_rows(capture_styled(screen, t))[3:-1]
    chosen = [nominee("".join(ch for ch, _ in row)) for row in rows
              if len(row) > 2 and (row[2][1].bg is not None or row[2][1].reverse)]
    assert len(chosen) == 1, chosen
    return chosen[0]


def test_the_selection_stays_on_the_nominee_as_another_terminal_nominates(screen, tmp_path):
    """The selection stayed on a row number: nominations made on another
    terminal moved the rows, the highlight went to another person and e's
    prompt ('State (accepted, ...)') named nobody, so a state was set on
    the wrong candidacy.  It follows the candidacy, and e names it."""
    r = Rostrum(tmp_path)
    r.ok("init", "--title", "IMRF hearing", "--date", "2022-05-16")
    r.ok("import", "agenda", ROOT / "data" / "programmes" / "imrf-2022.conf")
    r.ok("import", "roster", FIXTURES / "registrations.csv")
    t = screen.start(tui_env(r), ["--db", r.db], 80, 24)
    screen.wait_for(t, "1 Agenda")
    screen.keys(t, "4")
    screen.wait_for(t, "Nominations  6 nominees")
    screen.keys(t, "Home", "j", "j")
    screen.wait(t, lambda s: selected_nominee(screen, t) == "Hiroshi Nguyễn", what="Hiroshi")
    # Ximena Gonçalves (3 nominators) overtakes him: three more nominate her.
    listed = r.json("nomination", "list", "--json")
    ximena = next(n["nominee"] for n in listed if n["nominee_name"] == "Ximena Gonçalves")
    taken = {n["nominated_by"] for n in listed if n["nominee"] == ximena} | {ximena}
    others = [p["id"] for p in r.json("stakeholder", "list", "--json") if p["id"] not in taken]
    for by in others[:3]:
        r.ok("nominate", str(ximena), "--by", str(by))
    s = screen.wait_for(t, "6 nominees, 28 nominations")
    rows = [nominee(line) for line in s.splitlines()[4:10]]
    assert rows.index("Hiroshi Nguyễn") == 3, rows
    assert selected_nominee(screen, t) == "Hiroshi Nguyễn"
    screen.keys(t, "e")
    s = screen.wait_for(t, "State of Hiroshi Nguyễn as rapporteur (now nominated)")
    assert "accepted, declined, selected or not_selected" in s
    screen.type(t, "acc")
    screen.keys(t, "Enter")
    screen.wait_for(t, "Hiroshi Nguyễn's nomination as rapporteur: accepted")
    states = {n["nominee_name"]: n["state"] for n in r.json("nomination", "list", "--json")}
    assert states["Hiroshi Nguyễn"] == "accepted"
    assert [n for n, st in states.items() if st != "nominated"] == ["Hiroshi Nguyễn"]
