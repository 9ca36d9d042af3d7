"""`facelift render`: the file is decoded and every cue is found on its planned sample, the
voice where it belongs, the chapters in the MP3, and each bad request refused whole."""

from __future__ import annotations

import array
import importlib
import itertools
import math
import os
import shutil
import stat
import subprocess
import sys
import wave
from pathlib import Path
from typing import Any

import pytest

from facelift import levels
from facelift.library import Library
from facelift.resources import sounds_dir
from facelift.timeline import Timeline, compile_timeline
from facelift.wav import read_wav

from .conftest import Cli, WriteRoutine
from .loudness import integrated_loudness

RATE = levels.MIX_RATE
TONE_HZ = 1234  # the fake voice's tone, unlike any cue

CUE_ROUTINE = """
facelift: 1
title: Cue check
steps:
  - title: Plain
    duration: 6s
  - title: Sides
    sides: left-right
    strokes: 4
    tempo: 2s
    cue: strokes
  - rest: 5s
  - title: Rounds
    duration: 5s
    repeat: 2
"""

VOICE_ROUTINE = """
facelift: 1
title: Voice check
steps:
  - title: Jaw circles
    duration: 20s
    sides: left-right
  - rest: 10s
    note: Shake out your hands.
  - title: Temples
    duration: 6s
    sides: left-right
"""

FAKE_SPEECH = """#!{python}
import math, os, struct, sys, wave
text = sys.stdin.read()
with open(os.environ["FAKE_SPEECH_LOG"], "a", encoding="utf-8") as log:
    log.write(text + "\\n")
out = sys.argv[sys.argv.index("-w") + 1]
count = int(22050 * (0.3 + 0.01 * len(text)))
frames = b"".join(struct.pack("<h", round(12000 * math.cos(2 * math.pi * {hz} * i / 22050)))
                  for i in range(count))
with wave.open(out, "wb") as sound:
    sound.setnchannels(1)
    sound.setsampwidth(2)
    sound.setframerate(22050)
    sound.writeframes(frames)
"""


@pytest.fixture
def fake_voice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An `espeak-ng` first on PATH that says any text as a steady tone (0.3 s and 10 ms a
    character, starting at full height) and logs it; returns the log."""
    folder = tmp_path / "bin"
    folder.mkdir()
    program = folder / "espeak-ng"
    program.write_text(FAKE_SPEECH.format(python=sys.executable, hz=TONE_HZ))
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    log = tmp_path / "spoken.log"
    log.touch()
    monkeypatch.setenv("FAKE_SPEECH_LOG", str(log))
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return log


@pytest.fixture
def no_programs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A PATH with no speech engine and no encoder program on it."""
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def decoded(path: Path) -> array.array[int]:
    with wave.open(str(path), "rb") as sound:
        assert (sound.getnchannels(), sound.getsampwidth(), sound.getframerate()) == (1, 2, RATE)
        samples = array.array("h", sound.readframes(sound.getnframes()))
    if sys.byteorder == "big":
        samples.byteswap()
    return samples


def timeline_of(path: Path) -> Timeline:
    return compile_timeline(Library.default().open(str(path)))


def template(name: str, seconds: float = 0.01) -> array.array[int]:
    """The first moments of a cue sound, as the render resamples it."""
    return levels.mono(read_wav(sounds_dir() / f"{name}.wav"))[: round(seconds * RATE)]


def match(samples: array.array[int], shape: array.array[int], at: int) -> float:
    """How alike (normalised correlation, 1.0 = the same up to loudness) `samples` from
    `at` on and `shape` are."""
    here = samples[at : at + len(shape)]
    dot = sum(map(float.__mul__, map(float, here), map(float, shape)))
    norms = math.sqrt(sum(v * v for v in here) * sum(v * v for v in shape))
    return dot / norms if norms else 0.0


