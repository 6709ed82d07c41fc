"""Fuzz: naughty strings in every string field of every content kind and every text setting.

The fields are not listed by hand: every scalar in a portal with one file of each kind is
found by walking the parsed files, and a field counts as free text when its model accepts
ordinary words there. Values are written through ruamel.yaml, so they reach the generator
exactly (escaped control characters, separators, very long lines); how an editor's unquoted
typing is parsed has its own tests in tests/unit/test_hostile_yaml.py.

For each value: `check` and `build` never crash (no E099, no exception); every problem is
`file:line:col: CODE` inside a real file; whatever `check` accepts, `build` builds; and no page
holds an element, attribute, handler or script that the clean build did not have, beyond what
sanitised Markdown may produce. Built in-process (Material); the strings aimed at markup are
also built with Zensical."""

from __future__ import annotations

import contextlib
import html
import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError
from ruamel.yaml import YAML

from generator import markup, pipeline
from generator.kinds import KINDS
from generator.models import PageMeta, SiteConfig
from generator.source import parse_yaml, split_front_matter
from support import MINIMAL

# One file of every kind, each optional text field filled in.
EXTRA_FILES = {
    "content/methods/route.yml": """kind: route
title: Een trap
summary: Een trap met treden.
intro: Zo werkt de trap.
author: Iemand
rungs: [Onderaan, Bovenaan]
steps:
  - title: Eerste stap
    question: Wat gebeurt er?
    attention: [Let op dit.]
sources: [bron-a]
""",
    "content/methods/sessie.yml": """kind: session
title: Een sessie
summary: Een gesprek in stappen.
intro: Zo werkt de sessie.
strands:
  - title: Inhoud
    description: Waar het over gaat.
steps:
  - title: Begin
    question: Wat wil je weten?
    work_form: In een kring.
    duration: {min: 10, max: 20}
    motivation_goal: Iedereen doet mee.
    facilitator_role: Je stelt vragen.
roles: [Gespreksleider]
conditions: [Genoeg tijd.]
pitfalls: [Te snel gaan.]
sources: [bron-a]
""",
    "content/checklists/toets.yml": """title: Toets
summary: Kort.
audience: Iedereen
intro: Inleiding.
sources: [bron-a]
sections:
  - id: deel
    title: Deel
    intro: Over dit deel.
    items:
      - id: vraag
        question: Is het goed?
        explanation: Uitleg.
        why: Daarom.
        look_for: [Iets]
        legal_basis: Wmo 2015 art. 2.2.4
        sources: [bron-a]
""",
    "content/feedback/idee.yml": """title: Idee
summary: Deel je idee.
intro: Zeg het ons.
fields:
  - id: keuze
    type: choice
    label: Was het nuttig?
    help: Kies er een.
    options: [Ja, Nee]
  - id: waarom
    type: long_text
    label: Waarom niet?
    show_when: {field: keuze, value: Nee}
  - id: cijfer
    type: scale
    label: Welk cijfer?
    scale: {min: 1, max: 5, min_label: slecht, max_label: goed}
  - id: naam
    type: text
    label: Je naam
  - id: mail
    type: email
    label: Je e-mailadres
submit_label: Verstuur
thanks: Dank je.
""",
    "content/feedback/terugkoppeling.yml": """title: Wat deden we?
summary: Wat we deden.
intro: Dit deden we.
signals:
  - id: signaal
    title: Een signaal
    received: 2025-01-10
    channel: ervaringenkaart
    summary: Inwoners zeiden iets.
    status: aangepast
    updated: 2025-02-10
    response: We pasten iets aan.
    submissions: 3
    history:
      - date: 2025-01-10
        status: ontvangen
        note: Binnengekomen.
      - date: 2025-02-10
        status: aangepast
        note: Aangepast.
    changed:
      - title: De pagina over de site
        page: over/
      - title: Een besluit
        url: https://example.org/besluit
""",
    "content/sources.yml": """sources:
  - id: bron-a
    title: Bron A
    publisher: Uitgever
    date: "2020"
    kind: artikel
    url: https://example.org/a
    description: Een bron.
""",
    "content/glossary.yml": """terms:
  - term: Wmo
    slug: wmo
    definition: De wet over hulp van de gemeente.
    aliases: [Wet maatschappelijke ondersteuning]
    see: [adviesraad]
  - term: Adviesraad
    slug: adviesraad
    definition: Een groep inwoners die de gemeente advies geeft.
""",
    "content/pages/over.md": "---\ntitle: Over deze site\nsummary: Over de site.\nnav_title: Over\nnav_order: 90\n---\n"
                             "Over de testportal.\n",
}
SETTINGS = """contact:
  email: test@gemeente.example
  phone: 0123 45 67 89
  url: https://gemeente.example/
  address: Marktplein 1
  hours: Op werkdagen
privacy:
  email: privacy@gemeente.example
  officer: De functionaris gegevensbescherming
  policy_url: https://gemeente.example/privacy
security:
  contact: security@gemeente.example
  policy_url: https://gemeente.example/beveiliging
clientondersteuning:
  organisation: Steunpunt
  phone: 0123 45 67 80
  email: steun@gemeente.example
  address: Straat 1
  hours: Op werkdagen
  website: https://steun.example/
accessibility:
  approved_by: De burgemeester
  approved_on: 2026-01-10
  register_url: https://www.toegankelijkheidsverklaring.nl/register/1
  disproportionate_burden:
    - problem: Oude verslagen
      reason: Te duur om aan te passen
      alternative: Vraag ze op
  research:
    date: 2026-01-05
    kind: Onderzoek
    by: Bureau
    complete: true
  known_issues:
    - problem: Iets werkt niet
      criterion: 1.4.3
      measure: We lossen het op
      planned: 2026-06-01
"""
# Text fields that name a place on disk: a naughty value there is a missing folder, not text.
PATHS = {("content_dir",), ("feedback", "database")}
PLAIN = "Gewone tekst"

