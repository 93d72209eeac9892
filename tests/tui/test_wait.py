"""A write that meets another terminal's long one (an import holds the
file) waits: the screen keeps drawing, the clock keeps ticking, the status
line says it is waiting, and the action goes through once the file is free.
Before, the TUI froze for three seconds and then failed "database is
locked"."""
import sqlite3

import pytest

from test_queue_pane import ITEM, meeting, open_queue, queue_four, speaker_line


@pytest.fixture
def m(tmp_path):
    return meeting(tmp_path)


def status_clock(s):
    """The meeting clock and the speaker's time left, at the start of the
    status line (the clock shows minutes: the speaker's time, seconds)."""
    return s.rstrip("\n").split("\n")[-1][:20]


def test_a_write_waits_drawing_and_saying_so(screen, m):
    queue_four(m)
    t = open_queue(screen, m)
    screen.wait(t, lambda s: "Ana Ruiz" in speaker_line(s), what="Ana speaking")
    other = sqlite3.connect(m.db, timeout=0, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another terminal's long write
    try:
        screen.keys(t, "n")
        s = screen.wait_for(t, "waiting for another terminal's change to finish", timeout=10)
        first = status_clock(s)
        # Still drawing while it waits: the clock moves on, the floor is as it was.
        s = screen.wait(t, lambda s: status_clock(s) != first and "waiting for" in s,
                        timeout=10, what="the clock ticking while waiting")
        assert "Ana Ruiz" in speaker_line(s)
    finally:
        other.rollback()
        other.close()
    s = screen.wait(t, lambda s: "Ben Okoro" in speaker_line(s), timeout=10,
                    what="the next speaker, once the file was free")
    assert "locked" not in s
    states = sorted(e["state"] for e in m.json("queue", "list", ITEM, "--json"))
    assert states == ["speaking", "spoken", "waiting", "waiting"]
