"""Browser harness: the built demo site served on loopback, Debian's Chromium driven by Playwright."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from support import ROOT, run_portaal

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-quic", "--no-first-run", "--disable-sync"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # keep test output clean
        pass

    def send_error(self, code, message=None, explain=None):
        # Serve the site's own 404 page, as a static host would.
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            super().send_error(code, message, explain)


def _serve(site: Path):
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    """The demo portal built with `engine: zensical` (the same content and theme)."""
    root = tmp_path_factory.mktemp("zensical")
    config = root / "site_config.yml"
    text = (ROOT / "site_config.yml").read_text(encoding="utf-8")
    config.write_text(f"{text}\ncontent_dir: {ROOT / 'content'}\nengine: zensical\n", encoding="utf-8")
    result = run_portaal("build", "--strict", "--config", str(config), "--out", str(root / "site"), cwd=ROOT)
    assert result.code == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="session", params=["material", "zensical"])
def engine(request) -> str:
    """Each engine in turn (`engine:` in site_config.yml)."""
    return request.param


@pytest.fixture(scope="session")
def engine_site(engine, request) -> tuple[Path, str]:
    """(built site, its address) for each engine in turn."""
    site = request.getfixturevalue("demo_site" if engine == "material" else "zensical_site")
    server = _serve(site)
    yield site, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def site_url(engine_site) -> str:
    """The address of the built demo, once per engine: a test about the rendered site runs on both builds."""
    return engine_site[1]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), "Debian's chromium is missing: run `make browser-deps`"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def context_factory(browser, request):
    """New browser contexts that refuse (and record) every request to another origin."""
    contexts = []

    def make(origin: str | None = None, **options):
        """origin: the site under test (default: the built demo served statically, see site_url;
        asked for only then, so a test with its own origin does not run once per engine)."""
        allowed = origin or request.getfixturevalue("site_url")
        context = browser.new_context(**options)
        context.foreign_requests = []

        def route(r):
            if r.request.url.startswith(allowed) or r.request.url.startswith(("data:", "blob:")):
                r.continue_()
            else:
                context.foreign_requests.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
