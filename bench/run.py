"""Benchmarks: portaal beside stock Material for MkDocs and a cold Zensical build, in one run.

Not a test: every number is a ratio against a baseline measured in the same run, so it means
the same on any machine (and on a busy one, roughly). Results also go to bench/results/latest.json.

    make bench                      # the demo (12 cases), 100 and 1000 cases, and the preview
    python bench/run.py 12 100      # other sizes (the first is the demo, the last the large portal)
    python bench/run.py --no-preview

The baselines build the same case texts as plain Markdown pages, as many pages as portaal
builds (stock.py). The preview is measured from saving one case file to the changed page
being served by `portaal serve` (preview.py).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import preview
import stock

ROOT = Path(__file__).resolve().parent.parent
ENV = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
PYTHON = [sys.executable]


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


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Seconds and peak memory (MB) of one command; wait4 gives the peak of that process tree alone."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{process.stderr.read().decode()[-2000:]}")
    process.stderr.close()
    return round(seconds, 2), round(usage.ru_maxrss / 1024, 1)


def build_portal(portal: Path) -> dict:
    seconds, peak = timed([*PYTHON, "-m", "generator.cli", "build"], portal)
    site = portal / "site"
    case_pages = [p for p in (site / "praktijkvoorbeelden").glob("*/index.html")
                  if p.parent.name not in ("vorm", "fase", "methode", "instrument")]
    sizes = [p.stat().st_size for p in case_pages]
    return {"seconds": seconds, "peak_mb": peak, "pages": sum(1 for _ in site.rglob("index.html")),
            "case_page_kb": round(sum(sizes) / len(sizes) / 1024, 1)}


def build_stock(engine: str, target: Path, cases: list[Path], pages: int) -> dict:
    project = stock.make_project(target, cases, pages)
    seconds, peak = timed([*PYTHON, "-m", *stock.command(engine, project)], project)
    return {"seconds": seconds, "peak_mb": peak, "pages": pages}


def measure(sizes: list[int], with_preview: bool) -> dict:
    results: dict = {"portaal": {}, "material": {}, "zensical": {}, "preview": {}}
    with tempfile.TemporaryDirectory() as tmp:
        cases = sorted((ROOT / "content/cases").glob("*.yml"))
        # portaal keeps compiled templates in the user's cache folder (generator/template_cache.py):
        # one of its own, empty, so the first build below is a machine's very first build.
        ENV["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")
        results["first"] = build_portal(make_portal(Path(tmp) / "warm-up", sizes[0]))  # warms all caches for the rest
        for size in sizes:
            portal = make_portal(Path(tmp) / f"p{size}", size)
            results["portaal"][size] = build_portal(portal)
            pages = results["portaal"][size]["pages"]
            results["material"][size] = build_stock("material", Path(tmp) / f"m{size}", cases, pages)
            print(f"{size} cases: portaal {results['portaal'][size]['seconds']} s, "
                  f"Material {results['material'][size]['seconds']} s", file=sys.stderr)
            if size == sizes[-1]:
                results["zensical"][size] = build_stock("zensical", Path(tmp) / f"z{size}", cases, pages)
            if with_preview and size in (sizes[0], sizes[-1]):
                seconds = preview.measure(portal, PYTHON, ENV)
                results["preview"][size] = None if seconds is None else round(seconds, 2)
    return results


def report(results: dict, sizes: list[int]) -> None:
    portaal, material, zensical = results["portaal"], results["material"], results["zensical"]
    print(f"{'cases':>6} {'pages':>6} {'portaal s':>10} {'Material s':>11} {'ratio':>6} "
          f"{'portaal MB':>11} {'Material MB':>12} {'case page KB':>13}")
    for size in sizes:
        p, m = portaal[size], material[size]
        print(f"{size:>6} {p['pages']:>6} {p['seconds']:>10} {m['seconds']:>11} {p['seconds'] / m['seconds']:>6.2f} "
              f"{p['peak_mb']:>11} {m['peak_mb']:>12} {p['case_page_kb']:>13}")
    large, demo = sizes[-1], sizes[0]
    z = zensical[large]
    print(f"\n{large} cases: portaal / stock Material = {portaal[large]['seconds'] / material[large]['seconds']:.2f}, "
          f"portaal / cold Zensical ({z['seconds']} s, {z['peak_mb']} MB) = {portaal[large]['seconds'] / z['seconds']:.2f}")
    print(f"demo ({demo} cases): portaal / stock Material = {portaal[demo]['seconds'] / material[demo]['seconds']:.2f}")
    first = results["first"]["seconds"]
    print(f"demo, a machine's first build (templates not compiled yet): {first} s, "
          f"{first / material[demo]['seconds']:.2f}x stock Material")
    if len(sizes) > 1:
        small = sizes[-2]
        print(f"growth {small} -> {large} cases: {large / small:.0f}x the cases, "
              f"{portaal[large]['seconds'] / portaal[small]['seconds']:.1f}x the time")
    for size, seconds in results["preview"].items():
        shown = f"{seconds} s" if seconds is not None else f"more than {preview.PATIENCE} s"
        print(f"preview, {size} cases: {shown} from saving a case file to the changed page being served")


def main(argv: list[str]) -> None:
    with_preview = "--no-preview" not in argv
    sizes = [int(a) for a in argv if a != "--no-preview"] or [12, 100, 1000]
    results = measure(sizes, with_preview)
    report(results, sizes)
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
