"""`facelift resume`: which stopped session to go on with, and exactly the routine it played.

A routine from the library is found by its exact name (never a prefix: a session of `lym`
must not resume `lymphatic`), one started from a file by that file's path, recorded with
the session. When the routine is gone, has shrunk so that the step is no longer there, or
the stored pace is out of range, one line says so and how to start it again.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from facelift.base import wording
from facelift.base.errors import FaceliftError
from facelift.format.library import Library
from facelift.format.routine import Routine
from facelift.play.record import SessionRecord
from facelift.play.timeline import MAX_SCALE, MIN_SCALE, Timeline, compile_timeline, step_count


@dataclass(frozen=True)
class Stopped:
    """A stopped session to go on with, and the step it stopped in."""

    record: SessionRecord
    step: int


def latest(records: Sequence[SessionRecord]) -> Stopped | None:
    """The latest stopped session (records oldest first) unless its routine was completed
    since, with the step it stopped in; None when there is none."""
    for position in range(len(records) - 1, -1, -1):
        record = records[position]
        if record.status != "stopped":
            continue
        later = records[position + 1 :]
        if any(_same_routine(r, record) and r.status == "completed" for r in later):
            return None
        step = next((s.step_number for s in reversed(record.steps) if s.step_number), None)
        return Stopped(record, step) if step else None
    return None


def source_file(routine: Routine, library: Library) -> str | None:
    """What a session records to be resumed from: the routine's file when it was started
    from a file outside the library, None for a library routine (found again by name)."""
    if routine.path is None:
        return None
    if library.holds(routine.path):
        return None
    return os.path.realpath(routine.path)  # realpath never raises, even on a link loop


def timeline(stopped: Stopped, library: Library) -> Timeline:
    """The timeline that goes on from where the session stopped, at its pace."""
    record, step = stopped.record, stopped.step
    routine = _routine(record, library)
    again = f"facelift start {record.path or record.routine}"
    steps = step_count(routine)
    if step > steps:
        raise FaceliftError(
            f"cannot resume {routine.name} at step {step}: "
            f"it has {wording.plural(steps, 'step')} now; start it again with: {again}"
        )
    if not MIN_SCALE <= record.scale <= MAX_SCALE:
        raise FaceliftError(
            f"cannot resume {routine.name}: the stopped session's pace (x{record.scale:g}) is "
            f"out of range (x{MIN_SCALE:g} to x{MAX_SCALE:g}); go on at the usual pace with: "
            f"{again} --from-step {step}"
        )
    return compile_timeline(routine, from_step=step, scale=record.scale)


def _routine(record: SessionRecord, library: Library) -> Routine:
    if record.path is not None:
        if not Path(record.path).is_file():
            raise FaceliftError(f"cannot resume {record.routine}: its file {record.path} is gone")
        return library.open(record.path)  # an absolute path: always opened as a file
    if not any(entry.name == record.routine for entry in library.entries()):
        raise FaceliftError(
            f"cannot resume {record.routine}: no routine has that name any more "
            "(facelift list shows them all)"
        )
    return library.open(record.routine)  # an exact name is found as itself, not a prefix


def _same_routine(one: SessionRecord, other: SessionRecord) -> bool:
    return (one.routine, one.path) == (other.routine, other.path)
