"""The baselines: the same case texts as plain Markdown pages, built by stock Material for MkDocs
and by a cold Zensical (a fresh folder, so no cache), with nothing of portaal in the way."""

from __future__ import annotations

from pathlib import Path

import yaml

CONFIG = """site_name: Stock
theme:
  name: material
  language: nl
plugins:
  - search
"""


def _texts(value) -> list[str]:
    """Every string in a YAML value, in document order."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return []


def make_project(target: Path, cases: list[Path], pages: int) -> Path:
    """A stock project with `pages` plain pages (the index included), each holding one case's texts."""
    docs = target / "docs"
    docs.mkdir(parents=True)
    (target / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (docs / "index.md").write_text("# Start\n\nPraktijkvoorbeelden.\n", encoding="utf-8")
    for index in range(1, pages):
        data = yaml.safe_load(cases[index % len(cases)].read_text(encoding="utf-8"))
        body = "\n\n".join(text.strip() for text in _texts(data) if text.strip())
        (docs / f"pagina-{index:04d}.md").write_text(f"# {data['title']} ({index})\n\n{body}\n", encoding="utf-8")
    return target


def command(engine: str, project: Path) -> list[str]:
    module = "mkdocs" if engine == "material" else "zensical"
    return [module, "build", "-f", str(project / "mkdocs.yml")] + (["-q"] if engine == "material" else [])
