"""Where a played item stands in a long session made of parts (pure): "Part 2 of 4: Neck,
shoulders and scalp", and which step of that part it is.

A part is a run of items that came from the same included routine (Step.part_of,
Rest.part_of). A routine with fewer than two parts has none to announce.
"""

from __future__ import annotations

from dataclasses import dataclass

from facelift.format.routine import Include, PartOf, Routine, Step


@dataclass(frozen=True)
class Place:
    """Where an item of a long session stands: which part, of how many, and which step in it."""

    number: int  # 1-based among the session's parts
    total: int
    title: str
    step: int  # the step's 1-based number within its part; 0 for a rest
    steps: int  # timed steps in the part

    @property
    def heading(self) -> str:
        return f"Part {self.number} of {self.total}: {self.title}"


def part_of(routine: Routine, item_index: int) -> PartOf | None:
    item = routine.items[item_index]
    return None if isinstance(item, Include) else item.part_of


def parts(routine: Routine) -> list[PartOf]:
    """The session's parts in the order they begin, each once."""
    found: list[PartOf] = []
    for item in routine.items:
        part = None if isinstance(item, Include) else item.part_of
        if part is not None and part not in found:
            found.append(part)
    return found


def place(routine: Routine, item_index: int) -> Place | None:
    """The part an item is in and its step within it; None outside parts."""
    part = part_of(routine, item_index)
    every = parts(routine)
    if part is None or len(every) < 2:
        return None
    first = item_index
    while first > 0 and part_of(routine, first - 1) == part:
        first -= 1
    last = item_index
    while last + 1 < len(routine.items) and part_of(routine, last + 1) == part:
        last += 1
    run = routine.items[first : last + 1]
    before = routine.items[first : item_index + 1]
    here = isinstance(routine.items[item_index], Step)
    step = sum(isinstance(item, Step) for item in before) if here else 0
    steps = sum(isinstance(item, Step) for item in run)
    return Place(every.index(part) + 1, len(every), part.title, step, steps)


def begins_part(routine: Routine, item_index: int, *, first_played: int = 0) -> Place | None:
    """The part that begins with this item (or is under way where a session starts)."""
    found = place(routine, item_index)
    if found is None:
        return None
    if item_index == first_played or part_of(routine, item_index - 1) != part_of(
        routine, item_index
    ):
        return found
    return None
