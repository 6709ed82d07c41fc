"""`portaal serve` under hostile requests: odd paths, cut-off and oversized bodies, forged
forwarding headers, slow clients, no forms yet. Never a 500, never a traceback, never a
resident's answer in the terminal.

Every server is stopped in a finally (SIGINT, then kill), so a failing test leaves nothing behind.
"""

from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.feedback.storage import open_store
from generator.serve import REQUEST_READ, PreviewServer
from support import ROOT

FORM = "title: Idee\nsummary: Deel je idee.\nfields:\n  - id: idee\n    type: text\n    label: Je idee\n    required: true\nthanks: Dank je.\n"
SECRET = "GEHEIMANTWOORD"  # what a resident typed; it must never reach the terminal


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def preview(root: Path, database: Path, log: Path):
    """`portaal serve` in a subprocess; yields (port, process); always stopped."""
    port = free_port()
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "generator.cli", "serve", "--port", str(port),
                                    "--database", str(database)], cwd=root, stdout=out, stderr=subprocess.STDOUT,
                                   env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    try:
        yield port, process
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


def request(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode("utf-8", "replace")


def wait_for(predicate, seconds: float = 90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("condition not met in time")


def raw(port: int, data: bytes, half_close: bool = False) -> bytes:
    """Send bytes as they are; the whole answer until the server closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(data)
        if half_close:
            sock.shutdown(socket.SHUT_WR)  # the client stops sending: the body ends here
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def status_of(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1])


def with_feedback(portal, extra: str = "", **files: str) -> Path:
    config = portal().joinpath("site_config.yml").read_text(encoding="utf-8")
    return portal({"site_config.yml": config + "feedback:\n  endpoint: /feedback/\n" + extra,
                   "content/feedback/idee.yml": FORM, **files})


def test_odd_requests_get_404_or_400_never_500_and_nothing_is_logged(portal, tmp_path):
    root = with_feedback(portal)
    database = tmp_path / "fb.sqlite3"
    log = tmp_path / "serve.log"
    with preview(root, database, log) as (port, _):
        base = f"http://127.0.0.1:{port}"
        origin = {"Origin": base, "Content-Type": "application/x-www-form-urlencoded"}
        wait_for(lambda: request(base + "/feedback/gezondheid")[0] == 200)
        for path in ("/feedback/a%20b", "/feedback/%00", "/feedback/%C3%A9", "/%00", "/index.html%00.txt",
                     "/feedback/%FF", "/feedback/idee%0d%0aX-Kop:%20x"):
            for method in ("GET", "POST"):
                status, _, text = request(base + path, b"idee=x" if method == "POST" else None, origin, method)
                assert status in (400, 404), (method, path, status)
                assert "Traceback" not in text and 'lang="nl"' in text, (method, path)
        assert "Pagina niet gevonden" in request(base + "/%00")[2]  # the site's own 404 page

        # A body cut off before its Content-Length is refused, not stored in part.
        head = (f"POST /feedback/idee HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: {base}\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\n")
        answer = raw(port, (head + "Content-Length: 40\r\n\r\nidee=" + SECRET).encode(), half_close=True)
        assert status_of(answer) == 400 and "kwam niet goed aan" in answer.decode()

        # Not UTF-8: refused alike in both encodings.
        multipart = (b'--grens\r\nContent-Disposition: form-data; name="idee"\r\n\r\n\xff\xfe@\xc0\xae.nl\r\n'
                     b"--grens--\r\n")
        assert request(base + "/feedback/idee", multipart,
                       {**origin, "Content-Type": "multipart/form-data; boundary=grens"})[0] == 400
        assert request(base + "/feedback/idee", b"idee=%FF%FE", origin)[0] == 400

        # A resident's answers in a query string or a request line are never logged.
        assert request(f"{base}/?bericht={SECRET}")[0] == 200
        assert request(f"{base}/bestaat-niet?bericht={SECRET}")[0] == 404
        assert request(f"{base}/feedback/idee?bericht={SECRET}", b"idee=" + SECRET.encode(),
                       {**origin, "Accept": "application/json"})[0] == 201
        assert b"Error code: 400" in raw(port, f"GET /?{SECRET} HTTP/1.1 rommel\r\n\r\n".encode())
        assert b" 404 " in raw(port, f"FOUT /bestaat-niet?{SECRET} HTTP/1.1\r\n\r\n".encode())
    stored = [row.answers for row in open_store(database).all()]
    assert stored == [{"idee": SECRET}]  # only the one complete, valid post
    text = log.read_text()
    assert SECRET not in text and "Traceback" not in text
    assert "code 4" not in text  # MkDocs' request lines ("GET /… HTTP/1.1" code 404)


def test_a_large_post_gets_the_413_page_and_forged_addresses_do_not_escape_the_rate_limit(portal, tmp_path):
    root = with_feedback(portal, "  rate_limit: {requests: 3, per_seconds: 600}\n")
    database = tmp_path / "fb.sqlite3"
    with preview(root, database, tmp_path / "serve.log") as (port, _):
        base = f"http://127.0.0.1:{port}"
        origin = {"Origin": base, "Content-Type": "application/x-www-form-urlencoded"}
        wait_for(lambda: request(base + "/feedback/gezondheid")[0] == 200)
        # urllib sends the whole body before it reads: the preview must let it finish, then answer.
        status, headers, text = request(base + "/feedback/idee", b"idee=" + b"x" * 10_000_000, origin)
        assert status == 413 and "Je bericht is te lang" in text and '<html lang="nl">' in text
        assert headers["Cache-Control"] == "no-store"

        # The 413 counted as the first of three; every post pretends to come from somewhere else.
        answers = [request(base + "/feedback/idee", b"idee=x", {**origin, "X-Forwarded-For": f"10.0.0.{n}",
                                                                   "Accept": "application/json"})
                   for n in range(3)]
        assert [status for status, _, _ in answers] == [201, 201, 429]
        assert "te vaak" in json.loads(answers[2][2])["message"]
    assert len(open_store(database).all()) == 2


BROKEN_CASE = "title: [kapot\n"


def test_forms_answer_503_until_the_first_build_succeeds_and_the_address_has_the_sub_path(portal, tmp_path):
    root = with_feedback(portal)
    config = root / "site_config.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(re.sub(r"site_url: .*", "site_url: https://x.nl/inspraak/", text)
                      .replace("endpoint: /feedback/", "endpoint: /inspraak/feedback/"), encoding="utf-8")
    case = root / "content/cases/voorbeeld.yml"
    good = case.read_text(encoding="utf-8")
    case.write_text(BROKEN_CASE, encoding="utf-8")
    log = tmp_path / "serve.log"
    with preview(root, tmp_path / "fb.sqlite3", log) as (port, _):
        wait_for(lambda: "De site draait op" in log.read_text())
        addresses = re.findall(r"http://\S+", log.read_text())
        assert addresses[0] == f"http://127.0.0.1:{port}/inspraak/"

        base = f"http://127.0.0.1:{port}/inspraak/feedback/"
        origin = {"Origin": f"http://127.0.0.1:{port}", "Content-Type": "application/x-www-form-urlencoded"}
        status, headers, text = request(base + "idee", b"idee=x", origin)
        assert status == 503 and headers["Retry-After"] == "60"
        assert "De formulieren zijn nog niet beschikbaar" in text and '<html lang="nl">' in text
        status, _, text = request(base + "idee", b"idee=x", {**origin, "Accept": "application/json"})
        assert status == 503 and json.loads(text)["ok"] is False
        assert request(base + "gezondheid")[0] == 503

        case.write_text(good, encoding="utf-8")
        wait_for(lambda: request(base + "gezondheid")[0] == 200)
        assert request(addresses[0])[0] == 200
        assert request(base + "idee", b"idee=x", origin | {"Accept": "application/json"})[0] == 201
    text = log.read_text()
    assert "Traceback" not in text and "content/cases/voorbeeld.yml:" in text


@pytest.fixture
def slow_preview(tmp_path):
    """The preview's HTTP server in this process, with a short deadline; stopped in any case."""
    ports: list[int] = []
    seen: list[bytes] = []

    def app(environ, start_response):
        length = int(environ.get("CONTENT_LENGTH") or 0)
        seen.append(environ["wsgi.input"].read(length) if length else b"")
        environ[REQUEST_READ]()
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [b"ok"]

    server = PreviewServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path),
                           on_listen=ports.append)
    server.read_timeout = 0.5
    server.set_app(app)
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    try:
        wait_for(lambda: ports, 30)
        yield ports[0], seen
    finally:
        server.shutdown()
        thread.join(timeout=30)


def test_preview_does_not_wait_for_ever_on_a_slow_client(slow_preview):
    port, seen = slow_preview
    # Headers that never end, and a body that never comes: both connections are ended by the server.
    raw(port, b"GET / HTTP/1.1\r\nHost: x\r\nX-Langzaam: ")
    raw(port, b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nidee=half")
    assert seen[-1] == b"idee=half"  # the app got what had come, and no more waiting
    assert raw(port, b"GET / HTTP/1.0\r\n\r\n").endswith(b"ok")  # and the server still answers
