"""Generate the six facelift audio cues as 16-bit mono 44.1 kHz WAV files.

The cues are the user interface while hands are on the face and eyes are
closed, so each one is a calm, bell-like sound with a distinct shape:

* ``step``   - a single warm mid bell (new step begins).
* ``switch`` - two soft notes rising a fifth (switch sides).
* ``stroke`` - a very short, quiet wooden "tok" (one per stroke).
* ``count``  - a short, light high pip-bell (last three seconds of a step).
* ``rest``   - a low, soft bell that swells in gently (a pause starts).
* ``finish`` - a descending three-note arpeggio resolving onto a held chord.

Every sound is a sum of a few exponentially decaying sine partials (higher
partials decay faster, and any partial above ``MAX_PARTIAL_HZ`` is dropped so
there is no harsh high energy), shaped by a raised-cosine fade-in (no click)
and a raised-cosine fade-out whose last sample is exactly zero, then scaled to
a fixed peak level.  The only randomness (the wooden knock's noise burst) comes
from a fixed-seed ``random.Random``, so the output is byte-identical on every
run.

Usage::

    python tools/make_sounds.py            # writes into <repo>/sounds/
    python tools/make_sounds.py OUT_DIR    # writes into OUT_DIR
"""

from __future__ import annotations

import array
import math
import random
import sys
import wave
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

SAMPLE_RATE = 44100
MAX_PARTIAL_HZ = 4000.0
FULL_SCALE = 32767

Signal = list[float]


@dataclass(frozen=True)
class Partial:
    """One sine component of a bell: frequency ratio, amplitude, decay (1/s)."""

    ratio: float
    amp: float
    decay: float


# A warm bell: fundamental, a soft sub "hum", octave, and the inharmonic
# bell partials, each quieter and decaying faster than the one before.
WARM_BELL: tuple[Partial, ...] = (
    Partial(0.5, 0.12, 2.0),
    Partial(1.0, 1.00, 3.2),
    Partial(1.003, 0.25, 3.2),  # slight detune -> gentle shimmer/beating
    Partial(2.0, 0.45, 5.0),
    Partial(2.76, 0.22, 8.0),
    Partial(5.4, 0.07, 14.0),
)

# A lighter, purer bell for short notes.
LIGHT_BELL: tuple[Partial, ...] = (
    Partial(1.0, 1.00, 1.0),
    Partial(2.0, 0.30, 1.8),
    Partial(2.76, 0.12, 3.0),
)


def n_samples(seconds: float) -> int:
    """Return the number of samples covering ``seconds``."""
    return round(seconds * SAMPLE_RATE)


def silence(seconds: float) -> Signal:
    """Return a buffer of silence of the given length."""
    return [0.0] * n_samples(seconds)


def bell(
    freq: float,
    seconds: float,
    partials: Sequence[Partial],
    decay_scale: float = 1.0,
) -> Signal:
    """Return a sum of exponentially decaying sine partials (unshaped edges)."""
    count = n_samples(seconds)
    out = [0.0] * count
    for p in partials:
        f = freq * p.ratio
        if f > MAX_PARTIAL_HZ:
            continue
        w = 2.0 * math.pi * f / SAMPLE_RATE
        k = p.decay * decay_scale / SAMPLE_RATE
        for i in range(count):
            out[i] += p.amp * math.exp(-k * i) * math.sin(w * i)
    return out


def fade_in(sig: Signal, seconds: float) -> Signal:
    """Apply a raised-cosine fade-in; the first sample becomes exactly 0."""
    n = min(n_samples(seconds), len(sig))
    for i in range(n):
        sig[i] *= 0.5 * (1.0 - math.cos(math.pi * i / n))
    return sig


def fade_out(sig: Signal, seconds: float) -> Signal:
    """Apply a raised-cosine fade-out; the last sample becomes exactly 0."""
    n = min(n_samples(seconds), len(sig))
    start = len(sig) - n
    for j in range(n):
        sig[start + j] *= 0.5 * (1.0 + math.cos(math.pi * (j + 1) / n))
    return sig


def envelope(sig: Signal, shape: Callable[[float], float]) -> Signal:
    """Multiply ``sig`` by ``shape(t)`` where ``t`` is time in seconds."""
    for i in range(len(sig)):
        sig[i] *= shape(i / SAMPLE_RATE)
    return sig


def mix_into(dest: Signal, src: Signal, at: float, gain: float = 1.0) -> Signal:
    """Add ``src`` into ``dest`` starting at time ``at`` (truncated to fit)."""
    offset = n_samples(at)
    for i, v in enumerate(src):
        j = offset + i
        if j >= len(dest):
            break
        dest[j] += gain * v
    return dest


def normalize(sig: Signal, peak_dbfs: float) -> Signal:
    """Scale ``sig`` so that its absolute peak sits at ``peak_dbfs``."""
    peak = max(abs(v) for v in sig)
    if peak == 0.0:
        return sig
    gain = 10.0 ** (peak_dbfs / 20.0) / peak
    return [v * gain for v in sig]


def lowpass(sig: Signal, cutoff_hz: float, poles: int = 2) -> Signal:
    """Return ``sig`` through ``poles`` cascaded one-pole low-pass filters."""
    a = 1.0 - math.exp(-2.0 * math.pi * cutoff_hz / SAMPLE_RATE)
    out = list(sig)
    for _ in range(poles):
        y = 0.0
        for i, x in enumerate(out):
            y += a * (x - y)
            out[i] = y
    return out


