"""Playback benchmark: a 20 s routine played in a real terminal (a pty), against `termdown 20`.

Run it from the repository with the project's virtualenv (facelift installed, and termdown,
the peer, installed beside it with `pip install termdown`)::

    python benchmarks/playback.py              # 3 rounds (about 2 minutes), prints a table
    python benchmarks/playback.py --rounds 10  # more rounds, steadier figures
    python benchmarks/playback.py --json       # the figures, and every run's raw data, as JSON
    python benchmarks/playback.py --check      # exit 1 when an aim is missed
    python benchmarks/playback.py --facelift PATH  # measure another facelift executable
    python benchmarks/playback.py --before PATH    # and an older one beside it

Each round runs `termdown 20` and then
`facelift start ROUTINE --yes --lead-in 0 --audio none --no-journal` (no questions before or
after), each in its own pseudo-terminal of 80x24 (TERM=xterm-256color) whose output is read
as it comes, as a terminal emulator would. ROUTINE is a 20 s routine written to a temporary
folder: four steps of 5 s, one on the left then the right side, one counted in strokes with a
tick every 0.5 s and one in two rounds. Every facelift run gets an empty `FACELIFT_HOME`.

Timing: facelift records every step's planned and actual start, on its monotonic clock, and
`facelift history --json` reads the record back after each run: the step error is
`actual_start - planned_start`, the end error `active_seconds - planned_seconds`. As a check
that does not take facelift's word for it, the script also notes when each change (a new step,
the other side, a stroke, the end) first reaches the terminal, with `time.perf_counter()`,
and compares the time since step 1 first showed with the plan.

CPU and memory: the child's own user+sys CPU time and peak RSS, read with `os.wait4`, over the
whole run (start-up included), compared with termdown's as a ratio, and as a share of the
wall time from spawn to exit. On Linux the CPU used from the moment the program switches to
the alternate screen until it exits (so without its start-up) is also read from /proc, to
10 ms. And the bytes each program writes to the terminal are counted.

The aims (from the issues): every step within 5 ms of plan, the end within 50 ms, the whole
run's CPU at most 0.7x termdown's and its bytes written at most 3x (the ratios of the medians).
`--before PATH` also plays another facelift (an older install) in each round, shown beside.
Screen marks are read from a model of the terminal's characters (benchmarks/screentext.py),
since a program that sends only what changed never writes "step 2 of 4" whole. A benchmark
informs: it exits 0 whether or not the aims are met, unless `--check` is given. Linux and
macOS only (`pty`, `os.wait4`).
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common import find_executable, rss_kib, twenty_seconds
from screentext import ScreenText

PEER = "termdown 20"
FACELIFT = "facelift start"
DEFAULT_ROUNDS = 3
ROUTINE_SECONDS = 20.0
ROWS, COLUMNS = 24, 80
STEP_AIM_MS = 5.0  # every step's start, at most this far from plan
END_AIM_MS = 50.0  # the end, at most this far from plan
CPU_AIM = 0.7  # facelift's median CPU time, at most this many times termdown's
BYTES_AIM = 3.0  # what facelift writes to the terminal, at most this many times termdown's
BEFORE = "  before"  # the label of the other facelift given with --before
TIME_LIMIT = 60.0  # seconds a run may take before it is killed and the benchmark gives up
ALT_SCREEN = b"\x1b[?1049h"  # both programs switch to the alternate screen once started

ROUTINE = twenty_seconds(
    "Playback benchmark", "Twenty seconds that exercise the player, for benchmarks/playback.py."
)

# What the live screen shows when each change of ROUTINE happens, and when the plan has it.
# If the screen's wording changes, a mark is simply not found and is left out of the check.
SCREEN_MARKS: tuple[tuple[str, float], ...] = (
    ("step 1 of 4", 0.0),  # the reference: the others are timed from here
    ("step 2 of 4", 5.0),
    ("RIGHT SIDE", 7.5),
    ("step 3 of 4", 10.0),
    ("stroke 2 of 10", 10.5),
    ("stroke 10 of 10", 14.5),
    ("step 4 of 4", 15.0),
    ("   round 2 of 2", 17.5),  # "Next: round 2 of 2" comes earlier
    ("elapsed 0:20", 20.0),
)


@dataclass(frozen=True)
class Run:
    """One program's run in a pty."""

    wall: float  # seconds from spawn to exit
    cpu: float  # the child's user + sys CPU seconds (os.wait4)
    cpu_started: float | None  # its CPU seconds when it switched to the alternate screen
    max_rss_kib: float
    output_bytes: int  # all it wrote to the terminal
    seen: dict[str, float]  # when each screen mark first arrived, seconds from spawn

    @property
    def cpu_playing(self) -> float | None:
        return None if self.cpu_started is None else self.cpu - self.cpu_started


