"""What a step shows: only what applies to it, the same on the screen and in plain lines.

A breathing step (no pressure given, or a both-sides step named for the breath) has no
side to name, counts breaths rather than strokes and has no pressure to keep. A round says
where the hands go when the routine gives a cue for it, else which round it is.
"""

from __future__ import annotations

import re

from facelift.base import wording
from facelift.format.routine import Sides, Step
from facelift.play.timeline import Segment

_BREATH = re.compile(r"\bbreath(e|es|ing)?\b", re.IGNORECASE)


def breathing(step: Step) -> bool:
    """A step about the breath, not the hands: a step with no pressure at all, or (routines
    written before pressure could be left out) a both-sides step whose title names the
    breath (`Belly breathing`, `Settle and breathe`)."""
    if getattr(step, "pressure", "") is None:
        return True
    return step.sides is Sides.BOTH and bool(_BREATH.search(step.title))


def side_applies(segment: Segment) -> bool:
    """Whether the side is worth saying: always for one side; for both, unless it is a rest
    or a breathing step."""
    item = segment.item
    if not isinstance(item, Step):
        return False
    return segment.side is not None or not breathing(item)


def count_words(step: Step, count: int) -> str:
    """`5 strokes`, `1 stroke`, `5 breaths` for a breathing step."""
    return wording.plural(count, "breath" if breathing(step) else "stroke")


def count_at(step: Step, done: int, total: int) -> str:
    """`stroke 3 of 10`, or `breath 2 of 5`."""
    return f"{'breath' if breathing(step) else 'stroke'} {done} of {total}"


def pressure(step: Step) -> str:
    """`light pressure`, or "" for a breathing step or a step with no pressure."""
    return "" if breathing(step) else wording.pressure_words(step.pressure)


def round_words(segment: Segment) -> str:
    """Where the hands go in this round (the routine's round cue), or `round 2 of 3`."""
    item = segment.item
    cues = getattr(item, "round_cues", ()) if isinstance(item, Step) else ()
    if 0 < segment.round <= len(cues) and cues[segment.round - 1].strip():
        return " ".join(cues[segment.round - 1].split()).rstrip(".")  # a sentence's part
    return f"round {segment.round} of {segment.rounds}"
