"""The screens: the plain log's exact lines, and the live view's text at 80x24 and smaller."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime

import pyte
import pytest
from rich.console import Console

from facelift.format.routine import Rest, Routine, Sides, Step, StrokeCue
from facelift.output import mappanel
from facelift.output.plain import PlainLines, spoken_length
from facelift.output.screen import (
    LEGEND,
    SIDE_STYLES,
    LiveScreen,
    big_digits,
    countdown,
    render,
    window_title,
)
from facelift.play.clock import FakeClock
from facelift.play.player import Event, EventKind, Key, Outcome, Player, Sink, Snapshot
from facelift.play.timeline import Cue, CueKind, Timeline, compile_timeline

NOW = datetime(2026, 11, 24, 21, 44, 10)


class Keys:
    """Presses each key when the fake clock reaches its time (seconds after the start)."""

    def __init__(self, clock: FakeClock, presses: Sequence[tuple[float, Key]] = ()) -> None:
        self.clock = clock
        self.start = clock.now()
        self.presses = list(presses)

    def read(self, timeout: float) -> Key | None:
        if self.presses:
            at, key = self.presses[0]
            if self.start + at <= self.clock.now() + timeout:
                self.clock.advance(self.start + at - self.clock.now())
                self.presses.pop(0)
                return key
        self.clock.advance(timeout)
        return None


def play(
    timeline: Timeline,
    sinks: Sequence[Sink],
    presses: Sequence[tuple[float, Key]] = (),
    *,
    lead_in: float = 0,
    clock: FakeClock | None = None,
) -> Outcome:
    clock = clock or FakeClock()
    player = Player(timeline, clock=clock, keys=Keys(clock, presses), sinks=sinks, lead_in=lead_in)
    return player.play()


def evening() -> Timeline:
    """Counted strokes, a rest, a step with two sides and a step with two rounds."""
    return compile_timeline(
        Routine(
            name="evening",
            title="Evening face",
            items=(
                Step(
                    "Collarbone hollows",
                    6,
                    do="Rest your fingers in the hollows.",
                    pressure=1,
                    strokes=2,
                    tempo=3,
                    cue=StrokeCue.STROKES,
                ),
                Rest(4, note="Breathe out slowly."),
                Step("Jawline to ear", 5, do="Glide from chin to ear.", sides=Sides.LEFT_RIGHT),
                Step("Forehead", 4, do="Smooth up to the hairline.", repeat=2, pressure=2),
            ),
        )
    )


def jaw() -> Timeline:
    """Two steps: ten counted strokes a side, then a long one with a long instruction."""
    return compile_timeline(
        Routine(
            name="jaw",
            title="Deep Tissue Face",
            items=(
                Step("Warm the jaw", 60, area="Jaw", do="Circles.", pressure=3),
                Step(
                    "Jawline to ear",
                    30,
                    area="Along the jaw, chin to ear",
                    do=" ".join(["Knuckles under the chin, glide slowly up to the ear."] * 6),
                    strokes=10,
                    tempo=3,
                    cue=StrokeCue.STROKES,
                    sides=Sides.LEFT_RIGHT,
                    pressure=3,
                ),
                Rest(15, note="Hands down."),
                Step("Forehead", 45, repeat=3, pressure=2),
            ),
        )
    )


def log(timeline: Timeline, presses: Sequence[tuple[float, Key]], lead_in: float = 0) -> str:
    out = io.StringIO()
    play(timeline, [PlainLines(out)], presses, lead_in=lead_in)
    return out.getvalue()


# -- the plain log ---------------------------------------------------------------------------


def test_the_plain_log_of_a_short_session_reads_line_by_line() -> None:
    """Sides, a rest, a 10 s pause and a skip: one sentence a line, session time, no ticks;
    what goes on from the line above is indented."""
    text = log(evening(), [(4, Key.PAUSE), (14, Key.PAUSE), (20, Key.NEXT)], lead_in=3)
    assert text.splitlines() == [
        "[0:00] Get ready: starting in 3 s.",
        "[0:00] Step 1 of 3: Collarbone hollows, both sides, 6 s, 2 strokes, pressure 1 of 10.",
        "  Rest your fingers in the hollows.",
        "[0:01] Paused.",
        "[0:01] Resumed.",
        "[0:06] Rest for 4 s.",
        "  Breathe out slowly.",
        "[0:07] Skipped.",
        "[0:07] Step 2 of 3: Jawline to ear, left side, 5 s.",
        "  Glide from chin to ear.",
        "[0:12] Switch to the right side, 5 s.",
        "[0:17] Step 3 of 3: Forehead, both sides, 4 s, pressure 2 of 10, round 1 of 2.",
        "  Smooth up to the hairline.",
        "[0:21] Round 2 of 2, 4 s.",
        "[0:25] Completed Evening face: 0:25 played.",
    ]


def test_the_plain_log_says_each_key_and_the_stop() -> None:
    """+ on a side (saying what it added), mute twice, help (which pauses and lists the keys),
    back, quit: each a short sentence, time standing still while paused; no escape code."""
    presses = [
        (1, Key.MORE),
        (2, Key.MUTE),
        (3, Key.MUTE),
        (4, Key.HELP),
        (5, Key.BACK),
        (8, Key.QUIT),
    ]
    text = log(evening(), [(at + 10, key) for at, key in presses])  # during "Jawline to ear"
    assert text.splitlines()[-17:] == [
        "[0:11] +10 s: now 15 s for this side.",
        "[0:12] Sound off.",
        "[0:13] Sound on.",
        "[0:14] Paused.",
        "[0:14] Keys, while the session plays:",
        "  space: Pause; press it again to go on.",
        "  n or →: Skip to what comes next.",
        "  b or ←: Start this part again; press twice to go back one.",
        "  +: Add 10 seconds to this part.",
        "  -: Take 10 seconds off this part, down to 5 seconds left.",
        "  m: Turn the sound off, or on again.",
        "  q or Esc or Ctrl-C: Stop the session.",
        "  ?: Show or hide this help.",
        "[0:14] Back.",
        "[0:14] Step 2 of 3: Jawline to ear, left side, 5 s.",
        "  Glide from chin to ear.",
        "[0:14] Stopped Evening face after 0:14.",
    ]
    assert "\x1b" not in text


def test_the_plain_log_keeps_control_characters_out() -> None:
    """A title or instruction with escape codes in it is printed as words, its escape shown
    as `\\x1b`, never sent."""
    timeline = compile_timeline(
        Routine(
            name="x",
            title="Bad\x1b]0;owned\x07 title",
            items=(Step("Jaw\x1b[31m red", 2, do="Line one\nline\ttwo", pressure=1),),
        )
    )
    text = log(timeline, [])
    assert "\x1b" not in text and "\x07" not in text
    assert text.splitlines()[:2] == [
        "[0:00] Step 1 of 1: Jaw\\x1b[31m red, both sides, 2 s, pressure 1 of 10.",
        "  Line one line two",
    ]


def test_a_long_lead_in_is_announced_once() -> None:
    """A 5 s get-ready writes one line however many seconds it counts; skipping it starts step 1."""
    lines = log(evening(), [(3.5, Key.NEXT), (5, Key.QUIT)], lead_in=5).splitlines()
    assert lines == [
        "[0:00] Get ready: starting in 5 s.",
        "[0:00] Skipped.",
        "[0:00] Step 1 of 3: Collarbone hollows, both sides, 6 s, 2 strokes, pressure 1 of 10.",
        "  Rest your fingers in the hollows.",
        "[0:01] Stopped Evening face after 0:01.",
    ]


@pytest.mark.parametrize(
    ("seconds", "words"),
    [(45, "45 s"), (90, "1 min 30 s"), (120, "2 min"), (3900, "1 h 5 min"), (0, "0 s")],
)
def test_lengths_are_said_as_a_person_says_them(seconds: float, words: str) -> None:
    """Seconds, then minutes and seconds, without zero parts."""
    assert spoken_length(seconds) == words


# -- the live view, rendered -------------------------------------------------------------------


def snap(
    timeline: Timeline,
    index: int,
    elapsed: float,
    *,
    paused: bool = False,
    muted: bool = False,
    help: bool = False,
    lead_in: float = 0.0,
) -> Snapshot:
    """A snapshot at `elapsed` seconds into segment `index`, as if played without keys."""
    segment = timeline.segments[index]
    return Snapshot(
        timeline=timeline,
        index=index,
        seconds=segment.seconds,
        elapsed=elapsed,
        active=segment.start + elapsed,
        paused_total=0.0,
        paused=paused,
        muted=muted,
        help=help,
        lead_in=lead_in,
    )


def text_of(snapshot: Snapshot, width: int = 80, height: int = 24) -> list[str]:
    """The screen as a person sees it: the lines a width x height console shows."""
    console = Console(file=io.StringIO(), width=width, height=height, record=True)
    console.print(render(snapshot, now=NOW, width=width, height=height))
    return console.export_text().splitlines()


def test_a_playing_step_shows_its_side_stroke_pressure_and_what_comes_next() -> None:
    """Stroke 3 of 10 on the left side: all the words someone glancing over needs, and the
    whole instruction, however long."""
    timeline = jaw()
    screen = "\n".join(text_of(snap(timeline, 1, 7.5)))
    for words in (
        "Deep Tissue Face",
        "step 2 of 3",
        "Jawline to ear",
        "LEFT SIDE",
        "Along the jaw, chin to ear",
        "stroke 3 of 10",
        "pressure 3 of 10",
        "Next: right side · 30 s",
        LEGEND,
    ):
        assert words in screen
    words = " ".join(line.strip() for line in screen.splitlines() if line.strip())
    assert " ".join(["Knuckles under the chin, glide slowly up to the ear."] * 6) in words
    assert "…" not in screen


def test_the_footer_adds_up_time_played_time_left_and_the_end_on_the_wall_clock() -> None:
    """1:07.5 played and 3:22.5 to go at 21:44:10: it ends at 21:47 (the time left rounds up)."""
    timeline = jaw()
    snapshot = snap(timeline, 1, 7.5)
    left = snapshot.remaining_total
    assert left == 22.5 + 30 + 15 + 3 * 45
    screen = text_of(snapshot)
    assert "elapsed 1:07 · left 3:23 · ends 21:47" in screen[-3]
    later = text_of(snap(timeline, 4, 3.0))
    assert "elapsed 2:18 · left 2:12 · ends 21:46" in later[-3]


def test_every_state_fits_eighty_by_twenty_four() -> None:
    """Each line at most 80 columns and never more than 24 rows, whatever is shown."""
    timeline = jaw()
    states = [
        snap(timeline, 0, 0.0, lead_in=5.0),
        snap(timeline, 1, 7.5),
        snap(timeline, 1, 7.5, paused=True, muted=True),
        snap(timeline, 1, 7.5, help=True),
        snap(timeline, 3, 1.0),
        snap(timeline, len(timeline.segments) - 1, 44.5, help=True, muted=True, paused=True),
    ]
    for state in states:
        lines = text_of(state)
        assert len(lines) <= 24
        assert all(len(line) <= 80 for line in lines)


def test_a_breath_shows_no_side_and_no_pressure() -> None:
    """A step with no pressure (a breath) says only what applies: no side chip, no pressure
    line, and "both sides" in no next line nor plain log; its round is still shown."""
    breath = Step("Belly breathing", 8, do="Breathe in through the nose.", repeat=2)
    touch = Step("Collarbones", 6, do="Stretch the skin in.", pressure=1)
    timeline = compile_timeline(Routine(name="b", title="B", items=(touch, breath)))
    lead = "\n".join(text_of(snap(timeline, 1, 1.0)))
    assert "round 1 of 2" in lead
    assert "BOTH SIDES" not in lead and "pressure" not in lead
    ahead = "\n".join(text_of(snap(timeline, 0, 1.0)))
    assert "Next: Belly breathing · 8 s" in ahead and "pressure 1 of 10" in ahead
    assert (
        log(timeline, [])[:-1].splitlines()[2]
        == "[0:06] Step 2 of 2: Belly breathing, 8 s, round 1 of 2."
    )


def test_the_side_is_said_in_words_for_each_side() -> None:
    """Left, right and both hands read as words, not only as a colour."""
    timeline = jaw()
    assert any("BOTH SIDES" in line for line in text_of(snap(timeline, 0, 1.0)))
    assert any("LEFT SIDE" in line for line in text_of(snap(timeline, 1, 1.0)))
    assert any("RIGHT SIDE" in line for line in text_of(snap(timeline, 2, 1.0)))
    assert any("round 2 of 3" in line for line in text_of(snap(timeline, 5, 1.0)))


def test_the_countdown_is_drawn_large_and_rounded_up() -> None:
    """41.01 s left shows 0:42 in block digits; the last fraction of a second shows 0:01."""
    timeline = jaw()
    screen = text_of(snap(timeline, 0, 60 - 41.01))
    digits = big_digits("0:42")
    start = next(i for i, line in enumerate(screen) if digits[0] in line)
    assert [line.strip() for line in screen[start : start + 5]] == [d.strip() for d in digits]
    assert countdown(snap(timeline, 0, 59.8)) == "0:01"
    assert countdown(snap(timeline, 0, 18.0)) == "0:42"
    assert countdown(snap(timeline, 0, 60.0)) == "0:00"
    assert countdown(snap(timeline, 0, 0.0)) == "1:00"


def test_paused_shows_a_banner_with_the_key_to_go_on() -> None:
    """The person who looks up sees that time stands still and how to go on."""
    screen = "\n".join(text_of(snap(jaw(), 1, 7.5, paused=True)))
    assert "PAUSED — press space to go on" in screen


def test_the_lead_in_counts_down_and_shows_what_comes_first() -> None:
    """Get ready, the seconds left, the first step as what comes next."""
    screen = text_of(snap(jaw(), 0, 0.0, lead_in=4.2))
    whole = "\n".join(screen)
    assert "Get ready" in whole and "get ready" in screen[0]
    assert "Next: Warm the jaw · both sides · 1 min" in whole
    assert big_digits("0:05")[2].strip() in whole


def test_help_lists_every_key_in_place_of_the_instruction() -> None:
    """Each key with a sentence; the instruction gives way while help is shown."""
    timeline = jaw()
    screen = "\n".join(text_of(snap(timeline, 1, 7.5, help=True)))
    for key in ("space", "n  →", "b  ←", "+", "-", "m", "q  Esc  Ctrl-C", "?"):
        assert f"\n    {key} " in screen
    assert "Knuckles" not in screen
    assert "press ? to close this help" in screen


def test_mute_is_marked_in_the_top_line() -> None:
    """A small `muted` next to the step number."""
    assert "muted" in text_of(snap(jaw(), 1, 7.5, muted=True))[0]
    assert "muted" not in text_of(snap(jaw(), 1, 7.5))[0]


def test_a_rest_and_the_last_segment_say_so() -> None:
    """A rest shows `rest` and its note; the last step says it is the last (no `finish`)."""
    timeline = jaw()
    rest = text_of(snap(timeline, 3, 1.0))
    assert rest[0].rstrip().endswith("rest")
    assert any("Hands down." in line for line in rest)
    assert any("Next: Forehead · both sides · 45 s" in line for line in rest)
    last = text_of(snap(timeline, len(timeline.segments) - 1, 1.0))
    assert any(line.strip() == "Last step" for line in last)
    assert not any("Next" in line or "finish" in line for line in last)


def test_a_small_terminal_keeps_the_side_and_the_time() -> None:
    """At 50x16: no block digits, a plain 0:42, the side still in words, nothing cut off."""
    lines = text_of(snap(jaw(), 1, 0.5), width=50, height=16)
    screen = "\n".join(lines)
    assert "█" not in screen
    assert "LEFT SIDE" in screen and "0:30" in screen and "stroke" in screen
    assert len(lines) <= 16 and all(len(line) <= 50 for line in lines)
    tiny = text_of(snap(jaw(), 1, 8.0), width=30, height=5)
    assert len(tiny) <= 5 and any("0:22" in line for line in tiny)
    assert any("LEFT SIDE" in line for line in tiny)


def test_a_big_terminal_draws_bigger_digits() -> None:
    """At 120x45 the digits are twice the size and everything still fits."""
    lines = text_of(snap(jaw(), 0, 18.0), width=120, height=45)
    assert big_digits("0:42", scale=2)[0].strip() in "\n".join(lines)
    assert len(lines) <= 45


def test_the_window_title_names_the_time_left_and_the_step() -> None:
    """What the title bar says, from the same snapshot."""
    timeline = jaw()
    assert window_title(snap(timeline, 1, 7.5)) == "facelift · 3:23 left · Jawline to ear"
    assert window_title(snap(timeline, 0, 0.0, lead_in=5.0)) == "facelift · 4:35 left · Get ready"


# -- the live view, as a sink ------------------------------------------------------------------


def test_the_live_screen_plays_a_session_and_puts_the_title_back() -> None:
    """A whole session into a terminal console: alternate screen, titles, the last view."""
    out = io.StringIO()
    console = Console(file=out, width=80, height=24, force_terminal=True, color_system=None)
    clock = FakeClock()
    screen = LiveScreen(console, now=lambda: NOW, monotonic=clock.now)
    with screen:
        outcome = play(
            evening(), [screen], [(4, Key.PAUSE), (5, Key.PAUSE)], lead_in=3, clock=clock
        )
    assert outcome is Outcome.COMPLETED
    text = out.getvalue()
    assert text.startswith("\x1b[22;0t") and text.endswith("\x1b[23;0t")
    assert "\x1b[?1049h" in text and "\x1b[?1049l" in text  # the alternate screen, left again
    assert "\x1b]0;facelift · 0:30 left · Get ready\x07" in text
    assert "\x1b]0;facelift · 0:28 left · Collarbone hollows\x07" in text
    assert "\x1b]0;facelift · 0:04 left · Forehead\x07" in text
    assert "PAUSED — press space to go on" in text
    assert "RIGHT SIDE" in text
    assert screen.draws > 20


def test_the_live_screen_leaves_the_title_alone_off_a_terminal() -> None:
    """No title sequences when the console is not a terminal."""
    out = io.StringIO()
    console = Console(file=out, width=80, height=24, force_terminal=False)
    with LiveScreen(console, now=lambda: NOW) as screen:
        play(evening(), [screen], [(2, Key.QUIT)])
    assert "\x1b]0;" not in out.getvalue() and "\x1b[22;0t" not in out.getvalue()


class DrawCounter:
    """Counts draws: the LiveScreen without a Live, on a hand-moved monotonic clock."""

    def __init__(self) -> None:
        self.time = 0.0
        self.screen = LiveScreen(
            Console(file=io.StringIO(), force_terminal=False),
            now=lambda: NOW,
            monotonic=lambda: self.time,
        )

    def send(self, kind: EventKind, snapshot: Snapshot, cue: Cue | None = None) -> int:
        before = self.screen.draws
        self.screen.handle(Event(kind, snapshot, cue))
        return self.screen.draws - before


def test_redraws_are_limited_but_never_hide_a_change() -> None:
    """Ticks and strokes within 0.12 s of a draw are skipped when they would show nothing new."""
    timeline, rec = jaw(), DrawCounter()
    now = snap(timeline, 1, 6.0)
    assert rec.send(EventKind.TICK, now) == 1
    rec.time = 0.05
    assert rec.send(EventKind.CUE, now, Cue(6.0, CueKind.STROKE, 3)) == 0
    assert rec.send(EventKind.TICK, now) == 0
    assert rec.send(EventKind.PAUSE, snap(timeline, 1, 6.0, paused=True)) == 1
    rec.time = 0.08
    assert rec.send(EventKind.TICK, snap(timeline, 1, 7.0)) == 1  # a new second: drawn
    rec.time = 0.5
    assert rec.send(EventKind.TICK, snap(timeline, 1, 7.0)) == 1
    assert rec.send(EventKind.CUE, now, Cue(27.0, CueKind.COUNT, 3)) == 1


# -- only what applies, never a cut instruction ------------------------------------------------

SIZES = [(40, 12), (60, 20), (80, 24), (100, 30), (200, 60)]


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_instruction_is_never_cut_at_any_size(width: int, height: int) -> None:
    """The whole instruction, or one line asking for a bigger window: never a part of it.
    Decorations (big digits, bars, the legend, blank rows) go first."""
    from facelift.base.resources import builtin_routines_dir
    from facelift.format.loader import load_routine

    routine = load_routine(builtin_routines_dir() / "neck-shoulder-scalp.yaml")
    timeline = compile_timeline(routine)
    for index, segment in enumerate(timeline.segments):
        item = segment.item
        text = " ".join((item.do if isinstance(item, Step) else item.note).split())
        snapshot = snap(timeline, index, 1.0)
        screen = text_of(snapshot, width, height)
        if mappanel.column(snapshot, width, height, SIDE_STYLES):  # read beside the map
            screen = [line[: width - mappanel.COLUMN] for line in screen]
        words = " ".join(line.strip() for line in screen if line.strip())
        asks = sum("enlarge the window" in line for line in screen)
        first_words = " ".join(text.split()[:4])
        if asks:  # too small: one line says so, and no part of the instruction shows
            assert asks == 1 and first_words not in words, (index, screen)
        else:
            assert text in words, (index, screen)


def test_a_window_too_small_for_the_instruction_says_so_on_one_line() -> None:
    """At 50x6 the time, and in place of the instruction a line that asks for room."""
    screen = text_of(snap(jaw(), 1, 8.0), width=50, height=6)
    assert sum("enlarge the window to read the instruction" in line for line in screen) == 1
    assert any("0:22" in line for line in screen)
    assert not any("Knuckles" in line for line in screen)


def breathing() -> Timeline:
    """A breathing step counted in breaths, then a step in three rounds with round cues."""
    return compile_timeline(
        Routine(
            name="calm",
            title="Calm",
            items=(
                Step(
                    "Belly breathing",
                    40,
                    do="Breathe in slowly.",
                    strokes=5,
                    tempo=8,
                    cue=StrokeCue.STROKES,
                    pressure=1,
                ),
                Step(
                    "Brows",
                    10,
                    do="Press along the brows.",
                    repeat=3,
                    round_cues=("Inner brow.", "Middle of the brow.", "Outer brow."),
                ),
            ),
        )
    )


def test_a_breathing_step_shows_no_side_no_strokes_and_no_pressure() -> None:
    """Breaths are counted as breaths; no BOTH SIDES, no strokes, no pressure."""
    screen = "\n".join(text_of(snap(breathing(), 0, 9.0)))
    assert "breath 2 of 5" in screen
    for absent in ("BOTH SIDES", "stroke", "pressure", "feather"):
        assert absent not in screen
    lead = "\n".join(text_of(snap(breathing(), 0, 0.0, lead_in=3.0)))
    assert "5 breaths" in lead and "Next: Belly breathing · 40 s" in lead


def test_a_round_says_where_the_hands_go_next() -> None:
    """The routine's round cue stands in for `round 2 of 3`; the last round says it is last."""
    timeline = breathing()
    first = "\n".join(text_of(snap(timeline, 1, 1.0)))
    assert "Next: Middle of the brow · 10 s" in first
    assert "round 1 of 3" in first
    last = [line.strip() for line in text_of(snap(timeline, 3, 1.0))]
    assert "Last step" in last


