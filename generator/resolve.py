"""Cross references and derived indexes: content -> one consistent Portal, or located errors."""

from __future__ import annotations

import hashlib
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from .config import LoadedConfig
from .content import Content, Item, Page
from .diagnostics import Diagnostic, Location, Report
from . import kinds
from .images import check_field_images, check_text_images, strings_of
from .markup import MAX_NESTING, nesting_too_deep
from .source import KeyPath, text_location
from .models import Accountability, Case, Checklist, CycleMethod, FeedbackForm, Method, Phase, SiteConfig, Source, Term
from .validate import suggest
from .checks.glossary_forms import check_forms

TOO_DEEP = (f"opsommingen of citaten staan hier meer dan {MAX_NESTING} niveaus in elkaar; maak de tekst minder diep")
# Where an editor finds the valid values of a reference, for messages without a close match.
LISTED_IN = {"bron": "'portaal list sources'", "begrip": "'portaal list terms'", "methode": "'portaal list methods'",
             "lemniscaatfase": "'portaal list phases'"}
FORM_LABELS = {"peilend": "Peilend", "verdiepend": "Verdiepend", "structureel": "Structureel"}


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = "".join(c if c.isalnum() else " " for c in ascii_text).split()
    return "-".join(words)


MAX_SLUG = 60  # an address part stays well under any file system's name limit


def instrument_slug(label: str) -> str:
    """The address of a free label ('Dialoogtafels' -> 'dialoogtafels'). A label with no Latin
    letters ('部落格', an emoji) or a very long one gets a short, stable name from its hash."""
    slug = slugify(label)
    if slug and len(slug) <= MAX_SLUG:
        return slug
    digest = hashlib.sha1(label.encode("utf-8")).hexdigest()[:8]
    kept = slug[:MAX_SLUG - 9].rsplit("-", 1)[0] if slug else "werkvorm"
    return f"{kept}-{digest}"


@dataclass(frozen=True)
class PhaseRef:
    method: Item[Method]
    index: int
    phase: Phase


@dataclass(frozen=True)
class Facet:
    """One way of browsing the cases: a value (e.g. 'peilend') with its cases."""

    slug: str
    label: str
    cases: tuple[Item[Case], ...]


@dataclass(frozen=True)
class Portal:
    config: SiteConfig
    config_document: object
    sources: dict[str, Source]
    terms: tuple[Term, ...]
    term_items: tuple[Item[Term], ...]  # the same terms with the document they came from
    cases: tuple[Item[Case], ...]  # sorted by municipality, then title
    methods: tuple[Item[Method], ...]
    checklists: tuple[Item[Checklist], ...]
    forms: tuple[Item[FeedbackForm], ...]
    accountability: Item[Accountability] | None
    phases: dict[str, PhaseRef]
    pages: tuple[Page, ...]
    by_form: tuple[Facet, ...]
    by_instrument: tuple[Facet, ...]
    by_method: tuple[Facet, ...]
    by_phase: tuple[Facet, ...]
    # Every kind's items as loaded and merged, by kind name: a kind added in kinds.py reads its
    # own here (the named fields above are the same items, checked, sorted and cross-referenced).
    items: dict[str, list]

    def method(self, slug: str) -> Item[Method]:
        return next(m for m in self.methods if m.slug == slug)

    def term(self, slug: str) -> Term:
        return next(t for t in self.terms if t.slug == slug)


def _check_refs(item, field: str, values, known: dict, what: str, report: Report, skip=frozenset(),
                excluded=frozenset(), exclude_key: str = "") -> None:
    for index, value in enumerate(values):
        if value not in known and value not in skip:
            location = item.document.locate((field, index))
            if value in excluded:
                reason = f" niet meer: uitgesloten in site_config.yml (exclude.{exclude_key})"
            else:
                reason = f" niet{suggest(value, sorted(known), LISTED_IN.get(what))}"
            report.add(Diagnostic("E006", f"'{field}[{index + 1}]': {what} '{value}' bestaat{reason}", location))


