"""Input rules, one place each: invalid UTF-8, NUL bytes and control
characters are refused with the file and line or the field; fields, files,
columns are bounded; libconfuse reads no environment variable; whatever a
message quotes is inert; JSON escapes every control character."""
import json
import sqlite3

import pytest

from conftest import dump

CONTROLS = ("\x1b", "\x07", "\x9b", "\x00")


def inert(text):
    return not any(c in text for c in CONTROLS)


def refused(r, *args, **kw):
    """Runs a command that must be refused (exit 2) without changing the
    database; returns its stderr."""
    before = dump(r.db)
    p = r.run(*args, **kw)
    assert p.returncode == 2, (args, p.returncode, p.stderr)
    assert dump(r.db) == before
    assert inert(p.stderr), p.stderr
    return p.stderr


# ---- the registration CSV --------------------------------------------------------

@pytest.mark.parametrize("row,line", [
    (b"Ana,academia,o11@x.org\x00evil\n", "csv:2: email: a NUL byte"),
    (b"Ana,academia\x00xx,a@x.org\n", "csv:2: sector: a NUL byte"),
    (b"An\xffa,academia,a@x.org\n", "csv:2: name: invalid UTF-8 (byte 3)"),
    (b"Ana,academia,a@x.org\nBen,\x1b]52;c;SGVsbG8=\x07,b@x.org\n",
     "csv:3: sector: a control character U+001B (byte 1)"),
    (b"Ana,\xc2\x9b31m,a@x.org\n", "csv:2: sector: a control character U+009B (byte 1)"),
    (b'"Ana\nRuiz",academia,a@x.org\n', "csv:2: name: a line break (byte 4): this field is one line"),
    (b"Ana\tRuiz,academia,a@x.org\n", "csv:2: name: a tab (byte 4): this field is one line"),
])
def test_csv_refuses_nul_invalid_utf8_and_controls(hearing, tmp_path, row, line):
    f = tmp_path / "in.csv"
    f.write_bytes(b"name,sector,email\n" + row)
    err = refused(hearing, "import", "roster", f)
    assert f"{f}:{line.split(':', 1)[1]}\n" in err, err


def test_csv_statement_may_hold_lines_and_tabs(hearing, tmp_path):
    f = tmp_path / "in.csv"
    f.write_bytes(b'name,sector,email,rapporteur_nominee,nomination_statement\r\n'
                  b'Ana,academia,a@x.org,a@x.org,"First line\r\n\tsecond"\r\n')
    hearing.ok("import", "roster", f)
    [n] = hearing.json("nomination", "list", "--json")
    assert n["statement"] == "First line\r\n\tsecond"


def test_csv_field_length_is_bounded(hearing, tmp_path):
    f = tmp_path / "in.csv"
    f.write_text("name,sector\n" + "A" * 10_000_000 + ",academia\n" + "B" * 1000 + ",media\n")
    err = refused(hearing, "import", "roster", f)
    assert err.splitlines()[0] == f"{f}:2: name: 10000000 bytes; at most 1000"
    assert len(err.splitlines()) == 2  # that line and the summary


def test_csv_columns_are_bounded_and_reported_once(hearing, tmp_path):
    f = tmp_path / "wide.csv"
    f.write_text("name,sector" + "," * 1_000_000 + "\nAna,academia\n")
    err = refused(hearing, "import", "roster", f)
    assert err == (f"{f}:1: header: more than 200 columns\n"
                   f"rostrum: {f}: 1 problem; nothing imported\n")
    g = tmp_path / "wide-row.csv"
    g.write_text("name,sector\nAna,academia" + ",x" * 300 + "\n")
    assert refused(hearing, "import", "roster", g).startswith(f"{g}:2: csv: more than 200 columns\n")


def test_csv_header_names_are_checked(hearing, tmp_path):
    f = tmp_path / "h.csv"
    f.write_bytes(b"name,sector,\x1b[2Jnote\nAna,academia,x\n")
    assert refused(hearing, "import", "roster", f).startswith(
        f"{f}:1: header: column 3: a control character U+001B (byte 1)\n")


# ---- the command line, through the same rules -------------------------------------

