"""The site engines portaal can build with, by their name in `engine:` of site_config.yml.

Each engine module offers `label` and `build(options, work, updated) -> problems`, where
`options` are mkdocs.yml keys (engine.engine_config) and problems are messages (empty: built).
"""

from __future__ import annotations

from . import material, zensical

ENGINES = {"material": material, "zensical": zensical}
