"""The root of the command tree: its name, its version option and how it is run."""

from __future__ import annotations

from typing import Annotated

import typer

from facelift import __version__
from facelift.cli.types import App

app = App(
    name="facelift",
    help="A calm, exactly timed guide through a facial self-massage system.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,  # usage errors as plain lines, like every other error here
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        print(f"facelift {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", "-V", help="Show the version.", callback=_version)
    ] = False,
) -> None:
    """A calm, exactly timed guide through a facial self-massage system:
    1 lymphatic drainage, 2 neck, shoulders and scalp, 3 deep tissue face, 4 buccal."""
