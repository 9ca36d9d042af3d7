"""A routine file's problems as they are found, and the cost of finding them, bounded.

Reading a file walks its YAML nodes, and an alias makes one node count many times: so
every key and value read is counted, with its text, and past the bounds a located error
ends the reading (as does a flood of problems). Nothing here knows the routine format.
"""

from __future__ import annotations

import yaml

from facelift.base.errors import Problem
from facelift.format.limits import MAX_FOUND, MAX_PROBLEMS, MAX_TEXT, MAX_VALUES
from facelift.format.routine import Location


class OverBudget(Exception):
    """Reading the file has cost more than any routine can: stop at once."""


class Findings:
    """What a reader of one file has found wrong so far, each at its line and column."""

    def __init__(self, shown_as: str) -> None:
        self.file = shown_as
        self.problems: list[Problem] = []
        self.values = self.characters = 0  # read so far, each time an alias reaches them

    def spend(self, node: yaml.Node) -> None:
        """Count one key or value read; past the bounds, a located error ends the reading."""
        self.values += 1
        self.characters += len(node.value) if isinstance(node, yaml.ScalarNode) else 0
        if self.values > MAX_VALUES or self.characters > MAX_TEXT:
            what = (
                f"more than {MAX_VALUES:,} keys and values"
                if self.values > MAX_VALUES
                else f"more than {MAX_TEXT:,} characters of text"
            )
            self.fail(
                node,
                "",
                f"the file reads as {what} (an anchor repeated too often?); "
                "a routine is far smaller",
            )
            raise OverBudget

    def location(self, node: yaml.Node) -> Location:
        mark = node.start_mark
        return Location(self.file, mark.line + 1, mark.column + 1)

    def fail(self, node: yaml.Node, path: str, message: str) -> None:
        mark = node.start_mark
        self.problems.append(Problem(self.file, mark.line + 1, mark.column + 1, path, message))
        if len(self.problems) > MAX_FOUND:  # enough to fix first: finding more only costs time
            raise OverBudget

    def sorted_problems(self) -> list[Problem]:
        """In the file's order, the first MAX_PROBLEMS of them, then a count of the rest."""
        ordered = sorted(self.problems, key=lambda p: (p.line, p.column))
        if len(ordered) > MAX_PROBLEMS:
            last = ordered[MAX_PROBLEMS - 1]
            more = f"... and {len(ordered) - MAX_PROBLEMS} more problems"
            if len(ordered) > MAX_FOUND:
                more += "; reading stopped there"
            ordered = [
                *ordered[:MAX_PROBLEMS],
                Problem(self.file, last.line, last.column, "", more),
            ]
        return ordered
