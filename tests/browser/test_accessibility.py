"""Every built page: zero axe-core violations in 2 viewports x 2 colour schemes, valid HTML,
reflow at 320 CSS px, and no request to another origin."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from browser_support import describe, run_axe, site_pages

pytestmark = pytest.mark.browser

VNU = Path(__file__).resolve().parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "mobile": {"width": 375, "height": 812}}


def visit(page, site_url: str, url: str):
    # The 404 page is seen where a visitor meets it: at a deep address that does not exist.
    target = "deze/pagina/bestaat-niet/" if url == "404.html" else url
    response = page.goto(site_url + target)
    assert response.status == (404 if url == "404.html" else 200), url
    return response


# The pages every Dutch government site has; scanned on their own too, so a change to them is
# checked in seconds (`-k public_sector`). The full scan below covers them as well.
PUBLIC_SECTOR_PAGES = ["contact/", "privacy/", "kwetsbaarheid-melden/", "toegankelijkheid/"]


def assert_no_axe_violations(context_factory, site_url: str, urls: list[str], viewport: str, scheme: str):
    context = context_factory(site_url, viewport=VIEWPORTS[viewport], color_scheme=scheme)
    page = context.new_page()
    failures = {}
    for url in urls:
        visit(page, site_url, url)
        expected = "slate" if scheme == "dark" else "default"
        assert page.get_attribute("body", "data-md-color-scheme") == expected, url
        violations = run_axe(page)
        if violations:
            failures[url] = describe(violations)
    assert not failures, "\n\n".join(f"{url}:\n{text}" for url, text in failures.items())
    assert context.foreign_requests == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_page_has_zero_axe_violations(engine_site, context_factory, viewport, scheme):
    demo_site, site_url = engine_site
    pages = site_pages(demo_site)
    assert len(pages) > 30
    assert_no_axe_violations(context_factory, site_url, pages, viewport, scheme)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_public_sector_pages_have_zero_axe_violations(engine_site, context_factory, viewport, scheme):
    demo_site, site_url = engine_site
    assert set(PUBLIC_SECTOR_PAGES) <= set(site_pages(demo_site))
    assert_no_axe_violations(context_factory, site_url, PUBLIC_SECTOR_PAGES, viewport, scheme)


def test_every_page_is_valid_html(engine_site):
    demo_site, _ = engine_site
    java = shutil.which("java")
    assert java, "Java is missing: run `make browser-deps`"
    done = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "gnu", str(demo_site)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stderr.strip() == "", done.stderr[:5000]


def test_no_horizontal_scrolling_at_320_css_pixels(engine_site, context_factory):
    demo_site, site_url = engine_site
    page = context_factory(site_url, viewport={"width": 320, "height": 640}).new_page()
    overflowing = []
    for url in site_pages(demo_site):
        visit(page, site_url, url)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            overflowing.append(f"{url}: {width}px")
    assert overflowing == []


def test_wide_tables_scroll_in_a_named_focusable_region(site_url, context_factory):
    page = context_factory(viewport={"width": 320, "height": 640}).new_page()
    page.goto(site_url + "methoden/methode-jet/sessieplan/")
    region = page.get_by_role("region", name="De stappen, met de tijd die je er ongeveer voor nodig hebt")
    assert region.get_attribute("tabindex") == "0"
    assert region.evaluate("el => el.scrollWidth > el.clientWidth"), "the table scrolls inside its region"
    region.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("End")
    # Scrolling may be animated: wait until the region has moved.
    page.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle(), timeout=5000)
