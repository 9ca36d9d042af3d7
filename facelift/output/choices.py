"""How cues may sound: the one list the command line, config.toml and the backends share.

Its own small module, so that reading an option or a setting never loads the backends."""

from __future__ import annotations

from enum import Enum


class AudioChoice(str, Enum):
    """`--audio` and the `audio` setting: auto tries each way in turn, best first."""

    AUTO = "auto"
    SIMPLEAUDIO = "simpleaudio"
    SYSTEM = "system"
    BELL = "bell"
    NONE = "none"

    def __str__(self) -> str:  # prints as it is written, on every Python version
        return self.value


AUDIO_WORDS = tuple(choice.value for choice in AudioChoice)
