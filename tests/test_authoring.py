"""Writing your own routines: new, edit, gentle warnings and tab completion."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from facelift.commands import authoring
from facelift.format.advice import advise
from facelift.format.library import Library
from facelift.format.loader import STEP_FIELDS, TOP_FIELDS, load_routine

from .conftest import Cli, WriteRoutine


def test_new_writes_a_starter_that_validates_and_names_the_schema(
    cli: Cli, user_routines: Path
) -> None:
    result = cli("new", "my-jaw")
    path = user_routines / "my-jaw.yaml"
    assert (result.code, result.out) == (0, f"{path}\n")
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=./facelift-routine.schema.json\n")
    assert (user_routines / "facelift-routine.schema.json").is_file()
    check = cli("validate", str(path))
    assert (check.code, check.out, check.err) == (0, f"OK  {path}\n", "")
    assert cli("show", "my-jaw").code == 0


def test_the_starter_teaches_every_field(cli: Cli, user_routines: Path) -> None:
    """Each field of the format appears once in the starter, with a comment beside it."""
    cli("new", "teach")
    text = (user_routines / "teach.yaml").read_text()
    for field in {*TOP_FIELDS, *STEP_FIELDS, "rest", "note", "include"}:
        assert f"{field}:" in text, field
    assert "#" in next(line for line in text.splitlines() if line.startswith("defaults:"))


def test_new_from_copies_a_routine_keeping_its_includes(cli: Cli, user_routines: Path) -> None:
    result = cli("new", "my-full", "--from", "full")
    assert result.code == 0, result.err
    copy = (user_routines / "my-full.yaml").read_text()
    assert "name: my-full" in copy and "- include: lymphatic" in copy
    routine = Library.default().open("my-full")
    assert routine.title == "Full Session (my-full)" and routine.confirm


def test_a_copy_under_another_name_has_a_title_of_its_own(cli: Cli) -> None:
    """Two rows titled "Buccal Massage" in `list` could not be told apart."""
    assert cli("new", "jaw2", "--from", "buccal").code == 0
    titles = {item["name"]: item["title"] for item in json.loads(cli("list", "--json").out)}
    assert (titles["buccal"], titles["jaw2"]) == ("Buccal Massage", "Buccal Massage (jaw2)")


@pytest.mark.parametrize(
    ("title_yaml", "copied"),
    [
        ("title: Jaw", "title: Jaw (two)\n"),
        ("title: 'Jaw: slow'", 'title: "Jaw: slow (two)"\n'),
        ('title: "Jaw # one"', 'title: "Jaw # one (two)"\n'),
        ("title: >-\n  Jaw\n  work", "title: Jaw work (two)\n"),
        ("title: |-\n  Jaw", "title: Jaw (two)\n"),
    ],
)
def test_the_title_is_rewritten_whatever_its_style(
    cli: Cli, user_routines: Path, write_routine: WriteRoutine, title_yaml: str, copied: str
) -> None:
    """Quoted, folded or literal, the copy's title is one clean line and the file still loads."""
    path = write_routine(f"{title_yaml}\nsteps: [{{title: A, duration: 5}}]\n", name="one.yaml")
    assert cli("new", "two", "--from", str(path)).code == 0
    text = (user_routines / "two.yaml").read_text()
    assert copied in text
    assert text.endswith("\nsteps: [{title: A, duration: 5}]\n")
    assert load_routine(user_routines / "two.yaml").title == copied[7:].strip().strip('"')


def test_a_copy_reads_at_most_a_routine_s_worth(
    cli: Cli, user_routines: Path, tmp_path: Path
) -> None:
    """A huge source (like `--from /dev/zero`) is refused after 1 MiB, as any routine is."""
    huge = tmp_path / "huge.yaml"
    huge.write_text("title: Huge\n" + "#" * (1024 * 1024) + "\nsteps: [{title: A, duration: 5}]\n")
    result = cli("new", "zz", "--from", str(huge))
    assert (result.code, result.err) == (
        1,
        f"{huge}:1:1: the file is larger than 1 MiB; a routine is far smaller\n",
    )
    assert list(user_routines.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="/dev/zero and FIFOs are POSIX")
