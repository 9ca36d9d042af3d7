"""A routine or plan file's bytes, read without YAML: what cannot be one is refused before
much of it is read, and a problem is told at a place in the file."""

from __future__ import annotations

from pathlib import Path

from facelift.base.errors import FaceliftError, Problem, RoutineError
from facelift.base.files import TooLarge, Unreadable, read_bounded
from facelift.format.limits import MAX_FILE_BYTES


def read_file(path: Path, *, shown_as: str) -> bytes:
    """The file's bytes, refusing what cannot be a routine before reading much of it."""
    try:
        return read_bounded(path, MAX_FILE_BYTES)
    except TooLarge:
        raise problem_at(
            shown_as, 1, 1, "the file is larger than 1 MiB; a routine is far smaller"
        ) from None
    except Unreadable as error:
        reason = (
            "is a folder, not a routine file" if error.reason == "is a folder" else error.reason
        )
        raise FaceliftError(f"{shown_as}: {reason}") from None


def problem_at(shown_as: str, line: int, column: int, message: str) -> RoutineError:
    """One problem of the whole file at `line`:`column` (no field's path)."""
    return RoutineError([Problem(shown_as, line, column, "", message)])
