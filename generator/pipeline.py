"""The one place that knows the order of the steps: load, validate, resolve, plan, render, build, check."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .branding import check_branding
from .checks.content_links import check_content_links
from .checks.links import check_links
from .checks.plain_language import TextReport, check_plain_language, measure_portal
from .config import LoadedConfig, display_path, load_config
from .content import BASE_CONTENT, load_content
from .diagnostics import BuildFailed, Diagnostic, Report
from .engine import Theme, build_site, logo_target
from .engines import ENGINES
from .glossary_marks import GlossaryTerm
from .parallel import Pending
from .plan import plan_routes
from .preview_site import PreviewSite
from .render import Rendered, render
from .render_memo import RenderMemo
from .resolve import Portal, resolve
from .routes import Routes
from .security import check_security
from .statement import last_audit

# Written by `portaal audit` next to site_config.yml; the accessibility statement reports it.
AUDIT_REPORT = "audit.json"

# Themes that ship with portaal: inside an installed package, or the repository's themes/.
_INSTALLED_THEMES = Path(__file__).resolve().parent / "themes"
PACKAGE_THEMES = _INSTALLED_THEMES if _INSTALLED_THEMES.is_dir() else Path(__file__).resolve().parent.parent / "themes"


def find_theme(loaded: LoadedConfig) -> Theme:
    name = loaded.config.theme
    for root in (loaded.root / "themes", PACKAGE_THEMES):
        if (root / name / "templates").is_dir():
            return Theme(root / name)
    location = loaded.document.locate(("theme",))
    raise BuildFailed([Diagnostic("E012", f"thema '{name}' niet gevonden in themes/", location)])


@dataclass(frozen=True)
class Prepared:
    """A portal ready for the engine: everything checked, every page rendered."""

    loaded: LoadedConfig
    portal: Portal
    routes: Routes
    theme: Theme
    rendered: Rendered
    static: dict[str, Path]  # site path -> file: images from every content layer, the logo
    texts: tuple[TextReport, ...]  # readability of every resident-facing text
    # With `measure_aside`: the plain-language findings, still being measured by another process.
    plain_language: Pending[list[Diagnostic]] | None = None

    @property
    def glossary_terms(self) -> list[GlossaryTerm]:
        return [GlossaryTerm(t.slug, (t.term, *t.aliases), t.definition, tuple(t.forms)) for t in self.portal.terms]


@dataclass
class Result:
    """What a build or check gives back: the report, the prepared portal (None when it could not
    be prepared) and the built site (None when nothing was written)."""

    report: Report
    prepared: Prepared | None = None
    site: Path | None = None

    @property
    def ok(self) -> bool:
        return self.report.ok


def find_logo(loaded: LoadedConfig) -> Path | None:
    logo = loaded.config.branding.logo
    if logo and not (loaded.root / logo).is_file():
        raise BuildFailed([Diagnostic("E011", f"logo '{logo}' niet gevonden naast site_config.yml",
                                      loaded.document.locate(("branding", "logo")))])
    return loaded.root / logo if logo else None


def _plain_language_findings(portal: Portal, routes: Routes, config, strict: bool) -> list[Diagnostic]:
    return check_plain_language(measure_portal(portal, routes), config.plain_language, strict)


def prepare(config_path: Path, report: Report, strict: bool = False, measure_aside: bool = False,
            memo: RenderMemo | None = None) -> Prepared | None:
    """Everything up to a rendered docs tree; None (with diagnostics in the report) on errors.

    Plain-language findings are warnings, or errors with `strict`. With `measure_aside` they are
    measured on another core while the rest goes on, and left pending in `Prepared.plain_language`
    (the texts themselves are then not kept)."""
    pending = None
    try:
        loaded = load_config(config_path)
        report.extend(check_branding(loaded))
        report.extend(check_security(loaded))
        config = loaded.config
        content = load_content(loaded.root / config.content_dir, config.exclude, loaded.document, report,
                               base_dir=BASE_CONTENT if config.base_content else None)
        portal = resolve(loaded, content, report)
        if portal is None:
            return None
        routes = plan_routes(portal)
        report.extend(routes.collisions)
        report.extend(check_content_links(portal, routes))
        if report.errors:
            return None
        texts = []
        if measure_aside:
            pending = Pending(lambda: _plain_language_findings(portal, routes, config, strict))
        else:
            texts = measure_portal(portal, routes)
            report.extend(check_plain_language(texts, config.plain_language, strict))
            if report.errors:
                return None
        theme = find_theme(loaded)
        static = dict(content.images)
        logo = find_logo(loaded)
        if logo:
            static[logo_target(config)] = logo
        rendered = render(portal, routes, theme.templates, ENGINES[config.engine].label,
                          last_audit(loaded.root / AUDIT_REPORT), memo)
        return Prepared(loaded, portal, routes, theme, rendered, static, tuple(texts), pending)
    except BuildFailed as failed:
        report.extend(failed.diagnostics)
        if pending is not None:  # the theme, logo or a template failed after measuring began
            report.extend(pending.result())
        return None
    except BaseException:
        if pending is not None:
            pending.close()
        raise


def check(config_path: Path, strict: bool = False) -> Result:
    """Validate, measure and render everything; write nothing."""
    report = Report()
    return Result(report, prepare(config_path, report, strict))


def build(config_path: Path, out: Path | None = None, strict: bool = False,
          preview: PreviewSite | None = None) -> Result:
    """Build and swap into place; `preview` (portaal serve) builds again only what changed.

    A cold build measures the texts on another core while the engine builds; the site is only
    swapped into place once their findings are in and hold no error (the preview measures in
    its own process, where unchanged texts are remembered)."""
    report = Report()
    result = Result(report, prepare(config_path, report, strict, measure_aside=preview is None,
                                    memo=preview.render_memo if preview is not None else None))
    prepared = result.prepared
    if prepared is None:
        return result
    loaded = prepared.loaded
    base_path = urlsplit(loaded.config.site_url or "/").path or "/"
    site = out or loaded.root / "site"

    pending = [prepared.plain_language] if prepared.plain_language else []

    def plain_language(_built: Path) -> list[Diagnostic]:
        found = pending.pop().result() if pending else []
        report.extend([d for d in found if d.severity != "error"])
        return [d for d in found if d.severity == "error"]  # these stop the swap (publish)

    try:
        (preview.build if preview is not None else build_site)(loaded.config, prepared.rendered, prepared.theme, site, prepared.glossary_terms,
                   checks=(plain_language, lambda built: check_links(built, base_path, preview.links if preview else None)),
                   config_file=display_path(loaded.path), static=prepared.static)
        result.site = site
    except BuildFailed as failed:
        report.extend(failed.diagnostics)
    except BaseException:  # interrupted (Ctrl+C) or a bug: stop measuring, do not measure again here
        if pending:
            pending.pop().close()
        raise
    finally:
        if pending:  # the engine failed before the checks: still report the findings, reap the child
            report.extend(pending.pop().result())
    return result
