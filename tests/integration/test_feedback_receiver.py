"""`portaal feedback serve`: the real receiver on loopback, as a subprocess, with a real database.

Every request has a timeout, every loop a bound, and every server is killed in a finally.
"""

from __future__ import annotations

import csv
import http.client
import io
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.feedback.forms import HONEYPOT, PAGE_FIELD, render_form
from generator.feedback.receiver import RateLimiter
from generator.feedback.storage import open_store
from generator.models import FeedbackForm
from support import MINIMAL, ROOT, run_portaal

SITE = "http://127.0.0.1:8000"  # origin of site_url in the minimal fixture
FORM = """\
title: Proefformulier
summary: Een formulier voor de tests.
fields:
  - id: oordeel
    type: choice
    label: Oordeel
    options: [Goed, Slecht]
    required: true
  - id: opmerking
    type: long_text
    label: Opmerking
    max_length: 500
  - id: email
    type: email
    label: E-mailadres
thanks: Dank je wel voor je antwoord.
"""
SHORT_FORM = """\
title: Kort formulier
summary: Nog een formulier, zonder pagina in de gebouwde site.
fields:
  - id: antwoord
    type: text
    label: Antwoord
    required: true
thanks: Bedankt.
"""
TIMEOUT = 10


def make_portal(root: Path, requests: int = 100_000, per_seconds: int = 60, endpoint: str = "/feedback/",
                site_url: str = SITE + "/", extra: str = "") -> Path:
    shutil.copytree(MINIMAL, root)
    (root / "content/feedback").mkdir()
    (root / "content/feedback/proef.yml").write_text(FORM, encoding="utf-8")
    (root / "content/feedback/kort.yml").write_text(SHORT_FORM, encoding="utf-8")
    text = (root / "site_config.yml").read_text(encoding="utf-8")
    (root / "site_config.yml").write_text(text.replace(f"site_url: {SITE}/\n", f"site_url: {site_url}\n"),
                                          encoding="utf-8")
    with (root / "site_config.yml").open("a", encoding="utf-8") as config:
        config.write(f"feedback:\n  endpoint: {endpoint}\n"
                     f"  rate_limit: {{requests: {requests}, per_seconds: {per_seconds}}}\n{extra}")
    return root


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, root: Path, database: Path, log: Path):
        self.root, self.database, self.log = root, database, log
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/feedback/"
        self.process: subprocess.Popen | None = None

    def start(self, expect: int = 200) -> Server:
        """Wait until the health address answers `expect` (200 'ok'; 503 while there are no forms)."""
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "generator.cli", "feedback", "serve", "--port", str(self.port),
                 "--database", str(self.database)],
                cwd=self.root, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
                stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()
            try:
                with urllib.request.urlopen(self.base + "gezondheid", timeout=2) as response:
                    if response.status == expect == 200 and response.read() == b"ok":
                        return self
            except urllib.error.HTTPError as error:
                if error.code == expect:
                    return self
                time.sleep(0.1)
            except OSError:
                time.sleep(0.1)
        raise AssertionError("receiver did not start: " + self.log.read_text())

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)


@contextmanager
def running(root: Path, database: Path, log: Path):
    server = Server(root, database, log)
    try:
        yield server.start()
    finally:
        server.kill()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the 303 itself is what the tests look at


OPENER = urllib.request.build_opener(NoRedirect)


def post(url: str, body: bytes | dict, content_type: str = "application/x-www-form-urlencoded",
         headers: dict | None = None) -> tuple[int, dict, str]:
    data = urllib.parse.urlencode(body).encode() if isinstance(body, dict) else body
    headers = {"Content-Type": content_type, "Origin": SITE, **(headers or {})}
    request = urllib.request.Request(url, data=data, method="POST",
                                     headers={name: value for name, value in headers.items() if value is not None})
    try:
        with OPENER.open(request, timeout=TIMEOUT) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8")


def multipart(fields: dict[str, str], boundary: str = "portaalgrens") -> tuple[bytes, str]:
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
             for name, value in fields.items()]
    return ("".join(parts) + f"--{boundary}--\r\n").encode("utf-8"), f"multipart/form-data; boundary={boundary}"


