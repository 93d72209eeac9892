"""Who fills the seats, from the TUI on the demo hearing: S on the Agenda
proposes thematic discussion I's panel in a chooser, a slot swapped and the
panel confirmed; S on the Nominations pane proposes two rapporteurs, drawn
by lot, and confirming selects them with the seed in the journal."""
import re

import pytest

from conftest import Rostrum, tui_env


@pytest.fixture
def demo(tmp_path):
    r = Rostrum(tmp_path)
    p = r.run("demo", db=False, env={"XDG_DATA_HOME": str(tmp_path / "xdg")})
    r.db = str(tmp_path / "xdg" / "rostrum" / "demo.db")
    assert "built" in p.stderr, p.stderr
    return r


def panel_of(r):
    return {e["slot"]: e["name"] for e in r.json("queue", "list", "thematic-1", "--json")
            if e["kind"] == "panel"}


def test_panel_proposed_swapped_and_confirmed_from_the_agenda(screen, demo):
    t = screen.start(tui_env(demo), ["--db", demo.db], 100, 30)
    screen.wait_for(t, "1 Agenda")
    screen.keys(t, "1")
    screen.wait_for(t, "Opening segment")
    screen.keys(t, "j")  # thematic discussion I
    screen.keys(t, "S")
    screen.wait_for(t, "Panel for thematic-1")
    shown = screen.wait_for(t, "Confirm: make these the panel")
    assert re.search(r"migrant: Ngozi Eze \(NG\) first come of 3", shown), shown
    assert re.search(r"diaspora: Hannah Yilmaz-Berger \(DE\)", shown), shown
    # Enter on the migrant slot: its reason in full, and the requests that fit.
    screen.keys(t, "Down", "Enter")
    shown = screen.wait_for(t, "migrant: Enter on a request swaps it in")
    assert "passing over Guadalupe Herrera (MX is on the" in shown
    assert "* Ngozi Eze (NG, Africa, woman)" in shown
    screen.type(t, "Chukwuemeka")
    screen.wait_for(t, "  Chukwuemeka Obi (NG, Africa, man)")
    screen.keys(t, "Enter")
    shown = screen.wait_for(t, "the moderator's choice")
    assert re.search(r"migrant: Chukwuemeka Obi \(NG\) the moderator's choice, in place",
                     shown), shown
    assert panel_of(demo)["migrant"] == "Tesfaye Gebremedhin"  # nothing changed yet
    screen.keys(t, "Up", "Enter")
    screen.wait_for(t, "thematic-1: panel confirmed, 13 slots filled")
    panel = panel_of(demo)
    assert panel["migrant"] == "Chukwuemeka Obi"
    assert panel["civil_society"] == "Sita Gurung"
    assert demo.ok("journal").splitlines()[-1].endswith(
        "panel.confirm\tpanel of 'Thematic discussion I: Assessing the progress, gaps, and"
        " cha…': 13 slots filled, 13 changed")


def test_rapporteurs_proposed_by_lot_and_confirmed_from_the_nominations(screen, demo):
    demo.accept_nominations()
    demo.ok("meeting", "set", "--seats", "rapporteur=2")
    t = screen.start(tui_env(demo), ["--db", demo.db], 100, 30)
    screen.wait_for(t, "1 Agenda")
    screen.keys(t, "4")
    screen.wait_for(t, "Nominations  ")
    screen.keys(t, "S")
    shown = screen.wait_for(t, "Confirm: select the 2 proposed")
    seed = re.search(r"rapporteur: 2 seats, seed (\d+)", shown).group(1)
    assert "proposed Layla Mansour: tally 2, rank 1" in shown
    drawn = re.search(r"proposed (.+): tally 1, drawn by lot: 1st of the 3 tied", shown)
    assert drawn, shown
    assert "balance gender: both Women" in shown
    # The draw is journalled with its seed before anything is decided.
    assert f"nomination.draw\trapporteur: 2 seats, seed {seed}" in demo.ok("journal")
    screen.keys(t, "Enter")
    screen.wait_for(t, f"rapporteur selected: Layla Mansour, {drawn.group(1)} (seed {seed})")
    screen.wait_for(t, "✓ Layla Mansour")
    states = {l.split("\t")[1]: l.split("\t")[3]
              for l in demo.ok("nomination", "list").splitlines()}
    assert states["Layla Mansour"] == states[drawn.group(1)] == "selected"
    assert sorted(states.values()).count("not_selected") == 2
    assert f"nomination.select\trapporteur: 2 seats, seed {seed}" in demo.ok("journal")
    # Re-drawing with that seed gives the same.
    again = demo.ok("nomination", "select", "--role", "rapporteur", "--seed", seed)
    assert [l.split("\t")[2] for l in again.splitlines() if l.startswith("proposed")] == [
        "Layla Mansour", drawn.group(1)]
