from pathlib import Path

import pytest

from generator.checks.plain_language import check_plain_language, format_report, measure_portal
from generator.diagnostics import Report
from generator.models import PlainLanguage, Thresholds
from generator.pipeline import prepare
from generator.source import parse_yaml

# The minimal fixture's case with a long sentence in a folded summary (line 7), one in a '|'
# block (starting on line 18) and jargon in a plain scalar (line 21).
CASE = """\
municipality: Teststad
title: Een voorbeeld
period: 2020
summary: >-
  Inwoners praten mee.
  Dat werkt goed.
  Daarna praten de inwoners, de ambtenaren, de wethouder en de cliëntondersteuners van de gemeente een hele middag over wat er beter kan.
involvement: [peilend]
instruments: [vragenlijst]
methods: [kringloop]
phases: [verzamelen]
terms: [wmo]
sections:
  - title: Wat er gebeurde
    body: |
      Inwoners vulden een **vragenlijst** in.

      Daarna praatten de inwoners, de ambtenaren, de wethouder en de cliëntondersteuners
      van de gemeente samen een hele middag lang over wat er beter kon. Dat hielp.
  - title: Wat we leerden
    body: Het sociaal domein is groot. De WMO helpt. Het CO-overleg ook.
sources: [bron-a]
"""


@pytest.fixture
def measured(portal, monkeypatch):
    """Files to change in the minimal portal -> its text reports (paths relative to the portal)."""
    def run(files=None):
        root = portal(files)
        monkeypatch.chdir(root)
        report = Report()
        prepared = prepare(Path("site_config.yml"), report)
        assert prepared is not None, [str(d) for d in report.diagnostics]
        return measure_portal(prepared.portal, prepared.routes)
    return run


def lines(diagnostics):
    return [str(d) for d in diagnostics]


def test_every_resident_facing_text_is_measured_with_its_page_and_start(measured):
    reports = measured()
    # In the order of the kind registry (kinds.py): terms, cases, methods, ..., free pages.
    assert [(r.page, r.kind, str(r.location), r.readability.words) for r in reports] == [
        # All definitions as one text, in the glossary page's order (Adviesraad before Wmo).
        ("begrippen/", "tekst", "content/glossary.yml:8:17", 15),
        ("praktijkvoorbeelden/voorbeeld/", "samenvatting", "content/cases/voorbeeld.yml:4:10", 6),
        # Sections and lessons together: 'Inwoners vulden een vragenlijst in.' + 'Begin klein.'
        ("praktijkvoorbeelden/voorbeeld/", "tekst", "content/cases/voorbeeld.yml:12:11", 7),
        ("methoden/kringloop/", "samenvatting", "content/methods/kringloop.yml:3:10", 5),
        ("methoden/kringloop/", "tekst", "content/methods/kringloop.yml:4:8", 4),
        # A phase without a body: its text is its tips, starting at the first tip.
        ("methoden/kringloop/verzamelen/", "samenvatting", "content/methods/kringloop.yml:10:14", 4),
        ("methoden/kringloop/verzamelen/", "tekst", "content/methods/kringloop.yml:11:12", 2),
        ("methoden/kringloop/terugkoppelen/", "samenvatting", "content/methods/kringloop.yml:15:14", 5),
        ("methoden/kringloop/terugkoppelen/", "tekst", "content/methods/kringloop.yml:16:12", 2),
        ("", "samenvatting", "content/pages/index.md:3:10", 4),
        ("", "tekst", "content/pages/index.md:7:1", 4),
        ("over/", "tekst", "content/pages/over.md:5:1", 3),
    ]


def test_default_norms_on_the_minimal_portal(measured):
    assert lines(check_plain_language(measured(), PlainLanguage(), strict=False)) == [
        "content/methods/kringloop.yml:15:14: W020 waarschuwing: samenvatting te moeilijk: Flesch-Douma 63,6 "
        "(norm: minstens 65)",
        "content/pages/index.md:7:1: W020 waarschuwing: tekst te moeilijk: Flesch-Douma 49,1 (norm: minstens 55)",
    ]


def test_configured_norms_and_sentence_length(measured):
    norms = PlainLanguage(summaries=Thresholds(min_flesch_douma=90, max_words_per_sentence=3),
                          body=Thresholds(min_flesch_douma=0, max_words_per_sentence=100),
                          max_sentence_words=6, jargon=[])
    assert lines(check_plain_language(measured(), norms, strict=False)) == [
        # 'Een groep inwoners die de gemeente advies geeft.': 8 words, in the second definition.
        "content/glossary.yml:8:17: W021 waarschuwing: zin te lang: 8 woorden (norm: hoogstens 6): "
        "'Een groep inwoners die de gemeente advies geeft.'",
        "content/glossary.yml:4:17: W021 waarschuwing: zin te lang: 7 woorden (norm: hoogstens 6): "
        "'De wet over hulp van de gemeente.'",
        "content/cases/voorbeeld.yml:4:10: W020 waarschuwing: samenvatting te moeilijk: Flesch-Douma 88,5 (norm: minstens 90)",
        "content/methods/kringloop.yml:3:10: W020 waarschuwing: samenvatting te moeilijk: gemiddeld 5,0 woorden per zin "
        "(norm: hoogstens 3)",
        "content/methods/kringloop.yml:10:14: W020 waarschuwing: samenvatting te moeilijk: Flesch-Douma 68,4 (norm: minstens 90); "
        "gemiddeld 4,0 woorden per zin (norm: hoogstens 3)",
        "content/methods/kringloop.yml:15:14: W020 waarschuwing: samenvatting te moeilijk: Flesch-Douma 63,6 (norm: minstens 90); "
        "gemiddeld 5,0 woorden per zin (norm: hoogstens 3)",
        "content/pages/index.md:3:10: W020 waarschuwing: samenvatting te moeilijk: Flesch-Douma 87,6 (norm: minstens 90); "
        "gemiddeld 4,0 woorden per zin (norm: hoogstens 3)",
    ]


