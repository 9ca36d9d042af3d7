"""The player on a fake clock: exact timing, every key, stops at any moment, and the record."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facelift.format.library import Library
from facelift.format.routine import Rest, Sides
from facelift.play.clock import FakeClock
from facelift.play.player import EventKind, Key, Outcome, Player
from facelift.play.recorder import Recorder
from facelift.play.timeline import CueKind, Timeline, compile_timeline

from .conftest import examples
from .fakes import RaisingKeys, RecordingSink, ScriptedKeys, counted, routine, step

START = 1000.0  # the fake clock's start


def play(
    timeline: Timeline,
    presses: list[tuple[float, Key]] = (),  # type: ignore[assignment]
    lead_in: float = 0,
    waits: bool = True,
) -> tuple[Outcome, RecordingSink, Recorder, ScriptedKeys]:
    clock = FakeClock(START)
    keys = ScriptedKeys(clock, list(presses))
    sink = RecordingSink(clock)
    recorder = Recorder(timeline, started="2026-11-24T21:00:00+00:00")
    player = Player(
        timeline, clock=clock, keys=keys, sinks=[sink, recorder], lead_in=lead_in, waits=waits
    )
    return player.play(), sink, recorder, keys


def relative(cues: list[tuple[float, CueKind, int]]) -> list[tuple[float, str, int]]:
    return [(round(t - START, 6), kind.value, n) for t, kind, n in cues]


def test_a_forty_minute_routine_plays_every_cue_exactly_on_time() -> None:
    """The full session on the fake clock: each cue at its planned second, none early or late.
    (Its steps that wait for a key play their planned time, as with no keyboard.)"""
    timeline = compile_timeline(Library.default().open("full"))
    outcome, sink, recorder, keys = play(timeline, waits=False)
    assert outcome is Outcome.COMPLETED
    planned = [(round(at, 6), cue.kind.value, cue.number) for at, cue in timeline.cues()]
    assert relative(sink.cues()) == planned
    assert recorder.record is not None
    assert recorder.record.status == "completed"
    assert recorder.record.active_seconds == pytest.approx(timeline.total)
    assert all(wait >= 0 for wait in keys.waits)


def test_the_loop_never_waits_past_the_next_deadline() -> None:
    """Each wait ends on a cue or a whole second: the clock is never overshot."""
    timeline = compile_timeline(routine(counted("C", 4, tempo=2.5), Rest(2)))
    _, _, _, keys = play(timeline)
    assert max(keys.waits) <= 1.0 + 1e-9


def test_the_lead_in_counts_down_before_session_time_starts() -> None:
    """Five seconds to get ready, the last three counted; step 1 opens at 5 s, session time 0."""
    timeline = compile_timeline(routine(step("A", 4)))
    _, sink, recorder, _ = play(timeline, lead_in=5)
    assert relative(sink.cues())[:4] == [
        (2, "count", 3),
        (3, "count", 2),
        (4, "count", 1),
        (5, "step", 0),
    ]
    assert [e.kind for _, e in sink.events].count(EventKind.LEAD_IN) == 5
    assert recorder.record is not None
    assert [(s.title, s.actual_start, s.actual_seconds) for s in recorder.record.steps] == [
        ("A", 0, 4)
    ]
    assert all(e.snapshot.lead_in > 0 for _, e in sink.events if e.kind is EventKind.LEAD_IN)


def test_pause_stops_time_and_moves_every_later_deadline() -> None:
    """A 30 s pause at 4 s: the switch planned at 10 s sounds at 40 s; nothing sounds between."""
    timeline = compile_timeline(routine(step("Hold", 10, sides=Sides.LEFT_RIGHT)))
    _, sink, recorder, _ = play(timeline, [(4, Key.PAUSE), (34, Key.PAUSE)])
    cues = relative(sink.cues())
    assert (37, "count", 3) in cues and (40, "switch", 0) in cues and (50, "finish", 0) in cues
    assert not [c for c in cues if 4 < c[0] < 34]
    record = recorder.record
    assert record is not None
    assert (record.active_seconds, record.paused_seconds) == (20, 30)
    assert EventKind.PAUSE in sink.kinds() and EventKind.RESUME in sink.kinds()


def test_a_paused_snapshot_stands_still() -> None:
    timeline = compile_timeline(routine(step("A", 20)))
    _, sink, _, _ = play(timeline, [(5, Key.PAUSE), (15, Key.HELP), (25, Key.PAUSE)])
    help_event = next(e for _, e in sink.events if e.kind is EventKind.HELP)
    assert help_event.snapshot.paused and help_event.snapshot.help
    assert help_event.snapshot.elapsed == 5 and help_event.snapshot.remaining == 15


def test_next_cuts_the_segment_short_and_starts_the_next_at_once() -> None:
    timeline = compile_timeline(routine(step("A", 30), step("B", 20)))
    _, sink, recorder, _ = play(timeline, [(12, Key.NEXT)])
    assert (12, "step", 0) in relative(sink.cues())
    assert relative(sink.cues())[-1] == (32, "finish", 0)
    record = recorder.record
    assert record is not None
    assert [(s.title, s.actual_start, s.actual_seconds, s.skipped) for s in record.steps] == [
        ("A", 0, 12, True),
        ("B", 12, 20, False),
    ]
    assert (record.planned_seconds, record.active_seconds) == (50, 32)


def test_next_on_the_last_segment_finishes_the_routine() -> None:
    outcome, sink, recorder, _ = play(compile_timeline(routine(step("A", 30))), [(3, Key.NEXT)])
    assert outcome is Outcome.COMPLETED
    assert recorder.record is not None and recorder.record.status == "completed"
    assert relative(sink.cues())[-1] == (3, "finish", 0)


def test_back_restarts_the_step_or_goes_to_the_one_before() -> None:
    """After 2 s, back restarts the segment; within its first 2 s, it goes to the one before."""
    timeline = compile_timeline(routine(step("A", 10), step("B", 10)))
    _, sink, recorder, _ = play(timeline, [(15, Key.BACK), (16, Key.BACK)])
    openings = [c for c in relative(sink.cues()) if c[1] == "step"]
    assert openings == [
        (0, "step", 0),
        (10, "step", 0),
        (15, "step", 0),
        (16, "step", 0),
        (26, "step", 0),
    ]
    record = recorder.record
    assert record is not None
    assert [(s.title, s.actual_start) for s in record.steps] == [
        ("A", 0),
        ("B", 10),
        ("B", 15),
        ("A", 16),
        ("B", 26),
    ]
    assert relative(sink.cues())[-1] == (36, "finish", 0)


def test_plus_and_minus_change_the_current_segment_only() -> None:
    """+ adds 10 s (and strokes at the same tempo); - takes 10 s off but never leaves less
    than 5 s to go, so it shortens a step and never skips it; each says what it changed."""
    timeline = compile_timeline(routine(counted("C", 10), step("D", 30)))
    presses = [(1.0, Key.MORE), (45.0, Key.LESS), (53.0, Key.LESS), (56.0, Key.LESS)]
    _, sink, _, _ = play(timeline, presses)
    cues = relative(sink.cues())
    assert (37, "count", 3) in cues and (40, "step", 0) in cues  # C: 30 s became 40 s
    assert [c for c in cues if c[1] == "stroke"][-1] == (36, "stroke", 13)
    # D: 30 s; -10 at 5 s in -> 20 s; at 13 s in, 5 s to go is the least -> 18 s; at 16 s
    # in (2 s to go) - changes nothing: D ends at 40 + 18
    assert cues[-1] == (58, "finish", 0)
    changes = [e.change for _, e in sink.events if e.kind is EventKind.ADJUST]
    assert changes == [10.0, -10.0, -2.0, 0.0]


def test_quit_stops_at_once_with_a_stopped_record() -> None:
    timeline = compile_timeline(routine(step("A", 30), step("B", 30)))
    outcome, sink, recorder, _ = play(timeline, [(40.5, Key.QUIT)])
    assert outcome is Outcome.STOPPED
    assert sink.kinds()[-1] is EventKind.STOP
    record = recorder.record
    assert record is not None
    assert (record.status, record.active_seconds) == ("stopped", 40.5)
    assert record.steps[-1].actual_seconds == 10.5


def test_ctrl_c_stops_the_same_way() -> None:
    """KeyboardInterrupt (Ctrl-C, or SIGTERM via the terminal module) ends as a stop."""
    timeline = compile_timeline(routine(step("A", 30)))
    clock = FakeClock(START)
    recorder = Recorder(timeline, started="x")
    player = Player(
        timeline, clock=clock, keys=RaisingKeys(clock, at=7), sinks=[recorder], lead_in=0
    )
    assert player.play() is Outcome.STOPPED
    assert recorder.record is not None
    assert (recorder.record.status, recorder.record.active_seconds) == ("stopped", 7)


def test_mute_is_announced_to_every_sink() -> None:
    _, sink, _, _ = play(compile_timeline(routine(step("A", 5))), [(1, Key.MUTE)])
    mute = next(e for _, e in sink.events if e.kind is EventKind.MUTE)
    assert mute.snapshot.muted
    assert sink.events[-1][1].snapshot.muted


keys_at_times = st.lists(
    st.tuples(st.floats(min_value=0, max_value=200), st.sampled_from(list(Key))), max_size=25
)


@settings(max_examples=examples(200), deadline=None)
@given(keys_at_times, st.sampled_from([0.0, 3.0]))
def test_any_keys_at_any_times_leave_a_consistent_record(
    presses: list[tuple[float, Key]], lead_in: float
) -> None:
    """Whatever is pressed, the record adds up: steps follow each other without gaps, their
    times sum to the active time, and active + paused time is the time since the lead-in."""
    timeline = compile_timeline(
        routine(counted("A", 5), Rest(4), step("B", 12, sides=Sides.LEFT_RIGHT, repeat=2))
    )
    # a paused session waits for its person forever, so the script ends with q in any case
    outcome, sink, recorder, _ = play(timeline, [*presses, (1000, Key.QUIT)], lead_in=lead_in)
    record = recorder.record
    if record is None:  # stopped during the get-ready countdown: nothing was played
        assert outcome is Outcome.STOPPED
        assert sink.events[-1][1].snapshot.lead_in > 0
        return
    assert record.status == outcome.value
    steps = record.steps
    for before, after in itertools.pairwise(steps):
        assert after.actual_start == pytest.approx(before.actual_start + before.actual_seconds)
    assert sum(s.actual_seconds for s in steps) == pytest.approx(record.active_seconds, abs=1e-6)
    began = next(t for t, e in sink.events if e.snapshot.lead_in == 0)
    ended = sink.events[-1][0]
    assert record.active_seconds + record.paused_seconds == pytest.approx(ended - began)
    assert all(s.actual_seconds >= 0 for s in steps)


def test_a_sink_whose_terminal_went_away_is_dropped_and_the_session_goes_on() -> None:
    """A screen that raises OSError (EIO on a closed terminal) cannot lose the record."""

    class DeadScreen:
        def handle(self, event: object) -> None:
            raise OSError(5, "Input/output error")

    timeline = compile_timeline(routine(step("A", 3)))
    clock = FakeClock(START)
    recorder = Recorder(timeline, started="x")
    player = Player(
        timeline, clock=clock, keys=ScriptedKeys(clock), sinks=[DeadScreen(), recorder], lead_in=0
    )
    assert player.play() is Outcome.COMPLETED
    assert recorder.record is not None and recorder.record.status == "completed"


def test_help_pauses_while_it_is_read() -> None:
    """? pauses and shows the keys; ? again hides them and goes on; time stood still between."""
    timeline = compile_timeline(routine(step("A", 10)))
    _, sink, recorder, _ = play(timeline, [(2, Key.HELP), (32, Key.HELP)])
    shown = next(e for _, e in sink.events if e.kind is EventKind.HELP)
    assert shown.snapshot.help and shown.snapshot.paused
    assert recorder.record is not None
    assert (recorder.record.active_seconds, recorder.record.paused_seconds) == (10, 30)