def _check_checklist(item: Item[Checklist], sources: dict | None, report: Report) -> None:
    """Section and item ids are unique (saved answers hang on them); every source exists."""
    # Positions cost a second, slower parse of the file: worked out only for a duplicate.
    seen: dict[str, KeyPath] = {}
    for s_index, section in enumerate(item.model.sections):
        for i_index, question in enumerate(section.items):
            at = ("sections", s_index, "items", i_index, "id")
            if question.id in seen:
                report.add(Diagnostic("E007", f"dubbele vraag-id '{question.id}': bestaat al "
                                              f"({item.document.locate(seen[question.id])})", item.document.locate(at)))
            seen.setdefault(question.id, at)
            if sources is not None:
                for k, ref in enumerate(question.sources):
                    if ref not in sources:
                        where = ("sections", s_index, "items", i_index, "sources", k)
                        report.add(Diagnostic("E006", f"'sections[{s_index + 1}].items[{i_index + 1}].sources[{k + 1}]': "
                                                      f"bron '{ref}' bestaat niet{suggest(ref, sorted(sources), LISTED_IN['bron'])}",
                                              item.document.locate(where)))
    section_ids: set[str] = set()
    for s_index, section in enumerate(item.model.sections):
        if section.id in section_ids:
            report.add(Diagnostic("E007", f"dubbele onderdeel-id '{section.id}'",
                                  item.document.locate(("sections", s_index, "id"))))
        section_ids.add(section.id)
    if sources is not None:
        _check_refs(item, "sources", item.model.sources, sources, "bron", report)


def _check_form(item: Item[FeedbackForm], report: Report) -> None:
    """What the schema cannot say: options only for choices, a scale only for scales, unique ids."""
    seen: set[str] = set()
    for index, field in enumerate(item.model.fields):
        at = ("fields", index)
        if field.id in seen:
            report.add(Diagnostic("E007", f"dubbele veld-id '{field.id}'", item.document.locate(at + ("id",))))
        seen.add(field.id)
        if field.type == "choice" and len(field.options) < 2:
            report.add(Diagnostic("E005", f"'fields[{index + 1}].options': een keuzeveld heeft minstens twee keuzes",
                                  item.document.locate(at)))
        if field.type != "choice" and field.options:
            report.add(Diagnostic("E009", f"'fields[{index + 1}].options' hoort alleen bij type choice",
                                  item.document.locate(at + ("options",), at_key=True)))
        if field.type == "scale" and field.scale is None:
            report.add(Diagnostic("E005", f"verplicht veld 'fields[{index + 1}].scale' ontbreekt bij type scale",
                                  item.document.locate(at)))
        if field.type != "scale" and field.scale is not None:
            report.add(Diagnostic("E009", f"'fields[{index + 1}].scale' hoort alleen bij type scale",
                                  item.document.locate(at + ("scale",), at_key=True)))
        if field.show_when is not None:
            earlier = {f.id: f for f in item.model.fields[:index]}
            condition = field.show_when
            target = earlier.get(condition.field)
            if target is None or target.type != "choice":
                report.add(Diagnostic("E006", f"'fields[{index + 1}].show_when.field': '{condition.field}' is geen eerder "
                                              "keuzeveld", item.document.locate(at + ("show_when", "field"))))
            elif condition.value not in target.options:
                report.add(Diagnostic("E009", f"'fields[{index + 1}].show_when.value': '{condition.value}' is geen keuze "
                                              f"van '{condition.field}'", item.document.locate(at + ("show_when", "value"))))
        if field.scale is not None and field.scale.min >= field.scale.max:
            report.add(Diagnostic("E009", f"'fields[{index + 1}].scale': min moet kleiner zijn dan max",
                                  item.document.locate(at + ("scale",))))


