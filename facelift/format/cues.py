"""The cue vocabulary, in one place: the sounds a session makes, what each means, and the
names a routine's `sounds:` map may replace. The timeline's CueKind maps onto these."""

from __future__ import annotations

# sound name -> when it plays and what it sounds like (said by `facelift sounds`, the schema)
CUE_MEANINGS: dict[str, str] = {
    "step": "a new step begins: one warm bell",
    "switch": "switch sides, or move on to the next spot: two rising notes",
    "stroke": "one stroke: a soft wooden tick",
    "count": "each of the last three seconds: a light, high pip",
    "rest": "a rest begins: a low, soft bell",
    "finish": "the routine is done: a falling chime",
}

CUE_NAMES: tuple[str, ...] = tuple(CUE_MEANINGS)
