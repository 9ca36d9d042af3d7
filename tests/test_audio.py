"""Sound and voice without a sound card: backends chosen and fallen back along, cues in order,
mute, stale ticks, and the words the voice says."""

from __future__ import annotations

import importlib
import os
import shutil
import stat
import wave
from pathlib import Path

import pytest

from facelift.base.errors import FaceliftError
from facelift.base.wording import number_words, said_length
from facelift.format.routine import Rest, Sides
from facelift.format.wav import Sound
from facelift.output import audio
from facelift.output.audio import AudioUnavailable, Silence, SystemPlayerBackend
from facelift.output.choices import AudioChoice
from facelift.output.sound import AudioSink, load_cues
from facelift.output.spoken import event_line
from facelift.output.spoken import event_line as voice_line
from facelift.play.clock import FakeClock
from facelift.play.player import Event, EventKind, Player, Snapshot
from facelift.play.timeline import Cue, CueKind, compile_timeline

from .fakes import ScriptedKeys, counted, routine, step

CUES = load_cues()
NAME_OF = {sound.frames: name for name, sound in CUES.items()}


class FakeBackend:
    """Plays instantly and remembers what; fails from play number `fail_from` on."""

    plays_every_cue = True

    def __init__(self, name: str = "fake", fail_from: int | None = None) -> None:
        self.name = name
        self.fail_from = fail_from
        self.heard: list[str] = []
        self.stops = 0

    def play(self, sound: Sound) -> None:
        if self.fail_from is not None and len(self.heard) >= self.fail_from:
            raise AudioUnavailable("the device went away")
        self.heard.append(NAME_OF.get(sound.frames, "words"))

    def stop(self) -> None:
        self.stops += 1


def play_through(sink: AudioSink, *items: object, muted: bool = False) -> None:
    """Play a routine on the fake clock into `sink`, then let the sound play out."""
    timeline = compile_timeline(routine(*items))  # type: ignore[arg-type]
    clock = FakeClock()
    with sink:
        Player(
            timeline, clock=clock, keys=ScriptedKeys(clock), sinks=[sink], lead_in=0, muted=muted
        ).play()


def test_every_cue_reaches_the_backend_in_order() -> None:
    """Chimes in the order of the routine; ticks and counts on their own lane, in order too."""
    backend = FakeBackend()
    sink = AudioSink([backend], CUES)
    play_through(sink, counted("A", 4, tempo=2.0, sides=Sides.LEFT_RIGHT), Rest(5))
    guide = [name for name in backend.heard if name not in ("stroke", "count")]
    rhythm = [name for name in backend.heard if name in ("stroke", "count")]
    assert guide == ["step", "switch", "rest", "finish"]
    # each 8 s side: ticks at 2 and 4 s, counts at 5, 6, 7 s (the tick at 6 s gives way)
    assert rhythm == ["stroke", "stroke", "count", "count", "count"] * 2 + ["count"] * 3


def test_plus_and_minus_are_heard_as_a_soft_tick() -> None:
    """Each + or - plays the stroke tick, so a person not looking knows it was taken."""
    backend = FakeBackend()
    sink = AudioSink([backend], CUES)
    timeline = compile_timeline(routine(step("A", 30)))
    snapshot = Snapshot(timeline, 0, 40.0, 1.0, 1.0, 0.0)
    with sink:
        sink.handle(Event(EventKind.ADJUST, snapshot, change=10.0))
        sink.handle(Event(EventKind.ADJUST, snapshot, change=-10.0))
    assert backend.heard == ["stroke", "stroke"]


def test_mute_plays_nothing() -> None:
    backend = FakeBackend()
    play_through(AudioSink([backend], CUES), step("A", 5), muted=True)
    assert backend.heard == []


