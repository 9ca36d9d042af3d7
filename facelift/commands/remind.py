"""`facelift remind --ics`: a calendar of the active plan's coming practice days, each with an
alarm, or a daily reminder without a plan."""

from __future__ import annotations

import sys
from datetime import datetime, time, timezone
from pathlib import Path

from facelift.base import wording
from facelift.base.errors import FaceliftError
from facelift.commands import plan as plan_commands
from facelift.commands.plan import Following, long_date
from facelift.output import ics
from facelift.play.timeline import total_seconds
from facelift.practice.today import last_day, schedule

# A repeating plan has no end: its reminders cover one round, and at least four weeks.
REPEATING_DAYS = 28


def write_calendar(*, output: Path | None, at: str) -> None:
    hour, minute = (int(part) for part in at.split(":"))
    clock = time(hour, minute)
    stamp = datetime.now(timezone.utc)
    on = plan_commands.current_date()
    follow = plan_commands.following()
    if follow is None:
        data = ics.daily_calendar(first=on, at=clock, stamp=stamp)
        said = f"a daily reminder at {at} from {long_date(on)} (no plan is active)"
    else:
        data, said = _plan_calendar(follow, clock, stamp, at)
    if output is None:
        sys.stdout.write(data.decode("utf-8"))
        return
    try:
        output.write_bytes(data)
    except OSError as error:
        raise FaceliftError(f"{output}: cannot write ({error.strerror or error})") from None
    print(f"Wrote {output}: {said}. Import it into your calendar app.")


def _plan_calendar(follow: Following, clock: time, stamp: datetime, at: str) -> tuple[bytes, str]:
    plan, first_day, on = follow.plan, follow.run.first_day, plan_commands.current_date()
    start = max(on, first_day)
    end = last_day(plan, first_day)
    count = (end - start).days + 1 if end else max(len(plan.days), REPEATING_DAYS)
    days = [entry for entry in schedule(plan, first_day, start, count) if not entry[2].rest]
    if not days:
        raise FaceliftError(
            f"{plan.title} is complete, so there is nothing to remind you of; "
            "begin another plan (facelift plan list), or stop it for a daily reminder "
            "(facelift plan stop)"
        )
    routines = {}
    for name in plan.routines:
        routine = follow.plans.routine(name)
        if routine is not None:
            routines[name] = ics.RoutineInfo(routine.title, total_seconds(routine))
    data = ics.plan_calendar(plan=plan, days=days, at=clock, routines=routines, stamp=stamp)
    first, last = days[0][0], days[-1][0]
    events = wording.plural(len(days), "event")
    return data, f"{events} with alarms at {at}, {long_date(first)} to {long_date(last)}"
