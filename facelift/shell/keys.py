"""Keys: bytes from the terminal to player keys, and the sources the player reads them from."""

from __future__ import annotations

import os
import select
import time
from collections.abc import Callable

from facelift.play.player import Key

_KEYS = {
    b" ": Key.PAUSE,
    b"p": Key.PAUSE,
    b"n": Key.NEXT,
    b"\x1b[C": Key.NEXT,  # right arrow
    b"\x1bOC": Key.NEXT,  # right arrow, application mode
    b"b": Key.BACK,
    b"\x1b[D": Key.BACK,  # left arrow
    b"\x1bOD": Key.BACK,
    b"+": Key.MORE,
    b"=": Key.MORE,  # the + key without shift
    b"-": Key.LESS,
    b"_": Key.LESS,
    b"m": Key.MUTE,
    b"?": Key.HELP,
    b"h": Key.HELP,
    b"q": Key.QUIT,
    b"\x1b": Key.QUIT,  # Esc alone
}
ESC_WAIT = 0.03  # an escape sequence arrives at once; a lone Esc is followed by nothing


def decode(data: bytes) -> list[Key]:
    """The keys in a chunk of terminal input: any other single key (a letter, Enter) is
    Key.OTHER, which only ends a step that waits; unknown escape sequences are ignored."""
    keys: list[Key] = []
    position = 0
    while position < len(data):
        if data[position : position + 1] == b"\x1b" and position + 1 < len(data):
            end = _sequence_end(data, position)
            sequence = data[position:end]
            position = end
        else:
            sequence = data[position : position + 1].lower()
            position += 1
        key = _KEYS.get(sequence, None if sequence.startswith(b"\x1b") else Key.OTHER)
        if key is not None:
            keys.append(key)
    return keys


def _sequence_end(data: bytes, start: int) -> int:
    """Where the escape sequence at `start` ends: ESC [ ... final byte, ESC O x, or ESC x."""
    if data[start + 1 : start + 2] in (b"[", b"O"):
        for end in range(start + 2, len(data)):
            if 0x40 <= data[end] <= 0x7E:
                return end + 1
        return len(data)
    return start + 2  # Alt+key: read as nothing


class TerminalKeys:
    """Keys from a terminal in cbreak mode (see terminal.keys_mode), waited for with select.

    `inject()` adds a key from elsewhere (a signal handler) and wakes a waiting read."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.queued: list[Key] = []
        self._wake_read, self._wake_write = os.pipe()

    def inject(self, key: Key) -> None:
        self.queued.append(key)
        os.write(self._wake_write, b"!")

    def close(self) -> None:
        os.close(self._wake_read)
        os.close(self._wake_write)

    def read(self, timeout: float) -> Key | None:
        if not self.queued:
            data = self._read_ready(timeout)
            if data == b"":  # the terminal went away: stop as if q was pressed
                return Key.QUIT
            if data == b"\x1b":
                data += self._read_ready(ESC_WAIT) or b""
            self.queued += decode(data or b"")
        return self.queued.pop(0) if self.queued else None

    def _read_ready(self, timeout: float) -> bytes | None:
        ready, _, _ = select.select([self.fd, self._wake_read], [], [], max(0.0, timeout))
        if self._wake_read in ready:
            os.read(self._wake_read, 64)
        if self.fd not in ready:
            return None
        try:
            return os.read(self.fd, 64)
        except OSError:
            return b""


class NoKeys:
    """No keyboard (stdin is not a terminal): the routine simply plays. `sleep` waits out
    each read (a fake clock's `advance` in tests, so a session plays in an instant)."""

    def __init__(self, sleep: Callable[[float], None] | None = None) -> None:
        self.sleep = sleep or time.sleep

    def read(self, timeout: float) -> Key | None:
        self.sleep(max(0.0, timeout))
        return None
