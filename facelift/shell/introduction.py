"""Before a session: the routine's notes (in full, or one line once they have been read),
and the consent or the Enter that says the person is ready."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from facelift.base.errors import FaceliftError
from facelift.base.safetext import one_line, terminal_safe
from facelift.format import notes
from facelift.format.routine import Routine
from facelift.output.describe import routine_length
from facelift.play.timeline import Timeline
from facelift.shell import checkin


def introduce(
    routine: Routine,
    timeline: Timeline,
    *,
    plain: bool,
    brief: bool = False,
    out: TextIO | None = None,
) -> None:
    """The title, length and summary, and the notes (in full, or one line when `brief`),
    on `out` (sys.stdout when None)."""
    length, title = routine_length(routine, timeline.total), one_line(routine.title)
    summary = terminal_safe(routine.summary)
    lines = [f"{title} · {length}", *(["", summary] if summary else [])]
    for kind in ("prepare", "safety") if not brief else ():
        for part, entries in notes.groups(routine, kind):
            heading = kind.capitalize() + (f" · {one_line(part)}" if part else "")
            lines += ["", f"{heading}:", *(_bullet(one_line(entry)) for entry in entries)]
    if brief and notes.has_notes(routine):
        lines += ["", f"Prepare and safety notes: read them with facelift show {routine.name}"]
    if plain:
        print("\n".join(lines), file=out, flush=True)
        return
    from rich.console import Console
    from rich.text import Text

    console = Console(file=out, highlight=False)
    console.print(Text(title, style="bold cyan"), Text(f"· {length}", style="dim"))
    for line in lines[1:]:
        style = "bold" if line.endswith(":") else ""
        console.print(Text(line, style=style))


def _bullet(entry: str) -> str:
    """A list item wrapped with a hanging indent, as `show` prints it."""
    width = max(40, min(100, shutil.get_terminal_size().columns) - 1)
    return textwrap.fill(entry, width, initial_indent="  - ", subsequent_indent="    ")


def ready(
    routine: Routine,
    *,
    interactive: bool,
    check_in_follows: bool,
    ask: Callable[[str], str] = input,
    out: TextIO | None = None,
) -> None:
    """Give time to read the notes: a yes where the routine asks for one (anything else is
    Declined), else Enter (which the check-in question stands in for); q is Cancelled.
    `ask` is input(); `out` is sys.stdout when None."""
    if not interactive:
        if routine.confirm:
            raise FaceliftError(
                f"{routine.name} asks you to confirm before it starts; run it in a terminal, "
                "or add --yes once you have read its safety notes"
            )
        return
    if routine.confirm:
        question = "Have you read the safety notes, and are you ready? [y/N] "
    elif check_in_follows:  # the check-in question is the one to answer before the start
        print(file=out)
        return
    else:
        question = "Press Enter to begin (q to cancel) "
    try:
        answer = ask(f"\n{question}").strip().lower()
    except EOFError:
        raise checkin.Cancelled from None
    if routine.confirm and answer not in ("y", "yes"):
        raise checkin.Declined
    if not routine.confirm and answer.startswith("q"):
        raise checkin.Cancelled


def brief_notes(notes: str, routine: Routine, database: Path) -> bool:
    """Whether the notes shrink to one line: asked for, and this routine was played before
    (in the history at `database`)."""
    if notes != "first-time":
        return False
    from facelift.practice.store import Store

    with Store.open(database) as store:
        return any(record.routine == routine.name for record in store.sessions(steps=False))
