"""Files parsed before: a routine or plan file whose bytes are exactly those facelift last
read it from is rebuilt from a cache of what it parsed to, without YAML.

Importing PyYAML and the loader costs a command more than reading the file does, and most
commands read the same few unchanged files again and again. The cache holds each file's
text beside what the loader made of it, so a hit needs no trust in clocks (a file edited
twice within a second, or copied with its time, is still read again), and a key made of
the loader's own source files, so a changed facelift never reads an older one's results.
Only files that loaded are kept (problems are found afresh each time), and no routine that
names sound files (its check reads those files too); a plan is checked against the
routines as they are now. The cache is facelift's own, in the user's cache folder, but it
is read as if anyone could have written it: a file there that is not a regular file, is
too large, or holds a value of the wrong type or a character a terminal would obey is no
cache, and the file is read from YAML again.
"""

from __future__ import annotations

import math
import os
import sys
import zlib
from collections.abc import Callable, Mapping
from contextlib import suppress
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from facelift import __version__
from facelift.base import paths
from facelift.base.errors import FaceliftError, Problem
from facelift.base.files import read_bounded
from facelift.base.jsontext import parse_json
from facelift.base.safetext import UNSAFE
from facelift.format.limits import MAX_FILE_BYTES
from facelift.format.routine import Include, Item, Location, Rest, Routine, Sides, Step, StrokeCue
from facelift.format.source import read_file

if TYPE_CHECKING:  # the plan model is made only where a plan is read (each class costs)
    from facelift.format.plan import Plan

FOLDER = "routines"
PLANS_FOLDER = "plans"
MAX_KEPT = 256  # files in each folder; past that, the older half is let go
MAX_KEPT_BYTES = 4 * MAX_FILE_BYTES  # a file's text, and what it parsed to
# The modules whose code decides what a file parses to: the loader's layer and the one below.
_DECIDING = (Path(__file__).parent, Path(__file__).parent.parent / "base")

T = TypeVar("T")


class _Refused(Exception):
    """A kept value that is not what facelift writes there."""


def load_routine(path: Path, *, shown_as: str | None = None, keep: bool = True) -> Routine:
    """Read and check one routine file, as `facelift.format.loader.load_routine` does;
    from the cache when the file is as it was when last read, and kept there (`keep`)."""
    shown = shown_as or str(path)
    data = read_file(path, shown_as=shown)
    text = _text(data)
    where = _cache_file(path, shown, FOLDER)
    cached = _recall(where, shown, text, lambda plain: _routine(plain, path))
    if cached is not None:
        return cached
    from facelift.format.loader import parse_routine  # YAML, only for what is new

    routine = parse_routine(data, shown_as=shown, path=path)
    if keep and where and not routine.sounds:
        _keep(where, shown, text, _plain(routine))
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
    where = _cache_file(path, shown, PLANS_FOLDER)
    cached = _recall(where, shown, text, lambda plain: _plan(plain, path))
    if cached is not None and all(check(name) is None for name in cached.routines if check):
        return cached
    from facelift.format.plan_loader import parse_plan  # YAML, only for what is new

    plan = parse_plan(data, shown_as=shown, path=path, check=check)
    if where:
        _keep(where, shown, text, _plain_plan(plan))
    return plan


def is_known_routine(path: Path, data: bytes, *, shown_as: str) -> bool:
    """Whether `data`, read from `path` and shown as `shown_as`, is a routine that loaded
    when last read."""
    where = _cache_file(path, shown_as, FOLDER)
    return _recall(where, shown_as, _text(data), lambda plain: _routine(plain, path)) is not None


def _text(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")  # every byte told apart


def _cache_file(path: Path, shown: str, folder: str) -> Path | None:
    """Where `path` shown as `shown` is kept (its locations name it so); None: no cache."""
    if _key() is None:
        return None
    try:
        named = f"{path.absolute()}\0{shown}".encode("utf-8", "surrogateescape")
        return paths.cache_dir() / folder / f"{zlib.crc32(named):08x}.json"
    except (OSError, ValueError):  # no working folder, or a path the system cannot spell
        return None


def _recall(where: Path | None, shown: str, text: str, rebuilt: Callable[[Any], T]) -> T | None:
    """What was kept for `text` shown as `shown`, rebuilt; None when nothing usable is."""
    if where is None:
        return None
    try:
        kept = parse_json(read_bounded(where, MAX_KEPT_BYTES))
        if kept["text"] != text or kept["key"] != _key() or kept["shown_as"] != shown:
            return None
        return rebuilt(kept["kept"])
    except (FaceliftError, _Refused, ValueError, TypeError, KeyError, AttributeError):
        return None  # missing, half written, or not facelift's: read the file


def _keep(where: Path, shown: str, text: str, plain: Mapping[str, object]) -> None:
    """Written whole or not at all (another facelift may be reading it)."""
    import json
    import tempfile

    kept = {"key": _key(), "shown_as": shown, "text": text, "kept": plain}
    part: Path | None = None
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=where.parent, prefix=where.name, suffix=".part")
        part = Path(name)
        with os.fdopen(handle, "w", encoding="utf-8", errors="surrogateescape") as stream:
            json.dump(kept, stream, ensure_ascii=False, separators=(",", ":"))
        part.replace(where)
        _let_go(where.parent)
    except (OSError, ValueError):  # a full disk or a read-only cache: read YAML next time
        if part is not None:
            with suppress(OSError):
                part.unlink()


