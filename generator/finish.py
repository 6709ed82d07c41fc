"""portaal's own finishing of the built HTML, after the engine and before the link check.

The engine (Material for MkDocs or Zensical) runs no code of ours, so what portaal adds to a
built page happens here: fixes to the engine's markup, and glossary terms explained at their
first use in each page's content.
"""

from __future__ import annotations

import html
from pathlib import Path

from .glossary_marks import GlossaryTerm, Marks, mark_terms
from .material_fixes import fix
from .open_data import feed_links
from .parallel import cores, map_in_parts
from .routes import Routes, relative

# The page's own content inside the engine's layout: menus, header and footer are never marked.
CONTENT_START = '<article class="md-content__inner md-typeset">'
CONTENT_END = "</article>"


def page_url(site: Path, file: Path) -> str | None:
    """'praktijkvoorbeelden/almere/index.html' -> 'praktijkvoorbeelden/almere/'; None for other files."""
    relative_path = file.relative_to(site).as_posix()
    if relative_path == "index.html":
        return ""
    return relative_path.removesuffix("index.html") if relative_path.endswith("/index.html") else None


def mark_content(page: str, terms: list[GlossaryTerm], glossary_link: str, memo: Marks | None = None) -> str:
    start = page.find(CONTENT_START)
    end = page.rfind(CONTENT_END)
    if start < 0 or end < start:
        return page
    start += len(CONTENT_START)
    return page[:start] + mark_terms(page[start:end], terms, glossary_link, memo) + page[end:]


def add_feed_links(page: str, url: str, feeds: list[tuple[str, str]]) -> str:
    """<link rel="alternate"> in the head, so a feed reader finds the page's feed (neither engine
    lets a page add to its head)."""
    links = "".join(f'<link rel="alternate" type="application/atom+xml" title="{html.escape(title)}" '
                    f'href="{html.escape(relative(url, feed))}">' for title, feed in feeds)
    return page.replace("</head>", links + "</head>", 1)


class Finisher:
    """Finishes one page at a time. Given a digest of the engine's HTML it remembers the result,
    so the preview finishes again only the pages the engine built again."""

    def __init__(self, routes: Routes, terms: list[GlossaryTerm], remember: bool = False) -> None:
        self.routes, self.terms = routes, list(terms)
        self.glossary = routes.url("glossary") if routes.has("glossary") and terms else None
        self.feeds = feed_links(routes)
        self._done: dict[Path, tuple[str, str]] = {}  # file -> (digest of the engine's HTML, finished HTML)
        # With `remember`: per page, how each of its texts was marked (a page changes a little at a time).
        self._marks: dict[str, Marks] | None = {} if remember else None

    def fits(self, routes: Routes, terms: list[GlossaryTerm]) -> bool:
        """Whether pages finished by this finisher are finished the same way for these routes and terms."""
        return self.terms == list(terms) and {r.url for r in self.routes} == {r.url for r in routes}

    def page(self, site: Path, file: Path, text: str, digest: str | None = None) -> str:
        relative_file = file.relative_to(site)
        if digest is not None and self._done.get(relative_file, ("",))[0] == digest:
            return self._done[relative_file][1]
        finished = fix(text)
        url = page_url(site, file)
        if self.glossary is not None and url is not None and url != self.glossary and self.routes.by_url(url):
            memo = None if self._marks is None else self._marks.setdefault(url, {})
            finished = mark_content(finished, self.terms, relative(url, self.glossary), memo)
        if url in self.feeds:
            finished = add_feed_links(finished, url, self.feeds[url])
        if digest is not None:
            self._done[relative_file] = (digest, finished)
        return finished


def finish_site(site: Path, routes: Routes, terms: list[GlossaryTerm]) -> None:
    finisher = Finisher(routes, terms)

    def finish(files: list[Path]) -> list[str | None]:
        """The finished text of each page, None where finishing changed nothing."""
        texts = [file.read_text(encoding="utf-8") for file in files]
        return [finished if finished != text else None
                for text, finished in ((text, finisher.page(site, file, text)) for file, text in zip(files, texts))]

    # Glossary marks are the slow part of a large site; the children send their pages back and
    # this process writes them, so a child that fails halfway leaves nothing half-finished.
    files = sorted(site.rglob("*.html"))
    for file, finished in zip(files, map_in_parts(finish, files, cores())):
        if finished is not None:
            file.write_text(finished, encoding="utf-8")
