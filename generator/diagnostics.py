"""Locations, diagnostics and the report that prints them. Imports nothing of ours."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Literal, TextIO

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Location:
    file: str
    line: int = 1  # 1-based, as editors count
    col: int = 1

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


@dataclass(frozen=True)
class Diagnostic:
    code: str
    message: str
    location: Location
    severity: Severity = "error"

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else "waarschuwing: "
        return f"{self.location}: {self.code} {prefix}{self.message}"


class BuildFailed(Exception):
    """Raised between pipeline stages when a stage found errors; carries all of them."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(f"{len(diagnostics)} fout(en)")
        self.diagnostics = diagnostics


@dataclass
class Report:
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def add(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)

    def extend(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics.extend(diagnostics)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def raise_if_errors(self) -> None:
        if self.errors:
            raise BuildFailed(self.sorted())

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.diagnostics, key=lambda d: (d.location, d.code))

    def print(self, stream: TextIO = sys.stderr) -> None:
        for diagnostic in self.sorted():
            print(diagnostic, file=stream)
