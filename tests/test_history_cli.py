"""history, journal and stats from the command line, on sessions stored as a session would."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from facelift.play.journal import Journal
from facelift.play.record import ItemKind, SessionRecord, SessionStatus, StepRecord
from facelift.practice.store import Store

from .conftest import Cli


@pytest.fixture
def month(home: Path) -> list[SessionRecord]:
    """A session a day for the last 28 days, most with a journal entry."""
    today = datetime.now().astimezone().replace(hour=8, minute=0, second=0, microsecond=0)
    records = []
    for back in range(28, 0, -1):
        started = (today - timedelta(days=back)).isoformat(timespec="seconds")
        journal = (
            Journal(tension_before=6, tension_after=3, note=f"Day {29 - back}.")
            if back % 4
            else None
        )
        steps = (StepRecord("Touch", ItemKind.STEP, 1, 0.0, 600.0, 0.0, 600.0),)
        records.append(
            SessionRecord(
                "lymphatic",
                "Lymphatic Drainage",
                started,
                SessionStatus.COMPLETED,
                600.0,
                600.0,
                0.0,
                steps,
                journal=journal,
            )
        )
    with Store.open(home / "facelift.db") as store:
        for record in records:
            store.save_session(record)
    return records


def test_history_shows_sessions_streak_and_calendar(cli: Cli, month: list[SessionRecord]) -> None:
    out = cli("history").out
    assert "28 sessions, 4 h 40 min in all; streak: 28 days (longest 28)" in out
    assert "Last 12 weeks: 28 days practised" in out
    assert all(len(line) <= 100 for line in out.splitlines())


def test_journal_shows_the_newest_notes_first(cli: Cli, month: list[SessionRecord]) -> None:
    out = cli("journal").out
    assert out.index("Day 27.") < out.index("Day 26.")
    assert "tension 6 → 3, eased by 3" in out


def test_journal_exports_a_markdown_page(
    cli: Cli, month: list[SessionRecord], tmp_path: Path
) -> None:
    page = tmp_path / "journal.md"
    result = cli("journal", "--export", "markdown", "--output", str(page))
    assert (result.code, result.out) == (0, f"Wrote {page}\n")
    text = page.read_text()
    assert text.startswith("# Facelift journal\n")
    assert text.count("\n## ") == 21  # the days with an entry


def test_stats_sum_the_practice(cli: Cli, month: list[SessionRecord]) -> None:
    out = cli("stats").out
    assert "Minutes per week, last 5 weeks" in out  # since the first session
    assert "Lymphatic Drainage" in out and "280" in out  # 28 sessions of 10 minutes


def test_an_empty_history_says_so_in_one_line(cli: Cli) -> None:
    for command in ("history", "journal", "stats"):
        result = cli(command)
        assert result.code == 0
        assert len(result.out.strip().splitlines()) == 1, command
