"""The preview's incremental builds: after an edit the site equals a full build of the same content,
only what changed was built again, and a failed build leaves the last good site in place."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator import pipeline
from generator.preview_site import PreviewSite


def _site(site: Path) -> dict[str, bytes]:
    # The search index of a dirty build is the last full one (documented); everything else must match.
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*"))
            if p.is_file() and p.name != "search_index.json"}


def _same_as_full_build(root: Path, preview_out: Path, tmp_path: Path) -> None:
    full = pipeline.build(root / "site_config.yml", tmp_path / "full")
    assert full.ok, full.report.diagnostics
    expected, got = _site(tmp_path / "full"), _site(preview_out)
    assert sorted(got) == sorted(expected)
    assert [path for path in expected if expected[path] != got[path]] == []


def test_an_edit_rebuilds_only_changed_pages_and_equals_a_full_build(portal, tmp_path):
    root = portal()
    preview, out = PreviewSite(tmp_path / "work"), tmp_path / "site"
    assert pipeline.build(root / "site_config.yml", out, preview=preview).ok
    assert preview.full_builds == 1
    about = (out / "over/index.html").read_bytes()

    case = root / "content/cases/voorbeeld.yml"
    case.write_text(case.read_text(encoding="utf-8").replace("title: Een voorbeeld", "title: Nieuw bij de wijk"),
                    encoding="utf-8")
    result = pipeline.build(root / "site_config.yml", out, preview=preview)
    assert result.ok, result.report.diagnostics
    assert preview.full_builds == 1  # the engine built only the changed pages
    assert "Nieuw bij de wijk" in (out / "praktijkvoorbeelden/voorbeeld/index.html").read_text(encoding="utf-8")
    assert "Nieuw bij de wijk" in (out / "praktijkvoorbeelden/index.html").read_text(encoding="utf-8")
    assert (out / "over/index.html").read_bytes() == about
    _same_as_full_build(root, out, tmp_path)


def test_a_menu_change_builds_everything(portal, tmp_path):
    root = portal()
    preview, out = PreviewSite(tmp_path / "work"), tmp_path / "site"
    assert pipeline.build(root / "site_config.yml", out, preview=preview).ok
    about = root / "content/pages/over.md"
    about.write_text(about.read_text(encoding="utf-8").replace("title: Over deze site", "title: Over dit portaal"),
                     encoding="utf-8")
    assert pipeline.build(root / "site_config.yml", out, preview=preview).ok
    assert preview.full_builds == 2  # every page shows the menu
    assert "Over dit portaal" in (out / "praktijkvoorbeelden/voorbeeld/index.html").read_text(encoding="utf-8")
    _same_as_full_build(root, out, tmp_path)


def test_a_failed_edit_keeps_the_last_good_site_and_a_fix_recovers(portal, tmp_path):
    root = portal()
    preview, out = PreviewSite(tmp_path / "work"), tmp_path / "site"
    assert pipeline.build(root / "site_config.yml", out, preview=preview).ok
    good = _site(out)
    case = root / "content/cases/voorbeeld.yml"
    text = case.read_text(encoding="utf-8")

    case.write_text("title: [kapot\n", encoding="utf-8")
    assert not pipeline.build(root / "site_config.yml", out, preview=preview).ok
    assert _site(out) == good
    # A page that links to a page that does not exist: the engine builds, the link check refuses.
    (root / "content/pages/over.md").write_text("---\ntitle: Over deze site\nnav_order: 90\n---\n"
                                               "Zie [de wijk](praktijkvoorbeelden/bestaat-niet/).\n", encoding="utf-8")
    case.write_text(text, encoding="utf-8")
    assert not pipeline.build(root / "site_config.yml", out, preview=preview).ok
    assert _site(out) == good

    (root / "content/pages/over.md").write_text("---\ntitle: Over deze site\nnav_order: 90\n---\nHersteld.\n",
                                               encoding="utf-8")
    assert pipeline.build(root / "site_config.yml", out, preview=preview).ok
    assert "Hersteld." in (out / "over/index.html").read_text(encoding="utf-8")
    _same_as_full_build(root, out, tmp_path)


def test_a_removed_case_leaves_nothing_behind_and_links_to_it_fail(portal, tmp_path):
    root = portal()
    preview, out = PreviewSite(tmp_path / "work"), tmp_path / "site"
    assert pipeline.build(root / "site_config.yml", out, preview=preview).ok
    assert (out / "praktijkvoorbeelden/voorbeeld/index.html").is_file()
    case = root / "content/cases/voorbeeld.yml"
    case.rename(tmp_path / "voorbeeld.yml")
    assert pipeline.build(root / "site_config.yml", out, preview=preview).ok
    assert not (out / "praktijkvoorbeelden/voorbeeld").exists()
    _same_as_full_build(root, out, tmp_path)
    # A page that still links to the removed case is refused, though the page itself did not change.
    (root / "content/pages/over.md").write_text("---\ntitle: Over deze site\nnav_order: 90\n---\n"
                                               "Zie [de wijk](praktijkvoorbeelden/voorbeeld/).\n", encoding="utf-8")
    result = pipeline.build(root / "site_config.yml", out, preview=preview)
    assert [d.code for d in result.report.errors] == ["E030"]


def test_a_run_of_edits_reuses_the_replaced_site_and_still_equals_a_full_build(portal, tmp_path):
    """Each swap keeps the replaced site to be relinked into the next one (only changed files)."""
    root = portal()
    preview, out = PreviewSite(tmp_path / "work"), tmp_path / "site"
    assert pipeline.build(root / "site_config.yml", out, preview=preview).ok
    case = root / "content/cases/voorbeeld.yml"
    original = case.read_text(encoding="utf-8")
    edits = [original.replace("title: Een voorbeeld", "title: Eerste bewerking"), None,
             original.replace("title: Een voorbeeld", "title: Weer terug"), original]
    for edit in edits:
        if edit is None:
            case.unlink()  # a page and its folder go
        else:
            case.write_text(edit, encoding="utf-8")
        result = pipeline.build(root / "site_config.yml", out, preview=preview)
        assert result.ok, result.report.diagnostics
        assert preview.spare is not None and preview.spare.is_dir()
        _same_as_full_build(root, out, tmp_path)
        shutil.rmtree(tmp_path / "full")
    # Unchanged pages are the preview's finished files themselves, linked, not copies.
    about = "over/index.html"
    assert (out / about).stat().st_ino == (preview.finished / about).stat().st_ino


def test_a_spare_that_cannot_be_relinked_is_replaced_by_a_fresh_tree(portal, tmp_path):
    root = portal()
    preview, out = PreviewSite(tmp_path / "work"), tmp_path / "site"
    assert pipeline.build(root / "site_config.yml", out, preview=preview).ok
    case = root / "content/cases/voorbeeld.yml"
    case.write_text(case.read_text(encoding="utf-8").replace("title: Een voorbeeld", "title: Eerste"), encoding="utf-8")
    assert pipeline.build(root / "site_config.yml", out, preview=preview).ok
    page = preview.spare / "over/index.html"  # where the next site needs a file, the spare has a folder
    page.unlink()
    (page / "in-de-weg").mkdir(parents=True)
    case.write_text(case.read_text(encoding="utf-8").replace("title: Eerste", "title: Tweede"), encoding="utf-8")
    result = pipeline.build(root / "site_config.yml", out, preview=preview)
    assert result.ok, result.report.diagnostics
    _same_as_full_build(root, out, tmp_path)
