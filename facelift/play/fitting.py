"""Fitting a routine into a length (`--minutes`) the way a teacher would: fewer or more
strokes, rounds and seconds first, and a stroke's tempo changed only within the routine's
band (by default at most 20% faster or slower), so "keep it small and slow" stays slow.

One amount `a` scales what each step does (its strokes, the rounds of a repeated step, its
seconds, the rests); then one tempo factor `t`, within the band, makes the length exact. A
round with a cue is a place of its own ("one finger-width higher"), so it is never dropped.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from facelift.base.errors import FaceliftError
from facelift.format.limits import MAX_FIT_AMOUNT, MAX_REPEAT, MAX_STEP, MIN_FIT_AMOUNT, MIN_STEP
from facelift.format.routine import Rest, Step

Item = Step | Rest
_SEARCHES = 60  # halvings of the amount: far finer than a millisecond


class FitError(FaceliftError):
    """A length the routine cannot be fitted into, with what it can be fitted into."""

    def __init__(self, name: str, target: float, shortest: float, longest: float) -> None:
        self.name, self.target = name, target
        self.shortest, self.longest = shortest, longest
        super().__init__(f"{name} fits from {shortest:.0f}s to {longest:.0f}s, not {target:.0f}s")


@dataclass(frozen=True)
class Fit:
    """A routine fitted into a length: its items, and how much of each and how fast they play."""

    items: tuple[Item, ...]
    amount: float  # how much of each step is played: 0.5 is half the strokes
    tempo: float  # how much longer each stroke lasts: 1.1 is 10% slower


def fit(items: Sequence[Item], target: float, band: float, *, name: str) -> Fit:
    """`items` changed to last `target` seconds, or FitError naming the shortest and longest."""
    slowest, fastest = 1 + band, max(0.0, 1 - band)
    shortest = _length(items, MIN_FIT_AMOUNT, fastest)
    longest = _length(items, MAX_FIT_AMOUNT, slowest)
    if not shortest - 1e-6 <= target <= longest + 1e-6:
        raise FitError(name, target, shortest, longest)
    low, high = MIN_FIT_AMOUNT, MAX_FIT_AMOUNT  # _length(low, 1) <= target <= _length(high, 1)
    if _length(items, low, 1) > target:
        high = low
    elif _length(items, high, 1) < target:
        low = high
    for _ in range(_SEARCHES):
        middle = (low + high) / 2
        low, high = (middle, high) if _length(items, middle, 1) < target else (low, middle)
    best: Fit | None = None
    for amount in dict.fromkeys((low, high)):
        tempo = _tempo_for(items, amount, target)
        if tempo is None or not fastest - 1e-9 <= tempo <= slowest + 1e-9:
            continue
        if best is None or abs(tempo - 1) < abs(best.tempo - 1):
            best = Fit(tuple(_changed(i, amount, tempo) for i in items), amount, tempo)
    if best is None:  # only with a band near 0: whole strokes cannot make this length
        raise FitError(name, target, shortest, longest)
    return best


def _tempo_for(items: Sequence[Item], amount: float, target: float) -> float | None:
    """The tempo factor that makes `amount` last `target`: 1 when no step counts strokes
    and the length is right already, None when nothing can make it so."""
    counted = sum(_seconds(i, amount) for i in items if _counted(i))
    timed = sum(_seconds(i, amount) for i in items if not _counted(i))
    if counted <= 0:
        return 1.0 if abs(timed - target) < 1e-3 else None
    tempo = (target - timed) / counted
    return 1.0 if abs(tempo - 1) < 1e-9 else tempo  # exactly the tempo written, when it fits


def _length(items: Sequence[Item], amount: float, tempo: float) -> float:
    return sum(_seconds(i, amount) * (tempo if _counted(i) else 1) for i in items)


def _counted(item: Item) -> bool:
    return isinstance(item, Step) and bool(item.strokes)


def _seconds(item: Item, amount: float) -> float:
    changed = _changed(item, amount, 1.0)
    return changed.total_seconds


def _changed(item: Item, amount: float, tempo: float) -> Item:
    """One item with `amount` of its strokes, rounds or seconds, its strokes `tempo` longer."""
    if isinstance(item, Rest):
        return dataclasses.replace(item, seconds=_clamp(item.seconds * amount))
    if item.wait:
        return item
    repeat = item.repeat
    if repeat > 1 and not item.round_cues:  # the same round again: rounds go first
        repeat = min(MAX_REPEAT, max(1, round(item.repeat * amount)))
    share = amount * item.repeat / repeat  # what each remaining round must do
    if item.strokes:
        strokes = max(1, round(item.strokes * share))
        seconds = strokes * item.tempo * tempo
        return dataclasses.replace(
            item, strokes=strokes, tempo=item.tempo * tempo, seconds=seconds, repeat=repeat
        )
    return dataclasses.replace(item, seconds=_clamp(item.seconds * share), repeat=repeat)


def _clamp(seconds: float) -> float:
    return min(MAX_STEP, max(MIN_STEP, seconds))
