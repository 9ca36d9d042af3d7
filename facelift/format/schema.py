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
from pathlib import Path
from typing import Any

from facelift.base.errors import FaceliftError
from facelift.format.cues import CUE_NAMES
from facelift.format.guide_fields import PERCENT
from facelift.format.limits import (
    DEFAULT_TEMPO_BAND,
    MAX_STEP,
    MAX_TEMPO,
    MAX_TEMPO_BAND,
    MIN_PAUSE,
    MIN_STEP,
    MIN_TEMPO,
)
from facelift.format.loader import (
    DEFAULT_FIELDS,
    FORMAT_VERSION,
    INCLUDE_FIELDS,
    REST_FIELDS,
    STEP_FIELDS,
    TOP_FIELDS,
)
from facelift.format.routine import Routine
from facelift.format.schema_fields import (
    DEF_DURATION,
    DEF_INCLUDE,
    DEF_PAUSE,
    DEF_REST,
    DEF_STEP,
    DEF_TEMPO,
    DEF_TEXT,
    SLUG_PATTERN,
    default_fields,
    field,
    include_fields,
    properties,
    rest_fields,
    seconds,
    sound_fields,
    span,
    step_fields,
    text_list,
)

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
        "properties": properties(TOP_FIELDS, _top_fields(), "the top level"),
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


def _top_fields() -> dict[str, dict[str, Any]]:
    return {
        "facelift": field(
            f"The version of the routine format this file is written in. You can leave it "
            f"out; this facelift reads version {FORMAT_VERSION}.",
            [FORMAT_VERSION],
            type="integer",
            const=FORMAT_VERSION,
            default=FORMAT_VERSION,
        ),
        "name": field(
            "A short name for the routine, used in commands such as `facelift start NAME` "
            "and by `include:` in other routines. Lowercase letters, digits and '-', up to "
            "64 characters, starting with a letter or a digit. Leave it out to use the file "
            "name without .yaml.",
            ["my-jaw", "evening-neck"],
            type="string",
            pattern=SLUG_PATTERN,
        ),
        "title": field(
            "The routine's title, shown large at the start and read aloud with --voice. "
            "Every routine needs one.",
            ["Lymphatic Drainage", "My Evening Jaw Release"],
            type="string",
            minLength=1,
            pattern=r"\S",
        ),
        "part": field(
            f"Which part of the facelifting system this routine belongs to, {FIRST_PART} to "
            f"{LAST_PART}: 1 lymphatic drainage, 2 neck, shoulders and scalp, 3 deep tissue "
            "work on the face, 4 buccal work inside the mouth. Optional.",
            [1, 3],
            type="integer",
            minimum=FIRST_PART,
            maximum=LAST_PART,
        ),
        "summary": field(
            "One or two sentences that say what the routine is, shown in the list of routines.",
            ["Featherlight strokes that clear the neck first, then the face."],
            type="string",
        ),
        "description": field(
            "A longer text about the routine: what it does and who it is for. Several "
            "lines are fine; start the value with | or >- to write them.",
            ["Lymph has no pump of its own, so these strokes move it gently toward the neck."],
            type="string",
        ),
        "prepare": text_list(
            "A checklist shown before the routine starts: what to have ready and how to sit.",
            ["Clean, dry skin; no oil for this part.", "Sit upright, shoulders relaxed."],
            "One thing to get ready.",
        ),
        "safety": text_list(
            "Cautions shown before the routine starts: when to skip it, and when to stop.",
            ["Skip this routine if you have a fever or an acute infection."],
            "One caution.",
        ),
        "confirm": field(
            "Set it to true to ask for a yes before the routine starts, for work that needs "
            "extra care, such as inside the mouth. Defaults to false.",
            [True, False],
            type="boolean",
            default=Routine.confirm,
        ),
        "reflect": text_list(
            "Questions offered for your journal after the routine ends.",
            ["Where did you notice tension letting go?"],
            "One question.",
        ),
        "defaults": field(
            "Settings for every step that does not say otherwise.",
            [{"pressure": 3, "tempo": "3s", "rest": "0s"}],
            type="object",
            properties=properties(DEFAULT_FIELDS, default_fields(), "defaults"),
            additionalProperties=False,
        ),
        "sounds": field(
            "Your own WAV files for the cues, in place of the built-in sounds. Each path is "
            "relative to this routine file; a missing or unreadable file is an error.",
            [{"step": "bell.wav", "finish": "sounds/chime.wav"}],
            type="object",
            properties=properties(CUE_NAMES, sound_fields(), "sounds"),
            additionalProperties=False,
        ),
        "tempo_band": field(
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
        "steps": field(
            "The steps of the routine, played in order. Each one is a timed step (with a "
            "title and a duration or a number of strokes), a rest, or an include of "
            "another routine.",
            [_EXAMPLE["steps"]],
            type="array",
            minItems=1,
            contains={"not": {"required": ["rest"]}},  # not only rests: a timed step or include
            items={
                "oneOf": [
                    {"$ref": f"#/$defs/{DEF_STEP}"},
                    {"$ref": f"#/$defs/{DEF_REST}"},
                    {"$ref": f"#/$defs/{DEF_INCLUDE}"},
                ]
            },
        ),
    }


def _duration(what: str, low: float, high: float, examples: list[Any]) -> dict[str, Any]:
    return {
        "description": (
            f"{what}, {span(low, high)}: a number of seconds, or text such as 45s, 1m30s, "
            "2m, 1h5m or 1:30."
        ),
        "oneOf": [
            {
                "type": "number",
                "minimum": seconds(low),
                "maximum": seconds(high),
                "description": f"Seconds, {span(low, high)}.",
            },
            {"$ref": f"#/$defs/{DEF_TEXT}"},
        ],
        "examples": examples,
    }


def _defs() -> dict[str, dict[str, Any]]:
    return {
        DEF_STEP: {
            "description": "A step: a title, and a duration, a number of strokes or wait: true.",
            "type": "object",
            "required": ["title"],
            "properties": properties(STEP_FIELDS, step_fields(), "a step"),
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
        DEF_REST: {
            "description": "A pause between steps, with an optional note.",
            "type": "object",
            "required": ["rest"],
            "properties": properties(REST_FIELDS, rest_fields(), "a rest"),
            "additionalProperties": False,
            "examples": [{"rest": "15s", "note": "Shake out your hands."}],
        },
        DEF_INCLUDE: {
            "description": "Every step of another routine, played in place.",
            "type": "object",
            "required": ["include"],
            "properties": properties(INCLUDE_FIELDS, include_fields(), "an include"),
            "additionalProperties": False,
            "examples": [{"include": "neck-shoulder-scalp"}],
        },
        DEF_DURATION: _duration(
            "A length of time", MIN_STEP, MAX_STEP, [45, "45s", "1m30s", "1:30"]
        ),
        DEF_TEMPO: _duration("How long one stroke lasts", MIN_TEMPO, MAX_TEMPO, [3, "3s", "2.5s"]),
        DEF_PAUSE: _duration("A pause between steps", MIN_PAUSE, MAX_STEP, ["0s", "5s", 10]),
        DEF_TEXT: {
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
