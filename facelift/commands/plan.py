"""`facelift plan list|show|start|stop`, `facelift today`, and what `start` with no NAME plays:
the plans, the store's active plan and the history, put into words."""

from __future__ import annotations

import json
import sys
import textwrap
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from facelift.base import paths, wording
from facelift.base.errors import FaceliftError
from facelift.format.durations import format_length
from facelift.format.plan import Day, Plan
from facelift.format.plans_library import PlanEntry, Plans
from facelift.play.timeline import total_seconds
from facelift.practice.plan_state import PlanRun
from facelift.practice.store import Store
from facelift.practice.today import (
    ACTIVE,
    FINISHED,
    UPCOMING,
    Progress,
    Today,
    last_day,
    locate,
    progress,
    today,
)

FIRST_PLAN = "four-weeks"
AFTER_A_PLAN = "everyday"


class Hint(FaceliftError):
    """Nothing to play, and what to do instead: one line, exit status 1, not an error."""


def current_date() -> date:
    """Today's local date (the one place the plan commands read the clock)."""
    return date.today()


def long_date(day: date) -> str:
    return f"{day:%a} {day.day} {day:%b %Y}"


@dataclass(frozen=True)
class Following:
    """The plan a person follows: its run in the store, the plan as read, and where plans are."""

    run: PlanRun
    plan: Plan
    plans: Plans


def following(plans: Plans | None = None) -> Following | None:
    """The active plan, loaded and checked; None when no plan is active."""
    from facelift.practice import plan_state

    database = paths.database_path()
    if not database.exists():  # no history yet, so no plan either: reading makes nothing
        return None
    with Store.open_readonly(database) as store:
        run = plan_state.active(store)
    if run is None:
        return None
    plans = plans or Plans.default()
    try:
        plan = plans.open(run.plan, exact=True)
    except FaceliftError as error:
        reason = str(error).splitlines()[0]
        raise FaceliftError(
            f"your plan '{run.plan}' cannot be read ({reason}); "
            "fix it, or stop it with: facelift plan stop"
        ) from None
    return Following(run, plan, plans)


def _sessions() -> list[Any]:
    from facelift.practice import history

    return history.read(paths.database_path(), steps=False).records


def _today(follow: Following) -> Today:
    return today(follow.plan, follow.run.first_day, current_date(), _sessions())


# -- plan list / show ------------------------------------------------------------------------


def list_plans(*, as_json: bool) -> None:
    plans = Plans.default()
    entries = plans.entries()
    if as_json:
        print(json.dumps([_entry_data(e) for e in entries], indent=2, ensure_ascii=False))
    else:
        rows = [["name", "title", "days", "from"]]
        for entry in entries:
            if entry.plan is not None:
                days = f"{len(entry.plan.days)}{', repeating' if entry.plan.repeat else ''}"
                source = "user, overrides built-in" if entry.overrides else entry.source
                rows.append([entry.name, entry.plan.title, days, source])
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        for row in rows:
            print(
                "  ".join(
                    cell.ljust(width) for cell, width in zip(row, widths, strict=True)
                ).rstrip()
            )
    for entry in entries:
        if entry.plan is None:
            print(
                f"warning: {entry.path} has errors; see: facelift validate {entry.path}",
                file=sys.stderr,
            )


def _entry_data(entry: PlanEntry) -> dict[str, Any]:
    plan = entry.plan
    return {
        "name": entry.name,
        "title": plan.title if plan else None,
        "days": len(plan.days) if plan else None,
        "repeat": plan.repeat if plan else None,
        "source": entry.source,
        "overrides": entry.overrides,
        "path": str(entry.path),
        "valid": plan is not None,
    }


