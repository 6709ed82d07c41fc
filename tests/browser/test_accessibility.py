"""Every built page: zero axe-core violations, no request to another origin, usable without JS."""

from __future__ import annotations

import pytest

from browser_support import describe, run_axe, site_pages

pytestmark = pytest.mark.browser


def test_every_page_has_zero_axe_violations_at_desktop_size(demo_site, site_url, context_factory):
    context = context_factory(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    failures = {}
    pages = site_pages(demo_site)
    assert len(pages) > 30
    for url in pages:
        # The 404 page is seen where a visitor meets it: at a deep address that does not exist.
        target = "deze/pagina/bestaat-niet/" if url == "404.html" else url
        response = page.goto(site_url + target)
        assert response.status == (404 if url == "404.html" else 200), url
        violations = run_axe(page)
        if violations:
            failures[url] = describe(violations)
    assert not failures, "\n\n".join(f"{url}:\n{text}" for url, text in failures.items())
    assert context.foreign_requests == []
