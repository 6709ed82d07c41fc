"""Reading YAML (and Markdown front matter) while keeping where every value came from."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from .diagnostics import Diagnostic, Location

KeyPath = tuple[str | int, ...]
_TOKEN = re.compile(r"\S+")
# What may stand between two words of one scalar in the YAML source: line breaks, indentation,
# the opening quote, a backslash that continues a double-quoted line.
_BETWEEN_WORDS = " \t\r\n\"'\\"


def text_location(text: str, offset: int, file: str, first_line: int) -> Location:
    """Position of `offset` in `text`, which starts at the beginning of line `first_line` of `file`."""
    return Location(file, first_line + text.count("\n", 0, offset), offset - (text.rfind("\n", 0, offset) + 1) + 1)


@dataclass(frozen=True)
class Document:
    """One parsed YAML document: plain data for validation, and positions when a message needs them."""

    file: str  # as shown to the user (relative to the project)
    data: Any  # plain dicts/lists/scalars
    line_offset: int = 0  # lines before the YAML starts (Markdown front matter)
    text: str = ""  # the YAML source, to place positions inside multi-line values

    @cached_property
    def tree(self) -> Any:
        """ruamel's round-trip nodes, which carry .lc positions. Parsed only when a position is
        asked for: ten times slower than the C parser that gives the data."""
        return _yaml().load(self.text)

    def value(self, path: KeyPath) -> Any:
        """The plain value at `path` (as parsed, not stripped by validation)."""
        data = self.data
        for part in path:
            data = data[part]
        return data

    def is_block_scalar(self, path: KeyPath) -> bool:
        """True for '|' and '>' values, whose text starts on the line after the indicator."""
        node = self.tree
        for part in path:
            node = node[part]
        return isinstance(node, (LiteralScalarString, FoldedScalarString))

    def locate(self, path: KeyPath, *, at_key: bool = False) -> Location:
        """Position of the value at `path` (or of its key), or of the deepest existing parent."""
        node, line, col = self.tree, 0, 0
        if isinstance(node, (CommentedMap, CommentedSeq)):
            line, col = node.lc.line, node.lc.col
        for index, part in enumerate(path):
            last = index == len(path) - 1
            if isinstance(node, CommentedMap) and part in node:
                line, col = node.lc.key(part) if (last and at_key) else node.lc.value(part)
                node = node[part]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
                line, col = node.lc.item(part)
                node = node[part]
            else:
                break
        return Location(self.file, line + 1 + self.line_offset, col + 1)

    def locate_offset(self, path: KeyPath, offset: int) -> Location:
        """Position of character `offset` of the string value at `path`.

        The line is exact for every scalar style: the value's words are followed through the
        source, so folded ('>') and plain multi-line values work too. The column is exact on
        the value's first line; on later lines it is 1, since the source line also holds the
        block's indentation, which is not part of the value."""
        start = self.locate(path)
        block = self.is_block_scalar(path)
        position = self._source_position(start, self.value(path), offset, block)
        if position is None:  # words not found one after another (e.g. escapes): count line breaks
            line_in_value = self.value(path).count("\n", 0, offset)
            line = start.line + line_in_value + (1 if block else 0)
            return Location(self.file, line, 1 if block or line_in_value else start.col)
        line = self.text.count("\n", 0, position) + 1 + self.line_offset
        col = position - (self.text.rfind("\n", 0, position) + 1) + 1
        return Location(self.file, line, col if line == start.line else 1)

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0] + [m.end() for m in re.finditer("\n", self.text)]

    def _source_position(self, start: Location, value: str, offset: int, block: bool) -> int | None:
        """Index in self.text of value[offset], or None when the source cannot be followed."""
        row = start.line - 1 - self.line_offset
        if not self.text or not 0 <= row < len(self._line_starts):
            return None
        position = self._line_starts[row] + start.col - 1
        if block:  # skip the '|' or '>' header line
            line_end = self.text.find("\n", position)
            position = line_end + 1 if line_end >= 0 else len(self.text)
        for token in _TOKEN.finditer(value):
            found = self.text.find(token.group(), position)
            if found < 0 or self.text[position:found].strip(_BETWEEN_WORDS):
                return None
            if token.end() > offset:
                return found + max(0, offset - token.start())
            position = found + len(token.group())
        return position


class SourceError(Exception):
    def __init__(self, diagnostic: Diagnostic):
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic


def _plain(node: Any) -> Any:
    """ruamel's round-trip types -> plain Python types, so validation sees ordinary data."""
    if isinstance(node, dict):
        return {str(k) if not isinstance(k, (int, float, bool)) else k: _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, bool) or node is None:
        return node
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, datetime.datetime):
        return node
    if isinstance(node, datetime.date):
        return datetime.date(node.year, node.month, node.day)
    if isinstance(node, str):
        return str(node)
    return node


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


