import pytest
import textstat
from textstat.textstat import textstatistics

from support import ROOT

from generator.readability import measure, plain_text, split_sentences, syllables, words


def test_flesch_douma_of_a_short_text_by_hand():
    # 'Inwoners praten mee. Dat werkt goed.'
    # words: 6; sentences: 2; syllables: in-wo-ners 3, pra-ten 2, mee 1, dat 1, werkt 1, goed 1 = 9
    # 206.835 - 0.93 * (6 / 2) - 77 * (9 / 6) = 206.835 - 2.79 - 115.5 = 88.545
    result = measure("Inwoners praten mee. Dat werkt goed.")
    assert (result.words, len(result.sentences)) == (6, 2)
    assert result.words_per_sentence == 3.0
    assert result.flesch_douma == pytest.approx(88.545)


def test_flesch_douma_with_long_words_by_hand():
    # 'De gemeente helpt inwoners met hun vragen. Een cliëntondersteuner luistert goed.'
    # words: 7 + 4 = 11; sentences: 2; syllables: de 1, ge-meen-te 3, helpt 1, in-wo-ners 3, met 1,
    # hun 1, vra-gen 2 (= 12); een 1, cli-ënt-on-der-steu-ner 6, luis-tert 2, goed 1 (= 10); total 22
    # 206.835 - 0.93 * (11 / 2) - 77 * (22 / 11) = 206.835 - 5.115 - 154 = 47.72
    text = "De gemeente helpt inwoners met hun vragen. Een cliëntondersteuner luistert goed."
    assert [syllables(w) for w in words(text)] == [1, 3, 1, 3, 1, 1, 2, 1, 6, 2, 1]
    result = measure(text)
    assert (result.words, result.words_per_sentence) == (11, 5.5)
    assert result.flesch_douma == pytest.approx(47.72)


def test_textstats_dutch_formula_is_douma_and_the_shared_instance_is_left_alone():
    # On text without abbreviations textstat counts the same words and sentences, so its Dutch
    # Flesch reading ease must equal ours: that only holds when its constants are Douma's.
    text = "De gemeente helpt inwoners met hun vragen. Een cliëntondersteuner luistert goed."
    dutch = textstatistics()
    dutch.set_lang("nl")
    assert dutch.flesch_reading_ease(text) == pytest.approx(measure(text).flesch_douma, abs=0.01)
    # textstat.set_lang is global; measuring must not have changed the shared instance.
    assert textstat.textstat._textstatistics__lang == "en_US"


def test_syllables_are_counted_as_textstat_counts_them_for_every_word_of_the_handreiking():
    # readability.py hyphenates with Pyphen itself (textstat's import took half a second); the
    # count must stay textstat's, on every word the shared content uses and on awkward forms.
    dutch = textstatistics()
    dutch.set_lang("nl")
    corpus = " ".join(path.read_text(encoding="utf-8") for path in sorted((ROOT / "content").rglob("*.yml")))
    every = sorted(set(words(corpus)) | {"zo'n", "ervarings-deskundige", "cliënt’s", "o.a.", "2.3.2", "Ieder(In)",
                                          "we've", "'t", "WMO-loket"})
    assert len(every) > 2000
    differ = [(word, syllables(word), dutch.syllable_count(word)) for word in every
              if syllables(word) != max(1, dutch.syllable_count(word))]
    assert differ == []


def test_abbreviations_and_numbers_do_not_end_a_sentence():
    text = ("Dit geldt bijv. voor inwoners. Zie art. 2 en nr. 3, o.a. in Almere. "
            "M.b.t. de regels, d.w.z. de wet e.d., geldt paragraaf 2.3.2 niet! Wat nu? "
            "J. de Vries telde ong. tien keer. Dat was in 2015. Daarna niet meer.")
    assert [s.text for s in split_sentences(text)] == [
        "Dit geldt bijv. voor inwoners.",
        "Zie art. 2 en nr. 3, o.a. in Almere.",
        "M.b.t. de regels, d.w.z. de wet e.d., geldt paragraaf 2.3.2 niet!",
        "Wat nu?",
        "J. de Vries telde ong. tien keer.",
        "Dat was in 2015.",
        "Daarna niet meer.",
    ]


def test_sentence_offsets_point_into_the_measured_text():
    text = "Eerste zin.  Tweede zin!\n\nDerde"
    sentences = split_sentences(text)
    assert [(s.text, s.start, s.words) for s in sentences] == [
        ("Eerste zin.", 0, 2), ("Tweede zin!", 13, 2), ("Derde", 26, 1)]
    assert all(text[s.start:].startswith(s.text) for s in sentences)


def test_words_keep_hyphens_apostrophes_diacritics_and_numbers_together():
    assert words("Zo'n ervarings-deskundige, o.a. in 2.3.2 en cliëntondersteuning (B1).") == [
        "Zo'n", "ervarings-deskundige", "o.a.", "in", "2.3.2", "en", "cliëntondersteuning", "B1"]


def test_plain_text_keeps_what_a_reader_sees_and_ends_list_items():
    markdown = ("## Wat u leest\n\nEen **vette** tekst met een [link](https://example.nl/)\nover twee regels.\n\n"
                "- eerste punt\n- tweede punt.\n\n<script>verborgen()</script>\n")
    text = plain_text(markdown)
    assert text == ("Wat u leest\n\nEen vette tekst met een link over twee regels.\n\n"
                    "eerste punt\n\ntweede punt.")
    # Heading and list items without a full stop still end their sentence.
    assert [s.text for s in split_sentences(text)] == [
        "Wat u leest", "Een vette tekst met een link over twee regels.", "eerste punt", "tweede punt."]


def test_uncommon_share_ignores_numbers():
    # Words: De, gemeente, en, de, lemniscaat, in, 2015 (7); 2015 is a number, so 6 are counted.
    # Only 'lemniscaat' is below Zipf 3.0 in Dutch (about 2.1): 1 / 6.
    result = measure("De gemeente en de lemniscaat in 2015.")
    assert result.words == 7
    assert result.uncommon_share == pytest.approx(1 / 6)


@pytest.mark.parametrize("text", ["", "   \n\n ", "... !"])
def test_text_without_words_is_a_clear_error(text):
    with pytest.raises(ValueError, match="geen woorden"):
        measure(text)


# Words and breaks first (paragraphs and '- ' lists), then what makes Markdown more than that.
PROSE_PIECES = ["Inwoners", "praten", "mee.", "De", "gemeente", "(Wmo)", "luistert:", "'zo'n'", "“goed”", "één",
                " ", "\n", "\n\n", "\n\n\n", "\n- ", "- ", "  ", "-", "--", "1. ", "2024", "# ", "> ",
                "*", "_", "`", "[x](y)", "<b>", "&amp;", "|", "~", "=", "===", "+ ", "\t", "    ", "\\", "!", "?"]


def converted(markdown: str) -> str:
    """plain_text's way for any Markdown: convert, then collect the visible blocks."""
    from generator.markup import markdown_html
    from generator.readability import _TextCollector

    collector = _TextCollector()
    collector.feed(markdown_html(markdown))
    collector.close()
    collector._flush()
    return "\n\n".join(collector.blocks)


def test_prose_read_without_converting_is_what_converting_gives():
    import random

    from generator.markup import prose_blocks

    read = 0
    for seed in range(4000):
        rng = random.Random(seed)
        pieces = PROSE_PIECES[:16] if seed % 2 else PROSE_PIECES
        markdown = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        assert plain_text(markdown) == converted(markdown), repr(markdown)
        read += prose_blocks(markdown) is not None
    assert read > 600  # a good share of the comparisons is of texts read without converting
