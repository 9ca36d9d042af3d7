"""The command line: parse, look up, call the core, and turn errors into one line and a code."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, cast

import typer

from facelift import __version__
from facelift.errors import FaceliftError, RoutineError

if TYPE_CHECKING:
    from facelift.library import Library


Command = TypeVar("Command", bound=Callable[..., None])


def _reports_errors(command: Command) -> Command:
    """Every error a user can cause ends as one line per problem and exit status 1."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except RoutineError as error:
            for problem in error.problems:
                print(problem, file=sys.stderr)
            raise typer.Exit(1) from None
        except FaceliftError as error:
            print(f"Error: {error}", file=sys.stderr)
            raise typer.Exit(1) from None

    return cast(Command, wrapper)


app = typer.Typer(
    name="facelift",
    help="A calm, exactly timed guide through a facial self-massage system.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
    add_completion=False,
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


def _library() -> Library:
    from facelift.library import Library

    return Library.default()


@app.command("list")
@_reports_errors
def list_routines(
    part: Annotated[
        int | None, typer.Option(min=1, max=4, help="Only routines of this part (1-4).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the built-in and your own routines."""
    from facelift import listing

    listing.run(part=part, as_json=as_json)


@app.command()
@_reports_errors
def show(
    name: Annotated[str, typer.Argument(help="A routine name, a unique prefix, or a .yaml file.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    as_markdown: Annotated[
        bool, typer.Option("--markdown", help="Print a printable Markdown page.")
    ] = False,
) -> None:
    """Show every step of a routine, with its start time, side, pressure and instruction."""
    if as_json and as_markdown:
        raise typer.BadParameter("choose one of --json and --markdown")
    from facelift import describe, views

    routine = _library().open(name)
    if as_json:
        print(json.dumps(describe.routine_data(routine), indent=2, ensure_ascii=False))
    elif as_markdown:
        print(describe.markdown(routine), end="")
    else:
        views.print_routine(routine)


@app.command()
@_reports_errors
def validate(
    files: Annotated[list[str], typer.Argument(help="Routine files (.yaml) to check.")],
) -> None:
    """Check routine files; print OK or every error, each with its line and column."""
    library = _library()
    failed = False
    for target in files:
        try:
            library.open(target)
        except RoutineError as error:
            failed = True
            for problem in error.problems:
                print(problem, file=sys.stderr)
        except FaceliftError as error:
            failed = True
            print(error, file=sys.stderr)
        else:
            print(f"OK  {target}")
    if failed:
        raise typer.Exit(1)


def run() -> None:
    app()
