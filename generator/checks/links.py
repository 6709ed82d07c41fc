"""Every local link and asset in the built site must resolve to a file (and anchors to an id)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..diagnostics import Diagnostic, Location


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, int, int]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if value and ((name == "href" and tag in ("a", "link", "area")) or (name == "src" and tag in ("img", "script", "source"))):
                line, col = self.getpos()
                self.links.append((value, line, col + 1))


def _target(site: Path, page: Path, url: str, base_path: str) -> tuple[Path, str] | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("mailto:", "tel:", "javascript:", "data:")):
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        # Root-relative links (the 404 page) count from the site's own sub-path.
        if not path.startswith(base_path):
            return site / "__outside_site__", parts.fragment
        target = site / path[len(base_path):]
    elif path:
        target = page.parent / path
    else:
        target = page
    if target.is_dir() or path.endswith("/"):
        target = target / "index.html"
    return target, parts.fragment


def check_links(site: Path, base_path: str = "/") -> list[Diagnostic]:
    site = site.resolve()
    parsed: dict[Path, _Collector] = {}
    for page in sorted(site.rglob("*.html")):
        collector = _Collector()
        collector.feed(page.read_text(encoding="utf-8"))
        parsed[page] = collector
    diagnostics = []
    for page, collector in parsed.items():
        shown = page.relative_to(site).as_posix()
        for url, line, col in collector.links:
            resolved = _target(site, page, url, base_path)
            if resolved is None:
                continue
            target, fragment = resolved
            target = target.resolve()
            if not target.is_file() or site not in target.parents:
                diagnostics.append(Diagnostic("E030", f"link naar '{url}' wijst naar een pagina die niet bestaat",
                                              Location(shown, line, col)))
            elif fragment and target in parsed and unquote(fragment) not in parsed[target].ids:
                diagnostics.append(Diagnostic("E031", f"link naar '{url}': het anker '#{fragment}' bestaat niet",
                                              Location(shown, line, col)))
    return diagnostics
