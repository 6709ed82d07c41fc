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
from http import HTTPStatus
from pathlib import Path
from urllib.parse import quote

from starlette.responses import Response

from ..config import LoadedConfig
from ..models import FeedbackForm
from ..serve import REQUEST_READ
from .receiver import MESSAGES, Pages, create_app, not_ready, refusal_response
from .server import server_config

# Hop-by-hop headers are for one connection only and are not passed on.
_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authenticate",
               "proxy-authorization", "content-length", "expect"}
# The preview says who the client is; what the client says about that is not passed on.
_FORWARDING = {"forwarded", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-real-ip"}


class _Swappable:
    """An ASGI app that delegates to the current receiver, replaced after each rebuild; until the
    first good build there are no forms, and every request gets a Dutch 503."""

    def __init__(self, waiting) -> None:
        self.app = None
        self.waiting = waiting

    async def __call__(self, scope, receive, send):
        await (self.app or self.waiting)(scope, receive, send)


class PreviewReceiver:
    def __init__(self, loaded: LoadedConfig, site: Path, host: str, port: int, mount_path: str,
                 database: Path | None = None) -> None:
        import uvicorn  # only when a preview with a receiver is started

        self.loaded, self.site, self.mount_path = loaded, site, mount_path
        self.database = database or loaded.root / loaded.config.feedback.database
        self.origins = [f"http://{name}:{port}" for name in {host, "127.0.0.1", "localhost"}]
        self.prefix = loaded.config.feedback.endpoint
        self.view = Pages(None, mount_path, self.prefix)
        self.app = _Swappable(not_ready(mount_path, self.prefix))
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        # Only the preview itself talks to this port, and it sets X-Forwarded-For to the real client.
        self.server = uvicorn.Server(server_config(self.app, ["127.0.0.1"]))
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True)

    def update(self, forms: dict[str, FeedbackForm], thanks: dict[str, str] | None = None) -> None:
        config = self.loaded.config
        self.app.app = create_app(forms, self.database, config.feedback, self.origins[0], self.site,
                                  self.origins[1:], site_base=self.mount_path, thanks=thanks)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=5)

    def handles(self, environ: dict) -> bool:
        path = environ.get("PATH_INFO", "")
        return path.startswith(self.prefix) and (environ.get("REQUEST_METHOD") == "POST" or path.endswith("/gezondheid"))

    def forward(self, environ: dict, start_response: Callable) -> list[bytes]:
        request_read = environ.get(REQUEST_READ, lambda: None)
        declared = environ.get("CONTENT_LENGTH") or "0"
        if not declared.isascii() or not declared.isdigit() or environ.get("HTTP_TRANSFER_ENCODING"):
            # Only plain, counted bodies are passed on: no chunked bodies, no odd lengths.
            request_read()
            return self._refuse(environ, start_response, 400)
        length = int(declared)
        if length > self.loaded.config.feedback.max_body_bytes:
            # Not read at all: the receiver answers 413 from the declared length alone, and the
            # WSGI server drains what the client still sends, so the client gets to read that answer.
            body = None
        else:
            body = _read_exactly(environ["wsgi.input"], length)
            request_read()
            if body is None:  # cut off, or too slow: a part of a message is never stored
                return self._refuse(environ, start_response, 400)
        named = {n.strip().lower() for n in environ.get("HTTP_CONNECTION", "").split(",")}
        headers = {name[5:].replace("_", "-").title(): value for name, value in environ.items()
                   if name.startswith("HTTP_")
                   and name[5:].replace("_", "-").lower() not in _HOP_BY_HOP | _FORWARDING | named}
        headers.pop("Host", None)
        headers["Content-Length"] = declared
        if environ.get("CONTENT_TYPE"):
            headers["Content-Type"] = environ["CONTENT_TYPE"]
        headers["X-Forwarded-For"] = environ.get("REMOTE_ADDR", "127.0.0.1")
        # PATH_INFO is the decoded path as Latin-1 text: quote its bytes again for the request line.
        # The query string is left off: the receiver reads none, and it may hold a visitor's answers.
        path = quote(environ.get("PATH_INFO", "").encode("latin-1"), safe="/")
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(environ["REQUEST_METHOD"], path, body=body, headers=headers)
            response = connection.getresponse()
            payload = response.read()
        except (OSError, http.client.HTTPException):
            return self._refuse(environ, start_response, 502)
        finally:
            connection.close()
        passed = [(k, v) for k, v in response.getheaders() if k.lower() not in _HOP_BY_HOP]
        start_response(f"{response.status} {response.reason}", passed + [("Content-Length", str(len(payload)))])
        return [payload]

    def _refuse(self, environ: dict, start_response: Callable, status: int) -> list[bytes]:
        """The receiver's own Dutch answer, for what the preview refuses before passing it on."""
        message = MESSAGES.get(status, "De ontvanger voor formulieren reageert niet. Je bericht is niet bewaard.")
        answer: Response = refusal_response(self.view, environ.get("HTTP_ACCEPT", ""), status, message)
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in answer.raw_headers]
        start_response(f"{status} {HTTPStatus(status).phrase}", headers + [("Cache-Control", "no-store")])
        return [answer.body]


def _read_exactly(stream, length: int) -> bytes | None:
    """The body of exactly the declared length, or None when the client stopped sending early."""
    try:
        body = stream.read(length) if length else b""
    except OSError:  # the read timed out
        return None
    return body if len(body) == length else None