@pytest.mark.parametrize("args,message", [
    (["note", "thematic-1", "clear \x1b[2J screen"], "TEXT: a control character U+001B (byte 7)"),
    (["note", "thematic-1", "x" * 20001], "TEXT: 20001 bytes; at most 20000"),
    (["stakeholder", "add", "--name", "Ana\tRuiz"], "name: a tab (byte 4): this field is one line"),
    (["stakeholder", "add", "--name", "A" * 1001], "name: 1001 bytes; at most 1000"),
    (["stakeholder", "add", "--name", "Ana", "--email", "a\x1b[2J@x.org"],
     "email: a control character U+001B (byte 2)"),
    (["agenda", "add", "--title", "T\x07", "--code", "t2"], "title: a control character U+0007 (byte 2)"),
    (["agenda", "set", "thematic-1", "--description", "d\x9b"], "description: a control character U+009B (byte 2)"),
    (["meeting", "set", "--venue", "Room\x1b]0;x\x07"], "--venue: a control character U+001B (byte 5)"),
    (["nominate", "1", "--statement", "s\x01"],
     "--statement: a control character U+0001 (byte 2)"),
    # Invisible, they reverse or break the published line.
    (["stakeholder", "add", "--name", "Ali \u202e Hassan"],
     "name: a control of text direction U+202E (byte 5)"),
    (["note", "thematic-1", "Line one\u2028line two"],
     "TEXT: a line separator U+2028 (byte 9): use a line break"),
    (["agenda", "add", "--title", "T\u2029", "--code", "t2"],
     "title: a paragraph separator U+2029 (byte 2): this field is one line"),
    # What the eye sees as nothing is nothing: a note of spaces published
    # an empty bullet.
    (["note", "thematic-1", "   "], "TEXT: must not be empty"),
    (["note", "thematic-1", "\u00a0\u3000\n"], "TEXT: must not be empty"),
    (["agenda", "add", "--title", " \u00a0 ", "--code", "t2"], "a title is required"),
    # Written right, but no such day: it said 'expected YYYY-MM-DD'.
    (["meeting", "set", "--date", "2022-02-30"], "--date: '2022-02-30' is not a day of the calendar"),
    (["meeting", "set", "--date", "22-02-01"], "--date: expected YYYY-MM-DD, got '22-02-01'"),
])
def test_the_command_line_follows_the_same_rules(hearing, args, message):
    err = refused(hearing, *args)
    assert err == f"rostrum: {message}\n", err


def test_invalid_utf8_on_the_command_line(hearing):
    import subprocess
    from conftest import BIN
    before = dump(hearing.db)
    p = subprocess.run([BIN.encode(), b"--db", hearing.db.encode(), b"note", b"thematic-1",
                        b"caf\xe9"], env=hearing.env, capture_output=True, timeout=60)
    assert p.returncode == 2
    assert p.stderr == b"rostrum: TEXT: invalid UTF-8 (byte 4)\n"
    assert dump(hearing.db) == before


def test_text_may_hold_lines_tabs_and_a_leading_dash(hearing):
    hearing.new_id("note", "thematic-1", "--", "-5% in arrivals\n\tsince 2020")
    [o] = hearing.json("outcome", "list", "--json")
    assert o["text"] == "-5% in arrivals\n\tsince 2020"


@pytest.mark.parametrize("args,option", [
    # Each was taken, exit 0: a person named "--present" not checked in, the
    # venue "--no-links", an item titled "--code", codes "-x" and "--".
    (["stakeholder", "add", "--name", "--present"], "--name"),
    (["meeting", "set", "--venue", "--no-links"], "--venue"),
    (["agenda", "add", "--title", "--code"], "--title"),
    (["agenda", "add", "--title", "X", "--code", "-x"], "--code"),
    (["agenda", "add", "--title", "X", "--code", "--"], "--code"),
    # "--" ends the options: a value is not given after it.
    (["stakeholder", "add", "--name", "--", "-Dash"], "--name"),
    (["stakeholder", "add", "--name"], "--name"),
])
def test_an_option_given_no_value_does_not_take_the_next_word(hearing, args, option):
    err = refused(hearing, *args)
    command = " ".join(args[:2])
    assert len(err.splitlines()) == 1, err
    assert err.startswith(f"rostrum: {command}: {option}: missing value (a value that begins "
                          f"with '-' is joined to it: {option}=-VALUE) (usage: rostrum "), err


