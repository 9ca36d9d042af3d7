"""What the voice says and when, as data: the timeline mapped to spoken lines (pure).

One mapping for every way a session is heard: the live session speaks these lines as their
cues come (every one rendered before the count-in, see speech_cache), and `render` places
them in a file. Each step says what to do (its `say:`, else its `do:`), where the hands go
in each round, and how firmly; a new part is named as it begins. Times are seconds from the
start of the first step, so the get-ready line is negative.
"""

from __future__ import annotations

from dataclasses import dataclass

from facelift.base import wording
from facelift.format.parts import begins_part
from facelift.format.routine import Rest, Routine, Step
from facelift.play.player import Event, EventKind
from facelift.play.timeline import Cue, CueKind, Timeline, segment_cues, waiting_cues

GET_READY = "Get ready."
WAIT_LIVE = "Take your time, and press any key when you are ready to go on."
WAIT_RENDERED = "Take your time; pause the player if you need longer."
REMINDER = "Whenever you are ready, press any key to go on."
CLOSING = "That is the end of the routine. Take a moment before you get up."
READY_FROM = 2.0  # a count-in of more seconds than this says "Get ready."


@dataclass(frozen=True)
class SpokenLine:
    """A line the voice says, and when, relative to the first step."""

    at: float  # seconds from the start of the first step; the get-ready line is negative
    text: str
    cue: CueKind | None  # the cue it belongs to (its sound comes first); None: the get-ready


def spoken_lines(timeline: Timeline, *, lead_in: float, live: bool = False) -> list[SpokenLine]:
    """Every line the voice says, in order, as played without a key pressed (a waiting step
    lasting its planned seconds, as in a rendered file)."""
    lines: list[SpokenLine] = []
    if lead_in > READY_FROM:
        lines.append(SpokenLine(-lead_in, GET_READY, None))
    for index, segment in enumerate(timeline.segments):
        for cue in segment_cues(timeline.segments, index, segment.seconds):
            line = cue_line(timeline, index, cue, live=live)
            if line:
                lines.append(SpokenLine(segment.start + cue.offset, line, cue.kind))
    lines.append(SpokenLine(timeline.total, CLOSING, CueKind.FINISH))
    return lines


def every_line(timeline: Timeline, *, lead_in: float) -> list[str]:
    """Each distinct line a live session may say, whatever keys are pressed: rendered
    before it starts, so that speech never waits for a speech program."""
    texts = [
        *intro_lines(timeline),
        *(line.text for line in spoken_lines(timeline, lead_in=lead_in, live=True)),
    ]
    for index, segment in enumerate(timeline.segments):
        if segment.waits:  # its reminder, when a key ends it
            texts += filter(None, (cue_line(timeline, index, c) for c in waiting_cues()[1:2]))
        if index + 1 < len(timeline.segments):  # +/- can make any step long enough to preview
            texts.append(f"Next: {timeline.segments[index + 1].title}.")
    return list(dict.fromkeys(texts))


def event_line(event: Event) -> str | None:
    """The line for a live event: the get-ready, or its cue's."""
    snapshot = event.snapshot
    if event.kind is EventKind.LEAD_IN:  # the sink says it once, at the first of them
        return GET_READY if snapshot.lead_in > READY_FROM else None
    if event.kind is not EventKind.CUE or event.cue is None:
        return None
    return cue_line(snapshot.timeline, snapshot.index, event.cue, live=True)


def cue_line(timeline: Timeline, index: int, cue: Cue, *, live: bool = True) -> str | None:
    """The sentence for a cue of segment `index`, or None (ticks and counts)."""
    segments = timeline.segments
    segment = segments[index]
    kind = cue.kind
    if kind is CueKind.FINISH:
        return CLOSING
    if kind is CueKind.REMIND:
        return REMINDER
    if kind is CueKind.PREVIEW:
        return f"Next: {segments[index + 1].title}." if index + 1 < len(segments) else None
    item = segment.item
    first = segments[0].item_index
    part = begins_part(timeline.routine, segment.item_index, first_played=first)
    heading = f"{part.heading}." if part is not None and segment.piece == 1 else ""
    length = wording.said_length(segment.seconds)
    if isinstance(item, Rest):
        return _join(heading, "Rest.", length, item.note) if kind is CueKind.REST else None
    if kind is CueKind.STEP:
        if segment.waits:
            return _join(
                heading, f"{item.title}.", instruction(item), WAIT_LIVE if live else WAIT_RENDERED
            )
        where = round_cue(item, segment.round)
        return _join(
            heading,
            wording.said_side(segment.side),
            f"{item.title}.",
            length,
            pressure_words(item),
            instruction(item),
            where,
        )
    new_round = index > 0 and segments[index - 1].round != segment.round
    rounds = _join(f"Round {wording.number_words(segment.round)}.", round_cue(item, segment.round))
    if kind is CueKind.SWITCH:
        return _join("Switch sides.", wording.said_side(segment.side), rounds if new_round else "")
    if kind is CueKind.ROUND:
        return rounds
    return None


def instruction(step: Step) -> str:
    """What to do, written for the ear where the routine says so."""
    return _one_line(step.say or step.do)


def round_cue(step: Step, round_number: int) -> str:
    """Where the hands go in this round, when the routine says."""
    cues = step.round_cues
    return _one_line(cues[round_number - 1]) if 0 < round_number <= len(cues) else ""


def pressure_words(step: Step) -> str:
    """`Pressure three out of ten.` on the 0-10 scale; nothing for a pressure in words."""
    return wording.said_pressure(step.pressure)


def intro_lines(timeline: Timeline) -> list[str]:
    """Said before the count-in: the title and length, then the preparation, briefly (the
    first sentence of each note)."""
    routine = timeline.routine
    lines = [_join(f"{_one_line(routine.title)}.", wording.said_length(timeline.total))]
    notes = [wording.first_sentence(entry) for entry in routine.prepare]
    if notes:
        lines.append(_join("To prepare:", notes[0]))
        lines += notes[1:]
    return [line for line in lines if line]


def opening_lines(routine: Routine) -> list[str]:
    """Said first in a rendered file, where nobody can be asked: a routine that asks for
    consent has its safety notes read out."""
    if not (routine.confirm and routine.safety):
        return []
    return ["Before you begin, the safety notes.", *routine.safety]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _join(*parts: str) -> str:
    return " ".join(part for part in (_one_line(p) for p in parts) if part)