def test_a_device_that_goes_away_falls_back_once_with_one_warning() -> None:
    """The first backend dies after two sounds; the rest of the session sounds on the next."""
    broken, spare = FakeBackend("first", fail_from=2), FakeBackend("second")
    warnings: list[str] = []
    sink = AudioSink([broken, spare, Silence()], CUES, warn=warnings.append)
    play_through(sink, step("A", 5), step("B", 5))
    assert len(broken.heard) == 2
    assert len(broken.heard) + len(spare.heard) == 9  # 2 chimes, 6 counts, the finish
    assert warnings == ["sound: first stopped working (the device went away); using second instead"]


class CrashingBackend(FakeBackend):
    """Fails with an error no backend is meant to raise, on the sounds named `bad`."""

    def __init__(self, bad: set[str]) -> None:
        super().__init__()
        self.bad = bad

    def play(self, sound: Sound) -> None:
        if NAME_OF.get(sound.frames) in self.bad:
            raise wave.Error("bad frame rate")
        super().play(sound)


def test_a_sound_that_fails_is_reported_once_and_the_others_play_on() -> None:
    """Whatever goes wrong with one sound, its lane lives: one warning, and every other cue
    of the session still sounds."""
    backend = CrashingBackend({"step", "count"})
    warnings: list[str] = []
    sink = AudioSink([backend], CUES, warn=warnings.append)
    play_through(sink, step("A", 5), step("B", 5))
    assert backend.heard == ["finish"]
    assert sorted(warnings) == [
        "sound: a chime sound could not be played (Error: bad frame rate); going on",
        "sound: a rhythm sound could not be played (Error: bad frame rate); going on",
    ]


def test_a_wav_with_no_frame_rate_is_refused_before_the_session(tmp_path: Path) -> None:
    """It would stop the sound in the middle of a session; instead it is a one-line error."""
    path = tmp_path / "odd.wav"
    data = bytearray(CUES["step"].to_wav())
    data[24:28] = bytes(4)  # the frame rate, in the fmt chunk
    path.write_bytes(bytes(data))
    with pytest.raises(FaceliftError) as caught:
        load_cues({"step": path})
    assert str(caught.value) == (
        f"{path}: a rate of 0 frames a second; facelift plays 8000 to 192000"
    )


def test_the_bell_rings_only_for_changes() -> None:
    """No bell for every tick and count: only steps, sides, rests and the end."""
    read_end, write_end = os.pipe()
    sink = AudioSink([audio.BellBackend(write_end)], CUES)
    play_through(sink, counted("A", 5, sides=Sides.LEFT_RIGHT))
    os.close(write_end)
    assert os.read(read_end, 100) == b"\a" * 3  # step, switch, finish
    os.close(read_end)


def test_late_ticks_are_dropped_but_chimes_still_play() -> None:
    """A tick that cannot start within a quarter second of its time means nothing."""
    now = [0.0]
    backend = FakeBackend()
    sink = AudioSink([backend], CUES, monotonic=lambda: now[0])
    snapshot = _snapshot()
    for kind in (CueKind.STEP, CueKind.STROKE, CueKind.COUNT):
        sink.handle(Event(EventKind.CUE, snapshot, Cue(0, kind)))
    now[0] = 1.0  # the audio threads start a second late
    with sink:
        pass
    assert backend.heard == ["step"]


def test_stop_cuts_what_is_queued() -> None:
    backend = FakeBackend()
    sink = AudioSink([backend], CUES)
    snapshot = _snapshot()
    sink.handle(Event(EventKind.CUE, snapshot, Cue(0, CueKind.STEP)))
    sink.handle(Event(EventKind.STOP, snapshot))
    with sink:
        pass
    assert (backend.heard, backend.stops) == ([], 1)


def test_volume_scales_the_samples() -> None:
    """50 % is a quarter of the amplitude (a square law, close to how loudness is heard)."""
    loud = CUES["step"]
    half = load_cues(volume=50)["step"]
    peak = max(
        abs(int.from_bytes(loud.frames[i : i + 2], "little", signed=True))
        for i in range(0, len(loud.frames), 2)
    )
    half_peak = max(
        abs(int.from_bytes(half.frames[i : i + 2], "little", signed=True))
        for i in range(0, len(half.frames), 2)
    )
    assert half_peak == pytest.approx(peak / 4, abs=1)
    assert load_cues(volume=0)["count"].frames == bytes(len(CUES["count"].frames))