def _check_signals(item: Item[Accountability], report: Report) -> None:
    seen: set[str] = set()
    for index, signal in enumerate(item.model.signals):
        if signal.id in seen:
            report.add(Diagnostic("E007", f"dubbele signaal-id '{signal.id}'", item.document.locate(("signals", index, "id"))))
        seen.add(signal.id)
        if signal.updated < signal.received:
            report.add(Diagnostic("E009", f"'signals[{index + 1}].updated' ligt vóór 'received'",
                                  item.document.locate(("signals", index, "updated"))))
        _check_history(item, index, signal, report)
        for number, changed in enumerate(signal.changed):
            at = ("signals", index, "changed", number)
            if (changed.page is None) == (changed.url is None):
                report.add(Diagnostic("E009" if changed.page else "E005",
                                      f"'signals[{index + 1}].changed[{number + 1}]' heeft precies één van 'page' "
                                      "(een pagina op deze site) of 'url' (https) nodig", item.document.locate(at)))


def _check_history(item: Item[Accountability], index: int, signal, report: Report) -> None:
    """The timeline reads forwards: dates in order, from 'received', ending at 'status' on 'updated'."""
    history, name = signal.history, f"signals[{index + 1}].history"
    at = ("signals", index, "history")
    previous = signal.received  # the last date that was in order: one misplaced step is one error
    for number, step in enumerate(history):
        where = item.document.locate(at + (number, "date"))
        if step.date < signal.received:
            report.add(Diagnostic("E009", f"'{name}[{number + 1}].date' ligt vóór 'received' ({signal.received})", where))
        elif step.date > signal.updated:
            report.add(Diagnostic("E009", f"'{name}[{number + 1}].date' ligt na 'updated' ({signal.updated})", where))
        elif step.date < previous:
            report.add(Diagnostic("E009", f"'{name}[{number + 1}].date' ligt vóór de stap ervoor "
                                          f"({previous}); zet de stappen op datum, oudste eerst", where))
        else:
            previous = step.date
    if history and history[-1].status != signal.status:
        report.add(Diagnostic("E009", f"de laatste stap van '{name}' heeft status '{history[-1].status}', maar 'status' "
                                      f"is '{signal.status}'", item.document.locate(at + (len(history) - 1, "status"))))
    if history and history[-1].date != signal.updated:
        report.add(Diagnostic("E009", f"de laatste stap van '{name}' heeft datum {history[-1].date}, maar 'updated' "
                                      f"is {signal.updated}", item.document.locate(at + (len(history) - 1, "date"))))


def _file_start(item) -> Location:
    return Location(item.document.file, 1, 1)


def _facets(pairs: dict[str, list[Item[Case]]], labels: dict[str, str]) -> tuple[Facet, ...]:
    return tuple(Facet(slug, labels[slug], tuple(cases)) for slug, cases in sorted(pairs.items(), key=lambda p: labels[p[0]].lower()))


