"""`portaal feedback report`: a self-contained HTML report of counts only, and a CSV of the
submissions that Dutch Excel opens as it is. Through the CLI, on a store filled in the test."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

import pytest

from generator.feedback.storage import open_store
from support import ROOT, run_portaal

WORDS = "Mijn buurvrouw Truus wacht al maanden"
EMAIL = "truus@example.org"
FORM = """title: Idee
summary: Deel je idee.
fields:
  - id: soort
    type: choice
    label: Waar gaat het over?
    options: [Wachttijd, Website]
  - id: idee
    type: long_text
    label: Je idee
  - id: email
    type: email
    label: Je e-mailadres
thanks: Dank je.
"""


class _Page(HTMLParser):
    """Every tag with its attributes, and the table rows as text cells."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "tr":
            self.rows.append([])
        if tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


@pytest.fixture
def reported(portal, tmp_path):
    root = portal({"content/feedback/terugkoppeling.yml": (ROOT / "content/feedback/terugkoppeling.yml").read_text(encoding="utf-8"),
                   "content/feedback/pagina-nuttig.yml": (ROOT / "content/feedback/pagina-nuttig.yml").read_text(encoding="utf-8"),
                   "content/feedback/idee.yml": FORM})
    store = open_store(root / "feedback.sqlite3")
    for received, page, answer in (("2026-10-01", "over/", "Ja"), ("2026-10-09", "over/", "Ja"),
                                   ("2026-10-20", "over/", "Nee"), ("2026-11-02", "over/", "Nee"),
                                   ("2026-11-03", "", "Ja")):
        store.add("pagina-nuttig", {"nuttig": answer, "_pagina": page, **({"verbetering": WORDS} if answer == "Nee" else {})},
                  f"{received}T10:00:00Z")
    store.add("idee", {"soort": "Wachttijd", "idee": WORDS, "email": EMAIL}, "2026-11-04T10:00:00Z")
    store.add("idee", {"soort": "Wachttijd", "idee": "=HYPERLINK(\"x\")"}, "2026-11-05T10:00:00Z")
    done = run_portaal("feedback", "report", "--today", "2026-12-01", "--csv", "inzendingen.csv", cwd=root)
    assert done.code == 0, done.stderr
    assert "Rapport geschreven" in done.stdout and "deel het niet" in done.stdout
    return root


def test_the_report_shows_counts_per_page_month_field_and_open_signal(reported):
    text = (reported / "feedback-rapport.html").read_text(encoding="utf-8")
    page = _Page()
    page.feed(text)
    assert ["2026-10", "2", "1", "67"] in page.rows and ["2026-11", "0", "1", "0"] in page.rows  # /over/
    assert ["Wachttijd", "2"] in page.rows and ["Website", "0"] in page.rows
    assert ["ingevuld", "2"] in page.rows and ["leeg", "0"] in page.rows  # 'Je idee': only whether it was filled in
    # Open signals of the demo file, oldest first, age counted to --today.
    assert ["Lang wachten op een cliëntondersteuner (voorbeeld)", "In behandeling", "2026-10-20", "42"] in page.rows
    assert page.rows.index(["Lang wachten op een cliëntondersteuner (voorbeeld)", "In behandeling", "2026-10-20", "42"]) \
        < page.rows.index(["Bijeenkomsten ook 's avonds (voorbeeld)", "Ontvangen", "2026-11-18", "13"])
    assert sum(1 for tag, _ in page.tags if tag == "svg") >= 5


def test_the_report_is_self_contained_and_holds_no_words_of_residents(reported):
    text = (reported / "feedback-rapport.html").read_text(encoding="utf-8")
    page = _Page()
    page.feed(text)
    assert not [tag for tag, _ in page.tags if tag in ("script", "link", "img", "iframe", "object")]
    assert not [attrs for _, attrs in page.tags if {"src", "href"} & set(attrs)]
    assert text.count("http") == text.count('xmlns="http://www.w3.org/2000/svg"')  # no address but SVG's name
    assert WORDS not in text and EMAIL not in text and "HYPERLINK" not in text


def test_the_csv_opens_in_dutch_excel_with_formulas_kept_as_text(reported):
    raw = (reported / "inzendingen.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["id", "formulier", "ontvangen"]
    assert len(rows) == 8 and all(len(row) == len(rows[0]) for row in rows)
    header = rows[0]
    assert rows[-1][header.index("idee")] == "'=HYPERLINK(\"x\")"
    assert rows[-2][header.index("email")] == EMAIL
