"""The live view: one calm full screen, redrawn on the player's events, read from arm's length.

`LiveScreen` is the sink that shows the frames of `output.layout` on the alternate screen,
redraws them on the player's events (no more than the eye can use), gives the terminal
back on Ctrl-Z and keeps the terminal window's title up to date.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from types import TracebackType

from rich.console import Console

from facelift.base.wording import adjusted
from facelift.output.frames import Frames
from facelift.output.layout import (
    BANNER,
    ENLARGE,
    HELP,
    HELP_LEGEND,
    LEGEND,
    PAUSED_STYLE,
    REST_STYLE,
    SHORT_LEGEND,
    SIDE_STYLES,
    WAITING_BANNER,
    big_digits,
    layout,
    render,
)
from facelift.output.screen_words import (
    ceil_seconds,
    countdown,
    next_words,
    overall_fraction,
    position,
    side_words,
    summary_words,
    window_title,
)
from facelift.play.player import Event, EventKind, Snapshot
from facelift.play.timeline import CueKind

__all__ = [
    "BANNER",
    "ENLARGE",
    "HELP",
    "HELP_LEGEND",
    "LEGEND",
    "NOTE_SECONDS",
    "PAUSED_STYLE",
    "QUIET_CUES",
    "REDRAW_GAP",
    "REST_STYLE",
    "SHORT_LEGEND",
    "SIDE_STYLES",
    "TICKS",
    "WAITING_BANNER",
    "LiveScreen",
    "big_digits",
    "ceil_seconds",
    "countdown",
    "layout",
    "next_words",
    "overall_fraction",
    "position",
    "render",
    "side_words",
    "summary_words",
    "window_title",
]

REDRAW_GAP = 0.12  # seconds: ticks and strokes closer than this to the last draw may be skipped
NOTE_SECONDS = 1.5  # how long `+10 s` stays on the screen after + or -

# -- the sink ---------------------------------------------------------------------------------


TICKS = (EventKind.TICK, EventKind.LEAD_IN)  # a second passed (LEAD_IN: of the get-ready)
QUIET_CUES = (CueKind.STROKE, CueKind.COUNT)  # redraw only: no window title


class LiveScreen:
    """A sink that shows the session full-screen (alternate screen) while it is entered."""

    def __init__(
        self,
        console: Console,
        *,
        now: Callable[[], datetime] = datetime.now,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.console = console
        self.now = now
        self.monotonic = monotonic
        self.draws = 0
        self._frames: Frames | None = None
        self._drawn_at: float | None = None
        self._drawn: tuple[object, ...] | None = None
        self._title: str | None = None
        self._note = ""
        self._note_until = 0.0
        self._notice = ""

    def notice(self, message: str) -> None:
        """Show a line of trouble (from a sound thread) from the next redraw on, within a
        second: the session goes on, and the person knows why it went quiet."""
        self._notice = f"warning: {message}"

    def __enter__(self) -> LiveScreen:
        if self.console.is_terminal:
            self._write("\x1b[22;0t")  # keep the person's window title, to put it back
        self._frames = Frames(self.console)
        self._frames.enter()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        frames, self._frames = self._frames, None
        try:
            if frames is not None:
                frames.leave()
        finally:
            if self.console.is_terminal:
                self._write("\x1b[23;0t")

    def suspend(self) -> None:
        """Give the terminal back as it was (Ctrl-Z): the normal screen and the cursor."""
        if self._frames is not None:
            self._frames.leave()

    def resume(self) -> None:
        """Take the screen again after `fg`, and draw it whole."""
        if self._frames is not None:
            self._frames.enter()
            self._drawn = None
            self._frames.redraw()

    def handle(self, event: Event) -> None:
        """Redraw (ticks and strokes at most about 8 times a second) and update the title."""
        snapshot = event.snapshot
        cue = event.cue.kind if event.cue is not None else None
        ticking = event.kind in TICKS
        if ticking or (event.kind is EventKind.CUE and cue not in QUIET_CUES):
            self._set_title(window_title(snapshot))
        moment = self.monotonic()
        if event.kind is EventKind.ADJUST:
            self._note, self._note_until = adjusted(event.change), moment + NOTE_SECONDS
        note = self._note if moment < self._note_until else ""
        now = self.now()
        shown = (*_visible(snapshot), note, self._notice, summary_words(snapshot, now))
        if (
            (ticking or cue is CueKind.STROKE)
            and self._drawn_at is not None
            and moment - self._drawn_at < REDRAW_GAP
            and shown == self._drawn
        ):
            return  # nothing the person could see has changed since a moment ago
        self._drawn_at, self._drawn = moment, shown
        self.draws += 1
        if self._frames is not None:
            notice = self._notice
            self._frames.draw(
                lambda width, height: layout(
                    snapshot, now=now, width=width, height=height, note=note, notice=notice
                )
            )

    def _set_title(self, title: str) -> None:
        if self.console.is_terminal and title != self._title:
            self._title = title
            self._write(f"\x1b]0;{title}\x07")

    def _write(self, control: str) -> None:
        self.console.file.write(control)
        self.console.file.flush()


def _visible(snapshot: Snapshot) -> tuple[object, ...]:
    """What a redraw would change for the eye: the second shown, the stroke, the state."""
    return (
        snapshot.index,
        countdown(snapshot),
        snapshot.stroke,
        snapshot.paused,
        snapshot.muted,
        snapshot.help,
        ceil_seconds(snapshot.remaining_total),
    )
