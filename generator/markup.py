"""Markdown from content -> safe HTML. Content can never inject scripts, styles or handlers."""

from __future__ import annotations

import html
import re

import markdown as md
import nh3
from markupsafe import Markup

# What content may produce. Headings start at h3: the page template owns h1 and h2.
_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre", "a", "h3", "h4",
         "table", "thead", "tbody", "tr", "th", "td", "abbr", "span"}
_ATTRIBUTES = {"a": {"href", "hreflang"}, "abbr": {"title"}, "span": {"lang"}, "blockquote": {"lang"},
               "p": {"lang"}, "th": {"scope"}}
_URL_SCHEMES = {"https", "mailto", "tel"}
_HEADING = re.compile(r"<(/?)h([12])([ >])")


def markdown_to_html(text: str) -> Markup:
    rendered = md.markdown(text, extensions=["sane_lists", "tables"], output_format="html")
    # Content headings are demoted below the template's own, so the outline stays in order.
    rendered = _HEADING.sub(lambda m: f"<{m.group(1)}h{int(m.group(2)) + 2}{m.group(3)}", rendered)
    clean = nh3.clean(rendered, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_URL_SCHEMES,
                      link_rel="noopener noreferrer")
    return Markup(clean)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def markdown_text(text: str) -> Markup:
    """Plain text placed where Markdown is parsed (headings): escaped for HTML and Markdown."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False)))
