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

        case.write_text(case.read_text(encoding="utf-8").replace("title: Een voorbeeld", "title: Live bijgewerkt"),
                        encoding="utf-8")
        wait_for(lambda: "Live bijgewerkt" in fetch(base + "praktijkvoorbeelden/voorbeeld/")[1])

        case.write_text("title: [kapot\n", encoding="utf-8")
        time.sleep(3)  # give the watcher time to try (and fail) a rebuild
        assert "Live bijgewerkt" in fetch(base + "praktijkvoorbeelden/voorbeeld/")[1]

        status, body = fetch(base + "bestaat/niet/")
        assert status == 404 and "Pagina niet gevonden" in body
    finally:
        server.send_signal(signal.SIGINT)
        _, stderr = server.communicate(timeout=30)
    assert "content/cases/voorbeeld.yml:2:1: E001 YAML-syntaxfout" in stderr
    assert "de vorige versie blijft zichtbaar" in stderr
    assert "Traceback" not in stderr
