"""Sounds as data: 16-bit mono PCM read from WAV files, scaled for volume, written back."""

from __future__ import annotations

import array
import io
import sys
import wave
from dataclasses import dataclass
from pathlib import Path

from facelift.errors import FaceliftError


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
    """A 16-bit PCM WAV file as a Sound; anything else is a one-line error."""
    try:
        with wave.open(str(path), "rb") as sound:
            if sound.getsampwidth() != 2:
                raise FaceliftError(f"{path}: only 16-bit PCM WAV files can be played")
            return Sound(sound.readframes(sound.getnframes()), sound.getframerate(),
                         sound.getnchannels())  # fmt: skip
    except (wave.Error, EOFError, OSError) as error:
        raise FaceliftError(f"{path}: cannot read the sound ({error})") from None
