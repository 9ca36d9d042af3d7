"""Text is made safe where it enters (the loader refuses control and bidi characters, as
located errors) and on the way out (one function every output path uses), so a shared
routine can never drive the terminal: no OSC 52 clipboard, no window title, no hidden text."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facelift.base.errors import RoutineError
from facelift.base.safetext import (
    json_safe,
    markdown_inline,
    markdown_lines,
    one_line,
    terminal_safe,
    unsafe_character,
)
from facelift.format.loader import parse_routine
from facelift.play.journal import Journal
from facelift.play.record import ItemKind, SessionRecord, SessionStatus, StepRecord
from facelift.practice.store import Store

from .conftest import Cli, WriteRoutine, examples

CLIPBOARD = "\x1b]52;c;ZWNobyBwd25lZAo=\x07"  # OSC 52: puts `echo pwned` on the clipboard

# -- on the way out -------------------------------------------------------------------------


def test_terminal_safe_shows_controls_as_escapes_and_keeps_line_breaks() -> None:
    """An escape is shown as `\\x1b`, a bidi override as `\\u202e`; a line break stays, a
    carriage return becomes one, a tab becomes four spaces; other text is untouched."""
    assert terminal_safe(f"Safety{CLIPBOARD} note") == "Safety\\x1b]52;c;ZWNobyBwd25lZAo=\\x07 note"
    assert terminal_safe("abc\u202edef\u2066") == "abc\\u202edef\\u2066"
    assert terminal_safe("a\r\nb\rc\nd\te\x7f\x9b") == "a\nb\nc\nd    e\\x7f\\x9b"
    assert terminal_safe("Jaw · ear — “soft” 😌 é") == "Jaw · ear — “soft” 😌 é"
    assert terminal_safe("lone \ud800") == "lone \\ud800"


def test_one_line_joins_lines_and_spaces() -> None:
    assert one_line("  Jaw\x1b[8m\n\n hidden\t text ") == "Jaw\\x1b[8m hidden text"


def test_json_safe_escapes_what_json_dumps_leaves_raw() -> None:
    """json.dumps escapes C0 controls but not DEL, C1 or bidi characters; json_safe does,
    and the data reads back the same."""
    assert json_safe('"a\x9bb\u202ec\x7f"') == '"a\\u009bb\\u202ec\\u007f"'


def test_markdown_escapes_markup_and_html_once() -> None:
    """One escaper for every Markdown page: markup, HTML and controls all read as written."""
    assert markdown_inline("<b>Jaw</b> *soft*\n# x | y\x1b") == (
        "\\<b\\>Jaw\\</b\\> \\*soft\\* \\# x \\| y\\\\x1b"
    )
    assert markdown_lines("- one\n1. two\n\n> three", prefix="> ") == [
        "> \\- one\\",
        "> 1\\. two",
        ">",
        "> \\> three",
    ]


# -- where it enters: the loader ------------------------------------------------------------

REFUSED = [
    ("\\x00", "a control character (U+0000), which could drive the terminal"),
    ("\\a", "a control character (U+0007), which could drive the terminal"),
    ("\\r", "a control character (U+000D), which could drive the terminal"),
    ("\\e", "a control character (U+001B), which could drive the terminal"),
    ("\\x7f", "a control character (U+007F), which could drive the terminal"),
    ("\\N", "a control character (U+0085), which could drive the terminal"),
    ("\\x9b", "a control character (U+009B), which could drive the terminal"),
    ("\\u061c", "a bidirectional control (U+061C), which reorders the text on screen"),
    ("\\u200e", "a bidirectional control (U+200E), which reorders the text on screen"),
    ("\\u200f", "a bidirectional control (U+200F), which reorders the text on screen"),
    ("\\u202a", "a bidirectional control (U+202A), which reorders the text on screen"),
    ("\\u202e", "a bidirectional control (U+202E), which reorders the text on screen"),
    ("\\u2066", "a bidirectional control (U+2066), which reorders the text on screen"),
    ("\\u2069", "a bidirectional control (U+2069), which reorders the text on screen"),
]


def problems(text: str) -> list[str]:
    with pytest.raises(RoutineError) as caught:
        parse_routine(text.encode(), shown_as="x.yaml")
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize(("escape", "kind"), REFUSED)
def test_each_forbidden_character_is_a_located_error_wherever_it_is(escape: str, kind: str) -> None:
    """In a title, a step's do, a rest's note, a list entry and a field name: each one is a
    `file:line:col: field: message` line, all of them reported at once."""
    text = (
        f'title: "Jaw{escape}"\n'
        f'safety: ["ok", "stop{escape}"]\n'
        "steps:\n"
        f'  - {{title: A, do: "glide{escape}", duration: 5}}\n'
        f'  - {{rest: 5, note: "breathe{escape}"}}\n'
        f'  - {{title: B, duration: 5, "ke{escape}y": 1}}\n'
    )
    message = f"contains {kind}; write plain text"
    assert problems(text) == [
        f"x.yaml:1:8: title: {message}",
        f"x.yaml:2:16: safety[2]: {message}",
        f"x.yaml:4:20: steps[1].do: {message}",
        f"x.yaml:5:21: steps[2].note: {message}",
        f"x.yaml:6:29: steps[3]: a field name {message}",
    ]


def test_tabs_and_line_breaks_are_text() -> None:
    """Tab and newline are the two control characters a routine may hold."""
    routine = parse_routine(
        b'title: "a\\tb"\nsteps: [{title: A, do: "one\\ntwo", duration: 5}]\n', shown_as="x.yaml"
    )
    assert (routine.title, routine.items[0].do) == ("a\tb", "one\ntwo")  # type: ignore[union-attr]


def yaml_quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar, any character written as an escape."""
    escaped = "".join(
        c
        if c.isascii() and c.isalnum()
        else f"\\U{ord(c):08x}"
        if ord(c) > 0xFFFF
        else f"\\u{ord(c):04x}"
        for c in text
    )
    return f'"{escaped}"'


