"""Markdown from content -> safe HTML. Content can never inject scripts, styles or handlers."""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown as md
import nh3
from markupsafe import Markup

from .images import DECORATIVE

# What content may produce. Heading levels are shifted below the template's own (see below).
_TAGS = {"img", "p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre", "a", "h2", "h3", "h4", "h5", "h6",
         "table", "thead", "tbody", "tr", "th", "td", "abbr", "span"}
_ATTRIBUTES = {"img": {"src", "alt"}, "a": {"href", "hreflang"}, "abbr": {"title"}, "span": {"lang"}, "blockquote": {"lang"},
               "p": {"lang"}, "th": {"scope"}}
_URL_SCHEMES = {"https", "mailto", "tel"}
_HEADING = re.compile(r"<(/?)h([1-6])([ >])")


def _local_images_only(element: str, attribute: str, value: str) -> str | None:
    # Images come from the site itself (checked with a located error before rendering).
    if element == "img" and attribute == "src" and (":" in value or value.startswith("//")):
        return None
    return value


_IMAGE_TAG = re.compile(r'<img (?P<attrs>[^>]*?)/?>')


def _place_images(html_text: str, root: str) -> str:
    """Image paths are written from the content folder; make them relative to the page."""
    def fix(match: re.Match) -> str:
        attrs = match["attrs"]
        attrs = re.sub(r'src="(?:\./)?(images/[^"]*)"', lambda m: f'src="{root}{m.group(1)}"', attrs)
        attrs = attrs.replace(f'alt="{DECORATIVE}"', 'alt=""')
        return f"<img {attrs.strip()}>"

    return _IMAGE_TAG.sub(fix, html_text)


@lru_cache(maxsize=1)
def _converter() -> md.Markdown:
    # One converter, reset for each text: setting one up cost more than most conversions.
    return md.Markdown(extensions=["sane_lists", "tables"], output_format="html")


# Most content is plain prose: paragraphs, and lists of one-line items. Text without any Markdown
# or HTML sign (emphasis, links, code, references, tags, tables), without a heading, quote, number,
# rule or indent at a line start and without white space at a line's ends (Python-Markdown strips
# some of it, by Python's own idea of white space) becomes nothing but <p>, <ul>
# and <li> around its own text in Python-Markdown: that is written here directly, far faster.
# tests/unit/test_markup_and_urls.py compares both ways on thousands of random texts.
_NOT_PROSE = re.compile(r"[\\`*_\[\]<>&|~\t\r\x00-\x08\x0b-\x1f\x7f]")
_SPECIAL_START = re.compile(r"[#>+=\-0-9]")  # what may start a block of another kind at a line start
_BLANK_LINES = re.compile(r"\n{2,}")


def prose_blocks(text: str) -> list[tuple[str, list[str]]] | None:
    """Plain prose as blocks: ("p", [its text]) or ("ul", [each item's text]); None for any other Markdown."""
    if _NOT_PROSE.search(text):
        return None
    blocks: list[tuple[str, list[str]]] = []
    for block in _BLANK_LINES.split(text.strip("\n")) if text.strip("\n") else []:
        lines = block.split("\n")
        if all(line.startswith("- ") for line in lines):  # a list, one item per line
            if blocks and blocks[-1][0] == "ul":
                return None  # a list after a blank line continues the last one, with <p> in its items
            kind, texts, starts = "ul", [line[2:] for line in lines], [line[2:] for line in lines]
        else:
            kind, texts, starts = "p", [block], lines  # a paragraph: no line may start another kind of block
        if any(not start or start[0].isspace() or _SPECIAL_START.match(start) for start in starts) or any(
                line[-1:].isspace() for line in lines):
            return None
        blocks.append((kind, texts))
    return blocks


def _prose_html(blocks: list[tuple[str, list[str]]]) -> str:
    return "\n".join(f"<p>{texts[0]}</p>" if kind == "p" else
                     "<ul>\n" + "\n".join(f"<li>{item}</li>" for item in texts) + "\n</ul>" for kind, texts in blocks)


def markdown_html(text: str) -> str:
    """Content Markdown -> HTML, not yet sanitised (for the page, or for measuring its text)."""
    blocks = prose_blocks(text)
    if blocks is not None:
        return _prose_html(blocks)
    return _converter().reset().convert(text)


def markdown_to_html(text: str, top: int = 3, root: str = "") -> Markup:
    """Render and sanitise. The highest heading in `text` becomes h{top}, so the outline stays in order.

    `root` is the relative path from the page to the site root, for images."""
    rendered = markdown_html(text)
    levels = [int(level) for _, level, _ in _HEADING.findall(rendered)]
    shift = max(0, top - min(levels)) if levels else 0
    rendered = _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + shift)}{m.group(3)}", rendered)
    clean = nh3.clean(rendered, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_URL_SCHEMES,
                      link_rel="noopener noreferrer", attribute_filter=_local_images_only)
    return Markup(_place_images(clean, root))


MAX_NESTING = 20  # lists and quotes inside each other; Python-Markdown recurses per level
_CONTAINER = re.compile(r"(?:[-*+>]|\d{1,9}[.)])(?:[ \t]+|$)")


def nesting_too_deep(text: str) -> int | None:
    """Offset of the first line that nests lists or quotes deeper than MAX_NESTING, else None."""
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.lstrip(" \t")
        depth = (len(line) - len(stripped)) // 2  # indentation also nests
        position = 0
        while (marker := _CONTAINER.match(stripped, position)) and depth <= MAX_NESTING:
            depth += 1
            position = marker.end()
        if depth > MAX_NESTING:
            return offset
        offset += len(line)
    return None


# Plain text in a page template lands where Markdown is parsed (headings, paragraphs) or inside
# raw HTML blocks and attributes. Numeric character references mean the same in all three, where
# a backslash escape would show in raw HTML. Escaped: HTML, Markdown's inline syntax (emphasis,
# code, links and images, attribute lists, headings' closing hashes, tables), and line breaks,
# which could start a block (list, heading, rule) in the middle of a page.
_PLAIN_IN_MARKDOWN = {ord(c): f"&#{ord(c)};" for c in "\\`*_[]{}#|"} | {
    ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&#34;", ord("'"): "&#39;",
} | {ord(c): " " for c in "\r\n\v\f\x85\u2028\u2029"}
# What starts a block when a value opens a line: '- x', '+ x', '= x' (setext), '1. x', '1) x'.
_BLOCK_START = re.compile(r"^(?:[-+=]|\d+[.)])")


def markdown_text(value: object) -> Markup:
    """Plain text placed where Markdown is parsed: escaped for HTML and Markdown alike."""
    if isinstance(value, Markup):  # written by portaal (rendered Markdown, links, forms)
        return value
    return _escaped_for_markdown(str(value))


@lru_cache(maxsize=100_000)  # titles and names are printed on many pages
def _escaped_for_markdown(text: str) -> Markup:
    start = _BLOCK_START.match(text)
    if start:  # the marker's last character as a reference: '1&#46; x', '&#45; x'
        end = start.end() - 1
        text = text[:end].translate(_PLAIN_IN_MARKDOWN) + f"&#{ord(text[end])};" + text[end + 1:].translate(_PLAIN_IN_MARKDOWN)
    else:
        text = text.translate(_PLAIN_IN_MARKDOWN)
    return Markup(text)
