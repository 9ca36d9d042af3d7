"""Every timing decision, made once, as data: when each played item starts and how long it lasts."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from enum import Enum

from facelift.base.errors import FaceliftError
from facelift.format.routine import Rest, Routine, Step, StrokeCue
from facelift.play.fitting import fit


@dataclass(frozen=True)
class Scheduled:
    """One played item (a step with all its sides and rounds, or a rest) and its place in time."""

    item: Step | Rest
    step_number: int | None  # 1-based among timed steps; None for a rest
    start: float
    seconds: float


def schedule(routine: Routine) -> tuple[Scheduled, ...]:
    """The expanded routine's items with their start times (includes must be expanded first)."""
    rows: list[Scheduled] = []
    start, steps = 0.0, 0
    for item in routine.items:
        if not isinstance(item, (Step, Rest)):
            raise TypeError("schedule() needs a routine whose includes are expanded")
        steps += isinstance(item, Step)
        seconds = item.total_seconds
        rows.append(Scheduled(item, steps if isinstance(item, Step) else None, start, seconds))
        start += seconds
    return tuple(rows)


def total_seconds(routine: Routine) -> float:
    return sum(row.seconds for row in schedule(routine))


def step_count(routine: Routine) -> int:
    """Timed steps only: rests are pauses, not steps."""
    return sum(isinstance(item, Step) for item in routine.items)


# -- the played timeline: segments and cues --------------------------------------------------

MIN_SCALE, MAX_SCALE = 0.25, 4.0
COUNT_FROM = 3  # the last three seconds of every segment are counted
TICK_CLEARANCE = 0.3  # a stroke tick this close to a count is left to the count
PREVIEW_BEFORE = 8.0  # the next step is named this long before a step ends...
PREVIEW_FROM = 15.0  # ...when the step lasts at least this long
WAIT_SECONDS = 20.0  # a waiting step without a length of its own, where no key can end it
REMIND_EVERY = 60.0  # a step that waits for a key reminds this often...
REMIND_TIMES = 60  # ...for about an hour, then keeps quiet


class CueKind(str, Enum):
    STEP = "step"
    SWITCH = "switch"  # the other side of the same step
    ROUND = "round"  # the next round of the same step, on the same side
    STROKE = "stroke"
    COUNT = "count"
    REST = "rest"
    PREVIEW = "preview"  # what comes next, for the voice; no sound of its own
    REMIND = "remind"  # a soft reminder while a step waits for a key
    FINISH = "finish"

    @property
    def sound(self) -> str | None:
        """The sound file that plays it: a new round asks to move the hands, like a switch;
        a reminder is the rest's soft bell; the preview is for the voice alone."""
        if self is CueKind.PREVIEW:
            return None
        shared = {CueKind.ROUND: "switch", CueKind.REMIND: "rest"}
        return shared.get(self, str(self.value))


@dataclass(frozen=True)
class Cue:
    """A sound due at a moment of a segment: a stroke's tick, a count, a switch of side."""

    offset: float  # seconds from the start of its segment
    kind: CueKind
    number: int = 0  # the stroke number, or the count (3, 2, 1)


@dataclass(frozen=True)
class Segment:
    """One side of one round of a step, or one rest: the unit the player counts down."""

    item: Step | Rest
    item_index: int  # position among the played items
    step_number: int | None  # 1-based among timed steps; None for a rest
    side: str | None  # "left", "right", or None for both hands at once
    round: int
    rounds: int
    piece: int  # 1-based position among the segments of its item
    start: float
    seconds: float
    stroke_seconds: float | None  # the scaled tempo when the step counts strokes

    @property
    def is_rest(self) -> bool:
        return isinstance(self.item, Rest)

    @property
    def title(self) -> str:
        return "Rest" if isinstance(self.item, Rest) else self.item.title

    @property
    def waits(self) -> bool:
        """It goes on at a key, not at a time (gloves on, oil off); its `seconds` are what a
        rendered file or a session without a keyboard gives it."""
        return isinstance(self.item, Step) and self.item.wait

    @property
    def ticks(self) -> bool:
        item = self.item
        return isinstance(item, Step) and item.cue is StrokeCue.STROKES and bool(item.strokes)

    def strokes_in(self, seconds: float) -> int:
        """How many strokes fit a segment of this length (more when time was added)."""
        if not self.stroke_seconds:
            return 0
        return max(1, round(seconds / self.stroke_seconds))

    def stroke_at(self, elapsed: float, seconds: float) -> int:
        """The 1-based stroke under way `elapsed` seconds into the segment."""
        if not self.stroke_seconds:
            return 0
        return min(self.strokes_in(seconds), int(elapsed / self.stroke_seconds) + 1)


@dataclass(frozen=True)
class Timeline:
    """A routine as it plays: every segment in order, its start and length fixed in advance."""

    routine: Routine
    segments: tuple[Segment, ...]
    steps: int  # timed steps in the whole routine, for "step 3 of 12"
    scale: float = 1.0
    from_step: int = 1  # the step it starts from (a resumed session starts later)

    @property
    def total(self) -> float:
        last = self.segments[-1]
        return last.start + last.seconds

    def cues(self) -> list[tuple[float, Cue]]:
        """Every cue at its time from the start, as played without a key pressed."""
        timed = [
            (segment.start + cue.offset, cue)
            for index, segment in enumerate(self.segments)
            for cue in segment_cues(self.segments, index, segment.seconds)
        ]
        return [*timed, (self.total, Cue(self.total, CueKind.FINISH))]


