"""Reading YAML (and Markdown front matter) while keeping where every value came from."""

from __future__ import annotations

import datetime
import re
import warnings
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError
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
        asked for: ten times slower than the C parser that gives the data. parse_yaml has already
        refused what could make it fail; should it fail anyway, positions fall back to line 1."""
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return _yaml().load(self.text)
        except Exception:  # noqa: BLE001 - a position is never worth a traceback
            return None

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
            if isinstance(node, CommentedMap) and (key := _child_key(node, part)) is not _MISSING:
                node = node[key]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
                node = node[part]
            else:
                return False
        return isinstance(node, (LiteralScalarString, FoldedScalarString))

    def locate(self, path: KeyPath, *, at_key: bool = False) -> Location:
        """Position of the value at `path` (or of its key), or of the deepest existing parent."""
        node, line, col = self.tree, 0, 0
        if isinstance(node, (CommentedMap, CommentedSeq)):
            line, col = node.lc.line, node.lc.col
        for index, part in enumerate(path):
            last = index == len(path) - 1
            if isinstance(node, CommentedMap) and (key := _child_key(node, part)) is not _MISSING:
                line, col = node.lc.key(key) if (last and at_key) else node.lc.value(key)
                node = node[key]
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


@dataclass(frozen=True)
class InvalidDate:
    """A value written as a date that does not exist (2025-02-30). The YAML loader would raise
    without a position; kept as a value instead, so validation reports it at its own place."""

    text: str

    def __str__(self) -> str:
        return self.text


def _tolerant(constructor: type) -> type:
    """`constructor` whose impossible dates become InvalidDate instead of a ValueError."""

    class Tolerant(constructor):  # type: ignore[misc, valid-type]
        def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
            try:
                return super().construct_yaml_timestamp(node, values)
            except ValueError:
                return InvalidDate(str(node.value))

    Tolerant.add_constructor("tag:yaml.org,2002:timestamp", Tolerant.construct_yaml_timestamp)
    return Tolerant


_SAFE_CONSTRUCTOR = _tolerant(SafeConstructor)
_ROUND_TRIP_CONSTRUCTOR = _tolerant(RoundTripConstructor)


def _plain(node: Any) -> Any:
    """ruamel's round-trip types -> plain Python types, so validation sees ordinary data."""
    if isinstance(node, dict):
        return {key_text(k): _plain(v) for k, v in node.items()}
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


_MISSING = object()


def key_text(key: Any) -> str:
    """A mapping key as text: every field name is text, so `2020:` or `true:` is an unknown field
    named as written, not a crash deep inside validation."""
    if isinstance(key, bool):
        return str(key).lower()
    if key is None:
        return "null"
    return str(key)


def _child_key(node: CommentedMap, part: Any) -> Any:
    """The key of `node` that `part` (a key of the plain data) came from, or _MISSING."""
    if part in node:
        return part
    return next((key for key in node if key_text(key) == part), _MISSING)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    yaml.Constructor = _ROUND_TRIP_CONSTRUCTOR
    return yaml


def _fast_yaml() -> YAML:
    yaml = YAML(typ="safe", pure=False)
    yaml.Constructor = _SAFE_CONSTRUCTOR
    return yaml


def parse_yaml(text: str, file: str, *, line_offset: int = 0) -> Document:
    """Parse YAML text. Raises SourceError with a located E001/E002/E008 diagnostic."""
    if not text.strip() or all(not l.strip() or l.lstrip().startswith("#") for l in text.splitlines()):
        raise SourceError(Diagnostic("E008", "het bestand is leeg", Location(file, 1 + line_offset, 1)))
    _check_characters(text, file, line_offset)
    try:
        _check_events(text, file, line_offset)
        data = _fast_yaml().load(text)
    except SourceError:
        raise
    except Exception as error:  # YAMLError, or anything else the C loader throws: never a traceback
        _raise_located(text, file, line_offset, error)
        raise  # not reached: _raise_located always raises
    if data is None:
        raise SourceError(Diagnostic("E008", "het bestand is leeg", Location(file, 1 + line_offset, 1)))
    return Document(file, _plain(data), line_offset, text)