def test_new_from_something_that_is_not_a_file_is_refused_unread(
    cli: Cli, user_routines: Path, tmp_path: Path
) -> None:
    """/dev/zero would fill the memory, a FIFO would wait for ever: neither is read."""
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    for source in ("/dev/zero", str(fifo)):
        result = cli("new", "zz", "--from", source)
        assert (result.code, result.err) == (
            1,
            f"Error: {source}: not a regular file (a device, a pipe or a socket)\n",
        )
    assert list(user_routines.iterdir()) == []


def test_new_from_a_file_too_large_or_not_utf8_is_refused(
    cli: Cli, user_routines: Path, tmp_path: Path
) -> None:
    """A copy is read like any routine file: bounded, UTF-8, and told with the file's place."""
    large, latin = tmp_path / "large.yaml", tmp_path / "latin.yaml"
    large.write_bytes(b"# " + b"x" * 1024 * 1024)
    latin.write_bytes(b"title: Caf\xe9\nsteps: [{title: A, duration: 5}]\n")
    assert cli("new", "zz", "--from", str(large)).err == (
        f"{large}:1:1: the file is larger than 1 MiB; a routine is far smaller\n"
    )
    assert cli("new", "zz", "--from", str(latin)).err == (
        f"{latin}:1:11: not UTF-8 text (byte 0xe9); save the file as UTF-8\n"
    )
    assert list(user_routines.iterdir()) == []


def test_new_refuses_a_name_that_is_not_a_slug(cli: Cli, user_routines: Path) -> None:
    result = cli("new", "My Jaw")
    assert (result.code, result.err) == (
        1,
        "Error: 'My Jaw' cannot be a routine name: use lowercase letters, digits and '-', "
        "like my-jaw\n",
    )
    assert list(user_routines.iterdir()) == []