def note(
    freq: float,
    seconds: float,
    partials: Sequence[Partial],
    *,
    decay_scale: float = 1.0,
    attack: float = 0.010,
    release: float = 0.060,
) -> Signal:
    """Return one soft-edged bell note."""
    sig = bell(freq, seconds, partials, decay_scale)
    fade_in(sig, attack)
    fade_out(sig, release)
    return sig


# --------------------------------------------------------------------------
# The six cues
# --------------------------------------------------------------------------


def make_step() -> Signal:
    """Return a single warm bell on E5 (~659 Hz), 1.2 s."""
    sig = note(659.26, 1.2, WARM_BELL, attack=0.010, release=0.120)
    return normalize(sig, -6.0)


def make_switch() -> Signal:
    """Return two soft bell notes rising a fifth (C5 -> G5), 0.9 s in total."""
    total = 0.9
    out = silence(total)
    low = note(523.25, 0.45, LIGHT_BELL, decay_scale=6.0, attack=0.012, release=0.080)
    high = note(783.99, 0.58, LIGHT_BELL, decay_scale=5.0, attack=0.012, release=0.120)
    mix_into(out, low, 0.0)
    mix_into(out, high, 0.32, gain=0.9)
    fade_out(out, 0.060)
    return normalize(out, -7.0)


def make_stroke() -> Signal:
    """Return a short, quiet wooden "tok": damped low modes plus a soft knock."""
    seconds = 0.10
    modes = (
        Partial(1.0, 1.00, 45.0),
        Partial(2.31, 0.35, 70.0),
        Partial(3.9, 0.12, 110.0),
    )
    body = bell(420.0, seconds, modes)
    rng = random.Random(20240611)
    noise = [rng.uniform(-1.0, 1.0) for _ in range(n_samples(seconds))]
    noise = lowpass(noise, 1500.0, poles=3)
    envelope(noise, lambda t: math.exp(-t * 120.0))
    sig = [b + 0.6 * x for b, x in zip(body, noise, strict=True)]
    fade_in(sig, 0.005)
    fade_out(sig, 0.030)
    return normalize(sig, -18.0)


def make_count() -> Signal:
    """Return a light high pip-bell on C6 (~1047 Hz), 0.2 s, well clear of 1 s."""
    sig = note(1046.5, 0.20, LIGHT_BELL, decay_scale=14.0, attack=0.006, release=0.050)
    return normalize(sig, -12.0)


def make_rest() -> Signal:
    """Return a low, soft A3 bell (220 Hz) that swells in gently, 1.5 s."""
    seconds = 1.5
    partials = (
        Partial(1.0, 1.00, 2.2),
        Partial(1.002, 0.30, 2.2),
        Partial(2.0, 0.40, 3.5),
        Partial(3.0, 0.15, 5.0),
        Partial(2.76, 0.08, 6.0),
    )
    sig = bell(220.0, seconds, partials)
    # Slow swell over ~0.25 s on top of the click-free raised-cosine fade-in.
    envelope(sig, lambda t: 1.0 - math.exp(-t / 0.08))
    fade_in(sig, 0.015)
    fade_out(sig, 0.200)
    return normalize(sig, -9.0)


def make_finish() -> Signal:
    """Return a G5-E5-C5 descending arpeggio resolving onto a held C chord."""
    total = 2.8
    out = silence(total)
    arpeggio = ((783.99, 0.00), (659.26, 0.28), (523.25, 0.56))
    for freq, start in arpeggio:
        sig = note(freq, total - start, WARM_BELL, decay_scale=0.45, release=0.300)
        mix_into(out, sig, start, gain=0.8)
    # A soft low root under the final note gives the "done" feeling.
    root = note(
        261.63,
        total - 0.56,
        LIGHT_BELL,
        decay_scale=1.4,
        attack=0.015,
        release=0.300,
    )
    mix_into(out, root, 0.56, gain=0.5)
    fade_out(out, 0.300)
    return normalize(out, -4.5)


CUES: dict[str, Callable[[], Signal]] = {
    "step": make_step,
    "switch": make_switch,
    "stroke": make_stroke,
    "count": make_count,
    "rest": make_rest,
    "finish": make_finish,
}


def to_pcm16(sig: Signal) -> bytes:
    """Quantize ``sig`` (in -1..1) to little-endian 16-bit signed PCM bytes."""
    samples = array.array(
        "h", (max(-FULL_SCALE, min(FULL_SCALE, round(v * FULL_SCALE))) for v in sig)
    )
    if sys.byteorder == "big":
        samples.byteswap()
    return samples.tobytes()


def write_wav(path: Path, sig: Signal) -> None:
    """Write ``sig`` as a 16-bit mono WAV file at ``SAMPLE_RATE``."""
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(SAMPLE_RATE)
        wav.writeframes(to_pcm16(sig))


def default_out_dir() -> Path:
    """Return the ``sounds/`` folder at the repository root."""
    return Path(__file__).resolve().parent.parent / "sounds"


def main(argv: Sequence[str] | None = None) -> int:
    """Generate all cue sounds into the output directory."""
    args = list(sys.argv[1:] if argv is None else argv)
    out_dir = Path(args[0]) if args else default_out_dir()
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, make in CUES.items():
        path = out_dir / f"{name}.wav"
        write_wav(path, make())
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
