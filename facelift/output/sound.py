"""The sound sink: cue sounds and spoken guidance, played on threads of their own.

`handle()` only puts a job on a queue, so no sound can stall the player's clock. Two lanes
play at once: the rhythm (stroke ticks, the last-seconds count), which must be on the beat,
and the guide (chimes, then the words), which plays in order. A tick that comes too late
to mean anything is dropped. When a device goes away the sink falls back along the
backend chain, with one warning.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from facelift.base.resources import sounds_dir
from facelift.format.cues import CUE_NAMES
from facelift.format.wav import Sound, read_wav
from facelift.output.audio import AudioUnavailable, Backend
from facelift.output.voice import SpeechEngine, voice_line
from facelift.play.player import Event, EventKind
from facelift.play.timeline import CueKind

# The bell marks the moments that need the hands to move; ticks and counts would be noise.
BELL_CUES = (CueKind.STEP, CueKind.SWITCH, CueKind.ROUND, CueKind.REST, CueKind.FINISH)
# How late a sound may start before it is pointless: a tick must be on the beat.
STALE_AFTER = {CueKind.STROKE: 0.25, CueKind.COUNT: 0.25}
STALE_CHIME, STALE_SPEECH = 2.0, 4.0
DRAIN_SECONDS = 6.0  # the finish chime and its words may play out after the last step


def load_cues(
    overrides: Mapping[str, Path] | None = None, *, volume: int = 100
) -> dict[str, Sound]:
    """The six cue sounds, a routine's own where it has them, at the given volume."""
    chosen = {name: sounds_dir() / f"{name}.wav" for name in CUE_NAMES}
    chosen.update(overrides or {})
    return {name: read_wav(path).scaled(volume) for name, path in chosen.items()}


@dataclass(frozen=True)
class _Job:
    due: float  # when it was asked for, on the monotonic clock
    stale_after: float
    kind: CueKind | None  # None for words
    sound: Sound | None = None
    speech: Future[Sound] | None = None


RHYTHM = (CueKind.STROKE, CueKind.COUNT)


class _Lane:
    """One queue and the thread that plays it, sound after sound. A job that fails is
    reported once (`warn`) and the lane goes on: a bad sound must not silence the rest."""

    def __init__(
        self, name: str, play: Callable[[_Job], None], warn: Callable[[str], None]
    ) -> None:
        self.name = name
        self.jobs: queue.Queue[_Job | None] = queue.Queue()
        self.busy = False
        self._play = play
        self._warn: Callable[[str], None] | None = warn
        self.thread = threading.Thread(target=self._work, name=f"facelift-{name}", daemon=True)

    def _work(self) -> None:
        while (job := self.jobs.get()) is not None:
            self.busy = True
            try:
                self._play(job)
            except Exception as error:  # whatever it was, the next sound may still play
                self._report(error)
            finally:
                self.busy = False

    def _report(self, error: Exception) -> None:
        warn, self._warn = self._warn, None  # once is enough
        if warn is not None:
            with contextlib.suppress(Exception):  # nor may a warning end the lane
                warn(f"sound: a {self.name} sound could not be played "
                     f"({type(error).__name__}: {error}); going on")  # fmt: skip

    def clear(self) -> None:
        try:
            while True:
                self.jobs.get_nowait()
        except queue.Empty:
            pass