# Characters YAML does not allow, and the three that ruamel reads as a line break (which would
# shift every later line number): refused before parsing, each at its own line and column.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff\x85\u2028\u2029]")
_CONTROL_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0B: "VT", 0x0C: "FF", 0x1B: "ESC", 0x7F: "DEL"}
_LINE_SEPARATORS = {0x85: "NEL", 0x2028: "regelscheiding", 0x2029: "alineascheiding"}


def _check_characters(text: str, file: str, line_offset: int) -> None:
    match = _FORBIDDEN.search(text)
    if match is None:
        return
    code = ord(match.group())
    if code in _LINE_SEPARATORS:
        message = (f"onzichtbaar regeleinde U+{code:04X} ({_LINE_SEPARATORS[code]}, vaak meegekopieerd uit een "
                   "tekstverwerker of pdf); vervang het door een spatie of een gewone nieuwe regel")
    else:
        name = f" ({_CONTROL_NAMES[code]})" if code in _CONTROL_NAMES else ""
        message = f"onzichtbaar stuurteken U+{code:04X}{name}; verwijder het"
    raise SourceError(Diagnostic("E001", f"YAML-syntaxfout: {message}",
                                 text_location(text, match.start(), file, 1 + line_offset)))


MAX_DEPTH = 50  # lists and groups inside each other; content needs 5, deeper only crashes parsers
_PLAIN_DATA = ("tags (!…), ankers (&…) en verwijzingen (*…) zijn niet toegestaan in inhoud; "
               "zet de hele waarde tussen aanhalingstekens")


def _check_events(text: str, file: str, line_offset: int) -> None:
    """Refuse what content must not hold, at its place: tags, anchors, aliases, a list or group
    used as a key ({{ … }}), and nesting deeper than MAX_DEPTH. The C parser's events are flat, so
    this walk cannot overflow the stack the way building the data (or the round-trip tree) can."""
    lines = text.splitlines()
    stack: list[bool | None] = []  # per open collection: mappings hold 'next node is a key'
    for event in _fast_yaml().parse(text):
        kind = type(event).__name__
        if kind in ("MappingEndEvent", "SequenceEndEvent"):
            stack.pop()
            _node_done(stack)
            continue
        if kind not in ("ScalarEvent", "AliasEvent", "MappingStartEvent", "SequenceStartEvent"):
            continue
        mark = event.start_mark
        collection = kind != "ScalarEvent" and kind != "AliasEvent"
        problem = None
        if kind == "AliasEvent":
            problem = f"een waarde die met * begint, leest YAML als verwijzing; {_PLAIN_DATA}"
        elif event.tag is not None:
            problem = f"een waarde die met ! begint, leest YAML als type-aanduiding (tag); {_PLAIN_DATA}"
        elif event.anchor is not None:
            problem = f"een waarde die met & begint, leest YAML als anker; {_PLAIN_DATA}"
        elif collection and stack and stack[-1] is True:
            problem = ("een waarde die met { of [ begint, leest YAML als groep binnen een groep; "
                       "zet de hele waarde tussen aanhalingstekens")
        elif collection and len(stack) > MAX_DEPTH:  # the file's own top level does not count
            problem = (f"meer dan {MAX_DEPTH} lijsten of groepen in elkaar; staan er veel [ of {{ in een tekst, "
                       "zet de hele waarde dan tussen aanhalingstekens")
        if problem:
            example = _quoting_example(lines[mark.line]) if mark.line < len(lines) else ""
            raise SourceError(Diagnostic("E001", f"YAML-syntaxfout: {problem}{example}",
                                         Location(file, mark.line + 1 + line_offset, mark.column + 1)))
        if collection:
            stack.append(True if kind == "MappingStartEvent" else None)
        else:
            _node_done(stack)


def _node_done(stack: list[bool | None]) -> None:
    if stack and stack[-1] is not None:
        stack[-1] = not stack[-1]


