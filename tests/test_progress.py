"""Progress views: streaks, the calendar, the history table, the journal and stats.

Most tests use a simulated month of November 2026 (`simulated_month()`), rendered as a person
would see it at 80 columns without colour, and check the text against the records themselves.
"""

from __future__ import annotations

import dataclasses
import io
import random
import re
from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from rich.console import Console, RenderableType

from facelift.commands import history_page, stats_page
from facelift.commands.history_page import (
    EMPTY_CALENDAR,
    EMPTY_HISTORY,
    SHADES,
    calendar,
    history_table,
    history_view,
)
from facelift.commands.journal_page import EMPTY_JOURNAL, journal_markdown, journal_text
from facelift.commands.stats_page import EMPTY_STATS, stats_view
from facelift.play.journal import Journal
from facelift.play.record import ItemKind, SessionRecord, SessionStatus, StepRecord
from facelift.practice import progress
from facelift.practice.progress import (
    journal_entries,
    newest_first,
    practice_days,
    shade_level,
    streaks,
)
from facelift.practice.store import Store

TODAY = date(2026, 11, 30)  # a Monday
ROUTINES = {
    "lymphatic": ("Lymphatic Drainage", 600.0),
    "neck-shoulder-scalp": ("Neck, Shoulders and Scalp", 900.0),
    "deep-tissue-face": ("Deep Tissue Face", 1200.0),
    "buccal": ("Buccal Massage", 480.0),
}
PROMPTS = (
    "How does your face feel now compared with when you started?",
    "Was it easy or hard to keep the touch this light?",
)
SKIPPED = (6, 13, 22, 27)  # runs: 1-5, 7-12, 14-21 (the longest, 8), 23-26, 28-30 (current, 3)
HOSTILE_NOTE = (
    "Jaw *finally* let go on the __left__.\n"
    "# not a heading\n"
    "1. not a list\n"
    "<script>alert(1)</script> & [a link](http://example.com) | `code` \\\n"
    "\n"
    "> not a quote either"
)


def session(
    started: str,
    routine: str = "lymphatic",
    *,
    active: float | None = None,
    status: str = "completed",
    journal: Journal | None = None,
) -> SessionRecord:
    """A session of a built-in routine, with four steps sharing its active time."""
    title, planned = ROUTINES[routine]
    played = planned if active is None else active
    steps = tuple(
        StepRecord(
            f"Step {n + 1}",
            ItemKind.STEP,
            n + 1,
            n * planned / 4,
            planned / 4,
            n * played / 4,
            played / 4,
        )
        for n in range(4)
    )
    return SessionRecord(
        routine=routine,
        title=title,
        started=started,
        status=SessionStatus(status),
        planned_seconds=planned,
        active_seconds=played,
        paused_seconds=0.0,
        steps=steps,
        journal=journal,
    )


def simulated_month() -> list[SessionRecord]:
    """November 2026 as a new user might live it, oldest first (as the store returns it).

    Daily evening sessions at 21:00 (+01:00), four days missed, two sessions on the 9th, a
    morning session while travelling in Tokyo (+09:00, still the 15th in UTC) on the 16th, a
    stopped session on the 18th, one that runs past midnight on the 24th, and one this
    morning. Most sessions have a journal: tensions, answers to the reflect prompts, notes
    (one full of markdown and markup), and some have none at all.
    """
    names = list(ROUTINES)
    records: list[SessionRecord] = []
    for number in range(1, 31):
        if number in SKIPPED:
            continue
        day = date(2026, 11, number)
        routine = names[number % 4]
        before = 4 + number % 5
        journal: Journal | None = Journal(
            tension_before=before,
            tension_after=max(0, before - 1 - number % 4),
            note=f"Day {number}: the jaw softened." if number % 3 == 0 else None,
            answers=((PROMPTS[0], "Warmer and softer." if number % 2 else ""), (PROMPTS[1], "")),
            written=f"{day}T21:30:00+01:00",
        )
        if number % 7 == 0:
            journal = None
        if number == 11:
            journal = Journal(note="   ", answers=((PROMPTS[0], "  "),))  # nothing really written
        if number == 20:
            journal = Journal(note=HOSTILE_NOTE)
        started = f"{day}T21:00:00+01:00"
        active = ROUTINES[routine][1] * (1 + number % 5 / 50)
        status = "completed"
        if number == 9:
            records.append(session(f"{day}T07:30:00+01:00", "lymphatic", active=612.5))
        if number == 16:
            started = "2026-11-16T08:00:00+09:00"
        if number == 18:
            active, status = 250.0, "stopped"
        if number == 24:
            started = "2026-11-24T23:50:00+01:00"
        if number == 30:
            started = "2026-11-30T07:15:00+01:00"
        records.append(session(started, routine, active=active, status=status, journal=journal))
    return records


