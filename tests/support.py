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


def in_a_process_of_its_own(module_file: str, scenario: str, *args: str) -> None:
    """Run `scenario(*args)` of a test module in a new Python process. For tests of forking and
    watching: the test run's own browser drivers, servers and file watchers leave threads and
    child processes in the pytest process, and a process with threads never forks (parallel.py)."""
    module = Path(module_file).stem
    code = (f"import sys; sys.path[:0] = [{str(ROOT)!r}, {str(ROOT / 'tests')!r}, {str(Path(module_file).parent)!r}]\n"
            f"import {module}\n{module}.{scenario}(*sys.argv[1:])")
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
