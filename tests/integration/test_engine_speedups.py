"""What makes a Material build faster changes no byte of the site.

engines/html_blocks.py sets portaal's HTML blocks aside before Python-Markdown; engines/
split_pages.py has a forked child convert and build every second page (and index it for search);
engines/search_sections.py reads simple pages for Material's search index without html.parser;
engines/pages_in_memory.py gives MkDocs the pages from memory instead of the docs folder;
engines/material.py lists the installed theme's files once per process; parallel.py has the texts
measured and pages finished and links checked on more cores. The demo is built with all of them
and with none. Each build runs in a new process: the test run's own threads (browser drivers,
servers) would keep parallel.py from forking at all.
"""

from __future__ import annotations

import contextlib
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


def children_of_split_pages(out: str, fails: bool = False):
    """Records what each child of split_pages sent back (None: it failed) beside the site."""
    from generator.engines import split_pages

    collect, send_and_exit = split_pages.collect, split_pages.send_and_exit

    def recorded(pid, end):
        sent = collect(pid, end)
        with open(f"{out}.children", "a") as record:
            record.write("failed\n" if sent is None else f"{len(sent[0][0])} pages indexed\n")
        return sent

    split_pages.collect = recorded
    if fails:
        split_pages.send_and_exit = lambda end, result: os._exit(3)


def build_with_every_speed_up(root: str, out: str) -> None:
    from generator import parallel, pipeline

    assert parallel.can_fork(), "a process of its own has no other threads"
    children_of_split_pages(out)
    result = pipeline.build(Path(root) / "site_config.yml", Path(out))
    assert result.ok, result.report.sorted()


def build_without_speed_ups(root: str, out: str) -> None:
    from mkdocs.plugins import BasePlugin

    from generator import parallel, pipeline
    from generator.engines import html_blocks, material, search_sections

    html_blocks.plugin = BasePlugin
    search_sections.faster_search_sections = contextlib.nullcontext
    material.PAGES_IN_MEMORY = False
    material._list_installed_theme_once = lambda mk: None
    parallel.stay_in_this_process()
    result = pipeline.build(Path(root) / "site_config.yml", Path(out))
    assert result.ok, result.report.sorted()


def build_while_the_child_dies(root: str, out: str) -> None:
    from generator import pipeline

    children_of_split_pages(out, fails=True)
    result = pipeline.build(Path(root) / "site_config.yml", Path(out))
    assert result.ok, result.report.sorted()


def build_with_a_write_error_in_the_childs_share(root: str, out: str) -> None:
    """The second page (the child's share) cannot be written, in the child or here: the build
    fails with that error, once, and leaves no site and no process behind."""
    import mkdocs.commands.build as mkdocs_build

    from generator import pipeline

    build_page = mkdocs_build._build_page

    def disk_full_for_the_second_page(page, config, doc_files, *args, **kwargs):
        if [file.page for file in doc_files].index(page) == 1:
            raise OSError(28, "No space left on device")
        return build_page(page, config, doc_files, *args, **kwargs)

    mkdocs_build._build_page = disk_full_for_the_second_page
    children_of_split_pages(out)
    result = pipeline.build(Path(root) / "site_config.yml", Path(out))
    messages = [d.message for d in result.report.sorted()]
    assert not result.ok and not Path(out).exists()
    assert sum("No space left on device" in message for message in messages) == 1, messages
    try:
        os.waitpid(-1, os.WNOHANG)
        raise AssertionError("a child is left")
    except ChildProcessError:
        pass


def test_the_demo_is_the_same_with_and_without_the_speed_ups(demo):
    in_a_process_of_its_own(__file__, "build_with_every_speed_up", str(demo), str(demo / "fast"))
    in_a_process_of_its_own(__file__, "build_without_speed_ups", str(demo), str(demo / "plain"))
    built, reference = files(demo / "fast"), files(demo / "plain")
    assert built.keys() == reference.keys()
    assert [path for path in built if built[path] != reference[path]] == []
    assert b'"location":"praktijkvoorbeelden/almere/' in built["search/search_index.json"]
    pages = sum(path.endswith(".html") and path != "404.html" for path in built)
    assert (demo / "fast.children").read_text() == f"{pages // 2} pages indexed\n"  # the child did its half


def test_a_child_that_dies_leaves_its_pages_to_this_process(demo):
    if not (demo / "plain").exists():
        in_a_process_of_its_own(__file__, "build_without_speed_ups", str(demo), str(demo / "plain"))
    in_a_process_of_its_own(__file__, "build_while_the_child_dies", str(demo), str(demo / "again"))
    assert (demo / "again.children").read_text() == "failed\n"
    built, reference = files(demo / "again"), files(demo / "plain")
    assert [path for path in built if built[path] != reference.get(path)] == [] and built.keys() == reference.keys()


def test_a_page_that_fails_in_the_child_fails_the_build_once(demo):
    in_a_process_of_its_own(__file__, "build_with_a_write_error_in_the_childs_share", str(demo), str(demo / "broken"))
    assert (demo / "broken.children").read_text() == "failed\n"


def check_and_write_the_findings(root: str, out: str, alone: str) -> None:
    """Check a portal; with `alone`, without children (its files loaded and pages rendered here)."""
    from generator import parallel, pipeline

    if alone == "yes":
        parallel.stay_in_this_process()
    else:
        assert parallel.can_fork()
    result = pipeline.check(Path(root) / "site_config.yml")
    lines = [f"{d.location.file}:{d.location.line}:{d.location.col} {d.code} {d.message}" for d in result.report.sorted()]
    Path(out).write_text("\n".join(lines), encoding="utf-8")


def test_files_loaded_on_other_cores_are_reported_as_here(tmp_path):
    """Content files are parsed and validated over the cores: what they report, and where, is the
    same as when one process loads them (a syntax error, a wrong value, a missing field)."""
    root = tmp_path / "portal"
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copy(ROOT / "site_config.yml", root / "site_config.yml")
    cases = sorted((root / "content" / "cases").glob("*.yml"))
    cases[1].write_text(cases[1].read_text(encoding="utf-8").replace("municipality:", "municipality: [", 1), encoding="utf-8")
    cases[2].write_text(cases[2].read_text(encoding="utf-8").replace("involvement:", "involvement: nooit\n_was:", 1), encoding="utf-8")
    cases[5].write_text("\n".join(line for line in cases[5].read_text(encoding="utf-8").splitlines()
                                  if not line.startswith("municipality:")), encoding="utf-8")
    in_a_process_of_its_own(__file__, "check_and_write_the_findings", str(root), str(tmp_path / "forked"), "no")
    in_a_process_of_its_own(__file__, "check_and_write_the_findings", str(root), str(tmp_path / "alone"), "yes")
    forked = (tmp_path / "forked").read_text(encoding="utf-8")
    assert forked == (tmp_path / "alone").read_text(encoding="utf-8")
    for case in (cases[1], cases[2], cases[5]):
        assert f"{case.stem}.yml:" in forked
