"""Every local link and asset in the built site must resolve to a file (and anchors to an id).

Links are found with regular expressions over the HTML that MkDocs and our templates write
(always double-quoted attributes): a full HTML parse of every page made this the slowest step
of a large build. Positions are worked out only for the links that are broken.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..diagnostics import Diagnostic, Location

_LINK = re.compile(r'<(?:a|link|area)\b[^>]*?\shref="([^"]*)"|<(?:img|script|source)\b[^>]*?\ssrc="([^"]*)"')
_ID = re.compile(r'\sid="([^"]*)"')


def _target(site: str, page: str, url: str, base_path: str) -> tuple[str, str] | None:
    """The file a link points to (a normalised path string), and its fragment."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("mailto:", "tel:", "javascript:", "data:")):
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        # Root-relative links (the 404 page) count from the site's own sub-path.
        if not path.startswith(base_path):
            return os.path.join(site, "__outside_site__"), parts.fragment
        target = os.path.join(site, path[len(base_path):])
    elif path:
        target = os.path.join(os.path.dirname(page), path)
    else:
        target = page
    if path.endswith("/") or os.path.isdir(target):
        target = os.path.join(target, "index.html")
    return os.path.normpath(target), parts.fragment


def _position(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def check_links(site: Path, base_path: str = "/") -> list[Diagnostic]:
    root = str(site.resolve())
    texts = {str(page): page.read_text(encoding="utf-8") for page in sorted(Path(root).rglob("*.html"))}
    ids: dict[str, set[str]] = {}
    exists: dict[str, bool] = {}
    diagnostics = []
    for page, text in texts.items():
        shown = Path(page).relative_to(root).as_posix()
        for match in _LINK.finditer(text):
            url = match.group(1) if match.group(1) is not None else match.group(2)
            if not url:
                continue
            resolved = _target(root, page, url, base_path)
            if resolved is None:
                continue
            target, fragment = resolved
            if target not in exists:
                exists[target] = target.startswith(root + os.sep) and os.path.isfile(os.path.realpath(target)) \
                    and os.path.realpath(target).startswith(root + os.sep)
            if not exists[target]:
                line, col = _position(text, match.start())
                diagnostics.append(Diagnostic("E030", f"link naar '{url}' wijst naar een pagina die niet bestaat",
                                              Location(shown, line, col)))
            elif fragment and target in texts:
                if target not in ids:
                    ids[target] = set(_ID.findall(texts[target]))
                if unquote(fragment) not in ids[target]:
                    line, col = _position(text, match.start())
                    diagnostics.append(Diagnostic("E031", f"link naar '{url}': het anker '#{fragment}' bestaat niet",
                                                  Location(shown, line, col)))
    return diagnostics
