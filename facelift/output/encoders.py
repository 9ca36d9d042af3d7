"""Audio files from 16-bit mono PCM, streamed: WAV and MP3 built in, others through a program.

WAV needs only the standard library and MP3 the `lameenc` library (a dependency), so both
work after a plain install. OGG, Opus, M4A and FLAC are written by an encoder program when
one is installed; without one, the choice is a one-line error naming what to install.
"""

from __future__ import annotations

import contextlib
import importlib
import shutil
import subprocess
import tempfile
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Protocol

from facelift.base.errors import FaceliftError

MP3_KBPS = 64  # mono at 22.05 kHz, speech and chimes: clear, about 19 MB for the full session
MP3_QUALITY = 5  # LAME's own default balance of speed and quality (2 best, 7 fastest)


class Writer(Protocol):
    def write(self, pcm: bytes) -> None: ...

    def close(self) -> None:
        """Finish the file; raises FaceliftError when the encoder failed."""
        ...


@dataclass(frozen=True)
class Format:
    """An audio file format `render` can write: its suffix, what encodes it, how to open one."""

    suffix: str
    encoder: str  # what writes it, for the summary line
    open: Callable[[Path, int], Writer]  # (file, sample rate) -> a writer


class WavWriter:
    def __init__(self, path: Path, rate: int) -> None:
        self._file = wave.open(str(path), "wb")  # noqa: SIM115 - closed by close()
        self._file.setnchannels(1)
        self._file.setsampwidth(2)
        self._file.setframerate(rate)

    def write(self, pcm: bytes) -> None:
        self._file.writeframesraw(pcm)

    def close(self) -> None:
        self._file.close()  # writes the final lengths into the header


class Mp3Writer:
    def __init__(self, path: Path, rate: int) -> None:
        lameenc: Any = importlib.import_module("lameenc")  # no type information of its own
        self._encoder = lameenc.Encoder()
        self._encoder.set_bit_rate(MP3_KBPS)
        self._encoder.set_in_sample_rate(rate)
        self._encoder.set_channels(1)
        self._encoder.set_quality(MP3_QUALITY)
        self._file = path.open("wb")

    def write(self, pcm: bytes) -> None:
        self._file.write(bytes(self._encoder.encode(pcm)))

    def close(self) -> None:
        self._file.write(bytes(self._encoder.flush()))
        self._file.close()


class ProgramWriter:
    """An encoder program reading raw PCM on stdin; its complaints go to a temporary file
    (a pipe it filled could stall it while we write)."""

    def __init__(self, argv: list[str]) -> None:
        self.name = Path(argv[0]).name
        self._errors: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
        try:
            self._process = subprocess.Popen(
                argv, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=self._errors
            )
        except OSError as error:
            raise FaceliftError(f"{self.name} could not start ({error.strerror})") from None

    def write(self, pcm: bytes) -> None:
        assert self._process.stdin is not None
        try:
            self._process.stdin.write(pcm)
        except BrokenPipeError:
            self._process.wait()
            raise FaceliftError(f"{self.name} failed: {self._complaint()}") from None

    def close(self) -> None:
        assert self._process.stdin is not None
        with contextlib.suppress(BrokenPipeError):
            self._process.stdin.close()
        if self._process.wait() != 0:
            raise FaceliftError(f"{self.name} failed: {self._complaint()}")
        self._errors.close()

    def _complaint(self) -> str:
        self._errors.seek(0)
        lines = self._errors.read().decode(errors="replace").strip().splitlines()
        return lines[-1] if lines else f"exit status {self._process.returncode}"


# -- the formats that need a program: (program, its arguments for a file and a rate) ----------

Argv = Callable[[str, Path, int], list[str]]


def _ffmpeg(codec: list[str], muxer: str) -> Argv:
    return lambda exe, path, rate: [
        exe,
        "-nostdin",
        "-hide_banner",
        "-loglevel",
        "error",
        "-y",
        "-f",
        "s16le",
        "-ar",
        str(rate),
        "-ac",
        "1",
        "-i",
        "-",
        *codec,
        "-f",
        muxer,
        str(path),
    ]


