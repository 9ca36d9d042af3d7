"""Sounds as data: 16-bit PCM read from WAV files, scaled for volume, written back.

A routine's own sounds come from anyone, so a sound file is checked like a routine: a
regular file inside the routine's folder, of a bounded size, in a format that can play.
"""

from __future__ import annotations

import array
import io
import os
import sys
import wave
from dataclasses import dataclass
from pathlib import Path, PurePath

from facelift.base.errors import FaceliftError
from facelift.base.files import Unreadable, open_regular, read_bounded
from facelift.format.limits import MAX_CHANNELS, MAX_RATE, MAX_SOUND_BYTES, MIN_RATE


@dataclass(frozen=True)
class Sound:
    """Little-endian 16-bit PCM, as every player here takes it."""

    frames: bytes
    rate: int
    channels: int = 1

    @property
    def seconds(self) -> float:
        return len(self.frames) / (2 * self.channels * self.rate)

    def scaled(self, volume: int) -> Sound:
        """At `volume` percent: a square law, so that 50 sounds about half as loud as 100."""
        if volume >= 100:
            return self
        gain = (max(0, volume) / 100) ** 2
        samples = array.array("h", self.frames)
        if sys.byteorder == "big":
            samples.byteswap()
        quieter = array.array("h", (int(sample * gain) for sample in samples))
        if sys.byteorder == "big":
            quieter.byteswap()
        return Sound(quieter.tobytes(), self.rate, self.channels)

    def to_wav(self) -> bytes:
        buffer = io.BytesIO()
        with wave.open(buffer, "wb") as out:
            out.setnchannels(self.channels)
            out.setsampwidth(2)
            out.setframerate(self.rate)
            out.writeframes(self.frames)
        return buffer.getvalue()


def read_wav(path: Path) -> Sound:
    """A playable WAV file as a Sound; anything else is a one-line error."""
    try:
        data = read_bounded(path, MAX_SOUND_BYTES)
        with wave.open(io.BytesIO(data), "rb") as sound:
            problem = _format_problem(sound)
            if problem:
                raise FaceliftError(f"{path}: {problem}")
            return Sound(
                sound.readframes(sound.getnframes()), sound.getframerate(), sound.getnchannels()
            )
    except Unreadable as error:
        raise FaceliftError(f"{path}: cannot read the sound ({error.reason})") from None
    except (wave.Error, EOFError) as error:
        raise FaceliftError(f"{path}: cannot read the sound ({error})") from None


def routine_sound(folder: Path, relative: str) -> tuple[Path, str]:
    """A routine's own sound: the file, and what is wrong with it ("" when nothing).

    The path must stay inside the routine's folder (a shared routine must not reach out
    for a device or another's files) and name a WAV that can play; only its header is read.
    """
    given = PurePath(relative)
    if given.is_absolute() or given.anchor:
        return Path(relative), "an absolute path; give one inside the routine's folder"
    if ".." in given.parts:
        return Path(relative), "'..' leads out of the routine's folder; keep sounds inside it"
    path = folder / given
    try:
        inside = Path(os.path.realpath(folder))
        real = Path(os.path.realpath(path))
    except (OSError, ValueError) as error:
        return path, f"cannot read ({error})"
    if not real.is_relative_to(inside):
        return path, "a link out of the routine's folder; keep sounds inside it"
    try:
        with open_regular(real, MAX_SOUND_BYTES) as stream, wave.open(stream, "rb") as sound:
            if sound.getnframes() == 0:
                return real, "the sound is empty"
            return real, _format_problem(sound)
    except Unreadable as error:
        return real, error.reason
    except (wave.Error, EOFError):
        return real, "not a WAV file (PCM .wav expected)"
    except OSError as error:
        return real, f"cannot read ({error.strerror or error})"


def _format_problem(sound: wave.Wave_read) -> str:
    """What would stop a WAV from playing, checked before it is ever played."""
    if sound.getsampwidth() != 2:
        return f"{8 * sound.getsampwidth()}-bit sound; facelift plays 16-bit PCM WAV files"
    if not 1 <= sound.getnchannels() <= MAX_CHANNELS:
        return f"{sound.getnchannels()} channels; facelift plays mono or stereo"
    if not MIN_RATE <= sound.getframerate() <= MAX_RATE:
        return (
            f"a rate of {sound.getframerate()} frames a second; "
            f"facelift plays {MIN_RATE} to {MAX_RATE}"
        )
    return ""
