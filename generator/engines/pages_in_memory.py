"""A cold Material build reads portaal's pages from memory instead of from the docs folder.

Writing a thousand Markdown files (and their folders) only for MkDocs to read them back cost
about a second on one core. MkDocs has files backed by in-memory content (`File.generated`);
the pages are given to it that way, in the order its walk of the docs folder would have found
them, and with the text its reading of a file would have given. Everything else of the docs tree
(theme assets, images) is still written and read as files. The preview keeps writing pages: its
dirty builds compare the files' times.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator


def is_page(path: str) -> bool:
    """Whether MkDocs makes a page of this docs file."""
    from mkdocs.utils import is_markdown_file

    return is_markdown_file(path)


def walk_order(src_uri: str) -> tuple:
    """Where MkDocs' walk of the docs folder (get_files) puts a file: a folder's files, index and
    README first and then by name, before its subfolders, by name."""
    *folders, name = src_uri.split("/")
    return (*((1, folder) for folder in folders), (0, os.path.splitext(name)[0] not in ("index", "README"), name))


def as_read(data: bytes) -> str:
    """The text MkDocs reads from a docs file with these bytes (UTF-8, BOM dropped, universal newlines)."""
    return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")


@contextlib.contextmanager
def pages_in_memory(pages: dict[str, bytes] | None) -> Iterator[None]:
    """While MkDocs builds, its files are those in the docs folder and `pages` (src_uri -> bytes)."""
    import mkdocs.commands.build as mkdocs_build
    from mkdocs.structure.files import File, Files

    if not pages:
        yield
        return
    original = mkdocs_build.get_files

    def get_files(config) -> Files:
        in_memory = [File.generated(config, src_uri, content=as_read(data)) for src_uri, data in pages.items()]
        # sorted() is stable, and the files from the folder come in walk order already.
        files = sorted([*original(config), *in_memory], key=lambda file: walk_order(file.src_uri))
        if len({file.dest_uri for file in files}) < len(files):
            # Two files for one address (a README beside an index): MkDocs' walk settles which one
            # counts, so it gets the pages as files.
            for src_uri, data in pages.items():
                path = os.path.join(config.docs_dir, *src_uri.split("/"))
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "wb") as file:
                    file.write(data)
            return original(config)
        return Files(files)

    mkdocs_build.get_files = get_files
    try:
        yield
    finally:
        mkdocs_build.get_files = original
