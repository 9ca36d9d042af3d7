"""Files parsed before: a routine or plan file whose bytes are exactly those facelift last
read it from is rebuilt from a cache of what it parsed to, without YAML.

Importing PyYAML and the loader costs a command more than reading the file does, and most
commands read the same few unchanged files again and again. The cache holds each file's
text beside what the loader made of it, so a hit needs no trust in clocks (a file edited
twice within a second, or copied with its time, is still read again), and a key made of
the loader's own source files, so a changed facelift never reads an older one's results.
Only files that loaded are kept (problems are found afresh each time), and no routine that
names sound files (its check reads those files too); a plan is checked against the
routines as they are now. The cache is facelift's own, in the
user's cache folder; a file there that cannot be read as one is no cache, and is replaced.
"""

from __future__ import annotations

import json
import os
import zlib
from collections.abc import Callable, Mapping
from contextlib import suppress
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from facelift.base import paths
from facelift.base.errors import Problem
from facelift.format.routine import Include, Item, Location, Rest, Routine, Sides, Step, StrokeCue
from facelift.format.source import read_file

if TYPE_CHECKING:  # the plan model is made only where a plan is read (each class costs)
    from facelift.format.plan import Plan

FOLDER = "routines"
PLANS_FOLDER = "plans"
# The modules whose code decides what a file parses to: the loader's layer and the one below.
_DECIDING = (Path(__file__).parent, Path(__file__).parent.parent / "base")

T = TypeVar("T")


def load_routine(path: Path, *, shown_as: str | None = None, keep: bool = True) -> Routine:
    """Read and check one routine file, as `facelift.format.loader.load_routine` does;
    from the cache when the file is as it was when last read, and kept there (`keep`)."""
    shown = shown_as or str(path)
    data = read_file(path, shown_as=shown)
    text = _text(data)
    where = _cache_file(path, FOLDER)
    cached = _recall(where, shown, text, lambda plain: _routine(plain, path))
    if cached is not None:
        return cached
    from facelift.format.loader import parse_routine  # YAML, only for what is new

    routine = parse_routine(data, shown_as=shown, path=path)
    if keep and where and not routine.sounds:
        _keep(where, {"key": _key(), "shown_as": shown, "text": text, "kept": _plain(routine)})
    return routine


def load_plan(
    path: Path, *, shown_as: str | None = None, check: Callable[[str], str | None] | None = None
) -> Plan:
    """Read and check one plan file, as `facelift.format.plan_loader.load_plan` does; from
    the cache when the file is as it was and every routine it names passes `check` now (the
    routines may have changed since): else the file is read afresh, to say where each
    problem is."""
    shown = shown_as or str(path)
    data = read_file(path, shown_as=shown)
    text = _text(data)
    where = _cache_file(path, PLANS_FOLDER)
    cached = _recall(where, shown, text, lambda plain: _plan(plain, path))
    if cached is not None and all(check(name) is None for name in cached.routines if check):
        return cached
    from facelift.format.plan_loader import parse_plan  # YAML, only for what is new

    plan = parse_plan(data, shown_as=shown, path=path, check=check)
    if where:
        _keep(where, {"key": _key(), "shown_as": shown, "text": text, "kept": _plain_plan(plan)})
    return plan


def is_known_routine(path: Path, data: bytes) -> bool:
    """Whether `data`, read from `path`, is a routine that loaded when last read."""
    decoded = _recall(_cache_file(path, FOLDER), None, _text(data), lambda plain: True)
    return decoded is not None


