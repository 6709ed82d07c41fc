"""Finding and loading every content file into located, validated models."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import TypeAdapter

from .config import display_path
from .diagnostics import Diagnostic, Location, Report
from .models import Case, Glossary, Method, PageMeta, SourceList
from .source import Document, SourceError, load_yaml_file, read_text, split_front_matter
from .validate import validate

T = TypeVar("T")
SLUG_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-")


@dataclass(frozen=True)
class Item(Generic[T]):
    """A validated model with its slug and the document it came from (for positions)."""

    slug: str
    model: T
    document: Document


@dataclass(frozen=True)
class Page:
    slug: str
    meta: PageMeta
    body: str  # Markdown
    body_line: int
    document: Document


@dataclass
class Content:
    sources: Item[SourceList] | None = None
    glossary: Item[Glossary] | None = None
    cases: list[Item[Case]] = field(default_factory=list)
    methods: list[Item[Method]] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    # Files that exist but did not validate: references into them are not reported again.
    broken_methods: set[str] = field(default_factory=set)
    broken_sources: bool = False
    broken_glossary: bool = False
    images: set[str] = field(default_factory=set)  # 'images/<name>' for every file in content/images/


_METHOD = TypeAdapter(Method)
# Files the loader knows; anything else in content/ is reported, not silently ignored.
_KNOWN_DIRS = {"cases", "methods", "pages", "images"}
_KNOWN_FILES = {"sources.yml", "glossary.yml"}


def _slug_of(path: Path, shown: str, report: Report) -> str | None:
    slug = path.stem
    if not slug or set(slug) - SLUG_CHARS or slug.startswith("-") or slug.endswith("-") or "--" in slug:
        report.add(Diagnostic("E009", f"bestandsnaam '{path.name}' is geen geldige slug: gebruik alleen kleine "
                                      "letters, cijfers en streepjes", Location(shown, 1, 1)))
        return None
    return slug


def _load(path: Path, model, report: Report):
    shown = display_path(path)
    try:
        document = load_yaml_file(path, shown)
    except SourceError as error:
        report.add(error.diagnostic)
        return None, None
    value, diagnostics = validate(document, model)
    report.extend(diagnostics)
    return value, document


def _required_file(path: Path, report: Report) -> bool:
    if path.is_file():
        return True
    report.add(Diagnostic("E011", "verplicht bestand ontbreekt", Location(display_path(path), 1, 1)))
    return False


def load_content(content_dir: Path, report: Report) -> Content:
    content = Content()
    if not content_dir.is_dir():
        report.add(Diagnostic("E011", "de inhoudsmap bestaat niet", Location(display_path(content_dir), 1, 1)))
        return content

    for name, model, attr in (("sources.yml", SourceList, "sources"), ("glossary.yml", Glossary, "glossary")):
        path = content_dir / name
        if _required_file(path, report):
            value, document = _load(path, model, report)
            if value is not None:
                setattr(content, attr, Item(name.removesuffix(".yml"), value, document))
            else:
                setattr(content, f"broken_{attr}", True)

    for path in sorted((content_dir / "cases").rglob("*")):
        if path.is_file() and path.suffix in (".yml", ".yaml"):
            slug = _slug_of(path, display_path(path), report)
            value, document = _load(path, Case, report)
            if value is not None and slug:
                content.cases.append(Item(slug, value, document))

    for path in sorted((content_dir / "methods").glob("*")):
        if path.is_file() and path.suffix in (".yml", ".yaml"):
            slug = _slug_of(path, display_path(path), report)
            value, document = _load(path, _METHOD, report)
            if value is not None and slug:
                content.methods.append(Item(slug, value, document))
            elif slug:
                content.broken_methods.add(slug)

    for path in sorted((content_dir / "pages").glob("*.md")):
        shown = display_path(path)
        slug = _slug_of(path, shown, report)
        try:
            document, body, body_line = split_front_matter(read_text(path, shown), shown)
        except SourceError as error:
            report.add(error.diagnostic)
            continue
        meta, diagnostics = validate(document, PageMeta)
        report.extend(diagnostics)
        if meta is not None and slug:
            content.pages.append(Page(slug, meta, body, body_line, document))

    images = content_dir / "images"
    content.images = {f"images/{p.relative_to(images).as_posix()}" for p in images.rglob("*") if p.is_file()}

    for path in sorted(content_dir.iterdir()):
        if path.name.startswith(".") or path.name in _KNOWN_FILES or (path.is_dir() and path.name in _KNOWN_DIRS):
            continue
        report.add(Diagnostic("W001", "onbekend bestand of onbekende map in de inhoud; wordt overgeslagen",
                              Location(display_path(path), 1, 1), severity="warning"))
    return content
