"""Fixes to markup that the engine writes in its base template, outside any template block.

Applied by finish.py to every built page, so the theme need not fork the engine's whole base template.
- `autocomplete` is not allowed on checkboxes (Nu Html Checker); Material sets it on its
  hidden drawer and search toggles.
- Pages without a table of contents (the 404 page) get no skip link from Material; every page
  must start with one, so it points at the main content instead.
"""

from __future__ import annotations

import re

_TOGGLE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')
_EMPTY_SKIP = '<div data-md-component="skip">\n      \n    </div>'
_SKIP_TO_MAIN = '<div data-md-component="skip">\n      <a href="#inhoud" class="md-skip">Naar de inhoud</a>\n    </div>'


# Zensical hides the drawer's overlay label with aria-hidden, which a label may not have (Nu Html Checker).
_HIDDEN_OVERLAY = '<label class="md-overlay" for="__drawer" aria-hidden="true">'
# Zensical's skip link goes to an empty anchor before the page's heading; as with Material it
# goes to the heading itself, so a screen reader starts by reading the page's title.
_ZENSICAL_SKIP_TARGET = re.compile(r'<a id="__skip" tabindex="-1"></a>(\s*<h1 id="(?P<id>[^"]+)")')
_ZENSICAL_SKIP_LINK = '<a href="#__skip" class="md-skip">'


def fix(html: str) -> str:
    html = _TOGGLE.sub(r"\1", html)
    html = html.replace(_HIDDEN_OVERLAY, '<label class="md-overlay" for="__drawer">')
    heading = _ZENSICAL_SKIP_TARGET.search(html)
    if heading and _ZENSICAL_SKIP_LINK in html:
        html = html[:heading.start()] + heading.group(1) + html[heading.end():]  # before the link moves it
        html = html.replace(_ZENSICAL_SKIP_LINK, f'<a href="#{heading["id"]}" class="md-skip">', 1)
    if _EMPTY_SKIP in html:
        html = html.replace(_EMPTY_SKIP, _SKIP_TO_MAIN, 1)
        html = html.replace('<div class="md-content" data-md-component="content">',
                            '<div class="md-content" data-md-component="content" id="inhoud" tabindex="-1">', 1)
    return html
