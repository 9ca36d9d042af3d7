"""Test doubles for the player: scripted keys on a fake clock, and a sink that records."""

from __future__ import annotations

from dataclasses import dataclass, field

from facelift.format.routine import Rest, Routine, Sides, Step, StrokeCue
from facelift.play.clock import FakeClock
from facelift.play.player import Event, EventKind, Key
from facelift.play.timeline import CueKind


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
