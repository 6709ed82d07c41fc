"""generator/engines/search_sections.py: Material's search sections, read without html.parser,
are the ones Material's own parser gives, for the demo's pages and for HTML made to reach every
branch of Material's parser (headings with and without ids, nesting, exclusion, permalinks,
pre, kept tags, references, odd tags)."""

from __future__ import annotations

import random

import markdown
import material.plugins.search.plugin as material
import pytest
from support import ROOT

from generator import pipeline
from generator.diagnostics import Report
from generator.engines import search_sections
from generator.engines.html_blocks import HtmlBlocks


def material_sections(content: str):
    """Material's own parser: its sections, or the error it raises."""
    parser = material.Parser()
    try:
        parser.feed(content)
        parser.close()
    except Exception as error:  # noqa: BLE001 - the error itself is compared
        return type(error)
    return parser.data


def faster_sections(content: str):
    """The parser Material uses during a build: its sections, or the error it raises."""
    with search_sections.faster_search_sections():
        parser = material.Parser()
    try:
        parser.feed(content)
        parser.close()
    except Exception as error:  # noqa: BLE001
        return type(error)
    return parser.data


def described(found) -> object:
    if isinstance(found, type):
        return found
    return [(s.el.tag, s.el.attrs, s.depth, s.id, s.title, s.text, s.is_excluded()) for s in found]


@pytest.fixture(scope="module")
def demo_html() -> dict[str, str]:
    """The demo's pages as MkDocs converts them (engines/material.py's extensions)."""
    prepared = pipeline.prepare(ROOT / "site_config.yml", Report())
    assert prepared is not None
    pages = {}
    for path, page in prepared.rendered.pages.items():
        blocks = HtmlBlocks()
        converter = markdown.Markdown(extensions=["attr_list", "tables", "toc"])
        pages[path] = blocks.put_back(converter.convert(blocks.set_aside(page.markdown)))
    return pages


def test_every_page_of_the_demo_is_read_fast_into_materials_sections(demo_html):
    for path, content in demo_html.items():
        fast = search_sections.sections(content, material)
        assert fast is not None, f"{path}: read by html.parser, not the fast way"
        assert described(fast) == described(material_sections(content)), path
        assert fast, path


PIECES = [
    '<h1 id="start">', "</h1>", '<h2 id="twee">', "</h2>", "<h2>", '<h3 id="drie" class="x">', "</h3>",
    "<p>", "</p>", "<div>", "</div>", "<ul>", "<li>", "</li>", "</ul>", "<pre>", "</pre>", "<code>", "</code>",
    "<sub>", "</sub>", "<sup>", "</sup>", '<a class="headerlink" href="#twee">', '<a href="x">', "</a>",
    '<div data-search-exclude>', '<span data-search-exclude="">', "</span>", '<div class="linenodiv">',
    '<section id="s">', "</section>", "<br>", "<br/>", "<br />", '<img src="a.png" alt="">', "<hr>",
    '<div/>', '<textarea name="t"></textarea>', '<P CLASS="Groot">', "</P>", '<input disabled>',
    '<div id="a" id="b">', '<a title="x &amp; y" href="#">', '<object>', '</object>', '<H2 ID="q">',
    "tekst", "Nog een zin.", " ", "\n", "\n  \n", "a &amp; b", "&lt;kop&gt;", "&copy", "regel\nregel",
    "a > b", "\t",
]
NOT_SIMPLE = ["<!-- opmerking -->", "<script>var a = '<p>';</script>", "a < b", "<style>p{}</style>",
              "<p class='enkel'>", '<textarea>inhoud</textarea>', "<!DOCTYPE html>", '<a href="x"title="y">']


def random_html(seed: int, odd: bool) -> str:
    rng = random.Random(seed)
    pieces = [rng.choice(PIECES) for _ in range(rng.randint(1, 40))]
    if odd:
        pieces.insert(rng.randint(0, len(pieces)), rng.choice(NOT_SIMPLE))
    return "".join(pieces)


def test_random_html_gives_materials_sections_or_its_error():
    fast = 0
    for seed in range(3000):
        content = random_html(seed, odd=seed % 5 == 0)
        assert described(faster_sections(content)) == described(material_sections(content)), content
        try:
            fast += search_sections.sections(content, material) is not None
        except ValueError:  # Material's parser fails on this one too (compared above)
            pass
    # Most of it is simple, so the comparison is mostly of the fast way, not of the fallback.
    assert fast > 2300


@pytest.mark.parametrize("content", NOT_SIMPLE)
def test_html_that_is_not_simple_is_left_to_materials_parser(content):
    assert search_sections.sections(f"<p>a</p>{content}<p>b</p>", material) is None


def test_the_parser_is_materials_own_again_after_the_build():
    original = material.Parser
    with search_sections.faster_search_sections():
        assert material.Parser is not original
    assert material.Parser is original
