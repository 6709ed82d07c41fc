"""Lighthouse accessibility score for each page type of the demo portal (recorded, not asserted).

Lighthouse comes from npm (bench/lighthouse/package.json) and runs Debian's Chromium
(CHROME_PATH=/usr/bin/chromium). Results go to bench/results/lighthouse.json.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "bench" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
PAGE_TYPES = {
    "home": "", "case overview": "praktijkvoorbeelden/", "browse page": "praktijkvoorbeelden/vorm/peilend/",
    "case": "praktijkvoorbeelden/almere/", "methods": "methoden/", "route method": "methoden/trap-van-eigenaarschap/",
    "session method": "methoden/methode-jet/", "session plan": "methoden/methode-jet/sessieplan/",
    "cycle method": "methoden/lemniscaat/", "phase": "methoden/lemniscaat/ervaringen-verzamelen/",
    "glossary": "begrippen/", "about": "over/", "accessibility statement": "toegankelijkheid/",
    "checklists": "checklists/", "checklist": "checklists/clientondersteuning-in-mijn-gemeente/",
    "feedback overview": "feedback/", "feedback form": "feedback/ervaringenkaart/",
    "thank-you page": "feedback/ervaringenkaart/bedankt/", "accountability": "feedback/wat-deden-we/",
    "accountability by status": "feedback/wat-deden-we/aangepast/",
}
FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def main() -> None:
    if not LIGHTHOUSE.exists():
        subprocess.run(["npm", "ci", "--prefix", str(LIGHTHOUSE.parents[2]), "--silent", "--no-audit", "--no-fund"], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        subprocess.run([sys.executable, "-m", "generator.cli", "build", "--out", str(site)], cwd=ROOT, check=True,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
        handler = functools.partial(_Quiet, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        scores = {}
        for name, path in PAGE_TYPES.items():
            done = subprocess.run([str(LIGHTHOUSE), base + path, "--only-categories=accessibility", "--output=json",
                                   "--quiet", f"--chrome-flags={FLAGS}"],
                                  capture_output=True, text=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"})
            report = json.loads(done.stdout) if done.returncode == 0 else None
            scores[name] = round(report["categories"]["accessibility"]["score"] * 100) if report else None
            failed = [a for a, r in (report or {}).get("audits", {}).items() if r.get("score") == 0]
            print(f"{name:>24}: {scores[name]}" + (f"  failing: {', '.join(failed)}" if failed else ""))
        server.shutdown()
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "lighthouse.json").write_text(json.dumps(scores, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
