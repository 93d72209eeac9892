"""The bash completion script, made from the command table, in a real bash:
commands, options, choices, item codes read from the database, states."""
import os
import subprocess

import pytest

from conftest import BIN


def complete(r, tmp_path, line):
    """What bash completes for `line` (the cursor at its end)."""
    script = tmp_path / "rostrum.bash"
    script.write_text(r.ok("completion", db=False))
    bindir = tmp_path / "bin"
    bindir.mkdir(exist_ok=True)
    if not (bindir / "rostrum").exists():
        (bindir / "rostrum").symlink_to(BIN)
    words = line.split(" ")
    prog = (f"source {script}\n"
            f"COMP_WORDS=({' '.join(repr(w) for w in words)})\n"
            f"COMP_CWORD={len(words) - 1}\n"
            "_rostrum\n"
            'printf "%s\\n" "${COMPREPLY[@]}"\n')
    env = dict(r.env, PATH=f"{bindir}:{r.env['PATH']}")
    env.pop("ASAN_OPTIONS", None)
    p = subprocess.run(["bash", "--norc", "-c", prog], capture_output=True, text=True, env=env,
                       timeout=60)
    assert p.returncode == 0, p.stderr
    return set(p.stdout.split())


def test_commands_and_subcommands_come_from_the_table(r, tmp_path):
    assert complete(r, tmp_path, "rostrum qu") == {"queue"}
    subs = complete(r, tmp_path, "rostrum queue ")
    assert {"add", "start", "next", "give", "move", "requeue", "requests", "place"} <= subs
    firsts = complete(r, tmp_path, "rostrum ")
    help_text = r.ok("--help", db=False)
    for first in firsts - {"--db", "--config", "--no-color", "--help", "--version"}:
        assert f"\n  {first}" in help_text, first
    assert {"journal", "undo", "meeting", "nextstep", "outcome"} <= firsts


def test_options_and_their_choices(r, tmp_path):
    assert complete(r, tmp_path, "rostrum queue add --k") == {"--kind"}
    assert complete(r, tmp_path, "rostrum queue add thematic-1 7 --kind ") == {
        "opening", "panel", "floor", "point_of_order", "reply", "summary", "closing"}
    assert complete(r, tmp_path, "rostrum export summary --format ") == {
        "md", "html", "txt", "json"}
    assert complete(r, tmp_path, "rostrum agenda open thematic-1 --") == {
        "--end-speech", "--carry-speech"}
    assert complete(r, tmp_path, "rostrum nomination set 3 ") == {
        "accepted", "declined", "selected", "not_selected"}
    assert complete(r, tmp_path, "rostrum queue policy ") == {"fifo", "first_time", "balanced"}


def test_item_codes_come_from_the_database(hearing, tmp_path):
    hearing.new_id("agenda", "add", "--title", "Closing", "--code", "closing")
    got = complete(hearing, tmp_path, f"rostrum --db {hearing.db} queue start ")
    assert got == {"thematic-1", "closing"}
    got = complete(hearing, tmp_path, f"rostrum --db {hearing.db} export summary --item th")
    assert got == {"thematic-1"}
