"""Hostile and mistyped YAML: every problem is a located Dutch message, never an internal error.

In-process: the loading functions, or pipeline.check on a copy of the minimal portal."""

from __future__ import annotations

import datetime
import re
import shutil
from pathlib import Path

import pytest

from generator import pipeline
from generator.models import Case
from generator.source import Document, SourceError, parse_yaml, split_front_matter
from generator.validate import suggest, validate
from support import MINIMAL

CASE_FILE = "content/cases/voorbeeld.yml"
CASE = (MINIMAL / CASE_FILE).read_text(encoding="utf-8")
CONFIG = (MINIMAL / "site_config.yml").read_text(encoding="utf-8")
SOURCES = (MINIMAL / "content/sources.yml").read_text(encoding="utf-8")
FEEDBACK_FILE = "content/feedback/terugkoppeling.yml"
ACCOUNTABILITY = """title: Wat deden we
summary: Dit deden we met je inbreng.
signals:
  - id: een
    title: Meer uitleg
    received: 2025-01-10
    summary: Inwoners willen meer uitleg.
    status: aangepast
    updated: 2025-01-20
    response: We schreven meer uitleg.
"""


@pytest.fixture
def check(tmp_path: Path, monkeypatch):
    """Writes files into a copy of the minimal portal and runs pipeline.check there."""
    root = tmp_path / "portal"
    shutil.copytree(MINIMAL, root)
    monkeypatch.chdir(root)  # messages name files relative to the working directory

    def run(files: dict[str, str]) -> list[str]:
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text, encoding="utf-8")
        report = pipeline.check(Path("site_config.yml")).report
        return [str(d) for d in report.sorted()]

    return run


def parse_error(text: str, file: str = "f.yml") -> str:
    with pytest.raises(SourceError) as caught:
        parse_yaml(text, file)
    return str(caught.value.diagnostic)


# --- 1. impossible dates ---------------------------------------------------------------

def test_impossible_date_in_the_config_is_located(check):
    assert check({"site_config.yml": CONFIG.replace("updated: 2026-01-15", "updated: 2026-11-31")}) == [
        "site_config.yml:5:10: E009 'updated' is geen bestaande datum: 2026-11-31"]


def test_impossible_dates_in_content_are_located(check):
    assert check({
        CASE_FILE: CASE.replace("period: 2020", "period: 2025-02-30"),
        "content/sources.yml": SOURCES.replace('date: "2020"', "date: 2025-02-29"),
        FEEDBACK_FILE: ACCOUNTABILITY.replace("received: 2025-01-10", "received: 2025-02-30")
                                     .replace("updated: 2025-01-20", "updated: 2025-13-01"),
    }) == [
        "content/cases/voorbeeld.yml:3:9: E009 'period' is geen bestaande datum: 2025-02-30",
        "content/feedback/terugkoppeling.yml:6:15: E009 'signals[1].received' is geen bestaande datum: 2025-02-30",
        "content/feedback/terugkoppeling.yml:9:14: E009 'signals[1].updated' is geen bestaande datum: 2025-13-01",
        "content/sources.yml:5:11: E009 'sources[1].date' is geen bestaande datum: 2025-02-29",
    ]


def test_a_date_in_a_text_field_that_allows_one_is_kept_as_written(check):
    assert check({CASE_FILE: CASE.replace("period: 2020", "period: 2025-03-01"),
                  "content/sources.yml": SOURCES.replace('date: "2020"', "date: 2025-02-28")}) == []
    document = parse_yaml(CASE.replace("period: 2020", "period: 2025-03-01"), CASE_FILE)
    case, problems = validate(document, Case)
    assert problems == [] and case.period == "2025-03-01"


def test_a_date_where_text_is_expected_is_described_in_dutch(check):
    assert check({CASE_FILE: CASE.replace("title: Een voorbeeld", "title: 2025-03-01")
                                 .replace("  - Begin klein.", "  - 2025-03-01 10:30:00")}) == [
        "content/cases/voorbeeld.yml:2:8: E004 'title' moet tekst zijn, maar is een datum (2025-03-01)",
        "content/cases/voorbeeld.yml:18:5: E004 'lessons[1]' moet tekst zijn, maar is een datum met tijd "
        "(2025-03-01 10:30:00)",
    ]


# --- 2. tags, anchors, aliases, line separators, {{ }} -----------------------------------

PLAIN_DATA = ("tags (!…), ankers (&…) en verwijzingen (*…) zijn niet toegestaan in inhoud; "
              "zet de hele waarde tussen aanhalingstekens")


