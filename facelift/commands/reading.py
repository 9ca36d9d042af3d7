"""The practice history as the commands read it: read-only, and a warning on stderr for
each stored session that had to be left out."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from facelift.base.safetext import terminal_safe

if TYPE_CHECKING:
    from facelift.play.record import SessionRecord
    from facelift.practice.history import Read


def read_history(*, steps: bool) -> Read:
    """The whole history, oldest first; `steps`: with each session's steps."""
    from facelift.base import paths
    from facelift.practice import history

    read = history.read(paths.database_path(), steps=steps)
    for warning in read.warnings:
        print(terminal_safe(f"warning: {warning}"), file=sys.stderr)
    return read


def records(*, steps: bool = False) -> list[SessionRecord]:
    return read_history(steps=steps).records