def test_new_never_overwrites(cli: Cli, user_routines: Path) -> None:
    (user_routines / "mine.yaml").write_text("title: Keep me\nsteps: [{title: A, duration: 5}]\n")
    result = cli("new", "mine")
    assert result.code == 1
    assert result.err == (
        f"Error: {user_routines / 'mine.yaml'} exists already; edit it with: facelift edit mine\n"
    )
    assert "Keep me" in (user_routines / "mine.yaml").read_text()


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Editing needs a terminal; these tests stand in for one (tests/test_edges.py runs a
    real one in a pty)."""
    monkeypatch.setattr(authoring, "in_terminal", lambda: True)


def editor(tmp_path: Path, body: str) -> str:
    """An $EDITOR that runs a shell snippet on the file it is given ($1)."""
    script = tmp_path / "editor.sh"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def test_edit_opens_the_editor_then_checks_the_file(
    cli: Cli, user_routines: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terminal: None
) -> None:
    cli("new", "mine")
    monkeypatch.setenv(
        "EDITOR", editor(tmp_path, "sed -i 's/^title: .*/title: Evening jaw/' \"$1\"")
    )
    result = cli("edit", "mine")
    assert (result.code, result.out) == (0, f"OK  {user_routines / 'mine.yaml'}\n")
    assert load_routine(user_routines / "mine.yaml").title == "Evening jaw"


def test_edit_shows_the_errors_when_the_editor_closes(
    cli: Cli, user_routines: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terminal: None
) -> None:
    """The errors are printed; not going back to fix them (here: no answer) is status 1."""
    cli("new", "mine")
    monkeypatch.setenv(
        "VISUAL", editor(tmp_path, "sed -i 's/duration: 45s/duration: fast/' \"$1\"")
    )
    result = cli("edit", "mine")
    assert result.code == 1
    assert "steps[3].duration: expected a duration such as 45s or 1m30s, got 'fast'" in result.err


def test_editing_a_built_in_edits_your_own_copy(
    cli: Cli, user_routines: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terminal: None
) -> None:
    monkeypatch.setenv("EDITOR", editor(tmp_path, "sed -i 's/^title: .*/title: My buccal/' \"$1\""))
    result = cli("edit", "buccal")
    copy = user_routines / "buccal.yaml"
    assert (result.code, result.out) == (
        0,
        f"Copied the built-in buccal to {copy}; once changed, it is used in its place.\n"
        f"OK  {copy}\n",
    )
    entry = Library.default().find("buccal")
    assert (entry.source, entry.overrides) == ("user", True)
    assert entry.routine is not None and entry.routine.title == "My buccal"


def test_a_copy_of_a_built_in_left_unchanged_is_removed(
    cli: Cli, user_routines: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terminal: None
) -> None:
    """Closing the editor without a change keeps the built-in in use (and its updates)."""
    monkeypatch.setenv("EDITOR", editor(tmp_path, "true"))
    result = cli("edit", "lymphatic")
    copy = user_routines / "lymphatic.yaml"
    assert (result.code, result.out) == (
        0,
        f"Copied the built-in lymphatic to {copy}; once changed, it is used in its place.\n"
        f"OK  {copy}\n"
        "Nothing changed, so the copy is removed; the built-in lymphatic is used.\n",
    )
    assert not copy.exists()
    assert Library.default().find("lymphatic").source == "built-in"


@pytest.mark.parametrize(
    ("body", "how"), [("exit 3", "exit status 3"), ('kill -TERM "$$"', "stopped by SIGTERM")]
)
def test_an_editor_that_fails_is_an_error(
    cli: Cli,
    user_routines: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    terminal: None,
    body: str,
    how: str,
) -> None:
    """Its failure is told, with status 1; a copy it never changed is not left behind."""
    script = editor(tmp_path, body)
    monkeypatch.setenv("EDITOR", script)
    result = cli("edit", "buccal")
    copy = user_routines / "buccal.yaml"
    assert (result.code, result.err) == (
        1,
        f"Error: the editor {script} failed ({how}); {copy} was not checked\n",
    )
    assert result.out.endswith("the copy is removed; the built-in buccal is used.\n")
    assert not copy.exists()


def test_an_editor_that_fails_after_a_change_keeps_the_change(
    cli: Cli, user_routines: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terminal: None
) -> None:
    """What the person wrote is theirs, even when the editor then exits with an error."""
    monkeypatch.setenv("EDITOR", editor(tmp_path, 'echo "# my note" >> "$1"; exit 1'))
    result = cli("edit", "buccal")
    assert result.code == 1
    assert (user_routines / "buccal.yaml").read_text().endswith("# my note\n")


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        (
            "EDITOR",
            'vim "',
            'Error: $EDITOR cannot be read as a command (No closing quotation): vim "',
        ),
        (
            "VISUAL",
            "code '--wait",
            "Error: $VISUAL cannot be read as a command (No closing quotation): code '--wait",
        ),
    ],
)
def test_an_editor_command_that_cannot_be_read_is_one_line(
    cli: Cli,
    user_routines: Path,
    monkeypatch: pytest.MonkeyPatch,
    terminal: None,
    variable: str,
    value: str,
    message: str,
) -> None:
    """Said before anything is written: no copy of the built-in is left behind."""
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv(variable, value)
    result = cli("edit", "buccal")
    assert (result.code, result.out, result.err) == (1, "", message + "\n")
    assert list(user_routines.iterdir()) == []


def test_editing_needs_a_terminal(
    cli: Cli, user_routines: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without one (here CliRunner's pipes) no editor is started and nothing is written."""
    started = tmp_path / "started"
    monkeypatch.setenv("EDITOR", editor(tmp_path, f"touch {started}"))
    cli("new", "mine")
    for args in (["edit", "mine"], ["edit", "buccal"], ["new", "other", "--edit"]):
        result = cli(*args)
        assert (result.code, result.out, result.err) == (
            1,
            "",
            "Error: editing needs a terminal: run it in a terminal window\n",
        ), args
    assert not started.exists()
    assert sorted(p.name for p in user_routines.glob("*.yaml")) == ["mine.yaml"]


