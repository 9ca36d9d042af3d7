"""Start-up counted in CPU instructions: every everyday command against `termdown --version`.

Wall time on a shared machine moves with whatever else runs; the number of instructions a
command executes does not. This counts them with valgrind's cachegrind (no cache
simulation), once per command after a run that caches its bytecode, and reports each as a
ratio to `termdown --version` counted in the same run::

    python benchmarks/instructions.py                  # this checkout's facelift
    python benchmarks/instructions.py --before TREE    # and another checkout, beside it

Run it from the repository with the project's virtualenv (termdown installed beside it:
`pip install -e ".[bench]"`) on Linux with valgrind installed. Each facelift runs as
`python -m facelift` with its checkout first on PYTHONPATH, from the same interpreter, in a
temporary FACELIFT_HOME holding three one-second sessions; bytecode is compiled first
(`compileall`), so a PYTHONDONTWRITEBYTECODE environment does not charge each run for
compiling. Slow (valgrind runs Python some 50 times slower): about two minutes. It informs
and exits 0.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from common import find_executable, twenty_seconds

ONE_SECOND = (
    "title: One second\nsteps:\n  - title: Touch\n    do: Rest your hands.\n    duration: 1\n"
)
QUIET = ("--yes", "--lead-in", "0", "--audio", "none", "--no-journal", "--plain")


def commands(routine: Path, one: Path) -> dict[str, list[str]]:
    return {
        "--help": ["--help"],
        "list": ["list"],
        "show lymphatic": ["show", "lymphatic"],
        "validate FILE": ["validate", str(routine)],
        "history": ["history"],
        "journal": ["journal"],
        "stats": ["stats"],
        "doctor": ["doctor"],
        "today": ["today"],
        "start FILE (1 s, whole)": ["start", str(one), *QUIET],
    }


def instructions(argv: list[str], env: dict[str, str]) -> int:
    """What `argv` executes, in instructions (cachegrind's I refs)."""
    with tempfile.TemporaryDirectory() as folder:
        valgrind = ["valgrind", "--tool=cachegrind", "--cache-sim=no"]
        done = subprocess.run(
            [*valgrind, f"--cachegrind-out-file={folder}/out", *argv],
            env=env,
            cwd=env.get("FACELIFT_HOME"),  # not the repository: `-m` puts the folder first
            capture_output=True,
            text=True,
            check=False,
        )
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if found is None:
        sys.exit(f"valgrind counted nothing for {' '.join(argv)}:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def world(tree: Path, one: Path) -> dict[str, str]:
    """The environment one facelift runs in: its checkout first, its own home, 3 sessions."""
    compileall.compile_dir(tree / "facelift", quiet=1)
    home = Path(tempfile.mkdtemp(prefix="facelift-instructions-"))
    env = {**os.environ, "FACELIFT_HOME": str(home), "PYTHONPATH": str(tree), "COLUMNS": "80"}
    for _ in range(3):
        subprocess.run(
            [sys.executable, "-m", "facelift", "start", str(one), *QUIET],
            env=env,
            cwd=home,
            capture_output=True,
            check=True,
        )
    return env


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, help="another facelift checkout to count beside")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is needed: apt-get install valgrind")
    termdown = find_executable("termdown")
    if termdown is None:
        sys.exit('termdown is needed beside facelift: pip install -e ".[bench]"')
    scratch = Path(tempfile.mkdtemp(prefix="facelift-instructions-"))
    routine, one = scratch / "twenty.yaml", scratch / "one.yaml"
    routine.write_text(twenty_seconds("Instructions", "Twenty seconds, for the count."))
    one.write_text(ONE_SECOND)
    trees = {"this": Path(__file__).resolve().parent.parent}
    if args.before:
        trees = {"before": args.before.resolve(), **trees}
    worlds = {label: world(tree, one) for label, tree in trees.items()}
    peer = instructions([str(termdown), "--version"], dict(os.environ))
    print(f"termdown --version: {peer / 1e6:.0f} M instructions (the peer, 1.00)")
    print(f"{'command':26}" + "".join(f"{label:>20}" for label in worlds))
    for name, argv in commands(routine, one).items():
        cells = []
        for env in worlds.values():
            instructions([sys.executable, "-m", "facelift", *argv], env)  # its bytecode, cached
            count = instructions([sys.executable, "-m", "facelift", *argv], env)
            cells.append(f"{count / 1e6:7.0f} M ({count / peer:.2f})")
        print(f"{name:26}" + "".join(f"{cell:>20}" for cell in cells))


if __name__ == "__main__":
    main()
