"""What a plan holds on a date, and how it has gone so far.

Pure functions of a plan, the date of its day 1, a date and the session records: nothing here
reads the clock, the store or the terminal. A routine is done on a date when a completed
session of it started on that local date (as its `started` time is written).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from facelift.format.plan import Day, Plan
from facelift.play.record import SessionRecord

ACTIVE, UPCOMING, FINISHED = "active", "upcoming", "finished"


@dataclass(frozen=True)
class Due:
    """A routine a plan holds for today, and whether it has been played today."""

    routine: str
    done: bool


@dataclass(frozen=True)
class Today:
    """The plan on one date: its status, the day's number (1-based) and the sessions due."""

    plan: Plan
    first_day: date
    date: date
    status: str  # ACTIVE, UPCOMING (day 1 is later) or FINISHED (the last day is past)
    day: int | None
    sessions: tuple[Due, ...] = ()
    round: int = 1  # a repeating plan's time through its days

    @property
    def rest(self) -> bool:
        return self.status == ACTIVE and not self.sessions

    @property
    def next_due(self) -> str | None:
        """The first routine of the day not done yet."""
        return next((due.routine for due in self.sessions if not due.done), None)

    def to_json(self) -> dict[str, Any]:
        """The `facelift today --json` shape."""
        return {
            "plan": self.plan.name,
            "title": self.plan.title,
            "status": self.status,
            "day": self.day,
            "days": len(self.plan.days),
            "date": self.date.isoformat(),
            "rest": self.rest,
            "sessions": [{"routine": due.routine, "done": due.done} for due in self.sessions],
        }


def last_day(plan: Plan, first_day: date) -> date | None:
    """The date of the plan's last day; None for a plan that repeats."""
    return None if plan.repeat else first_day + timedelta(days=len(plan.days) - 1)


def locate(plan: Plan, first_day: date, on: date) -> tuple[str, int | None, int]:
    """The plan's status on a date, the day's number (1-based) and the round."""
    offset = (on - first_day).days
    if offset < 0:
        return UPCOMING, None, 1
    if offset >= len(plan.days) and not plan.repeat:
        return FINISHED, None, 1
    return ACTIVE, offset % len(plan.days) + 1, offset // len(plan.days) + 1


def day_on(plan: Plan, first_day: date, on: date) -> Day | None:
    """The plan's day on a date, or None outside the plan."""
    _, number, _ = locate(plan, first_day, on)
    return plan.days[number - 1] if number else None


def completed_by_date(records: Iterable[SessionRecord]) -> dict[date, set[str]]:
    """The routines completed on each local date."""
    done: dict[date, set[str]] = {}
    for record in records:
        if record.status != "completed":
            continue
        try:
            day = date.fromisoformat(record.started[:10])
        except ValueError:  # a record the store would not write; it counts for no day
            continue
        done.setdefault(day, set()).add(record.routine)
    return done


def today(plan: Plan, first_day: date, on: date, records: Iterable[SessionRecord]) -> Today:
    return _today(plan, first_day, on, completed_by_date(records))


def _today(plan: Plan, first_day: date, on: date, done: Mapping[date, set[str]]) -> Today:
    status, number, round_ = locate(plan, first_day, on)
    if number is None:
        return Today(plan, first_day, on, status, None)
    done_today = done.get(on, set())
    due = tuple(Due(name, name in done_today) for name in plan.days[number - 1].routines)
    return Today(plan, first_day, on, status, number, due, round_)


def schedule(plan: Plan, first_day: date, start: date, count: int) -> list[tuple[date, int, Day]]:
    """Up to `count` dates from `start` on that fall in the plan, each with its day."""
    found = []
    for offset in range(count):
        on = start + timedelta(days=offset)
        _, number, _ = locate(plan, first_day, on)
        if number is not None:
            found.append((on, number, plan.days[number - 1]))
    return found


@dataclass(frozen=True)
class Progress:
    """Practice days so far (rest days aside): every routine done, some, or none. Today
    counts once all of it is done, and is never missed before it ends."""

    today: Today
    kept: int
    partly: int
    missed: int

    @property
    def practice_days(self) -> int:
        return self.kept + self.partly + self.missed


def progress(plan: Plan, first_day: date, on: date, records: Iterable[SessionRecord]) -> Progress:
    done = completed_by_date(records)
    end = min(on, last_day(plan, first_day) or on)
    counts = {"kept": 0, "partly": 0, "missed": 0}
    for offset in range(max(0, (end - first_day).days + 1)):
        day = first_day + timedelta(days=offset)
        planned = plan.days[offset % len(plan.days)].routines
        kept = sum(name in done.get(day, set()) for name in planned)
        if not planned or (day == on and kept < len(planned)):
            continue
        counts["kept" if kept == len(planned) else "partly" if kept else "missed"] += 1
    return Progress(_today(plan, first_day, on, done), **counts)
