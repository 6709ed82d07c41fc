"""Typed content models: the contract between content files and the generator.

No I/O here. Field descriptions are Dutch because they end up in the exported JSON Schema,
which editors see as autocompletion help in their editor.
"""

from __future__ import annotations

import datetime
import ipaddress
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

# Text that must say something: leading/trailing blanks stripped, never empty.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# Markdown fields are rendered with Python-Markdown and sanitised with nh3.
Markdown = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1),
                     Field(json_schema_extra={"format": "markdown"})]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


def _date_as_text(value: object) -> object:
    """YAML reads `2025-03-01` as a date; in a field that is text (a period, a source's date)
    the editor meant those characters, so they are kept as written."""
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


# Text that may be written as a date: 'period: 2025-03-01' is the text "2025-03-01".
DateText = Annotated[str, BeforeValidator(_date_as_text), StringConstraints(strip_whitespace=True, min_length=1)]

InvolvementForm = Literal["peilend", "verdiepend", "structureel"]


class Strict(BaseModel):
    """Base for every content model: unknown keys and silent type coercion are errors."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- shared pieces -------------------------------------------------------------------


class Section(Strict):
    title: Text = Field(description="Kop van de paragraaf.")
    body: Markdown = Field(description="Tekst van de paragraaf (Markdown).")


class Quote(Strict):
    text: Text = Field(description="Het citaat, zonder aanhalingstekens.")
    who: Text = Field(description="Wie het zei.")
    role: Text | None = Field(default=None, description="Rol of functie van de spreker.")
    lang: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?$")] | None = Field(
        default=None, description="Taal van het citaat als dat geen Nederlands is (bijv. 'en').")


# --- sources -------------------------------------------------------------------------


class Source(Strict):
    id: Slug = Field(description="Korte naam waarmee inhoud naar deze bron verwijst.")
    title: Text = Field(description="Titel van de bron.")
    publisher: Text | None = Field(default=None, description="Uitgever of auteur.")
    date: DateText | None = Field(default=None, description="Datum of jaar van verschijnen.")
    kind: Text | None = Field(default=None, description="Soort bron, bijv. 'artikel', 'handreiking', 'wet'.")
    url: Annotated[str, StringConstraints(pattern=r"^https://")] | None = Field(
        default=None, description="Adres op internet (https).")
    description: Text | None = Field(default=None, description="Wat deze bron bevat.")


class SourceList(Strict):
    sources: list[Source] = Field(min_length=1, description="Alle bronnen van de portal.")


# --- practice examples ---------------------------------------------------------------


class Case(Strict):
    """content/cases/<slug>.yml: one municipal practice example."""

    municipality: Text = Field(description="Gemeente of regio, bijv. 'Almere'.")
    title: Text = Field(description="Titel van het praktijkvoorbeeld.")
    period: DateText | int = Field(description="Jaar of periode, bijv. 2019 of '2014–2015'.")
    summary: Text = Field(description="'Kort gezegd': twee tot vier korte zinnen in eenvoudig Nederlands (B1).")
    involvement: list[InvolvementForm] = Field(
        min_length=1, description="Vorm van betrekken: peilend, verdiepend en/of structureel.")
    instruments: list[Text] = Field(
        default_factory=list, description="Werkvormen die zijn gebruikt, bijv. 'vragenlijst', 'klantenpanel'.")
    methods: list[Slug] = Field(
        default_factory=list, description="Methoden uit content/methods/ die dit voorbeeld laat zien.")
    phases: list[Slug] = Field(
        default_factory=list, description="Fasen van het lemniscaat die dit voorbeeld laat zien.")
    terms: list[Slug] = Field(default_factory=list, description="Begrippen uit de begrippenlijst.")
    sections: list[Section] = Field(min_length=1, description="De paragrafen van het voorbeeld.")
    quotes: list[Quote] = Field(default_factory=list, description="Citaten van betrokkenen.")
    lessons: list[Text] = Field(default_factory=list, description="Lessen en tips voor andere gemeenten.")
    sources: list[Slug] = Field(min_length=1, description="Bronnen (id's uit content/sources.yml).")


# --- methods -------------------------------------------------------------------------


class MethodBase(Strict):
    title: Text = Field(description="Naam van de methode.")
    summary: Text = Field(description="'Kort gezegd' in eenvoudig Nederlands (B1).")
    intro: Markdown = Field(description="Inleiding (Markdown).")
    sources: list[Slug] = Field(min_length=1, description="Bronnen (id's uit content/sources.yml).")


class RouteStep(Strict):
    title: Text = Field(description="Naam van de stap.")
    question: Text | None = Field(default=None, description="De vraag die bij deze stap hoort; leeg als de bron er geen noemt.")
    attention: list[Text] = Field(default_factory=list, description="Aandachtspunten.")


class RouteMethod(MethodBase):
    """A ladder with a route of steps: the trap van eigenaarschap and its Nieuwe Route."""

    kind: Literal["route"]
    author: Text | None = Field(default=None, description="Bedenker van de methode.")
    rungs: list[Text] = Field(default_factory=list, description="Wat de trap laat zien, van onder naar boven.")
    steps: list[RouteStep] = Field(min_length=1, description="De stappen van de route.")


class Strand(Strict):
    title: Text
    description: Text


class Duration(Strict):
    min: int = Field(ge=1, description="Minimaal aantal minuten.")
    max: int = Field(ge=1, description="Maximaal aantal minuten.")


class SessionStep(Strict):
    title: Text
    question: Text = Field(description="De vraag die de groep in deze stap beantwoordt.")
    work_form: Text = Field(description="Werkvorm: hoe de groep werkt.")
    duration: Duration = Field(description="Tijd voor deze stap in minuten.")
    motivation_goal: Text = Field(description="Motivatiedoel van deze stap.")
    facilitator_role: Text = Field(description="Wat de gespreksleider doet.")


class SessionMethod(MethodBase):
    """A method run as a session: Methode Jet. Also rendered as a printable session plan."""

    kind: Literal["session"]
    strands: list[Strand] = Field(min_length=1, description="De sporen van de methode (inhoud, motivatie).")
    steps: list[SessionStep] = Field(min_length=1)
    roles: list[Text] = Field(default_factory=list, description="Rollen tijdens de bijeenkomst.")
    conditions: list[Text] = Field(default_factory=list, description="Voorwaarden voor succes.")
    pitfalls: list[Text] = Field(default_factory=list, description="Valkuilen.")


class Phase(Strict):
    slug: Slug = Field(description="Korte naam van de fase, gebruikt in adressen en verwijzingen.")
    title: Text
    key_question: Text = Field(description="De kernvraag van deze fase.")
    summary: Text = Field(description="'Kort gezegd' over deze fase.")
    body: Markdown | None = None
    tips: list[Text] = Field(min_length=1)


class CycleMethod(MethodBase):
    """A cycle of phases: the lemniscaat Ervaringskennis in beleid."""

    kind: Literal["cycle"]
    phases: list[Phase] = Field(min_length=1)


Method = Annotated[RouteMethod | SessionMethod | CycleMethod, Field(discriminator="kind")]


# --- checklists ----------------------------------------------------------------------


class ChecklistItem(Strict):
    id: Slug = Field(description="Vaste korte naam; opgeslagen antwoorden horen hierbij. Niet meer wijzigen.")
    question: Text = Field(description="De vraag, zo dat ja / deels / nee / weet ik niet een antwoord is.")
    explanation: Text = Field(description="Uitleg in eenvoudig Nederlands (B1).")
    why: Text = Field(description="Waarom dit belangrijk is.")
    look_for: list[Text] = Field(min_length=1, description="Waar u op let of naar vraagt.")
    legal_basis: Text | None = Field(default=None, description="Wetsartikel, bijv. 'Wmo 2015 art. 2.3.2 lid 3'.")
    sources: list[Slug] = Field(min_length=1, description="Bronnen (id's uit content/sources.yml).")


class ChecklistSection(Strict):
    id: Slug = Field(description="Vaste korte naam van het onderdeel.")
    title: Text
    intro: Text | None = Field(default=None, description="Korte inleiding op dit onderdeel.")
    items: list[ChecklistItem] = Field(min_length=1)


class Checklist(Strict):
    """content/checklists/<slug>.yml: questions to check a municipality's cliëntondersteuning."""

    title: Text
    summary: Text = Field(description="'Kort gezegd' in eenvoudig Nederlands (B1).")
    audience: Text = Field(description="Voor wie deze checklist is.")
    intro: Markdown = Field(description="Inleiding (Markdown).")
    sections: list[ChecklistSection] = Field(min_length=1)
    sources: list[Slug] = Field(min_length=1, description="Bronnen (id's uit content/sources.yml).")


