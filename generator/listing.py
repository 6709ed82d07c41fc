"""`portaal list terms|methods|…`: the names an editor may use in references, with their titles.

The portal is loaded exactly as `portaal check` loads it (base layer plus own content,
exclusions applied), so the list holds what a reference may point to, and nothing else."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from . import pipeline

# kind -> (what it is in Dutch, the (slug, title) pairs of a resolved portal)
KINDS: dict[str, tuple[str, Callable[[object], list[tuple[str, str]]]]] = {
    "terms": ("begrippen", lambda p: [(t.slug, t.term) for t in p.terms]),
    "methods": ("methoden", lambda p: [(m.slug, m.model.title) for m in p.methods]),
    "sources": ("bronnen", lambda p: [(slug, s.title) for slug, s in p.sources.items()]),
    "phases": ("fasen", lambda p: [(slug, f"{ref.phase.title} ({ref.method.slug})") for slug, ref in p.phases.items()]),
    "cases": ("praktijkvoorbeelden", lambda p: [(c.slug, c.model.title) for c in p.cases]),
    "checklists": ("checklists", lambda p: [(c.slug, c.model.title) for c in p.checklists]),
    "pages": ("pagina's", lambda p: [(page.slug, page.meta.title) for page in p.pages]),
}


def entries(portal, kind: str) -> list[tuple[str, str]]:
    """(slug, title) of every valid value of one kind, sorted by slug."""
    return sorted(KINDS[kind][1](portal))


def list_command(config: Path, kind: str, out: TextIO = sys.stdout) -> int:
    result = pipeline.check(config, strict=False)
    report, prepared = result.report, result.prepared
    if prepared is None:
        for diagnostic in report.sorted():
            if diagnostic.severity == "error":
                print(diagnostic, file=sys.stderr)
        print(f"{len(report.errors)} fout(en) gevonden; los die eerst op, dan toont 'portaal list' de "
              f"{KINDS[kind][0]}.", file=sys.stderr)
        return 1
    rows = entries(prepared.portal, kind)
    width = max((len(slug) for slug, _ in rows), default=0)
    for slug, title in rows:
        print(f"{slug.ljust(width)}  {title}", file=out)
    print(f"{len(rows)} {KINDS[kind][0]}.", file=sys.stderr)
    return 0
