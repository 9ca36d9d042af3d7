"""This machine and your settings: doctor (what works here), sounds (each cue, once) and
config (the settings in force)."""

from __future__ import annotations

from typing import Annotated

import typer

from facelift.cli.app import app
from facelift.cli.report import ask, exit_with, library, reports_errors
from facelift.cli.types import Json, audio_option, volume_option
from facelift.format.limits import VOLUME
from facelift.output.choices import AudioChoice


@app.command()
@reports_errors
def doctor() -> None:
    """What works here: the sound and voice facelift would use, its folders, your routines."""
    from facelift.commands import doctor as checks

    exit_with(checks.report(library()))


@app.command()
@reports_errors
def sounds(
    audio: Annotated[AudioChoice | None, audio_option("How to play them [auto].")] = None,
    volume: Annotated[int | None, volume_option(f"Loudness of the cues [{VOLUME}].")] = None,
) -> None:
    """Play each cue once, with its name, to check the speakers and learn the sounds."""
    from facelift.commands.sounds import play_each

    play_each(audio, volume)


@app.command()
@reports_errors
def config(
    open_editor: Annotated[
        bool, typer.Option("--edit", help="Open config.toml in $VISUAL or $EDITOR.")
    ] = False,
    as_json: Json = False,
) -> None:
    """The settings in force (from config.toml, or the defaults) and where each came from."""
    from facelift.commands import config as config_command

    if open_editor:
        exit_with(config_command.edit(ask=ask))
    else:
        config_command.show(as_json=as_json)