def test_a_word_that_is_no_option_is_the_one_named(hearing):
    # It named the word before it: "unknown option or missing value near
    # 'thematic-1'".
    err = refused(hearing, "note", "thematic-1", "-5% in arrivals")
    assert err.startswith("rostrum: note: unknown option '-5% in arrivals' (text that begins "
                          "with '-' goes after '--') (usage: rostrum note "), err


def test_an_output_given_no_file_writes_none(hearing, tmp_path):
    # It wrote a file named "--no-contacts", with the e-mails in it.
    err = refused(hearing, "export", "summary", "-o", "--no-contacts", cwd=tmp_path)
    assert err.startswith("rostrum: export summary: -o: missing value (a value that begins "
                          "with '-' is joined to it: -o-VALUE)"), err
    assert not (tmp_path / "--no-contacts").exists()
    assert "ana@example.org" in hearing.ok("export", "summary", "-o", "-", "--format", "txt")


def test_a_value_that_begins_with_a_dash_is_joined_to_its_option(hearing):
    who = hearing.new_id("stakeholder", "add", "--name=-Dash", "--present")
    [s] = [s for s in hearing.json("stakeholder", "list", "--json") if s["id"] == who]
    assert s["name"] == "-Dash" and s["present"]
    # A code is never read as an option: one that begins with '-' is refused.
    for code in ("-x", "--"):
        err = refused(hearing, "agenda", "add", "--title", "X", f"--code={code}")
        assert err == f"rostrum: code '{code}' begins with '-', which would read as an option\n"


# ---- echoes are inert ---------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ["queue", "list", "\x1b]52;c;SGVsbG8=\x07"],
    ["stakeholder", "checkin", "\x1b[2J"],
    ["export", "summary", "--format", "\x1b[2J"],
    ["\x1b[2Jnope"],
    ["queue", "withdraw", "\x9b31m"],
    ["note", "\x1b[2J", "text"],
])
def test_what_a_message_quotes_is_inert(hearing, args):
    p = hearing.run(*args)
    assert p.returncode == 2
    assert inert(p.stderr), repr(p.stderr)
    assert "\ufffd" in p.stderr


def test_a_config_error_quotes_inertly(r, tmp_path):
    conf = tmp_path / "rostrum.conf"
    conf.write_bytes(b'policy = "\\x1b]52;c;SGVsbG8=\\x07"\n')
    p = r.run("--config", conf, "meeting", "show")
    assert p.returncode == 2 and inert(p.stderr), repr(p.stderr)
    conf.write_bytes(b'colour = true\n\x1b[2Jwarning = 10\n')
    p = r.run("--config", conf, "meeting", "show")
    assert p.returncode == 2
    assert p.stderr == f"{conf}:2: a control character U+001B (byte 1)\n"


# ---- the config and the programme (one libconfuse front end) -------------------------

def test_config_size_is_bounded(r):
    p = r.run("--config", "/dev/zero", "meeting", "show")
    assert p.returncode == 2
    assert p.stderr == "/dev/zero: larger than 1048576 bytes, the most such a file may be\n"


def test_config_reads_no_environment_variable(r, tmp_path):
    conf = tmp_path / "rostrum.conf"
    conf.write_text('sector "migrant" { label = "${HOME} migrants" }\n')
    r.ok("--config", conf, "init")
    out = r.ok("--config", conf, "export", "summary")
    assert "${HOME} migrants" in out or "$\\{HOME\\} migrants" in out or "HOME" not in out
    assert str(tmp_path / "home") not in out
    conf.write_text("database = ${HOME}/x.db\n")
    p = r.run("--config", conf, "meeting", "show")
    assert p.returncode == 2
    assert p.stderr.startswith(f"{conf}:1: '${{' outside quotes")


def test_config_line_numbers_after_comments(r, tmp_path):
    conf = tmp_path / "rostrum.conf"
    conf.write_text("# one\n# two\n# three\n\nwarning = 10\nflavour = 3\n")
    p = r.run("--config", conf, "meeting", "show")
    assert p.returncode == 2 and p.stderr == f"{conf}:6: unknown option 'flavour'\n"


