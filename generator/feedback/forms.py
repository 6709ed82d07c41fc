"""One form definition, two uses: the HTML form on the site, and validation in the receiver.

Both sides use this module, so what the site asks and what the receiver accepts never drift
apart. Messages follow GOV.UK's error-message style, in Dutch.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..models import FeedbackForm, FormField

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
HONEYPOT = "niet_invullen"  # hidden from people; a bot that fills it in is ignored (no autofill-prone name)
PAGE_FIELD = "_pagina"  # the page a submission came from (site-relative), for the page widget
PAGE_LIMIT = 300


@dataclass(frozen=True)
class FieldError:
    field: str  # field id
    message: str


def validate_submission(form: FeedbackForm, data: Mapping[str, str]) -> tuple[dict[str, str], list[FieldError]]:
    """The answers to store (field id -> text), and every problem, in field order."""
    clean: dict[str, str] = {}
    errors: list[FieldError] = []
    for field in form.fields:
        condition = field.show_when
        if condition is not None and (data.get(condition.field) or "").strip() != condition.value:
            continue  # a follow-up question that was not asked is not kept
        # Browsers send textarea line breaks as CRLF in form posts, LF from scripts: store one form.
        value = (data.get(field.id) or "").replace("\r\n", "\n").replace("\r", "\n").strip()
        if not value:
            if field.required:
                verb = "Kies" if field.type in ("choice", "scale") else "Vul"
                errors.append(FieldError(field.id, f"{verb} een antwoord bij ‘{field.label}’"
                                         if verb == "Kies" else f"Vul ‘{field.label}’ in"))
            continue
        if len(value) > field.limit:
            errors.append(FieldError(field.id, f"‘{field.label}’ mag hoogstens {field.limit} tekens hebben; "
                                               f"nu zijn het er {len(value)}"))
        elif field.type == "choice" and value not in field.options:
            errors.append(FieldError(field.id, f"Kies een van de antwoorden bij ‘{field.label}’"))
        elif field.type == "scale":
            scale = field.scale
            # ASCII digits only: str.isdigit() also accepts '²' and '٣', which int() refuses or stores oddly.
            if not re.fullmatch(r"-?[0-9]{1,4}", value) or not scale.min <= int(value) <= scale.max:
                errors.append(FieldError(field.id, f"Kies een getal van {scale.min} tot en met {scale.max} "
                                                   f"bij ‘{field.label}’"))
            else:
                value = str(int(value))  # '03' and '3' are the same answer
        elif field.type == "email" and not EMAIL.match(value):
            errors.append(FieldError(field.id, "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl"))
        if not any(e.field == field.id for e in errors):
            clean[field.id] = value
    page = (data.get(PAGE_FIELD) or "").strip()
    if page:
        clean[PAGE_FIELD] = page[:PAGE_LIMIT]
    return clean, errors


def field_id(slug: str, field: str) -> str:
    """The id of a field's (first) control; error summaries link to it."""
    return f"veld-{slug}-{field}"


def _describedby(key: str, field: FormField, error: FieldError | None) -> str:
    ids = ([f"{key}-hulp"] if field.help else []) + ([f"{key}-fout"] if error else [])
    return f' aria-describedby="{" ".join(ids)}"' if ids else ""


