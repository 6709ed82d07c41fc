"""Glossary terms explained where they are first used on a page.

Run by finish.py on every built page's content, after the engine: the first use of a glossary
term (or an alias, plural or simple inflection) becomes a link to its glossary entry with the definition
as accessible description and as a tooltip on hover and focus. Headings, links, buttons, form labels,
code and the glossary page itself are left alone.

A term with `forms` is marked only where one of those exact forms is written: for a word that is also
everyday language ('ervaring'). Every name is matched whole, also after its term was marked, so a
term inside a longer name ('Ervaringskennis' in 'Lemniscaat Ervaringskennis in beleid') is never marked
on its own.

The engine's HTML is simple (double-quoted attributes, no scripts or comments in the content):
that is read as simple_html.py reads it, which gives html.parser's exact events far faster.
Anything else is read by html.parser, as before.
"""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from .simple_html import END_TAG, START_TAG, content_is_simple, parts

# Text inside these elements is never marked: it is a heading, already a link, or a control.
SKIP = {"a", "h1", "h2", "h3", "h4", "h5", "h6", "button", "label", "legend", "summary", "code", "pre",
        "script", "style", "textarea", "option", "select", "dt", "figcaption", "nav", "abbr", "title"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(frozen=True)
class GlossaryTerm:
    slug: str
    names: tuple[str, ...]  # the term and its aliases
    definition: str
    forms: tuple[str, ...] = ()  # when given: only these exact forms are marked, not the names


def plain_name(name: str) -> str:
    """The name as written in running text: 'Onafhankelijke cliëntondersteuning (oco)' -> without '(oco)'."""
    return re.sub(r"\s*\(.*?\)\s*", " ", name).strip()


def written_forms(term: GlossaryTerm) -> list[str]:
    """Every form in which a term is marked: its own forms, or its names with their inflections."""
    if term.forms:
        return list(term.forms)
    return [form for name in term.names if (plain := plain_name(name)) for form in inflections(plain)]


def inflections(name: str) -> list[str]:
    """The written forms of a (last) word: singular, plurals, genitive; 'raad' -> 'raden'."""
    forms = [name, name + "s", name + "'s", name + "en"]
    if name.endswith("e"):
        forms.append(name + "n")
    if len(name) >= 3 and name[-2] == name[-3] and name[-2] in "aeou" and name[-1] not in "aeiou":
        forms.append(name[:-2] + name[-1] + "en")  # raad -> raden, eigenaar -> eigenaren
    if name.endswith("ie"):
        forms.append(name + "s")
    return forms


@functools.lru_cache(maxsize=4096)  # the same terms are looked for on every page
def _pattern(term: GlossaryTerm) -> re.Pattern:
    alternatives = []
    for form in sorted(set(written_forms(term)), key=len, reverse=True):
        escaped = re.escape(form).replace(r"\ ", r"\s+")
        # Abbreviations in capitals (CO, Wmo) only match as written; words in any case.
        alternatives.append(f"(?-i:{escaped})" if sum(c.isupper() for c in form) >= 2 and " " not in form
                            else escaped)
    alternatives.sort(key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)


@functools.lru_cache(maxsize=64)
def _any_term(patterns: tuple[re.Pattern, ...]) -> re.Pattern:
    """Matches where any of the patterns does: its search finds the first place a term starts."""
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns) or r"(?!)", re.IGNORECASE)


_WORD = re.compile(r"[\w']+")
# Where a term can start: its patterns begin with the same look-behind.
_WORD_START = re.compile(r"(?<![\w-])\w")


@functools.lru_cache(maxsize=64)
def _first_words(terms: tuple[GlossaryTerm, ...]) -> frozenset[str]:
    """The first word of every form of every term: most text contains none, which a set lookup
    rules out far faster than searching each term's pattern."""
    words = set()
    for term in terms:
        for form in written_forms(term):
            first = _WORD.findall(form.lower())
            if first:
                words.add(first[0])
    return frozenset(words)


@functools.lru_cache(maxsize=64)
def _word_forms(terms: tuple[GlossaryTerm, ...]) -> bool:
    """Whether every form starts with a letter or digit."""
    return all(_WORD_START.match(form) for term in terms for form in written_forms(term))


@functools.lru_cache(maxsize=64)
def _term_starts(terms: tuple[GlossaryTerm, ...]) -> re.Pattern:
    """When every form starts with a letter or digit: the start of the first word of any form, at
    the start of a word, in any case. A term starts only where this matches: far fewer places than
    the starts of all words."""
    # The first four characters of those words are enough: fewer, shorter alternatives search faster.
    firsts = {_WORD.match(form).group()[:4] for term in terms for form in written_forms(term)}
    alternatives = sorted((re.escape(first) for first in firsts), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + ")" if alternatives else r"(?!)", re.IGNORECASE)


# What marking one text gave: (the text, the terms marked before it) -> (marked text, terms marked after).
Marks = dict[tuple[str, frozenset[str]], tuple[str, frozenset[str]]]


