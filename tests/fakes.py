"""Test doubles for the player: scripted keys on a fake clock, and a sink that records;
and a session's world in which waiting takes no time."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from facelift.base import paths
from facelift.format.routine import Rest, Routine, Sides, Step, StrokeCue
from facelift.play.clock import FakeClock, SessionClock
from facelift.play.player import Event, EventKind, Key
from facelift.play.timeline import CueKind
from facelift.shell.session_io import SessionIO


class ScriptedKeys:
    """Presses each key when the fake clock reaches its time (seconds after `start`)."""

    def __init__(self, clock: FakeClock, presses: list[tuple[float, Key]] = ()) -> None:  # type: ignore[assignment]
        self.clock = clock
        self.start = clock.now()
        self.presses = sorted(presses, key=lambda press: press[0])
        self.waits: list[float] = []

    def read(self, timeout: float) -> Key | None:
        self.waits.append(timeout)
        if self.presses:
            at, key = self.presses[0]
            due = self.start + at
            if due <= self.clock.now() + timeout:
                self.clock.advance(due - self.clock.now())
                self.presses.pop(0)
                return key
        self.clock.advance(timeout)
        return None


class RaisingKeys(ScriptedKeys):
    """Like ScriptedKeys, then Ctrl-C at time `at`."""

    def __init__(self, clock: FakeClock, at: float) -> None:
        super().__init__(clock)
        self.at = at

    def read(self, timeout: float) -> Key | None:
        if self.clock.now() - self.start + timeout >= self.at:
            self.clock.advance(self.start + self.at - self.clock.now())
            raise KeyboardInterrupt
        return super().read(timeout)


@dataclass
class RecordingSink:
    clock: FakeClock
    events: list[tuple[float, Event]] = field(default_factory=list)

    def handle(self, event: Event) -> None:
        self.events.append((self.clock.now(), event))

    def cues(self) -> list[tuple[float, CueKind, int]]:
        """(clock time, cue kind, number) of every cue sounded."""
        return [(t, e.cue.kind, e.cue.number) for t, e in self.events if e.cue is not None]

    def kinds(self) -> list[EventKind]:
        return [e.kind for _, e in self.events if e.kind is not EventKind.TICK]


class SecondApart:
    """The real wall clock, except that no two sessions start within the same second (none
    could, each taking seconds to play): sessions played in an instant stay apart."""

    def __init__(self) -> None:
        self.last: datetime | None = None

    def __call__(self) -> datetime:
        now = datetime.now().astimezone()
        if self.last is not None and now < self.last + timedelta(seconds=1):
            now = self.last + timedelta(seconds=1)
        self.last = now
        return now


def instant_io(
    presses: Sequence[tuple[float, Key]] = (),
    *,
    ask: Callable[[str], str] = input,
    now: Callable[[], datetime] | None = None,
) -> SessionIO:
    """A session as a pipe runs it (no terminal on either side), on a fake clock that each
    wait moves on at once: `presses` are keys at their times (seconds after the start), and
    otherwise nobody touches a key. The history is the usual one; dates are real (`now`,
    by default the wall clock)."""
    fake = FakeClock()
    return SessionIO(
        clock=SessionClock(fake.now),
        keys=lambda clock: ScriptedKeys(fake, list(presses)),
        now=now or datetime.now,
        ask=ask,
        stdin_is_terminal=False,
        stdout_is_terminal=False,
        database=paths.database_path(),
    )


def routine(*items: Step | Rest, name: str = "test") -> Routine:
    return Routine(name=name, title="Test routine", items=tuple(items))


def step(title: str, seconds: float, **options: object) -> Step:
    return Step(title=title, seconds=seconds, **options)  # type: ignore[arg-type]


def counted(title: str, strokes: int, tempo: float = 3.0, **options: object) -> Step:
    return Step(
        title=title,
        seconds=strokes * tempo,
        strokes=strokes,
        tempo=tempo,
        cue=StrokeCue.STROKES,
        **options,  # type: ignore[arg-type]
    )


__all__ = ["Rest", "Sides"]
