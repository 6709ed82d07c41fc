"""site_config.yml -> frozen SiteConfig (with the document kept for error positions)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .diagnostics import BuildFailed, Diagnostic, Location
from .models import SiteConfig
from .source import Document, SourceError, load_yaml_file
from .validate import validate


@dataclass(frozen=True)
class LoadedConfig:
    config: SiteConfig
    document: Document
    path: Path  # absolute path of site_config.yml

    @property
    def root(self) -> Path:
        """The portal's project folder: paths in the config are relative to it."""
        return self.path.parent


def display_path(path: Path) -> str:
    """How a path is shown in messages: relative to the working directory when possible."""
    return _shown(path, Path.cwd())  # getcwd: already free of symbolic links


@lru_cache(maxsize=65_536)  # loading asks several times per file
def _shown(path: Path, cwd: Path) -> str:
    if path.is_absolute() and path.is_relative_to(cwd):  # as every loaded file is: no resolve() per file
        return str(path.relative_to(cwd))
    try:
        return str(path.resolve().relative_to(cwd.resolve()))
    except ValueError:
        return str(path)


def load_config(path: Path) -> LoadedConfig:
    path = path.resolve()
    shown = display_path(path)
    if not path.is_file():
        raise BuildFailed([Diagnostic("E011", "configuratiebestand niet gevonden", Location(shown, 1, 1))])
    try:
        document = load_yaml_file(path, shown)
    except SourceError as error:
        raise BuildFailed([error.diagnostic]) from None
    config, diagnostics = validate(document, SiteConfig)
    if config is None:
        raise BuildFailed(sorted(diagnostics, key=lambda d: d.location))
    return LoadedConfig(config, document, path)
