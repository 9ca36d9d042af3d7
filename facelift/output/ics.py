"""Reminders as an RFC 5545 calendar any calendar app imports: one event with an alarm for
each practice day of a plan, or one daily event without a plan. Pure: the dates, the time
and the routines' lengths come in; the calendar's bytes go out.

Times are floating (no time zone): 08:00 stays 08:00 wherever the calendar is. Each event's
UID is made of its date and plan, so importing a newer file updates the events it replaces.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from icalendar import Alarm, Calendar, Event

from facelift import __version__
from facelift.format.durations import format_length
from facelift.format.plan import Day, Plan

PRODID = f"-//facelift//facelift {__version__}//EN"
DAILY_MINUTES = 10


@dataclass(frozen=True)
class RoutineInfo:
    """What an event says of a routine: its title and how long it plays."""

    title: str
    seconds: float


def plan_calendar(
    *,
    plan: Plan,
    days: Sequence[tuple[date, int, Day]],
    at: time,
    routines: Mapping[str, RoutineInfo],
    stamp: datetime,
) -> bytes:
    """An event at `at` on each practice day given (rest days get none), alarm at its start."""
    calendar = _calendar(f"facelift: {plan.title}")
    for on, number, day in days:
        if day.rest:
            continue
        infos = [routines.get(name, RoutineInfo(name, 0.0)) for name in day.routines]
        seconds = sum(info.seconds for info in infos)
        summary = "facelift: " + " + ".join(info.title for info in infos)
        lines = [f"{plan.title}, day {number} of {len(plan.days)}."]
        lines += [
            f"- {info.title} ({name}), {format_length(info.seconds)}"
            for name, info in zip(day.routines, infos, strict=True)
        ]
        lines += [f"In all {format_length(seconds)}. Begin with: facelift start"]
        calendar.add_component(
            _event(
                uid=f"{on:%Y%m%d}-{plan.name}@facelift",
                summary=summary,
                description="\n".join(lines),
                start=datetime.combine(on, at),
                minutes=max(1, math.ceil(seconds / 60)),
                stamp=stamp,
            )
        )
    return bytes(calendar.to_ical())


def daily_calendar(*, first: date, at: time, stamp: datetime) -> bytes:
    """One event a day from `first` on, with an alarm: a reminder without a plan."""
    calendar = _calendar("facelift")
    event = _event(
        uid=f"daily-{first:%Y%m%d}@facelift",
        summary="facelift: a few minutes for your face",
        description=(
            "Play a routine: facelift start lymphatic (facelift list shows them all).\n"
            "For a plan of days over weeks: facelift plan list"
        ),
        start=datetime.combine(first, at),
        minutes=DAILY_MINUTES,
        stamp=stamp,
    )
    event.add("rrule", {"freq": "daily"})
    calendar.add_component(event)
    return bytes(calendar.to_ical())


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _event(
    *, uid: str, summary: str, description: str, start: datetime, minutes: int, stamp: datetime
) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp.astimezone(timezone.utc))
    event.add("dtstart", start)
    event.add("duration", timedelta(minutes=minutes))
    event.add("summary", summary)
    event.add("description", description)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", timedelta(0))
    event.add_component(alarm)
    return event
