"""MkDocs hook: two fixes to markup that Material writes in base.html, outside any template block.

Registered by the engine as a hook so the theme need not fork Material's whole base template.
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


def fix(html: str) -> str:
    html = _TOGGLE.sub(r"\1", html)
    if _EMPTY_SKIP in html:
        html = html.replace(_EMPTY_SKIP, _SKIP_TO_MAIN, 1)
        html = html.replace('<div class="md-content" data-md-component="content">',
                            '<div class="md-content" data-md-component="content" id="inhoud" tabindex="-1">', 1)
    return html


def on_post_page(output: str, page, config) -> str:
    return fix(output)


def on_post_template(output_content: str, template_name: str, config) -> str:
    return fix(output_content) if template_name.endswith(".html") else output_content
