"""`portaal serve`: build, serve with live reload, rebuild when content, themes or config change."""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.livereload import LiveReloadServer

from . import pipeline
from .config import load_config
from .diagnostics import BuildFailed, Report


def serve(config_path: Path, host: str, port: int, database: Path | None = None) -> int:
    try:
        loaded = load_config(config_path)
    except BuildFailed as failed:
        for diagnostic in failed.diagnostics:
            print(diagnostic, file=sys.stderr)
        return 1
    work = Path(tempfile.mkdtemp(prefix="portaal-serve-"))
    site = work / "site"
    site.mkdir()

    receiver = None

    def builder() -> None:
        report = pipeline.build(config_path, site)
        report.print()
        if report.ok and receiver is not None:
            forms = pipeline.prepare(config_path, Report())
            if forms is not None:
                receiver.update({item.slug: item.model for item in forms.portal.forms})
        if report.ok:
            print(f"Gebouwd. Bekijk de site op http://{host}:{port}{mount_path}", file=sys.stderr)
        else:
            print("De bouw is mislukt; de vorige versie blijft zichtbaar.", file=sys.stderr)

    mount_path = urlsplit(loaded.config.site_url or "/").path or "/"
    logging.getLogger("mkdocs.livereload").setLevel(logging.WARNING)
    server = LiveReloadServer(builder=builder, host=host, port=port, root=str(site), mount_path=mount_path)

    def not_found(code: int) -> bytes | None:
        page = site / "404.html"
        return page.read_bytes() if code == 404 and page.is_file() else None

    server.error_handler = not_found
    endpoint = loaded.config.feedback.endpoint
    if endpoint and endpoint.startswith("/"):
        # Forms post to this same origin: start the receiver and pass their requests on to it.
        from .feedback.preview import PreviewReceiver

        receiver = PreviewReceiver(loaded, site, host, port, mount_path, database)
        site_app = server.serve_request

        def app(environ, start_response):
            if receiver.handles(environ):
                return receiver.forward(environ, start_response)
            return site_app(environ, start_response)

        server.set_app(app)
    builder()
    if receiver is not None:
        receiver.start()
        print(f"Formulieren worden opgeslagen in {receiver.database}", file=sys.stderr)
    for path in (loaded.root / loaded.config.content_dir, loaded.root / "themes", loaded.path):
        if path.exists():
            server.watch(str(path))
    try:
        server.serve()
    except KeyboardInterrupt:
        print("Gestopt.", file=sys.stderr)
    except OSError as error:
        print(f"Kan de server niet starten op {host}:{port}: {error.strerror}", file=sys.stderr)
        return 1
    finally:
        server.shutdown()
        if receiver is not None:
            receiver.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0
