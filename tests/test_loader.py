"""The loader: a good file becomes a Routine; a bad one gets every error, located, at once."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from facelift.base.errors import RoutineError
from facelift.format.loader import load_routine
from facelift.format.routine import Rest, Sides, Step, StrokeCue

from .conftest import WriteRoutine


def errors_of(path: Path) -> list[str]:
    """The error lines the loader gives for a file, without the folder part of the path."""
    with pytest.raises(RoutineError) as caught:
        load_routine(path, shown_as=path.name)
    return [str(problem) for problem in caught.value.problems]


GOOD = """
    facelift: 1
    name: jaw
    title: Jaw release
    part: 3
    summary: A short one.
    prepare: [Wash your hands.]
    safety: [Stop at sharp pain.]
    reflect: [How is your jaw?]
    confirm: false
    defaults:
      pressure: 5
      tempo: 4s
      rest: 5s
    steps:
      - title: Circles
        do: Small circles on the jaw muscle.
        area: Masseter
        strokes: 10
      - title: Hold
        sides: left-right
        duration: 1m30s
        pressure: 3
        repeat: 2
      - rest: 15s
        note: Shake out your hands.
"""


def test_a_good_file_becomes_a_routine_with_defaults_applied(write_routine: WriteRoutine) -> None:
    """Defaults fill what a step leaves out; strokes x tempo gives the time of one side."""
    routine = load_routine(write_routine(GOOD))
    circles, hold, rest = routine.items
    assert (routine.name, routine.title, routine.part) == ("jaw", "Jaw release", 3)
    assert routine.prepare == ("Wash your hands.",)
    assert isinstance(circles, Step) and isinstance(hold, Step) and isinstance(rest, Rest)
    assert (circles.seconds, circles.tempo, circles.pressure) == (40.0, 4.0, 5)
    assert circles.cue is StrokeCue.STROKES  # counted strokes tick by default
    assert (hold.seconds, hold.sides, hold.pressure, hold.repeat) == (
        90.0,
        Sides.LEFT_RIGHT,
        3,
        2,
    )
    assert hold.total_seconds == 360.0  # 90 s x 2 sides x 2 rounds
    assert hold.cue is StrokeCue.NONE
    assert (rest.seconds, rest.note) == (15.0, "Shake out your hands.")
    assert circles.rest_after == 5.0


def test_the_name_defaults_to_the_file_name(write_routine: WriteRoutine) -> None:
    """Without `name:`, the file name is the name, made into a slug."""
    path = write_routine("title: T\nsteps: [{title: A, duration: 5}]\n", name="My Jaw.yaml")
    assert load_routine(path).name == "my-jaw"


def test_numbers_and_texts_both_read_as_durations(write_routine: WriteRoutine) -> None:
    """`45`, `2.5`, `45s`, `1m30s`, `2m` and `1:30` are all durations."""
    steps = "".join(
        f"  - {{title: S{i}, duration: {value}}}\n"
        for i, value in enumerate(["45", "2.5", "45s", "1m30s", "2m", "'1:30'"])
    )
    routine = load_routine(write_routine("title: T\nsteps:\n" + steps))
    assert [getattr(item, "seconds", None) for item in routine.items] == [45, 2.5, 45, 90, 120, 90]


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        pytest.param(
            "title: T\nsteps:\n  - title: A\n    durration: 45s\n",
            [
                "mine.yaml:4:5: steps[1].durration: unknown field 'durration'; did you mean "
                "'duration'?",
            ],
            id="unknown field with a suggestion",
        ),
        pytest.param(
            "title: T\ncolour: blue\nsteps: [{title: A, duration: 5}]\n",
            [
                "mine.yaml:2:1: colour: unknown field 'colour' in the routine; expected one of "
                "facelift, name, title, part, summary, description, prepare, safety, confirm, "
                "reflect, defaults, sounds, tempo_band, steps"
            ],
            id="unknown field without a close one",
        ),
        pytest.param(
            "title: T\ntitle: U\nsteps: [{title: A, duration: 5}]\n",
            ["mine.yaml:2:1: title: duplicate field 'title' (first given on line 1)"],
            id="duplicate key",
        ),
        pytest.param(
            "title: T\nsteps:\n  - title: A\n    duration: fast\n",
            [
                "mine.yaml:4:15: steps[1].duration: expected a duration such as 45s or 1m30s, "
                "got 'fast'"
            ],
            id="bad duration",
        ),
        pytest.param(
            "title: 12\nsteps: [{title: A, duration: 5}]\n",
            ["mine.yaml:1:8: title: expected text (put quotes around it), got a number ('12')"],
            id="number where text belongs",
        ),
        pytest.param(
            "title: T\nsteps: [{title: A, strokes: '10'}]\n",
            ["mine.yaml:2:29: steps[1].strokes: expected a whole number, got text ('10')"],
            id="text where a number belongs",
        ),
        pytest.param(
            "title: T\nconfirm: yes please\nsteps: [{title: A, duration: 5}]\n",
            ["mine.yaml:2:10: confirm: expected true or false, got text ('yes please')"],
            id="text where true or false belongs",
        ),
        pytest.param(
            "title: T\npart: 5\nsteps: [{title: A, duration: 5}]\n",
            ["mine.yaml:2:7: part: must be from 1 to 4, got 5"],
            id="out of bounds",
        ),
        pytest.param(
            "title: T\nsteps: [{title: A, duration: 3h}]\n",
            ["mine.yaml:2:30: steps[1].duration: must be from 1s to 2h, got 3h"],
            id="step too long",
        ),
        pytest.param(
            "title: T\nsteps: [{title: A, duration: 0.5}]\n",
            ["mine.yaml:2:30: steps[1].duration: must be from 1s to 2h, got 0.5s"],
            id="step too short",
        ),
        pytest.param(
            "title: T\nsteps: [{title: A, duration: 5, pressure: hard}]\n",
            [
                "mine.yaml:2:43: steps[1].pressure: expected a number from 0 to 10 (0 is skin "
                "contact only), got 'hard'"
            ],
            id="not one of the choices",
        ),
        pytest.param(
            "title: T\nsteps: [{title: A, duration: 5, sides: left-rigth}]\n",
            [
                "mine.yaml:2:40: steps[1].sides: expected one of both, left-right, right-left, "
                "left, right, got 'left-rigth'; did you mean 'left-right'?"
            ],
            id="a choice with a suggestion",
        ),
        pytest.param(
            "title: T\nsteps: [{title: A, duration: 5, strokes: 3}]\n",
            ["mine.yaml:2:42: steps[1].strokes: give either duration or strokes, not both"],
            id="both duration and strokes",
        ),
        pytest.param(
            "title: T\nsteps: [{title: A}]\n",
            [
                "mine.yaml:2:9: steps[1]: a timed step needs duration (e.g. 45s) or strokes "
                "(e.g. 10), or wait: true to wait for a key"
            ],
            id="neither duration nor strokes",
        ),
        pytest.param(
            "name: My Routine\ntitle: T\nsteps: [{title: A, duration: 5}]\n",
            [
                "mine.yaml:1:7: name: expected a name of lowercase letters, digits and '-' "
                "(like 'my-jaw'), got 'My Routine'"
            ],
            id="name not a slug",
        ),
        pytest.param(
            "facelift: 2\ntitle: T\nsteps: [{title: A, duration: 5}]\n",
            [
                "mine.yaml:1:11: facelift: format version 2 is not supported; this facelift "
                "reads version 1"
            ],
            id="unsupported version",
        ),
        pytest.param(
            "title: T\nsteps:\n  - title: A\n    duration: 5\n   bad: [\n",
            ["mine.yaml:5:4: YAML syntax error: did not find expected '-' indicator"],
            id="YAML syntax error",
        ),
        pytest.param(
            "# nothing but a comment\n",
            ["mine.yaml:1:1: the file is empty; a routine needs at least title and steps"],
            id="empty file",
        ),
        pytest.param(
            "- title: A\n  duration: 5\n",
            [
                "mine.yaml:1:1: expected a mapping of fields (title:, steps:, ...) at the top, "
                "got a list"
            ],
            id="not a mapping at the top",
        ),
        pytest.param(
            "title: T\nsteps: []\n",
            ["mine.yaml:2:8: steps: the list is empty; add at least one step"],
            id="no steps",
        ),
        pytest.param(
            "title: T\n",
            ["mine.yaml:1:1: steps: missing; a routine needs a list of steps"],
            id="steps missing",
        ),
        pytest.param(
            "steps: [{duration: 5}]\n",
            [
                "mine.yaml:1:1: title: missing; every routine and step needs a title",
                "mine.yaml:1:9: steps[1].title: missing; every routine and step needs a title",
            ],
            id="titles missing",
        ),
        pytest.param(
            "title: T\nsteps: [{rest: 5, title: A}]\n",
            [
                "mine.yaml:2:8: steps: only rests; add a timed step (duration or strokes)",
                "mine.yaml:2:19: steps[1].title: unknown field 'title' in a rest; expected one "
                "of rest, note",
            ],
            id="a rest with a step's field",
        ),
        pytest.param(
            "title: T\nsteps: [{title: A, duration: !!python/object:os.system 5}]\n",
            [
                "mine.yaml:2:30: steps[1].duration: expected a duration such as 45s or 1m30s, "
                "got a value tagged 'tag:yaml.org,2002:python/object:os.system' (only plain "
                "YAML is read) ('5')"
            ],
            id="a Python tag",
        ),
        pytest.param(
            "title: !custom T\nsteps: [{title: A, duration: 5}]\n",
            [
                "mine.yaml:1:8: title: expected text (put quotes around it), got a value "
                "tagged '!custom' (only plain YAML is read) ('T')"
            ],
            id="a custom tag",
        ),
        pytest.param(
            "title: T\nsteps: [{title: A, strokes: 1000, tempo: 10s}]\n",
            ["mine.yaml:2:9: steps[1]: 1000 strokes of 10s last 2h46m40s; a step lasts 1s to 2h"],
            id="strokes that last too long",
        ),
        pytest.param(
            "title: T\nsteps:\n" + "  - {title: A, duration: 2h}\n" * 4,
            ["mine.yaml:1:1: steps: the routine lasts 8h; the most is 6h"],
            id="routine too long",
        ),
    ],
)
def test_each_kind_of_error_is_located(
    write_routine: WriteRoutine, yaml_text: str, expected: list[str]
) -> None:
    """Every error reads `file:line:col: field.path: message`, in the order of the file."""
    assert errors_of(write_routine(yaml_text)) == expected


def test_every_error_in_a_file_is_reported_at_once(write_routine: WriteRoutine) -> None:
    """A file with five mistakes gets five lines, not one at a time."""
    path = write_routine(
        """
        title: T
        part: 0
        defaults: {pressure: lite}
        steps:
          - {title: A, duration: fast}
          - {title: B, strokes: -1}
          - 42
        """
    )
    assert [line.split(": ")[1] for line in errors_of(path)] == [
        "part",
        "defaults.pressure",
        "steps[1].duration",
        "steps[2].strokes",
        "steps[3]",
    ]


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    """A Latin-1 file points at the first byte that is not UTF-8."""
    path = tmp_path / "mine.yaml"
    path.write_bytes(b"title: Caf\xe9\nsteps: []\n")
    assert errors_of(path) == ["mine.yaml:1:11: not UTF-8 text (byte 0xe9); save the file as UTF-8"]


def test_a_file_over_one_mebibyte_is_refused_unread(tmp_path: Path) -> None:
    """The size is checked before any YAML is parsed."""
    path = tmp_path / "mine.yaml"
    path.write_bytes(b"# " + b"x" * (1024 * 1024) + b"\n")
    assert errors_of(path) == [
        "mine.yaml:1:1: the file is larger than 1 MiB; a routine is far smaller"
    ]


def test_sound_files_are_checked(write_routine: WriteRoutine, tmp_path: Path) -> None:
    """A `sounds:` entry must name a readable WAV next to the routine; a wrong cue is unknown."""
    (tmp_path / "notwav.wav").write_text("hello")
    path = write_routine(
        """
        title: T
        sounds:
          step: missing.wav
          switch: notwav.wav
          bell: x.wav
        steps: [{title: A, duration: 5}]
        """
    )
    assert errors_of(path) == [
        "mine.yaml:3:9: sounds.step: missing.wav: no such file",
        "mine.yaml:4:11: sounds.switch: notwav.wav: not a WAV file (PCM .wav expected)",
        "mine.yaml:5:3: sounds.bell: unknown field 'bell' in sounds; expected one of step, "
        "switch, stroke, count, rest, finish",
    ]


def test_a_sound_must_be_16_bit(write_routine: WriteRoutine, tmp_path: Path) -> None:
    """An 8-bit WAV is refused when the file is checked, not later when it would play."""
    import wave

    with wave.open(str(tmp_path / "old.wav"), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(8000)
        out.writeframes(bytes(800))
    path = write_routine("title: T\nsounds: {step: old.wav}\nsteps: [{title: A, duration: 5}]\n")
    assert errors_of(path) == [
        "mine.yaml:2:16: sounds.step: old.wav: 8-bit sound; facelift plays 16-bit PCM WAV files"
    ]


def test_a_negative_duration_says_what_was_written(write_routine: WriteRoutine) -> None:
    path = write_routine("title: T\nsteps: [{title: A, duration: -5}]\n")
    assert errors_of(path) == ["mine.yaml:2:30: steps[1].duration: must be from 1s to 2h, got -5s"]


def test_a_tab_is_named_as_the_problem(write_routine: WriteRoutine) -> None:
    """Whatever the parser's words, a tab where indentation belongs is called a tab."""
    path = write_routine("title: Tab\nsteps:\n\t- title: A\n")
    assert errors_of(path) == [
        "mine.yaml:3:1: YAML syntax error: a tab character; indent with spaces"
    ]


