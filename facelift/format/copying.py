"""A routine's text under a new name: the file as written (its includes, comments and
layout kept), renamed, retitled when it becomes someone's copy, and pointed at the schema
for editors. Edited as text, located by the YAML parser, so nothing else in it changes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from facelift.format.loader import parse_routine
from facelift.format.source import read_file

SCHEMA_LINE = "# yaml-language-server: $schema=./facelift-routine.schema.json\n"


def copy_of(source: Path, name: str) -> str:
    """A routine file's text under a new name, its includes and comments kept; under another
    name than its own, its title says whose copy it is, so that `list` tells them apart."""
    data = read_file(source, shown_as=str(source))  # at most 1 MiB, whatever the file is
    routine = parse_routine(data, shown_as=str(source), path=source)
    text = data.decode("utf-8-sig")
    if routine.name != name:
        text = _retitled(text, f"{routine.title} ({name})")
    text = re.sub(r"^# yaml-language-server:.*\n", "", text, flags=re.MULTILINE)
    named = re.subn(r"^name:[^\n#]*", f"name: {name}", text, count=1, flags=re.MULTILINE)
    text = named[0] if named[1] else f"name: {name}\n{text}"
    return SCHEMA_LINE + text


def _retitled(text: str, title: str) -> str:
    """`text` with the value of its top-level title: replaced, whatever style it was in."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)  # parsed already: small and valid
    assert isinstance(root, yaml.MappingNode)
    value = next(v for k, v in root.value if k.value == "title")
    start, end = value.start_mark.index, value.end_mark.index
    plain = re.fullmatch(r"[A-Za-z0-9][^:#\n,\[\]{}]*(?<! )", title) is not None
    written = title if plain and yaml.safe_load(title) == title else json.dumps(title)
    if value.style in ("|", ">"):
        written += "\n"  # a block scalar's span ends with its line break
    return text[:start] + written + text[end:]
