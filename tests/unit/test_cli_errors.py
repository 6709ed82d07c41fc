"""Invalid portals through the real CLI: exact messages, exit code 1, no traceback, output untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from support import MINIMAL, run_portaal

CASE = (MINIMAL / "content/cases/voorbeeld.yml").read_text(encoding="utf-8")
GLOSSARY = (MINIMAL / "content/glossary.yml").read_text(encoding="utf-8")
METHOD = (MINIMAL / "content/methods/kringloop.yml").read_text(encoding="utf-8")
CONFIG = (MINIMAL / "site_config.yml").read_text(encoding="utf-8")

SCENARIOS = {
    "yaml syntax": (
        {"content/cases/voorbeeld.yml": "municipality: Teststad\ntitle: [Een voorbeeld\n"},
        ["content/cases/voorbeeld.yml:3:1: E001 YAML-syntaxfout: een lijst tussen [ ] is niet afgesloten met ']' (begonnen op regel 2)"],
    ),
    "duplicate key": (
        {"content/cases/voorbeeld.yml": CASE.replace("period: 2020", "period: 2020\ntitle: Nog een titel")},
        ["content/cases/voorbeeld.yml:4:1: E002 dubbele sleutel 'title': deze staat hierboven al (regel 2)"],
    ),
    "unknown field": (
        {"content/cases/voorbeeld.yml": CASE.replace("lessons:", "lesons:")},
        ["content/cases/voorbeeld.yml:17:1: E003 onbekend veld 'lesons' (bedoelde u 'lessons'?)"],
    ),
    "wrong type": (
        {"content/cases/voorbeeld.yml": CASE.replace("involvement: [peilend]", "involvement: peilend")},
        ["content/cases/voorbeeld.yml:5:14: E004 'involvement' moet een lijst zijn, maar is tekst (\"peilend\")"],
    ),
    "missing field": (
        {"content/cases/voorbeeld.yml": CASE.replace("summary: Inwoners praten mee. Dat werkt goed.\n", "")},
        ["content/cases/voorbeeld.yml:1:1: E005 verplicht veld 'summary' ontbreekt"],
    ),
    "broken references": (
        {"content/cases/voorbeeld.yml": CASE.replace("phases: [verzamelen]", "phases: [verzamel, terugkoppelen]")
                                            .replace("terms: [wmo]", "terms: [wmo, oco]")
                                            .replace("methods: [kringloop]", "methods: [kringlop]")},
        ["content/cases/voorbeeld.yml:7:11: E006 'methods[1]': methode 'kringlop' bestaat niet (bedoelde u 'kringloop'?)",
         "content/cases/voorbeeld.yml:8:10: E006 'phases[1]': lemniscaatfase 'verzamel' bestaat niet (bedoelde u 'verzamelen'?)",
         "content/cases/voorbeeld.yml:9:14: E006 'terms[2]': begrip 'oco' bestaat niet (zie 'portaal list terms')"],
    ),
    "duplicate slug": (
        {"content/glossary.yml": GLOSSARY + "  - term: WMO\n    slug: wmo\n    definition: Dubbel.\n"},
        ["content/glossary.yml:10:11: E007 dubbele slug 'wmo': begrip bestaat al (content/glossary.yml:3:11)"],
    ),
    "glossary forms": (
        {"content/glossary.yml": GLOSSARY.replace("    see: [adviesraad]\n", "    see: [adviesraad]\n    forms: [Wmo 2015, Wmo 2015, de wet]\n")
         .replace("definition: Een groep inwoners die de gemeente advies geeft.\n",
                  "definition: Een groep inwoners die de gemeente advies geeft.\n    aliases: [Wmo-raad]\n"
                  "    forms: [Wmo-raad, wmo]\n")},
        ["content/glossary.yml:6:23: E009 'terms[1].forms[2]': woordvorm 'Wmo 2015' staat twee keer in de lijst",
         "content/glossary.yml:6:33: E009 'terms[1].forms[3]': woordvorm 'de wet' bevat het begrip 'Wmo' niet, en ook "
         "geen andere naam ervan; schrijf het begrip (of een meervoud) in de woordvorm, bijv. 'eigen ervaring'",
         "content/glossary.yml:11:23: E009 'terms[2].forms[2]': woordvorm 'wmo' bevat het begrip 'Adviesraad' niet, "
         "en ook geen andere naam ervan; schrijf het begrip (of een meervoud) in de woordvorm, bijv. 'eigen ervaring'"],
    ),
    "glossary form of two terms": (
        {"content/glossary.yml": GLOSSARY.replace("    see: [adviesraad]\n", "    see: [adviesraad]\n    forms: [Wmo adviesraad]\n")
         + "    aliases: [Wmo adviesraad]\n"},
        ["content/glossary.yml:6:13: E009 'terms[1].forms[1]': woordvorm 'Wmo adviesraad' hoort ook bij het begrip "
         "'Adviesraad'; één woordvorm kan bij maar één begrip horen"],
    ),
    "empty file": (
        {"content/cases/leeg.yml": "# yaml-language-server: $schema=../../schemas/case.schema.json\n"},
        ["content/cases/leeg.yml:1:1: E008 het bestand is leeg"],
    ),
    "invalid value with suggestion": (
        {"content/methods/kringloop.yml": METHOD.replace("kind: cycle", "kind: cycel")},
        ["content/methods/kringloop.yml:1:7: E009 'kind' moet een van deze waarden zijn: route, session, cycle; "
         "niet tekst (\"cycel\") (bedoelde u 'cycle'?)"],
    ),
    "config date": (
        {"site_config.yml": CONFIG.replace("updated: 2026-01-15", "updated: gisteren")},
        ["site_config.yml:5:10: E004 'updated' moet een datum (JJJJ-MM-DD) zijn, maar is tekst (\"gisteren\")"],
    ),
    "impossible date in the config": (
        {"site_config.yml": CONFIG.replace("updated: 2026-01-15", "updated: 2026-11-31")},
        ["site_config.yml:5:10: E009 'updated' is geen bestaande datum: 2026-11-31"],
    ),
    "impossible date in content": (
        {"content/cases/voorbeeld.yml": CASE.replace("period: 2020", "period: 2025-02-30")},
        ["content/cases/voorbeeld.yml:3:9: E009 'period' is geen bestaande datum: 2025-02-30"],
    ),
    "hostile yaml": (
        {"content/cases/voorbeeld.yml": CASE.replace("title: Een voorbeeld", "title: !Belangrijk Een voorbeeld"),
         "content/glossary.yml": GLOSSARY.replace("term: Wmo", "term: Wmo \x1b")},
        ["content/cases/voorbeeld.yml:2:8: E001 YAML-syntaxfout: een waarde die met ! begint, leest YAML als "
         "type-aanduiding (tag); tags (!…), ankers (&…) en verwijzingen (*…) zijn niet toegestaan in inhoud; zet de "
         "hele waarde tussen aanhalingstekens, bijv. title: '!Belangrijk Een voorbeeld'",
         "content/glossary.yml:2:15: E001 YAML-syntaxfout: onzichtbaar stuurteken U+001B (ESC); verwijder het"],
    ),
    "every problem in one run": (
        {"content/cases/voorbeeld.yml": CASE.replace("lessons:", "lesons:"), "content/cases/leeg.yml": "",
         "content/pages/over.md": "---\ntitel: Over\n---\nTekst\n"},
        ["content/cases/leeg.yml:1:1: E008 het bestand is leeg",
         "content/cases/voorbeeld.yml:17:1: E003 onbekend veld 'lesons' (bedoelde u 'lessons'?)",
         "content/pages/over.md:2:1: E003 onbekend veld 'titel' (bedoelde u 'title'? velden zijn Engels)",
         "content/pages/over.md:2:1: E005 verplicht veld 'title' ontbreekt"],
    ),
}


@pytest.mark.parametrize("name", SCENARIOS)
def test_invalid_content_reports_exact_messages(portal, name):
    files, expected = SCENARIOS[name]
    root = portal(files)
    for command in ("check", "build"):
        result = run_portaal(command, cwd=root)
        lines = result.stderr.splitlines()
        assert result.code == 1, result.stderr
        assert lines[:-1] == expected
        assert lines[-1] == f"{len(expected)} fout(en) gevonden; er is niets gewijzigd aan de uitvoer."
        assert "Traceback" not in result.stderr


def test_valid_minimal_portal_checks_clean(portal):
    result = run_portaal("check", cwd=portal())
    assert result.code == 0 and result.stderr.strip() == "Klaar: geen fouten."


def test_failed_build_leaves_previous_site_untouched(portal):
    root = portal()
    assert run_portaal("build", cwd=root).code == 0
    before = {p.relative_to(root / "site"): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert Path("praktijkvoorbeelden/voorbeeld/index.html") in before

    portal({"content/cases/voorbeeld.yml": CASE.replace("title: Een voorbeeld", "title: Gewijzigd")
                                                 .replace("terms: [wmo]", "terms: [bestaat-niet]")})
    assert run_portaal("build", cwd=root).code == 1
    after = {p.relative_to(root / "site"): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert after == before
    assert not [p for p in root.iterdir() if p.name.startswith(".site")], "no temp build dirs left behind"


def test_successful_rebuild_replaces_site(portal):
    root = portal()
    assert run_portaal("build", cwd=root).code == 0
    portal({"content/cases/voorbeeld.yml": CASE.replace("title: Een voorbeeld", "title: Gewijzigd")})
    assert run_portaal("build", cwd=root).code == 0
    page = (root / "site/praktijkvoorbeelden/voorbeeld/index.html").read_text(encoding="utf-8")
    assert "Gewijzigd" in page and "Een voorbeeld" not in page


def test_missing_config_is_a_clear_error(tmp_path):
    result = run_portaal("build", cwd=tmp_path)
    assert result.code == 1
    assert result.stderr.splitlines()[0] == "site_config.yml:1:1: E011 configuratiebestand niet gevonden"


def test_missing_theme_names_the_config_line(portal):
    root = portal({"site_config.yml": CONFIG + "theme: bestaat-niet\n"})
    line = len(CONFIG.splitlines()) + 1
    result = run_portaal("check", cwd=root)
    assert result.stderr.splitlines()[0] == f"site_config.yml:{line}:8: E012 thema 'bestaat-niet' niet gevonden in themes/"


def test_a_build_that_fails_after_measuring_began_still_reports_the_texts(portal):
    # `build` measures in a child from before the theme is looked up: its findings must not be lost.
    default_norms = CONFIG.split("# Readability has its own tests")[0]
    hard = CASE.replace("summary: Inwoners praten mee. Dat werkt goed.",
                        "summary: Onafhankelijke cliëntondersteuning vereist gemeentelijke beleidsontwikkeling.")
    root = portal({"site_config.yml": default_norms + "theme: bestaat-niet\n", "content/cases/voorbeeld.yml": hard})
    result = run_portaal("build", cwd=root)
    assert result.code == 1
    lines = result.stderr.splitlines()
    assert any(line.startswith("site_config.yml:") and " E012 " in line for line in lines), result.stderr
    assert "content/cases/voorbeeld.yml:4:10: W020 waarschuwing: samenvatting te moeilijk: Flesch-Douma -182,8 " \
           "(norm: minstens 65)" in lines


def test_unknown_file_in_content_is_a_warning_not_an_error(portal):
    root = portal({"content/notities.txt": "x"})
    result = run_portaal("check", cwd=root)
    assert result.code == 0
    assert "content/notities.txt:1:1: W001 waarschuwing: onbekend bestand" in result.stderr


def test_broken_link_in_a_page_stops_the_build(portal):
    root = portal({"content/pages/over.md": "---\ntitle: Over\n---\nZie [deze pagina](../bestaat-niet/).\n"})
    result = run_portaal("build", cwd=root)
    assert result.code == 1
    assert "content/pages/over.md:4:5: E030 link naar '../bestaat-niet/' wijst naar een pagina die niet bestaat" in result.stderr
    assert not (root / "site").exists()


def test_unreadable_colour_is_refused_with_ratio_and_a_passing_shade(portal):
    root = portal({"site_config.yml": CONFIG + "branding:\n  primary_color: \"#ffff00\"\n"})
    line = len(CONFIG.splitlines()) + 2
    result = run_portaal("build", cwd=root)
    assert result.code == 1
    assert result.stderr.splitlines()[:2] == [
        f"site_config.yml:{line}:18: E040 'branding.primary_color' #ffff00 heeft te weinig contrast met witte tekst "
        "in de kopbalk: 1,07:1, nodig is minstens 4,5:1; de dichtstbijzijnde kleur die aan alle eisen voldoet is #7a7a00",
        f"site_config.yml:{line}:18: E040 'branding.primary_color' #ffff00 heeft te weinig contrast met de witte "
        "achtergrond (lijnen en markeringen): 1,07:1, nodig is minstens 3:1; de dichtstbijzijnde kleur die aan alle eisen voldoet is #7a7a00",
    ]
    assert not (root / "site").exists()


def test_dark_scheme_colours_are_checked_too(portal):
    root = portal({"site_config.yml": CONFIG + "branding:\n  accent_color_dark: \"#1a5896\"\n"})
    result = run_portaal("check", cwd=root)
    assert result.code == 1
    assert "E040 'branding.accent_color_dark' #1a5896 heeft te weinig contrast met de donkere achtergrond #1e2129" \
        in result.stderr


PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def test_images_need_alt_text_a_local_file_and_no_other_site(portal):
    body = ("    body: |\n      Inwoners vulden een vragenlijst in.\n\n"
            "      ![](images/kaart.png)\n      ![Kaart](images/weg.png)\n      ![Logo](https://elders.example/l.png)\n"
            "      <img src=\"images/kaart.png\">\n")
    root = portal({"content/cases/voorbeeld.yml": CASE.replace("    body: Inwoners vulden een **vragenlijst** in.\n", body)})
    (root / "content/images").mkdir()
    (root / "content/images/kaart.png").write_bytes(PNG)
    result = run_portaal("check", cwd=root)
    assert result.code == 1
    assert result.stderr.splitlines()[:-1] == [
        "content/cases/voorbeeld.yml:15:1: E013 afbeelding 'images/kaart.png' heeft geen alt-tekst: beschrijf wat er "
        "te zien is, of schrijf 'decoratief' als de afbeelding alleen versiert",
        "content/cases/voorbeeld.yml:16:1: E014 afbeelding 'images/weg.png' niet gevonden; zet het bestand in "
        "content/images/ en schrijf 'images/naam.jpg'",
        "content/cases/voorbeeld.yml:17:1: E015 afbeelding 'https://elders.example/l.png' komt van een andere website; "
        "zet het bestand in content/images/ (geen verzoeken naar andere websites)",
        "content/cases/voorbeeld.yml:18:1: E016 schrijf een afbeelding als ![beschrijving](images/naam.jpg), "
        "niet als HTML-code",
    ]


def test_images_are_published_with_alt_text_or_marked_decorative(portal):
    body = "    body: |\n      ![Een kaart van de wijk](images/kaart.png)\n\n      ![decoratief](images/kaart.png)\n"
    root = portal({"content/cases/voorbeeld.yml": CASE.replace("    body: Inwoners vulden een **vragenlijst** in.\n", body),
                   "content/pages/over.md": "---\ntitle: Over\n---\n![Kaart](images/kaart.png)\n"})
    (root / "content/images").mkdir()
    (root / "content/images/kaart.png").write_bytes(PNG)
    assert run_portaal("build", cwd=root).code == 0
    page = (root / "site/praktijkvoorbeelden/voorbeeld/index.html").read_text(encoding="utf-8")
    assert '<img alt="Een kaart van de wijk" src="../../images/kaart.png">' in page
    assert '<img alt="" src="../../images/kaart.png">' in page
    assert '<img alt="Kaart" src="../images/kaart.png">' in (root / "site/over/index.html").read_text(encoding="utf-8")
    assert (root / "site/images/kaart.png").read_bytes() == PNG


CHECKLIST = """title: Test
summary: Kort.
audience: Iedereen
intro: Inleiding.
sources: [bron-a]
sections:
  - id: deel
    title: Deel
    items:
      - id: vraag
        question: Is het goed?
        explanation: Uitleg.
        why: Daarom.
        look_for: [Iets]
        sources: [bron-a]
      - id: vraag
        question: Nog een?
        explanation: Uitleg.
        why: Daarom.
        look_for: [Iets]
        sources: [bron-b]