def render(renderable: RenderableType, width: int = 80) -> str:
    """What a person sees at 80 columns (or `width`) on a terminal without colour."""
    console = Console(width=width, record=True, color_system=None, file=io.StringIO())
    console.print(renderable)
    return console.export_text()


def assert_fits(text: str, width: int = 80) -> None:
    """Every line fits the width, counted in terminal cells."""
    from rich.cells import cell_len

    too_wide = [line for line in text.splitlines() if cell_len(line) > width]
    assert not too_wide, too_wide


def local_day(record: SessionRecord) -> date:
    """The day as written in `started`, read independently of facelift.practice.progress."""
    return date.fromisoformat(record.started[:10])


# -- days and streaks ------------------------------------------------------------------------


def test_minutes_count_on_the_local_day_written_across_midnight_and_offsets() -> None:
    """A session belongs, whole, to the day written in its start time and offset."""
    records = [
        session("2026-11-24T23:50:00+01:00", active=1200.0),  # runs 20 min past midnight
        session("2026-11-25T21:00:00+01:00", active=300.0),
        session("2026-11-16T08:00:00+09:00", active=600.0),  # 15 Nov in UTC
        session("2026-11-15T21:00:00+01:00", active=90.0),
        session("2026-11-15T07:00:00Z", active=30.0),
    ]
    assert practice_days(records) == {
        date(2026, 11, 24): 20.0,
        date(2026, 11, 25): 5.0,
        date(2026, 11, 16): 10.0,
        date(2026, 11, 15): 2.0,
    }


def test_minutes_per_day_of_the_month_add_up_to_the_records() -> None:
    """The two sessions of the 9th add up, and the whole adds up to every active second."""
    records = simulated_month()
    days = practice_days(records)
    assert days[date(2026, 11, 9)] == pytest.approx((612.5 + 900 * 1.08) / 60)
    assert sum(days.values()) == pytest.approx(sum(r.active_seconds for r in records) / 60)
    assert set(days) == {date(2026, 11, n) for n in range(1, 31)} - {
        date(2026, 11, n) for n in SKIPPED
    }


def test_streak_counts_today_when_practised() -> None:
    """Three days in a row up to and including today is a streak of 3."""
    days = {TODAY - timedelta(days=n): 10.0 for n in range(3)}
    assert streaks(days, TODAY) == (3, 3)


def test_streak_still_counts_when_today_is_not_practised_yet() -> None:
    """A streak that ended yesterday is still current: today is not over."""
    days = {TODAY - timedelta(days=n): 10.0 for n in range(1, 5)}
    assert streaks(days, TODAY) == (4, 4)


def test_broken_streak_is_zero_but_the_longest_is_kept() -> None:
    """With no practice yesterday or today, the current streak is 0; the longest stays."""
    days = {TODAY - timedelta(days=n): 10.0 for n in range(2, 9)}
    assert streaks(days, TODAY) == (0, 7)


def test_longest_streak_is_the_longest_run_anywhere() -> None:
    """The month has runs of 5, 6, 8, 4 and 3 days; the last one is current."""
    assert streaks(practice_days(simulated_month()), TODAY) == (3, 8)


def test_a_day_of_zero_minutes_breaks_a_streak() -> None:
    """A session stopped before any active time does not make a day practised."""
    days = {TODAY: 5.0, TODAY - timedelta(days=1): 0.0, TODAY - timedelta(days=2): 5.0}
    assert streaks(days, TODAY) == (1, 1)
    assert streaks({}, TODAY) == (0, 0)


# -- calendar --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "level"),
    [
        (0.0, 0),
        (0.1, 1),
        (4.99, 1),
        (5.0, 2),
        (14.9, 2),
        (15.0, 3),
        (29.9, 3),
        (30.0, 4),
        (300.0, 4),
    ],
)
def test_shade_levels(minutes: float, level: int) -> None:
    """Five shades: none, under 5, under 15, under 30, and 30 minutes or more."""
    assert shade_level(minutes) == level