def stored(database: Path) -> list:
    return open_store(database).all()


@pytest.fixture(scope="module")
def receiver(tmp_path_factory):
    """One receiver for the request tests, with a built form page to show errors on."""
    base = tmp_path_factory.mktemp("receiver")
    root = make_portal(base / "portal")
    form = _form_model(FORM)
    page = root / "site/feedback/proef/index.html"
    page.parent.mkdir(parents=True)
    page.write_text('<!doctype html><html lang="nl"><head><title>Proefformulier - Testportal</title>'
                    '<link rel="stylesheet" href="../../assets/portaal.css"></head><body><h1>Proefformulier</h1>'
                    f'<a href="../../over/">Over</a>{render_form(form, "proef", "/feedback/proef", page="feedback/proef/")}'
                    "<footer>Voet</footer></body></html>", encoding="utf-8")
    with running(root, base / "data/feedback.sqlite3", base / "server.log") as server:
        yield server
    assert "Traceback" not in (base / "server.log").read_text()


def _form_model(text: str) -> FeedbackForm:
    from ruamel.yaml import YAML

    return FeedbackForm.model_validate(YAML(typ="safe").load(text))


def test_valid_form_post_redirects_to_thanks_and_is_stored_exactly(receiver):
    before = len(stored(receiver.database))
    status, headers, _ = post(receiver.base + "proef", {"oordeel": "Goed", "opmerking": "  Fijne site, ‘echt’ waar.  ",
                                                         PAGE_FIELD: "over/", "onbekend": "wordt genegeerd"})
    assert status == 303
    assert headers["location"] == "/feedback/proef/bedankt/"
    assert headers["cache-control"] == "no-store"
    rows = stored(receiver.database)
    assert len(rows) == before + 1
    assert rows[-1].form == "proef"
    assert rows[-1].answers == {"oordeel": "Goed", "opmerking": "Fijne site, ‘echt’ waar.", PAGE_FIELD: "over/"}
    assert len(rows[-1].received) == 20 and rows[-1].received.endswith("Z")

    # Without Origin (a local tool such as curl, or an older browser): only with no or the site's Referer.
    assert post(receiver.base + "proef", {"oordeel": "Goed"}, headers={"Origin": None})[0] == 303
    assert post(receiver.base + "proef", {"oordeel": "Goed"},
                headers={"Origin": None, "Referer": SITE + "/feedback/proef/"})[0] == 303
    assert len(stored(receiver.database)) == before + 3


def test_rate_limiter_window_slides():
    limiter = RateLimiter(requests=2, per_seconds=10)
    assert limiter.check("a", at=0) == 0 and limiter.check("a", at=1) == 0
    assert limiter.check("a", at=2) == pytest.approx(8)  # refused: the first one expires at 10
    assert limiter.check("b", at=2) == 0  # per client
    assert limiter.check("a", at=10.5) == 0  # the first slid out of the window
    assert limiter.check("a", at=10.6) == pytest.approx(0.4)


def test_script_post_gets_json_and_is_stored(receiver):
    before = len(stored(receiver.database))
    body, kind = multipart({"oordeel": "Slecht", "email": "iemand@voorbeeld.nl"})
    status, headers, text = post(receiver.base + "proef", body, kind, {"Accept": "application/json"})
    assert status == 201
    assert headers["content-type"] == "application/json"
    assert headers["access-control-allow-origin"] == SITE
    assert json.loads(text) == {"ok": True, "message": "Dank je wel voor je antwoord."}
    rows = stored(receiver.database)
    assert len(rows) == before + 1
    assert rows[-1].answers == {"oordeel": "Slecht", "email": "iemand@voorbeeld.nl"}


def test_500_submissions_from_20_concurrent_clients_are_all_stored(receiver):
    before = {row.id for row in stored(receiver.database)}
    statuses: list[int] = []
    lock = threading.Lock()

    def client(number: int) -> None:
        for index in range(25):
            fields = {"oordeel": "Goed", "opmerking": f"client {number} bericht {index}"}
            if index % 2:
                status, _, _ = post(receiver.base + "proef", fields)
            else:
                body, kind = multipart(fields)
                status, _, _ = post(receiver.base + "proef", body, kind, {"Accept": "application/json"})
            with lock:
                statuses.append(status)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(statuses) == 500
    assert set(statuses) <= {201, 303}, sorted(set(statuses))
    new = [row for row in stored(receiver.database) if row.id not in before]
    assert sorted(row.answers["opmerking"] for row in new) == sorted(
        f"client {n} bericht {i}" for n in range(20) for i in range(25))


