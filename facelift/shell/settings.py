"""Settings from config.toml: what `start`, `resume`, `sounds` and `remind` do when no flag
says otherwise. A wrong key or value is a located one-line problem, like a routine's:

    config.toml:3:10: volume: expected a whole number from 0 to 100, got 150

The TOML reader gives no positions for keys, so `_positions` finds each top-level key's line
and column in the text itself (settings are flat `key = value` lines).
"""

from __future__ import annotations

import difflib
import json
import math
import re
import sys
from dataclasses import dataclass, field, fields
from datetime import date, time
from pathlib import Path
from typing import Any

from facelift.base.errors import FaceliftError, Problem, RoutineError
from facelift.format.limits import LEAD_IN, MAX_LEAD_IN, MAX_VOLUME, VOLUME
from facelift.output.choices import AUDIO_WORDS, AudioChoice

MAX_BYTES = 64 * 1024
NOTES_CHOICES = ("always", "first-time")
DEFAULT = "default"


@dataclass(frozen=True)
class Settings:
    """The settings in force, from config.toml or the defaults, and the line each came from."""

    voice: bool = False
    volume: int = VOLUME
    lead_in: float = LEAD_IN
    audio: AudioChoice = AudioChoice.AUTO
    mute: bool = False
    journal: bool = True  # ask how tense you are before, and how it went after
    remind_at: str = "08:00"
    show_notes: str = "always"  # or "first-time": then one line pointing at `facelift show`
    sources: dict[str, str] = field(default_factory=dict, compare=False)  # key -> "file:line"

    def source(self, key: str) -> str:
        """Where a setting's value came from: "default", or the file and line setting it."""
        return self.sources.get(key, DEFAULT)

    def value(self, key: str) -> Any:
        return getattr(self, key)


KEYS = tuple(f.name for f in fields(Settings) if f.name != "sources")


class SettingsError(RoutineError):
    """A config.toml with one or more wrong keys or values, each located."""


def load(path: Path) -> Settings:
    """The settings written in `path`; the defaults when there is no such file."""
    shown = str(path)
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except (FileNotFoundError, NotADirectoryError):  # no such file: the defaults
        return Settings()
    except IsADirectoryError:
        raise FaceliftError(f"{shown}: is a folder, not a settings file") from None
    except OSError as error:
        raise FaceliftError(f"{shown}: cannot read ({error.strerror or error})") from None
    if len(data) > MAX_BYTES:
        raise _fail(shown, 1, 1, "", "the file is larger than 64 KiB; settings take a few lines")
    return parse(data, shown_as=shown)


