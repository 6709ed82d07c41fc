"""Shared fixtures: the demo portal built once, a minimal portal to break in many ways."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def run_portaal(*args: str, cwd: Path) -> Run:
    """Run the real console entry point in a subprocess, as a user would."""
    done = subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=300, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    return Run(done.returncode, done.stdout, done.stderr)


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
    result = run_portaal("build", "--out", str(out), cwd=ROOT)
    assert result.code == 0, result.stderr
    return out
