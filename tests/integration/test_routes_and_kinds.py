"""The route table and the kind registry: every address from one place, every kind excludable,
and no text from content or settings carried into a page as markup. Built in-process."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest

from pydantic import TypeAdapter

from generator import kinds, pipeline
from generator.diagnostics import Location
from generator.models import Markdown, Strict
from generator.routes import Route
from support import MINIMAL

FORM = """title: Idee
summary: Deel je idee.
intro: Zeg het ons.
fields:
  - id: idee
    type: long_text
    label: Je idee
thanks: Dank je.
"""
CHECKLIST = """title: Test
summary: Kort.
audience: Iedereen
intro: |
  Inleiding.

  ![](images/foto.png)
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
"""
ACCOUNT = """title: Wat deden we?
summary: Wat we deden.
intro: "Een plaatje: ![](images/foto.png)"
signals: []
"""


def messages(result) -> list[str]:
    return [str(d) for d in result.report.sorted()]


@pytest.fixture
def in_portal(portal, monkeypatch):
    """The minimal portal with extra files; the working directory is the portal (paths as users see them)."""
    def make(files: dict[str, str | None] | None = None) -> Path:
        root = portal(files)
        monkeypatch.chdir(root)
        return root
    return make


def test_a_page_on_the_address_of_a_generated_page_is_e007_naming_both(in_portal):
    in_portal({"content/feedback/idee.yml": FORM,
               "content/pages/feedback.md": "---\ntitle: Feedback\n---\nTekst.\n",
               "content/pages/begrippen.md": "---\ntitle: Woorden\n---\nTekst.\n"})
    result = pipeline.check(Path("site_config.yml"))
    assert messages(result) == [
        "content/pages/begrippen.md:1:1: E007 het adres '/begrippen/' is al in gebruik door de pagina 'Begrippen' "
        "die portaal zelf maakt; kies een andere bestandsnaam",
        "content/pages/feedback.md:1:1: E007 het adres '/feedback/' is al in gebruik door de pagina 'Praat mee' "
        "die portaal zelf maakt; kies een andere bestandsnaam",
    ]


def test_a_page_on_an_engine_folder_is_refused(in_portal):
    in_portal({"content/pages/assets.md": "---\ntitle: Bestanden\n---\nTekst.\n"})
    assert messages(pipeline.check(Path("site_config.yml"))) == [
        "content/pages/assets.md:1:1: E007 het adres '/assets/' is gereserveerd voor de bouw van de site; "
        "kies een andere bestandsnaam"]


def test_images_in_checklist_form_and_accountability_intros_are_checked(in_portal):
    root = in_portal({"content/checklists/test.yml": CHECKLIST,
                      "content/feedback/idee.yml": FORM.replace("intro: Zeg het ons.", "intro: '![](foto.png)'"),
                      "content/feedback/terugkoppeling.yml": ACCOUNT})
    (root / "content/images").mkdir()
    (root / "content/images/foto.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    codes = [(str(d.location), d.code) for d in pipeline.check(Path("site_config.yml")).report.sorted()]
    assert codes == [
        ("content/checklists/test.yml:7:1", "E013"),
        ("content/feedback/idee.yml:3:9", "E013"),
        ("content/feedback/idee.yml:3:9", "E014"),
        ("content/feedback/terugkoppeling.yml:3:22", "E013"),
    ]


# --- the kind registry: one declaration gives a kind its pages, measured texts and Markdown fields ---


class Note(Strict):
    title: str
    summary: str
    body: Markdown


def _note_pages(portal) -> list[Route]:
    return [Route(("note", note.slug), f"notities/{note.slug}.md", "page.md.j2", note.model.title,
                  {"page": SimpleNamespace(meta=note.model, body=note.model.body)}, Location(note.document.file, 1, 1))
            for note in portal.items["notes"]]


def _note_texts(portal, routes) -> list:
    return [(kinds.SUMMARY, routes.url("note", note.slug), [kinds.Field(note.document, ("summary",), markdown=False)])
            for note in portal.items["notes"]]


@pytest.fixture
def with_notes(monkeypatch):
    """A kind that exists only in this test, declared once in the registry like the real ones."""
    note = kinds.Kind("notes", "notitie", Note, folder="notities", pages=_note_pages, texts=_note_texts,
                      markdown=(("body",),))
    monkeypatch.setattr(kinds, "KINDS", (*kinds.KINDS[:-1], note, kinds.KINDS[-1]))


NOTE = "title: Een notitie\nsummary: Dit is een korte samenvatting van de notitie.\nbody: |\n  Tekst.\n\n  {image}\n"


def test_a_kind_declared_in_the_registry_gets_its_pages_measured_texts_and_image_checks(in_portal, with_notes,
                                                                                      tmp_path):
    in_portal({"content/notities/eerste.yml": NOTE.format(image="![](images/weg.png)")})
    assert [(str(d.location), d.code) for d in pipeline.check(Path("site_config.yml")).report.sorted()] == [
        ("content/notities/eerste.yml:6:1", "E013"), ("content/notities/eerste.yml:6:1", "E014")]

    in_portal({"content/notities/eerste.yml": NOTE.format(image="Meer tekst.")})
    result = pipeline.build(Path("site_config.yml"), tmp_path / "site")
    assert result.ok, messages(result)
    assert "<h1" in (tmp_path / "site/notities/eerste/index.html").read_text(encoding="utf-8")
    measured = pipeline.check(Path("site_config.yml")).prepared.texts  # a build measures aside, keeping findings only
    assert [(t.page, t.kind, str(t.location)) for t in measured if t.page.startswith("notities/")] == [
        ("notities/eerste/", "samenvatting", "content/notities/eerste.yml:2:10")]


def test_every_markdown_field_of_a_model_is_declared_for_the_image_checks():
    """A Markdown field that a kind does not declare would publish images without the alt-text checks."""
    def markdown_paths(schema: dict, node: dict, at: tuple) -> set[tuple]:
        if "$ref" in node:
            node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
        found = {at} if node.get("format") == "markdown" else set()
        for option in node.get("anyOf", []) + node.get("oneOf", []):
            found |= markdown_paths(schema, option, at)
        for key, value in node.get("properties", {}).items():
            found |= markdown_paths(schema, value, at + (key,))
        if "items" in node:
            found |= markdown_paths(schema, node["items"], at + ("*",))
        return found

    for kind in kinds.KINDS:
        if kind.front_matter:
            continue  # a page's body is Markdown and always checked; its front matter is not
        adapter = kind.model if isinstance(kind.model, TypeAdapter) else TypeAdapter(kind.model)
        schema = adapter.json_schema()
        declared = {(kind.entries, "*") + path if kind.entries else path for path in kind.markdown}
        assert markdown_paths(schema, schema, ()) == declared, kind.name


def test_instrument_labels_without_latin_letters_or_very_long_get_working_pages(in_portal, tmp_path):
    case = (MINIMAL / "content/cases/voorbeeld.yml").read_text(encoding="utf-8")
    long_label = "Werkvorm " * 40
    root = in_portal({"content/cases/voorbeeld.yml": case.replace(
        "instruments: [vragenlijst]", f"instruments: [部落格, '.', '🙂', '{long_label.strip()}']")})
    result = pipeline.build(Path("site_config.yml"), tmp_path / "site")
    assert result.ok, messages(result)
    facets = sorted(p.parent.name for p in (tmp_path / "site/praktijkvoorbeelden/instrument").glob("*/index.html"))
    assert len(facets) == 4 and all(0 < len(name) <= 60 for name in facets), facets


# --- escaping: text is text, everywhere ------------------------------------------------------

HOSTILE = '</title><script>alert(1)</script>"><b onmouseover=alert(2)>x</b>{{ 7*7 }}{% raw %}'


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, list]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def test_hostile_titles_names_and_menu_entries_stay_text_on_every_page(in_portal, tmp_path):
    config = (MINIMAL / "site_config.yml").read_text(encoding="utf-8")
    quoted = "'" + HOSTILE.replace("'", "''") + "'"
    for key in ("site_name", "municipality", "description"):
        config = config.replace(f"{key}: ", f"{key}: {quoted} #", 1)
    case = (MINIMAL / "content/cases/voorbeeld.yml").read_text(encoding="utf-8")
    method = (MINIMAL / "content/methods/kringloop.yml").read_text(encoding="utf-8")
    about = (MINIMAL / "content/pages/over.md").read_text(encoding="utf-8")
    in_portal({"site_config.yml": config,
               "content/cases/voorbeeld.yml": case.replace("title: Een voorbeeld", f"title: {quoted}"),
               "content/methods/kringloop.yml": method.replace("title: ", f"title: {quoted} #", 1),
               "content/pages/over.md": about.replace("title: Over deze site", f"title: {quoted}\nnav_title: {quoted}"),
               "content/feedback/idee.yml": FORM.replace("title: Idee", f"title: {quoted}")})
    result = pipeline.build(Path("site_config.yml"), tmp_path / "site")
    assert result.ok, messages(result)
    pages = sorted((tmp_path / "site").rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        parser = _Elements()
        parser.feed(text)
        shown = page.relative_to(tmp_path / "site")
        assert not [tag for tag, _ in parser.found if tag == "b"], shown
        assert not [(tag, name) for tag, attrs in parser.found for name, _ in attrs if name.startswith("on")], shown
        inline_scripts = [attrs for tag, attrs in parser.found if tag == "script" and not dict(attrs).get("src")]
        assert all("alert" not in str(attrs) for attrs in inline_scripts), shown
        assert "<script>alert" not in text and "49" not in parser.title, shown
    case_page = (tmp_path / "site/praktijkvoorbeelden/voorbeeld/index.html").read_text(encoding="utf-8")
    parser = _Elements()
    parser.feed(case_page)
    assert parser.title.startswith("</title><script>alert(1)</script>")


def test_exclude_the_about_page_from_the_handreiking_builds_without_links_to_it(in_portal, tmp_path):
    config = (MINIMAL / "site_config.yml").read_text(encoding="utf-8")
    root = in_portal({"site_config.yml": config.replace("base_content: false", "exclude: {pages: [over]}"),
                      "content/pages/over.md": None})
    result = pipeline.build(Path("site_config.yml"), tmp_path / "site")
    assert result.ok, messages(result)
    site = tmp_path / "site"
    assert not (site / "over").exists()
    assert (site / "bronnen/index.html").is_file()
    assert not [p for p in site.rglob("*.html") if 'href="../over/"' in p.read_text(encoding="utf-8")
                or 'href="over/"' in p.read_text(encoding="utf-8")]
    assert root.is_dir()


def test_a_portal_of_its_own_never_shows_the_handreiking_signals_and_can_leave_forms_out(in_portal, tmp_path):
    config = (MINIMAL / "site_config.yml").read_text(encoding="utf-8")
    in_portal({"site_config.yml": config.replace("base_content: false", "exclude: {forms: [ervaringenkaart]}")})
    result = pipeline.build(Path("site_config.yml"), tmp_path / "site")
    assert result.ok, messages(result)
    site = tmp_path / "site"
    assert not (site / "feedback/wat-deden-we").exists()
    assert not (site / "feedback/ervaringenkaart").exists()
    assert (site / "feedback/deel-je-ervaring/index.html").is_file()
    assert result.prepared.routes.has("form", "deel-je-ervaring")
    assert not result.prepared.routes.has("accountability")


# --- engines ----------------------------------------------------------------------------------


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_the_minimal_portal_builds_alike_with_both_engines_and_deterministically(in_portal, tmp_path):
    config = (MINIMAL / "site_config.yml").read_text(encoding="utf-8")
    in_portal({"content/feedback/idee.yml": FORM})
    material = pipeline.build(Path("site_config.yml"), tmp_path / "material")
    assert material.ok, messages(material)
    Path("site_config.yml").write_text(config + "engine: zensical\n", encoding="utf-8")
    first = pipeline.build(Path("site_config.yml"), tmp_path / "zensical")
    assert first.ok, messages(first)
    assert _pages(tmp_path / "material") == _pages(tmp_path / "zensical")
    page = (tmp_path / "zensical/praktijkvoorbeelden/voorbeeld/index.html").read_text(encoding="utf-8")
    assert "<title>Een voorbeeld - Testportal</title>" in page
    assert 'class="portaal-footer-links"' in page and "nuttig-titel" not in page  # no page widget form here
    for engine in ("material", "zensical"):
        footer = (tmp_path / engine / "praktijkvoorbeelden/voorbeeld/index.html").read_text(encoding="utf-8")
        footer = footer.split('class="portaal-footer-links"', 1)[1].split("</nav>", 1)[0]
        assert re.findall(r'<a href="[./a-z-]+">([^<]+)</a>', footer) == [
            "Cliëntondersteuning", "Over deze site", "Bronnen", "Contact", "Privacy", "Toegankelijkheid",
            "Kwetsbaarheid melden"], engine
        assert (tmp_path / engine / ".well-known/security.txt").is_file(), engine
    assert (tmp_path / "zensical/sitemap.xml.gz").is_file()
    again = pipeline.build(Path("site_config.yml"), tmp_path / "again")
    assert again.ok
    for name in _pages(tmp_path / "zensical"):
        assert (tmp_path / "zensical" / name).read_bytes() == (tmp_path / "again" / name).read_bytes(), name


def test_an_unknown_engine_is_a_located_error(in_portal):
    config = (MINIMAL / "site_config.yml").read_text(encoding="utf-8")
    in_portal({"site_config.yml": config + "engine: hugo\n"})
    assert messages(pipeline.check(Path("site_config.yml"))) == [
        "site_config.yml:17:9: E009 'engine' moet een van deze waarden zijn: material, zensical; niet tekst (\"hugo\")"]


def test_a_new_municipal_portal_builds_with_zensical(tmp_path, monkeypatch):
    from generator.new_portal import create_portal

    root = tmp_path / "portal"
    create_portal("Gemeente 's-Hertogenbosch", root)
    config = root / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nengine: zensical\n", encoding="utf-8")
    monkeypatch.chdir(root)
    result = pipeline.build(Path("site_config.yml"), strict=True)
    assert result.ok, messages(result)
    home = (root / "site/index.html").read_text(encoding="utf-8")
    assert "'s-Hertogenbosch" in home and "&amp;#x27;" not in home
    assert not (root / "site/feedback/wat-deden-we").exists()


def test_an_unknown_reference_without_a_close_match_says_where_the_valid_ones_are(in_portal):
    case = (MINIMAL / "content/cases/voorbeeld.yml").read_text(encoding="utf-8")
    in_portal({"content/cases/voorbeeld.yml": case.replace("terms: [wmo]", "terms: [zzzzqqq]")})
    assert messages(pipeline.check(Path("site_config.yml"))) == [
        "content/cases/voorbeeld.yml:9:9: E006 'terms[1]': begrip 'zzzzqqq' bestaat niet (zie 'portaal list terms')"]


def test_markdown_nested_hundreds_deep_is_a_located_error_not_a_crash(in_portal):
    case = (MINIMAL / "content/cases/voorbeeld.yml").read_text(encoding="utf-8")
    deep = "- " * 500 + "x"
    page = "---\ntitle: Diep\n---\nTekst.\n\n" + "".join("  " * i + "- punt\n" for i in range(30))
    in_portal({"content/cases/voorbeeld.yml": case.replace("body: Inwoners vulden", f"body: '{deep}' #"),
               "content/pages/diep.md": page})
    result = pipeline.check(Path("site_config.yml"))
    assert [(str(d.location), d.code) for d in result.report.sorted()] == [
        ("content/cases/voorbeeld.yml:12:12", "E009"), ("content/pages/diep.md:26:1", "E009")]
    assert "meer dan 20 niveaus" in result.report.errors[0].message


def test_the_resident_page_shows_this_municipalitys_support_or_sends_residents_to_the_municipality(in_portal, tmp_path):
    config = (MINIMAL / "site_config.yml").read_text(encoding="utf-8")
    in_portal()
    without = pipeline.build(Path("site_config.yml"), tmp_path / "without")
    assert without.ok, messages(without)
    page = (tmp_path / "without/clientondersteuning/index.html").read_text(encoding="utf-8")
    assert "Neem contact op met de gemeente" in page and "mailto:test@gemeente.example" in page
    assert 'href="clientondersteuning/"' in (tmp_path / "without/index.html").read_text(encoding="utf-8")
    support = ("clientondersteuning:\n  organisation: Stichting <Steun>\n  phone: 0123 45 67 89\n"
               "  email: steun@test.example\n  hours: elke dag\n")
    Path("site_config.yml").write_text(config + support, encoding="utf-8")
    result = pipeline.build(Path("site_config.yml"), tmp_path / "with")
    assert result.ok, messages(result)
    page = (tmp_path / "with/clientondersteuning/index.html").read_text(encoding="utf-8")
    assert "Stichting &lt;Steun&gt;" in page and 'href="tel:0123456789"' in page and "elke dag" in page
    for other in ("with/index.html", "with/begrippen/index.html"):
        footer = (tmp_path / other).read_text(encoding="utf-8")
        assert "Cliëntondersteuning: Stichting &lt;Steun&gt;, telefoon 0123 45 67 89, steun@test.example" in footer


def test_a_broken_link_in_markdown_is_found_by_check_at_its_line(in_portal):
    case = (MINIMAL / "content/cases/voorbeeld.yml").read_text(encoding="utf-8")
    body = "body: 'Zie [de methode](../../methoden/kringloop/), [fout](../../methoden/weg/) en [wortel](/begrippen/).'"
    in_portal({"content/cases/voorbeeld.yml": case.replace("body: Inwoners vulden een **vragenlijst** in.", body),
               "content/pages/over.md": "---\ntitle: Over\n---\nLees [de begrippen](../begrippen/#wmo) of [niets](../niets/).\n"})
    assert messages(pipeline.check(Path("site_config.yml"))) == [
        "content/cases/voorbeeld.yml:12:57: E030 link naar '../../methoden/weg/' wijst naar een pagina die niet bestaat",
        "content/cases/voorbeeld.yml:12:88: E030 link naar '/begrippen/' begint met '/': schrijf hem vanaf deze pagina "
        "(bijv. ../begrippen/), zodat de site ook in een submap werkt",
        "content/pages/over.md:4:43: E030 link naar '../niets/' wijst naar een pagina die niet bestaat",
    ]
