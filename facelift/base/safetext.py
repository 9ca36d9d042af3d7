"""Text made safe to show: on a terminal, in JSON and in Markdown.

Routines are shared, so their text is untrusted; the history, file names and error messages
come from elsewhere again. The loader refuses what `unsafe_character` finds, and every
output path still passes text through `terminal_safe` (or `one_line`, `json_safe`,
`markdown_inline`, `markdown_lines`, which build on it), so no byte of it can reach the
terminal as a control sequence, reorder what is shown, or crash an encoder.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from typing import TextIO

# C0 controls but tab and newline, DEL, C1 controls, the bidirectional embeddings, overrides,
# isolates and marks (they reorder what the eye reads), and lone surrogates (no encoder can
# write them).
UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
_BREAKS = re.compile("\r\n?")


def unsafe_character(text: str) -> str | None:
    """The first character `terminal_safe` would have to escape, or None."""
    found = UNSAFE.search(text)
    return found.group() if found else None


def unsafe_kind(char: str) -> str:
    """What an unsafe character is, for a message: `a control character (U+001B), which ...`."""
    number = ord(char)
    if 0xD800 <= number <= 0xDFFF:
        return f"a lone surrogate (U+{number:04X}), which is not text"
    if number < 0xA0:
        return f"a control character (U+{number:04X}), which could drive the terminal"
    return f"a bidirectional control (U+{number:04X}), which reorders the text on screen"


def _visible(found: re.Match[str]) -> str:
    number = ord(found.group())
    return f"\\x{number:02x}" if number < 0x100 else f"\\u{number:04x}"


def terminal_safe(text: str) -> str:
    """`text` with line breaks as `\\n`, a tab as four spaces, and every unsafe character
    written out as a visible escape such as `\\x1b` or `\\u202e`: shown, never obeyed. The
    only control character left is the line break."""
    return UNSAFE.sub(_visible, _BREAKS.sub("\n", text).replace("\t", "    "))


def one_line(text: str) -> str:
    """Safe text on one line: every run of whitespace, line breaks too, becomes one space."""
    return " ".join(terminal_safe(text).split())


def json_safe(encoded: str) -> str:
    """JSON text (from json.dumps) with every unsafe character as a `\\uXXXX` escape, so the
    data stays the same for a program and shows nothing raw on a terminal."""
    return UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", encoded)


# -- Markdown ------------------------------------------------------------------------------

# A backslash before ASCII punctuation always means the character itself (CommonMark), so
# inline markup, HTML tags and entities lose their meaning; so do the characters that begin
# a block (a list, a quote, a heading underline) at the start of a line.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>#|~&!])")
_MD_BLOCK_START = re.compile(r"^([-+=>:])")
_MD_ORDERED = re.compile(r"^(\d+)([.)])")
_MD_ANY = re.compile(r"[\\`*_\[\]<>#|~&!]|^[-+=>:]|^\d+[.)]")


def _md_line(line: str) -> str:
    text = line.strip()
    if _MD_ANY.search(text) is None:  # most lines: nothing to escape
        return text
    text = _MD_INLINE.sub(r"\\\1", text)
    text = _MD_BLOCK_START.sub(r"\\\1", text)
    return _MD_ORDERED.sub(r"\1\\\2", text)


@functools.lru_cache(maxsize=256)  # titles and prompts come back entry after entry
def markdown_inline(text: str) -> str:
    """Text on one Markdown line (a heading, a list item, a table cell): its line breaks
    become spaces, and it reads as written, never as markup or HTML."""
    safe = terminal_safe(text)
    return " ".join(_md_line(line) for line in safe.split("\n") if line.strip())


def markdown_lines(text: str, prefix: str = "") -> list[str]:
    """Text as escaped Markdown lines: its line breaks kept (a trailing backslash), its blank
    lines kept as paragraph breaks, every line led by `prefix` (`> ` for a quote)."""
    lines: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            if lines:
                lines.append(prefix.rstrip())
            lines.extend(f"{prefix}{line}\\" for line in paragraph[:-1])
            lines.append(f"{prefix}{paragraph[-1]}")
            paragraph.clear()

    for raw in terminal_safe(text).split("\n"):
        line = _md_line(raw)
        if line:
            paragraph.append(line)
        else:
            flush()
    flush()
    return lines


# -- the streams ---------------------------------------------------------------------------


def say(text: object) -> None:
    """A line on stdout that may quote a title, a path or a key, made safe first."""
    print(terminal_safe(str(text)))


def tell(text: object) -> None:
    """A line on stderr (a problem, a warning), made safe first."""
    print(terminal_safe(str(text)), file=sys.stderr)


def wants_colour(out: TextIO) -> bool:
    """Colour on a terminal, or wherever FORCE_COLOR asks; never when NO_COLOR asks
    (no-color.org), nor on a terminal that says it is dumb."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    is_terminal = getattr(out, "isatty", lambda: False)()
    return bool(is_terminal) and os.environ.get("TERM") != "dumb"