@dataclass(frozen=True)
class StepTiming:
    number: int
    title: str
    planned_start: float
    actual_start: float

    @property
    def error_ms(self) -> float:
        return (self.actual_start - self.planned_start) * 1000


@dataclass(frozen=True)
class Round:
    peer: Run
    facelift: Run
    steps: tuple[StepTiming, ...]
    planned_seconds: float
    active_seconds: float
    before: Run | None = None

    @property
    def end_error_ms(self) -> float:
        return (self.active_seconds - self.planned_seconds) * 1000

    def screen_errors_ms(self) -> dict[str, float]:
        """Each change's arrival on screen, timed from step 1's, minus the plan."""
        seen = self.facelift.seen
        label, _ = SCREEN_MARKS[0]
        if label not in seen:
            return {}
        origin = seen[label]
        return {
            mark: (seen[mark] - origin - planned) * 1000
            for mark, planned in SCREEN_MARKS[1:]
            if mark in seen
        }


@dataclass(frozen=True)
class Spread:
    """Signed errors (ms) summed up: their median, and the largest one in absolute value."""

    count: int
    median: float
    worst: float

    @classmethod
    def of(cls, errors: Sequence[float]) -> Spread | None:
        if not errors:
            return None
        return cls(len(errors), statistics.median(errors), max(abs(e) for e in errors))


@dataclass(frozen=True)
class Usage:
    label: str
    wall: float
    cpu: float
    cpu_share: float  # CPU time as a percentage of the wall time
    ratio: float  # median CPU time against the peer's
    cpu_playing: float | None
    playing_ratio: float | None
    rss_mib: float
    rss_ratio: float
    output_kib: float
    output_ratio: float  # median bytes written against the peer's
    aim: float | None

    @property
    def met(self) -> bool | None:
        return None if self.aim is None else self.ratio <= self.aim

    @property
    def bytes_met(self) -> bool | None:
        return None if self.aim is None else self.output_ratio <= BYTES_AIM


@dataclass(frozen=True)
class Figures:
    steps: Spread
    end: Spread
    screen: Spread | None
    per_step: list[tuple[StepTiming, Spread]]
    usage: list[Usage]

    @property
    def verdicts(self) -> dict[str, bool]:
        return {
            "steps": self.steps.worst <= STEP_AIM_MS,
            "end": self.end.worst < END_AIM_MS,
            "cpu": bool(self.usage[1].met),
            "bytes": bool(self.usage[1].bytes_met),
        }


# -- running ----------------------------------------------------------------------------------


