"""Help and usage errors read like the README: words for values, whole sentences, and each bad
value named in the program's own voice, never a type's notation or a validator's message."""

from __future__ import annotations

import re
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from facelift.base.wording import first_sentence
from facelift.cli import app
from facelift.cli.types import audio_option, number, one_of
from facelift.output import audio
from facelift.output.choices import AUDIO_WORDS, AudioChoice

from .conftest import Cli

LEAKS = (
    "<str>",
    "<float range>",
    "<int range>",
    "list[str]",
    "x>=",
    "<=x",
    "Input should",
    "Value error",
    "RANGE",
    "INTEGER",
    "FLOAT",
    "TEXT",
)


def command_paths(group: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and sub-command, as the words that call it."""
    paths = [path]
    for name, command in getattr(group, "commands", {}).items():
        paths += command_paths(command, (*path, name))
    return paths


EVERY_COMMAND = command_paths(typer.main.get_command(app))


def test_the_walk_finds_every_command() -> None:
    """The walk below covers the top level and each command (so it cannot pass on nothing)."""
    assert {p[0] for p in EVERY_COMMAND if p} >= {"list", "show", "validate", "start", "resume"}


@pytest.mark.parametrize("path", EVERY_COMMAND, ids=lambda p: " ".join(p) or "facelift")
def test_no_help_shows_type_notation(cli: Cli, path: tuple[str, ...]) -> None:
    """No `<str>`, `<float range>`, `[x>=0.1]` or `list[str]` in any help: only words."""
    result = cli(*path, "--help")
    assert result.code == 0
    leaked = [leak for leak in LEAKS if leak in result.out]
    assert leaked == [], result.out
    assert not re.search(r"<[a-z][^>]*>|\{[A-Za-z.]+\}", result.out), result.out


def test_each_command_in_the_list_is_one_whole_sentence(cli: Cli) -> None:
    """The list of commands gives each command's first sentence whole, never cut with `...`."""
    listed = cli("--help").out.split("Commands:\n", 1)[1]
    entries = re.split(r"\n  (?=\S)", "\n" + listed.rstrip())[1:]
    group = typer.main.get_command(app)
    assert len(entries) == len(group.commands)  # type: ignore[attr-defined]
    for entry in entries:
        name, text = entry.split(maxsplit=1)
        command = group.commands[name]  # type: ignore[attr-defined]
        assert " ".join(text.split()) == first_sentence(command.help)
        assert text.endswith(".") and "..." not in text


def test_usage_names_values_as_words(cli: Cli) -> None:
    """`NAME`, `FILE...`, `N`, `0-100`: what the README writes."""
    assert cli("show", "--help").out.startswith("Usage: facelift show [OPTIONS] NAME\n")
    assert cli("validate", "--help").out.startswith("Usage: facelift validate [OPTIONS] FILE...\n")
    start = cli("start", "--help").out
    for option in (
        "--minutes N ",
        "--from-step K ",
        "--lead-in SECONDS ",
        "--volume 0-100 ",
        "--audio auto|simpleaudio|system|bell|none\n",
    ):
        assert option in start
    assert "--part N " in cli("list", "--help").out
    assert "-o, --output FILE " in cli("journal", "--help").out
    assert "--from ROUTINE " in cli("new", "--help").out
    assert "-o, --output FILE " in cli("render", "--help").out
    assert "--from YYYY-MM-DD " in cli("plan", "start", "--help").out
    assert cli("plan", "show", "--help").out.startswith(
        "Usage: facelift plan show [OPTIONS] NAME\n"
    )


def test_resume_describes_its_own_lead_in(cli: Cli) -> None:
    """`resume` goes on from a later step, so its lead-in is not "before step 1"."""
    assert "before step 1" in cli("start", "--help").out
    resume = " ".join(cli("resume", "--help").out.split())
    assert "before step 1" not in resume
    assert "Seconds to get ready before the step you go on from [5]." in resume


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["start", "x", "--volume", "101"], "--volume: expected a number from 0 to 100, got 101"),
        (["start", "x", "--volume", "loud"], "--volume: expected a number from 0 to 100, got loud"),
        (
            ["start", "x", "--volume", "5.5"],
            "--volume: expected a whole number from 0 to 100, got 5.5",
        ),
        (
            ["start", "x", "--audio", "loud"],
            "--audio: expected auto, simpleaudio, system, bell or none, got loud",
        ),
        (["start", "x", "--minutes", "0"], "--minutes: expected a number of 0.1 or more, got 0"),
        (
            ["start", "x", "--minutes", "nan"],
            "--minutes: expected a number of 0.1 or more, got nan",
        ),
        (["start", "x", "--from-step", "0"], "--from-step: expected a number of 1 or more, got 0"),
        (["start", "x", "--lead-in", "121"], "--lead-in: expected a number from 0 to 120, got 121"),
        (["resume", "--lead-in", "-1"], "--lead-in: expected a number from 0 to 120, got -1"),
        (["sounds", "--volume", "200"], "--volume: expected a number from 0 to 100, got 200"),
        (["list", "--part", "5"], "--part: expected a number from 1 to 4, got 5"),
        (["journal", "--export", "pdf"], "--export: expected markdown, got pdf"),
        (
            ["render", "x", "-o", "x.wav", "--volume", "101"],
            "--volume: expected a number from 0 to 100, got 101",
        ),
        (
            ["render", "x", "-o", "x.wav", "--minutes", "0"],
            "--minutes: expected a number of 0.1 or more, got 0",
        ),
    ],
)
def test_a_bad_value_is_named_in_plain_words(cli: Cli, args: list[str], message: str) -> None:
    """A usage error (status 2) with the usage line, then one sentence about the value."""
    result = cli(*args)
    assert result.code == 2
    command = args[0]
    assert result.err.startswith(f"Usage: facelift {command} [OPTIONS]")
    assert result.err.endswith(f"\n\nError: {message}\n")


