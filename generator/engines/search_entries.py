"""Material's search index, whose entries pages built in two processes (split_pages.py) make.

Material's search plugin indexes each page as it is built (`add_entry_from_context`: the page's
HTML cut into sections) and writes the entries in MkDocs' page order. A page's entries depend on
that page alone, so each process indexes the pages it builds and keeps their entries by the page's
position; the entries from both processes, put in order of position, are the index one process
would have made, byte for byte.
"""

from __future__ import annotations


def search_indexes(config) -> list:
    """The search index of Material's search plugin (made in its on_config), if it is on."""
    return [index for plugin in config.plugins.values()
            if hasattr(index := getattr(plugin, "search_index", None), "add_entry_from_context")]


class EntriesByPage:
    """Records which entries each page added to `index`, by the page's position."""

    def __init__(self, index, position: dict[str, int]) -> None:
        self.index = index
        self.made: dict[int, list[dict]] = {}
        add = index.add_entry_from_context

        def add_and_record(page) -> None:
            before = len(index.entries)
            add(page)
            self.made[position[page.file.src_uri]] = index.entries[before:]

        index.add_entry_from_context = add_and_record

    def put_in_order(self, made_elsewhere: dict[int, list[dict]]) -> None:
        """The index's entries: those made here and elsewhere, by page position."""
        made = {**self.made, **made_elsewhere}
        self.index.entries[:] = [entry for place in sorted(made) for entry in made[place]]
