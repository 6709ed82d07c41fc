"""`portaal list …`: exactly the names a reference may use, from the handreiking and the portal's
own content, with the exclusions applied."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from generator import pipeline
from generator.listing import KINDS, entries
from generator.new_portal import create_portal
from support import run_portaal

OWN_TERM = """# yaml-language-server: $schema=../schemas/glossary.schema.json
terms:
  - term: "Wijkteam"
    slug: "wijkteam"
    definition: "Een groep hulpverleners in de wijk. Je kunt er terecht met vragen over hulp."
"""


@pytest.fixture(scope="module")
def portal(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("listing") / "portal"
    create_portal("Gemeente Zwolle", root, today=datetime.date(2026, 3, 2))
    (root / "content/glossary.yml").write_text(OWN_TERM, encoding="utf-8")
    config = root / "site_config.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  cases: []      #", "  cases: [almere]  #"), encoding="utf-8")
    return root


def listed(portal: Path, kind: str) -> dict[str, str]:
    result = run_portaal("list", kind, cwd=portal)
    assert result.code == 0, result.stderr
    rows = [re.match(r"^(\S+)\s{2,}(.+)$", line) for line in result.stdout.splitlines()]
    assert all(rows), result.stdout
    assert result.stderr.strip() == f"{len(rows)} {KINDS[kind][0]}."
    return {row.group(1): row.group(2) for row in rows}


def test_own_content_is_listed_and_excluded_content_is_not(portal):
    cases = listed(portal, "cases")
    assert cases["lokaal-voorbeeld"] == "Inwoners denken mee over cliëntondersteuning in Zwolle"
    assert "someren" in cases and "almere" not in cases
    terms = listed(portal, "terms")
    assert terms["wijkteam"] == "Wijkteam" and "adviesraad" in terms
    sources = listed(portal, "sources")
    assert sources["eigen-gegevens"] == "Eigen gegevens van Gemeente Zwolle" and len(sources) > 5
    assert listed(portal, "phases")["ervaringen-verzamelen"] == "Ervaringen verzamelen (lemniscaat)"
    assert {"methode-jet", "lemniscaat", "trap-van-eigenaarschap"} <= set(listed(portal, "methods"))
    assert listed(portal, "checklists")
    assert "clientondersteuning-in-de-gemeente" in listed(portal, "pages")


def test_the_list_is_sorted_and_matches_the_resolved_portal(portal):
    result = pipeline.check(portal / "site_config.yml")
    assert result.prepared is not None, [str(d) for d in result.report.errors]
    for kind in KINDS:
        rows = entries(result.prepared.portal, kind)
        assert [slug for slug, _ in rows] == sorted(slug for slug, _ in rows)
        assert dict(rows) == listed(portal, kind)


def test_every_listed_name_is_accepted_in_a_case(portal, tmp_path):
    """The list is not a guess: all listed terms, methods, phases and sources together pass the check."""
    names = {kind: sorted(listed(portal, kind)) for kind in ("terms", "methods", "phases", "sources")}
    case = portal / "content/cases/lokaal-voorbeeld.yml"
    original = case.read_text(encoding="utf-8")
    try:
        text = original
        for field, kind in (("terms", "terms"), ("phases", "phases"), ("sources", "sources")):
            text = re.sub(rf"^{field}: \[.*\]$", f"{field}: [{', '.join(names[kind])}]", text, flags=re.M)
        text += f"methods: [{', '.join(names['methods'])}]\n"
        case.write_text(text, encoding="utf-8")
        result = pipeline.check(portal / "site_config.yml")
        assert [str(d) for d in result.report.errors] == []
    finally:
        case.write_text(original, encoding="utf-8")


def test_a_broken_portal_gets_its_errors_not_a_list(portal):
    case = portal / "content/cases/lokaal-voorbeeld.yml"
    original = case.read_text(encoding="utf-8")
    try:
        case.write_text(original.replace("terms: [clientondersteuning]", "terms: [clientondersteunin]"), encoding="utf-8")
        result = run_portaal("list", "terms", cwd=portal)
        assert result.code == 1 and result.stdout == ""
        assert re.search(r"content/cases/lokaal-voorbeeld\.yml:\d+:\d+: E006 'terms\[1\]': begrip "
                         r"'clientondersteunin' bestaat niet \(bedoelde u 'clientondersteuning'\?\)", result.stderr)
        assert "Traceback" not in result.stderr
    finally:
        case.write_text(original, encoding="utf-8")
