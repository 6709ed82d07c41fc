"""`portaal feedback triage` and `notify`, and one submission followed from the form post through
the receiver and triage to a published signal page. Through the CLI, as a civil servant runs it."""

from __future__ import annotations

import difflib
import os
import sqlite3
from email import policy
from email.parser import BytesParser

from generator.feedback.storage import open_store
from support import ROOT, run_portaal
from test_feedback_receiver import make_portal, post, running

ACCOUNT = "content/feedback/terugkoppeling.yml"
WORDS = "Het loket moet ook op zaterdag open, want ik werk doordeweeks"
EMAIL = "jan.jansen@example.org"


def test_one_submission_from_the_form_to_a_published_signal_page(tmp_path):
    root = make_portal(tmp_path / "portal")
    database = tmp_path / "data/feedback.sqlite3"
    with running(root, database, tmp_path / "server.log") as server:
        status, _, _ = post(server.base + "proef", {"oordeel": "Slecht", "opmerking": WORDS, "email": EMAIL})
        assert status == 303
    listed = run_portaal("feedback", "triage", "--database", str(database), cwd=root)
    assert listed.code == 0 and "1  proef  " in listed.stdout and WORDS in listed.stdout
    assert "1 inzending(en) nog niet gekoppeld" in listed.stderr

    linked = run_portaal("feedback", "triage", "--database", str(database), "--link", "1", "--signal", "zaterdag",
                         "--title", "Loket op zaterdag", "--summary", "Inwoners vragen om het loket op zaterdag te openen.",
                         cwd=root)
    assert linked.code == 0, linked.stderr
    assert "nieuw signaal 'zaterdag' (nu 1)" in linked.stdout
    assert "0 inzending(en) nog niet gekoppeld" in run_portaal(
        "feedback", "triage", "--database", str(database), cwd=root).stderr
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT id, signal FROM submissions").fetchall() == [(1, "zaterdag")]

    built = run_portaal("build", "--out", str(tmp_path / "site"), cwd=root)
    assert built.code == 0, built.stderr
    folder = tmp_path / "site/feedback/wat-deden-we"
    page = (folder / "signalen/zaterdag/index.html").read_text(encoding="utf-8")
    received = open_store(database).all()[0].received[:10]
    assert "Loket op zaterdag" in page and "1 inzending" in page and f'<time datetime="{received}">' in page
    assert "via Proefformulier" in page
    assert 'href="signalen/zaterdag/"' in (folder / "index.html").read_text(encoding="utf-8")
    # Nothing the resident wrote leaves the database: not in the content, the pages or the data files.
    for published in [root / ACCOUNT, *folder.rglob("*.*")]:
        text = published.read_text(encoding="utf-8")
        assert "zaterdag open" not in text and EMAIL not in text, published


def test_adding_to_an_existing_signal_raises_its_count_and_keeps_every_comment(portal, tmp_path):
    root = portal({ACCOUNT: (ROOT / ACCOUNT).read_text(encoding="utf-8")})
    database = root / "feedback.sqlite3"
    store = open_store(database)
    first, second = (store.add("idee", {"idee": WORDS}, f"2026-11-2{day}T09:00:00Z") for day in (1, 2))
    before = (root / ACCOUNT).read_text(encoding="utf-8")
    for ids, expected in (([first], 1), ([second], 2)):
        done = run_portaal("feedback", "triage", *(f"--link={i}" for i in ids), "--signal", "app", cwd=root)
        assert done.code == 0, done.stderr
        assert f"signaal 'app' (nu {expected})" in done.stdout
    after = (root / ACCOUNT).read_text(encoding="utf-8")
    changes = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:1] in "+-"]
    assert changes == ["+     submissions: 2"]
    assert run_portaal("check", cwd=root).code == 0


def test_triage_refuses_what_it_cannot_do_and_then_changes_nothing(portal):
    root = portal({ACCOUNT: (ROOT / ACCOUNT).read_text(encoding="utf-8")})
    store = open_store(root / "feedback.sqlite3")
    number = store.add("idee", {"idee": WORDS})
    before = (root / ACCOUNT).read_text(encoding="utf-8")
    cases = [
        (["--link", str(number), "--signal", "nieuw"], "signaal 'nieuw' is nieuw: geef --title en --summary"),
        (["--link", str(number), "--signal", "app", "--title", "Ander"], "signaal 'app' bestaat al"),
        (["--link", "99", "--signal", "app"], "inzending(en) 99 bestaan niet of horen al bij een signaal"),
        (["--link", str(number), "--signal", "Niet Goed", "--title", "T", "--summary", "S."],
         "het nieuwe signaal is niet geldig (id)"),
    ]
    for arguments, message in cases:
        done = run_portaal("feedback", "triage", *arguments, cwd=root)
        assert done.code == 1 and message in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert run_portaal("feedback", "triage", "--signal", "app", cwd=root).code == 2
    assert (root / ACCOUNT).read_text(encoding="utf-8") == before
    (root / ACCOUNT).write_text(before.replace("    status: niet-overgenomen\n",
                                               "    status: niet-overgenomen\n    submissions: veel\n"), encoding="utf-8")
    done = run_portaal("feedback", "triage", "--link", str(number), "--signal", "app", cwd=root)
    assert done.code == 1 and "'submissions' van signaal 'app' is geen getal" in done.stderr, done.stderr
    assert [s.id for s in store.unlinked()] == [number]


