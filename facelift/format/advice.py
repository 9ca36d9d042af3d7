"""Gentle warnings from `validate`: a file that loads, but may not play as its author meant.

Each is located like an error and marked `warning:`; none changes the exit status.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from facelift.base.errors import Problem
from facelift.format.durations import format_duration
from facelift.format.routine import Location, Rest, Routine, Sides, Step

SHORTEST_STEP = 3.0
LONGEST_ROUTINE = 90 * 60.0
NECK = re.compile(r"neck|collarbone|clavic", re.IGNORECASE)
INSIDE_MOUTH = re.compile(
    r"inside (?:the|your) (?:mouth|cheek|lip)|intra-?oral|buccal|from inside|glove",
    re.IGNORECASE,
)


def advise(written: Routine, played: Routine, *, shown_as: str) -> list[Problem]:
    """Warnings for a routine: `written` as in its file, `played` with includes expanded."""
    top = Location(shown_as, 1, 1)
    return sorted(
        [
            *written.notices,
            *_short_steps(written, shown_as),
            *_long_routine(played, top),
            *_unmatched_sides(written, shown_as),
            *_drainage_ends(written, shown_as, top),
            *_mouth_without_consent(played, shown_as, top),
        ],
        key=lambda problem: (problem.line, problem.column),
    )


def _steps(routine: Routine) -> list[tuple[int, Step]]:
    """Timed steps with their 1-based position among the file's items (as steps[N] says)."""
    return [(n, item) for n, item in enumerate(routine.items, 1) if isinstance(item, Step)]


def _warning(where: Location | None, fallback: Location, path: str, message: str) -> Problem:
    at = where if where is not None and where.file == fallback.file else fallback
    return Problem(at.file, at.line, at.column, path, message, warning=True)


def _short_steps(routine: Routine, shown_as: str) -> Iterator[Problem]:
    top = Location(shown_as, 1, 1)
    for number, step in _steps(routine):
        if step.seconds < SHORTEST_STEP and not step.wait:
            yield _warning(
                step.location,
                top,
                f"steps[{number}]",
                f"lasts only {format_duration(step.seconds)}; a step shorter than "
                f"{SHORTEST_STEP:g}s is hard to follow with the hands busy",
            )


def _long_routine(played: Routine, top: Location) -> Iterator[Problem]:
    total = sum(i.total_seconds for i in played.items if isinstance(i, (Step, Rest)))
    if total > LONGEST_ROUTINE:
        yield _warning(
            None,
            top,
            "steps",
            f"the routine lasts {format_duration(total)}; "
            "over 90 minutes is a long time for hands and skin",
        )


def _unmatched_sides(routine: Routine, shown_as: str) -> Iterator[Problem]:
    """A step for one side only, with no step of the same title for the other."""
    top = Location(shown_as, 1, 1)
    steps = _steps(routine)
    one_sided = {Sides.LEFT: Sides.RIGHT, Sides.RIGHT: Sides.LEFT}
    for number, step in steps:
        other = one_sided.get(step.sides)
        if other is None:
            continue
        title = step.title.casefold()
        if not any(s.sides is other and s.title.casefold() == title for _, s in steps):
            yield _warning(
                step.location,
                top,
                f"steps[{number}].sides",
                f"'{step.title}' works the {step.sides.value} side only; "
                f"add a '{step.title}' step for the {other.value} side, "
                "or use sides: left-right",
            )


def _drainage_ends(routine: Routine, shown_as: str, top: Location) -> Iterator[Problem]:
    """Drainage clears the neck and collarbones first and last (one opening step, such as a
    breath, may come before)."""
    steps = _steps(routine)
    if routine.part != 1 or not steps:
        return
    opening = steps[:2]
    if not any(NECK.search(f"{s.title} {s.area} {s.do}") for _, s in opening):
        number, step = steps[0]
        yield _warning(
            step.location,
            top,
            f"steps[{number}]",
            "a drainage routine (part 1) usually starts by clearing the neck and collarbones",
        )
    number, last = steps[-1]
    if not NECK.search(f"{last.title} {last.area} {last.do}"):
        yield _warning(
            last.location,
            top,
            f"steps[{number}]",
            "a drainage routine (part 1) usually ends at the neck and collarbones",
        )


def _mouth_without_consent(played: Routine, shown_as: str, top: Location) -> Iterator[Problem]:
    if played.confirm:
        return
    for step in played.items:
        if isinstance(step, Step) and INSIDE_MOUTH.search(f"{step.title} {step.area} {step.do}"):
            elsewhere = step.location is None or step.location.file != shown_as
            where = "an included step" if elsewhere else f"'{step.title}'"
            yield _warning(
                step.location,
                top,
                "confirm",
                f"{where} works inside the mouth; add confirm: true so that nobody "
                "starts it unasked",
            )
            return
