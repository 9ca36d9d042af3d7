"""Time for the player: the real monotonic clock, and a fake one that tests move by hand."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Seconds on a clock that never jumps (not the wall clock)."""
        ...


class MonotonicClock:
    def now(self) -> float:
        return time.monotonic()


class SessionClock:
    """The monotonic clock less the time the process was suspended (Ctrl-Z), so that a
    session stopped in the background resumes where it was, not minutes further on.
    `monotonic` is the clock underneath (a FakeClock's `now` in tests)."""

    def __init__(self, monotonic: Callable[[], float] | None = None) -> None:
        self.monotonic = monotonic or time.monotonic
        self.held_for = 0.0
        self.held_since: float | None = None

    def now(self) -> float:
        moment = self.held_since if self.held_since is not None else self.monotonic()
        return moment - self.held_for

    def hold(self) -> None:
        if self.held_since is None:
            self.held_since = self.monotonic()

    def release(self) -> None:
        if self.held_since is not None:
            self.held_for += self.monotonic() - self.held_since
            self.held_since = None


class FakeClock:
    """A clock that moves only when told: a 40-minute routine plays in milliseconds."""

    def __init__(self, start: float = 1000.0) -> None:
        self.time = start

    def now(self) -> float:
        return self.time

    def advance(self, seconds: float) -> None:
        self.time += max(0.0, seconds)
