"""Reading YAML safely into located nodes: size, encoding, nesting and syntax checked first.

Only composing is done here, never constructing: no tag can run code, and an
alias bomb stays a small graph of shared nodes that the loader never expands.
"""

from __future__ import annotations

import yaml

from facelift.base.errors import RoutineError
from facelift.base.safetext import unsafe_character, unsafe_kind
from facelift.format.limits import MAX_NESTING as MAX_DEPTH
from facelift.format.limits import MAX_VALUES
from facelift.format.source import problem_at

# libyaml when PyYAML was built with it (it is ~10x faster), else pure Python.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def compose(data: bytes, *, shown_as: str) -> yaml.Node:
    """The document's root node, or a RoutineError saying why there is none."""
    text = _decode(data, shown_as=shown_as)
    try:
        _check_shape(text, shown_as=shown_as)
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = error.problem or error.context or "not valid YAML"
        if mark is not None and _char_at(text, mark.index) == "\t" and "tab" not in what:
            what = "a tab character; indent with spaces"
        raise problem_at(shown_as, line, column, f"YAML syntax error: {what}") from None
    except yaml.reader.ReaderError as error:  # a character YAML refuses anywhere in the file
        line, column = _line_column(text, error.position)
        raise problem_at(
            shown_as, line, column, f"the file contains {_refused(error.character)}"
        ) from None
    except yaml.YAMLError as error:
        raise problem_at(shown_as, 1, 1, f"YAML syntax error: {error}") from None
    if root is None:
        message = "the file is empty; a routine needs at least title and steps"
        raise problem_at(shown_as, 1, 1, message)
    return root


def _decode(data: bytes, *, shown_as: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        byte = data[error.start]
        raise problem_at(
            shown_as, line, column, f"not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8"
        ) from None


def _check_shape(text: str, *, shown_as: str) -> None:
    """Refuse deep nesting and a flood of values from the event stream, before the
    (recursive, and far slower) composer sees them."""
    depth = values = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.NodeEvent):  # a scalar, an alias, or a list or mapping
            values += 1
            if values > MAX_VALUES:
                message = f"more than {MAX_VALUES:,} values; a routine is far smaller"
                raise _fail_at(event, shown_as, message)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                message = f"nested more than {MAX_DEPTH} levels deep; a routine needs a few"
                raise _fail_at(event, shown_as, message)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _fail_at(event: yaml.Event, shown_as: str, message: str) -> RoutineError:
    mark = event.start_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return problem_at(shown_as, line, column, message)


def _line_column(text: str, index: int) -> tuple[int, int]:
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def _refused(character: int | str) -> str:
    char = chr(character) if isinstance(character, int) else character
    if unsafe_character(char):
        return f"{unsafe_kind(char)}; write plain text"
    return f"a character YAML does not allow (U+{ord(char):04X}); write plain text"


def _char_at(text: str, index: int) -> str:
    return text[index] if 0 <= index < len(text) else ""
