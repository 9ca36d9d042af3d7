"""A routine's prepare and safety notes in groups: its own first, then each included part's
under that part's title (a part's notes may say "this part"), as show, start and the
printable page list them."""

from __future__ import annotations

from facelift.format.routine import PartOf, Routine


def heading(part: PartOf) -> str:
    """`Part 2: Neck, Shoulders and Scalp`, or the title alone for a routine with no part."""
    return f"Part {part.number}: {part.title}" if part.number else part.title


def groups(routine: Routine, kind: str) -> list[tuple[str, tuple[str, ...]]]:
    """The notes of `kind` ("prepare" or "safety") as (heading, notes): the routine's own
    under "", then each part's that has some."""
    own: tuple[str, ...] = getattr(routine, kind)
    found = [("", own)] if own else []
    for part in routine.parts:
        notes: tuple[str, ...] = getattr(part, kind)
        if notes:
            found.append((heading(part.part), notes))
    return found


def has_notes(routine: Routine) -> bool:
    return bool(groups(routine, "prepare") or groups(routine, "safety"))


def flat(routine: Routine, kind: str) -> list[str]:
    """One line each, a part's heading before its notes (for the voice and plain text)."""
    lines: list[str] = []
    for title, notes in groups(routine, kind):
        lines += [f"{title}:"] if title else []
        lines += notes
    return lines
