"""Where submissions are kept: one SQLite file, nothing about the sender.

Only the form, the time (UTC, to the second) and the answers are stored: no IP address, no
cookie, no user agent. WAL with synchronous=FULL and one committed transaction per submission
means that an answer the receiver has confirmed survives a crash or a power cut.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import sqlite3
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    id INTEGER PRIMARY KEY,
    form TEXT NOT NULL,
    received TEXT NOT NULL,
    answers TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS submissions_received ON submissions (received);
"""
# Added later: the signal a submission was triaged into (`portaal feedback triage`); NULL: not yet.
# A column, not a table, so that purging a submission forgets its link with it.
MIGRATIONS = {"signal": "ALTER TABLE submissions ADD COLUMN signal TEXT",
              # the signal's status the resident was last told about (`portaal feedback notify`)
              "notified": "ALTER TABLE submissions ADD COLUMN notified TEXT"}
TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"  # fixed width, so text order is time order (purge compares text)
BASE_COLUMNS = ("id", "formulier", "ontvangen")
# A cell starting with one of these is a formula in Excel and LibreOffice; residents' text must
# never run as one when a civil servant opens the export (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class StoreError(Exception):
    """The database cannot be opened or written; the message is Dutch and names the file."""


@dataclass(frozen=True)
class Submission:
    id: int
    form: str
    received: str
    answers: dict[str, str]


def now() -> str:
    return datetime.datetime.now(datetime.UTC).strftime(TIME_FORMAT)


class Store:
    """Thread-safe: every call opens its own connection; writes in this process take a lock,
    and other processes (an export during serving) wait through SQLite's busy timeout."""

    def __init__(self, path: Path):
        self.path = path
        # mode=rw: a database that disappeared is an error, not silently a new empty file.
        self._uri = path.resolve().as_uri() + "?mode=rw"
        self._write = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self._uri, uri=True, timeout=30, isolation_level=None)  # explicit BEGIN/COMMIT
        connection.execute("PRAGMA synchronous=FULL")  # per connection: fsync at every commit
        connection.execute("PRAGMA busy_timeout=30000")
        return connection

    def add(self, form: str, answers: Mapping[str, str], received: str | None = None) -> int:
        """Stores one submission and commits it before returning its id."""
        text = json.dumps(dict(answers), ensure_ascii=False, sort_keys=True)
        with self._write:
            connection = self._connect()
            try:
                connection.execute("BEGIN IMMEDIATE")
                cursor = connection.execute("INSERT INTO submissions (form, received, answers) VALUES (?, ?, ?)",
                                            (form, received or now(), text))
                connection.execute("COMMIT")
                return int(cursor.lastrowid)
            finally:
                connection.close()

    def _select(self, condition: str, form: str | None, values: tuple = ()) -> list[Submission]:
        connection = self._connect()
        try:
            query = f"SELECT id, form, received, answers FROM submissions WHERE {condition}"
            rows = connection.execute(query + (" AND form = ?" if form else "") + " ORDER BY id",
                                      values + ((form,) if form else ())).fetchall()
        finally:
            connection.close()
        return [Submission(row[0], row[1], row[2], json.loads(row[3])) for row in rows]

    def all(self, form: str | None = None) -> list[Submission]:
        return self._select("1", form)

    def unlinked(self, form: str | None = None) -> list[Submission]:
        """Submissions not yet triaged into a signal, oldest first."""
        return self._select("signal IS NULL", form)

    def link(self, ids: list[int], signal: str) -> list[Submission]:
        """Marks these submissions as part of `signal`, all or none; returns them. LookupError
        names the ids that do not exist or were linked before."""
        with self._write:
            connection = self._connect()
            try:
                connection.execute("BEGIN IMMEDIATE")
                marks = ",".join("?" * len(ids))
                rows = connection.execute(f"SELECT id, form, received, answers FROM submissions WHERE signal IS NULL "
                                          f"AND id IN ({marks}) ORDER BY id", ids).fetchall()
                missing = sorted(set(ids) - {row[0] for row in rows})
                if missing:
                    connection.execute("ROLLBACK")
                    raise LookupError(", ".join(map(str, missing)))
                connection.execute(f"UPDATE submissions SET signal = ? WHERE id IN ({marks})", [signal, *ids])
                connection.execute("COMMIT")
            finally:
                connection.close()
        return [Submission(row[0], row[1], row[2], json.loads(row[3])) for row in rows]

    def linked(self) -> list[tuple[Submission, str, str | None]]:
        """(submission, its signal, the status last told) for every triaged submission."""
        connection = self._connect()
        try:
            rows = connection.execute("SELECT id, form, received, answers, signal, notified FROM submissions "
                                      "WHERE signal IS NOT NULL ORDER BY id").fetchall()
        finally:
            connection.close()
        return [(Submission(row[0], row[1], row[2], json.loads(row[3])), row[4], row[5]) for row in rows]

    def mark_notified(self, told: dict[int, str]) -> None:
        """Submission id -> the status its sender has now been told about."""
        with self._write:
            connection = self._connect()
            try:
                connection.execute("BEGIN IMMEDIATE")
                connection.executemany("UPDATE submissions SET notified = ? WHERE id = ?",
                                       [(status, number) for number, status in told.items()])
                connection.execute("COMMIT")
            finally:
                connection.close()

    def export(self, fmt: str = "csv", form: str | None = None) -> str:
        return export(self.all(form), fmt)

    def purge(self, older_than_days: int) -> int:
        """Deletes submissions received more than `older_than_days` days ago; returns how many."""
        cutoff = (datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=older_than_days)).strftime(TIME_FORMAT)
        return self._delete("received < ?", (cutoff,))

    def delete(self, ids: list[int]) -> list[int]:
        """Deletes these submissions (a resident asked for it); returns the ids that existed."""
        found = [row.id for row in self._select(f"id IN ({','.join('?' * len(ids))})", None, tuple(ids))] if ids else []
        if found:
            self._delete(f"id IN ({','.join('?' * len(found))})", tuple(found))
        return found

    def _delete(self, condition: str, values: tuple) -> int:
        with self._write:
            connection = self._connect()
            try:
                connection.execute("BEGIN IMMEDIATE")
                count = connection.execute(f"DELETE FROM submissions WHERE {condition}", values).rowcount
                connection.execute("COMMIT")
            finally:
                connection.close()
        return count


