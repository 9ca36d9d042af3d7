"""Finding routines: built-ins, the user's own (which override them), and files on disk."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from facelift.base import paths, resources
from facelift.base.errors import FaceliftError, Problem, RoutineError
from facelift.format.includes import Expander, no_such_routine
from facelift.format.limits import MAX_PROBLEMS
from facelift.format.parsed import load_routine
from facelift.format.routine import Include, LoadError, Routine, slugify

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
    """The routines in play. Every file is read (their names decide what a name means), but
    a routine is expanded only when asked for, and each once: one file cannot slow the rest."""

    def __init__(self, *, builtin_dir: Path, user_dir: Path, keep: bool = True) -> None:
        """`keep`: whether files read are kept in the cache of parsed routines (not those
        of a bundle tried out in a folder that is gone a moment later)."""
        self.builtin_dir = builtin_dir
        self.user_dir = user_dir
        self.keep = keep
        self._loaded: list[Entry] | None = None
        self._targets: dict[str, Entry] = {}  # what an include of each name brings
        self._expander = Expander(self._targets)
        self._played: dict[Path, Entry] = {}  # each file, expanded (or not) once
        self._user: list[Entry] | None = None  # the user's folder, read once

    @classmethod
    def default(cls) -> Library:
        return cls(builtin_dir=resources.builtin_routines_dir(), user_dir=paths.user_routines_dir())

    def entries(self) -> list[Entry]:
        """Every routine in play, a user's one in place of a built-in of the same name, each
        with its includes expanded (`played`)."""
        return [self._with_played(entry) for entry in self._entries()]

    def names(self) -> list[str]:
        """Every routine's name, without expanding any (for tab completion)."""
        return [entry.name for entry in self._entries()]

    def _entries(self) -> list[Entry]:
        if self._loaded is None:
            user = self._user_entries()
            builtin = _scan(self.builtin_dir, BUILTIN, keep=self.keep)
            overridden = {e.name for e in builtin} & {e.name for e in user}
            builtin = [e for e in builtin if e.name not in overridden]
            user = [dataclasses.replace(e, overrides=e.name in overridden) for e in user]
            self._loaded = sorted(builtin + user, key=_list_order)
            for entry in self._loaded:
                self._targets.setdefault(entry.name, entry)
        return self._loaded

    def _user_entries(self) -> list[Entry]:
        if self._user is None:
            self._user = _scan(self.user_dir, USER, keep=self.keep)
        return self._user

    def _builtin_alone(self, name: str) -> tuple[Routine, Routine] | None:
        """A built-in named exactly `name`, read without the other built-ins: each built-in's
        file is named after it (tests/test_library.py checks), so only the user's folder is
        read to know that no routine of theirs takes the name. None when it cannot be this
        simple (a prefix, a routine of the user's, an include), and everything is read."""
        path = self.builtin_dir / f"{name}.yaml"
        if self._loaded is not None or slugify(name) != name or not path.is_file():
            return None
        if any(entry.name == name for entry in self._user_entries()):
            return None
        try:
            routine = load_routine(path, keep=self.keep)
        except FaceliftError:  # said as the whole library would say it
            return None
        if routine.name != name or _includes(routine):
            return None
        return routine, _played_alone(Entry(name, path, BUILTIN, routine))

    def _with_played(self, entry: Entry) -> Entry:
        if entry.routine is None:
            return entry
        if entry.path not in self._played:
            try:
                played = self.expand(entry.routine)
                self._played[entry.path] = dataclasses.replace(entry, played=played)
            except RoutineError as error:
                self._played[entry.path] = dataclasses.replace(entry, routine=None, error=error)
        return self._played[entry.path]

    def find(self, query: str) -> Entry:
        """The entry named `query`, or the only one whose name starts with it."""
        if not query.strip():
            raise FaceliftError("give a routine name (facelift list shows them all)")
        matches = named(query, self._entries(), kind="routines")
        if not matches:
            raise FaceliftError(no_such_routine(query, self.names()))
        return self._with_played(matches[0])

    def open(self, target: str) -> Routine:
        """A routine by name, prefix or file path, with its includes expanded."""
        return self.open_both(target)[1]

    def open_both(self, target: str) -> tuple[Routine, Routine]:
        """The routine as written in its file, and as played (includes expanded)."""
        if looks_like_file(target) or (Path(target).is_file() and not self._has_name(target)):
            try:
                written = load_routine(Path(target), shown_as=target, keep=self.keep)
            except LoadError as error:
                raise self._with_include_problems(error) from None
            return written, self.expand(written)
        alone = self._builtin_alone(target)
        if alone is not None:
            return alone
        entry = self.find(target)
        if entry.routine is None or entry.played is None:
            assert entry.error is not None
            if isinstance(entry.error, LoadError):
                raise self._with_include_problems(entry.error)
            raise entry.error
        return entry.routine, entry.played

    def expand(self, routine: Routine) -> Routine:
        """The routine as played: includes replaced by their steps, automatic rests in place."""
        if self._loaded is None and not _includes(routine):  # no other file is needed
            return _played_alone(
                Entry(routine.name, routine.path or Path(routine.name), USER, routine)
            )
        self._entries()
        entry = self._targets.get(routine.name)
        if entry is not None and routine is entry.routine:
            return self._expander.played(routine.name)
        # Any other file is expanded as if it were in the routines folder: an include of
        # its own name is a cycle. What it includes is expanded afresh, as seen from it.
        itself = Entry(routine.name, routine.path or Path(routine.name), USER, routine)
        return Expander({**self._targets, routine.name: itself}).played(routine.name)

    def holds(self, path: Path) -> bool:
        """Whether `path` is one of the routine files in play here (found again by name),
        told without reading the other files: a built-in is in play unless a routine of the
        user's takes its name (a built-in's file is named after it)."""
        real = Path(os.path.realpath(path))  # realpath never raises, even on a link loop
        if real.suffix not in ROUTINE_SUFFIXES:
            return False
        if real.parent == Path(os.path.realpath(self.user_dir)):
            return True
        if real.parent != Path(os.path.realpath(self.builtin_dir)):
            return False
        return all(entry.name != real.stem for entry in self._user_entries())

    def _has_name(self, target: str) -> bool:
        return any(e.name.startswith(target) for e in self._entries())

    def _with_include_problems(self, error: LoadError) -> RoutineError:
        """A broken file's problems, with those of its includes: all at once, not one run
        after another."""
        found = list(error.problems)
        if len(found) >= MAX_PROBLEMS:
            return error
        for path, include in error.includes:
            target = self._targets.get(include.name)
            if target is None:
                message = no_such_routine(include.name, self.names())
            elif target.routine is None:
                message = (
                    f"routine '{include.name}' has errors; run: facelift validate {target.path}"
                )
            else:
                continue
            where = include.location
            found.append(Problem(where.file, where.line, where.column, path, message))
        return RoutineError(sorted(found[:MAX_PROBLEMS], key=lambda p: (p.line, p.column)))


