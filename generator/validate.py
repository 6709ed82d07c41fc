"""Raw documents -> typed models. Every problem becomes a located Dutch diagnostic."""

from __future__ import annotations

import datetime
import difflib
import re
import unicodedata
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from .diagnostics import Diagnostic
from .source import Document, InvalidDate, KeyPath

T = TypeVar("T")

_TYPE_NAMES = {
    "string": "tekst", "int": "een geheel getal", "float": "een getal", "bool": "ja/nee (true/false)",
    "list": "een lijst", "dict": "een groep velden", "model": "een groep velden",
    "model_attributes": "een groep velden", "date": "een datum (JJJJ-MM-DD)", "tuple": "een lijst",
}
_PATTERN_HINTS = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "alleen kleine letters, cijfers en streepjes (zoals 'mijn-voorbeeld')",
    "^https://": "een adres dat begint met https://",
    "^https?://": "een adres dat begint met http:// of https://",
    "^https?://.+/$": "een volledig adres dat eindigt op '/' (zoals https://example.nl/inspraak/)",
    "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$": "een e-mailadres (zoals info@gemeente.nl)",
    "^[a-z]{2,3}(-[A-Z]{2})?$": "een taalcode (zoals 'en' of 'fy')",
    "^[^/].*\\.(svg|png)$": "een pad naar een .svg- of .png-bestand vanaf de map van site_config.yml (zoals logo.svg)",
}


def describe_value(value: Any) -> str:
    """What a value is, in Dutch: for messages such as "'x' moet tekst zijn, maar is een datum"."""
    if isinstance(value, InvalidDate):
        return f"geen bestaande datum ({value})"
    if isinstance(value, bool):
        return f"ja/nee ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"een getal ({value})"
    if isinstance(value, datetime.datetime):
        return f"een datum met tijd ({value.isoformat(sep=' ')})"
    if isinstance(value, datetime.date):
        return f"een datum ({value.isoformat()})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"tekst (\"{shown}\")"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, dict):
        return "een groep velden"
    if value is None:
        return "leeg"
    if isinstance(value, (bytes, bytearray)):
        return "binaire gegevens"
    if isinstance(value, (set, frozenset)):
        return "een verzameling"
    return "een onbekend soort waarde"