def _field_html(slug: str, field: FormField, value: str, error: FieldError | None) -> str:
    key = field_id(slug, field.id)
    required = " required" if field.required else ""
    optional = "" if field.required else " <span class=\"portaal-optional\">(mag leeg blijven)</span>"
    help_html = f'<p class="portaal-hint" id="{key}-hulp">{escape(field.help)}</p>' if field.help else ""
    error_html = (f'<p class="portaal-field-error" id="{key}-fout"><span class="portaal-visually-hidden">Fout: '
                  f"</span>{escape(error.message)}</p>") if error else ""
    invalid = ' aria-invalid="true"' if error else ""
    classes = "portaal-field" + (" portaal-field--error" if error else "")
    # A follow-up question: feedback.js hides it until the choice is made.
    shown = (f' data-show-when-field="{escape(field.show_when.field)}" '
             f'data-show-when-value="{escape(field.show_when.value)}"') if field.show_when else ""
    if field.type in ("choice", "scale"):
        if field.type == "choice":
            options = [(option, option) for option in field.options]
        else:
            scale = field.scale
            options = [(str(n), str(n) + (f" – {scale.min_label}" if n == scale.min else
                                           f" – {scale.max_label}" if n == scale.max else ""))
                       for n in range(scale.min, scale.max + 1)]
        inputs = ""
        for index, (option, text) in enumerate(options):
            first = f' id="{key}"{required}' if index == 0 else ""  # the summary links to the first option
            checked = " checked" if option == value else ""
            inputs += (f'<label class="portaal-answer"><input type="radio" name="{field.id}" value="{escape(option)}"'
                       f"{first}{checked}{invalid}> {escape(text)}</label>")
        return (f'<fieldset class="{classes}"{shown} id="groep-{key}"{_describedby(key, field, error)}>'
                f"<legend>{escape(field.label)}{optional}</legend>{help_html}{error_html}"
                f'<div class="portaal-answers">{inputs}</div></fieldset>')
    attributes = f'id="{key}" name="{field.id}" maxlength="{field.limit}"{required}{invalid}' \
                 f"{_describedby(key, field, error)}"
    if field.type == "long_text":
        control = f'<textarea class="portaal-note" rows="5" {attributes}>{escape(value)}</textarea>'
    else:
        kind = "email" if field.type == "email" else "text"
        extra = ' autocomplete="email"' if field.type == "email" else ""
        control = f'<input class="portaal-input" type="{kind}" {attributes}{extra} value="{escape(value)}">'
    return (f'<div class="{classes}"{shown}><label class="portaal-label" for="{key}">{escape(field.label)}{optional}'
            f"</label>{help_html}{error_html}{control}</div>")


def render_form(form: FeedbackForm, slug: str, action: str, *, page: str = "",
                values: Mapping[str, str] | None = None, errors: list[FieldError] | None = None,
                mailto: bool = False) -> Markup:
    """The form as HTML. With errors: a summary first that links to each field (GOV.UK style)."""
    values, errors = values or {}, errors or []
    by_field = {e.field: e for e in errors}
    parts = []
    if errors:
        items = "".join(f'<li><a href="#{field_id(slug, e.field)}">{escape(e.message)}</a></li>' for e in errors)
        parts.append('<div class="portaal-error-summary" role="alert" tabindex="-1" aria-labelledby="fouten-titel">'
                     f'<h2 id="fouten-titel">Er ging iets mis</h2><ul>{items}</ul></div>')
    method = ' method="post" enctype="text/plain"' if mailto else ' method="post"'
    parts.append(f'<form class="portaal-form" action="{escape(action)}"{method} data-feedback-form="{escape(slug)}"'
                 f'{" data-mailto" if mailto else ""} novalidate>')
    parts.append(f'<input type="hidden" name="{PAGE_FIELD}" value="{escape(page)}">')
    parts.append(f'<div class="portaal-honeypot" aria-hidden="true"><label for="veld-{slug}-{HONEYPOT}">Laat dit veld leeg'
                 f'</label><input type="text" id="veld-{slug}-{HONEYPOT}" name="{HONEYPOT}" tabindex="-1" autocomplete="off">'
                 "</div>")
    for field in form.fields:
        parts.append(_field_html(slug, field, values.get(field.id, ""), by_field.get(field.id)))
    parts.append(f'<button type="submit" class="md-button md-button--primary">{escape(form.submit_label)}</button>')
    parts.append('<p class="portaal-form-status" role="status" aria-live="polite" data-form-status></p></form>')
    return Markup("".join(parts))
