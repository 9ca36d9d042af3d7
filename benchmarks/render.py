"""Render benchmark: `facelift render full -o full.mp3` with the voice, as a ratio of real time.

Run it from the repository with the project's virtualenv (facelift installed, and espeak-ng
on PATH for the voice)::

    python benchmarks/render.py               # 3 rounds, prints a table
    python benchmarks/render.py --rounds 5    # more rounds, steadier figures
    python benchmarks/render.py --json        # the figures as JSON
    python benchmarks/render.py --check       # exit 1 when the aim is missed

Each round runs the command as a child process in an empty temporary FACELIFT_HOME, so the
figure includes start-up, the speech engine and the MP3 encoder: everything a person waits
for. "x real time" is the length of the file written divided by the wall time of the run.
The aim (from the issue): at least 40x. A second part times the stages inside one process
(speech, planning and levels, mixing, encoding) to show where the time goes. A benchmark
informs: it exits 0 whether or not the aim is met, unless `--check` is given. POSIX only.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import at_least, find_executable

AIM = 40.0  # times faster than real time
ROUTINE = "full"


def run_once(facelift: Path, out: Path, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, of the child and its speech engine)."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [str(facelift), "render", ROUTINE, "-o", str(out), "--force"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    before = os.times()
    _, errors = child.communicate()
    wall = time.perf_counter() - start
    after = os.times()
    if child.returncode != 0:
        sys.exit(f"facelift render failed: {errors.decode(errors='replace').strip()}")
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu


def mp3_seconds(path: Path) -> float:
    mp3: Any = importlib.import_module("mutagen.mp3")  # untyped
    return float(mp3.MP3(path).info.length)


def stages() -> dict[str, float]:
    """Seconds spent in each stage of one render, inside this process."""
    from facelift.commands.render import CHUNK, _speak
    from facelift.format.library import Library
    from facelift.output import levels, soundtrack
    from facelift.output.bar import Bar
    from facelift.output.encoders import Mp3Writer
    from facelift.output.mixdown import mix
    from facelift.output.sound import load_cues
    from facelift.output.spoken import opening_lines, spoken_lines
    from facelift.output.voice import find_engine
    from facelift.play.timeline import compile_timeline

    took: dict[str, float] = {}
    mark = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        took[name] = now - mark
        mark = now

    routine = Library.default().open(ROUTINE)
    timeline = compile_timeline(routine)
    engine = find_engine()
    lines = spoken_lines(timeline, lead_in=5) if engine else []
    opening = opening_lines(routine) if engine else []
    lap("open and compile")
    texts = [*opening, *(line.text for line in lines)]
    speech = _speak(engine, texts, Bar(sys.stderr)) if engine else {}
    lap(f"speech ({len(set(texts))} lines)")
    cues = {name: levels.mono(sound) for name, sound in load_cues().items()}
    track = soundtrack.plan(
        timeline, lead_in=5, cues=cues, lines=lines, opening=opening, speech=speech
    )
    placements = track.placements()
    lap("plan and levels")
    pieces = list(mix(placements, track.length, chunk=CHUNK))
    lap("mix")
    with tempfile.TemporaryDirectory() as folder:
        writer = Mp3Writer(Path(folder) / "x.mp3", levels.MIX_RATE)
        for piece in pieces:
            writer.write(piece)
        writer.close()
    lap("encode MP3")
    took["audio (s)"] = track.seconds
    return took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=at_least(1), default=3)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when the aim is missed")
    args = parser.parse_args()
    facelift = find_executable("facelift")
    if facelift is None:
        sys.exit("facelift is not installed next to this Python or on PATH")
    voice = shutil.which("espeak-ng") or shutil.which("espeak")
    walls, cpus = [], []
    with tempfile.TemporaryDirectory(prefix="facelift-bench-") as folder:
        env = {**os.environ, "FACELIFT_HOME": str(Path(folder) / "home")}
        out = Path(folder) / f"{ROUTINE}.mp3"
        for _ in range(args.rounds):
            wall, cpu = run_once(facelift, out, env)
            walls.append(wall)
            cpus.append(cpu)
        audio = mp3_seconds(out)
        megabytes = out.stat().st_size / 2**20
    wall = statistics.median(walls)
    inside = {name: round(seconds, 2) for name, seconds in stages().items()}
    figures: dict[str, object] = {
        "routine": ROUTINE,
        "voice": Path(voice).name if voice else None,
        "audio_seconds": round(audio, 1),
        "file_mib": round(megabytes, 1),
        "rounds": args.rounds,
        "wall_seconds": [round(w, 2) for w in walls],
        "cpu_seconds": [round(c, 2) for c in cpus],
        "median_wall_seconds": round(wall, 2),
        "x_real_time": round(audio / wall, 1),
        "aim": AIM,
        "stages_seconds": inside,
        "machine": f"{platform.system()} {platform.machine()}, nproc {os.cpu_count()}, "
        f"Python {platform.python_version()}",
    }
    met = audio / wall >= AIM
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"facelift render {ROUTINE} -o {ROUTINE}.mp3 (voice: {figures['voice'] or 'none'})")
        print(f"  audio {audio / 60:.1f} min, {megabytes:.1f} MiB; {figures['machine']}")
        print(f"  wall  {', '.join(f'{w:.2f}' for w in walls)} s (median {wall:.2f} s)")
        print(f"  cpu   {', '.join(f'{c:.2f}' for c in cpus)} s")
        print(
            f"  speed {audio / wall:.0f}x real time (aim >= {AIM:.0f}x: "
            f"{'PASS' if met else 'MISS'})"
        )
        print("  stages in one process:")
        for name, seconds in inside.items():
            print(f"    {name:22} {seconds:8.2f}")
    return 1 if args.check and not met else 0


if __name__ == "__main__":
    sys.exit(main())
