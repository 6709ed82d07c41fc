"""The preview's builds: after a saved file only what changed is built again; a failed build
keeps the last good site.

`portaal build` builds everything, every time (engine.build_site). The preview keeps its docs
tree, the engine's output and each page's finished HTML between builds: only docs files whose
text changed are rewritten, the engine builds only those pages again (MkDocs' dirty build), and
only those pages are finished again (into `finished`, a copy of the engine's output whose files
are only ever replaced, never written into: the served site shares them as hard links). The
link check reads again only the pages that changed. Whatever touches every page (the engine's options with the
menu, the theme's engine templates, a page added or removed, another engine) builds everything.
The new site is assembled next to the served one and swapped in only when it passed every check;
the site it replaced is kept and relinked (only files that changed) to become the next one.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import threading
from pathlib import Path

from .checks.links import LinkCache
from .diagnostics import BuildFailed, Diagnostic, Location
from .engine import SiteCheck, Theme, docs_files, engine_config, publish, write_site_files
from .engines import ENGINES
from .finish import Finisher
from .glossary_marks import GlossaryTerm
from .models import SiteConfig
from .render import Rendered
from .render_memo import RenderMemo

SEARCH_INDEX = Path("search/search_index.json")


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def sync_tree(new: dict[str, bytes], target: Path, old: dict[str, bytes] | None = None) -> tuple[set[str], set[str]]:
    """Make `target` hold the files `new` holds (path -> bytes), touching only files whose bytes
    differ (their modification time is what the engine's dirty build looks at). `old`: what
    `target` holds, when known. Returns (changed, added or removed)."""
    if old is None:
        old = _files(target) if target.is_dir() else {}
    changed = {path for path in new.keys() & old.keys() if new[path] != old[path]}
    for path in sorted(changed | (new.keys() - old.keys())):
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        (target / path).write_bytes(new[path])
    for path in old.keys() - new.keys():
        (target / path).unlink()
    target.mkdir(parents=True, exist_ok=True)
    return changed, new.keys() ^ old.keys()


class PreviewSite:
    """One preview's build state, in `work` (a folder of its own that lives as long as the preview)."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self.docs, self.overrides, self.output = work / "docs", work / "overrides", work / "engine"
        self.engine_key: str | None = None  # what the engine built last, when that build succeeded
        self.search_index: bytes | None = None  # the full index of the last full build
        self.finished = work / "finished"
        self.written: tuple[dict[str, bytes], dict[str, bytes]] | None = None  # what docs and overrides hold
        self.finisher: Finisher | None = None
        self.stamps: dict[str, tuple[int, int, int] | None] = {}  # engine output file -> identity when finished
        self.links = LinkCache()  # for the link check the pipeline hands in
        self.spare: Path | None = None  # the site that was replaced last time, made up to date and used again
        self.full_builds = 0  # for the tests: how often everything was built
        self.render_memo = RenderMemo()  # pages whose templates read nothing that changed are not rendered again
        work.mkdir(parents=True, exist_ok=True)

    def build(self, config: SiteConfig, rendered: Rendered, theme: Theme, out: Path, terms: list[GlossaryTerm],
              checks: tuple[SiteCheck, ...] = (), config_file: str = "site_config.yml",
              static: dict[str, Path] | None = None) -> None:
        engine = ENGINES[config.engine]
        docs, overrides = docs_files(rendered, theme, static or {}, config.engine)
        known, self.written = self.written, None  # unknown until both trees are written
        changed, added_or_removed = sync_tree(docs, self.docs, known and known[0])
        templates_changed = any(sync_tree(overrides, self.overrides, known and known[1]))
        self.written = (docs, overrides)
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
            self.finisher = Finisher(rendered.routes, terms, remember=True)
            self.stamps = dict.fromkeys(self.stamps)  # every page finished again; removed ones still known
        self._finish()
        self._publish(out, checks, rendered.files)
        self.engine_key = key

    def _discard(self, old: Path) -> None:
        """The replaced site is deleted in the background: removing a few hundred folders took
        longer than building the changed page."""
        trash = Path(tempfile.mkdtemp(prefix="old-", dir=self.work))
        old.rename(trash / "site")
        threading.Thread(target=shutil.rmtree, args=(trash,), kwargs={"ignore_errors": True}, daemon=True).start()

    def _finish(self) -> None:
        """Bring `finished` up to date with the engine's output, looking only at files whose
        identity (inode, size, modification time) changed: the engine rewrote them."""
        seen = set()
        for folder, _, names in os.walk(self.output):
            for name in names:
                source = Path(folder) / name
                path = source.relative_to(self.output).as_posix()
                seen.add(path)
                info = source.stat()
                stamp = (info.st_ino, info.st_size, info.st_mtime_ns)
                if self.stamps.get(path) == stamp:
                    continue
                self.stamps.pop(path, None)  # until the finished copy is in place
                data = source.read_bytes()
                if name.endswith(".html"):
                    data = self.finisher.page(self.output, source, data.decode("utf-8")).encode("utf-8")
                _replace(self.finished / path, data)
                self.stamps[path] = stamp
        for path in sorted(set(self.stamps) - seen):
            (self.finished / path).unlink(missing_ok=True)
            del self.stamps[path]
            folder = (self.finished / path).parent
            while folder != self.finished and not any(folder.iterdir()):  # a removed page leaves no folder
                folder.rmdir()
                folder = folder.parent

    def _keep_as_spare(self, old: Path) -> None:
        """The replaced site is kept to become the next site: relinking the few pages that changed
        is far quicker than linking a new tree of a few thousand folders and deleting the old one."""
        spare = self.work / "spare"
        try:
            shutil.rmtree(spare, ignore_errors=True)
            old.rename(spare)
            self.spare = spare
        except OSError:  # on another file system: delete it as before
            self._discard(old)

    def _publish(self, out: Path, checks: tuple[SiteCheck, ...], files: dict[str, str]) -> None:
        """Link the finished pages into a new site, add the files the engine skips (security.txt),
        and swap it in when every check passed."""
        out = out.resolve()
        staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-build-", dir=out.parent))
        try:
            site = staging / "site"
            spare, self.spare = self.spare, None
            try:
                if spare is None or not _renamed(spare, site):
                    raise FileNotFoundError(site)
                link_changes(self.finished, site)
            except OSError:  # no spare, or one that cannot be brought up to date (a file became a folder)
                shutil.rmtree(site, ignore_errors=True)
                shutil.copytree(self.finished, site, copy_function=os.link)
            for path in files:
                (site / path).unlink(missing_ok=True)  # never write through a link into `finished`
            write_site_files(site, files)
            publish(site, out, checks, discard=self._keep_as_spare)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def _renamed(source: Path, target: Path) -> bool:
    try:
        source.rename(target)
        return True
    except OSError:
        shutil.rmtree(source, ignore_errors=True)
        return False


def link_changes(source: Path, target: Path) -> None:
    """Make `target` a tree of hard links to the files of `source`, touching only what differs: a
    file of `source` that was replaced (a new inode) is linked again, one that is gone is removed."""
    wanted: set[str] = set()  # files and folders, relative
    for folder, _, names in os.walk(source):
        inside = os.path.relpath(folder, source)
        wanted.add(inside)
        os.makedirs(os.path.join(target, inside), exist_ok=True)
        for name in names:
            path = os.path.normpath(os.path.join(inside, name))
            wanted.add(path)
            original, linked = os.path.join(source, path), os.path.join(target, path)
            try:
                if os.lstat(linked).st_ino == os.stat(original).st_ino:
                    continue
                os.unlink(linked)
            except FileNotFoundError:
                pass
            os.link(original, linked)
    for folder, folders, names in os.walk(target, topdown=False):
        inside = os.path.relpath(folder, target)
        for name in names:
            if os.path.normpath(os.path.join(inside, name)) not in wanted:
                os.unlink(os.path.join(folder, name))
        for name in folders:
            if os.path.normpath(os.path.join(inside, name)) not in wanted:
                shutil.rmtree(os.path.join(folder, name))  # emptied above, unless it held a link


def _replace(target: Path, data: bytes) -> None:
    """A new file in place of the old one: whoever holds a link to the old one keeps it unchanged."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = target.with_name(f".{target.name}.new")
    fresh.write_bytes(data)
    os.replace(fresh, target)
