"""Portal -> docs tree ({docs path: Markdown text}) and the navigation, through Jinja2 templates."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .colors import DARK_BACKGROUND, LIGHT_BACKGROUND
from .diagnostics import BuildFailed, Diagnostic, Location
from .feedback.forms import render_form
from .markup import markdown_text, markdown_to_html
from .models import CycleMethod, RouteMethod, SessionMethod
from .resolve import Portal, slugify
from .statement import compliance_status
from .urls import relative, url_of

CASES = "praktijkvoorbeelden"
METHODS = "methoden"
CHECKLISTS = "checklists"
FEEDBACK = "feedback"
ACCOUNTABILITY_PAGE = f"{FEEDBACK}/wat-deden-we"
PAGE_WIDGET = "pagina-nuttig"  # the form under every content page
PAGE_PLACEHOLDER = "__PORTAAL_PAGINA__"  # replaced by each page's own address in main.html
STATUS_LABELS = {"ontvangen": "Ontvangen", "in-behandeling": "In behandeling", "aangepast": "Aangepast",
                 "niet-overgenomen": "Niet overgenomen"}
GLOSSARY = "begrippen.md"
ABOUT_SLUG = "over"
ACCESSIBILITY = "toegankelijkheid.md"
# Files generated from the configuration rather than from content: template -> output path.
GENERATED_ASSETS = {"colors.css.j2": "assets/portaal-colors.css"}


@dataclass(frozen=True)
class PageSpec:
    path: str  # docs path, e.g. 'praktijkvoorbeelden/almere.md'
    template: str
    context: dict[str, Any] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return url_of(self.path)


@dataclass(frozen=True)
class Rendered:
    files: dict[str, str]  # docs path -> Markdown
    nav: list  # MkDocs nav structure
    glossary: dict  # for the glossary_marks hook: the glossary page's URL and every term
    widget: str  # the "Was deze pagina nuttig?" form for main.html ('' when there is none)


def case_url(slug: str) -> str:
    return f"{CASES}/{slug}/"


def method_url(slug: str) -> str:
    return f"{METHODS}/{slug}/"


def phase_url(method_slug: str, phase_slug: str) -> str:
    return f"{METHODS}/{method_slug}/{phase_slug}/"


def term_url(slug: str) -> str:
    return f"{url_of(GLOSSARY)}#{slug}"


def source_url(source_id: str) -> str:
    return f"{ABOUT_SLUG}/#bron-{source_id}"


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


def checklist_url(slug: str) -> str:
    return f"{CHECKLISTS}/{slug}/"


def facet_url(kind: str, slug: str) -> str:
    return f"{CASES}/{kind}/{slug}/"


def plan_pages(portal: Portal) -> list[PageSpec]:
    """Every page of the site, in one list: what is built is exactly what is here."""
    pages = [PageSpec(f"{CASES}/index.md", "cases.md.j2")]
    for kind, facets, title in (("vorm", portal.by_form, "Vorm van betrekken"),
                                ("fase", portal.by_phase, "Fase van het lemniscaat"),
                                ("methode", portal.by_method, "Methode"),
                                ("instrument", portal.by_instrument, "Werkvorm")):
        for facet in facets:
            if facet.cases:
                pages.append(PageSpec(f"{CASES}/{kind}/{facet.slug}.md", "facet.md.j2",
                                      {"facet": facet, "kind": kind, "kind_title": title}))
    pages += [PageSpec(f"{CASES}/{case.slug}.md", "case.md.j2", {"case": case}) for case in portal.cases]
    pages.append(PageSpec(f"{METHODS}/index.md", "methods.md.j2"))
    for method in portal.methods:
        model = method.model
        if isinstance(model, RouteMethod):
            pages.append(PageSpec(f"{METHODS}/{method.slug}.md", "method_route.md.j2", {"method": method}))
        elif isinstance(model, SessionMethod):
            pages.append(PageSpec(f"{METHODS}/{method.slug}.md", "method_session.md.j2", {"method": method}))
            pages.append(PageSpec(f"{METHODS}/{method.slug}/sessieplan.md", "session_plan.md.j2", {"method": method}))
        elif isinstance(model, CycleMethod):
            pages.append(PageSpec(f"{METHODS}/{method.slug}.md", "method_cycle.md.j2", {"method": method}))
            for index, phase in enumerate(model.phases):
                pages.append(PageSpec(f"{METHODS}/{method.slug}/{phase.slug}.md", "phase.md.j2",
                                      {"method": method, "phase": phase, "index": index}))
    if portal.checklists:
        pages.append(PageSpec(f"{CHECKLISTS}/index.md", "checklists.md.j2"))
        pages += [PageSpec(f"{CHECKLISTS}/{c.slug}.md", "checklist.md.j2", {"checklist": c}) for c in portal.checklists]
    public_forms = [f for f in portal.forms if f.slug != PAGE_WIDGET]
    if public_forms or portal.accountability:
        pages.append(PageSpec(f"{FEEDBACK}/index.md", "feedback.md.j2", {"forms": public_forms}))
    for form in portal.forms:
        pages.append(PageSpec(f"{FEEDBACK}/{form.slug}.md", "feedback_form.md.j2", {"form": form}))
        pages.append(PageSpec(f"{FEEDBACK}/{form.slug}/bedankt.md", "feedback_thanks.md.j2", {"form": form}))
    if portal.accountability:
        signals = portal.accountability.model.signals
        pages.append(PageSpec(f"{ACCOUNTABILITY_PAGE}.md", "accountability.md.j2", {"status": None, "signals": signals}))
        for status in STATUS_LABELS:
            chosen = [signal for signal in signals if signal.status == status]
            if chosen:
                pages.append(PageSpec(f"{ACCOUNTABILITY_PAGE}/{status}.md", "accountability.md.j2",
                                      {"status": status, "signals": chosen}))
    pages.append(PageSpec(GLOSSARY, "glossary.md.j2"))
    pages.append(PageSpec(ACCESSIBILITY, "accessibility.md.j2",
                          {"status": compliance_status(portal.config.accessibility, portal.config.updated)}))
    for page in portal.pages:
        template = {"index": "home.md.j2", ABOUT_SLUG: "about.md.j2"}.get(page.slug, "page.md.j2")
        pages.append(PageSpec("index.md" if page.slug == "index" else f"{page.slug}.md", template, {"page": page}))
    return pages


def plan_nav(portal: Portal) -> list:
    """A small, fixed-size navigation: cases are reached through overview pages, not the menu."""
    free = [p for p in portal.pages if p.meta.nav_order is not None and p.slug not in ("index", ABOUT_SLUG)]
    nav: list = []
    home = next((p for p in portal.pages if p.slug == "index"), None)
    if home:
        nav.append({home.meta.nav_title or home.meta.title: "index.md"})
    nav.append({"Praktijkvoorbeelden": f"{CASES}/index.md"})
    nav.append({"Methoden": [{"Overzicht": f"{METHODS}/index.md"}]
                + [{m.model.title: f"{METHODS}/{m.slug}.md"} for m in portal.methods]})
    if portal.checklists:
        nav.append({"Checklists": f"{CHECKLISTS}/index.md"})
    if any(f.slug != PAGE_WIDGET for f in portal.forms) or portal.accountability:
        nav.append({"Praat mee": f"{FEEDBACK}/index.md"})
    nav.append({"Begrippen": GLOSSARY})
    nav += [{p.meta.nav_title or p.meta.title: f"{p.slug}.md"} for p in free]
    about = next((p for p in portal.pages if p.slug == ABOUT_SLUG), None)
    if about:
        nav.append({about.meta.nav_title or about.meta.title: f"{ABOUT_SLUG}.md"})
    return nav


@jinja2.pass_context
def _markdown_filter(context, text: str, top: int = 3):
    """Markdown from content, with image paths made relative to the page being rendered."""
    root = relative(context["spec"].url, "")
    return markdown_to_html(text, top, root="" if root == "./" else root)


def environment(template_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir)),
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = _markdown_filter
    env.filters["mdtext"] = markdown_text
    env.filters["slugify"] = slugify
    return env


def render(portal: Portal, template_dir: Path) -> Rendered:
    env = environment(template_dir)
    files: dict[str, str] = {}
    errors: list[Diagnostic] = []
    for spec in plan_pages(portal):
        def link(target: str, _from: str = spec.url) -> str:
            return relative(_from, target)

        context = {
            "portal": portal, "config": portal.config, "spec": spec, "link": link,
            "case_url": case_url, "method_url": method_url, "phase_url": phase_url, "term_url": term_url,
            "source_url": source_url, "facet_url": facet_url, "checklist_url": checklist_url,
            "feedback_form_html": lambda slug, _url=spec.url: Markup(render_feedback_form(portal, slug, _url)),
            "form_action": lambda slug: form_action(portal, slug), "STATUS_LABELS": STATUS_LABELS, "isinstance": isinstance,
            "RouteMethod": RouteMethod, "SessionMethod": SessionMethod, "CycleMethod": CycleMethod,
            **spec.context,
        }
        try:
            files[spec.path] = env.get_template(spec.template).render(context)
        except jinja2.TemplateError as error:
            # A template bug, not a content error: name the template and line.
            line = getattr(error, "lineno", None) or 1
            name = getattr(error, "filename", None) or str(template_dir / spec.template)
            errors.append(Diagnostic("E020", f"sjabloonfout bij {spec.path}: {error.message or error}", Location(name, line, 1)))
    for template, path in GENERATED_ASSETS.items():
        files[path] = env.get_template(template).render(
            config=portal.config, light_background=LIGHT_BACKGROUND, dark_background=DARK_BACKGROUND)
    if errors:
        raise BuildFailed(errors)
    glossary = {"url": url_of(GLOSSARY),
                "terms": [{"slug": t.slug, "names": [t.term, *t.aliases], "definition": t.definition} for t in portal.terms]}
    widget = render_feedback_form(portal, PAGE_WIDGET, PAGE_PLACEHOLDER) \
        if any(f.slug == PAGE_WIDGET for f in portal.forms) else ""
    return Rendered(files, plan_nav(portal), glossary, widget)
