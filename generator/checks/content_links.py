"""Links written in Markdown fields point to pages that exist: checked at `check`, at the line
of the link in the content file, rather than later in the built HTML.

A link is written relative to the page the text appears on (`[Methode Jet](../../methoden/methode-jet/)`),
so the site works under any sub-path; a link that starts with '/' is refused for that reason.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from .. import kinds
from ..diagnostics import Diagnostic
from ..images import strings_of
from ..routes import Routes
from ..source import text_location

_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?(?P<target>[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
MISSING = "link naar '{}' wijst naar een pagina die niet bestaat"
ABSOLUTE = "link naar '{}' begint met '/': schrijf hem vanaf deze pagina (bijv. ../begrippen/), zodat de site ook in een submap werkt"
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|#)", re.I)


def _broken(text: str, page_url: str, routes: Routes) -> Iterator[tuple[int, str, str]]:
    for match in _LINK.finditer(text):
        target = match["target"]
        if _EXTERNAL.match(target):
            continue
        path = target.split("#", 1)[0].split("?", 1)[0]
        if path.startswith("images/") or not path:
            continue
        if path.startswith("/"):
            yield match.start(), target, ABSOLUTE
            continue
        resolved = posixpath.normpath(posixpath.join("/" + page_url, path)).lstrip("/")
        resolved = resolved.removesuffix("index.html").rstrip("/")
        if routes.by_url(f"{resolved}/" if resolved else "") is None:
            yield match.start(), target, MISSING


def check_content_links(portal, routes: Routes) -> list[Diagnostic]:
    """E030 for each Markdown link to a page the site does not have, located in its content file."""
    diagnostics = []
    pages_of: dict[str, str] = {}
    for route in routes:
        if route.origin is not None:
            pages_of.setdefault(route.origin.file, route.url)
    documents = {item.document.file: item.document for kind in kinds.KINDS if not kind.front_matter
                 for item in portal.items[kind.name]}
    for file, document in documents.items():
        page_url = pages_of.get(file)
        if page_url is None:
            continue
        for path, text in strings_of(document.data):
            for offset, target, message in _broken(text, page_url, routes):
                diagnostics.append(Diagnostic("E030", message.format(target), document.locate_offset(path, offset)))
    diagnostics += _changed_pages(portal, routes)
    for page in portal.pages:
        page_url = pages_of.get(page.document.file)
        if page_url is None:
            continue
        for offset, target, message in _broken(page.body, page_url, routes):
            diagnostics.append(Diagnostic("E030", message.format(target),
                                          text_location(page.body, offset, page.document.file, page.body_line)))
    return diagnostics


def _changed_pages(portal, routes: Routes) -> list[Diagnostic]:
    """A signal's `changed: - page:` names a page of this site by its address: it must exist."""
    if not portal.accountability:
        return []
    document = portal.accountability.document
    return [Diagnostic("E030", MISSING.format(changed.page), document.locate(("signals", index, "changed", number, "page")))
            for index, signal in enumerate(portal.accountability.model.signals)
            for number, changed in enumerate(signal.changed)
            if changed.page is not None and routes.by_url(changed.page) is None]
