"""What a release promises: publiccode.yml, package data declared for every folder, one repository
address everywhere, and scaffold values that stay valid YAML whatever the name."""

from __future__ import annotations

import datetime
import tomllib

import pytest
from ruamel.yaml import YAML

from generator import __version__
from generator.new_portal import REPOSITORY, yaml_scalar
from support import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_publiccode_has_the_required_keys_and_this_version():
    code = YAML(typ="safe").load((ROOT / "publiccode.yml").read_text(encoding="utf-8"))
    for key in ("publiccodeYmlVersion", "name", "url", "softwareVersion", "releaseDate", "platforms", "categories",
                "developmentStatus", "softwareType", "description", "legal", "maintenance", "localisation"):
        assert key in code, key
    assert code["publiccodeYmlVersion"] == "0.4"
    assert code["softwareVersion"] == __version__ == PYPROJECT["project"]["version"]
    assert code["url"] == REPOSITORY == PYPROJECT["project"]["urls"]["Repository"]
    assert code["legal"]["license"] == "EUPL-1.2" == PYPROJECT["project"]["license"]
    datetime.date.fromisoformat(code["releaseDate"])
    assert code["developmentStatus"] in ("concept", "development", "beta", "stable", "obsolete")
    assert code["maintenance"]["type"] in ("internal", "contract", "community", "none")
    if code["maintenance"]["type"] in ("internal", "community"):
        assert all(contact["name"] for contact in code["maintenance"]["contacts"])
    assert code["localisation"]["availableLanguages"] and isinstance(code["localisation"]["localisationReady"], bool)
    for language in ("nl", "en"):
        description = code["description"][language]
        assert 0 < len(description["shortDescription"]) <= 150
        assert 150 <= len(description["longDescription"]) <= 10000
        assert description["features"]
    assert {d["name"] for d in code["dependsOn"]["open"]} >= {"Python", "Material for MkDocs"}


def test_license_is_an_spdx_string_with_a_setuptools_that_reads_it():
    assert PYPROJECT["project"]["license"] == "EUPL-1.2"
    assert "setuptools>=77" in PYPROJECT["build-system"]["requires"]


def test_every_data_folder_is_a_declared_package():
    """setuptools warns about (and may drop) a data folder that is not listed as a package."""
    config = PYPROJECT["tool"]["setuptools"]
    packages, mapping = set(config["packages"]), config["package-dir"]
    roots = {"generator": ROOT / "generator", **{name: ROOT / folder for name, folder in mapping.items()}}
    expected = set()
    for name, folder in roots.items():
        for directory in [folder, *folder.rglob("*")]:
            if not directory.is_dir() or directory.name == "__pycache__":
                continue
            inner = directory.relative_to(folder).parts
            if inner and inner[0] in mapping_children(mapping, name):
                continue  # mapped elsewhere (generator/base, generator/themes are not in generator/)
            if any(p.is_file() for p in directory.rglob("*")):  # folders on the way to data count too
                expected.add(".".join((name, *inner)))
    assert sorted(expected - packages) == []
    assert sorted(packages - expected) == []


def mapping_children(mapping: dict[str, str], parent: str) -> set[str]:
    return {name.split(".")[-1] for name in mapping if name.rsplit(".", 1)[0] == parent}


@pytest.mark.parametrize("value", [
    "Gemeente 's-Hertogenbosch", "Súdwest-Fryslân", "Bergen (NH)", "Nuenen, Gerwen en Nederwetten",
    "a: b # c", '"aanhalingstekens"', "back\\slash", "- streepje", "@apenstaart", "yes", "null", "123",
    "{accolade}", "[haak]", "&anker", "*ster", "!tag", "%procent", "`backtick`", "tab\tin", "ĳsselstein ☺",
])
def test_a_scaffold_value_reads_back_unchanged(value):
    assert YAML(typ="safe").load(f"key: {yaml_scalar(value)}\n") == {"key": value}
    assert YAML().load(f"key: {yaml_scalar(value)}\n")["key"] == value  # round-trip loader, as portaal reads
