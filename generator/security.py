"""/.well-known/security.txt (RFC 9116) from the `security` settings, and their check.

Expires is measured from `updated`, the site's own date, not from the clock: a build stays the
same on any day, and a site whose date moves forward must renew its security.txt with it.
"""

from __future__ import annotations

import datetime

from .config import LoadedConfig
from .diagnostics import Diagnostic
from .models import SiteConfig
from .statement import years_later


def contact_uri(config: SiteConfig) -> str:
    """Where a vulnerability is reported, as a URI: 'mailto:…' or an https address."""
    contact = config.security.contact or config.contact.email
    return contact if contact.startswith("https://") else f"mailto:{contact}"


def expires(config: SiteConfig) -> datetime.date:
    return config.security.expires or years_later(config.updated, 1)


def check_security(loaded: LoadedConfig) -> list[Diagnostic]:
    """E009 when security.expires is not after `updated`, or more than a year after it (RFC 9116
    advises at most a year, so that a forgotten file stops being trusted)."""
    config = loaded.config
    chosen = config.security.expires
    if chosen is None:
        return []
    location = loaded.document.locate(("security", "expires"))
    updated = config.updated.isoformat()
    if chosen <= config.updated:
        return [Diagnostic("E009", f"'security.expires' {chosen.isoformat()} ligt niet na 'updated' ({updated}): "
                                   "kies een latere datum, hoogstens een jaar na 'updated'", location)]
    if chosen > years_later(config.updated, 1):
        return [Diagnostic("E009", f"'security.expires' {chosen.isoformat()} ligt meer dan een jaar na 'updated' "
                                   f"({updated}): kies uiterlijk {years_later(config.updated, 1).isoformat()}",
                           location)]
    return []


def security_txt(config: SiteConfig, own_address: str, policy_page: str | None) -> str:
    """The file's text. own_address is its site-relative address; policy_page the site-relative
    address of 'Kwetsbaarheid melden', the policy when no policy_url is set."""
    lines = [f"Contact: {contact_uri(config)}",
             f"Expires: {expires(config).isoformat()}T00:00:00Z",
             "Preferred-Languages: nl, en"]
    # RFC 9116: every web address in the file must be https, so an http site_url gives none.
    base = config.site_url if config.site_url and config.site_url.startswith("https://") else None
    if base:
        lines.append(f"Canonical: {base}{own_address}")
    if config.security.policy_url or (base and policy_page is not None):
        lines.append(f"Policy: {config.security.policy_url or base + policy_page}")
    return "\n".join(lines) + "\n"
