"""Reading the fields that guide a person rather than time them: the pressure on its 0-10
scale, the zones and direction a step works, the cues of its rounds, and the tempo band.

A mixin of the loader's reader: the generic readers (text, integer, ...) are the loader's.
"""

from __future__ import annotations

import difflib
import re

import yaml

from facelift.base.errors import Problem
from facelift.format.findings import Findings
from facelift.format.limits import (
    MAX_CUE_WORDS,
    MAX_PRESSURE,
    MAX_REPEAT,
    MAX_TEMPO_BAND,
    MIN_PRESSURE,
    PRESSURE_WORDS,
)
from facelift.format.zones import DIRECTIONS, ZONE_NAMES

_TAG = "tag:yaml.org,2002:"
PERCENT = re.compile(r"(\d+(?:\.\d+)?) *%")


class GuideFields(Findings):
    """Readers of the guiding fields; the values' own readers come from the loader."""

    notices: list[Problem]

    # the loader's generic readers, which this mixin uses
    def scalar(self, node: yaml.Node, path: str, kinds: tuple[str, ...], expected: str) -> object:
        raise NotImplementedError

    def text(self, node: yaml.Node, path: str) -> str | None:
        raise NotImplementedError

    def pressure(self, node: yaml.Node, path: str) -> int | None:
        """A number from 0 to 10; a word of the first format is read as its number, with
        advice to write the number."""
        expected = f"a number from {MIN_PRESSURE} to {MAX_PRESSURE} (0 is skin contact only)"
        value = self.scalar(node, path, ("int", "str"), expected)
        if isinstance(value, str):
            number = PRESSURE_WORDS.get(value)
            if number is None:
                close = difflib.get_close_matches(value, PRESSURE_WORDS, n=1)
                hint = f"; did you mean '{close[0]}' ({PRESSURE_WORDS[close[0]]})?" if close else ""
                self.fail(node, path, f"expected {expected}, got {value!r}{hint}")
                return None
            mark = node.start_mark
            advice = (
                f"'{value}' is read as pressure {number} of {MAX_PRESSURE}; "
                f"write pressure: {number}"
            )
            where = (self.file, mark.line + 1, mark.column + 1, path)
            self.notices.append(Problem(*where, advice, warning=True))
            return number
        if not isinstance(value, int) or isinstance(value, bool):
            return None
        if not MIN_PRESSURE <= value <= MAX_PRESSURE:
            self.fail(node, path, f"must be from {MIN_PRESSURE} to {MAX_PRESSURE}, got {value}")
            return None
        return value

    def zones(self, node: yaml.Node, path: str) -> tuple[str, ...]:
        """Zone names from the vocabulary, each once."""
        if not isinstance(node, yaml.SequenceNode) or node.tag != _TAG + "seq":
            self.fail(node, path, "expected a list of zones, such as [cheeks, jawline]")
            return ()
        found: list[str] = []
        for number, child in enumerate(node.value, 1):
            name = self.text(child, f"{path}[{number}]")
            if name is None:
                continue
            if name not in ZONE_NAMES:
                close = difflib.get_close_matches(name, ZONE_NAMES, n=1, cutoff=0.6)
                hint = (
                    f"did you mean '{close[0]}'?"
                    if close
                    else "expected one of " + ", ".join(ZONE_NAMES)
                )
                self.fail(child, f"{path}[{number}]", f"unknown zone '{name}'; {hint}")
            elif name in found:
                self.fail(child, f"{path}[{number}]", f"'{name}' is listed twice")
            else:
                found.append(name)
        return tuple(found)

    def direction(self, node: yaml.Node, path: str) -> str | None:
        options = tuple(DIRECTIONS)
        value = self.text(node, path)
        if value is None or value in options:
            return value
        close = difflib.get_close_matches(value, options, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        self.fail(node, path, f"expected one of {', '.join(options)}, got {value!r}{hint}")
        return None

    def round_cues(self, node: yaml.Node, path: str) -> tuple[str, ...] | None:
        """One short cue a round: the list's length is the number of rounds."""
        if not isinstance(node, yaml.SequenceNode) or node.tag != _TAG + "seq":
            self.fail(node, path, "expected a list of cues, one a round (lines starting with '- ')")
            return None
        if not 1 <= len(node.value) <= MAX_REPEAT:
            self.fail(node, path, f"give from 1 to {MAX_REPEAT} rounds, got {len(node.value)}")
            return None
        cues: list[str] = []
        for number, child in enumerate(node.value, 1):
            cue = self.text(child, f"{path}[{number}]")
            if cue is not None and not 1 <= len(cue) <= MAX_CUE_WORDS:
                self.fail(
                    child, f"{path}[{number}]", f"write a cue of 1 to {MAX_CUE_WORDS} characters"
                )
                cue = None
            cues.append(cue or "")
        return tuple(cues) if all(cues) else None

    def tempo_band(self, node: yaml.Node, path: str) -> float | None:
        """How far --minutes may change a stroke's tempo: `20%` (or 20)."""
        most = round(MAX_TEMPO_BAND * 100)
        expected = f"a share such as 20% (from 0% to {most}%)"
        value = self.scalar(node, path, ("str", "int", "float"), expected)
        if value is None or isinstance(value, bool):
            return None
        match = PERCENT.fullmatch(value.strip()) if isinstance(value, str) else None
        if isinstance(value, str) and match is None:
            self.fail(node, path, f"expected {expected}, got {value!r}")
            return None
        percent = float(match.group(1)) if match else float(value)  # type: ignore[arg-type]
        if not 0 <= percent <= most:
            self.fail(node, path, f"must be from 0% to {most}%, got {percent:g}%")
            return None
        return percent / 100
