"""`facelift export` and `facelift import`: a routine with its own includes and sounds, as a
bundle, and back into another person's routines folder after every check has passed."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from facelift.base import paths, resources
from facelift.base.errors import FaceliftError
from facelift.base.files import Unreadable, read_bounded
from facelift.format.bundle import Bundle, BundleError, read_bundle, write_bundle
from facelift.format.library import USER, Library
from facelift.format.limits import MAX_FILE_BYTES, MAX_SOUND_BYTES
from facelift.format.routine import Include, Routine
from facelift.format.wav import read_wav


def export(library: Library, name: str, output: Path, *, force: bool) -> str:
    """Write the bundle of routine `name` to `output`; say what it holds."""
    if output.exists() and not force:
        raise FaceliftError(f"{output} exists; add --force to replace it")
    written, _played = library.open_both(name)  # checks it, and its includes, first
    files: dict[str, bytes] = {}
    _collect(library, written, files)
    write = output.with_name(f".{output.name}.part")
    try:
        write_bundle(write, written.name, files)
        write.replace(output)
    except OSError as error:
        write.unlink(missing_ok=True)
        raise FaceliftError(f"cannot write {output}: {error.strerror or error}") from None
    return f"Wrote {output}: {_contents(written.name, files)}"


def _collect(library: Library, routine: Routine, files: dict[str, bytes]) -> None:
    """Add `routine`'s file, its sounds and every user routine it includes, recursively.
    Built-in routines are left out: every facelift has them."""
    key = f"{routine.name}.yaml"
    if key in files or routine.path is None:
        return
    files[key] = _read(routine.path, MAX_FILE_BYTES)
    folder = Path(os.path.realpath(routine.path.parent))
    for _cue, sound in routine.sounds:
        relative = sound.relative_to(folder).as_posix()  # the loader keeps sounds inside
        data = _read(sound, MAX_SOUND_BYTES)
        if files.setdefault(relative, data) != data:
            raise FaceliftError(f"two different sounds are both called {relative}; rename one")
    for item in routine.items:
        if isinstance(item, Include):
            entry = library.find(item.name)
            if entry.source == USER and entry.routine is not None:
                _collect(library, entry.routine, files)


def _read(path: Path, limit: int) -> bytes:
    try:
        return read_bounded(path, limit)
    except Unreadable as error:
        raise FaceliftError(f"{path}: {error.reason}") from None


def _contents(routine: str, files: dict[str, bytes]) -> str:
    """`my-jaw with my-neck and 1 sound (14 KB)`."""
    others = sorted(n[:-5] for n in files if n.endswith(".yaml") and n != f"{routine}.yaml")
    sounds = sum(1 for n in files if not n.endswith(".yaml"))
    parts = [*others, *([f"{sounds} sound{'s' * (sounds != 1)}"] if sounds else [])]
    size = max(1, round(sum(len(d) for d in files.values()) / 1024))
    joined = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else "".join(parts)
    return f"{routine}{' with ' + joined if parts else ''} ({size} KB)"


def import_bundle(source: Path, *, force: bool) -> str:
    """Check the bundle at `source` whole, then write it into the user's routines folder."""
    bundle = read_bundle(source)
    _trial(bundle)
    folder = paths.user_routines_dir()
    targets = _targets(bundle, folder, force=force)
    _write(targets)
    return f"Imported {_contents(bundle.routine, bundle.files)} into {folder}"


def _trial(bundle: Bundle) -> None:
    """Every routine loads and plays, and every sound can play, from a temporary folder."""
    with tempfile.TemporaryDirectory(prefix="facelift-import-") as tmp:
        folder = Path(tmp) / "routines"
        for path, data in bundle.files.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_bytes(data)
        trial = Library(builtin_dir=resources.builtin_routines_dir(), user_dir=folder, keep=False)
        for entry in trial.entries():
            if entry.source != USER:
                continue
            where = f"routines/{entry.path.name}"
            if entry.error is not None:
                first = str(entry.error).splitlines()[0].replace(str(folder), "routines")
                raise BundleError(f"{where} in the bundle has errors: {first}")
            if entry.name != entry.path.stem:
                raise BundleError(f"{where} in the bundle names itself '{entry.name}'")
        for path in bundle.sounds():
            try:
                read_wav(folder / path)
            except FaceliftError as error:
                message = str(error).replace(str(folder), "routines")
                raise BundleError(f"a sound in the bundle cannot play: {message}") from None


def _targets(bundle: Bundle, folder: Path, *, force: bool) -> dict[Path, bytes]:
    """Where each file goes; a name or a different file already there is refused unless
    `force`, and nothing may land outside the routines folder (a folder there may be a link)."""
    library = Library.default()
    known = {entry.name: entry for entry in library.entries()}
    targets: dict[Path, bytes] = {}
    for name, data in bundle.routines().items():
        entry = known.get(name)
        if entry is not None and not force:
            kind = "built-in " if entry.source != USER else ""
            raise BundleError(f"a {kind}routine named '{name}' exists; add --force to replace it")
        mine = entry is not None and entry.source == USER
        targets[entry.path if mine and entry else folder / f"{name}.yaml"] = data
    for path, data in bundle.sounds().items():
        target = folder / path
        if target.is_symlink() or (target.exists() and not target.is_file()):
            raise BundleError(f"{target} is a link or a folder; move it away first")
        if target.exists() and not force and target.read_bytes() != data:
            raise BundleError(f"a different {path} exists in {folder}; add --force to replace it")
        targets[target] = data
    real = Path(os.path.realpath(folder))
    for target in targets:
        if not Path(os.path.realpath(target)).is_relative_to(real):
            raise BundleError(f"{target} leads out of {folder} through a link")
    return targets


def _write(targets: dict[Path, bytes]) -> None:
    """Each file beside its place first, then all moved into place: a failed write leaves
    the routines folder as it was."""
    parts: list[tuple[Path, Path]] = []
    try:
        for target, data in targets.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            part = target.with_name(f".{target.name}.part")
            part.write_bytes(data)
            parts.append((part, target))
        for part, target in parts:
            part.replace(target)
    except OSError as error:
        for part, _target in parts:
            part.unlink(missing_ok=True)
        raise FaceliftError(f"cannot write the routines: {error.strerror or error}") from None