def resolve(loaded: LoadedConfig, content: Content, report: Report) -> Portal | None:
    """Check every reference; return the Portal, or None when anything (here or earlier) failed."""
    sources: dict[str, Source] = {item.slug: item.model for item in content.sources}
    terms: dict[str, Term] = {item.slug: item.model for item in content.terms}
    methods = {item.slug: item for item in content.methods}
    cases = {item.slug: item for item in content.cases}
    pages = {page.slug: page for page in content.pages}

    for item in content.terms:
        for index, ref in enumerate(item.model.see):
            if ref not in terms:
                location = item.document.locate(item.path + ("see", index))
                report.add(Diagnostic("E006", f"'terms[{item.path[1] + 1}].see[{index + 1}]': begrip '{ref}' bestaat niet"
                                              f"{suggest(ref, sorted(terms), LISTED_IN['begrip'])}", location))
    for diagnostic in check_forms(content.terms):
        report.add(diagnostic)

    phases: dict[str, PhaseRef] = {}
    for method in methods.values():
        if isinstance(method.model, CycleMethod):
            for index, phase in enumerate(method.model.phases):
                location = method.document.locate(("phases", index, "slug"))
                if phase.slug in phases:
                    report.add(Diagnostic("E007", f"dubbele slug '{phase.slug}': fase bestaat al", location))
                else:
                    phases[phase.slug] = PhaseRef(method, index, phase)

    forms = {item.slug: item for item in content.forms}
    for form in forms.values():
        _check_form(form, report)
    if content.accountability:
        _check_signals(content.accountability, report)
    checklists = {item.slug: item for item in content.checklists}
    for checklist in checklists.values():
        _check_checklist(checklist, sources if not content.broken_sources else None, report)

    # References into a file that itself failed to validate would only repeat that error.
    for item in [*cases.values(), *methods.values()]:
        if not content.broken_sources:
            _check_refs(item, "sources", item.model.sources, sources, "bron", report)
    exclude = loaded.config.exclude
    for case in cases.values():
        _check_refs(case, "methods", case.model.methods, methods, "methode", report, skip=content.broken_methods,
                    excluded=set(exclude.methods), exclude_key="methods")
        if not content.broken_methods:
            _check_refs(case, "phases", case.model.phases, phases, "lemniscaatfase", report)
        if not content.broken_glossary:
            _check_refs(case, "terms", case.model.terms, terms, "begrip", report,
                        excluded=set(exclude.terms), exclude_key="terms")

    # Images in the Markdown fields each kind declares and in every page body; markup nesting in
    # every text of every YAML document (shared files once).
    documents = {}
    for kind in kinds.KINDS:
        for item in content.items[kind.name]:
            if kind.front_matter:
                continue  # page bodies: below
            documents[item.document.file] = item.document
            for path, text in kind.markdown_fields(item.document.value(item.path), item.path):
                report.extend(check_field_images(item.document, path, text, content.images))
    for document in documents.values():
        for path, text in strings_of(document.data):
            deep = nesting_too_deep(text)
            if deep is not None:
                report.add(Diagnostic("E009", TOO_DEEP, document.locate_offset(path, deep)))
    for page in pages.values():
        report.extend(check_text_images(page.body, page.document.file, page.body_line, content.images))
        deep = nesting_too_deep(page.body)
        if deep is not None:
            report.add(Diagnostic("E009", TOO_DEEP, text_location(page.body, deep, page.document.file, page.body_line)))

    if not content.has_sources or not content.has_glossary or report.errors:
        return None

    ordered = tuple(sorted(cases.values(), key=lambda c: (c.model.municipality.lower(), c.model.title.lower(), c.slug)))
    by: dict[str, dict[str, list[Item[Case]]]] = defaultdict(lambda: defaultdict(list))
    instrument_labels: dict[str, str] = {}
    for case in ordered:
        for form in dict.fromkeys(case.model.involvement):
            by["form"][form].append(case)
        for instrument in case.model.instruments:
            slug = instrument_slug(instrument)
            instrument_labels.setdefault(slug, instrument)
            if case not in by["instrument"][slug]:
                by["instrument"][slug].append(case)
        for method in dict.fromkeys(case.model.methods):
            by["method"][method].append(case)
        for phase in dict.fromkeys(case.model.phases):
            by["phase"][phase].append(case)

    method_order = tuple(sorted(methods.values(), key=lambda m: m.model.title.lower()))
    phase_facets = tuple(Facet(slug, ref.phase.title, tuple(by["phase"].get(slug, ())))
                         for slug, ref in phases.items())
    return Portal(
        config=loaded.config,
        config_document=loaded.document,
        sources=sources,
        terms=tuple(sorted(terms.values(), key=lambda t: t.term.lower())),
        term_items=tuple(sorted(content.terms, key=lambda t: t.model.term.lower())),
        cases=ordered,
        methods=method_order,
        checklists=tuple(sorted(checklists.values(), key=lambda c: c.model.title.lower())),
        forms=tuple(sorted(forms.values(), key=lambda f: f.slug)),
        accountability=content.accountability,
        phases=phases,
        pages=tuple(sorted(pages.values(), key=lambda p: (p.meta.nav_order is None, p.meta.nav_order or 0, p.slug))),
        by_form=tuple(Facet(f, FORM_LABELS[f], tuple(by["form"].get(f, ()))) for f in FORM_LABELS),
        by_instrument=_facets(by["instrument"], instrument_labels),
        by_method=tuple(Facet(m.slug, m.model.title, tuple(by["method"].get(m.slug, ()))) for m in method_order),
        by_phase=phase_facets,
        items=content.items,
    )
