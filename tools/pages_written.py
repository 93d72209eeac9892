#!/usr/bin/env python3
"""Which b-trees (tables and indexes) one command writes, counted in the
write-ahead log's frames: how BENCHMARKS.md counted what a `queue next`
commits.  Work on a copy of a meeting file.

    tools/pages_written.py MEETING.db ./rostrum --db MEETING.db queue next item-05

A connection is held open while the command runs, so that the command's
close does not copy the log back into the file before it is read."""
import collections
import sqlite3
import struct
import subprocess
import sys


def main():
    db, cmd = sys.argv[1], sys.argv[2:]
    hold = sqlite3.connect(db)
    hold.execute("SELECT count(*) FROM sqlite_schema").fetchall()
    hold.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    subprocess.run(cmd, check=True)
    wal = open(db + "-wal", "rb").read()
    page_size = struct.unpack(">I", wal[8:12])[0]
    pages, commits, at = [], 0, 32
    while at + 24 <= len(wal):
        page, commit = struct.unpack(">II", wal[at:at + 8])
        pages.append(page)
        commits += commit != 0
        at += 24 + page_size
    names = dict(hold.execute("SELECT pageno, name FROM dbstat"))
    print(f"{len(pages)} pages in {commits} commit(s)")
    for name, n in collections.Counter(names.get(p, f"page {p}") for p in pages).most_common():
        print(f"  {n}  {name}")


if __name__ == "__main__":
    main()
