"""Every timing decision, made once, as data: when each played item starts and how long it lasts."""

from __future__ import annotations

from dataclasses import dataclass

from facelift.routine import Rest, Routine, Step


@dataclass(frozen=True)
class Scheduled:
    """One played item (a step with all its sides and rounds, or a rest) and its place in time."""

    item: Step | Rest
    step_number: int | None  # 1-based among timed steps; None for a rest
    start: float
    seconds: float


def item_seconds(item: Step | Rest) -> float:
    return item.seconds if isinstance(item, Rest) else item.total_seconds


def schedule(routine: Routine) -> tuple[Scheduled, ...]:
    """The expanded routine's items with their start times (includes must be expanded first)."""
    rows: list[Scheduled] = []
    start, steps = 0.0, 0
    for item in routine.items:
        if not isinstance(item, (Step, Rest)):
            raise TypeError("schedule() needs a routine whose includes are expanded")
        steps += isinstance(item, Step)
        seconds = item_seconds(item)
        rows.append(Scheduled(item, steps if isinstance(item, Step) else None, start, seconds))
        start += seconds
    return tuple(rows)


def total_seconds(routine: Routine) -> float:
    return sum(row.seconds for row in schedule(routine))


def step_count(routine: Routine) -> int:
    """Timed steps only: rests are pauses, not steps."""
    return sum(isinstance(item, Step) for item in routine.items)
