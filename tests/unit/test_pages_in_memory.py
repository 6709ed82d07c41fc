"""generator/engines/pages_in_memory.py: pages given from memory come in the order, and with the
text, that MkDocs' reading of the docs folder gives. (The whole demo built both ways is compared
byte for byte in tests/integration/test_engine_speedups.py.)"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import get_files

from generator.engines.pages_in_memory import as_read, is_page, pages_in_memory, walk_order

# Files and folders in an order of their own: index and README first, files before folders,
# upper case, signs and digits; no two of them for one address.
PATHS = ["index.md", "a.md", "B.md", "z/index.md", "z/a.md", "a/index.md", "a/zz.md", "a/b/c.md", "c/README.md",
         "a-b/index.md", "a-b.md", "c/x.md", "a/b/index.md", "aa/x.md", "_a/y.md", "a/c.md", "1/x.md", "c/A.md",
         "praktijkvoorbeelden/almere/index.md", "praktijkvoorbeelden/index.md", "praktijkvoorbeelden/vorm/x/index.md",
         "praktijkvoorbeelden/vormen.md", "assets/portaal.css", "assets/img/a.png", "Index.md", "d/index.markdown"]


def config_for(docs, site) -> MkDocsConfig:
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "docs_dir": str(docs), "site_dir": str(site)})
    errors, _ = config.validate()
    assert not errors
    config.plugins.on_startup(command="build", dirty=False)  # as MkDocs' build does first
    return config


def test_the_walk_order_is_mkdocs_order_of_a_docs_folder(tmp_path):
    docs = tmp_path / "docs"
    for path in PATHS:
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text("# x\n", encoding="utf-8")
    walked = [file.src_uri for file in get_files(config_for(docs, tmp_path / "site"))]
    assert sorted(PATHS, key=walk_order) == walked


def test_pages_from_memory_take_the_place_of_the_files(tmp_path):
    import mkdocs.commands.build as mkdocs_build

    docs = tmp_path / "docs"
    pages = {path: f"# {path}\r\nregel\rregel\n".encode() for path in PATHS if is_page(path)}
    for path in PATHS:
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_bytes(pages.get(path, b"x"))
    config = config_for(docs, tmp_path / "site")
    from_folder = [(file.src_uri, file.content_string if is_page(file.src_uri) else None)
                   for file in get_files(config)]
    for path in pages:
        (docs / path).unlink()
    with pages_in_memory(pages):
        from_memory = [(file.src_uri, file.content_string if is_page(file.src_uri) else None)
                       for file in mkdocs_build.get_files(config)]
    assert from_memory == from_folder
    assert mkdocs_build.get_files is get_files  # MkDocs' own again


def test_text_is_read_as_mkdocs_reads_a_file(tmp_path):
    data = "\ufeff# Kop\r\nregel één\rtwee\n\r\n".encode()
    (tmp_path / "page.md").write_bytes(data)
    with open(tmp_path / "page.md", encoding="utf-8-sig") as file:  # as MkDocs' File.content_string
        assert as_read(data) == file.read()


def test_two_pages_for_one_address_are_left_to_mkdocs_walk(tmp_path):
    import mkdocs.commands.build as mkdocs_build

    docs = tmp_path / "docs"
    docs.mkdir()
    pages = {"index.md": b"# Start\n", "README.md": b"# Lees mij\n", "a.md": b"# A\n", "a/index.md": b"# A2\n"}
    config = config_for(docs, tmp_path / "site")
    with pages_in_memory(pages):
        files = mkdocs_build.get_files(config)
    assert [file.src_uri for file in files] == [file.src_uri for file in get_files(config)]
    assert "README.md" not in [file.src_uri for file in files]  # MkDocs keeps the index
