"""The speech engines that say the guidance (what is said, and when, is spoken.py's; how
numbers and lengths are said, base/wording's).

The rate is calm on purpose: a person with eyes closed and hands on the face follows an
instruction best a little slower than conversation (espeak-ng's default is 175 words a
minute; 145 reads as unhurried without dragging).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from facelift.format.wav import Sound, read_wav

ESPEAK_RATE = 145  # words a minute (espeak-ng -s)
SAY_RATE = 160  # words a minute (macOS say -r; its default is about 175)


class SpeechEngine(Protocol):
    name: str
    key: str  # what the rendered speech depends on besides the text: program and rate

    def render(self, text: str) -> Sound:
        """The text spoken, as a sound; raises OSError or ValueError when it cannot."""
        ...


class CommandSpeech:
    """A speech program that writes a WAV file. The text goes in on stdin, never through a
    shell or the argument list, so nothing in it can be read as an option."""

    def __init__(self, name: str, argv: Callable[[Path], list[str]], key: str = "") -> None:
        self.name = name
        self.argv = argv
        self.key = key or name

    def render(self, text: str) -> Sound:
        with tempfile.TemporaryDirectory(prefix="facelift-voice-") as folder:
            out = Path(folder) / "speech.wav"
            subprocess.run(
                self.argv(out),
                input=text.encode(),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=20,
                check=True,
            )
            return read_wav(out)


def find_engine() -> SpeechEngine | None:
    """espeak-ng or espeak on Linux, `say` on macOS; None when there is none."""
    say = shutil.which("say") if sys.platform == "darwin" else None
    if say:
        return CommandSpeech("say", _say_argv(say), f"say -r {SAY_RATE}")
    for program in ("espeak-ng", "espeak"):
        found = shutil.which(program)
        if found:
            return CommandSpeech(program, _espeak_argv(found), f"{program} -s {ESPEAK_RATE}")
    return None


def _say_argv(program: str) -> Callable[[Path], list[str]]:
    return lambda out: [
        program,
        "-r",
        str(SAY_RATE),
        "-o",
        str(out),
        "--data-format=LEI16@22050",
        "-f",
        "-",
    ]


def _espeak_argv(program: str) -> Callable[[Path], list[str]]:
    return lambda out: [program, "--stdin", "-s", str(ESPEAK_RATE), "-w", str(out)]
