"""The only code that reads routine files: YAML text to a Routine, or every problem at once."""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path
from typing import TypeVar

import yaml

from facelift.base.errors import Problem, RoutineError
from facelift.base.safetext import unsafe_character, unsafe_kind
from facelift.format import yamlnodes
from facelift.format.cues import CUE_NAMES
from facelift.format.durations import format_duration, parse_duration
from facelift.format.findings import OverBudget
from facelift.format.guide_fields import GuideFields
from facelift.format.limits import (
    FIRST_PART,
    LAST_PART,
    MAX_ITEMS,
    MAX_REPEAT,
    MAX_ROUTINE,
    MAX_STEP,
    MAX_STROKES,
    MAX_TEMPO,
    MIN_PAUSE,
    MIN_STEP,
    MIN_TEMPO,
    WAIT_SECONDS,
)
from facelift.format.routine import (
    Include,
    Item,
    Rest,
    Routine,
    Sides,
    Step,
    StrokeCue,
)
from facelift.format.wav import routine_sound

FORMAT_VERSION = 1
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
GUESS_CUTOFF = 0.8  # how close a misspelled field must be for its value to be read as that field

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
STEP_FIELDS = (
    "title",
    "do",
    "say",
    "area",
    "zones",
    "direction",
    "why",
    "pressure",
    "sides",
    "duration",
    "strokes",
    "tempo",
    "repeat",
    "rounds",
    "wait",
    "cue",
)
REST_FIELDS = ("rest", "note")
INCLUDE_FIELDS = ("include",)

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


def load_routine(path: Path, *, shown_as: str | None = None) -> Routine:
    """Read and check one routine file; raise RoutineError with every problem found."""
    shown = shown_as or str(path)
    data = yamlnodes.read_file(path, shown_as=shown)
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


class LoadError(RoutineError):
    """A routine file's problems, with the includes it names, so that the library can
    check those too and every error is reported at once."""

    def __init__(
        self, problems: Sequence[Problem], includes: Sequence[tuple[str, Include]]
    ) -> None:
        super().__init__(problems)
        self.includes = tuple(includes)


