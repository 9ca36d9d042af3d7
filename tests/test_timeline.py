"""The timeline: every timing decision as data, before anything plays."""

from __future__ import annotations

import pytest

from facelift.base.errors import FaceliftError
from facelift.format.library import Library
from facelift.format.routine import Rest, Sides
from facelift.play.timeline import Cue, CueKind, StepOutOfRange, compile_timeline, segment_cues

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
        (0, "step", 0),
        (7, "count", 3),
        (8, "count", 2),
        (9, "count", 1),
        (10, "switch", 0),
        (17, "count", 3),
        (18, "count", 2),
        (19, "count", 1),
        (20, "rest", 0),
        (22, "count", 3),
        (23, "count", 2),
        (24, "count", 1),
        (25, "finish", 0),
    ]


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


def test_minutes_adds_strokes_and_seconds_before_it_touches_the_tempo() -> None:
    """Twice as long: twenty strokes at the same 3 s, and the rest twice as long."""
    timeline = compile_timeline(routine(counted("C", 10), Rest(30)), minutes=2)
    assert timeline.total == pytest.approx(120)
    assert timeline.scale == 2
    first = timeline.segments[0]
    assert (first.seconds, first.stroke_seconds, first.strokes_in(first.seconds)) == (60, 3, 20)
    assert first.stroke_seconds == 3  # exactly: the tempo is not touched when none is needed
    assert timeline.segments[1].seconds == pytest.approx(60)


def test_minutes_drops_repeated_rounds_but_keeps_rounds_with_cues() -> None:
    """Half the time: a step repeated four times plays twice; a step whose rounds each go
    somewhere else keeps all three, each shorter; the tempo stays within its band."""
    again = counted("Again", 10, repeat=4)
    places = counted("Places", 10, repeat=3, round_cues=("Low.", "Middle.", "High."))
    timeline = compile_timeline(routine(again, places), minutes=1.75)  # 210 s of 7 min
    rounds = {s.title: s.rounds for s in timeline.segments}
    assert rounds == {"Again": 2, "Places": 3}
    assert timeline.total == pytest.approx(105)
    assert all(2.4 <= (s.stroke_seconds or 0) <= 3.6 for s in timeline.segments)


def test_minutes_changes_the_tempo_only_within_the_band() -> None:
    """Whole strokes cannot make every length: the tempo makes up the rest, never beyond
    the routine's band (here 10%)."""
    import dataclasses

    one = dataclasses.replace(routine(counted("C", 4)), tempo_band=0.1)
    timeline = compile_timeline(one, minutes=0.2)  # 12 s of 4 strokes at 3 s: exactly
    assert timeline.segments[0].stroke_seconds == pytest.approx(3)
    odd = compile_timeline(one, minutes=13.5 / 60)  # 4 strokes at 3.375 s or 5 at 2.7 s
    (segment,) = odd.segments
    assert segment.seconds == pytest.approx(13.5)
    assert 2.7 <= (segment.stroke_seconds or 0) <= 3.3


def test_a_length_out_of_the_band_names_the_shortest_and_longest() -> None:
    """A quarter of each step at a 20% faster tempo is the shortest; four times as much at
    20% slower the longest: a domain error with the values, worded by commands/playing."""
    from facelift.play.fitting import FitError

    with pytest.raises(FitError) as caught:
        compile_timeline(routine(step("A", 600)), minutes=1)
    error = caught.value
    assert (error.name, error.target, error.shortest, error.longest) == ("test", 60, 150, 2400)
    with pytest.raises(FitError) as counted_out:
        compile_timeline(routine(counted("C", 100)), minutes=0.9)  # 25 strokes of 2.4 s: 60 s
    assert (counted_out.value.shortest, counted_out.value.longest) == pytest.approx((60, 1440))


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
    """The core says what is wrong with values, and names no command-line option."""
    with pytest.raises(StepOutOfRange) as caught:
        compile_timeline(routine(step("A", 1), step("B", 1), step("C", 1)), from_step=from_step)
    error = caught.value
    assert (error.routine, error.step, error.steps) == ("test", from_step, 3)
    assert str(error) == f"test has steps 1 to 3, not step {from_step}"


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
    "name",
    [
        "lymphatic",
        "neck-shoulder-scalp",
        "deep-tissue-face",
        "buccal",
        "full",
        "morning-depuff",
        "desk-release",
    ],
)
def test_every_built_in_compiles_to_its_listed_length(name: str) -> None:
    """The timeline's total is the length `list` and `show` print, plus the nominal pause it
    plans for each step that waits for a key (shown as "+ your time")."""
    from facelift.play.timeline import total_seconds

    played = Library.default().open(name)
    timeline = compile_timeline(played)
    waiting = sum(s.seconds for s in timeline.segments if s.waits)
    assert timeline.total - waiting == pytest.approx(total_seconds(played))
    starts = [s.start for s in timeline.segments]
    assert starts == sorted(starts)
