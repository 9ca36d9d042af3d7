"""Reading a file that may be hostile: regular files only, never blocking, never too much.

Every file facelift reads on a user's say-so (routines, sounds, `new --from`) comes
through here, so a FIFO, a terminal or /dev/zero is refused instead of hanging a command
or filling the memory.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from facelift.base.errors import FaceliftError

# Open without waiting for a writer (a FIFO) and without becoming a terminal's reader.
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_FLAGS |= getattr(os, "O_BINARY", 0)


class Unreadable(FaceliftError):
    """Why a file cannot be read, as a few words: `no such file`, `not a regular file`, ..."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


class TooLarge(Unreadable):
    """A regular file larger than the caller's bound."""


def open_regular(path: Path, limit: int) -> BinaryIO:
    """`path` opened for reading, once it is known to be a regular file of at most `limit`
    bytes (its size is checked again while it is read, by `read_bounded`)."""
    try:
        fd = os.open(path, _FLAGS)
    except OSError as error:
        raise Unreadable(_reason(error)) from None
    try:
        status = os.fstat(fd)
        if stat.S_ISDIR(status.st_mode):
            raise Unreadable("is a folder")
        if not stat.S_ISREG(status.st_mode):
            raise Unreadable("not a regular file (a device, a pipe or a socket)")
        if status.st_size > limit:
            raise TooLarge(f"larger than {_size(limit)}")
        return os.fdopen(fd, "rb")  # O_NONBLOCK means nothing to a regular file: kept
    except BaseException:
        os.close(fd)
        raise


def read_bounded(path: Path, limit: int) -> bytes:
    """The whole of a regular file, or Unreadable; a file that grows past `limit` while it
    is read is TooLarge too."""
    with open_regular(path, limit) as stream:
        try:
            data = stream.read(limit + 1)
        except OSError as error:
            raise Unreadable(_reason(error)) from None
    if len(data) > limit:
        raise TooLarge(f"larger than {_size(limit)}")
    return data


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOENT:
        return "no such file"
    if error.errno == errno.EISDIR:
        return "is a folder"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if error.errno == errno.ENXIO:  # a socket, or a FIFO with no writer on some systems
        return "not a regular file (a device, a pipe or a socket)"
    return f"cannot read ({error.strerror or error})"


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MiB" if limit % (1024 * 1024) == 0 else f"{limit} bytes"
