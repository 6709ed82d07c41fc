"""`portaal serve`: build, serve with live reload, rebuild when content, themes or config change.

The preview answers strangers' requests too (anyone on the network with --host 0.0.0.0), so it
logs no request lines (they can hold a resident's answers), gives every request a deadline to
arrive, and answers every odd path with the site's 404 page instead of an internal error.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit
from wsgiref.simple_server import WSGIRequestHandler

import watchdog.events
import watchdog.observers
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

from . import pipeline
from .preview_site import PreviewSite
from .settled_heap import SettledHeap
from .plan import thank_you_pages
from .config import load_config
from .diagnostics import BuildFailed

READ_TIMEOUT = 15.0  # seconds for a request's line, headers and form body to arrive
# A folder moved away or removed is one event of its own (inotify tells nothing of the files in it).
CHANGE_EVENTS = [watchdog.events.FileCreatedEvent, watchdog.events.FileModifiedEvent,
                 watchdog.events.FileMovedEvent, watchdog.events.FileDeletedEvent,
                 watchdog.events.DirCreatedEvent, watchdog.events.DirMovedEvent, watchdog.events.DirDeletedEvent]
CHANGES = frozenset(event.event_type for event in CHANGE_EVENTS)
POLLING_INTERVAL = 0.5  # seconds between looks at the watched folders, where file events are missing
LINGER = 5.0  # seconds to drain a body that was not read (a refused upload), so its sender sees the answer
CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # no file has these in its name; open() fails on NUL
# The handler puts a callable here that ends the request's read deadline; the app calls it once
# it has read what it needs (the site: nothing; the form proxy: the body).
REQUEST_READ = "portaal.request_read"
log = logging.getLogger("portaal.serve")


class RequestHandler(WSGIRequestHandler):
    """One request per connection, with a deadline; nothing logged."""

    timeout = READ_TIMEOUT  # for each read; the timer below bounds the whole request

    def setup(self) -> None:
        super().setup()
        self.deadline = threading.Timer(self.server.read_timeout, self._too_slow)
        self.deadline.daemon = True
        self.deadline.start()

    def _too_slow(self) -> None:
        try:  # a read that is waiting returns what it has; a cut-off form is refused, not stored
            self.connection.shutdown(socket.SHUT_RD)
        except OSError:
            pass

    def get_environ(self) -> dict:
        environ = super().get_environ()
        environ[REQUEST_READ] = self.deadline.cancel  # the app says when it has read the request
        return environ

    def finish(self) -> None:
        self.deadline.cancel()
        super().finish()

    def log_request(self, code="-", size="-") -> None:
        pass  # a request line can hold a resident's answers (a form sent as GET, a query string)

    def log_message(self, format, *args) -> None:
        pass  # the same: http.server quotes the request line in its error messages


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server with portaal's request handler, lingering close and quiet errors."""

    read_timeout = READ_TIMEOUT

    def __init__(self, *args, on_listen, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.RequestHandlerClass = RequestHandler
        self.on_listen = on_listen
        # MkDocs polls the watched folders every half second, in this process: a save waited a
        # quarter second on average, and a portal of a thousand files was walked twice a second
        # beside the build. The system's own file events (inotify on Linux) come at once.
        self.observer = watchdog.observers.Observer()
        self._schedules: dict[str, tuple[watchdog.events.FileSystemEventHandler, str, bool]] = {}

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        """Rebuild when a file under `path` (or the file `path`) is written, added, moved or removed."""
        path = os.path.abspath(path)
        if path in self._watched_paths:
            self._watched_paths[path] += 1
            return
        single = os.path.isfile(path)

        def changed(event: watchdog.events.FileSystemEvent) -> None:
            if event.event_type not in CHANGES:  # also told: files opened and read, as every build does
                return
            if single and path not in (event.src_path, getattr(event, "dest_path", None)):
                return  # a file is watched through its folder, where the site and the database are written too
            with self._rebuild_cond:
                self._want_rebuild = True
                self._rebuild_cond.notify_all()

        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = changed
        self._schedules[path] = (handler, os.path.dirname(path) if single else path, recursive and not single)
        self._watched_paths[path] = 1
        self._schedule(path)

    def _schedule(self, path: str) -> None:
        handler, where, recursive = self._schedules[path]
        # Asked of the system itself: the files every build opens and reads then send no events at all.
        self._watch_refs[path] = self.observer.schedule(handler, where, recursive=recursive, event_filter=CHANGE_EVENTS)

    def start_watching(self) -> None:
        try:
            self.observer.start()  # inotify's limit on watches shows here, not when scheduling
        except OSError:  # no file events here (that limit, some network folders): poll, as MkDocs does
            failed, self.observer = self.observer, PollingObserver(timeout=POLLING_INTERVAL)
            failed.unschedule_all()  # its emitters' threads, started or not, end here
            for path in self._schedules:
                self._schedule(path)
            self.observer.start()
        self.observer.start = lambda: None  # running: MkDocs' serve() would start it a second time

    def serve(self, *, open_in_browser: bool = False) -> None:
        if self._watched_paths:
            self.start_watching()
        super().serve(open_in_browser=open_in_browser)

    def server_activate(self) -> None:
        super().server_activate()
        self.on_listen(self.server_address[1])  # only now is the address real (and --port 0 known)

    def shutdown_request(self, request: socket.socket) -> None:
        """Answer sent: close our side, then drain what the client still sends for a while.
        Closing with unread data resets the connection, and the client would never read a 413."""
        try:
            request.shutdown(socket.SHUT_WR)
            request.settimeout(1.0)
            until = time.monotonic() + LINGER
            while time.monotonic() < until and request.recv(65536):
                pass
        except OSError:
            pass
        self.close_request(request)

    def handle_error(self, request, client_address) -> None:
        error = sys.exc_info()[1]
        if not isinstance(error, OSError):  # a client that left or was too slow is no error of ours
            log.error("interne fout in de voorvertoning: %s", type(error).__name__)


def _readable(path_info: str) -> bool:
    """Whether a request path can name a file: UTF-8 without control characters."""
    try:
        path = path_info.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return False
    return not CONTROL.search(path)


class _NoTracebacks(logging.Filter):
    """MkDocs logs a traceback for a request that failed; the terminal gets one line instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info:
            record.msg = f"{record.getMessage()}: {record.exc_info[0].__name__}"
            record.args, record.exc_info, record.exc_text = (), None, None
        return True


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
    preview = PreviewSite(work / "build")  # kept between builds: a saved file builds only what changed
    heap = SettledHeap()

    receiver = None
    address: list[str] = []  # the site's address, once the server listens
    built: list[bool] = []  # whether any build succeeded

    def builder() -> None:
        heap.build_starts()
        try:
            result = pipeline.build(config_path, site, preview=preview)  # prepared once: the receiver takes the same forms
        finally:
            heap.build_ended()
        result.report.print()
        if result.ok and receiver is not None:
            forms = result.prepared.portal.forms
            receiver.update({item.slug: item.model for item in forms}, thank_you_pages(result.prepared.routes, forms))
        if result.ok:
            built.append(True)
            print("Gebouwd." + (f" Bekijk de site op {address[0]}" if address else ""), file=sys.stderr)
        elif built:
            print("De bouw is mislukt; de vorige versie blijft zichtbaar.", file=sys.stderr)
        else:
            print("De bouw is mislukt; de site verschijnt zodra de fouten zijn opgelost.", file=sys.stderr)

    def listening(bound_port: int) -> None:
        name = f"[{host}]" if ":" in host else host
        address.append(f"http://{name}:{bound_port}{mount_path}")
        print(f"De site draait op {address[0]} (stoppen met Ctrl+C).", file=sys.stderr)

    mount_path = urlsplit(loaded.config.site_url or "/").path or "/"
    livereload_log = logging.getLogger("mkdocs.livereload")
    livereload_log.setLevel(logging.WARNING)
    livereload_log.addFilter(_NoTracebacks())
    server = PreviewServer(builder=builder, host=host, port=port, root=str(site), mount_path=mount_path,
                           on_listen=listening)

    def error_page(code: int) -> bytes | None:
        page = site / "404.html"
        if code == 404 and page.is_file():
            return page.read_bytes()
        if code == 500:  # MkDocs' own answer to a request it failed on
            from .feedback.receiver import html_page

            return html_page("Er ging iets mis", "<h1>Er ging iets mis</h1><p>Deze pagina kon niet worden "
                                                 "getoond. Probeer het opnieuw.</p>").encode()
        return None

    server.error_handler = error_page
    endpoint = loaded.config.feedback.endpoint
    if endpoint and endpoint.startswith("/"):
        # Forms post to this same origin: start the receiver and pass their requests on to it.
        from .feedback.preview import PreviewReceiver

        receiver = PreviewReceiver(loaded, site, host, port, mount_path, database)
    site_app = server.serve_request

    def app(environ, start_response):
        try:
            if not _readable(environ.get("PATH_INFO", "")):
                environ.get(REQUEST_READ, lambda: None)()
                start_response("404 Not Found", [("Content-Type", "text/html; charset=utf-8")])
                return [error_page(404) or b"Niet gevonden"]
            if receiver is not None and receiver.handles(environ):
                return receiver.forward(environ, start_response)  # it ends the deadline once it has the body
            environ.get(REQUEST_READ, lambda: None)()  # the site reads no bodies
            return site_app(environ, start_response)
        except Exception as error:  # a bug in portaal: one line in the terminal, a Dutch page for the visitor
            log.error("interne fout bij %s: %s", environ.get("REQUEST_METHOD"), type(error).__name__)
            start_response("500 Internal Server Error", [("Content-Type", "text/html; charset=utf-8")],
                           sys.exc_info())
            return [error_page(500)]

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
        heap.stop()
        if receiver is not None:
            receiver.stop()
        shutil.rmtree(work, ignore_errors=True)
    return 0
