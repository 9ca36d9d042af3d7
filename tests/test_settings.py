"""config.toml: settings obeyed by start, resume, sounds and remind, flags winning over them,
and every wrong key or value a located line with a did-you-mean."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from facelift.base.errors import FaceliftError, Problem
from facelift.output.choices import AudioChoice
from facelift.shell import session
from facelift.shell.settings import KEYS, Settings, SettingsError, load, parse

from .conftest import Cli, examples

TWO = "name: two\ntitle: Two\nsafety: [Stop at sharp pain.]\nsteps: [{title: A, duration: 1}]\n"


def problems(text: str | bytes) -> list[str]:
    data = text.encode() if isinstance(text, str) else text
    with pytest.raises(SettingsError) as caught:
        parse(data, shown_as="config.toml")
    return [str(problem) for problem in caught.value.problems]


def test_no_file_means_the_defaults(tmp_path: Path) -> None:
    settings = load(tmp_path / "config.toml")
    assert settings == Settings()
    assert [settings.source(key) for key in KEYS] == ["default"] * len(KEYS)


def test_every_setting_is_read_with_the_line_it_came_from() -> None:
    text = (
        '# mine\nvoice = true\nvolume = 40\nlead_in = 2.5\naudio = "system"\nmute = true\n'
        'journal = false\nremind_at = "7:05"\nshow_notes = "first-time"\n'
    )
    settings = parse(text.encode(), shown_as="config.toml")
    assert settings == Settings(
        True, 40, 2.5, AudioChoice.SYSTEM, True, False, "07:05", "first-time"
    )
    assert settings.source("voice") == "config.toml:2"
    assert settings.source("show_notes") == "config.toml:9"
    assert parse(b"remind_at = 06:30:00\n", shown_as="c").remind_at == "06:30"


def test_every_wrong_key_and_value_is_reported_at_once_with_its_place() -> None:
    """The column is the key's for an unknown key, the value's for a wrong value."""
    assert problems(
        'volume = 150\nvoic = true\n  lead_in = -1\naudio = "sytem"\nmute = "yes"\n'
        'remind_at = "25:00"\nshow_notes = "first"\n"journal" = 1\n'
    ) == [
        "config.toml:1:10: volume: expected a whole number from 0 to 100, got 150",
        "config.toml:2:1: voic: unknown setting; did you mean 'voice'?",
        "config.toml:3:13: lead_in: expected seconds from 0 to 120, got -1",
        "config.toml:4:9: audio: expected one of auto, simpleaudio, system, bell, none, got "
        '"sytem"; did you mean "system"?',
        'config.toml:5:8: mute: expected true or false, got "yes"',
        'config.toml:6:13: remind_at: expected a time of day such as "07:30" (24-hour HH:MM), '
        'got "25:00"',
        'config.toml:7:14: show_notes: expected one of always, first-time, got "first"; '
        'did you mean "first-time"?',
        "config.toml:8:13: journal: expected true or false, got 1",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("volume = \n", "config.toml:1:10: TOML syntax error: Invalid value"),
        ("volume = 5\nvolume = 6\n", "config.toml:2:1: volume: given twice (first on line 1)"),
        (
            "[start]\nvolume = 5\n",
            "config.toml:1:1: start: unknown setting; the settings are "
            "voice, volume, lead_in, audio, mute, journal, remind_at, show_notes",
        ),
        (
            "[volume]\n",
            "config.toml:1:1: volume: expected a whole number from 0 to 100, got a table",
        ),
        ("lead_in = nan\n", "config.toml:1:11: lead_in: expected seconds from 0 to 120, got nan"),
        (
            "volume = true\n",
            "config.toml:1:10: volume: expected a whole number from 0 to 100, got true",
        ),
        (
            'x = """\nvolume = 3\n"""\nvolume = 300\n',
            "config.toml:1:1: x: unknown setting; the "
            "settings are voice, volume, lead_in, audio, mute, journal, remind_at, show_notes",
        ),
        (b'audio = "\xff"\n', "config.toml:1:10: not UTF-8 text; save the file as UTF-8"),
    ],
)
def test_each_mistake_is_one_located_line(text: str | bytes, message: str) -> None:
    assert problems(text)[0] == message


def test_a_key_inside_a_multi_line_string_is_not_taken_for_a_setting() -> None:
    """The position finder skips multi-line strings: the real `volume` is on line 4."""
    assert problems('x = """\nvolume = 3\n"""\nvolume = 300\n')[1] == (
        "config.toml:4:10: volume: expected a whole number from 0 to 100, got 300"
    )


def test_hostile_files_are_refused_in_one_line(tmp_path: Path) -> None:
    big = tmp_path / "config.toml"
    big.write_text("# " + "x" * 70_000)
    with pytest.raises(SettingsError) as caught:
        load(big)
    assert (
        str(caught.value) == f"{big}:1:1: the file is larger than 64 KiB; settings take a few lines"
    )
    folder = tmp_path / "folder.toml"
    folder.mkdir()
    with pytest.raises(FaceliftError) as refused:
        load(folder)
    assert str(refused.value) == f"{folder}: is a folder, not a settings file"


# -- from the command line -----------------------------------------------------------------


def test_config_prints_the_settings_and_where_each_came_from(cli: Cli, home: Path) -> None:
    path = home / "config.toml"
    assert cli("config").out.splitlines()[:3] == [
        f"Settings in force (file: {path}, not written yet)",
        "  voice       false     default",
        "  volume      100       default",
    ]
    path.write_text('volume = 40\nshow_notes = "first-time"\n')
    result = cli("config")
    assert result.out == (
        f"Settings in force (file: {path})\n"
        "  voice       false         default\n"
        f"  volume      40            {path}:1\n"
        "  lead_in     5             default\n"
        '  audio       "auto"        default\n'
        "  mute        false         default\n"
        "  journal     true          default\n"
        '  remind_at   "08:00"       default\n'
        f'  show_notes  "first-time"  {path}:2\n'
        "A flag given to start, resume, sounds or remind wins over these. "
        "To change them: facelift config --edit\n"
    )
    data = json.loads(cli("config", "--json").out)
    assert data["settings"]["volume"] == {"value": 40, "source": f"{path}:1"}
    assert data["settings"]["mute"] == {"value": False, "source": "default"}


def test_a_wrong_setting_stops_every_command_that_reads_it(cli: Cli, home: Path) -> None:
    (home / "config.toml").write_text("volume = 150\nvoic = true\n")
    expected = (
        f"{home / 'config.toml'}:1:10: volume: expected a whole number from 0 to 100, got 150\n"
        f"{home / 'config.toml'}:2:1: voic: unknown setting; did you mean 'voice'?\n"
    )
    for command in (["config"], ["start", "lymphatic"], ["remind", "--ics"], ["sounds"]):
        result = cli(*command)
        assert (result.code, result.out, result.err) == (1, "", expected), command


@pytest.fixture
def played(monkeypatch: pytest.MonkeyPatch) -> list[session.Options]:
    """The options each session would be played with (nothing is played)."""
    seen: list[session.Options] = []

    def run(timeline: Any, options: session.Options, **_: Any) -> int:
        seen.append(options)
        return 0

    monkeypatch.setattr(session, "run", run)
    return seen


def test_start_obeys_the_settings_and_flags_win(
    cli: Cli, home: Path, played: list[session.Options]
) -> None:
    (home / "config.toml").write_text(
        'voice = true\nvolume = 30\nlead_in = 0\naudio = "none"\nmute = true\njournal = false\n'
        'show_notes = "first-time"\n'
    )
    assert cli("start", "lymphatic").code == 0
    assert played[-1] == session.Options(
        lead_in=0.0,
        mute=True,
        audio=AudioChoice.NONE,
        volume=30,
        voice=True,
        journal=False,
        notes="first-time",
    )
    flags = ("--lead-in", "3", "--no-mute", "--audio", "system", "--volume", "90")
    assert cli("start", "lymphatic", *flags, "--no-voice", "--journal", "--yes").code == 0
    assert played[-1] == session.Options(
        lead_in=3.0,
        confirmed=True,
        mute=False,
        audio=AudioChoice.SYSTEM,
        volume=90,
        voice=False,
        journal=True,
        notes="first-time",
    )


def test_without_settings_start_plays_with_the_defaults(
    cli: Cli, played: list[session.Options]
) -> None:
    assert cli("start", "lymphatic").code == 0
    assert played == [session.Options()]


def test_a_setting_that_cannot_work_here_fails_and_a_flag_overrides_it(
    cli: Cli, home: Path
) -> None:
    """audio = "bell" is obeyed (and needs a terminal): the error names the setting, not a
    flag nobody typed, and the flag that overrides it; --audio none wins over it."""
    (home / "routines" / "two.yaml").write_text(TWO)
    (home / "config.toml").write_text('audio = "bell"\nlead_in = 0\n')
    for command in ("start", "two", "--plain"), ("sounds",):
        refused = cli(*command)
        assert refused.code == 1
        assert refused.err == (
            f'Error: audio = "bell" ({home / "config.toml"}:1): needs a terminal to ring; '
            "for this once: --audio none\n"
        )
    assert cli("start", "two", "--plain", "--audio", "none").code == 0
    assert cli("sounds", "--audio", "bell").err == "Error: --audio bell: needs a terminal to ring\n"


def test_show_notes_first_time_shortens_the_notes_after_the_first_session(
    cli: Cli, home: Path
) -> None:
    (home / "routines" / "two.yaml").write_text(TWO)
    (home / "config.toml").write_text('show_notes = "first-time"\naudio = "none"\nlead_in = 0\n')
    first = cli("start", "two", "--plain").out
    assert "Safety:\n  - Stop at sharp pain." in first
    second = cli("start", "two", "--plain").out
    assert "Safety:" not in second
    assert "\nPrepare and safety notes: read them with facelift show two\n" in second


def editor(tmp_path: Path, body: str) -> str:
    script = tmp_path / "editor.sh"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_config_edit_writes_a_commented_file_opens_it_and_checks_it(
    cli: Cli, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = home / "config.toml"
    monkeypatch.setenv("EDITOR", editor(tmp_path, "sed -i 's/^# volume = 100/volume = 70/' \"$1\""))
    result = cli("config", "--edit")
    assert (result.code, result.out) == (0, f"Wrote {path}\nOK  {path}\n")
    assert load(path).volume == 70
    assert "# show_notes = " in path.read_text()
    monkeypatch.setenv("VISUAL", editor(tmp_path, "echo 'volum = 5' >> \"$1\""))
    wrong = cli("config", "--edit")
    assert (wrong.code, wrong.out) == (1, "")
    assert wrong.err == f"{path}:13:1: volum: unknown setting; did you mean 'volume'?\n"


@hyp_settings(max_examples=examples(300), deadline=None)
@given(
    st.binary(max_size=200)
    | st.lists(
        st.tuples(st.sampled_from([*KEYS, "x", "[t]", '"volume"']), st.text(max_size=12)),
        max_size=5,
    ).map(lambda pairs: "\n".join(f"{key} = {value}" for key, value in pairs).encode())
)
def test_any_bytes_give_settings_or_located_problems(data: bytes) -> None:
    """Whatever config.toml holds, it reads as Settings or as located problems, never a crash."""
    found: tuple[Problem, ...] = ()
    try:
        parse(data, shown_as="config.toml")
    except SettingsError as error:
        found = error.problems
    assert all(str(problem).startswith("config.toml:") for problem in found)
