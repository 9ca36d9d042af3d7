"""Durations as people write them (`45`, `2.5`, `45s`, `1m30s`, `1:30`) and as we print them."""

from __future__ import annotations

import math
import re

from facelift.base import wording

_UNITS = re.compile(r"(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_CLOCK = re.compile(r"(?:(\d+):)?(\d+):(\d{2}(?:\.\d+)?)")


def parse_duration(text: str) -> float | None:
    """Seconds for a duration text, or None when it is not one.

    >>> parse_duration("1m30s"), parse_duration("1:30"), parse_duration("2.5")
    (90.0, 90.0, 2.5)
    """
    # spaces may stand between a number and its unit, or between parts ("1m 30s"), no more
    compact = re.sub(r"(?<=\d)\s+(?=[hms])|(?<=[hms])\s+(?=\d)", "", text.strip().lower())
    if not compact or len(compact) > 32:
        return None
    seconds = float(compact) if _NUMBER.fullmatch(compact) else _parse_compound(compact)
    if seconds is None or not math.isfinite(seconds) or seconds < 0:
        return None
    return seconds


def _parse_compound(compact: str) -> float | None:
    clock = _CLOCK.fullmatch(compact)
    if clock:
        hours, minutes, seconds = clock.groups()
        if float(seconds) >= 60 or (hours is not None and int(minutes) >= 60):
            return None
        return int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds)
    units = _UNITS.fullmatch(compact)
    if units and any(units.groups()):
        hours, minutes, seconds = (float(g) if g else 0.0 for g in units.groups())
        return hours * 3600 + minutes * 60 + seconds
    return None


def format_duration(seconds: float) -> str:
    """Short human form that parse_duration reads back: `45s`, `1m30s`, `2m`, `1h5m`, `2.5s`."""
    if seconds < 0:
        return f"-{format_duration(-seconds)}"
    if seconds < 60 and seconds != int(seconds):
        return f"{round(seconds, 2):g}s"
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [
        f"{hours}h" if hours else "",
        f"{minutes}m" if minutes else "",
        f"{secs}s" if secs else "",
    ]
    return "".join(parts) or "0s"


def format_length(seconds: float) -> str:
    """A routine's length as a player shows it: `7:47`, `38:20`, `1:05:00` (see wording)."""
    return wording.length(seconds)


def format_clock(seconds: float) -> str:
    """`m:ss` (or `h:mm:ss`) for a position in a routine, rounded down to the second."""
    return wording.clock(seconds)