def calendar_rows(text: str) -> dict[str, str]:
    """The calendar's weekday rows by their label."""
    return {line[:3]: line for line in text.splitlines() if line[:3] in history_page.WEEKDAYS}


def cell(row: str, column: int) -> str:
    """The two characters of a week column (0 is the oldest) in a calendar row."""
    start = history_page.DAY_LABEL_WIDTH + history_page.CELL_WIDTH * column
    return row[start : start + 2]


def test_calendar_shades_each_day_by_its_minutes() -> None:
    """The last column is this week: each day in its row, shaded, the future left blank."""
    today = date(2026, 11, 26)  # a Thursday
    days = {
        date(2026, 11, 16): 0.0,
        date(2026, 11, 23): 3.0,
        date(2026, 11, 24): 10.0,
        date(2026, 11, 25): 20.0,
        date(2026, 11, 26): 45.0,
        date(2026, 9, 7): 50.0,  # the Monday of the first column
        date(2026, 8, 30): 50.0,  # before the calendar: not shown, not counted
    }
    text = render(calendar(days, today))
    rows = calendar_rows(text)
    assert list(rows) == list(history_page.WEEKDAYS)
    last = 11
    assert [cell(rows[name], last) for name in ("Mon", "Tue", "Wed", "Thu")] == list(SHADES[1:])
    assert cell(rows["Mon"], last - 1) == SHADES[0]
    assert cell(rows["Mon"], 0) == SHADES[4]
    for name in ("Fri", "Sat", "Sun"):  # tomorrow and later: blank, and no trailing space
        assert rows[name].endswith(cell(rows[name], last - 1))
    assert "Last 12 weeks: 5 days practised, 2 h 8 min" in text
    assert "·· none  ░░ <5 min  ▒▒ <15  ▓▓ <30  ██ 30+" in text
    assert all(
        len(row) <= history_page.DAY_LABEL_WIDTH + 12 * history_page.CELL_WIDTH
        for row in rows.values()
    )


def test_calendar_of_the_month_fits_80_columns_with_month_labels() -> None:
    """Twelve week columns under their months, true to the month's days, in 80 columns."""
    days = practice_days(simulated_month())
    text = render(calendar(days, TODAY))
    assert_fits(text)
    lines = text.splitlines()
    months = lines[1]
    first = TODAY - timedelta(weeks=11)  # a Monday: 14 Sep 2026
    for name, monday in (("Sep", first), ("Oct", date(2026, 10, 5)), ("Nov", date(2026, 11, 2))):
        column = (monday - first).days // 7
        assert months.index(name) == history_page.DAY_LABEL_WIDTH + history_page.CELL_WIDTH * column
    rows = calendar_rows(text)
    for column in range(12):
        for weekday, name in enumerate(history_page.WEEKDAYS):
            day = first + timedelta(days=7 * column + weekday)
            if day <= TODAY:
                assert cell(rows[name], column) == SHADES[shade_level(days.get(day, 0.0))]
    assert cell(rows["Fri"], 7) == SHADES[0]  # 6 November, missed


def test_calendar_with_weeks_to_spare_and_a_bad_weeks() -> None:
    """Up to 25 weeks fit 80 columns; fewer than 1 week is refused."""
    assert_fits(render(calendar(practice_days(simulated_month()), TODAY, weeks=25)))
    with pytest.raises(ValueError, match="weeks"):
        calendar({TODAY: 5.0}, TODAY, weeks=0)


# -- history ---------------------------------------------------------------------------------


def test_newest_first_orders_by_instant_not_by_the_written_date() -> None:
    """23:30 in Berlin is later than 07:00 the next day in Tokyo; ties keep the later first."""
    tokyo = session("2026-11-10T07:00:00+09:00")  # 22:00 UTC on the 9th
    berlin = session("2026-11-09T23:30:00+01:00")  # 22:30 UTC on the 9th
    twin = dataclasses.replace(berlin, routine="buccal")
    assert newest_first([berlin, tokyo, twin]) == [twin, berlin, tokyo]


def clock(seconds: float) -> str:
    """`m:ss`, as the history shows a time played."""
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}"


