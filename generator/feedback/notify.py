"""`portaal feedback notify`: tell residents who left an e-mail address that their signal moved.

portaal sends no mail: it writes one .eml file per message (marked unsent, so a mail program
opens it as a draft), which the municipality sends from its own mail system. The store keeps
which status each sender was last told about, so every change is told once. Leaving an
address is the consent: the demo forms ask for one "alleen als je wilt dat we je terugschrijven".
"""

from __future__ import annotations

import datetime
import re
import time
from dataclasses import dataclass
from typing import get_args
from email.message import EmailMessage
from pathlib import Path

from ..models import FeedbackForm, Signal, SignalStatus
from ..plan import STATUS_LABELS
from .storage import Store

MAIL_FOLDER = "feedback-mail"  # next to site_config.yml; `purge` empties it after the retention period


@dataclass(frozen=True)
class Message:
    submission: int
    status: str
    file: str
    mail: EmailMessage


def _address(form: FeedbackForm | None, answers: dict[str, str]) -> str | None:
    """The first filled-in e-mail field of the form the submission came from."""
    for field in form.fields if form else ():
        if field.type == "email" and answers.get(field.id):
            return answers[field.id]
    return None


def compose(signal: Signal, to: str, sender: str, site_name: str, page: str | None) -> EmailMessage:
    step = signal.timeline()[-1]
    mail = EmailMessage()
    mail["To"] = to
    mail["From"] = sender
    mail["Subject"] = f"{signal.title}: {STATUS_LABELS[signal.status].lower()}"
    mail["X-Unsent"] = "1"  # Outlook and Thunderbird open it as a draft to send
    lines = ["Beste inwoner,", "",
             f"Je liet ons iets weten via {site_name}. Dat hoort bij dit onderwerp: {signal.title}.",
             f"De status is nu: {STATUS_LABELS[signal.status]} (sinds {step.date.day}-{step.date.month}-{step.date.year}).",
             "", step.note or signal.response]
    if page:
        lines += ["", f"Lees alles op {page}"]
    lines += ["", "Je krijgt dit bericht omdat je je e-mailadres gaf. Wil je geen berichten meer? Antwoord dan op deze mail."]
    mail.set_content("\n".join(lines) + "\n")
    return mail


def messages(store: Store, forms: dict[str, FeedbackForm], signals: dict[str, Signal], sender: str,
             site_name: str, pages: dict[str, str]) -> list[Message]:
    """One message per triaged submission with an address whose signal has a status not yet told."""
    found = []
    for submission, signal_id, told in store.linked():
        signal = signals.get(signal_id)
        to = _address(forms.get(submission.form), submission.answers)
        if signal is None or to is None or told == signal.status:
            continue
        found.append(Message(submission.id, signal.status, mail_file(signal.id, submission.id, signal.status),
                             compose(signal, to, sender, site_name, pages.get(signal.id))))
    return found


def write_batch(folder: Path, batch: list[Message]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for message in batch:
        (folder / message.file).write_bytes(bytes(message.mail))


def mail_file(signal_id: str, submission: int, status: str) -> str:
    return f"{signal_id}-{submission}-{status}.eml"


def delete_mail_of(folder: Path, submissions: list[int]) -> int:
    """Deletes the messages written for these submissions (a resident asked to be removed)."""
    statuses = "|".join(map(re.escape, get_args(SignalStatus)))
    wanted = re.compile(rf".+-({'|'.join(map(str, submissions))})-(?:{statuses})\.eml")
    found = [file for file in folder.glob("*.eml") if wanted.fullmatch(file.name)] if folder.is_dir() else []
    for file in found:
        file.unlink()
    return len(found)


def purge_mail(folder: Path, older_than_days: int) -> int:
    """Deletes written messages older than the retention period: they hold residents' addresses."""
    if not folder.is_dir():
        return 0
    cutoff = time.time() - datetime.timedelta(days=older_than_days).total_seconds()
    old = [file for file in folder.glob("*.eml") if file.stat().st_mtime < cutoff]
    for file in old:
        file.unlink()
    return len(old)
