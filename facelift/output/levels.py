"""Sound levels for a rendered file, without numpy: one sample rate, gains, and loudness.

Loudness follows the gating of ITU-R BS.1770 (400 ms blocks every 100 ms, an absolute gate
at -70 and a relative gate 10 dB under the mean) on the plain signal, without the standard's
K-weighting filter: a pure-Python filter over all the speech would cost seconds, and for
speech and these chimes, whose energy lies between 200 Hz and 4 kHz, the weighting moves the
figure by about a decibel. "LUFS" here means that approximation. Block energies are taken
from every fourth sample: an estimate of the mean square, at a quarter of the cost.
"""

from __future__ import annotations

import array
import math
import operator
import sys
from collections.abc import Hashable, Iterable, Mapping, Sequence
from itertools import repeat
from typing import TypeVar

from facelift.format.wav import Sound

MIX_RATE = 22050  # the speech engines' own rate; the chimes have nothing above 4 kHz
BLOCK = MIX_RATE // 10  # 100 ms: a quarter of a gating block
FULL_SCALE = 32768.0
SILENT = -70.0  # the absolute gate
RELATIVE_GATE = 10.0
KNEE_BELOW = 4.0  # dB under the ceiling where the soft limit begins

Key = TypeVar("Key", bound=Hashable)
Group = TypeVar("Group", bound=Hashable)


def mono(sound: Sound, rate: int = MIX_RATE) -> array.array[int]:
    """A sound as 16-bit mono samples at `rate`: channels averaged, and the rate changed
    (whole ratios by averaging or halving, in C; any other by interpolating, in Python,
    which is fine for a cue sound)."""
    samples = array.array("h", sound.frames[: len(sound.frames) // 2 * 2])
    if sys.byteorder == "big":
        samples.byteswap()
    if sound.channels > 1:
        samples = _average([samples[c :: sound.channels] for c in range(sound.channels)])
    if sound.rate == rate or not samples:
        return samples
    if sound.rate % rate == 0:  # 44100 -> 22050: the mean of each pair filters as it drops
        factor = sound.rate // rate
        return _average([samples[k::factor] for k in range(factor)])
    if rate == 2 * sound.rate:
        doubled = array.array("h", bytes(4 * len(samples)))
        doubled[0::2] = samples
        doubled[1:-1:2] = _average([samples[:-1], samples[1:]])
        doubled[-1] = samples[-1]
        return doubled
    return _interpolated(samples, sound.rate, rate)


def _average(columns: Sequence[array.array[int]]) -> array.array[int]:
    length = min(len(column) for column in columns)
    total: Iterable[int] = columns[0][:length]
    for column in columns[1:]:
        total = map(operator.add, total, column[:length])
    return array.array("h", map(operator.floordiv, total, repeat(len(columns))))


def _interpolated(samples: array.array[int], source: int, rate: int) -> array.array[int]:
    step = source / rate
    if step > 1:  # fewer samples: average over each step first, so little folds back
        width = int(step)
        samples = _average([samples[k:] for k in range(width)])
    last = len(samples) - 1
    out = []
    for index in range(int(last / step) + 1):
        position = index * step
        whole = int(position)
        after = samples[min(whole + 1, last)]
        out.append(round(samples[whole] + (after - samples[whole]) * (position - whole)))
    return array.array("h", out)


def ceiling_amplitude(ceiling: float) -> float:
    return 10 ** (ceiling / 20) * FULL_SCALE


def bent(value: float, top: float) -> int:
    """`value` rounded, and bent smoothly under `top` from a few dB below it: a rare peak is
    rounded off instead of clipped."""
    knee = top * 10 ** (-KNEE_BELOW / 20)
    size = abs(value)
    if size > knee:
        room = top - knee
        size = min(math.floor(top), knee + room * math.tanh((size - knee) / room))
    return round(math.copysign(size, value))


def shaper(gain: float, ceiling: float) -> list[int]:
    """A table from every 16-bit value to that value times `gain`, bent under `ceiling` dBFS
    (index it with the sample: a negative one wraps round)."""
    top = ceiling_amplitude(ceiling)
    values = [*map(gain.__mul__, range(32768)), *map(gain.__mul__, range(-32768, 0))]
    if gain * FULL_SCALE <= top * 10 ** (-KNEE_BELOW / 20):  # below the knee: in C
        return list(map(round, values))
    return [bent(value, top) for value in values]


def shaped(samples: array.array[int], table: list[int]) -> array.array[int]:
    return array.array("h", map(table.__getitem__, samples))


def energies(samples: array.array[int]) -> list[float]:
    """The energy (full scale = 1) of each 100 ms block, the last one partly empty."""
    scale = 4 / (FULL_SCALE * FULL_SCALE)
    every_fourth = samples[::4]
    quarter = BLOCK // 4
    return [
        sum(map(operator.mul, block, block)) * scale
        for block in (
            every_fourth[at : at + quarter] for at in range(0, len(every_fourth), quarter)
        )
    ]


def loudness(blocks: Sequence[float]) -> float:
    """The gated loudness of a run of 100 ms block energies, in dB (-inf when silent)."""
    window = 4  # 400 ms
    padded = [*blocks, *[0.0] * max(0, window - len(blocks))]
    means = [sum(padded[at : at + window]) / (window * BLOCK) for at in range(len(padded) - 3)]
    heard = [mean for mean in means if mean > 0 and _db(mean) > SILENT]
    if not heard:
        return -math.inf
    gate = _db(sum(heard) / len(heard)) - RELATIVE_GATE
    kept = [mean for mean in heard if _db(mean) > gate]
    return _db(sum(kept) / len(kept))


def _db(mean_square: float) -> float:
    return 10 * math.log10(mean_square)


def balance(
    blocks: Mapping[Key, list[float]],
    group_of: Mapping[Key, Group],
    own_level: Mapping[Group, float],
    placed: Sequence[tuple[int, Key]],
    *,
    target: float,
) -> dict[Group, float]:
    """A gain for each group of sounds (one voice, each cue) that puts the group at its own
    level against the others, and the whole mix of `placed` (start sample, sound) at `target`.

    The mix's loudness is estimated from the sounds' block energies where they play, without
    mixing any samples: the energies of sounds that overlap add up."""
    members: dict[Group, list[float]] = {}
    for key, energy in blocks.items():
        members.setdefault(group_of[key], []).extend(energy)
    base = {
        group: 10 ** ((own_level[group] - loudness(energy)) / 20)
        for group, energy in members.items()
        if any(energy)
    }
    grid = [0.0] * (max((s // BLOCK + len(blocks[k]) for s, k in placed), default=0) + 1)
    for start, key in placed:
        power, first = base.get(group_of[key], 0.0) ** 2, start // BLOCK
        for offset, block in enumerate(blocks[key]):
            grid[first + offset] += block * power
    mixed = loudness(grid)
    correction = 10 ** ((target - mixed) / 20) if math.isfinite(mixed) else 1.0
    return {group: base.get(group, 0.0) * correction for group in members}
