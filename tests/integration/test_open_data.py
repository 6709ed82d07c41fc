"""The signals as open data: CSV, JSON and an Atom feed, compared byte for byte with expected
files (tests/fixtures/open_data/), the feed read back with an XML parser, and linked from the
overview's head. Built in-process from the signals of test_signals.py."""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator import pipeline
from test_signals import ACCOUNT, FILE

EXPECTED = Path(__file__).resolve().parent.parent / "fixtures" / "open_data"
ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


@pytest.fixture
def built(portal, monkeypatch, tmp_path) -> Path:
    root = portal({FILE: ACCOUNT})
    monkeypatch.chdir(root)
    result = pipeline.build(Path("site_config.yml"), tmp_path / "site")
    assert result.ok, [str(d) for d in result.report.sorted()]
    return tmp_path / "site/feedback/wat-deden-we"


@pytest.mark.parametrize("name", ["signalen.csv", "signalen.json", "wijzigingen.xml"])
def test_data_files_are_exactly_the_expected_ones(built, name):
    assert (built / name).read_bytes() == (EXPECTED / name).read_bytes()


def test_the_feed_is_atom_with_one_entry_per_status_change_newest_first(built):
    feed = ET.parse(built / "wijzigingen.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 5  # wachttijd: 3 steps in its history; app: received and its status
    dates = [e.findtext(f"{ATOM}updated") for e in entries]
    assert all(RFC3339.match(d) for d in dates) and dates == sorted(dates, reverse=True)
    assert feed.findtext(f"{ATOM}updated") == dates[0]
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    assert all(e.find(f"{ATOM}link").get("href").startswith("http://127.0.0.1:8000/feedback/wat-deden-we/signalen/")
               for e in entries)


def test_csv_and_json_hold_every_signal_with_its_page(built):
    rows = list(csv.DictReader((built / "signalen.csv").read_text(encoding="utf-8").splitlines()))
    data = json.loads((built / "signalen.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in rows] == [s["id"] for s in data["signalen"]] == ["app", "wachttijd"]
    assert [s["status"] for s in data["signalen"][1]["tijdlijn"]] == ["ontvangen", "besloten", "aangepast"]


def test_the_overview_and_its_filters_announce_the_feed_in_their_head_and_link_the_files(built):
    for page, prefix in (("index.html", ""), ("aangepast/index.html", "../")):
        text = (built / page).read_text(encoding="utf-8")
        head = text[:text.index("</head>")]
        assert (f'<link rel="alternate" type="application/atom+xml" title="Wijzigingen in de signalen (Atom)" '
                f'href="{prefix}wijzigingen.xml">') in head
    overview = (built / "index.html").read_text(encoding="utf-8")
    for name in ("signalen.csv", "signalen.json", "wijzigingen.xml"):
        assert f'href="./{name}"' in overview


def test_without_site_url_the_data_files_link_relative_to_their_folder(portal, monkeypatch, tmp_path):
    root = portal({FILE: ACCOUNT})
    config = root / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("site_url: http://127.0.0.1:8000/\n", ""),
                      encoding="utf-8")
    monkeypatch.chdir(root)
    assert pipeline.build(Path("site_config.yml"), tmp_path / "site").ok
    feed = ET.parse(tmp_path / "site/feedback/wat-deden-we/wijzigingen.xml").getroot()
    assert feed.find(f"{ATOM}entry/{ATOM}link").get("href") == "signalen/wachttijd/"