def test_a_routine_can_bring_its_own_sound(tmp_path: Path) -> None:
    own = tmp_path / "bell.wav"
    own.write_bytes(CUES["finish"].to_wav())
    assert load_cues({"step": own})["step"].frames == CUES["finish"].frames


# -- choosing a backend -----------------------------------------------------------------------


@pytest.fixture
def nothing_available(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    """No simpleaudio, no player program, no terminal: each test gives back what it needs."""

    def no_module(name: str) -> object:
        raise ImportError(name)

    monkeypatch.setattr(importlib, "import_module", no_module)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setattr(audio, "terminal_fd", lambda: None)
    return monkeypatch


def names(chain: list[audio.Backend]) -> list[str]:
    return [backend.name for backend in chain]


def test_auto_tries_each_backend_in_turn(nothing_available: pytest.MonkeyPatch) -> None:
    """Taking them away one by one: simpleaudio, then a system player, the bell, silence."""
    assert names(audio.choose(AudioChoice.AUTO)) == ["none"]
    nothing_available.setattr(audio, "terminal_fd", lambda: 1)
    assert names(audio.choose(AudioChoice.AUTO)) == ["bell", "none"]
    nothing_available.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    assert names(audio.choose(AudioChoice.AUTO)) == ["system (pw-play)", "bell", "none"]
    nothing_available.setattr(importlib, "import_module", lambda name: object())
    assert names(audio.choose(AudioChoice.AUTO)) == [
        "simpleaudio",
        "system (pw-play)",
        "bell",
        "none",
    ]


def test_the_first_system_player_found_is_used(nothing_available: pytest.MonkeyPatch) -> None:
    nothing_available.setattr(
        shutil, "which", lambda name: "/usr/bin/aplay" if name == "aplay" else None
    )
    (player, _) = audio.choose(AudioChoice.SYSTEM)
    assert isinstance(player, SystemPlayerBackend)
    assert player.command == ("/usr/bin/aplay", "-q")


@pytest.mark.parametrize(
    ("choice", "reason"),
    [
        (
            AudioChoice.SIMPLEAUDIO,
            "simpleaudio is not installed; pip install "
            "'facelift[audio]' (it needs the ALSA headers, libasound2-dev)",
        ),
        (AudioChoice.SYSTEM, "no sound player found (looked for pw-play, paplay, aplay)"),
        (AudioChoice.BELL, "needs a terminal to ring"),
    ],
)
def test_an_explicit_choice_that_cannot_work_says_why(
    nothing_available: pytest.MonkeyPatch, choice: AudioChoice, reason: str
) -> None:
    """The reason and the fix, with the choice; the command says where the choice came from."""
    with pytest.raises(audio.UnusableChoice) as caught:
        audio.choose(choice)
    assert (caught.value.choice, caught.value.reason) == (choice, reason)
    assert str(caught.value) == f"audio {choice}: {reason}"


def test_none_is_always_silence(nothing_available: pytest.MonkeyPatch) -> None:
    assert names(audio.choose(AudioChoice.NONE)) == ["none"]


# -- the system player, for real ----------------------------------------------------------


def fake_player(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "player"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


def test_a_player_that_fails_says_why(tmp_path: Path) -> None:
    player = SystemPlayerBackend((str(fake_player(tmp_path, 'echo "no such device" >&2; exit 1')),))
    with pytest.raises(AudioUnavailable, match=r"system \(player\): no such device"):
        player.play(CUES["count"])


def test_a_player_gets_a_wav_file_of_the_sound(tmp_path: Path) -> None:
    copy = tmp_path / "heard.wav"
    player = SystemPlayerBackend((str(fake_player(tmp_path, f'cp "$1" "{copy}"')),))
    player.play(CUES["rest"])
    assert copy.read_bytes() == CUES["rest"].to_wav()


def test_stop_ends_a_playing_child_without_an_error(tmp_path: Path) -> None:
    """stop() from another thread ends the player; play() returns quietly, the child reaped."""
    import threading

    player = SystemPlayerBackend((str(fake_player(tmp_path, "exec sleep 30")),))
    threading.Timer(0.3, player.stop).start()
    player.play(CUES["finish"])  # returns once stopped, without raising
    assert not player._playing


def test_a_missing_player_program_is_unavailable() -> None:
    player = SystemPlayerBackend(("/nonexistent/player",))
    with pytest.raises(AudioUnavailable, match="/nonexistent/player"):
        player.play(CUES["count"])


# -- the words ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (0, "zero"),
        (7, "seven"),
        (19, "nineteen"),
        (20, "twenty"),
        (45, "forty-five"),
        (100, "one hundred"),
        (120, "one hundred and twenty"),
    ],
)
def test_number_words(number: int, words: str) -> None:
    assert number_words(number) == words


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (1, "One second."),
        (40, "Forty seconds."),
        (60, "One minute."),
        (90, "One minute thirty."),
        (150, "Two minutes thirty."),
    ],
)
def test_said_length(seconds: float, words: str) -> None:
    assert said_length(seconds) == words