def test_good_values_are_read_as_numbers_and_words() -> None:
    """What the commands receive: floats, whole numbers, and the word itself."""
    assert number(0, 120)("2.5") == 2.5
    assert number(0, 100, whole=True)("100") == 100
    assert isinstance(number(0, 100, whole=True)("40.0"), int)
    assert number(0.1)(5) == 5.0  # a default, given as a number
    assert one_of(AUDIO_WORDS)("bell") == "bell"


def test_each_audio_word_is_read_as_the_choice_the_backends_act_on() -> None:
    """One list of choices: the command line shows and reads it, and hands on the enum."""
    option = audio_option("How cues sound.")
    assert option.metavar == "auto|simpleaudio|system|bell|none"
    assert [option.parser(word) for word in AUDIO_WORDS] == list(AudioChoice)
    assert [backend.name for backend in audio.choose(option.parser("none"))] == ["none"]


@pytest.mark.parametrize(
    ("line", "offered"),
    [
        ("facelift start x --audio s", ["simpleaudio", "system"]),
        ("facelift show ly", ["lymphatic"]),
    ],
)
def test_values_still_complete_in_the_shell(line: str, offered: list[str]) -> None:
    """Tab completion offers the audio words and routine names, as bash asks for them."""
    env = {
        "_FACELIFT_COMPLETE": "complete_bash",
        "COMP_WORDS": line,
        "COMP_CWORD": str(len(line.split()) - 1),
    }
    result = CliRunner().invoke(app, [], env=env, prog_name="facelift")
    assert (result.exit_code, result.stdout.split()) == (0, offered)


def test_first_sentence_keeps_the_whole_sentence() -> None:
    """A docstring's first sentence, on one line, however long."""
    doc = "Play a routine: a live countdown,\n    cues and strokes. Keys: space pause."
    assert first_sentence(doc) == "Play a routine: a live countdown, cues and strokes."


def _run(command: Any, args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[Any, ...]:
    with pytest.raises(SystemExit) as exit:
        command(args=args, prog_name="facelift")
    said = capsys.readouterr()
    return exit.value.code or 0, said.out, said.err


@pytest.mark.parametrize(
    "args",
    [
        ["show", "--help"],
        ["start", "--help"],
        ["start", "x", "--volume", "101"],
        ["plan", "--help"],
        ["plan", "show", "--help"],
        ["shwo"],
        [],
    ],
    ids=str,
)
def test_running_builds_only_the_command_asked_for_and_says_the_same(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    """`facelift show ...` builds one command, yet its help and errors are the whole tree's."""
    whole = typer.main.get_command(app)
    assert _run(app, args, capsys) == _run(whole, args, capsys)
    registered = len(app.registered_commands) + len(app.registered_groups)
    assert registered == len(whole.commands)  # type: ignore[attr-defined]


def test_only_the_command_asked_for_is_built(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typer reads one command's signature for `facelift show --help`, all of them for `--help`."""
    built: list[str] = []
    build = typer.main.get_command_from_info

    def counting(*args: Any, **settings: Any) -> Any:
        info = args[0] if args else settings["command_info"]
        built.append(info.callback.__name__)
        return build(*args, **settings)

    monkeypatch.setattr(typer.main, "get_command_from_info", counting)
    _run(app, ["show", "--help"], capsys)
    assert built == ["show"]
    _run(app, ["--help"], capsys)
    groups = [g.typer_instance for g in app.registered_groups if g.typer_instance]
    plans = [getattr(c.callback, "__name__", "") for g in groups for c in g.registered_commands]
    assert len(built) == 1 + len(app.registered_commands) + len(plans)
    built.clear()
    _run(app, ["plan", "show", "--help"], capsys)
    assert built == plans  # the plan commands, none of the others
