"""argv -> pipeline; the exit code comes from the report. No traceback reaches a user."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import NoReturn

from . import __version__
from .diagnostics import BuildFailed
from .feedback.commands import add_feedback_parser, feedback_command

# Everything that builds (pydantic, MkDocs, Pyphen) is imported inside run(), by the command
# that needs it, so `portaal --help` answers at once.


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="portaal", description="Bouw een toegankelijke participatieportal uit YAML.")
    parser.add_argument("--version", action="version", version=f"portaal {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="opdracht")

    def with_config(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--config", type=Path, default=Path("site_config.yml"),
                         help="het configuratiebestand (standaard: site_config.yml)")

    build = commands.add_parser("build", help="bouw de site (of meerdere portals tegelijk)")
    with_config(build)
    build.add_argument("--out", type=Path, default=None, help="uitvoermap (standaard: site/ naast de configuratie)")
    build.add_argument("--strict", action="store_true", help="eenvoudige-taalnormen als fout, niet als waarschuwing")
    build.add_argument("configs", nargs="*", type=Path, metavar="site_config.yml",
                       help="meerdere portals: elk wordt parallel gebouwd in site/ naast zijn configuratie")

    serve = commands.add_parser("serve", help="bouw, toon en herbouw bij elke wijziging")
    with_config(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--database", type=Path, default=None,
                       help="SQLite-bestand voor formulieren (standaard: feedback.database uit de configuratie)")

    check = commands.add_parser("check", help="controleer en meet alle inhoud zonder iets te schrijven")
    with_config(check)
    check.add_argument("--strict", action="store_true", help="eenvoudige-taalnormen als fout, niet als waarschuwing")

    new = commands.add_parser("new", help="maak een nieuwe portal voor een gemeente")
    new.add_argument("municipality", help="naam van de gemeente, bijv. \"Gemeente Utrecht\"")
    new.add_argument("directory", type=Path, help="nieuwe map voor de portal")

    listing = commands.add_parser("list", help="toon de geldige namen (slugs) met hun titel")
    with_config(listing)
    listing.add_argument("kind", choices=["terms", "methods", "sources", "phases", "cases", "checklists", "pages"],
                         help="welke namen: terms, methods, sources, phases, cases, checklists of pages")

    audit = commands.add_parser("audit", help="toets elke pagina met axe-core (en vnu als Java er is); "
                                               "nodig: pip install 'portaal[audit]'")
    audit.add_argument("site", nargs="?", type=Path, default=Path("site"), help="de gebouwde site (standaard: site/)")
    audit.add_argument("--axe", type=Path, default=None, help="axe.min.js (standaard: node_modules/axe-core/axe.min.js)")
    audit.add_argument("--vnu", type=Path, default=None,
                       help="vnu.jar (standaard: node_modules/vnu-jar/build/dist/vnu.jar)")
    audit.add_argument("--chromium", type=Path, default=Path("/usr/bin/chromium"), help="Chromium (standaard: Debian's)")
    audit.add_argument("--report", type=Path, default=None, help="JSON-verslag (standaard: audit.json naast de site)")

    schema = commands.add_parser("schema", help="schrijf de JSON Schema's voor de inhoudsbestanden")
    schema.add_argument("--out", type=Path, default=Path("schemas"), help="map voor de schema's (standaard: schemas/)")

    add_feedback_parser(commands, with_config)  # feedback serve | export | purge
    return parser


# Set by `build` and `check`: their process may end without Python's teardown (see `program`).
_ENDS_AT_ONCE = False


def run(argv: list[str]) -> int:
    global _ENDS_AT_ONCE
    args = _parser().parse_args(argv)
    if args.command in ("build", "check"):
        from . import pipeline

        _ENDS_AT_ONCE = True
    if args.command == "build" and args.configs:
        if args.out is not None:
            print("portaal: --out kan niet bij meerdere portals; elke portal bouwt naar site/ naast zijn "
                  "site_config.yml", file=sys.stderr)
            return 2
        from .multi import build_many

        return build_many(args.configs, strict=args.strict)
    if args.command == "build":
        report = pipeline.build(args.config, args.out, args.strict).report
    elif args.command == "check":
        result = pipeline.check(args.config, args.strict)
        report = result.report
        if result.prepared is not None:
            from .checks.plain_language import format_report

            print(format_report(list(result.prepared.texts)))
    elif args.command == "new":
        from .new_portal import create_portal

        try:
            written = create_portal(args.municipality, args.directory)
        except BuildFailed as failed:
            for diagnostic in failed.diagnostics:
                print(diagnostic, file=sys.stderr)
            return 1
        print(f"Nieuwe portal in {args.directory} ({len(written)} bestanden).\n"
              f"Volgende stap: cd {args.directory} && portaal serve", file=sys.stderr)
        return 0
    elif args.command == "list":
        from .listing import list_command

        return list_command(args.config, args.kind)
    elif args.command == "audit":
        from .audit import audit_command  # Playwright is loaded only here

        return audit_command(args.site, args.axe, args.vnu, args.chromium, args.report)
    elif args.command == "feedback":
        return feedback_command(args)
    elif args.command == "serve":
        from .serve import serve  # imports the live-reload server only when needed

        return serve(args.config, args.host, args.port, args.database)
    else:
        from .schema import write_schemas

        for path in write_schemas(args.out):
            print(f"geschreven: {path}")
        return 0
    report.print()
    errors = len(report.errors)
    if errors:
        print(f"{errors} fout(en) gevonden; er is niets gewijzigd aan de uitvoer.", file=sys.stderr)
        return 1
    print("Klaar: geen fouten." if args.command == "check" else "Klaar: de site is gebouwd.", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    try:
        return run(sys.argv[1:] if argv is None else argv)
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # last line of defence: a bug in portaal itself, never a traceback
        print(f"portaal: E099 interne fout: {type(error).__name__}: {error}. "
              "Meld dit als probleem, met de opdracht die u gaf.", file=sys.stderr)
        return 2


def program() -> NoReturn:
    """The `portaal` command. After a build or check the process ends at once, its output flushed:
    Python's teardown frees a large portal's objects one by one (0.2 s after 1,000 cases), and
    nothing of portaal's is left to close by then (files and children are closed where used)."""
    code = main()
    if not _ENDS_AT_ONCE:
        sys.exit(code)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed or broken pipe: nothing more can be said
            pass
    if "logging" in sys.modules:  # MkDocs logs: its handlers are flushed as at a normal exit
        sys.modules["logging"].shutdown()
    os._exit(code)


if __name__ == "__main__":
    program()
