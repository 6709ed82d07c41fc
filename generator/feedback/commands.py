"""`portaal feedback serve | export | triage | report | notify | purge`: run the receiver and look after what it stored.

The web server is imported only for `serve`, so export and purge stay light.
"""

from __future__ import annotations

import argparse
import datetime
import errno
import socket
import sys
from pathlib import Path
from urllib.parse import urlsplit

from typing import TYPE_CHECKING

from ..diagnostics import BuildFailed, Report

if TYPE_CHECKING:  # the pipeline is imported only by the commands that build: `portaal --help` stays quick
    from ..config import LoadedConfig
from .storage import StoreError, export, open_store


def add_feedback_parser(commands, with_config) -> None:
    """The `feedback` sub-command and its own sub-commands, for cli.py."""
    feedback = commands.add_parser("feedback", help="ontvang en beheer inzendingen van de formulieren")
    actions = feedback.add_subparsers(dest="feedback_command", required=True, metavar="actie")

    def with_database(sub: argparse.ArgumentParser) -> None:
        with_config(sub)
        sub.add_argument("--database", type=Path, default=None,
                         help="SQLite-bestand (standaard: feedback.database uit de configuratie)")

    serve = actions.add_parser("serve", help="start de ontvanger die inzendingen opslaat")
    with_database(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8100)
    serve.add_argument("--site", type=Path, default=None,
                       help="de gebouwde site, voor foutmeldingen op de eigen formulierpagina (standaard: site/ "
                            "naast de configuratie, als die er is)")
    serve.add_argument("--origin", action="append", default=[], metavar="HERKOMST",
                       help="nog een toegestane herkomst naast site_url, bijv. http://127.0.0.1:8000 (herhaalbaar)")

    exported = actions.add_parser("export", help="schrijf alle inzendingen naar de standaarduitvoer")
    with_database(exported)
    exported.add_argument("--format", choices=("csv", "json"), default="csv")
    exported.add_argument("--form", default=None, metavar="FORMULIER", help="alleen dit formulier")

    triage = actions.add_parser("triage", help="toon inzendingen zonder signaal, of koppel ze aan een signaal "
                                               "in terugkoppeling.yml")
    with_database(triage)
    triage.add_argument("--form", default=None, metavar="FORMULIER", help="alleen dit formulier")
    triage.add_argument("--link", type=int, action="append", default=[], metavar="NUMMER",
                        help="koppel deze inzending (nummer uit de lijst; herhaalbaar) aan --signal")
    triage.add_argument("--signal", default=None, metavar="ID", help="id van het signaal, bestaand of nieuw")
    triage.add_argument("--title", default=None, help="titel van een nieuw signaal, in uw eigen woorden")
    triage.add_argument("--summary", default=None,
                        help="samenvatting van een nieuw signaal, in uw eigen woorden (nooit die van de inwoner)")

    reported = actions.add_parser("report", help="schrijf een rapport (HTML, met grafieken) en desgewenst een "
                                                 "CSV-bestand voor Excel")
    with_database(reported)
    reported.add_argument("--out", type=Path, default=None,
                          help="HTML-bestand (standaard: feedback-rapport.html naast de configuratie)")
    reported.add_argument("--csv", type=Path, default=None, metavar="BESTAND",
                          help="schrijf ook alle inzendingen als CSV voor Excel (puntkomma, UTF-8 met BOM)")
    reported.add_argument("--today", type=_date, default=None, metavar="JJJJ-MM-DD",
                          help="rekendatum voor de leeftijd van open signalen (standaard: vandaag)")

    notified = actions.add_parser("notify", help="schrijf e-mails (.eml) voor inwoners van wie het signaal een "
                                                 "nieuwe status heeft")
    with_database(notified)
    notified.add_argument("--out", type=Path, default=None, metavar="MAP",
                          help="map voor de berichten (standaard: feedback-mail naast de configuratie)")

    purge = actions.add_parser("purge", help="wis oude inzendingen en oude e-mails van 'notify'")
    with_database(purge)
    purge.add_argument("--older-than", type=int, default=None, metavar="DAGEN",
                       help="wis inzendingen ouder dan zoveel dagen (standaard: feedback.retention_days)")
    purge.add_argument("--id", type=int, action="append", default=[], metavar="N", dest="ids",
                       help="wis alleen deze inzending (een inwoner vroeg erom); het nummer staat in 'export' "
                            "en 'triage'; mag vaker")


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen datum als 2026-11-23") from None


