"""The preview's memory of each rendered page, and of what its template read.

After a save the preview renders the site again, and most pages come out the same. A page is only
the same if everything its template read is the same, and a theme's template may read anything
it is given (another case, the whole portal). So nothing is assumed: while a page renders, every
name its templates look up is recorded (`RecordingContext`), and every attribute of the portal
(`RecordingPortal`). The next render of that page is skipped when its route, the template files
and each of those values are equal to what they were; values are compared with `==`, which for
content loaded from unchanged files is the same object (content.py keeps them) and otherwise a
comparison of the data itself.
"""

from __future__ import annotations

import contextvars
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

_reads: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar("portaal_render_reads", default=None)


class RecordingContext(jinja2.runtime.Context):
    """A template context that notes each name a template looks up, while a page is recorded."""

    def resolve_or_missing(self, key: str) -> Any:
        reads = _reads.get()
        if reads is not None:
            reads.add(key)
        return super().resolve_or_missing(key)


class RecordingPortal:
    """The portal as a template sees it: each attribute read is noted as 'portal.<name>'. Its
    methods run against this wrapper, so what they read (portal.method reads methods) is noted too."""

    def __init__(self, portal: Any) -> None:
        object.__setattr__(self, "_portal", portal)

    def __getattr__(self, name: str) -> Any:
        reads = _reads.get()
        if reads is not None:
            reads.add(f"portal.{name}")
        portal = object.__getattribute__(self, "_portal")
        attribute = getattr(type(portal), name, None)
        if callable(attribute):
            return attribute.__get__(self)
        return getattr(portal, name)


@contextmanager
def recording() -> Iterator[set[str]]:
    reads: set[str] = set()
    token = _reads.set(reads)
    try:
        yield reads
    finally:
        _reads.reset(token)


def template_files(template_dir: Path) -> tuple:
    """What stands for the template files: an edited, added or removed template changes it."""
    found = []
    for folder, _dirs, names in os.walk(template_dir):
        for name in names:
            status = os.stat(os.path.join(folder, name))
            found.append((folder, name, status.st_mtime_ns, status.st_size))
    return tuple(sorted(found))


@dataclass
class _Entry:
    route: Any
    context: dict
    reads: dict[str, Any]  # name -> the value it had when the page was rendered
    page: Any


class RenderMemo:
    """Pages rendered before, each with the values its templates read. `values` gives, for a name
    a template looked up, what the page depends on through it (None: a constant)."""

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}
        # Within one render: whether a name's value equals a value kept before. Pages rendered in
        # the same save keep the very same values, so each is compared once, not once per page.
        self._unchanged: dict[tuple[str, int], bool] = {}

    def begin(self) -> None:
        """A new render: values are compared again."""
        self._unchanged.clear()

    def reuse(self, route, values: Callable[[str], Any]) -> Any | None:
        entry = self._entries.get(route.docs_path)
        if entry is None or entry.route != route or entry.context != route.context:
            return None
        for name, value in entry.reads.items():
            known = self._unchanged.get((name, id(value)))  # the entry keeps `value` alive: its id is its own
            if known is None:
                known = self._unchanged[(name, id(value))] = values(name) == value
            if not known:
                return None
        return entry.page

    def keep(self, route, reads: set[str], values: Callable[[str], Any], page) -> None:
        self._entries[route.docs_path] = _Entry(route, dict(route.context),
                                                {name: values(name) for name in sorted(reads)}, page)

    def forget_all_but(self, docs_paths: set[str]) -> None:
        """Pages no longer on the site are not kept."""
        for path in set(self._entries) - docs_paths:
            del self._entries[path]