# --- feedback -------------------------------------------------------------------------

FieldType = Literal["choice", "scale", "text", "long_text", "email"]


class Scale(Strict):
    min: int = Field(default=1, description="Laagste waarde.")
    max: int = Field(default=5, description="Hoogste waarde.")
    min_label: Text = Field(description="Wat de laagste waarde betekent, bijv. 'heel slecht'.")
    max_label: Text = Field(description="Wat de hoogste waarde betekent, bijv. 'heel goed'.")


class ShowWhen(Strict):
    field: Slug = Field(description="Id van een eerder keuzeveld.")
    value: Text = Field(description="De keuze waarbij dit veld verschijnt.")


class FormField(Strict):
    id: Slug = Field(description="Vaste korte naam van het veld; opgeslagen antwoorden horen hierbij.")
    type: FieldType = Field(description="choice (keuze), scale (schaal), text, long_text of email.")
    label: Text = Field(description="De vraag of het label boven het veld.")
    help: Text | None = Field(default=None, description="Korte hulptekst onder het label.")
    required: bool = Field(default=False, description="true als het veld verplicht is.")
    options: list[Text] = Field(default_factory=list, description="Keuzes (alleen bij type choice).")
    scale: Scale | None = Field(default=None, description="De schaal (alleen bij type scale).")
    show_when: ShowWhen | None = Field(default=None, description="Alleen vragen na een bepaalde keuze, "
                                       "bijv. {field: nuttig, value: Nee}.")
    max_length: int | None = Field(default=None, ge=1, le=5000,
                                   description="Maximaal aantal tekens (standaard 200, bij long_text 2000).")

    @property
    def limit(self) -> int:
        return self.max_length or (2000 if self.type == "long_text" else 200)


