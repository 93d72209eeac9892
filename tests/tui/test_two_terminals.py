"""Two moderator terminals on one meeting: the same allotted time and
countdown whatever each one's config says, and "next" pressed on both at
the same moment calls one speaker, the other terminal told who speaks."""
import re

from conftest import Rostrum, capture_styled, style_of, tui_env

T0 = 1652711400  # 2022-05-16T14:30:00Z


def meeting(tmp_path, n_people=3):
    r = Rostrum(tmp_path)
    a = tmp_path / "a.conf"
    a.write_text('speaking-time {\n\tfloor = "0:40"\n}\n')
    b = tmp_path / "b.conf"
    b.write_text('warning = 5\nspeaking-time {\n\tfloor = "2:50"\n}\n')
    r.ok("--config", a, "init", "--title", "Hearing")  # the meeting takes a's times
    r.new_id("agenda", "add", "--title", "Thematic discussion I", "--code", "thematic-1")
    for i in range(n_people):
        who = r.new_id("stakeholder", "add", "--name", f"Speaker {i + 1}", "--sector", "academia")
        r.new_id("queue", "add", "thematic-1", str(who), now=T0 - 100 + i)
    return r, a, b


def test_different_configs_show_the_same_allotted_time_and_countdown(screen, tmp_path):
    r, a, b = meeting(tmp_path)
    r.ok("queue", "start", "thematic-1", now=T0)
    env = tui_env(r, ROSTRUM_NOW=str(T0 + 12))
    one = screen.start(env, ["--db", r.db, "--config", a], 80, 24)
    two = screen.start(env, ["--db", r.db, "--config", b], 80, 24)
    shown = []
    for t in (one, two):
        s = screen.wait_for(t, "allotted")
        assert "Intervention from the floor, 0:40 allotted" in s
        assert "0:28 left" in s and "> 0:28 left" in s.splitlines()[-1]
        # The meeting's warning (30 s, from a's defaults), not b's 5 s.
        shown.append(style_of(capture_styled(screen, t), "0:28 left"))
    assert shown[0] == shown[1]
    assert shown[0].bg is not None  # the warning's colours, on both


def test_next_pressed_on_two_terminals_at_once_calls_one_speaker(screen, tmp_path):
    r, _, _ = meeting(tmp_path, n_people=7)
    r.ok("queue", "start", "thematic-1")
    one = screen.start(tui_env(r), ["--db", r.db], 80, 24)
    two = screen.start(tui_env(r), ["--db", r.db], 80, 24)
    for n in range(1, 6):
        for t in (one, two):
            screen.wait(t, lambda s: f"Speaker {n}" in s.split("\n")[2],
                        what=f"Speaker {n} speaking")
        # Both operators press "next" in the same instant.
        screen.tmux("send-keys", "-t", one, "n", ";", "send-keys", "-t", two, "n")
        for t in (one, two):
            screen.wait(t, lambda s: f"Speaker {n + 1}" in s.split("\n")[2],
                        what=f"Speaker {n + 1} speaking")
        listing = r.json("queue", "list", "thematic-1", "--json")
        assert [e["name"] for e in listing if e["state"] == "speaking"] == [f"Speaker {n + 1}"]
        assert sorted(e["name"] for e in listing if e["state"] == "spoken") == \
            [f"Speaker {k}" for k in range(1, n + 1)]
        # One of them was told the floor had changed, and who speaks now
        # (on the status line, or too long for it, in the band above).
        told = [" | ".join(screen.capture(t).splitlines()[-2:]) for t in (one, two)]
        assert sum("now speaking" in line for line in told) == 1, told
        refused = [line for line in told if "floor changed" in line]
        assert len(refused) == 1 and re.search(rf"Speaker {n + 1} \(entry \d+\) speaks", refused[0])
    events = r.json("journal", "--json")
    assert sum(e["action"] == "queue.next" for e in events) == 5


def test_an_answer_acts_on_the_speaker_the_question_named(screen, tmp_path):
    """A question stays open while another terminal calls someone: its yes
    is refused rather than cutting off the one called meanwhile."""
    r, _, _ = meeting(tmp_path, n_people=4)
    r.ok("queue", "start", "thematic-1")
    t = screen.start(tui_env(r), ["--db", r.db], 80, 24)
    screen.wait(t, lambda s: "Speaker 1" in s.split("\n")[2], what="Speaker 1 speaking")
    screen.keys(t, "3")
    screen.wait_for(t, "Queue  thematic-1")
    screen.keys(t, "j", "f")  # the second waiting: Speaker 3
    screen.wait_for(t, "Give the floor to Speaker 3 now (the speech going on ends)?")
    r.ok("queue", "next", "thematic-1")  # another terminal: Speaker 2 speaks now
    screen.keys(t, "y")
    screen.wait_for(t, "the floor changed meanwhile: Speaker 2")
    speaking = lambda: [e["name"] for e in r.json("queue", "list", "thematic-1", "--json")
                        if e["state"] == "speaking"]
    assert speaking() == ["Speaker 2"]
    # The same for closing the item over a speech.
    screen.wait(t, lambda s: "Speaker 2" in s.split("\n")[2],
                what="this terminal showing Speaker 2 speaking")
    screen.keys(t, "1")
    screen.wait_for(t, "Agenda")
    screen.keys(t, "c")
    screen.wait_for(t, "Speaker 2 is speaking: end the speech and close thematic-1?")
    r.ok("queue", "next", "thematic-1")  # Speaker 3 now
    screen.keys(t, "y")
    screen.wait_for(t, "the floor changed meanwhile: Speaker 3")
    assert speaking() == ["Speaker 3"]
    item = next(a for a in r.json("agenda", "list", "--json") if a["code"] == "thematic-1")
    assert item["ended_at"] is None
