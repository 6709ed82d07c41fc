"""Each signal on its own page: a dated timeline, its number of submissions and what it changed;
every date, status and link checked at `check`, located in terugkoppeling.yml. Built in-process."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import pipeline

FILE = "content/feedback/terugkoppeling.yml"
ACCOUNT = """title: Wat deden we?
summary: Wat we deden met je inbreng.
signals:
  - id: wachttijd
    title: Lang wachten
    received: 2026-10-01
    summary: Mensen wachten lang.
    status: aangepast
    updated: 2026-11-01
    response: Er is een extra ondersteuner.
    submissions: 3
    history:
      - date: 2026-10-01
        status: ontvangen
      - date: 2026-10-15
        status: besloten
        note: De raad besloot tot een extra ondersteuner.
      - date: 2026-11-01
        status: aangepast
    changed:
      - title: Begrippen
        page: begrippen/
      - title: Het raadsbesluit
        url: https://example.org/besluit
  - id: app
    title: Een app
    received: 2026-10-05
    summary: Iemand wil een app.
    status: niet-overgenomen
    updated: 2026-10-20
    response: Een app kost te veel.
"""


def messages(result) -> list[str]:
    return [str(d) for d in result.report.sorted()]


@pytest.fixture
def in_portal(portal, monkeypatch):
    def make(account: str) -> Path:
        root = portal({FILE: account})
        monkeypatch.chdir(root)
        return root
    return make


def test_each_signal_gets_a_page_with_its_timeline_count_and_changes(in_portal, tmp_path):
    in_portal(ACCOUNT)
    result = pipeline.build(Path("site_config.yml"), tmp_path / "site")
    assert result.ok, messages(result)
    base = tmp_path / "site/feedback/wat-deden-we"
    page = (base / "signalen/wachttijd/index.html").read_text(encoding="utf-8")
    assert '<time datetime="2026-10-15">15-10-2026</time>: <strong>Besloten</strong>' in page
    assert "De raad besloot tot een extra ondersteuner." in page
    assert page.index('datetime="2026-10-01"') < page.index('datetime="2026-10-15"') < page.index('datetime="2026-11-01"')
    assert "3 inzendingen" in page
    assert 'href="../../../../begrippen/"' in page and 'href="https://example.org/besluit"' in page
    # Without a written history: received, then the current status with the response.
    app = (base / "signalen/app/index.html").read_text(encoding="utf-8")
    assert '<time datetime="2026-10-05">5-10-2026</time>: <strong>Ontvangen</strong>' in app
    assert '<time datetime="2026-10-20">20-10-2026</time>: <strong>Niet overgenomen</strong>' in app
    overview = (base / "index.html").read_text(encoding="utf-8")
    assert 'href="signalen/wachttijd/"' in overview and 'href="signalen/app/"' in overview
    assert (base / "besloten").exists() is False  # no signal is 'besloten' now: no empty filter page


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("      - date: 2026-10-15\n", "      - date: 2026-09-15\n",
     f"{FILE}:15:15: E009 'signals[1].history[2].date' ligt vóór 'received' (2026-10-01)"),
    ("      - date: 2026-10-01\n", "      - date: 2026-10-20\n",
     f"{FILE}:15:15: E009 'signals[1].history[2].date' ligt vóór de stap ervoor (2026-10-20); "
     "zet de stappen op datum, oudste eerst"),
    ("      - date: 2026-11-01\n        status: aangepast", "      - date: 2026-11-01\n        status: besloten",
     f"{FILE}:19:17: E009 de laatste stap van 'signals[1].history' heeft status 'besloten', maar 'status' is 'aangepast'"),
    ("      - date: 2026-11-01\n", "      - date: 2026-10-30\n",
     f"{FILE}:18:15: E009 de laatste stap van 'signals[1].history' heeft datum 2026-10-30, maar 'updated' is 2026-11-01"),
    ("      - date: 2026-10-15\n", "      - date: 2026-12-15\n",
     f"{FILE}:15:15: E009 'signals[1].history[2].date' ligt na 'updated' (2026-11-01)"),
    ("        page: begrippen/\n", "        page: bestaat-niet/\n",
     f"{FILE}:22:15: E030 link naar 'bestaat-niet/' wijst naar een pagina die niet bestaat"),
    ("        page: begrippen/\n", "",
     f"{FILE}:21:9: E005 'signals[1].changed[1]' heeft precies één van 'page' (een pagina op deze site) "
     "of 'url' (https) nodig"),
    ("        url: https://example.org/besluit\n", "        url: http://example.org/besluit\n",
     f"{FILE}:24:14: E009 'signals[1].changed[2].url' heeft niet de juiste vorm: gebruik een adres dat begint met https://; "
     'nu tekst ("http://example.org/besluit")'),
])
def test_dates_statuses_and_links_of_a_signal_are_checked_at_their_place(in_portal, old, new, expected):
    assert old in ACCOUNT
    in_portal(ACCOUNT.replace(old, new, 1))
    assert messages(pipeline.check(Path("site_config.yml"))) == [expected]


HOSTILE = '</title><script>alert(1)</script>"><b onmouseover=alert(2)>x</b>{{ 7*7 }}'


def test_text_of_a_signal_stays_text_on_its_page_and_in_the_feed(in_portal, tmp_path):
    import json
    import xml.etree.ElementTree as ET
    from html.parser import HTMLParser

    hostile = json.dumps(HOSTILE)  # a YAML string that holds the text exactly
    in_portal(ACCOUNT.replace("title: Lang wachten", f"title: {hostile}")
              .replace("note: De raad besloot tot een extra ondersteuner.", f"note: {hostile}")
              .replace("title: Begrippen", f"title: {hostile}"))
    result = pipeline.build(Path("site_config.yml"), tmp_path / "site")
    assert result.ok, messages(result)
    base = tmp_path / "site/feedback/wat-deden-we"

    class Tags(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found: list = []

        def handle_starttag(self, tag, attrs):
            self.found.append((tag, dict(attrs)))

    for page in (base / "signalen/wachttijd/index.html", base / "index.html"):
        text = page.read_text(encoding="utf-8")
        parser = Tags()
        parser.feed(text)
        assert not [attrs for _, attrs in parser.found if "onmouseover" in attrs], page
        assert "<script>alert(1)" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text, page
    feed = ET.parse(base / "wijzigingen.xml").getroot()
    titles = [e.findtext("{http://www.w3.org/2005/Atom}title") for e in feed.iter("{http://www.w3.org/2005/Atom}entry")]
    assert f"{HOSTILE}: besloten" in titles
