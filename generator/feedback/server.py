"""uvicorn as both receivers run it (`portaal feedback serve` and the preview's): h11, no access
log, forwarding headers only from named proxies, and a deadline for every request.

uvicorn itself only closes idle keep-alive connections, and any byte resets that timer, so a
client that sends its request a byte at a time could hold a connection for ever. Here the
request line, the headers and the body must all have arrived within READ_TIMEOUT seconds of the
connection opening (or of the previous answer); otherwise the connection is closed and nothing
is stored.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

READ_TIMEOUT = 15.0  # seconds; a form of at most max_body_bytes arrives far sooner, even on a slow phone


class DeadlineProtocol(H11Protocol):
    read_timeout = READ_TIMEOUT
    _deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self._arm()

    def handle_events(self) -> None:
        super().handle_events()
        if self.conn.their_state in (h11.DONE, h11.MUST_CLOSE, h11.CLOSED, h11.ERROR):  # the request is in
            self._disarm()

    def on_response_complete(self) -> None:
        self._arm()  # a next request on this connection gets its own deadline
        super().on_response_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(self.read_timeout, self._too_slow)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        # The app, if it is waiting for the body, sees a disconnect and stores nothing.
        self._deadline = None
        if not self.transport.is_closing():
            self.transport.close()


def server_config(app, trusted_proxies: Sequence[str], protocol: type[H11Protocol] = DeadlineProtocol) -> uvicorn.Config:
    """X-Forwarded-For and -Proto count only from `trusted_proxies`: from anyone else they would
    let a client choose its own address and escape the rate limit. No access log: it would
    write visitors' addresses and the addresses they asked for."""
    return uvicorn.Config(app, http=protocol, lifespan="off", log_level="warning", access_log=False,
                          server_header=False, proxy_headers=bool(trusted_proxies),
                          forwarded_allow_ips=list(trusted_proxies))