def test_history_is_newest_first_and_true_to_the_records() -> None:
    """Twenty rows, newest first, each row the date, title, time, status and tension."""
    records = simulated_month()
    random.Random(7).shuffle(records)  # the views do not rely on the store's order
    text = render(history_table(records, TODAY))
    assert_fits(text)
    rows = [line for line in text.splitlines() if re.match(r"\d{4}-\d{2}-\d{2} ", line)]
    assert len(rows) == 20
    expected = sorted(records, key=lambda r: datetime.fromisoformat(r.started), reverse=True)
    for row, record in zip(rows, expected[:20], strict=True):
        journal = record.journal or Journal()
        before, after = journal.tension_before, journal.tension_after
        tension = "" if before is None else f"{before} → {after}"
        pattern = (
            rf"{record.started[:10]} {record.started[11:16]}  {re.escape(record.title)}\s+"
            rf"{clock(record.active_seconds)}  {record.status}"
            + (rf"\s+{tension}" if tension else "")
        )
        assert re.fullmatch(pattern, row.rstrip()), (pattern, row)
    assert rows[0].startswith("2026-11-30 07:15  Deep Tissue Face")
    assert re.search(r"^2026-11-18 21:00  Deep Tissue Face\s+4:10  stopped    7 → 4", text, re.M)
    assert re.search(
        r"^2026-11-21 21:00  Neck, Shoulders and Scalp\s+15:18  completed\s*$", text, re.M
    )
    assert "The newest 20 of 27 sessions are shown." in text


def test_history_summary_line() -> None:
    """The count, the total time of every session and the streaks, on one line."""
    records = simulated_month()
    total_minutes = round(sum(r.active_seconds for r in records) / 60)
    hours, minutes = divmod(total_minutes, 60)
    text = render(history_table(records, TODAY, limit=None))
    assert f"27 sessions, {hours} h {minutes} min in all; streak: 3 days (longest 8)" in text
    assert "newest" not in text
    first = records[0]  # 15:18 of neck work on 1 November
    one = render(history_table([first], date(2026, 11, 2)))
    assert one.endswith("\n\n1 session, 15 min in all; streak: 1 day (longest 1)\n")
    assert render(history_table([first], date(2026, 11, 3))).endswith(
        "streak: 0 days (longest 1)\n"
    )


def test_history_view_is_the_table_then_the_calendar() -> None:
    """`facelift history` as a whole: the table, its summary, then the calendar, in 80 columns."""
    text = render(history_view(simulated_month(), TODAY))
    assert_fits(text)
    assert text.index("streak: 3 days") < text.index("Last 12 weeks") < text.index("A cell a day")


# -- journal ---------------------------------------------------------------------------------


def test_journal_entries_are_the_written_sessions_newest_first() -> None:
    """Only sessions with a note, an answer or a tension; blank answers and notes left out."""
    records = simulated_month()
    entries = journal_entries(records)
    written = {
        local_day(r)
        for r in records
        if r.journal
        and (
            (r.journal.note or "").strip()
            or any(answer.strip() for _, answer in r.journal.answers)
            or r.journal.tension_before is not None
            or r.journal.tension_after is not None
        )
    }
    assert [e.started.date() for e in entries] == sorted(written, reverse=True)
    assert date(2026, 11, 11) not in written and date(2026, 11, 14) not in written
    assert entries == sorted(entries, key=lambda e: e.started, reverse=True)
    ninth = next(e for e in entries if e.started.date() == date(2026, 11, 9))
    assert ninth.answers == ((PROMPTS[0], "Warmer and softer."),)
    assert (ninth.tension_before, ninth.tension_after, ninth.note) == (
        8,
        6,
        "Day 9: the jaw softened.",
    )
    assert (ninth.tension, ninth.change) == ("8 → 6", "eased by 2")


def test_journal_text_reads_well_and_shows_user_text_as_written() -> None:
    """Date, routine and tension change on a line; answers and notes indented; no markup."""
    records = [
        *simulated_month(),
        session(
            "2026-11-30T20:00:00+01:00",
            journal=Journal(
                tension_before=3,
                tension_after=5,
                note="[bold]not markup[/bold] " + "and a long line that has to wrap " * 4,
            ),
        ),
    ]
    text = render(journal_text(records))
    assert_fits(text)
    assert all(line == line.rstrip() for line in text.splitlines())
    lines = text.splitlines()
    assert lines[0] == "2026-11-30 20:00  Lymphatic Drainage  tension 3 → 5, rose by 2"
    assert lines[1:3] == [
        "  [bold]not markup[/bold] and a long line that has to wrap and a long line that",
        "  has to wrap and a long line that has to wrap and a long line that has to wrap",
    ]
    assert "2026-11-29 21:00  Neck, Shoulders and Scalp  tension 8 → 6, eased by 2" in lines
    assert "2026-11-20 21:00  Lymphatic Drainage" in lines  # a note, no tension
    ninth = lines.index("2026-11-09 21:00  Neck, Shoulders and Scalp  tension 8 → 6, eased by 2")
    assert lines[ninth + 1 : ninth + 4] == [
        f"  {PROMPTS[0]}",
        "    Warmer and softer.",
        "  Day 9: the jaw softened.",
    ]
    assert "  # not a heading" in lines
    limited = render(journal_text(records, limit=2))
    assert limited.count("tension") == 2
    assert "The newest 2 of 22 entries." in limited


