"""A bundle: one zip holding routines and their sounds, with a manifest, read as hostile.

A bundle comes from someone else, so reading one checks everything before anything is
used: its size, the number of members, each member's name (inside `routines/`, no `..`,
no absolute path, no link), how much each unpacks to, and that every member is exactly
what the manifest says (size and SHA-256). The checked files are returned as bytes, to be
validated and written by the caller; nothing here writes into a user's folders.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from facelift.base.errors import FaceliftError
from facelift.base.files import Unreadable, read_bounded

FORMAT, VERSION = "facelift-bundle", 1
MANIFEST = "manifest.json"
FOLDER = "routines"  # every member but the manifest is under it, as in the routines folder
MAX_MEMBERS = 300
MAX_BYTES = 8 * 1024 * 1024  # unpacked, all members together; a zip may not be larger either
MAX_MANIFEST = 256 * 1024
MAX_RATIO, RATIO_FROM = 100, 1024 * 1024  # a member this much smaller packed is a zip bomb
_PART = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_. -]{0,99}")
_ROUTINE = re.compile(r"[a-z0-9][a-z0-9-]{0,63}\.yaml")


class BundleError(FaceliftError):
    """A bundle that cannot be imported, said in one line."""


@dataclass(frozen=True)
class Bundle:
    """A checked bundle: the routine it was made for, and each file by its path inside
    `routines/` (`my-jaw.yaml`, `sounds/bell.wav`)."""

    routine: str
    files: dict[str, bytes]

    def routines(self) -> dict[str, bytes]:
        """The routine files by routine name."""
        return {
            path[: -len(".yaml")]: data
            for path, data in self.files.items()
            if "/" not in path and path.endswith(".yaml")
        }

    def sounds(self) -> dict[str, bytes]:
        return {path: data for path, data in self.files.items() if path.endswith(".wav")}


def member_problem(name: str) -> str:
    """What is wrong with a member's name ("" when nothing): only `routines/NAME.yaml` and
    WAV files below `routines/`, in plain relative parts."""
    if "\\" in name or "\x00" in name or name.startswith("/") or ":" in name:
        return "an absolute or foreign path"
    parts = name.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return "a path with '..', '.' or an empty part"
    if parts[0] != FOLDER or len(parts) < 2 or len(parts) > 5:
        return f"not inside {FOLDER}/"
    if not all(_PART.fullmatch(part) for part in parts[1:]):
        return "a name with characters a bundle does not use"
    if len(parts) == 2 and _ROUTINE.fullmatch(parts[1]):
        return ""
    if parts[-1].lower().endswith(".wav"):
        return ""
    return "neither a routine (NAME.yaml) nor a sound (.wav)"


def read_bundle(path: Path) -> Bundle:
    """The bundle at `path`, every member checked against its manifest; BundleError if any
    check fails. Reads at most MAX_BYTES of anything."""
    try:
        data = read_bounded(path, MAX_BYTES)
    except Unreadable as error:
        raise BundleError(f"{path}: {error.reason}") from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return _checked(archive)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as error:
        raise BundleError(f"{path}: not a facelift bundle ({error})") from None
    except NotImplementedError as error:  # a compression method zipfile cannot read
        raise BundleError(f"{path}: not a facelift bundle ({error})") from None


def _checked(archive: zipfile.ZipFile) -> Bundle:
    members = archive.infolist()
    if len(members) > MAX_MEMBERS + 1:
        raise BundleError(f"the bundle has {len(members)} files; the most is {MAX_MEMBERS}")
    names = [info.filename for info in members]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise BundleError(f"the bundle holds '{twice[0]}' twice")
    if sum(info.file_size for info in members) > MAX_BYTES:
        raise BundleError(f"the bundle unpacks to more than {MAX_BYTES // 2**20} MB")
    for info in members:
        _check_member(info)
    if MANIFEST not in names:
        raise BundleError(f"the bundle has no {MANIFEST}")
    routine, listed = _manifest(_read(archive, archive.getinfo(MANIFEST), MAX_MANIFEST))
    found = {info.filename for info in members if not info.is_dir()} - {MANIFEST}
    unlisted = sorted(found - set(listed))
    if unlisted:
        raise BundleError(f"'{unlisted[0]}' is in the bundle but not in its manifest")
    files = {}
    for name, (size, digest) in listed.items():
        if name not in found:
            raise BundleError(f"'{name}' is in the manifest but not in the bundle")
        content = _read(archive, archive.getinfo(name), size)
        if len(content) != size or hashlib.sha256(content).hexdigest() != digest:
            raise BundleError(f"'{name}' is not what the manifest says (size or SHA-256)")
        files[name.removeprefix(FOLDER + "/")] = content
    if f"{routine}.yaml" not in files:
        raise BundleError(f"the manifest names routine '{routine}', which is not in the bundle")
    return Bundle(routine, files)


def _check_member(info: zipfile.ZipInfo) -> None:
    name = info.filename
    shown = name.encode("unicode_escape").decode("ascii")[:120]
    mode = info.external_attr >> 16
    kind = stat.S_IFMT(mode)
    if kind == stat.S_IFLNK or (kind and kind not in (stat.S_IFREG, stat.S_IFDIR)):
        raise BundleError(f"'{shown}' is a link or a special file; a bundle holds files only")
    if info.flag_bits & 0x1:
        raise BundleError(f"'{shown}' is encrypted")
    if name == MANIFEST:
        return
    problem = member_problem(name.rstrip("/") if info.is_dir() else name)
    if info.is_dir() and (not problem or name.rstrip("/") == FOLDER):
        return  # a folder entry, as zip tools write them
    if problem:
        raise BundleError(f"'{shown}' in the bundle: {problem}")
    packed = max(1, info.compress_size)
    if info.file_size > RATIO_FROM and info.file_size / packed > MAX_RATIO:
        raise BundleError(f"'{shown}' unpacks {info.file_size // packed} times larger (a zip bomb)")


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """At most `limit` + 1 bytes of a member: enough to tell that it is larger."""
    with archive.open(info) as stream:
        return stream.read(limit + 1)


def _manifest(data: bytes) -> tuple[str, dict[str, tuple[int, str]]]:
    """The routine's name and each listed file's size and SHA-256, from the manifest."""
    try:
        manifest: Any = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise BundleError(f"{MANIFEST} is not JSON") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BundleError(f"{MANIFEST} is not a facelift bundle's manifest")
    if manifest.get("version") != VERSION:
        raise BundleError(
            f"bundle version {manifest.get('version')!r} is not supported; "
            f"this facelift reads version {VERSION}"
        )
    routine, files = manifest.get("routine"), manifest.get("files")
    if not isinstance(routine, str) or not _ROUTINE.fullmatch(routine + ".yaml"):
        raise BundleError(f"{MANIFEST}: 'routine' is not a routine name")
    if not isinstance(files, list) or len(files) > MAX_MEMBERS:
        raise BundleError(f"{MANIFEST}: 'files' is not a list of at most {MAX_MEMBERS}")
    listed: dict[str, tuple[int, str]] = {}
    for entry in files:
        if not isinstance(entry, dict) or not _valid_entry(entry):
            raise BundleError(f"{MANIFEST}: each file needs a path, a size and a sha256")
        path = entry["path"]
        if path in listed or member_problem(path):
            raise BundleError(f"{MANIFEST}: '{path[:120]}' is listed twice or not allowed")
        listed[path] = (entry["size"], entry["sha256"])
    return routine, listed


def _valid_entry(entry: dict[str, Any]) -> bool:
    size, digest = entry.get("size"), entry.get("sha256")
    return (
        isinstance(entry.get("path"), str)
        and isinstance(size, int)
        and not isinstance(size, bool)
        and 0 <= size <= MAX_BYTES
        and isinstance(digest, str)
        and re.fullmatch(r"[0-9a-f]{64}", digest) is not None
    )


def write_bundle(target: Path, routine: str, files: dict[str, bytes]) -> None:
    """Write a bundle of `files` (paths inside `routines/`) made for `routine`."""
    entries = [
        {"path": f"{FOLDER}/{path}", "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        for path, data in sorted(files.items())
    ]
    for entry in entries:
        problem = member_problem(str(entry["path"]))
        if problem:
            raise BundleError(f"cannot bundle '{entry['path']}': {problem}")
    if sum(len(data) for data in files.values()) > MAX_BYTES:
        raise BundleError(f"the bundle would be larger than {MAX_BYTES // 2**20} MB")
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "routine": routine,
        "routines": sorted(n[:-5] for n in files if n.endswith(".yaml")),
        "files": entries,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        _add(archive, MANIFEST, json.dumps(manifest, indent=2).encode("utf-8") + b"\n")
        for path, data in sorted(files.items()):
            _add(archive, f"{FOLDER}/{PurePosixPath(path)}", data)
    target.write_bytes(buffer.getvalue())


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))  # the same bytes each time
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, data)
