"""Pure NumPy helpers of the panels: a line or a convex polygon clipped to a box, axis ranges."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from ..primitives import nice_range, nice_step

__all__ = ["AxisRange", "line_in_box"]

#: an axis range ``(low, high, step)``
AxisRange = tuple[float, float, float]


def line_in_box(
    w: Sequence[float], box: tuple[float, float, float, float]
) -> tuple[np.ndarray, np.ndarray] | None:
    """The part of the line ``w[0] + w[1] x + w[2] y = 0`` inside ``box = (x0, x1, y0, y1)``.

    Robust to huge and tiny coefficients (they are normalised first) and never returns NaN:
    ``None`` when the line misses the box or is undefined (``w[1] = w[2] = 0``).

    Examples
    --------
    >>> a, b = line_in_box((-1.0, 0.0, 1.0), (0, 2, 0, 2))  # y = 1
    >>> a.tolist(), b.tolist()
    ([0.0, 1.0], [2.0, 1.0])
    >>> line_in_box((1.0, 0.0, 0.0), (0, 2, 0, 2)) is None
    True
    """
    w = np.asarray(w, dtype=np.float64)
    if not np.isfinite(w).all():
        return None
    scale = np.abs(w).max()
    if scale == 0.0:
        return None
    w0, w1, w2 = w / scale
    x0, x1, y0, y1 = box
    if abs(w1) < 1e-12 and abs(w2) < 1e-12:
        return None
    tol_x, tol_y = 1e-9 * (x1 - x0), 1e-9 * (y1 - y0)
    cands: list[tuple[float, float]] = []
    with np.errstate(all="ignore"):
        if w2 != 0.0:
            for x in (x0, x1):
                y = -(w0 + w1 * x) / w2
                if math.isfinite(y) and y0 - tol_y <= y <= y1 + tol_y:
                    cands.append((x, min(max(y, y0), y1)))
        if w1 != 0.0:
            for y in (y0, y1):
                x = -(w0 + w2 * y) / w1
                if math.isfinite(x) and x0 - tol_x <= x <= x1 + tol_x:
                    cands.append((min(max(x, x0), x1), y))
    if len(cands) < 2:
        return None
    pts = np.array(cands)
    # the two candidates farthest apart (corner hits give duplicates)
    d = ((pts[:, None, :] - pts[None, :, :]) ** 2).sum(-1)
    i, j = np.unravel_index(np.argmax(d), d.shape)
    if d[i, j] <= 0.0:
        return None
    return pts[i], pts[j]


def _clip_polygon(poly: np.ndarray, a: float, b: float, c: float) -> np.ndarray:
    """Part of a convex polygon (n, 2) where ``a x + b y + c >= 0`` (Sutherland-Hodgman)."""
    if len(poly) == 0:
        return poly
    f = a * poly[:, 0] + b * poly[:, 1] + c
    out = []
    n = len(poly)
    for i in range(n):
        j = (i + 1) % n
        if f[i] >= 0.0:
            out.append(poly[i])
        if (f[i] >= 0.0) != (f[j] >= 0.0):
            t = f[i] / (f[i] - f[j])
            out.append(poly[i] + t * (poly[j] - poly[i]))
    return np.array(out).reshape(-1, 2)


def _resolve_range(
    given: Sequence[float] | None, values: np.ndarray | None, n_ticks: int, name: str
) -> AxisRange:
    """An axis range: the setting ``given`` checked, or nice ticks around ``values``.

    ``given`` is ``(low, high)`` (the step is chosen for about ``n_ticks`` ticks) or
    ``(low, high, step)``; ``name`` is the setting's name in the error message.

    Examples
    --------
    >>> _resolve_range((0, 10), None, 5, "x_range")
    (0.0, 10.0, 2.0)
    >>> _resolve_range(None, np.array([0.3, 4.2]), 5, "x_range")
    (0.0, 5.0, 1.0)
    """
    if given is not None:
        vals = [float(v) for v in given]
        if len(vals) not in (2, 3) or not all(math.isfinite(v) for v in vals) or vals[1] <= vals[0]:
            raise ValueError(
                f"The '{name}' setting must be (low, high) or (low, high, step) with low < high; "
                f"got {tuple(given)!r}."
            )
        if len(vals) == 2:
            step = nice_step(vals[1] - vals[0], n_ticks)
            return vals[0], vals[1], step
        if vals[2] <= 0:
            raise ValueError(f"The '{name}' setting's step must be > 0; got {vals[2]!r}.")
        return vals[0], vals[1], vals[2]
    return nice_range(float(np.min(values)), float(np.max(values)), n_ticks)
