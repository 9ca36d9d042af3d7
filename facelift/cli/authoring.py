"""Writing your own routines: new, edit, schema."""

from __future__ import annotations

from typing import Annotated

import typer

from facelift.cli.app import app
from facelift.cli.report import ask, exit_with, library, reports_errors
from facelift.cli.types import RoutineName, complete_names


@app.command()
@reports_errors
def new(
    name: Annotated[
        str, typer.Argument(metavar="NAME", help="The new routine's name, like my-jaw.")
    ],
    from_: Annotated[
        str | None,
        typer.Option(
            "--from",
            metavar="ROUTINE",
            help="Start from a copy of this routine.",
            autocompletion=complete_names,
        ),
    ] = None,
    open_editor: Annotated[bool, typer.Option("--edit", help="Open it in your editor.")] = False,
) -> None:
    """Write a new routine into your routines folder: a starter that explains every field,
    or a copy of another routine."""
    from facelift.commands import authoring

    exit_with(authoring.new(library(), name, from_=from_, open_editor=open_editor, ask=ask))


@app.command()
@reports_errors
def edit(name: RoutineName) -> None:
    """Open one of your routines in $VISUAL or $EDITOR (a built-in is copied first), then
    check it."""
    from facelift.commands import authoring

    exit_with(authoring.edit_routine(library(), name, ask=ask))


@app.command()
@reports_errors
def schema(
    write: Annotated[
        bool, typer.Option("--write", help="Write it into your routines folder for editors.")
    ] = False,
    plan: Annotated[bool, typer.Option("--plan", help="The plan format's schema instead.")] = False,
) -> None:
    """Print the JSON Schema of the routine format, for editors with a YAML language server."""
    from facelift.commands import authoring

    authoring.print_schema(write=write, plan=plan)