def _includes(routine: Routine) -> bool:
    return any(isinstance(item, Include) for item in routine.items)


def _played_alone(entry: Entry) -> Routine:
    """A routine that includes nothing, as played (its automatic rests in place)."""
    return Expander({entry.name: entry}).played(entry.name)


def _scan(folder: Path, source: str, *, keep: bool) -> list[Entry]:
    try:
        files = sorted(
            p for p in folder.iterdir() if p.suffix in ROUTINE_SUFFIXES and not p.is_dir()
        )
    except OSError:  # a missing or unreadable folder holds no routines
        return []
    entries = []
    for path in files:
        try:
            routine = load_routine(path, keep=keep)
            entries.append(Entry(routine.name, path, source, routine))
        except FaceliftError as error:
            entries.append(Entry(slugify(path.stem), path, source, None, error))
    return entries


def _list_order(entry: Entry) -> tuple[bool, int, bool, str]:
    part = entry.routine.part if entry.routine else None
    return (part is None, part or 0, entry.source != BUILTIN, entry.name)


class Named(Protocol):
    """A routine's or a plan's entry: read-only, as the frozen dataclasses are."""

    @property
    def name(self) -> str: ...

    @property
    def path(self) -> Path: ...


N = TypeVar("N", bound=Named)


def named(query: str, entries: Sequence[N], *, kind: str, exact: bool = False) -> list[N]:
    """The one entry named `query`, or (unless `exact`) the only one whose name starts with
    it; none when nothing matches. Two names that fit, or two files of one name, are errors
    (`kind` says what they are: routines, plans)."""
    matches = [e for e in entries if e.name == query]
    if not matches and not exact:
        matches = [e for e in entries if e.name.startswith(query)]
    if len({e.name for e in matches}) > 1:
        names = ", ".join(sorted({e.name for e in matches}))
        raise FaceliftError(f"'{query}' could be any of: {names}; type more of the name")
    if len(matches) > 1:
        files = ", ".join(str(e.path) for e in matches)
        raise FaceliftError(f"two user {kind} are named '{query}': {files}; rename one")
    return matches
