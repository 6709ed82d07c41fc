"""The boundary to the site engine: docs tree + engine config -> built site, swapped into place.

The only module that knows which engine builds the site (`engine:` in site_config.yml:
Material for MkDocs, in-process, or Zensical, as a separate program). Everything handed to
the engine outside a page body (page titles, menu titles, the site's name and description)
is plain text until here, and is escaped here, once. After the engine portaal finishes the
HTML itself (finish.py), checks it, and only a fully successful build replaces the output.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import BuildFailed, Diagnostic, Location
from .engines import ENGINES
from .engines.pages_in_memory import is_page
from .finish import finish_site
from .glossary_marks import GlossaryTerm
from .models import SiteConfig
from .render import Rendered

# Checks run on the finished output before it is swapped in; each returns diagnostics.
SiteCheck = Callable[[Path], list[Diagnostic]]


@dataclass(frozen=True)
class Theme:
    root: Path  # themes/<name>

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def overrides(self) -> Path:
        return self.root / "overrides"

    @property
    def assets(self) -> Path:
        return self.root / "assets"


def engine_text(text: str) -> str:
    """Plain text for the engine's templates, which print these values without escaping.
    Apostrophes stay as they are ('s-Hertogenbosch): the engine quotes attributes with '"'."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def logo_target(config: SiteConfig) -> str | None:
    """Where the configured logo is published in the site."""
    return f"assets/logo{Path(config.branding.logo).suffix}" if config.branding.logo else None


def engine_nav(nav: list) -> list:
    """(title, path or list) pairs -> the engine's nav, titles escaped."""
    return [{engine_text(title): engine_nav(target) if isinstance(target, list) else target} for title, target in nav]


def engine_config(config: SiteConfig, rendered: Rendered, theme: Theme, overrides: Path, docs: Path,
                  site: Path) -> dict:
    """What both engines read (mkdocs.yml keys); engine modules adapt it to their needs."""
    css = sorted(f"assets/{p.relative_to(theme.assets).as_posix()}" for p in theme.assets.rglob("*.css"))
    css += sorted(p for p in rendered.assets if p.startswith("assets/") and p.endswith(".css"))
    js = sorted(f"assets/{p.relative_to(theme.assets).as_posix()}" for p in theme.assets.rglob("*.js"))
    logo = logo_target(config)
    return {
        "site_name": engine_text(config.site_name),
        "site_url": config.site_url or "",
        "site_description": engine_text(config.description),
        "docs_dir": str(docs),
        "site_dir": str(site),
        "use_directory_urls": True,
        "nav": engine_nav(rendered.nav),
        "theme": {
            "name": "material",
            "custom_dir": str(overrides),
            "language": "nl",
            # No web fonts: nothing may be requested from another origin.
            "font": False,
            "features": ["navigation.top", "search.highlight", "content.tooltips"],
            **({"logo": logo, "favicon": logo} if logo else {}),
            # Light and dark follow the visitor's system setting, and can be switched.
            # 'custom' colours come from the generated CSS, whose contrast is checked at build.
            "palette": [
                {"media": "(prefers-color-scheme: light)", "scheme": "default", "primary": "custom",
                 "accent": "custom", "toggle": {"icon": "material/weather-night", "name": "Donkere weergave"}},
                {"media": "(prefers-color-scheme: dark)", "scheme": "slate", "primary": "custom",
                 "accent": "custom", "toggle": {"icon": "material/weather-sunny", "name": "Lichte weergave"}},
            ],
        },
        "extra_css": css,
        "extra_javascript": js,
        "extra": {"generator": False},
        "plugins": [{"search": {"lang": "nl"}}],
        "markdown_extensions": ["attr_list", "tables", {"toc": {"permalink": False, "toc_depth": 3}}],
    }


# What a YAML reader refuses or reads as a line break, even inside double quotes. JSON's own ASCII
# escapes would write characters beyond U+FFFF as surrogate pairs, which PyYAML cannot read back.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")


def write_site_files(site: Path, files: dict[str, str]) -> None:
    """Files written beside the engine's output: it skips folders starting with '.' (.well-known)."""
    for path, text in sorted(files.items()):
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text, encoding="utf-8")


