"""The session record: what was played, when, and how it ended (plain data, for the store)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import Enum
from typing import Any

from facelift.play.journal import Journal


class SessionStatus(str, Enum):
    """How a session ended (a str, so it reads and stores as its value)."""

    COMPLETED = "completed"
    STOPPED = "stopped"

    def __str__(self) -> str:  # prints as it is stored, on every Python version
        return self.value


class ItemKind(str, Enum):
    """What a played item was."""

    STEP = "step"
    REST = "rest"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class StepRecord:
    """One played item; times in seconds from the session's start (after the lead-in),
    on the monotonic clock with pauses left out."""

    title: str
    kind: ItemKind
    step_number: int | None
    planned_start: float
    planned_seconds: float
    actual_start: float
    actual_seconds: float
    skipped: bool = False


@dataclass(frozen=True)
class SessionRecord:
    """One session as it was played: what, when, how long, how it ended, and its journal."""

    routine: str
    title: str
    started: str  # ISO 8601 wall-clock time, with its UTC offset
    status: SessionStatus
    planned_seconds: float
    active_seconds: float
    paused_seconds: float
    steps: tuple[StepRecord, ...] = ()
    scale: float = 1.0
    from_step: int = 1
    path: str | None = None  # the routine's file when it was started from one, not by name
    journal: Journal | None = None

    def to_json(self) -> dict[str, Any]:
        """Plain data for `history --json`, times rounded to the millisecond."""
        data = _rounded(_fields(self))  # shallow: asdict() would deep-copy every step first
        data["steps"] = [_rounded(_fields(step)) for step in self.steps]
        data["journal"] = None if self.journal is None else self.journal.to_stored()
        return data


def _fields(record: SessionRecord | StepRecord) -> dict[str, Any]:
    return {name: getattr(record, name) for name in _NAMES[type(record)]}


_NAMES = {
    kind: tuple(f.name for f in dataclasses.fields(kind)) for kind in (SessionRecord, StepRecord)
}


def _rounded(data: dict[str, Any]) -> dict[str, Any]:
    return {k: _plain(v) for k, v in data.items()}


def _plain(value: Any) -> Any:
    """A float to the millisecond, an enum as its value: JSON as the history always wrote it."""
    if isinstance(value, float):
        return round(value, 3)
    return value.value if isinstance(value, Enum) else value