class _Marker(HTMLParser):
    def __init__(self, terms: list[GlossaryTerm], glossary_url: str, memo: Marks | None = None):
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.skip_depth = 0
        self.stack: list[str] = []
        self.terms = [(term, _pattern(term)) for term in terms if written_forms(term)]
        self.marked: frozenset[str] = frozenset()
        # The memo keeps only what this page uses now: texts that left the page are forgotten.
        self.memo, self.remembered = memo, dict(memo) if memo else {}
        if memo:
            memo.clear()
        self.first_words = _first_words(tuple(terms))
        self.any_term = _any_term(tuple(pattern for _, pattern in self.terms))
        self.word_forms = _word_forms(tuple(terms))
        self.term_starts = _term_starts(tuple(terms)) if self.word_forms else None
        self.glossary_url = glossary_url

    # Everything is written back as it came, except text, where the first use of a term is marked.
    def handle_starttag(self, tag, attrs):
        self.start(tag, self.get_starttag_text())

    def start(self, tag: str, text: str) -> None:
        self.out.append(text)
        if tag not in VOID:
            self.stack.append(tag)
            if tag in SKIP or self.skip_depth:
                self.skip_depth += 1

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        if tag in self.stack:
            while self.stack:
                open_tag = self.stack.pop()
                if self.skip_depth:
                    self.skip_depth -= 1
                if open_tag == tag:
                    break

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def handle_data(self, data):
        if (self.skip_depth or len(self.marked) == len(self.terms)
                or self.first_words.isdisjoint(_WORD.findall(data.lower()))):
            self.out.append(data)
            return
        if self.memo is None:
            self.out.append(self._mark(data))
            return
        key = (data, self.marked)
        found = self.memo.get(key) or self.remembered.get(key)
        if found is None:
            found = self._mark(data), self.marked
        self.memo[key] = found
        marked, self.marked = found
        self.out.append(marked)

    def _mark(self, text: str) -> str:
        result, position = [], 0
        while True:
            # Where the first term starts (one search for all terms); there, the longest wins.
            # Already marked terms are still matched, so their names are skipped whole.
            start = self._next_start(text, position)
            if start is None:
                break
            found = [(-len(m.group()), index, m) for index, (term, pattern) in enumerate(self.terms)
                     if (m := pattern.match(text, start))]
            _, index, match = min(found)
            term, _ = self.terms[index]
            result.append(text[position:match.start()])
            if term.slug in self.marked:
                result.append(match.group())
            else:
                self.marked |= {term.slug}
                result.append(self._link(term, match.group()))
            position = match.end()
        result.append(text[position:])
        return "".join(result)

    def _next_start(self, text: str, position: int) -> int | None:
        """Where the next term starts. When every form starts with a letter or digit, only the
        places where a form's first word starts are tried: far fewer than every character."""
        if self.term_starts is None:
            found = self.any_term.search(text, position)
            return found.start() if found else None
        while (found := self.term_starts.search(text, position)) is not None:
            if self.any_term.match(text, found.start()):
                return found.start()
            position = found.start() + 1
        return None

    def _link(self, term: GlossaryTerm, words: str) -> str:
        tip = f"term-{term.slug}"
        return (f'<span class="portaal-term"><a class="portaal-term__link" href="{self.glossary_url}#{term.slug}" '
                f'aria-describedby="{tip}">{words}</a><span class="portaal-term__tip" role="tooltip" id="{tip}">'
                f"{html.escape(term.definition, quote=False)}</span></span>")


# References in a text of simple HTML (simple_html.py), as html.parser gives them without converting.
_TEXT = re.compile(
    r"&(?P<entity>[a-zA-Z][-.a-zA-Z0-9]*);"
    r"|&#(?P<char>[0-9]+|[xX][0-9a-fA-F]+);"
    r"|(?P<text>[^&]+)")


def _text_simple(marker: _Marker, text: str) -> bool:
    """Text with references: the parts html.parser gives without converting them."""
    position = 0
    for match in _TEXT.finditer(text):
        if match.start() != position:
            return False  # a '&' that starts no reference
        position = match.end()
        if match.lastgroup == "text":
            marker.handle_data(match.group())
        elif match.lastgroup == "entity":
            marker.handle_entityref(match.group("entity"))
        else:
            marker.handle_charref(match.group("char"))
    return position == len(text)


def _mark_simple(marker: _Marker, content: str) -> bool:
    """Feed the marker the events html.parser would; False when the content is not simple."""
    pieces = parts(content)
    for index, part in enumerate(pieces):
        if not index % 2:  # text
            if "<" in part:
                return False
            if "&" not in part:
                if part:
                    marker.handle_data(part)
            elif not _text_simple(marker, part):
                return False
        elif part[1] == "/":
            if (end := END_TAG.fullmatch(part)) is None:
                return False
            marker.handle_endtag(end.group(1).lower())
        else:
            if (start := START_TAG.fullmatch(part)) is None:
                return False
            tag = start.group(1).lower()
            if not content_is_simple(tag, pieces, index):
                return False
            if start.group(3):
                marker.out.append(part)
            else:
                marker.start(tag, part)
    return True


def mark_terms(content: str, terms: list[GlossaryTerm], glossary_url: str, memo: Marks | None = None) -> str:
    """`memo`: what marking gave for this page before (the same terms and link), for the preview,
    which marks a changed page again: its texts that did not change are looked up, not searched."""
    marker = _Marker(terms, glossary_url, memo)
    if not _mark_simple(marker, content):
        if memo is not None:
            memo.update(marker.remembered)  # html.parser reads it from the start
        marker = _Marker(terms, glossary_url, memo)
        marker.feed(content)
        marker.close()
    return "".join(marker.out)
