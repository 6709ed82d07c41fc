"""The one place that knows the order of the steps: load, validate, resolve, render, build, check."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from .branding import check_branding
from .checks.links import check_links
from .config import LoadedConfig, display_path, load_config
from .content import load_content
from .diagnostics import BuildFailed, Diagnostic, Report
from .engine import Theme, build_site
from .render import Rendered, render
from .resolve import Portal, resolve

PACKAGE_THEMES = Path(__file__).resolve().parent.parent / "themes"


def find_theme(loaded: LoadedConfig) -> Theme:
    name = loaded.config.theme
    for root in (loaded.root / "themes", PACKAGE_THEMES):
        if (root / name / "templates").is_dir():
            return Theme(root / name)
    location = loaded.document.locate(("theme",))
    raise BuildFailed([Diagnostic("E012", f"thema '{name}' niet gevonden in themes/", location)])


def prepare(config_path: Path, report: Report) -> tuple[LoadedConfig, Portal, Theme, Rendered] | None:
    """Everything up to a rendered docs tree; None (with diagnostics in the report) on errors."""
    try:
        loaded = load_config(config_path)
        report.extend(check_branding(loaded))
        content = load_content(loaded.root / loaded.config.content_dir, report)
        portal = resolve(loaded, content, report)
        if portal is None:
            return None
        theme = find_theme(loaded)
        return loaded, portal, theme, render(portal, theme.templates)
    except BuildFailed as failed:
        report.extend(failed.diagnostics)
        return None


def check(config_path: Path) -> Report:
    """Validate everything, write nothing."""
    report = Report()
    prepare(config_path, report)
    return report


def build(config_path: Path, out: Path | None = None) -> Report:
    report = Report()
    prepared = prepare(config_path, report)
    if prepared is None:
        return report
    loaded, portal, theme, rendered = prepared
    base_path = urlsplit(loaded.config.site_url or "/").path or "/"
    try:
        build_site(loaded.config, rendered, theme, out or loaded.root / "site",
                   checks=(lambda site: check_links(site, base_path),),
                   config_file=display_path(loaded.path),
                   static={"images": loaded.root / loaded.config.content_dir / "images"})
    except BuildFailed as failed:
        report.extend(failed.diagnostics)
    return report
