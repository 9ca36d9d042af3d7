"""The timeline: every timing decision as data, before anything plays."""

from __future__ import annotations

import pytest

from facelift.base.errors import FaceliftError
from facelift.format.library import Library
from facelift.format.routine import Rest, Sides
from facelift.play.timeline import Cue, CueKind, compile_timeline, segment_cues

from .fakes import counted, routine, step


def test_left_right_plays_each_side_in_turn_for_each_round() -> None:
    """`sides: left-right` with `repeat: 2` is left, right, left, right, each its own length."""
    timeline = compile_timeline(routine(step("Hold", 20, sides=Sides.LEFT_RIGHT, repeat=2)))
    assert [(s.side, s.round, s.start, s.seconds) for s in timeline.segments] == [
        ("left", 1, 0, 20),
        ("right", 1, 20, 20),
        ("left", 2, 40, 20),
        ("right", 2, 60, 20),
    ]
    assert timeline.total == 80


def test_cues_open_switch_and_count_down_each_segment() -> None:
    """A step opens with its cue, the other side with a switch, and the last 3 s are counted."""
    timeline = compile_timeline(routine(step("Hold", 10, sides=Sides.RIGHT_LEFT), Rest(5)))
    assert [(at, cue.kind.value, cue.number) for at, cue in timeline.cues()] == [
        (0, "step", 0), (7, "count", 3), (8, "count", 2), (9, "count", 1),
        (10, "switch", 0), (17, "count", 3), (18, "count", 2), (19, "count", 1),
        (20, "rest", 0), (22, "count", 3), (23, "count", 2), (24, "count", 1),
        (25, "finish", 0),
    ]  # fmt: skip


def test_a_new_round_on_the_same_side_has_its_own_cue() -> None:
    """Three spots of five strokes: a round cue asks to move the hands on."""
    timeline = compile_timeline(routine(counted("Spots", 5, repeat=3)))
    openings = [(at, c.kind) for at, c in timeline.cues() if c.kind not in _QUIET]
    assert openings == [
        (0, CueKind.STEP),
        (15, CueKind.ROUND),
        (30, CueKind.ROUND),
        (45, CueKind.FINISH),
    ]
    assert CueKind.ROUND.sound == "switch"


_QUIET = (CueKind.STROKE, CueKind.COUNT)


def test_strokes_tick_on_each_stroke_but_give_way_to_the_count() -> None:
    """10 strokes of 3 s: ticks at 3..24 s; the one at 27 s falls on the count and is dropped."""
    timeline = compile_timeline(routine(counted("Circles", 10)))
    ticks = [(at, c.number) for at, c in timeline.cues() if c.kind is CueKind.STROKE]
    assert ticks == [(3, 2), (6, 3), (9, 4), (12, 5), (15, 6), (18, 7), (21, 8), (24, 9)]
    counts = [at for at, c in timeline.cues() if c.kind is CueKind.COUNT]
    assert counts == [27, 28, 29]


def test_a_short_segment_counts_only_what_fits() -> None:
    """A 3 s step counts 2 and 1 only: a count never falls in the first second."""
    cues = segment_cues(compile_timeline(routine(step("Tap", 3))).segments, 0, 3)
    assert cues == [Cue(0, CueKind.STEP), Cue(1, CueKind.COUNT, 2), Cue(2, CueKind.COUNT, 1)]


def test_added_time_adds_strokes_at_the_same_tempo() -> None:
    """+10 s on 10 strokes of 3 s makes 13 strokes; the count moves to the new end."""
    segment = compile_timeline(routine(counted("Circles", 10))).segments[0]
    assert segment.strokes_in(40) == 13
    assert segment.stroke_at(elapsed=31, seconds=40) == 11
    assert segment.stroke_at(elapsed=39.9, seconds=40) == 13


def test_minutes_scales_every_step_to_fit() -> None:
    """--minutes fits the routine exactly, scaling tempo and rests alike."""
    timeline = compile_timeline(routine(counted("C", 10), Rest(30)), minutes=2)
    assert timeline.total == pytest.approx(120)
    assert timeline.scale == 2
    assert timeline.segments[0].stroke_seconds == 6


def test_minutes_out_of_reach_is_refused() -> None:
    with pytest.raises(FaceliftError) as caught:
        compile_timeline(routine(step("A", 600)), minutes=1)
    assert str(caught.value) == (
        "--minutes 1 would play 10:00 in 1:00; choose from 2.5 to 40 minutes"
    )


def test_from_step_starts_at_that_step_and_times_from_there() -> None:
    """Rests before the chosen step are left out; time 0 is the chosen step's start."""
    timeline = compile_timeline(
        routine(step("A", 10), Rest(5), step("B", 20), step("C", 30)), from_step=2
    )
    assert [(s.title, s.start, s.step_number) for s in timeline.segments] == [
        ("B", 0, 2),
        ("C", 20, 3),
    ]
    assert timeline.steps == 3


@pytest.mark.parametrize("from_step", [0, 4])
def test_from_step_out_of_range(from_step: int) -> None:
    with pytest.raises(FaceliftError, match="--from-step must be from 1 to 3 for test"):
        compile_timeline(routine(step("A", 1), step("B", 1), step("C", 1)), from_step=from_step)


def test_the_timeline_carries_the_step_it_starts_from() -> None:
    """So a session started later in the routine is recorded as such."""
    timeline = compile_timeline(routine(step("A", 1), Rest(2), step("B", 1)), from_step=2)
    assert (timeline.from_step, timeline.segments[0].step_number) == (2, 2)
    assert compile_timeline(routine(step("A", 1))).from_step == 1


@pytest.mark.parametrize("scale", [9.0, 0.1, float("nan")])
def test_a_pace_out_of_range_is_one_line_that_names_it(scale: float) -> None:
    """A pace given as such (a resumed session's), not by --minutes, is worded as a pace."""
    with pytest.raises(FaceliftError) as caught:
        compile_timeline(routine(step("A", 10)), scale=scale)
    assert str(caught.value) == f"a pace of x{scale:g} is out of range for test (from x0.25 to x4)"


@pytest.mark.parametrize(
    "name", ["lymphatic", "neck-shoulder-scalp", "deep-tissue-face", "buccal", "full"]
)
def test_every_built_in_compiles_to_its_listed_length(name: str) -> None:
    """The timeline's total is the length `list` and `show` print."""
    from facelift.play.timeline import total_seconds

    played = Library.default().open(name)
    timeline = compile_timeline(played)
    assert timeline.total == pytest.approx(total_seconds(played))
    starts = [s.start for s in timeline.segments]
    assert starts == sorted(starts)
