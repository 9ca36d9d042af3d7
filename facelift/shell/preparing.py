"""Before the count-in: the sound path tried for real and the voice rendered whole, so
that trouble is said once, before the start, with the fallback chosen then, and nothing
during the session waits for a speech program.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass

from facelift.format.wav import Sound
from facelift.output import audio, spoken
from facelift.output.bar import Bar
from facelift.output.sound import AudioSink, load_cues
from facelift.play.timeline import Timeline


@dataclass(frozen=True)
class Prepared:
    """The sound path ready to play, and what the voice says before the count-in."""

    sink: AudioSink
    intro: list[str]  # said before the count-in (when there is a voice)


def prepare(
    timeline: Timeline,
    *,
    chain: list[audio.Backend],
    volume: int,
    voice: bool,
    muted: bool = False,
    lead_in: float,
    tell: Callable[[str], None],
    warn: Callable[[str], None],
) -> Prepared:
    """The sink for a session. `tell` says trouble now (one line each, before the start);
    `warn` is for trouble during it."""
    routine = timeline.routine
    cues = load_cues(dict(routine.sounds), volume=volume)
    chain, failed = audio.working(chain) if not muted else (chain, [])  # muted: nothing plays
    if failed:
        instead = "going on without sound" if chain[0].name == "none" else f"using {chain[0].name}"
        tell(f"sound: {'; '.join(failed)}; {instead}")
    speech = _speech(timeline, lead_in=lead_in, tell=tell) if voice else {}
    if speech and not chain[0].plays_every_cue:
        tell(f"--voice: {chain[0].name} cannot speak; the steps are shown, not said")
    intro = spoken.intro_lines(timeline) if speech else []
    sink = AudioSink(chain, cues, speech=speech, volume=volume, warn=warn)
    return Prepared(sink, intro)


def _speech(timeline: Timeline, *, lead_in: float, tell: Callable[[str], None]) -> dict[str, Sound]:
    from facelift.output import speech_cache
    from facelift.output.voice import find_engine

    engine = find_engine()
    if engine is None:
        tell("--voice: no speech engine found (install espeak-ng); going on without")
        return {}
    texts = spoken.every_line(timeline, lead_in=lead_in)
    bar = Bar(sys.stderr)
    try:
        return speech_cache.prepare(
            engine,
            texts,
            progress=lambda done, total: bar.update("Preparing the voice", done, total),
        )
    except speech_cache.SpeechFailed as error:
        tell(f"--voice: {error}; going on without the voice")
        return {}
    finally:
        bar.close()
