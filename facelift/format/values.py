"""The loader's readers of single values: a mapping of known fields (with advice on a
misspelled one), text, whole numbers, true/false, names, choices and durations, each
noting a located problem instead of stopping. The base of every reader of the format.
"""

from __future__ import annotations

import difflib
import math
import re
from enum import Enum
from typing import TypeVar

import yaml

from facelift.base.safetext import unsafe_character, unsafe_kind
from facelift.format.durations import format_duration, parse_duration
from facelift.format.guide_fields import GuideFields

SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
GUESS_CUTOFF = 0.8  # how close a misspelled field must be for its value to be read as that field

_TAG = "tag:yaml.org,2002:"
_KIND_OF_TAG = {
    "str": "text",
    "int": "a number",
    "float": "a number",
    "bool": "true/false",
    "null": "nothing",
    "timestamp": "a date",
    "seq": "a list",
    "map": "a mapping",
}
_scalars = yaml.constructor.SafeConstructor()
E = TypeVar("E", bound=Enum)


class Values(GuideFields):
    """The generic readers of values, on which the routine's and the plan's readers build."""

    def mapping(
        self, node: yaml.Node, path: str, allowed: tuple[str, ...], shape: str = ""
    ) -> dict[str, yaml.Node]:
        where = path or "the routine"
        if not isinstance(node, yaml.MappingNode) or node.tag != _TAG + "map":
            self.fail(node, path, f"expected a mapping, got {node_kind(node)}")
            return {}
        fields: dict[str, yaml.Node] = {}
        first_line: dict[str, int] = {}
        guessed: dict[str, yaml.Node] = {}
        for key, value in node.value:
            self.spend(key)
            if not (isinstance(key, yaml.ScalarNode) and key.tag == _TAG + "str"):
                self.fail(key, path, f"field names are plain words, got {node_kind(key)}")
                continue
            name = key.value
            field_path = f"{path}.{name}" if path else name
            if unsafe := _unsafe(name):
                self.fail(key, path, f"a field name {unsafe}")
            elif name in fields:
                self.fail(
                    key,
                    field_path,
                    f"duplicate field '{name}' (first given on line {first_line[name]})",
                )
            elif name not in allowed:
                close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
                self.fail(key, field_path, _unknown_field(name, allowed, shape or where, close))
                if close and difflib.SequenceMatcher(None, name, close[0]).ratio() >= GUESS_CUTOFF:
                    guessed.setdefault(close[0], value)
            else:
                fields[name] = value
                first_line[name] = key.start_mark.line + 1
        # A misspelled field is an error already; reading its value as the field it was
        # surely meant to be reports the errors inside it now, not on the next run.
        return {**guessed, **fields}

    def scalar(self, node: yaml.Node, path: str, kinds: tuple[str, ...], expected: str) -> object:
        self.spend(node)
        tag = node.tag.removeprefix(_TAG)
        if not isinstance(node, yaml.ScalarNode) or tag not in kinds:
            got = node_kind(node)
            shown = f" ({node.value!r})" if isinstance(node, yaml.ScalarNode) and node.value else ""
            self.fail(node, path, f"expected {expected}, got {got}{shown}")
            return None
        # text is the node's own value; only a number, a bool or a null needs the constructor
        value = node.value if tag == "str" else _scalars.construct_object(node)
        if isinstance(value, str) and (unsafe := _unsafe(value)):
            self.fail(node, path, unsafe)
            return None
        return value

    def text(self, node: yaml.Node, path: str) -> str | None:
        value = self.scalar(node, path, ("str",), "text (put quotes around it)")
        return value.strip() if isinstance(value, str) else None

    def required_text(
        self, parent: yaml.Node, fields: dict[str, yaml.Node], key: str, path: str
    ) -> str | None:
        full = f"{path}.{key}" if path else key
        if key not in fields:
            self.fail(parent, full, "missing; every routine and step needs a title")
            return None
        value = self.text(fields[key], full)
        if value == "":
            self.fail(fields[key], full, "is empty; write a few words")
        return value or None

    def optional_text(self, fields: dict[str, yaml.Node], key: str, path: str = "") -> str:
        if key not in fields:
            return ""
        return self.text(fields[key], f"{path}.{key}" if path else key) or ""

    def text_list(self, node: yaml.Node | None, path: str) -> tuple[str, ...]:
        if node is None:
            return ()
        if not isinstance(node, yaml.SequenceNode) or node.tag != _TAG + "seq":
            self.fail(
                node,
                path,
                f"expected a list of text (lines starting with '- '), got {node_kind(node)}",
            )
            return ()
        texts = (self.text(child, f"{path}[{n}]") for n, child in enumerate(node.value, 1))
        return tuple(t for t in texts if t)

    def integer(self, node: yaml.Node, path: str, low: int, high: int) -> int | None:
        value = self.scalar(node, path, ("int",), "a whole number")
        if not isinstance(value, int) or isinstance(value, bool):
            return None
        if not low <= value <= high:
            self.fail(node, path, f"must be from {low} to {high}, got {value}")
            return None
        return value

    def boolean(self, node: yaml.Node, path: str) -> bool:
        value = self.scalar(node, path, ("bool",), "true or false")
        return value is True

    def slug(self, node: yaml.Node, path: str = "name") -> str | None:
        value = self.text(node, path)
        if value is not None and not SLUG.fullmatch(value):
            self.fail(
                node,
                path,
                f"expected a name of lowercase letters, digits and '-' "
                f"(like 'my-jaw'), got {value!r}",
            )
            return None
        return value

    def choice(self, node: yaml.Node, path: str, enum: type[E]) -> E | None:
        options = [member.value for member in enum]
        value = self.scalar(node, path, ("str",), "one of " + ", ".join(options))
        if not isinstance(value, str):
            return None
        if value not in options:
            hint = difflib.get_close_matches(value, options, n=1)
            suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
            self.fail(
                node, path, f"expected one of {', '.join(options)}, got {value!r}{suggestion}"
            )
            return None
        return enum(value)

    def duration(self, node: yaml.Node, path: str, low: float, high: float) -> float | None:
        expected = "a duration such as 45s or 1m30s"
        value = self.scalar(node, path, ("str", "int", "float"), expected)
        if value is None or isinstance(value, bool):
            return None
        seconds = float(value) if isinstance(value, (int, float)) else parse_duration(str(value))
        if seconds is None or not math.isfinite(seconds):
            self.fail(node, path, f"expected {expected}, got {value!r}")
            return None
        if not low <= seconds <= high:
            self.fail(
                node,
                path,
                f"must be from {format_duration(low)} to "
                f"{format_duration(high)}, got {format_duration(seconds)}",
            )
            return None
        return seconds


def node_kind(node: yaml.Node) -> str:
    tag = node.tag.removeprefix(_TAG)
    if tag in _KIND_OF_TAG:
        return _KIND_OF_TAG[tag]
    return f"a value tagged {node.tag!r} (only plain YAML is read)"


def _unsafe(text: str) -> str:
    """Why `text` cannot be shown as written, or "": text is made safe where it enters."""
    char = unsafe_character(text)
    return f"contains {unsafe_kind(char)}; write plain text" if char else ""


def _unknown_field(name: str, allowed: tuple[str, ...], where: str, close: list[str]) -> str:
    if close:
        return f"unknown field '{name}'; did you mean '{close[0]}'?"
    return f"unknown field '{name}' in {where}; expected one of {', '.join(allowed)}"
