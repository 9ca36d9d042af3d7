"""The voice in a live session, end to end on the real clock: a fake speech engine and a fake
sound player on PATH, each logging what it was given. Every line is rendered before the
count-in (and kept, so the second start renders nothing), the words play through the
player, stroke ticks wait until a step's instruction has been said, and every step still
begins within 50 ms of its plan."""

from __future__ import annotations

import hashlib
import stat
import sys
from pathlib import Path

import pytest

from facelift.base import paths
from facelift.format.routine import Rest, Routine, StrokeCue
from facelift.output import audio, speech_cache
from facelift.output.choices import AudioChoice
from facelift.output.sound import load_cues
from facelift.output.spoken import every_line
from facelift.output.voice import find_engine
from facelift.play.timeline import compile_timeline
from facelift.practice.store import Store
from facelift.shell import session

from .fakes import step
from .rendering import install_fake_voice, said_for

PLAYER = """#!{python}
import hashlib, sys, time, wave
path = sys.argv[-1]
data = open(path, "rb").read()
with wave.open(path) as sound:
    seconds = sound.getnframes() / sound.getframerate()
with open({log!r}, "a") as log:
    log.write(f"{{time.time():.4f}} {{hashlib.sha1(data).hexdigest()}} {{seconds:.3f}}\\n")
time.sleep(seconds)
"""

INSTRUCTION = "Circle slowly with two fingers along the jaw."
ROUTINE = Routine(
    name="voiced",
    title="Voiced",
    prepare=("Wash your hands. Then sit upright.",),
    items=(
        step("Jaw circles", 6.0, strokes=4, tempo=1.5, cue=StrokeCue.STROKES, do=INSTRUCTION),
        Rest(2.0, note="Breathe."),
        step(
            "Temples",
            2.0,
            repeat=2,
            say="Press the temples.",
            round_cues=("At the temples.", "One finger-width higher."),
        ),
    ),
)


@pytest.fixture
def player_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fake speech engine, then a fake `pw-play` (the first player looked for) that logs
    when it began each sound, which sound, and its length, and plays it in real time."""
    install_fake_voice(tmp_path, monkeypatch)
    log = tmp_path / "played.log"
    program = tmp_path / "bin" / "pw-play"
    program.write_text(PLAYER.format(python=sys.executable, log=str(log)))
    program.chmod(program.stat().st_mode | stat.S_IEXEC)
    return log


def played(log: Path) -> list[tuple[float, str, float]]:
    """(start, what, seconds) for each sound, `what` a cue's name, "check" (the moment of
    silence that tries the player before the start) or "words"."""
    names = {hashlib.sha1(s.to_wav()).hexdigest(): n for n, s in load_cues().items()}
    names[hashlib.sha1(audio.TEST_SOUND.to_wav()).hexdigest()] = "check"
    rows = [line.split() for line in log.read_text().splitlines()]
    return [(float(t), names.get(digest, "words"), float(s)) for t, digest, s in rows]


@pytest.mark.slow  # on the real clock, against a player that plays in real time
def test_every_step_begins_on_time_with_the_voice_on(
    player_log: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The title and preparation are said before the count-in; then each step's chime
    sounds within 50 ms of its plan (measured at the player), the record's steps begin
    within 50 ms of plan, and no stroke tick sounds while the instruction is being said."""
    timeline = compile_timeline(ROUTINE)
    options = session.Options(
        lead_in=0, confirmed=True, audio=AudioChoice.SYSTEM, voice=True, journal=False
    )
    assert session.run(timeline, options) == 0
    assert capsys.readouterr().err == ""
    heard = played(player_log)
    chimes = [(t, what) for t, what, _ in heard if what in ("step", "rest", "switch")]
    assert [what for _, what in chimes] == ["step", "rest", "step", "switch"]
    origin = chimes[0][0]
    for (at, what), planned in zip(chimes, [0.0, 6.0, 8.0, 10.0], strict=True):
        assert abs(at - origin - planned) < 0.05, f"{what} at {at - origin:.3f} s, plan {planned}"
    intro = [row for row in heard if row[0] < origin]
    assert [what for _, what, _ in intro] == ["check", "words", "words"]  # title, preparation
    said = next(row for row in heard if row[1] == "words" and row[0] > origin)
    quiet_until = said[0] + said[2]
    assert said[2] == pytest.approx(said_for(f"Jaw circles. Six seconds. {INSTRUCTION}"), abs=0.01)
    ticks = [at - origin for at, what, _ in heard if what == "stroke"]
    assert ticks and all(at + origin > quiet_until for at in ticks)
    assert all(abs(at - round(at / 1.5) * 1.5) < 0.05 for at in ticks)  # on the step's beat
    with Store.open(paths.database_path()) as store:
        (record,) = store.sessions()
    for row in record.steps:
        assert abs(row.actual_start - row.planned_start) < 0.05, row


def test_the_second_start_renders_nothing(player_log: Path, tmp_path: Path) -> None:
    """Rendered speech is kept in the cache folder by text, engine and rate: asking for the
    same lines again runs no speech program."""
    engine = find_engine()
    assert engine is not None and engine.key.endswith("espeak-ng -s 145")
    texts = every_line(compile_timeline(ROUTINE), lead_in=5)
    first = speech_cache.prepare(engine, texts)
    log = tmp_path / "spoken.log"
    assert sorted(log.read_text().splitlines()) == sorted(texts)
    log.write_text("")
    again = speech_cache.prepare(engine, texts)
    assert log.read_text() == ""
    assert again == first
    assert speech_cache.folder() == paths.cache_dir() / "speech"
    assert len(list(speech_cache.folder().glob("*.wav"))) == len(texts)
