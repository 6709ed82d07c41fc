"""Docs tree + generated MkDocs config -> Material build in a temp dir -> swapped into place.

The previous output stays untouched unless the new build succeeded completely.
"""

from __future__ import annotations

import calendar
import contextlib
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException
from pymdownx.slugs import slugify

from .diagnostics import BuildFailed, Diagnostic, Location
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


def logo_target(config: SiteConfig) -> str | None:
    """Where the configured logo is published in the site."""
    return f"assets/logo{Path(config.branding.logo).suffix}" if config.branding.logo else None


def mkdocs_config(config: SiteConfig, rendered: Rendered, theme: Theme, docs: Path, site: Path) -> dict:
    # The theme's own assets first, then those generated from the configuration (colours).
    css = sorted(f"assets/{p.relative_to(theme.assets).as_posix()}" for p in theme.assets.rglob("*.css"))
    css += sorted(p for p in rendered.files if p.startswith("assets/") and p.endswith(".css"))
    js = sorted(f"assets/{p.relative_to(theme.assets).as_posix()}" for p in theme.assets.rglob("*.js"))
    return {
        "site_name": config.site_name,
        "site_url": config.site_url or "",
        "site_description": config.description,
        "docs_dir": str(docs),
        "site_dir": str(site),
        "use_directory_urls": True,
        "nav": rendered.nav,
        "copyright": f"{config.municipality}",
        "theme": {
            "name": "material",
            "custom_dir": str(theme.overrides),
            "language": "nl",
            # No web fonts: nothing may be requested from another origin.
            "font": False,
            "features": ["navigation.top", "search.highlight", "content.tooltips"],
            **({"logo": logo_target(config), "favicon": logo_target(config)} if config.branding.logo else {}),
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
        "extra": {"generator": False, "portaal": {"municipality": config.municipality,
                                                   "contact_email": config.contact.email,
                                                   "glossary": rendered.glossary,
                                                   "widget": rendered.widget}},
        "plugins": [{"search": {"lang": "nl"}}],
        "hooks": [str(Path(__file__).with_name(name)) for name in ("material_fixes.py", "glossary_marks.py")],
        "markdown_extensions": [
            "attr_list", "tables",
            {"toc": {"permalink": False, "slugify": slugify(case="lower"), "toc_depth": 3}},
        ],
        "validation": {"nav": {"omitted_files": "ignore"}, "links": {"unrecognized_links": "ignore"}},
    }


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _captured_mkdocs_log() -> Iterator[_Collect]:
    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    old_propagate, old_level = logger.propagate, logger.level
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.WARNING)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate, logger.level = old_propagate, old_level


@contextlib.contextmanager
def _source_date(config: SiteConfig) -> Iterator[None]:
    """MkDocs reads SOURCE_DATE_EPOCH for sitemap dates and gzip headers: pin it to the content's date."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(config.updated.timetuple()))
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


def write_docs(rendered: Rendered, theme: Theme, docs: Path, static: dict[str, Path]) -> None:
    """The docs tree: theme assets, static files (docs path -> source file), rendered pages."""
    if theme.assets.is_dir():
        shutil.copytree(theme.assets, docs / "assets", dirs_exist_ok=True)
    for target, source in sorted(static.items()):
        (docs / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, docs / target)
    for path, text in sorted(rendered.files.items()):
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def _run_mkdocs(options: dict, work: Path, config: SiteConfig) -> list[str]:
    mk = MkDocsConfig(config_file_path=str(work / "mkdocs.yml"))
    mk.load_dict(options)
    errors, warnings = mk.validate()
    problems = [f"{name}: {error}" for name, error in errors] + [f"{name}: {w}" for name, w in warnings]
    if errors:
        return problems
    with _captured_mkdocs_log() as log, _source_date(config):
        mk.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(mk)
        finally:
            mk.plugins.on_shutdown()
    return problems + log.messages


def swap_into_place(new: Path, out: Path) -> None:
    """Replace `out` by `new` with two renames; `out` is never half-written."""
    old = out.with_name(f".{out.name}.old")
    if old.exists():
        shutil.rmtree(old)
    if out.exists():
        out.rename(old)
    new.rename(out)
    if old.exists():
        shutil.rmtree(old)


def build_site(config: SiteConfig, rendered: Rendered, theme: Theme, out: Path,
               checks: tuple[SiteCheck, ...] = (), config_file: str = "site_config.yml",
               static: dict[str, Path] | None = None) -> None:
    """Build into a temp dir next to `out`; only a fully successful, checked build replaces it."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}-build-", dir=out.parent))
    try:
        docs, site = work / "docs", work / "site"
        write_docs(rendered, theme, docs, static or {})
        try:
            problems = _run_mkdocs(mkdocs_config(config, rendered, theme, docs, site), work, config)
        except (MkDocsException, OSError) as error:
            problems = [str(error)]
        if problems:
            raise BuildFailed([Diagnostic("E021", f"MkDocs: {p}", Location(config_file, 1, 1)) for p in problems])
        diagnostics = [d for check in checks for d in check(site)]
        if any(d.severity == "error" for d in diagnostics):
            raise BuildFailed(diagnostics)
        swap_into_place(site, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
