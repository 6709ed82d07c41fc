"""`portaal feedback report`: one self-contained HTML file for the municipality.

No scripts, no fonts, no requests to anywhere: inline CSS and inline SVG charts, each with a
table of the same numbers (a chart alone says nothing to a screen reader). Only counts: no
resident's words or e-mail address appear in the report.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..models import FeedbackForm, Signal
from ..plan import PAGE_WIDGET, STATUS_LABELS
from .forms import PAGE_FIELD
from .storage import Submission

OPEN = ("ontvangen", "in-behandeling", "besloten")
USEFUL_FIELD, YES, NO = "nuttig", "Ja", "Nee"
BAR, BAR_OTHER = "#1d4f7c", "#8a4b00"  # both at least 4.5:1 on white, so the bars also read as text colour
CSS = """
body { font: 1rem/1.5 system-ui, sans-serif; color: #1a1a1a; background: #fff; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; }
th, td { border: 1px solid #767676; padding: 0.25rem 0.5rem; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
svg { display: block; max-width: 100%; height: auto; }
.legend span { display: inline-block; width: 1em; height: 1em; vertical-align: middle; margin: 0 0.25rem 0 0.75rem; }
"""


@dataclass(frozen=True)
class Counts:
    label: str
    values: tuple[tuple[str, int], ...]  # (answer, how often)


def month(submission: Submission) -> str:
    return submission.received[:7]


def usefulness(submissions: list[Submission]) -> dict[str, dict[str, tuple[int, int]]]:
    """Page -> month -> (ja, nee), from the 'Was deze pagina nuttig?' widget."""
    pages: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for s in submissions:
        answer = s.answers.get(USEFUL_FIELD)
        if s.form == PAGE_WIDGET and answer in (YES, NO):
            pages["/" + s.answers.get(PAGE_FIELD, "")][month(s)][answer == NO] += 1
    return {page: {m: tuple(c) for m, c in sorted(months.items())} for page, months in sorted(pages.items())}


def field_counts(form: FeedbackForm, submissions: list[Submission]) -> list[Counts]:
    """Per field: how often each choice or scale value was given; for free text only how often
    it was filled in (never what was written)."""
    result = []
    for field in form.fields:
        given = [s.answers[field.id] for s in submissions if s.answers.get(field.id)]
        if field.type == "choice":
            counted = Counter(given)
            values = [(option, counted.pop(option, 0)) for option in field.options] + sorted(counted.items())
        elif field.type == "scale" and field.scale is not None:
            counted = Counter(given)
            values = [(str(v), counted.get(str(v), 0)) for v in range(field.scale.min, field.scale.max + 1)]
        else:
            values = [("ingevuld", len(given)), ("leeg", len(submissions) - len(given))]
        result.append(Counts(field.label, tuple(values)))
    return result


def open_signals(signals: list[Signal], today: datetime.date) -> list[tuple[Signal, int]]:
    """Signals still open, with their age in days, oldest first."""
    return sorted(((s, (today - s.received).days) for s in signals if s.status in OPEN), key=lambda p: (-p[1], p[0].id))


def _bars(title: str, rows: list[tuple[str, int]], color: str = BAR) -> Markup:
    """A horizontal bar chart; its numbers are also in the table next to it."""
    width, label_width, height = 640, 220, 24
    top = max((v for _, v in rows), default=0) or 1
    parts = [f'<svg viewBox="0 0 {width} {height * len(rows) + 4}" role="img" aria-label="{escape(title)}" '
             f'xmlns="http://www.w3.org/2000/svg">']
    for index, (label, value) in enumerate(rows):
        y = index * height + 2
        bar = round((width - label_width - 60) * value / top)
        parts.append(f'<text x="0" y="{y + 16}" font-size="13">{escape(label[:32])}</text>'
                     f'<rect x="{label_width}" y="{y + 3}" width="{bar}" height="{height - 8}" fill="{color}"/>'
                     f'<text x="{label_width + bar + 6}" y="{y + 16}" font-size="13">{value}</text>')
    return Markup("".join(parts) + "</svg>")


def _columns(title: str, months: dict[str, tuple[int, int]]) -> Markup:
    """Stacked columns per month: ja below, nee on top."""
    column, height = 48, 120
    top = max((yes + no for yes, no in months.values()), default=0) or 1
    parts = [f'<svg viewBox="0 0 {column * len(months) + 8} {height + 24}" role="img" aria-label="{escape(title)}" '
             f'xmlns="http://www.w3.org/2000/svg">']
    for index, (label, (yes, no)) in enumerate(months.items()):
        x = index * column + 4
        yes_h, no_h = round(height * yes / top), round(height * no / top)
        parts.append(f'<rect x="{x}" y="{height - yes_h}" width="{column - 12}" height="{yes_h}" fill="{BAR}"/>'
                     f'<rect x="{x}" y="{height - yes_h - no_h}" width="{column - 12}" height="{no_h}" fill="{BAR_OTHER}"/>'
                     f'<text x="{x}" y="{height + 16}" font-size="11">{escape(label)}</text>')
    return Markup("".join(parts) + "</svg>")


def _table(headers: tuple[str, ...], rows: list[tuple], caption: str) -> Markup:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f'<td class="n">{c}</td>' if isinstance(c, int) else f"<td>{escape(c)}</td>"
                                     for c in row) + "</tr>" for row in rows)
    return Markup(f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def render_report(site_name: str, forms: dict[str, FeedbackForm], signals: list[Signal],
                  submissions: list[Submission], today: datetime.date) -> str:
    out = [f'<!doctype html><html lang="nl"><head><meta charset="utf-8">'
           f'<meta name="viewport" content="width=device-width, initial-scale=1">'
           f"<title>Rapport inzendingen – {escape(site_name)}</title><style>{CSS}</style></head><body><main>"
           f"<h1>Rapport inzendingen – {escape(site_name)}</h1>"
           f"<p>Gemaakt op {today.isoformat()} uit {len(submissions)} bewaarde inzending(en). Alleen aantallen: "
           "geen woorden of e-mailadressen van inwoners.</p>"]
    out.append('<h2>Was deze pagina nuttig?</h2><p class="legend">Per maand:'
               f'<span style="background:{BAR}"></span>ja<span style="background:{BAR_OTHER}"></span>nee</p>')
    pages = usefulness(submissions)
    for page, months in pages.items():
        out.append(f"<h3>{escape(page)}</h3>")
        out.append(_columns(f"Ja en nee per maand voor {page}", months))
        out.append(_table(("Maand", "Ja", "Nee", "Ja in %"),
                          [(m, yes, no, round(100 * yes / (yes + no))) for m, (yes, no) in months.items()],
                          f"Antwoorden voor {page}"))
    if not pages:
        out.append("<p>Nog geen antwoorden.</p>")
    out.append("<h2>Antwoorden per formulier</h2>")
    for slug, form in sorted(forms.items()):
        chosen = [s for s in submissions if s.form == slug]
        out.append(f"<h3>{escape(form.title)} ({len(chosen)} inzending(en))</h3>")
        for counts in field_counts(form, chosen):
            out.append(f"<h4>{escape(counts.label)}</h4>")
            out.append(_bars(counts.label, list(counts.values)))
            out.append(_table(("Antwoord", "Aantal"), list(counts.values), counts.label))
    out.append("<h2>Open signalen naar leeftijd</h2>")
    aged = open_signals(signals, today)
    if aged:
        out.append(_bars("Dagen open per signaal", [(s.title, days) for s, days in aged], BAR_OTHER))
        out.append(_table(("Signaal", "Status", "Ontvangen", "Dagen open"),
                          [(s.title, STATUS_LABELS[s.status], s.received.isoformat(), days) for s, days in aged],
                          "Open signalen, oudste eerst"))
    else:
        out.append("<p>Geen open signalen.</p>")
    out.append("</main></body></html>\n")
    return "".join(str(part) for part in out)
