"""The JSON Schema (draft 2020-12) of the plan format, for editors with a YAML language server.

Built from the plan loader's field list and bounds. The loader still has the last word on
what a schema cannot see: whether each routine named exists, and `rest` alone on its day.
"""

from __future__ import annotations

import json
from typing import Any

from facelift.format.loader import FORMAT_VERSION
from facelift.format.plan import MAX_DAYS, MAX_PER_DAY, PLAN_FIELDS, REST
from facelift.format.schema import DRAFT
from facelift.format.schema_fields import SLUG_PATTERN

PLAN_SCHEMA_FILE_NAME = "facelift-plan.schema.json"
PLAN_SCHEMA_ID = f"https://facelift.invalid/schemas/plan-{FORMAT_VERSION}.json"


def plan_schema() -> dict[str, Any]:
    """The plan format as a JSON Schema, as plain data."""
    name = {"type": "string", "pattern": SLUG_PATTERN}
    fields: dict[str, dict[str, Any]] = {
        "facelift": {"const": FORMAT_VERSION, "description": "The format version."},
        "name": {**name, "description": "The plan's name; the file's name when left out."},
        "title": {"type": "string", "minLength": 1, "description": "Shown by plan list."},
        "summary": {"type": "string", "description": "A sentence or two about the plan."},
        "description": {"type": "string", "description": "More about it, in a few lines."},
        "repeat": {"type": "boolean", "description": "Start again at day 1 after the last."},
        "days": {
            "type": "array",
            "minItems": 1,
            "maxItems": MAX_DAYS,
            "description": f"Day 1, day 2, ...: a routine's name, {REST}, or a list of names.",
            "items": {
                "oneOf": [
                    {**name, "description": f"One routine's name, or {REST} for a day off."},
                    {
                        "type": "array",
                        "minItems": 1,
                        "maxItems": MAX_PER_DAY,
                        "uniqueItems": True,
                        "items": {**name, "not": {"const": REST}},
                        "description": "Several routines, played in this order.",
                    },
                ]
            },
        },
    }
    assert tuple(fields) == PLAN_FIELDS, "the plan schema is out of step with the loader"
    return {
        "$schema": DRAFT,
        "$id": PLAN_SCHEMA_ID,
        "title": "facelift plan",
        "description": (
            f"A facelift plan, format version {FORMAT_VERSION}: which routines to play on "
            "each day. Check a file with `facelift validate FILE`."
        ),
        "type": "object",
        "required": ["title", "days"],
        "properties": fields,
        "additionalProperties": False,
    }


def plan_schema_json() -> str:
    return json.dumps(plan_schema(), indent=2) + "\n"
