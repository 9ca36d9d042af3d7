"""Audio backends: simpleaudio, a system player, the terminal bell, or silence.

Each backend plays one sound to its end, blocking: the sound sink calls it from its own
thread, never from the player's. `choose()` builds the chain to fall back along when a
device goes away in the middle of a session.
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any, Protocol

from facelift.base.errors import FaceliftError
from facelift.format.wav import Sound
from facelift.output.choices import AudioChoice

SYSTEM_PLAYERS: dict[str, list[tuple[str, ...]]] = {
    "linux": [("pw-play",), ("paplay",), ("aplay", "-q")],
    "darwin": [("afplay",)],
}


class AudioUnavailable(Exception):
    """The backend cannot play (no device, a player that fails): fall back to the next."""


class Backend(Protocol):
    name: str
    plays_every_cue: bool  # False for the bell: it marks changes only

    def play(self, sound: Sound) -> None:
        """Play to the end; raise AudioUnavailable when it cannot."""
        ...

    def stop(self) -> None:
        """Cut short what is playing (called from another thread)."""
        ...


class SimpleaudioBackend:
    name = "simpleaudio"
    plays_every_cue = True

    def __init__(self) -> None:
        try:  # imported by name: an optional extra, without type information
            self._module: Any = importlib.import_module("simpleaudio")
        except ImportError as error:
            raise AudioUnavailable("simpleaudio is not installed") from error

    def play(self, sound: Sound) -> None:
        try:
            playing = self._module.play_buffer(sound.frames, sound.channels, 2, sound.rate)
            playing.wait_done()
        except Exception as error:  # simpleaudio raises its own error type, or OSError
            raise AudioUnavailable(str(error) or type(error).__name__) from error

    def stop(self) -> None:
        self._module.stop_all()


class SystemPlayerBackend:
    """A player program, given a WAV file; no shell, and every child is waited for.

    Two sounds may play at once (a tick under a spoken line), each its own process."""

    plays_every_cue = True

    def __init__(self, command: tuple[str, ...]) -> None:
        self.command = command
        self.name = f"system ({Path(command[0]).name})"
        import tempfile  # only with a system player: a session without one never needs it

        self._folder = tempfile.TemporaryDirectory(prefix="facelift-")
        self._playing: set[subprocess.Popen[bytes]] = set()
        self._stopped: set[subprocess.Popen[bytes]] = set()
        self._lock = threading.Lock()

    def play(self, sound: Sound) -> None:
        path = self._file_for(sound)
        try:
            process = subprocess.Popen(
                [*self.command, str(path)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
        except OSError as error:
            raise AudioUnavailable(f"{self.command[0]}: {error.strerror or error}") from error
        with self._lock:
            self._playing.add(process)
        _, errors = process.communicate()
        with self._lock:
            self._playing.discard(process)
            stopped = process in self._stopped
            self._stopped.discard(process)
        if process.returncode != 0 and not stopped:
            reason = errors.decode(errors="replace").strip().splitlines()
            # the player's own verdict comes last, after the sound library's details
            mine = [line for line in reason if not line.startswith("ALSA lib ")] or reason
            raise AudioUnavailable(f"{self.name}: {mine[-1] if mine else 'failed'}")

    def stop(self) -> None:
        with self._lock:
            playing = list(self._playing)
            self._stopped.update(playing)
        for process in playing:
            if process.poll() is None:
                process.terminate()

    def _file_for(self, sound: Sound) -> Path:
        """Each distinct sound is written once, to a private temporary folder."""
        import hashlib

        digest = hashlib.sha1(sound.frames, usedforsecurity=False).hexdigest()[:16]
        path = Path(self._folder.name) / f"{digest}-{sound.rate}.wav"
        if not path.exists():  # written whole, then renamed: two lanes may ask at once
            partial = path.with_suffix(f".{threading.get_ident()}.part")
            partial.write_bytes(sound.to_wav())
            partial.replace(path)
        return path


class WinsoundBackend:
    name = "system (winsound)"
    plays_every_cue = True

    def play(self, sound: Sound) -> None:
        if sys.platform == "win32":  # mypy checks this branch on Windows only
            import winsound

            try:
                winsound.PlaySound(sound.to_wav(), winsound.SND_MEMORY)
            except RuntimeError as error:
                raise AudioUnavailable(str(error)) from error

    def stop(self) -> None:
        if sys.platform == "win32":
            import winsound

            winsound.PlaySound(None, 0)


class BellBackend:
    """The terminal bell, rung on a file descriptor (the live screen redirects sys.stdout)."""

    name = "bell"
    plays_every_cue = False

    def __init__(self, terminal_fd: int) -> None:
        self.terminal_fd = terminal_fd

    def play(self, sound: Sound) -> None:
        try:
            os.write(self.terminal_fd, b"\a")
        except OSError as error:
            raise AudioUnavailable(f"the terminal is gone ({error.strerror})") from error

    def stop(self) -> None:
        """A bell cannot be cut short."""


class Silence:
    name = "none"
    plays_every_cue = True

    def play(self, sound: Sound) -> None:
        """Nothing to do."""

    def stop(self) -> None:
        """Nothing to do."""


TEST_SOUND = Sound(bytes(2 * 1103), 22050)  # 50 ms of silence: plays through, heard by nobody


def check(backend: Backend) -> str | None:
    """Play a moment of silence through it: None when it can play, else why not. The bell
    is not rung for a test; that it has a terminal was checked when it was chosen."""
    if not backend.plays_every_cue:
        return None
    try:
        with _quiet_stderr():  # the sound library's own complaints: the reason says it all
            backend.play(TEST_SOUND)
    except AudioUnavailable as error:
        return str(error) or "it cannot play"
    return None


def working(chain: list[Backend]) -> tuple[list[Backend], list[str]]:
    """The chain from its first backend that really plays; each passed over, with why."""
    failed: list[str] = []
    while len(chain) > 1:
        why = check(chain[0])
        if why is None:
            break
        why = why.removeprefix(f"{chain[0].name}: ")
        failed.append(f"{chain[0].name} cannot play here ({why})")
        chain = chain[1:]
    return chain, failed


class _quiet_stderr:
    """Send file descriptor 2 to /dev/null for a moment (C libraries write there)."""

    def __enter__(self) -> None:
        self.saved: int | None = None
        try:
            sys.stderr.flush()
            self.saved = os.dup(2)
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 2)
            os.close(null)
        except (OSError, ValueError):
            self.saved = None

    def __exit__(self, *exc: object) -> None:
        if self.saved is not None:
            os.dup2(self.saved, 2)
            os.close(self.saved)


def system_player() -> SystemPlayerBackend | None:
    """The first player program found for this platform, or None."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        return None
    for command in SYSTEM_PLAYERS.get(sys.platform, SYSTEM_PLAYERS["linux"]):
        found = shutil.which(command[0])
        if found:
            return SystemPlayerBackend((found, *command[1:]))
    return None