def write_wav(path: Path, *, rate: int = 8000, channels: int = 1) -> Path:
    """A short 16-bit WAV; a rate the wave module will not write is patched into its header."""
    import struct
    import wave

    with wave.open(str(path), "wb") as out:
        out.setnchannels(max(1, channels))
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(bytes(1600 * max(1, channels)))
    data = bytearray(path.read_bytes())
    struct.pack_into("<HI", data, 22, channels, rate)  # fmt chunk: channels, frame rate
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize(
    ("rate", "channels", "problem"),
    [
        (0, 1, "a rate of 0 frames a second; facelift plays 8000 to 192000"),
        (1_000_000, 1, "a rate of 1000000 frames a second; facelift plays 8000 to 192000"),
        (8000, 3, "3 channels; facelift plays mono or stereo"),
    ],
)
def test_a_sound_that_cannot_play_is_refused_when_checked(
    write_routine: WriteRoutine, tmp_path: Path, rate: int, channels: int, problem: str
) -> None:
    """Not later, when it would stop the sound in the middle of a session."""
    write_wav(tmp_path / "odd.wav", rate=rate, channels=channels)
    path = write_routine("title: T\nsounds: {step: odd.wav}\nsteps: [{title: A, duration: 5}]\n")
    assert errors_of(path) == [f"mine.yaml:2:16: sounds.step: odd.wav: {problem}"]


