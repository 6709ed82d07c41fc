"""What makes a Material build faster changes no byte of the site.

engines/html_blocks.py sets portaal's HTML blocks aside before Python-Markdown; engines/
search_aside.py has Material's search index made by a forked child; parallel.py has pages
finished and links checked on more cores. The demo is built with all of them and with none.
"""

from __future__ import annotations

import shutil

import pytest
from mkdocs.plugins import BasePlugin
from support import ROOT

from generator import parallel, pipeline
from generator.engines import html_blocks, search_aside


def files(site) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo")
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copy(ROOT / "site_config.yml", root / "site_config.yml")
    return root


def test_the_demo_is_the_same_with_and_without_the_speed_ups(demo, monkeypatch):
    fast = pipeline.build(demo / "site_config.yml", demo / "fast")
    assert fast.ok, fast.report.sorted()

    with monkeypatch.context() as plain:
        plain.setattr(html_blocks, "plugin", BasePlugin)
        plain.setattr(search_aside, "plugin", BasePlugin)
        plain.setattr(parallel, "can_fork", lambda: False)
        slow = pipeline.build(demo / "site_config.yml", demo / "plain")
    assert slow.ok, slow.report.sorted()

    built, reference = files(demo / "fast"), files(demo / "plain")
    assert built.keys() == reference.keys()
    assert [path for path in built if built[path] != reference[path]] == []
    assert b'"location":"praktijkvoorbeelden/almere/' in built["search/search_index.json"]


def test_a_child_that_dies_while_indexing_leaves_the_index_to_this_process(demo, monkeypatch):
    import os

    reference = pipeline.build(demo / "site_config.yml", demo / "reference")
    assert reference.ok
    parent = os.getpid()
    original = search_aside._index

    def dies_in_the_child(*args):
        if os.getpid() != parent:
            os._exit(3)
        return original(*args)

    monkeypatch.setattr(search_aside, "_index", dies_in_the_child)
    again = pipeline.build(demo / "site_config.yml", demo / "again")
    assert again.ok, again.report.sorted()
    index = "search/search_index.json"
    assert (demo / "again" / index).read_bytes() == (demo / "reference" / index).read_bytes()
