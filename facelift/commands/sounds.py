"""`facelift sounds`: each cue played once with its name, to check the speakers and to
learn what each sound means before a session."""

from __future__ import annotations

from facelift.base.safetext import tell
from facelift.output.choices import AudioChoice


def play_each(audio: AudioChoice | None, volume: int | None) -> None:
    """Every cue, in the order of the cue list; a choice or volume not given comes from
    config.toml (or the default)."""
    from facelift.commands import config as config_command
    from facelift.format.cues import CUE_MEANINGS
    from facelift.output import audio as backends
    from facelift.output.sound import AudioSink, load_cues

    given = config_command.settings()
    choice = given.audio if audio is None else audio
    try:
        chain = backends.choose(choice)
    except backends.UnusableChoice as error:
        raise config_command.audio_refused(error, given, by_flag=audio is not None) from None
    loudness = given.volume if volume is None else volume
    sink = AudioSink(
        chain, load_cues(volume=loudness), warn=lambda message: tell(f"warning: {message}")
    )
    print(f"Playing through {sink.backend.name}.")
    for name, meaning in CUE_MEANINGS.items():
        print(f"  {name:7} {meaning}", flush=True)
        sink.play_now(name)


def _warn(message: str) -> None:
    tell(f"warning: {message}")