def test_an_old_database_gets_the_signal_column_and_purge_forgets_links(tmp_path):
    database = tmp_path / "oud.sqlite3"
    with sqlite3.connect(database) as connection:  # as written before triage existed
        connection.executescript("CREATE TABLE submissions (id INTEGER PRIMARY KEY, form TEXT NOT NULL, "
                                 "received TEXT NOT NULL, answers TEXT NOT NULL);"
                                 "INSERT INTO submissions VALUES (1, 'idee', '2020-01-01T00:00:00Z', '{}');")
    store = open_store(database)
    assert [s.id for s in store.unlinked()] == [1]
    store.link([1], "oud")
    assert store.unlinked() == [] and store.purge(30) == 1
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT count(*) FROM submissions").fetchone() == (0,)


def test_notify_writes_one_unsent_mail_per_status_change_and_purge_removes_them(portal):
    form = (ROOT / "content/feedback/deel-je-ervaring.yml").read_text(encoding="utf-8")
    root = portal({ACCOUNT: (ROOT / ACCOUNT).read_text(encoding="utf-8"), "content/feedback/deel-je-ervaring.yml": form})
    store = open_store(root / "feedback.sqlite3")
    with_address = store.add("deel-je-ervaring", {"ervaring": WORDS, "email": EMAIL})
    anonymous = store.add("deel-je-ervaring", {"ervaring": WORDS})
    done = run_portaal("feedback", "triage", f"--link={with_address}", f"--link={anonymous}", "--signal",
                       "avondbijeenkomst", cwd=root)
    assert done.code == 0, done.stderr

    first = run_portaal("feedback", "notify", cwd=root)
    assert first.code == 0 and first.stdout.startswith("1 bericht(en) geschreven"), first.stderr
    mails = list((root / "feedback-mail").glob("*.eml"))
    assert [m.name for m in mails] == [f"avondbijeenkomst-{with_address}-ontvangen.eml"]
    message = BytesParser(policy=policy.default).parse(mails[0].open("rb"))
    assert message["To"] == EMAIL and message["X-Unsent"] == "1"
    assert message["Subject"] == "Bijeenkomsten ook 's avonds (voorbeeld): ontvangen"
    body = message.get_content()
    assert "http://127.0.0.1:8000/feedback/wat-deden-we/signalen/avondbijeenkomst/" in body and WORDS not in body
    assert run_portaal("feedback", "notify", cwd=root).stdout.startswith("0 bericht(en)")  # told once

    account = root / ACCOUNT
    text = account.read_text(encoding="utf-8")
    old = "    status: ontvangen\n    updated: 2026-11-18\n"
    assert old in text
    account.write_text(text.replace(old, "    status: besloten\n    updated: 2026-11-22\n"), encoding="utf-8")
    assert run_portaal("feedback", "notify", cwd=root).stdout.startswith("1 bericht(en)")
    assert (root / f"feedback-mail/avondbijeenkomst-{with_address}-besloten.eml").is_file()

    # A resident asks to be removed: their submission and the mails written for it go, nothing else.
    # (received and written in the past, so the purge by age below does not race the clock)
    other = store.add("deel-je-ervaring", {"ervaring": WORDS, "email": "ander@example.org"},
                      received="2020-01-01T00:00:00Z")
    other_mail = root / f"feedback-mail/avondbijeenkomst-{other}-besloten.eml"
    other_mail.write_text("x", encoding="utf-8")
    os.utime(other_mail, (0, 0))
    removed = run_portaal("feedback", "purge", "--id", str(with_address), cwd=root)
    assert removed.code == 0, removed.stderr
    assert "2 e-mail(s) van 'notify' voor deze inzending(en) verwijderd" in removed.stdout
    assert [m.name for m in (root / "feedback-mail").glob("*.eml")] == [f"avondbijeenkomst-{other}-besloten.eml"]
    assert [s.id for s in store.all()] == [anonymous, other]

    purged = run_portaal("feedback", "purge", "--older-than", "0", cwd=root)
    assert purged.code == 0 and "1 e-mail(s) van 'notify' verwijderd" in purged.stdout, purged.stdout
    assert list((root / "feedback-mail").glob("*.eml")) == [] and store.all() == []
