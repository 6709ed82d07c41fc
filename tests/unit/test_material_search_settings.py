"""engines/material.py gives Material's search the settings it would take from its language templates."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from generator.engines.material import SEARCH_DEFAULTS


def test_the_search_settings_given_are_those_material_takes_for_dutch(tmp_path):
    # Given so that Material need not compile its language templates each build: they must stay its own.
    (tmp_path / "docs").mkdir()
    config = MkDocsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict({"site_name": "x", "docs_dir": str(tmp_path / "docs"),
                      "theme": {"name": "material", "language": "nl"}, "plugins": [{"search": {"lang": "nl"}}]})
    errors, _ = config.validate()
    assert errors == []
    search = config.plugins["material/search"]
    search.on_config(config)
    assert {"separator": search.config.separator, "pipeline": search.config.pipeline} == SEARCH_DEFAULTS
