"""Checking this machine: doctor (what works here) and sounds (each cue, once)."""

from __future__ import annotations

from typing import Annotated

from facelift.cli.app import app
from facelift.cli.report import exit_with, library, reports_errors, say
from facelift.cli.types import audio_option, volume_option
from facelift.output.choices import AudioChoice


@app.command()
@reports_errors
def doctor() -> None:
    """What works here: the sound and voice facelift would use, its folders, your routines."""
    from facelift.commands import doctor as checks

    print(checks.header())
    findings = checks.examine(library())
    for finding in findings:
        say(str(finding))
    exit_with(1 if any(f.mark == checks.PROBLEM for f in findings) else 0)


@app.command()
@reports_errors
def sounds(
    audio: Annotated[AudioChoice | None, audio_option("How to play them [auto].")] = None,
    volume: Annotated[int | None, volume_option("Loudness of the cues [100].")] = None,
) -> None:
    """Play each cue once, with its name, to check the speakers and learn the sounds."""
    from facelift.commands.sounds import play_each

    play_each(audio, volume)
