""":class:`LossChart`: several loss curves on one pair of axes, linear or log scale, each grown in
place.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import VGroup

from .paths import PathTracer
from .primitives import BoxAxes, nice_range
from .theme import DARK, Theme

__all__ = [
    "LossChart",
]


# -- loss chart -----------------------------------------------------------------------------------
class LossChart(VGroup):
    """Loss against step for several runs on one pair of axes, each curve grown in place.

    Parameters
    ----------
    losses : sequence of arrays
        One loss array per run (``traj.loss``), lengths may differ (a diverged run is shorter).
    colors : sequence of str
    floor : float, optional
        Subtract this (the known minimum) before a log scale: ``log10(loss - floor)``.
    log : bool
        Plot ``log10(loss - floor)`` (values below ``1e-12`` are shown at ``-12``).
    x_max : float, optional
        Length of the x axis (the longest run by default).
    x_per_row : sequence of float, optional
        x distance between consecutive rows of each run (default 1: x is the step); e.g.
        ``1 / steps_per_epoch`` plots runs of different batch sizes against epochs.
    x_label : str, optional
    y_range : (low, high), optional
        The y range (transformed units); else from the finite values (excluding blow-ups beyond
        a thousand times the starting spread, which are clipped at the top edge).
    width, height : float
    theme : Theme

    Examples
    --------
    >>> chart = LossChart([np.array([100.0, 1.0, 0.01])], ["#FF6B6B"], floor=0.0)
    >>> chart.transform(np.array([100.0, 1.0, 0.01])).tolist(), len(chart.curves)
    ([2.0, 0.0, -2.0], 1)
    """

    def __init__(
        self,
        losses: Sequence[np.ndarray],
        colors: Sequence[str],
        *,
        floor: float | None = None,
        log: bool = True,
        x_max: int | None = None,
        y_range: tuple[float, float] | None = None,
        width: float = 4.5,
        height: float = 2.4,
        theme: Theme = DARK,
        font_size: float = 16,
        stroke_width: float = 2.5,
        max_vertices: int = 800,
        x_per_row: Sequence[float] | None = None,
        x_label: str | None = None,
    ) -> None:
        super().__init__()
        self.log, self.floor = bool(log), floor
        values = [self.transform(np.asarray(loss, dtype=np.float64)) for loss in losses]
        per_row = [1.0] * len(values) if x_per_row is None else [float(d) for d in x_per_row]
        xs_rows = [
            np.arange(len(v), dtype=np.float64) * d for v, d in zip(values, per_row, strict=True)
        ]
        n_max = max(float(x[-1]) for x in xs_rows) if x_max is None else float(x_max)
        n_max = max(n_max, 1.0)
        if y_range is None:
            starts = np.array([v[0] for v in values])
            finite = np.concatenate([v[np.isfinite(v)] for v in values])
            lo, hi = float(finite.min()), float(starts.max())
            if not self.log:  # keep blow-ups from flattening everything else
                hi = max(hi, float(np.percentile(finite, 90)))
            else:
                hi = max(hi, min(float(finite.max()), hi + 2.0))
        else:
            lo, hi = (float(v) for v in y_range)
        y0, y1, ys = nice_range(lo, hi, 4, pad=0.04)
        x0, x1, xs = nice_range(0, n_max, 4, pad=0.0)
        x1 = max(x1, n_max)
        self.axes = BoxAxes(
            (0, x1, xs),
            (y0, y1, ys),
            width=width,
            height=height,
            theme=theme,
            font_size=font_size,
            x_label=x_label,
        )
        self.add(self.axes)
        self.curves: list[PathTracer] = []
        for v, xr, colour in zip(values, xs_rows, colors, strict=False):
            rows = np.column_stack([xr, v])
            curve = PathTracer(
                rows,
                self.axes.xy_to_points,
                self.axes.box,
                color=colour,
                stroke_width=stroke_width,
                max_vertices=max_vertices,
                marker_radius=0.0,
            )
            self.curves.append(curve)

    def transform(self, loss: np.ndarray) -> np.ndarray:
        """Loss values as plotted (``log10(loss - floor)`` on a log chart), finite."""
        loss = np.asarray(loss, dtype=np.float64)
        with np.errstate(all="ignore"):
            if self.log:
                v = np.log10(np.maximum(loss - (self.floor or 0.0), 1e-12))
            else:
                v = loss.copy()
        return np.nan_to_num(v, nan=0.0, posinf=1e300, neginf=-1e300)

    def set_progress(self, t: float) -> LossChart:
        """Grow every curve to step ``t`` (a shorter run stops at its last row)."""
        for curve in self.curves:
            curve.set_progress(min(t, len(curve.rows) - 1))
        return self
