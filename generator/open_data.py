"""The signals as open data: CSV, JSON and an Atom feed of their status changes.

Next to the accountability page, so anyone can reuse or follow them. Deterministic: every
date comes from the content, never from the clock, so the same content gives the same bytes.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import uuid
import xml.etree.ElementTree as ET

from .feedback.storage import spreadsheet_cell
from .models import Signal
from .plan import STATUS_LABELS
from .routes import Routes, relative

CSV_FILE, JSON_FILE, FEED_FILE = "signalen.csv", "signalen.json", "wijzigingen.xml"
ATOM = "http://www.w3.org/2005/Atom"
CSV_COLUMNS = ("id", "titel", "status", "ontvangen", "bijgewerkt", "inzendingen", "kanaal", "samenvatting",
               "reactie", "pagina")


class _Addresses:
    """Where a page is, as written in a data file: absolute with site_url, else from the file's folder."""

    def __init__(self, routes: Routes, site_url: str | None, folder: str):
        self.routes, self.site_url, self.folder = routes, site_url, folder

    def page(self, url: str) -> str:
        return self.site_url + url if self.site_url else relative(self.folder, url)

    def signal(self, signal: Signal) -> str:
        return self.page(self.routes.url("signal", signal.id))

    def changed(self, changed) -> str:
        return changed.url or self.page(changed.page)


def signals_csv(signals: list[Signal], addresses: _Addresses) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for s in signals:
        writer.writerow([spreadsheet_cell(v) for v in (s.id, s.title, s.status, s.received.isoformat(), s.updated.isoformat(),
                                            s.submissions or "", s.channel or "", s.summary, s.response,
                                            addresses.signal(s))])
    return out.getvalue()


def signals_json(title: str, signals: list[Signal], addresses: _Addresses) -> str:
    data = {"titel": title, "signalen": [{
        "id": s.id, "titel": s.title, "status": s.status, "ontvangen": s.received.isoformat(),
        "bijgewerkt": s.updated.isoformat(), "inzendingen": s.submissions, "kanaal": s.channel,
        "samenvatting": s.summary, "reactie": s.response, "pagina": addresses.signal(s),
        "tijdlijn": [{"datum": step.date.isoformat(), "status": step.status, "toelichting": step.note}
                     for step in s.timeline()],
        "veranderd": [{"titel": c.title, "adres": addresses.changed(c)} for c in s.changed],
    } for s in signals]}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _timestamp(day: datetime.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _entry_id(namespace: str, signal: Signal, step) -> str:
    """Stable for as long as the signal, its step's date and status stay the same."""
    return uuid.uuid5(uuid.NAMESPACE_URL, f"{namespace}#{signal.id}/{step.date.isoformat()}/{step.status}").urn


def atom_feed(title: str, municipality: str, signals: list[Signal], addresses: _Addresses, fallback: datetime.date) -> str:
    """One entry per status change, newest first; the feed is as new as its newest change."""
    steps = sorted(((step, s) for s in signals for step in s.timeline()),
                   key=lambda pair: (pair[0].date, pair[1].id), reverse=True)
    namespace = addresses.page(addresses.folder)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"xml:lang": "nl"})

    def add(parent, tag: str, text: str | None = None, **attributes) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        element.text = text
        return element

    add(feed, "id", uuid.uuid5(uuid.NAMESPACE_URL, namespace).urn)
    add(feed, "title", f"Wijzigingen: {title}")
    add(feed, "updated", _timestamp(steps[0][0].date if steps else fallback))
    add(add(feed, "author"), "name", municipality)
    add(feed, "link", rel="alternate", type="text/html", href=addresses.page(addresses.folder))
    add(feed, "link", rel="self", type="application/atom+xml", href=addresses.page(addresses.folder) + FEED_FILE)
    for step, signal in steps:
        entry = add(feed, "entry")
        add(entry, "id", _entry_id(namespace, signal, step))
        add(entry, "title", f"{signal.title}: {STATUS_LABELS[step.status].lower()}")
        add(entry, "updated", _timestamp(step.date))
        add(entry, "link", rel="alternate", type="text/html", href=addresses.signal(signal))
        last = step.status == signal.status and step.date == signal.updated
        add(entry, "summary", step.note or (signal.response if last else signal.summary))
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def open_data_files(portal, routes: Routes) -> dict[str, str]:
    """Docs path -> text of the three files, next to the accountability page; none without it."""
    if not routes.has("accountability"):
        return {}
    model, folder = portal.accountability.model, routes.url("accountability")
    addresses = _Addresses(routes, portal.config.site_url, folder)
    signals = sorted(model.signals, key=lambda s: s.id)
    return {f"{folder}{CSV_FILE}": signals_csv(signals, addresses),
            f"{folder}{JSON_FILE}": signals_json(model.title, signals, addresses),
            f"{folder}{FEED_FILE}": atom_feed(model.title, portal.config.municipality, signals, addresses,
                                              portal.config.updated)}


def feed_links(routes: Routes) -> dict[str, list[tuple[str, str]]]:
    """Page address -> (title, feed address) for <link rel="alternate"> in that page's head."""
    if not routes.has("accountability"):
        return {}
    folder = routes.url("accountability")
    pages = [route.url for route in routes if route.key[0] == "accountability"]
    return {url: [("Wijzigingen in de signalen (Atom)", f"{folder}{FEED_FILE}")] for url in pages}
