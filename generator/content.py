"""Finding and loading content: the shared handreiking (base layer) plus the portal's own folder.

A portal's own items add to the base; an item with the same slug replaces the base item;
`exclude` in site_config leaves base items out. Every item keeps the document it came from,
so errors name the right file and line in either layer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import TypeAdapter

from .config import display_path
from .diagnostics import Diagnostic, Location, Report
from .models import Accountability, Case, Checklist, Exclude, FeedbackForm, Glossary, Method, PageMeta, Source, SourceList, Term
from .source import Document, KeyPath, SourceError, load_yaml_file, read_text, split_front_matter
from .validate import suggest, validate

T = TypeVar("T")
SLUG_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-")
# The shared handreiking that ships with portaal: inside an installed package, or the
# repository's own content folder in a checkout (editable install).
_INSTALLED_BASE = Path(__file__).resolve().parent / "base"
BASE_CONTENT = _INSTALLED_BASE if _INSTALLED_BASE.is_dir() else Path(__file__).resolve().parent.parent / "content"


@dataclass(frozen=True)
class Item(Generic[T]):
    """A validated model with its slug and the document it came from (for positions).

    `path` is where the model sits in the document: () for a whole file, ('terms', 3) for an entry."""

    slug: str
    model: T
    document: Document
    path: KeyPath = ()


@dataclass(frozen=True)
class Page:
    slug: str
    meta: PageMeta
    body: str  # Markdown
    body_line: int
    document: Document


@dataclass
class Content:
    sources: list[Item[Source]] = field(default_factory=list)
    terms: list[Item[Term]] = field(default_factory=list)
    cases: list[Item[Case]] = field(default_factory=list)
    methods: list[Item[Method]] = field(default_factory=list)
    checklists: list[Item[Checklist]] = field(default_factory=list)
    forms: list[Item[FeedbackForm]] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    accountability: Item[Accountability] | None = None
    images: dict[str, Path] = field(default_factory=dict)  # 'images/<name>' -> file
    # Files that exist but did not validate: references into them are not reported again.
    broken_methods: set[str] = field(default_factory=set)
    broken_sources: bool = False
    broken_glossary: bool = False
    has_sources: bool = False
    has_glossary: bool = False


_METHOD = TypeAdapter(Method)
# Folders of one-file-per-item content: Content attribute, folder, glob pattern, model.
_ITEM_KINDS = (("cases", "cases", "**/*", Case), ("methods", "methods", "*", _METHOD),
               ("checklists", "checklists", "*", Checklist), ("forms", "feedback", "*", FeedbackForm))
# Folders and files the loader knows; anything else in a content folder is reported.
_KNOWN_DIRS = {"cases", "methods", "checklists", "feedback", "pages", "images"}
ACCOUNTABILITY = "terugkoppeling"  # content/feedback/terugkoppeling.yml: what was done with the input
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


def _files(folder: Path, pattern: str, suffixes: tuple[str, ...]) -> list[Path]:
    return sorted(p for p in folder.glob(pattern) if p.is_file() and p.suffix in suffixes)


def load_layer(content_dir: Path, report: Report) -> Content:
    """One content folder, validated; duplicates within it are reported by merge()."""
    layer = Content()
    if not content_dir.is_dir():
        report.add(Diagnostic("E011", "de inhoudsmap bestaat niet", Location(display_path(content_dir), 1, 1)))
        return layer

    # Shared files: one list of entries each, every entry located at its own path.
    for name, model, attr, key in (("sources.yml", SourceList, "sources", "id"), ("glossary.yml", Glossary, "terms", "slug")):
        if (content_dir / name).is_file():
            setattr(layer, f"has_{name.removesuffix('.yml')}", True)
            value, document = _load(content_dir / name, model, report)
            if value is None:
                setattr(layer, f"broken_{name.removesuffix('.yml')}", True)
            else:
                entries = getattr(value, attr)
                setattr(layer, attr, [Item(getattr(e, key), e, document, (attr, i)) for i, e in enumerate(entries)])

    # One file per item: the file name is the slug.
    for attr, folder, pattern, model in _ITEM_KINDS:
        for path in _files(content_dir / folder, pattern, (".yml", ".yaml")):
            if folder == "feedback" and path.stem == ACCOUNTABILITY:
                value, document = _load(path, Accountability, report)
                if value is not None:
                    layer.accountability = Item(ACCOUNTABILITY, value, document)
                continue
            slug = _slug_of(path, display_path(path), report)
            value, document = _load(path, model, report)
            if value is not None and slug:
                getattr(layer, attr).append(Item(slug, value, document))
            elif slug and attr == "methods":
                layer.broken_methods.add(slug)

    for path in _files(content_dir / "pages", "*", (".md",)):
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
            layer.pages.append(Page(slug, meta, body, body_line, document))

    images = content_dir / "images"
    layer.images = {f"images/{p.relative_to(images).as_posix()}": p for p in sorted(images.rglob("*")) if p.is_file()}

    for path in sorted(content_dir.iterdir()):
        if path.name.startswith(".") or path.name in _KNOWN_FILES or (path.is_dir() and path.name in _KNOWN_DIRS):
            continue
        report.add(Diagnostic("W001", "onbekend bestand of onbekende map in de inhoud; wordt overgeslagen",
                              Location(display_path(path), 1, 1), severity="warning"))
    return layer


def _location(item) -> Location:
    if isinstance(item, Item) and item.path:
        return item.document.locate(item.path + ("id" if item.path[0] == "sources" else "slug",))
    return Location(item.document.file, 1, 1)


def _unique(items: list, what: str, report: Report) -> dict:
    """The first item of each slug wins; later ones in the same layer are errors."""
    seen: dict = {}
    for item in items:
        if item.slug in seen:
            report.add(Diagnostic("E007", f"dubbele slug '{item.slug}': {what} bestaat al ({_location(seen[item.slug])})",
                                  _location(item)))
        else:
            seen[item.slug] = item
    return seen


_KINDS = (("sources", "bron", None), ("terms", "begrip", "terms"), ("cases", "praktijkvoorbeeld", "cases"),
          ("methods", "methode", "methods"), ("checklists", "checklist", "checklists"),
          ("forms", "formulier", None), ("pages", "pagina", "pages"))


def merge(base: Content | None, local: Content, exclude: Exclude, config_document: Document,
          report: Report) -> Content:
    """Local items add to the base or replace the base item with the same slug; excluded base items go."""
    if base is None:
        merged = local
        for kind, what, _ in _KINDS:
            setattr(merged, kind, list(_unique(getattr(local, kind), what, report).values()))
        return merged
    merged = Content(images={**base.images, **local.images},
                     # The municipality's own account replaces the base one; it is never merged.
                     accountability=local.accountability or base.accountability,
                     broken_methods=base.broken_methods | local.broken_methods,
                     broken_sources=base.broken_sources or local.broken_sources,
                     broken_glossary=base.broken_glossary or local.broken_glossary,
                     has_sources=base.has_sources or local.has_sources,
                     has_glossary=base.has_glossary or local.has_glossary)
    for kind, what, excludable in _KINDS:
        base_items = _unique(getattr(base, kind), what, report)
        local_items = _unique(getattr(local, kind), what, report)
        left_out = getattr(exclude, excludable) if excludable else []
        for index, slug in enumerate(left_out):
            if slug not in base_items:
                hint = suggest(slug, sorted(base_items))
                report.add(Diagnostic("E006", f"'exclude.{excludable}[{index + 1}]': '{slug}' staat niet in de "
                                              f"gedeelde handreiking{hint}",
                                      config_document.locate(("exclude", excludable, index))))
        kept = {slug: item for slug, item in base_items.items() if slug not in left_out}
        setattr(merged, kind, list({**kept, **local_items}.values()))
    return merged


def load_content(content_dir: Path, exclude: Exclude, config_document: Document, report: Report,
                 base_dir: Path | None = BASE_CONTENT) -> Content:
    """The portal's content: the base layer (unless it is this very folder) plus its own folder."""
    local = load_layer(content_dir, report)
    use_base = base_dir is not None and base_dir.resolve() != content_dir.resolve()
    base = load_layer(base_dir, report) if use_base else None
    merged = merge(base, local, exclude, config_document, report)
    for name, present in (("sources.yml", merged.has_sources), ("glossary.yml", merged.has_glossary)):
        if not present:
            report.add(Diagnostic("E011", "verplicht bestand ontbreekt", Location(display_path(content_dir / name), 1, 1)))
    return merged
