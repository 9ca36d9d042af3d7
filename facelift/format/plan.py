"""The plan model: which routines to play on each day of a practice (read from YAML by
facelift.format.plan_loader)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PLAN_FIELDS = ("facelift", "name", "title", "summary", "description", "repeat", "days")
REST = "rest"
MAX_DAYS = 366
MAX_PER_DAY = 8


@dataclass(frozen=True)
class Day:
    """One day of a plan: the routines to play, in order; none on a rest day."""

    routines: tuple[str, ...] = ()

    @property
    def rest(self) -> bool:
        return not self.routines


@dataclass(frozen=True)
class Plan:
    """A plan: which routines to play on each day, in order, and whether it starts again."""

    name: str
    title: str
    days: tuple[Day, ...]
    summary: str = ""
    description: str = ""
    repeat: bool = False  # start again from day 1 after the last day
    path: Path | None = None

    @property
    def routines(self) -> tuple[str, ...]:
        """Every routine the plan names, once each, in the order first named."""
        return tuple(dict.fromkeys(name for day in self.days for name in day.routines))