def test_an_editor_with_options_is_run_without_a_shell(
    cli: Cli, user_routines: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terminal: None
) -> None:
    """EDITOR="program --flag" works (like "code --wait"); the file is the last argument."""
    log = tmp_path / "args"
    monkeypatch.setenv("EDITOR", editor(tmp_path, f'echo "$@" > {log}') + " --wait")
    cli("new", "mine")
    assert cli("edit", "mine").code == 0
    assert log.read_text() == f"--wait {user_routines / 'mine.yaml'}\n"


# -- gentle warnings ----------------------------------------------------------------------


def warnings_for(path: Path) -> list[str]:
    written = load_routine(path, shown_as="w.yaml")
    played = Library.default().expand(written)
    return [str(w) for w in advise(written, played, shown_as="w.yaml")]


def test_the_built_ins_have_nothing_to_warn_about() -> None:
    library = Library.default()
    for entry in library.entries():
        assert entry.routine is not None and entry.played is not None
        assert advise(entry.routine, entry.played, shown_as=str(entry.path)) == [], entry.name


def test_warnings_are_located_and_say_why(write_routine: WriteRoutine) -> None:
    path = write_routine(
        """
        title: Warn me
        part: 1
        steps:
          - title: Cheeks
            duration: 2s
          - title: Jaw hold
            sides: left
            duration: 30s
          - include: buccal
          - title: Forehead
            duration: 2h
        """
    )
    assert warnings_for(path) == [
        "w.yaml:1:1: warning: steps: the routine lasts 2h7m29s; over 90 minutes is a long time "
        "for hands and skin",
        "w.yaml:4:5: warning: steps[1]: lasts only 2s; a step shorter than 3s is hard to follow "
        "with the hands busy",
        "w.yaml:4:5: warning: steps[1]: a drainage routine (part 1) usually starts by clearing "
        "the neck and collarbones",
        "w.yaml:6:5: warning: steps[2].sides: 'Jaw hold' works the left side only; add a 'Jaw "
        "hold' step for the right side, or use sides: left-right",
        "w.yaml:10:5: warning: steps[4]: a drainage routine (part 1) usually ends at the neck "
        "and collarbones",
    ]


def test_warnings_keep_the_exit_status_zero(cli: Cli, write_routine: WriteRoutine) -> None:
    path = write_routine("title: T\nsteps: [{title: Quick, duration: 1}]\n")
    result = cli("validate", str(path))
    assert (result.code, result.out) == (0, f"OK  {path} (1 warning)\n")
    assert result.err.startswith(f"{path}:2:9: warning: steps[1]: lasts only 1s")


def test_work_inside_the_mouth_needs_confirm(write_routine: WriteRoutine) -> None:
    path = write_routine(
        "title: T\nsteps:\n  - {title: Lip roll, do: Thumb inside the mouth, duration: 20}\n"
    )
    assert warnings_for(path) == [
        "w.yaml:3:5: warning: confirm: 'Lip roll' works inside the mouth; add confirm: true "
        "so that nobody starts it unasked"
    ]


# -- tab completion -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("facelift start ly", "lymphatic"),
        ("facelift show ne", "neck-shoulder-scalp"),
        ("facelift edit bu", "buccal"),
        ("facelift new mine --from dee", "deep-tissue-face"),
    ],
)
@pytest.mark.slow  # the installed program in a process of its own, as bash runs it
def test_routine_names_complete_in_bash(home: Path, words: str, expected: str) -> None:
    env = {
        **os.environ,
        "_FACELIFT_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
        "FACELIFT_HOME": str(home),
    }
    script = Path(sys.executable).parent / "facelift"  # completion keys on the program name
    result = subprocess.run([script], env=env, capture_output=True, text=True, check=False)
    assert result.stdout.split() == [expected]


def test_new_with_a_built_in_name_points_at_edit(cli: Cli, user_routines: Path) -> None:
    """A starter named like a built-in would quietly replace it (and change `full`)."""
    result = cli("new", "lymphatic")
    assert (result.code, result.err) == (
        1,
        "Error: lymphatic is a built-in routine; to change it: facelift edit lymphatic "
        "(or start from a copy: facelift new my-lymphatic --from lymphatic)\n",
    )
    assert list(user_routines.iterdir()) == []
