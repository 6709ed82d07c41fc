"""`portaal new` with real municipality names: valid YAML everywhere, `check --strict` passes at
once, CI installs the very version that wrote it, and the portal carries its own guide."""

from __future__ import annotations

import datetime
import html
import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from generator import __version__, pipeline
from generator.new_portal import REPOSITORY, create_portal, requirement
from support import run_portaal

NAMES = ["Gemeente 's-Hertogenbosch", "Súdwest-Fryslân", "Bergen (NH)", "Nuenen, Gerwen en Nederwetten"]
PLACES = {"Gemeente 's-Hertogenbosch": "'s-Hertogenbosch"}
TODAY = datetime.date(2026, 3, 2)


def yaml_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.suffix in (".yml", ".yaml") or p.name == ".gitlab-ci.yml")


def front_matter(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\n"), page
    return text.split("---\n", 2)[1]


@pytest.mark.parametrize("name", NAMES)
def test_every_name_gives_valid_yaml_and_a_portal_that_passes_strict_check(tmp_path, name):
    root = tmp_path / "portal"
    create_portal(name, root, today=TODAY)
    place = PLACES.get(name, name)
    parsed = {}
    for path in yaml_files(root):
        parsed[path.relative_to(root).as_posix()] = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    pages = sorted((root / "content/pages").glob("*.md"))
    meta = {p.name: YAML(typ="safe").load(front_matter(p)) for p in pages}
    # The names come back exactly as given: nothing was cut off at an apostrophe, comma or bracket.
    assert parsed["site_config.yml"]["municipality"] == name
    assert parsed["site_config.yml"]["site_name"] == f"Inwoners betrekken bij cliëntondersteuning in {place}"
    assert parsed["content/cases/lokaal-voorbeeld.yml"]["municipality"] == place
    assert parsed["content/sources.yml"]["sources"][0]["publisher"] == name
    assert meta["clientondersteuning-in-de-gemeente.md"]["title"] == f"Cliëntondersteuning in {place}"
    assert {".gitlab-ci.yml", ".github/workflows/publish.yml"} <= set(parsed)

    result = pipeline.check(root / "site_config.yml", strict=True)
    # The portal's own files first (the scaffold's texts), then the whole portal with the handreiking.
    own = [str(d) for d in result.report.diagnostics
           if (Path.cwd() / d.location.file).resolve().is_relative_to(root.resolve())]
    assert own == []
    assert [str(d) for d in result.report.diagnostics] == []
    assert result.prepared is not None


def test_a_name_with_an_apostrophe_builds_through_the_command_line(tmp_path):
    result = run_portaal("new", "Gemeente 's-Hertogenbosch", "portal", cwd=tmp_path)
    assert result.code == 0, result.stderr
    result = run_portaal("build", "--strict", cwd=tmp_path / "portal")
    assert result.code == 0, result.stderr
    site = tmp_path / "portal/site"
    case = html.unescape((site / "praktijkvoorbeelden/lokaal-voorbeeld/index.html").read_text(encoding="utf-8"))
    assert re.search(r"<h1[^>]*>Inwoners denken mee over cliëntondersteuning in 's-Hertogenbosch</h1>", case)
    assert "Gemeente 's-Hertogenbosch" in html.unescape((site / "index.html").read_text(encoding="utf-8"))


def _commands(ci: dict) -> list[str]:
    """Every shell line of either CI file."""
    gitlab = ci.get("pages", {}).get("script", [])
    github = [step["run"] for job in ci.get("jobs", {}).values() for step in job["steps"] if "run" in step]
    return gitlab + github


@pytest.mark.parametrize("ci_file", [".gitlab-ci.yml", ".github/workflows/publish.yml"])
def test_ci_installs_exactly_the_version_that_made_the_portal(tmp_path, ci_file):
    create_portal("Gemeente Zwolle", tmp_path / "p", today=TODAY)
    commands = _commands(YAML(typ="safe").load((tmp_path / "p" / ci_file).read_text(encoding="utf-8")))
    installs = [c for c in commands if c.startswith("pip install")]
    assert installs == [f"pip install 'portaal[audit] @ git+{REPOSITORY}@v{__version__}'"]
    assert requirement() == f"portaal @ git+{REPOSITORY}@v{__version__}"
    assert "pip install portaal\n" not in (tmp_path / "p" / ci_file).read_text(encoding="utf-8")
    # Build, audit every page (a problem stops the job), then build again so the statement names the audit.
    portaal = [c.split(" --")[0] for c in commands if c.startswith("portaal ")]
    assert portaal == ["portaal build", "portaal audit public" if ci_file == ".gitlab-ci.yml" else "portaal audit site",
                       "portaal build"]
    assert any("chromium" in c and "default-jre-headless" in c for c in commands)
    assert "npm install --no-save axe-core@4 vnu-jar" in commands


def test_the_portal_has_its_own_guide_that_names_only_files_it_has(tmp_path):
    root = tmp_path / "p"
    create_portal("Bergen (NH)", root, today=TODAY)
    guide = (root / "README.md").read_text(encoding="utf-8")
    for heading in ("## Een praktijkvoorbeeld toevoegen", "## Een begrip toevoegen", "## Een bron toevoegen",
                    "## Een pagina toevoegen", "## Publiceren", "## Welke namen mag ik gebruiken?"):
        assert heading in guide
    for kind in ("terms", "methods", "sources", "phases", "cases", "checklists"):
        assert f"portaal list {kind}" in guide
    assert f"pip install '{requirement()}'" in guide
    # Every concrete file the guide points to exists in the new portal (patterns with <naam> aside).
    named = set(re.findall(r"`((?:content/|\.github/|site_config|\.gitlab)[^`<>*\s]*\.(?:yml|md))`", guide))
    assert "content/cases/lokaal-voorbeeld.yml" in named
    assert [n for n in sorted(named) if not (root / n).is_file() and n != "content/glossary.yml"
            and n != "content/pages/index.md"] == []
    assert "pekela" not in guide


def test_the_feedback_database_stays_out_of_version_control(tmp_path):
    create_portal("Gemeente Zwolle", tmp_path / "p", today=TODAY)
    ignored = (tmp_path / "p/.gitignore").read_text(encoding="utf-8").splitlines()
    assert "/site/" in ignored and "/feedback.sqlite3*" in ignored
    assert "/node_modules/" in ignored and "/audit.json" in ignored


def test_the_public_sector_settings_are_written_with_comments_and_work_once_filled_in(tmp_path):
    root = tmp_path / "p"
    create_portal("Gemeente Zwolle", root, today=TODAY)
    path = root / "site_config.yml"
    text = path.read_text(encoding="utf-8")
    config = YAML(typ="safe").load(text)
    assert config["privacy"] == {"email": "privacy@zwolle.nl"}
    assert config["security"] == {"contact": "security@zwolle.nl"}
    assert "approved_by" not in config["accessibility"]  # nobody has approved it on day one
    # Filling in what the comments offer (approval, expiry, address) gives a portal that passes at once.
    for setting in ("approved_by", "approved_on", "expires", "address", "register_url", "officer"):
        assert f"  # {setting}: " in text, setting
        text = text.replace(f"  # {setting}: ", f"  {setting}: ")
    path.write_text(text, encoding="utf-8")
    result = pipeline.build(path, root / "site", strict=True)
    assert [str(d) for d in result.report.diagnostics] == []
    statement = html.unescape((root / "site/toegankelijkheid/index.html").read_text(encoding="utf-8"))
    assert "Status C: eerste maatregelen genomen." in statement  # approved, research planned within six months
    assert (root / "site/.well-known/security.txt").read_text(encoding="utf-8").splitlines() == [
        "Contact: mailto:security@zwolle.nl", "Expires: 2026-08-29T00:00:00Z", "Preferred-Languages: nl, en",
        "Canonical: https://www.zwolle.nl/inspraak/.well-known/security.txt",
        "Policy: https://www.zwolle.nl/inspraak/kwetsbaarheid-melden/"]
    for page in ("privacy", "contact", "kwetsbaarheid-melden"):
        assert (root / "site" / page / "index.html").is_file(), page
