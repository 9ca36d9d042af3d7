"""Finding plans: the built-ins, the user's own in `plans/` (which override them by name), and
files on disk; each plan's routines are checked against the routine library."""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass
from pathlib import Path

from facelift.base import paths, resources
from facelift.base.errors import FaceliftError
from facelift.format.library import (
    BUILTIN,
    ROUTINE_SUFFIXES,
    USER,
    Library,
    looks_like_file,
    named,
)
from facelift.format.parsed import load_plan
from facelift.format.plan import Plan
from facelift.format.routine import Routine, slugify


@dataclass(frozen=True)
class PlanEntry:
    """One plan file: `plan` is None when the file has errors, told by `error`."""

    name: str
    path: Path
    source: str
    plan: Plan | None
    error: FaceliftError | None = None
    overrides: bool = False


class Plans:
    def __init__(self, *, builtin_dir: Path, user_dir: Path, routines: Library) -> None:
        self.builtin_dir = builtin_dir
        self.user_dir = user_dir
        self.routines = routines
        self._entries: list[PlanEntry] | None = None

    @classmethod
    def default(cls, routines: Library | None = None) -> Plans:
        return cls(
            builtin_dir=resources.builtin_plans_dir(),
            user_dir=paths.user_plans_dir(),
            routines=routines or Library.default(),
        )

    def entries(self) -> list[PlanEntry]:
        """Every plan in play, a user's one in place of a built-in of the same name."""
        if self._entries is None:
            user = self._scan(self.user_dir, USER)
            builtin = self._scan(self.builtin_dir, BUILTIN)
            overridden = {e.name for e in builtin} & {e.name for e in user}
            builtin = [e for e in builtin if e.name not in overridden]
            user = [dataclasses.replace(e, overrides=e.name in overridden) for e in user]
            self._entries = sorted(builtin + user, key=lambda e: (e.source != BUILTIN, e.name))
        return self._entries

    def find(self, query: str, *, exact: bool = False) -> PlanEntry:
        """The plan named `query`, or (unless `exact`) the only one whose name starts with it."""
        if not query.strip():
            raise FaceliftError("give a plan's name (facelift plan list shows them all)")
        entries = self.entries()
        matches = named(query, entries, kind="plans", exact=exact)
        if not matches:
            close = difflib.get_close_matches(query, [e.name for e in entries], n=3, cutoff=0.5)
            hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
            raise FaceliftError(
                f"no plan named '{query}'{hint} (facelift plan list shows them all)"
            )
        return matches[0]

    def open(self, target: str, *, exact: bool = False) -> Plan:
        """A plan by name, unique prefix or file path, its routines checked."""
        if looks_like_file(target):
            return self.load(Path(target), shown_as=target)
        entry = self.find(target, exact=exact)
        if entry.plan is None:
            assert entry.error is not None
            raise entry.error
        return entry.plan

    def load(self, path: Path, *, shown_as: str | None = None) -> Plan:
        return load_plan(path, shown_as=shown_as, check=self.check_routine)

    def check_routine(self, name: str) -> str | None:
        """Why a plan cannot name this routine, or None: plans name routines exactly."""
        entries = self.routines.entries()
        entry = next((e for e in entries if e.name == name), None)
        if entry is None:
            known = [e.name for e in entries]
            close = difflib.get_close_matches(name, known, n=3, cutoff=0.5)
            close += [k for k in known if k.startswith(name) and k not in close][:1]
            hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
            return f"no routine named '{name}'{hint} (a plan names routines exactly)"
        if entry.played is None:
            return f"routine '{name}' has errors; run: facelift validate {entry.path}"
        return None

    def routine(self, name: str) -> Routine | None:
        """The routine as played, when it can be."""
        entry = next((e for e in self.routines.entries() if e.name == name), None)
        return entry.played if entry else None

    def _scan(self, folder: Path, source: str) -> list[PlanEntry]:
        try:
            files = sorted(
                p for p in folder.iterdir() if p.suffix in ROUTINE_SUFFIXES and p.is_file()
            )
        except OSError:  # a missing or unreadable folder holds no plans
            return []
        entries = []
        for path in files:
            try:
                plan = self.load(path)
                entries.append(PlanEntry(plan.name, path, source, plan))
            except FaceliftError as error:
                entries.append(PlanEntry(slugify(path.stem), path, source, None, error))
        return entries