def slugify(text: str) -> str:
    """A usable routine name from a file name: `My Jaw.yaml` -> `my-jaw`."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:64]
    return slug or "routine"


class _Reader(GuideFields):
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
                f"expected a mapping of fields (title:, steps:, ...) at the top, got {_kind(root)}",
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
            self.fail(node, field, f"expected a list of {noun}, got {_kind(node)}")
            return None
        if not node.value:
            self.fail(node, field, f"the list is empty; add at least one {noun[:-1]}")
            return None
        if len(node.value) > most:
            self.fail(node, field, too_many(len(node.value)))
            return None
        return list(node.value)

    def items(self, parent: yaml.Node, node: yaml.Node | None) -> list[Item | _Draft] | None:
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

    def item(self, node: yaml.Node, path: str) -> Item | _Draft | None:
        if not isinstance(node, yaml.MappingNode) or node.tag != _TAG + "map":
            self.fail(node, path, f"expected a step (a mapping with title:), got {_kind(node)}")
            return None
        keys = {key.value for key, _ in node.value if isinstance(key, yaml.ScalarNode)}
        if "rest" in keys:
            return self.rest(node, path)
        if "include" in keys:
            return self.include(node, path)
        return self.step(node, path)

    def rest(self, node: yaml.MappingNode, path: str) -> Rest | None:
        fields = self.mapping(node, path, REST_FIELDS, shape="a rest")
        if "rest" not in fields:
            return None
        seconds = self.duration(fields["rest"], f"{path}.rest", MIN_STEP, MAX_STEP)
        note = self.text(fields["note"], f"{path}.note") if "note" in fields else ""
        return Rest(seconds, note or "", self.location(node)) if seconds is not None else None

    def include(self, node: yaml.MappingNode, path: str) -> Include | None:
        fields = self.mapping(node, path, INCLUDE_FIELDS, shape="an include")
        value = fields.get("include")
        name = self.slug(value, f"{path}.include") if value is not None else None
        if value is None or name is None:
            return None
        self.includes.append((f"{path}.include", Include(name, self.location(value))))
        return self.includes[-1][1]

    def step(self, node: yaml.MappingNode, path: str) -> _Draft | None:
        fields = self.mapping(node, path, STEP_FIELDS, shape="a step")
        draft = _Draft(title=self.required_text(node, fields, "title", path) or "")
        for key in ("do", "say", "area", "why"):
            setattr(draft, key, self.optional_text(fields, key, path))
        choices: dict[str, type[Enum]] = {"sides": Sides, "cue": StrokeCue}
        for key, enum in choices.items():
            if key in fields:
                draft.given[key] = self.choice(fields[key], f"{path}.{key}", enum)
        if "pressure" in fields:
            draft.given["pressure"] = self.pressure(fields["pressure"], f"{path}.pressure")
        if "zones" in fields:
            draft.zones = self.zones(fields["zones"], f"{path}.zones")
        if "direction" in fields:
            draft.direction = self.direction(fields["direction"], f"{path}.direction")
        if "rounds" in fields and "repeat" in fields:
            self.fail(
                fields["rounds"],
                f"{path}.rounds",
                "give either rounds (one cue a round) or repeat, not both",
            )
        elif "rounds" in fields:
            draft.rounds_node = fields["rounds"]
            draft.round_cues = self.round_cues(fields["rounds"], f"{path}.rounds") or ()
        if "tempo" in fields:
            draft.given["tempo"] = self.duration(
                fields["tempo"], f"{path}.tempo", MIN_TEMPO, MAX_TEMPO
            )
        if "repeat" in fields:
            draft.repeat = self.integer(fields["repeat"], f"{path}.repeat", 1, MAX_REPEAT)
        draft.wait = self.boolean(fields["wait"], f"{path}.wait") if "wait" in fields else False
        if draft.wait:
            for key in ("duration", "strokes", "tempo", "repeat", "rounds", "sides"):
                if key in fields:
                    self.fail(
                        fields[key],
                        f"{path}.{key}",
                        f"a step that waits for a key has no {key}; leave it out",
                    )
        elif "duration" in fields and "strokes" in fields:
            self.fail(
                fields["strokes"], f"{path}.strokes", "give either duration or strokes, not both"
            )
        elif "duration" in fields:
            draft.duration = self.duration(
                fields["duration"], f"{path}.duration", MIN_STEP, MAX_STEP
            )
        elif "strokes" in fields:
            draft.strokes = self.integer(fields["strokes"], f"{path}.strokes", 1, MAX_STROKES)
        else:
            self.fail(
                node,
                path,
                "a timed step needs duration (e.g. 45s) or strokes (e.g. 10), "
                "or wait: true to wait for a key",
            )
        draft.node, draft.path = node, path
        return draft

    def apply_defaults(self, item: Item | _Draft, defaults: dict[str, object]) -> Item:
        if not isinstance(item, _Draft):
            return item
        merged = {**defaults, **{k: v for k, v in item.given.items() if v is not None}}
        tempo = float(merged.get("tempo", 3.0))  # type: ignore[arg-type]
        seconds = item.strokes * tempo if item.strokes else (item.duration or MIN_STEP)
        sides = Sides(Sides.BOTH if item.wait else merged.get("sides", Sides.BOTH))
        if item.wait:
            seconds = WAIT_SECONDS
        elif item.round_cues and len(sides.order) > 1:
            # one cue a round says where the hands go next; two sides in turn would have
            # to say it twice, so a step per side says it plainly
            message = f"rounds with sides: {sides.value}; write a step for each side"
            self.fail(item.rounds_node, f"{item.path}.rounds", message)
        if item.strokes and not MIN_STEP <= seconds <= MAX_STEP:
            self.fail(
                item.node,
                item.path,
                f"{item.strokes} strokes of {format_duration(tempo)} "
                f"last {format_duration(seconds)}; a step lasts 1s to 2h",
            )
        cue = merged.get("cue", StrokeCue.STROKES if item.strokes else StrokeCue.NONE)
        return Step(
            title=item.title,
            seconds=seconds,
            do=item.do,
            area=item.area,
            why=item.why,
            pressure=merged.get("pressure"),  # type: ignore[arg-type]
            sides=sides,
            strokes=item.strokes,
            tempo=tempo,
            repeat=len(item.round_cues) or item.repeat or 1,
            cue=StrokeCue.NONE if item.wait else cue,  # type: ignore[arg-type]
            rest_after=float(merged.get("rest", 0.0)),  # type: ignore[arg-type]
            say=item.say,
            round_cues=item.round_cues,
            wait=item.wait,
            zones=item.zones,
            direction=item.direction,
            location=self.location(item.node),
        )

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

    # -- values -----------------------------------------------------------

    def mapping(
        self, node: yaml.Node, path: str, allowed: tuple[str, ...], shape: str = ""
    ) -> dict[str, yaml.Node]:
        where = path or "the routine"
        if not isinstance(node, yaml.MappingNode) or node.tag != _TAG + "map":
            self.fail(node, path, f"expected a mapping, got {_kind(node)}")
            return {}
        fields: dict[str, yaml.Node] = {}
        first_line: dict[str, int] = {}
        guessed: dict[str, yaml.Node] = {}
        for key, value in node.value:
            self.spend(key)
            if not (isinstance(key, yaml.ScalarNode) and key.tag == _TAG + "str"):
                self.fail(key, path, f"field names are plain words, got {_kind(key)}")
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
            got = _kind(node)
            shown = f" ({node.value!r})" if isinstance(node, yaml.ScalarNode) and node.value else ""
            self.fail(node, path, f"expected {expected}, got {got}{shown}")
            return None
        value = _scalars.construct_object(node)
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
                node, path, f"expected a list of text (lines starting with '- '), got {_kind(node)}"
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


class _Draft:
    """A timed step read from the file, before the routine's defaults are applied."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.do = self.say = self.area = self.why = ""
        self.zones: tuple[str, ...] = ()
        self.direction: str | None = None
        self.round_cues: tuple[str, ...] = ()
        self.rounds_node: yaml.Node
        self.wait = False
        self.duration: float | None = None
        self.strokes: int | None = None
        self.repeat: int | None = None
        self.given: dict[str, object] = {}
        self.node: yaml.Node
        self.path = ""


def _kind(node: yaml.Node) -> str:
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
