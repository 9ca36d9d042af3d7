"""Your practice, looked back on: history, journal, stats."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from facelift.cli.app import app
from facelift.cli.report import reports_errors
from facelift.cli.types import one_of, output_option

JOURNAL_SHOWN = 30


@app.command()
@reports_errors
def history(
    as_json: Annotated[bool, typer.Option("--json", help="Print every session as JSON.")] = False,
) -> None:
    """Your practice: recent sessions, your streak, and a calendar of the last 12 weeks."""
    from facelift.commands import practice_pages

    if as_json:
        practice_pages.print_history_json()
    else:
        practice_pages.show_history()


@app.command()
@reports_errors
def journal(
    export: Annotated[
        str | None,
        typer.Option(
            metavar="markdown",
            parser=one_of(("markdown",)),
            help="Print the whole journal as a Markdown page.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        output_option("Write the export to this file."),
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help=f"Every entry, not only the newest {JOURNAL_SHOWN}.")
    ] = False,
) -> None:
    """Your notes and reflections, newest first, with the tension before and after."""
    from facelift.commands import practice_pages

    if export is None and output is None:
        practice_pages.show_journal(None if show_all else JOURNAL_SHOWN)
    else:
        practice_pages.export_journal(output)


@app.command()
@reports_errors
def stats() -> None:
    """Minutes per week, tension before and after over time, and sessions per routine."""
    from facelift.commands import practice_pages

    practice_pages.show_stats()
