"""The active plan in the store: one at a time, every run kept, safe across two terminals."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from facelift.base.errors import FaceliftError
from facelift.practice import plan_state
from facelift.practice.store import Store


def test_begin_replaces_and_end_stops(tmp_path: Path) -> None:
    path = tmp_path / "facelift.db"
    with Store.open(path) as store:
        assert plan_state.active(store) is None
        assert plan_state.begin(store, "four-weeks", date(2026, 3, 2)) is None
        replaced = plan_state.begin(store, "everyday", date(2026, 3, 5))
        assert replaced is not None and replaced.plan == "four-weeks"
        run = plan_state.active(store)
        assert run is not None and (run.plan, run.first_day) == ("everyday", date(2026, 3, 5))
        stopped = plan_state.end(store)
        assert stopped is not None and stopped.stopped is not None
        assert plan_state.active(store) is None
        assert plan_state.end(store) is None


def test_two_terminals_starting_plans_leave_exactly_one_active(tmp_path: Path) -> None:
    path = tmp_path / "facelift.db"
    with Store.open(path) as one, Store.open(path) as two:
        for n in range(6):
            plan_state.begin(one if n % 2 else two, f"plan-{n}", date(2026, 3, 2))
        run = plan_state.active(one)
        assert run is not None and run.plan == "plan-5"
    raw = sqlite3.connect(path)
    counts = raw.execute("SELECT count(*), count(*) - count(stopped) FROM plan_runs").fetchone()
    raw.close()
    assert counts == (6, 1)


def test_the_database_itself_refuses_a_second_active_plan(tmp_path: Path) -> None:
    path = tmp_path / "facelift.db"
    with Store.open(path) as store:
        plan_state.begin(store, "a", date(2026, 3, 2))
        with (
            pytest.raises(FaceliftError, match="UNIQUE constraint failed"),
            store.transaction("cannot start the plan", write=True) as db,
        ):
            db.execute("INSERT INTO plan_runs (plan, first_day, started) VALUES ('b', '', '')")


def test_a_hand_edited_first_day_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "facelift.db"
    with Store.open(path) as store:
        with store.transaction("edit", write=True) as db:
            db.execute("INSERT INTO plan_runs (plan, first_day, started) VALUES ('a', 'x', '')")
        with pytest.raises(FaceliftError) as caught:
            plan_state.active(store)
    assert str(caught.value) == "the active plan's first day is not a date: 'x'"