def feedback_command(args: argparse.Namespace) -> int:
    if args.feedback_command == "serve":
        return _serve(args)
    if args.feedback_command == "report":
        from .report_command import report

        return report(args)
    if args.feedback_command == "notify":
        from .notify_command import notify

        return notify(args)
    if args.feedback_command == "triage":
        from .triage_command import triage

        return triage(args)
    loaded = None
    if args.database is None or (args.feedback_command == "purge" and args.older_than is None and not args.ids):
        try:  # only when a default is needed: an export must work even if the content is broken
            from ..config import load_config

            loaded = load_config(args.config)
        except BuildFailed as failed:
            for diagnostic in failed.diagnostics:
                print(diagnostic, file=sys.stderr)
            return 1
    database = args.database if args.database is not None else _database(args, loaded)
    if args.feedback_command == "export":
        if not database.is_file():  # exporting never creates an empty database as a side effect
            print(f"Nog geen inzendingen: {database} bestaat niet.", file=sys.stderr)
            sys.stdout.write(export([], args.format))
            return 0
        return _with_store(database, lambda store: sys.stdout.write(store.export(args.format, args.form)))
    if args.ids:
        return _delete(database, args.ids, args.older_than, Path(args.config).parent)
    days = args.older_than if args.older_than is not None else loaded.config.feedback.retention_days
    if days < 0:
        print("portaal: --older-than moet 0 of meer dagen zijn", file=sys.stderr)
        return 2
    from .notify import MAIL_FOLDER, purge_mail

    mails = purge_mail(Path(args.config).parent / MAIL_FOLDER, days)  # they hold residents' addresses
    if mails:
        print(f"{mails} e-mail(s) van 'notify' verwijderd, ouder dan {days} dagen.")
    if not database.is_file():
        print(f"0 inzendingen verwijderd: {database} bestaat niet.")
        return 0
    return _with_store(database, lambda store: print(f"{store.purge(days)} inzending(en) verwijderd, "
                                                      f"ouder dan {days} dagen."))


def _delete(database: Path, ids: list[int], older_than: int | None, root: Path) -> int:
    """A resident's request to remove their submission: these ids only, and the e-mails written for them."""
    if older_than is not None:
        print("portaal: gebruik --id of --older-than, niet allebei", file=sys.stderr)
        return 2
    from .notify import MAIL_FOLDER, delete_mail_of

    mails = delete_mail_of(root / MAIL_FOLDER, ids)
    if mails:
        print(f"{mails} e-mail(s) van 'notify' voor deze inzending(en) verwijderd.")
    if not database.is_file():
        print(f"Geen inzending verwijderd: {database} bestaat niet.", file=sys.stderr)
        return 1

    try:
        found = open_store(database).delete(ids)
    except StoreError as error:
        print(f"portaal: {error}", file=sys.stderr)
        return 1
    missing = sorted(set(ids) - set(found))
    if found:
        print(f"{len(found)} inzending(en) verwijderd: {', '.join(map(str, found))}.")
    if missing:
        print(f"Niet gevonden (al gewist?): {', '.join(map(str, missing))}.", file=sys.stderr)
    return 1 if missing else 0


def _database(args: argparse.Namespace, loaded: LoadedConfig) -> Path:
    """--database, or feedback.database from the configuration, relative to its folder."""
    return args.database if args.database is not None else loaded.root / loaded.config.feedback.database


def _with_store(database: Path, action) -> int:
    try:
        action(open_store(database))
    except StoreError as error:
        print(f"portaal: {error}", file=sys.stderr)
        return 1
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .. import pipeline
    from ..config import load_config

    try:  # without its settings the receiver cannot know where it stores or which site it serves
        loaded = load_config(args.config)
    except BuildFailed as failed:
        Report(list(failed.diagnostics)).print()
        print("De ontvanger is niet gestart: herstel eerst site_config.yml.", file=sys.stderr)
        return 1
    config = loaded.config
    report = Report()
    prepared = pipeline.prepare(args.config, report)  # the same checks and messages as `portaal check`

    import uvicorn  # only here: the static-site commands do not need a web server

    from ..plan import thank_you_pages
    from .receiver import DEFAULT_ENDPOINT, create_app, not_ready, origin_of
    from .server import server_config

    site_url = config.site_url or ""
    site_base = urlsplit(site_url).path or "/"
    if prepared is None:
        # Content with errors has no forms yet: every request gets a Dutch 503 (and stores
        # nothing), so a resident never sees a dead endpoint; the editor sees what to fix here.
        report.print()
        print(f"{len(report.errors)} fout(en) gevonden; de ontvanger antwoordt met 503 (formulieren nog niet "
              "beschikbaar) tot de inhoud klopt. Herstel de fouten en start de ontvanger opnieuw.", file=sys.stderr)
        app, forms = not_ready(site_base, config.feedback.endpoint or DEFAULT_ENDPOINT), {}
    else:
        forms = {item.slug: item.model for item in prepared.portal.forms}
        site = args.site if args.site is not None else loaded.root / "site"
        try:
            app = create_app(forms, _database(args, loaded), config.feedback,
                             origin_of(site_url) if site_url else None, site if site.is_dir() else None, args.origin,
                             site_base=site_base, thanks=thank_you_pages(prepared.routes, prepared.portal.forms))
        except StoreError as error:
            print(f"portaal: {error}", file=sys.stderr)
            return 1
    sock = None
    try:  # bound here, not by uvicorn, so a taken port gets a Dutch message and exit code 1
        family = socket.getaddrinfo(args.host, args.port, type=socket.SOCK_STREAM)[0][0]
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((args.host, args.port))
    except OSError as error:
        if sock is not None:
            sock.close()
        reason = "de poort is al in gebruik" if error.errno == errno.EADDRINUSE else error.strerror or error
        print(f"Kan de ontvanger niet starten op {args.host}:{args.port}: {reason}", file=sys.stderr)
        return 1
    path = urlsplit(config.feedback.endpoint or DEFAULT_ENDPOINT).path
    print(f"Ontvanger klaar op http://{args.host}:{args.port}{path} voor {len(forms)} formulier(en): "
          f"{', '.join(sorted(forms)) or 'geen'}. Stoppen met Ctrl+C.", file=sys.stderr)
    server = uvicorn.Server(server_config(app, config.feedback.trusted_proxies))
    server.run(sockets=[sock])
    return 0
