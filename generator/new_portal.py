"""`portaal new "Gemeente X" DIR`: a ready-to-build portal with a Dutch comment on every setting."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import jinja2

from . import __version__
from .diagnostics import BuildFailed, Diagnostic, Location
from .resolve import slugify
from .schema import write_schemas

SCAFFOLD = Path(__file__).resolve().parent / "scaffold"
# Template -> path in the new portal; everything else keeps its relative path minus '.j2'.
RENAMES = {"gitignore.j2": ".gitignore", "ci/gitlab-ci.yml.j2": ".gitlab-ci.yml",
           "ci/github-pages.yml.j2": ".github/workflows/publish.yml"}
# Where portaal's releases live: one git tag 'v<version>' per release. The generated CI installs
# exactly the version that wrote it from here, so a later release never changes a portal unasked.
REPOSITORY = "https://github.com/portaal-nl/portaal"
# What `portaal audit` needs in CI besides Python: Debian's Chromium and Java, axe-core and vnu from npm.
AUDIT_TOOLS = ("apt-get update && apt-get install -y --no-install-recommends chromium default-jre-headless npm",
               "npm install --no-save axe-core@4 vnu-jar")


def requirement(version: str = __version__, extra: str | None = None) -> str:
    """The pip requirement for one released version, e.g. 'portaal @ git+https://…@v0.1.0'
    ('portaal[audit] @ …' with an extra)."""
    return f"portaal{f'[{extra}]' if extra else ''} @ git+{REPOSITORY}@v{version}"


def yaml_scalar(value: object) -> str:
    """A YAML double-quoted scalar: JSON's string syntax is a subset of it, so any name (an
    apostrophe, a colon, a '#', diacritics) is written safely and read back unchanged."""
    return json.dumps(str(value), ensure_ascii=False)


def place_name(municipality: str) -> str:
    """'Gemeente Utrechtse Heuvelrug' -> 'Utrechtse Heuvelrug'."""
    for prefix in ("gemeente ", "Gemeente "):
        if municipality.startswith(prefix):
            return municipality[len(prefix):]
    return municipality


def create_portal(municipality: str, target: Path, today: datetime.date | None = None) -> list[Path]:
    municipality = " ".join(municipality.split())
    if not municipality or not any(c.isalnum() for c in municipality):
        raise BuildFailed([Diagnostic("E009", "geef de naam van de gemeente, bijv. \"Gemeente Utrecht\"", Location(str(target)))])
    if target.exists() and any(target.iterdir()):
        raise BuildFailed([Diagnostic("E007", "de map bestaat al en is niet leeg; kies een nieuwe map", Location(str(target)))])
    today = today or datetime.date.today()
    place = place_name(municipality)
    values = {"municipality": municipality, "place": place, "slug": slugify(place).replace("-", "") or "gemeente",
              "today": today.isoformat(), "year": today.year,
              "planned": (today + datetime.timedelta(days=90)).isoformat(),
              "expires": (today + datetime.timedelta(days=180)).isoformat(),
              "version": __version__, "requirement": requirement(), "ci_requirement": requirement(extra="audit"),
              "audit_tools": AUDIT_TOOLS}
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(SCAFFOLD)), undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True, autoescape=False)
    env.filters["yaml"] = yaml_scalar
    written = []
    for template in sorted(p.relative_to(SCAFFOLD).as_posix() for p in SCAFFOLD.rglob("*.j2")):
        out = target / RENAMES.get(template, template.removesuffix(".j2"))
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(env.get_template(template).render(values), encoding="utf-8")
        written.append(out)
    written += write_schemas(target / "schemas")
    return written
