"""Plain lines: one line per thing that happens, for screen readers, logs and pipes.

No escape codes and no redraws; TICK, STROKE and COUNT write nothing, so a log of a
forty-minute session stays short enough to read.
"""

from __future__ import annotations

import math
from typing import TextIO

from facelift.durations import format_clock
from facelift.parts import begins_part
from facelift.player import Event, EventKind, Snapshot
from facelift.routine import Rest, Step
from facelift.safetext import one_line
from facelift.timeline import CueKind

SIDE_NAMES = {"left": "left side", "right": "right side", None: "both sides"}
INDENT = " " * len("[00:00] ")


def spoken_length(seconds: float) -> str:
    """A length as a person says it: `45 s`, `1 min 30 s`, `2 min`, `1 h 5 min`."""
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours} h" if hours else "", f"{minutes} min" if minutes else ""]
    parts.append(f"{secs} s" if secs or not (hours or minutes) else "")
    return " ".join(part for part in parts if part)


def session_clock(seconds: float) -> str:
    """`mm:ss` of session time; a hair under a whole second (float sums) counts as it."""
    return format_clock(round(seconds, 3))


def side_name(side: str | None) -> str:
    return SIDE_NAMES.get(side, f"{side} side")


def event_lines(event: Event) -> list[str]:
    """The lines (without the time prefix) one event writes; none for ticks, strokes, counts."""
    snapshot = event.snapshot
    kind = event.kind
    if kind is EventKind.CUE and event.cue is not None:
        return _cue_lines(event.cue.kind, snapshot)
    if kind is EventKind.ADJUST:
        segment = snapshot.segment
        what = "rest" if segment.is_rest else ("side" if segment.side else "step")
        return [f"Now {spoken_length(snapshot.seconds)} for this {what}"]
    if kind is EventKind.MUTE:
        return ["Sound off" if snapshot.muted else "Sound on"]
    if kind is EventKind.FINISH:
        title = one_line(snapshot.timeline.routine.title)
        return [f"Finished: {title}, {session_clock(snapshot.active)} played"]
    if kind is EventKind.STOP:
        return [f"Stopped after {session_clock(snapshot.active)}"]
    fixed = {
        EventKind.PAUSE: "Paused",
        EventKind.RESUME: "Resumed",
        EventKind.SKIP: "Skipped",
        EventKind.BACK: "Back",
    }
    return [fixed[kind]] if kind in fixed else []


def _cue_lines(kind: CueKind, snapshot: Snapshot) -> list[str]:
    segment = snapshot.segment
    length = spoken_length(snapshot.seconds)
    rounds = [f"round {segment.round}/{segment.rounds}"] if segment.rounds > 1 else []
    timeline = snapshot.timeline
    part = begins_part(timeline.routine, segment.item_index,
                       first_played=timeline.segments[0].item_index)  # fmt: skip
    heading = [part.heading] if part is not None and segment.piece == 1 and kind in (
        CueKind.STEP, CueKind.REST) else []  # fmt: skip
    if kind is CueKind.REMIND:
        return ["Still waiting: press any key to go on"]
    if kind is CueKind.REST:
        note = one_line(segment.item.note) if isinstance(segment.item, Rest) else ""
        return [*heading, " · ".join(["Rest", length, *([note] if note else [])])]
    if kind is CueKind.STEP and snapshot.waiting:
        step = f"Step {segment.step_number}/{timeline.steps}"
        instruction = one_line(segment.item.do) if isinstance(segment.item, Step) else ""
        return [*heading, f"{step} · {one_line(segment.title)} · press any key to go on",
                *([INDENT + instruction] if instruction else [])]  # fmt: skip
    if kind is CueKind.STEP:
        stroke = snapshot.stroke
        parts = [
            f"Step {segment.step_number}/{snapshot.timeline.steps}",
            one_line(segment.title),
            side_name(segment.side),
            length,
            *([f"{stroke[1]} strokes"] if stroke else []),
            *rounds,
        ]
        instruction = one_line(segment.item.do) if isinstance(segment.item, Step) else ""
        return [*heading, " · ".join(parts), *([INDENT + instruction] if instruction else [])]
    if kind is CueKind.SWITCH:
        return [" · ".join([f"Switch to the {side_name(segment.side)}", length, *rounds])]
    if kind is CueKind.ROUND:
        return [f"Round {segment.round}/{segment.rounds} · {length}"]
    return []  # strokes, counts and the finish cue (the FINISH event says it)


class PlainLines:
    """A sink writing `[mm:ss] what happened` lines (session time), flushed one by one."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._begun = False

    def handle(self, event: Event) -> None:
        snapshot = event.snapshot
        lines: list[str] = []
        if not self._begun:
            self._begun = True
            if snapshot.lead_in > 0:
                seconds = math.ceil(round(snapshot.lead_in, 6))
                lines.append(f"Get ready: starting in {spoken_length(seconds)}")
        lines += event_lines(event)
        if not lines:
            return
        prefix = f"[{session_clock(snapshot.active)}] "
        for line in lines:
            self.stream.write(line if line.startswith(INDENT) else prefix + line)
            self.stream.write("\n")
        self.stream.flush()