@pytest.mark.parametrize("text, expected", [
    ("title: !Belangrijk iets\n",
     f"f.yml:1:8: E001 YAML-syntaxfout: een waarde die met ! begint, leest YAML als type-aanduiding (tag); "
     f"{PLAIN_DATA}, bijv. title: '!Belangrijk iets'"),
    ("a: 1\ntitle: &amp; iets\n",
     f"f.yml:2:8: E001 YAML-syntaxfout: een waarde die met & begint, leest YAML als anker; {PLAIN_DATA}, "
     "bijv. title: '&amp; iets'"),
    ("title: &x iets\nsummary: *x\n",
     f"f.yml:1:8: E001 YAML-syntaxfout: een waarde die met & begint, leest YAML als anker; {PLAIN_DATA}, "
     "bijv. title: '&x iets'"),
    ("title: *nadruk* iets\n",
     f"f.yml:1:8: E001 YAML-syntaxfout: een waarde die met * begint, leest YAML als verwijzing; {PLAIN_DATA}, "
     "bijv. title: '*nadruk* iets'"),
    ("title: {{ naam }}\n",
     "f.yml:1:9: E001 YAML-syntaxfout: een waarde die met { of [ begint, leest YAML als groep binnen een groep; "
     "zet de hele waarde tussen aanhalingstekens, bijv. title: '{{ naam }}'"),
    ("a: 1\ntitle: een\u2029twee\n",
     "f.yml:2:11: E001 YAML-syntaxfout: onzichtbaar regeleinde U+2029 (alineascheiding, vaak meegekopieerd uit een "
     "tekstverwerker of pdf); vervang het door een spatie of een gewone nieuwe regel"),
    ("title: \"een\u2028twee\"\n",
     "f.yml:1:12: E001 YAML-syntaxfout: onzichtbaar regeleinde U+2028 (regelscheiding, vaak meegekopieerd uit een "
     "tekstverwerker of pdf); vervang het door een spatie of een gewone nieuwe regel"),
    ("title: een\x85twee\n",
     "f.yml:1:11: E001 YAML-syntaxfout: onzichtbaar regeleinde U+0085 (NEL, vaak meegekopieerd uit een "
     "tekstverwerker of pdf); vervang het door een spatie of een gewone nieuwe regel"),
])
def test_tags_anchors_and_separators_are_located_with_a_fix(text, expected):
    assert parse_error(text) == expected


def test_the_suggested_quoting_really_fixes_the_value():
    for text in ("title: !Belangrijk iets\n", "title: &amp; iets\n", "title: {{ naam }}\n", 'title: "Samen" beslissen\n',
                 "title: [concept] iets\n", "title: een: twee\n", "title: 'Samen' beslissen\n"):
        fixed = parse_error(text).split(", bijv. ")[1] + "\n"
        assert parse_yaml(fixed, "f.yml").data == {"title": text.removeprefix("title: ").rstrip("\n")}


def test_front_matter_positions_count_from_the_file_start():
    with pytest.raises(SourceError) as caught:
        split_front_matter("---\ntitle: Over\nsummary: !x Kort\n---\nTekst\n", "p.md")
    assert str(caught.value.diagnostic).startswith("p.md:3:10: E001 YAML-syntaxfout: een waarde die met ! begint")


# --- 3. deep nesting -------------------------------------------------------------------

DEPTH = ("E001 YAML-syntaxfout: meer dan 50 lijsten of groepen in elkaar; staan er veel [ of { in een tekst, "
         "zet de hele waarde dan tussen aanhalingstekens")


@pytest.mark.parametrize("value", ["[" * 1000, "[" * 100_000 + "]" * 100_000, "{a: " * 1000, "\n  " + "- " * 1000 + "x"])
def test_deep_nesting_is_refused_before_it_can_crash_a_parser(value):
    # 100,000 closed brackets crash the C loader outright (a segfault, not an exception).
    line = 3 if value.startswith("\n") else 2
    assert re.fullmatch(rf"f\.yml:{line}:\d+: {re.escape(DEPTH)}", parse_error(f"a: 1\ntitle: {value}\n"))


def test_fifty_levels_are_still_parsed_and_fifty_one_are_not():
    assert parse_yaml("a: " + "[" * 50 + "]" * 50 + "\n", "f.yml").data["a"] is not None
    assert parse_error("a: " + "[" * 51 + "]" * 51 + "\n") == f"f.yml:1:54: {DEPTH}"


# --- 4. control characters -----------------------------------------------------------

