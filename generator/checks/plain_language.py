"""Plain language (B1): every text a resident reads is measured, at every build.

Measured: the texts each kind declares in kinds.py (`texts`): each case's summary ('samenvatting')
and its sections and lessons ('tekst'), each method's summary and intro, each lemniscaat phase's
summary and body with tips, each checklist's summary and its questions with their explanations,
the glossary's definitions (one 'tekst' for the glossary page), each free page's summary and body.
Quotes are people's own words: not measured.

  W020  a text misses its norm: Flesch-Douma too low, or too many words per sentence on average
  W021  one sentence has more than `max_sentence_words` words; located at that sentence's line
  W022  a jargon word (`plain_language.jargon`) is used while the glossary has no term or alias for it

These are warnings. With strict=True the same codes are reported with severity 'error', so the
build fails; the codes stay W020-W022 so that an editor finds the same explanation either way.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from .. import kinds
from ..diagnostics import Diagnostic, Location
from ..kinds import BODY, SUMMARY, Body, Field
from ..models import PlainLanguage, Thresholds
from ..readability import Readability, measure, plain_text, words
from ..source import Document, KeyPath, text_location

_PREVIEW_WORDS = 8  # how much of a long sentence the W021 message quotes


@dataclass(frozen=True)
class TextReport:
    kind: str  # SUMMARY or BODY
    page: str  # site-relative URL, e.g. 'praktijkvoorbeelden/almere/'
    start: Callable[[], Location] = field(repr=False, compare=False)  # where the text starts (computed on demand)
    readability: Readability
    # For W021 and W022: the measured text, where each of its offsets is in the source, and the
    # glossary's terms and aliases (case-folded) that the text may use without explaining them.
    text: str = field(default="", repr=False, compare=False)
    locate: Callable[[int], Location] | None = field(default=None, repr=False, compare=False)
    glossary: frozenset[str] = field(default=frozenset(), repr=False, compare=False)

    @property
    def location(self) -> Location:
        """Start of the text in its YAML or Markdown file. Positions cost a second, slower parse
        of the file, so they are worked out only for texts that get a message."""
        return self.start()


@dataclass(frozen=True)
class _Part:
    """One field of a text: its source and how offsets in that source map to file positions."""

    source: str
    locate: Callable[[int], Location]
    markdown: bool = True


def _yaml_part(document: Document, path: KeyPath, markdown: bool = True) -> _Part:
    return _Part(document.value(path), lambda offset: document.locate_offset(path, offset), markdown)


def _page_body(text: str, file: str, first_line: int) -> _Part:
    return _Part(text, lambda offset: text_location(text, offset, file, first_line))


def _visible(source: str, markdown: bool) -> str:
    return plain_text(source) if markdown else " ".join(source.split())


# The preview measures the whole portal after every save: a text whose parts did not change is
# not converted, joined or measured again. Keyed on the page as well, so that a build gains nothing
# from the same text on many pages (bench/ builds many copies of a few cases; real portals do not).
@lru_cache(maxsize=50_000)
def _visible_text(page: str, parts: tuple[tuple[str, bool], ...]) -> tuple[tuple[int, ...], str, Readability] | None:
    """(the parts with words, by index, the text their visible words make, its readability); None
    when no part has words. The text joins the parts with a blank line."""
    kept, pieces = [], []
    for index, (source, markdown) in enumerate(parts):
        visible = _visible(source, markdown)
        if words(visible):
            kept.append(index)
            pieces.append(visible)
    if not pieces:
        return None
    text = "\n\n".join(pieces)
    return tuple(kept), text, measure(text)


_ALIGN_WORD = re.compile(r"\w+")


def _aligned(source: str, visible: str) -> tuple[list[int], list[int]]:
    """Follow the visible words through the source (past markup): their offsets in both."""
    in_visible, in_source, cursor = [], [], 0
    for word in _ALIGN_WORD.finditer(visible):
        found = re.compile(rf"(?<!\w){re.escape(word.group())}(?!\w)").search(source, cursor)
        if found:
            in_visible.append(word.start())
            in_source.append(found.start())
            cursor = found.end()
    return in_visible, in_source


def _text_report(kind: str, page: str, parts: list[_Part], glossary: frozenset[str]) -> TextReport | None:
    """Measure the parts as one text (each part ends its last sentence); None if it has no words."""
    found = _visible_text(page, tuple((part.source, part.markdown) for part in parts))
    if found is None:
        return None
    kept, text, readability = found

    @cache
    def pieces() -> tuple[list[tuple[_Part, str]], list[int]]:
        """Each kept part with its visible text, and where that starts in the text."""
        measured, starts, offset = [], [], 0
        for index in kept:
            part = parts[index]
            visible = _visible(part.source, part.markdown)
            measured.append((part, visible))
            starts.append(offset)
            offset += len(visible) + 2
        return measured, starts

    def locate(at: int) -> Location:  # only for a text that gets a message
        measured, starts = pieces()
        index = bisect.bisect_right(starts, at) - 1
        part, visible = measured[index]
        in_visible, in_source = _aligned(part.source, visible)
        word = bisect.bisect_left(in_visible, at - starts[index])
        return part.locate(in_source[word] if word < len(in_source) else len(part.source.rstrip()))

    first = parts[0]
    return TextReport(kind, page, lambda: first.locate(len(first.source) - len(first.source.lstrip())),
                      readability, text, locate, glossary)


# --- which texts -------------------------------------------------------------------


def _part(field: Field | Body) -> _Part:
    if isinstance(field, Body):
        return _page_body(field.text, field.file, field.first_line)
    return _yaml_part(field.document, field.path, field.markdown)


def _texts(portal, routes) -> list[tuple[str, str, list[_Part]]]:
    """(kind, page, parts) for every text a kind declares as read by residents (kinds.py)."""
    return [(sort, page, [_part(field) for field in fields])
            for kind in kinds.KINDS if kind.texts for sort, page, fields in kind.texts(portal, routes)]


def measure_portal(portal, routes) -> list[TextReport]:
    """A readability report for every resident-facing text of the portal (texts without words are skipped)."""
    glossary = frozenset(_known_terms(portal))
    reports = (_text_report(kind, page, parts, glossary) for kind, page, parts in _texts(portal, routes))
    return [report for report in reports if report is not None]


# --- diagnostics -------------------------------------------------------------------


def _number(value: float) -> str:
    """A norm in Dutch notation: whole numbers without decimals."""
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}".replace(".", ",")


def _misses(readability: Readability, norm: Thresholds) -> list[str]:
    # Compare what the message shows (one decimal), so '65,0 (norm: minstens 65)' never fails.
    misses = []
    score, per_sentence = round(readability.flesch_douma, 1), round(readability.words_per_sentence, 1)
    if score < norm.min_flesch_douma:
        misses.append(f"Flesch-Douma {_decimal(score)} (norm: minstens {_number(norm.min_flesch_douma)})")
    if per_sentence > norm.max_words_per_sentence:
        misses.append(f"gemiddeld {_decimal(per_sentence)} woorden per zin "
                      f"(norm: hoogstens {_number(norm.max_words_per_sentence)})")
    return misses


def _jargon_pattern(word: str) -> re.Pattern:
    # Acronyms in capitals ('CO') only match in capitals, so 'co' in 'co-creatie' is not jargon;
    # other words match in any case ('Wmo', 'WMO'). Parts of a compound count: 'Wmo-loket'.
    # Words of a phrase may be apart by spaces, not by a blank line (which joins two fields).
    body = r"[^\S\n]+".join(re.escape(part) for part in word.split())
    return re.compile(rf"(?<!\w){body}(?!\w)", 0 if word.isupper() else re.IGNORECASE)


def _known_terms(portal) -> set[str]:
    """The glossary's terms and aliases, case-folded, single spaces."""
    known = set()
    for term in portal.terms:
        model = getattr(term, "model", term)
        known.update(" ".join(name.split()).casefold() for name in [model.term, *model.aliases])
    return known


