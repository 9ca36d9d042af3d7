"""`facelift validate`: each file checked as a routine or a plan, every problem located."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from facelift.base import wording
from facelift.base.errors import FaceliftError, RoutineError
from facelift.base.safetext import say, tell
from facelift.format.advice import advise
from facelift.format.library import Library
from facelift.format.parsed import is_known_routine
from facelift.format.source import read_file


def validate(files: list[str], library: Library) -> bool:
    """Print OK (with its warnings) or every problem for each file; whether all were OK."""
    failed = False
    for target in files:
        if is_plan_file(target):
            failed = not _validate_plan(target, library) or failed
            continue
        try:
            written, played = library.open_both(target)
        except RoutineError as error:
            failed = True
            _tell_each(error.problems)
        except FaceliftError as error:
            failed = True
            tell(error)
        else:
            shown_as = str(written.path) if written.path and target != str(written.path) else target
            warnings = advise(written, played, shown_as=shown_as)
            _tell_each(warnings)
            count = f" ({wording.plural(len(warnings), 'warning')})"
            say(f"OK  {target}{count if warnings else ''}")
    return not failed


def is_plan_file(target: str) -> bool:
    try:
        data = read_file(Path(target), shown_as=target)
    except FaceliftError:  # the routine loader says what is wrong with it
        return False
    if is_known_routine(
        Path(target), data, shown_as=target
    ):  # a routine read before: no YAML to ask
        return False
    from facelift.format.plan_loader import is_plan_text

    return is_plan_text(data)


def _validate_plan(target: str, library: Library) -> bool:
    from facelift.format.plans_library import Plans

    try:
        Plans.default(library).load(Path(target), shown_as=target)
    except RoutineError as error:
        _tell_each(error.problems)
        return False
    say(f"OK  {target}")
    return True


def _tell_each(lines: Iterable[object]) -> None:
    for line in lines:
        tell(line)
