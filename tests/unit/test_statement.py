import datetime

import pytest

from generator.models import Accessibility
from generator.statement import compliance_status

TODAY = datetime.date(2026, 11, 22)
RESEARCH = {"date": datetime.date(2025, 1, 1), "kind": "WCAG-EM", "by": "Bureau", "complete": True}
ISSUE = {"problem": "x", "measure": "y", "planned": datetime.date(2027, 1, 1)}


@pytest.mark.parametrize("fields, letter", [
    ({"research": RESEARCH}, "A"),
    ({"research": RESEARCH, "known_issues": [ISSUE]}, "B"),
    ({"research": {**RESEARCH, "date": datetime.date(2023, 11, 21)}}, "D"),  # older than three years
    ({"research": {**RESEARCH, "complete": False}, "planned_research": datetime.date(2027, 3, 1)}, "C"),
    ({"planned_research": datetime.date(2027, 9, 1)}, "D"),  # planned, but not within six months
    ({}, "D"),
])
def test_status_follows_digitoegankelijk_definitions(fields, letter):
    accessibility = Accessibility(approved_by="B&W", approved_on=TODAY, **fields)
    assert compliance_status(accessibility, TODAY).letter == letter


@pytest.mark.parametrize("approval", [{}, {"approved_by": "B&W"}, {"approved_on": TODAY}])
def test_a_statement_nobody_approved_is_status_e_whatever_the_research(approval):
    accessibility = Accessibility(research=RESEARCH, **approval)
    assert compliance_status(accessibility, TODAY).letter == "E"