def open_store(path: Path) -> Store:
    """Creates the folder, the file and the table when needed; StoreError when that is impossible."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, timeout=30)
        try:
            connection.execute("PRAGMA journal_mode=WAL")  # stored in the file: every later connection uses it
            connection.executescript(SCHEMA)
            columns = {row[1] for row in connection.execute("PRAGMA table_info(submissions)")}
            for column, statement in MIGRATIONS.items():
                if column not in columns:
                    connection.execute(statement)
            connection.commit()
        finally:
            connection.close()
    except (OSError, sqlite3.Error) as error:
        raise StoreError(f"kan de database '{path}' niet openen of aanmaken: {error}. "
                         "Controleer of de map bestaat en schrijfbaar is.") from error
    return Store(path)


def spreadsheet_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def export(submissions: list[Submission], fmt: str = "csv", excel: bool = False) -> str:
    """CSV: id, formulier, ontvangen, then every answer key seen (sorted). JSON: a list of objects.

    `excel`: what Excel with Dutch settings opens by double-click: a byte order mark (so it reads
    UTF-8) and ';' between fields (a Dutch Excel reads ',' as the decimal sign)."""
    if fmt == "json":
        return json.dumps([{"id": s.id, "formulier": s.form, "ontvangen": s.received, "antwoorden": s.answers}
                           for s in submissions], ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    if fmt != "csv":
        raise ValueError(f"onbekend exportformaat '{fmt}' (kies csv of json)")
    keys = sorted({key for s in submissions for key in s.answers})
    out = io.StringIO()
    if excel:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n", delimiter=";" if excel else ",")
    writer.writerow([*BASE_COLUMNS, *keys])
    for s in submissions:
        writer.writerow([s.id, s.form, s.received, *(spreadsheet_cell(s.answers.get(key, "")) for key in keys)])
    return out.getvalue()