class FeedbackForm(Strict):
    """content/feedback/<slug>.yml: a form residents fill in; received by `portaal feedback serve`."""

    title: Text
    summary: Text = Field(description="'Kort gezegd' in eenvoudig Nederlands (B1).")
    intro: Markdown | None = None
    fields: list[FormField] = Field(min_length=1)
    submit_label: Text = Field(default="Versturen", description="Tekst op de verzendknop.")
    thanks: Text = Field(description="Bedankt-tekst na het versturen.")


SignalStatus = Literal["ontvangen", "in-behandeling", "besloten", "aangepast", "niet-overgenomen"]


class SignalStep(Strict):
    date: datetime.date = Field(description="Datum van deze stap (JJJJ-MM-DD).")
    status: SignalStatus = Field(description="De status vanaf deze datum.")
    note: Text | None = Field(default=None, description="Wat er gebeurde; bij niet-overgenomen: waarom niet.")


class ChangedPage(Strict):
    """A page or decision the signal changed: a page of this site (its address) or a https link."""

    title: Text = Field(description="Naam van de pagina of het besluit.")
    page: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+(/[a-z0-9-]+)*/$")] | None = Field(
        default=None, description="Adres van een pagina op deze site, zonder '/' vooraan, bijv. 'clientondersteuning/'.")
    url: Annotated[str, StringConstraints(pattern=r"^https://")] | None = Field(
        default=None, description="Adres op internet (https), bijv. een raadsbesluit.")


