"""`facelift stats`: minutes per week, tension before and after over time, sessions per routine."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from facelift.base import wording
from facelift.commands.history_page import ACCENT, title_of
from facelift.play.record import SessionRecord
from facelift.practice import continuing
from facelift.practice.progress import (
    _average,
    _monday,
    journal_entries,
    newest_first,
    practice_days,
    weekly_minutes,
)

EMPTY_STATS = "No sessions yet, so nothing to count. Start one with: facelift start lymphatic"
NO_TENSION = "No tension ratings yet: they are asked for after each session."


BAR_WIDTH = 46  # the longest bar of the weekly chart, in characters


EIGHTHS = " ▏▎▍▌▋▊▉"  # a bar's last, partial character


SPARKS = "▁▂▃▄▅▆▇█"  # tension 0-10, as bar heights


TREND_SESSIONS = 20


def _bar(value: float, most: float, width: int = BAR_WIDTH) -> str:
    if most <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / most * width * 8))
    full, part = divmod(eighths, 8)
    return "█" * full + (EIGHTHS[part] if part else "")


def _week_chart(records: Sequence[SessionRecord], today: date, weeks: int) -> list[Text]:
    days = practice_days(records)
    # counted from the week of the first session: no empty weeks before it, in the average
    first = min((day for day in days if day <= today), default=today)
    weeks = max(1, min(weeks, (_monday(today) - _monday(first)).days // 7 + 1))
    totals = weekly_minutes(days, today, weeks)
    most = max(minutes for _, minutes in totals)
    lines = [Text(f"Minutes per week, last {wording.plural(weeks, 'week')}", style="bold")]
    for monday, minutes in totals:
        line = Text(f"{monday:%b} {monday.day:>2}  ", style="dim")
        line.append(f"{_bar(minutes, most):<{BAR_WIDTH}}", style=ACCENT)
        shown = "<1" if 0 < minutes < 0.5 else str(round(minutes))
        line.append(f"  {shown:>4} min")
        if monday == _monday(today):
            line.append(" so far", style="dim")
        lines.append(line)
    whole = sum(minutes for _, minutes in totals)
    if weeks == 1:
        summary = f"{wording.practice_time(whole * 60)} this week, the first"
    else:
        summary = (
            f"{wording.practice_time(whole * 60)} in {weeks} weeks since the first session, "
            f"{round(whole / weeks)} min a week on average"
        )
    lines.append(Text(summary, style="dim"))
    return lines


def _spark(value: int | None) -> str:
    if value is None:
        return "  "
    return SPARKS[round(min(10, max(0, value)) * (len(SPARKS) - 1) / 10)] * 2


def _tension_trend(records: Sequence[SessionRecord], sessions: int) -> list[Text]:
    rated = [
        entry
        for entry in journal_entries(records)
        if entry.tension_before is not None or entry.tension_after is not None
    ][:sessions][::-1]
    if not rated:
        return [Text("Tension before and after", style="bold"), Text(NO_TENSION)]
    lines = [
        Text(
            f"Tension before and after, last {wording.plural(len(rated), 'rated session')}",
            style="bold",
        ),
        Text("0 calm … 10 tense; oldest on the left", style="dim"),
    ]
    for label, values in (
        ("before", [entry.tension_before for entry in rated]),
        ("after", [entry.tension_after for entry in rated]),
    ):
        line = Text(f"{label:<7}", style="dim")
        line.append(" ".join(_spark(value) for value in values), style=ACCENT)
        mean = _average(values)
        if mean is not None:
            line.append(f"  avg {mean:.1f}")
        lines.append(line)
    both = [
        (entry.tension_before, entry.tension_after)
        for entry in rated
        if entry.tension_before is not None and entry.tension_after is not None
    ]
    if both:
        eased = sum(1 for before, after in both if after < before)
        change = sum(before - after for before, after in both) / len(both)
        counted = (
            f"Tension eased in {eased} of {wording.plural(len(both), 'session')} with both ratings"
        )
        if change >= 0:
            lines.append(Text(f"{counted}, by {change:.1f} on average."))
        else:
            lines.append(Text(f"{counted}; on average it rose by {-change:.1f}."))
    return lines


def _routine_table(records: Sequence[SessionRecord]) -> Table:
    counts: dict[str, list[Any]] = {}  # routine -> [title, sessions, completed, seconds]
    ordered = newest_first(records)
    oldest = ordered[::-1]
    resumed = {id(oldest[index]) for index in continuing.links(oldest)}
    for record in ordered:  # the newest title names the routine
        row = counts.setdefault(record.routine, [title_of(record), 0, 0, 0.0])
        row[1] += id(record) not in resumed  # a resumed session goes on with one counted
        row[2] += record.status == "completed"
        row[3] += max(0.0, record.active_seconds)
    table = Table(
        box=None,
        header_style="bold",
        pad_edge=False,
        padding=(0, 2, 0, 0),
        show_footer=len(counts) > 1,
    )
    table.add_column("routine", ratio=1, footer="all")
    table.add_column("sessions", justify="right", footer=f"{len(records) - len(resumed):,}")
    done = sum(1 for record in records if record.status == "completed")
    table.add_column("completed", justify="right", footer=f"{done:,}")
    seconds = sum(max(0.0, record.active_seconds) for record in records)
    table.add_column("minutes", justify="right", footer=f"{round(seconds / 60):,}")
    for title, sessions, completed, total in sorted(
        counts.values(), key=lambda row: (-row[1], row[0])
    ):
        table.add_row(Text(title), f"{sessions:,}", f"{completed:,}", f"{round(total / 60):,}")
    return table


def stats_view(
    records: Sequence[SessionRecord],
    today: date,
    weeks: int = 12,
    sessions: int = TREND_SESSIONS,
) -> RenderableType:
    """`facelift stats`: minutes per week for the last `weeks` weeks as bars, tension before
    and after over the last `sessions` rated sessions as two rows of bar heights, and the
    sessions, completed sessions and minutes per routine."""
    if not records:
        return Text(EMPTY_STATS)
    if weeks < 1:
        raise ValueError(f"weeks must be 1 or more, not {weeks}")
    return Group(
        *_week_chart(records, today, weeks),
        Text(""),
        *_tension_trend(records, sessions),
        Text(""),
        Text("Sessions per routine", style="bold"),
        _routine_table(records),
    )