def programme(tmp_path, text):
    f = tmp_path / "programme.conf"
    f.write_text(text)
    return f


def test_programme_with_an_unclosed_brace_is_refused(hearing, tmp_path):
    f = programme(tmp_path, 'item "a" {\n  title = "A"\n\nitem "b" { title = "B" }\n')
    err = refused(hearing, "import", "agenda", f)
    # The problem once, as FILE:LINE, then what became of the import.
    assert err == f"{f}:1: '{{' is never closed\nrostrum: {f}: nothing imported\n", err


def test_programme_reads_no_environment_variable(hearing, tmp_path):
    f = programme(tmp_path, 'item "a" {\n title = "Costs"\n description = "${HOME} and $${PATH}"\n}\n')
    hearing.ok("import", "agenda", f)
    [item] = [i for i in hearing.json("agenda", "list", "--json") if i["code"] == "a"]
    assert item["description"] == "${HOME} and $${PATH}"
    report = hearing.ok("export", "summary", "--format", "json")
    assert hearing.env["HOME"] not in report and "/usr/bin" not in report


def test_programme_line_numbers_after_comments(hearing, tmp_path):
    f = programme(tmp_path, "# the programme\n# of the day\n\nitem a {\n title = A\n colour = red\n}\n")
    err = refused(hearing, "import", "agenda", f)
    assert err.startswith(f"{f}:6: unknown option 'colour'\n"), err


@pytest.mark.parametrize("text,line", [
    ('item a {\n title = "A\\0B"\n}\n', "2: an escape that makes a NUL byte"),
    ('item a {\n title = "A\\x1b[2J"\n}\n', "2: item 'a': title: a control character U+001B (byte 2)"),
    ('item a {\n title = "A"\n speaker "X" { sector = "academia\\x00" }\n}\n',
     "3: an escape that makes a NUL byte"),
])
def test_programme_escapes_follow_the_rules(hearing, tmp_path, text, line):
    f = programme(tmp_path, text)
    err = refused(hearing, "import", "agenda", f)
    assert err.startswith(f"{f}:{line}\n"), err


def test_programme_size_is_bounded(hearing, tmp_path):
    f = programme(tmp_path, "# " + "x" * 100 + "\n")
    with open(f, "a") as out:
        for _ in range(50_000):
            out.write("# " + "x" * 100 + "\n")
    err = refused(hearing, "import", "agenda", f)
    assert err.startswith(f"{f}: larger than 4194304 bytes"), err


# ---- JSON escapes every control character ----------------------------------------------

def test_json_escapes_del_and_c1(hearing):
    hearing.plant("stakeholder", 1, "name", "Ana\x7f\x85\x9b31m Ruiz")
    for args in (["stakeholder", "list", "--json"], ["export", "summary", "--format", "json"],
                 ["export", "speakers", "--format", "json"]):
        raw = hearing.ok(*args)
        assert not any(c in raw for c in "\x7f\x85\x9b"), args
    raw = hearing.ok("stakeholder", "list", "--json")
    assert "\\u007f\\u0085\\u009b31m" in raw
    assert json.loads(raw)[0]["name"] == "Ana\x7f\x85\x9b31m Ruiz"


def test_csv_rows_are_bounded_and_problems_listed_up_to_a_hundred(hearing, tmp_path):
    f = tmp_path / "long.csv"
    with open(f, "w") as out:
        out.write("name,sector\n")
        for i in range(200_001):
            out.write(f"P{i},astronauts\n")  # bad rows: counted, never stored
    err = refused(hearing, "import", "roster", f).splitlines()
    assert err[0] == f"{f}:2: sector: unknown sector 'astronauts'"
    assert len(err) == 103
    assert err[100] == f"{f}: more than 100 problems; the others are not listed"
    assert err[101] == f"{f}:200002: csv: more than 200000 rows"
    assert err[-1] == f"rostrum: {f}: 200001 problems; nothing imported"