def _let_go(folder: Path) -> None:
    """Past MAX_KEPT files (a file kept for every path ever validated), the older half goes."""
    entries = list(folder.glob("*.json"))
    if len(entries) <= MAX_KEPT:
        return
    entries.sort(key=lambda entry: entry.stat().st_mtime_ns)
    for entry in entries[: len(entries) - MAX_KEPT // 2]:
        with suppress(OSError):
            entry.unlink()


_key_made: list[str | None] = []


def _key() -> str | None:
    """This facelift and Python, where it lies, and the size and time of every module that
    decides a parse: an upgrade or an edit changes it. None (no cache) when they cannot be
    listed (an installation without its source files)."""
    if not _key_made:
        found = [__version__, sys.version]
        try:
            for folder in _DECIDING:
                found.append(str(folder))
                with os.scandir(folder) as entries:
                    for entry in entries:
                        if entry.name.endswith(".py"):
                            status = entry.stat()
                            found.append(f"{entry.name}:{status.st_size}:{status.st_mtime_ns}")
        except OSError:
            _key_made.append(None)
        else:
            _key_made.append(f"{zlib.crc32(chr(0).join(sorted(found)).encode()):08x}")
    return _key_made[0]


# -- a parsed routine as JSON, and back -------------------------------------------------------
# Only what a routine as written holds: its file's own path is the caller's, it has no
# sounds (never kept), and `part_of` and `parts` are set only once it is played. Each value
# is rebuilt by its field's declared type; a type not named here is never rebuilt (a miss,
# so a new kind of field is read from YAML until it is taught here).

_ITEMS: dict[str, type[Step] | type[Rest] | type[Include]] = {
    "step": Step,
    "rest": Rest,
    "include": Include,
}
_KINDS = {kind: name for name, kind in _ITEMS.items()}
_SPECIAL = ("items", "notices", "path", "sounds", "parts")


def _plain(routine: Routine) -> dict[str, Any]:
    return {
        **_fields(routine, skip=_SPECIAL),
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


def _plain_plan(plan: Plan) -> dict[str, Any]:
    return {**_fields(plan, skip=("days", "path")), "days": [day.routines for day in plan.days]}


def _plan(plain: dict[str, Any], path: Path) -> Plan:
    from facelift.format.plan import Day, Plan

    days = tuple(Day(_names(names)) for names in _list(plain.pop("days")))
    return _built(Plan, plain, days=days, path=path)


def _routine(plain: dict[str, Any], path: Path) -> Routine:
    items = tuple(_item(entry) for entry in _list(plain.pop("items")))
    notices = tuple(_built(Problem, notice) for notice in _list(plain.pop("notices")))
    return _built(Routine, plain, items=items, notices=notices, path=path)


def _item(entry: Any) -> Item:
    if not isinstance(entry, dict) or len(entry) != 1:
        raise _Refused(entry)
    ((kind, plain),) = entry.items()
    return _built(_ITEMS[kind], plain)


_READERS: dict[type, dict[str, Callable[[Any], Any]]] = {}  # each class's, by field


def _built(kind: type[T], plain: Any, **given: Any) -> T:
    """`kind` made from `plain`, every value checked against its field's declared type."""
    readers = _READERS.get(kind)
    if readers is None:
        declared = {f.name: str(f.type) for f in fields(kind)}  # type: ignore[arg-type]
        readers = _READERS[kind] = {name: _reader(text) for name, text in declared.items()}
    if not isinstance(plain, dict) or not plain.keys() <= readers.keys() - given.keys():
        raise _Refused(plain)
    return kind(**{name: readers[name](value) for name, value in plain.items()}, **given)


def _reader(declared: str) -> Callable[[Any], Any]:
    """What reads a value of the type a field declares (`int | None`, `tuple[str, ...]`)."""
    choices = [_CHOICES.get(choice, _never) for choice in declared.split(" | ")]
    if len(choices) == 1:
        return choices[0]

    def either(value: Any) -> Any:
        for choice in choices:
            with suppress(_Refused, ValueError):
                return choice(value)
        raise _Refused(value)

    return either


def _exactly(kind: type, value: Any) -> Any:
    if type(value) is not kind:
        raise _Refused(value)
    return value


def _text_value(value: Any) -> str:
    if type(value) is not str or UNSAFE.search(value):
        raise _Refused(value)
    return value


def _number(value: Any) -> float:
    if type(value) not in (int, float) or not math.isfinite(value):
        raise _Refused(value)
    return value  # type: ignore[no-any-return]


def _none(value: Any) -> None:
    if value is not None:
        raise _Refused(value)


def _never(value: Any) -> Any:
    raise _Refused(value)  # a type the cache does not know: read the file


_CHOICES: dict[str, Callable[[Any], Any]] = {
    "None": _none,
    "str": _text_value,
    "bool": lambda value: _exactly(bool, value),
    "int": lambda value: _exactly(int, value),
    "float": _number,
    "tuple[str, ...]": lambda value: _names(value),
    "Sides": lambda value: Sides(_text_value(value)),
    "StrokeCue": lambda value: StrokeCue(_text_value(value)),
    "Location": lambda value: _built(Location, value),
}


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise _Refused(value)
    return value


def _names(value: Any) -> tuple[str, ...]:
    return tuple(_text_value(name) for name in _list(value))
