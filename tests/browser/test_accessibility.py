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


# Pages added by hand-written content or templates, scanned on their own too (quick to run with -k added_page).
ADDED_PAGES = ["waar-begin-je/", "praktijkvoorbeelden/vorm/peilend/", "praktijkvoorbeelden/vorm/verdiepend/",
               "praktijkvoorbeelden/vorm/structureel/", "clientondersteuning/",
               "checklists/clientondersteuning-in-mijn-gemeente/"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("url", ADDED_PAGES)
def test_added_page_has_zero_axe_violations(site_url, demo_site, context_factory, url, scheme):
    assert url in site_pages(demo_site), url
    page = context_factory(site_url, viewport=VIEWPORTS["mobile"], color_scheme=scheme).new_page()
    visit(page, site_url, url)
    violations = run_axe(page)
    assert not violations, describe(violations)


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


# The accountability pages by themselves (the overview, a status filter, each kind of signal page),
# so a change to them can be checked quickly: `-k accountability`.
ACCOUNTABILITY_PAGES = ["feedback/wat-deden-we/", "feedback/wat-deden-we/aangepast/",
                        "feedback/wat-deden-we/signalen/kort-gezegd-moeilijk/",  # history, count, changed
                        "feedback/wat-deden-we/signalen/app/"]  # no history: the derived timeline


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_accountability_pages_have_zero_axe_violations(engine_site, context_factory, viewport, scheme):
    demo_site, site_url = engine_site
    page = context_factory(site_url, viewport=VIEWPORTS[viewport], color_scheme=scheme).new_page()
    failures = {}
    for url in ACCOUNTABILITY_PAGES:
        assert (demo_site / url / "index.html").is_file(), url
        visit(page, site_url, url)
        violations = run_axe(page)
        if violations:
            failures[url] = describe(violations)
    assert not failures, "\n\n".join(f"{url}:\n{text}" for url, text in failures.items())


def test_accountability_signal_pages_are_reached_without_javascript_by_keyboard(engine_site, context_factory):
    _, site_url = engine_site
    page = context_factory(site_url, java_script_enabled=False).new_page()
    visit(page, site_url, "feedback/wat-deden-we/")
    feed = page.locator('head link[rel="alternate"][type="application/atom+xml"]')
    assert feed.count() == 1  # both engines: portaal adds it after the build
    assert page.request.get(site_url + "feedback/wat-deden-we/" + feed.get_attribute("href")).ok
    link = page.get_by_role("link", name="Samenvattingen waren te moeilijk (voorbeeld)")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/feedback/wat-deden-we/signalen/kort-gezegd-moeilijk/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Samenvattingen waren te moeilijk")
    steps = page.locator("ol.portaal-timeline > li")
    assert steps.count() == 3 and "Aangepast" in steps.nth(2).inner_text()
    assert "4 inzendingen" in page.inner_text("article")


def test_feedback_report_is_valid_html_with_zero_axe_violations_and_requests_nothing(portal, context_factory):
    from generator.feedback.storage import open_store
    from support import ROOT, run_portaal

    root = portal({name: (ROOT / name).read_text(encoding="utf-8") for name in
                   ("content/feedback/terugkoppeling.yml", "content/feedback/pagina-nuttig.yml",
                    "content/feedback/deel-je-ervaring.yml")})
    store = open_store(root / "feedback.sqlite3")
    for day, answer in (("01", "Ja"), ("02", "Nee")):
        store.add("pagina-nuttig", {"nuttig": answer, "_pagina": "over/"}, f"2026-11-{day}T10:00:00Z")
    done = run_portaal("feedback", "report", "--today", "2026-12-01", cwd=root)
    assert done.code == 0, done.stderr
    report = (root / "feedback-rapport.html").as_uri()
    context = context_factory(report, viewport=VIEWPORTS["mobile"])
    page = context.new_page()
    page.goto(report)
    violations = run_axe(page)
    assert not violations, describe(violations)
    assert context.foreign_requests == []
    done = subprocess.run([shutil.which("java"), "-jar", str(VNU), "--errors-only", str(root / "feedback-rapport.html")],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stderr.strip() == "", done.stderr