def terminal_fd() -> int | None:
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream.isatty():
                return stream.fileno()
        except (ValueError, OSError):  # a closed or unusual stream
            continue
    return None


class UnusableChoice(FaceliftError):
    """An audio choice that cannot work here, and why; the command that made the choice
    says where it came from (a flag, a setting)."""

    def __init__(self, choice: AudioChoice, reason: str) -> None:
        super().__init__(f"audio {choice}: {reason}")
        self.choice, self.reason = choice, reason


def choose(choice: AudioChoice) -> list[Backend]:
    """The chain of backends for an audio choice, best first, always ending in silence.

    An explicit choice that cannot work here is an UnusableChoice naming the fix."""
    auto = choice is AudioChoice.AUTO
    candidates: list[Backend] = []
    if auto or choice is AudioChoice.SIMPLEAUDIO:
        try:
            candidates.append(SimpleaudioBackend())
        except AudioUnavailable:
            if not auto:
                raise UnusableChoice(
                    choice,
                    "simpleaudio is not installed; "
                    "pip install 'facelift[audio]' (it needs the ALSA headers, libasound2-dev)",
                ) from None
    if auto or choice is AudioChoice.SYSTEM:
        player: Backend | None = WinsoundBackend() if sys.platform == "win32" else system_player()
        if player is not None:
            candidates.append(player)
        elif not auto:
            looked_for = ", ".join(c[0] for c in SYSTEM_PLAYERS["linux"])
            raise UnusableChoice(choice, f"no sound player found (looked for {looked_for})")
    if auto or choice is AudioChoice.BELL:
        fd = terminal_fd()
        if fd is not None:
            candidates.append(BellBackend(fd))
        elif not auto:
            raise UnusableChoice(choice, "needs a terminal to ring")
    return [*candidates, Silence()]


def survey() -> list[tuple[str, bool, str]]:
    """Each backend in the order `auto` tries them: (name, usable here, why or how to fix)."""
    rows: list[tuple[str, bool, str]] = []
    try:
        SimpleaudioBackend()
        rows.append(("simpleaudio", True, "the audio extra is installed"))
    except AudioUnavailable:
        rows.append(
            (
                "simpleaudio",
                False,
                "not installed: pip install 'facelift[audio]' "
                "(needs the ALSA headers, libasound2-dev)",
            )
        )
    player = system_player()
    if player is not None:
        rows.append((player.name, True, f"{player.command[0]}"))
    elif sys.platform == "win32":  # pragma: no cover - Windows only
        rows.append(("system (winsound)", True, "built into Python on Windows"))
    else:
        rows.append(
            (
                "system",
                False,
                "no pw-play, paplay or aplay: install alsa-utils, pulseaudio-utils or pipewire",
            )
        )
    fd = terminal_fd()
    rows.append(("bell", fd is not None, "a terminal" if fd is not None else "no terminal here"))
    return rows