def parse_yaml(text: str, file: str, *, line_offset: int = 0) -> Document:
    """Parse YAML text. Raises SourceError with a located E001/E002/E008 diagnostic."""
    if not text.strip() or all(not l.strip() or l.lstrip().startswith("#") for l in text.splitlines()):
        raise SourceError(Diagnostic("E008", "het bestand is leeg", Location(file, 1 + line_offset, 1)))
    try:
        data = YAML(typ="safe", pure=False).load(text)
    except YAMLError:
        _raise_located(text, file, line_offset)  # the pure parser explains the problem, in Dutch
        raise
    if data is None:
        raise SourceError(Diagnostic("E008", "het bestand is leeg", Location(file, 1 + line_offset, 1)))
    return Document(file, _plain(data), line_offset, text)


def _raise_located(text: str, file: str, line_offset: int) -> None:
    """Parse again with the round-trip parser, whose marks and messages the diagnostics use."""
    try:
        _yaml().load(text)
    except DuplicateKeyError as error:
        mark = error.problem_mark
        key = _duplicate_key_name(error)
        first = _first_occurrence(text, key, error.context_mark.line, mark)
        raise SourceError(Diagnostic(
            "E002", f"dubbele sleutel '{key}': deze staat hierboven al (regel {first + 1 + line_offset})",
            Location(file, mark.line + 1 + line_offset, mark.column + 1))) from None
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = _explain(error, line_offset)
        raise SourceError(Diagnostic(
            "E001", f"YAML-syntaxfout: {problem}",
            Location(file, (mark.line if mark else 0) + 1 + line_offset, (mark.column if mark else 0) + 1))) from None
    except YAMLError as error:
        raise SourceError(Diagnostic("E001", f"YAML-syntaxfout: {error}", Location(file, 1 + line_offset, 1))) from None


# ruamel's most common complaints, said in Dutch for content editors.
_EXPLANATIONS = (
    ("expected ',' or ']'", "een lijst tussen [ ] is niet afgesloten met ']'"),
    ("expected ',' or '}'", "een groep tussen { } is niet afgesloten met '}'"),
    ("mapping values are not allowed here", "hier mag geen dubbele punt staan; zet de tekst tussen aanhalingstekens"),
    ("could not find expected ':'", "er ontbreekt een dubbele punt (:) na de veldnaam"),
    ("found character '\\t' that cannot start any token", "tabs zijn niet toegestaan; gebruik spaties om in te springen"),
    ("found unexpected end of stream", "een aanhalingsteken is niet afgesloten"),
    ("expected <block end>", "de inspringing klopt niet"),
    ("expected the node content", "hier ontbreekt een waarde; is een lijst [ ] of groep { } niet afgesloten?"),
    ("found undefined alias", "onbekende verwijzing (*naam)"),
    ("found character '@' that cannot start any token", "een waarde mag niet met @ beginnen; zet de tekst tussen aanhalingstekens"),
    ("found character '`' that cannot start any token", "een waarde mag niet met ` beginnen; zet de tekst tussen aanhalingstekens"),
)


def _explain(error: MarkedYAMLError, line_offset: int) -> str:
    problem = (error.problem or "").strip()
    for needle, dutch in _EXPLANATIONS:
        if needle in problem or needle in (error.context or ""):
            text = dutch
            break
    else:
        text = f"de YAML is hier niet geldig ({problem or error.context or 'onbekende fout'})"
    context = error.context_mark
    if context is not None and error.problem_mark is not None and context.line != error.problem_mark.line:
        text += f" (begonnen op regel {context.line + 1 + line_offset})"
    return text


def _duplicate_key_name(error: DuplicateKeyError) -> str:
    # ruamel's message reads: 'found duplicate key "name" with value ...'
    problem = error.problem or ""
    start = problem.find('"')
    end = problem.find('"', start + 1)
    return problem[start + 1:end] if start >= 0 and end > start else ""


def _first_occurrence(text: str, key: str, from_line: int, duplicate) -> int:
    """ruamel only marks the mapping's start; find the line where the key first appeared."""
    lines = text.splitlines()
    col = duplicate.column
    for number in range(from_line, duplicate.line):
        line = lines[number]
        if line[col:].startswith((f"{key}:", f'"{key}":', f"'{key}':")) and line[:col].strip() in ("", "-"):
            return number
    return from_line


def read_text(path: Path, file: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise SourceError(Diagnostic(
            "E010", f"het bestand is geen UTF-8 (byte {error.start})", Location(file, 1, 1))) from None
    except OSError as error:
        raise SourceError(Diagnostic("E010", f"kan het bestand niet lezen: {error.strerror}", Location(file, 1, 1))) from None


def load_yaml_file(path: Path, file: str) -> Document:
    return parse_yaml(read_text(path, file), file)


def split_front_matter(text: str, file: str) -> tuple[Document, str, int]:
    """Markdown with '---' front matter -> (front matter document, body, body's first line)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise SourceError(Diagnostic(
            "E005", "de pagina mist front matter: begin met '---', dan 'title: ...', dan '---'", Location(file, 1, 1)))
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            front = "".join(lines[1:index])
            document = parse_yaml(front, file, line_offset=1)
            return document, "".join(lines[index + 1:]), index + 2
    raise SourceError(Diagnostic("E001", "front matter is niet afgesloten met '---'", Location(file, 1, 1)))
