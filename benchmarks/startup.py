"""Start-up benchmark: every everyday facelift command against `termdown --version`.

Run it from the repository with the project's virtualenv (facelift installed, and termdown,
the peer, installed beside it with `pip install -e ".[bench]"`)::

    python benchmarks/startup.py                # 15 rounds after 2 warm-ups, prints a table
    python benchmarks/startup.py --rounds 40    # more rounds, steadier figures
    python benchmarks/startup.py --before PATH  # also another facelift (an older install)
    python benchmarks/startup.py --json         # the figures as JSON
    python benchmarks/startup.py --check        # exit 1 when an aim is missed

These machines are noisy, so speed is reported as ratios against a peer measured in the same
run, never as absolute times: each round runs every command once, interleaved (A B C A B C ...),
so noise falls on all of them evenly; with `--before`, the two facelifts take turns going first.
Each run's wall time is measured with `time.perf_counter()` around starting the child and
reaping it, and its peak memory is the child's own `ru_maxrss`, read with `os.wait4`.

The commands: `--version` and `list` (which answer without Typer), `--help`, `show`,
`validate` (a 20 s routine file), `history`, `journal` and `stats` (over three saved sessions),
`doctor`, `today` when this facelift has it, and `start`, timed from spawn to its first screen
(in an 80x24 pty, until "step 1 of" arrives; it is then killed). Each facelift gets its own
temporary `FACELIFT_HOME`, so the user's own routines and history do not count; the three
sessions are played into it first with `start --plain`. The children run without
`PYTHONDONTWRITEBYTECODE`, so the warm-ups cache bytecode as a first run on any machine does.

The aims (from the issues): every everyday command's median at most 1.0x the median of
`termdown --version` (the stretch: 0.5x), `facelift --version` under 0.8x and `facelift list`
under 1.2x. A benchmark informs: it exits 0 whether or not the aims are met, unless `--check`
is given. POSIX only (`os.wait4`, `pty`).
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import platform
import pty
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from common import at_least, find_executable, rss_kib, twenty_seconds

PEER = "termdown --version"
DEFAULT_ROUNDS = 15
DEFAULT_WARMUPS = 2
EVERYDAY_AIM = 1.0
STRETCH = 0.5
FIRST_SCREEN = b"step 1 of"  # what the live screen shows once the session has begun
SCREEN_LIMIT = 20.0  # seconds `start` may take to show it before the benchmark gives up
# Not passed on: the terminal's size is the pty's, and bytecode is cached as on any machine
# (with PYTHONDONTWRITEBYTECODE every run would compile facelift's modules again).
UNSET = ("COLUMNS", "LINES", "PYTHONDONTWRITEBYTECODE")

ROUTINE = twenty_seconds("Start-up benchmark", "Twenty seconds, for benchmarks/startup.py.")

SHORT_ROUTINE = """\
title: One second
steps:
  - title: Breathe
    do: Breathe out slowly.
    duration: 1s
"""


@dataclass(frozen=True)
class Command:
    label: str
    args: tuple[str, ...]  # after the program; ROUTINE stands for the routine file
    aim: float
    screen: bool = False  # timed to the first screen in a pty, not to its exit


@dataclass
class Samples:
    seconds: list[float] = field(default_factory=list)
    max_rss_kib: list[float] = field(default_factory=list)

    def add(self, seconds: float, rss: float) -> None:
        self.seconds.append(seconds)
        self.max_rss_kib.append(rss)


@dataclass(frozen=True)
class Figures:
    label: str
    median_ms: float
    p10_ms: float
    p90_ms: float
    ratio: float
    rss_mib: float
    aim: float | None
    before_ms: float | None = None
    before_ratio: float | None = None

    @property
    def met(self) -> bool | None:
        return None if self.aim is None else self.ratio <= self.aim


def commands(today: bool) -> list[Command]:
    everyday = [
        Command("--help", ("--help",), EVERYDAY_AIM),
        Command("show lymphatic", ("show", "lymphatic"), EVERYDAY_AIM),
        Command("validate FILE", ("validate", "ROUTINE"), EVERYDAY_AIM),
        Command(
            "start (1st screen)",
            ("start", "ROUTINE", "--yes", "--lead-in", "0", "--audio", "none", "--no-journal"),
            EVERYDAY_AIM,
            screen=True,
        ),
        Command("history", ("history",), EVERYDAY_AIM),
        Command("journal", ("journal",), EVERYDAY_AIM),
        Command("stats", ("stats",), EVERYDAY_AIM),
        Command("doctor", ("doctor",), EVERYDAY_AIM),
    ]
    if today:
        everyday.append(Command("today", ("today",), EVERYDAY_AIM))
    return [Command("--version", ("--version",), 0.8), Command("list", ("list",), 1.2), *everyday]


# -- running ----------------------------------------------------------------------------------


def run_once(argv: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak memory (KiB) of one run of `argv`, which must succeed."""
    start = time.perf_counter()
    child = subprocess.Popen(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} exited with status {child.returncode}")
    return elapsed, rss_kib(usage.ru_maxrss)