def process_cpu(pid: int) -> float | None:
    """A live process's user + sys CPU seconds so far, from /proc (Linux); None elsewhere."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2 :].split()  # from field 3, the state, on
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_in_pty(argv: Sequence[str], env: dict[str, str]) -> Run:
    """Run `argv` in a new ROWSxCOLUMNS pty, reading all it writes, until it exits with 0."""
    overlap = len(ALT_SCREEN) - 1
    screen = ScreenText(ROWS, COLUMNS)  # as the terminal shows it: only changes may be sent
    start = time.perf_counter()
    pid, master = pty.fork()
    if pid == 0:  # the child: give its terminal a size before anything can ask, then exec
        try:
            size = struct.pack("HHHH", ROWS, COLUMNS, 0, 0)
            fcntl.ioctl(pty.STDOUT_FILENO, termios.TIOCSWINSZ, size)
            os.execve(argv[0], list(argv), env)
        except BaseException as error:
            os.write(pty.STDERR_FILENO, f"cannot run {argv[0]}: {error}\n".encode())
        finally:
            os._exit(127)
    seen: dict[str, float] = {}
    cpu_started: float | None = None
    tail = b""
    last = b""  # the end of its output, to show when it fails
    written = 0
    try:
        while True:
            if time.perf_counter() - start > TIME_LIMIT:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
                raise RuntimeError(f"{' '.join(argv)} took more than {TIME_LIMIT:g} s")
            ready, _, _ = select.select([master], [], [], 0.5)
            if not ready:
                continue
            try:
                data = os.read(master, 65536)
            except OSError:  # EIO: every end of the terminal on the child's side is closed
                break
            if not data:
                break
            moment = time.perf_counter() - start
            written += len(data)
            window = tail + data
            if cpu_started is None and ALT_SCREEN in window:
                cpu_started = process_cpu(pid)
            screen.feed(data)
            for label, _ in SCREEN_MARKS:
                if label not in seen and screen.contains(label):
                    seen[label] = moment
            tail = window[-overlap:]
            last = (last + data)[-400:]
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - start
    finally:
        os.close(master)
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        said = last.decode(errors="replace").strip().splitlines()[-1:]
        raise RuntimeError(f"{' '.join(argv)} exited with status {code}: {''.join(said)}")
    return Run(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        cpu_started=cpu_started,
        max_rss_kib=rss_kib(usage.ru_maxrss),
        output_bytes=written,
        seen=seen,
    )


def recorded_session(facelift: Path, env: dict[str, str]) -> dict[str, Any]:
    """The one session in this FACELIFT_HOME, as `facelift history --json` prints it."""
    result = subprocess.run(
        [str(facelift), "history", "--json"],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"facelift history --json failed: {result.stderr.strip()}")
    sessions: list[dict[str, Any]] = json.loads(result.stdout)
    if len(sessions) != 1 or sessions[0].get("status") != "completed":
        raise RuntimeError(f"expected one completed session, found {len(sessions)}")
    return sessions[0]


def terminal_env(base: dict[str, str], home: Path) -> dict[str, str]:
    """The pty's size, not the caller's; bytecode cached as on any machine (a first run
    writes it), not compiled again by every run as PYTHONDONTWRITEBYTECODE would have it."""
    unset = ("COLUMNS", "LINES", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in base.items() if k not in unset}
    return {**env, "TERM": "xterm-256color", "FACELIFT_HOME": str(home)}


def start_argv(facelift: Path, routine: Path) -> tuple[str, ...]:
    return (
        str(facelift),
        "start",
        str(routine),
        "--yes",
        "--lead-in",
        "0",
        "--audio",
        "none",
        "--no-journal",
    )


def warm_up(programs: Sequence[Path], root: Path) -> None:
    """One unmeasured second of each facelift, so its bytecode is cached before the rounds."""
    routine = root / "one-second.yaml"
    routine.write_text(
        "title: One second\nsteps:\n  - title: Breathe\n    duration: 1s\n", encoding="utf-8"
    )
    for number, program in enumerate(programs):
        home = root / f"warm-up-{number}"
        home.mkdir()
        run_in_pty(start_argv(program, routine), terminal_env(dict(os.environ), home))


def measure(facelift: Path, termdown: Path, rounds: int, before: Path | None = None) -> list[Round]:
    results = []
    with tempfile.TemporaryDirectory(prefix="facelift-bench-") as folder:
        root = Path(folder)
        routine = root / "playback-20s.yaml"
        routine.write_text(ROUTINE, encoding="utf-8")
        peer_argv = (str(termdown), "20")
        warm_up([facelift, *([before] if before else [])], root)
        for number in range(1, rounds + 1):
            home = root / f"home-{number}"
            home.mkdir()
            env = terminal_env(dict(os.environ), home)
            print(f"round {number}/{rounds}: {PEER} ...", file=sys.stderr, flush=True)
            peer = run_in_pty(peer_argv, env)
            print(f"round {number}/{rounds}: {FACELIFT} ...", file=sys.stderr, flush=True)
            played = run_in_pty(start_argv(facelift, routine), env)
            session = recorded_session(facelift, env)
            earlier = None
            if before is not None:
                print(f"round {number}/{rounds}: the facelift before ...", file=sys.stderr)
                other = root / f"home-{number}-before"
                other.mkdir()
                earlier = run_in_pty(
                    start_argv(before, routine), terminal_env(dict(os.environ), other)
                )
            if float(session["planned_seconds"]) != ROUTINE_SECONDS:  # the marks assume it
                raise RuntimeError(f"the routine's plan is {session['planned_seconds']} s, not 20")
            steps = tuple(
                StepTiming(
                    number=int(step["step_number"] or 0),
                    title=str(step["title"]),
                    planned_start=float(step["planned_start"]),
                    actual_start=float(step["actual_start"]),
                )
                for step in session["steps"]
            )
            results.append(
                Round(
                    peer=peer,
                    facelift=played,
                    steps=steps,
                    planned_seconds=float(session["planned_seconds"]),
                    active_seconds=float(session["active_seconds"]),
                    before=earlier,
                )
            )
    return results


# -- figures ----------------------------------------------------------------------------------


def summarize(rounds: Sequence[Round]) -> Figures:
    steps = Spread.of([s.error_ms for r in rounds for s in r.steps])
    end = Spread.of([r.end_error_ms for r in rounds])
    if steps is None or end is None:
        raise RuntimeError("facelift recorded no steps")
    per_step = []
    for index, step in enumerate(rounds[0].steps):
        spread = Spread.of([r.steps[index].error_ms for r in rounds if len(r.steps) > index])
        if spread is not None:
            per_step.append((step, spread))
    screen = Spread.of([e for r in rounds for e in r.screen_errors_ms().values()])
    peer_cpu = statistics.median(r.peer.cpu for r in rounds)
    peer_rss = statistics.median(r.peer.max_rss_kib for r in rounds)
    peer_playing = _median_or_none([r.peer.cpu_playing for r in rounds])
    peer_bytes = statistics.median(r.peer.output_bytes for r in rounds)
    programs = [
        (PEER, [r.peer for r in rounds], None),
        (FACELIFT, [r.facelift for r in rounds], CPU_AIM),
    ]
    earlier = [r.before for r in rounds if r.before is not None]
    if earlier:
        programs.append((BEFORE, earlier, None))
    usage = []
    for label, runs, aim in programs:
        cpu = statistics.median(run.cpu for run in runs)
        rss = statistics.median(run.max_rss_kib for run in runs)
        playing = _median_or_none([run.cpu_playing for run in runs])
        usage.append(
            Usage(
                label=label,
                wall=statistics.median(run.wall for run in runs),
                cpu=cpu,
                cpu_share=statistics.median(100 * run.cpu / run.wall for run in runs),
                ratio=cpu / peer_cpu,
                cpu_playing=playing,
                playing_ratio=(
                    playing / peer_playing if playing is not None and peer_playing else None
                ),
                rss_mib=rss / 1024,
                rss_ratio=rss / peer_rss,
                output_kib=statistics.median(run.output_bytes for run in runs) / 1024,
                output_ratio=statistics.median(run.output_bytes for run in runs) / peer_bytes,
                aim=aim,
            )
        )
    return Figures(steps=steps, end=end, screen=screen, per_step=per_step, usage=usage)


def _median_or_none(values: Sequence[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return statistics.median(known) if len(known) == len(values) and known else None


def machine() -> dict[str, str | int | None]:
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
    }


def _verdict(met: bool | None) -> str:
    return "PASS" if met else "MISS"


def _optional(value: float | None, spec: str) -> str:
    return "n/a" if value is None else format(value, spec)


def table(figures: Figures, rounds: int) -> str:
    info = machine()
    verdicts = figures.verdicts
    lines = [
        f"Playback: {rounds} round{'s' if rounds > 1 else ''}, each {PEER} then facelift "
        f"playing a 20 s routine, in an {COLUMNS}x{ROWS} pty;",
        f"Python {info['python']}, {info['cpus']} CPUs, {info['platform']}",
        "",
        f"{'timing (ms, actual - plan)':<32} {'n':>3} {'median':>7} {'max |e|':>8}  aim",
    ]
    rows: list[tuple[str, Spread | None, str]] = [
        (
            "step starts (facelift's record)",
            figures.steps,
            f"<{STEP_AIM_MS:g} {_verdict(verdicts['steps'])}",
        ),
        ("end (facelift's record)", figures.end, f"<{END_AIM_MS:g} {_verdict(verdicts['end'])}"),
        ("changes seen on screen", figures.screen, "(a check, no aim)"),
    ]
    for label, spread, aim in rows:
        if spread is None:
            lines.append(f"{label:<32} {'0':>3} {'n/a':>7} {'n/a':>8}  {aim}")
        else:
            lines.append(
                f"{label:<32} {spread.count:>3} {spread.median:>+7.1f} {spread.worst:>8.1f}  {aim}"
            )
    lines += ["", f"{'step':<29} {'plan s':>6} {'median':>7} {'max |e|':>8}"]
    for step, spread in figures.per_step:
        name = f"{step.number} {step.title}"
        lines.append(
            f"{name:<29} {step.planned_start:>6.1f} {spread.median:>+7.1f} {spread.worst:>8.1f}"
        )
    lines += [
        "",
        f"{'program':<15} {'wall s':>6} {'CPU s':>6} {'%wall':>5} {'ratio':>5}  {'aim':<10} "
        f"{'playing s':>9} {'ratio':>5} {'RSS MiB':>7} {'RSS ratio':>9} {'KiB out':>7} "
        f"{'ratio':>5}  aim",
    ]
    for row in figures.usage:
        aim = "" if row.aim is None else f"<={row.aim:.1f} {_verdict(row.met)}"
        bytes_aim = "" if row.aim is None else f"<={BYTES_AIM:g} {_verdict(row.bytes_met)}"
        lines.append(
            f"{row.label:<15} {row.wall:>6.2f} {row.cpu:>6.3f} {row.cpu_share:>5.2f} "
            f"{row.ratio:>5.2f}  {aim:<10} {_optional(row.cpu_playing, '>9.3f'):>9} "
            f"{_optional(row.playing_ratio, '>5.2f'):>5} {row.rss_mib:>7.1f} {row.rss_ratio:>9.2f}"
            f" {row.output_kib:>7.1f} {row.output_ratio:>5.2f}  {bytes_aim}"
        )
    lines += [
        "",
        "wall: spawn to exit, start-up included (facelift's also its notes and saving the",
        "session); CPU s: user+sys over the whole run (os.wait4); playing s: CPU from the switch",
        "to the alternate screen to exit, so without start-up (/proc, Linux only); ratios:",
        f"medians against {PEER}, this run; KiB out: what the program wrote to the terminal",
        *(
            [f"{BEFORE.strip()}: the facelift given with --before, in the same rounds"]
            if len(figures.usage) > 2
            else []
        ),
    ]
    return "\n".join(lines)


def _spread_json(spread: Spread | None) -> dict[str, float | int] | None:
    if spread is None:
        return None
    return {
        "count": spread.count,
        "median_ms": round(spread.median, 2),
        "max_abs_ms": round(spread.worst, 2),
    }


def _run_json(run: Run) -> dict[str, Any]:
    return {
        "wall_s": round(run.wall, 4),
        "cpu_s": round(run.cpu, 4),
        "cpu_playing_s": None if run.cpu_playing is None else round(run.cpu_playing, 3),
        "max_rss_kib": run.max_rss_kib,
        "output_bytes": run.output_bytes,
    }


def as_json(figures: Figures, rounds: Sequence[Round]) -> str:
    verdicts = figures.verdicts
    data = {
        "benchmark": "playback",
        "peer": PEER,
        "rounds": len(rounds),
        "terminal": f"{COLUMNS}x{ROWS}",
        "machine": machine(),
        "timing": {
            "steps": {
                **(_spread_json(figures.steps) or {}),
                "aim_ms": STEP_AIM_MS,
                "met": verdicts["steps"],
            },
            "end": {
                **(_spread_json(figures.end) or {}),
                "aim_ms": END_AIM_MS,
                "met": verdicts["end"],
            },
            "screen": _spread_json(figures.screen),
            "per_step": [
                {
                    "step": step.number,
                    "title": step.title,
                    "planned_start": step.planned_start,
                    **(_spread_json(spread) or {}),
                }
                for step, spread in figures.per_step
            ],
        },
        "programs": [
            {
                "program": row.label,
                "wall_s": round(row.wall, 3),
                "cpu_s": round(row.cpu, 4),
                "cpu_percent_of_wall": round(row.cpu_share, 3),
                "cpu_ratio": round(row.ratio, 3),
                "cpu_playing_s": None if row.cpu_playing is None else round(row.cpu_playing, 3),
                "cpu_playing_ratio": (
                    None if row.playing_ratio is None else round(row.playing_ratio, 3)
                ),
                "rss_mib": round(row.rss_mib, 2),
                "rss_ratio": round(row.rss_ratio, 3),
                "output_kib": round(row.output_kib, 1),
                "output_ratio": round(row.output_ratio, 3),
                "bytes_met": row.bytes_met,
                "aim": row.aim,
                "met": row.met,
            }
            for row in figures.usage
        ],
        "raw": [
            {
                "peer": _run_json(r.peer),
                "facelift": _run_json(r.facelift),
                "before": None if r.before is None else _run_json(r.before),
                "step_errors_ms": [round(s.error_ms, 1) for s in r.steps],
                "end_error_ms": round(r.end_error_ms, 1),
                "screen_errors_ms": {k: round(v, 1) for k, v in r.screen_errors_ms().items()},
            }
            for r in rounds
        ],
        "all_aims_met": all(verdicts.values()),
    }
    return json.dumps(data, indent=2)


def at_least_one(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Compare facelift playing a 20 s routine in a pty with termdown 20, "
        "measured in the same run: timing accuracy, CPU and memory."
    )
    parser.add_argument(
        "--rounds", type=at_least_one, default=DEFAULT_ROUNDS, help="rounds, ~41 s each (default 3)"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when an aim is missed")
    parser.add_argument(
        "--facelift", type=Path, help="the facelift to measure (default: beside python, or PATH)"
    )
    parser.add_argument("--termdown", type=Path, help="the termdown to compare with (likewise)")
    parser.add_argument("--before", type=Path, help="another facelift to play in each round too")
    args = parser.parse_args(argv)

    facelift: Path | None = args.facelift or find_executable("facelift")
    termdown: Path | None = args.termdown or find_executable("termdown")
    if facelift is None:
        print("facelift is not installed here: pip install -e .", file=sys.stderr)
        return 1
    if termdown is None:
        print("termdown, the peer, is not installed: pip install termdown", file=sys.stderr)
        return 1

    try:
        rounds = measure(facelift, termdown, args.rounds, args.before)
        figures = summarize(rounds)
    except (RuntimeError, OSError, ValueError, KeyError) as error:
        print(f"cannot benchmark: {error}", file=sys.stderr)
        return 1
    print(as_json(figures, rounds) if args.json else table(figures, args.rounds))
    if args.check and not all(figures.verdicts.values()):
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