def check_plain_language(reports: list[TextReport], thresholds: PlainLanguage, strict: bool) -> list[Diagnostic]:
    """W020, W021 and W022 for the measured texts; severity 'error' instead of 'warning' when strict."""
    severity = "error" if strict else "warning"
    diagnostics = []
    for report in reports:
        norm = thresholds.summaries if report.kind == SUMMARY else thresholds.body
        misses = _misses(report.readability, norm)
        if misses:
            diagnostics.append(Diagnostic("W020", f"{report.kind} te moeilijk: {'; '.join(misses)}",
                                          report.location, severity))
        for sentence in report.readability.sentences:
            if sentence.words > thresholds.max_sentence_words:
                shown = sentence.text.split()
                preview = " ".join(shown[:_PREVIEW_WORDS]) + (" …" if len(shown) > _PREVIEW_WORDS else "")
                diagnostics.append(Diagnostic(
                    "W021", f"zin te lang: {sentence.words} woorden (norm: hoogstens {thresholds.max_sentence_words}): "
                            f"'{preview}'", _at(report, sentence.start), severity))
        for word in thresholds.jargon:
            if " ".join(word.split()).casefold() in report.glossary:
                continue
            used = _jargon_pattern(word).search(report.text)
            if used:
                diagnostics.append(Diagnostic(
                    "W022", f"vakterm '{word}' staat niet in de begrippenlijst: leg het woord uit in "
                            "glossary.yml (als begrip of als alias) of gebruik een gewoner woord",
                    _at(report, used.start()), severity))
    return diagnostics


def _at(report: TextReport, offset: int) -> Location:
    return report.locate(offset) if report.locate else report.location


# --- the table for `portaal check` -------------------------------------------------


def format_report(reports: list[TextReport]) -> str:
    """One line per text, sorted by page: page, kind, Flesch-Douma, words per sentence, % uncommon words."""
    header = ("pagina", "soort", "Flesch-Douma", "woorden/zin", "% ongewoon")
    rows = [(f"/{r.page}", r.kind, _decimal(r.readability.flesch_douma), _decimal(r.readability.words_per_sentence),
             f"{round(100 * r.readability.uncommon_share)} %")
            for r in sorted(reports, key=lambda r: (r.page, r.kind != SUMMARY))]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [row[0].ljust(widths[0]), row[1].ljust(widths[1]), *(c.rjust(w) for c, w in zip(row[2:], widths[2:]))]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _decimal(value: float) -> str:
    """A measured value in Dutch notation: one decimal, with a comma."""
    return f"{value:.1f}".replace(".", ",")
