"""Readability of Dutch text: sentences, words, syllables, Flesch-Douma, share of uncommon words.

Pure functions, no I/O beyond the libraries. Syllables come from Pyphen's Dutch hyphenation, counted
the way textstat counts them; Flesch-Douma uses textstat's Dutch constants, which are Douma's (both
checked against textstat in tests/unit/test_readability.py). Sentences and words are counted here, because textstat's own
sentence counter splits on every full stop, including those of 'bijv.' and '2.3.2'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

from .markup import markdown_html, prose_blocks

LANG = "nl"
# Flesch-Douma (Douma 1960): Flesch's formula refitted for Dutch.
DOUMA_BASE = 206.835
DOUMA_SENTENCE_LENGTH = 0.93
DOUMA_SYLLABLES_PER_WORD = 77
# Zipf 3.0 is about one occurrence per million words: below that, a word is rare enough that
# many B1 readers will not know it (wordfreq's own docs call 3 'uncommon but not rare').
UNCOMMON_ZIPF = 3.0

# A word: letters or digits (any script, with diacritics), joined by hyphens or apostrophes
# ('ervarings-deskundige', "zo'n" count once); 'o.a.' and numbers such as '2.3.2' are one word.
WORD = re.compile(r"(?:[^\W\d_]\.){2,}|\d+(?:[.,:]\d+)+|[^\W_]+(?:[-'’][^\W_]+)*")
NUMBER = re.compile(r"\d+(?:[.,:]\d+)*")
# Candidate sentence ends: terminal punctuation, closing quotes or brackets, then a space or the end.
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)")
_PARAGRAPH = re.compile(r"\n\s*\n")
# Words that end with a full stop without ending the sentence (lower case, without that stop).
# Abbreviations with more than one stop ('o.a.', 'm.b.t.', 'd.w.z.', 'e.d.') are recognised by form.
ABBREVIATIONS = frozenset({
    "bijv", "bv", "art", "nr", "nrs", "enz", "etc", "incl", "excl", "ca", "dhr", "mevr", "mr", "dr", "drs",
    "ir", "ing", "prof", "zgn", "evt", "resp", "ong", "blz", "jl", "vs", "st", "afd", "tel", "vgl", "mln", "mld",
})
_MULTI_DOT_ABBREVIATION = re.compile(r"^(?:[^\W\d_]\.)+[^\W\d_]?$")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # offset in the measured text
    words: int


@dataclass(frozen=True)
class Readability:
    flesch_douma: float
    words_per_sentence: float
    uncommon_share: float  # 0..1, of the words that are not numbers
    words: int
    sentences: tuple[Sentence, ...]


# --- Markdown -> visible text --------------------------------------------------------

# Elements that end a block of text: a block without final punctuation still ends a sentence.
_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "td", "th", "tr",
           "table", "ul", "ol", "dd", "dt", "div", "hr"}
_INVISIBLE = {"script", "style"}


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._hidden = 0

    def _flush(self) -> None:
        text = " ".join("".join(self._current).split())
        if text:
            self.blocks.append(text)
        self._current = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _INVISIBLE:
            self._hidden += 1
        elif tag in _BLOCKS:
            self._flush()
        elif tag == "br":
            self._current.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _INVISIBLE:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._current.append(data)


def plain_text(markdown: str) -> str:
    """The text a reader sees, one block (paragraph, list item, heading) per paragraph.

    Blocks are separated by a blank line, which ends a sentence (see `split_sentences`)."""
    prose = prose_blocks(markdown)
    if prose is not None:  # paragraphs and list items: their text is what a reader sees
        visible = (" ".join(text.split()) for _, texts in prose for text in texts)
        return "\n\n".join(text for text in visible if text)
    collector = _TextCollector()
    collector.feed(markdown_html(markdown))
    collector.close()
    collector._flush()
    return "\n\n".join(collector.blocks)


# --- sentences and words -------------------------------------------------------------


def words(text: str) -> list[str]:
    return WORD.findall(text)


def _ends_sentence(text: str, end: re.Match) -> bool:
    """Whether the punctuation `end` in `text` closes a sentence."""
    if text[end.start()] == ".":
        before = text[:end.start()].split()
        word = before[-1].lstrip("([\"'‘“").lower() if before else ""
        if word in ABBREVIATIONS or _MULTI_DOT_ABBREVIATION.match(word):
            return False
        if len(word) == 1 and word.isalpha():  # an initial: 'J. de Vries'
            return False
    following = text[end.end():].lstrip()
    # Dutch sentences start with a capital, a digit or a quote; after 'ong. tien' one goes on.
    return not following or not following[0].islower()


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with at least one word. A blank line always ends a sentence."""
    sentences = []
    for first, last in _paragraphs(text):
        paragraph = text[first:last]
        cuts = [m.end() for m in _END.finditer(paragraph) if _ends_sentence(paragraph, m)]
        start = 0
        for cut in [*cuts, len(paragraph)]:
            piece = paragraph[start:cut]
            count = len(words(piece))
            if count:
                lead = len(piece) - len(piece.lstrip())
                sentences.append(Sentence(piece.strip(), first + start + lead, count))
            start = cut
    return sentences


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each stretch of text between blank lines."""
    spans, start = [], 0
    for match in _PARAGRAPH.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


# --- syllables, frequency, the score -------------------------------------------------


# textstat's Dutch syllable count without textstat, whose English dictionary (nltk) took half a
# second to import: drop punctuation except apostrophes of contractions, lower-case, and count each
# part's hyphenation points plus one.
_NOT_CONTRACTION = re.compile(r"'(?!(?:[tsd]|ve|ll|re))")
_PUNCTUATION = re.compile(r"[^\w\s']")


@lru_cache(maxsize=1)
def _hyphenator():
    import pyphen  # imported at the first word measured, not at start-up

    return pyphen.Pyphen(lang=LANG)


@lru_cache(maxsize=50_000)  # words repeat across a portal's texts; hyphenation is the slow part
def syllables(word: str) -> int:
    """Syllables of one word by Dutch hyphenation (every word has at least one)."""
    parts = _PUNCTUATION.sub("", _NOT_CONTRACTION.sub("", word)).lower().split()
    hyphenator = _hyphenator()
    return max(1, sum(len(hyphenator.positions(part)) + 1 for part in parts))


@lru_cache(maxsize=20_000)
def is_uncommon(word: str) -> bool:
    from wordfreq import zipf_frequency  # a tenth of a second to import: only when a word is measured

    return zipf_frequency(word.lower(), LANG) < UNCOMMON_ZIPF


def flesch_douma(words_per_sentence: float, syllables_per_word: float) -> float:
    return DOUMA_BASE - DOUMA_SENTENCE_LENGTH * words_per_sentence - DOUMA_SYLLABLES_PER_WORD * syllables_per_word


def measure(text: str) -> Readability:
    """Measure plain text (see `plain_text` for Markdown). Raises ValueError when it has no words."""
    sentences = tuple(split_sentences(text))
    all_words = [word for sentence in sentences for word in words(sentence.text)]
    if not all_words:
        raise ValueError("geen woorden om te meten: de tekst is leeg")
    per_sentence = len(all_words) / len(sentences)
    per_word = sum(syllables(word) for word in all_words) / len(all_words)
    counted = [word for word in all_words if not NUMBER.fullmatch(word)]
    uncommon = sum(is_uncommon(word) for word in counted) / len(counted) if counted else 0.0
    return Readability(flesch_douma(per_sentence, per_word), per_sentence, uncommon, len(all_words), sentences)