def markdown_html(text: str) -> str:
    """The export as CommonMark renders it."""
    return str(MarkdownIt("commonmark").render(text))


def test_journal_markdown_is_a_document_to_keep() -> None:
    """A heading, then one section per entry, newest first, with tension, Q/A and note."""
    records = simulated_month()
    text = journal_markdown(records, TODAY)
    entries = journal_entries(records)
    assert text.startswith("# Facelift journal\n\nExported on 30 November 2026: 21 entries")
    assert "from 2026-11-01 to 2026-11-30, newest first." in text
    headings = re.findall(r"^## (.*)$", text, flags=re.MULTILINE)
    assert len(headings) == len(entries)
    assert headings[0] == "2026-11-30 07:15 — Deep Tissue Face"
    assert headings == [f"{e.started:%Y-%m-%d %H:%M} — {e.title}" for e in entries]
    section = text.split("## 2026-11-09 21:00 — Neck, Shoulders and Scalp\n")[1].split("## ")[0]
    assert section == (
        "\nTension 8 → 6 (eased by 2). Completed, 16:12 played.\n\n"
        f"**Q:** {PROMPTS[0]}\n\n"
        "**A:** Warmer and softer.\n\n"
        "> Day 9: the jaw softened.\n\n"
    )
    html = markdown_html(text)
    assert html.count("<h2>") == len(entries) and html.count("<h1>") == 1
    assert "<blockquote>\n<p>Day 9: the jaw softened.</p>\n</blockquote>" in html


def test_journal_markdown_escapes_what_people_write() -> None:
    """Markdown and HTML in a note are shown as written, inside the quote, lines kept."""
    html = markdown_html(journal_markdown(simulated_month(), TODAY))
    quote = html.split("<h2>2026-11-20 21:00 — Lymphatic Drainage</h2>")[1].split("<h2>")[0]
    assert quote.count("<blockquote>") == 1 and quote.count("</blockquote>") == 1
    for forbidden in ("<em>", "<strong>", "<h1>", "<ol>", "<script>", "<a ", "<code>"):
        assert forbidden not in quote
    assert "Jaw *finally* let go on the __left__.<br />" in quote
    assert "# not a heading<br />" in quote and "1. not a list<br />" in quote
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; [a link](http://example.com) | `code` \\</p>"
        in quote
    )
    assert "<p>&gt; not a quote either</p>" in quote


def test_journal_markdown_escapes_titles_and_prompts() -> None:
    """A user routine's title and prompts are text, not markup, and stay on their line."""
    record = dataclasses.replace(
        session("2026-11-30T21:00:00+01:00"),
        title="My *jaw* # routine",
        journal=Journal(answers=(("Which <side>?\nLeft or right", "1) left\n2) right"),)),
    )
    text = journal_markdown([record], TODAY)
    assert "## 2026-11-30 21:00 — My \\*jaw\\* \\# routine\n" in text
    html = markdown_html(text)
    assert "<h2>2026-11-30 21:00 — My *jaw* # routine</h2>" in html
    assert "<strong>Q:</strong> Which &lt;side&gt;? Left or right</p>" in html
    assert "<strong>A:</strong> 1) left<br />\n2) right</p>" in html
    assert "Completed, 10:00 played." in text and "Tension" not in text


# -- stats -----------------------------------------------------------------------------------