class AudioSink:
    def __init__(
        self,
        chain: list[Backend],
        cues: Mapping[str, Sound],
        *,
        voice: SpeechEngine | None = None,
        volume: int = 100,
        warn: Callable[[str], None] = lambda message: None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.chain = list(chain)
        self.cues = dict(cues)
        self.voice = voice
        self.volume = volume
        self.warn = warn
        self.monotonic = monotonic
        self.muted = False
        self.played: list[str] = []  # what reached a backend, in order, for the tests
        self._rhythm = _Lane("rhythm", self._play_job, warn)
        self._guide = _Lane("guide", self._play_job, warn)
        self._lanes = (self._rhythm, self._guide)
        self._fallback = threading.Lock()
        self._speaker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="facelift-voice")
        self._said_get_ready = False

    @property
    def backend(self) -> Backend:
        return self.chain[0]

    def __enter__(self) -> AudioSink:
        for lane in self._lanes:
            lane.thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close(drain=kind is None)

    def close(self, *, drain: bool) -> None:
        """Let what is queued play out (at the end of a routine), or cut it (on a stop)."""
        if not drain:
            self._cut()
        deadline = self.monotonic() + (DRAIN_SECONDS if drain else 1.0)
        for lane in self._lanes:
            lane.jobs.put(None)
        for lane in self._lanes:
            lane.thread.join(max(0.0, deadline - self.monotonic()))
        if any(lane.thread.is_alive() for lane in self._lanes):
            self._cut()
            for lane in self._lanes:
                lane.thread.join(1.0)
        self._speaker.shutdown(wait=False, cancel_futures=True)

    # -- events (the player's thread) ---------------------------------------------------------

    def handle(self, event: Event) -> None:
        if event.snapshot.muted != self.muted:
            self.muted = event.snapshot.muted
            if self.muted:
                self._cut()
        if event.kind is EventKind.STOP:
            self._cut()
            return
        if self.muted:
            return
        cue = event.cue
        if event.kind is EventKind.CUE and cue is not None and cue.kind.sound is not None:
            lane = self._rhythm if cue.kind in RHYTHM else self._guide
            stale = STALE_AFTER.get(cue.kind, STALE_CHIME)
            lane.jobs.put(_Job(self.monotonic(), stale, cue.kind, self.cues[cue.kind.sound]))
        if event.kind is EventKind.ADJUST:  # + or -: a soft tick says it was heard
            tick = self.cues["stroke"]
            self._rhythm.jobs.put(_Job(self.monotonic(), STALE_CHIME, CueKind.STROKE, tick))
        if self.voice is not None:
            self._say(event)

    def _say(self, event: Event) -> None:
        text = voice_line(event)
        if text is None or (event.kind is EventKind.LEAD_IN and self._said_get_ready):
            return
        self._said_get_ready |= event.kind is EventKind.LEAD_IN
        speech = self._speaker.submit(self._render, text)  # words render while the chime rings
        self._guide.jobs.put(_Job(self.monotonic(), STALE_SPEECH, None, speech=speech))

    def _render(self, text: str) -> Sound:
        assert self.voice is not None
        return self.voice.render(text).scaled(self.volume)

    def _cut(self) -> None:
        """Forget what is queued and stop what is playing."""
        for lane in self._lanes:
            lane.clear()
        self.backend.stop()

    def play_now(self, cue: str) -> None:
        """Play one cue to its end, here and now (`facelift sounds`)."""
        self._play(CueKind(cue), self.cues[cue])

    # -- the lanes' threads -------------------------------------------------------------------

    def _play_job(self, job: _Job) -> None:
        sound = job.sound if job.speech is None else self._spoken(job.speech)
        if sound is not None and self.monotonic() - job.due <= job.stale_after:
            self._play(job.kind, sound)

    def _spoken(self, speech: Future[Sound]) -> Sound | None:
        try:
            return speech.result(timeout=STALE_SPEECH)
        except Exception as error:  # any engine failure ends the voice, once
            if self.voice is not None:
                self.warn(f"voice: {self.voice.name} failed ({error}); going on without words")
                self.voice = None
            return None

    def _play(self, kind: CueKind | None, sound: Sound) -> None:
        while True:
            backend = self.backend
            if not backend.plays_every_cue and kind not in BELL_CUES:
                return
            try:
                backend.play(sound)
                self.played.append(kind.value if kind else "words")
                return
            except AudioUnavailable as error:
                if not self._fall_back(backend, error):
                    return

    def _fall_back(self, failed: Backend, error: AudioUnavailable) -> bool:
        """Move on from a backend that failed; False when this sound is simply dropped."""
        with self._fallback:
            if self.backend is not failed:  # the other lane has moved on already
                return True
            if sum(lane.busy for lane in self._lanes) > 1 or len(self.chain) == 1:
                return False  # the device may only be busy with the other lane's sound
            self.chain.pop(0)
            self.warn(f"sound: {failed.name} stopped working ({error}); "
                      f"using {self.backend.name} instead")  # fmt: skip
            return True