def best_lag(samples: array.array[int], shape: array.array[int], at: int, reach: int) -> int:
    """The shift from `at` (within +-reach samples) where `shape` fits `samples` best."""
    return max(range(-reach, reach + 1), key=lambda lag: match(samples, shape, at + lag))


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
    planned += [(5.0 + t, cue.kind.sound) for t, cue in timeline_of(routine).cues()
                if cue.kind.sound is not None]  # fmt: skip
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
    """With a speech engine the voice is on by default: each distinct line is rendered once
    (the switch is said twice), and heard just after its cue's sound has rung (the cue
    sound's length and 0.2 s)."""
    routine = write_routine(VOICE_ROUTINE)
    out = tmp_path / "voice.wav"
    result = cli("render", str(routine), "-o", str(out), "--lead-in", "5")
    assert result.code == 0
    assert result.out == f"Wrote {out} (1:13, 4 chapters, voice: espeak-ng)\n"
    assert sorted(fake_voice.read_text().splitlines()) == sorted(
        [
            "Voice check. Get ready.",
            "Left side. Jaw circles. Twenty seconds.",
            "Switch sides. Right side.",
            "Next: Rest.",
            "Rest. Ten seconds. Shake out your hands.",
            "Left side. Temples. Six seconds.",
            "That is the end of the routine. Take a moment before you get up.",
        ]
    )  # rendered side by side, so in any order; the file has them in order
    samples = decoded(out)
    ring = {name: len(template(name, 10)) / RATE for name in ("step", "switch", "rest", "finish")}
    heard = [
        (0.0, "Voice check. Get ready."),
        (5.0 + ring["step"] + 0.2, "Left side. Jaw circles. Twenty seconds."),
        (25.0 + ring["switch"] + 0.2, "Switch sides. Right side."),
        (45.0 - 8.0, "Next: Rest."),
        (45.0 + ring["rest"] + 0.2, "Rest. Ten seconds. Shake out your hands."),
        (55.0 + ring["step"] + 0.2, "Left side. Temples. Six seconds."),
        (61.0 + ring["switch"] + 0.2, "Switch sides. Right side."),  # said twice, made once
        (67.0 + ring["finish"] + 0.2, "That is the end of the routine."),
    ]
    for seconds, text in heard:
        at = round(seconds * RATE)
        assert not any(samples[max(0, at - 200) : at]), f"something sounds before {text!r}"
        assert samples[at] > 1000 and match(samples, tone(0.01), at) > 0.99, f"no {text!r}"


def said_for(text: str) -> float:
    """How long the fake voice takes to say `text`."""
    return int(RATE * (0.3 + 0.01 * len(text))) / RATE


def tone(seconds: float) -> array.array[int]:
    count = round(seconds * RATE)
    return array.array("h", (round(1000 * math.cos(2 * math.pi * TONE_HZ * i / RATE))
                             for i in range(count)))  # fmt: skip


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
    first = "The first step has a title far too long to say in one second. One second."
    first_ends = bell + 0.2 + said_for(first)
    second_due = 1.0 + bell + 0.2
    assert first_ends > second_due  # it would have run into the first line
    waited = round((first_ends + 0.2) * RATE)
    assert not any(samples[round(first_ends * RATE) + 1 : waited])
    assert match(samples, tone(0.01), waited) > 0.99
    assert match(samples, template("step"), RATE) > 0.99  # step 2's bell, at 1.0 s


def test_a_routine_that_asks_for_consent_reads_its_safety_notes_first(
    cli: Cli, tmp_path: Path, fake_voice: Path
) -> None:
    """Nobody is asked anything: the safety notes are said one after another before the
    count-in, and the file's first chapter is theirs."""
    out = tmp_path / "buccal.wav"
    chapters = tmp_path / "chapters.txt"
    result = cli("render", "buccal", "-o", str(out), "--minutes", "2", "--chapters", str(chapters))
    assert result.code == 0
    opening = ["Before you begin, the safety notes.", *Library.default().open("buccal").safety]
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
        f"{int(first_step) // 60}:{int(first_step) % 60:02d} 1. Gloves and settle",
    ]


def test_without_a_speech_engine_the_file_has_the_cues_and_a_note_says_so(
    cli: Cli, tmp_path: Path, no_programs: None
) -> None:
    out = tmp_path / "plain.wav"
    result = cli("render", "lymphatic", "-o", str(out), "--minutes", "2")
    assert result.code == 0
    assert result.err == "note: no speech engine found (install espeak-ng); writing the cues only\n"
    assert result.out == f"Wrote {out} (2:10, 15 chapters, no voice)\n"


def read_mp3(path: Path) -> tuple[Any, Any]:
    """Its ID3 tags and its stream's facts, as mutagen reads them (untyped: so Any)."""
    id3: Any = importlib.import_module("mutagen.id3")
    mp3: Any = importlib.import_module("mutagen.mp3")
    return id3.ID3(path), mp3.MP3(path).info


def test_a_speech_engine_that_fails_stops_the_render(
    cli: Cli, write_routine: WriteRoutine, tmp_path: Path, fake_voice: Path
) -> None:
    """A voice that cannot speak is said in one line, with the way on; nothing is written."""
    program = fake_voice.parent / "bin" / "espeak-ng"
    program.write_text("#!/bin/sh\nexit 3\n")
    out = tmp_path / "voice.wav"
    result = cli("render", str(write_routine(VOICE_ROUTINE)), "-o", str(out))
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "Error: the voice (espeak-ng) could not say 'Voice check. Get ready.' (exit status 3); "
        "add --no-voice to write the cues only\n"
    )
    assert not out.exists() and leftovers(tmp_path) == []


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
    routine = write_routine(CUE_ROUTINE)
    text = tmp_path / "chapters.txt"
    out = tmp_path / "cues.wav"
    result = cli("render", str(routine), "-o", str(out), "--no-voice", "--chapters", str(text))
    assert result.code == 0
    assert (
        text.read_text()
        == "0:00 Get ready\n0:05 1. Plain\n0:11 2. Sides\n0:27 Rest\n0:32 3. Rounds\n"
    )


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


