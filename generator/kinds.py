"""The registry of content kinds: one declaration per kind of content.

A kind says where its files are, which model validates them, how an item is named in
messages, and whether a portal inherits it from the shared handreiking. The loader, the
merge of layers, `exclude`, the image checks and `portaal list` all read this table, so a new
kind is added here (plus its model and, if it has pages, its routes in `plan.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter

from .models import Accountability, Case, Checklist, FeedbackForm, Glossary, Method, SourceList


@dataclass(frozen=True)
class Kind:
    name: str  # the key in `exclude` and in Content.items, e.g. 'cases'
    label: str  # Dutch, for messages: 'praktijkvoorbeeld'
    model: Any  # pydantic model (or TypeAdapter) of one file
    folder: str | None = None  # one file per item: content/<folder>/<slug>.yml (slug = file name)
    pattern: str = "*"  # which files in that folder ('**/*' allows sub-folders)
    file: str | None = None  # or: entries of one shared file, content/<file>
    entries: str = ""  # the list in that shared file ('sources', 'terms')
    slug_key: str = ""  # the field that names an entry ('id', 'slug')
    single: str | None = None  # or: exactly one file, content/<folder>/<single>.yml
    # Taken over from the shared handreiking when the portal has none of its own. The account of
    # what was done with residents' input is always a municipality's own: never inherited.
    inherit: bool = True
    required: bool = False  # the portal cannot be built without this file

    def describe(self) -> str:
        if self.file:
            return f"content/{self.file}"
        if self.single:
            return f"content/{self.folder}/{self.single}.yml"
        return f"content/{self.folder}/"


KINDS: tuple[Kind, ...] = (
    Kind("sources", "bron", SourceList, file="sources.yml", entries="sources", slug_key="id", required=True),
    Kind("terms", "begrip", Glossary, file="glossary.yml", entries="terms", slug_key="slug", required=True),
    Kind("cases", "praktijkvoorbeeld", Case, folder="cases", pattern="**/*"),
    Kind("methods", "methode", TypeAdapter(Method), folder="methods"),
    Kind("checklists", "checklist", Checklist, folder="checklists"),
    Kind("accountability", "terugkoppeling", Accountability, folder="feedback", single="terugkoppeling",
         inherit=False),
    Kind("forms", "formulier", FeedbackForm, folder="feedback"),
)
# Free pages are Markdown with front matter (content/pages/<slug>.md), loaded apart from the YAML kinds.
PAGES = "pages"
KIND_NAMES = tuple(kind.name for kind in KINDS) + (PAGES,)
# Folders and files the loader knows; anything else in a content folder is reported (W001).
KNOWN_DIRS = {kind.folder for kind in KINDS if kind.folder} | {PAGES, "images"}
KNOWN_FILES = {kind.file for kind in KINDS if kind.file}


def kind(name: str) -> Kind:
    return next(k for k in KINDS if k.name == name)
