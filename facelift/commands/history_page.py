"""`facelift history`: the table of recent sessions, the streak, and a calendar of the weeks.

Rich renderables that fit 80 columns and read without colour (a status is a word, shading
uses different characters); the numbers come from facelift.practice.progress."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from facelift.base import wording
from facelift.base.safetext import terminal_safe
from facelift.format.durations import format_length
from facelift.play.record import SessionRecord
from facelift.practice import continuing
from facelift.practice.progress import (
    _monday,
    _tensions,
    newest_first,
    practice_days,
    shade_level,
    started_at,
    streaks,
)

EMPTY_HISTORY = "No sessions yet. Start one with: facelift start lymphatic"


EMPTY_CALENDAR = "No practice yet: the calendar fills in, a day at a time, as you go."


ACCENT = "cyan"


STATUS_STYLES = {"completed": "green", "stopped": "yellow"}


# The calendar's five shades, by minutes practised in a day: none, under 5, under 15, under 30,
# 30 or more. Different characters, so the grid reads the same without colour.
SHADES = ("··", "░░", "▒▒", "▓▓", "██")


SHADE_STYLES = ("bright_black", "green", "green", "bright_green", "bold bright_green")


WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


DAY_LABEL_WIDTH = 4  # "Mon " before each row of the calendar


CELL_WIDTH = 3  # two characters of shade and a space


def _when(record: SessionRecord) -> str:
    return f"{started_at(record):%Y-%m-%d %H:%M}"


def calendar(days: Mapping[date, float], today: date, weeks: int = 12) -> RenderableType:
    """A GitHub-style grid of the last `weeks` weeks: a row a weekday (Mon..Sun), a column a
    week (the last one holds today), each day shaded by its minutes, month names above and a
    legend below. The days after today are left blank. Up to 25 weeks fit 80 columns.
    """
    if weeks < 1:
        raise ValueError(f"weeks must be 1 or more, not {weeks}")
    if not any(minutes > 0 for minutes in days.values()):
        return Text(EMPTY_CALENDAR)
    first = _monday(today) - timedelta(weeks=weeks - 1)
    shown = {day: minutes for day, minutes in days.items() if first <= day <= today}
    practised = sum(1 for minutes in shown.values() if minutes > 0)
    header = Text(f"Last {weeks} weeks", style="bold")
    practice_time = wording.practice_time(sum(shown.values()) * 60)
    header.append(f": {wording.plural(practised, 'day')} practised, {practice_time}")
    rows = []
    for weekday, name in enumerate(WEEKDAYS):
        row = Text(f"{name:<{DAY_LABEL_WIDTH}}", style="dim")
        for column in range(weeks):
            day = first + timedelta(days=7 * column + weekday)
            if column:
                row.append(" ")
            if day > today:
                row.append("  ")
                continue
            level = shade_level(shown.get(day, 0.0))
            row.append(SHADES[level], style=SHADE_STYLES[level])
        row.rstrip()  # the blank days after today
        rows.append(row)
    legend = Text("A cell a day: ", style="dim")
    for level, words in enumerate(("none", "<5 min", "<15", "<30", "30+")):
        legend.append(SHADES[level], style=SHADE_STYLES[level])
        legend.append(f" {words}" + ("  " if level < len(SHADES) - 1 else ""), style="dim")
    return Group(header, _month_labels(first, weeks), *rows, legend)


def _month_labels(first: date, weeks: int) -> Text:
    """Month names over the week columns whose Monday starts a new month, and over the first
    column; a name that would run into the next one is left out."""
    labels: dict[int, date] = {}
    previous_month = None
    for column in range(weeks):
        monday = first + timedelta(weeks=column)
        if monday.month != previous_month:
            labels[column] = monday
            previous_month = monday.month
    line = [" "] * (DAY_LABEL_WIDTH + CELL_WIDTH * weeks)
    next_start = len(line) + 1
    for column in sorted(labels, reverse=True):
        name = f"{labels[column]:%b}"
        start = DAY_LABEL_WIDTH + CELL_WIDTH * column
        if start + len(name) >= next_start:
            continue
        line[start : start + len(name)] = name
        next_start = start
    return Text("".join(line).rstrip(), style="dim")


def history_table(
    records: Sequence[SessionRecord], today: date, limit: int | None = 20
) -> RenderableType:
    """The newest `limit` sessions (all when None) as a table: started, routine, time played,
    completed or stopped, tension before → after; then a line with the count, the total time
    and the streaks (which is why it needs `today`)."""
    if not records:
        return Text(EMPTY_HISTORY)
    ordered = newest_first(records)
    shown = ordered if limit is None else ordered[: max(0, limit)]
    oldest = ordered[::-1]
    goes_on = {id(oldest[i]): oldest[j] for i, j in continuing.links(oldest).items()}
    table = Table(box=None, header_style="bold", pad_edge=False, padding=(0, 2, 0, 0))
    table.add_column("started", no_wrap=True)
    table.add_column("routine", ratio=1)
    table.add_column("played", justify="right", no_wrap=True)
    table.add_column("status", ratio=1)  # wraps: skips and resumes make it long
    table.add_column("tension", no_wrap=True)
    for record in shown:
        table.add_row(
            _when(record),
            Text(title_of(record)),
            format_length(record.active_seconds),
            Text(
                _status(record, goes_on.get(id(record))), style=STATUS_STYLES.get(record.status, "")
            ),
            wording.tension_text(*_tensions(record.journal)),
        )
    current, longest = streaks(practice_days(records), today)
    total = sum(max(0.0, record.active_seconds) for record in records)
    sessions = wording.plural(len(records) - len(goes_on), "session")
    resumed = f" (and {len(goes_on)} resumed)" if goes_on else ""
    summary = Text(
        f"{sessions}{resumed}, {wording.practice_time(total)} in all; "
        f"streak: {wording.plural(current, 'day')} (longest {longest:,})"
    )
    parts: list[RenderableType] = [table, Text(""), summary]
    if len(shown) < len(records):
        parts.append(
            Text(f"The newest {len(shown):,} of {len(records):,} sessions are shown.", style="dim")
        )
    return Group(*parts)


def title_of(record: SessionRecord) -> str:
    """The routine's title, marked when it was played from a file rather than by name."""
    title = terminal_safe(record.title)
    return f"{title} (from a file)" if record.path is not None else title


def _status(record: SessionRecord, continues: SessionRecord | None) -> str:
    """`completed`, `stopped`, with the steps skipped and the session it goes on from."""
    words = [terminal_safe(record.status)]
    skipped, steps = continuing.skipped_steps(record)
    if skipped:
        words.append(f"{skipped} of {wording.plural(steps, 'step')} skipped")
    if continues is not None:
        same_day = started_at(continues).date() == started_at(record).date()
        when = f"{started_at(continues):%H:%M}" if same_day else _when(continues)
        words.append(f"resumed from {when}")
    return ", ".join(words)


def history_view(
    records: Sequence[SessionRecord], today: date, limit: int | None = 20, weeks: int = 12
) -> RenderableType:
    """`facelift history`: the table and its summary line, then the calendar."""
    if not records:
        return Text(EMPTY_HISTORY)
    return Group(
        history_table(records, today, limit),
        Text(""),
        calendar(practice_days(records), today, weeks),
    )