def test_bad_requests_are_refused_and_store_nothing(receiver):
    url = receiver.base + "proef"
    before = stored(receiver.database)
    json_accept = {"Accept": "application/json"}

    status, _, text = post(url, b"oordeel=Goed&opmerking=" + b"x" * 20_000)
    assert status == 413 and 'lang="nl"' in text and "te lang" in text
    status, _, text = post(url, b"oordeel=Goed&opmerking=" + b"x" * 20_000, headers=json_accept)
    assert status == 413 and json.loads(text)["ok"] is False

    # Without Content-Length (chunked), the size is counted while reading.
    connection = http.client.HTTPConnection("127.0.0.1", receiver.port, timeout=TIMEOUT)
    try:
        connection.request("POST", "/feedback/proef", body=iter([b"oordeel=Goed&opmerking="] + [b"y" * 1000] * 30),
                           headers={"Content-Type": "application/x-www-form-urlencoded", "Origin": SITE},
                           encode_chunked=True)
        assert connection.getresponse().status == 413
    finally:
        connection.close()

    assert post(url, b"--kapot\r\nrommel zonder einde", "multipart/form-data; boundary=anders")[0] == 400
    assert post(url, b"oordeel=Goed", "multipart/form-data")[0] == 400  # no boundary
    assert post(url, b"oordeel=%FF%FE", headers=json_accept)[0] == 400  # not UTF-8
    latin = b'--g\r\nContent-Disposition: form-data; name="email"\r\n\r\n\xff\xfe@\xc0\xae.nl\r\n--g--\r\n'
    assert post(url, latin, "multipart/form-data; boundary=g", json_accept)[0] == 400  # refused alike, not Latin-1
    assert post(url, b"oordeel=Goed\r\n", "text/plain")[0] == 415  # what a mailto form sends
    assert post(url, b'{"oordeel": "Goed"}', "application/json")[0] == 415

    status, _, text = post(url, {"opmerking": "Geen oordeel"})
    assert status == 422
    assert 'class="portaal-error-summary"' in text and "Er ging iets mis" in text
    assert '<a href="#veld-proef-oordeel">Kies een antwoord bij ‘Oordeel’</a>' in text
    assert ">Geen oordeel</textarea>" in text  # what was typed is kept

    status, _, text = post(url, {"oordeel": "Misschien", "email": "geen-adres"}, headers=json_accept)
    assert status == 422
    assert json.loads(text)["errors"] == [
        {"field": "oordeel", "message": "Kies een van de antwoorden bij ‘Oordeel’"},
        {"field": "email", "message": "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl"}]
    status, _, text = post(url, {"oordeel": "Goed", "opmerking": "z" * 501}, headers=json_accept)
    assert status == 422 and "hoogstens 500 tekens" in text

    assert post(url, {"oordeel": "Goed"}, headers={"Origin": "https://andere-site.example"})[0] == 403
    assert post(url, {"oordeel": "Goed"}, headers={"Origin": "null"})[0] == 403
    status, headers, text = post(url, {"oordeel": "Goed"}, headers={"Origin": "https://andere-site.example",
                                                                   **json_accept})
    assert status == 403 and json.loads(text)["message"].startswith("Dit formulier kan alleen")
    assert "access-control-allow-origin" not in headers
    # No Origin: accepted only without a Referer, or with one from the site itself.
    assert post(url, {"oordeel": "Goed"}, headers={"Origin": None, "Referer": "https://andere-site.example/"})[0] == 403

    assert post(receiver.base + "bestaat-niet", {"oordeel": "Goed"})[0] == 404

    # The honeypot: a bot gets the answer a person gets, and nothing is kept.
    status, headers, _ = post(url, {"oordeel": "Goed", HONEYPOT: "https://spam.example"})
    assert status == 303 and headers["location"] == "/feedback/proef/bedankt/"
    status, _, text = post(url, {"oordeel": "Goed", HONEYPOT: "spam"}, headers=json_accept)
    assert status == 201 and json.loads(text)["ok"] is True

    assert stored(receiver.database) == before


