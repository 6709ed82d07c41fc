"""Markdown from content -> safe HTML. Content can never inject scripts, styles or handlers."""

from __future__ import annotations

import html
import re

import markdown as md
import nh3
from markupsafe import Markup

# What content may produce. Heading levels are shifted below the template's own (see below).
_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "blockquote", "code", "pre", "a", "h2", "h3", "h4", "h5", "h6",
         "table", "thead", "tbody", "tr", "th", "td", "abbr", "span"}
_ATTRIBUTES = {"a": {"href", "hreflang"}, "abbr": {"title"}, "span": {"lang"}, "blockquote": {"lang"},
               "p": {"lang"}, "th": {"scope"}}
_URL_SCHEMES = {"https", "mailto", "tel"}
_HEADING = re.compile(r"<(/?)h([1-6])([ >])")


def markdown_to_html(text: str, top: int = 3) -> Markup:
    """Render and sanitise. The highest heading in `text` becomes h{top}, so the outline stays in order."""
    rendered = md.markdown(text, extensions=["sane_lists", "tables"], output_format="html")
    levels = [int(level) for _, level, _ in _HEADING.findall(rendered)]
    shift = max(0, top - min(levels)) if levels else 0
    rendered = _HEADING.sub(lambda m: f"<{m.group(1)}h{min(6, int(m.group(2)) + shift)}{m.group(3)}", rendered)
    clean = nh3.clean(rendered, tags=_TAGS, attributes=_ATTRIBUTES, url_schemes=_URL_SCHEMES,
                      link_rel="noopener noreferrer")
    return Markup(clean)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def markdown_text(text: str) -> Markup:
    """Plain text placed where Markdown is parsed (headings): escaped for HTML and Markdown."""
    return Markup(_MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False)))
