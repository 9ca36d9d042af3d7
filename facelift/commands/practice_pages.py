"""`facelift history`, `journal` and `stats`: the history read once (read-only, a warning on
stderr for each stored session left out) and shown as a page, as JSON, or the journal as
Markdown; `resume` reads it the same way."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from facelift.base.errors import FaceliftError
from facelift.base.safetext import terminal_safe

if TYPE_CHECKING:
    from rich.console import RenderableType

    from facelift.play.record import SessionRecord
    from facelift.practice.history import Read


def read_history(*, steps: bool) -> Read:
    """The whole history, oldest first; `steps`: with each session's steps."""
    from facelift.base import paths
    from facelift.practice import history

    read = history.read(paths.database_path(), steps=steps)
    for warning in read.warnings:
        print(terminal_safe(f"warning: {warning}"), file=sys.stderr)
    return read


def records(*, steps: bool = False) -> list[SessionRecord]:
    return read_history(steps=steps).records


def show_history() -> None:
    """Recent sessions, the streak, the calendar (with their steps: skips and resumes)."""
    from facelift.commands.history_page import history_view

    _print(history_view(records(steps=True), date.today()), plan_line=True)


def show_journal(limit: int | None) -> None:
    """The entries, newest first; `limit`: the newest ones only."""
    from facelift.commands.journal_page import journal_text

    _print(journal_text(records(), limit), plan_line=False)


def show_stats() -> None:
    from facelift.commands.stats_page import stats_view

    _print(stats_view(records(steps=True), date.today()), plan_line=True)


def _print(page: RenderableType, *, plan_line: bool) -> None:
    """A page for the terminal, and how the plan is going under it for someone following one."""
    from rich.console import Console

    console = Console(highlight=False)
    console.print(page)
    if plan_line and _follows_a_plan():
        from facelift.commands.plan import progress_line

        line = progress_line()
        if line:
            console.print(f"\n{line}", markup=False)


def _follows_a_plan() -> bool:
    from facelift.base import paths
    from facelift.practice.plan_state import is_following

    try:
        return is_following(paths.database_path())
    except FaceliftError:  # the page still shows; `today` says what is wrong
        return False


def print_history_json() -> None:
    """Every session with its steps and journal, one session a line."""
    from facelift.base.safetext import json_safe
    from facelift.practice.store import history_json

    sessions = history_json(read_history(steps=True).saved)
    # one session a line: readable, and json.dumps stays in C (indent= would not)
    lines = [json_safe(json.dumps(session, ensure_ascii=False)) for session in sessions]
    print("[\n" + ",\n".join(lines) + "\n]" if lines else "[]")


def export_journal(output: Path | None) -> None:
    """The whole journal as a Markdown page, on stdout or into `output`."""
    from facelift.commands.journal_page import journal_markdown

    page = journal_markdown(records(), date.today())
    if output is None:
        print(page, end="")
        return
    try:
        output.write_text(page, encoding="utf-8")
    except OSError as error:
        raise FaceliftError(f"{output}: cannot write ({error.strerror or error})") from None
    print(terminal_safe(f"Wrote {output}"))
