"""Material for MkDocs, run in-process through MkDocs' own build."""

from __future__ import annotations

import calendar
import contextlib
import datetime
import functools
import logging
import os
from collections.abc import Iterator
from pathlib import Path

from ..template_cache import compiled_templates
from . import html_blocks, pages_in_memory, search_sections, split_pages
from .search_entries import search_indexes

label = "Material for MkDocs"
DIRTY_WARNING = "A 'dirty' build is being performed"
SEARCH_DEFAULTS = {"separator": r"[\s\-]+", "pipeline": ["stopWordFilter"]}  # what Material 9 takes for Dutch (tested)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _captured_mkdocs_log() -> Iterator[_Collect]:
    logger = logging.getLogger("mkdocs")
    handler = _Collect()
    old_propagate, old_level = logger.propagate, logger.level
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.WARNING)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.propagate, logger.level = old_propagate, old_level


def _keep_compiled_templates(mk) -> None:
    from mkdocs.plugins import BasePlugin

    class KeepCompiled(BasePlugin):
        def on_env(self, env, *, config, files):
            env.bytecode_cache = compiled_templates("mkdocs")  # MkDocs makes a new environment each build
            return env

    mk.plugins["portaal-compiled-templates"] = KeepCompiled()


@functools.lru_cache(maxsize=16)
def _installed_files(folder: str) -> tuple[str, ...]:
    """The files of an installed theme folder that MkDocs may copy, as Jinja lists them, without
    hidden files and folders: MkDocs' filter (add_files_from_theme: '.*', '*/.*') drops those, and
    Material's hidden icon folder alone holds fourteen thousand files."""
    found = []
    for root, folders, files in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        below = os.path.relpath(root, folder).replace(os.sep, "/")
        found.extend(name if below == "." else f"{below}/{name}" for name in files if not name.startswith("."))
    return tuple(sorted(found))


def _list_installed_theme_once(mk) -> None:
    """MkDocs lists every file of the theme at every build to find its static files: Material's
    folder holds some fourteen thousand icons. Files inside the installed package do not change
    while this process runs, so that folder is listed once; portaal's overrides every time."""
    import jinja2
    import material
    from mkdocs.plugins import BasePlugin

    installed = os.path.dirname(material.__file__) + os.sep

    class Loader(jinja2.FileSystemLoader):
        def list_templates(self) -> list[str]:
            found = set()
            for folder in self.searchpath:
                found.update(_installed_files(folder) if os.path.abspath(folder).startswith(installed)
                             else jinja2.FileSystemLoader(folder).list_templates())
            return sorted(found)

    class ListOnce(BasePlugin):
        def on_config(self, config):
            theme, get_env = config.theme, config.theme.get_env

            def env_listing_once():
                env = get_env()
                env.loader = Loader(theme.dirs)  # the same folders in the same order
                return env

            theme.get_env = env_listing_once
            return config

    mk.plugins["portaal-theme-files"] = ListOnce()


def _skip_search_entries(mk) -> None:
    """A dirty build indexes only the pages it builds, and the preview replaces that index by the
    last full one: reading those pages for the index (the slowest part of a small rebuild) is skipped."""
    from mkdocs.plugins import BasePlugin

    class SkipEntries(BasePlugin):
        def on_config(self, config):  # after the search plugin's, which makes its index here
            for index in search_indexes(config):
                index.add_entry_from_context = lambda page: None
            return config

    mk.plugins["portaal-dirty-search"] = SkipEntries()


@contextlib.contextmanager
def source_date(updated: datetime.date) -> Iterator[None]:
    """MkDocs reads SOURCE_DATE_EPOCH for sitemap dates and gzip headers: pin it to the content's date."""
    old = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(calendar.timegm(updated.timetuple()))
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old


# A cold build takes its pages from memory (pages_in_memory.py); the docs folder holds the rest.
PAGES_IN_MEMORY = True


def build(options: dict, work: Path, updated: datetime.date, dirty: bool = False,
          pages: dict[str, bytes] | None = None) -> list[str]:
    """With `dirty`, only pages whose docs file is newer than their built page are built again.
    `pages`: docs pages (src_uri -> bytes) not written to the docs folder."""
    from mkdocs.commands.build import build as mkdocs_build  # imported only when building
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import MkDocsException
    from pymdownx.slugs import slugify

    options = {**options, "validation": {"nav": {"omitted_files": "ignore"}, "links": {"unrecognized_links": "ignore"}}}
    # Heading anchors keep their letters (é stays é), as Material's documentation recommends for Dutch.
    options["markdown_extensions"] = ["attr_list", "tables",
                                      {"toc": {"permalink": False, "slugify": slugify(case="lower"), "toc_depth": 3}}]
    # The values Material's search takes from its language templates when they are not set, given
    # here so it does not compile those templates in a fresh environment every build.
    options["plugins"] = [{"search": {**SEARCH_DEFAULTS, **settings}} if name == "search" else {name: settings}
                          for plugin in options.get("plugins", []) for name, settings in plugin.items()]
    mk = MkDocsConfig(config_file_path=str(work / "mkdocs.yml"))
    mk.load_dict(options)
    errors, warnings = mk.validate()
    problems = [f"{name}: {error}" for name, error in errors] + [f"{name}: {w}" for name, w in warnings]
    if errors:
        return problems
    _keep_compiled_templates(mk)
    _list_installed_theme_once(mk)
    mk.plugins["portaal-html-blocks"] = html_blocks.plugin()
    if dirty:
        _skip_search_entries(mk)
    try:
        with _captured_mkdocs_log() as log, source_date(updated):
            split = None if dirty else split_pages.plugin(log.messages)  # a dirty build has a few pages
            if split is not None:
                mk.plugins["portaal-split-pages"] = split
            mk.plugins.on_startup(command="build", dirty=dirty)
            try:
                with (split_pages.loops_shared(split), search_sections.faster_search_sections(),
                      pages_in_memory.pages_in_memory(pages)):
                    mkdocs_build(mk, dirty=dirty)
            finally:
                mk.plugins.on_shutdown()
    except (MkDocsException, OSError) as error:
        return problems + [str(error)]
    # MkDocs warns that a dirty build can leave the menu stale; the preview builds everything when it changes.
    return problems + [m for m in log.messages if not (dirty and m.startswith(DIRTY_WARNING))]
