"""`portaal --help` answers at once: the console script imports nothing heavy until a command needs it."""

from __future__ import annotations

import subprocess
import sys

from support import ROOT

HEAVY = ("pydantic", "mkdocs", "textstat", "pyphen", "wordfreq", "jinja2", "ruamel.yaml", "starlette", "uvicorn")


def test_help_loads_none_of_the_build_libraries():
    code = ("import sys, contextlib, io\nfrom generator import cli\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try:\n        cli.run(['--help'])\n    except SystemExit:\n        pass\n"
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_hyphenation_and_word_frequencies_load_only_when_a_word_is_measured():
    code = ("import sys\nfrom generator import pipeline, readability\n"
            "loaded = lambda: [m in sys.modules for m in ('pyphen', 'wordfreq', 'textstat')]\n"
            "before = loaded()\nreadability.measure('Inwoners praten mee.')\nprint(before, loaded())")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    # textstat is only the tests' reference (test_readability.py), never loaded by a build.
    assert done.stdout.strip() == "[False, False, False] [True, True, False]"


def test_a_check_ends_at_once_with_all_its_output_and_its_code(tmp_path):
    """`program` ends a check's process without Python's teardown: everything printed (a full
    readability table on stdout, a pipe) still arrives, and so does the exit code."""
    from support import run_portaal

    done = run_portaal("check", cwd=ROOT)
    assert done.code == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("pagina") and len(lines) > 40
    assert any(line.startswith("/waar-begin-je/") for line in lines)
    assert done.stderr.endswith("Klaar: geen fouten.\n")
    (tmp_path / "site_config.yml").write_text("site_name: [\n", encoding="utf-8")
    failed = run_portaal("check", cwd=tmp_path)
    assert failed.code == 1 and "site_config.yml:" in failed.stderr
