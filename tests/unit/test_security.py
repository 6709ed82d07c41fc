import datetime
from pathlib import Path

import pytest

from generator.config import load_config
from generator.models import SiteConfig
from generator.security import check_security, security_txt

MINIMAL = Path(__file__).resolve().parent.parent / "fixtures" / "minimal" / "site_config.yml"
BASE = {"site_name": "S", "municipality": "Gemeente Test", "description": "D", "updated": datetime.date(2026, 1, 15),
        "contact": {"email": "info@test.example"},
        "accessibility": {"approved_by": "B&W", "approved_on": datetime.date(2026, 1, 10)}}


def config(**fields) -> SiteConfig:
    return SiteConfig.model_validate({**BASE, **fields})


def test_defaults_come_from_contact_and_updated():
    text = security_txt(config(), ".well-known/security.txt", "kwetsbaarheid-melden/")
    assert text == ("Contact: mailto:info@test.example\nExpires: 2027-01-15T00:00:00Z\n"
                    "Preferred-Languages: nl, en\n")


def test_https_site_gets_canonical_and_the_page_as_policy():
    text = security_txt(config(site_url="https://www.test.nl/inspraak/", security={
        "contact": "https://www.test.nl/melden", "expires": datetime.date(2026, 6, 30)}),
        ".well-known/security.txt", "kwetsbaarheid-melden/")
    assert text.splitlines() == ["Contact: https://www.test.nl/melden", "Expires: 2026-06-30T00:00:00Z",
                                 "Preferred-Languages: nl, en",
                                 "Canonical: https://www.test.nl/inspraak/.well-known/security.txt",
                                 "Policy: https://www.test.nl/inspraak/kwetsbaarheid-melden/"]


def test_an_http_site_gets_no_web_address_in_the_file():
    text = security_txt(config(site_url="http://127.0.0.1:8000/"), ".well-known/security.txt", "kwetsbaarheid-melden/")
    assert "Canonical" not in text and "Policy" not in text and "http://" not in text


@pytest.mark.parametrize("expires, message", [
    ("2026-01-15", "E009 'security.expires' 2026-01-15 ligt niet na 'updated' (2026-01-15): kies een latere datum, "
                   "hoogstens een jaar na 'updated'"),
    ("2025-12-01", "E009 'security.expires' 2025-12-01 ligt niet na 'updated' (2026-01-15): kies een latere datum, "
                   "hoogstens een jaar na 'updated'"),
    ("2027-01-16", "E009 'security.expires' 2027-01-16 ligt meer dan een jaar na 'updated' (2026-01-15): "
                   "kies uiterlijk 2027-01-15"),
    ("2027-01-15", None),
])
def test_expires_must_lie_within_a_year_after_updated(tmp_path, expires, message):
    path = tmp_path / "site_config.yml"
    text = MINIMAL.read_text(encoding="utf-8") + f"security:\n  contact: security@test.example\n  expires: {expires}\n"
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index(f"  expires: {expires}") + 1
    found = [f"{d.location.line}:{d.location.col}: {d.code} {d.message}" for d in check_security(load_config(path))]
    assert found == ([f"{line}:12: {message}"] if message else [])
