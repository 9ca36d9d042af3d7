"""What the live screen says about a moment, as words and numbers: the countdown, the
step's place in the routine, what comes next, the time left and the window's title. Pure
functions of a snapshot, shared by the layout and the sink.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from facelift.base.safetext import one_line
from facelift.base.wording import side_name, spoken_length
from facelift.format.durations import format_length
from facelift.format.parts import place
from facelift.output import showing
from facelift.play.player import Snapshot
from facelift.play.timeline import Segment


def ceil_seconds(seconds: float) -> int:
    """Whole seconds, rounded up: the last second of a countdown shows 1, never 0."""
    return max(0, math.ceil(round(seconds, 6)))


def countdown(snapshot: Snapshot) -> str:
    """The big number: the lead-in's seconds, or what is left of the segment (`0:42`); for
    a step that waits for a key, how long it has waited."""
    if snapshot.waiting:
        return format_length(math.floor(round(snapshot.elapsed, 6)))
    seconds = snapshot.lead_in if snapshot.lead_in > 0 else snapshot.remaining
    return format_length(ceil_seconds(seconds))


def side_words(side: str | None) -> str:
    return side_name(side).upper()


def position(snapshot: Snapshot) -> str:
    """`step 3 of 12`, `rest`, or `get ready` before step 1."""
    segment = snapshot.segment
    if snapshot.lead_in > 0:
        return "get ready"
    part = place(snapshot.timeline.routine, segment.item_index)
    if part is not None:  # a long session: the part, and the step within it
        within = "rest" if segment.is_rest else f"step {part.step} of {part.steps}"
        return f"part {part.number} of {part.total} · {within}"
    if segment.is_rest:
        return "rest"
    return f"step {segment.step_number} of {snapshot.timeline.steps}"


def next_words(snapshot: Snapshot) -> str:
    """What comes after this segment: `Next: right side · 45 s`, the round's cue, or `Last
    step` (nothing comes after the last one but the end)."""
    if snapshot.lead_in > 0:
        return "Next: " + _segment_words(snapshot.segment)
    following = snapshot.next_segment
    if following is None:
        return "" if snapshot.segment.is_rest else "Last step"
    length = spoken_length(following.seconds)
    if following.item_index == snapshot.segment.item_index:
        if following.side != snapshot.segment.side:
            return f"Next: {side_name(following.side)} · {length}"
        return f"Next: {showing.round_words(following)} · {length}"
    return "Next: " + _segment_words(following)


def _segment_words(segment: Segment) -> str:
    parts = [one_line(segment.title)]
    if showing.side_applies(segment):
        parts.append(side_name(segment.side))
    return " · ".join([*parts, spoken_length(segment.seconds)])


def summary_words(snapshot: Snapshot, now: datetime) -> str:
    """`elapsed 2:15 · left 5:32 · ends 21:47`: played, to go, and the wall clock at the end."""
    left = snapshot.remaining_total
    ends = (now + timedelta(seconds=left)).strftime("%H:%M")
    elapsed = format_length(math.floor(round(snapshot.active, 3)))
    return f"elapsed {elapsed} · left {format_length(ceil_seconds(left))} · ends {ends}"


def window_title(snapshot: Snapshot) -> str:
    """`facelift · 4:32 left · Jawline to ear`, for the terminal window's title bar."""
    what = "Get ready" if snapshot.lead_in > 0 else one_line(snapshot.segment.title)
    left = format_length(ceil_seconds(snapshot.remaining_total))
    return f"facelift · {left} left · {what}"[:120]


def overall_fraction(snapshot: Snapshot) -> float:
    """How far into the whole routine, counting +/- changes and skips."""
    done = snapshot.segment.start + snapshot.elapsed
    total = done + snapshot.remaining_total - snapshot.lead_in
    return done / total if total > 0 else 0.0