class Signal(Strict):
    id: Slug = Field(description="Vaste korte naam van het signaal.")
    title: Text = Field(description="Waar het signaal over gaat, in een paar woorden.")
    received: datetime.date = Field(description="Datum waarop het binnenkwam.")
    channel: Text | None = Field(default=None, description="Hoe het binnenkwam, bijv. 'ervaringenkaart'.")
    summary: Text = Field(description="Wat inwoners zeiden, in eigen woorden samengevat.")
    status: SignalStatus = Field(description="ontvangen, in-behandeling, besloten, aangepast of niet-overgenomen.")
    updated: datetime.date = Field(description="Datum van de laatste stap.")
    response: Text = Field(description="Wat de gemeente deed; bij niet-overgenomen: waarom niet.")
    submissions: int | None = Field(default=None, ge=1, description="Voor hoeveel inzendingen dit signaal staat.")
    history: list[SignalStep] = Field(
        default_factory=list, description="Tijdlijn: elke statuswijziging met datum, oudste eerst. "
                                          "De laatste stap heeft de datum 'updated' en de status 'status'.")
    changed: list[ChangedPage] = Field(default_factory=list,
                                       description="Pagina's of besluiten die door dit signaal veranderden.")

    def timeline(self) -> list[SignalStep]:
        """The dated steps; without a written history: received, then the current status."""
        if self.history:
            return list(self.history)
        steps = [SignalStep(date=self.received, status="ontvangen")]
        if self.status != "ontvangen" or self.updated != self.received:
            steps.append(SignalStep(date=self.updated, status=self.status, note=self.response))
        return steps


class Accountability(Strict):
    """content/feedback/terugkoppeling.yml: signals received and what happened to each."""

    title: Text
    summary: Text = Field(description="'Kort gezegd' in eenvoudig Nederlands (B1).")
    intro: Markdown | None = None
    signals: list[Signal] = Field(default_factory=list)


# --- glossary ------------------------------------------------------------------------


class Term(Strict):
    term: Text = Field(description="Het begrip zoals het in teksten staat.")
    slug: Slug = Field(description="Korte naam voor verwijzingen en het adres.")
    definition: Text = Field(description="Uitleg in eenvoudig Nederlands.")
    aliases: list[Text] = Field(default_factory=list, description="Andere namen of afkortingen.")
    see: list[Slug] = Field(default_factory=list, description="Verwante begrippen (slugs).")
    forms: list[Text] = Field(default_factory=list, description=(
        "Alleen deze woordvormen krijgen uitleg in de tekst, precies zo geschreven (hoofdletters maken niet uit), "
        "bijv. 'eigen ervaring'. Voor een begrip dat ook een gewoon woord is. Leeg: het begrip, de andere namen "
        "en hun meervouden."))


class Glossary(Strict):
    terms: list[Term] = Field(min_length=1)


# --- free pages ----------------------------------------------------------------------


class PageMeta(Strict):
    """Front matter of content/pages/*.md."""

    title: Text
    summary: Text | None = Field(default=None, description="'Kort gezegd' bovenaan de pagina.")
    nav_title: Text | None = Field(default=None, description="Kortere titel voor het menu.")
    nav_order: int | None = Field(default=None, description="Plaats in het menu; leeg = niet in het menu.")


# --- site configuration --------------------------------------------------------------


Email = Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
HttpsUrl = Annotated[str, StringConstraints(pattern=r"^https://\S+$")]


class Contact(Strict):
    """How residents reach the municipality; shown on /contact/ and used by the other pages."""

    email: Email = Field(description="E-mailadres voor vragen en meldingen.")
    phone: Text | None = Field(default=None, description="Telefoonnummer, bijv. '14 0123'.")
    url: Annotated[str, StringConstraints(pattern=r"^https?://")] | None = Field(
        default=None, description="De contactpagina op de website van de gemeente.")
    address: Text | None = Field(default=None, description="Bezoekadres, bijv. 'Marktplein 1, Voorbeeldstad'.")
    hours: Text | None = Field(default=None, description="Wanneer je kunt bellen of langskomen.")


