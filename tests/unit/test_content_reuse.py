"""Loading content again (the preview builds again after every save) reuses what did not change:
an unchanged file is not parsed again, a changed one is, and its messages come back every time."""

from __future__ import annotations

from generator.content import load_layer
from generator.diagnostics import Report


def _load(folder):
    report = Report()
    return load_layer(folder, report), [str(d) for d in report.diagnostics]


def test_unchanged_files_are_reused_and_changed_files_are_read_again(portal):
    content = portal() / "content"
    first, _ = _load(content)
    second, _ = _load(content)
    assert second.cases[0].model is first.cases[0].model
    assert second.methods[0].document is first.methods[0].document

    case = content / "cases/voorbeeld.yml"
    case.write_text(case.read_text(encoding="utf-8").replace("title: Een voorbeeld", "title: Anders"), encoding="utf-8")
    third, _ = _load(content)
    assert third.cases[0].model.title == "Anders"
    assert third.methods[0].model is first.methods[0].model


def test_a_broken_file_reports_its_error_at_every_load(portal):
    content = portal({"content/cases/voorbeeld.yml": "title: [kapot\n"}) / "content"
    for _ in range(2):
        layer, messages = _load(content)
        assert layer.cases == []
        assert any("voorbeeld.yml:2:1: E001" in m for m in messages), messages
