"""`facelift doctor`: what works on this machine, each line marked, with the fix when not."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass

from facelift import __version__
from facelift.base import paths
from facelift.base.errors import FaceliftError, RoutineError
from facelift.base.safetext import terminal_safe
from facelift.format.library import BUILTIN, Library
from facelift.output import audio
from facelift.output.choices import AudioChoice
from facelift.output.voice import find_engine

OK, MISSING, PROBLEM = "ok", "--", "!!"


@dataclass(frozen=True)
class Finding:
    """One line of the report: what was looked at, how it is, and the detail or the fix."""

    mark: str  # OK, MISSING (optional, works without), PROBLEM (needs fixing)
    what: str
    detail: str

    def __str__(self) -> str:
        return f"{self.mark:2}  {self.what}: {self.detail}"


def report(library: Library) -> int:
    """Print the header and every finding; the exit status: 1 when one needs fixing."""
    print(header())
    findings = examine(library)
    for finding in findings:
        print(terminal_safe(str(finding)))
    return 1 if any(finding.mark == PROBLEM for finding in findings) else 0


def examine(library: Library) -> list[Finding]:
    """Every finding, in order. Sound and voice are tried for real (a moment of silence, a
    word spoken), which is waiting on a device or a program: they are tried beside the
    reading of folders, settings, routines and plans, not before it."""
    sound, voice = _beside(_sound), _beside(_voice)
    rest = [*_folders(), _settings(), *_routines(library), *_plans(library)]
    return [sound(), voice(), *rest]


def _beside(check: Callable[[], Finding]) -> Callable[[], Finding]:
    """Start `check` in a thread; the function returned waits for its finding (or raises
    what it raised). A plain thread, not concurrent.futures, which would import logging."""
    outcome: list[Finding | BaseException] = []

    def run() -> None:
        try:
            outcome.append(check())
        except BaseException as error:  # handed to the caller, as if called there
            outcome.append(error)

    thread = threading.Thread(target=run, name=f"doctor-{check.__name__.strip('_')}", daemon=True)
    thread.start()

    def result() -> Finding:
        thread.join()
        if isinstance(outcome[0], BaseException):
            raise outcome[0]
        return outcome[0]

    return result


def header() -> str:
    python = ".".join(str(n) for n in sys.version_info[:3])
    return f"facelift {__version__} (Python {python}, {sys.platform})"


def _sound() -> Finding:
    """The path a session would take, tried for real with a moment of silence."""
    rows = audio.survey()
    chain, failed = audio.working(audio.choose(AudioChoice.AUTO))
    chosen = chain[0]
    if chosen.name == "none":
        lines = ["nothing plays here; sessions run silently"]
    else:
        why = next((detail for name, _, detail in rows if name == chosen.name), "")
        tested = "; tested: it plays" if chosen.plays_every_cue else ""
        lines = [f"{chosen.name} ({why}{tested})"]
        lines.append(f"if it fails: {', '.join(backend.name for backend in chain[1:])}")
    lines += [f"not working: {problem}" for problem in failed]
    lines += [f"not here: {name}: {detail}" for name, works, detail in rows if not works]
    playing = chosen.plays_every_cue and chosen.name != "none"
    return Finding(OK if playing else MISSING, "sound", "\n      ".join(lines))


def _voice() -> Finding:
    engine = find_engine()
    if engine is None:
        return Finding(
            MISSING,
            "voice (--voice)",
            "no speech engine: install espeak-ng (Linux) or use macOS's say",
        )
    try:
        engine.render("Ready.")
    except (subprocess.SubprocessError, OSError, ValueError, FaceliftError) as error:
        code = error.returncode if isinstance(error, subprocess.CalledProcessError) else None
        reason = f"exit status {code}" if code is not None else str(error) or "it failed"
        return Finding(PROBLEM, "voice (--voice)", f"{engine.name} cannot speak ({reason})")
    return Finding(OK, "voice (--voice)", f"{engine.key} (tested: it speaks)")


def _folders() -> list[Finding]:
    routines = paths.user_routines_dir()
    database = paths.database_path()
    blocked = next((p for p in (routines, *routines.parents) if p.exists()), None)
    if blocked is not None and not blocked.is_dir():
        why = f"{routines} cannot be made: {blocked} is a file, not a folder"
        return [Finding(PROBLEM, "your routines", why), Finding(PROBLEM, "history", why)]
    made = "" if routines.is_dir() else " (not made yet)"
    found = [Finding(OK, "your routines", f"{routines}{made}")]
    if not database.exists():
        found.append(Finding(OK, "history", f"{database} (made at the first session)"))
        return found
    from facelift.practice.store import Store

    try:
        with Store.open_readonly(database) as store:  # looking changes nothing
            count = len(store.saved_sessions(steps=False))
        found.append(Finding(OK, "history", f"{database} ({count} sessions)"))
    except FaceliftError as error:
        found.append(Finding(PROBLEM, "history", str(error)))
    return found


def _settings() -> Finding:
    """config.toml, read as every command reads it: absent is fine, wrong is a problem."""
    from facelift.shell import settings

    path = paths.config_path()
    try:
        settings.load(path)
    except RoutineError as error:
        count = len(error.problems)
        return Finding(PROBLEM, "settings", f"{path}: {count} error(s): facelift config")
    except FaceliftError as error:
        return Finding(PROBLEM, "settings", str(error))
    return Finding(OK, "settings", f"{path}" if path.exists() else f"{path} (none: defaults)")


def _plans(library: Library) -> list[Finding]:
    """Your own plans, each checked as `plan show` would read it."""
    from facelift.format.plans_library import Plans

    found = [Finding(OK, "your plans", str(paths.user_plans_dir()))]
    for entry in Plans.default(library).entries():
        if entry.source == BUILTIN:
            continue
        if entry.plan is None:
            found.append(
                Finding(PROBLEM, f"your plan {entry.name}", f"facelift validate {entry.path}")
            )
        else:
            found.append(Finding(OK, f"your plan {entry.name}", "valid"))
    return found


def _routines(library: Library) -> list[Finding]:
    entries = library.entries()
    builtin = [e for e in entries if e.source == BUILTIN]
    found = [Finding(OK, "built-in routines", ", ".join(e.name for e in builtin))]
    for entry in entries:
        if entry.source == BUILTIN:
            continue
        if entry.played is None:
            count = len(getattr(entry.error, "problems", ())) or 1
            found.append(
                Finding(
                    PROBLEM,
                    f"your routine {entry.name}",
                    f"{count} error(s): facelift validate {entry.path}",
                )
            )
        else:
            note = " (overrides the built-in)" if entry.overrides else ""
            found.append(Finding(OK, f"your routine {entry.name}", f"valid{note}"))
    return found
