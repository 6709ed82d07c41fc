"""Compiled Jinja templates, kept in memory and in the user's cache folder between builds.

Compiling the engine's templates and portaal's own cost a quarter of a small build, every build:
MkDocs makes a new template environment each time, and each `portaal build` is a new process.
Jinja's own bytecode cache keeps the compiled code; it stores each template's source checksum
and Python version with it and compiles again whenever either differs, so a stale entry is never
used. The folder ($XDG_CACHE_HOME/portaal, else ~/.cache/portaal) may be deleted at any time;
where it cannot be written, templates are kept in memory only.

Compiled code depends on the environment's settings (autoescape, finalize, whitespace control),
which Jinja's cache key does not hold: each kind of environment has a cache of its own, keyed by
the template's name. The file's folder is left out of the key because MkDocs reads portaal's
engine templates from a new temporary folder every build.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

import jinja2


def _code_fingerprint() -> str:
    """Jinja runs finalize and filters on constants while compiling and keeps their output in the
    compiled code: code compiled by another release of Jinja, MkDocs, Material or portaal's own
    modules (an edited checkout included) is not used."""
    import markupsafe
    import material
    import mkdocs

    # Installing another release rewrites a package's files: their size and time stand for its version.
    package_dir = Path(__file__).resolve().parent
    files = [Path(package.__file__) for package in (jinja2, markupsafe, mkdocs, material)]
    digest = hashlib.sha1()
    for file in [*files, *sorted(package_dir.rglob("*.py"))]:
        info = file.stat()
        digest.update(f"{file}:{info.st_size}:{info.st_mtime_ns};".encode())
    return digest.hexdigest()[:16]


def cache_folder() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "portaal"
    current = base / f"templates-{_code_fingerprint()}"
    if not current.exists():  # another release or an edited checkout: what the old code compiled is of no use
        for old in base.glob("templates-*"):
            shutil.rmtree(old, ignore_errors=True)
    return current


class CompiledTemplates(jinja2.BytecodeCache):
    def __init__(self, folder: Path | None) -> None:
        super().__init__()
        self.folder = folder
        self._code: dict[str, bytes] = {}

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha1(name.encode("utf-8")).hexdigest()  # the source's checksum guards the rest

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is None and self.folder is not None:
            try:
                code = (self.folder / bucket.key).read_bytes()
            except OSError:
                return
        if code is not None:
            bucket.bytecode_from_string(code)  # checks the checksum and Python version; resets when stale

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code[bucket.key] = bucket.bytecode_to_string()
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # Written whole and renamed into place: two builds at once never read half a file.
            with tempfile.NamedTemporaryFile(dir=self.folder, prefix=".", delete=False) as handle:
                handle.write(code)
            os.replace(handle.name, self.folder / bucket.key)
        except OSError:
            self.folder = None  # not writable here: keep compiled templates in memory only

    def clear(self) -> None:
        self._code.clear()


@lru_cache(maxsize=None)
def compiled_templates(environment_kind: str) -> CompiledTemplates:
    """The cache for one kind of environment (one set of settings): 'mkdocs', 'page', …"""
    return CompiledTemplates(cache_folder() / environment_kind)
