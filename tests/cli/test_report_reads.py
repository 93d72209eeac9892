"""The summary report reads as the published records do (seeds 000, 001
and 004), and the same in every format: what a reader sees is named in
words, never by an internal code, and each group of people is labelled as
the others are."""
import os
import pathlib

from conftest import ROOT

DATA = pathlib.Path(os.environ.get("ROSTRUM_DATA", ROOT / "data"))
FORMATS = ["md", "txt", "html"]


def opening(r):
    """The 2022 programme and roster; the opening held: the PGA (an
    organiser), the IOM's Director General (the UN system) and a migrant
    voice; the Director General checked in at the desk."""
    r.ok("init", "--title", "R", "--date", "2022-05-16")
    r.ok("import", "agenda", DATA / "programmes" / "imrf-2022.conf")
    r.ok("import", "roster", DATA / "rosters" / "imrf-2022.csv")
    r.ok("stakeholder", "checkin", "dg.office@iom.example.org")
    r.ok("queue", "start", "opening", now="2022-05-16T14:00:00Z")
    r.ok("queue", "next", "opening", now="2022-05-16T14:05:00Z")
    r.ok("queue", "next", "opening", now="2022-05-16T14:11:00Z")
    r.ok("queue", "end", "opening", now="2022-05-16T14:15:00Z")


def exports(r, *args):
    """{format: the report as a reader sees it, blanks folded}."""
    return {f: " ".join(r.ok("export", "summary", "--format", f, *args).split())
            for f in FORMATS}


def test_the_groups_counted_apart_are_capitalised_as_the_others(r):
    """'Counted apart: United Nations system (...), Organisers (...)', as
    'Civil society organizations' and 'Women' are, in the overview's list
    and the balance annex's table, in every format; it read 'organisers'."""
    opening(r)
    md = r.ok("export", "summary")
    assert "- **Counted apart:** Organisers (3 registered, 1 present)," in md, md[:3000]
    assert "| Organisers | 3 | 1 | 5:00 |" in md
    txt = r.ok("export", "summary", "--format", "txt")
    assert "- Counted apart: Organisers (3 registered, 1 present)," in txt
    assert "\nOrganisers " in txt.split("Counted apart\n-------------")[1]
    html = r.ok("export", "summary", "--format", "html")
    assert "Organisers (3 registered, 1 present)" in html and "<td>Organisers</td>" in html
    for fmt, text in exports(r).items():
        assert "organisers (" not in text and "| organisers |" not in text, fmt
