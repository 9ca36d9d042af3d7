"""Progress: the history table, streaks, a practice calendar, the journal and stats.

Everything here is a pure function of a sequence of `SessionRecord`s and of `today`, which the
caller passes in: nothing reads the clock, the database or the terminal. The records may come
in any order (`Store.saved_sessions()` gives them oldest first); the views sort them by the
instant each session started. The views are Rich renderables that fit 80 columns and read
without colour: a status is a word, shading uses different characters, a trend uses bar
heights. The journal's markdown export is plain text.

A session belongs to the local day written in its `started` time (`2026-11-24T23:50:00+01:00`
is a session of 24 November, whatever its UTC offset), and all its active time counts on that
day, even when it runs past midnight. Weeks start on Monday.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from facelift.base import wording
from facelift.base.safetext import markdown_inline, markdown_lines, terminal_safe
from facelift.format.durations import format_length
from facelift.play.record import SessionRecord
from facelift.practice import continuing

__all__ = [
    "SHADES",
    "JournalEntry",
    "calendar",
    "history_table",
    "history_view",
    "journal_entries",
    "journal_markdown",
    "journal_text",
    "newest_first",
    "practice_days",
    "shade_level",
    "started_at",
    "stats_view",
    "streaks",
    "tension_change",
    "tension_text",
    "weekly_minutes",
]

EMPTY_HISTORY = "No sessions yet. Start one with: facelift start lymphatic"
EMPTY_CALENDAR = "No practice yet: the calendar fills in, a day at a time, as you go."
EMPTY_JOURNAL = "No journal entries yet. After a session, facelift asks how it went."
EMPTY_STATS = "No sessions yet, so nothing to count. Start one with: facelift start lymphatic"
NO_TENSION = "No tension ratings yet: they are asked for after each session."

ACCENT = "cyan"
STATUS_STYLES = {"completed": "green", "stopped": "yellow"}

# The calendar's five shades, by minutes practised in a day: none, under 5, under 15, under 30,
# 30 or more. Different characters, so the grid reads the same without colour.
SHADES = ("··", "░░", "▒▒", "▓▓", "██")
SHADE_STYLES = ("bright_black", "green", "green", "bright_green", "bold bright_green")
SHADE_LIMITS = (5.0, 15.0, 30.0)  # the upper bounds (exclusive) of shades 1, 2 and 3
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DAY_LABEL_WIDTH = 4  # "Mon " before each row of the calendar
CELL_WIDTH = 3  # two characters of shade and a space

BAR_WIDTH = 46  # the longest bar of the weekly chart, in characters
EIGHTHS = " ▏▎▍▌▋▊▉"  # a bar's last, partial character
SPARKS = "▁▂▃▄▅▆▇█"  # tension 0-10, as bar heights
TREND_SESSIONS = 20


# -- records -------------------------------------------------------------------------------


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


_hours_minutes = wording.practice_time
_plural = wording.plural


def _when(record: SessionRecord) -> str:
    return f"{started_at(record):%Y-%m-%d %H:%M}"


# -- calendar ------------------------------------------------------------------------------


def shade_level(minutes: float) -> int:
    """The calendar shade 0-4 for a day's minutes: 0, under 5, under 15, under 30, 30 or more."""
    if minutes <= 0:
        return 0
    for level, limit in enumerate(SHADE_LIMITS, start=1):
        if minutes < limit:
            return level
    return len(SHADE_LIMITS) + 1


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
    header.append(
        f": {_plural(practised, 'day')} practised, {_hours_minutes(sum(shown.values()) * 60)}"
    )
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


# -- history -------------------------------------------------------------------------------


tension_text = wording.tension_text
tension_change = wording.tension_change


def _tension(journal: Mapping[str, Any] | None, key: str) -> int | None:
    value = None if journal is None else journal.get(key)
    return value if type(value) is int else None


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
            Text(_title(record)),
            format_length(record.active_seconds),
            Text(
                _status(record, goes_on.get(id(record))), style=STATUS_STYLES.get(record.status, "")
            ),
            tension_text(
                _tension(record.journal, "tension_before"),
                _tension(record.journal, "tension_after"),
            ),
        )
    current, longest = streaks(practice_days(records), today)
    total = sum(max(0.0, record.active_seconds) for record in records)
    sessions = _plural(len(records) - len(goes_on), "session")
    resumed = f" (and {len(goes_on)} resumed)" if goes_on else ""
    summary = Text(
        f"{sessions}{resumed}, {_hours_minutes(total)} in all; "
        f"streak: {_plural(current, 'day')} (longest {longest:,})"
    )
    parts: list[RenderableType] = [table, Text(""), summary]
    if len(shown) < len(records):
        parts.append(
            Text(f"The newest {len(shown):,} of {len(records):,} sessions are shown.", style="dim")
        )
    return Group(*parts)


def _title(record: SessionRecord) -> str:
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


# -- journal -------------------------------------------------------------------------------


Piece = tuple[str, str]  # some text and its style


