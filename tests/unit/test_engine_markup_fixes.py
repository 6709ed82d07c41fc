"""Fixes to the engines' own markup (generator/material_fixes.py), on the markup each engine writes."""

from __future__ import annotations

from generator.material_fixes import fix

ZENSICAL_PAGE = """<div data-md-component="skip">
      <a href="#__skip" class="md-skip">
        Ga naar inhoud
      </a>
    </div>
<article class="md-content__inner md-typeset">
                <a id="__skip" tabindex="-1"></a>
                \n<h1 id="samen-voor-someren">Samen voor Someren</h1>
<p>Tekst met <a href="#__skip">een link</a>.</p>
</article>"""


def test_zensicals_skip_link_goes_to_the_pages_heading_as_materials_does():
    assert fix(ZENSICAL_PAGE) == """<div data-md-component="skip">
      <a href="#samen-voor-someren" class="md-skip">
        Ga naar inhoud
      </a>
    </div>
<article class="md-content__inner md-typeset">
                \n                \n<h1 id="samen-voor-someren">Samen voor Someren</h1>
<p>Tekst met <a href="#__skip">een link</a>.</p>
</article>"""


def test_a_page_without_a_heading_keeps_zensicals_skip_target():
    page = ZENSICAL_PAGE.replace('<h1 id="samen-voor-someren">', "<h1>")
    assert fix(page) == page
