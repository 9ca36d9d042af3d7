"""Bundles: a routine with its includes and sounds goes from one home to another; a hostile
bundle is one line, exit 1, and writes nothing at all."""

from __future__ import annotations

import hashlib
import io
import json
import stat
import zipfile
from pathlib import Path

import pytest

from facelift.format.wav import Sound
from tests.conftest import Cli

NECK = "title: My neck\nsteps:\n  - title: Neck\n    duration: 30s\n"
JAW = (
    "title: My jaw\nsounds:\n  step: sounds/bell.wav\nsteps:\n  - include: my-neck\n"
    "  - include: lymphatic\n  - title: Jaw\n    duration: 20s\n"
)
BELL = Sound(b"\x00\x10" * 800, 8000).to_wav()


@pytest.fixture
def first_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home with my-jaw, which includes my-neck and a built-in and plays its own bell."""
    home = tmp_path / "first"
    (home / "routines" / "sounds").mkdir(parents=True)
    (home / "routines" / "my-neck.yaml").write_text(NECK, encoding="utf-8")
    (home / "routines" / "my-jaw.yaml").write_text(JAW, encoding="utf-8")
    (home / "routines" / "sounds" / "bell.wav").write_bytes(BELL)
    monkeypatch.setenv("FACELIFT_HOME", str(home))
    return home


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_a_routine_goes_from_one_home_to_another(
    cli: Cli, first_home: Path, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Export writes the routine, the user routine it includes and its sound (not the
    built-in); import into an empty home brings the same files, and the routine plays there."""
    out = tmp_path / "jaw.zip"
    exported = cli("export", "my-jaw", "-o", str(out))
    assert (exported.code, exported.err) == (0, "")
    assert exported.out == f"Wrote {out}: my-jaw with my-neck and 1 sound (2 KB)\n"
    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["format"] == "facelift-bundle" and manifest["version"] == 1
    assert manifest["routine"] == "my-jaw" and manifest["routines"] == ["my-jaw", "my-neck"]
    assert [(f["path"], f["size"]) for f in manifest["files"]] == [
        ("routines/my-jaw.yaml", len(JAW)),
        ("routines/my-neck.yaml", len(NECK)),
        ("routines/sounds/bell.wav", len(BELL)),
    ]
    monkeypatch.setenv("FACELIFT_HOME", str(home))
    imported = cli("import", str(out))
    assert (imported.code, imported.err) == (0, "")
    assert (
        imported.out
        == f"Imported my-jaw with my-neck and 1 sound (2 KB) into {home / 'routines'}\n"
    )
    assert files(home / "routines") == files(first_home / "routines")
    assert cli("show", "my-jaw", "--json").code == 0


def test_an_existing_name_is_refused_unless_forced(
    cli: Cli, first_home: Path, tmp_path: Path
) -> None:
    """Importing into the home it came from: refused, nothing changed; --force replaces."""
    out = tmp_path / "jaw.zip"
    assert cli("export", "my-jaw", "-o", str(out)).code == 0
    (first_home / "routines" / "my-neck.yaml").write_text(NECK + "# mine\n", encoding="utf-8")
    before = files(first_home / "routines")
    again = cli("import", str(out))
    assert (again.code, again.out) == (1, "")
    assert again.err == "Error: a routine named 'my-jaw' exists; add --force to replace it\n"
    assert files(first_home / "routines") == before
    assert cli("import", str(out), "--force").code == 0
    assert (first_home / "routines" / "my-neck.yaml").read_text(encoding="utf-8") == NECK


def test_export_does_not_overwrite_a_file_unless_forced(
    cli: Cli, first_home: Path, tmp_path: Path
) -> None:
    """An existing output file is kept: one line, exit 1."""
    out = tmp_path / "jaw.zip"
    out.write_bytes(b"keep")
    result = cli("export", "my-jaw", "-o", str(out))
    assert (result.code, result.err) == (1, f"Error: {out} exists; add --force to replace it\n")
    assert out.read_bytes() == b"keep"


# -- hostile bundles ------------------------------------------------------------------------


def member(
    name: str, data: bytes, *, mode: int = stat.S_IFREG | 0o644
) -> tuple[zipfile.ZipInfo, bytes]:
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.external_attr = mode << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    return info, data


def manifest(*entries: tuple[str, bytes], routine: str = "evil") -> tuple[zipfile.ZipInfo, bytes]:
    listed = [
        {"path": n, "size": len(d), "sha256": hashlib.sha256(d).hexdigest()} for n, d in entries
    ]
    data = json.dumps(
        {"format": "facelift-bundle", "version": 1, "routine": routine, "files": listed}
    ).encode()
    return member("manifest.json", data)


