"""A one-line progress bar on stderr for work that takes a while: shown only on a terminal,
only once the work has taken a second, and wiped when it is done."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

WIDTH = 30
SHOW_AFTER = 1.0  # seconds: quick work shows nothing
EVERY = 0.1  # seconds between redraws


class Bar:
    def __init__(self, stream: TextIO, *, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.monotonic = monotonic
        self.began = monotonic()
        self.drawn_at: float | None = None
        try:
            self.on_terminal = stream.isatty()
        except (ValueError, OSError):
            self.on_terminal = False

    def update(self, label: str, done: float, total: float) -> None:
        now = self.monotonic()
        if not self.on_terminal or now - self.began < SHOW_AFTER:
            return
        if self.drawn_at is not None and now - self.drawn_at < EVERY and done < total:
            return
        share = min(1.0, done / total) if total else 1.0
        filled = round(share * WIDTH)
        self.stream.write(f"\r{label:<9} [{'#' * filled}{'-' * (WIDTH - filled)}] {share:4.0%}")
        self.stream.flush()
        self.drawn_at = now

    def close(self) -> None:
        if self.drawn_at is not None:
            self.stream.write("\r" + " " * (WIDTH + 20) + "\r")
            self.stream.flush()
            self.drawn_at = None
