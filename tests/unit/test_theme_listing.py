"""engines/material.py lists Material's installed theme once per process, without its hidden files:
MkDocs copies exactly the theme files it copies with Jinja's own listing."""

from __future__ import annotations

import os

import jinja2
import material

from generator.engines.material import _installed_files


def test_the_listing_leaves_out_only_hidden_files():
    folder = os.path.join(os.path.dirname(material.__file__), "templates")
    full = set(jinja2.FileSystemLoader(folder).list_templates())
    listed = set(_installed_files(folder))
    assert listed <= full
    left_out = full - listed
    assert left_out, "Material's hidden icon folder is left out"
    assert all(name.startswith(".") or "/." in name for name in left_out)


def test_mkdocs_copies_the_same_theme_files(tmp_path):
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

    (tmp_path / "docs").mkdir()
    config = MkDocsConfig()
    config.load_dict({"site_name": "x", "docs_dir": str(tmp_path / "docs"), "site_dir": str(tmp_path / "site"),
                      "theme": {"name": "material"}})
    assert not config.validate()[0]

    def copied(env) -> list[str]:
        files = Files([])
        files.add_files_from_theme(env, config)
        return [file.src_uri for file in files]

    env = config.theme.get_env()
    stock = copied(env)

    class Listed(jinja2.FileSystemLoader):
        def list_templates(self):
            return sorted({name for folder in self.searchpath for name in _installed_files(folder)})

    env.loader = Listed(config.theme.dirs)
    assert copied(env) == stock
    assert any(name.endswith(".css") for name in stock)
