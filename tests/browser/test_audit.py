"""`portaal audit`: axe-core in Chromium at two widths and two colour schemes, vnu where Java is,
a Dutch summary, a JSON report, and exit 1 on a violation. A tiny site keeps it quick."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support import run_portaal

pytestmark = pytest.mark.browser

NODE_MODULES = Path(__file__).resolve().parent / "node_modules"
TOOLS = ["--axe", str(NODE_MODULES / "axe-core/axe.min.js"), "--vnu", str(NODE_MODULES / "vnu-jar/build/dist/vnu.jar")]
PAGE = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>{title}</h1><p>Tekst.</p>{extra}</main></body></html>
"""


def site(tmp_path: Path, pages: dict[str, str]) -> Path:
    root = tmp_path / "site"
    for address, extra in pages.items():
        (root / address).parent.mkdir(parents=True, exist_ok=True)
        (root / address).write_text(PAGE.format(title=address, extra=extra), encoding="utf-8")
    return root


def test_a_clean_site_passes_with_a_dutch_summary_and_a_report(tmp_path):
    root = site(tmp_path, {"index.html": "", "privacy/index.html": "<p>Privacy.</p>"})
    result = run_portaal("audit", str(root), *TOOLS, cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert "2 pagina's, elk op desktop en mobiel, licht en donker" in result.stderr
    assert "Nu Html Checker: uitgevoerd." in result.stderr and "Geen problemen gevonden." in result.stderr
    report = json.loads((tmp_path / "audit.json").read_text(encoding="utf-8"))
    assert report["pages"] == 2 and report["violations"] == 0 and report["vnu"] == "uitgevoerd"


def test_a_violation_and_invalid_html_are_located_and_fail(tmp_path):
    root = site(tmp_path, {"index.html": "", "fout/index.html": '<img src="x.png">', "html/index.html": "</p></p>"})
    result = run_portaal("audit", str(root), *TOOLS, cwd=tmp_path)
    assert result.code == 1
    lines = result.stderr.splitlines()
    axe = [line for line in lines if " E050 " in line]
    # One image without alt text, found at both widths in both schemes.
    assert len([line for line in axe if line.startswith(f"{root}/fout/index.html:1:1: E050 axe image-alt (critical, ")]) == 4
    assert any(" E051 HTML: " in line and line.startswith(f"{root}/html/index.html:") for line in lines)
    assert "probleem/problemen gevonden" in result.stderr


def test_missing_tools_are_named_not_a_traceback(tmp_path):
    root = site(tmp_path, {"index.html": ""})
    result = run_portaal("audit", str(root), "--axe", str(tmp_path / "geen-axe.js"), cwd=tmp_path)
    assert result.code == 1 and "Traceback" not in result.stderr
    assert f"{root}:1:1: E052 axe-core niet gevonden in {tmp_path / 'geen-axe.js'}" in result.stderr
