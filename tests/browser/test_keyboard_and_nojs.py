"""Main flows by keyboard alone, and the site without JavaScript."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def tab_to(page, text: str, limit: int = 60) -> None:
    """Press Tab until the focused element's text is `text`; fail if it is never reached."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == text:
            return
    raise AssertionError(f"'{text}' not reachable with Tab")


def test_skip_link_is_the_first_stop_and_jumps_to_the_content(site_url, context_factory):
    page = context_factory(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(site_url + "praktijkvoorbeelden/almere/")
    page.keyboard.press("Tab")
    first = page.evaluate("({cls: document.activeElement.className, href: document.activeElement.getAttribute('href')})")
    assert "md-skip" in first["cls"]
    assert page.locator(".md-skip").is_visible(), "the skip link becomes visible on focus"
    page.keyboard.press("Enter")
    target = first["href"].lstrip("#")
    assert page.evaluate("location.hash") == f"#{target}"
    assert page.locator(f"[id='{target}']").evaluate("el => el.tagName") == "H1"


def test_focus_is_clearly_visible(site_url, context_factory):
    page = context_factory(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(site_url + "praktijkvoorbeelden/")
    tab_to(page, "Home")
    style = page.evaluate("(() => { const s = getComputedStyle(document.activeElement);"
                          " return {style: s.outlineStyle, width: parseFloat(s.outlineWidth)}; })()")
    assert style["style"] != "none" and style["width"] >= 2


def test_browse_from_home_to_a_case_by_keyboard(site_url, context_factory):
    page = context_factory(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(site_url)
    tab_to(page, "Praktijkvoorbeelden")
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + "praktijkvoorbeelden/")
    tab_to(page, page.locator(".portaal-facet a").first.inner_text().strip())
    page.keyboard.press("Enter")
    page.wait_for_url("**/praktijkvoorbeelden/vorm/**")
    first_case = page.locator(".portaal-card__title a").first.inner_text().strip()
    tab_to(page, first_case)
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().strip() == first_case


def test_search_opens_and_finds_dutch_text_by_keyboard(site_url, context_factory):
    page = context_factory(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(site_url)
    page.keyboard.press("/")  # Material's shortcut; the search field is also a normal Tab stop
    page.keyboard.type("stamtafel")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10000)
    assert "Someren" in page.locator(".md-search-result").inner_text()


def test_without_javascript_everything_is_readable_and_navigable(site_url, context_factory):
    page = context_factory(java_script_enabled=False, viewport={"width": 1280, "height": 800}).new_page()
    page.goto(site_url + "praktijkvoorbeelden/")
    facet_links = page.locator(".portaal-facet a")
    assert facet_links.count() >= 10
    facet_links.first.click()
    page.wait_for_url("**/praktijkvoorbeelden/vorm/**")
    page.locator(".portaal-card__title a").first.click()
    page.wait_for_load_state()
    assert page.locator("[data-plain-summary]").is_visible()
    assert page.locator("h2").count() >= 3
    nav = page.locator(".md-nav--primary")
    assert nav.get_by_text("Methoden").first.is_visible()


def test_not_found_page_is_dutch_and_leads_home(site_url, context_factory):
    page = context_factory(viewport={"width": 1280, "height": 800}).new_page()
    response = page.goto(site_url + "bestaat/niet/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Pagina niet gevonden"
    page.get_by_role("link", name="Ga naar de homepagina").click()
    page.wait_for_url(site_url)
