"""`portaal serve`: serves the built site, rebuilds on change, keeps the last good build on errors."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

from support import ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for(predicate, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("condition not met in time")


def stop(server: subprocess.Popen) -> str:
    """SIGINT (a clean stop), then kill if that did not work; returns what it wrote to stderr."""
    server.send_signal(signal.SIGINT)
    try:
        return server.communicate(timeout=30)[1]
    except subprocess.TimeoutExpired:
        server.kill()
        return server.communicate(timeout=30)[1]


def test_serve_rebuilds_on_change_and_survives_bad_content(portal):
    root = portal()
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "generator.cli", "serve", "--port", str(port)], cwd=root,
                              env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}/"
    case = root / "content/cases/voorbeeld.yml"
    try:
        wait_for(lambda: fetch(base + "praktijkvoorbeelden/voorbeeld/")[0] == 200)
        assert "Een voorbeeld" in fetch(base + "praktijkvoorbeelden/voorbeeld/")[1]

        good = case.read_text(encoding="utf-8")
        case.write_text(good.replace("title: Een voorbeeld", "title: Live bijgewerkt"), encoding="utf-8")
        wait_for(lambda: "Live bijgewerkt" in fetch(base + "praktijkvoorbeelden/voorbeeld/")[1])
        assert "Live bijgewerkt" in fetch(base + "praktijkvoorbeelden/")[1]  # the overview lists the new title

        case.write_text("title: [kapot\n", encoding="utf-8")
        time.sleep(3)  # give the watcher time to try (and fail) a rebuild
        assert "Live bijgewerkt" in fetch(base + "praktijkvoorbeelden/voorbeeld/")[1]

        status, body = fetch(base + "bestaat/niet/")
        assert status == 404 and "Pagina niet gevonden" in body

        case.write_text(good.replace("title: Een voorbeeld", "title: Weer hersteld"), encoding="utf-8")
        wait_for(lambda: "Weer hersteld" in fetch(base + "praktijkvoorbeelden/voorbeeld/")[1])
        assert "Weer hersteld" in fetch(base + "praktijkvoorbeelden/")[1]
    finally:
        stderr = stop(server)
    assert "content/cases/voorbeeld.yml:2:1: E001 YAML-syntaxfout" in stderr
    assert "de vorige versie blijft zichtbaar" in stderr
    assert "Traceback" not in stderr


FORM = "title: Idee\nsummary: Deel je idee.\nfields:\n  - id: idee\n    type: text\n    label: Je idee\n    required: true\nthanks: Dank je.\n"


def raw_request(port: int, head: str, body: bytes = b"") -> str:
    import socket

    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(head.replace("\n", "\r\n").encode() + b"\r\n" + body)
        return sock.recv(200).decode("latin-1").split("\r\n")[0]


def test_serve_passes_form_posts_to_the_receiver_and_refuses_odd_bodies(portal, tmp_path):
    config = (portal().joinpath("site_config.yml")).read_text(encoding="utf-8") + "feedback:\n  endpoint: /feedback/\n"
    root = portal({"site_config.yml": config, "content/feedback/idee.yml": FORM})
    port = free_port()
    database = tmp_path / "fb.sqlite3"
    server = subprocess.Popen([sys.executable, "-m", "generator.cli", "serve", "--port", str(port), "--database", str(database)],
                              cwd=root, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(lambda: fetch(base + "feedback/gezondheid")[0] == 200)
        origin = f"Origin: http://127.0.0.1:{port}\n"
        head = f"POST /feedback/idee HTTP/1.1\nHost: 127.0.0.1:{port}\n{origin}Content-Type: application/x-www-form-urlencoded\n"
        assert raw_request(port, head + "Content-Length: 12\nConnection: close\n", b"idee=Bankjes") == "HTTP/1.0 303 See Other"
        smuggle = b"0\r\n\r\nPOST /feedback/idee HTTP/1.1\r\nHost: x\r\nContent-Length: 8\r\n\r\nidee=Nep"
        assert raw_request(port, head + f"Transfer-Encoding: chunked\nContent-Length: {len(smuggle)}\nConnection: close\n",
                           smuggle).split(" ")[1] == "400"
        assert raw_request(port, head + "Content-Length: abc\nConnection: close\n").split(" ")[1] == "400"
    finally:
        stop(server)
    exported = subprocess.run([sys.executable, "-m", "generator.cli", "feedback", "export", "--format", "json",
                               "--database", str(database)], cwd=root, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
                              capture_output=True, text=True)
    import json

    assert [row["antwoorden"] for row in json.loads(exported.stdout)] == [{"idee": "Bankjes"}]
