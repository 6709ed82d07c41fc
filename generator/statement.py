"""The compliance status (A–E) of the accessibility statement, derived from the facts in site_config.

Definitions of digitoegankelijk.nl: A and B need a complete WCAG-EM evaluation of at most three
years old (A: every requirement met; B: known problems, each with a measure and a date); C: no
such evaluation, but one planned within six months; D: neither. E: no valid statement, which a
statement nobody has approved (no approved_by or approved_on) is not.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

from .models import Accessibility


@dataclass(frozen=True)
class Status:
    letter: str
    label: str
    explanation: str


STATUSES = {
    "A": Status("A", "voldoet volledig",
                "Een volledig onderzoek van minder dan drie jaar oud laat zien dat de website aan alle eisen voldoet."),
    "B": Status("B", "voldoet gedeeltelijk",
                "Een volledig onderzoek van minder dan drie jaar oud laat zien dat de website nog niet aan alle eisen "
                "voldoet. Voor elk probleem staat hieronder wat we eraan doen en wanneer het klaar is."),
    "C": Status("C", "eerste maatregelen genomen",
                "Er is nog geen volledig en recent onderzoek. Dat onderzoek is binnen zes maanden gepland."),
    "D": Status("D", "geen maatregelen",
                "Er is nog geen volledig en recent onderzoek, en er is ook nog geen onderzoek gepland."),
    "E": Status("E", "geen toegankelijkheidsverklaring",
                "Deze verklaring is nog niet goedgekeurd door de gemeente. Daarom telt ze nog niet mee."),
}


def years_later(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def compliance_status(accessibility: Accessibility, today: datetime.date) -> Status:
    if accessibility.approved_by is None or accessibility.approved_on is None:
        return STATUSES["E"]
    research = accessibility.research
    if research and research.complete and today <= years_later(research.date, 3):
        return STATUSES["B" if accessibility.known_issues else "A"]
    planned = accessibility.planned_research
    if planned and today <= planned <= today + datetime.timedelta(days=183):
        return STATUSES["C"]
    return STATUSES["D"]


@dataclass(frozen=True)
class AuditResult:
    """What the last `portaal audit` wrote in audit.json: the statement says only what was run."""

    date: datetime.date
    pages: int
    problems: int
    vnu: bool


def last_audit(report: Path) -> AuditResult | None:
    """The audit report next to site_config.yml; None when there is none or it is not one."""
    try:
        data = json.loads(report.read_text(encoding="utf-8"))
        return AuditResult(datetime.date.fromisoformat(data["date"]), int(data["pages"]), int(data["violations"]),
                           data["vnu"] == "uitgevoerd")
    except (OSError, ValueError, KeyError, TypeError):
        return None
