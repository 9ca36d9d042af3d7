"""What a plan holds on a date, and how it has gone: pure functions of plan, dates and records."""

from __future__ import annotations

from datetime import date, timedelta

from facelift.format.plan import Day, Plan
from facelift.play.record import SessionRecord, SessionStatus
from facelift.practice.today import (
    ACTIVE,
    FINISHED,
    UPCOMING,
    Due,
    locate,
    progress,
    schedule,
    today,
)

PLAN = Plan(
    name="p",
    title="P",
    days=(Day(("a",)), Day(("a", "b")), Day()),
)
FIRST = date(2026, 3, 2)


def session(routine: str, started: str, status: str = "completed") -> SessionRecord:
    return SessionRecord(routine, routine.upper(), started, SessionStatus(status), 60.0, 60.0, 0.0)


def test_days_count_from_day_one_and_end_or_repeat() -> None:
    """Before day 1: upcoming; past the last day: finished, unless the plan repeats."""
    assert locate(PLAN, FIRST, FIRST - timedelta(days=1)) == (UPCOMING, None, 1)
    assert locate(PLAN, FIRST, FIRST) == (ACTIVE, 1, 1)
    assert locate(PLAN, FIRST, FIRST + timedelta(days=2)) == (ACTIVE, 3, 1)
    assert locate(PLAN, FIRST, FIRST + timedelta(days=3)) == (FINISHED, None, 1)
    repeating = Plan("r", "R", PLAN.days, repeat=True)
    assert locate(repeating, FIRST, FIRST + timedelta(days=4)) == (ACTIVE, 2, 2)


def test_a_routine_is_done_when_a_completed_session_of_it_started_that_day() -> None:
    """Stopped sessions and other days do not count; the local date as written does."""
    on = FIRST + timedelta(days=1)
    records = [
        session("a", "2026-03-03T23:50:00+09:00"),
        session("b", "2026-03-03T10:00:00+01:00", status="stopped"),
        session("b", "2026-03-02T10:00:00+01:00"),
    ]
    now = today(PLAN, FIRST, on, records)
    assert (now.status, now.day, now.rest) == (ACTIVE, 2, False)
    assert now.sessions == (Due("a", True), Due("b", False))
    assert now.next_due == "b"
    assert now.to_json() == {
        "plan": "p",
        "title": "P",
        "status": "active",
        "day": 2,
        "days": 3,
        "date": "2026-03-03",
        "rest": False,
        "sessions": [{"routine": "a", "done": True}, {"routine": "b", "done": False}],
    }


def test_a_rest_day_holds_nothing() -> None:
    now = today(PLAN, FIRST, FIRST + timedelta(days=2), [])
    assert (now.rest, now.sessions, now.next_due) == (True, (), None)


def test_schedule_lists_the_dates_inside_the_plan() -> None:
    found = schedule(PLAN, FIRST, FIRST - timedelta(days=1), 10)
    assert [(on.day, number) for on, number, _ in found] == [(2, 1), (3, 2), (4, 3)]


def test_progress_counts_kept_partly_and_missed_days_and_spares_today() -> None:
    """A longer repeating plan: day 1 kept, day 2 in part, rest day aside, day 4 missed; today
    (day 5) is not missed while nothing is done yet."""
    plan = Plan("r", "R", PLAN.days, repeat=True)
    records = [session("a", "2026-03-02T08:00:00"), session("b", "2026-03-03T08:00:00")]
    done = progress(plan, FIRST, FIRST + timedelta(days=4), records)
    assert (done.kept, done.partly, done.missed, done.practice_days) == (1, 1, 1, 3)
    assert done.today.day == 2 and done.today.round == 2
    records.append(session("a", "2026-03-06T19:00:00"))
    assert progress(plan, FIRST, FIRST + timedelta(days=4), records).practice_days == 3
    records.append(session("b", "2026-03-06T19:30:00"))
    assert progress(plan, FIRST, FIRST + timedelta(days=4), records).kept == 2


def test_progress_stops_at_the_plans_end() -> None:
    done = progress(PLAN, FIRST, FIRST + timedelta(days=30), [])
    assert (done.missed, done.today.status) == (2, FINISHED)
