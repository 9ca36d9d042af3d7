"""Plain lines: one sentence a line for each thing that happens, for screen readers, logs
and pipes.

No escape codes and no redraws; TICK, STROKE and COUNT write nothing, so a log of a
forty-minute session stays short enough to read. In a terminal each line is wrapped at
word boundaries to its width, so no word is ever broken; `?` writes the keys.
"""

from __future__ import annotations

import math
import textwrap
from typing import TextIO

from facelift.base import wording
from facelift.base.safetext import one_line
from facelift.base.wording import side_name, spoken_length
from facelift.format.parts import begins_part
from facelift.format.routine import Rest, Step
from facelift.format.zones import zone_words
from facelift.output import showing
from facelift.play.player import Event, EventKind, Snapshot
from facelift.play.timeline import CueKind

__all__ = ["PlainLines", "event_lines", "sentences", "session_clock", "side_name", "spoken_length"]

INDENT = "  "  # before a line that goes on from the line above (an instruction, a key)


def session_clock(seconds: float) -> str:
    """`m:ss` of session time; a hair under a whole second (float sums) counts as it."""
    return wording.clock(seconds)


def sentences(text: str) -> list[str]:
    """`text` on one line, cut into its sentences."""
    return wording.sentences(one_line(text))


def event_lines(event: Event) -> list[str]:
    """The sentences (without the time prefix) one event writes; none for ticks, strokes and
    counts. A line that begins with INDENT goes on from the one above."""
    snapshot = event.snapshot
    kind = event.kind
    if kind is EventKind.CUE and event.cue is not None:
        return _cue_lines(event.cue.kind, snapshot)
    if kind is EventKind.ADJUST:
        segment = snapshot.segment
        what = "rest" if segment.is_rest else ("side" if segment.side else "step")
        done = wording.adjusted(event.change)
        now = spoken_length(snapshot.seconds)
        return [f"{done[0].upper()}{done[1:]}: now {now} for this {what}."]
    if kind is EventKind.MUTE:
        return ["Sound off." if snapshot.muted else "Sound on."]
    if kind is EventKind.HELP:
        return _keys() if snapshot.help else ["Help closed."]
    title = one_line(snapshot.timeline.routine.title)
    if kind is EventKind.FINISH:
        return [wording.completed(title, snapshot.active)]
    if kind is EventKind.STOP:
        return [wording.stopped(title, snapshot.active)]
    fixed = {
        EventKind.PAUSE: "Paused.",
        EventKind.RESUME: "Resumed.",
        EventKind.SKIP: "Skipped.",
        EventKind.BACK: "Back.",
    }
    return [fixed[kind]] if kind in fixed else []


def _keys() -> list[str]:
    lines = ["Keys, while the session plays:"]
    for key, sentence in wording.KEY_HELP:
        lines.append(f"{INDENT}{' or '.join(key.split())}: {sentence}")
    return lines


def _cue_lines(kind: CueKind, snapshot: Snapshot) -> list[str]:
    segment = snapshot.segment
    length = spoken_length(snapshot.seconds)
    item = segment.item
    timeline = snapshot.timeline
    part = begins_part(
        timeline.routine, segment.item_index, first_played=timeline.segments[0].item_index
    )
    begins = kind in (CueKind.STEP, CueKind.REST) and segment.piece == 1
    heading = [f"{part.heading}."] if part is not None and begins else []
    if kind is CueKind.REMIND:
        return ["Still waiting: press any key to go on."]
    if kind is CueKind.REST:
        note = one_line(item.note) if isinstance(item, Rest) else ""
        return [*heading, f"Rest for {length}.", *(INDENT + line for line in sentences(note))]
    if not isinstance(item, Step):
        return []
    rounds = [showing.round_words(segment)] if segment.rounds > 1 else []
    number = f"Step {segment.step_number} of {timeline.steps}"
    if kind is CueKind.STEP and snapshot.waiting:
        title = one_line(segment.title)
        return [
            *heading,
            f"{number}: {title}. Take your time, and press any key to go on.",
            *(INDENT + line for line in sentences(item.do)),
        ]
    if kind is CueKind.STEP:
        stroke = snapshot.stroke
        step = segment.item if isinstance(segment.item, Step) else None
        where = zone_words(step.zones, step.direction) if step else ""
        parts = [
            one_line(segment.title),
            *([side_name(segment.side)] if showing.side_applies(segment) else []),
            length,
            *([showing.count_words(item, stroke[1])] if stroke else []),
            *([showing.pressure(item)] if showing.pressure(item) else []),
            *rounds,
            *([where] if where else []),
        ]
        head = f"{number}: {', '.join(parts)}."
        return [*heading, head, *(INDENT + line for line in sentences(item.do))]
    if kind is CueKind.SWITCH:
        return [", ".join([f"Switch to the {side_name(segment.side)}", length, *rounds]) + "."]
    if kind is CueKind.ROUND:
        return [f"{showing.round_words(segment).capitalize()}, {length}."]
    return []  # strokes, counts and the finish cue (the FINISH event says it)


class PlainLines:
    """A sink writing `[m:ss] what happened` lines (session time), flushed one by one,
    wrapped at word boundaries to `width` when there is one (a terminal)."""

    def __init__(self, stream: TextIO, *, width: int | None = None) -> None:
        self.stream = stream
        self.width = width
        self._begun = False

    def handle(self, event: Event) -> None:
        snapshot = event.snapshot
        lines: list[str] = []
        if not self._begun:
            self._begun = True
            if snapshot.lead_in > 0:
                seconds = math.ceil(round(snapshot.lead_in, 6))
                lines.append(f"Get ready: starting in {spoken_length(seconds)}.")
        lines += event_lines(event)
        if not lines:
            return
        prefix = f"[{session_clock(snapshot.active)}] "
        for line in lines:
            following = line.startswith(INDENT)
            self.stream.write(self._wrapped(line if following else prefix + line))
            self.stream.write("\n")
        self.stream.flush()

    def _wrapped(self, line: str) -> str:
        if self.width is None or len(line) < self.width:
            return line
        hang = " " * (len(line) - len(line.lstrip(" ")) + 2)
        width = max(len(hang) + 10, self.width - 1)  # the last column would wrap on its own
        wrapped = textwrap.wrap(line, width, subsequent_indent=hang, break_on_hyphens=False)
        return "\n".join(wrapped)

    def notice(self, message: str) -> None:
        """Nothing to show: in plain mode a warning is printed the moment it comes."""

    def suspend(self) -> None:
        """Nothing to give back on Ctrl-Z: the lines printed stay as they are."""

    def resume(self) -> None:
        """Nothing to redraw after `fg`: the next line follows the last."""
