"""`facelift render` refuses a bad request in one line, before any work, and never leaves
a half-written file behind."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import Cli, WriteRoutine
from .rendering import VOICE_ROUTINE, clear_path, decoded, install_fake_voice, leftovers


@pytest.fixture
def fake_voice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A speech engine that says each line as a tone; the log of what it was asked."""
    return install_fake_voice(tmp_path, monkeypatch)


@pytest.fixture
def no_programs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No speech engine and no encoder program on PATH."""
    clear_path(tmp_path, monkeypatch)


def test_without_a_speech_engine_the_file_has_the_cues_and_a_note_says_so(
    cli: Cli, tmp_path: Path, no_programs: None
) -> None:
    """Not an error: the cues alone are still a guide, and a note says what to install."""
    out = tmp_path / "plain.wav"
    result = cli("render", "lymphatic", "-o", str(out), "--minutes", "2")
    assert result.code == 0
    assert result.err == "note: no speech engine found (install espeak-ng); writing the cues only\n"
    assert result.out == f"Wrote {out} (2:10, 15 chapters, no voice)\n"


def test_without_a_voice_a_routine_that_asks_for_consent_points_at_its_notes(
    cli: Cli, tmp_path: Path, no_programs: None
) -> None:
    """Nobody can be asked and nothing can read the notes out: a note says where they are."""
    result = cli("render", "buccal", "-o", str(tmp_path / "b.wav"), "--minutes", "2")
    assert result.code == 0
    assert result.err.splitlines()[-1] == (
        "note: read the safety notes before you follow it: facelift show buccal"
    )


def test_a_speech_engine_that_fails_stops_the_render(
    cli: Cli, write_routine: WriteRoutine, tmp_path: Path, fake_voice: Path
) -> None:
    """A voice that cannot speak is said in one line, with the way on; nothing is written."""
    program = fake_voice.parent / "bin" / "espeak-ng"
    program.write_text("#!/bin/sh\nexit 3\n")
    out = tmp_path / "voice.wav"
    result = cli("render", str(write_routine(VOICE_ROUTINE)), "-o", str(out))
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        "Error: the voice (espeak-ng) could not say 'Voice check. One minute two.' "
        "(exit status 3); add --no-voice to write the cues only\n"
    )
    assert not out.exists() and leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("target", "message"),
    [
        (
            "out.xyz",
            "Error: out.xyz: cannot tell the format from '.xyz'; "
            "use .wav, .mp3, .flac, .ogg, .opus or .m4a",
        ),
        (
            "out",
            "Error: out: cannot tell the format from no extension; "
            "use .wav, .mp3, .flac, .ogg, .opus or .m4a",
        ),
        ("no-such-folder/out.wav", "Error: {tmp}/no-such-folder: no such folder"),
        ("a-file/out.wav", "Error: {tmp}/a-file: not a folder"),
        ("a-folder.wav", "Error: {tmp}/a-folder.wav: is a folder"),
        ("there.mp3", "Error: {tmp}/there.mp3 exists; add --force to replace it"),
    ],
)
def test_a_bad_output_is_one_line_and_nothing_is_written(
    cli: Cli, tmp_path: Path, target: str, message: str
) -> None:
    """Each output that cannot be written is refused before any work; the folder is untouched."""
    (tmp_path / "a-file").write_text("x")
    (tmp_path / "a-folder.wav").mkdir()
    (tmp_path / "there.mp3").write_text("keep me")
    before = sorted(tmp_path.iterdir())
    result = cli("render", "lymphatic", "-o", str(tmp_path / target), "--no-voice")
    assert (result.code, result.out) == (1, "")
    assert result.err == message.format(tmp=tmp_path) + "\n"
    assert sorted(tmp_path.iterdir()) == before
    assert (tmp_path / "there.mp3").read_text() == "keep me"


def test_force_replaces_a_file(cli: Cli, tmp_path: Path) -> None:
    """--force replaces a file that is there, and leaves no temporary file."""
    out = tmp_path / "there.wav"
    out.write_text("old")
    result = cli("render", "lymphatic", "-o", str(out), "--no-voice", "--force", "--minutes", "2")
    assert result.code == 0
    assert decoded(out)  # a real WAV now
    assert leftovers(tmp_path) == []


def test_an_unknown_routine(cli: Cli, tmp_path: Path) -> None:
    """An unknown name is the same one line as for every command, and nothing is written."""
    result = cli("render", "lympatic", "-o", str(tmp_path / "x.wav"))
    assert result.code == 1
    assert result.err == (
        "Error: no routine named 'lympatic'; did you mean 'lymphatic'? "
        "(facelift list shows them all)\n"
    )
    assert list(tmp_path.glob("*.wav")) == []


def test_a_failed_write_leaves_nothing_behind(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills half way: one line, status 1, no file and no temporary file."""
    from facelift.output import encoders

    writes = []

    def full(self: encoders.WavWriter, pcm: bytes) -> None:
        writes.append(len(pcm))
        if len(writes) == 3:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(encoders.WavWriter, "write", full)
    out = tmp_path / "full.wav"
    result = cli("render", "lymphatic", "-o", str(out), "--no-voice")
    assert (result.code, result.err) == (
        1,
        f"Error: {out}: cannot write (No space left on device)\n",
    )
    assert list(tmp_path.iterdir()) == [tmp_path / "home"]


def test_other_formats_need_an_encoder_and_say_which(
    cli: Cli, tmp_path: Path, no_programs: None
) -> None:
    """Without an encoder program, each other format is one line naming what to install."""
    for suffix, install in [
        (".opus", "opus-tools (opusenc) or ffmpeg"),
        (".m4a", "ffmpeg"),
        (".flac", "flac, ffmpeg or sox"),
        (".ogg", "vorbis-tools (oggenc), ffmpeg or sox"),
    ]:
        result = cli("render", "lymphatic", "-o", str(tmp_path / f"x{suffix}"))
        assert (result.code, result.err) == (
            1,
            f"Error: writing {suffix} needs an encoder; install {install}\n",
        )


def test_an_encoder_program_that_fails_is_one_line(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The encoder's own last complaint is passed on, and its half-written file is gone."""
    folder = tmp_path / "bin"
    folder.mkdir()
    flac = folder / "flac"
    flac.write_text("#!/bin/sh\n/bin/cat > /dev/null\necho 'flac: cannot encode' >&2\nexit 1\n")
    flac.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))
    out = tmp_path / "x.flac"
    result = cli("render", "lymphatic", "-o", str(out), "--minutes", "2")
    assert (result.code, result.err.splitlines()[-1]) == (
        1,
        "Error: flac failed: flac: cannot encode",
    )
    assert leftovers(tmp_path) == [] and not out.exists()


@pytest.mark.skipif(not shutil.which("sox"), reason="needs sox")
def test_flac_through_sox_holds_the_same_samples(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where sox is the encoder found, FLAC is lossless: it decodes to the WAV's samples."""
    sox = shutil.which("sox") or "sox"
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "sox").symlink_to(sox)
    wav, flac = tmp_path / "a.wav", tmp_path / "a.flac"
    assert cli("render", "lymphatic", "-o", str(wav), "--no-voice", "--minutes", "2").code == 0
    monkeypatch.setenv("PATH", str(folder))
    assert cli("render", "lymphatic", "-o", str(flac), "--no-voice", "--minutes", "2").code == 0
    back = tmp_path / "back.wav"
    subprocess.run([sox, str(flac), str(back)], check=True)
    assert decoded(back) == decoded(wav)
