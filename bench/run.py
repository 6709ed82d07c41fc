"""Benchmarks: build time, memory and page weight as the number of practice examples grows.

Not a test: prints ratios against a baseline measured in the same run (the demo portal),
so the numbers mean the same on any machine. Results also go to bench/results/latest.json.

    make bench                 # 12 (demo), 250 and 1000 cases
    python bench/run.py 100    # other sizes
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_portal(target: Path, cases: int) -> Path:
    """A copy of the demo portal with `cases` practice examples (the demo cases repeated)."""
    shutil.copytree(ROOT / "content", target / "content")
    shutil.copy(ROOT / "site_config.yml", target / "site_config.yml")
    demo = sorted((target / "content/cases").glob("*.yml"))
    for index in range(len(demo), cases):
        source = demo[index % len(demo)]
        text = source.read_text(encoding="utf-8")
        municipality = f"Gemeente {index:04d}"
        text = text.replace("municipality:", f"municipality: {municipality}\n_municipality:", 1)
        text = "\n".join(line for line in text.splitlines() if not line.startswith("_municipality:")) + "\n"
        (target / "content/cases" / f"{source.stem}-{index:04d}.yml").write_text(text, encoding="utf-8")
    return target


def build(portal: Path) -> dict:
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = subprocess.run([sys.executable, "-m", "generator.cli", "build"], cwd=portal,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(done.stderr)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    site = portal / "site"
    case_pages = [p for p in (site / "praktijkvoorbeelden").glob("*/index.html")
                  if p.parent.name not in ("vorm", "fase", "methode", "instrument")]
    sizes = [p.stat().st_size for p in case_pages]
    return {"seconds": round(seconds, 2), "peak_rss_mb": round(max(peak, before) / 1024, 1),
            "pages": sum(1 for _ in site.rglob("*.html")), "case_page_kb": round(sum(sizes) / len(sizes) / 1024, 1),
            "home_kb": round((site / "index.html").stat().st_size / 1024, 1)}


def main(sizes: list[int]) -> None:
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            portal = make_portal(Path(tmp) / f"p{size}", size)
            results[size] = build(portal)
    base = results[sizes[0]]
    print(f"{'cases':>6} {'pages':>6} {'build s':>8} {'x base':>7} {'peak MB':>8} {'case page KB':>13} {'x base':>7}")
    for size, r in results.items():
        print(f"{size:>6} {r['pages']:>6} {r['seconds']:>8} {r['seconds'] / base['seconds']:>7.1f} "
              f"{r['peak_rss_mb']:>8} {r['case_page_kb']:>13} {r['case_page_kb'] / base['case_page_kb']:>7.2f}")
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [12, 250, 1000])
