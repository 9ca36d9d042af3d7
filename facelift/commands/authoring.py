"""Writing your own routines: a starter that teaches the format, copies, and the editor."""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from facelift.base.errors import FaceliftError, RoutineError
from facelift.base.safetext import say, tell
from facelift.format.copying import SCHEMA_LINE, copy_of
from facelift.format.loader import SLUG, parse_routine

if TYPE_CHECKING:
    from facelift.format.library import Library

STARTER = """\
{schema}# A facelift routine of your own. Each field is shown once, with what it does.
# facelift validate {name}.yaml checks it; facelift show {name} prints it;
# facelift start {name} plays it. Lines starting with # are notes for you.

facelift: 1                 # the format version
name: {name}{pad}# lowercase letters, digits and '-'; the file name if left out
title: {title}{title_pad}# shown large, and said by --voice
part: 3                     # optional: 1 drainage, 2 neck and scalp, 3 deep tissue, 4 buccal
summary: A short, gentle routine of my own.
description: |              # optional: a few lines about it
  Written with facelift new. Change anything you like.
prepare:                    # a checklist shown before the start
  - Wash your hands and warm a few drops of facial oil between your palms.
safety:                     # cautions shown before the start
  - Stop at sharp pain, tingling or dizziness.
confirm: false              # true asks for a yes before the start (for work inside the mouth)
reflect:                    # questions for your journal afterwards
  - Where did you notice tension letting go?
# sounds: {{step: bell.wav}}  # your own WAV for a cue: step, switch, stroke, count, rest, finish
tempo_band: 20%             # --minutes may make a stroke at most this much faster or slower
defaults:                   # for every step that does not say otherwise
  tempo: 3s                 # how long one counted stroke lasts
  rest: 0s                  # a pause after every step but the last
steps:
  - title: Oil on           # a step that waits for a key instead of a clock
    wait: true
    do: Warm a few drops of oil between your palms and smooth it over your face. Press any key.
  - title: Open the neck    # a timed step
    area: Collarbone hollows      # optional: where the hands are, in your words
    zones: [collarbones]    # optional: where, from the list facelift zones prints
    direction: in           # optional: up, down, out, in, toward-ear, toward-collarbone, ...
    do: Rest your fingertips just above the collarbones, stretch the skin gently down, then let go.
    say: Finger pads just above the collarbones. Stretch the skin in and down, let go.
    why: Drainage starts at the neck.   # optional: one modest sentence
    pressure: 1             # 0 (skin contact only) to 10; leave it out where nothing presses
    strokes: 10             # counted strokes at the tempo (10 x 3s = 30s), a soft tick on each
  - title: Jaw circles
    do: Slow circles with two fingers, from the cheekbone down to the angle of the jaw.
    pressure: 4
    sides: left-right       # both, left-right, right-left, left or right; the time is per side
    duration: 45s           # instead of strokes; 45, 45s, 1m30s and 1:30 all work
    repeat: 1               # rounds of the whole step
    cue: none               # strokes: a soft tick on each stroke; none: quiet
  - title: Forehead lines
    do: Flat fingers glide from the middle of the forehead out to the temples.
    pressure: 2
    duration: 15s
    rounds:                 # one cue a round, said as it begins (instead of repeat)
      - Just above the brows.
      - In the middle of the forehead.
      - Along the hairline.
  - rest: 10s               # a pause
    note: Shake out your hands.
# - include: lymphatic      # every step of another routine, played here
"""


def check_name(name: str) -> None:
    if not SLUG.fullmatch(name):
        raise FaceliftError(
            f"'{name}' cannot be a routine name: use lowercase letters, digits and '-', like my-jaw"
        )


def starter(name: str) -> str:
    title = name.replace("-", " ").capitalize()
    return STARTER.format(
        schema=SCHEMA_LINE,
        name=name,
        pad=" " * max(1, 22 - len(name)),
        title=title,
        title_pad=" " * max(1, 21 - len(title)),
    )


def write_new(folder: Path, name: str, text: str) -> Path:
    """Write `name`.yaml into `folder`, never over an existing file, and only valid text."""
    path = folder / f"{name}.yaml"
    parse_routine(text.encode(), shown_as=str(path), path=path)  # a copy must load as it is
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as out:
            out.write(text)
    except FileExistsError:
        raise FaceliftError(f"{path} exists already; edit it with: facelift edit {name}") from None
    except OSError as error:
        raise FaceliftError(f"{path}: cannot write ({error.strerror or error})") from None
    return path


def in_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def check_can_edit() -> None:
    """Refuse before anything is written: without a terminal an editor may spin or wait
    forever, and an editor command that cannot be read would leave a stray copy."""
    if not in_terminal():
        raise FaceliftError("editing needs a terminal: run it in a terminal window")
    editor_command()


