"""generator/engines/html_blocks.py: setting portaal's HTML blocks aside changes no byte of a page."""

from __future__ import annotations

import markdown
import pytest
from support import ROOT

from generator import pipeline
from generator.diagnostics import Report
from generator.engines.html_blocks import HtmlBlocks


def converter() -> markdown.Markdown:
    # The extensions engines/material.py gives MkDocs (toc's slugify does not matter here).
    return markdown.Markdown(extensions=["attr_list", "tables", "toc"])


def both_ways(text: str) -> tuple[str, str, int]:
    """(Python-Markdown's page, the page with blocks set aside and put back, blocks set aside)."""
    plain = converter().convert(text)
    blocks = HtmlBlocks()
    aside = blocks.set_aside(text)
    count = len(blocks._blocks)
    return plain, blocks.put_back(converter().convert(aside)), count


@pytest.fixture(scope="module")
def demo_pages() -> dict[str, str]:
    prepared = pipeline.prepare(ROOT / "site_config.yml", Report())
    assert prepared is not None
    return {path: page.markdown for path, page in prepared.rendered.pages.items()}


def test_every_page_of_the_demo_converts_to_the_same_html(demo_pages):
    aside = 0
    for path, text in demo_pages.items():
        plain, set_aside, count = both_ways(text)
        assert set_aside == plain, path
        aside += count
    assert aside > 5 * len(demo_pages), "portaal's facts, summaries and prose blocks are set aside"


AWKWARD = {
    "block then text on the next line": "<div>\n<p>a</p>\n</div>\n*nadruk*\n\n# Kop",
    "text between two blocks": "<p>a</p>\n*nadruk*\n<p>b</p>",
    "two blocks on one line": "<p>a</p> <p>b</p>\n\nna",
    "a block over blank lines": "<div>\n<p>a</p>\n\n<p>b</p>\n\n</div>\n\n<p>c</p>\n\n*d*",
    "a comment over blank lines": "<!-- x\n\n<p>a</p>\n\n-->\n\n<p>b</p>",
    "a tab inside": "<div>\n\t<p>a</p>\n</div>",
    "pre keeps its own rules": "<pre>\n  a\n\n  b\n</pre>\n\n<p>c</p>",
    "inline element first": "<span>a</span>\n\n<p>b</p>",
    "single-quoted attribute": "<p class='x'>a</p>\n\n<p>b</p>",
    "a stray angle bracket": "<p>a < b</p>\n\n<p>c</p>",
    "the page ends with a block": "# Kop\n\n<div>\n<p>a</p>\n</div>",
    "a void element": "<hr>\n\n<p>a<br>b</p>\n\n<img src=\"x.png\" alt=\"\">",
    "markdown only": "# Kop\n\nTekst met *nadruk* en een [link](https://example.org).\n\n- een\n- twee",
    "indented block is code": "    <p>a</p>\n\n<p>b</p>",
    "unclosed block then more": "<div>\n<p>a</p>\n\n<p>b</p>",
    "closing tag first": "</div>\n\n<p>a</p>",
    "crlf line ends": "<p>a</p>\r\n\r\n<p>b</p>",
    "an indented sibling": "<p>a</p>\n   <p>b</p>\n\nna",
    "a sibling indented as code": "<p>a</p>\n    <p>b</p>\n\nna",
    "end tags out of order": "<div><span>a</div></span>\n\n<p>b</p>",
    "an unfinished tag before a block": "a <b\n\n<p>x</p>",
    "an unfinished reference before a block": "a &#39\n\n<p>x</p>",
    "an unfinished reference inside a block": "<p>a &#39 b</p>\n\n<p>x</p>",
    "a block line ending in spaces": "<p>a</p>   \n\n<p>b</p>  ",
    "a bare ampersand": "<p>a & b</p>\n\n<p>c &amp; d</p>",
    "more blank lines before a block": "# Kop\n\n\n<ul>\n<li>a</li>\n</ul>\n\n\n\n<p>b</p>",
    "blank lines with spaces before a block": "Tekst\n \n\n<div>\n<p>a</p>\n</div>",
    "spaces before a block after blank lines": "Tekst\n\n\n   <div>\n<p>a</p>\n</div>",
}


@pytest.mark.parametrize("text", AWKWARD.values(), ids=AWKWARD.keys())
def test_awkward_markdown_converts_to_the_same_html(text):
    plain, set_aside, _ = both_ways(text)
    assert set_aside == plain


def test_a_page_that_holds_the_stand_in_word_itself_is_left_alone():
    blocks = HtmlBlocks()
    text = f"<p>a</p>\n\nportaalblock0x{blocks._nonce}"
    assert blocks.set_aside(text) == text



def test_a_stand_in_that_does_not_come_back_converts_the_page_as_it_was():
    from generator.engines.html_blocks import plugin

    class Page:  # what the plugin uses of an MkDocs page
        class file:
            src_uri = "x.md"

        def render(self, config, files):
            self.content = converter().convert(self.markdown)

    text = "# Kop\n\n<div>\n<p>a</p>\n</div>"
    page, aside = Page(), plugin()
    page.markdown = aside.on_page_markdown(text, page=page, config=None, files=None)
    assert "<div>" not in page.markdown
    # As if an extension had put the stand-in inside another element:
    html = converter().convert(page.markdown).replace("<p>portaalblock", "<li>portaalblock")
    assert aside.on_page_content(html, page=page, config=None, files=None) == converter().convert(text)
