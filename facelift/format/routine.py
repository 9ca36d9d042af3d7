"""The routine model: frozen dataclasses, built only by the loader."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from facelift.base.errors import Problem, RoutineError
from facelift.format.limits import DEFAULT_TEMPO_BAND


class Sides(str, Enum):
    BOTH = "both"
    LEFT_RIGHT = "left-right"
    RIGHT_LEFT = "right-left"
    LEFT = "left"
    RIGHT = "right"

    @property
    def order(self) -> tuple[str | None, ...]:
        """The sides played in turn; None means both hands at once."""
        return {
            Sides.BOTH: (None,),
            Sides.LEFT_RIGHT: ("left", "right"),
            Sides.RIGHT_LEFT: ("right", "left"),
            Sides.LEFT: ("left",),
            Sides.RIGHT: ("right",),
        }[self]


class StrokeCue(str, Enum):
    STROKES = "strokes"
    NONE = "none"


@dataclass(frozen=True)
class Location:
    """Where a value stands in its file (1-based), for messages that point at it."""

    file: str
    line: int
    column: int


@dataclass(frozen=True)
class PartOf:
    """The routine an included item comes from, when that routine is a part of the system:
    so a long session can say "Part 2 of 4: Neck, shoulders and scalp" as it begins."""

    name: str
    title: str
    number: int | None = None


@dataclass(frozen=True)
class Step:
    """A timed step. `seconds` is one side of one round: strokes x tempo, or duration; a
    step that waits for a key has WAIT_SECONDS, its planned share of the clock."""

    title: str
    seconds: float
    do: str = ""
    area: str = ""
    why: str = ""
    pressure: int | None = None  # 0 (skin contact only) to 10; None: no pressure applies
    sides: Sides = Sides.BOTH
    strokes: int | None = None
    tempo: float = 3.0
    repeat: int = 1
    cue: StrokeCue = StrokeCue.NONE
    rest_after: float = 0.0
    say: str = ""  # the instruction written for the ear; `do` is spoken when empty
    round_cues: tuple[str, ...] = ()  # where the hands go in each round (one per round)
    wait: bool = False  # waits for a key instead of a clock (gloves on, oil off)
    zones: tuple[str, ...] = ()  # zone names from facelift.format.zones
    direction: str | None = None  # the strokes' direction, from facelift.format.zones.DIRECTIONS
    part_of: PartOf | None = None  # set when the step comes from an included part
    location: Location | None = field(default=None, compare=False)  # where the file says it

    @property
    def total_seconds(self) -> float:
        return self.seconds * self.repeat * len(self.sides.order)


@dataclass(frozen=True)
class Rest:
    """A pause between steps, with an optional note ("Shake out your hands")."""

    seconds: float
    note: str = ""
    location: Location | None = field(default=None, compare=False)
    part_of: PartOf | None = None

    @property
    def total_seconds(self) -> float:
        """As long as it says: like a step's, so that any played item can be summed."""
        return self.seconds


@dataclass(frozen=True)
class Include:
    """Every step of another routine, played here (expanded by format/includes.py)."""

    name: str
    location: Location


Item = Step | Rest | Include


@dataclass(frozen=True)
class PartNotes:
    """The prepare and safety notes an included routine brings, kept under its title (its
    notes may say "this part"), without those the including routine already shows."""

    part: PartOf
    prepare: tuple[str, ...] = ()
    safety: tuple[str, ...] = ()


@dataclass(frozen=True)
class Routine:
    """A routine as its file says it (or, once played, with its includes expanded)."""

    name: str
    title: str
    items: tuple[Item, ...]
    part: int | None = None
    summary: str = ""
    description: str = ""
    prepare: tuple[str, ...] = ()
    safety: tuple[str, ...] = ()
    confirm: bool = False
    reflect: tuple[str, ...] = ()
    sounds: tuple[tuple[str, Path], ...] = ()
    path: Path | None = None
    tempo_band: float = DEFAULT_TEMPO_BAND  # how far --minutes may change a tempo (0.2: 20%)
    parts: tuple[PartNotes, ...] = ()  # included routines' own notes, set when played
    notices: tuple[Problem, ...] = field(default=(), compare=False)  # advice found reading it


class LoadError(RoutineError):
    """A routine file's problems, with the includes it names, so that the library can
    check those too and every error is reported at once."""

    def __init__(
        self, problems: Sequence[Problem], includes: Sequence[tuple[str, Include]]
    ) -> None:
        super().__init__(problems)
        self.includes = tuple(includes)


def slugify(text: str) -> str:
    """A usable routine name from a file name: `My Jaw.yaml` -> `my-jaw`."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:64]
    return slug or "routine"