@settings(max_examples=examples(200), deadline=None)
@given(st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=12))
def test_a_title_loads_exactly_when_it_is_safe(title: str) -> None:
    """Any title: refused at 1:8 for its first unsafe character, otherwise read as written."""
    data = f"title: {yaml_quoted(title)}\nsteps: [{{title: A, duration: 5}}]\n".encode()
    unsafe = unsafe_character(title)
    if unsafe is not None:
        with pytest.raises(RoutineError) as caught:
            parse_routine(data, shown_as="x.yaml")
        (problem,) = caught.value.problems
        assert (problem.line, problem.column, problem.path) == (1, 8, "title")
        assert f"(U+{ord(unsafe):04X})" in problem.message
    elif title.strip():
        assert parse_routine(data, shown_as="x.yaml").title == title.strip()


# -- through the commands -------------------------------------------------------------------


def test_validate_shows_a_hostile_key_without_obeying_it(
    cli: Cli, write_routine: WriteRoutine
) -> None:
    """An unknown field whose name is an OSC 52 sequence: one located line, nothing raw."""
    path = write_routine(
        f'title: T\n"{CLIPBOARD.encode("unicode_escape").decode()}": x\n'
        "steps: [{title: A, duration: 5}]\n"
    )
    result = cli("validate", str(path))
    assert result.code == 1
    assert result.err == (
        f"{path}:2:1: a field name contains a control character (U+001B), which could drive "
        "the terminal; write plain text\n"
    )


def test_list_names_a_hostile_file_name_without_obeying_it(cli: Cli, user_routines: Path) -> None:
    """A file whose very name is an escape sequence is listed as a warning, escaped."""
    (user_routines / "\x1b]0;pwned\x07.yaml").write_text("title: [\n")
    result = cli("list")
    assert result.code == 0
    assert "\x1b" not in result.out + result.err
    assert result.err == (
        f"warning: {user_routines}/\\x1b]0;pwned\\x07.yaml has errors; see: facelift validate "
        f"{user_routines}/\\x1b]0;pwned\\x07.yaml\n"
    )


def test_an_error_message_quotes_a_path_safely(cli: Cli) -> None:
    result = cli("show", "/tmp/\x1b[8mhidden.yaml")
    assert (result.code, result.err) == (1, "Error: /tmp/\\x1b[8mhidden.yaml: no such file\n")


