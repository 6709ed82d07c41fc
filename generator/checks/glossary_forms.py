"""A glossary term's `forms` are checked where they are written: each form must contain the term or
one of its other names (so a typo does not silently switch the explanation off), once per term, and
no two terms may claim the same words."""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic
from ..glossary_marks import GlossaryTerm, inflections, plain_name, written_forms

_SPACES = re.compile(r"\s+")


def _fold(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()


def _contains_a_name(form: str, names: list[str]) -> bool:
    folded = _fold(form)
    for name in names:
        for written in inflections(plain_name(name)):
            if re.search(r"(?<![\w-])" + re.escape(_fold(written)) + r"(?![\w-])", folded):
                return True
    return False


def check_forms(items) -> list[Diagnostic]:
    """E009 for each form that names no name of its term, repeats, or belongs to another term too."""
    diagnostics = []
    owners: dict[str, list[str]] = {}  # every written form -> the terms marked in it
    for item in items:
        term = item.model
        glossary_term = GlossaryTerm(term.slug, (term.term, *term.aliases), term.definition, tuple(term.forms))
        for form in {_fold(form) for form in written_forms(glossary_term)}:
            owners.setdefault(form, []).append(term.term)
    for item in items:
        term, seen = item.model, set()
        for index, form in enumerate(term.forms):
            where = f"'terms[{item.path[1] + 1}].forms[{index + 1}]'"
            location = item.document.locate(item.path + ("forms", index))
            message = None
            if _fold(form) in seen:
                message = f"{where}: woordvorm '{form}' staat twee keer in de lijst"
            elif not _contains_a_name(form, [term.term, *term.aliases]):
                message = (f"{where}: woordvorm '{form}' bevat het begrip '{term.term}' niet, en ook geen andere naam "
                           "ervan; schrijf het begrip (of een meervoud) in de woordvorm, bijv. 'eigen ervaring'")
            elif others := [name for name in owners.get(_fold(form), []) if name != term.term]:
                message = (f"{where}: woordvorm '{form}' hoort ook bij het begrip '{others[0]}'; "
                           "één woordvorm kan bij maar één begrip horen")
            seen.add(_fold(form))
            if message:
                diagnostics.append(Diagnostic("E009", message, location))
    return diagnostics
