"""The cue sounds: six short, quiet-edged 16-bit WAVs, rebuilt byte for byte by their script."""

from __future__ import annotations

import array
import runpy
import sys
import wave
from pathlib import Path

import pytest

from facelift.base import resources
from facelift.format.cues import CUE_NAMES

ROOT = Path(__file__).resolve().parent.parent


def samples(path: Path) -> array.array[int]:
    with wave.open(str(path), "rb") as sound:
        assert (sound.getnchannels(), sound.getsampwidth(), sound.getframerate()) == (1, 2, 44100)
        data = array.array("h", sound.readframes(sound.getnframes()))
    if sys.byteorder == "big":
        data.byteswap()
    return data


@pytest.mark.parametrize("cue", CUE_NAMES)
def test_each_cue_is_a_short_wav_that_starts_and_ends_in_silence(cue: str) -> None:
    """No click at either end, no clipping, and short enough to sit between strokes."""
    data = samples(resources.sounds_dir() / f"{cue}.wav")
    assert data[0] == 0 and data[-1] == 0
    assert max(abs(s) for s in data) < 32767
    assert len(data) / 44100 <= 3.0


def test_the_stroke_tick_is_the_quietest_and_shortest() -> None:
    """It sounds every few seconds for minutes at a time, so it must stay in the background."""
    peaks = {
        cue: max(abs(s) for s in samples(resources.sounds_dir() / f"{cue}.wav"))
        for cue in CUE_NAMES
    }
    assert min(peaks, key=peaks.__getitem__) == "stroke"


def test_the_script_rebuilds_the_committed_sounds_exactly(tmp_path: Path) -> None:
    """Deterministic synthesis: the committed WAVs are what tools/make_sounds.py makes."""
    script = runpy.run_path(str(ROOT / "tools" / "make_sounds.py"))
    assert script["main"]([str(tmp_path)]) == 0
    for cue in CUE_NAMES:
        built = (tmp_path / f"{cue}.wav").read_bytes()
        assert built == (resources.sounds_dir() / f"{cue}.wav").read_bytes(), cue
