"""`portaal feedback triage`: list untriaged submissions, or link some to a signal."""

from __future__ import annotations

import argparse
import sys

from ..config import load_config
from ..diagnostics import BuildFailed
from .storage import StoreError, open_store
from .triage import ACCOUNT_FILE, TriageError, form_titles, updated_text, write_atomically

SHOWN = 120  # characters of an answer in the list: enough to recognise it


def _line(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SHOWN else flat[:SHOWN - 1] + "…"


def triage(args: argparse.Namespace) -> int:
    try:
        loaded = load_config(args.config)
    except BuildFailed as failed:
        for diagnostic in failed.diagnostics:
            print(diagnostic, file=sys.stderr)
        return 1
    database = args.database if args.database is not None else loaded.root / loaded.config.feedback.database
    if not database.is_file():
        print(f"Nog geen inzendingen: {database} bestaat niet.", file=sys.stderr)
        return 0 if not args.link else 1
    if bool(args.link) != bool(args.signal):
        print("portaal: geef --link en --signal samen, of geen van beide om de lijst te zien", file=sys.stderr)
        return 2
    try:
        store = open_store(database)
        return _link(args, loaded, store) if args.link else _list(store, args.form)
    except (StoreError, TriageError) as error:
        print(f"portaal: {error}", file=sys.stderr)
        return 1


def _list(store, form: str | None) -> int:
    """For the civil servant's eyes only: this output is never published."""
    waiting = store.unlinked(form)
    for submission in waiting:
        print(f"{submission.id}  {submission.form}  {submission.received}")
        for key, value in sorted(submission.answers.items()):
            if value:
                print(f"    {key}: {_line(value)}")
    print(f"{len(waiting)} inzending(en) nog niet gekoppeld aan een signaal. Koppel ze met "
          "--link NUMMER --signal ID (en --title en --summary voor een nieuw signaal).", file=sys.stderr)
    return 0


def _link(args: argparse.Namespace, loaded, store) -> int:
    ids = sorted(set(args.link))
    waiting = {s.id: s for s in store.unlinked()}
    missing = [str(i) for i in ids if i not in waiting]
    if missing:
        raise TriageError(f"inzending(en) {', '.join(missing)} bestaan niet of horen al bij een signaal")
    chosen = [waiting[i] for i in ids]
    content = loaded.root / loaded.config.content_dir
    path = content / ACCOUNT_FILE
    text, outcome = updated_text(path, args.signal, chosen, form_titles(content, {s.form for s in chosen}),
                                 args.title, args.summary)
    try:
        store.link(ids, args.signal)
    except LookupError as error:  # taken by someone else in the meantime: change nothing
        raise TriageError(f"inzending(en) {error} zijn net aan een ander signaal gekoppeld; probeer opnieuw") from None
    write_atomically(path, text)
    what = "nieuw signaal" if outcome.created else "signaal"
    print(f"{len(ids)} inzending(en) gekoppeld aan {what} '{outcome.signal}' (nu {outcome.submissions}) in "
          f"{path.relative_to(loaded.root)}. Lees het na en bouw de site opnieuw.")
    return 0