NAUGHTY = [
    "<script>alert(1)</script>", '"><b onmouseover=alert(1)>x</b>', "</title><script>alert(1)</script>",
    "' onmouseover='alert(1)", "javascript:alert(1)", "[klik](javascript:alert(1))", "<b onmouseover=alert(1)>x</b>",
    "{{ 7*7 }}", "{% raw %}", "{# x #}", "${7*7}", "<!-- x", "]]>", "&lt;script&gt;", "&amp; tekst",
    "!Belangrijk tekst", "*x", "*nadruk* tekst", "<<: *x", "%YAML 1.1", "--- ", "...",
    "tekst \x1b[31mrood", "nul\x00teken", "bel\x07", "een\u2028twee", "een\u2029twee", "een\x85twee",
    "\u202egnp.exe", "שלום עולם", "a\u200bb\u200dc\ufeffd", "😀🎉 部落格", "Ω≈ç√∫",
    "A" * 5_000, "woord " * 400, "[" * 60 + "]" * 60, "- " * 100 + "x", "> " * 100 + "x",
    "2025-02-30", "2025-03-01", "null", "~", "", " ", "true", "0x1F", "1e400",
    '"Samen" beslissen', "[concept] iets", "een: twee", "| iets", "# geen titel", "@gemeente", "`code`",
    '"><img src=x onerror=alert(1)>', "'", '"', "\\", "\ttab", "../../etc/passwd", "index.html%00", "a/b", "CON",
]
# Aimed at markup: these must be accepted as text, built, and stay text, with both engines.
MARKUP = NAUGHTY[:15]
# And what each engine's own YAML and template readers could trip over.
ENGINE_TEXT = MARKUP + ["😀🎉 部落格", "nul\x00teken", "a\u200bb\u200dc\ufeffd"]
LOCATED = re.compile(r"[EW]\d{3}")


# --- the portal and its fields ------------------------------------------------------------

def _model_for(file: str) -> Any:
    if file == "site_config.yml":
        return SiteConfig
    if file.startswith("content/pages/"):
        return PageMeta
    for kind in KINDS:
        if kind.file and file == f"content/{kind.file}":
            return kind.model
        if kind.single and file == f"content/{kind.folder}/{kind.single}.yml":
            return kind.model
    for kind in KINDS:
        if kind.folder and not kind.single and file.startswith(f"content/{kind.folder}/"):
            return kind.model
    raise AssertionError(f"no kind for {file}")


def _leaves(data: Any, path: tuple = ()) -> list[tuple]:
    if isinstance(data, dict):
        return [leaf for key, value in data.items() for leaf in _leaves(value, (*path, key))]
    if isinstance(data, list):
        return [leaf for index, value in enumerate(data) for leaf in _leaves(value, (*path, index))]
    return [path] if isinstance(data, (str, int)) and not isinstance(data, bool) else []


def _block_style(node: Any) -> None:
    if isinstance(node, (dict, list)):
        node.fa.set_block_style()
        for child in (node.values() if isinstance(node, dict) else node):
            _block_style(child)


