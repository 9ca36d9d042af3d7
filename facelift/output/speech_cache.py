"""Speech rendered before it is needed, and kept: every line of a session is said into a
sound before the count-in (a few at a time, with progress), and each is kept as a WAV file
in the user cache folder, named by its text and the engine's program and rate, so the
second start with the same routine renders nothing.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from facelift.base import paths
from facelift.base.errors import FaceliftError
from facelift.format.wav import Sound, read_wav
from facelift.output.voice import SpeechEngine


class SpeechFailed(FaceliftError):
    """The engine could not say a line: the voice cannot be trusted for this session."""


def folder() -> Path:
    return paths.cache_dir() / "speech"


def prepare(
    engine: SpeechEngine,
    texts: Iterable[str],
    *,
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> dict[str, Sound]:
    """Each distinct text as a sound: from the cache, or rendered (and then kept)."""
    distinct = list(dict.fromkeys(texts))
    spoken: dict[str, Sound] = {}
    missing: list[str] = []
    for text in distinct:
        kept = _cached(engine, text)
        if kept is None:
            missing.append(text)
        else:
            spoken[text] = kept
    progress(len(spoken), len(distinct))
    if not missing:
        return spoken
    with ThreadPoolExecutor(max_workers=min(4, (os.cpu_count() or 1) + 1)) as pool:
        rendered = pool.map(lambda text: _render(engine, text), missing)
        for text, sound in zip(missing, rendered, strict=True):
            spoken[text] = sound
            progress(len(spoken), len(distinct))
    return {text: spoken[text] for text in distinct}


def _path(engine: SpeechEngine, text: str) -> Path:
    digest = hashlib.sha256(f"{engine.key}\0{text}".encode()).hexdigest()[:32]
    return folder() / f"{digest}.wav"


def _cached(engine: SpeechEngine, text: str) -> Sound | None:
    path = _path(engine, text)
    if not path.is_file():
        return None
    try:
        return read_wav(path)
    except FaceliftError:  # a damaged file is said again, and replaced
        return None


def _render(engine: SpeechEngine, text: str) -> Sound:
    try:
        sound = engine.render(text)
    except subprocess.CalledProcessError as error:
        reason = f"exit status {error.returncode}"
    except subprocess.TimeoutExpired:
        reason = "it took too long"
    except (OSError, ValueError, FaceliftError) as error:
        reason = str(error)
    else:
        _keep(_path(engine, text), sound)
        return sound
    raise SpeechFailed(f"the voice ({engine.name}) could not say {text[:40]!r} ({reason})")


def _keep(path: Path, sound: Sound) -> None:
    """Written whole, then renamed; a cache that cannot be written only costs time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=path.parent, suffix=".part")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(sound.to_wav())
        Path(partial).replace(path)
    except OSError:
        Path(partial).unlink(missing_ok=True)
