"""`facelift config [--edit]`: the settings in force and where each came from, and the file
opened in the person's editor (written first, commented, when there is none)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from facelift.base import paths
from facelift.base.errors import FaceliftError
from facelift.base.safetext import json_safe, terminal_safe
from facelift.shell.settings import KEYS, Settings, load

if TYPE_CHECKING:  # named only: reading the settings loads no audio backend
    from facelift.output.audio import UnusableChoice

STARTER = """\
# facelift settings. A flag on the command line wins over what is set here.
# Take the # off a line to set it; `facelift config` shows the settings in force.

# voice = false          # speak each step, side and what comes next (--voice)
# volume = 100           # loudness of cues and voice, 0-100 (--volume)
# lead_in = 5            # seconds to get ready before step 1 (--lead-in)
# audio = "auto"         # how cues sound: auto, simpleaudio, system, bell or none (--audio)
# mute = false           # start with the sound off (--mute)
# journal = true         # ask how you feel before and after a session (--no-journal)
# remind_at = "08:00"    # the time of calendar reminders, HH:MM (remind --at)
# show_notes = "always"  # the prepare and safety notes in full: "always", or "first-time"
#                        # (then one line saying: read them with facelift show NAME)
"""


def settings() -> Settings:
    """The settings in force: the config file's, or the defaults."""
    return load(paths.config_path())


def audio_refused(error: UnusableChoice, given: Settings, *, by_flag: bool) -> FaceliftError:
    """An audio choice that cannot work here, said with where it came from: the flag, or
    the setting (with the flag that overrides it for once)."""
    if by_flag:
        return FaceliftError(f"--audio {error.choice}: {error.reason}")
    where = given.source("audio")
    return FaceliftError(
        f'audio = "{error.choice}" ({where}): {error.reason}; for this once: --audio none'
    )


def show(*, as_json: bool) -> None:
    path = paths.config_path()
    current = load(path)
    if as_json:
        data = {key: {"value": current.value(key), "source": current.source(key)} for key in KEYS}
        document = json.dumps({"file": str(path), "settings": data}, indent=2, ensure_ascii=False)
        print(json_safe(document))
        return
    written = "" if path.is_file() else ", not written yet"
    print(terminal_safe(f"Settings in force (file: {path}{written})"))
    shown = {key: _toml(current.value(key)) for key in KEYS}
    width = max(len(value) for value in shown.values())
    for key in KEYS:
        print(terminal_safe(f"  {key:<11} {shown[key]:<{width}}  {current.source(key)}"))
    print(
        "A flag given to start, resume, sounds or remind wins over these. "
        "To change them: facelift config --edit"
    )


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return json.dumps(value) if isinstance(value, str) else str(value)


def edit(*, ask: Callable[[str], bool]) -> int:
    """Open config.toml (written first when missing); check it when the editor closes, and
    offer to go back while it is wrong (`ask` puts the question). The exit status: 1 when
    the file is left wrong, its problems said."""
    from facelift.commands import authoring

    path = paths.config_path()
    if not path.exists():
        _write_starter(path)
        print(terminal_safe(f"Wrote {path}"))
    interactive = sys.stdin.isatty()  # without a terminal, nobody to ask: a wrong file is 1
    return authoring.edit_until_valid(path, load, ask if interactive else lambda _: False)


def _write_starter(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as out:
            out.write(STARTER)
    except FileExistsError:
        pass
    except OSError as error:
        raise FaceliftError(f"{path}: cannot write ({error.strerror or error})") from None
