"""What `portaal serve` watches: writes rebuild, reads do not; no file events means polling."""

from __future__ import annotations

import time

from watchdog.observers.polling import PollingObserver

from generator.serve import PreviewServer


def server(root):
    return PreviewServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(root), on_listen=lambda port: None)


def wants_rebuild(preview: PreviewServer, seconds: float = 3.0) -> bool:
    with preview._rebuild_cond:
        return preview._rebuild_cond.wait_for(lambda: preview._want_rebuild, timeout=seconds)


def forget(preview: PreviewServer) -> None:
    with preview._rebuild_cond:
        preview._want_rebuild = False


def test_a_write_rebuilds_and_a_read_or_a_neighbour_does_not(tmp_path):
    (tmp_path / "content").mkdir()
    case = tmp_path / "content/almere.yml"
    case.write_text("title: a\n", encoding="utf-8")
    config = tmp_path / "site_config.yml"
    config.write_text("title: x\n", encoding="utf-8")
    preview = server(tmp_path / "site")
    preview.watch(str(tmp_path / "content"))
    preview.watch(str(config))
    preview.observer.start()
    try:
        time.sleep(0.3)
        case.read_text(encoding="utf-8")  # every build reads every file
        (tmp_path / "site").mkdir()  # next to site_config.yml: the site and the database are written here
        (tmp_path / "site/index.html").write_text("x", encoding="utf-8")
        (tmp_path / "feedback.sqlite3").write_bytes(b"x")
        assert not wants_rebuild(preview, 1.0)

        case.write_text("title: b\n", encoding="utf-8")
        assert wants_rebuild(preview)
        forget(preview)
        config.write_text("title: y\n", encoding="utf-8")
        assert wants_rebuild(preview)
        forget(preview)
        (tmp_path / "content/nieuw.yml").write_text("title: c\n", encoding="utf-8")
        assert wants_rebuild(preview)
    finally:
        preview.observer.stop()
        preview.observer.join()
        preview.server_close()


def test_without_file_events_the_folders_are_polled(tmp_path, monkeypatch):
    (tmp_path / "content").mkdir()
    preview = server(tmp_path / "site")
    preview.watch(str(tmp_path / "content"))

    def no_events(*args, **kwargs):
        raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(preview.observer, "schedule", no_events)
    config = tmp_path / "site_config.yml"
    config.write_text("title: x\n", encoding="utf-8")
    preview.watch(str(config))
    assert isinstance(preview.observer, PollingObserver)
    assert set(preview._watched_paths) == {str(tmp_path / "content"), str(config)}
    preview.observer.start()
    try:
        time.sleep(0.7)
        config.write_text("title: y\n", encoding="utf-8")
        assert wants_rebuild(preview)
    finally:
        preview.observer.stop()
        preview.observer.join()
        preview.server_close()
