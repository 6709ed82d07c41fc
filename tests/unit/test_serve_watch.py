"""What `portaal serve` watches: writes rebuild, reads do not; no file events means polling.

Each scenario runs in a process of its own: watchdog keeps one inotify thread for the rest of a
process once it is used, and a process with threads never forks (generator/parallel.py), which
would quietly change every later test of this run.
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

from watchdog.observers.polling import PollingObserver

from support import in_a_process_of_its_own

from generator.serve import PreviewServer


def server(root):
    return PreviewServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(root), on_listen=lambda port: None)


def wants_rebuild(preview: PreviewServer, seconds: float = 3.0) -> bool:
    with preview._rebuild_cond:
        return preview._rebuild_cond.wait_for(lambda: preview._want_rebuild, timeout=seconds)


@contextlib.contextmanager
def watching(preview: PreviewServer):
    preview.start_watching()
    try:
        yield
    finally:
        preview.observer.stop()
        preview.observer.join()
        preview.server_close()


def rebuilds_after_saving(preview: PreviewServer, file: Path, text: str) -> None:
    with preview._rebuild_cond:
        preview._want_rebuild = False
    file.write_text(text, encoding="utf-8")
    assert wants_rebuild(preview), f"saving {file.name} asked for no rebuild"


def writes_rebuild_and_reads_or_neighbours_do_not(folder: str):
    tmp_path = Path(folder)
    (tmp_path / "content").mkdir()
    case = tmp_path / "content/almere.yml"
    case.write_text("title: a\n", encoding="utf-8")
    config = tmp_path / "site_config.yml"
    config.write_text("title: x\n", encoding="utf-8")
    preview = server(tmp_path / "site")
    preview.watch(str(tmp_path / "content"))
    preview.watch(str(config))
    with watching(preview):
        time.sleep(0.3)
        case.read_text(encoding="utf-8")  # every build reads every file
        (tmp_path / "site").mkdir()  # next to site_config.yml: the site and the database are written here
        (tmp_path / "site/index.html").write_text("x", encoding="utf-8")
        (tmp_path / "feedback.sqlite3").write_bytes(b"x")
        assert not wants_rebuild(preview, 1.0)

        rebuilds_after_saving(preview, case, "title: b\n")
        rebuilds_after_saving(preview, config, "title: y\n")
        rebuilds_after_saving(preview, tmp_path / "content/nieuw.yml", "title: c\n")


def without_file_events_the_folders_are_polled(folder: str):
    tmp_path = Path(folder)
    (tmp_path / "content").mkdir()
    config = tmp_path / "site_config.yml"
    config.write_text("title: x\n", encoding="utf-8")
    preview = server(tmp_path / "site")
    preview.watch(str(tmp_path / "content"))
    preview.watch(str(config))

    def no_events():
        raise OSError(28, "inotify watch limit reached")

    preview.observer.start = no_events  # where inotify's limit shows
    with watching(preview):
        assert isinstance(preview.observer, PollingObserver)
        time.sleep(0.7)
        rebuilds_after_saving(preview, config, "title: y\n")
        rebuilds_after_saving(preview, tmp_path / "content/nieuw.yml", "title: c\n")


def a_folder_moved_away_rebuilds(folder: str):
    tmp_path = Path(folder)
    (tmp_path / "content/cases").mkdir(parents=True)
    (tmp_path / "content/cases/almere.yml").write_text("title: a\n", encoding="utf-8")
    preview = server(tmp_path / "site")
    preview.watch(str(tmp_path / "content"))
    with watching(preview):
        time.sleep(0.3)
        (tmp_path / "content/cases").rename(tmp_path / "prullenbak")  # to the trash: one event for the folder
        assert wants_rebuild(preview)


def test_a_write_rebuilds_and_a_read_or_a_neighbour_does_not(tmp_path):
    in_a_process_of_its_own(__file__, "writes_rebuild_and_reads_or_neighbours_do_not", str(tmp_path))


def test_without_file_events_the_folders_are_polled(tmp_path):
    in_a_process_of_its_own(__file__, "without_file_events_the_folders_are_polled", str(tmp_path))


def test_a_folder_moved_away_rebuilds(tmp_path):
    in_a_process_of_its_own(__file__, "a_folder_moved_away_rebuilds", str(tmp_path))
