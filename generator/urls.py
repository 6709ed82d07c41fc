"""Where each page lives, and relative links between pages (so any sub-path works)."""

from __future__ import annotations

import posixpath


def url_of(docs_path: str) -> str:
    """'praktijkvoorbeelden/almere.md' -> 'praktijkvoorbeelden/almere/' (directory URLs)."""
    stem = docs_path.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


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
