"""Sharing: a routine with its includes and sounds, as one file (export, import)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from facelift.base.safetext import say
from facelift.cli.app import app
from facelift.cli.report import library, reports_errors
from facelift.cli.types import RoutineName


@app.command("export")
@reports_errors
def export_bundle(
    name: RoutineName,
    output: Annotated[
        Path, typer.Option("--output", "-o", metavar="FILE.zip", help="The bundle to write.")
    ],
    force: Annotated[bool, typer.Option("--force", help="Replace the file if it exists.")] = False,
) -> None:
    """Write a routine, the routines of yours it includes and its sounds as one .zip."""
    from facelift.commands import bundle as bundle_command

    say(bundle_command.export(library(), name, output, force=force))


@app.command("import")
@reports_errors
def import_bundle(
    bundle: Annotated[Path, typer.Argument(metavar="FILE.zip", help="A bundle from export.")],
    force: Annotated[
        bool, typer.Option("--force", help="Replace routines and sounds of the same name.")
    ] = False,
) -> None:
    """Add the routines and sounds of a bundle to yours, once every one of them checks out."""
    from facelift.commands import bundle as bundle_command

    say(bundle_command.import_bundle(bundle, force=force))