# One line of YAML: indentation, list dashes, an optional 'key:', and the value after it.
_LINE_PARTS = re.compile(r"^(?P<indent>[ \t]*)(?P<dash>(?:-[ \t]+)*)"
                         r"(?:(?P<key>[^\s\"'\[\]{}#:,&*!|>%@`][^:#]*?):(?:[ \t]+|$))?(?P<value>.*?)[ \t]*$")


def _quoted(value: str) -> str:
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _quoting_example(line: str) -> str:
    """', bijv. <the line with its whole value quoted>', only when that really parses as text."""
    parts = _LINE_PARTS.match(line)
    if parts is None or not parts["value"] or len(line) > 100:
        return ""
    key = f"{parts['key']}: " if parts["key"] else ""
    example = f"{parts['dash']}{key}{_quoted(parts['value'])}"
    try:
        data = YAML(typ="safe", pure=False).load(example)
    except Exception:  # noqa: BLE001 - an example that does not parse is not shown
        return ""
    while isinstance(data, (list, dict)) and len(data) == 1:
        data = data[0] if isinstance(data, list) else next(iter(data.values()))
    return f", bijv. {example}" if data == parts["value"] else ""


def _raise_located(text: str, file: str, line_offset: int, fast_error: Exception) -> None:
    """Parse again with the round-trip parser, whose marks and messages the diagnostics use;
    when it finds nothing (the parsers differ a little), explain the C parser's own error."""
    lines = text.splitlines()
    try:
        with warnings.catch_warnings():  # e.g. a reused anchor: reported as E001 already, not on stderr
            warnings.simplefilter("ignore")
            _yaml().load(text)
        error: Exception = fast_error
    except DuplicateKeyError as duplicate:
        mark = duplicate.problem_mark
        key = _duplicate_key_name(duplicate)
        first = _first_occurrence(text, key, duplicate.context_mark.line, mark)
        raise SourceError(Diagnostic(
            "E002", f"dubbele sleutel '{key}': deze staat hierboven al (regel {first + 1 + line_offset})",
            Location(file, mark.line + 1 + line_offset, mark.column + 1))) from None
    except MarkedYAMLError as marked:
        error = marked
    except Exception:  # noqa: BLE001 - e.g. RecursionError: the C parser's error still says where
        error = fast_error
    if isinstance(error, MarkedYAMLError) and (error.problem_mark or error.context_mark):
        mark = error.problem_mark or error.context_mark
        if error.context_mark is not None and _PROPERTY.search(error.context or ""):
            mark = error.context_mark  # where the '&', '*' or '!' starts, not where scanning gave up
        problem = _explain(error, lines, line_offset)
        raise SourceError(Diagnostic("E001", f"YAML-syntaxfout: {problem}",
                                     Location(file, mark.line + 1 + line_offset, mark.column + 1))) from None
    raise SourceError(Diagnostic("E001", "YAML-syntaxfout: de YAML is niet geldig; controleer inspringing en "
                                         "aanhalingstekens", Location(file, 1 + line_offset, 1))) from None


_PROPERTY = re.compile(r"scanning an? (anchor|alias|tag)")
# ruamel's most common complaints, said in Dutch for content editors.
_EXPLANATIONS = (
    ("expected ',' or ']'", "een lijst tussen [ ] is niet afgesloten met ']'"),
    ("expected ',' or '}'", "een groep tussen { } is niet afgesloten met '}'"),
    ("could not find expected ':'", "er ontbreekt een dubbele punt (:) na de veldnaam"),
    ("found character '\\t' that cannot start any token", "tabs zijn niet toegestaan; gebruik spaties om in te springen"),
    ("found unexpected end of stream", "een aanhalingsteken is niet afgesloten"),
    ("expected the node content", "hier ontbreekt een waarde; is een lijst [ ] of groep { } niet afgesloten?"),
    ("found character '@' that cannot start any token", "een waarde mag niet met @ beginnen; zet de hele waarde tussen aanhalingstekens"),
    ("found character '`' that cannot start any token", "een waarde mag niet met ` beginnen; zet de hele waarde tussen aanhalingstekens"),
    ("found unexpected ':'", "een dubbele punt in een waarde binnen [ ] of { } kan alleen tussen aanhalingstekens; "
                             "zet die waarde tussen aanhalingstekens, bijv. [\"tekst: met dubbele punt\"]"),
    ("expected a single document", "het bestand bevat meer dan één document (een regel met ---); haal die regel weg"),
    ("but found another document", "het bestand bevat meer dan één document (een regel met ---); haal die regel weg"),
)
_QUOTES = "\"'"


