"""Real sound: facelift plays routines into an ALSA device that writes to a file, through
simpleaudio and through the system player, and the file holds the cues in order.

ALSA reads `~/.asoundrc`; the tests give facelift a HOME whose default device is a file
(DESIGN.md), so no sound card is needed. In CI (CI=true) these tests must run, not skip.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from facelift.output.sound import load_cues
from facelift.output.voice import find_engine

CI = os.environ.get("CI") == "true"
CUES = load_cues()

ROUTINE = """
title: Ears
steps:
  - title: Ear circles
    strokes: 2
    tempo: 2.5s
    sides: left-right
  - rest: 5s
"""
# each side: its cue at 0 s, counts at 2, 3, 4 s, a tick at 2.5 s; the rest: counts too
EXPECTED = [
    *["step", "count", "stroke", "count", "count"],
    *["switch", "count", "stroke", "count", "count"],
    *["rest", "count", "count", "count", "finish"],
]
SHORT = "title: Short\nsteps:\n  - title: Touch\n    duration: 2s\n"


def need(program: str) -> None:
    if shutil.which(program) is None:
        if CI:
            pytest.fail(f"{program} is missing: .ci/run installs it")
        pytest.skip(f"{program} is not installed")


@pytest.fixture
def capture(tmp_path: Path) -> Path:
    """A HOME whose ALSA default device appends everything played to `capture.raw`."""
    need("aplay")
    (tmp_path / ".asoundrc").write_text(
        'pcm.!default {\n  type file\n  slave.pcm "null"\n'
        f'  file "|cat >> {tmp_path / "capture.raw"}"\n  format "raw"\n}}\n'
    )
    return tmp_path / "capture.raw"


def play(capture: Path, routine: str, *options: str) -> subprocess.CompletedProcess[str]:
    path = capture.parent / "ears.yaml"
    path.write_text(routine)
    env = {**os.environ, "HOME": str(capture.parent), "FACELIFT_HOME": str(capture.parent)}
    command = [sys.executable, "-m", "facelift", "start", str(path), "--lead-in", "0", *options]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, check=False)


def heard(capture: Path, extra: dict[str, bytes] | None = None) -> list[str]:
    """The cues found in the capture, in the order they were played."""
    data = capture.read_bytes() if capture.exists() else b""
    sounds = {name: sound.frames for name, sound in CUES.items()} | (extra or {})
    found = []
    for name, frames in sounds.items():
        probe = _probe(frames)
        at = data.find(probe)
        while at >= 0:
            found.append((at, name))
            at = data.find(probe, at + 1)
    return [name for _, name in sorted(found)]


def _probe(frames: bytes) -> bytes:
    """1000 bytes around the loudest sample: never a stretch of silence that is everywhere."""
    samples = memoryview(frames).cast("h")
    loudest = max(range(len(samples)), key=lambda i: abs(samples[i]))
    start = max(0, 2 * loudest - 500)
    return frames[start : start + 1000]


def test_the_system_player_plays_every_cue_in_order(capture: Path) -> None:
    result = play(capture, ROUTINE, "--audio", "system")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert heard(capture) == EXPECTED


def test_simpleaudio_plays_every_cue_in_order(capture: Path) -> None:
    if importlib.util.find_spec("simpleaudio") is None:
        if CI:
            pytest.fail("simpleaudio is missing: .ci/run installs the audio extra")
        pytest.skip("the audio extra is not installed")
    result = play(capture, ROUTINE, "--audio", "simpleaudio")
    assert result.returncode == 0, result.stderr
    assert heard(capture) == EXPECTED


def test_mute_plays_nothing(capture: Path) -> None:
    result = play(capture, SHORT, "--audio", "system", "--mute")
    assert result.returncode == 0, result.stderr
    assert heard(capture) == []
    assert not capture.exists() or capture.stat().st_size == 0


def test_the_voice_speaks_between_the_cues(capture: Path) -> None:
    """With --voice the title and length are said before the count-in (here the same words
    as the step's), the step is named after its chime, and the end after the finish."""
    need("espeak-ng")
    engine = find_engine()
    assert engine is not None
    step = engine.render("Hold. Twelve seconds.").frames
    end = engine.render("That is the end of the routine. Take a moment before you get up.").frames
    routine = "title: Hold\nsteps:\n  - title: Hold\n    duration: 12s\n"
    result = play(capture, routine, "--audio", "system", "--voice")
    assert result.returncode == 0, result.stderr
    assert heard(capture, {"words: step": step, "words: end": end}) == [
        "words: step",
        "step",
        "words: step",
        "count",
        "count",
        "count",
        "finish",
        "words: end",
    ]


def test_a_volume_of_zero_plays_silence(capture: Path) -> None:
    result = play(capture, SHORT, "--audio", "system", "--volume", "0")
    assert result.returncode == 0
    data = capture.read_bytes()
    assert data and not data.strip(b"\x00")
