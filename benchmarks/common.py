"""What the benchmarks share: finding the programs measured, reading memory, argument checks."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path


def find_executable(name: str) -> Path | None:
    """`name` next to the running interpreter (the virtualenv's bin/), else on PATH."""
    beside = Path(sys.executable).parent / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside
    found = shutil.which(name)
    return Path(found) if found else None


def rss_kib(ru_maxrss: int) -> float:
    """`ru_maxrss` in KiB: Linux and the BSDs report KiB, macOS bytes."""
    return ru_maxrss / 1024 if sys.platform == "darwin" else float(ru_maxrss)


def at_least(low: int) -> Callable[[str], int]:
    """An argparse type: a whole number no smaller than `low`."""

    def check(text: str) -> int:
        value = int(text)
        if value < low:
            raise argparse.ArgumentTypeError(f"must be {low} or more")
        return value

    return check


def twenty_seconds(title: str, summary: str) -> str:
    """The 20 s routine both the start-up and playback benchmarks play: each kind of step."""
    return f"""\
title: {title}
summary: {summary}
steps:
  - title: Settle
    do: Rest your fingertips on your cheeks and breathe slowly.
    duration: 5s
  - title: Sweep
    do: Sweep from the chin to the ear, one side and then the other.
    sides: left-right
    duration: 2.5s
  - title: Glide
    do: Glide along the cheekbone, once for each tick.
    strokes: 10
    tempo: 0.5s
  - title: Press
    do: Press gently under the jaw and hold, twice.
    duration: 2.5s
    repeat: 2
"""
