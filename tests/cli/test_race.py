"""Two terminals press "next" at the same moment, many times over: each
round exactly one call goes through, the other is refused saying who speaks
now, and no speaker is ever skipped or called twice."""
import os
import subprocess

from conftest import BIN

ROUNDS = 25


def test_racing_next_never_skips_or_doubles_a_speaker(r):
    r.ok("init", "--title", "Race")
    r.new_id("agenda", "add", "--title", "Floor", "--code", "t")
    people = [r.new_id("stakeholder", "add", "--name", f"Speaker {i:02d}", "--sector", "academia")
              for i in range(ROUNDS + 2)]
    entries = [r.new_id("queue", "add", "t", str(p), now=1652709600 + i)
               for i, p in enumerate(people)]
    r.ok("queue", "start", "t")
    env = dict(r.env)
    for n in range(ROUNDS):
        seen = next(e for e in r.json("queue", "list", "t", "--json") if e["state"] == "speaking")
        assert seen["id"] == entries[n]
        cmd = [BIN, "--db", r.db, "queue", "next", "t", "--expect", str(seen["id"])]
        # Both terminals saw the same speaker and press at once.
        procs = [subprocess.Popen(cmd, env=dict(env, ROSTRUM_SESSION=f"terminal-{k}"),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for k in range(2)]
        results = [(p.wait(timeout=60), p.stderr.read()) for p in procs]
        for p in procs:
            p.stdout.close()
            p.stderr.close()
        codes = sorted(code for code, _ in results)
        assert codes == [0, 2], results
        loser = next(err for code, err in results if code == 2)
        assert loser == (f"rostrum: the floor changed meanwhile: Speaker {n + 1:02d} (entry "
                         f"{entries[n + 1]}) speaks now; nothing done\n"), loser
        assert "Sanitizer" not in "".join(err for _, err in results)
    # Every speaker spoke once, in order; the rest wait.
    listing = r.json("queue", "list", "t", "--json")
    spoken = [e["id"] for e in listing if e["state"] == "spoken"]
    assert spoken == entries[:ROUNDS]
    assert [e["id"] for e in listing if e["state"] == "speaking"] == [entries[ROUNDS]]
    assert [e["id"] for e in listing if e["state"] == "waiting"] == [entries[ROUNDS + 1]]
    # And each went through exactly one "next".
    events = r.json("journal", "--json")
    assert sum(e["action"] == "queue.next" for e in events) == ROUNDS
