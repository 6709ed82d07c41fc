"""Feedback forms end to end: `portaal serve` (preview and receiver on one origin) in Chromium,
with and without JavaScript; what the browser sent is what the database holds."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import urllib.request

import pytest

from browser_support import describe, run_axe
from support import ROOT, run_portaal

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def preview(engine, tmp_path_factory):
    """`portaal serve` on the demo, built with each engine in turn."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    folder = tmp_path_factory.mktemp("feedback")
    database, config = folder / "feedback.sqlite3", ROOT / "site_config.yml"
    if engine != "material":  # the demo's own configuration, with its content, for the other engine
        text = config.read_text(encoding="utf-8")
        config = folder / "site_config.yml"
        config.write_text(f"{text}\ncontent_dir: {ROOT / 'content'}\nengine: {engine}\n", encoding="utf-8")
    server = subprocess.Popen([sys.executable, "-m", "generator.cli", "serve", "--config", str(config),
                               "--port", str(port), "--database", str(database)], cwd=ROOT,
                              env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "feedback/gezondheid", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        server.kill()
        raise AssertionError("portaal serve did not start: " + server.stderr.read())
    yield url, database
    server.send_signal(signal.SIGINT)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()


def stored(database) -> list[dict]:
    result = run_portaal("feedback", "export", "--format", "json", "--database", str(database), cwd=ROOT)
    assert result.code == 0, result.stderr
    return json.loads(result.stdout)


def newest(database, form: str) -> dict:
    rows = [row for row in stored(database) if row["formulier"] == form]
    return rows[-1]["antwoorden"] if rows else {}


def open_page(preview, context_factory, javascript: bool, path: str):
    url, _ = preview
    page = context_factory(url, viewport={"width": 1280, "height": 800}, java_script_enabled=javascript).new_page()
    page.goto(url + path)
    return page


def wait_for_thanks(page, javascript: bool, slug: str, text: str) -> None:
    """With JavaScript the thanks replace the form in place; without, the thank-you page opens."""
    if javascript:
        page.get_by_role("status").filter(has_text=text).wait_for()
    else:
        page.wait_for_url(f"**/feedback/{slug}/bedankt/")
        assert text in page.locator("article").inner_text()


@pytest.mark.parametrize("javascript", [False, True])
def test_page_feedback_nee_with_what_can_be_better(preview, context_factory, javascript):
    url, database = preview
    before = len(stored(database))
    page = open_page(preview, context_factory, javascript, "praktijkvoorbeelden/pekela/")
    widget = page.locator('form[data-feedback-form="pagina-nuttig"]')
    better = widget.get_by_label("Wat kan beter?")
    if javascript:
        assert not better.is_visible(), "asked only after 'Nee'"
    widget.get_by_label("Nee").check()
    better.fill(f"Meer voorbeelden graag ({'met' if javascript else 'zonder'} JS)")
    widget.get_by_role("button", name="Verstuur").click()
    wait_for_thanks(page, javascript, "pagina-nuttig", "Dank je wel")
    assert page.url == url + ("praktijkvoorbeelden/pekela/" if javascript else "feedback/pagina-nuttig/bedankt/")
    assert len(stored(database)) == before + 1
    assert newest(database, "pagina-nuttig") == {
        "nuttig": "Nee", "verbetering": f"Meer voorbeelden graag ({'met' if javascript else 'zonder'} JS)",
        "_pagina": "praktijkvoorbeelden/pekela/"}


@pytest.mark.parametrize("javascript", [False, True])
def test_ervaringenkaart_is_stored_exactly(preview, context_factory, javascript):
    _, database = preview
    page = open_page(preview, context_factory, javascript, "feedback/ervaringenkaart/")
    form = page.locator('form[data-feedback-form="ervaringenkaart"]')
    form.locator('input[name="verwachting"][value="4"]').check()
    form.locator('input[name="resultaat"][value="5"]').check()
    form.locator('input[name="ervaring"][value="3"]').check()
    form.get_by_label("Top: wat ging goed?").fill("Ze luisterde goed; \"echt\" goed.")
    form.get_by_label("Tip: wat kan beter?").fill("Sneller een afspraak.\nGraag bij mij thuis.")
    form.get_by_role("button", name="Verstuur de kaart").click()
    wait_for_thanks(page, javascript, "ervaringenkaart", "Dank je wel voor je kaart")
    assert newest(database, "ervaringenkaart") == {
        "verwachting": "4", "resultaat": "5", "ervaring": "3", "top": "Ze luisterde goed; \"echt\" goed.",
        "tip": "Sneller een afspraak.\nGraag bij mij thuis.", "_pagina": "feedback/ervaringenkaart/"}


@pytest.mark.parametrize("javascript", [False, True])
def test_deel_je_ervaring_errors_then_success(preview, context_factory, javascript):
    url, database = preview
    before = len(stored(database))
    page = open_page(preview, context_factory, javascript, "feedback/deel-je-ervaring/")
    page.locator('form[data-feedback-form="deel-je-ervaring"]').get_by_label("Je e-mailadres").fill("geen-adres")
    page.get_by_role("button", name="Verstuur", exact=True).click()
    summary = page.locator(".portaal-error-summary")
    summary.wait_for()
    assert summary.get_by_role("heading").inner_text() == "Er ging iets mis"
    links = summary.get_by_role("link")
    assert links.all_inner_texts() == ["Kies een antwoord bij ‘Wat wil je delen?’", "Vul ‘Je ervaring of idee’ in",
                                       "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl"]
    assert page.locator(".portaal-field-error").count() == 3
    assert len(stored(database)) == before, "nothing stored for a form with errors"
    violations = run_axe(page) if javascript else None
    if not javascript:
        # The receiver's error page is the site's own page: check it in a scripting context.
        html = page.content()
        checker = context_factory(url, viewport={"width": 1280, "height": 800}).new_page()
        checker.route("**/error-page", lambda r: r.fulfill(body=html, content_type="text/html"))
        checker.goto(url + "error-page")
        violations = run_axe(checker)
    assert not violations, describe(violations)
    links.nth(1).click()
    page.keyboard.type("Meer avondbijeenkomsten.")
    form = page.locator('form[data-feedback-form="deel-je-ervaring"]')
    form.get_by_label("Een idee").check()
    form.get_by_label("Je e-mailadres").fill("inwoner@voorbeeld.nl")
    form.get_by_role("button", name="Verstuur", exact=True).click()
    wait_for_thanks(page, javascript, "deel-je-ervaring", "Dank je wel")
    assert newest(database, "deel-je-ervaring") == {"soort": "Een idee", "bericht": "Meer avondbijeenkomsten.",
                                                     "email": "inwoner@voorbeeld.nl", "_pagina": "feedback/deel-je-ervaring/"}
