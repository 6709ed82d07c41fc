"""Shared fixtures: the demo portal built once, a minimal portal to break in many ways."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support import MINIMAL, ROOT, run_portaal


@pytest.fixture
def portal(tmp_path: Path):
    """A copy of the minimal portal; returns a function to overwrite files in it."""
    target = tmp_path / "portal"
    shutil.copytree(MINIMAL, target)

    def write(files: dict[str, str | None] | None = None) -> Path:
        for name, text in (files or {}).items():
            path = target / name
            if text is None:
                path.unlink()
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        return target

    return write


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The demo portal, built once per test session through the CLI."""
    out = tmp_path_factory.mktemp("demo") / "site"
    # Strict: the demo must meet the plain-language norms, or the suite fails (CI builds it so).
    result = run_portaal("build", "--strict", "--out", str(out), cwd=ROOT)
    assert result.code == 0, result.stderr
    return out
