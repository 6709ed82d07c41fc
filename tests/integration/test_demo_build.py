"""Build the demo portal through the CLI and check every content item's page and key facts."""

from __future__ import annotations

import gzip
import json
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from support import ROOT, run_portaal

CONTENT = ROOT / "content"
yaml = YAML(typ="safe")


TIP = re.compile(r'<span class="portaal-term__tip"[^>]*>.*?</span>', re.S)


class _Text(HTMLParser):
    """The visible text of a page's article, whitespace folded (glossary tooltips left out)."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.parts: list[str] = []

    INLINE = {"a", "span", "strong", "em", "abbr", "time", "code", "b", "i"}

    def handle_starttag(self, tag, attrs):
        if tag == "article" or self.depth:
            self.depth += 1
            if tag not in self.INLINE:
                self.parts.append(" ")

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            if tag not in self.INLINE:
                self.parts.append(" ")

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)

    def feed(self, data):
        super().feed(TIP.sub("", data))


def article_text(page: Path) -> str:
    parser = _Text()
    parser.feed(page.read_text(encoding="utf-8"))
    return " ".join("".join(parser.parts).split())


def fold(text: str) -> str:
    return " ".join(str(text).split())


def summary_of(page: Path) -> str:
    match = re.search(r'<div class="portaal-summary" data-plain-summary>(.*?)</div>',
                      TIP.sub("", page.read_text(encoding="utf-8")), re.S)
    assert match, f"{page} has no data-plain-summary element"
    inline_removed = re.sub(r"</?(a|span|strong|em)\b[^>]*>", "", match.group(1))
    return fold(html.unescape(re.sub(r"<[^>]+>", " ", inline_removed)))


CASE_FILES = sorted((CONTENT / "cases").glob("*.yml"))
NAMED_IN_BRIEF = {"almere", "someren", "amersfoort", "bernheze", "almelo", "middelburg", "friese-gemeenten",
                  "pekela", "veere", "midden-drenthe", "tilburg", "oosterschelderegio"}


def test_demo_has_every_case_from_the_brief():
    assert NAMED_IN_BRIEF <= {p.stem for p in CASE_FILES}


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_case_page_shows_its_facts(demo_site, path):
    case = yaml.load(path.read_text(encoding="utf-8"))
    page = demo_site / "praktijkvoorbeelden" / path.stem / "index.html"
    text = article_text(page)
    assert f"<h1" in page.read_text(encoding="utf-8")
    assert text.startswith(fold(case["title"]))
    assert fold(case["municipality"]) in text
    assert str(case["period"]) in text
    assert summary_of(page) == "Kort gezegd " + fold(case["summary"])
    for form in case["involvement"]:
        assert form in text
    for section in case["sections"]:
        assert fold(section["title"]) in text
    for quote in case.get("quotes", []):
        assert fold(quote["text"]) in text and fold(quote["who"]) in text
    for lesson in case.get("lessons", []):
        assert fold(lesson) in text
    assert text.count("Bronnen") >= 1


def test_case_overview_lists_every_case_and_browses_by_facet(demo_site):
    overview = demo_site / "praktijkvoorbeelden" / "index.html"
    source = overview.read_text(encoding="utf-8")
    for path in CASE_FILES:
        assert f'href="{path.stem}/"' in source
    cases = [yaml.load(p.read_text(encoding="utf-8")) for p in CASE_FILES]
    for form in ("peilend", "verdiepend", "structureel"):
        facet = demo_site / "praktijkvoorbeelden" / "vorm" / form / "index.html"
        expected = {c["title"] for c in cases if form in c["involvement"]}
        text = article_text(facet)
        assert all(fold(title) in text for title in expected), form
        assert text.count("Naar alle praktijkvoorbeelden") == 1
    for phase in ("ervaringen-verzamelen",):
        text = article_text(demo_site / "praktijkvoorbeelden" / "fase" / phase / "index.html")
        assert all(fold(c["title"]) in text for c in cases if phase in c.get("phases", []))
    municipalities = {c["municipality"] for c in cases}
    assert all(html.escape(m, quote=False) in source for m in municipalities)


def test_methods_pages(demo_site):
    jet = yaml.load((CONTENT / "methods/methode-jet.yml").read_text(encoding="utf-8"))
    text = article_text(demo_site / "methoden/methode-jet/index.html")
    assert len(jet["steps"]) == 4 and len(jet["strands"]) == 2
    for step in jet["steps"]:
        assert fold(step["question"]) in text and fold(step["motivation_goal"]) in text
        assert f"{step['duration']['min']} tot {step['duration']['max']} minuten" in text
    plan = article_text(demo_site / "methoden/methode-jet/sessieplan/index.html")
    for step in jet["steps"]:
        assert fold(step["facilitator_role"]) in plan
    assert "20–30 min" in plan and "geen blauwdruk" in plan and "één bijeenkomst" not in plan

    trap = yaml.load((CONTENT / "methods/trap-van-eigenaarschap.yml").read_text(encoding="utf-8"))
    text = article_text(demo_site / "methoden/trap-van-eigenaarschap/index.html")
    assert len(trap["steps"]) == 4
    for index, step in enumerate(trap["steps"], 1):
        assert f"Stap {index}: {fold(step['title'])}" in text and fold(step.get("question", "")) in text
    # The handreiking names no question for the meeting itself: none is made up.
    assert "question" not in trap["steps"][3]


def test_lemniscaat_phases_link_their_cases(demo_site):
    cycle = yaml.load((CONTENT / "methods/lemniscaat.yml").read_text(encoding="utf-8"))
    cases = {p.stem: yaml.load(p.read_text(encoding="utf-8")) for p in CASE_FILES}
    assert len(cycle["phases"]) == 4
    for phase in cycle["phases"]:
        page = demo_site / "methoden/lemniscaat" / phase["slug"] / "index.html"
        text, source = article_text(page), page.read_text(encoding="utf-8")
        assert fold(phase["key_question"]) in text
        assert all(fold(tip) in text for tip in phase["tips"])
        for slug, case in cases.items():
            linked = f'href="../../../praktijkvoorbeelden/{slug}/"' in source
            assert linked == (phase["slug"] in case.get("phases", [])), (phase["slug"], slug)


def test_glossary_has_every_term_with_an_anchor(demo_site):
    glossary = yaml.load((CONTENT / "glossary.yml").read_text(encoding="utf-8"))
    source = (demo_site / "begrippen/index.html").read_text(encoding="utf-8")
    required = {"wmo", "clientondersteuning", "onafhankelijke-clientondersteuning", "sociaal-domein", "ervaring",
                "ervaringskennis", "ervaringsdeskundige", "leefwereld", "systeemwereld", "adviesraad", "meedenkers",
                "meedoeners", "koplopergemeente", "lemniscaat"}
    assert required <= {t["slug"] for t in glossary["terms"]}
    for term in glossary["terms"]:
        assert f'id="{term["slug"]}"' in source


def test_sources_page_lists_every_source_and_the_about_page_links_to_it(demo_site):
    sources = yaml.load((CONTENT / "sources.yml").read_text(encoding="utf-8"))["sources"]
    source = (demo_site / "bronnen/index.html").read_text(encoding="utf-8")
    for item in sources:
        assert f'id="bron-{item["id"]}"' in source
    assert 'href="../bronnen/"' in (demo_site / "over/index.html").read_text(encoding="utf-8")


def test_every_content_item_cites_a_source():
    for path in [*CASE_FILES, *(CONTENT / "methods").glob("*.yml")]:
        assert yaml.load(path.read_text(encoding="utf-8"))["sources"], path


def test_material_is_set_up_for_dutch_and_privacy(demo_site):
    for page in demo_site.rglob("*.html"):
        source = page.read_text(encoding="utf-8")
        assert '<html lang="nl"' in source, page
        assert "fonts.googleapis" not in source and "Made with" not in source, page
        # No resource may come from another origin: every src/href to http(s) is an ordinary link.
        for tag, url in re.findall(r'<(script|link|img|iframe)[^>]+(?:src|href)="(https?://[^"]+)"', source):
            assert url.startswith("http://127.0.0.1:8000/"), (page, tag, url)
        assert "navigation.instant" not in source
    index = json.loads((demo_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["nl"]


def test_navigation_stays_small(demo_site):
    # Cases are reached through overview pages, not one menu entry each.
    source = (demo_site / "index.html").read_text(encoding="utf-8")
    nav = source[source.index('<nav class="md-nav md-nav--primary"'):]
    nav = nav[:nav.index("</nav>")]
    assert "praktijkvoorbeelden/almere/" not in nav


def test_build_is_deterministic(demo_site, tmp_path):
    again = tmp_path / "again"
    assert run_portaal("build", "--out", str(again), cwd=ROOT).code == 0
    first = {p.relative_to(demo_site): p.read_bytes() for p in demo_site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
    with gzip.open(demo_site / "sitemap.xml.gz") as sitemap:
        assert b"<lastmod>2026-11-22</lastmod>" in sitemap.read()


def test_schemas_are_up_to_date_and_referenced(tmp_path):
    result = run_portaal("schema", "--out", str(tmp_path), cwd=ROOT)
    assert result.code == 0
    for generated in tmp_path.iterdir():
        committed = ROOT / "schemas" / generated.name
        assert committed.read_text(encoding="utf-8") == generated.read_text(encoding="utf-8"), \
            f"schemas/{generated.name} is stale: run `make schema`"
    for path in CONTENT.rglob("*.yml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        schema = first.removeprefix("# yaml-language-server: $schema=")
        assert schema != first and (path.parent / schema).resolve().is_file(), path


def test_accessibility_statement_is_generated_and_linked_from_every_page(demo_site):
    config = yaml.load((ROOT / "site_config.yml").read_text(encoding="utf-8"))
    text = article_text(demo_site / "toegankelijkheid/index.html")
    assert "Status A: voldoet volledig." in text  # complete, recent research and no known problems
    assert fold(config["accessibility"]["approved_by"]) in text
    assert config["contact"]["email"] in text
    assert f"binnen {config['accessibility']['response_days']} werkdagen" in text
    for page in demo_site.rglob("*.html"):
        footer = page.read_text(encoding="utf-8").split('<footer class="md-footer">', 1)[1]
        assert re.search(r'<a href="([./]*toegankelijkheid/|\./)">Toegankelijkheid</a>', footer), page


def test_every_page_has_exactly_one_h1(demo_site):
    for page in demo_site.rglob("*.html"):
        assert len(re.findall(r"<h1[ >]", page.read_text(encoding="utf-8"))) == 1, page


def test_every_resident_facing_page_opens_with_a_plain_summary(demo_site):
    pages = ["", "praktijkvoorbeelden/", "methoden/", "begrippen/", "checklists/", "over/", "toegankelijkheid/", "waar-begin-je/"]
    pages += [f"praktijkvoorbeelden/{p.stem}/" for p in CASE_FILES]
    pages += [f"methoden/{p.stem}/" for p in (CONTENT / "methods").glob("*.yml")]
    pages += [f"methoden/lemniscaat/{phase['slug']}/" for phase in
              yaml.load((CONTENT / "methods/lemniscaat.yml").read_text(encoding="utf-8"))["phases"]]
    pages += [f"checklists/{p.stem}/" for p in (CONTENT / "checklists").glob("*.yml")]
    for url in pages:
        source = (demo_site / url / "index.html").read_text(encoding="utf-8")
        h1 = source.index("<h1")
        summary = source.index("data-plain-summary")
        assert h1 < summary < source.index("<h2", h1) if "<h2" in source[h1:] else h1 < summary, url


def test_glossary_terms_are_marked_once_and_never_in_headings_or_links(demo_site):
    for page in demo_site.rglob("*.html"):
        source = page.read_text(encoding="utf-8")
        slugs = re.findall(r'<a class="portaal-term__link" href="[./]*begrippen/#([a-z-]+)"', source)
        assert len(slugs) == len(set(slugs)), page
        for heading in re.findall(r"<h[1-6][^>]*>.*?</h[1-6]>", source, re.S):
            assert "portaal-term" not in heading, page
    assert "portaal-term" not in (demo_site / "begrippen/index.html").read_text(encoding="utf-8")


def test_page_feedback_under_every_content_page_but_not_under_forms(demo_site):
    for page in demo_site.rglob("index.html"):
        url = page.parent.relative_to(demo_site).as_posix()
        url = "" if url == "." else url + "/"
        source = page.read_text(encoding="utf-8")
        has_widget = 'data-feedback-form="pagina-nuttig"' in source
        is_form_page = url.startswith("feedback/") and url not in ("feedback/",) and "wat-deden-we" not in url
        assert has_widget != is_form_page or url == "feedback/pagina-nuttig/", url
        if has_widget and not is_form_page:
            assert f'<input type="hidden" name="_pagina" value="{url}">' in source, url


def test_accountability_page_filters_by_status_without_javascript(demo_site):
    account = yaml.load((CONTENT / "feedback/terugkoppeling.yml").read_text(encoding="utf-8"))
    overview = article_text(demo_site / "feedback/wat-deden-we/index.html")
    for signal in account["signals"]:
        assert fold(signal["title"]) in overview and fold(signal["response"]) in overview
        own = article_text(demo_site / "feedback/wat-deden-we" / signal["status"] / "index.html")
        assert fold(signal["title"]) in own
        for other in account["signals"]:
            if other["status"] != signal["status"]:
                assert fold(other["title"]) not in own
    assert "Waarom niet" in overview


def test_where_to_begin_route_is_linked_from_home_and_walks_vision_form_method_cycle(demo_site):
    home = (demo_site / "index.html").read_text(encoding="utf-8")
    assert 'href="waar-begin-je/"' in home
    page = demo_site / "waar-begin-je" / "index.html"
    source, text = page.read_text(encoding="utf-8"), article_text(page)
    headings = [fold(re.sub(r"<[^>]+>", "", h)) for h in re.findall(r"<h2[^>]*>(.*?)</h2>", source, re.S)]
    steps = [h for h in headings if h.startswith("Stap")]
    assert [s.split(":")[0] for s in steps] == ["Stap 1", "Stap 2", "Stap 3", "Stap 4"]
    assert "waarom" in steps[0] and "vorm" in steps[1] and "methode" in steps[2] and "lemniscaat" in steps[3]
    for form in ("peilend", "verdiepend", "structureel"):
        assert f'href="../praktijkvoorbeelden/vorm/{form}/"' in source
    for method in ("trap-van-eigenaarschap", "lemniscaat", "methode-jet"):
        assert f'href="../methoden/{method}/"' in source
    for source_id in ("movisie-handreiking-2020", "movisie-samenspraak-inwoner"):
        assert f"bronnen/#bron-{source_id}" in source
    # The samenspraak article's five points of attention.
    assert "Waar let je op?" in headings
    points = re.search(r"Waar let je op\?</h2>.*?<ul>(.*?)</ul>", source, re.S).group(1)
    assert points.count("<li>") == 5
    assert "Kort gezegd" in text


@pytest.mark.parametrize("form", ["peilend", "verdiepend", "structureel"])
def test_each_form_of_involvement_is_defined_on_its_browse_page_with_its_source(demo_site, form):
    source = (demo_site / "praktijkvoorbeelden" / "vorm" / form / "index.html").read_text(encoding="utf-8")
    definition = re.search(rf'<div class="portaal-prose" id="wat-is-{form}">(.*?)</div>', source, re.S)
    assert definition, form
    assert f"Wat betekent {form}?" in definition.group(1)
    assert re.search(r"<p>Bij een \w+ vorm ", definition.group(1))
    assert "bronnen/#bron-movisie-samenspraak-inwoner" in definition.group(1)


def test_glossary_marks_fit_the_sentence(demo_site):
    def marks(url):
        source = (demo_site / url / "index.html").read_text(encoding="utf-8")
        return re.findall(r'href="[./]*begrippen/#([a-z-]+)" aria-describedby="[^"]*">([^<]*)</a>', source)
    # Everyday 'ervaring' is not the glossary's term; only the forms listed in glossary.yml are.
    for url in ("feedback/deel-je-ervaring", "feedback", "methoden/lemniscaat"):
        assert "ervaring" not in dict(marks(url)), url
    assert ("ervaring", "eigen ervaring") in marks("checklists/clientondersteuning-in-mijn-gemeente")
    # Proper names are marked whole.
    assert ("lemniscaat", "Lemniscaat Ervaringskennis in beleid") in marks("")
    assert "ervaringskennis" not in dict(marks(""))
    assert ("koplopers-clientondersteuning", "Koplopers Cliëntondersteuning") in marks("bronnen")
    assert "koplopergemeente" not in dict(marks("bronnen"))


def test_advocates_checklist_speaks_to_the_advocate_and_says_what_to_do_with_no(demo_site):
    checklist = yaml.load((CONTENT / "checklists/clientondersteuning-in-mijn-gemeente.yml").read_text(encoding="utf-8"))
    second_person = re.compile(r"\b(je|jij|jou|jouw|jezelf|u|uw)\b", re.I)
    for section in checklist["sections"]:
        for item in section["items"]:
            # 'Wijst de gemeente inwoners…?': residents are talked about; 'je' is only ever the advocate.
            for text in [item["question"], item["explanation"], item["why"], *item["look_for"]]:
                assert not second_person.search(text), (item["id"], text)
    text = article_text(demo_site / "checklists" / "clientondersteuning-in-mijn-gemeente" / "index.html")
    advice = text[text.index("Wat doe je met een nee?"):]
    assert "Ieder(in)" in advice and "adviesraad" in advice and "Schrijf in de notitie" in advice


def test_every_kort_gezegd_on_the_site_meets_the_summary_norms(demo_site):
    """Measured on the built pages, so the summaries that templates write on overview pages count too."""
    from generator.readability import measure
    measured = {}
    for page in demo_site.rglob("index.html"):
        if 'data-plain-summary' not in page.read_text(encoding="utf-8"):
            continue
        text = summary_of(page).removeprefix("Kort gezegd ")
        result = measure(text)
        measured[page.parent.relative_to(demo_site).as_posix()] = (result.flesch_douma, result.words_per_sentence, text)
    assert {"praktijkvoorbeelden", "checklists", "methoden", "waar-begin-je"} <= set(measured)
    failing = {url: m for url, m in measured.items() if m[0] < 65 or m[1] > 12}
    assert not failing, failing


def test_every_signal_has_its_own_page_with_a_timeline(demo_site):
    account = yaml.load((CONTENT / "feedback/terugkoppeling.yml").read_text(encoding="utf-8"))
    overview = (demo_site / "feedback/wat-deden-we/index.html").read_text(encoding="utf-8")
    for signal in account["signals"]:
        assert f'href="signalen/{signal["id"]}/"' in overview
        page = demo_site / "feedback/wat-deden-we/signalen" / signal["id"] / "index.html"
        text = article_text(page)
        assert fold(signal["title"]) in text and fold(signal["response"]) in text
        for step in signal.get("history", []):
            assert f'<time datetime="{step["date"].isoformat()}">' in page.read_text(encoding="utf-8")
