"""`portaal feedback notify`: the .eml batch for residents whose signal changed status."""

from __future__ import annotations

import argparse
import sys

from ..diagnostics import Report
from .notify import MAIL_FOLDER, messages, write_batch
from .storage import StoreError, open_store


def notify(args: argparse.Namespace) -> int:
    from .. import pipeline

    checked = Report()
    prepared = pipeline.prepare(args.config, checked)  # the signals as they will be published
    if prepared is None:
        checked.print()
        print(f"{len(checked.errors)} fout(en) gevonden; er zijn geen berichten gemaakt.", file=sys.stderr)
        return 1
    loaded, portal, routes = prepared.loaded, prepared.portal, prepared.routes
    config = loaded.config
    database = args.database if args.database is not None else loaded.root / config.feedback.database
    if not database.is_file():
        print(f"0 berichten: {database} bestaat niet.")
        return 0
    signals = {s.id: s for s in portal.accountability.model.signals} if portal.accountability else {}
    pages = {key: (config.site_url or "/") + routes.url("signal", key) for key in signals if routes.has("signal", key)}
    out = args.out if args.out is not None else loaded.root / MAIL_FOLDER
    try:
        store = open_store(database)
        batch = messages(store, {f.slug: f.model for f in portal.forms}, signals,
                         config.feedback.email or config.contact.email, config.site_name, pages)
        write_batch(out, batch)
        store.mark_notified({m.submission: m.status for m in batch})
    except (StoreError, OSError) as error:
        print(f"portaal: {error}", file=sys.stderr)
        return 1
    print(f"{len(batch)} bericht(en) geschreven in {out}. Verstuur ze vanuit de eigen e-mail van de gemeente "
          f"en wis ze daarna; 'portaal feedback purge' wist ze na {config.feedback.retention_days} dagen.")
    return 0