def test_stats_weekly_minutes_are_true_to_the_records() -> None:
    """Each week's bar label and minutes sum the sessions of its Monday-to-Sunday, from the
    week of the first session (six weeks here, not twelve with six empty ones)."""
    records = simulated_month()
    text = render(stats_view(records, TODAY))
    assert_fits(text)
    expected: dict[date, float] = defaultdict(float)
    for record in records:
        day = local_day(record)
        expected[day - timedelta(days=day.weekday())] += record.active_seconds / 60
    shown = dict(re.findall(r"^(\w{3} [ \d]\d)  [█▉▊▋▌▍▎▏ ]*\s+(\d+) min", text, re.MULTILINE))
    assert len(shown) == 6 and "Oct 19" not in shown
    assert shown["Nov 30"] == str(round(expected[date(2026, 11, 30)]))
    for monday, minutes in expected.items():
        assert shown[f"{monday:%b} {monday.day:>2}"] == str(round(minutes))
    assert "so far" in text.splitlines()[6]
    longest = max(len(re.sub(r"[^█▉▊▋▌▍▎▏]", "", line)) for line in text.splitlines()[1:7])
    assert longest == stats_page.BAR_WIDTH
    total = sum(r.active_seconds for r in records)
    in_all = f"{total // 3600:.0f} h {round(total / 60) % 60} min"
    average = round(total / 60 / 6)
    assert f"{in_all} in 6 weeks since the first session, {average} min a week on average" in text


def test_stats_on_the_first_day_count_only_that_week() -> None:
    """One 16-minute session today: one week shown, no average over empty weeks."""
    last = simulated_month()[-1]
    record = dataclasses.replace(last, started="2026-12-02T08:00:00+01:00", active_seconds=960.0)
    text = render(stats_view([record], date(2026, 12, 2)))
    assert "Minutes per week, last 1 week\n" in text
    assert "16 min this week, the first" in text
    assert "a week on average" not in text and "   0 min" not in text


def test_stats_tension_trend_is_the_last_twenty_rated_sessions() -> None:
    """Two rows of bar heights, oldest on the left, with averages true to the journal."""
    records = simulated_month()
    rated = [e for e in journal_entries(records) if e.tension_before is not None][:20][::-1]
    text = render(stats_view(records, TODAY))
    before = next(line for line in text.splitlines() if line.startswith("before "))
    after = next(line for line in text.splitlines() if line.startswith("after "))
    sparks = stats_page.SPARKS
    assert before.split()[1:21] == [
        sparks[round(e.tension_before * 7 / 10)] * 2  # type: ignore[operator]
        for e in rated
    ]
    mean_before = sum(e.tension_before or 0 for e in rated) / 20
    mean_after = sum(e.tension_after or 0 for e in rated) / 20
    assert before.endswith(f"avg {mean_before:.1f}") and after.endswith(f"avg {mean_after:.1f}")
    assert "last 20 rated sessions" in text
    eased = sum(1 for e in rated if (e.tension_after or 0) < (e.tension_before or 0))
    assert (
        f"Tension eased in {eased} of 20 sessions with both ratings, "
        f"by {mean_before - mean_after:.1f} on average." in text
    )
    rose = [
        dataclasses.replace(r, journal=Journal(tension_before=2, tension_after=3))
        for r in records[:3]
    ]
    assert "Tension eased in 0 of 3 sessions with both ratings; on average it rose by 1.0." in (
        render(stats_view(rose, TODAY))
    )


def test_stats_sessions_per_routine_add_up() -> None:
    """Sessions, completed sessions and minutes per routine, and a total row of all."""
    records = simulated_month()
    text = render(stats_view(records, TODAY))
    table = text.split("Sessions per routine")[1]
    for routine, (title, _) in ROUTINES.items():
        mine = [r for r in records if r.routine == routine]
        done = sum(r.status == "completed" for r in mine)
        minutes = round(sum(r.active_seconds for r in mine) / 60)
        assert re.search(rf"{re.escape(title)}\s+{len(mine)}\s+{done}\s+{minutes}\n", table)
    total = round(sum(r.active_seconds for r in records) / 60)
    assert re.search(rf"all\s+27\s+26\s+{total}\n", table)


def test_stats_without_tension_ratings() -> None:
    """Sessions but no ratings: the chart and the table, and a line instead of the trend."""
    text = render(stats_view([session("2026-11-30T07:00:00+01:00")], TODAY))
    assert stats_page.NO_TENSION in text
    assert not re.search("^(before|after) ", text, re.MULTILINE)
    assert "Nov 30  " + "█" * stats_page.BAR_WIDTH + "    10 min so far" in text


# -- empty, and as a new user would --------------------------------------------------------


