"""What the voice says and when, as data: the timeline mapped to spoken lines (pure).

One mapping for every way a session is heard: the live session speaks these lines as their
cues come, and `render` places them in a file. Times are seconds from the start of the first
step, so the get-ready line is negative.
"""

from __future__ import annotations

from dataclasses import dataclass

from facelift.format.routine import Routine
from facelift.output.voice import voice_line
from facelift.play.player import Event, EventKind, Snapshot
from facelift.play.timeline import Cue, CueKind, Timeline, segment_cues


@dataclass(frozen=True)
class SpokenLine:
    at: float  # seconds from the start of the first step; the get-ready line is negative
    text: str
    cue: CueKind | None  # the cue it belongs to (its sound comes first); None: the get-ready


def spoken_lines(timeline: Timeline, *, lead_in: float) -> list[SpokenLine]:
    """Every line the voice says, in order, as played without a key pressed."""
    lines: list[SpokenLine] = []
    first = timeline.segments[0]
    ready = Snapshot(timeline, 0, first.seconds, 0.0, 0.0, 0.0, lead_in=lead_in)
    text = voice_line(Event(EventKind.LEAD_IN, ready)) if lead_in > 0 else None
    if text:
        lines.append(SpokenLine(-lead_in, text, None))
    for index, segment in enumerate(timeline.segments):
        for cue in segment_cues(timeline.segments, index, segment.seconds):
            line = _line(timeline, index, cue)
            if line:
                lines.append(SpokenLine(segment.start + cue.offset, line, cue.kind))
    last = len(timeline.segments) - 1
    closing = _line(timeline, last, Cue(timeline.segments[last].seconds, CueKind.FINISH))
    if closing:
        lines.append(SpokenLine(timeline.total, closing, CueKind.FINISH))
    return lines


def _line(timeline: Timeline, index: int, cue: Cue) -> str | None:
    segment = timeline.segments[index]
    active = segment.start + cue.offset
    snapshot = Snapshot(timeline, index, segment.seconds, cue.offset, active, 0.0)
    return voice_line(Event(EventKind.CUE, snapshot, cue))


def opening_lines(routine: Routine) -> list[str]:
    """Said before the count-in when nobody can be asked: a routine that asks for consent
    has its safety notes read out instead."""
    if not (routine.confirm and routine.safety):
        return []
    return ["Before you begin, the safety notes.", *routine.safety]
