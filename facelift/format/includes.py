"""Includes expanded: each routine once, within bounds checked while it happens.

Any routine in the routines folder may come from someone else, so expanding includes is
bounded as it goes (steps and rests, text, length, nesting) instead of after a full
flatten, and a routine included many times is expanded once and remembered. Each bound
crossed is a located error at the include (or step) that crossed it.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from facelift.base.errors import Problem, RoutineError
from facelift.format.durations import format_duration
from facelift.format.limits import MAX_INCLUDE_DEPTH, MAX_ITEMS, MAX_ROUTINE, MAX_TEXT
from facelift.format.routine import Include, Location, PartNotes, PartOf, Rest, Routine, Step

SUGGEST_CUTOFF = 0.7  # how alike a name must be to be offered as "did you mean"


class Target(Protocol):
    """What an include can name: a routine file, loaded (`routine`) or broken (None)."""

    @property
    def routine(self) -> Routine | None: ...

    @property
    def path(self) -> Path: ...


@dataclass(frozen=True)
class _Flat:
    """A routine's steps and rests with its includes in place (no automatic rests yet)."""

    routine: Routine
    items: tuple[Step | Rest, ...]
    height: int  # how deep its includes nest: 0 for none
    seconds: float
    text: int  # characters of text in the items
    included: tuple[Routine, ...]  # every routine it brings in, at any depth, once each


class _Failed(Exception):
    """Problems found while expanding; `deep` when includes nest too deep, which depends on
    how deep the routine was reached, so it is not the routine's own failure."""

    def __init__(self, problems: list[Problem], *, deep: bool = False) -> None:
        super().__init__()
        self.problems = problems
        self.deep = deep


class Expander:
    """Expands the routines of a fixed set of targets by name, remembering each result, so
    that each is expanded once (and again only to say where it nests too deep)."""

    def __init__(self, targets: Mapping[str, Target]) -> None:
        self._targets = targets
        self._done: dict[str, _Flat | list[Problem]] = {}  # expanded, or why it cannot be
        self._deep: dict[str, tuple[int, list[Problem]]] = {}  # too deep with so many levels left

    def played(self, name: str) -> Routine:
        """The routine named `name` as played: includes replaced by their steps, automatic
        rests in place; or a RoutineError with every problem found on the way."""
        try:
            flat = self._included(name, (), None)
        except _Failed as failed:
            raise RoutineError(failed.problems) from None
        routine = flat.routine
        played = _with_rests(flat.items)
        total = sum(item.total_seconds for item in played)
        if total > MAX_ROUTINE:  # the automatic rests tipped it over
            message = f"with its includes the routine lasts {format_duration(total)}"
            problem = Problem(
                str(routine.path or name), 1, 1, "steps", f"{message}; the most is 6h"
            )
            raise RoutineError([problem])
        # An included routine's consent and cautions come with its steps: a routine that
        # includes buccal asks for a yes, and shows buccal's notes under buccal's title.
        included = flat.included
        confirm = routine.confirm or any(r.confirm for r in included)
        return dataclasses.replace(
            routine, items=played, confirm=confirm, parts=part_notes(routine, included)
        )

    def _included(self, name: str, chain: tuple[str, ...], at: _Pointer | None) -> _Flat:
        """The expansion of the routine named `name`, included at `at` by the last of
        `chain` (the routines being expanded, outermost first)."""
        done = self._done.get(name)
        if isinstance(done, list):
            raise _Failed(done)  # a new one each time: a raised exception keeps its traceback
        levels_left = MAX_INCLUDE_DEPTH - len(chain)
        if isinstance(done, _Flat) and done.height <= levels_left:
            return done
        target = self._targets.get(name)
        if at is not None:
            if name in chain:
                cycle = " -> ".join((*chain[chain.index(name) :], name))
                raise _Failed([at.problem(f"include cycle: {cycle}")])
            if target is None:
                raise _Failed([at.problem(no_such_routine(name, list(self._targets)))])
            if target.routine is None:
                raise _Failed(
                    [
                        at.problem(
                            f"routine '{name}' has errors; run: facelift validate {target.path}"
                        )
                    ]
                )
            if levels_left < 0:
                message = f"includes nest more than {MAX_INCLUDE_DEPTH} levels deep by here"
                raise _Failed([at.problem(message)], deep=True)
        deep = self._deep.get(name)
        if deep is not None and levels_left <= deep[0]:
            raise _Failed(deep[1], deep=True)
        assert target is not None and target.routine is not None
        try:
            flat = self._flat(target.routine, (*chain, name))
        except _Failed as failed:
            if failed.deep:
                self._deep[name] = (levels_left, failed.problems)
            else:
                self._done[name] = failed.problems
            raise
        self._done[name] = flat
        return flat

    def _flat(self, routine: Routine, chain: tuple[str, ...]) -> _Flat:
        """Expand one routine's items in order, every bound checked at each item."""
        items: list[Step | Rest] = []
        seconds, text, height = 0.0, 0, 0
        included: dict[str, Routine] = {}  # for their consent and cautions
        failed: set[str] = set()
        problems: dict[Problem, None] = {}  # each said once, in order
        deep = False
        for position, item in enumerate(routine.items, 1):
            if isinstance(item, Include):
                if item.name in failed:  # said once is enough
                    continue
                at = _Pointer(item.location, f"steps[{position}].include")
                try:
                    sub = self._included(item.name, chain, at)
                except _Failed as failure:
                    problems.update(dict.fromkeys(failure.problems))
                    deep |= failure.deep
                    failed.add(item.name)
                    continue
                if item.name not in included:
                    included[item.name] = sub.routine
                    included.update((r.name, r) for r in sub.included)
                height = max(height, sub.height + 1)
                added, more_seconds, more_text = sub.items, sub.seconds, sub.text
                if sub.routine.part is not None:  # the outermost part names the items
                    part = part_of(sub.routine)
                    added = tuple(dataclasses.replace(i, part_of=part) for i in added)
            else:
                where = item.location or Location(str(routine.path or routine.name), 1, 1)
                at = _Pointer(where, f"steps[{position}]")
                added, more_seconds, more_text = (item,), item.total_seconds, _text(item)
            bound = _crossed(len(items) + len(added), seconds + more_seconds, text + more_text)
            if bound:
                raise _Failed([*problems, at.problem(bound)], deep=deep)
            items.extend(added)
            seconds, text = seconds + more_seconds, text + more_text
        if problems:
            raise _Failed(list(problems), deep=deep)
        return _Flat(routine, tuple(items), height, seconds, text, tuple(included.values()))


