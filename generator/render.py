"""Route table -> docs tree ({docs path: Markdown text}) through Jinja2 templates.

Templates get every address from the route table (`href('case', slug)`), so nothing here or in
a template spells out a URL. Text from content is escaped by Jinja's autoescape; Markdown
fields go through markup.py. What reaches the engine outside a page body (titles, names) is
escaped once more at that boundary, in engine.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from .colors import DARK_BACKGROUND, LIGHT_BACKGROUND
from .diagnostics import BuildFailed, Diagnostic, Location
from .feedback.forms import render_form
from .markup import markdown_text, markdown_to_html
from .models import CycleMethod, RouteMethod, SessionMethod
from .open_data import open_data_files
from .parallel import cores, map_in_parts
from .plan import PAGE_WIDGET, STATUS_LABELS, plan_nav
from .render_memo import RecordingContext, RecordingPortal, RenderMemo, recording, template_files
from .resolve import Portal, instrument_slug
from .routes import Route, Routes, relative
from .security import security_txt
from .statement import AuditResult
from .template_cache import compiled_templates

# Files generated from the configuration rather than from content: template -> output path.
GENERATED_ASSETS = {"colors.css.j2": "assets/portaal-colors.css"}
# Engine templates (theme overrides) that portaal fills in: template -> override path.
GENERATED_OVERRIDES = {"partials/copyright.html.j2": "partials/copyright.html", "partials/logo.html.j2": "partials/logo.html"}
WIDGET_TEMPLATE = "_page_feedback.j2"
TEMPLATE_FILES = "(template files)"  # a read of every page: the memo's name for the templates themselves
# The footer's links, as on Dutch government sites: what this site is, then the pages every
# government site has. A page the site does not build is left out.
FOOTER_LINKS = (("Cliëntondersteuning", ("client-support",)), ("Over deze site", ("page", "over")),
                ("Bronnen", ("sources",)), ("Contact", ("contact",)), ("Privacy", ("privacy",)),
                ("Toegankelijkheid", ("statement",)), ("Kwetsbaarheid melden", ("security",)))


@dataclass(frozen=True)
class Page:
    """One rendered page: its Markdown body and its plain-text title."""

    markdown: str
    title: str


@dataclass(frozen=True)
class Rendered:
    pages: dict[str, Page]  # docs path -> page
    assets: dict[str, str]  # docs path -> generated file (colours)
    overrides: dict[str, str]  # engine template path -> HTML for the engine's template language
    nav: list  # (title, docs path or list) pairs, plain text
    routes: Routes
    files: dict[str, str]  # site path -> text written next to the built pages (security.txt)


def form_action(portal: Portal, slug: str) -> tuple[str, bool]:
    """Where a form posts: the configured receiver, or the visitor's own e-mail program."""
    settings = portal.config.feedback
    if settings.endpoint:
        return f"{settings.endpoint}{slug}", False
    return f"mailto:{settings.email or portal.config.contact.email}", True


def render_feedback_form(portal: Portal, slug: str, page: str) -> str:
    form = next(f for f in portal.forms if f.slug == slug)
    action, mailto = form_action(portal, slug)
    return str(render_form(form.model, slug, action, page=page, mailto=mailto))


@jinja2.pass_context
def _markdown_filter(context, text: str, top: int = 3):
    """Markdown from content, with image paths made relative to the page being rendered."""
    return _page_markdown(context["route"].url, text, top)


@lru_cache(maxsize=50_000)
def _page_markdown(url: str, text: str, top: int) -> Markup:
    """Kept by page and text: the preview renders every page after each save, most unchanged."""
    root = relative(url, "")
    return markdown_to_html(text, top, root="" if root == "./" else root)


@lru_cache(maxsize=8)
def environment(template_dir: Path, finalize: str = "plain") -> jinja2.Environment:
    """One environment per template folder and kind of output, kept: it compiles each template once
    (the preview builds again and again) and recompiles a template whose file changed.
    `finalize`: 'markdown' for pages handed to the engine as Markdown, where every value a template
    prints is plain text, escaped once here for HTML and Markdown alike; 'engine' for the engine's
    own templates (see _engine_value)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir)),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=compiled_templates(f"portaal-{finalize}"),  # compiled code depends on finalize
    )
    env.filters["md"] = _markdown_filter
    env.context_class = RecordingContext  # notes the names a page's templates look up, for the preview's memo
    env.filters["instrument_slug"] = instrument_slug
    if finalize == "markdown":
        env.finalize = markdown_text
    elif finalize == "engine":
        env.finalize = _engine_value
    return env


def _engine_value(value) -> Markup:
    """Values in an engine template: escaped for HTML, and braces too, so that no text from the
    configuration is ever read as template code by the engine."""
    if isinstance(value, Markup):  # written by portaal itself (links, engine code)
        return value
    text = str(Markup.escape(value))
    return Markup(text.replace("{", "&#123;").replace("}", "&#125;").replace("%", "&#37;"))


def _engine_link(url: str) -> Markup:
    """A link in an engine template, made relative to each page by the engine's own `url` filter."""
    if any(c not in "abcdefghijklmnopqrstuvwxyz0123456789-/" for c in url):
        raise ValueError(f"unexpected characters in a route address: {url!r}")
    return Markup("{{ '%s' | url }}" % url)


def _render_overrides(portal: Portal, routes: Routes, template_dir: Path) -> dict[str, str]:
    env = environment(template_dir, "engine")
    footer = [(label, _engine_link(routes.url(*key))) for label, key in FOOTER_LINKS if routes.has(*key)]
    return {path: env.get_template(template).render(config=portal.config, footer=footer)
            for template, path in GENERATED_OVERRIDES.items() if (template_dir / template).is_file()}


