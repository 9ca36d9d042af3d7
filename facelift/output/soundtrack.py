"""What plays where in a rendered session: every cue on its exact sample, the spoken lines
fitted between them, the chapters, and the levels (pure).

The file opens with the lines said before the count-in (the safety notes of a routine that
asks for consent), then the count-in, then the timeline as `start` plays it. Speech follows
the live guide: a cue's sound rings first and its words come after it. A line never talks
over the line before it: it waits until that one has ended, and a "Next: ..." line that
could then no longer end before the next step begins is left out. Cues never move for
speech: they sit on their samples and sound under it, except a step's stroke ticks, which
stay silent while its instruction is said (as live: see sound.py). A step that waits for a
key is a fixed pause here (timeline.WAIT_SECONDS) that says to pause the player.
"""

from __future__ import annotations

import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from facelift.output import levels
from facelift.output.mixdown import Placement
from facelift.output.sound import HUSH_AFTER, INSTRUCTING
from facelift.output.spoken import SpokenLine
from facelift.play.timeline import COUNT_FROM, CueKind, Timeline

RATE = levels.MIX_RATE
BREATH = 0.2  # seconds between a chime and its words, and between two lines
OPENING_FIRST, OPENING_GAP, OPENING_AFTER = 0.5, 0.8, 1.5  # around the lines said first
TAIL = 2.0  # quiet after the last sound

# Each sound's own loudness (dB, see levels) before the mix is brought to TARGET as a whole:
# speech a little above the chimes, which sit well above the last-seconds pips and the ticks.
TARGET, CEILING = -16.0, -1.0
OWN_LEVEL = {
    "say": -16.0,
    "step": -18.0,
    "switch": -18.0,
    "rest": -18.0,
    "finish": -18.0,
    "count": -26.0,
    "stroke": -31.0,
}


@dataclass(frozen=True)
class Chapter:
    """A chapter of the rendered file: a step or a rest, from its start to the next."""

    start: float  # seconds into the file
    end: float
    title: str


@dataclass(frozen=True)
class Said:
    """A spoken line placed in the rendered file."""

    start: float  # seconds into the file
    text: str
    instructs: bool = False  # a step's own words: its ticks wait until they have ended


@dataclass(frozen=True)
class Soundtrack:
    """What plays where in a rendered session, before it is mixed: sources, placements, chapters."""

    sources: dict[str, array.array[int]]  # "cue:step", "say:<text>": samples at RATE
    placed: tuple[tuple[int, str], ...]  # (start sample, source), in time order
    length: int  # samples
    origin: float  # seconds into the file where the first step starts
    chapters: tuple[Chapter, ...]
    said: tuple[Said, ...]

    @property
    def seconds(self) -> float:
        return self.length / RATE

    def placements(self, volume: int = 100) -> list[Placement]:
        """Every sound at its level: the mix at TARGET for volume 100 (a square law below)."""
        group_of = {
            key: key.split(":", 1)[1] if key.startswith("cue:") else "say" for key in self.sources
        }
        blocks = {key: levels.energies(samples) for key, samples in self.sources.items()}
        gains = levels.balance(blocks, group_of, OWN_LEVEL, self.placed, target=TARGET)
        factor = (max(0, min(100, volume)) / 100) ** 2
        tables = {group: levels.shaper(gain * factor, CEILING) for group, gain in gains.items()}
        ready = {
            key: levels.shaped(samples, tables[group_of[key]])
            for key, samples in self.sources.items()
        }
        return [Placement(start, ready[key]) for start, key in self.placed]


def plan(
    timeline: Timeline,
    *,
    lead_in: float,
    cues: Mapping[str, array.array[int]],
    lines: Sequence[SpokenLine] = (),
    opening: Sequence[str] = (),
    speech: Mapping[str, array.array[int]] | None = None,
    opening_title: str = "Safety notes",
) -> Soundtrack:
    """The soundtrack of `timeline`: `cues` by sound name, `speech` by text (every line of
    `lines` and `opening` must have one)."""
    speech = speech or {}
    sources = {f"cue:{name}": samples for name, samples in cues.items()}
    sources.update(
        {f"say:{text}": speech[text] for text in [*opening, *(line.text for line in lines)]}
    )
    said: list[Said] = []
    at = OPENING_FIRST if opening else 0.0
    for text in opening:
        said.append(Said(at, text))
        at += _seconds(speech[text]) + OPENING_GAP
    origin = (at - OPENING_GAP + OPENING_AFTER if opening else 0.0) + lead_in
    placed = [(_sample(origin - n), "cue:count") for n in range(COUNT_FROM, 0, -1) if n <= lead_in]
    fitted = _fit(lines, timeline, origin, cues, speech, busy=at)
    hushed = [
        (line.start, line.start + _seconds(speech[line.text]) + HUSH_AFTER)
        for line in fitted
        if line.instructs
    ]
    for time, cue in timeline.cues():
        if cue.kind is CueKind.STROKE and any(a <= origin + time < b for a, b in hushed):
            continue
        if cue.kind.sound is not None:
            placed.append((_sample(origin + time), f"cue:{cue.kind.sound}"))
    said += fitted
    placed += [(_sample(line.start), f"say:{line.text}") for line in said]
    placed.sort()
    ends = [start + len(sources[key]) for start, key in placed]
    length = max([_sample(origin + timeline.total), *ends]) + _sample(TAIL)
    chapters = _chapters(
        timeline, origin, length / RATE, first=opening_title if opening else "Get ready"
    )
    return Soundtrack(sources, tuple(placed), length, origin, chapters, tuple(said))


def _fit(
    lines: Sequence[SpokenLine],
    timeline: Timeline,
    origin: float,
    cues: Mapping[str, array.array[int]],
    speech: Mapping[str, array.array[int]],
    *,
    busy: float,
) -> list[Said]:
    """Each line after its cue's sound, and after the line before it has ended."""
    openings = [origin + segment.start for segment in timeline.segments] + [origin + timeline.total]
    said: list[Said] = []
    for line in lines:
        sound = line.cue.sound if line.cue is not None else None
        ring = _seconds(cues[sound]) + BREATH if sound is not None else 0.0
        start = max(origin + line.at + ring, busy + BREATH if said else busy)
        end = start + _seconds(speech[line.text])
        if line.cue is CueKind.PREVIEW:
            following = next((t for t in openings if t > origin + line.at), None)
            if following is not None and end > following:
                continue
        said.append(Said(start, line.text, line.cue in INSTRUCTING))
        busy = end
    return said


def _chapters(timeline: Timeline, origin: float, end: float, *, first: str) -> tuple[Chapter, ...]:
    """One chapter per step and rest (from its first side and round), and one before them."""
    starts: list[tuple[float, str]] = [(0.0, first)] if origin >= 0.5 else []
    seen: set[int] = set()
    for segment in timeline.segments:
        if segment.item_index in seen:
            continue
        seen.add(segment.item_index)
        title = "Rest" if segment.is_rest else f"{segment.step_number}. {segment.title}"
        starts.append((origin + segment.start, title))
    bounds = [start for start, _ in starts[1:]] + [end]
    return tuple(
        Chapter(start, stop, title) for (start, title), stop in zip(starts, bounds, strict=True)
    )


def _seconds(samples: array.array[int]) -> float:
    return len(samples) / RATE


def _sample(seconds: float) -> int:
    return round(seconds * RATE)
