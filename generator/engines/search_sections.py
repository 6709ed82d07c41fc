"""Material's search sections of a page, read faster when the page's HTML is simple.

Material's search plugin cuts each page's HTML into sections with a subclass of html.parser
(`Parser`): a fifth of a large build. The HTML MkDocs makes of portaal's pages is simple: tags
with double-quoted attributes, text, character references, no comments and no scripts. Such HTML
is read as simple_html.py reads it, into the same events html.parser would give, and those
events go through the same decisions as Material's parser, kept with tag counts instead of its
scans of every open element. Anything else (a comment, a script, a stray '<', an unusual tag) and
any error are left to Material's own parser, from the start. tests/unit/test_search_sections.py
compares both on every page of the demo and on HTML made to reach each of the parser's branches.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from html import escape, unescape

from ..simple_html import ATTRIBUTE, END_TAG, START_TAG, content_is_simple, parts as html_parts

_HEADINGS = frozenset(f"h{level}" for level in range(1, 7))


@functools.cache
def _lists(material) -> tuple[frozenset[str], frozenset[str]]:
    """The tags Material's parser keeps in the text, and those it skips from the start."""
    reference = material.Parser()
    return frozenset(reference.keep), frozenset(str(element) for element in reference.skip)


def sections(content: str, material) -> list | None:
    """What Material's `Parser` gives as `data` for `content`; None when the HTML is not simple
    (then only Material's parser reads it the same way). `material`: its search plugin module.

    Material's decisions, event by event (its comments say why), in one loop for speed. Material
    compares its elements by tag name, so its `skip` set and its `x in self.context` tests are
    about tag names: kept here as a set of names and a count of open elements per name."""
    Element, Section, void = material.Element, material.Section, material.void
    keep, never_unskipped = _lists(material)
    skip = set(never_unskipped)
    context: list = []
    open_tags: dict[str, int] = {}
    skipped = 0  # open elements whose tag is in `skip`
    permalinks = 0  # open <a class="headerlink">
    section = None
    data: list = []
    parts = html_parts(content)
    for index, raw in enumerate(parts):
        if not index % 2:  # text
            if "<" in raw:
                return None
            if skipped or not raw:
                continue
            text = unescape(raw)
            in_pre = open_tags.get("pre")
            if not in_pre:
                text = " " if text.isspace() else text.replace("\n", " ")
            if section is None:
                section = Section(Element("hx"))
                data.append(section)
            if open_tags.get(section.el.tag):
                if not permalinks:
                    section.title.append(escape(text, quote=False))
            elif text.isspace():
                if not section.text or not section.text[-1].isspace() or in_pre:
                    section.text.append(text)
            else:
                section.text.append(escape(text, quote=False))
            continue
        if raw[1] == "/":
            if (end_tag := END_TAG.fullmatch(raw)) is None:
                return None
            ends = [end_tag.group(1).lower()]
        else:
            if (start_tag := START_TAG.fullmatch(raw)) is None:
                return None
            tag = start_tag.group(1).lower()
            if not content_is_simple(tag, parts, index):
                return None
            attrs = {found.group(1).lower(): None if found.group(2) is None else unescape(found.group(2))
                     for found in ATTRIBUTE.finditer(start_tag.group(2))}
            ends = [tag] if start_tag.group(3) else []  # html.parser: a start, then an end
            element = Element(tag, attrs)
            if tag not in void:
                context.append(element)
                open_tags[tag] = open_tags.get(tag, 0) + 1
                if tag in skip:
                    skipped += 1
                if tag == "a" and attrs.get("class") == "headerlink":
                    permalinks += 1
                if tag in _HEADINGS and "id" in attrs:
                    depth = len(context)
                    if tag != "h1" and not data:
                        data.append(Section(Element("hx"), depth))
                    section = Section(element, depth)
                    if data:
                        section.id = attrs["id"]
                    data.append(section)
                if section is None:
                    section = Section(Element("hx"))
                    data.append(section)
                if "data-search-exclude" in attrs or attrs.get("class") == "linenodiv":
                    if tag not in skip:
                        skip.add(tag)
                        skipped += open_tags[tag]
                elif tag in keep and not skipped:
                    (section.title if open_tags.get(section.el.tag) else section.text).append(f"<{tag}>")
        for tag in ends:
            if not context or context[-1].tag != tag:
                continue
            depth = len(context)
            if section.depth > depth:
                for earlier in reversed(data):
                    if earlier.depth <= depth:
                        section.depth = float("inf")
                        section = earlier
                        break
            element = context.pop()
            open_tags[tag] -= 1
            if tag == "a" and element.attrs.get("class") == "headerlink":
                permalinks -= 1
            if tag in skip:
                skipped -= 1
                if tag not in never_unskipped:
                    skip.remove(tag)
                    skipped -= open_tags[tag]
                continue
            if tag in keep and not skipped:
                kept = section.title if open_tags.get(section.el.tag) else section.text
                index = kept.index(f"<{tag}>")
                if any(not part.isspace() for part in kept[index + 1:]):
                    kept.append(f"</{tag}>")
                else:
                    del kept[index:]
    return data


def _faster(material) -> type:
    class FasterParser(material.Parser):
        """Material's parser, reading simple HTML the fast way (Material calls feed once, then close)."""

        def feed(self, data: str) -> None:
            self.content = getattr(self, "content", "") + data

        def close(self) -> None:
            content = getattr(self, "content", "")
            try:
                found = sections(content, material)
            except Exception:  # Material's own parser then fails (or not) the way it would have
                found = None
            if found is None:
                super().feed(content)
                super().close()
            else:
                self.data = found

    return FasterParser


@contextlib.contextmanager
def faster_search_sections() -> Iterator[None]:
    """Material's search plugin reads pages with the faster parser while MkDocs builds."""
    import material.plugins.search.plugin as material

    original = material.Parser
    material.Parser = _faster(material)
    try:
        yield
    finally:
        material.Parser = original