def test_plus_and_minus_are_confirmed_on_the_screen_for_a_moment() -> None:
    """`+10 s` shows after +, for 1.5 s; a - that cannot shorten says so."""
    out = io.StringIO()
    console = Console(file=out, width=80, height=24, force_terminal=True, color_system=None)
    clock = FakeClock()
    screen = LiveScreen(console, now=lambda: NOW, monotonic=clock.now)
    with screen:
        play(evening(), [screen], [(1, Key.MORE), (14.5, Key.LESS), (16.5, Key.QUIT)], clock=clock)
    text = out.getvalue()
    assert "+10 s" in text and "as short as it goes" in text


def test_the_end_time_moves_on_while_paused() -> None:
    """Paused for two minutes: the screen is drawn again with the later end time."""
    out = io.StringIO()
    console = Console(file=out, width=80, height=24, force_terminal=True, color_system=None)
    clock = FakeClock()
    times = iter(NOW.replace(minute=44 + minute // 60) for minute in range(10_000))
    screen = LiveScreen(console, now=lambda: next(times), monotonic=clock.now)
    with screen:
        play(evening(), [screen], [(1, Key.PAUSE), (130, Key.QUIT)], clock=clock)
    terminal = pyte.Screen(80, 24)  # only the changed cells are sent: read what it shows
    pyte.Stream(terminal).feed(out.getvalue())
    shown = "\n".join(terminal.display)
    assert "ends 21:44" in out.getvalue() and "ends 21:46" in shown  # the last whole minute


def test_plain_lines_say_the_round_cue_and_no_side_for_breathing() -> None:
    """A breathing step: breaths, no side, no pressure; a round: where the hands go."""
    lines = log(breathing(), [])
    assert "[0:00] Step 1 of 2: Belly breathing, 40 s, 5 breaths.\n" in lines
    assert "[0:40] Step 2 of 2: Brows, 10 s, Inner brow.\n" in lines
    assert "[0:50] Middle of the brow, 10 s.\n" in lines


def test_plain_lines_wrap_at_word_boundaries_to_the_width() -> None:
    """At 40 columns no word is broken and what goes on is indented under its line."""
    out = io.StringIO()
    play(jaw(), [PlainLines(out, width=40)], [(62, Key.QUIT)])
    lines = out.getvalue().splitlines()
    assert all(len(line) < 40 for line in lines)
    assert "  Knuckles under the chin, glide slowly" in lines
    assert "    up to the ear." in lines
