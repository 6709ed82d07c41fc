"""Several portals in one command, built in parallel over the CPU cores.

Each portal builds into the `site/` folder next to its own site_config.yml; one that fails
does not stop the others. One summary at the end; the exit code says whether all succeeded.
"""

from __future__ import annotations

import os
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from . import pipeline
from .config import display_path
from .diagnostics import Report
from .parallel import stay_in_this_process


def _build_one(config: Path, strict: bool) -> Report:
    """Runs in a worker process; only the report (plain data) travels back."""
    return pipeline.build(config, None, strict).report


def build_many(configs: list[Path], workers: int | None = None, strict: bool = False) -> int:
    workers = max(1, min(len(configs), workers or os.cpu_count() or 1))
    # Each worker already has a core of its own: it measures, finishes and indexes in-process.
    with ProcessPoolExecutor(max_workers=workers, initializer=stay_in_this_process if workers > 1 else None) as pool:
        reports = list(pool.map(_build_one, configs, [strict] * len(configs)))
    failed = 0
    for config, report in zip(configs, reports):
        if report.diagnostics:
            print(f"\n{display_path(config)}:", file=sys.stderr)
            report.print()
    print("\nSamenvatting:", file=sys.stderr)
    for config, report in zip(configs, reports):
        shown = display_path(config)
        if report.ok:
            print(f"  gelukt   {shown} -> {display_path(config.resolve().parent / 'site')}", file=sys.stderr)
        else:
            failed += 1
            print(f"  mislukt  {shown}: {len(report.errors)} fout(en); de vorige site is ongewijzigd", file=sys.stderr)
    print(f"{len(configs) - failed} van {len(configs)} portals gebouwd.", file=sys.stderr)
    return 1 if failed else 0
