"""Text that stays text: a note holding a javascript: link in Markdown form,
Markdown emphasis, an HTML tag and a plain https link renders inert in
every format, all but the https link, which becomes a real link where the
format has links (Markdown, HTML) and stays readable in plain text."""
import json

import html5lib
import pytest

NS = "{http://www.w3.org/1999/xhtml}"
URL = "https://example.org/report?a=1&b=2"
NOTE = f"See [x](javascript:alert(1)), **bold**, <b>b</b> and {URL}."


@pytest.fixture
def note(r):
    r.ok("init", "--title", "Hearing")
    r.ok("agenda", "add", "--title", "Session", "--code", "s1")
    r.new_id("note", "s1", NOTE)
    return r


def export(r, fmt):
    return r.ok("export", "summary", "--format", fmt)


def test_markdown(note):
    md = export(note, "md")
    line = next(l for l in md.splitlines() if l.startswith("- See"))
    # Every character that could open markup is escaped; the link is an
    # autolink, the sentence's full stop outside it.
    assert line == ("- See \\[x\\](javascript:alert(1)), \\*\\*bold\\*\\*, \\<b>b\\</b> and"
                    f" <{URL}>.")


def test_html(note):
    doc = html5lib.HTMLParser(strict=True).parse(export(note, "html"))
    li = next(li for li in doc.iter(f"{NS}li") if "".join(li.itertext()).startswith("See"))
    assert "".join(li.itertext()) == NOTE
    links = list(li.iter(f"{NS}a"))
    assert [a.get("href") for a in links] == [URL]  # the javascript: one is text
    assert not list(li.iter(f"{NS}b")) and not list(li.iter(f"{NS}strong"))


def test_txt(note):
    txt = export(note, "txt")
    assert "- See [x](javascript:alert(1)), **bold**, <b>b</b> and\n  " + URL + "." in txt


def test_json(note):
    d = json.loads(export(note, "json"))
    assert d["agenda"][0]["notes"][0]["text"] == NOTE  # data, as typed


@pytest.mark.parametrize("text,links", [
    ("http://a.org/x_(y) and (https://b.org/z)", ["http://a.org/x_(y)", "https://b.org/z"]),
    ("ftp://a.org data:text/html,x javascript://x", []),
    ("xhttps://a.org https:// https://", []),
])
def test_only_http_links_are_links(r, text, links):
    r.ok("init", "--title", "Hearing")
    r.ok("agenda", "add", "--title", "Session", "--code", "s1")
    r.new_id("note", "s1", text)
    doc = html5lib.HTMLParser(strict=True).parse(export(r, "html"))
    assert [a.get("href") for a in doc.iter(f"{NS}a")] == links


LONG_URL = ("https://migrationnetwork.un.org/sites/g/files/tmzbdl416/files/resources_files/"
            "sgs_report_english.pdf")


def test_plain_text_keeps_a_long_link_whole(r):
    # Longer than the line: broken in two, it led nowhere when copied.
    r.ok("init", "--title", "Hearing")
    r.ok("agenda", "add", "--title", "Session", "--code", "s1")
    r.ok("meeting", "set", "--link", f"SG report={LONG_URL}")
    r.new_id("note", "s1", f"See {LONG_URL}, the report.")
    lines = export(r, "txt").splitlines()
    assert f"  {LONG_URL}" in lines  # the meeting's link
    assert ["- See", f"  {LONG_URL},", "  the report."] == \
        lines[lines.index("- See"):lines.index("- See") + 3]
