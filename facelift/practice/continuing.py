"""Which sessions go on from another: a resumed session is one practice with the session
it continues, not a second one.

A session continues the one before it when it starts past step 1 of the same routine (by
name and file), the latest earlier session of that routine was stopped, and it stopped in
the step this one starts at: what `facelift resume` plays (and `start --from-step` by
hand). Records read without their steps are linked on the first two alone. Pure.
"""

from __future__ import annotations

from collections.abc import Sequence

from facelift.play.record import SessionRecord


def links(records: Sequence[SessionRecord]) -> dict[int, int]:
    """{index of a session: index of the session it continues}, for records oldest first."""
    latest: dict[tuple[str, str | None], int] = {}
    found: dict[int, int] = {}
    for index, record in enumerate(records):
        key = (record.routine, record.path)
        before = latest.get(key)
        if (
            before is not None
            and record.from_step > 1
            and _stopped_at(records[before])
            in (
                record.from_step,
                0,
            )
        ):
            found[index] = before
        latest[key] = index
    return found


def skipped_steps(record: SessionRecord) -> tuple[int, int]:
    """(steps skipped, steps played or skipped); rests are not counted; (0, 0) when the
    record was read without its steps."""
    steps = [step for step in record.steps if step.kind == "step"]
    return sum(1 for step in steps if step.skipped), len(steps)


def _stopped_at(record: SessionRecord) -> int | None:
    """The step a stopped session stopped in (0: not known, read without steps); None
    when it was completed."""
    if record.status != "stopped":
        return None
    return next((step.step_number for step in reversed(record.steps) if step.step_number), 0)
