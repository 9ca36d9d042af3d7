"""What the render tests share: routines, a fake voice, and ways to read a rendered file."""

from __future__ import annotations

import array
import importlib
import math
import os
import stat
import sys
import wave
from pathlib import Path
from typing import Any

import pytest

from facelift.base.resources import sounds_dir
from facelift.format.library import Library
from facelift.format.wav import read_wav
from facelift.output import levels
from facelift.play.timeline import Timeline, compile_timeline

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


def install_fake_voice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
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


def clear_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
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


def said_for(text: str) -> float:
    """How long the fake voice takes to say `text`."""
    return int(RATE * (0.3 + 0.01 * len(text))) / RATE


def tone(seconds: float) -> array.array[int]:
    count = round(seconds * RATE)
    return array.array(
        "h", (round(1000 * math.cos(2 * math.pi * TONE_HZ * i / RATE)) for i in range(count))
    )


def read_mp3(path: Path) -> tuple[Any, Any]:
    """Its ID3 tags and its stream's facts, as mutagen reads them (untyped: so Any)."""
    id3: Any = importlib.import_module("mutagen.id3")
    mp3: Any = importlib.import_module("mutagen.mp3")
    return id3.ID3(path), mp3.MP3(path).info


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))
