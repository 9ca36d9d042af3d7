"""The characters a terminal shows, from what a program writes to it: enough of a terminal to
see when a change reaches the screen, whether the program rewrites every line or moves the
cursor to send only what changed. Colours, titles and modes are read past, not kept."""

from __future__ import annotations

import codecs
import re

# CSI sequences (cursor moves, erasing, colours, modes), OSC (titles), and two-byte escapes.
ESCAPE = re.compile(r"\x1b\[([0-9;?]*)([ -/]*[@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[^[\]]")


class ScreenText:
    def __init__(self, rows: int, columns: int) -> None:
        self.rows, self.columns = rows, columns
        self.lines = [[" "] * columns for _ in range(rows)]
        self.row = self.column = 0
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending = ""  # an escape sequence cut in two by a read

    def feed(self, data: bytes) -> None:
        text = self._pending + self._decoder.decode(data)
        cut = text.rfind("\x1b")
        if cut != -1 and not ESCAPE.match(text, cut):
            text, self._pending = text[:cut], text[cut:]
        else:
            self._pending = ""
        position = 0
        for match in ESCAPE.finditer(text):
            self._print(text[position : match.start()])
            self._control(match.group(1) or "", match.group(2) or "")
            position = match.end()
        self._print(text[position:])

    def contains(self, mark: str) -> bool:
        return any(mark in "".join(line) for line in self.lines)

    def _print(self, text: str) -> None:
        for ch in text:
            if ch == "\r":
                self.column = 0
            elif ch == "\n":
                self.row = min(self.rows - 1, self.row + 1)
            elif ch >= " ":
                if self.column >= self.columns:  # a wrap pending at the right edge
                    self.row, self.column = min(self.rows - 1, self.row + 1), 0
                self.lines[self.row][self.column] = ch
                self.column += 1

    def _control(self, params: str, final: str) -> None:
        numbers = [int(n) if n.isdigit() else 0 for n in params.split(";")] if params else []
        if final in ("H", "f"):
            row, column = [*numbers, 1, 1][:2]
            self.row = min(self.rows, max(1, row)) - 1
            self.column = min(self.columns, max(1, column)) - 1
        elif final == "J" and numbers[:1] == [2]:
            self.lines = [[" "] * self.columns for _ in range(self.rows)]
        elif final == "K":
            self.lines[self.row][self.column :] = [" "] * (self.columns - self.column)
