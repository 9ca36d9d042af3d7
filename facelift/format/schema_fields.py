"""The field specs of the routine schema: what each field of a step, a rest, an include,
the defaults and the sounds means, its type, choices and bounds, taken from the loader's
lists and the named limits. `schema` assembles them (with the top level, the shared
definitions and the example) into the whole JSON Schema.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any

from facelift.format.cues import CUE_MEANINGS, CUE_NAMES
from facelift.format.durations import format_duration
from facelift.format.limits import (
    MAX_CUE_WORDS,
    MAX_PRESSURE,
    MAX_REPEAT,
    MAX_STEP,
    MAX_STROKES,
    MAX_TEMPO,
    MIN_PAUSE,
    MIN_PRESSURE,
    MIN_STEP,
    MIN_TEMPO,
    PRESSURE_WORDS,
)
from facelift.format.loader import SLUG
from facelift.format.routine import Sides, Step, StrokeCue
from facelift.format.zones import DIRECTIONS, ZONE_NAMES

SLUG_PATTERN = f"^{SLUG.pattern}$"

# The names of the shared definitions under `$defs`.
DEF_STEP, DEF_REST, DEF_INCLUDE = "timedStep", "rest", "include"
DEF_DURATION, DEF_TEMPO, DEF_PAUSE, DEF_TEXT = "duration", "tempo", "pause", "durationText"


def properties(
    fields: tuple[str, ...], specs: Mapping[str, dict[str, Any]], where: str
) -> dict[str, dict[str, Any]]:
    """The loader's fields, in its order, each with its schema; any drift is an error."""
    missing = [name for name in fields if name not in specs]
    extra = [name for name in specs if name not in fields]
    if missing or extra:
        raise RuntimeError(
            f"the schema of {where} is out of step with the loader: "
            f"not described {missing}, not read by the loader {extra}"
        )
    return {name: specs[name] for name in fields}


def field(description: str, examples: list[Any], **schema: Any) -> dict[str, Any]:
    return {**schema, "description": description, "examples": examples}


def ref(name: str, description: str, examples: list[Any], **extra: Any) -> dict[str, Any]:
    return field(description, examples, **{"$ref": f"#/$defs/{name}"}, **extra)


def choice(enum: type[Enum], description: str, **extra: Any) -> dict[str, Any]:
    values = [member.value for member in enum]
    return field(description, values, type="string", enum=values, **extra)


