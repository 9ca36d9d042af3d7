"""Finding routines: built-ins, the user's own (which override them), and files on disk."""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass
from pathlib import Path

from facelift import paths, resources
from facelift.durations import format_duration
from facelift.errors import FaceliftError, Problem, RoutineError
from facelift.loader import MAX_ROUTINE, load_routine, slugify
from facelift.routine import Include, Location, Rest, Routine, Step

BUILTIN, USER = "built-in", "user"
ROUTINE_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Entry:
    """One routine file in a library folder: `routine` as written, `played` with its includes
    expanded; both None when the file (or an include) has errors, told by `error`."""

    name: str
    path: Path
    source: str
    routine: Routine | None
    error: FaceliftError | None = None
    overrides: bool = False
    played: Routine | None = None


def looks_like_file(target: str) -> bool:
    return target.endswith(ROUTINE_SUFFIXES) or "/" in target or "\\" in target


class Library:
    def __init__(self, *, builtin_dir: Path, user_dir: Path) -> None:
        self.builtin_dir = builtin_dir
        self.user_dir = user_dir
        self._entries: list[Entry] | None = None

    @classmethod
    def default(cls) -> Library:
        return cls(builtin_dir=resources.builtin_routines_dir(), user_dir=paths.user_routines_dir())

    def entries(self) -> list[Entry]:
        """Every routine in play, a user's one in place of a built-in of the same name."""
        if self._entries is None:
            user = _scan(self.user_dir, USER)
            builtin = _scan(self.builtin_dir, BUILTIN)
            overridden = {e.name for e in builtin} & {e.name for e in user}
            builtin = [e for e in builtin if e.name not in overridden]
            user = [dataclasses.replace(e, overrides=e.name in overridden) for e in user]
            self._entries = sorted(builtin + user, key=_list_order)
            self._entries = [self._with_played(e) for e in self._entries]
        return self._entries

    def _with_played(self, entry: Entry) -> Entry:
        if entry.routine is None:
            return entry
        try:
            return dataclasses.replace(entry, played=self.expand(entry.routine))
        except RoutineError as error:
            return dataclasses.replace(entry, routine=None, error=error)

    def find(self, query: str) -> Entry:
        """The entry named `query`, or the only one whose name starts with it."""
        if not query.strip():
            raise FaceliftError("give a routine name (facelift list shows them all)")
        entries = self.entries()
        exact = [e for e in entries if e.name == query]
        matches = exact or [e for e in entries if e.name.startswith(query)]
        if len({e.name for e in matches}) > 1:
            names = ", ".join(sorted({e.name for e in matches}))
            raise FaceliftError(f"'{query}' could be any of: {names}; type more of the name")
        if len(matches) > 1:
            files = ", ".join(str(e.path) for e in matches)
            raise FaceliftError(f"two user routines are named '{query}': {files}; rename one")
        if not matches:
            raise FaceliftError(_no_such_routine(query, [e.name for e in entries]))
        return matches[0]

    def open(self, target: str) -> Routine:
        """A routine by name, prefix or file path, with its includes expanded."""
        return self.open_both(target)[1]

    def open_both(self, target: str) -> tuple[Routine, Routine]:
        """The routine as written in its file, and as played (includes expanded)."""
        if looks_like_file(target) or (Path(target).is_file() and not self._has_name(target)):
            written = load_routine(Path(target), shown_as=target)
            return written, self.expand(written)
        entry = self.find(target)
        if entry.routine is None or entry.played is None:
            assert entry.error is not None
            raise entry.error
        return entry.routine, entry.played

    def expand(self, routine: Routine) -> Routine:
        """The routine as played: includes replaced by their steps, automatic rests in place."""
        problems: list[Problem] = []
        included: list[Routine] = []
        flat = self._flatten(routine, (), problems, included)
        if problems:
            raise RoutineError(problems)
        played = _with_rests(flat)
        total = sum(item.total_seconds for item in played)
        if total > MAX_ROUTINE:
            shown = str(routine.path or routine.name)
            raise RoutineError(
                [
                    Problem(
                        shown,
                        1,
                        1,
                        "steps",
                        f"with its includes the routine "
                        f"lasts {format_duration(total)}; the most is 6h",
                    )
                ]
            )
        # An included routine's consent and cautions come with its steps: a routine that
        # includes buccal asks for a yes, and one with no safety notes shows theirs.
        confirm = routine.confirm or any(r.confirm for r in included)
        safety = routine.safety or tuple(dict.fromkeys(n for r in included for n in r.safety))
        return dataclasses.replace(routine, items=tuple(played), confirm=confirm, safety=safety)

    def _has_name(self, target: str) -> bool:
        return any(e.name.startswith(target) for e in self.entries())

    def _flatten(
        self,
        routine: Routine,
        outer: tuple[str, ...],
        problems: list[Problem],
        included: list[Routine],
    ) -> list[Step | Rest]:
        chain = (*outer, routine.name)
        flat: list[Step | Rest] = []
        for item in routine.items:
            if not isinstance(item, Include):
                flat.append(item)
                continue
            at = _Pointer(item.location, _include_path(routine, item))
            target = next((e for e in self.entries() if e.name == item.name), None)
            if item.name in chain:
                cycle = " -> ".join((*chain[chain.index(item.name) :], item.name))
                problems.append(at.problem(f"include cycle: {cycle}"))
            elif target is None:
                problems.append(at.problem(_no_such_routine(item.name, self._names())))
            elif target.routine is None:
                problems.append(
                    at.problem(
                        f"routine '{item.name}' has errors; run: facelift validate {target.path}"
                    )
                )
            else:
                included.append(target.routine)
                flat.extend(self._flatten(target.routine, chain, problems, included))
        return flat

    def _names(self) -> list[str]:
        return [e.name for e in self.entries()]


def _scan(folder: Path, source: str) -> list[Entry]:
    try:
        files = sorted(p for p in folder.iterdir() if p.suffix in ROUTINE_SUFFIXES and p.is_file())
    except OSError:  # a missing or unreadable folder holds no routines
        return []
    entries = []
    for path in files:
        try:
            routine = load_routine(path)
            entries.append(Entry(routine.name, path, source, routine))
        except FaceliftError as error:
            entries.append(Entry(slugify(path.stem), path, source, None, error))
    return entries


def _list_order(entry: Entry) -> tuple[bool, int, bool, str]:
    part = entry.routine.part if entry.routine else None
    return (part is None, part or 0, entry.source != BUILTIN, entry.name)


def _no_such_routine(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    return f"no routine named '{name}'{hint} (facelift list shows them all)"


def _include_path(routine: Routine, include: Include) -> str:
    position = next(i for i, item in enumerate(routine.items, 1) if item is include)
    return f"steps[{position}].include"


@dataclass(frozen=True)
class _Pointer:
    location: Location
    path: str

    def problem(self, message: str) -> Problem:
        where = self.location
        return Problem(where.file, where.line, where.column, self.path, message)


def _with_rests(flat: list[Step | Rest]) -> list[Step | Rest]:
    """Each step's automatic rest (`defaults: rest:`) placed after it, when another step
    follows at once: never after the last, nor before a rest the file asks for."""
    played: list[Step | Rest] = []
    for position, item in enumerate(flat):
        played.append(item)
        following = flat[position + 1] if position + 1 < len(flat) else None
        if isinstance(item, Step) and item.rest_after > 0 and isinstance(following, Step):
            played.append(Rest(item.rest_after))
    return played
