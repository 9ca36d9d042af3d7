"""`facelift render`: the file is decoded and every cue is found on its planned sample, the
voice where it belongs, the chapters in the MP3, and the level."""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import pytest

from facelift.format.library import Library
from facelift.output.spoken import CLOSING, intro_lines
from facelift.play.timeline import compile_timeline

from .conftest import Cli, WriteRoutine
from .loudness import integrated_loudness
from .rendering import (
    CUE_ROUTINE,
    RATE,
    VOICE_ROUTINE,
    best_lag,
    decoded,
    install_fake_voice,
    match,
    read_mp3,
    said_for,
    template,
    timeline_of,
    tone,
)


@pytest.fixture
def fake_voice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A speech engine that says each line as a tone; the log of what it was asked."""
    return install_fake_voice(tmp_path, monkeypatch)


@pytest.mark.slow  # seconds of CPU: a whole render, measured sample by sample
def test_every_cue_sounds_on_its_planned_sample(
    cli: Cli, write_routine: WriteRoutine, tmp_path: Path
) -> None:
    """Each cue of the timeline (and the count-in's pips) is found within 2 ms of its time:
    the bell of each step, the two notes of a switch and of a round, each stroke's tick,
    each last-seconds pip, the rest's bell and the finish."""
    routine = write_routine(CUE_ROUTINE)
    out = tmp_path / "cues.wav"
    result = cli("render", str(routine), "-o", str(out), "--no-voice", "--lead-in", "5")
    assert (result.code, result.err) == (0, "")
    samples = decoded(out)
    planned = [(5.0 - n, "count") for n in (3, 2, 1)]
    planned += [
        (5.0 + t, cue.kind.sound)
        for t, cue in timeline_of(routine).cues()
        if cue.kind.sound is not None
    ]
    kinds = {kind for _, kind in planned}
    assert kinds == {"step", "switch", "stroke", "count", "rest", "finish"}
    reach = round(0.01 * RATE)
    for seconds, kind in planned:
        shape, at = template(kind), round(seconds * RATE)
        lag = best_lag(samples, shape, at, reach)
        assert abs(lag) <= 0.002 * RATE, f"{kind} at {seconds} s is {lag / RATE * 1000:.1f} ms off"
        assert match(samples, shape, at + lag) > 0.99, f"no {kind} at {seconds} s"


def test_nothing_sounds_but_the_planned_cues(
    cli: Cli, write_routine: WriteRoutine, tmp_path: Path
) -> None:
    """Between the cues the file is silent: every sound begins at a planned cue."""
    routine = write_routine(CUE_ROUTINE)
    out = tmp_path / "cues.wav"
    cli("render", str(routine), "-o", str(out), "--no-voice", "--lead-in", "0")
    samples = decoded(out)
    onsets, quiet = [], RATE  # silence before the file begins
    for index, value in enumerate(samples):
        if value and quiet >= 0.01 * RATE:
            onsets.append(index)
        quiet = 0 if value else quiet + 1
    starts = sorted({round(t * RATE) for t, cue in timeline_of(routine).cues() if cue.kind.sound})
    assert len(onsets) == len(starts)
    assert all(
        0 <= onset - start <= 0.002 * RATE for onset, start in zip(onsets, starts, strict=True)
    )


def test_the_voice_speaks_each_line_once_after_its_cue(
    cli: Cli, write_routine: WriteRoutine, tmp_path: Path, fake_voice: Path
) -> None:
    """With a speech engine the voice is on by default: the title and length come first, then
    the count-in; each distinct line is rendered once (the switch is said twice), and heard
    just after its cue's sound has rung (the cue sound's length and 0.2 s)."""
    routine = write_routine(VOICE_ROUTINE)
    out = tmp_path / "voice.wav"
    result = cli("render", str(routine), "-o", str(out), "--lead-in", "5")
    assert result.code == 0
    intro = "Voice check. One minute two."
    origin = 0.5 + said_for(intro) + 1.5 + 5.0  # the title, a pause, the count-in
    assert result.out.startswith(f"Wrote {out} (1:1")  # about 1:16 with this fake voice
    assert result.out.endswith(", 4 chapters, voice: espeak-ng)\n")
    assert sorted(fake_voice.read_text().splitlines()) == sorted(
        [
            intro,
            "Get ready.",
            "Left side. Jaw circles. Twenty seconds.",
            "Switch sides. Right side.",
            "Next: Rest.",
            "Rest. Ten seconds. Shake out your hands.",
            "Left side. Temples. Six seconds.",
            CLOSING,
        ]
    )  # rendered side by side, so in any order; the file has them in order
    samples = decoded(out)
    ring = {name: len(template(name, 10)) / RATE for name in ("step", "switch", "rest", "finish")}
    heard = [
        (0.5, intro),
        (origin - 5.0, "Get ready."),
        (origin + ring["step"] + 0.2, "Left side. Jaw circles. Twenty seconds."),
        (origin + 20.0 + ring["switch"] + 0.2, "Switch sides. Right side."),
        (origin + 40.0 - 8.0, "Next: Rest."),
        (origin + 40.0 + ring["rest"] + 0.2, "Rest. Ten seconds. Shake out your hands."),
        (origin + 50.0 + ring["step"] + 0.2, "Left side. Temples. Six seconds."),
        (origin + 56.0 + ring["switch"] + 0.2, "Switch sides. Right side."),  # made once
        (origin + 62.0 + ring["finish"] + 0.2, "That is the end of the routine."),
    ]
    for seconds, text in heard:
        at = round(seconds * RATE)
        assert not any(samples[max(0, at - 200) : at]), f"something sounds before {text!r}"
        assert samples[at] > 1000 and match(samples, tone(0.01), at) > 0.99, f"no {text!r}"


def test_a_line_waits_for_the_one_before_it(
    cli: Cli, write_routine: WriteRoutine, tmp_path: Path, fake_voice: Path
) -> None:
    """Steps shorter than their words: a line that would talk over the one before waits until
    that one has ended (and a breath), while the next step's bell rings on its own sample."""
    routine = write_routine("""
        facelift: 1
        title: Quick
        steps:
          - title: The first step has a title far too long to say in one second
            duration: 1s
          - title: The second one
            duration: 2s
    """)
    out = tmp_path / "quick.wav"
    assert cli("render", str(routine), "-o", str(out), "--lead-in", "0").code == 0
    samples = decoded(out)
    bell = len(template("step", 10)) / RATE
    origin = 0.5 + said_for("Quick. Three seconds.") + 1.5  # the title is said first
    first = "The first step has a title far too long to say in one second. One second."
    first_ends = origin + bell + 0.2 + said_for(first)
    second_due = origin + 1.0 + bell + 0.2
    assert first_ends > second_due  # it would have run into the first line
    waited = round((first_ends + 0.2) * RATE)
    assert not any(samples[round(first_ends * RATE) + 1 : waited])
    assert match(samples, tone(0.01), waited) > 0.99
    step_two = round((origin + 1.0) * RATE)
    assert match(samples, template("step"), step_two) > 0.99  # step 2's bell, 1.0 s in


@pytest.mark.slow  # seconds of CPU: a whole render, measured sample by sample
def test_a_routine_that_asks_for_consent_reads_its_safety_notes_first(
    cli: Cli, tmp_path: Path, fake_voice: Path, home: Path
) -> None:
    """Nobody is asked anything: the safety notes are said one after another before the
    title and the preparation, then the count-in, and the file's first chapter is theirs."""
    out = tmp_path / "buccal.wav"
    chapters = tmp_path / "chapters.txt"
    result = cli("render", "buccal", "-o", str(out), "--minutes", "2", "--chapters", str(chapters))
    assert result.code == 0
    buccal = Library.default().open("buccal")
    intro = intro_lines(compile_timeline(buccal, minutes=2))
    opening = ["Before you begin, the safety notes.", *buccal.safety, *intro]
    spoken = fake_voice.read_text().splitlines()  # rendered side by side: in any order
    assert all(spoken.count(text) == 1 for text in opening)
    samples, at = decoded(out), 0.5
    for text in opening:
        assert match(samples, tone(0.01), round(at * RATE)) > 0.99, f"no {text!r} at {at:.2f} s"
        at += said_for(text) + 0.8
    first_step = at - 0.8 + 1.5 + 5.0  # a pause after the notes, then the count-in
    assert match(samples, template("step"), round(first_step * RATE)) > 0.99
    assert chapters.read_text().splitlines()[:2] == [
        "0:00 Safety notes",
        f"{int(first_step) // 60}:{int(first_step) % 60:02d} 1. Get ready",
    ]


def test_the_mp3_has_a_title_and_a_chapter_per_step_and_rest(cli: Cli, tmp_path: Path) -> None:
    """ID3 title, a table of contents and one CHAP frame per step and rest, at their times;
    the encoder wrote a whole file of frames."""
    out = tmp_path / "lymphatic.mp3"
    result = cli("render", "lymphatic", "-o", str(out), "--no-voice", "--lead-in", "5")
    assert result.code == 0
    tags, info = read_mp3(out)
    assert tags["TIT2"].text == ["Lymphatic Drainage"]
    chapters = sorted(tags.getall("CHAP"), key=lambda frame: frame.start_time)
    (toc,) = tags.getall("CTOC")
    assert toc.child_element_ids == [frame.element_id for frame in chapters]
    timeline = compile_timeline(Library.default().open("lymphatic"))
    firsts = {s.item_index: s for s in reversed(timeline.segments)}
    expected = [(0, "Get ready")] + [
        (round((5 + s.start) * 1000), "Rest" if s.is_rest else f"{s.step_number}. {s.title}")
        for _, s in sorted(firsts.items())
    ]
    assert [(c.start_time, c.sub_frames["TIT2"].text[0]) for c in chapters] == expected
    assert all(a.end_time == b.start_time for a, b in itertools.pairwise(chapters))
    assert (info.sample_rate, info.channels) == (RATE, 1)
    assert abs(info.length - chapters[-1].end_time / 1000) < 0.1


def test_chapters_as_plain_text(cli: Cli, write_routine: WriteRoutine, tmp_path: Path) -> None:
    """--chapters writes one `m:ss title` line per chapter, for any format."""
    routine = write_routine(CUE_ROUTINE)
    text = tmp_path / "chapters.txt"
    out = tmp_path / "cues.wav"
    result = cli("render", str(routine), "-o", str(out), "--no-voice", "--chapters", str(text))
    assert result.code == 0
    assert (
        text.read_text()
        == "0:00 Get ready\n0:05 1. Plain\n0:11 2. Sides\n0:27 Rest\n0:32 3. Rounds\n"
    )


@pytest.mark.slow  # seconds of CPU: a whole render, measured sample by sample
def test_the_level_is_a_podcasts_and_nothing_clips(
    cli: Cli, write_routine: WriteRoutine, tmp_path: Path, fake_voice: Path
) -> None:
    """Measured with the full BS.1770 meter: about -16 LUFS with or without the voice, no
    sample above -1 dBFS; --volume 50 is a quarter of the amplitude."""
    routine = write_routine(VOICE_ROUTINE)
    for args in (["--no-voice"], []):
        out = tmp_path / f"level{len(args)}.wav"
        assert cli("render", str(routine), "-o", str(out), "--minutes", "0.5", *args).code == 0
        samples = decoded(out)
        assert integrated_loudness(samples, RATE) == pytest.approx(-16, abs=1.0)
        assert max(max(samples), -min(samples)) <= 10 ** (-1 / 20) * 32768
    softer = tmp_path / "softer.wav"
    assert (
        cli("render", str(routine), "-o", str(softer), "--minutes", "0.5", "--volume", "50").code
        == 0
    )
    full, half = decoded(tmp_path / "level0.wav"), decoded(softer)
    energy = sum(v * v for v in half) / sum(v * v for v in full)
    assert math.sqrt(energy) == pytest.approx(0.25, abs=0.005)
