"""The architecture's rules, checked on the source tree."""
import re
import subprocess

from conftest import BIN, ROOT

CORE = sorted((ROOT / "src" / "core").glob("*.[ch]")) + sorted((ROOT / "include").rglob("*.h"))


def test_no_core_file_includes_curses():
    assert CORE
    for f in CORE:
        text = f.read_text(encoding="utf-8")
        assert not re.search(r'#\s*include\s*[<"](n?curses\w*|panel|menu|form|term)\.h',
                             text), f


def test_sql_lives_in_the_storage_layer_only():
    storage = {"db.c", "store.h"}
    for f in sorted((ROOT / "src").rglob("*.[ch]")):
        text = f.read_text(encoding="utf-8")
        if f.name in storage or f.name.startswith("store_"):
            continue
        assert "sqlite3" not in text, f
        assert not re.search(r'"\s*(SELECT|INSERT|UPDATE|DELETE)\s', text), f


def commands_in_help():
    """The first line of each command's entry: two spaces, then its name
    (its arguments wrap under it, what it does follows, indented)."""
    out = subprocess.run([BIN, "--help"], capture_output=True, text=True).stdout
    return [line.strip() for line in out.splitlines() if re.match(r"  [a-z]", line)]


def test_help_wraps_and_never_cuts_a_usage_line():
    out = subprocess.run([BIN, "--help"], capture_output=True, text=True).stdout
    assert all(len(line) <= 80 for line in out.splitlines()), out
    # Every option of the table is in the help, whole.
    joined = " ".join(out.split())
    for opt in ["[--email E]", "[--accreditation A]", "[--speaking-time KIND=M:SS]...",
                "[--expect ENTRY]", "[--end-speech|--carry-speech]"]:
        assert opt in joined, opt


def test_readme_and_man_page_list_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    man = (ROOT / "man" / "rostrum.1").read_text(encoding="utf-8").replace("\\-", "-")
    cmds = commands_in_help()
    assert len(cmds) >= 25
    for c in cmds:
        words = c.split()
        name = words[0]
        if len(words) > 1 and words[1].isalpha() and words[1].islower():
            name += " " + words[1]
        assert name in readme, name
        assert name.replace(" ", "\n") in man or name in man, name


def test_readme_and_man_page_list_every_action_with_its_keys():
    actions = re.findall(r'ACTION\(\w+, "([^"]+)", "([^"]*)", "([^"]*)"\)',
                         (ROOT / "include" / "rostrum" / "actions.def").read_text())
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    man = (ROOT / "man" / "rostrum.1").read_text(encoding="utf-8").replace("\\-", "-")
    assert len(actions) >= 25
    for name, keys, help_text in actions:
        assert f"| `{keys}` | `{name}` | {help_text} |" in readme, name
        assert f"{help_text} (\\fB{name}\\fR)." in man, name


def test_every_header_is_whole_inside_its_include_guard():
    headers = sorted((ROOT / "src").rglob("*.h")) + sorted((ROOT / "include").rglob("*.h"))
    assert headers
    for h in headers:
        lines = [line.strip() for line in h.read_text(encoding="utf-8").splitlines()]
        code = [line for line in lines if line and not line.startswith(("/*", "*", "//"))]
        assert code[0].startswith("#ifndef") and code[1].startswith("#define"), h
        assert code[-1] == "#endif", h
        assert sum(line.startswith("#endif") for line in code) == \
            sum(line.startswith(("#if", "#ifdef", "#ifndef")) for line in code), h