# -- bad requests ------------------------------------------------------------------------------


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("out.xyz", "Error: out.xyz: cannot tell the format from '.xyz'; "
                    "use .wav, .mp3, .flac, .ogg, .opus or .m4a"),
        ("out", "Error: out: cannot tell the format from no extension; "
                "use .wav, .mp3, .flac, .ogg, .opus or .m4a"),
        ("no-such-folder/out.wav", "Error: {tmp}/no-such-folder: no such folder"),
        ("a-file/out.wav", "Error: {tmp}/a-file: not a folder"),
        ("a-folder.wav", "Error: {tmp}/a-folder.wav: is a folder"),
        ("there.mp3", "Error: {tmp}/there.mp3 exists; add --force to replace it"),
    ],
)  # fmt: skip
def test_a_bad_output_is_one_line_and_nothing_is_written(
    cli: Cli, tmp_path: Path, target: str, message: str
) -> None:
    (tmp_path / "a-file").write_text("x")
    (tmp_path / "a-folder.wav").mkdir()
    (tmp_path / "there.mp3").write_text("keep me")
    before = sorted(tmp_path.iterdir())
    result = cli("render", "lymphatic", "-o", str(tmp_path / target), "--no-voice")
    assert (result.code, result.out) == (1, "")
    assert result.err == message.format(tmp=tmp_path) + "\n"
    assert sorted(tmp_path.iterdir()) == before
    assert (tmp_path / "there.mp3").read_text() == "keep me"


def test_force_replaces_a_file(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "there.wav"
    out.write_text("old")
    result = cli("render", "lymphatic", "-o", str(out), "--no-voice", "--force", "--minutes", "2")
    assert result.code == 0
    assert decoded(out)  # a real WAV now
    assert leftovers(tmp_path) == []


def test_an_unknown_routine(cli: Cli, tmp_path: Path) -> None:
    result = cli("render", "lympatic", "-o", str(tmp_path / "x.wav"))
    assert result.code == 1
    assert result.err == (
        "Error: no routine named 'lympatic'; did you mean 'lymphatic'? "
        "(facelift list shows them all)\n"
    )
    assert list(tmp_path.glob("*.wav")) == []


def test_a_failed_write_leaves_nothing_behind(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills half way: one line, status 1, no file and no temporary file."""
    from facelift import encoders

    writes = []

    def full(self: encoders.WavWriter, pcm: bytes) -> None:
        writes.append(len(pcm))
        if len(writes) == 3:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(encoders.WavWriter, "write", full)
    out = tmp_path / "full.wav"
    result = cli("render", "lymphatic", "-o", str(out), "--no-voice")
    assert (result.code, result.err) == (
        1,
        f"Error: {out}: cannot write (No space left on device)\n",
    )
    assert list(tmp_path.iterdir()) == [tmp_path / "home"]


def test_other_formats_need_an_encoder_and_say_which(
    cli: Cli, tmp_path: Path, no_programs: None
) -> None:
    for suffix, install in [(".opus", "opus-tools (opusenc) or ffmpeg"), (".m4a", "ffmpeg"),
                            (".flac", "flac, ffmpeg or sox"),
                            (".ogg", "vorbis-tools (oggenc), ffmpeg or sox")]:  # fmt: skip
        result = cli("render", "lymphatic", "-o", str(tmp_path / f"x{suffix}"))
        assert (result.code, result.err) == (
            1, f"Error: writing {suffix} needs an encoder; install {install}\n")  # fmt: skip


def test_an_encoder_program_that_fails_is_one_line(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    flac = folder / "flac"
    flac.write_text("#!/bin/sh\n/bin/cat > /dev/null\necho 'flac: cannot encode' >&2\nexit 1\n")
    flac.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))
    out = tmp_path / "x.flac"
    result = cli("render", "lymphatic", "-o", str(out), "--minutes", "2")
    assert (result.code, result.err.splitlines()[-1]) == (
        1,
        "Error: flac failed: flac: cannot encode",
    )
    assert leftovers(tmp_path) == [] and not out.exists()


@pytest.mark.skipif(not shutil.which("sox"), reason="needs sox")
def test_flac_through_sox_holds_the_same_samples(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where sox is the encoder found, FLAC is lossless: it decodes to the WAV's samples."""
    sox = shutil.which("sox") or "sox"
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "sox").symlink_to(sox)
    wav, flac = tmp_path / "a.wav", tmp_path / "a.flac"
    assert cli("render", "lymphatic", "-o", str(wav), "--no-voice", "--minutes", "2").code == 0
    monkeypatch.setenv("PATH", str(folder))
    assert cli("render", "lymphatic", "-o", str(flac), "--no-voice", "--minutes", "2").code == 0
    back = tmp_path / "back.wav"
    subprocess.run([sox, str(flac), str(back)], check=True)
    assert decoded(back) == decoded(wav)