@pytest.mark.parametrize("char, name", [("\x1b", "U+001B (ESC)"), ("\x00", "U+0000 (NUL)"), ("\x07", "U+0007 (BEL)"),
                                        ("\x7f", "U+007F (DEL)"), ("\x9b", "U+009B"), ("\x01", "U+0001")])
def test_a_control_character_is_reported_at_its_own_place(char, name):
    text = f"municipality: Teststad\ntitle: Een {char}voorbeeld\n"
    assert parse_error(text) == f"f.yml:2:12: E001 YAML-syntaxfout: onzichtbaar stuurteken {name}; verwijder het"


# --- 5. indentation or quoting: advice that fixes the line ---------------------------------

@pytest.mark.parametrize("text, expected", [
    ("a: 1\n  b: 2\n",
     "f.yml:2:4: E001 YAML-syntaxfout: de inspringing klopt niet: 'b' springt verder in dan de regel erboven; "
     "zet de velden van één groep precies onder elkaar"),
    ("sections:\n  - title: x\n     body: y\n",
     "f.yml:3:10: E001 YAML-syntaxfout: de inspringing klopt niet: 'body' springt verder in dan de regel erboven; "
     "zet de velden van één groep precies onder elkaar"),
    ("sections:\n  - title: x\n   body: y\n",
     "f.yml:3:4: E001 YAML-syntaxfout: de inspringing klopt niet; zet de velden van één groep precies onder elkaar "
     "(begonnen op regel 2)"),
    ("instruments: [javascript:alert(1)]\n",
     "f.yml:1:25: E001 YAML-syntaxfout: een dubbele punt in een waarde binnen [ ] of { } kan alleen tussen "
     "aanhalingstekens; zet die waarde tussen aanhalingstekens, bijv. [\"tekst: met dubbele punt\"]"),
    ("title: een: twee\n",
     "f.yml:1:11: E001 YAML-syntaxfout: een dubbele punt met een spatie erna kan alleen in een tekst tussen "
     "aanhalingstekens; zet de hele waarde tussen aanhalingstekens, bijv. title: 'een: twee'"),
    ('title: "Samen" beslissen\n',
     "f.yml:1:16: E001 YAML-syntaxfout: tekst na een afgesloten aanhalingsteken: zet de hele waarde tussen enkele "
     "aanhalingstekens, bijv. title: '\"Samen\" beslissen'"),
    ("title: 'Samen' beslissen\n",
     "f.yml:1:16: E001 YAML-syntaxfout: tekst na een afgesloten aanhalingsteken: zet de hele waarde tussen dubbele "
     "aanhalingstekens, bijv. title: \"'Samen' beslissen\""),
    ('lessons:\n  - "Begin klein." zei de wethouder.\n',
     "f.yml:2:20: E001 YAML-syntaxfout: tekst na een afgesloten aanhalingsteken: zet de hele waarde tussen enkele "
     "aanhalingstekens, bijv. - '\"Begin klein.\" zei de wethouder.'"),
    ("title: [concept] iets\n",
     "f.yml:1:18: E001 YAML-syntaxfout: tekst na een lijst [ ] of groep { }: een waarde die met [ of { begint, leest "
     "YAML als lijst of groep; zet de hele waarde tussen aanhalingstekens, bijv. title: '[concept] iets'"),
    ("title: | iets\n",
     "f.yml:1:10: E001 YAML-syntaxfout: na | of > begint de tekst op de volgende regel (verder ingesprongen); "
     "of zet de hele waarde tussen aanhalingstekens, bijv. title: '| iets'"),
    ("a: 1\n---\nb: 2\n",
     "f.yml:2:1: E001 YAML-syntaxfout: het bestand bevat meer dan één document (een regel met ---); haal die regel "
     "weg (begonnen op regel 1)"),
])
def test_syntax_advice_fits_the_line(text, expected):
    assert parse_error(text) == expected


def test_a_colon_in_a_list_item_gets_a_hint(check):
    assert check({CASE_FILE: CASE.replace("  - Begin klein.", "  - Let op: begin klein.")}) == [
        "content/cases/voorbeeld.yml:18:5: E004 'lessons[1]' moet tekst zijn, maar is een groep velden; staat er een "
        "dubbele punt met een spatie in de tekst? Zet dan de hele tekst tussen aanhalingstekens"]


# --- 6. Dutch field names ------------------------------------------------------------

