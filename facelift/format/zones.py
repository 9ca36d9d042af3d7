"""The fixed vocabulary of face, head and neck zones a step can name, and stroke directions.

A zone that exists on both sides of the body is `paired`: a step worked on one side lights
only that side's half of it. The order is top to bottom, as a map is read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Zone:
    """A named place on the face, head or neck: as written in a file, and as said to a person."""

    name: str  # as written in a routine file
    label: str  # as said to a person
    paired: bool  # has a left and a right


ZONES: tuple[Zone, ...] = (
    Zone("scalp-top", "the top of the scalp", paired=False),
    Zone("scalp-side", "the sides of the scalp, above the ears", paired=True),
    Zone("scalp-back", "the back of the scalp", paired=False),
    Zone("forehead", "the forehead", paired=False),
    Zone("brows", "the brows", paired=True),
    Zone("temples", "the temples", paired=True),
    Zone("under-eyes", "under the eyes", paired=True),
    Zone("beside-nose", "beside the nose", paired=True),
    Zone("cheekbones", "the cheekbones", paired=True),
    Zone("cheeks", "the cheeks", paired=True),
    Zone("nasolabial-fold", "the smile lines", paired=True),
    Zone("front-of-ear", "in front of the ear", paired=True),
    Zone("ears", "the ears", paired=True),
    Zone("behind-ear", "behind the ear", paired=True),
    Zone("around-mouth", "around the mouth", paired=False),
    Zone("lips", "the lips", paired=False),
    Zone("inner-cheek", "inside the cheek", paired=True),
    Zone("masseter", "the jaw muscle", paired=True),
    Zone("jaw-angle", "the angle of the jaw", paired=True),
    Zone("jawline", "the jawline", paired=True),
    Zone("chin", "the chin", paired=False),
    Zone("skull-base", "the base of the skull", paired=False),
    Zone("side-of-neck", "the side of the neck", paired=True),
    Zone("back-of-neck", "the back of the neck", paired=False),
    Zone("front-of-neck", "the front of the neck", paired=False),
    Zone("collarbones", "the collarbones", paired=True),
    Zone("shoulders", "the shoulders", paired=True),
    Zone("chest", "the chest", paired=False),
    Zone("belly", "the belly", paired=False),
)

BY_NAME = {zone.name: zone for zone in ZONES}
ZONE_NAMES = tuple(BY_NAME)

# how the strokes of a step move, said in words and drawn as arrows on a map
DIRECTIONS: dict[str, str] = {
    "up": "upward",
    "down": "downward",
    "out": "outward",
    "in": "inward",
    "toward-ear": "toward the ear",
    "toward-collarbone": "down toward the collarbone",
    "circles": "in small circles",
    "still": "holding still",
}


def zone_words(zones: tuple[str, ...] | list[str], direction: str | None = None) -> str:
    """The zones as said to a person: `the jawline and the angle of the jaw, toward the ear`."""
    labels = [BY_NAME[name].label for name in zones if name in BY_NAME]
    if len(labels) > 1:
        labels = [", ".join(labels[:-1]) + " and " + labels[-1]]
    said = labels[0] if labels else ""
    if direction in DIRECTIONS:
        said = f"{said}, {DIRECTIONS[direction]}" if said else DIRECTIONS[direction]
    return said
