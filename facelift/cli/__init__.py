"""The command line: the table of Typer signatures, one module per family of commands.

Each module registers its commands on the one `app` as it is imported; the work behind
each command is in `facelift.commands`.
"""

from __future__ import annotations

from facelift.cli.app import app

# The order the families are imported in is the order `--help` lists them.
# isort: off
from facelift.cli import routines, sessions, practice, authoring, setup, plans, bundles  # noqa: F401
# isort: on


def run() -> None:
    app()


__all__ = ["app", "run"]
