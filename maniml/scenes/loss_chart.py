""":class:`LossChart`: the one loss chart of every scene -- one or more loss series against the
step (or epoch), linear or log scale, grown in place to a position.

The fit scenes' :class:`~maniml.scenes.LossPanel` is a thin panel built on it; the landscape,
race, learning-rate, linear-regression-landscape and network scenes use it directly.

* :class:`LossSeries` -- one curve: its losses, colour, width, x distance per row, legend label,
  an optional marker on the current loss;
* :class:`LossChart` -- the axes (``'plot'``: titled, with a grid and ``10ⁿ`` labels on a log
  scale; ``'box'``: plain axes), the curves with bounded vertices (each bucket's first, min and
  max row), the optimum's loss as a dashed line, a legend (still parts, :attr:`LossChart.still`);
  the curves, markers, a "diverged after step k" banner and a best-step mark (moving parts,
  :attr:`LossChart.moving`), all set by :meth:`LossChart.set_position`;
* :func:`step_range` -- the x range of a step (or epoch) axis: it ends at the run's last step,
  or at a round number at most 5 % beyond it;
* :func:`curve_rows` -- the rows kept of a long curve.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from manim import ORIGIN, RIGHT, DashedVMobject, Line, VGroup, VMobject

from .numbers import pow10_label
from .paths import PathTracer
from .primitives import BoxAxes, PlotAxes, SansText, nice_range, nice_step
from .readout import LineText
from .theme import DARK, SANS, Theme

__all__ = [
    "LossChart",
    "LossSeries",
    "curve_rows",
    "step_range",
]

#: The lowest value ``loss - floor`` drawn on a log scale (a loss that reaches its floor).
LOG_LOWEST = 1e-12


@dataclass(frozen=True)
class LossSeries:
    """One loss curve of a :class:`LossChart`.

    Parameters
    ----------
    loss : array
        The loss at each row (``traj.loss``); row ``k`` is drawn at ``x = (k + lag) * x_per_row``.
    color : str
    width : float
        Stroke width.
    opacity : float
    x_per_row : float
        x distance between rows (1: x is the step; ``1 / steps_per_epoch``: x is the epoch).
    label : str, optional
        Its legend entry (a chart with ``legend=True`` lists the labelled series).
    marker : float
        Radius of a dot on the current loss (0: none).
    lag : int
        Rows start at step ``lag``: at position ``t`` the curve is drawn to row ``t - lag``
        (1 for the loss of each step's batch, known after the step).
    """

    loss: np.ndarray
    color: str
    width: float = 2.5
    opacity: float = 1.0
    x_per_row: float = 1.0
    label: str | None = None
    marker: float = 0.0
    lag: int = 0


def curve_rows(values: np.ndarray, max_vertices: int) -> np.ndarray:
    """Rows to draw of a long curve: every row if few, else each bucket's first, min and max.

    Examples
    --------
    >>> curve_rows(np.arange(5.0), 10).tolist()
    [0, 1, 2, 3, 4]
    >>> rows = curve_rows(np.sin(np.arange(50_000.0)), 600)
    >>> len(rows) <= 602, int(rows[0]), int(rows[-1])
    (True, 0, 49999)
    """
    values = np.asarray(values, dtype=np.float64)
    n = len(values)
    if n <= max_vertices:
        return np.arange(n)
    buckets = max(1, max_vertices // 3)
    edges = np.linspace(0, n, buckets + 1).astype(np.intp)
    rows = [edges[:-1], [n - 1]]
    with np.errstate(all="ignore"):
        finite = np.where(np.isfinite(values), values, np.nan_to_num(values))
    for s, e in zip(edges[:-1], edges[1:], strict=True):
        if e > s:
            seg = finite[s:e]
            rows.append([s + int(np.argmin(seg)), s + int(np.argmax(seg))])
    return np.unique(np.concatenate([np.asarray(r, dtype=np.intp) for r in rows]))


def step_range(x_max: float, n_ticks: int = 4) -> tuple[float, float, float]:
    """``(0, end, step)`` of a step or epoch axis: round ticks; the axis ends at ``x_max``, or
    at the next round tick when that is at most 5 % longer.

    Examples
    --------
    >>> step_range(70), step_range(120), step_range(500), step_range(100)
    ((0.0, 70.0, 20.0), (0.0, 120.0, 50.0), (0.0, 500.0, 200.0), (0.0, 100.0, 25.0))
    >>> step_range(98)
    (0.0, 100.0, 25.0)
    """
    x_max = max(float(x_max), 1e-9)
    step = nice_step(x_max, n_ticks)
    end = math.ceil(x_max / step - 1e-9) * step
    if end > 1.05 * x_max:
        end = x_max
    return 0.0, float(end), float(step)


class LossChart(VGroup):
    """Loss against step (or epoch) for one or more series, updated in place to a position.

    Parameters
    ----------
    series : sequence of LossSeries or of arrays
        The curves, drawn in this order; plain arrays are paired with ``colors``.
    colors : sequence of str, optional
        Colours of plain-array series.
    scale : {'log', 'linear', 'auto'}
        ``'log'`` plots ``log10(loss - floor)``; ``'auto'`` is log when ``diverging``.
    floor : float, optional
        Subtracted before the log (the known minimum); values below ``lowest`` are drawn at
        ``log10(lowest)``.
    lowest : float
        The lowest ``loss - floor`` drawn on a log scale.
    log : bool, optional
        Shorthand for ``scale='log'`` / ``'linear'``.
    x_max : float, optional
        Where the x axis ends (rounded by :func:`step_range`); default: the longest series.
    y_range : (low, high[, step]), optional
        The y range in plotted units (decades on a log scale); default: from the values (a
        blow-up beyond two decades above the start is cut at the top edge of a multi-run
        chart), never below 0 for losses that are all >= 0.
    axes : {'box', 'plot'}
        ``'plot'``: :class:`PlotAxes` (``width`` and ``height`` are the outer size, titles, a
        grid, ``10ⁿ`` tick labels on a log scale); ``'box'``: :class:`BoxAxes` (the plot box's
        size, plain numbers, ``x_label``).
    x_label, y_label : str, optional
        Axis titles (``y_label`` gets " (log)" on a log ``'plot'`` chart).
    clamp : bool
        Draw values beyond the y range on the edge (else cut off there).
    optimum : float, optional
        The optimum's loss, drawn as a dashed line when it lies on the axis.
    diverged_at : int, optional
        Step at which the main run diverged: the last finite step of the main run, which diverged: the banner says "diverged after
        step k" at its end.
    diverging : bool
        The banner says "diverging" at the end (when ``diverged_at`` is None).
    best_step : int, optional
        A dashed line and "best step k" at the main run's end (a run stopped early).
    legend : bool
        Labelled series listed top right inside the axes.
    max_vertices : int
        Bound on each curve's vertices (long runs keep each bucket's first, min and max row).
    main : int
        Index of the main series: the banner and the best-step mark appear when the position
        reaches its last row.

    Attributes
    ----------
    axes : BoxAxes or PlotAxes
    curves : list of PathTracer
        One per series (``curve.marker`` is its marker, or None).
    still, moving : VGroup
        Drawn once (axes, optimum line, legend) / set by :meth:`set_position`.
    banner : LineText

    Examples
    --------
    >>> chart = LossChart([np.array([100.0, 1.0, 0.01])], ["#FF6B6B"], floor=0.0)
    >>> chart.transform(np.array([100.0, 1.0, 0.01])).tolist(), len(chart.curves)
    ([2.0, 0.0, -2.0], 1)
    >>> chart = LossChart([LossSeries(np.array([4.0, 2.0, 1.0]), "#FFFFFF")], scale="linear")
    >>> len(chart.set_position(2).curves[0].points)  # two segments, four points each
    8
    """

    def __init__(
        self,
        series: Sequence[LossSeries | np.ndarray],
        colors: Sequence[str] | None = None,
        *,
        scale: str = "log",
        floor: float | None = None,
        lowest: float = LOG_LOWEST,
        log: bool | None = None,
        x_max: float | None = None,
        y_range: Sequence[float] | None = None,
        width: float = 4.5,
        height: float = 2.4,
        theme: Theme = DARK,
        font_size: float = 16,
        stroke_width: float = 2.5,
        max_vertices: int = 800,
        x_per_row: Sequence[float] | None = None,
        axes: str = "box",
        x_label: str | None = None,
        y_label: str | None = None,
        clamp: bool = False,
        optimum: float | None = None,
        diverged_at: int | None = None,
        diverging: bool = False,
        best_step: int | None = None,
        legend: bool = False,
        main: int = 0,
    ) -> None:
        super().__init__()
        self.series = self._series(series, colors, stroke_width, x_per_row)
        self.main = int(main)
        if not 0 <= self.main < len(self.series):
            raise ValueError(f"LossChart's main must index a series; got {main!r}.")
        if log is not None:
            scale = "log" if log else "linear"
        if scale not in ("auto", "linear", "log"):
            raise ValueError(f"LossChart's scale must be 'auto', 'linear' or 'log'; got {scale!r}.")
        if axes not in ("box", "plot"):
            raise ValueError(f"LossChart's axes must be 'box' or 'plot'; got {axes!r}.")
        self.diverged_at = None if diverged_at is None else int(diverged_at)
        self.diverging = bool(diverging) or self.diverged_at is not None
        self.log = scale == "log" or (scale == "auto" and self.diverging)
        self.floor, self.lowest, self.clamp = floor, float(lowest), bool(clamp)
        self.best_step = None if best_step is None else int(best_step)
        self.theme, self.font_size, self.position = theme, font_size, 0.0
        self.still, self.moving = VGroup(), VGroup()
        self.add(self.still, self.moving)
        values = [self.transform(s.loss) for s in self.series]
        x_range = self._x_range(x_max, width, axes)
        y_rng = self._y_range(values, y_range, axes == "plot")
        self._build_axes(x_range, y_rng, axes, width, height, x_label, y_label)
        self._build_still(optimum, legend)
        self._build_moving(values, max_vertices)
        self.set_position(0.0)

    # -- ranges --------------------------------------------------------------------------------
    @staticmethod
    def _series(series, colors, stroke_width, x_per_row) -> list[LossSeries]:
        out = []
        for i, s in enumerate(series):
            if not isinstance(s, LossSeries):
                if colors is None or i >= len(colors):
                    raise ValueError("LossChart needs a colour for every plain loss array.")
                s = LossSeries(np.asarray(s, dtype=np.float64), colors[i], width=stroke_width)
            if x_per_row is not None:
                s = LossSeries(**{**s.__dict__, "x_per_row": float(x_per_row[i])})
            if len(s.loss) < 1:
                raise ValueError("LossChart needs at least one loss value per series.")
            out.append(s)
        if not out:
            raise ValueError("LossChart needs at least one loss series.")
        return out

    def _x_range(self, x_max: float | None, width: float, axes: str) -> tuple[float, ...]:
        if x_max is None:
            x_max = max((len(s.loss) - 1 + s.lag) * s.x_per_row for s in self.series)
        n_ticks = max(3, int(width / 1.2)) if axes == "plot" else 4
        return step_range(max(float(x_max), 1.0), n_ticks)

    def _y_range(
        self, values: list[np.ndarray], y_range: Sequence[float] | None, decades: bool
    ) -> tuple[float, float, float]:
        if y_range is not None and len(y_range) == 3:
            return tuple(float(v) for v in y_range)  # type: ignore[return-value]
        if y_range is None:
            starts = np.array([v[0] for v in values])
            finite = np.concatenate([v[np.isfinite(v) & (np.abs(v) < 1e299)] for v in values])
            if len(finite) == 0:
                finite = starts
            lo, hi = float(finite.min()), float(starts.max())
            if not self.log:  # keep blow-ups from flattening everything else
                hi = max(hi, float(np.percentile(finite, 90)))
            else:
                hi = max(hi, min(float(finite.max()), hi + 2.0))
        else:
            lo, hi = (float(v) for v in y_range)
        if decades and self.log:  # whole decades, labelled 10ⁿ
            e_lo, e_hi = math.floor(lo), max(math.ceil(hi), math.floor(lo) + 1)
            return float(e_lo), float(e_hi), 1.0
        y0, y1, ys = nice_range(lo, hi, 4, pad=0.04)
        if not self.log and lo >= 0.0 and y0 < 0.0:  # the padding never crosses zero
            y0 = 0.0
        return y0, y1, ys

    # -- still parts ---------------------------------------------------------------------------
    def _build_axes(self, x_range, y_range, axes, width, height, x_label, y_label) -> None:
        theme, fs = self.theme, self.font_size
        if axes == "plot":
            self.axes = PlotAxes(
                x_range, y_range, width=width, height=height, theme=theme, font_size=fs,
                x_title=x_label, y_title=(f"{y_label} (log)" if self.log else y_label)
                if y_label else None,
                y_format=pow10_label if self.log else None, grid=True,
            )  # fmt: skip
        else:
            self.axes = BoxAxes(
                x_range, y_range, width=width, height=height, theme=theme, font_size=fs,
                x_label=x_label, y_label=y_label,
            )  # fmt: skip
        self.still.add(self.axes)

    def _build_still(self, optimum: float | None, legend: bool) -> None:
        """The optimum's loss as a dashed line (when on the axis), and the legend."""
        theme, (x0, x1, y0, y1) = self.theme, self.axes.box
        self.optimum_loss = optimum
        self.optimum_line: VMobject | None = None
        if optimum is not None:
            yo = float(self.transform(np.array([optimum]))[0])
            if y0 <= yo <= y1:
                ref = VMobject(stroke_color=theme.optimum, stroke_width=1.8, stroke_opacity=0.9)
                ref.set_points_as_corners([self.axes.c2p(x0, yo), self.axes.c2p(x1, yo)])
                self.optimum_line = DashedVMobject(ref, num_dashes=36)
                self.still.add(self.optimum_line)
        self.legend = VGroup()
        if legend:  # top right inside the axes
            size = self.font_size * 0.9
            corner = self.axes.c2p(x1, y1) + np.array([-0.12, -0.18, 0.0])
            labelled = [s for s in self.series if s.label]
            for i, s in enumerate(labelled):
                text = SansText(s.label, font_size=size, color=theme.muted)
                y = corner[1] - i * size / 48 * 0.75 * 1.5
                text.move_to([corner[0], y, 0.0], aligned_edge=RIGHT)
                swatch = Line(ORIGIN, RIGHT * 0.3, color=s.color, stroke_width=3.0)
                swatch.move_to([text.get_left()[0] - 0.25, y, 0.0])
                self.legend.add(text, swatch)
            self.still.add(self.legend)

    # -- moving parts --------------------------------------------------------------------------
    def _build_moving(self, values: list[np.ndarray], max_vertices: int) -> None:
        """In drawing order: the best-step mark, the curves (each with its marker), the banner."""
        theme, fs, (x0, _x1, y0, y1) = self.theme, self.font_size, self.axes.box
        self.best_label = LineText(
            "", font_size=fs * 0.9, color=theme.muted, font=SANS,
            warm="best step 0123456789" if self.best_step is not None else "",
        )  # fmt: skip
        self.best_line = VMobject()
        if self.best_step is not None:
            b = self.best_step * self.series[self.main].x_per_row
            line = VMobject().set_points_as_corners([self.axes.c2p(b, y0), self.axes.c2p(b, y1)])
            self.best_line = DashedVMobject(line, num_dashes=18)
            self.best_line.set_stroke(theme.muted, width=1.6, opacity=0.0)
            self.moving.add(self.best_line, self.best_label)
        self.curves: list[PathTracer] = []
        for s, v in zip(self.series, values, strict=True):
            x = (np.arange(len(v), dtype=np.float64) + s.lag) * s.x_per_row
            y = np.clip(v, y0, y1) if self.clamp else v
            curve = PathTracer(
                np.column_stack([x, y]),
                self.axes.xy_to_points,
                self.axes.box,
                color=s.color,
                stroke_width=s.width,
                opacity=s.opacity,
                vertex_rows=curve_rows(v, max_vertices),
                marker_radius=s.marker,
            )
            self.curves.append(curve)
            self.moving.add(curve)
            if curve.marker is not None:
                self.moving.add(curve.marker)
        self.banner = LineText(
            "", font_size=fs * 1.15, color=theme.diverged, font=SANS, weight="BOLD",
            warm="diverging after step 0123456789" if self.diverging else "",
        )  # fmt: skip
        self.banner.shift(self.axes.c2p(x0, y1) + np.array([0.15, -0.3, 0.0]) - self.banner.origin)
        self.moving.add(self.banner)

    # -- showing a position --------------------------------------------------------------------
    def transform(self, loss: np.ndarray) -> np.ndarray:
        """Loss values as plotted (``log10(loss - floor)`` on a log chart), finite."""
        loss = np.asarray(loss, dtype=np.float64)
        with np.errstate(all="ignore"):
            if self.log:
                v = np.log10(np.maximum(loss - (self.floor or 0.0), self.lowest))
            else:
                v = loss.copy()
        return np.nan_to_num(v, nan=0.0, posinf=1e300, neginf=-1e300)

    def point_of(self, series: int, row: int) -> np.ndarray:
        """Scene point of row ``row`` of a series, as drawn."""
        return self.axes.xy_to_points(self.curves[series].rows[int(row)][None])[0]

    def set_position(self, t: float | Sequence[float]) -> LossChart:
        """Show every series to step ``t`` (fractional steps interpolate; a shorter series stops
        at its last row), or each series to its own step (a sequence, one per series, e.g. runs
        of different batch sizes at one epoch); at the main series' last row, the banner and the
        best-step mark."""
        ts = [float(v) for v in t] if isinstance(t, Sequence | np.ndarray) else None
        if ts is not None and len(ts) != len(self.series):
            raise ValueError(
                f"LossChart.set_position needs {len(self.series)} steps; got {len(ts)}."
            )
        self.position = t if ts is None else tuple(ts)
        for i, (s, curve) in enumerate(zip(self.series, self.curves, strict=True)):
            ti = float(t) if ts is None else ts[i]
            curve.set_progress(min(ti - s.lag, len(curve.rows) - 1))
        m = self.series[self.main]
        t_main = float(t) if ts is None else ts[self.main]
        at_end = t_main >= len(m.loss) - 1 + m.lag
        text = ""
        if at_end and self.diverged_at is not None:
            text = f"diverged after step {self.diverged_at}"
        elif at_end and self.diverging:
            text = "diverging"
        self.banner.set_text(text)
        if self.best_step is not None:
            self._show_best(at_end)
        return self

    set_progress = set_position

    def _show_best(self, shown: bool) -> None:
        if not shown:
            self.best_line.set_stroke(opacity=0.0)
            self.best_label.set_text("")
            return
        self.best_line.set_stroke(opacity=0.9)
        text = f"best step {self.best_step}"
        self.best_label.set_text(text)
        x0, x1, y0, y1 = self.axes.box
        b = self.best_step * self.series[self.main].x_per_row
        at = self.axes.c2p(b, (y0 + y1) / 2) + np.array([0.08, 0.0, 0.0])
        if b > x0 + 0.55 * (x1 - x0):  # left of the line
            at[0] -= self.best_label.advance_of(text) + 0.16
        self.best_label.shift(at - self.best_label.origin)

    @property
    def banner_text(self) -> str:
        return self.banner.text or ""
