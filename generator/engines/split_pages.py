"""MkDocs' page loops shared with a forked child: each process takes every second page.

MkDocs converts every page's Markdown and then renders every page into the theme, one page after
the other on one core: most of a large build. Here the build forks once the menu is known, and
the parent and the child each take every second page through both loops. A page's menu and its
neighbours' links need only the other pages' titles, which come from their front matter, so each
process reads the source of the other's pages (the file and its front matter) and nothing more.

The child writes its pages into the site folder and sends back their search entries and its log
messages; the parent writes everything else: theme files, sitemap, 404 page, and the search index
with every page's entries in MkDocs' order. A child that fails is not trusted: the parent converts
and builds the child's pages itself, so a real error surfaces as it would without a child. The
site is byte for byte what one process builds (tests/integration/test_engine_speedups.py).
MkDocs' own anchor check then sees only the pages converted in its process (it logs at a level
portaal does not show); portaal's link check reads every built page's links and anchors anyway.

Not shared: a dirty build (the preview, which builds a few pages), a process with other threads
(can_fork), a machine with one core, and sites of a few pages.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

from ..parallel import can_fork, collect, cores, discard, fork_here, send_and_exit
from .search_entries import EntriesByPage, search_indexes

MIN_PAGES = 8  # below this, a fork costs about what it saves
LOOPS = ("_populate_page", "_build_page", "_build_theme_template", "_build_extra_template")


def plugin(messages: list[str]):
    """`messages`: the build's collected log messages, to which the child's are added."""
    from mkdocs.plugins import BasePlugin, event_priority
    from mkdocs.structure.files import InclusionLevel

    class SplitPages(BasePlugin):
        def __init__(self) -> None:
            self.role: str | None = None  # "parent" or "child" once forked
            self.child: tuple[int, int] | None = None  # in the parent: pid and read end
            self.result_end: int | None = None  # in the child: write end
            self.position: dict[str, int] = {}  # page source -> place in MkDocs' page order
            self.last = ""
            self.entries: EntriesByPage | None = None
            self.messages_before_fork = 0
            self.files = None  # what the loops were given, for the child's share done here

        def mine(self, page) -> bool:
            share = self.position[page.file.src_uri] % 2
            return share == (1 if self.role == "child" else 0)

        @event_priority(-100)  # last: after every other plugin has changed the menu
        def on_nav(self, nav, *, config, files):
            pages = files.documentation_pages(inclusion=InclusionLevel.is_included)
            indexes = search_indexes(config)
            if len(pages) < MIN_PAGES or len(indexes) > 1 or cores() < 2 or not can_fork():
                return nav
            self.position = {file.src_uri: place for place, file in enumerate(pages)}
            self.last = pages[-1].src_uri
            self.messages_before_fork = len(messages)
            forked = fork_here()
            if forked is None:
                return nav
            self.entries = EntriesByPage(indexes[0], self.position) if indexes else None
            pid, end = forked
            self.role = "child" if pid == 0 else "parent"
            if pid == 0:
                self.result_end = end
            else:
                self.child = (pid, end)
            return nav

        def on_env(self, env, *, config, files):
            if self.role == "child":  # the theme's and the docs' static files are the parent's to copy
                files.copy_static_files = lambda *args, **kwargs: None
            return env

        def populate(self, original, page, config, files, dirty=False):
            if self.role is None or self.mine(page):
                return original(page, config, files, dirty)
            self.files = files
            page.read_source(config)  # its title and front matter, for the menu and the neighbours' links
            return None

        def build(self, original, page, config, doc_files, nav, env, dirty=False, excluded=False):
            if self.role is None or self.mine(page):
                original(page, config, doc_files, nav, env, dirty, excluded=excluded)
            if self.role is not None and page.file.src_uri == self.last:
                if self.role == "child":
                    made = self.entries.made if self.entries else {}
                    send_and_exit(self.result_end, (made, messages[self.messages_before_fork:]))
                self.take_the_childs_share(config, doc_files, nav, env)

        def take_the_childs_share(self, config, doc_files, nav, env) -> None:
            import mkdocs.commands.build as mkdocs_build

            child, self.child = self.child, None
            sent = collect(*child) if child else None
            if sent is not None:
                made, child_messages = sent[0]
                messages.extend(child_messages)
                if self.entries:
                    self.entries.put_in_order(made)
                return
            shared = [file.page for file in doc_files if not self.mine(file.page)]
            self.role = None  # the child failed: its pages are converted and built here, in order
            for page in shared:
                mkdocs_build._populate_page(page, config, self.files)
            for page in shared:
                mkdocs_build._build_page(page, config, doc_files, nav, env, excluded=page.file.inclusion.is_excluded())
            if self.entries:
                self.entries.put_in_order({})

        def template(self, original, *args, **kwargs):
            if self.role != "child":  # the parent writes the theme's and the extra templates
                original(*args, **kwargs)

        def on_build_error(self, *, error):
            self.stop_child()

        def on_shutdown(self):
            self.stop_child()

        def stop_child(self) -> None:
            if self.child is not None:
                discard(*self.child)
                self.child = None

        def end_if_child(self) -> None:
            """A child ends in its last page; one that gets anywhere else ends there, failed."""
            if self.role == "child":
                os._exit(1)

    return SplitPages()


@contextlib.contextmanager
def loops_shared(split) -> Iterator[None]:
    """MkDocs' page loops, sent through `split` while MkDocs builds (they are module functions
    MkDocs' build calls by name; no plugin event can skip a page)."""
    import mkdocs.commands.build as mkdocs_build

    if split is None:
        yield
        return
    originals = {name: getattr(mkdocs_build, name) for name in LOOPS}
    handlers = {"_populate_page": split.populate, "_build_page": split.build,
                "_build_theme_template": split.template, "_build_extra_template": split.template}
    for name, original in originals.items():
        setattr(mkdocs_build, name, lambda *args, _h=handlers[name], _o=original, **kwargs: _h(_o, *args, **kwargs))
    try:
        yield
    finally:
        split.end_if_child()
        for name, original in originals.items():
            setattr(mkdocs_build, name, original)