class StepOutOfRange(FaceliftError):
    """A start at a step the routine does not have; the command layer words it with its
    own option (`--from-step`), the core only says what is wrong."""

    def __init__(self, routine: str, step: int, steps: int) -> None:
        super().__init__(f"{routine} has steps 1 to {steps}, not step {step}")
        self.routine, self.step, self.steps = routine, step, steps


def compile_timeline(
    routine: Routine, *, minutes: float | None = None, from_step: int = 1, scale: float = 1.0
) -> Timeline:
    """The routine's segments from step `from_step` on, scaled to last `minutes` if given
    (or by `scale`: a resumed session keeps the pace it had)."""
    rows = schedule(routine)
    steps = step_count(routine)
    if not 1 <= from_step <= steps:
        raise StepOutOfRange(routine.name, from_step, steps)
    first = next(i for i, row in enumerate(rows) if row.step_number == from_step)
    played = rows[first:]
    length = sum(row.seconds for row in played)
    items = [row.item for row in played]
    assert all(isinstance(item, (Step, Rest)) for item in items)
    if minutes is not None:
        if not math.isfinite(minutes):  # inf, 1e309, nan: no length, so none fits
            fit(items, math.inf, routine.tempo_band, name=routine.name)
        scale = minutes * 60 / length if length else 1.0
    elif not MIN_SCALE <= scale <= MAX_SCALE:  # a pace given as such (a resumed session's)
        raise FaceliftError(
            f"a pace of x{scale:g} is out of range for {routine.name} "
            f"(from x{MIN_SCALE:g} to x{MAX_SCALE:g})"
        )
    if scale != 1 and length:
        items = list(fit(items, length * scale, routine.tempo_band, name=routine.name).items)
    segments: list[Segment] = []
    start = 0.0
    for offset, (row, item) in enumerate(zip(played, items, strict=True)):
        row = dataclasses.replace(row, item=item, seconds=item.total_seconds)
        for segment in _segments_of(row, first + offset, 1.0):
            segments.append(dataclasses.replace(segment, start=start))
            start += segment.seconds
    return Timeline(routine, tuple(segments), steps, scale, from_step)


def _segments_of(row: Scheduled, item_index: int, scale: float) -> list[Segment]:
    """A step's rounds, each with its sides in turn; a rest is one segment."""
    item = row.item
    if isinstance(item, Rest):
        pieces: list[tuple[int, str | None]] = [(1, None)]
        rounds, stroke_seconds = 1, None
    else:
        pieces = [(r, side) for r in range(1, item.repeat + 1) for side in item.sides.order]
        rounds, stroke_seconds = item.repeat, (item.tempo * scale if item.strokes else None)
    return [
        Segment(
            item=item,
            item_index=item_index,
            step_number=row.step_number,
            side=side,
            round=r,
            rounds=rounds,
            piece=piece,
            start=0.0,
            seconds=_planned_seconds(item, scale),
            stroke_seconds=stroke_seconds,
        )
        for piece, (r, side) in enumerate(pieces, 1)
    ]


def _planned_seconds(item: Step | Rest, scale: float) -> float:
    """A waiting step keeps its own length whatever the pace (it is not a massage)."""
    if isinstance(item, Step) and item.wait:
        return item.seconds if item.seconds > 0 else WAIT_SECONDS
    return item.seconds * scale


def waiting_cues() -> list[Cue]:
    """A step waiting for a key: its opening, then a soft reminder now and then."""
    reminders = [Cue(n * REMIND_EVERY, CueKind.REMIND, n) for n in range(1, REMIND_TIMES + 1)]
    return [Cue(0.0, CueKind.STEP), *reminders]


def segment_cues(segments: tuple[Segment, ...], index: int, seconds: float) -> list[Cue]:
    """The cues of segment `index` when it lasts `seconds` (its own, or as changed by +/-).
    A waiting step, played for a fixed time, has its opening only: nothing to count."""
    segment = segments[index]
    if segment.waits:
        return [Cue(0.0, CueKind.STEP)]
    if segment.is_rest:
        opening = CueKind.REST
    elif segment.piece == 1:
        opening = CueKind.STEP
    else:
        opening = CueKind.SWITCH if segment.side != segments[index - 1].side else CueKind.ROUND
    cues = [Cue(0.0, opening)]
    following = segments[index + 1] if index + 1 < len(segments) else None
    if following and following.item_index != segment.item_index and seconds >= PREVIEW_FROM:
        cues.append(Cue(seconds - PREVIEW_BEFORE, CueKind.PREVIEW))
    counts = [
        Cue(seconds - n, CueKind.COUNT, n) for n in range(COUNT_FROM, 0, -1) if seconds - n >= 1
    ]
    if segment.ticks and segment.stroke_seconds:
        for number in range(2, segment.strokes_in(seconds) + 1):
            at = (number - 1) * segment.stroke_seconds
            if all(abs(at - count.offset) > TICK_CLEARANCE for count in counts):
                cues.append(Cue(at, CueKind.STROKE, number))
    return sorted([*cues, *counts], key=lambda cue: cue.offset)