def test_dutch_field_names_get_the_english_name(check):
    dutch = (CASE.replace("municipality:", "gemeente:").replace("summary:", "samenvatting:")
             .replace("lessons:", "lessen:").replace("sources:", "bronnen:").replace("quotes:", "citaten:")
             .replace("period:", "periode:").replace("terms:", "begrippen:").replace("methods:", "methoden:"))
    problems = [p for p in check({CASE_FILE: dutch}) if " E003 " in p]
    assert problems == [
        "content/cases/voorbeeld.yml:1:1: E003 onbekend veld 'gemeente' (bedoelde u 'municipality'? velden zijn Engels)",
        "content/cases/voorbeeld.yml:3:1: E003 onbekend veld 'periode' (bedoelde u 'period'? velden zijn Engels)",
        "content/cases/voorbeeld.yml:4:1: E003 onbekend veld 'samenvatting' (bedoelde u 'summary'? velden zijn Engels)",
        "content/cases/voorbeeld.yml:7:1: E003 onbekend veld 'methoden' (bedoelde u 'methods'? velden zijn Engels)",
        "content/cases/voorbeeld.yml:9:1: E003 onbekend veld 'begrippen' (bedoelde u 'terms'? velden zijn Engels)",
        "content/cases/voorbeeld.yml:13:1: E003 onbekend veld 'citaten' (bedoelde u 'quotes'? velden zijn Engels)",
        "content/cases/voorbeeld.yml:17:1: E003 onbekend veld 'lessen' (bedoelde u 'lessons'? velden zijn Engels)",
        "content/cases/voorbeeld.yml:19:1: E003 onbekend veld 'bronnen' (bedoelde u 'sources'? velden zijn Engels)",
    ]


def test_keys_that_yaml_reads_as_numbers_dates_or_null_are_unknown_fields(check):
    odd = CASE.replace("title: Een voorbeeld", "title: Een voorbeeld\n2020: x\ntrue: y\nnull: z\n2020-01-01: d")
    assert check({CASE_FILE: odd}) == [f"content/cases/voorbeeld.yml:{line}:1: E003 onbekend veld '{key}'"
                                        for line, key in ((3, "2020"), (4, "true"), (5, "null"), (6, "2020-01-01"))]


# --- 7. E010 with line and column: tested in test_source.py -------------------------------

# --- 8. suggestions compare without accents and case ------------------------------------

def test_suggest_folds_accents_and_case_and_says_where_values_are_listed():
    assert suggest("cliëntondersteuning", ["adviesraad", "clientondersteuning"]) == " (bedoelde u 'clientondersteuning'?)"
    assert suggest("Cliëntondersteuninng", ["clientondersteuning"]) == " (bedoelde u 'clientondersteuning'?)"
    assert suggest("WMO", ["wmo", "oco"]) == " (bedoelde u 'wmo'?)"
    assert suggest("iets-anders", ["wmo"], listed_in="content/glossary.yml") == " (zie content/glossary.yml)"
    assert suggest("iets-anders", ["wmo"]) == ""


def test_a_slug_with_accents_or_capitals_gets_its_valid_form(check):
    assert check({CASE_FILE: CASE.replace("terms: [wmo]", "terms: [Cliëntondersteuning]")}) == [
        "content/cases/voorbeeld.yml:9:9: E009 'terms[1]' heeft niet de juiste vorm: gebruik alleen kleine letters, "
        "cijfers en streepjes (zoals 'mijn-voorbeeld'); nu tekst (\"Cliëntondersteuning\") "
        "(bedoelde u 'clientondersteuning'?)"]


# --- every scalar type the loader can produce ------------------------------------------

SCALARS = {
    "timestamp with time": ("2025-03-01 10:00:00", datetime.datetime(2025, 3, 1, 10, 0)),
    "big integer": ("99999999999999999999999999", 99999999999999999999999999),
    "infinity": (".inf", float("inf")),
    "not a number": (".nan", float("nan")),
    "binary": ("!!binary aGVsbG8=", b"hello"),
    "set": ("!!set {a, b}", {"a", "b"}),
    "ordered map": ("!!omap [a: 1]", [("a", 1)]),
    "impossible date": ("2025-02-30", None),
}


@pytest.mark.parametrize("name", SCALARS)
def test_no_scalar_type_crashes_validation(name):
    written, python_value = SCALARS[name]
    for line, field in (("title: Een voorbeeld", ("title",)), ("instruments: [vragenlijst]", ("instruments",))):
        key = line.split(":")[0]
        text = CASE.replace(line, f"{key}: {written}")
        try:  # what the loader makes of it: tagged values are refused, at their place
            document = parse_yaml(text, CASE_FILE)
        except SourceError as error:
            assert error.diagnostic.code == "E001" and error.diagnostic.location.line >= 2
            document = None
        problems = validate(document, Case)[1] if document else []
        if python_value is not None:  # the value itself, as if a loader had produced it
            placed = parse_yaml(CASE.replace(line, f"{key}: x"), CASE_FILE)
            data = dict(placed.data, **{field[0]: python_value})
            problems += validate(Document(CASE_FILE, data, 0, placed.text), Case)[1]
        assert problems, "a text field and a list field accept none of these"
        for problem in problems:
            assert problem.code in ("E004", "E009") and problem.location.line == CASE.splitlines().index(line) + 1


