"""Pure NumPy helpers of the panels: a line or a convex polygon clipped to a box, axis ranges,
equal scales, and the jitter of points measured on a grid."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from ..clipping import line_in_box
from ..primitives import nice_range, nice_step

__all__ = ["AxisRange", "coincident", "equal_box", "grid_step", "jitter", "line_in_box"]

#: an axis range ``(low, high, step)``
AxisRange = tuple[float, float, float]


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


def equal_box(width: float, height: float, x_span: float, y_span: float) -> tuple[float, float]:
    """The largest box inside ``width`` x ``height`` in which one unit of x and one unit of y
    have the same length, for data spans ``x_span`` and ``y_span``.

    Examples
    --------
    >>> equal_box(6.0, 4.0, 6.0, 2.0)
    (6.0, 2.0)
    >>> equal_box(6.0, 4.0, 8.0, 8.0)
    (4.0, 4.0)
    """
    unit = min(width / x_span, height / y_span)
    return unit * x_span, unit * y_span


def grid_step(values: np.ndarray) -> float | None:
    """The resolution of ``values`` if they were measured on a grid (all of them whole
    multiples of one step from the smallest), else ``None``.

    Examples
    --------
    >>> grid_step(np.array([1.4, 1.3, 1.5, 1.4, 1.7]))
    0.1
    >>> grid_step(np.array([0.12, 0.5, 0.377])) is None
    True
    """
    v = np.unique(np.round(np.asarray(values, dtype=np.float64).ravel(), 12))
    if len(v) < 2:
        return None
    step = float(np.min(np.diff(v)))
    k = (v - v[0]) / step
    if len(v) > 200 or not np.allclose(k, np.round(k), atol=1e-6):
        return None
    return float(f"{step:.12g}")


def coincident(x: np.ndarray, y: np.ndarray) -> int:
    """How many points share their position with another point.

    Examples
    --------
    >>> coincident(np.array([1.0, 1.0, 2.0, 1.0]), np.array([0.5, 0.5, 0.5, 0.7]))
    2
    """
    xy = np.round(np.column_stack([x, y]).astype(np.float64), 12)
    if len(xy) == 0:
        return 0
    _, inverse, counts = np.unique(xy, axis=0, return_inverse=True, return_counts=True)
    return int((counts[inverse.ravel()] > 1).sum())


def jitter(n: int, amounts: Sequence[float], *, seed: int = 0) -> np.ndarray:
    """Offsets ``(n, len(amounts))`` drawn uniformly in ``[-a, a]`` for each column's amount
    ``a``: the same offsets for the same ``n``, amounts and seed.

    Examples
    --------
    >>> d = jitter(100, [0.05, 0.0])
    >>> bool(np.abs(d[:, 0]).max() <= 0.05), bool((d[:, 1] == 0).all())
    (True, True)
    >>> bool((jitter(100, [0.05, 0.0]) == d).all())
    True
    """
    a = np.asarray(amounts, dtype=np.float64)
    return np.random.default_rng(seed).uniform(-1.0, 1.0, size=(int(n), len(a))) * a
