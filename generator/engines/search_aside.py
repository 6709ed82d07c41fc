"""Material's search index, made by a forked child while MkDocs goes on building pages.

Material's search plugin reads every built page with html.parser to cut it into sections: a
fifth of a build. Here its `add_entry_from_context` only sends a snapshot of the page (address,
title, content, table of contents, the front matter it reads) to a child that runs the plugin's
own SearchIndex over them; the entries come back before the plugin writes the index, in the same
order, so search_index.json is byte for byte what the plugin alone would write. Where no child
can be forked (the preview) the same snapshots are indexed here, at the end.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..parallel import Stream


@dataclass
class Anchor:
    id: str
    children: list[Anchor] = field(default_factory=list)

    @property
    def url(self) -> str:  # what MkDocs' AnchorLink.url gives
        return f"#{self.id}"


@dataclass
class PageSnapshot:
    """What SearchIndex.add_entry_from_context reads of a page."""

    url: str
    title: str
    content: str
    meta: dict
    toc: list[Anchor]


def _anchors(toc) -> list[Anchor]:
    return [Anchor(item.id, _anchors(item.children)) for item in toc]


def snapshot(page) -> PageSnapshot:
    meta = {key: page.meta[key] for key in ("search", "title", "tags") if key in page.meta}
    return PageSnapshot(page.url, str(page.title), page.content, meta, _anchors(page.toc))


def _index(index_class, config: dict, pages: Iterator[PageSnapshot]) -> list[dict]:
    index = index_class(**config)
    for page in pages:
        index.add_entry_from_context(page)
    return index.entries


def search_indexes(config) -> list:
    """The search index of Material's search plugin (made in its on_config), if it is on."""
    return [index for plugin in config.plugins.values()
            if hasattr(index := getattr(plugin, "search_index", None), "add_entry_from_context")]


def plugin():
    from mkdocs.plugins import BasePlugin, event_priority

    class IndexAside(BasePlugin):
        def __init__(self) -> None:
            self.index = None
            self.stream: Stream | None = None

        def on_config(self, config):  # after the search plugin's, which makes its index here
            for index in search_indexes(config):
                index_class, settings = type(index), dict(index.config)
                self.index, self.stream = index, Stream(lambda pages: _index(index_class, settings, pages))
                index.add_entry_from_context = lambda page: self.stream.send(snapshot(page))
            return config

        @event_priority(100)  # before the search plugin writes the index
        def on_post_build(self, *, config):
            if self.stream is not None:
                self.index.entries.extend(self.stream.result())
                self.stream = None

        def on_shutdown(self):  # a build that failed: stop the child
            if self.stream is not None:
                self.stream.close()
                self.stream = None

    return IndexAside()
