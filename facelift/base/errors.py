"""The errors a user can cause; the CLI turns each into a one-line message."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


class FaceliftError(Exception):
    """Anything a user can cause: a bad file, an unknown name, a bad option."""


@dataclass(frozen=True)
class Problem:
    """One located finding in a routine file: `file:line:col: path: message`."""

    file: str
    line: int
    column: int
    path: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        label = "warning: " if self.warning else ""
        field = f"{self.path}: " if self.path else ""
        return f"{where}: {label}{field}{self.message}"


class RoutineError(FaceliftError):
    """A routine file with one or more errors, all reported at once."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
