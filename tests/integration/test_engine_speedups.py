"""What makes a Material build faster changes no byte of the site.

engines/html_blocks.py sets portaal's HTML blocks aside before Python-Markdown; engines/
search_aside.py has Material's search index made by a forked child; engines/material.py lists the
installed theme's files once per process; parallel.py has the texts
measured and pages finished and links checked on more cores. The demo is built with all of them
and with none. Each build runs in a new process: the test run's own threads (browser drivers,
servers) would keep parallel.py from forking at all.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from support import ROOT, in_a_process_of_its_own


def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo")
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copy(ROOT / "site_config.yml", root / "site_config.yml")
    return root


def build_with_every_speed_up(root: str, out: str) -> None:
    from generator import parallel, pipeline

    assert parallel.can_fork(), "a process of its own has no other threads"
    result = pipeline.build(Path(root) / "site_config.yml", Path(out))
    assert result.ok, result.report.sorted()


def build_without_speed_ups(root: str, out: str) -> None:
    from mkdocs.plugins import BasePlugin

    from generator import parallel, pipeline
    from generator.engines import html_blocks, material, search_aside

    html_blocks.plugin = search_aside.plugin = BasePlugin
    material._list_installed_theme_once = lambda mk: None
    parallel.stay_in_this_process()
    result = pipeline.build(Path(root) / "site_config.yml", Path(out))
    assert result.ok, result.report.sorted()


def build_while_the_indexing_child_dies(root: str, out: str) -> None:
    from generator import pipeline
    from generator.engines import search_aside

    parent, original = os.getpid(), search_aside._index

    def dies_in_the_child(*args):
        if os.getpid() != parent:
            os._exit(3)
        return original(*args)

    search_aside._index = dies_in_the_child
    result = pipeline.build(Path(root) / "site_config.yml", Path(out))
    assert result.ok, result.report.sorted()


def test_the_demo_is_the_same_with_and_without_the_speed_ups(demo):
    in_a_process_of_its_own(__file__, "build_with_every_speed_up", str(demo), str(demo / "fast"))
    in_a_process_of_its_own(__file__, "build_without_speed_ups", str(demo), str(demo / "plain"))
    built, reference = files(demo / "fast"), files(demo / "plain")
    assert built.keys() == reference.keys()
    assert [path for path in built if built[path] != reference[path]] == []
    assert b'"location":"praktijkvoorbeelden/almere/' in built["search/search_index.json"]


def test_a_child_that_dies_while_indexing_leaves_the_index_to_this_process(demo):
    if not (demo / "plain").exists():
        in_a_process_of_its_own(__file__, "build_without_speed_ups", str(demo), str(demo / "plain"))
    in_a_process_of_its_own(__file__, "build_while_the_indexing_child_dies", str(demo), str(demo / "again"))
    index = "search/search_index.json"
    assert (demo / "again" / index).read_bytes() == (demo / "plain" / index).read_bytes()
