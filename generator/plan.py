"""The site plan: which pages a portal has, at which address, and the small navigation.

Every address scheme lives here and nowhere else; everything that links asks the resulting
route table (routes.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .diagnostics import Location
from .models import CycleMethod, RouteMethod, SessionMethod
from .routes import Route, Routes
from .security import expires as security_expires
from .statement import compliance_status

if TYPE_CHECKING:  # kinds.py names the page functions below; resolve.py loads kinds.py
    from .resolve import Portal

CASES = "praktijkvoorbeelden"
METHODS = "methoden"
CHECKLISTS = "checklists"
FEEDBACK = "feedback"
PAGE_WIDGET = "pagina-nuttig"  # the form under every content page
STATUS_LABELS = {"ontvangen": "Ontvangen", "in-behandeling": "In behandeling", "besloten": "Besloten",
                 "aangepast": "Aangepast", "niet-overgenomen": "Niet overgenomen"}
SIGNALS = "signalen"  # one page per signal, under the accountability page
ABOUT_SLUG = "over"
SECURITY_TXT = ".well-known/security.txt"  # fixed by RFC 9116
FACET_KINDS = (("vorm", "by_form", "Vorm van betrekken"), ("fase", "by_phase", "Fase van het lemniscaat"),
               ("methode", "by_method", "Methode"), ("instrument", "by_instrument", "Werkvorm"))
_METHOD_TEMPLATES = {RouteMethod: "method_route.md.j2", SessionMethod: "method_session.md.j2",
                     CycleMethod: "method_cycle.md.j2"}


def _origin(item) -> Location:
    return Location(item.document.file, 1, 1)


def page_routes(portal: Portal) -> list[Route]:
    routes = []
    for page in portal.pages:
        template = {"index": "home.md.j2", ABOUT_SLUG: "about.md.j2"}.get(page.slug, "page.md.j2")
        routes.append(Route(("page", page.slug), "index.md" if page.slug == "index" else f"{page.slug}.md",
                            template, page.meta.title, {"page": page}, _origin(page)))
    return routes


def case_routes(portal: Portal) -> list[Route]:
    routes = [Route(("cases",), f"{CASES}/index.md", "cases.md.j2", "Praktijkvoorbeelden")]
    for kind, attribute, title in FACET_KINDS:
        for facet in getattr(portal, attribute):
            if facet.cases:
                routes.append(Route(("facet", kind, facet.slug), f"{CASES}/{kind}/{facet.slug}.md", "facet.md.j2",
                                    f"{title}: {facet.label}", {"facet": facet, "kind": kind, "kind_title": title}))
    routes += [Route(("case", case.slug), f"{CASES}/{case.slug}.md", "case.md.j2", case.model.title,
                     {"case": case}, _origin(case)) for case in portal.cases]
    return routes


def method_routes(portal: Portal) -> list[Route]:
    routes = [Route(("methods",), f"{METHODS}/index.md", "methods.md.j2", "Methoden")]
    for method in portal.methods:
        model, base = method.model, f"{METHODS}/{method.slug}"
        routes.append(Route(("method", method.slug), f"{base}.md", _METHOD_TEMPLATES[type(model)], model.title,
                            {"method": method}, _origin(method)))
        if isinstance(model, SessionMethod):
            routes.append(Route(("session-plan", method.slug), f"{base}/sessieplan.md", "session_plan.md.j2",
                                f"Sessieplan: {model.title}", {"method": method}, _origin(method)))
        if isinstance(model, CycleMethod):
            routes += [Route(("phase", method.slug, phase.slug), f"{base}/{phase.slug}.md", "phase.md.j2",
                             f"Fase {index + 1}: {phase.title}", {"method": method, "phase": phase, "index": index},
                             _origin(method)) for index, phase in enumerate(model.phases)]
    return routes


def checklist_routes(portal: Portal) -> list[Route]:
    if not portal.checklists:
        return []
    return [Route(("checklists",), f"{CHECKLISTS}/index.md", "checklists.md.j2", "Checklists"),
            *(Route(("checklist", c.slug), f"{CHECKLISTS}/{c.slug}.md", "checklist.md.j2", c.model.title,
                    {"checklist": c}, _origin(c)) for c in portal.checklists)]


def thanks_address(form_slug: str) -> str:
    """Where a form's thank-you page lives; the receiver redirects there after a plain POST."""
    return f"{FEEDBACK}/{form_slug}/bedankt/"


def thank_you_pages(routes: Routes, forms) -> dict[str, str]:
    """Form slug -> the address of its thank-you page, as the route table has it (for the receiver)."""
    return {form.slug: routes.url("thanks", form.slug) for form in forms if routes.has("thanks", form.slug)}