class Privacy(Strict):
    """Who answers questions about personal data; shown on /privacy/ with what the forms store."""

    email: Email | None = Field(
        default=None, description="E-mailadres voor vragen over privacy en om een inzending te laten wissen "
                                  "(standaard: contact.email).")
    officer: Text | None = Field(
        default=None, description="De functionaris gegevensbescherming (naam of functie) en hoe je die bereikt.")
    policy_url: HttpsUrl | None = Field(default=None, description="De privacyverklaring van de gemeente (https).")


class Security(Strict):
    """/.well-known/security.txt (RFC 9116) and the page 'Kwetsbaarheid melden'."""

    contact: Annotated[str, StringConstraints(pattern=r"^([^@\s:]+@[^@\s]+\.[^@\s]+|https://\S+)$")] | None = Field(
        default=None, description="Waar iemand een kwetsbaarheid meldt: een e-mailadres of een https-adres "
                                  "(standaard: contact.email).")
    expires: datetime.date | None = Field(
        default=None, description="Tot wanneer security.txt geldt (JJJJ-MM-DD): na 'updated', en hoogstens een "
                                  "jaar later. Standaard: een jaar na 'updated'.")
    policy_url: HttpsUrl | None = Field(
        default=None, description="Het beleid van de gemeente voor het melden van kwetsbaarheden (https).")


class ClientSupport(Strict):
    """Where residents of this municipality get cliëntondersteuning; shown on /clientondersteuning/ and in the footer."""

    organisation: Text = Field(description="Naam van de organisatie die cliëntondersteuning geeft.")
    phone: Text | None = Field(default=None, description="Telefoonnummer, bijv. '0123 45 67 89'.")
    email: Email | None = Field(default=None, description="E-mailadres.")
    address: Text | None = Field(default=None, description="Bezoekadres.")
    hours: Text | None = Field(default=None, description="Wanneer je er terechtkunt, bijv. 'maandag tot en met vrijdag, 9 tot 17 uur'.")
    website: Annotated[str, StringConstraints(pattern=r"^https://")] | None = Field(
        default=None, description="Website (https).")


Color = Annotated[str, StringConstraints(pattern=r"^#([0-9a-fA-F]{6})$"),
                  Field(json_schema_extra={"format": "color"})]


class Branding(Strict):
    """Colours of the portal. Every colour is contrast-checked at build (WCAG AA)."""

    logo: Annotated[str, StringConstraints(pattern=r"^[^/].*\.(svg|png)$")] | None = Field(
        default=None, description="Logo (svg of png), pad vanaf de map van site_config.yml.")
    primary_color: Color = Field(default="#1d4f7c", description="Kleur van de kopbalk; witte tekst erop moet goed leesbaar zijn.")
    accent_color: Color = Field(default="#1a5896", description="Kleur van links op een witte achtergrond.")
    primary_color_dark: Color | None = Field(
        default=None, description="Kopbalk in de donkere weergave (leeg: dezelfde als primary_color).")
    accent_color_dark: Color = Field(default="#8cc4ff", description="Kleur van links op de donkere achtergrond.")


class Research(Strict):
    date: datetime.date = Field(description="Datum van het toegankelijkheidsonderzoek.")
    kind: Text = Field(description="Soort onderzoek, bijv. 'volledig onderzoek volgens WCAG-EM'.")
    by: Text = Field(description="Wie het onderzoek deed.")
    complete: bool = Field(description="true als alle 50 eisen op de hele site zijn onderzocht (WCAG-EM).")
    report_url: Annotated[str, StringConstraints(pattern=r"^https://")] | None = None