def test_an_empty_history_gives_a_kind_line_in_each_view() -> None:
    """No sessions: one line each, never an empty table or grid."""
    for renderable, message in (
        (history_table([], TODAY), EMPTY_HISTORY),
        (history_view([], TODAY), EMPTY_HISTORY),
        (calendar({}, TODAY), EMPTY_CALENDAR),
        (journal_text([]), EMPTY_JOURNAL),
        (stats_view([], TODAY), EMPTY_STATS),
    ):
        assert render(renderable) == message + "\n"
    assert render(journal_text([session("2026-11-30T07:00:00+01:00")])) == EMPTY_JOURNAL + "\n"
    assert (
        journal_markdown([], TODAY)
        == f"# Facelift journal\n\nExported on 30 November 2026. {EMPTY_JOURNAL}\n"
    )


def test_a_month_written_to_the_store_reads_the_same(tmp_path: Path) -> None:
    """The month saved through the store and read back renders exactly as the records do."""
    records = simulated_month()
    with Store.open(tmp_path / "facelift.db") as store:
        for record in records:
            store.save_session(record)
        saved = [item.record for item in store.saved_sessions()]
    views: list[Callable[[list[SessionRecord]], RenderableType]] = [
        lambda rs: history_view(rs, TODAY),
        journal_text,
        lambda rs: stats_view(rs, TODAY),
    ]
    for view in views:
        assert render(view(saved)) == render(view(records))
    assert journal_markdown(saved, TODAY) == journal_markdown(records, TODAY)


def test_started_times_in_utc_are_read() -> None:
    """A `Z` time is UTC, also on Python 3.10."""
    assert progress.started_at(session("2026-11-30T07:00:00Z")) == datetime.fromisoformat(
        "2026-11-30T07:00:00+00:00"
    )


def test_control_characters_never_reach_the_terminal() -> None:
    """An escape sequence in a title or a note is shown as its escape, never sent; a tab
    becomes spaces."""
    record = dataclasses.replace(
        session("2026-11-30T21:00:00+01:00"),
        title="Jaw\x1b[2J routine",
        journal=Journal(
            note="one\tTwo\x1b]0;title\x07 three\r\nfour", answers=(("Q\x9b?", "a\x00b"),)
        ),
    )
    views = [
        history_table([record], TODAY),
        journal_text([record]),
        stats_view([record], TODAY),
    ]
    for text in [*map(render, views), journal_markdown([record], TODAY)]:
        assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]", text), repr(text)
    journal = render(journal_text([record]))
    assert (
        journal == "2026-11-30 21:00  Jaw\\x1b[2J routine\n  Q\\x9b?\n    a\\x00b\n"
        "  one    Two\\x1b]0;title\\x07 three\n  four\n"
    )


def test_history_shows_skips_resumes_and_files() -> None:
    """A session with steps skipped says how many; one that goes on from a stopped session
    names it, and stats count the two as one; a session played from a file says so."""
    step = StepRecord("A", ItemKind.STEP, 1, 0.0, 60.0, 0.0, 1.0, skipped=True)
    played = StepRecord("B", ItemKind.STEP, 2, 60.0, 60.0, 1.0, 60.0)
    done, stop = SessionStatus.COMPLETED, SessionStatus.STOPPED
    stopped = SessionRecord(
        "lym", "Lymph", "2026-11-29T08:00:00+00:00", stop, 120.0, 61.0, 0.0, (step, played)
    )
    resumed = SessionRecord(
        "lym", "Lymph", "2026-11-29T09:00:00+00:00", done, 60.0, 60.0, 0.0, from_step=2
    )
    tried = SessionRecord(
        "t", "Test", "2026-11-30T07:00:00+00:00", done, 3.0, 3.0, 0.0, path="/tmp/t.yaml"
    )
    assert_fits(render(history_table([stopped, resumed, tried], TODAY)))
    text = render(history_table([stopped, resumed, tried], TODAY), width=140)
    assert "stopped, 1 of 2 steps skipped" in text
    assert "completed, resumed from 08:00" in text  # the same day: the time says it
    assert "2 sessions (and 1 resumed)" in text
    elsewhere = dataclasses.replace(resumed, from_step=5)  # not where the other stopped
    assert "resumed" not in render(history_table([stopped, elsewhere], TODAY), width=140)
    assert "Test (from a file)" in text
    stats = render(stats_view([stopped, resumed, tried], TODAY))
    assert re.search(r"Lymph +1 +1 +2\n", stats), stats
