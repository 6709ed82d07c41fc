"""`portaal serve` runs the preview and the feedback receiver on one origin, so the demo works
end to end: form POSTs under the endpoint path go to the receiver, everything else is the site.

The receiver runs under uvicorn in a background thread on a private loopback port; the live-reload
server (WSGI) passes matching requests on to it. After every successful rebuild the receiver
takes the new form definitions.
"""

from __future__ import annotations

import http.client
import socket
import threading
from collections.abc import Callable
from pathlib import Path

from ..config import LoadedConfig
from ..models import FeedbackForm

# Hop-by-hop headers are for one connection only and are not passed on.
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authenticate",
               "proxy-authorization", "content-length"}


class _Swappable:
    """An ASGI app that delegates to the current receiver, replaced after each rebuild."""

    def __init__(self) -> None:
        self.app = None

    async def __call__(self, scope, receive, send):
        await self.app(scope, receive, send)


class PreviewReceiver:
    def __init__(self, loaded: LoadedConfig, site: Path, host: str, port: int, mount_path: str,
                 database: Path | None = None) -> None:
        import uvicorn  # only when a preview with a receiver is started

        self.loaded, self.site, self.mount_path = loaded, site, mount_path
        self.database = database or loaded.root / loaded.config.feedback.database
        self.origins = [f"http://{name}:{port}" for name in {host, "127.0.0.1", "localhost"}]
        self.prefix = loaded.config.feedback.endpoint
        self.app = _Swappable()
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.server = uvicorn.Server(uvicorn.Config(self.app, log_level="warning", access_log=False,
                                                    server_header=False, proxy_headers=True,
                                                    forwarded_allow_ips="127.0.0.1"))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True)

    def update(self, forms: dict[str, FeedbackForm]) -> None:
        from .receiver import create_app

        config = self.loaded.config
        self.app.app = create_app(forms, self.database, config.feedback,
                                  self.origins[0], self.site, self.origins[1:], site_base=self.mount_path)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=5)

    def handles(self, environ: dict) -> bool:
        path = environ.get("PATH_INFO", "")
        return path.startswith(self.prefix) and (environ.get("REQUEST_METHOD") == "POST" or path.endswith("/gezondheid"))

    def forward(self, environ: dict, start_response: Callable) -> list[bytes]:
        declared = environ.get("CONTENT_LENGTH") or "0"
        if not declared.isascii() or not declared.isdigit() or environ.get("HTTP_TRANSFER_ENCODING"):
            # Only plain, counted bodies are passed on: no chunked bodies, no odd lengths.
            start_response("400 Bad Request", [("Content-Type", "text/plain; charset=utf-8")])
            return ["Dit verzoek heeft geen geldige lengte.".encode()]
        length = int(declared)
        # Never read more than the receiver would accept; it answers 413 itself.
        body = environ["wsgi.input"].read(min(length, self.loaded.config.feedback.max_body_bytes + 1)) if length else b""
        named = {n.strip().lower() for n in environ.get("HTTP_CONNECTION", "").split(",")}
        headers = {name[5:].replace("_", "-").title(): value for name, value in environ.items()
                   if name.startswith("HTTP_") and name[5:].replace("_", "-").lower() not in _HOP_BY_HOP | named | {"expect"}}
        headers.pop("Host", None)
        headers["Content-Length"] = str(len(body))
        if environ.get("CONTENT_TYPE"):
            headers["Content-Type"] = environ["CONTENT_TYPE"]
        headers["X-Forwarded-For"] = environ.get("REMOTE_ADDR", "127.0.0.1")
        path = environ.get("PATH_INFO", "") + (f"?{environ['QUERY_STRING']}" if environ.get("QUERY_STRING") else "")
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(environ["REQUEST_METHOD"], path, body=body, headers=headers)
            response = connection.getresponse()
            payload = response.read()
        except OSError:
            start_response("502 Bad Gateway", [("Content-Type", "text/plain; charset=utf-8")])
            return ["De ontvanger voor formulieren reageert niet.".encode()]
        finally:
            connection.close()
        passed = [(k, v) for k, v in response.getheaders() if k.lower() not in _HOP_BY_HOP]
        start_response(f"{response.status} {response.reason}", passed + [("Content-Length", str(len(payload)))])
        return [payload]