def seconds(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def span(low: float, high: float) -> str:
    return f"from {format_duration(low)} to {format_duration(high)}"


def text_list(description: str, examples: list[str], item: str) -> dict[str, Any]:
    return field(
        description,
        [examples],
        type="array",
        items={"type": "string", "description": item},
    )


def default_fields() -> dict[str, dict[str, Any]]:
    return {
        "pressure": pressure(
            "How firmly to press in every step that does not say, from 0 (skin contact "
            f"only) to {MAX_PRESSURE}. Without it, a step has no pressure (a breath, a wait)."
        ),
        "tempo": ref(
            DEF_TEMPO,
            "How long one counted stroke lasts, for every step counted in strokes that "
            f"does not say; {span(MIN_TEMPO, MAX_TEMPO)}. Without it, "
            f"{format_duration(Step.tempo)}.",
            ["3s", 4, "2.5s"],
            default=format_duration(Step.tempo),
        ),
        "rest": ref(
            DEF_PAUSE,
            "A pause after every step but the last, to breathe or move your hands; "
            f"{span(MIN_PAUSE, MAX_STEP)}. Without it, no pause.",
            ["0s", "5s", 10],
            default=format_duration(Step.rest_after),
        ),
        "sides": choice(
            Sides,
            "Which side every step works on unless it says otherwise: both at once, "
            "left-right or right-left (one side after the other, the time given per side), "
            f"or left or right only. Without it, {Step.sides.value}.",
            default=Step.sides.value,
        ),
        "cue": choice(
            StrokeCue,
            "The sound during every step that does not say: strokes plays a soft tick on "
            "each stroke, none keeps quiet. Without it, steps counted in strokes tick and "
            "the others stay quiet.",
        ),
    }


def step_fields() -> dict[str, dict[str, Any]]:
    return {
        "title": field(
            "What this step is called, shown large while it plays. Every timed step needs one.",
            ["Jawline to ear", "Open the collarbone hollows"],
            type="string",
            minLength=1,
            pattern=r"\S",
        ),
        "do": field(
            "The instruction: what your hands do in this step.",
            ["Half-circles from the chin along the jaw toward its angle."],
            type="string",
        ),
        "say": field(
            "The instruction written for the ear, spoken with --voice: short sentences "
            "that say where, with which fingers and how firmly. Without it, `do` is spoken.",
            ["Two fingers under the chin. Small half-circles out to the jaw angle."],
            type="string",
        ),
        "area": field(
            "Where on the face, neck or head the hands work.",
            ["Supraclavicular hollows", "Jawline"],
            type="string",
        ),
        "zones": field(
            "The zones this step works, from a fixed list: " + ", ".join(ZONE_NAMES) + ".",
            [["jawline", "chin"], ["side-of-neck"]],
            type="array",
            items={"type": "string", "enum": list(ZONE_NAMES)},
            uniqueItems=True,
        ),
        "direction": field(
            "Which way the strokes move: " + ", ".join(DIRECTIONS) + ".",
            ["up", "toward-collarbone"],
            type="string",
            enum=list(DIRECTIONS),
        ),
        "why": field(
            "One modest sentence on why this step is there.",
            ["The neck is where facial lymph drains; clear it first."],
            type="string",
        ),
        "pressure": pressure(
            f"How firmly to press, from 0 (skin contact only) to {MAX_PRESSURE} (the most "
            "you could bear); shown and said as 'pressure 3 of 10'. Without it, the "
            "routine's default, or none: a step that touches nothing (a breath) has none."
        ),
        "sides": choice(
            Sides,
            "Which side this step works on: both at once (the usual), left-right or "
            "right-left (one side, a cue to switch, then the other; the time given is per "
            "side, so the step lasts twice as long), or left or right only.",
        ),
        "duration": ref(
            DEF_DURATION,
            "How long the step lasts, as seconds (45) or as text (45s, 1m30s, 1:30), "
            f"{span(MIN_STEP, MAX_STEP)}. Give either duration or strokes, not both.",
            [45, "45s", "1m30s", "1:30"],
        ),
        "strokes": field(
            f"How many counted strokes, a whole number from 1 to {MAX_STROKES}. Each lasts "
            f"the tempo ({format_duration(Step.tempo)} unless you set it), so 10 strokes "
            "make 30s. Give either strokes or duration, not both.",
            [10, 5],
            type="integer",
            minimum=1,
            maximum=MAX_STROKES,
        ),
        "tempo": ref(
            DEF_TEMPO,
            f"How long one stroke lasts in this step, {span(MIN_TEMPO, MAX_TEMPO)}. It "
            "matters only with strokes. Without it, the routine's default, or "
            f"{format_duration(Step.tempo)}.",
            ["3s", 8, "1.5s"],
        ),
        "repeat": field(
            f"How many rounds of the whole step, a whole number from 1 to {MAX_REPEAT}. "
            f"Without it, {Step.repeat}.",
            [1, 3],
            type="integer",
            minimum=1,
            maximum=MAX_REPEAT,
            default=Step.repeat,
        ),
        "rounds": field(
            "One short cue a round, said as the round begins: where the hands go next. "
            f"The number of cues is the number of rounds (1 to {MAX_REPEAT}). Give either "
            "rounds or repeat, not both; a step with rounds works both sides at once or "
            "one side only (write a step for each side).",
            [["Just above the collarbone.", "Halfway up the neck.", "Just under the ear."]],
            type="array",
            minItems=1,
            maxItems=MAX_REPEAT,
            items={"type": "string", "minLength": 1, "maxLength": MAX_CUE_WORDS},
        ),
        "wait": field(
            "Set it to true for a step that waits for a key instead of a clock (gloves on, "
            "oil off); it has no duration or strokes. Its time is your own: lengths show it as "
            "'+ your time'.",
            [True],
            type="boolean",
            default=False,
        ),
        "cue": choice(
            StrokeCue,
            "The sound during this step: strokes plays a soft tick on each stroke, none "
            "keeps quiet. Without it, the routine's default; else a step counted in "
            "strokes ticks and a timed one stays quiet.",
        ),
    }


def rest_fields() -> dict[str, dict[str, Any]]:
    return {
        "rest": ref(
            DEF_DURATION,
            f"A pause, as seconds (15) or as text (15s, 1m), {span(MIN_STEP, MAX_STEP)}.",
            [15, "15s", "1m"],
        ),
        "note": field(
            "A few words shown during the pause.",
            ["Shake out your hands.", "Wash your hands and put on clean gloves."],
            type="string",
        ),
    }


def include_fields() -> dict[str, dict[str, Any]]:
    return {
        "include": field(
            "The name of another routine whose steps play here, in place: its `name:`, or "
            "its file name without .yaml. Includes may nest, but never in a circle.",
            ["lymphatic", "neck-shoulder-scalp"],
            type="string",
            pattern=SLUG_PATTERN,
        ),
    }


def sound_fields() -> dict[str, dict[str, Any]]:
    fields = {}
    for cue in CUE_NAMES:
        moment, _, sound = CUE_MEANINGS[cue].partition(": ")
        built_in = f" ({sound})" if sound else ""
        fields[cue] = field(
            f"Your own WAV file for the '{cue}' cue: {moment}. It replaces the built-in "
            f"sound{built_in}. The path is relative to this routine file.",
            [f"{cue}.wav", f"sounds/my-{cue}.wav"],
            type="string",
            minLength=1,
        )
    return fields


def pressure(description: str) -> dict[str, Any]:
    words = list(PRESSURE_WORDS)
    return field(
        description,
        [3, 0, 5],
        oneOf=[
            {"type": "integer", "minimum": MIN_PRESSURE, "maximum": MAX_PRESSURE},
            {
                "type": "string",
                "enum": words,
                "description": "Words of the first format, still read (as "
                + ", ".join(f"{w} {n}" for w, n in PRESSURE_WORDS.items())
                + "); write the number.",
            },
        ],
    )