def test_a_bad_id_is_named_as_the_usage_names_it(hearing):
    for args, bad, said in [
        (["nomination", "set", "abc", "accepted"], "abc", "NOMINATION: expected a nomination id"),
        (["nomination", "delete", "x1"], "x1", "NOMINATION: expected a nomination id"),
        (["outcome", "delete", "abc"], "abc", "ID: expected an outcome id"),
        (["respond", "abc", "Noted."], "abc", "OUTCOME: expected an outcome id"),
        (["queue", "withdraw", "abc"], "abc", "ENTRY: expected a queue entry id"),
    ]:
        err = refused(hearing, *args)
        assert err.splitlines() == [f"rostrum: {said}, got '{bad}'"], err


def test_who_or_what_an_option_names_is_refused_after_its_name(hearing):
    # They said "no stakeholder 999" and "no agenda item 'nope'" without the
    # option at fault, and an id past the largest quoted the largest instead
    # ("no queue entry 9223372036854775807").
    big = "99999999999999999999"
    for args, said in [
        (["nominate", "1", "--by", "999"], "--by: no stakeholder 999"),
        (["recommend", "thematic-1", "R", "--by", "999"], "--by: no stakeholder 999"),
        (["agenda", "add", "--title", "X", "--parent", "nope"],
         "--parent: no agenda item 'nope' (give an id or a code)"),
        (["export", "summary", "--item", "nope"],
         "--item: no agenda item 'nope' (give an id or a code)"),
        (["queue", "add", "thematic-1", "1", "--to", "x"],
         "--to: expected a queue entry id, got 'x'"),
        (["nominate", "999"], "no stakeholder 999"),
        (["queue", "withdraw", big], f"ENTRY: expected a queue entry id, got '{big}'"),
        (["nominate", big], f"no stakeholder {big}"),
    ]:
        err = refused(hearing, *args)
        assert err.splitlines() == [f"rostrum: {said}"], (args, err)


def test_a_change_of_nothing_is_refused_and_not_journalled(hearing):
    hearing.new_id("queue", "add", "thematic-1", "1")
    journal = hearing.ok("journal")
    for args in (["agenda", "set", "thematic-1"], ["meeting", "set"],
                 ["stakeholder", "edit", "1"]):
        err = refused(hearing, *args)
        assert err.startswith(f"rostrum: {' '.join(args[:2])}: nothing to change (usage: "), err
    assert refused(hearing, "nominate", "1", "--by", "2", "--role", "").splitlines() == [
        "rostrum: --role: a nomination needs a role (none given: rapporteur)"]
    assert hearing.ok("journal") == journal
    # A group named alone says what it holds.
    err = refused(hearing, "queue")
    assert err.startswith("rostrum: queue: which one? add, ") and "next" in err, err


def test_the_journal_says_whom_each_action_was_done_to(hearing):
    e = hearing.new_id("queue", "add", "thematic-1", "ben@example.org")
    hearing.new_id("queue", "add", "thematic-1", "ana@example.org")
    hearing.ok("queue", "absent", str(e))
    hearing.ok("queue", "requeue", str(e))
    hearing.ok("queue", "move", str(e), "--to", "2")
    said = [line.split("\t")[-1] for line in hearing.ok("journal").splitlines()[-5:]]
    on = " on 'Thematic discussion I'"
    assert said == ["floor: Ben Okoro" + on, "floor: Ana Ruiz" + on, "absent: Ben Okoro" + on,
                    "back in the queue: Ben Okoro" + on, "moved to place 2: Ben Okoro" + on]
    p = hearing.run("queue", "requeue", str(e))
    assert p.returncode == 2 and p.stderr == \
        f"rostrum: entry {e} (Ben Okoro) is waiting already\n"


def test_a_folder_for_the_form_and_an_empty_title_are_the_operator_s_slips(r, tmp_path):
    """Exit 2 (invalid input), as a form not there is, not 1 (the machine
    failed); an empty title refused at init as meeting set refuses it, and
    no file left behind."""
    bad = r.run("init", "--title", "")
    assert (bad.returncode, bad.stderr) == (2, "rostrum: --title: a meeting needs a title\n")
    assert not any(p.name.startswith("t.db") for p in tmp_path.iterdir())
    r.ok("init", "--title", "Hearing")
    folder = r.run("import", "roster", str(tmp_path / "home"))
    assert folder.returncode == 2
    assert folder.stderr == ("rostrum: %s: a folder, not the registration form's CSV\n"
                             % (tmp_path / "home"))
