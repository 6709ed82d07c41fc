"""`portaal audit [SITE]`: every built page through axe-core at desktop and mobile width, light
and dark, in Debian's Chromium (Playwright), and through the Nu Html Checker when Java is there.

Optional (`pip install 'portaal[audit]'`): Playwright is imported only here. axe-core and vnu
come from npm (`npm install axe-core vnu-jar`), as in portaal's own browser tests. Every problem
is a located diagnostic; a JSON report records what was run, when, and the result.
"""

from __future__ import annotations

import datetime
import functools
import http.server
import json
import shutil
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, Location

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "mobiel": {"width": 375, "height": 812}}
SCHEMES = {"licht": "light", "donker": "dark"}
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-quic", "--no-first-run", "--disable-sync"]
AXE_IN_NODE_MODULES = Path("node_modules/axe-core/axe.min.js")
VNU_IN_NODE_MODULES = Path("node_modules/vnu-jar/build/dist/vnu.jar")


@dataclass
class Audit:
    pages: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    vnu: str = "niet uitgevoerd"

    def report(self, site: Path) -> dict:
        return {"date": datetime.date.today().isoformat(), "site": str(site), "pages": self.pages,
                "axe": {"tags": TAGS, "viewports": list(VIEWPORTS), "schemes": list(SCHEMES)},
                "vnu": self.vnu, "violations": len(self.diagnostics),
                "problems": [str(d) for d in self.diagnostics]}


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # the summary is the output
        pass


def _serve(site: Path) -> http.server.ThreadingHTTPServer:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def site_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _axe(site: Path, shown: str, axe: Path, chromium: Path, audit: Audit) -> None:
    from playwright.sync_api import sync_playwright

    script = axe.read_text(encoding="utf-8")
    pages = site_pages(site)
    audit.pages = len(pages)
    server = _serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS, headless=True)
            try:
                for width, viewport in VIEWPORTS.items():
                    for scheme_name, scheme in SCHEMES.items():
                        context = browser.new_context(viewport=viewport, color_scheme=scheme)
                        # Nothing is loaded from another site, as on the real site.
                        context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
                        page = context.new_page()
                        for file in pages:
                            address = file.relative_to(site).as_posix()
                            page.goto(base + address)
                            page.evaluate(script)
                            result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
                                                   " resultTypes: ['violations']})", TAGS)
                            for violation in result["violations"]:
                                targets = ", ".join(" ".join(map(str, n["target"])) for n in violation["nodes"][:3])
                                audit.diagnostics.append(Diagnostic(
                                    "E050", f"axe {violation['id']} ({violation['impact']}, {width}, {scheme_name}): "
                                            f"{violation['help']} bij {targets}", Location(f"{shown}/{address}")))
                        context.close()
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()


def _vnu(site: Path, shown: str, vnu: Path | None, audit: Audit) -> None:
    java = shutil.which("java")
    if not java or vnu is None or not vnu.is_file():
        audit.vnu = "overgeslagen: " + ("Java ontbreekt" if not java else "vnu.jar niet gevonden (npm install vnu-jar)")
        return
    done = subprocess.run([java, "-jar", str(vnu), "--errors-only", "--skip-non-html", "--format", "json", str(site)],
                          capture_output=True, text=True, timeout=900)
    messages = json.loads(done.stderr or "{}").get("messages", []) if done.stderr.strip().startswith("{") else []
    for message in messages:
        file = message.get("url", "").removeprefix("file:")
        try:
            name = Path(file).resolve().relative_to(site.resolve()).as_posix()
        except ValueError:
            name = file
        audit.diagnostics.append(Diagnostic("E051", f"HTML: {message.get('message', '')}",
                                            Location(f"{shown}/{name}", message.get("lastLine", 1),
                                                     message.get("firstColumn", 1))))
    audit.vnu = "uitgevoerd"


def run_audit(site: Path, axe: Path | None, vnu: Path | None, chromium: Path = CHROMIUM) -> Audit:
    """Runs every check that can run; tools that are missing are located E052 errors (axe,
    Chromium, Playwright) or a note (vnu, which needs Java)."""
    audit = Audit()
    shown = str(site)
    missing = []
    if not (site / "index.html").is_file():
        missing.append(Diagnostic("E011", "geen gebouwde site gevonden; draai eerst 'portaal build'", Location(shown)))
    axe = axe or AXE_IN_NODE_MODULES
    if not axe.is_file():
        missing.append(Diagnostic("E052", f"axe-core niet gevonden in {axe}; installeer het met 'npm install "
                                          "axe-core' of geef --axe", Location(shown)))
    if not chromium.is_file():
        missing.append(Diagnostic("E052", f"Chromium niet gevonden in {chromium}; installeer het met "
                                          "'apt-get install chromium' of geef --chromium", Location(shown)))
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing.append(Diagnostic("E052", "Playwright ontbreekt; installeer portaal met "
                                          "'pip install \"portaal[audit]\"'", Location(shown)))
    if missing:
        audit.diagnostics = missing
        return audit
    _axe(site, shown, axe, chromium, audit)
    _vnu(site, shown, vnu or VNU_IN_NODE_MODULES, audit)
    return audit


def summary(audit: Audit) -> str:
    """Dutch summary for the person who ran the audit."""
    checked = (f"axe-core ({', '.join(TAGS)}): {audit.pages} pagina's, elk op desktop en mobiel, "
               f"licht en donker. Nu Html Checker: {audit.vnu}.")
    found = len(audit.diagnostics)
    if not found:
        return f"{checked}\nGeen problemen gevonden."
    return f"{checked}\n{found} probleem/problemen gevonden; zie hierboven."


def audit_command(site: Path, axe: Path | None, vnu: Path | None, chromium: Path, report: Path | None) -> int:
    import sys

    audit = run_audit(site, axe, vnu, chromium)
    for diagnostic in audit.diagnostics:
        print(diagnostic, file=sys.stderr)
    if audit.pages:
        target = report or site.parent / "audit.json"
        target.write_text(json.dumps(audit.report(site), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(summary(audit), file=sys.stderr)
    return 1 if audit.diagnostics else 0
