import re

from generator.glossary_marks import GlossaryTerm, _mark_simple, _Marker, inflections, mark_terms

TERMS = [
    GlossaryTerm("adviesraad", ("Adviesraad",), "Een groep inwoners die advies geeft."),
    GlossaryTerm("wmo", ("Wmo", "Wet maatschappelijke ondersteuning"), "De wet over hulp <thuis>."),
    GlossaryTerm("clientondersteuning", ("Cliëntondersteuning",), "Gratis hulp."),
    GlossaryTerm("oco", ("Onafhankelijke cliëntondersteuning (oco)", "oco"), "Hulp die los staat van de gemeente."),
    GlossaryTerm("co", ("CO",), "Cliëntondersteuning, kort."),
]


def marked(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a class="portaal-term__link" href="\.\./begrippen/#([a-z-]+)" aria-describedby="term-\1">([^<]*)</a>', html)


def test_first_use_only_with_link_and_description():
    out = mark_terms("<p>De Wmo is een wet. De Wmo geldt overal.</p>", TERMS, "../begrippen/")
    assert marked(out) == [("wmo", "Wmo")]
    assert '<span class="portaal-term__tip" role="tooltip" id="term-wmo">De wet over hulp &lt;thuis&gt;.</span>' in out
    assert out.count("Wmo") == 2


def test_not_inside_headings_links_or_controls():
    source = ('<h2>De adviesraad</h2><p><a href="x">adviesraad</a></p><fieldset><legend>Adviesraad?</legend>'
              '<label>Wmo</label></fieldset><p>Een adviesraad praat mee.</p>')
    out = mark_terms(source, TERMS, "../begrippen/")
    assert marked(out) == [("adviesraad", "adviesraad")]
    assert out.startswith('<h2>De adviesraad</h2><p><a href="x">adviesraad</a></p>')


def test_plurals_inflections_and_longest_match_first():
    assert "adviesraden" in inflections("adviesraad")
    out = mark_terms("<p>Twee adviesraden. Onafhankelijke cliëntondersteuning is gratis. Cliëntondersteuning ook.</p>",
                     TERMS, "../begrippen/")
    assert marked(out) == [("adviesraad", "adviesraden"), ("oco", "Onafhankelijke cliëntondersteuning"),
                           ("clientondersteuning", "Cliëntondersteuning")]


def test_abbreviations_match_only_as_written_and_as_whole_words():
    out = mark_terms("<p>De co-operatie en de coach. Vraag het CO.</p>", TERMS, "../begrippen/")
    assert marked(out) == [("co", "CO")]


def test_markup_entities_and_comments_survive_unchanged():
    source = '<p class="x">A &amp; B &#233; <!-- noot --><br>tekst</p><img alt="y" src="z.png">'
    assert mark_terms(source, TERMS, "../begrippen/") == source


EVERYDAY = [
    GlossaryTerm("ervaring", ("Ervaring",), "Iemand kent een beperking uit het eigen leven.", ("eigen ervaring",)),
    GlossaryTerm("ervaringskennis", ("Ervaringskennis",), "Kennis uit verwerkte ervaring."),
    GlossaryTerm("lemniscaat", ("Lemniscaat", "Lemniscaat Ervaringskennis in beleid", "Ervaringskennis in beleid"),
                 "Een hulpmiddel in vier fasen."),
]


def test_a_term_with_forms_is_marked_only_in_those_forms():
    out = mark_terms("<p>Deel je ervaring. Jouw ervaringen tellen.</p><p>Zij kent het uit eigen ervaring.</p>",
                     EVERYDAY, "../begrippen/")
    assert marked(out) == [("ervaring", "eigen ervaring")]
    assert "Deel je ervaring." in out


def test_a_term_with_forms_is_not_marked_in_its_plural_or_its_bare_name():
    out = mark_terms("<p>Eigen ervaringen en ervaring.</p>", EVERYDAY, "../begrippen/")
    assert marked(out) == []


def test_a_proper_name_is_marked_whole_and_never_split_later():
    out = mark_terms("<p>Het Lemniscaat Ervaringskennis in beleid helpt.</p>"
                     "<p>Lees meer over Lemniscaat Ervaringskennis in beleid. Ervaringskennis groeit.</p>",
                     EVERYDAY, "../begrippen/")
    assert marked(out) == [("lemniscaat", "Lemniscaat Ervaringskennis in beleid"), ("ervaringskennis", "Ervaringskennis")]
    # The second use of the name stays one plain name: its 'Ervaringskennis' is not the term.
    assert "over Lemniscaat Ervaringskennis in beleid. <span" in out


def test_html_the_fast_reading_leaves_alone_is_marked_the_same_by_the_parser():
    # A comment, a script and a bare '&' are read by html.parser; the result is as for simple HTML.
    simple = "<p>De Wmo en de adviesraad.</p>"
    expected = mark_terms(simple, TERMS, "../begrippen/")
    for extra in ("<!-- opmerking -->", "<script>var a = '<p>Wmo</p>';</script>", "<p>Wij & zij</p>"):
        out = mark_terms(extra + simple, TERMS, "../begrippen/")
        assert out.endswith(expected) and marked(out) == [("wmo", "Wmo"), ("adviesraad", "adviesraad")]


def test_the_fast_reading_gives_what_html_parser_gives():
    from generator.glossary_marks import _Marker, _mark_simple
    samples = ['<P CLASS="x">De Wmo</P ><br/><img src="a.png" alt="Wmo > CO">CO &amp; de adviesraad&#8217;s</p>',
               '<div data-x="1"\n  hidden><h2 id="wmo">Wmo</h2><ul><li>Adviesraden &#x41; Wmo</li></ul></div>',
               "<p>oco en Onafhankelijke cliëntondersteuning, <em>CO</em>.</p></div></section>"]
    for sample in samples:
        fast, parsed = _Marker(TERMS, "../begrippen/"), _Marker(TERMS, "../begrippen/")
        assert _mark_simple(fast, sample)
        parsed.feed(sample)
        parsed.close()
        assert "".join(fast.out) == "".join(parsed.out)
        assert "portaal-term" in "".join(fast.out)


def test_a_form_that_starts_with_a_sign_is_found_too():
    city = GlossaryTerm("den-bosch", ("Den Bosch",), "Een stad.", forms=("'s-Hertogenbosch",))
    out = mark_terms("<p>De Wmo in 's-Hertogenbosch.</p>", [*TERMS, city], "../begrippen/")
    assert marked(out) == [("wmo", "Wmo"), ("den-bosch", "'s-Hertogenbosch")]


def test_a_remembered_page_is_marked_exactly_as_a_fresh_one():
    """The preview marks a changed page with what marking its texts gave before: every edit of
    this sequence (a term added early, removed, moved, a text changed, html.parser's path) must
    give what marking from scratch gives."""
    versions = [
        "<p>Een adviesraad praat mee.</p><p>De Wmo regelt hulp.</p><p>Adviesraad en Wmo weer.</p>",
        "<p>De Wmo eerst.</p><p>Een adviesraad praat mee.</p><p>De Wmo regelt hulp.</p><p>Adviesraad en Wmo weer.</p>",
        "<p>Een adviesraad praat mee.</p><p>De Wmo regelt hulp.</p><p>Adviesraad en Wmo weer.</p>",
        "<p>Niets.</p><p>De Wmo regelt hulp.</p><p>CO en oco en een adviesraad.</p>",
        "<p>Een adviesraad <!-- html.parser --> praat mee.</p><p>De Wmo regelt hulp.</p>",
        "<p>Een adviesraad praat mee.</p><p>De Wmo regelt hulp.</p><p>Adviesraad en Wmo weer.</p>",
    ]
    memo: dict = {}
    for html in versions:
        assert mark_terms(html, TERMS, "../begrippen/", memo) == mark_terms(html, TERMS, "../begrippen/")
    assert all(text in versions[-1] for text, _ in memo)  # texts that left the page are forgotten


class _EveryWordStart(_Marker):
    """The reference: every start of a word is tried for a term (slower, obviously complete)."""

    def _next_start(self, text, position):
        if self.term_starts is None:  # a form starts with a sign: every character is tried
            return super()._next_start(text, position)
        for word in re.finditer(r"(?<![\w-])\w", text[position:]):
            if self.any_term.match(text, position + word.start()):
                return position + word.start()
        return None


WORDS = ["De", "Wmo", "WMO", "wmo-loket", "Wmo-loket", "xWmo", "adviesraad", "Adviesraden", "adviesraads",
         "raad", "CO", "co", "co-creatie", "oco", "OCO", "Onafhankelijke", "cliëntondersteuning", "Cliënt",
         "ervaring", "eigen ervaring", "Eigen  ervaringen", "Lemniscaat", "Ervaringskennis", "in", "beleid",
         "Wet maatschappelijke ondersteuning", "wet", "'s-Hertogenbosch", "-Wmo", "_Wmo", "Wmo_", "2Wmo"]
SEPARATORS = [" ", " ", ", ", ". ", "\n", "-", "'", "&amp; ", "&#8217;", "</p><p>", "<em>", "</em>", "<a href=\"x\">",
              "</a>", '<img alt="Wmo > CO">', "<br/>"]


def test_random_texts_are_marked_as_when_every_word_start_is_tried():
    import random

    city = GlossaryTerm("den-bosch", ("Den Bosch",), "Een stad.", forms=("'s-Hertogenbosch",))
    for terms in (TERMS, [*TERMS, *EVERYDAY], [*TERMS, city]):
        for seed in range(400):
            rng = random.Random(seed)
            html = "<p>" + "".join(rng.choice(WORDS) + rng.choice(SEPARATORS) for _ in range(rng.randint(1, 30))) + "</p>"
            fast, reference = _Marker(terms, "../begrippen/"), _EveryWordStart(terms, "../begrippen/")
            assert _mark_simple(fast, html) and _mark_simple(reference, html)
            parsed = _Marker(terms, "../begrippen/")
            parsed.feed(html)
            parsed.close()
            assert "".join(fast.out) == "".join(reference.out) == "".join(parsed.out), html


def test_a_text_area_with_text_is_left_to_html_parser_and_an_empty_one_is_not():
    # Newer Pythons read a text area's content as raw text: only an empty one reads the same everywhere.
    assert not _mark_simple(_Marker(TERMS, "../begrippen/"), "<p>De Wmo.</p><textarea>Wmo</textarea>")
    assert _mark_simple(_Marker(TERMS, "../begrippen/"), '<p>De Wmo.</p><textarea name="x"></textarea>')
    out = mark_terms("<textarea>De Wmo</textarea><p>De Wmo.</p>", TERMS, "../begrippen/")
    assert marked(out) == [("wmo", "Wmo")] and out.startswith("<textarea>De Wmo</textarea>")