def editor_command() -> list[str]:
    """$VISUAL, then $EDITOR (either may carry options: "code --wait"), then a plain editor."""
    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "").strip()
        try:
            command = shlex.split(value, posix=sys.platform != "win32")
        except ValueError as error:  # an unclosed quote
            message = f"${variable} cannot be read as a command ({error}): {value}"
            raise FaceliftError(message) from None
        if command:
            return command
    fallbacks = ("notepad",) if sys.platform == "win32" else ("nano", "vi")
    for program in fallbacks:
        if shutil.which(program):
            return [program]
    raise FaceliftError("no editor found: set $EDITOR, for example export EDITOR=nano")


def edit(path: Path) -> None:
    """Run the editor on `path` until it closes; an editor that fails is an error."""
    command = editor_command()
    try:
        status = subprocess.run([*command, str(path)], check=False).returncode
    except OSError as error:
        raise FaceliftError(f"cannot start the editor {command[0]}: {error.strerror}") from None
    if status:
        name = signal.Signals(-status).name if status < 0 else ""
        how = f"stopped by {name}" if name else f"exit status {status}"
        raise FaceliftError(f"the editor {command[0]} failed ({how}); {path} was not checked")


def drop_if_unchanged(path: Path, text: str) -> bool:
    """Remove `path` when it still holds exactly `text` (a copy nobody changed); whether it did."""
    try:
        if path.read_text(encoding="utf-8") != text:
            return False
        path.unlink()
    except (OSError, UnicodeDecodeError):  # gone, or changed beyond reading: leave it be
        return False
    return True


# -- the commands: new, edit, schema ----------------------------------------------------------

Ask = Callable[[str], bool]


def new(library: Library, name: str, *, from_: str | None, open_editor: bool, ask: Ask) -> int:
    """Write a starter (or a copy of `from_`) into the routines folder; the exit status."""
    from facelift.base import paths
    from facelift.format.library import looks_like_file
    from facelift.format.schema import write_schema

    check_name(name)
    if open_editor:
        check_can_edit()
    if from_ is None:
        builtin = next((e for e in library.entries() if e.name == name), None)
        if builtin is not None and builtin.source == "built-in":  # a starter would hide it
            raise FaceliftError(
                f"{name} is a built-in routine; to change it: facelift edit {name} "
                f"(or start from a copy: facelift new my-{name} --from {name})"
            )
        text = starter(name)
    else:
        source = library.find(from_) if not looks_like_file(from_) else None
        text = copy_of(source.path if source else Path(from_), name)
    folder = paths.user_routines_dir()
    path = write_new(folder, name, text)
    write_schema(folder)
    say(str(path))
    return edit_until_valid(path, _routine_check(library), ask) if open_editor else 0


def edit_routine(library: Library, name: str, *, ask: Ask) -> int:
    """Open one of your routines in the editor (a built-in is copied first); the exit status."""
    from facelift.base import paths
    from facelift.format.library import BUILTIN
    from facelift.format.schema import write_schema

    entry = library.find(name)
    check_can_edit()
    if entry.source != BUILTIN:
        return edit_until_valid(entry.path, _routine_check(library), ask)
    folder = paths.user_routines_dir()
    copy = copy_of(entry.path, entry.name)
    path = write_new(folder, entry.name, copy)
    write_schema(folder)
    say(f"Copied the built-in {entry.name} to {path}; once changed, it is used in its place.")
    from facelift.shell import terminal

    try:
        with terminal.stop_on_signals():  # a closed window, too, ends in the `finally`
            return edit_until_valid(path, _routine_check(library), ask)
    finally:  # an untouched copy would only hide the built-in's later updates
        if drop_if_unchanged(path, copy):
            with contextlib.suppress(OSError):  # the terminal may be gone
                print(
                    f"Nothing changed, so the copy is removed; the built-in {entry.name} is used."
                )


def edit_until_valid(path: Path, check: Callable[[Path], object], ask: Ask) -> int:
    """Open the editor; when it closes, `check` the file (a RoutineError says what is wrong
    with it), and offer to go back to fix it. The exit status: 1 when it is left wrong."""
    while True:
        edit(path)
        try:
            check(path)
        except RoutineError as error:
            for problem in error.problems:
                tell(problem)
            if not ask("Edit it again to fix this? [Y/n] "):
                return 1
            continue
        say(f"OK  {path}")
        return 0


def _routine_check(library: Library) -> Callable[[Path], object]:
    return lambda path: library.open(str(path))


def print_schema(*, write: bool, plan: bool) -> None:
    """The JSON Schema of routines (or plans), printed or written beside the files."""
    from facelift.base import paths
    from facelift.format.plan_schema import PLAN_SCHEMA_FILE_NAME, plan_schema_json
    from facelift.format.schema import schema_json, write_schema

    if plan and write:
        folder = paths.user_plans_dir()
        say(str(write_schema(folder, name=PLAN_SCHEMA_FILE_NAME, text=plan_schema_json())))
    elif plan:
        print(plan_schema_json(), end="")
    elif write:
        say(str(write_schema(paths.user_routines_dir())))
    else:
        print(schema_json(), end="")
