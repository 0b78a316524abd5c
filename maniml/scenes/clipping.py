"""Clipping, in one place (pure NumPy; no manim): segments to a box, a line to a box, a convex
polygon to a half-plane. Every part of a scene that must stay inside its axes goes through
:func:`clip_segments`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["clip_polygon", "clip_segment", "clip_segments", "line_in_box"]

Box = tuple[float, float, float, float]

#: Segments whose two ends both lie more than this many box spans away are not drawn.
_FAR = 1e6


def clip_segments(
    p0: np.ndarray, p1: np.ndarray, box: Box
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Clip many segments to ``box = (x_min, x_max, y_min, y_max)`` at once (Liang-Barsky).

    Returns ``(q0, q1, visible)``: clipped end points ``(m, 2)`` and a mask of segments that meet
    the box. Safe for huge coordinates (a diverging run): segments whose two ends both lie more
    than a million box spans away are reported invisible rather than computed in lost precision.

    Examples
    --------
    >>> q0, q1, vis = clip_segments(np.array([[-1.0, 0.0]]), np.array([[3.0, 4.0]]), (0, 2, 0, 2))
    >>> q0.tolist(), q1.tolist(), vis.tolist()
    ([[0.0, 1.0]], [[1.0, 2.0]], [True])
    """
    p0 = np.asarray(p0, dtype=np.float64).reshape(-1, 2)
    p1 = np.asarray(p1, dtype=np.float64).reshape(-1, 2)
    x_min, x_max, y_min, y_max = (float(v) for v in box)
    lo = np.array([x_min, y_min])
    span = np.array([x_max - x_min, y_max - y_min])
    with np.errstate(all="ignore"):
        u0 = (p0 - lo) / span
        u1 = (p1 - lo) / span
        far0 = ~np.all(np.abs(u0 - 0.5) < _FAR, axis=1)
        far1 = ~np.all(np.abs(u1 - 0.5) < _FAR, axis=1)
        # Work from the nearer end, so that the clipped points are computed accurately.
        swap = far0 & ~far1
        a = np.where(swap[:, None], u1, u0)
        b = np.where(swap[:, None], u0, u1)
        d = b - a
        t0 = np.zeros(len(a))
        t1 = np.ones(len(a))
        ok = np.isfinite(a).all(axis=1) & np.isfinite(d).all(axis=1) & ~(far0 & far1)
        for p, q in ((-d[:, 0], a[:, 0]), (d[:, 0], 1.0 - a[:, 0]),
                     (-d[:, 1], a[:, 1]), (d[:, 1], 1.0 - a[:, 1])):  # fmt: skip
            parallel = p == 0.0
            ok &= ~(parallel & (q < 0.0))
            r = np.where(parallel, 0.0, q / np.where(parallel, 1.0, p))
            t0 = np.where(~parallel & (p < 0.0), np.maximum(t0, r), t0)
            t1 = np.where(~parallel & (p > 0.0), np.minimum(t1, r), t1)
        ok &= t0 <= t1
        qa = a + t0[:, None] * d
        qb = a + t1[:, None] * d
        q0 = np.where(swap[:, None], qb, qa)
        q1 = np.where(swap[:, None], qa, qb)
        q0 = np.clip(q0, 0.0, 1.0) * span + lo
        q1 = np.clip(q1, 0.0, 1.0) * span + lo
    ok &= np.isfinite(q0).all(axis=1) & np.isfinite(q1).all(axis=1)
    q0[~ok] = 0.0
    q1[~ok] = 0.0
    return q0, q1, ok


def clip_segment(
    p0: Sequence[float], p1: Sequence[float], box: Box
) -> tuple[np.ndarray, np.ndarray] | None:
    """Clip one segment ``p0``-``p1`` to ``box``; ``None`` when it misses the box.

    Examples
    --------
    >>> a, b = clip_segment((-1, 0), (3, 4), (0, 2, 0, 2))
    >>> a.tolist(), b.tolist()
    ([0.0, 1.0], [1.0, 2.0])
    >>> clip_segment((-1, 5), (3, 5), (0, 2, 0, 2)) is None
    True
    """
    q0, q1, vis = clip_segments(np.asarray(p0, float)[None], np.asarray(p1, float)[None], box)
    return (q0[0], q1[0]) if vis[0] else None


def line_in_box(w: Sequence[float], box: Box) -> tuple[np.ndarray, np.ndarray] | None:
    """The part of the line ``w[0] + w[1] x + w[2] y = 0`` inside ``box = (x0, x1, y0, y1)``.

    The line's stretch across the box is clipped by :func:`clip_segments`. Robust to huge and
    tiny coefficients (normalised first) and never NaN: ``None`` when the line misses the box or
    is undefined (``w[1] = w[2] = 0``). The end with the smaller x (then y) comes first.

    Examples
    --------
    >>> a, b = line_in_box((-1.0, 0.0, 1.0), (0, 2, 0, 2))  # y = 1
    >>> a.tolist(), b.tolist()
    ([0.0, 1.0], [2.0, 1.0])
    >>> line_in_box((1.0, 0.0, 0.0), (0, 2, 0, 2)) is None
    True
    """
    w = np.asarray(w, dtype=np.float64)
    if not np.isfinite(w).all() or np.abs(w).max() == 0.0:
        return None
    w0, w1, w2 = w / np.abs(w).max()
    norm = float(np.hypot(w1, w2))
    if norm < 1e-12:
        return None
    x0, x1, y0, y1 = (float(v) for v in box)
    centre = np.array([(x0 + x1) / 2, (y0 + y1) / 2])
    half = float(np.hypot(x1 - x0, y1 - y0))
    normal = np.array([w1, w2]) / norm
    dist = (w0 + normal @ centre * norm) / norm  # signed distance of the centre to the line
    if abs(dist) > half:
        return None
    foot = centre - dist * normal
    along = np.array([-normal[1], normal[0]]) * 2 * half
    q0, q1, vis = clip_segments((foot - along)[None], (foot + along)[None], box)
    if not vis[0] or np.array_equal(q0[0], q1[0]):
        return None
    a, b = q0[0], q1[0]
    return (a, b) if (a[0], a[1]) <= (b[0], b[1]) else (b, a)


def clip_polygon(poly: np.ndarray, a: float, b: float, c: float) -> np.ndarray:
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