class _Lines:
    """Lines one under the other, each made of styled pieces and wrapped to the width left
    after its indent; every line indented, none padded after its words (Rich's Padding would
    fill each line to the full width). A line that fits is not wrapped at all, and no Text is
    made for it: a ten-year journal renders quickly."""

    def __init__(self, items: Sequence[tuple[int, Sequence[Piece]]]) -> None:
        self.items = items

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        new_line = Segment.line()
        styles: dict[str, Any] = {}
        margins: dict[int, Segment] = {}
        for indent, pieces in self.items:
            room = max(1, options.max_width - indent)
            whole = "".join(words for words, _ in pieces)
            if not whole.strip():
                yield new_line
                continue
            margin = margins.get(indent) or margins.setdefault(indent, Segment(" " * indent))
            if "\n" in whole or cell_len(whole) > room:
                text = Text.assemble(*pieces)
                for line in text.wrap(console, room):
                    line.rstrip()
                    if line.plain:
                        yield margin
                        yield from line.render(console)
                    yield new_line
                continue
            yield margin
            for words, style in pieces:
                if style not in styles:
                    styles[style] = console.get_style(style)
                yield Segment(words, styles[style])
            yield new_line


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
        return tension_text(self.tension_before, self.tension_after)

    @property
    def change(self) -> str:
        """`eased by 4`, `rose by 1`, `unchanged`, or ""."""
        return tension_change(self.tension_before, self.tension_after)


def _answers(journal: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    answers = journal.get("answers")
    if not isinstance(answers, Mapping):
        return ()
    pairs = []
    for prompt, answer in answers.items():
        text = "" if answer is None else str(answer).strip()
        if text:
            pairs.append((terminal_safe(str(prompt)).strip(), terminal_safe(text)))
    return tuple(pairs)


def _entry(record: SessionRecord) -> JournalEntry | None:
    journal = record.journal
    if journal is None:
        return None
    note = journal.get("note")
    note = terminal_safe(note).strip() if isinstance(note, str) else ""
    entry = JournalEntry(
        started=started_at(record),
        routine=record.routine,
        title=terminal_safe(record.title),
        status=terminal_safe(record.status),
        active_seconds=record.active_seconds,
        tension_before=_tension(journal, "tension_before"),
        tension_after=_tension(journal, "tension_after"),
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


def journal_text(records: Sequence[SessionRecord], limit: int | None = None) -> RenderableType:
    """`facelift journal`: the newest `limit` entries (all when None), each with its date,
    routine and tension change, then the prompts answered and the note."""
    entries = journal_entries(records)
    if not entries:
        return Text(EMPTY_JOURNAL)
    shown = entries if limit is None else entries[: max(0, limit)]
    items: list[tuple[int, Sequence[Piece]]] = []
    blank: tuple[Piece, ...] = ()
    for entry in shown:
        if items:
            items.append((0, blank))
        header = [
            (f"{entry.started:%Y-%m-%d %H:%M}", "bold"),
            ("  ", ""),
            (entry.title, f"bold {ACCENT}"),
        ]
        if entry.tension:
            header.append((f"  tension {entry.tension}", ""))
            if entry.change:
                header.append((f", {entry.change}", "dim"))
        items.append((0, header))
        for prompt, answer in entry.answers:
            items.append((2, [(prompt, "italic dim")]))
            items.append((4, [(answer, "")]))
        if entry.note:
            items.append((2, [(entry.note, "")]))
    if len(shown) < len(entries):
        more = (f"The newest {len(shown):,} of {len(entries):,} entries.", "dim")
        items += [(0, blank), (0, [more])]
    return _Lines(items)


def journal_markdown(records: Sequence[SessionRecord], today: date) -> str:
    """`facelift journal --export markdown`: a file to keep or print. A heading, then one
    section per entry, newest first: date and routine, the tension change, each prompt and
    its answer, and the note as a block quote. Everything the person wrote is escaped, so it
    reads as they wrote it and never as markup or HTML."""
    entries = journal_entries(records)
    lines = ["# Facelift journal", ""]
    if not entries:
        lines += [f"Exported on {_long_date(today)}. {EMPTY_JOURNAL}", ""]
        return "\n".join(lines)
    oldest, newest = entries[-1].started, entries[0].started
    lines += [
        f"Exported on {_long_date(today)}: {_plural(len(entries), 'entry', 'entries')}"
        f" from {oldest:%Y-%m-%d} to {newest:%Y-%m-%d}, newest first.",
        "",
    ]
    for entry in entries:
        lines += [f"## {entry.started:%Y-%m-%d %H:%M} — {markdown_inline(entry.title)}", ""]
        played = f"{entry.status.capitalize()}, {format_length(entry.active_seconds)} played."
        if entry.tension:
            change = f" ({entry.change})" if entry.change else ""
            lines += [f"Tension {entry.tension}{change}. {played}", ""]
        else:
            lines += [played, ""]
        for prompt, answer in entry.answers:
            lines += [f"**Q:** {markdown_inline(prompt)}", ""]
            answer_lines = markdown_lines(answer)
            lines += [f"**A:** {answer_lines[0]}", *answer_lines[1:], ""]
        if entry.note:
            lines += [*markdown_lines(entry.note, prefix="> "), ""]
    return "\n".join(lines)


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


# -- stats ---------------------------------------------------------------------------------


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
    lines = [Text(f"Minutes per week, last {_plural(weeks, 'week')}", style="bold")]
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
        summary = f"{_hours_minutes(whole * 60)} this week, the first"
    else:
        summary = (
            f"{_hours_minutes(whole * 60)} in {weeks} weeks since the first session, "
            f"{round(whole / weeks)} min a week on average"
        )
    lines.append(Text(summary, style="dim"))
    return lines


def _spark(value: int | None) -> str:
    if value is None:
        return "  "
    return SPARKS[round(min(10, max(0, value)) * (len(SPARKS) - 1) / 10)] * 2


def _average(values: Iterable[int | None]) -> float | None:
    known = [value for value in values if value is not None]
    return sum(known) / len(known) if known else None


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
            f"Tension before and after, last {_plural(len(rated), 'rated session')}", style="bold"
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
        counted = f"Tension eased in {eased} of {_plural(len(both), 'session')} with both ratings"
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
        row = counts.setdefault(record.routine, [_title(record), 0, 0, 0.0])
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
