"""The route table: every page of the site, its address, and every link to it.

Templates, the footer, the plain-language report and the receiver ask this table for
addresses instead of spelling them out, so a page that is left out (`exclude`) is simply not
linked, and two things that want the same address are an error naming both.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .diagnostics import Diagnostic, Location

RouteKey = tuple[str, ...]
# Folders the engine and the build write themselves: no page may take their address.
ENGINE_PATHS = {"assets", "search", "images", "404"}


def url_of(docs_path: str) -> str:
    """'praktijkvoorbeelden/almere.md' -> 'praktijkvoorbeelden/almere/' (directory URLs)."""
    stem = docs_path.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


@lru_cache(maxsize=200_000)  # pages link to the same few addresses, and the preview renders again and again
def relative(from_url: str, to_url: str) -> str:
    """Link from the page at from_url to to_url (both site-relative; to_url may carry #anchor)."""
    target, _, anchor = to_url.partition("#")
    start = "/" + from_url
    path = posixpath.relpath("/" + target, start) if target or from_url else "."
    if target.endswith("/") or not target:
        path = path.rstrip("/") + "/" if path != "." else "./"
    if path == "./" and from_url == target and anchor:
        path = ""
    return path + (f"#{anchor}" if anchor else "")


@dataclass(frozen=True)
class Route:
    """One page: its key (e.g. ('case', 'almere')), where its Markdown goes, how it is rendered."""

    key: RouteKey
    path: str  # docs path, e.g. 'praktijkvoorbeelden/almere.md'
    template: str
    title: str  # plain text: the page's title in <title>, the header and search
    context: dict[str, Any] = field(default_factory=dict, compare=False)
    origin: Location | None = None  # the content file that asked for this page; None: made by portaal
    widget: bool = True  # "Was deze pagina nuttig?" under the page

    @property
    def url(self) -> str:
        return url_of(self.path)

    @property
    def docs_path(self) -> str:
        """Where the engine reads the page: always '<address>/index.md', so that an engine that
        resolves links from the source file (Zensical) and one that does not (MkDocs) agree."""
        return f"{self.url}index.md"

    def described(self) -> str:
        return str(self.origin) if self.origin else f"de pagina '{self.title}' die portaal zelf maakt"


class Routes:
    """Every route of one site, looked up by key; anchors inside pages (terms, sources) too."""

    def __init__(self, routes: list[Route]):
        self._by_key: dict[RouteKey, Route] = {}
        self._by_url: dict[str, Route] = {}
        self.collisions: list[Diagnostic] = []
        for route in routes:
            if route.url.split("/", 1)[0] in ENGINE_PATHS:
                self.collisions.append(Diagnostic(
                    "E007", f"het adres '/{route.url}' is gereserveerd voor de bouw van de site; kies een andere "
                            "bestandsnaam", route.origin or Location("site_config.yml")))
                continue
            earlier = self._by_url.get(route.url)
            if earlier is not None:
                self.collisions.append(Diagnostic(
                    "E007", f"het adres '/{route.url}' is al in gebruik door {earlier.described()}; "
                            "kies een andere bestandsnaam", route.origin or Location("site_config.yml")))
                continue
            self._by_url[route.url] = route
            self._by_key[route.key] = route
        self.anchors: dict[RouteKey, str] = {}
        self.files: dict[RouteKey, str] = {}  # files that are not pages (security.txt): key -> site path

    def __iter__(self) -> Iterator[Route]:
        return iter(self._by_key.values())

    def __len__(self) -> int:
        return len(self._by_key)

    def has(self, *key: str) -> bool:
        return tuple(key) in self._by_key or tuple(key) in self.anchors or tuple(key) in self.files

    def get(self, *key: str) -> Route | None:
        return self._by_key.get(tuple(key))

    def url(self, *key: str) -> str:
        """Site-relative address of a page or an anchor; KeyError for one that is not built."""
        key = tuple(key)
        if key in self._by_key:
            return self._by_key[key].url
        return self.anchors[key] if key in self.anchors else self.files[key]

    def add_anchor(self, key: RouteKey, page: RouteKey, anchor: str) -> None:
        """A place inside a page (a glossary term, a source), linked only when that page exists."""
        if page in self._by_key:
            self.anchors[key] = f"{self._by_key[page].url}#{anchor}"

    def add_file(self, key: RouteKey, path: str) -> None:
        """A file that is not a page, such as '.well-known/security.txt': written after the engine."""
        self.files[key] = path

    def by_url(self, url: str) -> Route | None:
        return self._by_url.get(url)