def _crossed(items: int, seconds: float, text: int) -> str:
    """Which bound a routine, with its includes so far, has crossed ("" when none)."""
    if items > MAX_ITEMS:
        return f"with its includes the routine has more than {MAX_ITEMS:,} steps and rests"
    if seconds > MAX_ROUTINE:
        return (
            f"with its includes the routine lasts {format_duration(seconds)} "
            "by here; the most is 6h"
        )
    if text > MAX_TEXT:
        return f"with its includes the routine holds more than {MAX_TEXT:,} characters of text"
    return ""


def _text(item: Step | Rest) -> int:
    if isinstance(item, Rest):
        return len(item.note)
    return (
        len(item.title)
        + len(item.do)
        + len(item.say)
        + len(item.area)
        + len(item.why)
        + sum(map(len, item.round_cues))
    )


def part_of(routine: Routine) -> PartOf:
    return PartOf(routine.name, routine.title, routine.part)


def part_notes(routine: Routine, included: tuple[Routine, ...]) -> tuple[PartNotes, ...]:
    """Each included routine's own prepare and safety notes, in the order it plays, under
    its title, leaving out any note shown already (by the includer or an earlier part)."""
    seen = set(routine.prepare) | set(routine.safety)
    sections: list[PartNotes] = []
    for other in included:
        prepare = tuple(n for n in dict.fromkeys(other.prepare) if n not in seen)
        safety = tuple(n for n in dict.fromkeys(other.safety) if n not in seen)
        seen.update(prepare, safety)
        if prepare or safety:
            sections.append(PartNotes(part_of(other), prepare, safety))
    return tuple(sections)


def no_such_routine(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=3, cutoff=SUGGEST_CUTOFF)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    return f"no routine named '{name}'{hint} (facelift list shows them all)"


@dataclass(frozen=True)
class _Pointer:
    """Where an include stands (its place in the file, and the path to it), to word a problem."""

    location: Location
    path: str

    def problem(self, message: str) -> Problem:
        where = self.location
        return Problem(where.file, where.line, where.column, self.path, message)


def _with_rests(flat: tuple[Step | Rest, ...]) -> tuple[Step | Rest, ...]:
    """Each step's automatic rest (`defaults: rest:`) placed after it, when another step
    follows at once: never after the last, nor before a rest the file asks for."""
    played: list[Step | Rest] = []
    for position, item in enumerate(flat):
        played.append(item)
        following = flat[position + 1] if position + 1 < len(flat) else None
        if isinstance(item, Step) and item.rest_after > 0 and isinstance(following, Step):
            played.append(Rest(item.rest_after))
    return tuple(played)
