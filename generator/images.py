"""Images in Markdown fields: alt text required, files must exist locally, nothing from other sites.

Editors write `![Wat er te zien is](images/foto.jpg)`; a purely decorative image is written with
the alt text `decoratief` and rendered with an empty alt, so screen readers skip it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .diagnostics import Diagnostic
from .source import Document, KeyPath, text_location

RAW_IMAGE = re.compile(r"<img\b", re.I)
RAW_IMAGE_MESSAGE = "schrijf een afbeelding als ![beschrijving](images/naam.jpg), niet als HTML-code"
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
DECORATIVE = "decoratief"
IMAGES_DIR = "images"


def strings_of(data, path: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from strings_of(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings_of(value, path + (index,))
    elif isinstance(data, str):
        yield path, data


def _problems(alt: str, src: str, images: set[str]) -> list[tuple[str, str]]:
    problems = []
    if not alt.strip():
        problems.append(("E013", f"afbeelding '{src}' heeft geen alt-tekst: beschrijf wat er te zien is, "
                                 f"of schrijf '{DECORATIVE}' als de afbeelding alleen versiert"))
    if re.match(r"^[a-z][a-z0-9+.-]*:|^//", src, re.I):
        problems.append(("E015", f"afbeelding '{src}' komt van een andere website; zet het bestand in "
                                 f"content/{IMAGES_DIR}/ (geen verzoeken naar andere websites)"))
    elif src.removeprefix("./") not in images:
        problems.append(("E014", f"afbeelding '{src}' niet gevonden; zet het bestand in content/{IMAGES_DIR}/ "
                                 f"en schrijf '{IMAGES_DIR}/naam.jpg'"))
    return problems


def check_field_images(document: Document, path: KeyPath, text: str, images: set[str]) -> list[Diagnostic]:
    """Images in one Markdown field of a YAML document (the fields each kind declares in kinds.py)."""
    return [Diagnostic(code, message, document.locate_offset(path, offset))
            for offset, code, message in _found(text, images)]


def _found(text: str, images: set[str]) -> Iterator[tuple[int, str, str]]:
    """(offset, code, message) for every image problem in one Markdown text."""
    for match in IMAGE.finditer(text):
        for code, message in _problems(match["alt"], match["src"], images):
            yield match.start(), code, message
    for match in RAW_IMAGE.finditer(text):
        yield match.start(), "E016", RAW_IMAGE_MESSAGE


def check_text_images(text: str, file: str, first_line: int, images: set[str]) -> list[Diagnostic]:
    """Images in a Markdown page body, which starts at `first_line` of its file."""
    return [Diagnostic(code, message, text_location(text, offset, file, first_line))
            for offset, code, message in _found(text, images)]
