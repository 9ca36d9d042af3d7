"""What is said when a session ends: what was played, the tension before and after, the
streak, and a kind word. Only what is known, and never a claim about the face or health.

Pure: the caller passes in the record, the ratings and the streak.
"""

from __future__ import annotations

from facelift.base import wording
from facelift.base.safetext import one_line
from facelift.play.record import SessionRecord
from facelift.practice.continuing import skipped_steps

__all__ = ["closing_lines", "outcome_line", "skipped_steps"]

KIND_COMPLETED = "Thank you for taking this time for yourself."
KIND_STOPPED = "Every minute you give it counts; go on whenever suits you."


def outcome_line(record: SessionRecord) -> str:
    """`Completed Lymphatic Drainage: 3:38 played.` (with the steps skipped, if any), or
    `Stopped ... after 1:12.`"""
    title = one_line(record.title)
    if record.status != "completed":
        return wording.stopped(title, record.active_seconds)
    line = wording.completed(title, record.active_seconds)
    skipped, steps = skipped_steps(record)
    if skipped:
        line = f"{line[:-1]}, {skipped} of {wording.plural(steps, 'step')} skipped."
    return line


def closing_lines(
    record: SessionRecord, before: int | None, after: int | None, streak: int | None
) -> list[str]:
    """The last words after a session (and its questions): tension, streak, a kind word."""
    lines = []
    if before is not None or after is not None:
        change = wording.tension_change(before, after)
        tension = wording.tension_text(before, after)
        lines.append(f"Tension {tension}" + (f", {change}." if change else "."))
    if streak is not None and streak > 1:
        lines.append(f"You have practised {streak} days in a row.")
    elif streak == 1:
        lines.append("You have practised today.")
    lines.append(KIND_COMPLETED if record.status == "completed" else KIND_STOPPED)
    return lines