def run_to_screen(argv: Sequence[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds from spawn until FIRST_SCREEN reaches an 80x24 pty; then the child is killed."""
    start = time.perf_counter()
    pid, master = pty.fork()
    if pid == 0:  # the child: give its terminal a size before anything can ask, then exec
        try:
            fcntl.ioctl(pty.STDOUT_FILENO, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
            os.execve(argv[0], list(argv), env)
        finally:
            os._exit(127)
    seen, window = None, b""
    try:
        while seen is None and time.perf_counter() - start < SCREEN_LIMIT:
            ready, _, _ = select.select([master], [], [], 0.5)
            if not ready:
                continue
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: it has exited
                break
            if not data:
                break
            window = (window + data)[-4096:]
            if FIRST_SCREEN in window:
                seen = time.perf_counter() - start
    finally:
        os.kill(pid, signal.SIGKILL)
        _, _, usage = os.wait4(pid, 0)
        os.close(master)
    if seen is None:
        said = window.decode(errors="replace").strip().splitlines()[-1:]
        raise RuntimeError(f"{' '.join(argv)} showed no first screen: {''.join(said)}")
    return seen, rss_kib(usage.ru_maxrss)


def available(program: Path, args: Sequence[str], env: dict[str, str]) -> bool:
    """Whether this facelift has the command (an older one may not)."""
    result = subprocess.run(
        [str(program), *args, "--help"], env=env, capture_output=True, check=False
    )
    return result.returncode == 0


def prepare_home(program: Path, home: Path, short: Path) -> dict[str, str]:
    """An empty FACELIFT_HOME with three one-second sessions played into it."""
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    env |= {"FACELIFT_HOME": str(home), "TERM": "xterm-256color"}
    for _ in range(3):
        subprocess.run(
            [
                str(program),
                "start",
                str(short),
                "--plain",
                "--yes",
                "--lead-in",
                "0",
                "--audio",
                "none",
                "--no-journal",
            ],
            env=env,
            capture_output=True,
            check=True,
        )
    return env


def measure(
    programs: dict[str, Path], chosen: Sequence[Command], rounds: int, warmups: int, peer: Path
) -> tuple[Samples, dict[tuple[str, str], Samples]]:
    peer_samples = Samples()
    samples = {(name, c.label): Samples() for name in programs for c in chosen}
    with tempfile.TemporaryDirectory(prefix="facelift-bench-") as folder:
        root = Path(folder)
        routine, short = root / "startup-20s.yaml", root / "one-second.yaml"
        routine.write_text(ROUTINE, encoding="utf-8")
        short.write_text(SHORT_ROUTINE, encoding="utf-8")
        envs = {name: prepare_home(p, root / f"home-{name}", short) for name, p in programs.items()}
        runs = [
            (name, command, available(programs[name], command.args[:1], envs[name]))
            for command in chosen
            for name in programs
        ]
        for number in range(warmups + rounds):
            peer_result = run_once((str(peer), "--version"), envs["after"])
            order = runs if number % 2 == 0 else _swapped(runs)
            results = {}
            for name, command, present in order:
                if not present:
                    continue
                argv = [str(programs[name])]
                argv += [str(routine) if a == "ROUTINE" else a for a in command.args]
                run = run_to_screen if command.screen else run_once
                results[(name, command.label)] = run(argv, envs[name])
            if number >= warmups:
                peer_samples.add(*peer_result)
                for key, result in results.items():
                    samples[key].add(*result)
    return peer_samples, samples


def _swapped(runs: list[tuple[str, Command, bool]]) -> list[tuple[str, Command, bool]]:
    """The same runs, each command's facelifts in the other order."""
    swapped = list(runs)
    for i in range(0, len(swapped) - 1, 2):
        if swapped[i][1] == swapped[i + 1][1]:
            swapped[i], swapped[i + 1] = swapped[i + 1], swapped[i]
    return swapped


# -- figures ----------------------------------------------------------------------------------


def summarize(
    peer: Samples, samples: dict[tuple[str, str], Samples], chosen: Sequence[Command]
) -> list[Figures]:
    peer_median = statistics.median(peer.seconds)
    figures = [_figures(PEER, peer, peer_median, None)]
    for command in chosen:
        after = samples[("after", command.label)]
        if not after.seconds:
            continue
        row = _figures(f"facelift {command.label}", after, peer_median, command.aim)
        before = samples.get(("before", command.label))
        if before is not None and before.seconds:
            median = statistics.median(before.seconds)
            row = Figures(
                **{**row.__dict__, "before_ms": median * 1000, "before_ratio": median / peer_median}
            )
        figures.append(row)
    return figures


def _figures(label: str, sample: Samples, peer_median: float, aim: float | None) -> Figures:
    deciles = statistics.quantiles(sample.seconds, n=10, method="inclusive")
    median = statistics.median(sample.seconds)
    return Figures(
        label=label,
        median_ms=median * 1000,
        p10_ms=deciles[0] * 1000,
        p90_ms=deciles[-1] * 1000,
        ratio=median / peer_median,
        rss_mib=statistics.median(sample.max_rss_kib) / 1024,
        aim=aim,
    )


def machine() -> dict[str, str | int | None]:
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
    }


def table(figures: Sequence[Figures], rounds: int, warmups: int) -> str:
    info = machine()
    before = any(row.before_ratio is not None for row in figures)
    lines = [
        f"Start-up: {rounds} rounds after {warmups} warm-ups, interleaved; "
        f"Python {info['python']}, {info['cpus']} CPUs, {info['platform']}",
        "",
        f"{'command':<29} {'median ms':>9} {'p10 ms':>7} {'p90 ms':>7} {'ratio':>6}  "
        f"{'aim':<11} {'RSS MiB':>7}" + (f" {'before ms':>9} {'ratio':>6}" if before else ""),
    ]
    for row in figures:
        verdict = "(peer)" if row.aim is None else f"<={row.aim:.1f} {_verdict(row.met)}"
        line = (
            f"{row.label:<29} {row.median_ms:>9.1f} {row.p10_ms:>7.1f} {row.p90_ms:>7.1f} "
            f"{row.ratio:>6.2f}  {verdict:<11} {row.rss_mib:>7.1f}"
        )
        if row.before_ms is not None and row.before_ratio is not None:
            line += f" {row.before_ms:>9.1f} {row.before_ratio:>6.2f}"
        lines.append(line)
    lines += [
        "",
        f"ratio: median against {PEER}, measured in this same run; stretch aim "
        f"for the everyday commands: <={STRETCH}",
    ]
    if before:
        lines.append("before: the facelift given with --before, measured in the same rounds")
    return "\n".join(lines)


def _verdict(met: bool | None) -> str:
    return "PASS" if met else "MISS"


def as_json(figures: Sequence[Figures], rounds: int, warmups: int) -> str:
    data = {
        "benchmark": "startup",
        "peer": PEER,
        "rounds": rounds,
        "warmups": warmups,
        "machine": machine(),
        "commands": [
            {
                "command": row.label,
                "median_ms": round(row.median_ms, 2),
                "p10_ms": round(row.p10_ms, 2),
                "p90_ms": round(row.p90_ms, 2),
                "ratio": round(row.ratio, 3),
                "rss_mib": round(row.rss_mib, 2),
                "aim": row.aim,
                "met": row.met,
                "before_ms": None if row.before_ms is None else round(row.before_ms, 2),
                "before_ratio": None if row.before_ratio is None else round(row.before_ratio, 3),
            }
            for row in figures
        ],
        "all_aims_met": all(row.met is not False for row in figures),
    }
    return json.dumps(data, indent=2)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Compare facelift's start-up with termdown's, measured in the same run."
    )
    parser.add_argument(
        "--rounds", type=at_least(2), default=DEFAULT_ROUNDS, help="measured rounds (default 15)"
    )
    parser.add_argument(
        "--warmups", type=at_least(0), default=DEFAULT_WARMUPS, help="unmeasured rounds first"
    )
    parser.add_argument("--facelift", type=Path, help="the facelift to measure")
    parser.add_argument("--before", type=Path, help="another facelift to measure beside it")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when an aim is missed")
    args = parser.parse_args(argv)

    facelift: Path | None = args.facelift or find_executable("facelift")
    termdown = find_executable("termdown")
    if facelift is None:
        print("facelift is not installed here: pip install -e .", file=sys.stderr)
        return 1
    if termdown is None:
        print("termdown, the peer, is not installed: pip install termdown", file=sys.stderr)
        return 1
    programs = {"after": facelift, **({"before": args.before} if args.before else {})}
    env = {**os.environ, "FACELIFT_HOME": tempfile.gettempdir()}
    chosen = commands(today=available(facelift, ["today"], env))
    try:
        peer, samples = measure(programs, chosen, args.rounds, args.warmups, termdown)
    except (RuntimeError, subprocess.CalledProcessError) as error:
        print(f"cannot benchmark: {error}", file=sys.stderr)
        return 1
    figures = summarize(peer, samples, chosen)
    render = as_json if args.json else table
    print(render(figures, args.rounds, args.warmups))
    if args.check and any(row.met is False for row in figures):
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