EVIL = ("routines/evil.yaml", b"title: Evil\nsteps:\n  - title: X\n    duration: 10s\n")


def write_zip(path: Path, members: list[tuple[zipfile.ZipInfo, bytes]]) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for info, data in members:
            archive.writestr(info, data)
    path.write_bytes(buffer.getvalue())
    return path


def hostile_bundles() -> dict[str, tuple[list[tuple[zipfile.ZipInfo, bytes]], str]]:
    """Each hostile bundle's members and the one line it is refused with."""
    bomb = ("routines/bomb.wav", b"\x00" * (4 * 1024 * 1024))
    many = [(f"routines/s{i}.wav", b"RIFF") for i in range(301)]
    wrong = ("routines/evil.yaml", EVIL[1] + b"# changed\n")
    return {
        "dotdot": (
            [
                manifest(EVIL, ("routines/../../x.wav", b"R")),
                member(*EVIL),
                member("routines/../../x.wav", b"R"),
            ],
            "'routines/../../x.wav' in the bundle: a path with '..', '.' or an empty part",
        ),
        "absolute": (
            [manifest(EVIL), member(*EVIL), member("/etc/evil.wav", b"R")],
            "'/etc/evil.wav' in the bundle: an absolute or foreign path",
        ),
        "link": (
            [
                manifest(EVIL),
                member(*EVIL),
                member("routines/l.wav", b"/etc/passwd", mode=stat.S_IFLNK | 0o777),
            ],
            "'routines/l.wav' is a link or a special file; a bundle holds files only",
        ),
        "many": (
            [manifest(EVIL), member(*EVIL), *(member(*m) for m in many)],
            "the bundle has 303 files; the most is 300",
        ),
        "mismatch": (
            [manifest(EVIL), member(*wrong)],
            "'routines/evil.yaml' is not what the manifest says (size or SHA-256)",
        ),
        "unlisted": (
            [manifest(EVIL), member(*EVIL), member("routines/x.wav", b"R")],
            "'routines/x.wav' is in the bundle but not in its manifest",
        ),
        "bomb": (
            [manifest(EVIL, bomb), member(*EVIL), member(*bomb)],
            "'routines/bomb.wav' unpacks 1028 times larger (a zip bomb)",
        ),
        "twice": (
            [manifest(EVIL), member(*EVIL), member(*EVIL)],
            "the bundle holds 'routines/evil.yaml' twice",
        ),
        "no manifest": ([member(*EVIL)], "the bundle has no manifest.json"),
        "bad routine": (
            [
                manifest(("routines/evil.yaml", b"title: [\n")),
                member("routines/evil.yaml", b"title: [\n"),
            ],
            "routines/evil.yaml in the bundle has errors: routines/evil.yaml:2:1: ",
        ),
        "not a wav": (
            [
                manifest(EVIL, ("routines/s.wav", b"RIFFxxxx")),
                member(*EVIL),
                member("routines/s.wav", b"RIFFxxxx"),
            ],
            "a sound in the bundle cannot play: routines/s.wav: cannot read the sound",
        ),
        "renamed": (
            [
                manifest(("routines/evil.yaml", b"name: my-jaw\n" + EVIL[1])),
                member("routines/evil.yaml", b"name: my-jaw\n" + EVIL[1]),
            ],
            "routines/evil.yaml in the bundle names itself 'my-jaw'",
        ),
    }


@pytest.mark.filterwarnings("ignore:Duplicate name")  # the "twice" bundle, made on purpose
@pytest.mark.parametrize("kind", sorted(hostile_bundles()))
def test_a_hostile_bundle_is_one_line_and_writes_nothing(
    kind: str, cli: Cli, home: Path, tmp_path: Path
) -> None:
    """Each kind of hostile bundle: `Error: ...` on one line, exit 1, the home unchanged."""
    members, message = hostile_bundles()[kind]
    path = write_zip(tmp_path / "evil.zip", members)
    before = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    result = cli("import", str(path))
    assert (result.code, result.out) == (1, "")
    assert result.err.startswith(f"Error: {message}") and result.err.count("\n") == 1
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == before


def test_a_file_that_is_not_a_zip_is_refused(cli: Cli, tmp_path: Path) -> None:
    """Not a zip at all: one line naming the file."""
    path = tmp_path / "x.zip"
    path.write_text("hello", encoding="utf-8")
    result = cli("import", str(path))
    assert (result.code, result.err) == (
        1,
        f"Error: {path}: not a facelift bundle (File is not a zip file)\n",
    )
