"""The parts of `render`, each alone: the spoken lines (the same as the live voice's), the
mixer, the levels, the soundtrack's rules for speech, and the progress bar."""

from __future__ import annotations

import array
import io
import math

import pytest

from facelift.format.routine import Rest, Routine, Sides
from facelift.format.wav import Sound
from facelift.output import levels, soundtrack
from facelift.output.bar import Bar
from facelift.output.mixdown import Placement, mix
from facelift.output.spoken import SpokenLine, event_line, opening_lines, spoken_lines
from facelift.play.clock import FakeClock
from facelift.play.player import Event, EventKind, Player
from facelift.play.timeline import CueKind, compile_timeline

from .fakes import ScriptedKeys, counted, routine, step

RATE = levels.MIX_RATE


def samples(*values: int) -> array.array[int]:
    return array.array("h", values)


def pcm(chunks: list[bytes]) -> list[int]:
    joined = array.array("h", b"".join(chunks))
    return list(joined)


# -- what is said -------------------------------------------------------------------------------


def test_the_spoken_lines_are_what_the_live_voice_says_and_when() -> None:
    """One mapping for both: played live on a fake clock, the voice says the same lines at
    the same times (from the start of step 1) as `spoken_lines` lists."""
    timeline = compile_timeline(
        routine(
            step("Masseter circles", 40, sides=Sides.LEFT_RIGHT),
            Rest(15, note="Shake out your hands."),
            counted("Temples", 6, repeat=2),
        )
    )
    clock = FakeClock()
    started = clock.now() + 5.0  # when step 1 begins, after the count-in
    heard: list[tuple[float, str]] = []

    class Listener:
        def handle(self, event: Event) -> None:
            line = event_line(event)
            said_ready = any(text.endswith("Get ready.") for _, text in heard)
            if line and not (event.kind is EventKind.LEAD_IN and said_ready):
                heard.append((round(clock.now() - started, 6), line))

    keys = ScriptedKeys(clock)
    Player(timeline, clock=clock, keys=keys, sinks=[Listener()], lead_in=5).play()
    lines = spoken_lines(timeline, lead_in=5)
    assert [(round(line.at, 6), line.text) for line in lines] == heard
    assert heard[0] == (-5.0, "Get ready.")  # the title was said before the count-in
    assert [line.cue for line in lines][-2:] == [CueKind.ROUND, CueKind.FINISH]


def test_a_short_count_in_has_no_get_ready_line() -> None:
    """Two seconds are too few to say "Get ready.": the first line is the first step's."""
    timeline = compile_timeline(routine(step("A", 10)))
    assert spoken_lines(timeline, lead_in=2)[0].text == "A. Ten seconds."


def test_safety_notes_are_said_first_only_where_consent_is_asked() -> None:
    """Only a routine that would ask for consent has its notes read out before the count-in."""
    asks = Routine("r", "R", (), safety=("Not after surgery.",), confirm=True)
    tells = Routine("r", "R", (), safety=("Not after surgery.",))
    assert opening_lines(asks) == ["Before you begin, the safety notes.", "Not after surgery."]
    assert opening_lines(tells) == []


# -- the mixer ----------------------------------------------------------------------------------


def test_a_sound_lands_on_its_sample_whatever_the_chunk_size() -> None:
    """A chunk boundary never moves a sound: every chunk size gives the same samples."""
    placed = [Placement(3, samples(100, 200, 300)), Placement(9, samples(7))]
    expected = [0, 0, 0, 100, 200, 300, 0, 0, 0, 7, 0, 0]
    for chunk in (1, 2, 5, 100):
        pieces = list(mix(placed, 12, chunk=chunk))
        assert pcm(pieces) == expected
        assert len(pieces) == math.ceil(12 / chunk)


def test_overlapping_sounds_add_and_a_sound_past_the_end_is_cut() -> None:
    """Where sounds overlap their samples add up; the file ends where it says."""
    placed = [Placement(0, samples(10, 10, 10, 10)), Placement(2, samples(1, 2, 3, 4, 5))]
    assert pcm(list(mix(placed, 6, chunk=4))) == [10, 10, 11, 12, 3, 4]


def test_a_sum_past_the_ceiling_is_bent_under_it_not_clipped() -> None:
    """Two loud sounds at once stay under the ceiling, rounded off smoothly."""
    loud = samples(20000, -20000, 5000)
    out = pcm(list(mix([Placement(0, loud), Placement(0, loud)], 3, chunk=3, top=29000)))
    assert max(abs(value) for value in out) <= 29000
    assert out[0] > 27000 and out[1] == -out[0]  # both peaks rounded off alike
    assert out[2] == 10000  # below the knee: the plain sum


# -- levels -------------------------------------------------------------------------------------


def sound(values: list[int], rate: int, channels: int = 1) -> Sound:
    return Sound(array.array("h", values).tobytes(), rate, channels)


def test_sounds_are_brought_to_one_rate_in_mono() -> None:
    """Cue sounds of any rate and channel count are mixed as mono at the mix rate."""
    assert list(levels.mono(sound([10, 20, 30, 50], 44100))) == [15, 40]  # pairs averaged
    assert list(levels.mono(sound([10, 30, -10, -30], RATE, 2))) == [20, -20]  # channels
    assert list(levels.mono(sound([0, 100, 50], 11025))) == [0, 50, 100, 75, 50, 50]
    assert len(levels.mono(sound([0] * 48000, 48000))) == pytest.approx(RATE, abs=2)