def show_plan(target: str) -> None:
    plans = Plans.default()
    plan = plans.open(target)
    follow = following(plans)
    first_day = None
    if follow and follow.plan.name == plan.name:  # dated, in the round being played
        _, _, round_ = locate(plan, follow.run.first_day, current_date())
        first_day = follow.run.first_day + timedelta(days=len(plan.days) * (round_ - 1))
    length = f"{len(plan.days)} days{', repeating' if plan.repeat else ''}"
    print(f"{plan.title} · {length}")
    for text in (plan.summary, plan.description):
        if text:
            print()
            for paragraph in text.splitlines():
                print(textwrap.fill(paragraph, 88) if paragraph.strip() else "")
    width = max(len(_names(day)) for day in plan.days)
    on = current_date()
    for number, day in enumerate(plan.days, 1):
        if number % 7 == 1 and len(plan.days) > 7:
            print(f"\nWeek {number // 7 + 1}")
        elif number == 1:
            print()
        when = mark = ""
        if first_day is not None:  # the plan being followed: each day's date, and today's
            dated = first_day + timedelta(days=number - 1)
            when, mark = f"{long_date(dated):15}  ", "  <- today" if dated == on else ""
        length = "" if day.rest else format_length(_seconds(plans, day))
        print(f"  Day {number:<3} {when}{_names(day):{width}}  {length:>5}{mark}".rstrip())
    if first_day is None:
        print(f"\nBegin it with: facelift plan start {plan.name}")


def _names(day: Day) -> str:
    return ", ".join(day.routines) if day.routines else "rest"


def _seconds(plans: Plans, day: Day) -> float:
    routines = [plans.routine(name) for name in day.routines]
    return sum(total_seconds(routine) for routine in routines if routine is not None)


# -- plan start / stop -----------------------------------------------------------------------


def start_plan(target: str, first_day: date | None) -> None:
    from facelift.practice import plan_state

    plans = Plans.default()
    if "/" in target or target.endswith((".yaml", ".yml")):
        raise FaceliftError(
            f"plan start takes a plan's name; put the file in {paths.user_plans_dir()} first"
        )
    plan = plans.open(target)
    on = current_date()
    first = first_day or on
    end = last_day(plan, first)
    if end is not None and end < on:
        raise FaceliftError(
            f"--from {first.isoformat()}: {plan.title} would have ended on {long_date(end)}; "
            "choose a later day 1"
        )
    with Store.open(paths.database_path()) as store:
        replaced = plan_state.begin(store, plan.name, first)
    if replaced is not None:
        print(f"Stopped {replaced.plan} (begun {long_date(replaced.first_day)}).")
    days = wording.plural(len(plan.days), "day")
    span = (
        f"{long_date(first)} to {long_date(end)}" if end else f"from {long_date(first)}, repeating"
    )
    print(f"Following {plan.title}: {days}, {span}.")
    show_today(as_json=False)


def stop_plan() -> None:
    from facelift.practice import plan_state

    with Store.open(paths.database_path()) as store:
        stopped = plan_state.end(store)
    if stopped is None:
        print("No plan is active; nothing to stop.")
        return
    print(
        f"Stopped {stopped.plan}. Your history keeps every session; "
        "facelift plan list shows the plans."
    )


# -- today -----------------------------------------------------------------------------------


def show_today(*, as_json: bool) -> None:
    follow = following()
    on = current_date()
    if follow is None:
        if as_json:
            print(json.dumps(_no_plan(on), indent=2))
        else:
            print(
                f"No plan is active. See the plans: facelift plan list; "
                f"begin one: facelift plan start {FIRST_PLAN}"
            )
        return
    now = _today(follow)
    if as_json:
        print(json.dumps(now.to_json(), indent=2, ensure_ascii=False))
        return
    for line in _today_lines(follow, now):
        print(line)


def _no_plan(on: date) -> dict[str, Any]:
    """`today --json` without a plan: the same keys, nothing due."""
    return {
        "plan": None,
        "title": None,
        "status": "none",
        "day": None,
        "days": None,
        "date": on.isoformat(),
        "rest": False,
        "sessions": [],
    }


