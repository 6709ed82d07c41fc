"""Finding and loading content: the shared handreiking (base layer) plus the portal's own folder.

A portal's own items add to the base; an item with the same slug replaces the base item;
`exclude` in site_config leaves base items out. Every item keeps the document it came from,
so errors name the right file and line in either layer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from .config import display_path
from .diagnostics import Diagnostic, Location, Report
from . import kinds
from .models import Exclude, PageMeta
from .parallel import can_fork, cores, map_in_parts
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
    """Every validated item, by kind name (see kinds.py), plus images and what failed to load."""

    items: dict[str, list] = field(default_factory=lambda: {name: [] for name in kinds.kind_names()})
    images: dict[str, Path] = field(default_factory=dict)  # 'images/<name>' -> file
    # Files that exist but did not validate, by kind: references into them are not reported again.
    broken: dict[str, set[str]] = field(default_factory=dict)  # kind -> slugs ('*' for a whole shared file)
    present: set[str] = field(default_factory=set)  # shared files that exist ('sources', 'terms')

    def __getattr__(self, name: str):
        # content.cases, content.terms, ...: the items of that kind.
        items = self.__dict__.get("items", {})
        if name in items:
            return items[name]
        raise AttributeError(name)

    @property
    def accountability(self) -> Item | None:
        return self.items["accountability"][0] if self.items["accountability"] else None

    @property
    def broken_methods(self) -> set[str]:
        return self.broken.get("methods", set())

    @property
    def broken_sources(self) -> bool:
        return "sources" in self.broken

    @property
    def broken_glossary(self) -> bool:
        return "terms" in self.broken

    @property
    def has_sources(self) -> bool:
        return "sources" in self.present

    @property
    def has_glossary(self) -> bool:
        return "terms" in self.present


def _slug_of(path: Path, shown: str, report: Report) -> str | None:
    slug = path.stem
    if not slug or set(slug) - SLUG_CHARS or slug.startswith("-") or slug.endswith("-") or "--" in slug:
        report.add(Diagnostic("E009", f"bestandsnaam '{path.name}' is geen geldige slug: gebruik alleen kleine "
                                      "letters, cijfers en streepjes", Location(shown, 1, 1)))
        return None
    return slug


# Each file's parse and validation, kept with the bytes they came from: the preview (one process,
# many builds) parses and validates again only the files that changed.
_LOADED: dict[tuple[Path, str, type], tuple[bytes, object, Document | None, list[Diagnostic]]] = {}


def _parse_and_validate(path: Path, shown: str, model) -> tuple[object, Document | None, list[Diagnostic]]:
    try:
        document = load_yaml_file(path, shown)
    except SourceError as error:
        return None, None, [error.diagnostic]
    value, diagnostics = validate(document, model)
    return value, document, list(diagnostics)


def _load(path: Path, model, report: Report):
    value, document, diagnostics = _loaded(path, model)
    report.extend(diagnostics)
    return value, document


def _key(path: Path, model) -> tuple[Path, str, object]:
    # The path as found, not resolved (a second of a large portal's loading): an entry is only used
    # for the same path, and only for the same bytes.
    return path, display_path(path), model


def _cached(path: Path, model) -> tuple[bytes | None, tuple | None]:
    """The file's bytes, and what _LOADED holds for exactly these bytes (or None)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None, None
    cached = _LOADED.get(_key(path, model))
    return data, cached if cached is not None and cached[0] == data else None


def _loaded(path: Path, model) -> tuple[object, Document | None, list[Diagnostic]]:
    data, cached = _cached(path, model)
    if cached is not None:
        return cached[1:]
    value, document, diagnostics = _parse_and_validate(path, display_path(path), model)
    if data is not None:
        _LOADED[_key(path, model)] = (data, value, document, diagnostics)
    return value, document, diagnostics


def _load_on_every_core(files: list[tuple[Path, object]]) -> None:
    """Parse and validate (path, model) files that changed on the machine's cores, into _LOADED
    where _load finds them: the YAML files of a large portal are most of its loading, and
    independent. Where no child can help (the preview), _load simply does each file in turn."""
    if not can_fork() or cores() < 2:
        return
    files = [(path, model) for path, model in files if _cached(path, model)[1] is None]

    def load_share(share: list[tuple[Path, object]]) -> list[tuple | None]:
        loaded = []
        for path, model in share:
            _loaded(path, model)
            entry = _LOADED.get(_key(path, model))
            if entry is not None and entry[2] is not None:
                entry[2].__dict__.pop("tree", None)  # positions are parsed again where they are asked for
            loaded.append(entry)
        return loaded

    for (path, model), entry in zip(files, map_in_parts(load_share, files, cores())):
        if entry is not None:
            _LOADED[_key(path, model)] = entry