def _read_values(portal: Portal, routes: Routes, template_dir: Path, engine_name: str,
                 audit: AuditResult | None) -> Callable[[str], object]:
    """For the render memo: what a page depends on through each name its templates looked up
    (None for constants, and for the route's own values, which the memo compares itself)."""
    addresses = lambda: {route.key: route.path for route in routes}  # noqa: E731 - all href() and has() read
    sources: dict[str, Callable[[], object]] = {
        "href": addresses, "has": addresses,
        "routes": lambda: tuple((route, route.context) for route in routes),
        "config": lambda: portal.config, "engine_name": lambda: engine_name, "last_audit": lambda: audit,
        "feedback_form_html": lambda: (portal.forms, portal.config), "form_action": lambda: (portal.forms, portal.config),
        TEMPLATE_FILES: lambda: template_files(template_dir),
    }
    known: dict[str, object] = {}

    def value(name: str) -> object:
        if name not in known:
            if name.startswith("portal."):
                attribute = getattr(portal, name.removeprefix("portal."), None)
                known[name] = None if callable(attribute) else attribute  # a method's own reads are noted
            else:
                known[name] = sources[name]() if name in sources else None
        return known[name]

    return value


def render(portal: Portal, routes: Routes, template_dir: Path, engine_name: str = "Material for MkDocs",
           audit: AuditResult | None = None, memo: RenderMemo | None = None) -> Rendered:
    """`memo` (the preview): pages whose templates read nothing that changed are not rendered again."""
    env = environment(template_dir, "markdown")
    has_widget = any(f.slug == PAGE_WIDGET for f in portal.forms)
    values = _read_values(portal, routes, template_dir, engine_name, audit) if memo is not None else None
    if memo is not None:
        memo.begin()
    shown_portal = RecordingPortal(portal) if memo is not None else portal

    def render_route(route: Route) -> Page | Diagnostic:
        if memo is None:
            return render_fresh(route)
        kept = memo.reuse(route, values)
        if kept is not None:
            return kept
        with recording() as reads:
            page = render_fresh(route)
        if isinstance(page, Page):  # whether a page has the widget depends on the forms: always a read
            memo.keep(route, reads | {TEMPLATE_FILES, "feedback_form_html"}, values, page)
        return page

    def render_fresh(route: Route) -> Page | Diagnostic:
        def href(*key: str, _from: str = route.url) -> Markup:
            return Markup(relative(_from, routes.url(*key)))  # an address portaal made: not text to escape

        context = {
            "portal": shown_portal, "config": portal.config, "route": route, "routes": routes, "href": href,
            "has": routes.has, "engine_name": engine_name, "last_audit": audit,
            "href_address": lambda url, _from=route.url: Markup(relative(_from, url)),  # a checked site address
            "feedback_form_html": lambda slug, _url=route.url: Markup(render_feedback_form(portal, slug, _url)),
            "form_action": lambda slug: form_action(portal, slug), "STATUS_LABELS": STATUS_LABELS,
            "isinstance": isinstance, "RouteMethod": RouteMethod, "SessionMethod": SessionMethod,
            "CycleMethod": CycleMethod, **route.context,
        }
        try:
            text = env.get_template(route.template).render(context)
            if has_widget and route.widget:
                text += env.get_template(WIDGET_TEMPLATE).render(
                    form_html=Markup(render_feedback_form(portal, PAGE_WIDGET, route.url)))
            return Page(text, route.title)
        except (jinja2.TemplateError, KeyError) as error:
            return _template_error(error, route, template_dir)

    # Pages are independent of each other: a large site's are shared over the cores.
    all_routes = list(routes)
    done = map_in_parts(lambda share: [render_route(route) for route in share], all_routes,
                        cores() if memo is None else 1)  # the memo is this process's own
    if memo is not None:
        memo.forget_all_but({route.docs_path for route in all_routes})
    pages = {route.docs_path: page for route, page in zip(all_routes, done) if isinstance(page, Page)}
    errors = [error for error in done if isinstance(error, Diagnostic)]
    if errors:
        raise BuildFailed(errors)
    assets = {path: environment(template_dir).get_template(template).render(
        config=portal.config, light_background=LIGHT_BACKGROUND, dark_background=DARK_BACKGROUND)
        for template, path in GENERATED_ASSETS.items()}
    assets.update(open_data_files(portal, routes))
    return Rendered(pages, assets, _render_overrides(portal, routes, template_dir), plan_nav(portal, routes), routes,
                    _site_files(portal, routes))


def _site_files(portal: Portal, routes: Routes) -> dict[str, str]:
    """Files outside the engine: it skips folders starting with '.', such as '.well-known'."""
    if not routes.has("security-txt"):
        return {}
    policy = routes.url("security") if routes.has("security") else None
    address = routes.url("security-txt")
    return {address: security_txt(portal.config, address, policy)}


def _template_error(error: Exception, route: Route, template_dir: Path) -> Diagnostic:
    """A template bug, not a content error: name the template and line."""
    if isinstance(error, KeyError):  # href() to a page that is not built
        return Diagnostic("E020", f"sjabloonfout bij {route.path}: link naar een pagina die niet bestaat: {error}",
                          Location(str(template_dir / route.template), 1, 1))
    line = getattr(error, "lineno", None) or 1
    name = getattr(error, "filename", None) or str(template_dir / route.template)
    return Diagnostic("E020", f"sjabloonfout bij {route.path}: {getattr(error, 'message', None) or error}",
                      Location(name, line, 1))