def test_the_voice_names_the_side_the_step_and_its_length() -> None:
    """What a person hears with eyes closed, through a whole small routine."""
    timeline = compile_timeline(
        routine(
            step("Masseter circles", 40, sides=Sides.LEFT_RIGHT),
            Rest(15, note="Shake out your hands."),
            step("Temples", 20),
        )
    )
    clock = FakeClock()
    heard: list[str] = []

    class Listener:
        def handle(self, event: Event) -> None:
            line = event_line(event)
            if line:
                heard.append(line)

    Player(timeline, clock=clock, keys=ScriptedKeys(clock), sinks=[Listener()], lead_in=0).play()
    assert heard == [
        "Left side. Masseter circles. Forty seconds.",
        "Switch sides. Right side.",
        "Next: Rest.",
        "Rest. Fifteen seconds. Shake out your hands.",
        "Next: Temples.",
        "Temples. Twenty seconds.",
        "That is the end of the routine. Take a moment before you get up.",
    ]


def test_the_voice_reads_text_from_stdin_never_as_an_option(tmp_path: Path) -> None:
    """A title that starts with '-' is spoken, not taken as a flag: the text goes on stdin."""
    from facelift.output.voice import CommandSpeech

    record = tmp_path / "args"
    script = fake_player(
        tmp_path,
        f'printf "%s\\n" "$@" > "{record}"; cat > "{record}.in"; cp "{tmp_path / "x.wav"}" "$2"',
    )
    (tmp_path / "x.wav").write_bytes(CUES["count"].to_wav())
    engine = CommandSpeech("fake", lambda out: [str(script), "-w", str(out)])
    engine.render("--help; rm -rf /")
    assert (tmp_path / "args.in").read_text() == "--help; rm -rf /"
    assert "--help" not in record.read_text()


def _snapshot() -> Snapshot:
    timeline = compile_timeline(routine(step("A", 5)))
    return Snapshot(timeline, 0, 5.0, 0.0, 0.0, 0.0)


def test_the_voice_says_where_the_hands_go_in_a_round() -> None:
    """A round is said by number, then with its cue from the routine when it has one."""
    from facelift.format.routine import Routine, Step

    timeline = compile_timeline(
        Routine("r", "R", (Step("Brows", 10, repeat=3, round_cues=("Inner.", "Middle.", "")),))
    )
    lines = []
    for index in (1, 2):
        snapshot = Snapshot(timeline, index, 10.0, 0.0, 10.0 * index, 0.0)
        lines.append(voice_line(Event(EventKind.CUE, snapshot, Cue(0.0, CueKind.ROUND))))
    assert lines == ["Round two. Middle.", "Round three."]
