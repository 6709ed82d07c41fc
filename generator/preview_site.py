"""The preview's builds: after a saved file only what changed is built again; a failed build
keeps the last good site.

`portaal build` builds everything, every time (engine.build_site). The preview keeps its docs
tree, the engine's output and each page's finished HTML between builds: only docs files whose
text changed are rewritten, the engine builds only those pages again (MkDocs' dirty build), and
only those pages are finished again. Whatever touches every page (the engine's options with the
menu, the theme's engine templates, a page added or removed, another engine) builds everything.
The new site is assembled next to the served one and swapped in only when it passed every check.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import threading
from pathlib import Path

from .diagnostics import BuildFailed, Diagnostic, Location
from .engine import SiteCheck, Theme, engine_config, publish, write_docs, write_site_files
from .engines import ENGINES
from .finish import Finisher
from .glossary_marks import GlossaryTerm
from .models import SiteConfig
from .render import Rendered

SEARCH_INDEX = Path("search/search_index.json")


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def sync_tree(source: Path, target: Path) -> tuple[set[str], set[str]]:
    """Make `target` hold what `source` holds, touching only files whose bytes differ (their
    modification time is what the engine's dirty build looks at). Returns (changed, added or removed)."""
    new, old = _files(source), _files(target) if target.is_dir() else {}
    changed = {path for path in new.keys() & old.keys() if new[path] != old[path]}
    for path in sorted(changed | (new.keys() - old.keys())):
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        (target / path).write_bytes(new[path])
    for path in old.keys() - new.keys():
        (target / path).unlink()
    return changed, new.keys() ^ old.keys()


class PreviewSite:
    """One preview's build state, in `work` (a folder of its own that lives as long as the preview)."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.docs, self.overrides, self.output = work / "docs", work / "overrides", work / "engine"
        self.engine_key: str | None = None  # what the engine built last, when that build succeeded
        self.search_index: bytes | None = None  # the full index of the last full build
        self.finisher: Finisher | None = None
        self.full_builds = 0  # for the tests: how often everything was built
        work.mkdir(parents=True, exist_ok=True)

    def build(self, config: SiteConfig, rendered: Rendered, theme: Theme, out: Path, terms: list[GlossaryTerm],
              checks: tuple[SiteCheck, ...] = (), config_file: str = "site_config.yml",
              static: dict[str, Path] | None = None) -> None:
        engine = ENGINES[config.engine]
        fresh = self.work / "next"
        shutil.rmtree(fresh, ignore_errors=True)
        write_docs(rendered, theme, fresh / "docs", fresh / "overrides", static or {}, config.engine)
        changed, added_or_removed = sync_tree(fresh / "docs", self.docs)
        templates_changed = any(sync_tree(fresh / "overrides", self.overrides))
        shutil.rmtree(fresh, ignore_errors=True)
        options = engine_config(config, rendered, theme, self.overrides, self.docs, self.output)
        key = json.dumps([config.engine, str(config.updated), options], sort_keys=True, default=str)
        dirty = (config.engine == "material" and key == self.engine_key and not templates_changed
                 and not added_or_removed)
        self.engine_key = None  # until this build succeeds
        if not dirty:
            shutil.rmtree(self.output, ignore_errors=True)
            self.full_builds += 1
        if not dirty or changed:
            problems = engine.build(options, self.work, config.updated, dirty=dirty)
            if problems:
                raise BuildFailed([Diagnostic("E021", f"{engine.label}: {p}", Location(config_file, 1, 1))
                                   for p in problems])
        index = self.output / SEARCH_INDEX
        if not dirty and index.is_file():
            self.search_index = index.read_bytes()
        elif self.search_index is not None:
            # A dirty build indexes only the pages it built: the preview keeps the last full index.
            index.write_bytes(self.search_index)
        if self.finisher is None or not self.finisher.fits(rendered.routes, terms):
            self.finisher = Finisher(rendered.routes, terms)
        self._publish(out, checks, rendered.files)
        self.engine_key = key

    def _discard(self, old: Path) -> None:
        """The replaced site is deleted in the background: removing a few hundred folders took
        longer than building the changed page."""
        trash = Path(tempfile.mkdtemp(prefix="old-", dir=self.work))
        old.rename(trash / "site")
        threading.Thread(target=shutil.rmtree, args=(trash,), kwargs={"ignore_errors": True}, daemon=True).start()

    def _publish(self, out: Path, checks: tuple[SiteCheck, ...], files: dict[str, str]) -> None:
        """Finish a copy of the engine's output, add the files the engine skips (security.txt),
        and swap it in when every check passed."""
        out = out.resolve()
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-build-", dir=out.parent))
        try:
            site = staging / "site"
            shutil.copytree(self.output, site, copy_function=os.link)  # hard links: only finished pages are new
            write_site_files(site, files)
            for file in sorted(site.rglob("*.html")):
                text = file.read_text(encoding="utf-8")
                finished = self.finisher.page(site, file, text, hashlib.sha256(text.encode()).hexdigest())
                if finished != text:
                    file.unlink()  # never write through the link into the engine's output
                    file.write_text(finished, encoding="utf-8")
            publish(site, out, checks, discard=self._discard)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
