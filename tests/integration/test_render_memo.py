"""The preview's render memo (generator/render_memo.py): a page is rendered again when anything
its templates read changed, whatever that was, and only then.

Each step edits one thing and compares the memo's pages with a render from scratch of the same
content: a case, a source, a glossary term, a method, a template, a template that asks has() about
a page that is then added, a template that reads every case, and a setting. Mutation checks: a
memo that ignores the portal's recorded reads, or records no context names, fails here."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import ROOT

from generator import pipeline
from generator.render import render
from generator.render_memo import RenderMemo


@pytest.fixture
def demo(tmp_path):
    root = tmp_path / "portal"
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copy(ROOT / "site_config.yml", root / "site_config.yml")
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "themes/default/templates", templates)
    return root, templates


def _pages(root: Path, templates: Path, memo: RenderMemo | None = None) -> dict:
    prepared = pipeline.check(root / "site_config.yml").prepared
    assert prepared is not None
    return render(prepared.portal, prepared.routes, templates, memo=memo).pages


def _edit(path: Path, old: str | None, new: str) -> None:
    """Replace `old` by `new`; with no `old`, a new case made from another with `new` in it."""
    if old is None:
        text = (path.parent / "amersfoort.yml").read_text(encoding="utf-8")
        path.write_text(text.replace("municipality: Amersfoort", new, 1), encoding="utf-8")
        return
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


CASE = "praktijkvoorbeelden/almere/index.md"
OTHER_CASE = "praktijkvoorbeelden/amersfoort/index.md"
ABOUT = "over/index.md"


def test_every_edit_renders_what_a_fresh_render_gives_and_keeps_what_it_did_not_touch(demo):
    root, templates = demo
    content = root / "content"
    memo = RenderMemo()
    before = _pages(root, templates, memo)
    steps = [
        (content / "cases/almere.yml", "municipality: Almere", "municipality: Almere-Haven", CASE),
        (content / "sources.yml", "title: Inwoners betrekken bij", "title: Inwoners vroeg betrekken bij", CASE),
        (content / "glossary.yml", "definition: Een groep inwoners die", "definition: Een vaste groep inwoners die", None),
        (content / "methods/methode-jet.yml", "title: Methode Jet", "title: De Methode Jet", CASE),
        (templates / "case.md.j2", "## Bronnen", "## Bronnen en meer", OTHER_CASE),
        # Names a template looks up in its context (here has()) are recorded as well as the portal's.
        (templates / "case.md.j2", "## Bronnen en meer",
         "{% if has('case', 'zz-nieuw') %}Er is een nieuw voorbeeld.{% endif %}\n\n## Bronnen en meer", None),
        (content / "cases/zz-nieuw.yml", None, "municipality: Nieuwdorp", CASE),
        # A template that reads every case: a page must follow another case's edit.
        (templates / "case.md.j2", "## Bronnen en meer",
         "Ook: {% for other in portal.cases %}{{ other.model.municipality }} {% endfor %}\n\n## Bronnen en meer", CASE),
        (content / "cases/amersfoort.yml", "municipality: Amersfoort", "municipality: Amersfoort-Vathorst", CASE),
        # A setting that templates read as `config`, not through the portal.
        (root / "site_config.yml", "email: participatie@voorbeeldstad.example", "email: inwoners@voorbeeldstad.example",
         "contact/index.md"),
    ]
    for path, old, new, changed in steps:
        _edit(path, old, new)
        kept, fresh = _pages(root, templates, memo), _pages(root, templates)
        assert kept == fresh, path
        if changed is not None:
            assert kept[changed] != before[changed], (path, changed)
        # A template, a setting or a new page (new addresses) reach every page; content edits do not.
        if old is not None and path.parent != templates and path.name != "site_config.yml":
            assert kept[ABOUT] is before[ABOUT], f"{path}: a page that read nothing of it was rendered again"
        before = kept


def test_a_page_that_is_gone_is_forgotten(portal):
    root = portal()
    templates = ROOT / "themes/default/templates"
    memo, case = RenderMemo(), "praktijkvoorbeelden/voorbeeld/index.md"
    assert case in _pages(root, templates, memo)
    (root / "content/cases/voorbeeld.yml").unlink()
    assert case not in _pages(root, templates, memo)
    assert case not in memo._entries
