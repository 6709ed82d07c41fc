"""`portaal new "Gemeente X" DIR`: a ready-to-build portal with a Dutch comment on every setting."""

from __future__ import annotations

import datetime
from pathlib import Path

import jinja2

from .diagnostics import BuildFailed, Diagnostic, Location
from .resolve import slugify
from .schema import write_schemas

SCAFFOLD = Path(__file__).resolve().parent / "scaffold"
# Template -> path in the new portal; everything else keeps its relative path minus '.j2'.
RENAMES = {"gitignore.j2": ".gitignore", "ci/gitlab-ci.yml.j2": ".gitlab-ci.yml",
           "ci/github-pages.yml.j2": ".github/workflows/publish.yml"}


def place_name(municipality: str) -> str:
    """'Gemeente Utrechtse Heuvelrug' -> 'Utrechtse Heuvelrug'."""
    for prefix in ("gemeente ", "Gemeente "):
        if municipality.startswith(prefix):
            return municipality[len(prefix):]
    return municipality


def create_portal(municipality: str, target: Path, today: datetime.date | None = None) -> list[Path]:
    municipality = " ".join(municipality.split())
    if not municipality:
        raise BuildFailed([Diagnostic("E009", "geef de naam van de gemeente, bijv. \"Gemeente Utrecht\"", Location(str(target)))])
    if target.exists() and any(target.iterdir()):
        raise BuildFailed([Diagnostic("E007", "de map bestaat al en is niet leeg; kies een nieuwe map", Location(str(target)))])
    today = today or datetime.date.today()
    place = place_name(municipality)
    values = {"municipality": municipality, "place": place, "slug": slugify(place).replace("-", ""),
              "today": today.isoformat(), "year": today.year,
              "planned": (today + datetime.timedelta(days=90)).isoformat()}
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(SCAFFOLD)), undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True, autoescape=False)
    written = []
    for template in sorted(p.relative_to(SCAFFOLD).as_posix() for p in SCAFFOLD.rglob("*.j2")):
        out = target / RENAMES.get(template, template.removesuffix(".j2"))
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(env.get_template(template).render(values), encoding="utf-8")
        written.append(out)
    written += write_schemas(target / "schemas")
    return written