def test_the_gain_table_scales_and_rounds_off_what_would_pass_the_ceiling() -> None:
    """A gain is a table: exact below the knee, bent (never clipped or folded) above it."""
    half = levels.shaper(0.5, -1.0)
    assert (half[1000], half[-1000], half[0]) == (500, -500, 0)
    loud = levels.shaper(4.0, -1.0)
    ceiling = 10 ** (-1 / 20) * 32768
    assert max(loud) <= ceiling and min(loud) >= -ceiling
    assert loud[1000] == 4000  # below the knee, still the plain product
    assert loud[20000] > loud[10000] > loud[5000]  # bent, never flat or folded back


def sine(seconds: float, peak: float) -> array.array[int]:
    count = round(seconds * RATE)
    return array.array(
        "h", (round(peak * 32767 * math.sin(2 * math.pi * 440 * i / RATE)) for i in range(count))
    )


def test_loudness_is_the_gated_mean_square() -> None:
    """A sine at -20 dBFS peak is -23 dB; however much silence is around it, the same."""
    tone = sine(2.0, 0.1)
    assert levels.loudness(levels.energies(tone)) == pytest.approx(-23.0, abs=0.1)

    def amid(seconds: float) -> float:
        quiet = array.array("h", bytes(2 * round(seconds * RATE)))
        return levels.loudness(levels.energies(quiet + tone + quiet))

    assert amid(1.0) == pytest.approx(amid(30.0), abs=0.01)
    assert levels.loudness(levels.energies(array.array("h", bytes(2000)))) == -math.inf


def test_balance_puts_each_sound_at_its_level_and_the_mix_at_the_target() -> None:
    """A loud voice and a soft bell: the voice 6 dB over the bell, the whole at -16."""
    blocks = {"voice": levels.energies(sine(2.0, 0.9)), "bell": levels.energies(sine(1.0, 0.01))}
    groups = {"voice": "voice", "bell": "bell"}
    placed = [(0, "bell"), (3 * RATE, "voice"), (6 * RATE, "bell")]
    gains = levels.balance(blocks, groups, {"voice": -16.0, "bell": -22.0}, placed, target=-16.0)
    voice = levels.loudness([e * gains["voice"] ** 2 for e in blocks["voice"]])
    bell = levels.loudness([e * gains["bell"] ** 2 for e in blocks["bell"]])
    assert voice - bell == pytest.approx(6.0, abs=0.1)
    grid = [0.0] * 100
    for start, key in placed:
        for offset, energy in enumerate(blocks[key]):
            grid[start // levels.BLOCK + offset] += energy * gains[key] ** 2
    assert levels.loudness(grid) == pytest.approx(-16.0, abs=0.1)


# -- the soundtrack -------------------------------------------------------------------------------

BELL = {
    name: array.array("h", [1000] * (RATE // 2))
    for name in ("step", "switch", "stroke", "count", "rest", "finish")
}


def quiet(seconds: float) -> array.array[int]:
    return array.array("h", [500] * round(seconds * RATE))


def test_a_next_line_that_cannot_end_before_the_next_step_is_left_out() -> None:
    """ "Next: ..." is only worth saying while it is still ahead; the other lines wait."""
    timeline = compile_timeline(routine(step("A", 20), step("B", 20)))
    lines = [
        SpokenLine(0.0, "A long first line.", CueKind.STEP),
        SpokenLine(12.0, "Next: B.", CueKind.PREVIEW),
        SpokenLine(20.0, "B.", CueKind.STEP),
    ]
    speech = {"A long first line.": quiet(19.0), "Next: B.": quiet(1.0), "B.": quiet(1.0)}
    track = soundtrack.plan(timeline, lead_in=0, cues=BELL, lines=lines, speech=speech)
    assert [(round(said.start, 3), said.text) for said in track.said] == [
        (0.7, "A long first line."),  # after the half-second bell and a breath
        (20.7, "B."),  # "Next: B." would have begun at 19.9 and run into B
    ]


def test_a_chapter_for_each_step_and_rest_not_each_side_or_round() -> None:
    """Sides and rounds stay inside their step's chapter; the last chapter ends with the file."""
    timeline = compile_timeline(
        routine(step("A", 5, sides=Sides.LEFT_RIGHT, repeat=2), Rest(5), step("B", 5))
    )
    track = soundtrack.plan(timeline, lead_in=3, cues=BELL)
    assert [(c.start, c.title) for c in track.chapters] == [
        (0.0, "Get ready"),
        (3.0, "1. A"),
        (23.0, "Rest"),
        (28.0, "2. B"),
    ]
    assert track.chapters[-1].end == track.seconds


# -- the progress bar -----------------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_shows_only_on_a_terminal_and_only_after_a_second() -> None:
    """Quick work and a pipe show nothing; a long render on a terminal shows a bar, then wipes."""
    now = [0.0]
    screen = Terminal()
    bar = Bar(screen, monotonic=lambda: now[0])
    bar.update("Writing", 1, 10)
    assert screen.getvalue() == ""  # quick work shows nothing
    now[0] = 1.5
    bar.update("Writing", 5, 10)
    assert screen.getvalue() == "\rWriting   [" + "#" * 15 + "-" * 15 + "]  50%"
    bar.close()
    assert screen.getvalue().endswith("\r" + " " * 50 + "\r")
    piped = io.StringIO()
    late = Bar(piped, monotonic=lambda: now[0])
    now[0] = 10.0
    late.update("Writing", 5, 10)
    late.close()
    assert piped.getvalue() == ""
