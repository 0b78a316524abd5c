"""Pure NumPy helpers of the panels: a line or a convex polygon clipped to a box, axis ranges."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from ..clipping import line_in_box
from ..primitives import nice_range, nice_step

__all__ = ["AxisRange", "line_in_box"]

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