def _fold(text: str) -> str:
    """Compare names as editors see them: without accents, case or spacing (Cliënt = client)."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return re.sub(r"[\s_]+", "-", plain.strip())


def suggest(word: str, options: list[str], listed_in: str | None = None) -> str:
    """' (bedoelde u 'x'?)' for the closest option, compared without accents and case.

    `listed_in` names where the valid values are listed (e.g. 'content/glossary.yml'); it is
    shown as ' (zie …)' when no option comes close, so the editor knows where to look."""
    folded: dict[str, str] = {}
    for option in options:
        folded.setdefault(_fold(option), option)
    key = _fold(word)
    match = folded.get(key)
    if match is None:
        close = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.6)
        match = folded[close[0]] if close else None
    if match is not None:
        return f" (bedoelde u '{match}'?)"
    return f" (zie {listed_in})" if listed_in else ""


# Dutch field names editors try first -> the English names the models use (first known one wins).
_DUTCH_KEYS = {
    "titel": ["title"], "naam": ["title", "term", "site_name"], "kop": ["title"], "gemeente": ["municipality"],
    "jaar": ["period"], "periode": ["period"], "samenvatting": ["summary"], "kort-gezegd": ["summary"],
    "betrokkenheid": ["involvement"], "vorm": ["involvement"], "instrumenten": ["instruments"],
    "werkvormen": ["instruments"], "werkvorm": ["work_form", "instruments"], "methoden": ["methods"],
    "methodes": ["methods"], "methode": ["methods"], "fasen": ["phases"], "fases": ["phases"], "fase": ["phases"],
    "begrippen": ["terms"], "begrip": ["term", "terms"], "termen": ["terms"], "paragrafen": ["sections"],
    "secties": ["sections"], "onderdelen": ["sections"], "hoofdstukken": ["sections"], "citaten": ["quotes"],
    "citaat": ["quotes", "text"], "lessen": ["lessons"], "les": ["lessons"], "bronnen": ["sources"],
    "bron": ["sources"], "tekst": ["text", "body"], "inhoud": ["body"], "wie": ["who"], "spreker": ["who"],
    "rol": ["role"], "functie": ["role"], "taal": ["lang"], "uitgever": ["publisher"],
    "auteur": ["author", "publisher"], "datum": ["date", "updated", "received"], "soort": ["kind", "type"],
    "adres": ["url", "site_url"], "link": ["url"], "website": ["url", "site_url"], "omschrijving": ["description"],
    "beschrijving": ["description"], "uitleg": ["explanation", "definition"], "definitie": ["definition"],
    "betekenis": ["definition"], "zie": ["see"], "zie-ook": ["see"], "synoniemen": ["aliases"],
    "afkortingen": ["aliases"], "vraag": ["question"], "kernvraag": ["key_question"], "vragen": ["items", "fields"],
    "waarom": ["why"], "let-op": ["look_for", "attention"], "wetsartikel": ["legal_basis"], "inleiding": ["intro"],
    "stappen": ["steps"], "rollen": ["roles"], "voorwaarden": ["conditions"], "valkuilen": ["pitfalls"],
    "sporen": ["strands"], "treden": ["rungs"], "aandachtspunten": ["attention"], "duur": ["duration"],
    "doelgroep": ["audience"], "velden": ["fields"], "keuzes": ["options"], "opties": ["options"],
    "verplicht": ["required"], "hulptekst": ["help"], "bedankt": ["thanks"], "dankwoord": ["thanks"],
    "knop": ["submit_label"], "schaal": ["scale"], "signalen": ["signals"], "ontvangen": ["received"],
    "kanaal": ["channel"], "bijgewerkt": ["updated"], "antwoord": ["response"], "reactie": ["response"],
    "menutitel": ["nav_title"], "volgorde": ["nav_order"], "sitenaam": ["site_name"], "thema": ["theme"],
    "huisstijl": ["branding"], "kleuren": ["branding"], "toegankelijkheid": ["accessibility"],
    "contactgegevens": ["contact"], "e-mail": ["email"], "telefoon": ["phone"], "uitsluiten": ["exclude"],
    "weglaten": ["exclude"],
}


def _dutch_key_hint(key: str, known: list[str]) -> str:
    for english in _DUTCH_KEYS.get(_fold(key), []):
        if english in known:
            return f" (bedoelde u '{english}'? velden zijn Engels)"
    return ""


def _data_path(data: Any, loc: tuple) -> tuple[KeyPath, str | None]:
    """Follow pydantic's loc through the data, skipping union/discriminator tags.

    Returns the path that exists in the data, and the first key that does not (a missing field).
    """
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and isinstance(part, str) and part in node:
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and part == loc[-1]:
            return tuple(path), part
    return tuple(path), None


def _value_at(data: Any, path: KeyPath) -> Any:
    for part in path:
        data = data[part]
    return data


def _field_names(model: Any, data: Any, path: KeyPath) -> list[str]:
    """Known field names of the model that sits at `path`, for 'did you mean' suggestions."""
    schema = model.model_json_schema() if isinstance(model, type) and issubclass(model, BaseModel) else model.json_schema()
    defs = schema.get("$defs", {})

    def resolve(node: dict) -> dict:
        while "$ref" in node:
            node = defs[node["$ref"].split("/")[-1]]
        return node

    def candidates(node: dict, value: Any) -> list[dict]:
        node = resolve(node)
        options = node.get("oneOf") or node.get("anyOf")
        if options:
            result = []
            for option in options:
                option = resolve(option)
                kind = option.get("properties", {}).get("kind", {}).get("const")
                if kind is None or (isinstance(value, dict) and value.get("kind") == kind):
                    result.append(option)
            return result
        return [node]

    nodes = candidates(schema, data)
    node_value = data
    for part in path:
        next_nodes = []
        node_value = node_value[part]
        for node in nodes:
            if isinstance(part, int):
                items = node.get("items")
                if items:
                    next_nodes += candidates(items, node_value)
            else:
                prop = node.get("properties", {}).get(part)
                if prop:
                    next_nodes += candidates(prop, node_value)
        nodes = next_nodes
    names: list[str] = []
    for node in nodes:
        names += list(node.get("properties", {}))
    return names


def _dotted(path: KeyPath, leaf: str | None = None) -> str:
    parts = [f"[{p + 1}]" if isinstance(p, int) else p for p in path] + ([leaf] if leaf else [])
    text = ""
    for part in parts:
        text += part if part.startswith("[") or not text else "." + part
    return text or "(bestand)"


_SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"


def _slug_hint(pattern: str, value: Any) -> str:
    """'Cliëntondersteuning' or 'Adviesraad' as a slug: offer the form that would be valid."""
    if pattern != _SLUG_PATTERN or not isinstance(value, str):
        return ""
    slug = re.sub(r"[^a-z0-9]+", "-", _fold(value)).strip("-")
    return f" (bedoelde u '{slug}'?)" if slug and re.fullmatch(_SLUG_PATTERN, slug) else ""


def _colon_hint(kind: str, value: Any) -> str:
    """'- Let op: dit' is a group of one field to YAML; the editor meant text with a colon."""
    if kind == "string_type" and isinstance(value, dict) and len(value) == 1:
        return ("; staat er een dubbele punt met een spatie in de tekst? Zet dan de hele tekst tussen "
                "aanhalingstekens")
    return ""


def _diagnostic(error: dict, document: Document, model: Any) -> Diagnostic | None:
    kind = error["type"]
    path, missing = _data_path(document.data, error["loc"])
    name = _dotted(path)
    ctx = error.get("ctx", {})
    if kind == "missing":
        return Diagnostic("E005", f"verplicht veld '{_dotted(path, missing)}' ontbreekt", document.locate(path))
    if kind == "extra_forbidden":
        known = [n for n in _field_names(model, document.data, path[:-1]) if n not in _value_at(document.data, path[:-1])]
        hint = _dutch_key_hint(str(path[-1]), known) or suggest(str(path[-1]), known)
        return Diagnostic("E003", f"onbekend veld '{name}'{hint}",
                          document.locate(path, at_key=True))
    value = _value_at(document.data, path)
    location = document.locate(path)
    if isinstance(value, InvalidDate):  # whatever the field expects: this date does not exist
        return Diagnostic("E009", f"'{name}' is geen bestaande datum: {value}", location)
    if kind in ("union_tag_not_found",):
        return Diagnostic("E005", f"verplicht veld '{_dotted(path, ctx.get('discriminator', 'kind').strip(chr(39)))}' ontbreekt", location)
    if kind == "union_tag_invalid":
        tag = ctx.get("discriminator", "kind").strip("'")
        path, value = path + (tag,), value.get(tag) if isinstance(value, dict) else value
        name, location = _dotted(path), document.locate(path)
    if kind in ("union_tag_invalid", "literal_error", "enum"):
        expected = ctx.get("expected_tags") or ctx.get("expected") or ""
        options = [o.strip(" '") for o in expected.replace(" or ", ",").split(",") if o.strip(" '")]
        hint = suggest(str(value), options) if isinstance(value, str) else ""
        return Diagnostic("E009", f"'{name}' moet een van deze waarden zijn: {', '.join(options)}; niet {describe_value(value)}{hint}", location)
    if kind.endswith("_type") or kind == "is_instance_of":
        expected = _TYPE_NAMES.get(kind.removesuffix("_type"), kind.removesuffix("_type"))
        return Diagnostic("E004", f"'{name}' moet {expected} zijn, maar is {describe_value(value)}"
                                  f"{_colon_hint(kind, value)}", location)
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        hint = _PATTERN_HINTS.get(pattern, f"de vorm {pattern}")
        return Diagnostic("E009", f"'{name}' heeft niet de juiste vorm: gebruik {hint}; nu {describe_value(value)}"
                                  f"{_slug_hint(pattern, value)}", location)
    if kind == "string_too_short":
        return Diagnostic("E009", f"'{name}' mag niet leeg zijn", location)
    if kind == "too_short":
        return Diagnostic("E009", f"'{name}' moet minstens {ctx.get('min_length')} onderdeel/onderdelen hebben", location)
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return Diagnostic("E009", f"'{name}' is te {'klein' if kind.startswith('greater') else 'groot'}: {value}", location)
    if kind.startswith("date"):
        return Diagnostic("E004", f"'{name}' moet een datum (JJJJ-MM-DD) zijn, maar is {describe_value(value)}", location)
    return Diagnostic("E009", f"'{name}': {error['msg']}", location)


def validate(document: Document, model: type[T] | TypeAdapter) -> tuple[T | None, list[Diagnostic]]:
    """Validate one document. Returns the model, or None with every problem found."""
    try:
        if isinstance(model, TypeAdapter):
            return model.validate_python(document.data), []
        return model.model_validate(document.data), []
    except ValidationError as exc:
        by_place: dict[tuple, Diagnostic] = {}
        for error in exc.errors(include_url=False):
            diagnostic = _diagnostic(error, document, model)
            # Type errors at one place are merged (unions); other messages each count.
            key = (diagnostic.location, diagnostic.code, "" if diagnostic.code == "E004" else diagnostic.message)
            earlier = by_place.get(key)
            if earlier is None:
                by_place[key] = diagnostic
            elif diagnostic.code == "E004":
                # A value that fails every member of a union: one message naming each type.
                expected = diagnostic.message.split(" moet ", 1)[1].split(" zijn, maar is ")[0]
                head, tail = earlier.message.split(" zijn, maar is ", 1)
                by_place[key] = Diagnostic("E004", f"{head} of {expected} zijn, maar is {tail}", earlier.location)
        return None, list(by_place.values())
