"""What a person hears and sees with eyes closed: each step's instruction, where the hands go
in each round, the part a long session is in, steps that wait for a key, and trouble with
the sound shown at once."""

from __future__ import annotations

import io
import os
from datetime import datetime

from facelift.format.routine import PartOf, Rest, Routine, Sides
from facelift.output.plain import PlainLines
from facelift.output.screen import layout, position
from facelift.output.spoken import event_line, every_line, intro_lines, spoken_lines
from facelift.play.clock import FakeClock
from facelift.play.player import Event, EventKind, Key, Outcome, Player
from facelift.play.recorder import Recorder
from facelift.play.timeline import CueKind, compile_timeline

from .fakes import RecordingSink, ScriptedKeys, routine, step

FACE = PartOf("face", "Face and jaw", 1)
NECK = PartOf("neck", "Neck, shoulders and scalp", 2)


def heard(timeline_routine: Routine, presses: list[tuple[float, Key]] = ()) -> list[str]:  # type: ignore[assignment]
    """Every line the live voice says, in order, played on a fake clock."""
    timeline = compile_timeline(timeline_routine)
    clock = FakeClock()
    lines: list[str] = []

    class Listener:
        def handle(self, event: Event) -> None:
            line = event_line(event)
            if line:
                lines.append(line)

    Player(
        timeline, clock=clock, keys=ScriptedKeys(clock, presses), sinks=[Listener()], lead_in=0
    ).play()
    return lines


def test_each_step_says_what_to_do_where_and_how_firmly() -> None:
    """The spoken form (`say`) is said instead of `do`; a 0-10 pressure is said in words;
    each round says where the hands go, and a new round after a switch says it too."""
    said = heard(
        routine(
            step(
                "Jaw circles",
                10,
                sides=Sides.LEFT_RIGHT,
                repeat=2,
                pressure=3,
                do="Make small circles along the jaw with two fingers, slowly.",
                say="Small slow circles along the jaw.",
                round_cues=("Start at the chin.", "Now one finger-width higher."),
            ),
            step("Forehead", 6, do="Smooth out from the centre."),
        )
    )
    assert said == [
        "Left side. Jaw circles. Ten seconds. Pressure three out of ten. "
        "Small slow circles along the jaw. Start at the chin.",
        "Switch sides. Right side.",
        "Switch sides. Left side. Round two. Now one finger-width higher.",
        "Switch sides. Right side.",
        "Forehead. Six seconds. Smooth out from the centre.",
        "That is the end of the routine. Take a moment before you get up.",
    ]


def test_the_title_and_the_preparation_are_said_before_the_count_in() -> None:
    """The title and length, then the first sentence of each preparation note."""
    prepared = Routine(
        "r",
        "Morning de-puff",
        (step("A", 200),),
        prepare=("Wash your hands. Warm a drop of oil.", "Sit upright, shoulders soft"),
    )
    assert intro_lines(compile_timeline(prepared)) == [
        "Morning de-puff. Three minutes twenty.",
        "To prepare: Wash your hands.",
        "Sit upright, shoulders soft",
    ]


def session_of_parts() -> Routine:
    return routine(
        step("Jaw", 5, part_of=FACE),
        Rest(5, note="Shake out your hands.", part_of=FACE),
        step("Cheeks", 5, part_of=FACE),
        step("Change over", 5, wait=True, do="Wipe off the oil."),
        Rest(5, part_of=NECK),
        step("Neck glide", 5, part_of=NECK),
    )


def test_a_long_session_names_each_part_as_it_begins() -> None:
    """In the voice, in plain lines and in the header: the part, and the step within it."""
    said = spoken_lines(compile_timeline(session_of_parts()), lead_in=0)
    assert [line.text for line in said if line.text.startswith("Part")] == [
        "Part 1 of 2: Face and jaw. Jaw. Five seconds.",
        "Part 2 of 2: Neck, shoulders and scalp. Rest. Five seconds.",
    ]
    timeline = compile_timeline(session_of_parts())
    out = io.StringIO()
    clock = FakeClock()
    Player(
        timeline,
        clock=clock,
        keys=ScriptedKeys(clock),
        sinks=[PlainLines(out)],
        lead_in=0,
        waits=False,
    ).play()
    lines = out.getvalue().splitlines()
    assert lines[0] == "[0:00] Part 1 of 2: Face and jaw."
    assert "[0:20] Part 2 of 2: Neck, shoulders and scalp." in lines
    snapshot = RecordingSink(clock)
    Player(
        timeline, clock=clock, keys=ScriptedKeys(clock), sinks=[snapshot], lead_in=0, waits=False
    ).play()
    views = [position(e.snapshot) for _, e in snapshot.events if e.cue is not None]
    assert views[0] == "part 1 of 2 · step 1 of 2"
    assert "part 1 of 2 · step 2 of 2" in views
    assert "step 3 of 4" in views  # the change between parts belongs to none
    assert views[-1] == "part 2 of 2 · step 1 of 1"


