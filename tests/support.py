"""Helpers shared by the test modules (fixtures live in conftest.py)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

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
