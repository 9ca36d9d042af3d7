"""Reading plans: which routines to play on each day of a practice, read from YAML as strictly as a
routine (every problem at once, located, with did-you-mean), by the routine loader's reader.

    facelift: 1
    title: Four weeks
    days:                            # day 1, day 2, ...
      - lymphatic                    # one routine
      - rest                         # a day off
      - [lymphatic, deep-tissue-face]  # several, in order
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

from facelift.base.errors import Problem, RoutineError
from facelift.format import yamlnodes

# The routine loader's own reader, so a plan's messages read exactly like a routine's.
from facelift.format.loader import FORMAT_VERSION, _Reader
from facelift.format.plan import MAX_DAYS, MAX_PER_DAY, PLAN_FIELDS, REST, Day, Plan
from facelift.format.routine import slugify
from facelift.format.source import read_file
from facelift.format.values import node_kind

_TAG = "tag:yaml.org,2002:"

# A routine's name -> what is wrong with naming it in a plan, or None when it can be played.
RoutineCheck = Callable[[str], str | None]


def is_plan_text(data: bytes) -> bool:
    """Whether a YAML file is meant as a plan: a mapping at the top with a `days:` key."""
    try:
        root = yamlnodes.compose(data, shown_as="")
    except RoutineError:
        return False
    return isinstance(root, yaml.MappingNode) and any(
        isinstance(key, yaml.ScalarNode) and key.value == "days" for key, _ in root.value
    )


def load_plan(
    path: Path, *, shown_as: str | None = None, check: RoutineCheck | None = None
) -> Plan:
    """Read and check one plan file; raise RoutineError with every problem found."""
    shown = shown_as or str(path)
    data = read_file(path, shown_as=shown)
    return parse_plan(data, shown_as=shown, path=path, check=check)


def parse_plan(
    data: bytes, *, shown_as: str, path: Path | None = None, check: RoutineCheck | None = None
) -> Plan:
    """A Plan from YAML bytes; each routine it names is put to `check` (when given)."""
    if not data.strip():
        message = "the file is empty; a plan needs at least title and days"
        raise RoutineError([Problem(shown_as, 1, 1, "", message)])
    root = yamlnodes.compose(data, shown_as=shown_as)
    reader = _Reader(shown_as)
    plan = _read(reader, root, path, check)
    if reader.problems or plan is None:
        raise RoutineError(reader.sorted_problems())
    return plan


def _read(
    reader: _Reader, root: yaml.Node, path: Path | None, check: RoutineCheck | None
) -> Plan | None:
    if not isinstance(root, yaml.MappingNode) or root.tag != _TAG + "map":
        expected = "expected a mapping of fields (title:, days:, ...) at the top"
        reader.fail(root, "", f"{expected}, got {node_kind(root)}")
        return None
    fields = reader.mapping(root, "", PLAN_FIELDS, shape="a plan")
    version = fields.get("facelift")
    if version is not None:
        number = reader.integer(version, "facelift", 1, 10**6)
        if number is not None and number != FORMAT_VERSION:
            reader.fail(
                version,
                "facelift",
                f"format version {number} is not supported; "
                f"this facelift reads version {FORMAT_VERSION}",
            )
    name = reader.slug(fields["name"]) if "name" in fields else None
    title = _title(reader, root, fields)
    days = _days(reader, root, fields.get("days"), check)
    texts = {
        key: reader.text(fields[key], key) or ""
        for key in ("summary", "description")
        if key in fields
    }
    repeat = reader.boolean(fields["repeat"], "repeat") if "repeat" in fields else False
    if title is None or days is None:
        return None
    return Plan(
        name=name or slugify(path.stem if path else "plan"),
        title=title,
        days=tuple(days),
        summary=texts.get("summary", ""),
        description=texts.get("description", ""),
        repeat=repeat,
        path=path,
    )


def _title(reader: _Reader, root: yaml.Node, fields: dict[str, yaml.Node]) -> str | None:
    if "title" not in fields:
        reader.fail(root, "title", "missing; a plan needs a title")
        return None
    title = reader.text(fields["title"], "title")
    if title == "":
        reader.fail(fields["title"], "title", "is empty; write a few words")
    return title or None


def _days(
    reader: _Reader, root: yaml.Node, node: yaml.Node | None, check: RoutineCheck | None
) -> list[Day] | None:
    entries = reader.entries(
        root,
        node,
        "days",
        needs="a plan needs a list of days",
        most=MAX_DAYS,
        too_many=lambda n: (
            f"{n} days; a plan has at most {MAX_DAYS} "
            "(repeat: true plays a shorter one again and again)"
        ),
    )
    if entries is None:
        return None
    days = [
        _day(reader, child, f"days[{number}]", check) for number, child in enumerate(entries, 1)
    ]
    return [day for day in days if day is not None]


def _day(reader: _Reader, node: yaml.Node, path: str, check: RoutineCheck | None) -> Day | None:
    if isinstance(node, yaml.SequenceNode) and node.tag == _TAG + "seq":
        return _several(reader, node, path, check)
    name = _name(reader, node, path, check, alone=True)
    if name is None:
        return None
    return Day() if name == REST else Day((name,))


def _several(
    reader: _Reader, node: yaml.SequenceNode, path: str, check: RoutineCheck | None
) -> Day | None:
    if not node.value:
        reader.fail(node, path, "an empty list; write rest for a day off")
        return None
    if len(node.value) > MAX_PER_DAY:
        reader.fail(node, path, f"{len(node.value)} routines in a day; the most is {MAX_PER_DAY}")
        return None
    names: list[str] = []
    for number, child in enumerate(node.value, 1):
        name = _name(reader, child, f"{path}[{number}]", check, alone=False)
        if name is None:
            continue
        if name in names:
            reader.fail(child, f"{path}[{number}]", f"'{name}' is named twice on this day")
            continue
        names.append(name)
    if len(names) != len(node.value):
        return None
    return Day(tuple(names))


def _name(
    reader: _Reader, node: yaml.Node, path: str, check: RoutineCheck | None, *, alone: bool
) -> str | None:
    if not (isinstance(node, yaml.ScalarNode) and node.tag == _TAG + "str"):
        shape = "a routine's name, rest, or a list of names" if alone else "a routine's name"
        reader.fail(node, path, f"expected {shape}, got {node_kind(node)}")
        return None
    name = reader.slug(node, path)
    if name is None:
        return None
    if name == REST:
        if alone:
            return name
        reader.fail(node, path, "rest is a day of its own; write it alone, not in a list")
        return None
    problem = check(name) if check else None
    if problem:
        reader.fail(node, path, problem)
        return None
    return name
