"""The player: a loop over absolute deadlines on a monotonic clock, reading keys, emitting events.

Time is kept as the clock time at which the current segment started; a pause moves that
start forward, so nothing drifts and every later deadline follows. The loop waits only in
`keys.read(timeout)`, never past the next deadline, and every sink gets every event.

A step that waits for a key (Step.wait) has no deadline when keys can be read: it lasts
until a key other than b, m, ? or q, and its time counts as played. Without a keyboard it
plays its planned seconds like any other step.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from facelift.play.clock import Clock
from facelift.play.timeline import (
    COUNT_FROM,
    Cue,
    CueKind,
    Segment,
    Timeline,
    segment_cues,
    waiting_cues,
)

ADJUST_SECONDS = 10.0
PAUSED_TICK = 1.0  # while paused, a TICK this often (nothing else is due)
LEAST_LEFT = 5.0  # `-` never leaves less of a segment than this: it shortens, never skips
BACK_GRACE = 2.0  # `back` within this many seconds of a start goes to the segment before
LATE = 1.0  # a tick or count later than this (a suspended machine) is not sounded
EPSILON = 1e-6  # float sums of seconds are compared with this much slack


class Key(Enum):
    PAUSE = "pause"
    NEXT = "next"
    BACK = "back"
    MORE = "more"
    LESS = "less"
    MUTE = "mute"
    HELP = "help"
    QUIT = "quit"
    OTHER = "other"  # any other key: it ends a step that waits for a key, and does nothing else


STAYS_WHILE_WAITING = (Key.BACK, Key.MUTE, Key.HELP, Key.QUIT)  # any other key goes on


class KeySource(Protocol):
    def read(self, timeout: float) -> Key | None:
        """The next key pressed within `timeout` seconds, or None when the time is up."""
        ...


class EventKind(Enum):
    LEAD_IN = "lead-in"  # each second of the get-ready countdown
    CUE = "cue"  # a timeline cue is due (event.cue says which)
    TICK = "tick"  # a whole second passed: time to redraw the countdown
    PAUSE = "pause"
    RESUME = "resume"
    SKIP = "skip"  # `next`: the segment was cut short
    BACK = "back"
    ADJUST = "adjust"  # +/-: the segment's length changed
    MUTE = "mute"
    HELP = "help"
    FINISH = "finish"  # the routine played to its end
    STOP = "stop"  # the person stopped it


class Outcome(Enum):
    COMPLETED = "completed"
    STOPPED = "stopped"


@dataclass(frozen=True)
class Snapshot:
    """Everything a sink needs to know at one moment of a session."""

    timeline: Timeline
    index: int  # the current segment
    seconds: float  # its length now (after any +/-)
    elapsed: float  # seconds into it
    active: float  # seconds played since the lead-in, pauses excluded
    paused_total: float
    paused: bool = False
    muted: bool = False
    help: bool = False
    lead_in: float = 0.0  # seconds of get-ready left; 0 once playing
    waiting: bool = False  # the step waits for a key (its `seconds` are then its `elapsed`)

    @property
    def segment(self) -> Segment:
        return self.timeline.segments[self.index]

    @property
    def remaining(self) -> float:
        return max(0.0, self.seconds - self.elapsed)

    @property
    def remaining_total(self) -> float:
        later = self.timeline.segments[self.index + 1 :]
        return self.lead_in + self.remaining + sum(s.seconds for s in later)

    @property
    def next_segment(self) -> Segment | None:
        segments = self.timeline.segments
        return segments[self.index + 1] if self.index + 1 < len(segments) else None

    @property
    def stroke(self) -> tuple[int, int] | None:
        """(stroke under way, strokes in all) for a counted step, else None."""
        segment = self.segment
        if not segment.stroke_seconds:
            return None
        return segment.stroke_at(self.elapsed, self.seconds), segment.strokes_in(self.seconds)


@dataclass(frozen=True)
class Event:
    """Something that happened in a session, with the state of play at that moment."""

    kind: EventKind
    snapshot: Snapshot
    cue: Cue | None = None
    change: float = 0.0  # ADJUST: the seconds added (or, below 0, taken off)


class Sink(Protocol):
    def handle(self, event: Event) -> None: ...


class Player:
    def __init__(
        self,
        timeline: Timeline,
        *,
        clock: Clock,
        keys: KeySource,
        sinks: Sequence[Sink],
        lead_in: float = 5.0,
        muted: bool = False,
        waits: bool = True,
    ) -> None:
        self.timeline = timeline
        self.waits = waits  # False: no keyboard, so a waiting step plays its planned time
        self.clock = clock
        self.keys = keys
        self.sinks = list(sinks)
        self.lead_in = max(0.0, lead_in)
        self.muted = muted
        self.help = False
        self.waiting = False
        self.paused_for_help = False
        self.index = -1 if self.lead_in else 0  # -1: the get-ready countdown
        self.seconds = self.lead_in or self._planned(0)
        self.started_at = 0.0  # clock time the current segment started, moved by pauses
        self.paused_at: float | None = None
        self.paused_total = 0.0
        self.active_origin: float | None = None  # when step 1 began, moved by pauses
        self.pending: list[Cue] = []
        self.next_tick = 1

    # -- the loop ---------------------------------------------------------------------------

    def play(self) -> Outcome:
        """Play to the end or until stopped; KeyboardInterrupt (Ctrl-C, signals) stops too."""
        try:
            self._enter(self.index, self.clock.now())
            while True:
                key = self.keys.read(self._timeout())
                if self._catch_up():  # first what is due by now, so a key acts on the present
                    return self._finish()
                if key is Key.QUIT:
                    return self._stop()
                if key is not None and self._press(key):
                    return self._finish()
                if key is None and self.paused_at is not None and self.index >= 0:
                    self._emit(EventKind.TICK)  # paused: the time it will end moves on
        except KeyboardInterrupt:
            return self._stop()

    def _timeout(self) -> float:
        if self.paused_at is not None:  # wake each second: the screen's end time moves on
            return PAUSED_TICK
        deadlines = [self.seconds, float(self.next_tick)]
        if self.pending:
            deadlines.append(self.pending[0].offset)
        return max(0.0, self.started_at + min(deadlines) - self.clock.now())

    def _catch_up(self) -> bool:
        """Emit what is due by now, moving on segment by segment; True at the end."""
        if self.paused_at is not None:
            return False
        now = self.clock.now()
        while True:
            elapsed = now - self.started_at
            while self.pending and self.pending[0].offset <= elapsed + EPSILON:
                cue = self.pending.pop(0)
                late = elapsed - cue.offset > LATE
                if not (late and cue.kind in (CueKind.STROKE, CueKind.COUNT)):
                    self._emit(self._cue_event(cue))
            inside = self.next_tick < self.seconds - EPSILON  # the end brings its own event
            if inside and self.next_tick <= elapsed + EPSILON:
                self.next_tick = math.floor(elapsed + EPSILON) + 1
                self._emit(EventKind.LEAD_IN if self.index < 0 else EventKind.TICK)
            if elapsed + EPSILON < self.seconds:
                return False
            if self.index + 1 >= len(self.timeline.segments):
                return True
            self._enter(self.index + 1, self.started_at + self.seconds)

    def _enter(self, index: int, at: float) -> None:
        """Start segment `index` at clock time `at` (the lead-in is -1) and sound its opening."""
        self.index = index
        self.started_at = at
        if index >= 0 and self.active_origin is None:
            self.active_origin = at
        self.waiting = index >= 0 and self.waits and self.timeline.segments[index].waits
        self.seconds = self.lead_in if index < 0 else self._planned(index)
        if self.waiting:
            self.seconds = math.inf  # no deadline: a key ends it
        self.next_tick = 1
        self.pending = self._cues()
        if self.paused_at is not None and self.paused_at < at:
            self.paused_at = at  # left the countdown while paused: the pause counts from here
        self._catch_up_opening()

    def _catch_up_opening(self) -> None:
        if self.index < 0:
            self._emit(EventKind.LEAD_IN)
        elif self.pending and self.pending[0].offset == 0.0:
            self._emit(self._cue_event(self.pending.pop(0)))

    def _cues(self) -> list[Cue]:
        if self.index < 0:  # the get-ready countdown: only its last seconds are counted
            return [
                Cue(self.seconds - n, CueKind.COUNT, n)
                for n in range(COUNT_FROM, 0, -1)
                if self.seconds - n >= 0
            ]
        if self.waiting:
            return waiting_cues()
        return segment_cues(self.timeline.segments, self.index, self.seconds)

    def _planned(self, index: int) -> float:
        return self.timeline.segments[index].seconds

    # -- keys -------------------------------------------------------------------------------

    def _press(self, key: Key) -> bool:
        """Act on a key; True when it ended the routine (`next` on the last segment)."""
        now = self.clock.now()
        elapsed = self._elapsed(now)
        # while paused, time stands at the pause: a step entered then starts there (a pause
        # in the get-ready countdown is no pause: the session starts now, still paused)
        frozen = self.paused_at is not None and self.index >= 0
        moment = self.paused_at if frozen and self.paused_at is not None else now
        if self.waiting and self.paused_at is None and key not in STAYS_WHILE_WAITING:
            return self._go_on(now)
        if key is Key.PAUSE:
            self.paused_for_help = False  # space decides now, whatever help did
            self._toggle_pause(now)
        elif key is Key.NEXT:
            self._emit(EventKind.SKIP)
            if self.index + 1 >= len(self.timeline.segments):
                return True
            self._enter(self.index + 1, moment)
        elif key is Key.BACK:
            previous = elapsed < BACK_GRACE and self.index > 0
            self._emit(EventKind.BACK)
            self._enter(self.index - 1 if previous else self.index, moment)
        elif key in (Key.MORE, Key.LESS) and self.index >= 0:
            before = self.seconds
            if key is Key.MORE:
                self.seconds += ADJUST_SECONDS
            else:  # never below LEAST_LEFT to go, and never longer than it was
                least = min(before, elapsed + LEAST_LEFT)
                self.seconds = max(least, before - ADJUST_SECONDS)
            self.pending = [c for c in self._cues() if c.offset > elapsed]
            self._emit(Event(EventKind.ADJUST, self.snapshot(), change=self.seconds - before))
        elif key is Key.MUTE:
            self.muted = not self.muted
            self._emit(EventKind.MUTE)
        elif key is Key.HELP:  # help pauses while it is read, unless already paused
            self.help = not self.help
            if self.help and self.paused_at is None:
                self.paused_for_help = True
                self._toggle_pause(now)
            elif not self.help and self.paused_for_help:
                self.paused_for_help = False
                self._toggle_pause(now)
            self._emit(EventKind.HELP)
        return False

    def _go_on(self, now: float) -> bool:
        """End a waiting step at the key, as played; True when it was the last."""
        self.seconds = max(0.0, now - self.started_at)
        if self.index + 1 >= len(self.timeline.segments):
            return True
        self._enter(self.index + 1, now)
        return False

    def _toggle_pause(self, now: float) -> None:
        if self.paused_at is None:
            self.paused_at = now
            self._emit(EventKind.PAUSE)
            return
        pause = now - self.paused_at
        self.paused_at = None
        self.started_at += pause
        if self.active_origin is not None:  # a pause in the get-ready countdown is no pause
            self.active_origin += pause
            self.paused_total += pause
        self._emit(EventKind.RESUME)

    # -- events -----------------------------------------------------------------------------

    def _elapsed(self, now: float) -> float:
        moment = self.paused_at if self.paused_at is not None else now
        return max(0.0, min(self.seconds, moment - self.started_at))

    def snapshot(self) -> Snapshot:
        now = self.clock.now()
        moment = self.paused_at if self.paused_at is not None else now
        elapsed = self._elapsed(now)
        playing = self.index >= 0
        seconds = elapsed if self.waiting else self.seconds
        return Snapshot(
            timeline=self.timeline,
            index=max(0, self.index),
            seconds=seconds if playing else self._planned(0),
            elapsed=elapsed if playing else 0.0,
            active=0.0 if self.active_origin is None else max(0.0, moment - self.active_origin),
            paused_total=self.paused_total + (now - moment if playing else 0.0),
            paused=self.paused_at is not None,
            muted=self.muted,
            help=self.help,
            lead_in=0.0 if playing else max(0.0, self.seconds - elapsed),
            waiting=self.waiting,
        )

    def _cue_event(self, cue: Cue) -> Event:
        return Event(EventKind.CUE, self.snapshot(), cue)

    def _emit(self, what: EventKind | Event) -> None:
        event = what if isinstance(what, Event) else Event(what, self.snapshot())
        for sink in list(self.sinks):
            try:
                sink.handle(event)
            except OSError:  # its terminal or device went away: the session goes on without it
                self.sinks.remove(sink)

    def _finish(self) -> Outcome:
        self._emit(self._cue_event(Cue(self.seconds, CueKind.FINISH)))
        self._emit(EventKind.FINISH)
        return Outcome.COMPLETED

    def _stop(self) -> Outcome:
        self._emit(EventKind.STOP)
        return Outcome.STOPPED
