"""ITU-R BS.1770-4 integrated loudness, in full (K-weighting and gating), for the tests.

Slow (pure Python, a sample at a time) but exact: it checks that the render's cheaper
estimate puts a file where it says.
"""

from __future__ import annotations

import math
from collections.abc import Sequence


def _biquad(
    samples: Sequence[float], b: tuple[float, float, float], a: tuple[float, float]
) -> list[float]:
    b0, b1, b2 = b
    a1, a2 = a
    x1 = x2 = y1 = y2 = 0.0
    out = []
    for x in samples:
        y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
        x2, x1, y2, y1 = x1, x, y1, y
        out.append(y)
    return out


def k_weighted(samples: Sequence[float], rate: int) -> list[float]:
    """The two K-weighting stages (a high shelf, then a high pass) for any sample rate."""
    f0, gain, q = 1681.974450955533, 3.999843853973347, 0.7071752369554196
    k = math.tan(math.pi * f0 / rate)
    vh = 10 ** (gain / 20)
    vb = vh**0.4996667741545416
    a0 = 1 + k / q + k * k
    shelf_b = (
        (vh + vb * k / q + k * k) / a0,
        2 * (k * k - vh) / a0,
        (vh - vb * k / q + k * k) / a0,
    )
    shelf_a = (2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0)
    f0, q = 38.13547087602444, 0.5003270373238773
    k = math.tan(math.pi * f0 / rate)
    a0 = 1 + k / q + k * k
    pass_a = (2 * (k * k - 1) / a0, (1 - k / q + k * k) / a0)
    return _biquad(_biquad(samples, shelf_b, shelf_a), (1.0, -2.0, 1.0), pass_a)


def integrated_loudness(samples: Sequence[int], rate: int) -> float:
    """LUFS of 16-bit mono samples."""
    weighted = k_weighted([s / 32768 for s in samples], rate)
    size, hop = int(0.4 * rate), int(0.1 * rate)
    means = [
        sum(v * v for v in weighted[at : at + size]) / size
        for at in range(0, len(weighted) - size + 1, hop)
    ]
    loud = [m for m in means if m > 0 and -0.691 + 10 * math.log10(m) > -70]
    gate = -0.691 + 10 * math.log10(sum(loud) / len(loud)) - 10
    kept = [m for m in loud if -0.691 + 10 * math.log10(m) > gate]
    return -0.691 + 10 * math.log10(sum(kept) / len(kept))