"""


def test_checklist_ids_must_be_unique_and_sources_must_exist(portal):
    root = portal({"content/checklists/test.yml": CHECKLIST})
    result = run_portaal("check", cwd=root)
    assert result.stderr.splitlines()[:-1] == [
        "content/checklists/test.yml:16:13: E007 dubbele vraag-id 'vraag': bestaat al (content/checklists/test.yml:10:13)",
        "content/checklists/test.yml:21:19: E006 'sections[1].items[2].sources[1]': bron 'bron-b' bestaat niet "
        "(bedoelde u 'bron-a'?)",
    ]


def test_check_prints_the_figures_and_strict_fails_on_a_hard_text(portal):
    default_norms = CONFIG.split("# Readability has its own tests")[0]
    hard = CASE.replace("summary: Inwoners praten mee. Dat werkt goed.",
                        "summary: Onafhankelijke cliëntondersteuning vereist gemeentelijke beleidsontwikkeling.")
    root = portal({"site_config.yml": default_norms, "content/cases/voorbeeld.yml": hard})
    # 5 words, 25 syllables (6+6+2+5+6), 1 sentence: 206.835 - 0.93*5 - 77*5 = -182.8
    warning = ("content/cases/voorbeeld.yml:4:10: W020 waarschuwing: samenvatting te moeilijk: Flesch-Douma -182,8 "
               "(norm: minstens 65)")
    result = run_portaal("check", cwd=root)
    assert result.code == 0
    assert warning in result.stderr.splitlines()
    table = result.stdout.splitlines()
    assert table[0].split() == ["pagina", "soort", "Flesch-Douma", "woorden/zin", "%", "ongewoon"]
    assert any(line.split()[:3] == ["/praktijkvoorbeelden/voorbeeld/", "samenvatting", "-182,8"] for line in table)

    strict = run_portaal("check", "--strict", cwd=root)
    assert strict.code == 1
    assert warning.replace("W020 waarschuwing: ", "W020 ") in strict.stderr.splitlines()
    assert run_portaal("build", "--strict", cwd=root).code == 1
    assert not (root / "site").exists()
    # A build measures on another core while the engine works: its findings must still arrive,
    # as a warning that lets the site through, and with --strict as an error that keeps the last site.
    built = run_portaal("build", cwd=root)
    assert built.code == 0, "without --strict it is a warning"
    assert warning in built.stderr.splitlines()
    before = {path: path.read_bytes() for path in (root / "site").rglob("*") if path.is_file()}
    refused = run_portaal("build", "--strict", cwd=root)
    assert refused.code == 1
    assert warning.replace("W020 waarschuwing: ", "W020 ") in refused.stderr.splitlines()
    assert {path: path.read_bytes() for path in (root / "site").rglob("*") if path.is_file()} == before


FORM = """title: Idee
summary: Deel je idee.
fields:
  - id: idee
    type: long_text
    label: Je idee
    required: true
