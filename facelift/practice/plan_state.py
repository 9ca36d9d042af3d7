"""The active plan: which plan a person follows and the date of its day 1, in the store.

Each `plan start` adds a run and stops the one before in the same transaction, so two
terminals never leave two plans active, and a stopped run stays for the record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from facelift.base.errors import FaceliftError
from facelift.practice.store import Store


@dataclass(frozen=True)
class PlanRun:
    """One following of a plan: which plan, its day 1, when it was begun and stopped."""

    plan: str
    first_day: date
    started: str  # ISO 8601 time of `plan start`
    stopped: str | None = None


PLANS_SCHEMA = 3  # the schema that added plan_runs (database.SCHEMA_V3)


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def active(store: Store) -> PlanRun | None:
    """The plan being followed, if any (none in a database from before plans, read as it is)."""
    if store.version < PLANS_SCHEMA:
        return None
    with store.transaction("cannot read the active plan", write=False) as db:
        row = db.execute(
            "SELECT plan, first_day, started, stopped FROM plan_runs WHERE stopped IS NULL"
        ).fetchone()
    return _run(row) if row else None


def begin(store: Store, plan: str, first_day: date) -> PlanRun | None:
    """Follow `plan` from `first_day`; the run it replaces, if one was active."""
    now = _now()
    with store.transaction("cannot start the plan", write=True) as db:
        row = db.execute(
            "SELECT plan, first_day, started, stopped FROM plan_runs WHERE stopped IS NULL"
        ).fetchone()
        db.execute("UPDATE plan_runs SET stopped = ? WHERE stopped IS NULL", (now,))
        db.execute(
            "INSERT INTO plan_runs (plan, first_day, started) VALUES (?, ?, ?)",
            (plan, first_day.isoformat(), now),
        )
    return _run(row) if row else None


def end(store: Store) -> PlanRun | None:
    """Stop following the active plan; the run stopped, or None when there was none."""
    now = _now()
    with store.transaction("cannot stop the plan", write=True) as db:
        row = db.execute(
            "SELECT plan, first_day, started, stopped FROM plan_runs WHERE stopped IS NULL"
        ).fetchone()
        db.execute("UPDATE plan_runs SET stopped = ? WHERE stopped IS NULL", (now,))
    return _run((*row[:3], now)) if row else None


def _run(row: tuple[str, str, str, str | None]) -> PlanRun:
    plan, first_day, started, stopped = row
    try:
        day = date.fromisoformat(first_day)
    except (TypeError, ValueError):  # only a hand-edited database gets here
        raise FaceliftError(f"the active plan's first day is not a date: {first_day!r}") from None
    return PlanRun(plan, day, started, stopped)


def is_following(database: Path) -> bool:
    """Whether a plan is active, read without loading any plan: the history and stats pages
    load the plans only for someone who follows one."""
    if not database.exists():
        return False
    with Store.open_readonly(database) as store:
        return active(store) is not None