def _set(data: Any, path: tuple, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _accepts_text(model: Any, data: Any, path: tuple) -> bool:
    """The file is valid as it is, so any error after changing one field is that field's."""
    probe = json.loads(json.dumps(data, default=str))  # a plain copy; lax mode reads the dates back
    _set(probe, path, PLAIN)
    adapter = model if isinstance(model, TypeAdapter) else TypeAdapter(model)
    try:
        adapter.validate_python(probe, strict=False)
    except ValidationError:
        return False
    return True


class PortalFiles:
    """The fuzz portal's YAML (and front matter) with every string field, and how to rewrite them."""

    def __init__(self, root: Path):
        self.root = root
        self.original = {str(p.relative_to(root)): p.read_text(encoding="utf-8")
                         for p in sorted(root.rglob("*")) if p.suffix in (".yml", ".md")}
        self.fields: dict[str, list[tuple]] = {}  # file -> every string or number leaf
        self.text_fields: dict[str, list[tuple]] = {}  # file -> the leaves that take free text
        for file, text in self.original.items():
            document = split_front_matter(text, file)[0] if file.endswith(".md") else parse_yaml(text, file)
            leaves = _leaves(document.data)
            model = _model_for(file)
            self.fields[file] = leaves
            self.text_fields[file] = [leaf for leaf in leaves if not (file == "site_config.yml" and leaf in PATHS)
                                      and _accepts_text(model, document.data, leaf)]

    def write(self, value: str, *, only_text: bool) -> dict[str, str]:
        """`value` in every (text) field of every file, and as the body of every page."""
        written = {}
        for file, text in self.original.items():
            front, body = text, ""
            if file.endswith(".md"):
                _, front, body = text.split("---\n", 2)
                body = value + "\n"
            yaml = YAML()
            yaml.width = 4096
            data = yaml.load(front)
            _block_style(data)  # a flow list [a:b] is read differently by YAML 1.1 and 1.2 parsers
            for leaf in (self.text_fields if only_text else self.fields)[file]:
                _set(data, leaf, value)
            out = io.StringIO()
            yaml.dump(data, out)
            written[file] = f"---\n{out.getvalue()}---\n{body}" if file.endswith(".md") else out.getvalue()
            (self.root / file).write_text(written[file], encoding="utf-8")
        return written

    def restore(self) -> None:
        for file, text in self.original.items():
            (self.root / file).write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def fuzz_portal(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz") / "portal"
    shutil.copytree(MINIMAL, root)
    for name, text in EXTRA_FILES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    config = (root / "site_config.yml").read_text(encoding="utf-8")
    config = re.sub(r"contact:\n  email: .*\naccessibility:\n  approved_by: .*\n  approved_on: .*\n", SETTINGS, config)
    (root / "site_config.yml").write_text(config, encoding="utf-8")
    return PortalFiles(root)


# --- what a page may hold --------------------------------------------------------------

class _Markup(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.attributes: set[tuple[str, str]] = set()
        self.handlers: list[str] = []
        self.urls: list[str] = []
        self.scripts: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.attributes.add((tag, ""))
        for name, value in attrs:
            self.attributes.add((tag, name))
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "formaction") and value:
                self.urls.append(value)
        if tag == "script" and not dict(attrs).get("src"):
            self._script = []

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)


def _scan(site: Path) -> dict[str, _Markup]:
    scanned = {}
    for page in sorted(site.rglob("*.html")):
        parser = _Markup()
        parser.feed(page.read_text(encoding="utf-8"))
        scanned[str(page.relative_to(site))] = parser
    return scanned


def _script_shape(script: str) -> str:
    # Material's inline config is JSON whose values may hold text; only its structure is fixed.
    try:
        return json.dumps(_keys_only(json.loads(script)), sort_keys=True)
    except ValueError:
        return script.strip()


def _keys_only(data: Any) -> Any:
    if isinstance(data, dict):
        return {key: _keys_only(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_keys_only(value) for value in data]
    return type(data).__name__


@pytest.fixture(scope="module")
def clean_build(fuzz_portal, tmp_path_factory):
    """What the theme and the engines write for ordinary text: the allowed markup."""
    allowed: dict[str, tuple[set, set]] = {}
    for engine in ("material", "zensical"):
        site = _build(fuzz_portal, tmp_path_factory.mktemp("clean") / "site", engine)
        pages = _scan(site)
        attributes = set().union(*(p.attributes for p in pages.values()))
        attributes |= {(tag, "") for tag in markup._TAGS}
        attributes |= {(tag, name) for tag, names in markup._ATTRIBUTES.items() for name in names}
        scripts = {_script_shape(s) for p in pages.values() for s in p.scripts}
        assert not any(p.handlers for p in pages.values())
        allowed[engine] = (attributes, scripts)
    return allowed


def _build(portal: PortalFiles, out: Path, engine: str = "material") -> Path:
    config = portal.root / "site_config.yml"
    original = config.read_text(encoding="utf-8")
    if engine != "material":
        config.write_text(f"engine: {engine}\n" + original, encoding="utf-8")
    try:
        with contextlib.chdir(portal.root):  # messages name files as the editor sees them
            result = pipeline.build(Path("site_config.yml"), out)
    finally:
        config.write_text(original, encoding="utf-8")
    assert result.ok, [str(d) for d in result.report.sorted()]
    return out


# --- the checks ---------------------------------------------------------------------------

def _assert_located(result: pipeline.Result, files: dict[str, str], value: str) -> None:
    for problem in result.report.sorted():
        where = f"{value[:40]!r}: {problem}"
        assert LOCATED.fullmatch(problem.code) and problem.code != "E099", where
        text = files.get(problem.location.file)
        assert text is not None, where
        assert 1 <= problem.location.line <= text.count("\n") + 1 and problem.location.col >= 1, where


def _assert_only_allowed_markup(site: Path, allowed: tuple[set, set], value: str) -> None:
    attributes, scripts = allowed
    for page, parsed in _scan(site).items():
        where = f"{value[:40]!r} in {page}"
        assert not parsed.handlers, f"{where}: {parsed.handlers}"
        assert parsed.attributes <= attributes, f"{where}: {sorted(parsed.attributes - attributes)}"
        assert not [url for url in parsed.urls if re.match(r"\s*(javascript|data|vbscript):", url, re.I)], where
        assert {_script_shape(s) for s in parsed.scripts} <= scripts, where


def _check(portal: PortalFiles) -> pipeline.Result:
    with contextlib.chdir(portal.root):
        return pipeline.check(Path("site_config.yml"))


@pytest.fixture
def in_fuzz_portal(fuzz_portal):
    yield fuzz_portal
    fuzz_portal.restore()


def test_every_kind_and_setting_has_free_text_fields(fuzz_portal):
    """The walk finds what it should: a test that found no fields would prove nothing."""
    kinds = {_model_for(file) for file, leaves in fuzz_portal.text_fields.items() if leaves}
    assert {kind.model for kind in KINDS} | {PageMeta, SiteConfig} <= kinds
    counted = sum(map(len, fuzz_portal.text_fields.values()))
    assert counted >= 80, counted
    assert ("site_name",) in fuzz_portal.text_fields["site_config.yml"]
    settings = fuzz_portal.text_fields["site_config.yml"]
    assert ("clientondersteuning", "hours") in settings and ("privacy", "officer") in settings
    assert ("accessibility", "disproportionate_burden", 0, "alternative") in settings
    assert ("fields", 0, "options", 1) in fuzz_portal.text_fields["content/feedback/idee.yml"]
    assert ("sections", 0, "items", 0, "id") not in fuzz_portal.text_fields["content/checklists/toets.yml"]
    assert ("sources", 0, "url") not in fuzz_portal.text_fields["content/sources.yml"]
    signals = fuzz_portal.text_fields["content/feedback/terugkoppeling.yml"]
    assert ("signals", 0, "history", 1, "note") in signals and ("signals", 0, "changed", 0, "title") in signals


@pytest.mark.parametrize("value", NAUGHTY, ids=lambda v: repr(v[:20]))
def test_naughty_text_in_every_field_is_checked_built_and_stays_text(in_fuzz_portal, clean_build, tmp_path, value):
    files = in_fuzz_portal.write(value, only_text=True)
    checked = _check(in_fuzz_portal)
    _assert_located(checked, files, value)
    if value in MARKUP:
        assert checked.ok, [str(d) for d in checked.report.sorted()]
    if not checked.ok:
        return
    # Nothing check accepts may fail build.
    site = _build(in_fuzz_portal, tmp_path / "site")
    _assert_only_allowed_markup(site, clean_build["material"], value)
    if "{{" in value or "{%" in value:  # shown as written, never evaluated by a template engine
        shown = html.escape(value, quote=False)
        assert any(shown in page.read_text(encoding="utf-8") for page in site.rglob("*.html")), value


@pytest.mark.parametrize("value", ENGINE_TEXT, ids=lambda v: repr(v[:20]))
def test_markup_in_every_field_stays_text_with_zensical(in_fuzz_portal, clean_build, tmp_path, value):
    in_fuzz_portal.write(value, only_text=True)
    site = _build(in_fuzz_portal, tmp_path / "site", engine="zensical")
    _assert_only_allowed_markup(site, clean_build["zensical"], value)


@pytest.mark.parametrize("value", NAUGHTY, ids=lambda v: repr(v[:20]))
def test_naughty_values_in_every_field_even_ids_and_addresses_are_located(in_fuzz_portal, value):
    files = in_fuzz_portal.write(value, only_text=False)
    checked = _check(in_fuzz_portal)
    _assert_located(checked, files, value)
    assert not checked.ok  # slugs, references and addresses refuse these
