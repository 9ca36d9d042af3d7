"""How facelift words things: lengths, times, sides, counts, plurals, ratings and numbers.

One home, so that the screen, the plain lines, the ending, the history and the journal say
the same thing the same way. Pure functions of their arguments: no Rich, no clock.

The house style (also in the README):
- a time on a clock (time played, time left, a position in a routine) is `m:ss`, or
  `h:mm:ss` from an hour: `0:40`, `3:38`, `1:05:00`;
- the length of one step in a sentence is said as a person says it: `45 s`, `1 min 30 s`;
- a total of practice is in minutes and hours: `42 min`, `7 h 32 min`;
- a count carries its noun, in the plural unless it is one: `1 day`, `3 days`, `1,204 steps`;
- what the voice says is said whole, in words: `Forty seconds.`, `Pressure three out of ten.`
"""

from __future__ import annotations

import re

SIDE_NAMES = {"left": "left side", "right": "right side", None: "both sides"}
# A step's sides, as its `sides:` field asks (keys are the field's words).
SIDES_PATTERN = {
    "both": "both",
    "left-right": "left, then right",
    "right-left": "right, then left",
    "left": "left",
    "right": "right",
}
MISSING = "\u2013"  # an en dash: a rating that was not given, where its place must be kept
# The keys during a session, as `?` shows them on the screen and in plain lines.
KEY_HELP = (
    ("space", "Pause; press it again to go on."),
    ("n  →", "Skip to what comes next."),
    ("b  ←", "Start this part again; press twice to go back one."),
    ("+", "Add 10 seconds to this part."),
    ("-", "Take 10 seconds off this part, down to 5 seconds left."),
    ("m", "Turn the sound off, or on again."),
    ("q  Esc  Ctrl-C", "Stop the session."),
    ("?", "Show or hide this help."),
)


def clock(seconds: float) -> str:
    """A time on a clock, rounded down to the second: `0:40`, `3:38`, `1:05:00`.
    A hair under a whole second (float sums) counts as that second."""
    total = max(0, int(round(max(0.0, seconds), 3)))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def length(seconds: float) -> str:
    """A length as a clock shows it, rounded to the nearest second: `7:47`, `1:05:00`."""
    return clock(round(seconds))


def spoken_length(seconds: float) -> str:
    """A length as a person says it: `45 s`, `1 min 30 s`, `2 min`, `1 h 5 min`."""
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours} h" if hours else "", f"{minutes} min" if minutes else ""]
    parts.append(f"{secs} s" if secs or not (hours or minutes) else "")
    return " ".join(part for part in parts if part)


def practice_time(seconds: float) -> str:
    """A total of practice, rounded to the minute: `42 min`, `1 h`, `7 h 32 min`, `<1 min`."""
    if 0 < seconds < 30:
        return "<1 min"  # a short session still shows that it happened
    hours, minutes = divmod(round(max(0.0, seconds) / 60), 60)
    if not hours:
        return f"{minutes} min"
    return f"{hours:,} h {minutes} min" if minutes else f"{hours:,} h"


def plural(count: int, word: str, words: str = "") -> str:
    """`1 day`, `3 days`, `1,204 entries` (with `words` for an irregular plural)."""
    return f"{count:,} {word}" if count == 1 else f"{count:,} {words or word + 's'}"


def side_name(side: str | None) -> str:
    """`left side`, `right side`, `both sides` (None: both hands at once)."""
    return SIDE_NAMES.get(side, f"{side} side")


def rating(value: int | None) -> str:
    """A 0-10 rating, or an en dash where none was given."""
    return MISSING if value is None else str(value)


def tension_text(before: int | None, after: int | None) -> str:
    """`6 → 3`, `6 → ` and an en dash when one is missing, or "" when neither was given."""
    if before is None and after is None:
        return ""
    return f"{rating(before)} → {rating(after)}"


def tension_change(before: int | None, after: int | None) -> str:
    """`eased by 3`, `rose by 1`, `unchanged`, or "" unless both were given."""
    if before is None or after is None:
        return ""
    if after < before:
        return f"eased by {before - after}"
    if after > before:
        return f"rose by {after - before}"
    return "unchanged"


def pressure_words(pressure: object) -> str:
    """`light pressure`, `pressure 3 of 10`, or "" where no pressure applies (None)."""
    value = getattr(pressure, "value", pressure)
    if value is None or value == "":
        return ""
    if isinstance(value, int):
        return f"pressure {value} of 10"
    return f"{value} pressure"


def adjusted(change: float) -> str:
    """What `+` or `-` did, briefly: `+10 s`, `-10 s`, or that it cannot go shorter."""
    if change == 0:
        return "as short as it goes"
    sign = "+" if change > 0 else "-"
    return f"{sign}{spoken_length(abs(change))}"


def completed(title: str, seconds: float) -> str:
    """`Completed Lymphatic Drainage: 3:38 played.`: the plain lines and the ending alike."""
    return f"Completed {title}: {clock(seconds)} played."


def stopped(title: str, seconds: float) -> str:
    """`Stopped Lymphatic Drainage after 1:12.`"""
    return f"Stopped {title} after {clock(seconds)}."


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")


def sentences(text: str) -> list[str]:
    """`text` on one line (each run of whitespace one space), cut into its sentences."""
    return [part for part in _SENTENCE_END.split(" ".join(text.split())) if part]


def first_sentence(text: str) -> str:
    """The first sentence of `text`, whole, on one line ("" for no text)."""
    found = sentences(text)
    return found[0] if found else ""


# -- said aloud: the voice's words, whole sentences where a sentence is said -----------------

SAID_SIDES = {"left": "Left side.", "right": "Right side.", None: ""}


_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def number_words(number: int) -> str:
    """English words for 0-999: `forty-five`, `one hundred and twenty`."""
    if number < 20:
        return _ONES[number]
    if number < 100:
        tens, ones = divmod(number, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    hundreds, rest = divmod(number, 100)
    return f"{_ONES[hundreds]} hundred" + (f" and {number_words(rest)}" if rest else "")


def said_length(seconds: float) -> str:
    """`Forty seconds.`, `One minute.`, `One minute thirty.`, `Two minutes.`"""
    total = round(seconds)
    minutes, rest = divmod(total, 60)
    if not minutes:
        unit = "second" if rest == 1 else "seconds"
        return f"{number_words(rest).capitalize()} {unit}."
    unit = "minute" if minutes == 1 else "minutes"
    tail = f" {number_words(rest)}" if rest else ""
    return f"{number_words(minutes).capitalize()} {unit}{tail}."


def said_side(side: str | None) -> str:
    """`Left side.`, `Right side.`, or "" for both hands at once."""
    return SAID_SIDES.get(side, "")


def said_pressure(pressure: object) -> str:
    """`Pressure three out of ten.` on the 0-10 scale; "" for a pressure in words or none."""
    if isinstance(pressure, int) and not isinstance(pressure, bool) and 0 <= pressure <= 10:
        return f"Pressure {number_words(pressure)} out of ten."
    return ""