def _today_lines(follow: Following, now: Today) -> list[str]:
    plan = follow.plan
    if now.status == UPCOMING:
        wait = (follow.run.first_day - now.date).days
        return [
            f"{plan.title} begins on {long_date(follow.run.first_day)} "
            f"(in {wording.plural(wait, 'day')})."
        ]
    if now.status == FINISHED:
        done = progress(plan, follow.run.first_day, now.date, _sessions())
        return [
            f"You completed {plan.title}: {_kept(done)}. "
            f"To go on: facelift plan start {AFTER_A_PLAN}"
        ]
    lines = [f"{plan.title} · {_day_words(now)} · {long_date(now.date)}"]
    if now.rest:
        return [*lines, f"A rest day. Tomorrow: {_tomorrow(follow, now)}."]
    width = max(len(due.routine) for due in now.sessions)
    for due in now.sessions:
        routine = follow.plans.routine(due.routine)
        about = f"{routine.title}, {format_length(total_seconds(routine))}" if routine else ""
        lines.append(
            f"  {'done ' if due.done else 'to do'}  {due.routine:{width}}  {about}".rstrip()
        )
    if now.next_due is None:
        return [*lines, f"All done for today. Tomorrow: {_tomorrow(follow, now)}."]
    return [*lines, f"Next: facelift start (plays {now.next_due})"]


def _kept(done: Progress) -> str:
    days = "day" if done.practice_days == 1 else "days"
    return f"{done.kept} of {done.practice_days} practice {days} kept"


def _day_words(now: Today) -> str:
    words = f"day {now.day} of {len(now.plan.days)}"
    return f"{words}, round {now.round}" if now.round > 1 else words


def _tomorrow(follow: Following, now: Today) -> str:
    after = today(follow.plan, follow.run.first_day, now.date + timedelta(days=1), [])
    if after.status != ACTIVE:
        return "the plan is complete"
    return "a rest day" if after.rest else ", ".join(due.routine for due in after.sessions)


def next_due() -> str:
    """The routine `start` with no NAME plays, said aloud; a Hint when there is none."""
    follow = following()
    example = "name a routine (facelift start lymphatic)"
    if follow is None:
        raise Hint(
            f"No plan is active, so nothing is due: {example}, "
            f"or begin a plan (facelift plan start {FIRST_PLAN})"
        )
    now, title = _today(follow), follow.plan.title
    if now.status == UPCOMING:
        raise Hint(f"{title} begins on {long_date(follow.run.first_day)}; until then {example}")
    if now.status == FINISHED:
        raise Hint(f"{title} is complete: {example}, or begin another plan (facelift plan list)")
    if now.rest:
        raise Hint(f"Today is a rest day in {title} (day {now.day}); to practise anyway, {example}")
    name = now.next_due
    if name is None:
        raise Hint(
            f"Nothing left today: day {now.day} of {title} is done. "
            f"Tomorrow: {_tomorrow(follow, now)}."
        )
    position = [due.routine for due in now.sessions].index(name) + 1
    print(f"Today in {title}, {_day_words(now)}: {name} ({position} of {len(now.sessions)}).")
    return name


def progress_line() -> str | None:
    """How the active plan is going, for `history` and `stats`; None without one."""
    try:
        follow = following()
    except FaceliftError:  # the history still shows; `today` says what is wrong
        return None
    if follow is None:
        return None
    plan, first = follow.plan, follow.run.first_day
    done = progress(plan, first, current_date(), _sessions())
    if done.today.status == UPCOMING:
        return f"Plan: {plan.title} begins on {long_date(first)}."
    kept = _kept(done)
    if done.today.status == FINISHED:
        return f"Plan: {plan.title}, complete: {kept}."
    others = [
        f"{count} {word}"
        for count, word in ((done.partly, "in part"), (done.missed, "missed"))
        if count
    ]
    so_far = f": {kept} so far" + (f" ({', '.join(others)})" if others else "")
    return f"Plan: {plan.title}, {_day_words(done.today)}{so_far if done.practice_days else ''}."
