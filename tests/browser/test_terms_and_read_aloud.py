"""Glossary explanations at first use, and the 'Lees voor' control, in Chromium."""

from __future__ import annotations

import pytest

from browser_support import describe, run_axe

pytestmark = pytest.mark.browser

CASE = "praktijkvoorbeelden/almere/"

# A stand-in for the browser's speech synthesis with one Dutch voice: headless Chromium has no
# voices, and the test must see what would be spoken.
FAKE_SPEECH = """
(() => {
  const spoken = [];
  window.__speech = {spoken, calls: []};
  const synth = {
    getVoices: () => [{lang: 'nl-NL', name: 'Test Nederlands', voiceURI: 'test-nl'}],
    speak: u => spoken.push({text: u.text, lang: u.lang}),
    pause: () => window.__speech.calls.push('pause'),
    resume: () => window.__speech.calls.push('resume'),
    cancel: () => window.__speech.calls.push('cancel'),
    addEventListener: () => {},
  };
  Object.defineProperty(window, 'speechSynthesis', {value: synth});
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
})();
"""


def test_a_term_is_explained_at_first_use_by_keyboard_and_dismissible(site_url, context_factory):
    page = context_factory(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(site_url + CASE)
    links = page.locator("article .portaal-term__link")
    slugs = [href.split("#")[1] for href in links.evaluate_all("els => els.map(e => e.getAttribute('href'))")]
    assert slugs and len(slugs) == len(set(slugs)), "each term is explained once per page"
    assert page.locator("article h1 .portaal-term, article h2 .portaal-term, article a .portaal-term").count() == 0
    first = links.first
    tip = page.locator(f"#{first.get_attribute('aria-describedby')}")
    assert not tip.is_visible()
    first.focus()
    assert tip.is_visible(), "the definition shows on keyboard focus"
    description = first.evaluate("el => el.ariaDescription ?? document.getElementById(el.getAttribute('aria-describedby')).textContent")
    assert description == tip.inner_text()
    violations = run_axe(page)
    assert not violations, describe(violations)
    page.keyboard.press("Escape")
    assert not tip.is_visible(), "Escape dismisses the definition (WCAG 1.4.13)"
    first.press("Enter")
    page.wait_for_url(f"**/begrippen/#{slugs[0]}")


def test_read_aloud_is_offered_with_a_dutch_voice_and_works_by_keyboard(site_url, context_factory):
    context = context_factory(viewport={"width": 1280, "height": 800})
    context.add_init_script(FAKE_SPEECH)
    page = context.new_page()
    page.goto(site_url + CASE)
    group = page.get_by_role("group", name="Voorlezen")
    assert group.is_visible()
    play = group.get_by_role("button", name="Lees voor")
    pause = group.get_by_role("button", name="Pauzeer")
    assert pause.is_disabled()
    play.focus()
    page.keyboard.press("Enter")
    spoken = page.evaluate("window.__speech.spoken")
    assert spoken[0]["text"] == page.locator("h1").inner_text() and spoken[0]["lang"] == "nl-NL"
    summary = page.locator("[data-plain-summary] p").nth(1).inner_text()
    assert " ".join(summary.split()) in [s["text"] for s in spoken]
    assert all("Onafhankelijke hulp met informatie" not in s["text"] for s in spoken[:3]), "tooltips are not read"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Pauzeer"
    page.keyboard.press("Enter")
    assert group.get_by_role("button", name="Ga verder").is_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # Stop
    assert page.evaluate("window.__speech.calls").count("cancel") >= 2 and "pause" in page.evaluate("window.__speech.calls")
    violations = run_axe(page)
    assert not violations, describe(violations)


def test_no_read_aloud_without_a_dutch_voice_or_without_javascript(site_url, context_factory):
    page = context_factory(viewport={"width": 1280, "height": 800}).new_page()  # headless: no voices at all
    page.goto(site_url + CASE)
    assert page.locator(".portaal-readaloud").count() == 0
    no_js = context_factory(java_script_enabled=False).new_page()
    no_js.goto(site_url + CASE)
    assert no_js.locator(".portaal-readaloud").count() == 0
    assert no_js.locator(".portaal-term__link").count() > 0, "terms still link to the glossary without JavaScript"
