"""The summary report says one thing in every section and every format: its
title block's time zone, who attended, and what each count counts."""
import json

import pytest

T0 = 1652711400  # 2022-05-16T14:30:00Z


@pytest.mark.parametrize("zone, label", [
    ("Etc/GMT+5", "UTC−5"),  # POSIX: five hours behind UTC
    ("Etc/GMT-3", "UTC+3"),
    ("Etc/GMT-14", "UTC+14"),
    ("Etc/UTC", "UTC"),
    ("Etc/GMT", "UTC"),
    ("America/New_York", "New York time"),
])
def test_a_zone_with_no_city_reads_as_its_offset(hearing, zone, label):
    hearing.ok("meeting", "set", "--timezone", zone)
    for fmt in ["md", "txt", "html"]:
        text = hearing.ok("export", "summary", "--format", fmt)
        assert f"10:30–13:00 ({label})" in text, (fmt, text[:400])
        assert "GMT" not in text, fmt


def test_etc_gmt_plus_5_is_labelled_utc_minus_5_and_its_times_agree(hearing):
    """Etc/GMT+5 is UTC−5 (POSIX's sign is the reverse): an item started at
    15:30 UTC started at 10:30 there, and the title block says which zone."""
    hearing.ok("meeting", "set", "--timezone", "Etc/GMT+5")
    hearing.ok("agenda", "open", "thematic-1", now=T0 + 3600)
    md = hearing.ok("export", "summary", now=T0 + 3700)
    assert "10:30–13:00 (UTC−5)" in md and "GMT+5" not in md, md[:400]
    assert "(actual from 10:30)" in md, md[:1200]
