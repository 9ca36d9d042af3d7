"""Progress as numbers: streaks, practice days, weeks and journal entries.

Everything here is a pure function of a sequence of `SessionRecord`s and of `today`, which the
caller passes in: nothing reads the clock, the database or the terminal. The records may come
in any order (`Store.saved_sessions()` gives them oldest first) and are sorted by the instant
each session started. The pages that show them are facelift.commands.history_page,
journal_page and stats_page.

A session belongs to the local day written in its `started` time (`2026-11-24T23:50:00+01:00`
is a session of 24 November, whatever its UTC offset), and all its active time counts on that
day, even when it runs past midnight. Weeks start on Monday.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from facelift.base import wording
from facelift.base.safetext import terminal_safe
from facelift.play.journal import Journal
from facelift.play.record import SessionRecord

SHADE_LIMITS = (5.0, 15.0, 30.0)  # the upper bounds (exclusive) of shades 1, 2 and 3


def started_at(record: SessionRecord) -> datetime:
    """When the session started, as written: its own wall-clock time and UTC offset.

    A trailing `Z` is read as UTC (Python 3.10's `fromisoformat` does not know it).
    """
    text = record.started
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    return datetime.fromisoformat(text)


def _instant(moment: datetime) -> datetime:
    """An aware UTC instant for ordering; a time without an offset is taken as UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def newest_first(records: Sequence[SessionRecord]) -> list[SessionRecord]:
    """The records by the instant they started, newest first; ties keep the later one first."""
    keyed = sorted(
        ((_instant(started_at(record)), index) for index, record in enumerate(records)),
        reverse=True,
    )
    return [records[index] for _, index in keyed]


def practice_days(records: Sequence[SessionRecord]) -> dict[date, float]:
    """Minutes of active time (pauses left out) per local day, the day each session started."""
    days: dict[date, float] = {}
    for record in records:
        day = started_at(record).date()
        days[day] = days.get(day, 0.0) + max(0.0, record.active_seconds) / 60
    return days


def streaks(days: Mapping[date, float], today: date) -> tuple[int, int]:
    """The current and the longest run of consecutive days practised (more than 0 minutes).

    The current streak runs back from today, or from yesterday when today has not been
    practised yet (the day is not over); otherwise it is 0.
    """
    practised = sorted(day for day, minutes in days.items() if minutes > 0)
    longest = run = 0
    previous: date | None = None
    for day in practised:
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    practised_set = set(practised)
    one_day = timedelta(days=1)
    day = today if today in practised_set else today - one_day
    current = 0
    while day in practised_set:
        current += 1
        day -= one_day
    return current, longest


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def shade_level(minutes: float) -> int:
    """The calendar shade 0-4 for a day's minutes: 0, under 5, under 15, under 30, 30 or more."""
    if minutes <= 0:
        return 0
    for level, limit in enumerate(SHADE_LIMITS, start=1):
        if minutes < limit:
            return level
    return len(SHADE_LIMITS) + 1


def _tensions(journal: Journal | None) -> tuple[int | None, int | None]:
    """The tension before and after of a session's journal, each None when not rated."""
    return (None, None) if journal is None else (journal.tension_before, journal.tension_after)


@dataclass(frozen=True)
class JournalEntry:
    """What a person wrote after one session, with the session it belongs to."""

    started: datetime  # as written, with its own UTC offset
    routine: str
    title: str
    status: str
    active_seconds: float
    tension_before: int | None
    tension_after: int | None
    answers: tuple[tuple[str, str], ...]  # (prompt, answer); blank answers left out
    note: str | None  # without surrounding blank space; None when blank

    @property
    def tension(self) -> str:
        """`7 → 3`, or "" when no tension was rated."""
        return wording.tension_text(self.tension_before, self.tension_after)

    @property
    def change(self) -> str:
        """`eased by 4`, `rose by 1`, `unchanged`, or ""."""
        return wording.tension_change(self.tension_before, self.tension_after)


def _answers(journal: Journal) -> tuple[tuple[str, str], ...]:
    pairs = []
    for prompt, answer in journal.answers:
        text = answer.strip()
        if text:
            pairs.append((terminal_safe(prompt).strip(), terminal_safe(text)))
    return tuple(pairs)


def _entry(record: SessionRecord) -> JournalEntry | None:
    journal = record.journal
    if journal is None:
        return None
    note = terminal_safe(journal.note).strip() if journal.note is not None else ""
    entry = JournalEntry(
        started=started_at(record),
        routine=record.routine,
        title=terminal_safe(record.title),
        status=terminal_safe(record.status),
        active_seconds=record.active_seconds,
        tension_before=journal.tension_before,
        tension_after=journal.tension_after,
        answers=_answers(journal),
        note=note or None,
    )
    written = entry.note or entry.answers
    rated = entry.tension_before is not None or entry.tension_after is not None
    return entry if written or rated else None


def journal_entries(records: Sequence[SessionRecord]) -> list[JournalEntry]:
    """The journal, newest first: the sessions with a note, an answer or a tension rating."""
    entries = (_entry(record) for record in newest_first(records))
    return [entry for entry in entries if entry is not None]


def weekly_minutes(
    days: Mapping[date, float], today: date, weeks: int = 12
) -> list[tuple[date, float]]:
    """(Monday, minutes) for each of the last `weeks` weeks, oldest first; the last is the
    week of today, so far."""
    first = _monday(today) - timedelta(weeks=weeks - 1)
    totals = [0.0] * weeks
    for day, minutes in days.items():
        if first <= day <= today:
            totals[(day - first).days // 7] += minutes
    return [(first + timedelta(weeks=index), total) for index, total in enumerate(totals)]


def _average(values: Iterable[int | None]) -> float | None:
    known = [value for value in values if value is not None]
    return sum(known) / len(known) if known else None
