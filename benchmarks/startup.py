"""Start-up benchmark: `facelift --version` and `facelift list` against `termdown --version`.

Run it from the repository with the project's virtualenv (facelift installed, and termdown,
the peer, installed beside it with `pip install termdown`)::

    python benchmarks/startup.py               # 30 rounds after 3 warm-ups, prints a table
    python benchmarks/startup.py --rounds 100  # more rounds, steadier figures
    python benchmarks/startup.py --json        # the figures as JSON
    python benchmarks/startup.py --check       # exit 1 when an aim is missed

These machines are noisy, so speed is reported as ratios against a peer measured in the same
run, never as absolute times: each round runs every command once, interleaved (A B C A B C ...),
so noise falls on all of them evenly. Each run's wall time is measured with
`time.perf_counter()` around starting the child and reaping it, and its peak memory is the
child's own `ru_maxrss`, read with `os.wait4`. `FACELIFT_HOME` points at an empty temporary
folder, so the user's own routines do not count.

The aims (from the issue): the median of `facelift --version` under 0.8x, and of
`facelift list` under 1.2x, the median of `termdown --version`. A benchmark informs: it exits 0
whether or not the aims are met, unless `--check` is given. POSIX only (`os.wait4`).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from common import at_least, find_executable, rss_kib

PEER = "termdown --version"
DEFAULT_ROUNDS = 30
DEFAULT_WARMUPS = 3


@dataclass(frozen=True)
class Command:
    label: str
    argv: tuple[str, ...]
    aim: float | None  # the most its median may be, as a ratio to the peer's; None for the peer


@dataclass
class Samples:
    command: Command
    seconds: list[float] = field(default_factory=list)
    max_rss_kib: list[float] = field(default_factory=list)


@dataclass(frozen=True)
class Figures:
    label: str
    median_ms: float
    p10_ms: float
    p90_ms: float
    ratio: float
    rss_mib: float
    rss_ratio: float
    aim: float | None

    @property
    def met(self) -> bool | None:
        return None if self.aim is None else self.ratio < self.aim


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


def measure(commands: Sequence[Command], rounds: int, warmups: int) -> list[Samples]:
    samples = [Samples(command) for command in commands]
    with tempfile.TemporaryDirectory(prefix="facelift-bench-") as home:
        env = {**os.environ, "FACELIFT_HOME": home}
        for round_number in range(warmups + rounds):
            for sample in samples:
                seconds, rss = run_once(sample.command.argv, env)
                if round_number >= warmups:
                    sample.seconds.append(seconds)
                    sample.max_rss_kib.append(rss)
    return samples


def summarize(samples: Sequence[Samples]) -> list[Figures]:
    peer = samples[0]
    peer_median = statistics.median(peer.seconds)
    peer_rss = statistics.median(peer.max_rss_kib)
    figures = []
    for sample in samples:
        deciles = statistics.quantiles(sample.seconds, n=10, method="inclusive")
        median = statistics.median(sample.seconds)
        rss = statistics.median(sample.max_rss_kib)
        figures.append(
            Figures(
                label=sample.command.label,
                median_ms=median * 1000,
                p10_ms=deciles[0] * 1000,
                p90_ms=deciles[-1] * 1000,
                ratio=median / peer_median,
                rss_mib=rss / 1024,
                rss_ratio=rss / peer_rss,
                aim=sample.command.aim,
            )
        )
    return figures


def machine() -> dict[str, str | int | None]:
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
    }


def table(figures: Sequence[Figures], rounds: int, warmups: int) -> str:
    info = machine()
    lines = [
        f"Start-up: {rounds} rounds after {warmups} warm-ups, interleaved; "
        f"Python {info['python']}, {info['cpus']} CPUs, {info['platform']}",
        "",
        f"{'command':<20} {'median ms':>9} {'p10 ms':>7} {'p90 ms':>7} {'ratio':>6}  "
        f"{'aim':<10} {'RSS MiB':>7} {'RSS ratio':>9}",
    ]
    for row in figures:
        verdict = "(peer)" if row.aim is None else f"<{row.aim:.1f} {_verdict(row.met)}"
        lines.append(
            f"{row.label:<20} {row.median_ms:>9.1f} {row.p10_ms:>7.1f} {row.p90_ms:>7.1f} "
            f"{row.ratio:>6.2f}  {verdict:<10} {row.rss_mib:>7.1f} {row.rss_ratio:>9.2f}"
        )
    lines.append("")
    lines.append(f"ratio and RSS ratio: median against {PEER}, measured in this same run")
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
                "rss_ratio": round(row.rss_ratio, 3),
                "aim": row.aim,
                "met": row.met,
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
        "--rounds", type=at_least(2), default=DEFAULT_ROUNDS, help="measured rounds (default 30)"
    )
    parser.add_argument(
        "--warmups", type=at_least(0), default=DEFAULT_WARMUPS, help="unmeasured rounds first"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when an aim is missed")
    args = parser.parse_args(argv)

    facelift = find_executable("facelift")
    termdown = find_executable("termdown")
    if facelift is None:
        print("facelift is not installed here: pip install -e .", file=sys.stderr)
        return 1
    if termdown is None:
        print("termdown, the peer, is not installed: pip install termdown", file=sys.stderr)
        return 1

    commands = [
        Command(PEER, (str(termdown), "--version"), None),
        Command("facelift --version", (str(facelift), "--version"), 0.8),
        Command("facelift list", (str(facelift), "list"), 1.2),
    ]
    try:
        samples = measure(commands, args.rounds, args.warmups)
    except RuntimeError as error:
        print(f"cannot benchmark: {error}", file=sys.stderr)
        return 1
    figures = summarize(samples)
    render = as_json if args.json else table
    print(render(figures, args.rounds, args.warmups))
    if args.check and any(row.met is False for row in figures):
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
