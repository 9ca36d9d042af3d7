"""Reading and checking the entries of a routine's steps: a timed step's fields (its
text, timing, sides, rounds, waiting), a rest, an include, and a step with the routine's
defaults applied.
"""

from __future__ import annotations

from enum import Enum

import yaml

from facelift.format.durations import format_duration
from facelift.format.limits import (
    MAX_REPEAT,
    MAX_STEP,
    MAX_STROKES,
    MAX_TEMPO,
    MIN_STEP,
    MIN_TEMPO,
    WAIT_SECONDS,
)
from facelift.format.routine import Include, Item, Rest, Sides, Step, StrokeCue
from facelift.format.values import Values, node_kind

_TAG = "tag:yaml.org,2002:"

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


class StepFields(Values):
    """Readers of one entry of `steps:`; the routine's own fields are the loader's."""

    includes: list[tuple[str, Include]]  # with the path of each

    def item(self, node: yaml.Node, path: str) -> Item | Draft | None:
        if not isinstance(node, yaml.MappingNode) or node.tag != _TAG + "map":
            self.fail(node, path, f"expected a step (a mapping with title:), got {node_kind(node)}")
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

    def step(self, node: yaml.MappingNode, path: str) -> Draft | None:
        fields = self.mapping(node, path, STEP_FIELDS, shape="a step")
        draft = Draft(title=self.required_text(node, fields, "title", path) or "")
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

    def apply_defaults(self, item: Item | Draft, defaults: dict[str, object]) -> Item:
        if not isinstance(item, Draft):
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


class Draft:
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