def test_long_sentences_are_located_on_their_own_line(measured):
    diagnostics = check_plain_language(measured({"content/cases/voorbeeld.yml": CASE}), PlainLanguage(), strict=False)
    assert [str(d) for d in diagnostics if d.code == "W021"] == [
        # Third line of the folded ('>-') summary.
        "content/cases/voorbeeld.yml:7:1: W021 waarschuwing: zin te lang: 22 woorden (norm: hoogstens 20): "
        "'Daarna praten de inwoners, de ambtenaren, de wethouder …'",
        # Inside the '|' block, whose text starts on line 16: the sentence starts on line 18.
        "content/cases/voorbeeld.yml:18:1: W021 waarschuwing: zin te lang: 24 woorden (norm: hoogstens 20): "
        "'Daarna praatten de inwoners, de ambtenaren, de wethouder …'",
    ]


def test_jargon_without_a_glossary_entry_is_flagged_once_per_text(measured):
    diagnostics = check_plain_language(measured({"content/cases/voorbeeld.yml": CASE}), PlainLanguage(), strict=False)
    # 'WMO' is the glossary's 'Wmo' (any case); 'CO' counts inside 'CO-overleg'.
    assert [str(d) for d in diagnostics if d.code == "W022"] == [
        "content/cases/voorbeeld.yml:21:58: W022 waarschuwing: vakterm 'CO' staat niet in de begrippenlijst: leg het "
        "woord uit in glossary.yml (als begrip of als alias) of gebruik een gewoner woord",
        "content/cases/voorbeeld.yml:21:15: W022 waarschuwing: vakterm 'sociaal domein' staat niet in de "
        "begrippenlijst: leg het woord uit in glossary.yml (als begrip of als alias) of gebruik een gewoner woord",
    ]


def test_a_glossary_term_or_alias_explains_jargon(measured):
    glossary = (Path(__file__).parent.parent / "fixtures/minimal/content/glossary.yml").read_text(encoding="utf-8")
    glossary += ("  - term: Sociaal domein\n    slug: sociaal-domein\n    definition: Zorg, werk en jeugd.\n"
                 "  - term: Cliëntondersteuning\n    slug: co\n    definition: Hulp bij vragen.\n    aliases: [CO]\n")
    reports = measured({"content/cases/voorbeeld.yml": CASE, "content/glossary.yml": glossary})
    assert not [d for d in check_plain_language(reports, PlainLanguage(), strict=False) if d.code == "W022"]


def test_lower_case_co_is_not_the_acronym(measured):
    case = CASE.replace("Het CO-overleg ook.", "Het co-creatie overleg ook.")
    diagnostics = check_plain_language(measured({"content/cases/voorbeeld.yml": case}), PlainLanguage(), strict=False)
    assert [d.message.split("'")[1] for d in diagnostics if d.code == "W022"] == ["sociaal domein"]


def test_strict_mode_keeps_the_codes_and_makes_them_errors(measured):
    reports = measured({"content/cases/voorbeeld.yml": CASE})
    relaxed = check_plain_language(reports, PlainLanguage(), strict=False)
    strict = check_plain_language(reports, PlainLanguage(), strict=True)
    assert [(d.code, d.location) for d in strict] == [(d.code, d.location) for d in relaxed]
    assert {d.severity for d in relaxed} == {"warning"} and {d.severity for d in strict} == {"error"}
    assert sorted({d.code for d in strict}) == ["W020", "W021", "W022"]
    assert "waarschuwing" not in str(strict[0])


def test_format_report_is_one_line_per_text_sorted_by_page(measured):
    table = format_report(measured()).splitlines()
    assert table[0].split() == ["pagina", "soort", "Flesch-Douma", "woorden/zin", "%", "ongewoon"]
    assert table[1].split() == ["/", "samenvatting", "87,6", "4,0", "25", "%"]
    assert table[3].split() == ["/begrippen/", "tekst", "86,9", "7,5", "0", "%"]
    assert [row.split()[0] for row in table[1:]] == sorted(row.split()[0] for row in table[1:])
    assert len(table) == 1 + 12


# --- positions inside YAML values (source.Document.locate_offset) -------------------

YAML = """\
block: |
  een twee.

  drie vier
folded: >-
  een
  twee

  drie
plain: een twee
  drie vier
quoted: "een \\"twee\\"
  drie"
"""


@pytest.mark.parametrize("path, word, expected", [
    ("block", "een", "f.yml:2:1"),
    ("block", "drie", "f.yml:4:1"),
    ("folded", "twee", "f.yml:7:1"),
    ("folded", "drie", "f.yml:9:1"),
    ("plain", "twee", "f.yml:10:12"),
    ("plain", "vier", "f.yml:11:1"),
    # An escape cannot be followed through the source: the line is counted from the value.
    ("quoted", "drie", "f.yml:12:9"),
])
def test_offsets_in_every_scalar_style_map_to_their_line(path, word, expected):
    document = parse_yaml(YAML, "f.yml")
    value = document.value((path,))
    assert str(document.locate_offset((path,), value.index(word))) == expected