class KnownIssue(Strict):
    problem: Text = Field(description="Wat werkt niet goed, en voor wie.")
    criterion: Text | None = Field(default=None, description="Het succescriterium, bijv. '1.4.3'.")
    measure: Text = Field(description="Wat de gemeente eraan doet.")
    planned: datetime.date = Field(description="Datum waarop het is opgelost.")


class Burden(Strict):
    problem: Text = Field(description="Welk deel van de site niet toegankelijk wordt gemaakt.")
    reason: Text = Field(description="Waarom dat een onevenredige last is.")
    alternative: Text | None = Field(default=None, description="Hoe iemand de informatie toch kan krijgen.")


class Accessibility(Strict):
    """Fields of the accessibility statement (toegankelijkheidsverklaring), after the Dutch model.
    Without approved_by and approved_on the statement is not approved: status E."""

    approved_by: Text | None = Field(
        default=None, description="Wie de verklaring heeft goedgekeurd (functie). Leeg: nog niet goedgekeurd "
                                  "(status E).")
    approved_on: datetime.date | None = Field(
        default=None, description="Datum van goedkeuring. Leeg: nog niet goedgekeurd (status E).")
    register_url: Annotated[str, StringConstraints(pattern=r"^https://\S+$")] | None = Field(
        default=None, description="Adres van deze verklaring in het register van digitoegankelijk.nl (https).")
    disproportionate_burden: list[Burden] = Field(
        default_factory=list, description="Onderdelen die de gemeente niet toegankelijk maakt omdat dat een "
                                          "onevenredige last is, met de reden.")
    research: Research | None = Field(default=None, description="Het laatste toegankelijkheidsonderzoek.")
    planned_research: datetime.date | None = Field(default=None, description="Datum van een gepland onderzoek.")
    known_issues: list[KnownIssue] = Field(default_factory=list, description="Bekende problemen en maatregelen.")
    response_days: int = Field(default=5, ge=1, description="Binnen hoeveel werkdagen u antwoord krijgt.")


class Thresholds(Strict):
    min_flesch_douma: float = Field(description="Minimale leesbaarheid (Flesch-Douma, 0–100; hoger is makkelijker).")
    max_words_per_sentence: float = Field(description="Maximaal gemiddeld aantal woorden per zin.")


class PlainLanguage(Strict):
    """Plain-language (B1) thresholds, measured by `portaal check`."""

    summaries: Thresholds = Field(default_factory=lambda: Thresholds(min_flesch_douma=65, max_words_per_sentence=12),
                                  description="Voor 'Kort gezegd'-samenvattingen.")
    body: Thresholds = Field(default_factory=lambda: Thresholds(min_flesch_douma=55, max_words_per_sentence=15),
                             description="Voor de lopende tekst van een pagina.")
    max_sentence_words: int = Field(default=20, ge=5, description="Zinnen met meer woorden worden gemeld.")
    jargon: list[Text] = Field(default_factory=lambda: ["Wmo", "oco", "CO", "sociaal domein"],
                               description="Vaktermen die in de begrippenlijst moeten staan als ze in een tekst voorkomen.")


class Exclude(Strict):
    """Items of the shared handreiking that this portal leaves out (by slug)."""

    cases: list[Slug] = Field(default_factory=list, description="Praktijkvoorbeelden, bijv. 'almere'.")
    methods: list[Slug] = Field(default_factory=list, description="Methoden, bijv. 'methode-jet'.")
    terms: list[Slug] = Field(default_factory=list, description="Begrippen, bijv. 'koplopergemeente'.")
    pages: list[Slug] = Field(default_factory=list, description="Pagina's, bijv. 'over'.")
    checklists: list[Slug] = Field(default_factory=list, description="Checklists, bijv. 'inwoners-betrekken'.")
    forms: list[Slug] = Field(default_factory=list, description="Formulieren, bijv. 'ervaringenkaart'.")
    sources: list[Slug] = Field(default_factory=list, description="Bronnen, bijv. 'movisie-methode-jet'.")


class RateLimit(Strict):
    requests: int = Field(default=10, ge=1, description="Zoveel inzendingen per bezoeker ...")
    per_seconds: int = Field(default=60, ge=1, description="... binnen zoveel seconden.")


