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


# Each engine's own search: Material's results list, Zensical's dialog (a shadow root, which
# Playwright's locators see into) with its results as options of a listbox.
SEARCH_RESULTS = {"material": ".md-search-result__item", "zensical": "[role=listbox] [role=option]"}
SEARCH_FIELD_HAS_FOCUS = """() => {
    let focused = document.activeElement;
    while (focused && focused.shadowRoot && focused.shadowRoot.activeElement) focused = focused.shadowRoot.activeElement;
    return !!focused && focused.tagName === "INPUT";
}"""


def test_search_opens_and_finds_dutch_text_by_keyboard(site_url, engine, context_factory):
    page = context_factory(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(site_url)
    # "/" is the shortcut of both engines (the search button is also a normal Tab stop). An engine
    # hears it only once its script has started, which a loaded machine may delay past `load`.
    for _ in range(50):  # up to 10 s
        page.keyboard.press("/")
        if page.evaluate(SEARCH_FIELD_HAS_FOCUS):
            break
        page.wait_for_timeout(200)
    assert page.evaluate(SEARCH_FIELD_HAS_FOCUS), "'/' did not open the search field"
    page.keyboard.type("stamtafel")
    # Results appear while typing (for 's', 'st', …): wait for the full word's results, not the first list.
    results = page.locator(SEARCH_RESULTS[engine])
    shown = ""
    for _ in range(75):  # up to 15 s
        shown = " ".join(results.all_inner_texts())
        if "Someren" in shown:
            break
        page.wait_for_timeout(200)
    assert "Someren" in shown, shown[:500]



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
    # Controls that only work with JavaScript are not offered without it.
    assert not page.locator(".md-search__input").is_visible()
    assert not page.locator("[data-md-component=palette]").is_visible()


def test_not_found_page_is_dutch_and_leads_home(site_url, context_factory):
    page = context_factory(viewport={"width": 1280, "height": 800}).new_page()
    response = page.goto(site_url + "bestaat/niet/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Pagina niet gevonden"
    page.get_by_role("link", name="Ga naar de homepagina").click()
    page.wait_for_url(site_url)


def focus_walk(page, limit: int = 400) -> list[dict]:
    """Tab through the page from the top until focus comes back round; describe each stop."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate("""() => {
            const el = document.activeElement;
            if (!el || el === document.body) return null;
            const s = getComputedStyle(el), r = el.getBoundingClientRect();
            return {key: el.outerHTML.replace(/ ?focus-visible| data-focus-visible-added=""/g, "").slice(0, 120), text: el.textContent.trim().slice(0, 40),
                    outline: s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth),
                    shadow: s.boxShadow !== 'none', width: r.width, height: r.height};
        }""")
        if stop is None:  # between the end of the page and the browser's own controls
            continue
        if stops and stop["key"] == stops[0]["key"]:
            break
        stops.append(stop)
    return stops


@pytest.mark.parametrize("url", ["", "praktijkvoorbeelden/almere/", "methoden/methode-jet/sessieplan/", "toegankelijkheid/"])
def test_every_stop_is_reachable_visible_and_there_is_no_trap(site_url, context_factory, url):
    page = context_factory(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(site_url + url)
    stops = focus_walk(page)
    texts = [s["text"] for s in stops]
    assert len(stops) > 10
    assert texts[0] in ("Ga naar inhoud", "Naar de inhoud")
    assert "Toegankelijkheid" in texts, "focus reaches the footer: no keyboard trap on the way"
    invisible = [s["key"] for s in stops if s["outline"] < 2 and not s["shadow"] and s["width"] > 0]
    assert invisible == []


def test_colour_scheme_can_be_switched_by_keyboard(site_url, context_factory):
    page = context_factory(viewport={"width": 1280, "height": 800}, color_scheme="light").new_page()
    page.goto(site_url)
    assert page.get_attribute("body", "data-md-color-scheme") == "default"
    toggle = page.get_by_label("Donkere weergave")
    toggle.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    page.reload()
    assert page.get_attribute("body", "data-md-color-scheme") == "slate", "the choice is remembered"


def test_print_shows_content_not_chrome(site_url, context_factory):
    page = context_factory(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(site_url + "methoden/methode-jet/sessieplan/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".portaal-back"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("table.portaal-data-table").is_visible()


def test_reduced_motion_is_respected(site_url, context_factory):
    page = context_factory(viewport={"width": 1280, "height": 800}, reduced_motion="reduce").new_page()
    page.goto(site_url)
    durations = page.evaluate("[...document.querySelectorAll('*')].map(e => getComputedStyle(e).transitionDuration)")
    assert all(float(d.split(",")[0].rstrip("s")) <= 0.001 for d in durations)


def test_stand_alone_links_have_44_pixel_targets(site_url, context_factory):
    page = context_factory(viewport={"width": 375, "height": 812}).new_page()
    page.goto(site_url + "methoden/lemniscaat/ervaringen-vertalen/")
    links = page.locator(".portaal-pager a, .portaal-back a, .portaal-footer-links a")
    assert links.count() >= 3
    for index in range(links.count()):
        box = links.nth(index).bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, links.nth(index).inner_text()