# --- fuzz -------------------------------------------------------------------------------

NAUGHTY = [
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "</title><script>alert(1)</script>",
    "' onmouseover='alert(1)", "javascript:alert(1)", "{{ naam }}", "{% raw %}", "${7*7}",
    "!Belangrijk tekst", "!!python/object/apply:os.system [ls]", "&amp; tekst", "*x", "*nadruk* tekst", "<<: *x",
    "tekst \x1b[31mrood", "nul\x00teken", "bel\x07", "een\u2028twee", "een\u2029twee", "een\x85twee",
    "\u202egnp.exe", "שלום עולם", "a\u200bb\u200dc\ufeffd", "😀🎉 部落格", "Ω≈ç√∫",
    "A" * 10_000, "woord " * 2_000, "[" * 1_000, "{" * 1_000, "[" * 60 + "]" * 60, "- " * 100 + "x",
    "2025-02-30", "2025-13-01", "2025-03-01", "2025-03-01 10:00:00", "2025-03-01T25:00:00Z", "0000-00-00",
    "null", "~", "", "true", ".inf", ".nan", "0x1F", "1e400", "99999999999999999999999",
    '"Samen" beslissen', "[concept] iets", "een: twee", "| iets", "> iets", "- iets", "@gemeente", "`code`",
    "# geen titel", "%YAML 1.1", "'", '"', "\\", "\ttab", "? vraag", "--- ", "...", "../../etc/passwd",
]
CASE_FIELDS = ["municipality: Teststad", "title: Een voorbeeld", "period: 2020",
               "summary: Inwoners praten mee. Dat werkt goed.", "instruments: [vragenlijst]",
               "  - title: Wat er gebeurde", "    body: Inwoners vulden een **vragenlijst** in.",
               "  - text: Het werkte.", "    who: Anna", "    role: inwoner", "  - Begin klein."]
CONFIG_FIELDS = ["site_name: Testportal", "municipality: Gemeente Test", "description: Een kleine portal voor de tests.",
                 "updated: 2026-01-15", "  email: test@gemeente.example", "  approved_by: De burgemeester"]
PARSE_CODES = {"E001", "E002", "E008", "E010"}


def _put(text: str, lines: list[str], value: str) -> str:
    """`value` written unquoted, as an editor types it, in place of each of `lines`' values."""
    for line in lines:
        if line == "instruments: [vragenlijst]":  # a list field: the value as its item
            text = text.replace(line, f"instruments:\n  - {value}")
        else:
            prefix = line[:line.index(": ") + 2] if ": " in line else line[:line.index("- ") + 2]
            text = text.replace(line, prefix + value)
    return text


def _assert_located(problems: list, files: dict[str, str], value: str) -> None:
    for problem in problems:
        where = f"{value[:40]!r}: {problem}"
        assert re.fullmatch(r"[EW]\d{3}", problem.code) and problem.code != "E099", where
        text = files.get(problem.location.file)
        assert text is not None, where
        assert 1 <= problem.location.line <= text.count("\n") + 1 and problem.location.col >= 1, where


@pytest.mark.parametrize("file, original, fields", [(CASE_FILE, CASE, CASE_FIELDS),
                                                     ("site_config.yml", CONFIG, CONFIG_FIELDS)])
def test_fuzz_naughty_values_in_every_string_field(tmp_path, monkeypatch, file, original, fields):
    root = tmp_path / "portal"
    shutil.copytree(MINIMAL, root)
    monkeypatch.chdir(root)

    def run(text: str, value: str) -> list:
        (root / file).write_text(text, encoding="utf-8")
        report = pipeline.check(Path("site_config.yml")).report  # must not raise
        _assert_located(report.diagnostics, {file: text, **{str(p.relative_to(root)): p.read_text(encoding="utf-8")
                                                            for p in (root / "content").rglob("*.yml")}}, value)
        return report.diagnostics

    for value in NAUGHTY:
        # Every field at once: validation reports all of them in one run.
        problems = run(_put(original, fields, value), value)
        if any(p.code in PARSE_CODES for p in problems):  # a parse error hides the rest: one field at a time
            for field in fields:
                run(_put(original, [field], value), value)
