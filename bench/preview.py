"""Preview speed: from saving one YAML file to the changed page being served by `portaal serve`."""

from __future__ import annotations

import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

POLL = 0.05  # seconds between requests while waiting for the edit to show
PATIENCE = 300  # seconds an edit may take before the measurement gives up (and says so)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return ""


def _wait(predicate, seconds: float) -> float | None:
    """Seconds until `predicate` holds; None when it did not within `seconds`."""
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        if predicate():
            return time.perf_counter() - start
        time.sleep(POLL)
    return None


def measure(portal: Path, python: list[str], env: dict, edits: int = 3) -> float | None:
    """The median seconds from saving a case file (a new title) to that title being served;
    None when the site or an edit did not show within PATIENCE seconds."""
    port = _free_port()
    server = subprocess.Popen([*python, "-m", "generator.cli", "serve", "--port", str(port)], cwd=portal, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    case = sorted((portal / "content/cases").glob("*.yml"))[0]
    url = f"http://127.0.0.1:{port}/praktijkvoorbeelden/{case.stem}/"
    original = case.read_text(encoding="utf-8")
    title = next(line for line in original.splitlines() if line.startswith("title:"))
    times = []
    try:
        if _wait(lambda: "<h1" in _page(url), 2 * PATIENCE) is None:
            return None
        for edit in range(edits):
            marker = f"Bewerkt {edit} {time.time_ns()}"
            case.write_text(original.replace(title, f"title: {marker}", 1), encoding="utf-8")
            seconds = _wait(lambda: marker in _page(url), PATIENCE)
            if seconds is None:
                return None
            times.append(seconds)
            time.sleep(0.5)  # let the server settle before the next save
    finally:
        case.write_text(original, encoding="utf-8")
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=30)
    return sorted(times)[len(times) // 2]