def _sox(kind: str) -> Argv:
    return lambda exe, path, rate: [
        exe,
        "-q",
        "-t",
        "raw",
        "-r",
        str(rate),
        "-e",
        "signed",
        "-b",
        "16",
        "-c",
        "1",
        "-L",
        "-",
        "-t",
        kind,
        str(path),
    ]


PROGRAMS: dict[str, tuple[list[tuple[str, Argv]], str]] = {
    ".flac": (
        [
            (
                "flac",
                lambda exe, path, rate: [
                    exe,
                    "--silent",
                    "--force",
                    "--force-raw-format",
                    "--endian=little",
                    "--sign=signed",
                    "--channels=1",
                    "--bps=16",
                    f"--sample-rate={rate}",
                    "-o",
                    str(path),
                    "-",
                ],
            ),
            ("ffmpeg", _ffmpeg(["-c:a", "flac"], "flac")),
            ("sox", _sox("flac")),
        ],
        "flac, ffmpeg or sox",
    ),
    ".ogg": (
        [
            (
                "oggenc",
                lambda exe, path, rate: [
                    exe,
                    "--quiet",
                    "--raw",
                    "--raw-bits=16",
                    "--raw-chan=1",
                    f"--raw-rate={rate}",
                    "--raw-endianness=0",
                    "-o",
                    str(path),
                    "-",
                ],
            ),
            ("ffmpeg", _ffmpeg(["-c:a", "libvorbis", "-q:a", "4"], "ogg")),
            ("sox", _sox("vorbis")),
        ],
        "vorbis-tools (oggenc), ffmpeg or sox",
    ),
    ".opus": (
        [
            (
                "opusenc",
                lambda exe, path, rate: [
                    exe,
                    "--quiet",
                    "--raw",
                    "--raw-bits",
                    "16",
                    "--raw-rate",
                    str(rate),
                    "--raw-chan",
                    "1",
                    "--raw-endianness",
                    "0",
                    "-",
                    str(path),
                ],
            ),
            ("ffmpeg", _ffmpeg(["-c:a", "libopus", "-b:a", "64k"], "opus")),
        ],
        "opus-tools (opusenc) or ffmpeg",
    ),
    ".m4a": ([("ffmpeg", _ffmpeg(["-c:a", "aac", "-b:a", "96k"], "ipod"))], "ffmpeg"),
}
BUILT_IN: dict[str, tuple[str, Callable[[Path, int], Writer]]] = {
    ".wav": ("wave", WavWriter),
    ".mp3": ("lameenc", Mp3Writer),
}
SUFFIXES = (*BUILT_IN, *PROGRAMS)


def choose(path: Path) -> Format:
    """The format `path`'s extension asks for, with what will write it; a one-line error
    for an extension no format has, or a format nothing here can write."""
    suffix = path.suffix.lower()
    if suffix in BUILT_IN:
        name, writer = BUILT_IN[suffix]
        return Format(suffix, name, writer)
    if suffix not in PROGRAMS:
        known = ", ".join(SUFFIXES[:-1]) + f" or {SUFFIXES[-1]}"
        shown = f"'{suffix}'" if suffix else "no extension"
        raise FaceliftError(f"{path.name}: cannot tell the format from {shown}; use {known}")
    candidates, install = PROGRAMS[suffix]
    for program, argv in candidates:
        found = shutil.which(program)
        if found and (program != "sox" or _sox_writes(found, argv)):
            return _through(suffix, program, found, argv)
    raise FaceliftError(f"writing {suffix} needs an encoder; install {install}")


def _through(suffix: str, program: str, exe: str, argv: Argv) -> Format:
    return Format(suffix, program, lambda out, rate: ProgramWriter(argv(exe, out, rate)))


def _sox_writes(exe: str, argv: Argv) -> bool:
    """sox is built with or without each format: ask it."""
    kind = argv(exe, Path("x"), 8000)[-2]
    try:
        shown = subprocess.run([exe, "-h"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    formats = next((line for line in shown.splitlines() if line.startswith("AUDIO FILE")), "")
    return kind in formats.split()