def front_matter(title: str) -> str:
    # JSON is YAML: control characters escaped by JSON, the rest as YAML \u escapes.
    quoted = _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(engine_text(title), ensure_ascii=False))
    return f"---\ntitle: {quoted}\n---\n\n"


def docs_files(rendered: Rendered, theme: Theme, static: dict[str, Path],
               engine_name: str = "material") -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The docs tree (theme assets, static files, rendered pages) and the engine's template overrides
    (the theme's shared ones, then those for this engine only: engines/<engine>/), as path -> bytes.
    Later entries replace earlier ones, as files written over each other would."""
    docs: dict[str, bytes] = {}
    overrides: dict[str, bytes] = {}
    for root, prefix, tree in ((theme.assets, "assets/", docs), (theme.overrides, "", overrides),
                               (theme.root / "engines" / engine_name, "", overrides)):
        if root.is_dir():
            for file in sorted(root.rglob("*")):
                if file.is_file():
                    tree[prefix + file.relative_to(root).as_posix()] = file.read_bytes()
    for target, source in sorted(static.items()):
        docs[target] = source.read_bytes()
    pages = {path: front_matter(page.title) + page.markdown for path, page in rendered.pages.items()}
    docs.update((path, text.encode("utf-8")) for path, text in sorted({**pages, **rendered.assets}.items()))
    overrides.update((path, text.encode("utf-8")) for path, text in sorted(rendered.overrides.items()))
    return docs, overrides


def write_tree(root: Path, files: dict[str, bytes]) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for path, data in sorted(files.items()):
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)


def write_docs(rendered: Rendered, theme: Theme, docs: Path, overrides: Path, static: dict[str, Path],
               engine_name: str = "material") -> dict[str, bytes] | None:
    """Writes the docs tree and the overrides. An engine that takes its pages from memory gets
    them back instead (src_uri -> bytes); they are not written."""
    docs_tree, overrides_tree = docs_files(rendered, theme, static, engine_name)
    pages = None
    if ENGINES[engine_name].PAGES_IN_MEMORY:
        pages = {path: data for path, data in docs_tree.items() if is_page(path)}
        docs_tree = {path: data for path, data in docs_tree.items() if path not in pages}
    write_tree(docs, docs_tree)
    write_tree(overrides, overrides_tree)
    return pages


def swap_into_place(new: Path, out: Path, discard: Callable[[Path], None] = shutil.rmtree) -> None:
    """Replace `out` by `new` with two renames; `out` is never half-written. `discard` removes the old one."""
    old = out.with_name(f".{out.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if out.exists():
        out.rename(old)
    new.rename(out)
    if old.exists():
        discard(old)


def publish(site: Path, out: Path, checks: tuple[SiteCheck, ...],
            discard: Callable[[Path], None] = shutil.rmtree) -> None:
    """Swap a finished site into place, only when no check finds an error."""
    diagnostics = [d for check in checks for d in check(site)]
    if any(d.severity == "error" for d in diagnostics):
        raise BuildFailed(diagnostics)
    swap_into_place(site, out, discard)


def build_site(config: SiteConfig, rendered: Rendered, theme: Theme, out: Path, terms: list[GlossaryTerm],
               checks: tuple[SiteCheck, ...] = (), config_file: str = "site_config.yml",
               static: dict[str, Path] | None = None) -> None:
    """Build into a temp dir next to `out`; only a fully successful, checked build replaces it."""
    engine = ENGINES[config.engine]
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}-build-", dir=out.parent))
    try:
        docs, site, overrides = work / "docs", work / "site", work / "overrides"
        pages = write_docs(rendered, theme, docs, overrides, static or {}, config.engine)
        options = engine_config(config, rendered, theme, overrides, docs, site)
        problems = engine.build(options, work, config.updated, **({"pages": pages} if pages is not None else {}))
        if problems:
            raise BuildFailed([Diagnostic("E021", f"{engine.label}: {p}", Location(config_file, 1, 1)) for p in problems])
        write_site_files(site, rendered.files)
        finish_site(site, rendered.routes, terms)
        publish(site, out, checks)
    finally:
        shutil.rmtree(work, ignore_errors=True)
