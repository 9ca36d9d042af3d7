"""The only code that reads routine files: YAML text to a Routine, or every problem at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml

from facelift.base.errors import Problem
from facelift.format import yamlnodes
from facelift.format.cues import CUE_NAMES
from facelift.format.durations import format_duration
from facelift.format.findings import OverBudget
from facelift.format.limits import (
    FIRST_PART,
    LAST_PART,
    MAX_ITEMS,
    MAX_ROUTINE,
    MAX_STEP,
    MAX_TEMPO,
    MIN_PAUSE,
    MIN_TEMPO,
)
from facelift.format.routine import (
    Include,
    Item,
    LoadError,
    Rest,
    Routine,
    Sides,
    StrokeCue,
    slugify,
)
from facelift.format.source import read_file
from facelift.format.step_fields import INCLUDE_FIELDS as INCLUDE_FIELDS
from facelift.format.step_fields import REST_FIELDS as REST_FIELDS
from facelift.format.step_fields import STEP_FIELDS as STEP_FIELDS
from facelift.format.step_fields import Draft, StepFields
from facelift.format.values import SLUG as SLUG
from facelift.format.values import node_kind
from facelift.format.wav import routine_sound

FORMAT_VERSION = 1

TOP_FIELDS = (
    "facelift",
    "name",
    "title",
    "part",
    "summary",
    "description",
    "prepare",
    "safety",
    "confirm",
    "reflect",
    "defaults",
    "sounds",
    "tempo_band",
    "steps",
)
DEFAULT_FIELDS = ("pressure", "tempo", "rest", "sides", "cue")

_TAG = "tag:yaml.org,2002:"


def load_routine(path: Path, *, shown_as: str | None = None) -> Routine:
    """Read and check one routine file; raise RoutineError with every problem found."""
    shown = shown_as or str(path)
    data = read_file(path, shown_as=shown)
    return parse_routine(data, shown_as=shown, path=path)


def parse_routine(data: bytes, *, shown_as: str, path: Path | None = None) -> Routine:
    root = yamlnodes.compose(data, shown_as=shown_as)
    reader = _Reader(shown_as)
    try:
        routine = reader.routine(root, path)
    except OverBudget:
        routine = None
    if reader.problems or routine is None:
        raise LoadError(reader.sorted_problems(), reader.includes)
    return routine


class _Reader(StepFields):
    """Walks the node tree along the format, noting every problem instead of stopping."""

    def __init__(self, shown_as: str) -> None:
        super().__init__(shown_as)
        self.includes: list[tuple[str, Include]] = []  # with the path of each
        self.notices: list[Problem] = []  # advice: the file loads, but could say it better

    # -- the routine ------------------------------------------------------

    def routine(self, root: yaml.Node, path: Path | None) -> Routine | None:
        if not isinstance(root, yaml.MappingNode) or root.tag != _TAG + "map":
            self.fail(
                root,
                "",
                "expected a mapping of fields (title:, steps:, ...) at the top, "
                f"got {node_kind(root)}",
            )
            return None
        fields = self.mapping(root, "", TOP_FIELDS)
        version = fields.get("facelift")
        if version is not None:
            number = self.integer(version, "facelift", 1, 10**6)  # any, to say which
            if number is not None and number != FORMAT_VERSION:
                self.fail(
                    version,
                    "facelift",
                    f"format version {number} is not supported; "
                    f"this facelift reads version {FORMAT_VERSION}",
                )
        name = self.slug(fields["name"]) if "name" in fields else None
        title = self.required_text(root, fields, "title", "")
        part = (
            self.integer(fields["part"], "part", FIRST_PART, LAST_PART)
            if "part" in fields
            else None
        )
        defaults = self.defaults(fields.get("defaults"))
        drafts = self.items(root, fields.get("steps"))
        items = [self.apply_defaults(item, defaults) for item in drafts or []]
        self.check_total(root, items)
        sounds = self.sounds(fields.get("sounds"), path)
        summary, description = (self.optional_text(fields, k) for k in ("summary", "description"))
        prepare, safety, reflect = (
            self.text_list(fields.get(key), key) for key in ("prepare", "safety", "reflect")
        )
        confirm = self.boolean(fields["confirm"], "confirm") if "confirm" in fields else False
        band = fields.get("tempo_band")
        band_value = self.tempo_band(band, "tempo_band") if band is not None else None
        if title is None or drafts is None:  # every field is read first, to report all at once
            return None
        return Routine(
            name=name or slugify(path.stem if path else "routine"),
            title=title,
            items=tuple(items),
            part=part,
            summary=summary,
            description=description,
            prepare=prepare,
            safety=safety,
            confirm=confirm,
            reflect=reflect,
            sounds=sounds,
            path=path,
            tempo_band=Routine.tempo_band if band_value is None else band_value,
            notices=tuple(self.notices),
        )

    def defaults(self, node: yaml.Node | None) -> dict[str, object]:
        if node is None:
            return {}
        fields = self.mapping(node, "defaults", DEFAULT_FIELDS)
        readers: dict[str, Callable[[yaml.Node, str], object]] = {
            "pressure": self.pressure,
            "sides": lambda n, p: self.choice(n, p, Sides),
            "cue": lambda n, p: self.choice(n, p, StrokeCue),
            "tempo": lambda n, p: self.duration(n, p, MIN_TEMPO, MAX_TEMPO),
            "rest": lambda n, p: self.duration(n, p, MIN_PAUSE, MAX_STEP),
        }
        values = {key: readers[key](value, f"defaults.{key}") for key, value in fields.items()}
        return {key: value for key, value in values.items() if value is not None}

    def entries(
        self,
        parent: yaml.Node,
        node: yaml.Node | None,
        field: str,
        *,
        needs: str,
        most: int,
        too_many: Callable[[int], str],
    ) -> list[yaml.Node] | None:
        """The entries of a required, non-empty list of at most `most` (`steps`, `days`):
        `needs` names them as the file owner's need ("a routine needs a list of steps")."""
        noun = needs.rsplit(" ", 1)[-1]
        if node is None:
            self.fail(parent, field, f"missing; {needs}")
            return None
        if not isinstance(node, yaml.SequenceNode) or node.tag != _TAG + "seq":
            self.fail(node, field, f"expected a list of {noun}, got {node_kind(node)}")
            return None
        if not node.value:
            self.fail(node, field, f"the list is empty; add at least one {noun[:-1]}")
            return None
        if len(node.value) > most:
            self.fail(node, field, too_many(len(node.value)))
            return None
        return list(node.value)

    def items(self, parent: yaml.Node, node: yaml.Node | None) -> list[Item | Draft] | None:
        entries = self.entries(
            parent,
            node,
            "steps",
            needs="a routine needs a list of steps",
            most=MAX_ITEMS,
            too_many=lambda n: (
                f"{n:,} entries; a routine has at most {MAX_ITEMS:,} steps and rests"
            ),
        )
        if node is None or entries is None:
            return None
        read = [self.item(child, f"steps[{number}]") for number, child in enumerate(entries, 1)]
        if all(isinstance(item, Rest) for item in read):  # every entry read, and each a rest
            self.fail(node, "steps", "only rests; add a timed step (duration or strokes)")
        return [item for item in read if item is not None]

    def check_total(self, root: yaml.Node, items: list[Item]) -> None:
        total = sum(item.total_seconds for item in items if not isinstance(item, Include))
        if total > MAX_ROUTINE:
            self.fail(root, "steps", f"the routine lasts {format_duration(total)}; the most is 6h")

    def sounds(self, node: yaml.Node | None, path: Path | None) -> tuple[tuple[str, Path], ...]:
        if node is None:
            return ()
        fields = self.mapping(node, "sounds", CUE_NAMES)
        found: list[tuple[str, Path]] = []
        folder = path.parent if path else Path.cwd()
        for cue, value in fields.items():
            relative = self.text(value, f"sounds.{cue}")
            if relative is None:
                continue
            wav, problem = routine_sound(folder, relative)
            if problem:
                self.fail(value, f"sounds.{cue}", f"{relative}: {problem}")
            else:
                found.append((cue, wav))
        return tuple(found)