def test_a_step_that_waits_goes_on_at_a_key_and_counts_as_played() -> None:
    """No deadline: the step lasts until a key (here Enter, 150 s in), with a soft reminder
    each minute; the next step begins at the key, and the wait is recorded as played."""
    timeline = compile_timeline(
        routine(step("Gloves on", 5, wait=True, do="Put on a glove."), step("Buccal", 10))
    )
    clock = FakeClock()
    start = clock.now()
    sink = RecordingSink(clock)
    recorder = Recorder(timeline, started="2025-01-01T09:00:00+00:00")
    keys = ScriptedKeys(clock, [(150.0, Key.OTHER)])
    outcome = Player(timeline, clock=clock, keys=keys, sinks=[sink, recorder], lead_in=0).play()
    assert outcome is Outcome.COMPLETED
    cues = [(round(t - start, 6), kind) for t, kind, _ in sink.cues()]
    assert cues[:4] == [
        (0.0, CueKind.STEP),
        (60.0, CueKind.REMIND),
        (120.0, CueKind.REMIND),
        (150.0, CueKind.STEP),
    ]
    waiting = [e.snapshot for _, e in sink.events if e.snapshot.index == 0]
    assert all(s.waiting and s.remaining == 0 for s in waiting)
    assert recorder.record is not None
    first, second = recorder.record.steps
    assert (first.actual_seconds, first.skipped, second.actual_start) == (150.0, False, 150.0)
    assert recorder.record.active_seconds == 160.0


def test_while_waiting_q_still_stops_and_without_a_keyboard_it_is_a_fixed_pause() -> None:
    """q, b, m and ? keep their meaning while a step waits; a session without a keyboard
    gives the step its planned seconds (20 when it has none)."""
    waiting = routine(step("Oil off", 0, wait=True), step("Next", 5))
    clock = FakeClock()
    keys = ScriptedKeys(clock, [(30.0, Key.MUTE), (40.0, Key.QUIT)])
    assert (
        Player(compile_timeline(waiting), clock=clock, keys=keys, sinks=[], lead_in=0).play()
        is Outcome.STOPPED
    )
    assert clock.now() - keys.start == 40.0
    sink = RecordingSink(clock)
    start = clock.now()
    Player(
        compile_timeline(waiting),
        clock=clock,
        keys=ScriptedKeys(clock),
        sinks=[sink],
        lead_in=0,
        waits=False,
    ).play()
    assert [(round(t - start, 6), k) for t, k, _ in sink.cues()][:2] == [
        (0.0, CueKind.STEP),
        (20.0, CueKind.STEP),
    ]


def test_the_voice_and_screen_say_that_any_key_goes_on() -> None:
    """Live, the voice says to press any key (and reminds); a rendered file says to pause
    the player; the screen shows it in place of the countdown's banner."""
    timeline = compile_timeline(
        routine(step("Gloves on", 0, wait=True, do="Put a glove on your right hand."))
    )
    assert every_line(timeline, lead_in=0)[1:3] == [
        "Gloves on. Put a glove on your right hand. "
        "Take your time, and press any key when you are ready to go on.",
        "That is the end of the routine. Take a moment before you get up.",
    ]
    assert "Whenever you are ready, press any key to go on." in every_line(timeline, lead_in=0)
    assert spoken_lines(timeline, lead_in=0)[0].text == (
        "Gloves on. Put a glove on your right hand. "
        "Take your time; pause the player if you need longer."
    )
    sink = RecordingSink(FakeClock())
    clock = sink.clock
    Player(
        timeline, clock=clock, keys=ScriptedKeys(clock, [(3.0, Key.NEXT)]), sinks=[sink], lead_in=0
    ).play()
    snapshot = next(e.snapshot for _, e in sink.events if e.kind is EventKind.TICK)
    notice = "warning: sound: it went away"
    shown = layout(snapshot, now=datetime(2025, 1, 1), width=80, height=30, notice=notice)
    rows = [row.plain for row in shown]
    assert any("Take your time — press any key to go on" in row for row in rows)
    assert rows[1].strip() == "warning: sound: it went away"


def test_sounds_on_the_bell_spaces_the_rings() -> None:
    """The bell rings at once: `sounds` waits between cues so each can be told apart."""
    from facelift.output.audio import BellBackend
    from facelift.output.sound import BELL_SPACING, AudioSink, load_cues

    read, write = os.pipe()
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    sink = AudioSink([BellBackend(write)], load_cues(), monotonic=lambda: now[0], sleep=sleep)
    for cue in ("step", "switch", "rest"):
        sink.play_now(cue)
    os.close(write)
    assert os.read(read, 10) == b"\a\a\a"
    os.close(read)
    assert slept == [BELL_SPACING] * 3 and BELL_SPACING >= 1.0


def test_show_groups_the_steps_under_each_part() -> None:
    """`show` (and its printable page) puts a heading before each part's first item."""
    from facelift.output.describe import markdown
    from facelift.output.views import routine_page

    text = [line.strip() for line in routine_page(session_of_parts(), width=100).splitlines()]
    first, second = (
        text.index(f"Part {n} of 2: {t}") for n, t in ((1, FACE.title), (2, NECK.title))
    )
    jaw = next(i for i, line in enumerate(text) if line.startswith("1 0:00  Jaw"))
    assert first < jaw < second
    assert any(line.startswith("3 0:15  Change over") and "until a key" in line for line in text)
    page = markdown(session_of_parts())
    assert "| | | **Part 2 of 2: Neck, shoulders and scalp** | | | | |" in page
