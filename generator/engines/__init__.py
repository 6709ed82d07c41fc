"""The site engines portaal can build with, by their name in `engine:` of site_config.yml.

Each engine module offers `label` and `build(options, work, updated, dirty=False) -> problems`,
where `options` are mkdocs.yml keys (engine.engine_config), problems are messages (empty: built)
and `dirty` asks to build only the pages whose docs files changed (the preview; Material only).
"""

from __future__ import annotations

from . import material, zensical

ENGINES = {"material": material, "zensical": zensical}