@pytest.mark.skipif(sys.platform == "win32", reason="links and /dev are POSIX")
@pytest.mark.parametrize(
    ("given", "problem"),
    [
        ("/dev/tty", "an absolute path; give one inside the routine's folder"),
        ("../outside.wav", "'..' leads out of the routine's folder; keep sounds inside it"),
        ("sub/../../outside.wav", "'..' leads out of the routine's folder; keep sounds inside it"),
        ("link.wav", "a link out of the routine's folder; keep sounds inside it"),
        ("zero.wav", "a link out of the routine's folder; keep sounds inside it"),
        ("fifo.wav", "not a regular file (a device, a pipe or a socket)"),
        ("sub", "is a folder"),
    ],
)
def test_a_sound_stays_a_plain_file_in_the_routines_folder(
    write_routine: WriteRoutine, tmp_path: Path, given: str, problem: str
) -> None:
    """A shared routine cannot make facelift open a device, wait on a pipe (a FIFO would
    block every command), or read a file outside its own folder."""
    folder = tmp_path / "routines"
    (folder / "sub").mkdir(parents=True)
    write_wav(tmp_path / "outside.wav")
    (folder / "link.wav").symlink_to(tmp_path / "outside.wav")
    (folder / "zero.wav").symlink_to("/dev/zero")
    os.mkfifo(folder / "fifo.wav")
    text = f"title: T\nsounds: {{step: '{given}'}}\nsteps: [{{title: A, duration: 5}}]\n"
    path = write_routine(text, folder=folder)
    assert errors_of(path) == [f"mine.yaml:2:16: sounds.step: {given}: {problem}"]


