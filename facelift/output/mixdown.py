"""Placed sounds mixed into 16-bit PCM, a chunk at a time (pure, and fast without numpy).

A rendered session is mostly silence with short sounds at exact samples. Each chunk starts
as zeros; a sound is copied in with one slice assignment where nothing plays yet, and only
where two sounds overlap (a tick under a spoken line) are samples added one by one, in C
through `map`. A sum that would pass the ceiling is bent under it, sample by sample, so
nothing clips.
"""

from __future__ import annotations

import array
import operator
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from facelift.output.levels import KNEE_BELOW, bent

KNEE = 10 ** (-KNEE_BELOW / 20)


@dataclass(frozen=True)
class Placement:
    """A sound placed in the file: its samples from the sample it starts on."""

    start: int  # the sample it starts on
    samples: array.array[int]  # 16-bit mono, at the file's rate

    @property
    def end(self) -> int:
        return self.start + len(self.samples)


def mix(
    placements: Sequence[Placement], length: int, *, chunk: int, top: float = 32767
) -> Iterator[bytes]:
    """The file's samples as little-endian 16-bit PCM, `chunk` samples a piece (the last
    shorter); a sound past `length` is cut there, and no sum of sounds goes past `top`."""
    pending = sorted(placements, key=lambda placement: placement.start)
    playing: list[Placement] = []
    following = 0
    for first in range(0, length, chunk):
        last = min(length, first + chunk)
        while following < len(pending) and pending[following].start < last:
            playing.append(pending[following])
            following += 1
        playing = [placement for placement in playing if placement.end > first]
        yield _chunk(playing, first, last, top)


def _chunk(playing: list[Placement], first: int, last: int, top: float) -> bytes:
    out = array.array("h", bytes(2 * (last - first)))
    covered = first  # up to here something has been written (sounds come in start order)
    for placement in playing:
        begin, end = max(first, placement.start), min(last, placement.end)
        if begin >= end:
            continue
        shared = min(end, covered)
        if begin < shared:  # the part that overlaps what is there already
            _add(out, placement, (begin, shared), first, top)
        if max(begin, shared) < end:
            at = max(begin, shared)
            out[at - first : end - first] = placement.samples[
                at - placement.start : end - placement.start
            ]
        covered = max(covered, end)
    if sys.byteorder == "big":
        out.byteswap()
    return out.tobytes()


def _add(
    out: array.array[int], placement: Placement, span: tuple[int, int], first: int, top: float
) -> None:
    begin, end = span
    here = out[begin - first : end - first]
    mine = placement.samples[begin - placement.start : end - placement.start]
    summed = list(map(operator.add, here, mine))
    if max(max(summed), -min(summed)) > top * KNEE:  # rare: a peak on a peak
        summed = [bent(value, top) for value in summed]
    out[begin - first : end - first] = array.array("h", summed)
