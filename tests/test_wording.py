"""One way to say each thing: times, lengths, counts, ratings; and the words at the end."""

from __future__ import annotations

import pytest

from facelift.base import wording
from facelift.play.record import ItemKind, SessionRecord, SessionStatus, StepRecord
from facelift.shell import ending


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "0:00"), (40, "0:40"), (218, "3:38"), (3900, "1:05:00"), (2.9996, "0:03")],
)
def test_a_time_is_written_m_ss_everywhere(seconds: float, shown: str) -> None:
    """No leading zero on the minutes; hours from an hour; a hair under a second counts."""
    assert wording.clock(seconds) == shown


def test_an_unrated_tension_shows_a_dash_not_a_question_mark() -> None:
    """`4 →` and an en dash when the rating after was not given; nothing when neither was."""
    assert wording.tension_text(4, None) == "4 → \u2013"
    assert wording.tension_text(None, 3) == "\u2013 → 3"
    assert wording.tension_text(None, None) == ""


def test_counts_carry_their_noun() -> None:
    assert [wording.plural(1, "day"), wording.plural(1204, "entry", "entries")] == [
        "1 day",
        "1,204 entries",
    ]


def record(status: str = "completed", skipped: int = 0) -> SessionRecord:
    steps = tuple(
        StepRecord(f"S{n}", ItemKind.STEP, n, 0.0, 1.0, 0.0, 1.0, skipped=n <= skipped)
        for n in range(1, 15)
    )
    started = "2026-11-30T08:00:00+00:00"
    return SessionRecord(
        "lym", "Lymphatic Drainage", started, SessionStatus(status), 467.0, 218.0, 0.0, steps
    )


def test_the_end_says_what_was_played_and_skipped() -> None:
    """The same sentence as the plain lines, with the skips counted."""
    assert ending.outcome_line(record()) == "Completed Lymphatic Drainage: 3:38 played."
    assert ending.outcome_line(record(skipped=10)) == (
        "Completed Lymphatic Drainage: 3:38 played, 10 of 14 steps skipped."
    )
    assert ending.outcome_line(record("stopped")) == "Stopped Lymphatic Drainage after 3:38."


def test_the_last_words_are_true_and_kind() -> None:
    """The tension change, the streak and a kind word; never a claim."""
    assert ending.closing_lines(record(), 6, 3, 4) == [
        "Tension 6 → 3, eased by 3.",
        "You have practised 4 days in a row.",
        "Thank you for taking this time for yourself.",
    ]
    assert ending.closing_lines(record("stopped"), None, None, 1) == [
        "You have practised today.",
        "Every minute you give it counts; go on whenever suits you.",
    ]
