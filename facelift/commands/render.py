"""`facelift render`: a guided session written to an audio file, to follow with the screen off.

Nobody is at the keyboard, so nothing is asked. Every check that can fail (the format, the
folder, a file already there) comes before any work, and the file is written beside its
target under a temporary name and renamed at the end: a failure or Ctrl-C leaves nothing.
"""

from __future__ import annotations

import array
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from facelift.base import wording
from facelift.base.errors import FaceliftError
from facelift.format.durations import format_length
from facelift.format.limits import LEAD_IN, VOLUME
from facelift.output import encoders, levels, soundtrack, speech_cache
from facelift.output.bar import Bar
from facelift.output.chapters import chapters_text, tag_mp3
from facelift.output.mixdown import mix
from facelift.output.spoken import intro_lines, opening_lines, spoken_lines
from facelift.output.voice import SpeechEngine, find_engine
from facelift.play.timeline import Timeline

CHUNK = levels.MIX_RATE * 10  # samples written at a time


@dataclass(frozen=True)
class Options:
    """How `render` writes its file: where, how loud, with or without the voice, and chapters."""

    output: Path
    lead_in: float = LEAD_IN
    volume: int = VOLUME
    voice: bool | None = None  # None: speak when a speech engine is installed
    chapters: Path | None = None  # also write the chapters here as text
    force: bool = False


def options_given(
    output: Path,
    *,
    lead_in: float | None,
    volume: int | None,
    voice: bool | None,
    chapters: Path | None,
    force: bool,
) -> Options:
    """The options as typed; a lead-in or a volume not given is the one config.toml sets
    (or the default)."""
    from facelift.commands import config as config_command

    settings = config_command.settings()
    return Options(
        output,
        lead_in=settings.lead_in if lead_in is None else lead_in,
        volume=settings.volume if volume is None else volume,
        voice=voice,
        chapters=chapters,
        force=force,
    )


def run(
    timeline: Timeline,
    options: Options,
    *,
    say: Callable[[str], None] = print,
    note: Callable[[str], None] = lambda text: print(f"note: {text}", file=sys.stderr),
) -> None:
    routine = timeline.routine
    chosen = encoders.choose(options.output)
    targets = [options.output, *([options.chapters] if options.chapters else [])]
    for target in targets:
        _check_target(target, force=options.force)
    if options.chapters is not None and options.chapters.resolve() == options.output.resolve():
        raise FaceliftError("--chapters needs a file of its own, not the audio file")
    engine = find_engine() if options.voice is not False else None
    if engine is None and options.voice is not False:
        note("no speech engine found (install espeak-ng); writing the cues only")
    if routine.confirm and engine is None:
        note(f"read the safety notes before you follow it: facelift show {routine.name}")
    lines = spoken_lines(timeline, lead_in=options.lead_in) if engine else []
    notes = opening_lines(routine) if engine else []  # the safety notes, where consent is asked
    opening = [*notes, *intro_lines(timeline)] if engine else []
    bar = Bar(sys.stderr)
    try:
        speech = _speak(engine, [*opening, *(line.text for line in lines)], bar) if engine else {}
        from facelift.output.sound import load_cues

        cues = {name: levels.mono(s) for name, s in load_cues(dict(routine.sounds)).items()}
        first = "Safety notes" if notes else "Introduction"
        track = soundtrack.plan(
            timeline,
            lead_in=options.lead_in,
            cues=cues,
            lines=lines,
            opening=opening,
            speech=speech,
            opening_title=first,
        )
        with _Replacing(options.output) as partial:
            writer = chosen.open(partial, levels.MIX_RATE)
            top = levels.ceiling_amplitude(soundtrack.CEILING)
            pieces = mix(track.placements(options.volume), track.length, chunk=CHUNK, top=top)
            for done, pcm in enumerate(pieces, 1):
                writer.write(pcm)
                bar.update("Writing", done * CHUNK, track.length)
            writer.close()
            if chosen.suffix == ".mp3":
                tag_mp3(partial, routine.title, track.chapters)
            if options.chapters is not None:
                with _Replacing(options.chapters) as text:
                    text.write_text(chapters_text(track.chapters), encoding="utf-8")
    except KeyboardInterrupt:
        raise FaceliftError("stopped; nothing was written") from None
    finally:
        bar.close()
    voice = f"voice: {engine.name}" if engine else "no voice"
    count = len(track.chapters)
    say(
        f"Wrote {options.output} ({format_length(track.seconds)}, "
        f"{wording.plural(count, 'chapter')}, {voice})"
    )


def _check_target(path: Path, *, force: bool) -> None:
    folder = path.parent
    if not folder.exists():
        raise FaceliftError(f"{folder}: no such folder")
    if not folder.is_dir():
        raise FaceliftError(f"{folder}: not a folder")
    if path.is_dir():
        raise FaceliftError(f"{path}: is a folder")
    if path.exists() and not force:
        raise FaceliftError(f"{path} exists; add --force to replace it")


def _speak(engine: SpeechEngine, texts: Iterable[str], bar: Bar) -> dict[str, array.array[int]]:
    """Each distinct line rendered once (or found in the cache, as `start` keeps it)."""
    try:
        spoken = speech_cache.prepare(
            engine, texts, progress=lambda done, total: bar.update("Speaking", done, total)
        )
    except speech_cache.SpeechFailed as error:
        raise FaceliftError(f"{error}; add --no-voice to write the cues only") from None
    return {text: levels.mono(sound) for text, sound in spoken.items()}


class _Replacing:
    """A temporary file beside `target` (same folder, so the rename is atomic) that
    replaces it on a clean exit and is removed on any other."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.partial: Path | None = None

    def __enter__(self) -> Path:
        try:
            handle, name = tempfile.mkstemp(
                dir=self.target.parent, prefix=f".{self.target.name}.", suffix=".part"
            )
        except OSError as error:
            raise FaceliftError(f"{self.target}: cannot write ({error.strerror})") from None
        os.close(handle)
        self.partial = Path(name)
        return self.partial

    def __exit__(self, kind: type[BaseException] | None, error: object, trace: object) -> None:
        assert self.partial is not None
        if kind is None:
            try:
                mask = os.umask(0)
                os.umask(mask)
                self.partial.chmod(0o666 & ~mask)  # as any new file, not mkstemp's 0600
                self.partial.replace(self.target)
                return
            except OSError as failure:
                self.partial.unlink(missing_ok=True)
                raise FaceliftError(f"{self.target}: cannot write ({failure.strerror})") from None
        self.partial.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise FaceliftError(
                f"{self.target}: cannot write ({error.strerror or error})"
            ) from None