def _explain(error: MarkedYAMLError, lines: list[str], line_offset: int) -> str:
    """A Dutch explanation whose advice fixes the line: the source line decides between an
    indentation problem and a value that needs quoting."""
    problem = (error.problem or "").strip()
    context = (error.context or "").strip()
    mark = error.problem_mark or error.context_mark
    line = lines[mark.line] if mark is not None and mark.line < len(lines) else ""
    parts = _LINE_PARTS.match(line)
    value = parts["value"] if parts else ""
    example = _quoting_example(line)
    key_colon = len(parts["indent"]) + len(parts["dash"]) + len(parts["key"]) if parts and parts["key"] else -1
    text = None
    if "mapping values are not allowed" in problem:
        if mark is not None and mark.column == key_colon and re.fullmatch(r"[\w-]+", parts["key"].strip()):
            text = (f"de inspringing klopt niet: '{parts['key'].strip()}' springt verder in dan de regel erboven; "
                    "zet de velden van één groep precies onder elkaar")
        else:
            text = ("een dubbele punt met een spatie erna kan alleen in een tekst tussen aanhalingstekens; "
                    f"zet de hele waarde tussen aanhalingstekens{example}")
    elif "expected <block end>" in problem and "<scalar>" in problem and value[:1] in _QUOTES:
        kind = "enkele" if "'" not in value else "dubbele"
        text = f"tekst na een afgesloten aanhalingsteken: zet de hele waarde tussen {kind} aanhalingstekens{example}"
    elif "expected <block end>" in problem and "<scalar>" in problem and value[:1] in "[{":
        text = ("tekst na een lijst [ ] of groep { }: een waarde die met [ of { begint, leest YAML als lijst of "
                f"groep; zet de hele waarde tussen aanhalingstekens{example}")
    elif "expected <block end>" in problem or "expected <block mapping start>" in problem:
        text = "de inspringing klopt niet; zet de velden van één groep precies onder elkaar"
    elif "sequence entries are not allowed" in problem:
        text = (f"een waarde die met '- ' begint, leest YAML als lijst; zet de hele waarde tussen aanhalingstekens{example}"
                if parts and parts["key"] and value.startswith("-") else
                "de inspringing klopt niet: een lijstregel (- …) staat niet onder een veld met een lijst")
    elif "undefined alias" in problem or "scanning an alias" in context:
        text = f"een waarde die met * begint, leest YAML als verwijzing; {_PLAIN_DATA}{example}"
    elif "scanning an anchor" in context:
        text = f"een waarde die met & begint, leest YAML als anker; {_PLAIN_DATA}{example}"
    elif "scanning a tag" in context or "could not determine a constructor" in problem:
        text = f"een waarde die met ! begint, leest YAML als type-aanduiding (tag); {_PLAIN_DATA}{example}"
    elif "block scalar" in context:
        text = ("na | of > begint de tekst op de volgende regel (verder ingesprongen); "
                f"of zet de hele waarde tussen aanhalingstekens{example}")
    else:
        for needle, dutch in _EXPLANATIONS:
            if needle in problem or needle in context:
                text = dutch
                break
        else:
            text = f"de YAML is hier niet geldig ({problem or context or 'onbekende fout'})"
    start = error.context_mark
    if start is not None and error.problem_mark is not None and start.line != error.problem_mark.line:
        text += f" (begonnen op regel {start.line + 1 + line_offset})"
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
        raw = bytes(error.object)
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        location = Location(file, raw.count(b"\n", 0, error.start) + 1,
                            len(raw[line_start:error.start].decode("utf-8", "replace")) + 1)
        raise SourceError(Diagnostic(
            "E010", f"het bestand is geen UTF-8: ongeldige byte 0x{raw[error.start]:02X}; sla het bestand op "
                    "als UTF-8", location)) from None
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
