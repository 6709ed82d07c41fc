"""Keep portaal's own HTML blocks out of Python-Markdown's way during an MkDocs build.

A page body from portaal is Markdown headings around blocks of HTML that portaal already made
(facts, summaries, converted and sanitised Markdown fields). Python-Markdown passes such a block
through unchanged, but finds where it ends with html.parser: the slowest part of converting the
page. So each block that Python-Markdown would take whole is set aside before conversion, a
plain word stands in for it, and the block is put back in the converted page.

A block is set aside only when it certainly is one raw block to Python-Markdown: text between
blank lines made only of block-level elements, each starting a line, balanced, with nothing
between them, and without comments, scripts, styles or <pre> (which Python-Markdown handles in
ways of its own). Anything else is left to Python-Markdown, so the page comes out byte for byte
the same (tests/unit/test_html_blocks.py converts both ways).
"""

from __future__ import annotations

import re
import secrets

# Python-Markdown's block-level elements (markdown.Markdown().block_level_elements), less those
# whose content it treats specially.
BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "canvas", "center", "colgroup", "dd", "details", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "group", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hgroup", "hr", "legend", "li", "main", "map", "menu", "nav", "noscript", "ol", "option", "output",
    "p", "progress", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "video",
})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
# Start or end tag with double-quoted attributes only (portaal writes no other kind).
_TAG = re.compile(r'<(/?)([a-z][a-z0-9-]*)((?:\s+[a-z][a-z0-9:_.-]*(?:="[^"<>]*")?)*)\s*(/?)>')
# Comments and the like, elements whose content Python-Markdown reads its own way, and characters
# it rewrites even inside raw HTML (tabs become spaces, line ends are normalised, STX/ETX dropped).
_UNSAFE = re.compile(r"<!|<\?|<(?:script|style|pre|textarea|math|svg)\b|[\t\r\x02\x03]", re.IGNORECASE)
# An empty <textarea> (portaal's forms write no other) reads the same whichever way it is parsed.
_EMPTY_TEXTAREA = re.compile(r'<textarea\b[^<>]*></textarea>')
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
# '&' that does not start a complete character reference (html.parser waits for more after '&#39').
_UNFINISHED = re.compile(r"&(?!(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)")


def _one_raw_block(chunk: str) -> bool:
    """Whether Python-Markdown would pass this text between blank lines through as raw HTML, unchanged."""
    if not chunk.startswith("<") or _UNSAFE.search(_EMPTY_TEXTAREA.sub("", chunk)) or _UNFINISHED.search(chunk):
        return False
    open_tags: list[str] = []
    position = 0
    for tag in _TAG.finditer(chunk):
        closing, name, self_closing = tag.group(1), tag.group(2), tag.group(4)
        if not open_tags:
            # At the top: a block element's start tag, at the very start of a line (Python-Markdown
            # drops the indent of a later one, and four spaces make code of it).
            before = chunk[position:tag.start()]
            if closing or name not in BLOCK or before.strip() or (position and not before.endswith("\n")):
                return False
        if closing:
            if not open_tags or open_tags.pop() != name:  # end tags out of order end a block early
                return False
            if not open_tags:
                position = tag.end()
        elif name not in VOID and not self_closing:
            open_tags.append(name)
        elif not open_tags:
            position = tag.end()
    # Text outside tags at the top, or a '<' that is not a tag, leaves it to Python-Markdown.
    return not open_tags and position > 0 and not chunk[position:].strip() and "<" not in _TAG.sub("", chunk)


def _may_leave_markdown_inside_html(chunk: str) -> bool:
    """Whether Python-Markdown's HTML parser may still be inside something after this chunk:
    an element left open, a tag or reference left unfinished, a comment."""
    depth = 0
    for tag in _TAG.finditer(chunk):
        if tag.group(2) in BLOCK and tag.group(2) not in VOID and not tag.group(4):
            depth += -1 if tag.group(1) else 1
    return (depth != 0 or "<" in _TAG.sub("", chunk) or _UNFINISHED.search(chunk) is not None
            or _UNSAFE.search(chunk) is not None)


class HtmlBlocks:
    """Sets blocks aside in one page's Markdown and puts them back in its HTML."""

    def __init__(self) -> None:
        self._nonce = secrets.token_hex(4)
        self._blocks: dict[str, str] = {}
        self.original = ""
        self.missing = False  # a stand-in that did not come back as a paragraph of its own

    def set_aside(self, markdown: str) -> str:
        self.original = markdown
        if self._nonce in markdown:  # never on real pages; then there is nothing to set aside safely
            return markdown
        pieces = _BLANK_LINES.split(markdown)
        separators = _BLANK_LINES.findall(markdown)
        for index, piece in enumerate(pieces):
            chunk = piece.rstrip()
            blank = len(chunk) - len(chunk.lstrip("\n"))  # more blank lines before it (a template's extra line)
            if _one_raw_block(chunk[blank:]):
                word = f"portaalblock{len(self._blocks)}x{self._nonce}"
                self._blocks[word] = chunk[blank:]
                pieces[index] = chunk[:blank] + word + piece[len(chunk):].replace(" ", "").replace("\t", "")  # no trailing spaces
            elif _may_leave_markdown_inside_html(chunk):
                break  # Python-Markdown may still be inside a raw block over the blank lines that follow
        return "".join(piece + separator for piece, separator in zip(pieces, [*separators, ""]))

    def put_back(self, html: str) -> str:
        # Python-Markdown ends a raw block with a line break of its own, and strips the page's end.
        stripped = html == html.rstrip()
        for word, block in self._blocks.items():
            stand_in = f"<p>{word}</p>"
            self.missing = self.missing or stand_in not in html
            html = html.replace(stand_in, block + "\n", 1)
        self._blocks.clear()
        return html.rstrip() if stripped else html


def plugin():
    """An MkDocs plugin that sets aside each page's blocks last before conversion, and puts them
    back first after it, so no other plugin sees a stand-in."""
    from mkdocs.plugins import BasePlugin, event_priority

    class SetAsideHtmlBlocks(BasePlugin):
        def __init__(self) -> None:
            self.pages: dict[str, HtmlBlocks] = {}

        @event_priority(-100)
        def on_page_markdown(self, markdown, *, page, config, files):
            blocks = self.pages[page.file.src_uri] = HtmlBlocks()
            return blocks.set_aside(markdown)

        @event_priority(100)
        def on_page_content(self, html, *, page, config, files):
            blocks = self.pages.pop(page.file.src_uri, None)
            if blocks is None:
                return html
            restored = blocks.put_back(html)
            if blocks.missing:  # never seen; should a new extension cause it, convert the page as it was
                page.markdown = blocks.original
                page.render(config, files)
                return page.content
            return restored

    return SetAsideHtmlBlocks()