thanks: Dank je.
"""


def test_without_a_receiver_forms_open_an_email_and_say_so(portal):
    root = portal({"content/feedback/idee.yml": FORM, "content/feedback/pagina-nuttig.yml": FORM.replace("Idee", "Nuttig")})
    assert run_portaal("build", cwd=root).code == 0
    page = (root / "site/feedback/idee/index.html").read_text(encoding="utf-8")
    assert 'action="mailto:test@gemeente.example" method="post" enctype="text/plain"' in page
    assert "Dit formulier opent je eigen e-mailprogramma" in page
    home = (root / "site/index.html").read_text(encoding="utf-8")
    assert 'data-feedback-form="pagina-nuttig" data-mailto' in home


def test_form_definitions_are_checked_beyond_the_schema(portal):
    broken = FORM.replace("    type: long_text\n", "    type: choice\n").replace(
        "thanks:", "  - id: idee\n    type: text\n    label: Nog eens\n    options: [a, b]\nthanks:")
    root = portal({"content/feedback/idee.yml": broken})
    result = run_portaal("check", cwd=root)
    assert result.stderr.splitlines()[:-1] == [
        "content/feedback/idee.yml:4:5: E005 'fields[1].options': een keuzeveld heeft minstens twee keuzes",
        "content/feedback/idee.yml:8:9: E007 dubbele veld-id 'idee'",
        "content/feedback/idee.yml:11:5: E009 'fields[2].options' hoort alleen bij type choice",
    ]


def test_a_follow_up_must_name_an_earlier_choice_and_one_of_its_options(portal):
    form = FORM.replace("thanks:", "  - id: meer\n    type: text\n    label: Meer\n    show_when: {field: idee, value: Ja}\n"
                                   "  - id: keuze\n    type: choice\n    label: Keuze\n    options: [Ja, Nee]\n"
                                   "  - id: nog\n    type: text\n    label: Nog\n    show_when: {field: keuze, value: Misschien}\n"
                                   "thanks:")
    result = run_portaal("check", cwd=portal({"content/feedback/idee.yml": form}))
    assert result.stderr.splitlines()[:-1] == [
        "content/feedback/idee.yml:11:24: E006 'fields[2].show_when.field': 'idee' is geen eerder keuzeveld",
        "content/feedback/idee.yml:19:38: E009 'fields[4].show_when.value': 'Misschien' is geen keuze van 'keuze'",
    ]
