"""From stored submissions to a signal in terugkoppeling.yml (`portaal feedback triage`).

Only counts, dates and the municipality's own words reach the content file: never a resident's
answers or e-mail address. The file is edited round-trip, so editors' comments and layout stay.
"""

from __future__ import annotations

import datetime
import io
import os
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError
from ruamel.yaml import YAML, YAMLError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..models import Signal
from .storage import Submission

ACCOUNT_FILE = Path("feedback") / "terugkoppeling.yml"
NEW_FILE = """\
# yaml-language-server: $schema=../../schemas/accountability.schema.json
# Wat de gemeente deed met wat inwoners lieten weten. `portaal feedback triage` vult dit aan.
title: Wat deden we met je inbreng?
summary: Hier lees je wat we deden met wat inwoners ons lieten weten. Ook als we iets niet deden, lees je waarom.
signals: []
"""
FIRST_RESPONSE = "We hebben dit gelezen. Hier lees je wat we ermee doen."


class TriageError(Exception):
    """Dutch, for the editor: what is wrong and what to do."""


@dataclass(frozen=True)
class Outcome:
    signal: str
    created: bool
    submissions: int


def _yaml() -> YAML:
    yaml = YAML()  # round-trip: comments, order and quotes survive
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never re-wrap an editor's lines
    yaml.preserve_quotes = True
    yaml.representer.ignore_aliases = lambda data: True  # portaal refuses anchors in content (E001)
    return yaml


def _day(submission: Submission) -> datetime.date:
    return datetime.date.fromisoformat(submission.received[:10])


def form_titles(content: Path, forms: set[str]) -> str:
    """The forms' own titles, for `channel`; the slug when a form file cannot be read."""
    titles = []
    for form in sorted(forms):
        try:
            data = YAML(typ="safe").load((content / "feedback" / f"{form}.yml").read_text(encoding="utf-8"))
            titles.append(str(data["title"]))
        except (OSError, YAMLError, KeyError, TypeError):
            titles.append(form)
    return ", ".join(titles)


def updated_text(path: Path, signal_id: str, submissions: list[Submission], channel: str,
                 title: str | None, summary: str | None) -> tuple[str, Outcome]:
    """The new text of terugkoppeling.yml: a new signal, or the count of an existing one raised."""
    yaml = _yaml()
    try:
        data = yaml.load(path.read_text(encoding="utf-8") if path.is_file() else NEW_FILE)
    except (OSError, UnicodeDecodeError, YAMLError) as error:
        raise TriageError(f"{path}: kan het bestand niet lezen ({error}); herstel het eerst (portaal check)") from None
    if not isinstance(data, CommentedMap):
        raise TriageError(f"{path}: het bestand bevat geen velden; herstel het eerst (portaal check)")
    signals = data.get("signals")
    if signals and not isinstance(signals, list):
        raise TriageError(f"{path}: 'signals' is geen lijst; herstel het eerst (portaal check)")
    if not signals:  # absent or `signals: []`: a block list, one signal under the other
        signals = data["signals"] = CommentedSeq()
        signals.fa.set_block_style()
    existing = next((s for s in signals if isinstance(s, dict) and s.get("id") == signal_id), None)
    if existing is not None:
        if title or summary:
            raise TriageError(f"signaal '{signal_id}' bestaat al: pas de titel en samenvatting aan in {path}")
        count = existing.get("submissions") or 0
        if not isinstance(count, int) or isinstance(count, bool):
            raise TriageError(f"{path}: 'submissions' van signaal '{signal_id}' is geen getal; herstel het eerst "
                              "(portaal check)")
        existing["submissions"] = count + len(submissions)
        outcome = Outcome(signal_id, False, existing["submissions"])
    else:
        if not (title and summary):
            raise TriageError(f"signaal '{signal_id}' is nieuw: geef --title en --summary, in uw eigen woorden "
                              "(nooit de woorden of het e-mailadres van een inwoner)")
        received = min(_day(s) for s in submissions)
        signal = CommentedMap([("id", signal_id), ("title", title), ("received", received), ("channel", channel),
                               ("summary", summary), ("status", "ontvangen"), ("updated", received),
                               ("response", FIRST_RESPONSE), ("submissions", len(submissions))])
        try:
            Signal.model_validate(dict(signal))
        except ValidationError as error:
            fields = ", ".join(str(e["loc"][0]) for e in error.errors())
            raise TriageError(f"het nieuwe signaal is niet geldig ({fields}); een id is kleine letters, cijfers "
                              "en streepjes, bijv. 'wachttijd'") from None
        signals.append(signal)
        outcome = Outcome(signal_id, True, len(submissions))
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue(), outcome


def write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
