"""Sound sinks. For now the terminal bell, or silence; real cue sounds come with the audio work."""

from __future__ import annotations

import os

from facelift.player import Event, EventKind
from facelift.timeline import CueKind

# The bell marks the moments that need the hands to move; ticks and counts would be noise.
BELL_CUES = (CueKind.STEP, CueKind.SWITCH, CueKind.ROUND, CueKind.REST, CueKind.FINISH)


class BellSink:
    """Rings the terminal bell on the cues that ask for a change, unless muted."""

    def __init__(self, terminal_fd: int) -> None:
        # written straight to the file descriptor: the live screen redirects sys.stdout
        self.terminal_fd = terminal_fd

    def handle(self, event: Event) -> None:
        if event.kind is not EventKind.CUE or event.cue is None or event.snapshot.muted:
            return
        if event.cue.kind in BELL_CUES:
            os.write(self.terminal_fd, b"\a")


class Silence:
    def handle(self, event: Event) -> None:
        """--audio none: nothing to do."""
