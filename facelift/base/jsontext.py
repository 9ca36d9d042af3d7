"""JSON text read as the standard allows it, for data facelift did not necessarily write."""

from __future__ import annotations

import json
from typing import Any


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


_DECODER = json.JSONDecoder(parse_constant=_refuse_constant)


def parse_json(text: str | bytes) -> Any:
    """JSON as the standard allows it: NaN and Infinity are refused (ValueError)."""
    return _DECODER.decode(text.decode("utf-8") if isinstance(text, bytes) else text)