def test_resume_says_a_stored_title_safely(cli: Cli, home: Path, user_routines: Path) -> None:
    """The title comes back from the database, where anything may have been written."""
    (user_routines / "two.yaml").write_text(
        "title: Two\nsteps: [{title: A, duration: 1}, {title: B, duration: 1}]\n"
    )
    steps = (
        StepRecord("A", ItemKind.STEP, 1, 0.0, 1.0, 0.0, 1.0),
        StepRecord("B", ItemKind.STEP, 2, 1.0, 1.0, 1.0, 0.5),
    )
    record = SessionRecord(
        "two",
        f"Two{CLIPBOARD}",
        "2026-11-20T08:00:00+00:00",
        SessionStatus.STOPPED,
        2.0,
        1.5,
        0.0,
        steps,
    )
    with Store.open(home / "facelift.db") as store:
        store.save_session(record)
    result = cli("resume", "--lead-in", "0", "--audio", "none")
    assert result.code == 0, result.err
    assert result.out.startswith(
        "Going on with Two\\x1b]52;c;ZWNobyBwd25lZAo=\\x07 at step 2 (stopped 2026-11-20 08:00)."
    )
    assert "\x1b" not in result.out


# -- where the terminal cannot take it -------------------------------------------------------


def run_facelift(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "FACELIFT_HOME": str(home), "COLUMNS": "100", **env}
    return subprocess.run(
        [sys.executable, "-m", "facelift", *args],
        env=environment,
        capture_output=True,
        text=True,
        encoding="latin-1",
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("command", "shown"),
    [
        ("show full", "\n  ? Three quarters of an hour"),
        ("history", "Lymphatic ? Drainage"),
        ("stats", "0 calm ? 10 tense"),
        ("journal", "Softer ? calmer ?"),
        ("list", "Lymphatic Drainage"),
        ("show full --markdown", "# Full Session"),
    ],
)
@pytest.mark.slow  # a real process, to be given a Latin-1 stdout
def test_a_latin1_terminal_gets_question_marks_not_a_traceback(
    home: Path, command: str, shown: str
) -> None:
    """Bullets, blocks and bars Latin-1 cannot write become `?`; the command still works."""
    steps = (StepRecord("A", ItemKind.STEP, 1, 0.0, 60.0, 0.0, 60.0),)
    journal = Journal(tension_before=6, tension_after=2, note="Softer • calmer ✓")
    with Store.open(home / "facelift.db") as store:
        store.save_session(
            SessionRecord(
                "lymphatic",
                "Lymphatic • Drainage",
                "2026-11-20T08:00:00+00:00",
                SessionStatus.COMPLETED,
                60.0,
                60.0,
                0.0,
                steps,
                journal=journal,
            )
        )
    result = run_facelift(home, *command.split(), PYTHONIOENCODING="latin-1", LC_ALL="C")
    assert (result.returncode, result.stderr) == (0, "")
    assert shown in result.stdout


@pytest.mark.slow  # a real process in a pty, playing in real seconds
def test_term_dumb_plays_plain_lines_and_sends_no_control_sequence(
    write_routine: WriteRoutine, home: Path
) -> None:
    """On a dumb terminal a live screen would never draw: the session is told in plain lines,
    with no window title, no alternate screen and no colour."""
    path = write_routine(
        "title: Dumb\nsteps: [{title: Touch, do: Rest your hands., pressure: 1,"
        " duration: 1}, {title: Hold, duration: 1}]\n"
    )
    env = {**os.environ, "FACELIFT_HOME": str(home), "TERM": "dumb"}
    child = pexpect.spawn(
        sys.executable,
        [
            "-m",
            "facelift",
            "start",
            str(path),
            "--yes",
            "--lead-in",
            "0",
            "--audio",
            "none",
            "--no-journal",
        ],
        env=env,
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=15,
    )
    child.expect(pexpect.EOF)
    child.close()
    out = str(child.before)
    assert child.exitstatus == 0, out
    assert "[0:00] Step 1 of 2: Touch, both sides, 1 s, pressure 1 of 10.\r\n" in out
    assert "[0:02] Completed Dumb: 0:02 played.\r\n" in out
    assert "\x1b" not in out


def test_config_shows_a_hostile_folder_name_without_obeying_it(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The settings page quotes the folder it reads: a control character in its name is
    shown as an escape, on the page and in its JSON."""
    monkeypatch.setenv("FACELIFT_HOME", str(tmp_path / "x\x1b[31mX"))
    for args in (("config",), ("config", "--json")):
        result = cli(*args)
        assert result.code == 0 and "\x1b" not in result.out
        assert "x\\x1b[31mX" in result.out or "x\\u001b[31mX" in result.out