def _text(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")  # every byte told apart


def _cache_file(path: Path, folder: str) -> Path | None:
    try:
        absolute = str(path.absolute()).encode("utf-8", "surrogateescape")
        return paths.cache_dir() / folder / f"{zlib.crc32(absolute):08x}.json"
    except (OSError, ValueError):  # no working folder, or a path the system cannot spell
        return None


def _recall(
    where: Path | None, shown: str | None, text: str, rebuilt: Callable[[Any], T]
) -> T | None:
    """What was kept for `text`, rebuilt; its problems told as in `shown` (None: any)."""
    if where is None:
        return None
    try:
        with where.open(encoding="utf-8") as stream:
            kept = json.load(stream)
        if kept["text"] != text or kept["key"] != _key():
            return None
        if shown is not None and kept["shown_as"] != shown:  # each location names it so
            return None
        return rebuilt(kept["kept"])
    except Exception:  # missing, half written, or not facelift's: no cache, read the file
        return None


def _keep(where: Path, kept: Mapping[str, object]) -> None:
    """Written whole or not at all (another facelift may be reading it)."""
    part = where.with_name(f"{where.name}.{os.getpid()}.part")
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        with part.open("w", encoding="utf-8") as stream:
            json.dump(kept, stream, ensure_ascii=False, separators=(",", ":"))
        part.replace(where)
    except (OSError, ValueError):  # a full disk or a read-only cache: read YAML next time
        with suppress(OSError):
            part.unlink(missing_ok=True)


_key_made: list[str] = []


def _key() -> str:
    """The size and time of every module that decides a parse: any edit or upgrade of
    facelift changes it."""
    if not _key_made:
        found = []
        for folder in _DECIDING:
            with os.scandir(folder) as entries:
                for entry in entries:
                    if entry.name.endswith(".py"):
                        status = entry.stat()
                        found.append(f"{entry.name}:{status.st_size}:{status.st_mtime_ns}")
        _key_made.append(f"{zlib.crc32(' '.join(sorted(found)).encode()):08x}")
    return _key_made[0]


# -- a parsed routine as JSON, and back -------------------------------------------------------
# Only what a routine as written holds: its file's own path is the caller's, it has no
# sounds (never kept), and `part_of` and `parts` are set only once it is played.

_ITEMS: dict[str, type[Step] | type[Rest] | type[Include]] = {
    "step": Step,
    "rest": Rest,
    "include": Include,
}
_KINDS = {kind: name for name, kind in _ITEMS.items()}


def _plain(routine: Routine) -> dict[str, Any]:
    routine_fields = _fields(routine, skip=("items", "notices", "path", "sounds", "parts"))
    return {
        **routine_fields,
        "items": [{_KINDS[type(item)]: _fields(item)} for item in routine.items],
        "notices": [_fields(notice) for notice in routine.notices],
    }


def _fields(value: Any, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    found = {}
    for field in fields(value):
        if field.name in skip:
            continue
        item = getattr(value, field.name)
        found[field.name] = _fields(item) if isinstance(item, Location) else item
    return found


_READ: dict[str, Callable[[Any], Any]] = {
    "sides": Sides,
    "cue": StrokeCue,
    "location": lambda value: None if value is None else Location(**value),
    "round_cues": tuple,
    "zones": tuple,
    "prepare": tuple,
    "safety": tuple,
    "reflect": tuple,
}


def _plain_plan(plan: Plan) -> dict[str, Any]:
    return {**_fields(plan, skip=("days", "path")), "days": [day.routines for day in plan.days]}


def _plan(plain: dict[str, Any], path: Path) -> Plan:
    from facelift.format.plan import Day, Plan

    days = tuple(Day(tuple(names)) for names in plain.pop("days"))
    return Plan(days=days, path=path, **plain)


def _routine(plain: dict[str, Any], path: Path) -> Routine:
    items = tuple(_item(entry) for entry in plain.pop("items"))
    notices = tuple(Problem(**notice) for notice in plain.pop("notices"))
    return Routine(items=items, notices=notices, path=path, **_read(plain))


def _item(entry: dict[str, Any]) -> Item:
    ((kind, plain),) = entry.items()
    return _ITEMS[kind](**_read(plain))


def _read(plain: dict[str, Any]) -> dict[str, Any]:
    return {name: _READ.get(name, _same)(value) for name, value in plain.items()}


def _same(value: Any) -> Any:
    return value