def _ip_network(value: str) -> str:
    """A proxy for the receiver: one address or a network, written as uvicorn will read it."""
    try:
        ipaddress.ip_network(value)
    except ValueError:
        raise PydanticCustomError("ip_network", "moet een IP-adres of netwerk zijn, zoals 127.0.0.1 of 10.0.0.0/8; "
                                                "niet '{value}'", {"value": value}) from None
    return value


ProxyAddress = Annotated[str, AfterValidator(_ip_network)]


class FeedbackSettings(Strict):
    """Where forms are sent, and how the receiver (`portaal feedback serve`) protects and keeps them."""

    endpoint: Annotated[str, StringConstraints(pattern=r"^(/|https://).*/$")] | None = Field(
        default=None, description="Adres van de ontvanger, eindigend op '/', bijv. '/feedback/' op dezelfde site. "
                                  "Leeg: formulieren openen een e-mail aan 'email'.")
    email: Email | None = Field(
        default=None, description="E-mailadres voor formulieren zonder ontvanger (standaard: contact.email).")
    database: Text = Field(default="feedback.sqlite3",
                           description="SQLite-bestand van de ontvanger, pad vanaf de map van site_config.yml.")
    retention_days: int = Field(default=365, ge=1, description="Na zoveel dagen wist 'portaal feedback purge' inzendingen.")
    max_body_bytes: int = Field(default=16384, ge=1024, description="Grootste toegestane inzending in bytes.")
    rate_limit: RateLimit = Field(default_factory=RateLimit, description="Hoe vaak één bezoeker mag insturen.")
    trusted_proxies: list[ProxyAddress] = Field(
        default_factory=list, description="Webservers voor de ontvanger (IP-adres of netwerk, bijv. 127.0.0.1) "
                                          "waarvan de ontvanger X-Forwarded-For gelooft. Leeg: van niemand.")


class SiteConfig(Strict):
    site_name: Text = Field(description="Naam van de website.")
    municipality: Text = Field(description="Naam van de gemeente die de portal uitgeeft.")
    description: Text = Field(description="Korte omschrijving (voor zoekmachines).")
    site_url: Annotated[str, StringConstraints(pattern=r"^https?://.+/$")] | None = Field(
        default=None, description="Volledig adres van de site, eindigend op '/'.")
    content_dir: Text = Field(default="content", description="Map met de eigen inhoud van deze portal.")
    base_content: bool = Field(default=True, description="Neem de gedeelde handreiking op (methoden, begrippen, "
                                                         "landelijke praktijkvoorbeelden).")
    exclude: Exclude = Field(default_factory=Exclude, description="Onderdelen van de handreiking die u weglaat.")
    theme: Slug = Field(default="default", description="Naam van het thema in themes/.")
    engine: Literal["material", "zensical"] = Field(
        default="material", description="Waarmee de site wordt gebouwd: material (Material for MkDocs) of zensical.")
    updated: datetime.date = Field(description="Datum van de laatste inhoudelijke wijziging (JJJJ-MM-DD).")
    contact: Contact
    clientondersteuning: ClientSupport | None = Field(
        default=None, description="Waar inwoners cliëntondersteuning krijgen. Leeg: de site verwijst naar de gemeente.")
    branding: Branding = Field(default_factory=Branding, description="Kleuren en logo.")
    accessibility: Accessibility = Field(description="Gegevens voor de toegankelijkheidsverklaring.")
    privacy: Privacy = Field(default_factory=Privacy, description="Wie vragen over privacy beantwoordt (/privacy/).")
    security: Security = Field(default_factory=Security, description="Kwetsbaarheden melden: security.txt.")
    plain_language: PlainLanguage = Field(default_factory=PlainLanguage, description="Normen voor eenvoudige taal (B1).")
    feedback: FeedbackSettings = Field(default_factory=FeedbackSettings, description="Formulieren en de ontvanger.")
