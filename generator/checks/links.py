"""Every local link and asset in the built site must resolve to a file (and anchors to an id).

Links are found with regular expressions over the HTML that MkDocs and our templates write
(always double-quoted attributes): a full HTML parse of every page made this the slowest step
of a large build. Positions are worked out only for the links that are broken.

`LinkCache` lets the preview check again without reading or parsing the pages that did not
change: a page's links are kept with the file's identity (inode, size, modification time) while
the site holds the same files. The verdicts are worked out again every time, so a changed page's
removed anchor is still found.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..diagnostics import Diagnostic, Location
from ..parallel import cores, map_in_parts

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


@dataclass
class _Page:
    stamp: tuple[int, int, int]
    links: list[tuple[str, str, str, int]]  # (url, target file relative to the site, fragment, offset)
    ids: frozenset[str]  # its anchors (every page links to its own headings, so all are needed)


@dataclass
class LinkCache:
    """What the last check learned per page, for a site checked again at the same place."""

    base_path: str = "/"
    files: frozenset[str] = frozenset()  # every file of the site, relative: its links resolve the same
    pages: dict[str, _Page] = field(default_factory=dict)  # relative path -> links


def _walk(root: str) -> tuple[list[str], set[str]]:
    """The site's HTML pages (sorted) and every regular file, symbolic links left out."""
    pages, files = [], set()
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                files.add(path)
                if name.endswith(".html"):
                    pages.append(path)
    return sorted(pages, key=lambda p: Path(p).parts), files


def _read(page: str) -> str:
    with open(page, encoding="utf-8") as handle:
        return handle.read()


def _links(root: str, page: str, base_path: str) -> tuple[list[tuple[str, str, str, int]], frozenset[str]]:
    """The page's internal links (url, target relative to the site, fragment, offset) and its anchors."""
    inside = len(root) + len(os.sep)
    links = []
    text = _read(page)
    for match in _LINK.finditer(text):
        url = match.group(1) if match.group(1) is not None else match.group(2)
        resolved = _target(root, page, url, base_path) if url else None
        if resolved is not None:
            target, fragment = resolved
            # Relative, so the same site checked at another place (the preview's staging) reuses it.
            relative = target[inside:] if target.startswith(root + os.sep) else target
            links.append((url, relative, fragment, match.start()))
    return links, frozenset(_ID.findall(text))


def check_links(site: Path, base_path: str = "/", cache: LinkCache | None = None) -> list[Diagnostic]:
    root = str(site.resolve())
    pages, files = _walk(root)
    inside = len(root) + len(os.sep)
    relative_files = frozenset(path[inside:] for path in files)
    cache = cache if cache is not None else LinkCache()
    same_site = cache.base_path == base_path and cache.files == relative_files
    known = cache.pages if same_site else {}
    cache.base_path, cache.files, cache.pages = base_path, relative_files, {}
    stamps = {}
    for page in pages:
        info = os.stat(page)
        stamps[page] = (info.st_ino, info.st_size, info.st_mtime_ns)
    unread = [page for page in pages if getattr(known.get(page[inside:]), "stamp", None) != stamps[page]]
    # Reading and resolving is most of the check on a large site: spread it over the cores.
    read = map_in_parts(lambda share: [_links(root, page, base_path) for page in share], unread, cores())
    fresh = {page: _Page(stamps[page], links, ids) for page, (links, ids) in zip(unread, read)}
    for page in pages:
        cache.pages[page[inside:]] = fresh.get(page) or known[page[inside:]]
    exists = dict.fromkeys(relative_files, True)  # a regular file found in the walk is inside the site
    diagnostics = []
    for page in pages:
        shown = None
        for url, relative_target, fragment, offset in cache.pages[page[inside:]].links:
            if relative_target not in exists:  # anything else is looked at closely
                target = os.path.join(root, relative_target)
                exists[relative_target] = (target.startswith(root + os.sep) and os.path.isfile(os.path.realpath(target))
                                           and os.path.realpath(target).startswith(root + os.sep))
            if exists[relative_target] and not fragment:
                continue
            shown = shown or Path(page).relative_to(root).as_posix()
            if not exists[relative_target]:
                line, col = _position(_read(page), offset)
                diagnostics.append(Diagnostic("E030", f"link naar '{url}' wijst naar een pagina die niet bestaat",
                                              Location(shown, line, col)))
            elif fragment and relative_target in cache.pages:
                if unquote(fragment) not in cache.pages[relative_target].ids:
                    line, col = _position(_read(page), offset)
                    diagnostics.append(Diagnostic("E031", f"link naar '{url}': het anker '#{fragment}' bestaat niet",
                                                  Location(shown, line, col)))
    return diagnostics