def parse(data: bytes, *, shown_as: str) -> Settings:
    """Settings from TOML bytes; SettingsError with every wrong key or value at once."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise _fail(shown_as, line, column, "", "not UTF-8 text; save the file as UTF-8") from None
    positions, duplicates = _positions(text)
    # imported here: most people have no config.toml, and the reader costs a command 2 ms
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # the same reader, as a package
        import tomli as tomllib
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        if duplicates and "overwrite" in str(error):  # the reader says "(at end of document)"
            key, (line, column, _), first = duplicates[0]
            raise _fail(
                shown_as, line, column, key, f"given twice (first on line {first})"
            ) from None
        line, column, message = _syntax(str(error), text)
        raise _fail(shown_as, line, column, "", f"TOML syntax error: {message}") from None
    problems: list[Problem] = []
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for key, value in table.items():
        line, key_column, value_column = positions.get(key, (1, 1, 1))
        if key not in KEYS:
            problems.append(Problem(shown_as, line, key_column, key, _unknown(key)))
            continue
        message, checked = _check(key, value)
        if message:
            problems.append(Problem(shown_as, line, value_column, key, message))
            continue
        values[key], sources[key] = checked, f"{shown_as}:{line}"
    if problems:
        raise SettingsError(sorted(problems, key=lambda p: (p.line, p.column)))
    return Settings(**values, sources=sources)


def parse_clock(text: str) -> str | None:
    """`7:30` or `07:30` as "07:30"; None when it is not a time of day."""
    match = re.fullmatch(r"\s*([01]?\d|2[0-3]):([0-5]\d)\s*", text)
    return f"{int(match.group(1)):02d}:{match.group(2)}" if match else None


def _check(key: str, value: object) -> tuple[str, object]:
    """An error message (or "") and the value as the settings keep it."""
    shown = _shown(value)
    number = float(value) if isinstance(value, (int, float)) and value is not True else math.nan
    number = math.nan if value is False else number
    if key in ("voice", "mute", "journal"):
        if isinstance(value, bool):
            return "", value
        return f"expected true or false, got {shown}", None
    if key == "volume":
        if isinstance(value, int) and 0 <= number <= MAX_VOLUME:
            return "", value
        return f"expected a whole number from 0 to {MAX_VOLUME}, got {shown}", None
    if key == "lead_in":
        if 0 <= number <= MAX_LEAD_IN:  # never true for nan (not a number, or nan itself)
            return "", number
        return f"expected seconds from 0 to {MAX_LEAD_IN:g}, got {shown}", None
    if key == "remind_at":
        clock = parse_clock(value) if isinstance(value, str) else None
        if isinstance(value, time) and value.tzinfo is None:
            clock = value.strftime("%H:%M")
        if clock is None:
            return f'expected a time of day such as "07:30" (24-hour HH:MM), got {shown}', None
        return "", clock
    options = AUDIO_WORDS if key == "audio" else NOTES_CHOICES
    if isinstance(value, str) and value in options:
        return "", AudioChoice(value) if key == "audio" else value
    close = difflib.get_close_matches(value, options, n=1) if isinstance(value, str) else []
    hint = f"; did you mean {json.dumps(close[0])}?" if close else ""
    return f"expected one of {', '.join(options)}, got {shown}{hint}", None


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value[:40] + ("..." if len(value) > 40 else ""), ensure_ascii=False)
    if isinstance(value, (int, float)):
        return f"{value:g}" if isinstance(value, float) else str(value)
    kinds = ((dict, "a table"), (list, "a list"), (date, "a date"), (time, "a time"))
    return next((name for kind, name in kinds if isinstance(value, kind)), "something else")


def _unknown(key: str) -> str:
    close = difflib.get_close_matches(key, KEYS, n=1, cutoff=0.6)
    if close:
        return f"unknown setting; did you mean '{close[0]}'?"
    return f"unknown setting; the settings are {', '.join(KEYS)}"


# A top-level `key =` (bare or quoted; a dotted key is named by its first part) or a
# `[table]` header; the groups are the indent, the key in each spelling, and what follows.
_KEY = re.compile(r"""^([ \t]*)(?:"([^"\\]*)"|'([^']*)'|([A-Za-z0-9_-]+))[ \t]*([=.])[ \t]*""")
_HEADER = re.compile(r"""^([ \t]*)\[\[?[ \t]*(?:"([^"\\]*)"|'([^']*)'|([A-Za-z0-9_-]+))""")

Position = tuple[int, int, int]  # line, the key's column, the value's column


def _positions(text: str) -> tuple[dict[str, Position], list[tuple[str, Position, int]]]:
    """Where each top-level key is, and the keys given twice (with their first line)."""
    found: dict[str, Position] = {}
    duplicates: list[tuple[str, Position, int]] = []
    in_table = in_string = False
    for number, line in enumerate(text.splitlines(), 1):
        if in_string:  # inside a multi-line string: only its end matters
            in_string = (line.count('"""') + line.count("'''")) % 2 == 0
            continue
        header, match = _HEADER.match(line), _KEY.match(line)
        if header:
            in_table, match = True, header
        elif in_table or not match:
            continue
        key = next(group for group in match.groups()[1:4] if group is not None)
        column = len(match.group(1)) + 1
        position = (number, column, match.end() + 1 if not header else column)
        if key not in found:
            found[key] = position
        elif not header and match.group(5) == "=":
            duplicates.append((key, position, found[key][0]))
        rest = line[match.end() :]
        in_string = (rest.count('"""') + rest.count("'''")) % 2 == 1
    return found, duplicates


def _syntax(message: str, text: str) -> tuple[int, int, str]:
    """The line, column and words of the TOML reader's message."""
    at = re.search(r" \(at line (\d+), column (\d+)\)$", message)
    if at:
        return int(at.group(1)), int(at.group(2)), message[: at.start()]
    if message.endswith(" (at end of document)"):
        lines = text.splitlines() or [""]
        return len(lines), len(lines[-1]) + 1, message.removesuffix(" (at end of document)")
    return 1, 1, message


def _fail(shown_as: str, line: int, column: int, key: str, message: str) -> SettingsError:
    return SettingsError([Problem(shown_as, line, column, key, message)])
