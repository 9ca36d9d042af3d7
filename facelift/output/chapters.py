"""Chapters a player can skip between: ID3 CHAP/CTOC frames in an MP3, or plain `m:ss title`."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from facelift.output.soundtrack import Chapter

NO_OFFSET = 0xFFFFFFFF  # the chapter is found by its time, not by a byte offset


def tag_mp3(path: Path, title: str, chapters: Sequence[Chapter]) -> None:
    """Give the MP3 at `path` its title and one chapter each (ID3v2.3, which podcast and
    audiobook players read most widely)."""
    id3: Any = importlib.import_module("mutagen.id3")  # its functions carry no types
    TIT2, CHAP = id3.TIT2, id3.CHAP  # the frames by their own names

    tags = id3.ID3()
    tags.add(TIT2(encoding=3, text=[title]))
    tags.add(id3.TPE1(encoding=3, text=["facelift"]))
    ids = [f"chp{number}" for number in range(1, len(chapters) + 1)]
    tags.add(
        id3.CTOC(
            element_id="toc",
            flags=id3.CTOCFlags.TOP_LEVEL | id3.CTOCFlags.ORDERED,
            child_element_ids=ids,
            sub_frames=[TIT2(encoding=3, text=[title])],
        )
    )
    for element_id, chapter in zip(ids, chapters, strict=True):
        tags.add(
            CHAP(
                element_id=element_id,
                start_time=round(chapter.start * 1000),
                end_time=round(chapter.end * 1000),
                start_offset=NO_OFFSET,
                end_offset=NO_OFFSET,
                sub_frames=[TIT2(encoding=3, text=[chapter.title])],
            )
        )
    tags.save(str(path), v2_version=3)


def chapters_text(chapters: Sequence[Chapter]) -> str:
    """One `m:ss title` line per chapter, the start rounded down to the second (minutes go
    past 59 rather than adding hours, as video and podcast descriptions write them)."""
    return "".join(f"{_clock(chapter.start)} {chapter.title}\n" for chapter in chapters)


def _clock(seconds: float) -> str:
    minutes, rest = divmod(int(seconds), 60)
    return f"{minutes}:{rest:02d}"