def test_a_sound_in_a_sub_folder_or_through_a_link_inside_is_fine(
    write_routine: WriteRoutine, tmp_path: Path
) -> None:
    (tmp_path / "my-sounds").mkdir()
    bowl = write_wav(tmp_path / "my-sounds" / "bowl.wav")
    (tmp_path / "bell.wav").symlink_to(bowl)
    path = write_routine(
        "title: T\nsounds: {step: my-sounds/bowl.wav, finish: bell.wav}\n"
        "steps: [{title: A, duration: 5}]\n"
    )
    real = bowl.resolve()
    assert dict(load_routine(path).sounds) == {"step": real, "finish": real}


def test_a_routine_of_rests_only_is_refused(write_routine: WriteRoutine) -> None:
    """It would have nothing to play: refused here, not by `start` later."""
    path = write_routine("title: T\nsteps:\n  - rest: 5s\n  - rest: 10s\n")
    assert errors_of(path) == [
        "mine.yaml:3:3: steps: only rests; add a timed step (duration or strokes)"
    ]


def test_more_steps_than_any_routine_needs_are_refused_unread(write_routine: WriteRoutine) -> None:
    path = write_routine("title: T\nsteps:\n" + "  - {title: A, duration: 1s}\n" * 2001)
    assert errors_of(path) == [
        "mine.yaml:3:3: steps: 2,001 entries; a routine has at most 2,000 steps and rests"
    ]


def test_errors_under_a_misspelled_field_are_reported_at_once(write_routine: WriteRoutine) -> None:
    """`defautls` is surely `defaults`: what is inside it is checked as such, on this run."""
    path = write_routine(
        "title: T\ndefautls:\n  pressure: lite\nsteps: [{title: A, duration: 5}]\n"
    )
    assert errors_of(path) == [
        "mine.yaml:2:1: defautls: unknown field 'defautls'; did you mean 'defaults'?",
        "mine.yaml:3:13: defaults.pressure: expected a number from 0 to 10 (0 is skin contact "
        "only), got 'lite'; did you mean 'light' (3)?",
    ]


def test_a_field_only_somewhat_like_another_is_not_read_as_it(write_routine: WriteRoutine) -> None:
    """`rets` may be `repeat` or not: it is named as unknown, and its value left alone."""
    path = write_routine("title: T\nsteps: [{title: A, duration: 5, rets: 10s}]\n")
    assert errors_of(path) == [
        "mine.yaml:2:33: steps[1].rets: unknown field 'rets'; did you mean 'repeat'?"
    ]
