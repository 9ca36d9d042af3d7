"""The sound sink: cue sounds and spoken guidance, played on threads of their own.

`handle()` only puts a job on a queue, so no sound can stall the player's clock. Three lanes
play at once: the rhythm (stroke ticks, the last-seconds count), which must be on the beat;
the chimes, which mark each change on time even while words are still being said; and the
words, in order, each after its own chime. A tick that comes too late
to mean anything is dropped. When a device goes away the sink falls back along the
backend chain, with one warning.

The words are rendered before the session (speech_cache), so speaking costs no time. A
step's instruction is heard whole: its stroke ticks stay silent until the words planned for
it have ended, then keep the step's own beat (the grid from the step's start), so the
rhythm picks up where the instruction leaves off and the step still ends on time.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from facelift.base.resources import sounds_dir
from facelift.format.cues import CUE_NAMES
from facelift.format.wav import Sound, read_wav
from facelift.output.audio import AudioUnavailable, Backend
from facelift.output.spoken import event_line
from facelift.play.player import Event, EventKind
from facelift.play.timeline import CueKind

# The bell marks the moments that need the hands to move; ticks and counts would be noise.
BELL_CUES = (
    CueKind.STEP,
    CueKind.SWITCH,
    CueKind.ROUND,
    CueKind.REST,
    CueKind.REMIND,
    CueKind.FINISH,
)
# How late a sound may start before it is pointless: a tick must be on the beat.
STALE_AFTER = {CueKind.STROKE: 0.25, CueKind.COUNT: 0.25}
STALE_CHIME, STALE_SPEECH = 2.0, 4.0
STALE_INSTRUCTION = 30.0  # a step's own words are worth hearing late; "Next: ..." is not
INSTRUCTING = (CueKind.STEP, CueKind.SWITCH, CueKind.ROUND, CueKind.REST)
HUSH_AFTER = 0.3  # seconds after the instruction before the ticks come back
BREATH = 0.2  # seconds between a chime and its words
INTRO_GAP = 0.6  # seconds between the lines said before the count-in
BELL_SPACING = 1.5  # `sounds` on the bell: seconds from one ring to the next
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
    """A sound waiting on a lane: when it was asked for, and until when it is worth playing."""

    due: float  # when it was asked for, on the monotonic clock
    stale_after: float
    kind: CueKind | None  # None for words
    sound: Sound
    not_before: float = 0.0  # words wait for their chime to ring out


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
                warn(
                    f"sound: a {self.name} sound could not be played "
                    f"({type(error).__name__}: {error}); going on"
                )

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
        speech: Mapping[str, Sound] | None = None,
        volume: int = 100,
        warn: Callable[[str], None] = lambda message: None,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.chain = list(chain)
        self.cues = dict(cues)
        self.speech = dict(speech or {})  # every line the session may say, rendered
        self.volume = volume
        self.sleep = sleep
        self.warn = warn
        self.monotonic = monotonic
        self.muted = False
        self.played: list[str] = []  # what reached a backend, in order, for the tests
        self._rhythm = _Lane("rhythm", self._play_job, warn)
        self._chimes = _Lane("chime", self._play_job, warn)
        self._guide = _Lane("voice", self._play_job, warn)
        self._lanes = (self._rhythm, self._chimes, self._guide)
        self._fallback = threading.Lock()
        self._said_get_ready = False
        self._guide_until = 0.0  # when the guide lane should be done with what it was given
        self._hush_until = 0.0  # stroke ticks are silent until the instruction has been said

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

    # -- events (the player's thread) ---------------------------------------------------------

    def handle(self, event: Event) -> None:
        if event.snapshot.muted != self.muted:
            self.muted = event.snapshot.muted
            if self.muted:
                self._cut()
        if event.kind in (EventKind.STOP, EventKind.SKIP, EventKind.BACK):
            self._cut()  # the person moved on: what was still to say is about the past
            if event.kind is EventKind.STOP:
                return
        if self.muted:
            return
        cue = event.cue
        now = self.monotonic()
        if cue is not None and cue.kind is CueKind.STROKE and now < self._hush_until:
            return  # the instruction is still being said
        words_at = now
        if event.kind is EventKind.CUE and cue is not None and cue.kind.sound is not None:
            sound = self.cues[cue.kind.sound]
            if cue.kind in RHYTHM:
                self._rhythm.jobs.put(_Job(now, STALE_AFTER[cue.kind], cue.kind, sound))
            else:
                self._chimes.jobs.put(_Job(now, STALE_CHIME, cue.kind, sound))
                words_at = now + sound.seconds + BREATH
        if event.kind is EventKind.ADJUST:  # + or -: a soft tick says it was heard
            tick = self.cues["stroke"]
            self._rhythm.jobs.put(_Job(now, STALE_CHIME, CueKind.STROKE, tick))
        if self.speech:
            self._say(event, now, words_at)

    def _say(self, event: Event, now: float, at: float) -> None:
        text = event_line(event)
        if text is None or (event.kind is EventKind.LEAD_IN and self._said_get_ready):
            return
        self._said_get_ready |= event.kind is EventKind.LEAD_IN
        sound = self.speech.get(text)
        if sound is None:  # every line is rendered before the start; this one was not
            return
        instructing = event.cue is not None and event.cue.kind in INSTRUCTING
        stale = STALE_INSTRUCTION if instructing else STALE_SPEECH
        start = max(at, self._guide_until)  # after its chime, and after the words before
        self._guide_until = start + sound.seconds
        self._guide.jobs.put(_Job(now, stale, None, sound, not_before=at))
        if instructing:
            self._hush_until = self._guide_until + HUSH_AFTER

    def _cut(self) -> None:
        """Forget what is queued and stop what is playing."""
        for lane in self._lanes:
            lane.clear()
        self._guide_until = self._hush_until = 0.0
        self.backend.stop()

    def play_now(self, cue: str) -> None:
        """Play one cue to its end, here and now (`facelift sounds`); the bell, which rings
        at once, is spaced so that one cue can be told from the next."""
        began = self.monotonic()
        self._play(CueKind(cue), self.cues[cue])
        if not self.backend.plays_every_cue:
            self.sleep(max(0.0, BELL_SPACING - (self.monotonic() - began)))

    def say_now(self, texts: Sequence[str]) -> None:
        """Say lines one after another, here and now (before the count-in)."""
        for number, text in enumerate(texts):
            sound = self.speech.get(text)
            if sound is None or self.muted:
                continue
            if number:
                self.sleep(INTRO_GAP)
            self._play(None, sound.scaled(self.volume))

    # -- the lanes' threads -------------------------------------------------------------------

    def _play_job(self, job: _Job) -> None:
        wait = job.not_before - self.monotonic()
        if wait > 0:
            self.sleep(wait)
        if self.monotonic() - max(job.due, job.not_before) <= job.stale_after:
            words = job.kind is None  # cues were scaled when loaded; words are scaled here
            self._play(job.kind, job.sound.scaled(self.volume) if words else job.sound)

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
            self.warn(
                f"sound: {failed.name} stopped working ({error}); using {self.backend.name} instead"
            )
            return True