def test_errors_are_shown_on_the_built_form_page(receiver):
    status, _, text = post(receiver.base + "proef", {"opmerking": "Hallo", PAGE_FIELD: "feedback/proef/"})
    assert status == 422
    assert "<title>Fout: Proefformulier - Testportal</title>" in text
    assert "<h1>Proefformulier</h1>" in text and "<footer>Voet</footer>" in text
    # Answered at the form's address, so the page's relative links are made absolute.
    assert 'href="/assets/portaal.css"' in text and 'href="/over/"' in text
    assert text.count('class="portaal-error-summary"') == 1 and text.count("<form") == 1
    assert 'action="/feedback/proef"' in text and f'name="{PAGE_FIELD}" value="feedback/proef/"' in text

    # A form without a page in the site: a small page of its own, in Dutch.
    status, _, text = post(receiver.base + "kort", {"antwoord": ""})
    assert status == 422
    assert '<html lang="nl">' in text and "<title>Er ging iets mis</title>" in text
    assert '<a href="#veld-kort-antwoord">Vul ‘Antwoord’ in</a>' in text


def test_rate_limit_answers_429_and_stores_nothing_more(tmp_path):
    root = make_portal(tmp_path / "portal", requests=3, per_seconds=60)
    database = tmp_path / "feedback.sqlite3"
    with running(root, database, tmp_path / "server.log") as server:
        for _ in range(3):
            assert post(server.base + "proef", {"oordeel": "Goed"})[0] == 303
        status, headers, text = post(server.base + "proef", {"oordeel": "Goed"}, headers={"Accept": "application/json"})
        assert status == 429
        assert 1 <= int(headers["retry-after"]) <= 60
        assert "te vaak" in json.loads(text)["message"]
        status, _, text = post(server.base + "proef", {"oordeel": "Goed"})
        assert status == 429 and "Even wachten" in text
    assert len(stored(database)) == 3


def test_forwarding_headers_count_only_from_trusted_proxies(tmp_path):
    def four_posts(server: Server) -> list[int]:
        return [post(server.base + "proef", {"oordeel": "Goed"}, headers={"X-Forwarded-For": f"203.0.113.{n}"})[0]
                for n in range(4)]

    # Default: no proxy trusted, so a client cannot choose its own address and escape the limit.
    root = make_portal(tmp_path / "gewoon", requests=3)
    with running(root, tmp_path / "gewoon.sqlite3", tmp_path / "gewoon.log") as server:
        assert four_posts(server) == [303, 303, 303, 429]
    # Behind the municipality's web server on 127.0.0.1: each forwarded visitor has a limit of their own.
    root = make_portal(tmp_path / "proxy", requests=3, extra="  trusted_proxies: [127.0.0.1, '10.0.0.0/8']\n")
    with running(root, tmp_path / "proxy.sqlite3", tmp_path / "proxy.log") as server:
        assert four_posts(server) == [303, 303, 303, 303]


