"""The registry of content kinds: one declaration per kind of content.

A kind says where its files are, which model validates them, how an item is named in
messages, whether a portal inherits it from the shared handreiking, which pages it gets, which
of its texts are measured for plain language and which of its fields are Markdown (checked for
images). The loader, the merge of layers, `exclude`, the site plan, the plain-language check and
the image checks all read this table, so a new kind is added here: its model in models.py, its
page function in plan.py (where every address scheme lives) and its templates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter

from .models import (Accountability, Case, Checklist, CycleMethod, FeedbackForm, Glossary, Method, PageMeta,
                     SourceList)
from .plan import accountability_routes, case_routes, checklist_routes, form_routes, method_routes, page_routes
from .source import Document, KeyPath

if TYPE_CHECKING:
    from .resolve import Portal
    from .routes import Route, Routes

SUMMARY = "samenvatting"  # the two sorts of measured text, each with its own norm
BODY = "tekst"


@dataclass(frozen=True)
class Field:
    """One field of a measured text: a value in a YAML document, Markdown or plain text."""

    document: Document
    path: KeyPath
    markdown: bool = True


@dataclass(frozen=True)
class Body:
    """The Markdown body of a page, which starts at `first_line` of its file."""

    text: str
    file: str
    first_line: int


Text = tuple[str, str, list[Field | Body]]  # (SUMMARY or BODY, the page's address, its fields in order)


@dataclass(frozen=True)
class Kind:
    name: str  # the key in `exclude` and in Content.items, e.g. 'cases'
    label: str  # Dutch, for messages: 'praktijkvoorbeeld'
    model: Any  # pydantic model (or TypeAdapter) of one file
    folder: str | None = None  # one file per item: content/<folder>/<slug>.yml (slug = file name)
    pattern: str = "*"  # which files in that folder ('**/*' allows sub-folders)
    file: str | None = None  # or: entries of one shared file, content/<file>
    entries: str = ""  # the list in that shared file ('sources', 'terms')
    slug_key: str = ""  # the field that names an entry ('id', 'slug')
    single: str | None = None  # or: exactly one file, content/<folder>/<single>.yml
    front_matter: bool = False  # or: Markdown files with YAML front matter, content/<folder>/<slug>.md
    # Taken over from the shared handreiking when the portal has none of its own. The account of
    # what was done with residents' input is always a municipality's own: never inherited.
    inherit: bool = True
    required: bool = False  # the portal cannot be built without this file
    pages: Callable[[Portal], list[Route]] | None = None  # its pages, in the order they are planned
    texts: Callable[[Portal, Routes], list[Text]] | None = None  # what residents read, measured for B1
    # Fields written in Markdown, relative to one item ('*': every entry of a list): checked for
    # images. The body of a front-matter page is always Markdown.
    markdown: tuple[KeyPath, ...] = ()

    def describe(self) -> str:
        if self.file:
            return f"content/{self.file}"
        if self.single:
            return f"content/{self.folder}/{self.single}.yml"
        return f"content/{self.folder}/"

    def markdown_fields(self, data: Any, at: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
        """(path, text) of every Markdown field of one item whose data is `data` (found at `at`)."""
        for pattern in self.markdown:
            yield from _matching(data, pattern, at)


def _matching(data: Any, pattern: KeyPath, at: KeyPath) -> Iterator[tuple[KeyPath, str]]:
    if not pattern:
        if isinstance(data, str):
            yield at, data
        return
    step, rest = pattern[0], pattern[1:]
    if step == "*":
        for index, value in enumerate(data if isinstance(data, list) else []):
            yield from _matching(value, rest, at + (index,))
    elif isinstance(data, dict) and step in data:
        yield from _matching(data[step], rest, at + (step,))


# --- the texts residents read, per kind (quotes are people's own words: not measured) ---------------


def _glossary_texts(portal: Portal, routes: Routes) -> list[Text]:
    """Every definition, in glossary-page order, as one text of the glossary page."""
    parts = [Field(item.document, item.path + ("definition",), markdown=False) for item in portal.term_items]
    return [(BODY, routes.url("glossary"), parts)] if parts else []


def _case_texts(portal: Portal, routes: Routes) -> list[Text]:
    texts = []
    for case in portal.cases:
        url, doc = routes.url("case", case.slug), case.document
        texts.append((SUMMARY, url, [Field(doc, ("summary",), markdown=False)]))
        sections = [Field(doc, ("sections", i, "body")) for i in range(len(case.model.sections))]
        lessons = [Field(doc, ("lessons", i), markdown=False) for i in range(len(case.model.lessons))]
        texts.append((BODY, url, sections + lessons))
    return texts


def _method_texts(portal: Portal, routes: Routes) -> list[Text]:
    texts = []
    for method in portal.methods:
        url, doc = routes.url("method", method.slug), method.document
        texts.append((SUMMARY, url, [Field(doc, ("summary",), markdown=False)]))
        texts.append((BODY, url, [Field(doc, ("intro",))]))
        if isinstance(method.model, CycleMethod):
            for index, phase in enumerate(method.model.phases):
                url, at = routes.url("phase", method.slug, phase.slug), ("phases", index)
                texts.append((SUMMARY, url, [Field(doc, at + ("summary",), markdown=False)]))
                body = [Field(doc, at + ("body",))] if phase.body else []
                tips = [Field(doc, at + ("tips", tip), markdown=False) for tip in range(len(phase.tips))]
                texts.append((BODY, url, body + tips))
    return texts


def _checklist_texts(portal: Portal, routes: Routes) -> list[Text]:
    texts = []
    for checklist in portal.checklists:
        url, doc = routes.url("checklist", checklist.slug), checklist.document
        texts.append((SUMMARY, url, [Field(doc, ("summary",), markdown=False)]))
        parts = [Field(doc, ("intro",))]
        for s_index, section in enumerate(checklist.model.sections):
            for i_index, item in enumerate(section.items):
                at = ("sections", s_index, "items", i_index)
                parts += [Field(doc, at + (key,), markdown=False) for key in ("question", "explanation", "why")]
                parts += [Field(doc, at + ("look_for", k), markdown=False) for k in range(len(item.look_for))]
        texts.append((BODY, url, parts))
    return texts


def _page_texts(portal: Portal, routes: Routes) -> list[Text]:
    texts = []
    for page in portal.pages:
        url = routes.url("page", page.slug)
        if page.meta.summary:
            texts.append((SUMMARY, url, [Field(page.document, ("summary",), markdown=False)]))
        texts.append((BODY, url, [Body(page.body, page.document.file, page.body_line)]))
    return texts


# Sources and terms have no pages of their own: portaal's own 'Bronnen' and 'Begrippen' pages
# (plan.py) show them. Forms and the account of what was done are not measured yet.
KINDS: tuple[Kind, ...] = (
    Kind("sources", "bron", SourceList, file="sources.yml", entries="sources", slug_key="id", required=True),
    Kind("terms", "begrip", Glossary, file="glossary.yml", entries="terms", slug_key="slug", required=True,
         texts=_glossary_texts),
    Kind("cases", "praktijkvoorbeeld", Case, folder="cases", pattern="**/*", pages=case_routes, texts=_case_texts,
         markdown=(("sections", "*", "body"),)),
    Kind("methods", "methode", TypeAdapter(Method), folder="methods", pages=method_routes, texts=_method_texts,
         markdown=(("intro",), ("phases", "*", "body"))),
    Kind("checklists", "checklist", Checklist, folder="checklists", pages=checklist_routes, texts=_checklist_texts,
         markdown=(("intro",),)),
    Kind("forms", "formulier", FeedbackForm, folder="feedback", pages=form_routes, markdown=(("intro",),)),
    Kind("accountability", "terugkoppeling", Accountability, folder="feedback", single="terugkoppeling",
         inherit=False, pages=accountability_routes, markdown=(("intro",),)),
    # Free pages come last: portaal's own pages keep their addresses when a page wants one of them.
    Kind("pages", "pagina", PageMeta, folder="pages", front_matter=True, pages=page_routes, texts=_page_texts),
)
PAGES = "pages"


def kind(name: str) -> Kind:
    return next(k for k in KINDS if k.name == name)


def kind_names() -> tuple[str, ...]:
    return tuple(k.name for k in KINDS)


def known_dirs() -> set[str]:
    """Folders the loader knows; anything else in a content folder is reported (W001)."""
    return {k.folder for k in KINDS if k.folder} | {"images"}


def known_files() -> set[str]:
    return {k.file for k in KINDS if k.file}
