"""Finding and reading routines: list, show, validate."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from facelift.cli.app import app
from facelift.cli.report import exit_with, library, reports_errors
from facelift.cli.types import Json, RoutineName, number, output_option


@app.command("list")
@reports_errors
def list_routines(
    part: Annotated[
        int | None,
        typer.Option(metavar="N", parser=number(1, 4, whole=True), help="Only part N (1-4)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the built-in and your own routines."""
    from facelift.commands import listing

    listing.run(part=part, as_json=as_json)


@app.command()
@reports_errors
def show(
    name: RoutineName,
    as_json: Json = False,
    as_markdown: Annotated[
        bool, typer.Option("--markdown", help="Print a printable Markdown page.")
    ] = False,
    as_html: Annotated[
        bool, typer.Option("--html", help="A printable HTML card with a face map per step.")
    ] = False,
    output: Annotated[
        Path | None,
        output_option("Write the page to this file."),
    ] = None,
) -> None:
    """Show every step of a routine, with its start time, side, pressure and instruction."""
    if as_json + as_markdown + as_html > 1:
        raise typer.BadParameter("choose one of --json, --markdown and --html")
    if output is not None and not as_html:
        raise typer.BadParameter("--output goes with --html")
    from facelift.commands.routine_page import Page, show_routine

    page: Page = "html" if as_html else "json" if as_json else "markdown" if as_markdown else "text"
    show_routine(library().open(name), page, output)


@app.command()
@reports_errors
def validate(
    files: Annotated[
        list[str],
        typer.Argument(metavar="FILE...", help="Routine or plan files (.yaml) to check."),
    ],
) -> None:
    """Check routine and plan files; print OK or every error, each with its line and column."""
    from facelift.commands.validating import validate as check

    exit_with(0 if check(files, library()) else 1)
