"""The JSON Schema (draft 2020-12) of the routine format, for editors with a YAML language server.

The schema is built from the loader's own field lists, bounds and choices, so it cannot
drift from what `facelift validate` accepts without a test noticing. It checks what a
schema can say: field names, types, choices, bounds of numbers, the shape of a duration
written as text, and that a timed step has exactly one of `duration` and `strokes`. The
loader still has the last word on what a schema cannot see: includes (unknown names,
cycles), the length of a whole routine, strokes x tempo, the bounds of a duration
written as text, whether a sound file exists, and rounds on a step that takes two sides
in turn from the routine's defaults.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Mapping
from enum import Enum
from pathlib import Path
from typing import Any

from facelift.base.errors import FaceliftError
from facelift.format.cues import CUE_MEANINGS, CUE_NAMES
from facelift.format.durations import format_duration
from facelift.format.guide_fields import PERCENT
from facelift.format.limits import (
    DEFAULT_TEMPO_BAND,
    MAX_CUE_WORDS,
    MAX_PRESSURE,
    MAX_REPEAT,
    MAX_STEP,
    MAX_STROKES,
    MAX_TEMPO,
    MAX_TEMPO_BAND,
    MIN_PAUSE,
    MIN_PRESSURE,
    MIN_STEP,
    MIN_TEMPO,
    PRESSURE_WORDS,
)
from facelift.format.loader import (
    DEFAULT_FIELDS,
    FORMAT_VERSION,
    INCLUDE_FIELDS,
    REST_FIELDS,
    SLUG,
    STEP_FIELDS,
    TOP_FIELDS,
)
from facelift.format.routine import Routine, Sides, Step, StrokeCue
from facelift.format.zones import DIRECTIONS, ZONE_NAMES

SCHEMA_FILE_NAME = "facelift-routine.schema.json"
SCHEMA_ID = f"https://facelift.invalid/schemas/routine-{FORMAT_VERSION}.json"
DRAFT = "https://json-schema.org/draft/2020-12/schema"

# Bounds the loader writes inline (tests/test_schema.py checks both agree at each edge).
FIRST_PART, LAST_PART = 1, 4

_NUMBER = r"\d+(?:\.\d+)?"
# What durations.parse_duration reads, as one ECMA-262 pattern (no flags): `45`, `2.5`,
# `45s`, `1m30s`, `2m`, `1h5m` (any case, spaces between the parts), `1:30`, `1:00:00`.
DURATION_PATTERN = (
    r"^ *(?:"
    rf"{_NUMBER}"
    r"|\d+:(?:[0-5]?\d:)?[0-5]\d(?:\.\d+)?"
    rf"|(?=\d)(?:{_NUMBER} *[hH])? *(?:{_NUMBER} *[mM])? *(?:{_NUMBER} *[sS])?"
    r") *$"
)
SLUG_PATTERN = f"^{SLUG.pattern}$"

_STEP, _REST, _INCLUDE = "timedStep", "rest", "include"
_DURATION, _TEMPO, _PAUSE, _TEXT = "duration", "tempo", "pause", "durationText"


def routine_schema() -> dict[str, Any]:
    """The routine format as a JSON Schema (draft 2020-12), as plain data."""
    return {
        "$schema": DRAFT,
        "$id": SCHEMA_ID,
        "title": "facelift routine",
        "description": (
            f"A facelift routine, format version {FORMAT_VERSION}: a guided facial "
            "self-massage written as a title and a list of steps. Check a file with "
            "`facelift validate FILE`."
        ),
        "type": "object",
        "required": ["title", "steps"],
        "properties": _properties(TOP_FIELDS, _top_fields(), "the top level"),
        "additionalProperties": False,
        "examples": [_EXAMPLE],
        "$defs": _defs(),
    }


def schema_json() -> str:
    """The schema as the text of a .json file: indented, ending in a newline."""
    return json.dumps(routine_schema(), indent=2) + "\n"


def write_schema(folder: Path, *, name: str = SCHEMA_FILE_NAME, text: str | None = None) -> Path:
    """Write the schema (or another: `text`) to FOLDER/`name`, whole or not at all."""
    target = folder / name
    partial = folder / f".{name}.{os.getpid()}-{threading.get_ident()}.part"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with partial.open("w", encoding="utf-8", newline="\n") as stream:
            stream.write(schema_json() if text is None else text)
            stream.flush()
            os.fsync(stream.fileno())
        partial.replace(target)
    except OSError as error:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise FaceliftError(
            f"cannot write the schema to {target}: {error.strerror or error}"
        ) from error
    return target


# -- the pieces -------------------------------------------------------------


def _properties(
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


def _field(description: str, examples: list[Any], **schema: Any) -> dict[str, Any]:
    return {**schema, "description": description, "examples": examples}


def _ref(name: str, description: str, examples: list[Any], **extra: Any) -> dict[str, Any]:
    return _field(description, examples, **{"$ref": f"#/$defs/{name}"}, **extra)


def _choice(enum: type[Enum], description: str, **extra: Any) -> dict[str, Any]:
    values = [member.value for member in enum]
    return _field(description, values, type="string", enum=values, **extra)


def _seconds(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _span(low: float, high: float) -> str:
    return f"from {format_duration(low)} to {format_duration(high)}"


def _text_list(description: str, examples: list[str], item: str) -> dict[str, Any]:
    return _field(
        description,
        [examples],
        type="array",
        items={"type": "string", "description": item},
    )


def _top_fields() -> dict[str, dict[str, Any]]:
    return {
        "facelift": _field(
            f"The version of the routine format this file is written in. You can leave it "
            f"out; this facelift reads version {FORMAT_VERSION}.",
            [FORMAT_VERSION],
            type="integer",
            const=FORMAT_VERSION,
            default=FORMAT_VERSION,
        ),
        "name": _field(
            "A short name for the routine, used in commands such as `facelift start NAME` "
            "and by `include:` in other routines. Lowercase letters, digits and '-', up to "
            "64 characters, starting with a letter or a digit. Leave it out to use the file "
            "name without .yaml.",
            ["my-jaw", "evening-neck"],
            type="string",
            pattern=SLUG_PATTERN,
        ),
        "title": _field(
            "The routine's title, shown large at the start and read aloud with --voice. "
            "Every routine needs one.",
            ["Lymphatic Drainage", "My Evening Jaw Release"],
            type="string",
            minLength=1,
            pattern=r"\S",
        ),
        "part": _field(
            f"Which part of the facelifting system this routine belongs to, {FIRST_PART} to "
            f"{LAST_PART}: 1 lymphatic drainage, 2 neck, shoulders and scalp, 3 deep tissue "
            "work on the face, 4 buccal work inside the mouth. Optional.",
            [1, 3],
            type="integer",
            minimum=FIRST_PART,
            maximum=LAST_PART,
        ),
        "summary": _field(
            "One or two sentences that say what the routine is, shown in the list of routines.",
            ["Featherlight strokes that clear the neck first, then the face."],
            type="string",
        ),
        "description": _field(
            "A longer text about the routine: what it does and who it is for. Several "
            "lines are fine; start the value with | or >- to write them.",
            ["Lymph has no pump of its own, so these strokes move it gently toward the neck."],
            type="string",
        ),
        "prepare": _text_list(
            "A checklist shown before the routine starts: what to have ready and how to sit.",
            ["Clean, dry skin; no oil for this part.", "Sit upright, shoulders relaxed."],
            "One thing to get ready.",
        ),
        "safety": _text_list(
            "Cautions shown before the routine starts: when to skip it, and when to stop.",
            ["Skip this routine if you have a fever or an acute infection."],
            "One caution.",
        ),
        "confirm": _field(
            "Set it to true to ask for a yes before the routine starts, for work that needs "
            "extra care, such as inside the mouth. Defaults to false.",
            [True, False],
            type="boolean",
            default=Routine.confirm,
        ),
        "reflect": _text_list(
            "Questions offered for your journal after the routine ends.",
            ["Where did you notice tension letting go?"],
            "One question.",
        ),
        "defaults": _field(
            "Settings for every step that does not say otherwise.",
            [{"pressure": 3, "tempo": "3s", "rest": "0s"}],
            type="object",
            properties=_properties(DEFAULT_FIELDS, _default_fields(), "defaults"),
            additionalProperties=False,
        ),
        "sounds": _field(
            "Your own WAV files for the cues, in place of the built-in sounds. Each path is "
            "relative to this routine file; a missing or unreadable file is an error.",
            [{"step": "bell.wav", "finish": "sounds/chime.wav"}],
            type="object",
            properties=_properties(CUE_NAMES, _sound_fields(), "sounds"),
            additionalProperties=False,
        ),
        "tempo_band": _field(
            "How much faster or slower `--minutes` may make a stroke, as a share such as "
            f"20%, from 0% to {round(MAX_TEMPO_BAND * 100)}%. Fitting a routine first "
            "drops or adds strokes, rounds and seconds; the tempo changes only within this "
            f"band. Without it, {round(DEFAULT_TEMPO_BAND * 100)}%.",
            ["20%", "10%", "0%"],
            oneOf=[
                {"type": "string", "pattern": f"^{PERCENT.pattern}$"},
                {"type": "number", "minimum": 0, "maximum": round(MAX_TEMPO_BAND * 100)},
            ],
            default=f"{round(DEFAULT_TEMPO_BAND * 100)}%",
        ),
        "steps": _field(
            "The steps of the routine, played in order. Each one is a timed step (with a "
            "title and a duration or a number of strokes), a rest, or an include of "
            "another routine.",
            [_EXAMPLE["steps"]],
            type="array",
            minItems=1,
            contains={"not": {"required": ["rest"]}},  # not only rests: a timed step or include
            items={
                "oneOf": [
                    {"$ref": f"#/$defs/{_STEP}"},
                    {"$ref": f"#/$defs/{_REST}"},
                    {"$ref": f"#/$defs/{_INCLUDE}"},
                ]
            },
        ),
    }


def _default_fields() -> dict[str, dict[str, Any]]:
    return {
        "pressure": _pressure(
            "How firmly to press in every step that does not say, from 0 (skin contact "
            f"only) to {MAX_PRESSURE}. Without it, a step has no pressure (a breath, a wait)."
        ),
        "tempo": _ref(
            _TEMPO,
            "How long one counted stroke lasts, for every step counted in strokes that "
            f"does not say; {_span(MIN_TEMPO, MAX_TEMPO)}. Without it, "
            f"{format_duration(Step.tempo)}.",
            ["3s", 4, "2.5s"],
            default=format_duration(Step.tempo),
        ),
        "rest": _ref(
            _PAUSE,
            "A pause after every step but the last, to breathe or move your hands; "
            f"{_span(MIN_PAUSE, MAX_STEP)}. Without it, no pause.",
            ["0s", "5s", 10],
            default=format_duration(Step.rest_after),
        ),
        "sides": _choice(
            Sides,
            "Which side every step works on unless it says otherwise: both at once, "
            "left-right or right-left (one side after the other, the time given per side), "
            f"or left or right only. Without it, {Step.sides.value}.",
            default=Step.sides.value,
        ),
        "cue": _choice(
            StrokeCue,
            "The sound during every step that does not say: strokes plays a soft tick on "
            "each stroke, none keeps quiet. Without it, steps counted in strokes tick and "
            "the others stay quiet.",
        ),
    }


def _step_fields() -> dict[str, dict[str, Any]]:
    return {
        "title": _field(
            "What this step is called, shown large while it plays. Every timed step needs one.",
            ["Jawline to ear", "Open the collarbone hollows"],
            type="string",
            minLength=1,
            pattern=r"\S",
        ),
        "do": _field(
            "The instruction: what your hands do in this step.",
            ["Half-circles from the chin along the jaw toward its angle."],
            type="string",
        ),
        "say": _field(
            "The instruction written for the ear, spoken with --voice: short sentences "
            "that say where, with which fingers and how firmly. Without it, `do` is spoken.",
            ["Two fingers under the chin. Small half-circles out to the jaw angle."],
            type="string",
        ),
        "area": _field(
            "Where on the face, neck or head the hands work.",
            ["Supraclavicular hollows", "Jawline"],
            type="string",
        ),
        "zones": _field(
            "The zones this step works, from a fixed list: " + ", ".join(ZONE_NAMES) + ".",
            [["jawline", "chin"], ["side-of-neck"]],
            type="array",
            items={"type": "string", "enum": list(ZONE_NAMES)},
            uniqueItems=True,
        ),
        "direction": _field(
            "Which way the strokes move: " + ", ".join(DIRECTIONS) + ".",
            ["up", "toward-collarbone"],
            type="string",
            enum=list(DIRECTIONS),
        ),
        "why": _field(
            "One modest sentence on why this step is there.",
            ["The neck is where facial lymph drains; clear it first."],
            type="string",
        ),
        "pressure": _pressure(
            f"How firmly to press, from 0 (skin contact only) to {MAX_PRESSURE} (the most "
            "you could bear); shown and said as 'pressure 3 of 10'. Without it, the "
            "routine's default, or none: a step that touches nothing (a breath) has none."
        ),
        "sides": _choice(
            Sides,
            "Which side this step works on: both at once (the usual), left-right or "
            "right-left (one side, a cue to switch, then the other; the time given is per "
            "side, so the step lasts twice as long), or left or right only.",
        ),
        "duration": _ref(
            _DURATION,
            "How long the step lasts, as seconds (45) or as text (45s, 1m30s, 1:30), "
            f"{_span(MIN_STEP, MAX_STEP)}. Give either duration or strokes, not both.",
            [45, "45s", "1m30s", "1:30"],
        ),
        "strokes": _field(
            f"How many counted strokes, a whole number from 1 to {MAX_STROKES}. Each lasts "
            f"the tempo ({format_duration(Step.tempo)} unless you set it), so 10 strokes "
            "make 30s. Give either strokes or duration, not both.",
            [10, 5],
            type="integer",
            minimum=1,
            maximum=MAX_STROKES,
        ),
        "tempo": _ref(
            _TEMPO,
            f"How long one stroke lasts in this step, {_span(MIN_TEMPO, MAX_TEMPO)}. It "
            "matters only with strokes. Without it, the routine's default, or "
            f"{format_duration(Step.tempo)}.",
            ["3s", 8, "1.5s"],
        ),
        "repeat": _field(
            f"How many rounds of the whole step, a whole number from 1 to {MAX_REPEAT}. "
            f"Without it, {Step.repeat}.",
            [1, 3],
            type="integer",
            minimum=1,
            maximum=MAX_REPEAT,
            default=Step.repeat,
        ),
        "rounds": _field(
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
        "wait": _field(
            "Set it to true for a step that waits for a key instead of a clock (gloves on, "
            "oil off); it has no duration or strokes. Its time is your own: lengths show it as "
            "'+ your time'.",
            [True],
            type="boolean",
            default=False,
        ),
        "cue": _choice(
            StrokeCue,
            "The sound during this step: strokes plays a soft tick on each stroke, none "
            "keeps quiet. Without it, the routine's default; else a step counted in "
            "strokes ticks and a timed one stays quiet.",
        ),
    }


def _rest_fields() -> dict[str, dict[str, Any]]:
    return {
        "rest": _ref(
            _DURATION,
            f"A pause, as seconds (15) or as text (15s, 1m), {_span(MIN_STEP, MAX_STEP)}.",
            [15, "15s", "1m"],
        ),
        "note": _field(
            "A few words shown during the pause.",
            ["Shake out your hands.", "Wash your hands and put on clean gloves."],
            type="string",
        ),
    }


def _include_fields() -> dict[str, dict[str, Any]]:
    return {
        "include": _field(
            "The name of another routine whose steps play here, in place: its `name:`, or "
            "its file name without .yaml. Includes may nest, but never in a circle.",
            ["lymphatic", "neck-shoulder-scalp"],
            type="string",
            pattern=SLUG_PATTERN,
        ),
    }


def _sound_fields() -> dict[str, dict[str, Any]]:
    fields = {}
    for cue in CUE_NAMES:
        moment, _, sound = CUE_MEANINGS[cue].partition(": ")
        built_in = f" ({sound})" if sound else ""
        fields[cue] = _field(
            f"Your own WAV file for the '{cue}' cue: {moment}. It replaces the built-in "
            f"sound{built_in}. The path is relative to this routine file.",
            [f"{cue}.wav", f"sounds/my-{cue}.wav"],
            type="string",
            minLength=1,
        )
    return fields


def _pressure(description: str) -> dict[str, Any]:
    words = list(PRESSURE_WORDS)
    return _field(
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


def _duration(what: str, low: float, high: float, examples: list[Any]) -> dict[str, Any]:
    return {
        "description": (
            f"{what}, {_span(low, high)}: a number of seconds, or text such as 45s, 1m30s, "
            "2m, 1h5m or 1:30."
        ),
        "oneOf": [
            {
                "type": "number",
                "minimum": _seconds(low),
                "maximum": _seconds(high),
                "description": f"Seconds, {_span(low, high)}.",
            },
            {"$ref": f"#/$defs/{_TEXT}"},
        ],
        "examples": examples,
    }


def _defs() -> dict[str, dict[str, Any]]:
    return {
        _STEP: {
            "description": "A step: a title, and a duration, a number of strokes or wait: true.",
            "type": "object",
            "required": ["title"],
            "properties": _properties(STEP_FIELDS, _step_fields(), "a step"),
            "additionalProperties": False,
            "oneOf": [
                {"required": ["duration"]},
                {"required": ["strokes"]},
                {"required": ["wait"], "properties": {"wait": _WAITS}},
            ],
            "not": {"required": ["rounds", "repeat"]},
            "allOf": [
                {  # a waiting step has no clock of its own, nor sides
                    "if": {"required": ["wait"], "properties": {"wait": _WAITS}},
                    "then": {"not": {"anyOf": [{"required": [key]} for key in _NOT_WAITING]}},
                },
                {  # one cue a round cannot be said for two sides in turn
                    "if": {"required": ["rounds"]},
                    "then": {"properties": {"sides": _ONE_SIDE}},
                },
            ],
            "examples": _EXAMPLE["steps"][:2],
        },
        _REST: {
            "description": "A pause between steps, with an optional note.",
            "type": "object",
            "required": ["rest"],
            "properties": _properties(REST_FIELDS, _rest_fields(), "a rest"),
            "additionalProperties": False,
            "examples": [{"rest": "15s", "note": "Shake out your hands."}],
        },
        _INCLUDE: {
            "description": "Every step of another routine, played in place.",
            "type": "object",
            "required": ["include"],
            "properties": _properties(INCLUDE_FIELDS, _include_fields(), "an include"),
            "additionalProperties": False,
            "examples": [{"include": "neck-shoulder-scalp"}],
        },
        _DURATION: _duration("A length of time", MIN_STEP, MAX_STEP, [45, "45s", "1m30s", "1:30"]),
        _TEMPO: _duration("How long one stroke lasts", MIN_TEMPO, MAX_TEMPO, [3, "3s", "2.5s"]),
        _PAUSE: _duration("A pause between steps", MIN_PAUSE, MAX_STEP, ["0s", "5s", 10]),
        _TEXT: {
            "description": (
                "A duration written as text: 45s, 1m30s, 2m, 1h5m, 1:30 or 1:00:00, or a "
                "number in quotes such as '45'."
            ),
            "type": "string",
            "pattern": DURATION_PATTERN,
            "examples": ["45s", "1m30s", "2m", "1h5m", "1:30", "1:00:00"],
        },
    }


_WAITS = {"const": True, "description": "A step that waits for a key.", "examples": [True]}
_NOT_WAITING = ("tempo", "repeat", "rounds", "sides")
_ONE_SIDE = {
    "enum": ["both", "left", "right"],
    "description": "A step with rounds works both sides at once, or one side only.",
    "examples": ["both", "left"],
}

_EXAMPLE: dict[str, Any] = {
    "facelift": FORMAT_VERSION,
    "name": "my-jaw",
    "title": "My Jaw Release",
    "part": 3,
    "summary": "A short, gentle routine for a tight jaw.",
    "defaults": {"tempo": "3s"},
    "steps": [
        {
            "title": "Open the collarbone hollows",
            "do": "Rest your finger pads above the collarbones, stretch the skin down, let go.",
            "say": "Finger pads just above the collarbones. Stretch the skin in and down, let go.",
            "zones": ["collarbones"],
            "direction": "in",
            "pressure": 1,
            "strokes": 10,
        },
        {
            "title": "Jawline to ear",
            "do": "Half-circles from the chin along the jaw toward its angle.",
            "zones": ["chin", "jawline", "jaw-angle"],
            "pressure": 2,
            "rounds": ["Middle of the chin.", "Halfway along the jaw.", "At the jaw angle."],
            "duration": "15s",
        },
        {"rest": "15s", "note": "Shake out your hands."},
        {"include": "neck-shoulder-scalp"},
    ],
}