def test_a_slow_client_is_cut_off_and_nothing_is_stored(tmp_path):
    """The receiver's HTTP protocol in this process, with a short deadline (the real one is 15 s)."""
    import uvicorn

    from generator.feedback.receiver import create_app
    from generator.feedback.server import DeadlineProtocol, server_config
    from generator.models import FeedbackSettings

    class Quick(DeadlineProtocol):
        read_timeout = 0.5

    database = tmp_path / "feedback.sqlite3"
    app = create_app({"proef": _form_model(FORM)}, database, FeedbackSettings(endpoint="/feedback/"), SITE)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(server_config(app, [], protocol=Quick))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()

    def send(data: bytes) -> bytes:
        with socket.create_connection(sock.getsockname(), timeout=30) as client:
            client.sendall(data)
            chunks = []
            while chunk := client.recv(65536):  # returns b"" once the server closes: no hanging for ever
                chunks.append(chunk)
        return b"".join(chunks)

    head = (b"POST /feedback/proef HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            b"Accept: application/json\r\n")
    try:
        deadline = time.monotonic() + 30
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert send(head + b"X-Langzaam: ") == b""  # headers that never end
        assert send(head + b"Content-Length: 40\r\n\r\noordeel=Goed&opmerking=half") == b""  # a body that stops
        assert send(head + b"Content-Length: 12\r\nConnection: close\r\n\r\noordeel=Goed").startswith(b"HTTP/1.1 201")
    finally:
        server.should_exit = True
        thread.join(timeout=30)
    assert [row.answers for row in stored(database)] == [{"oordeel": "Goed"}]


def test_receiver_on_another_host_for_a_site_under_a_sub_path(tmp_path):
    root = make_portal(tmp_path / "portal", endpoint="https://ontvanger.example/feedback/",
                       site_url=SITE + "/inspraak/")
    with running(root, tmp_path / "feedback.sqlite3", tmp_path / "server.log") as server:
        status, headers, _ = post(server.base + "proef", {"oordeel": "Goed"})
        assert status == 303
        assert headers["location"] == SITE + "/inspraak/feedback/proef/bedankt/"
        status, _, text = post(server.base + "proef", {"oordeel": ""})
        assert status == 422 and 'action="https://ontvanger.example/feedback/proef"' in text


def test_every_acknowledged_submission_survives_sigkill(tmp_path):
    root = make_portal(tmp_path / "portal")
    database = tmp_path / "feedback.sqlite3"
    acknowledged: list[str] = []
    lock = threading.Lock()
    stop = threading.Event()

    def client(server: Server) -> None:
        for _ in range(500):
            if stop.is_set():
                return
            marker = uuid.uuid4().hex
            try:
                status, _, _ = post(server.base + "proef", {"oordeel": "Goed", "opmerking": marker},
                                    headers={"Accept": "application/json"})
            except (OSError, http.client.HTTPException):
                # The server is gone, possibly mid-answer: what was not fully answered may or may not be kept.
                return
            assert status == 201
            with lock:
                acknowledged.append(marker)

    server = Server(root, database, tmp_path / "server.log").start()
    threads = [threading.Thread(target=client, args=(server,)) for _ in range(20)]
    try:
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 60
        while len(acknowledged) < 150 and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(server.process.pid, signal.SIGKILL)  # mid-load: clients are still posting
        server.process.wait(timeout=30)
    finally:
        stop.set()
        server.kill()
        for thread in threads:
            thread.join(timeout=60)
    assert len(acknowledged) >= 150

    with running(root, database, tmp_path / "restart.log") as restarted:
        assert post(restarted.base + "proef", {"oordeel": "Slecht"})[0] == 303
        markers = {row.answers.get("opmerking") for row in stored(database)}
    assert set(acknowledged) <= markers
    with sqlite3.connect(database) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_export_and_purge_commands(tmp_path):
    root = make_portal(tmp_path / "portal")
    database = tmp_path / "data" / "feedback.sqlite3"
    with running(root, database, tmp_path / "server.log") as server:
        assert post(server.base + "proef", {"oordeel": "Goed", "opmerking": "Eerste, met \"komma\"\nen regel"})[0] == 303
        body, kind = multipart({"antwoord": "=SOM(A1)", PAGE_FIELD: "over/"})
        assert post(server.base + "kort", body, kind, {"Accept": "application/json"})[0] == 201
    rows = stored(database)
    assert len(rows) == 2

    result = run_portaal("feedback", "export", "--format", "json", "--database", str(database), cwd=root)
    assert result.code == 0, result.stderr
    assert json.loads(result.stdout) == [{"id": row.id, "formulier": row.form, "ontvangen": row.received,
                                          "antwoorden": row.answers} for row in rows]

    result = run_portaal("feedback", "export", "--database", str(database), cwd=root)
    assert result.code == 0, result.stderr
    table = list(csv.reader(io.StringIO(result.stdout)))
    assert table[0] == ["id", "formulier", "ontvangen", PAGE_FIELD, "antwoord", "oordeel", "opmerking"]
    assert table[1] == [str(rows[0].id), "proef", rows[0].received, "", "", "Goed", "Eerste, met \"komma\"\nen regel"]
    # A spreadsheet must not run a resident's text as a formula.
    assert table[2] == [str(rows[1].id), "kort", rows[1].received, "over/", "'=SOM(A1)", "", ""]

    # The default database is feedback.database next to site_config.yml.
    open_store(root / "feedback.sqlite3").add("proef", {"oordeel": "Goed"})
    result = run_portaal("feedback", "export", "--format", "json", cwd=root)
    assert [row["antwoorden"] for row in json.loads(result.stdout)] == [{"oordeel": "Goed"}]

    store = open_store(database)
    store.add("proef", {"oordeel": "Slecht", "opmerking": "oud"}, received="2020-01-01T00:00:00Z")
    result = run_portaal("feedback", "purge", "--older-than", "30", "--database", str(database), cwd=root)
    assert result.code == 0, result.stderr
    assert "1 inzending(en) verwijderd" in result.stdout
    assert stored(database) == rows
    result = run_portaal("feedback", "purge", "--database", str(database), cwd=root)  # retention_days: 365
    assert "0 inzending(en) verwijderd" in result.stdout and stored(database) == rows

    # A resident asks for their submission to be removed: only that one goes, at once.
    result = run_portaal("feedback", "purge", "--id", str(rows[0].id), "--id", "999", "--database", str(database),
                         cwd=root)
    assert result.code == 1
    assert result.stdout == f"1 inzending(en) verwijderd: {rows[0].id}.\n"
    assert "Niet gevonden (al gewist?): 999." in result.stderr
    assert stored(database) == rows[1:]
    result = run_portaal("feedback", "purge", "--id", str(rows[1].id), "--older-than", "3", "--database",
                         str(database), cwd=root)
    assert result.code == 2 and stored(database) == rows[1:]


def test_serve_on_broken_content_answers_503_with_a_dutch_page_and_reports_the_error(tmp_path):
    root = make_portal(tmp_path / "portal")
    (root / "content/feedback/kapot.yml").write_text("title: Kapot\nsummary: x\nfields: []\nthanks: x\n"
                                                     "velden: 1\n", encoding="utf-8")
    server = Server(root, tmp_path / "feedback.sqlite3", tmp_path / "server.log")
    try:
        server.start(expect=503)
        status, headers, page = post(server.base + "proef", {"antwoord": "Hallo"}, headers={"Accept": "text/html"})
        assert status == 503 and {k.lower(): v for k, v in headers.items()}["retry-after"] == "60"
        assert '<html lang="nl">' in page and "De formulieren zijn nog niet beschikbaar" in page
        status, _, answer = post(server.base + "proef", {"antwoord": "Hallo"}, headers={"Accept": "application/json"})
        assert status == 503 and json.loads(answer)["ok"] is False
    finally:
        server.kill()
    log = (tmp_path / "server.log").read_text()
    assert "content/feedback/kapot.yml:5:1: E003" in log and "antwoordt met 503" in log
    assert "Traceback" not in log
    assert not (tmp_path / "feedback.sqlite3").exists()  # nothing stored, not even an empty database


def test_a_failing_database_gives_500_without_traceback(tmp_path):
    root = make_portal(tmp_path / "portal")
    database = tmp_path / "feedback.sqlite3"
    log = tmp_path / "server.log"
    with running(root, database, log) as server:
        database.unlink()  # a genuine failure: the receiver cannot store, so it must not say "bedankt"
        status, _, text = post(server.base + "proef", {"oordeel": "Goed"})
        assert status == 500
        assert "Je bericht is niet bewaard" in text and "Traceback" not in text and "sqlite" not in text.lower()
        status, _, text = post(server.base + "proef", {"oordeel": "Goed"}, headers={"Accept": "application/json"})
        assert status == 500 and json.loads(text)["ok"] is False
        assert post(server.base + "proef", {"oordeel": "Goed"}, headers={"Origin": "https://x.example"})[0] == 403
    assert not database.exists()
    assert "interne fout bij POST /feedback/proef" in log.read_text()  # the operator sees it, on stderr
