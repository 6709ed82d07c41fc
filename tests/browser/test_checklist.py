"""The advocates' checklist in Chromium: keyboard answering, persistence, export/import, reset,
no-JavaScript reading, and axe in every state."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from browser_support import describe, run_axe
from support import ROOT

pytestmark = pytest.mark.browser

SLUG = "clientondersteuning-in-mijn-gemeente"
URL = f"checklists/{SLUG}/"
CHECKLIST = YAML(typ="safe").load((ROOT / "content/checklists" / f"{SLUG}.yml").read_text(encoding="utf-8"))
ITEMS = [(section, item) for section in CHECKLIST["sections"] for item in section["items"]]
LABELS = {"ja": "Ja", "deels": "Deels", "nee": "Nee", "weet-niet": "Weet ik niet"}


def assert_axe_clean(page, state: str) -> None:
    violations = run_axe(page)
    assert not violations, f"{state}:\n{describe(violations)}"


def open_checklist(context_factory, site_url, **options):
    page = context_factory(viewport={"width": 1280, "height": 800}, accept_downloads=True, **options).new_page()
    page.goto(site_url + URL)
    return page


def tab_until(page, predicate_js: str, limit: int = 400) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(predicate_js):
            return
    raise AssertionError(f"never reached: {predicate_js}")


def answer_first_two_by_keyboard(page) -> None:
    first, second = ITEMS[0][1]["id"], ITEMS[1][1]["id"]
    tab_until(page, f"document.activeElement.name === 'antwoord-{first}'")
    page.keyboard.press("Space")  # checks "Ja"
    page.keyboard.press("Tab")  # the note
    page.keyboard.type("Staat op de website; en \"goed\" te vinden")
    tab_until(page, f"document.activeElement.name === 'antwoord-{second}'", limit=5)
    page.keyboard.press("ArrowRight")  # moves to and checks "Deels"
    page.keyboard.press("ArrowRight")  # "Nee"


def expected_markdown(answers: dict[str, tuple[str, str]]) -> str:
    lines = [f"<!-- portaal-checklist 1: {SLUG} -->", f"# {CHECKLIST['title']}", "",
             f"Ingevuld op {datetime.date.today().isoformat()}.", ""]
    current = None
    for section, item in ITEMS:
        if section["id"] != current:
            current = section["id"]
            lines += [f"## {section['title']}", ""]
        answer, note = answers.get(item["id"], ("", ""))
        lines += [f"### {item['question']} {{#{item['id']}}}", "",
                  f"- Antwoord: {LABELS[answer] if answer else 'nog niet beantwoord'}", f"- Notitie: {note}", ""]
    return "\n".join(lines)


def expected_csv(answers: dict[str, tuple[str, str]]) -> str:
    def field(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if any(c in value for c in '";\n\r') else value

    rows = ["checklist;onderdeel;vraag_id;vraag;antwoord;notitie"]
    for section, item in ITEMS:
        answer, note = answers.get(item["id"], ("", ""))
        rows.append(";".join(field(v) for v in (SLUG, section["title"], item["id"], item["question"],
                                                 LABELS[answer] if answer else "", note)))
    return "\ufeff" + "\r\n".join(rows) + "\r\n"


ANSWERED = {ITEMS[0][1]["id"]: ("ja", 'Staat op de website; en "goed" te vinden'), ITEMS[1][1]["id"]: ("nee", "")}


def download(page, label: str) -> str:
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
    with open(info.value.path(), encoding="utf-8", newline="") as file:  # keep CSV's \r\n as written
        return file.read()


def checked_answers(page) -> dict[str, str]:
    return page.evaluate("Object.fromEntries([...document.querySelectorAll('input[type=radio]:checked')]"
                         ".map(r => [r.name.replace('antwoord-', ''), r.value]))")


def test_answer_by_keyboard_persist_export_and_progress(site_url, context_factory):
    page = open_checklist(context_factory, site_url)
    assert_axe_clean(page, "empty")
    assert not page.get_by_text("JavaScript staat uit.").is_visible()
    assert page.get_by_text("Je antwoorden blijven bij jou.").is_visible()
    assert page.locator("[data-progress-text]").inner_text() == f"0 van {len(ITEMS)} vragen beantwoord"

    answer_first_two_by_keyboard(page)
    first_section = ITEMS[0][0]
    status = page.locator(f'[data-status-for="{first_section["id"]}"]')
    expected_status = "klaar" if len(first_section["items"]) == 2 else "bezig"
    assert status.inner_text() == expected_status
    assert page.locator("[data-live]").evaluate("el => el.getAttribute('aria-live')") == "polite"
    page.wait_for_function("document.querySelector('[data-live]').textContent.includes('Onderdeel')")
    assert_axe_clean(page, "partly filled")

    page.reload()
    assert checked_answers(page) == {k: v[0] for k, v in ANSWERED.items()}
    assert page.locator(f"#notitie-{ITEMS[0][1]['id']}").input_value() == ANSWERED[ITEMS[0][1]["id"]][1]
    assert page.locator("[data-progress-text]").inner_text() == f"2 van {len(ITEMS)} vragen beantwoord"

    summary = page.locator("[data-summary]")
    assert f"Antwoord: Ja" in summary.inner_text() and "Nog niet beantwoord" in summary.inner_text()

    assert download(page, "Download als tekst (Markdown)") == expected_markdown(ANSWERED)
    assert download(page, "Download voor spreadsheet (CSV)") == expected_csv(ANSWERED)


def test_complete_checklist_summary_links_back(site_url, context_factory):
    page = open_checklist(context_factory, site_url)
    for _, item in ITEMS:
        page.locator(f"input[name='antwoord-{item['id']}'][value='weet-niet']").check()
    assert page.locator("[data-progress-text]").inner_text() == f"{len(ITEMS)} van {len(ITEMS)} vragen beantwoord"
    assert set(page.locator("[data-status-for]").all_inner_texts()) == {"klaar"}
    assert_axe_clean(page, "complete")
    page.locator("#je-antwoorden").scroll_into_view_if_needed()
    assert_axe_clean(page, "summary")
    last = ITEMS[-1][1]["id"]
    page.locator("[data-summary] a").last.click()
    assert page.evaluate("document.activeElement.name") == f"antwoord-{last}"


def test_import_restores_answers_on_another_device(site_url, context_factory, tmp_path):
    source = open_checklist(context_factory, site_url)
    answer_first_two_by_keyboard(source)
    for label, name in (("Download als tekst (Markdown)", "a.md"), ("Download voor spreadsheet (CSV)", "a.csv")):
        exported = tmp_path / name
        exported.write_bytes(download(source, label).encode("utf-8"))
        other = open_checklist(context_factory, site_url)  # a fresh browser: nothing stored
        assert checked_answers(other) == {}
        other.locator("[data-import]").set_input_files(str(exported))
        other.wait_for_function("document.querySelectorAll('input[type=radio]:checked').length === 2")
        assert checked_answers(other) == {k: v[0] for k, v in ANSWERED.items()}
        assert other.locator(f"#notitie-{ITEMS[0][1]['id']}").input_value() == ANSWERED[ITEMS[0][1]["id"]][1]
        other.reload()
        assert checked_answers(other) == {k: v[0] for k, v in ANSWERED.items()}, "imported answers are saved"


@pytest.mark.parametrize("name, content, message", [
    ("kapot.md", "iets anders\n", "Dit bestand is geen antwoordbestand van een checklist van deze site."),
    ("ander.md", "<!-- portaal-checklist 1: inwoners-betrekken -->\n", "Dit bestand hoort bij een andere checklist"),
    ("fout.csv", "checklist;onderdeel;vraag_id;vraag;antwoord;notitie\r\n" + SLUG + ";x;bestaat-niet;x;Ja;\r\n",
     "Regel 2: onbekende vraag"),
    ("fout2.csv", "checklist;onderdeel;vraag_id;vraag;antwoord;notitie\r\n" + SLUG + ";x;" + ITEMS[0][1]["id"] + ";x;Misschien;\r\n",
     "Regel 2: onbekend antwoord"),
])
def test_a_damaged_or_foreign_file_is_refused_and_nothing_changes(site_url, context_factory, name, content, message):
    page = open_checklist(context_factory, site_url)
    answer_first_two_by_keyboard(page)
    before = page.evaluate(f"localStorage.getItem('portaal-checklist:{SLUG}')")
    page.locator("[data-import]").set_input_files(files=[{"name": name, "mimeType": "text/plain", "buffer": content.encode()}])
    alert = page.get_by_role("alert")
    alert.filter(has_text="Er is niets veranderd.").wait_for()
    assert message in alert.inner_text() and name in alert.inner_text()
    assert page.evaluate(f"localStorage.getItem('portaal-checklist:{SLUG}')") == before
    assert checked_answers(page) == {k: v[0] for k, v in ANSWERED.items()}
    assert_axe_clean(page, "import error")


def test_reset_asks_first_then_clears_everything(site_url, context_factory):
    page = open_checklist(context_factory, site_url)
    answer_first_two_by_keyboard(page)
    page.get_by_role("button", name="Opnieuw beginnen").click()
    page.get_by_role("button", name="Nee, terug").click()
    assert len(checked_answers(page)) == 2
    page.get_by_role("button", name="Opnieuw beginnen").click()
    assert_axe_clean(page, "reset confirmation")
    page.get_by_role("button", name="Ja, wis alles").click()
    assert checked_answers(page) == {}
    assert page.locator(f"#notitie-{ITEMS[0][1]['id']}").input_value() == ""
    assert page.evaluate(f"localStorage.getItem('portaal-checklist:{SLUG}')") is None
    page.reload()
    assert checked_answers(page) == {}


def test_without_javascript_every_question_is_shown(site_url, context_factory):
    page = open_checklist(context_factory, site_url, java_script_enabled=False)
    legends = page.locator("form.portaal-checklist fieldset legend").all_inner_texts()
    assert [text.split(". ", 1)[1] for text in legends] == [item["question"] for _, item in ITEMS]
    assert page.locator("form.portaal-checklist textarea").count() == len(ITEMS)
    assert not page.locator("[data-checklist-tools]").is_visible()
    assert page.get_by_text("JavaScript staat uit.").is_visible()


def test_print_shows_questions_answers_and_notes_without_chrome(site_url, context_factory):
    page = open_checklist(context_factory, site_url)
    answer_first_two_by_keyboard(page)
    page.emulate_media(media="print")
    assert not page.locator(".md-header").is_visible()
    assert not page.locator("form.portaal-checklist").is_visible()
    text = page.locator("[data-summary]").inner_text()
    assert ITEMS[-1][1]["question"] in text and ANSWERED[ITEMS[0][1]["id"]][1] in text
