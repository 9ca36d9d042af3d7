"""How every command ends: an error a user can cause is one line per problem and status 1;
what a command says quotes routines, paths and keys, so it is made safe for the terminal."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

import typer

from facelift.base.errors import FaceliftError, RoutineError
from facelift.base.safetext import tell

if TYPE_CHECKING:
    from facelift.format.library import Library

Command = TypeVar("Command", bound=Callable[..., None])


def reports_errors(command: Command) -> Command:
    """Every error a user can cause ends as one line per problem and exit status 1."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            command(*args, **kwargs)
        except RoutineError as error:
            tell_problems(error)
            raise typer.Exit(1) from None
        except FaceliftError as error:
            tell(f"Error: {error}")
            raise typer.Exit(1) from None

    return cast(Command, wrapper)


def exit_with(status: int) -> None:
    """End the command with `status`, unless it is 0."""
    if status:
        raise typer.Exit(status)


def tell_problems(error: RoutineError) -> None:
    for problem in error.problems:
        tell(problem)


def ask(question: str) -> bool:
    """A yes-or-no question; Enter is yes, and no answer at all is no."""
    try:
        return input(question).strip().lower() in ("", "y", "yes")
    except (EOFError, KeyboardInterrupt):
        print()
        return False


def library() -> Library:
    from facelift.format.library import Library

    return Library.default()
