"""Spoken guidance: what to say at each event (pure), and the speech engines that say it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from facelift.format.routine import Rest, Step
from facelift.format.wav import Sound, read_wav
from facelift.output import showing
from facelift.play.player import Event, EventKind
from facelift.play.timeline import CueKind

SIDES = {"left": "Left side.", "right": "Right side.", None: ""}
_ONES = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]  # fmt: skip
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def number_words(number: int) -> str:
    """English words for 0-999: `forty-five`, `one hundred and twenty`."""
    if number < 20:
        return _ONES[number]
    if number < 100:
        tens, ones = divmod(number, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    hundreds, rest = divmod(number, 100)
    return f"{_ONES[hundreds]} hundred" + (f" and {number_words(rest)}" if rest else "")


def length_words(seconds: float) -> str:
    """`Forty seconds.`, `One minute.`, `One minute thirty.`, `Two minutes.`"""
    total = round(seconds)
    minutes, rest = divmod(total, 60)
    if not minutes:
        unit = "second" if rest == 1 else "seconds"
        return f"{number_words(rest).capitalize()} {unit}."
    unit = "minute" if minutes == 1 else "minutes"
    tail = f" {number_words(rest)}" if rest else ""
    return f"{number_words(minutes).capitalize()} {unit}{tail}."


def voice_line(event: Event) -> str | None:
    """The sentence to speak for an event, or None: steps, sides, rests, what comes next."""
    snapshot = event.snapshot
    if event.kind is EventKind.LEAD_IN:  # the sink says it once, at the first of them
        return f"{snapshot.timeline.routine.title}. Get ready." if snapshot.lead_in > 2 else None
    if event.kind is not EventKind.CUE or event.cue is None:
        return None
    segment, length = snapshot.segment, length_words(snapshot.seconds)
    kind = event.cue.kind
    if kind is CueKind.STEP:
        return " ".join(filter(None, [SIDES[segment.side], f"{segment.title}.", length]))
    if kind is CueKind.SWITCH:
        return f"Switch sides. {SIDES[segment.side]}"
    if kind is CueKind.ROUND:
        cues = segment.item.round_cues if isinstance(segment.item, Step) else ()
        if segment.round <= len(cues) and cues[segment.round - 1].strip():
            return f"{showing.round_words(segment)}."  # where the hands go, as the routine says
        return f"Round {number_words(segment.round)}."
    if kind is CueKind.REST:
        note = segment.item.note if isinstance(segment.item, Rest) else ""
        return " ".join(filter(None, ["Rest.", length, note]))
    if kind is CueKind.PREVIEW and snapshot.next_segment is not None:
        return f"Next: {snapshot.next_segment.title}."
    if kind is CueKind.FINISH:
        return "That is the end of the routine. Take a moment before you get up."
    return None


class SpeechEngine(Protocol):
    name: str

    def render(self, text: str) -> Sound:
        """The text spoken, as a sound; raises OSError or ValueError when it cannot."""
        ...


class CommandSpeech:
    """A speech program that writes a WAV file. The text goes in on stdin, never through a
    shell or the argument list, so nothing in it can be read as an option."""

    def __init__(self, name: str, argv: Callable[[Path], list[str]]) -> None:
        self.name = name
        self.argv = argv

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
        return CommandSpeech("say", _say_argv(say))
    for program in ("espeak-ng", "espeak"):
        found = shutil.which(program)
        if found:
            return CommandSpeech(program, _espeak_argv(found))
    return None


def _say_argv(program: str) -> Callable[[Path], list[str]]:
    return lambda out: [program, "-o", str(out), "--data-format=LEI16@22050", "-f", "-"]


def _espeak_argv(program: str) -> Callable[[Path], list[str]]:
    return lambda out: [program, "--stdin", "-s", "150", "-w", str(out)]
