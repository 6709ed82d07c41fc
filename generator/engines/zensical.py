"""Zensical, the successor of Material for MkDocs, run as its own program.

Zensical reads the same mkdocs.yml keys but runs no hooks or plugins of ours (portaal needs
none: it finishes the HTML itself) and renders its templates with minijinja. What differs from
Material is set here: the classic look (its default look fails colour contrast in the footer),
its own link validation switched off (portaal checks links), and a sitemap.xml.gz, which
Zensical does not write.
"""

from __future__ import annotations

import datetime
import gzip
import importlib.util
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

from ruamel.yaml import YAML

label = "Zensical"
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# Heading anchors as with Material: pymdownx's slugify, which keeps letters such as é.
_TOC = """markdown_extensions:
- attr_list
- tables
- toc:
    permalink: false
    toc_depth: 3
    slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}
"""


def _config_text(options: dict, updated: datetime.date) -> str:
    options = {key: value for key, value in options.items() if key != "markdown_extensions"}
    # Zensical wants its folders inside the configuration's folder, given relative to it.
    work = Path(options["docs_dir"]).parent
    for key in ("docs_dir", "site_dir"):
        options[key] = Path(options[key]).relative_to(work).as_posix()
    options["theme"] = {**options["theme"], "variant": "classic",
                        "custom_dir": Path(options["theme"]["custom_dir"]).relative_to(work).as_posix()}
    options["plugins"] = ["search"]
    options["extra"] = {**options["extra"], "updated": updated.isoformat()}  # the sitemap's lastmod
    options["validation"] = {"invalid_links": False, "invalid_link_anchors": False}
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    text = StringIO()
    yaml.dump(options, text)
    return text.getvalue() + _TOC


def _write_sitemap_gz(site: Path) -> None:
    sitemap = site / "sitemap.xml"
    if sitemap.is_file():
        with gzip.GzipFile(site / "sitemap.xml.gz", "wb", mtime=0) as packed:  # mtime fixed: reproducible
            packed.write(sitemap.read_bytes())


PAGES_IN_MEMORY = False  # Zensical runs as a program of its own: it reads every page from the docs folder


def build(options: dict, work: Path, updated: datetime.date, dirty: bool = False) -> list[str]:
    # `dirty` is for in-process engines; Zensical keeps its own cache between builds.
    if importlib.util.find_spec("zensical") is None:
        return ["Zensical is niet geïnstalleerd; installeer portaal met 'pip install \"portaal[zensical]\"' "
                "of zet 'engine: material' in site_config.yml"]
    config = work / "mkdocs.yml"
    config.write_text(_config_text(options, updated), encoding="utf-8")
    try:
        done = subprocess.run([sys.executable, "-m", "zensical", "build", "-f", str(config)], cwd=work,
                              capture_output=True, text=True, timeout=1800, env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"})
    except (OSError, subprocess.TimeoutExpired) as error:
        return [f"Zensical kon niet draaien: {error}"]
    if done.returncode != 0:
        lines = [_ANSI.sub("", line).strip() for line in (done.stderr or done.stdout).splitlines() if line.strip()]
        return [lines[-1] if lines else f"Zensical stopte met code {done.returncode}"]
    _write_sitemap_gz(Path(options["site_dir"]))
    return []