def form_routes(portal: Portal) -> list[Route]:
    routes = []
    public_forms = [f for f in portal.forms if f.slug != PAGE_WIDGET]
    if public_forms or portal.accountability:
        routes.append(Route(("participate",), f"{FEEDBACK}/index.md", "feedback.md.j2", "Praat mee",
                            {"forms": public_forms}))
    for form in portal.forms:
        routes.append(Route(("form", form.slug), f"{FEEDBACK}/{form.slug}.md", "feedback_form.md.j2",
                            form.model.title, {"form": form}, _origin(form), widget=False))
        routes.append(Route(("thanks", form.slug), f"{thanks_address(form.slug)}index.md", "feedback_thanks.md.j2",
                            "Bedankt", {"form": form}, _origin(form), widget=False))
    return routes


def accountability_routes(portal: Portal) -> list[Route]:
    routes = []
    if portal.accountability:
        account = portal.accountability
        signals, base = account.model.signals, f"{FEEDBACK}/wat-deden-we"
        routes.append(Route(("accountability",), f"{base}.md", "accountability.md.j2", account.model.title,
                            {"status": None, "signals": signals}, _origin(account)))
        for status, label in STATUS_LABELS.items():
            chosen = [signal for signal in signals if signal.status == status]
            if chosen:
                routes.append(Route(("accountability", status), f"{base}/{status}.md", "accountability.md.j2",
                                    f"{account.model.title}: {label.lower()}", {"status": status, "signals": chosen},
                                    _origin(account)))
        routes += [Route(("signal", signal.id), f"{base}/{SIGNALS}/{signal.id}.md", "signal.md.j2", signal.title,
                         {"signal": signal}, _origin(account)) for signal in signals]
    return routes


def _site_routes(portal: Portal) -> list[Route]:
    status = compliance_status(portal.config.accessibility, portal.config.updated)
    return [Route(("glossary",), "begrippen.md", "glossary.md.j2", "Begrippen"),
            Route(("sources",), "bronnen.md", "sources.md.j2", "Bronnen"),
            Route(("client-support",), "clientondersteuning.md", "client_support.md.j2",
                  "Cliëntondersteuning: iemand die met je meedenkt"),
            Route(("statement",), "toegankelijkheid.md", "accessibility.md.j2", "Toegankelijkheidsverklaring",
                  {"status": status}),
            *_public_sector_routes(portal)]


def _public_sector_routes(portal: Portal) -> list[Route]:
    """The pages every Dutch government site has, from site_config (contact, privacy, security)."""
    asks_email = any(field.type == "email" for form in portal.forms for field in form.model.fields)
    return [Route(("contact",), "contact.md", "contact.md.j2", "Contact"),
            Route(("privacy",), "privacy.md", "privacy.md.j2", "Privacy", {"asks_email": asks_email,
                  "has_widget": any(form.slug == PAGE_WIDGET for form in portal.forms)}),
            Route(("security",), "kwetsbaarheid-melden.md", "security.md.j2", "Kwetsbaarheid melden",
                  {"security_expires": security_expires(portal.config)})]


def plan_routes(portal: Portal) -> Routes:
    """Every page of the site: what is built is exactly what is here. Portaal's own pages come
    first, so a content file that wants one of their addresses is the one reported."""
    from .kinds import KINDS  # here, not at the top: kinds.py imports this module's page functions

    routes = Routes([*_site_routes(portal), *(route for kind in KINDS if kind.pages for route in kind.pages(portal))])
    routes.add_file(("security-txt",), SECURITY_TXT)
    for term in portal.terms:
        routes.add_anchor(("term", term.slug), ("glossary",), term.slug)
    for source_id in portal.sources:
        routes.add_anchor(("source", source_id), ("sources",), f"bron-{source_id}")
    return routes


def plan_nav(portal: Portal, routes: Routes) -> list[tuple[str, str | list]]:
    """A small, fixed-size navigation (title, docs path): cases are reached through overview
    pages, not the menu. Titles are plain text; the engine module escapes them."""
    def entry(*key: str) -> list[tuple[str, str]]:
        route = routes.get(*key)
        return [(route.title if key[0] != "page" else route.context["page"].meta.nav_title or route.title,
                 route.docs_path)] if route else []

    free = [p for p in portal.pages if p.meta.nav_order is not None and p.slug not in ("index", ABOUT_SLUG)]
    nav: list = [*entry("page", "index"), *entry("cases")]
    methods = [("Overzicht", routes.get("methods").docs_path)] + [e for m in portal.methods for e in entry("method", m.slug)]
    nav.append(("Methoden", methods))
    nav += entry("checklists") + entry("participate") + entry("glossary")
    nav += [e for p in free for e in entry("page", p.slug)]
    nav += entry("page", ABOUT_SLUG)
    return nav
