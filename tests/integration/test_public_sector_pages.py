"""The pages every Dutch government site has: privacy, contact, 'Kwetsbaarheid melden' and
/.well-known/security.txt, all from site_config.yml; the demo built once, small portals in-process."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import yaml

from generator import pipeline
from support import MINIMAL, ROOT

CONFIG = yaml.safe_load((ROOT / "site_config.yml").read_text(encoding="utf-8"))
FORM = """title: Idee
summary: Deel je idee.
fields:
  - id: idee
    type: long_text
    label: Je idee
thanks: Dank je.
"""
APPROVAL = "accessibility:\n  approved_by: De burgemeester\n  approved_on: 2026-01-10\n"


def content(page: Path) -> str:
    """The page's own text, tags removed, without the footer and menus."""
    text = page.read_text(encoding="utf-8")
    article = text.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]
    return html.unescape(re.sub(r"\s+([.,;:])", r"\1", " ".join(re.sub(r"<[^>]+>", " ", article).split())))


def test_privacy_page_says_what_forms_store_and_for_how_long(demo_site):
    text = content(demo_site / "privacy/index.html")
    feedback, privacy = CONFIG["feedback"], CONFIG["privacy"]
    assert "geen cookies" in text and "geen IP-adres" in text
    assert "je e-mailadres, maar alleen als je dat zelf invult" in text  # the demo has a form with an e-mail field
    assert f"Na {feedback['retention_days']} dagen wissen we je inzending." in text
    assert f"Mail daarvoor naar {privacy['email']}" in text and privacy["officer"] in text
    assert "Je mag vragen om je inzending te wissen." in text


def test_contact_page_and_security_page_come_from_the_settings(demo_site):
    contact = content(demo_site / "contact/index.html")
    assert CONFIG["contact"]["email"] in contact and CONFIG["contact"]["address"] in contact
    security = demo_site / "kwetsbaarheid-melden/index.html"
    assert f'href="mailto:{CONFIG["security"]["contact"]}"' in security.read_text(encoding="utf-8")
    assert '<a href="../.well-known/security.txt">security.txt</a>' in security.read_text(encoding="utf-8")
    assert (demo_site / ".well-known/security.txt").read_text(encoding="utf-8") == (
        f"Contact: mailto:{CONFIG['security']['contact']}\nExpires: "
        f"{CONFIG['updated'].replace(year=CONFIG['updated'].year + 1).isoformat()}T00:00:00Z\n"
        "Preferred-Languages: nl, en\n")


def test_about_page_points_to_the_privacy_page(demo_site):
    page = (demo_site / "over/index.html").read_text(encoding="utf-8")
    assert '<a href="../privacy/" rel="noopener noreferrer">Privacy</a>' in page
    assert "Stuur je een formulier? Dan bewaart de gemeente wat je invult" in content(demo_site / "over/index.html")


def build(portal_files, tmp_path: Path, extra: str, site_url: str = "http://127.0.0.1:8000/",
          accessibility: str | None = None) -> Path:
    config = (MINIMAL / "site_config.yml").read_text(encoding="utf-8").replace("http://127.0.0.1:8000/", site_url)
    if accessibility is not None:
        config = config.replace(APPROVAL, accessibility)
    root = portal_files({"site_config.yml": config + extra,
                         "content/feedback/idee.yml": FORM})
    result = pipeline.build(root / "site_config.yml", tmp_path / "site")
    assert result.ok, [str(d) for d in result.report.diagnostics]
    return tmp_path / "site"


def test_without_a_receiver_the_privacy_page_speaks_of_e_mail(portal, tmp_path):
    site = build(portal, tmp_path, "feedback:\n  retention_days: 30\n")
    text = content(site / "privacy/index.html")
    assert "opent je eigen e-mailprogramma" in text and "niet langer dan 30 dagen" in text
    assert "IP-adres" not in text  # nothing is received by a server of ours, so nothing to promise about it
    assert "Mail daarvoor naar test@gemeente.example" in text  # privacy.email defaults to contact.email
    assert "checklist" not in text  # the portal has none


def test_an_https_site_publishes_canonical_and_its_policy_page(portal, tmp_path):
    site = build(portal, tmp_path, "security:\n  policy_url: https://www.test.nl/cvd\n",
                 site_url="https://www.test.nl/inspraak/")
    assert (site / ".well-known/security.txt").read_text(encoding="utf-8").splitlines()[-2:] == [
        "Canonical: https://www.test.nl/inspraak/.well-known/security.txt", "Policy: https://www.test.nl/cvd"]
    assert '<a href="https://www.test.nl/cvd">' in (site / "kwetsbaarheid-melden/index.html").read_text(encoding="utf-8")


def test_a_statement_nobody_approved_is_status_e_and_links_the_register(portal, tmp_path):
    site = build(portal, tmp_path, "", accessibility=(
        "accessibility:\n  register_url: https://www.toegankelijkheidsverklaring.nl/register/1\n"
        "  disproportionate_burden:\n    - problem: Oude notulen als scan\n      reason: Te veel pagina's.\n"
        "      alternative: Vraag ze op bij de griffie.\n"))
    page = (site / "toegankelijkheid/index.html").read_text(encoding="utf-8")
    text = content(site / "toegankelijkheid/index.html")
    assert "Status E: geen toegankelijkheidsverklaring." in text
    assert "Deze verklaring is nog niet goedgekeurd door Gemeente Test." in text and "goedgekeurd door De" not in text
    assert '<a href="https://www.toegankelijkheidsverklaring.nl/register/1">register van toegankelijkheidsverklaringen</a>' in page
    assert "Oude notulen als scan. Waarom: Te veel pagina's. Zo krijg je de informatie toch: Vraag ze op" in text
    assert "<script" not in page.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>")[0]


def test_an_approved_statement_names_who_approved_it(demo_site):
    text = content(demo_site / "toegankelijkheid/index.html")
    assert "Status A: voldoet volledig." in text and "nog niet goedgekeurd" not in text
    assert f"Laatst bijgewerkt op {CONFIG['updated'].day}-{CONFIG['updated'].month}-{CONFIG['updated'].year}." in text


def test_the_statement_says_what_the_last_audit_ran_and_found(portal, tmp_path):
    site = build(portal, tmp_path, "")
    assert "Deze site is nog niet automatisch getest." in content(site / "toegankelijkheid/index.html")
    report = {"date": "2026-01-20", "site": "site", "pages": 21, "vnu": "uitgevoerd", "violations": 0, "problems": []}
    (tmp_path / "portal/audit.json").write_text(json.dumps(report), encoding="utf-8")
    text = content(build(portal, tmp_path, "") / "toegankelijkheid/index.html")
    assert ("Op 20-1-2026 is elke pagina van deze site automatisch getest met axe-core en de Nu Html Checker: "
            "21 pagina's, in een brede en een smalle weergave, in licht en donker. "
            "Daarbij vonden we geen problemen.") in text
    (tmp_path / "portal/audit.json").write_text(json.dumps({**report, "vnu": "overgeslagen: Java ontbreekt",
                                                            "violations": 3}), encoding="utf-8")
    text = content(build(portal, tmp_path, "") / "toegankelijkheid/index.html")
    assert "getest met axe-core: 21 pagina's" in text and "Daarbij vonden we 3 problemen." in text
