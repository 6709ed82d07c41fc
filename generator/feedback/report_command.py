"""`portaal feedback report`: the HTML report, and the submissions as a CSV file for Excel."""

from __future__ import annotations

import argparse
import datetime
import sys

from ..diagnostics import Report
from .storage import StoreError, export, open_store
from .report import render_report


def report(args: argparse.Namespace) -> int:
    from .. import pipeline

    checked = Report()
    prepared = pipeline.prepare(args.config, checked)  # the forms' questions and the signals, checked
    if prepared is None:
        checked.print()
        print(f"{len(checked.errors)} fout(en) gevonden; er is geen rapport gemaakt.", file=sys.stderr)
        return 1
    loaded, portal = prepared.loaded, prepared.portal
    database = args.database if args.database is not None else loaded.root / loaded.config.feedback.database
    try:
        submissions = open_store(database).all() if database.is_file() else []
    except StoreError as error:
        print(f"portaal: {error}", file=sys.stderr)
        return 1
    signals = portal.accountability.model.signals if portal.accountability else []
    forms = {item.slug: item.model for item in portal.forms}
    today = args.today or datetime.date.today()
    out = args.out if args.out is not None else loaded.root / "feedback-rapport.html"
    try:
        out.write_text(render_report(loaded.config.site_name, forms, signals, submissions, today), encoding="utf-8")
        print(f"Rapport geschreven: {out} ({len(submissions)} inzending(en)).")
        if args.csv is not None:
            args.csv.write_text(export(submissions, "csv", excel=True), encoding="utf-8", newline="")
            print(f"CSV voor Excel geschreven: {args.csv}. Er staan antwoorden van inwoners in: deel het niet.")
    except OSError as error:
        print(f"portaal: kan niet schrijven: {error}", file=sys.stderr)
        return 1
    return 0