def _files(folder: Path, pattern: str, suffixes: tuple[str, ...]) -> list[Path]:
    return sorted(p for p in folder.glob(pattern) if p.is_file() and p.suffix in suffixes)


def load_layer(content_dir: Path, report: Report) -> Content:
    """One content folder, validated; duplicates within it are reported by merge()."""
    layer = Content()
    if not content_dir.is_dir():
        report.add(Diagnostic("E011", "de inhoudsmap bestaat niet", Location(display_path(content_dir), 1, 1)))
        return layer

    singles = {(kind.folder, kind.single) for kind in kinds.KINDS if kind.single}
    _load_on_every_core([(path, kind.model) for kind in kinds.KINDS if not kind.front_matter
                         for path in _yaml_files(content_dir, kind, singles)])
    for kind in kinds.KINDS:
        if kind.front_matter:
            _load_pages(content_dir / kind.folder, kind, layer, report)
            continue
        if kind.file:  # one shared file, every entry located at its own path
            if not (content_dir / kind.file).is_file():
                continue
            layer.present.add(kind.name)
            value, document = _load(content_dir / kind.file, kind.model, report)
            if value is None:
                layer.broken.setdefault(kind.name, set()).add("*")
            else:
                layer.items[kind.name] = [Item(getattr(entry, kind.slug_key), entry, document, (kind.entries, index))
                                          for index, entry in enumerate(getattr(value, kind.entries))]
            continue
        for path in _yaml_files(content_dir, kind, singles):
            slug = _slug_of(path, display_path(path), report)
            value, document = _load(path, kind.model, report)
            if value is not None and slug:
                layer.items[kind.name].append(Item(slug, value, document))
            elif slug:
                layer.broken.setdefault(kind.name, set()).add(slug)

    images = content_dir / "images"
    layer.images = {f"images/{p.relative_to(images).as_posix()}": p for p in sorted(images.rglob("*")) if p.is_file()}

    for path in sorted(content_dir.iterdir()):
        if path.name.startswith(".") or path.name in kinds.known_files() or (path.is_dir() and path.name in kinds.known_dirs()):
            continue
        report.add(Diagnostic("W001", "onbekend bestand of onbekende map in de inhoud; wordt overgeslagen",
                              Location(display_path(path), 1, 1), severity="warning"))
    return layer


def _yaml_files(content_dir: Path, kind, singles: set[tuple[str, str]]) -> list[Path]:
    """The YAML files of a kind: its one shared file, or a file per item."""
    if kind.file:
        return [content_dir / kind.file] if (content_dir / kind.file).is_file() else []
    return [path for path in _files(content_dir / kind.folder, kind.pattern, (".yml", ".yaml"))
            if (path.stem == kind.single if kind.single else (kind.folder, path.stem) not in singles)]


def _load_pages(folder: Path, kind, layer: Content, report: Report) -> None:
    """Markdown pages with front matter: the front matter validated, the body kept as Markdown."""
    for path in _files(folder, kind.pattern, (".md",)):
        shown = display_path(path)
        slug = _slug_of(path, shown, report)
        try:
            document, body, body_line = split_front_matter(read_text(path, shown), shown)
        except SourceError as error:
            report.add(error.diagnostic)
            continue
        meta, diagnostics = validate(document, kind.model)
        report.extend(diagnostics)
        if meta is not None and slug:
            layer.items[kind.name].append(Page(slug, meta, body, body_line, document))


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


def merge(base: Content | None, local: Content, exclude: Exclude, config_document: Document,
          report: Report) -> Content:
    """Local items add to the base or replace the base item with the same slug; excluded base items go."""
    labels = {kind.name: kind.label for kind in kinds.KINDS}
    if base is None:
        for name in labels:
            local.items[name] = list(_unique(local.items[name], labels[name], report).values())
        return local
    merged = Content(images={**base.images, **local.images}, present=base.present | local.present)
    for name in {*base.broken, *local.broken}:
        merged.broken[name] = base.broken.get(name, set()) | local.broken.get(name, set())
    inherited = {kind.name for kind in kinds.KINDS if kind.inherit}
    for name in labels:
        base_items = _unique(base.items[name], labels[name], report) if name in inherited else {}
        local_items = _unique(local.items[name], labels[name], report)
        left_out = getattr(exclude, name, [])
        for index, slug in enumerate(left_out):
            if slug not in base_items:
                hint = suggest(slug, sorted(base_items))
                report.add(Diagnostic("E006", f"'exclude.{name}[{index + 1}]': '{slug}' staat niet in de "
                                              f"gedeelde handreiking{hint}",
                                      config_document.locate(("exclude", name, index))))
        kept = {slug: item for slug, item in base_items.items() if slug not in left_out}
        merged.items[name] = list({**kept, **local_items}.values())
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
