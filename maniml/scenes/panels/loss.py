"""The loss panel: the loss curve up to the current row, honest about divergence."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from manim import VMobject

from ...models import known_optimum
from ...trajectory import Trajectory
from ..loss_chart import LossChart, LossSeries, curve_rows
from ..primitives import nice_step
from ..theme import DARK, Theme
from .base import Panel
from .geometry import AxisRange, _resolve_range

__all__ = ["LossPanel"]


class LossPanel(Panel):
    """The loss curve up to the current row, with a marker on the current loss.

    The curve is honest about divergence: by default (``scale='auto'``) a run whose loss blows
    up (flagged diverged, or ending above 20 times where it started) gets a log-scale loss axis
    covering its maximum, and a banner says "diverged after step k" (k: the last finite row, the
    last one shown) or "diverging" when the run's end is reached (unless ``show_banner`` is off:
    the fit scenes' caption tells it then).

    Parameters
    ----------
    scale : {'auto', 'linear', 'log'}
    y_range : (low, high[, step]), optional
        Loss axis range (in loss units, also for a log axis).
    show_batch_loss : bool
        Also draw, faintly, the loss on each step's batch (noisy for SGD).
    max_vertices : int
        Bound on the curve's vertices: long runs keep each bucket's min and max.
    show_val_loss : bool, optional
        Also draw the validation loss (``traj.val_loss``), with a small legend; default: when the
        run has one.
    show_best : bool
        When the run stopped early, mark its best row (``traj.best_step``) at the end.
    show_banner : bool
        The divergence banner at the end.
    banner_color : str, optional
        Its colour (default the theme's ``diverged``; a scene whose red already means
        something, such as class 1, passes a neutral one).
    """

    def __init__(
        self,
        traj: Trajectory,
        *,
        theme: Theme = DARK,
        width: float = 5.5,
        height: float = 2.6,
        scale: str = "auto",
        y_range: Sequence[float] | None = None,
        font_size: float = 16,
        show_batch_loss: bool = False,
        show_optimum: bool = True,
        x_label: str = "step",
        y_label: str = "loss",
        max_vertices: int = 600,
        show_val_loss: bool | None = None,
        show_best: bool = True,
        show_banner: bool = True,
        banner_color: str | None = None,
    ) -> None:
        super().__init__(traj, theme=theme)
        self.banner_color = theme.diverged if banner_color is None else banner_color
        self.show_banner = bool(show_banner)
        has_val = traj.val_loss is not None and len(traj.val_loss) == traj.n_steps + 1
        self.show_val_loss = has_val if show_val_loss is None else bool(show_val_loss) and has_val
        self.show_best = bool(show_best) and bool(traj.stopped_early) and traj.best_step is not None
        if scale not in ("auto", "linear", "log"):
            raise ValueError(
                f"The 'loss_scale' setting must be 'auto', 'linear' or 'log'; got {scale!r}."
            )
        y_range = self._ranges(height, scale, y_range, show_batch_loss)
        self._build_chart(
            y_range, width=width, height=height, font_size=font_size, x_label=x_label,
            y_label=y_label, show_optimum=show_optimum, max_vertices=max_vertices,
        )  # fmt: skip
        self._finish()

    # -- ranges --------------------------------------------------------------------------------------
    def _ranges(
        self,
        height: float,
        scale: str,
        y_range: Sequence[float] | None,
        show_batch_loss: bool,
    ) -> AxisRange:
        """The loss axis range, in decades on a log axis (the chart finds the step axis). Also
        decides ``diverging``, ``log`` and ``show_batch_loss``."""
        traj = self.traj
        loss = np.asarray(traj.loss, dtype=np.float64)
        S = traj.n_steps
        self.diverging = bool(traj.diverged) or (S > 0 and loss[-1] > 20.0 * max(loss[0], 1e-300))
        if scale == "auto":
            scale = "log" if self.diverging else "linear"
        self.log = scale == "log"
        self.show_batch_loss = bool(show_batch_loss) and len(traj.batch_loss) > 0
        values = loss if not self.show_batch_loss else np.concatenate([loss, traj.batch_loss])
        if self.show_val_loss:
            val = np.asarray(traj.val_loss, dtype=np.float64)
            values = np.concatenate([values, val[np.isfinite(val)]])
        if self.log:
            return self._log_range(height, y_range, loss, values)
        self._floor = 0.0
        n_y = max(2, int(height / 0.6))
        if y_range is not None:
            return _resolve_range(y_range, None, n_y, "loss_range")
        hi = float(values.max())
        lo = min(0.0, float(values.min()))
        step = nice_step(hi - lo if hi > lo else 1.0, n_y)
        return math.floor(lo / step) * step, max(step, math.ceil(hi / step) * step), step

    def _log_range(
        self, height: float, y_range: Sequence[float] | None, loss: np.ndarray, values: np.ndarray
    ) -> AxisRange:
        """Decades ``(e_lo, e_hi, e_step)`` of a log loss axis; sets the floor of drawn values."""
        pos = values[values > 0]
        # the floor keeps a perfect fit (loss 0) from stretching the axis without end
        start = max(float(min(loss[0], values.max())), 1e-300)
        floor = max(float(pos.min()) if len(pos) else start, start * 1e-8, 1e-300)
        self._floor = floor
        if y_range is not None:
            lo_v, hi_v = _resolve_range(y_range, None, 4, "loss_range")[:2]
            if lo_v <= 0:
                raise ValueError(
                    f"The 'loss_range' setting must be > 0 on a log axis; got {tuple(y_range)!r}."
                )
            lo, hi = math.log10(lo_v), math.log10(hi_v)
        else:
            lo, hi = math.log10(floor), math.log10(max(float(values.max()), floor))
        e_lo, e_hi = math.floor(lo), math.ceil(hi)
        if e_hi <= e_lo:
            e_hi = e_lo + 1
        span = e_hi - e_lo
        n_y = max(2, int(height / 0.55))
        e_step = max(1, int(nice_step(span, n_y))) if span > n_y else 1
        e_lo = math.floor(e_lo / e_step) * e_step
        e_hi = math.ceil(e_hi / e_step) * e_step
        return float(e_lo), float(e_hi), float(e_step)

    # -- the chart: still and moving parts -----------------------------------------------------------
    def _build_chart(
        self,
        y_range: AxisRange,
        *,
        width: float,
        height: float,
        font_size: float,
        x_label: str,
        y_label: str,
        show_optimum: bool,
        max_vertices: int,
    ) -> None:
        """The :class:`LossChart`: its axes, optimum line and legend are the still part; the
        batch-loss, loss and validation curves (with markers), banner and best mark move."""
        theme, traj = self.theme, self.traj
        known = known_optimum(traj) if show_optimum else None
        self.optimum_loss = None if known is None else known[1]
        series = []
        if self.show_batch_loss:  # the loss of each step's batch, known after the step
            series.append(LossSeries(traj.batch_loss, theme.loss, width=1.2, opacity=0.45, lag=1))
        series.append(LossSeries(traj.loss, theme.loss, width=3.0, label="training", marker=0.07))
        if self.show_val_loss:  # above the training curve: both stay visible where they meet
            series.append(
                LossSeries(traj.val_loss, theme.validation, width=1.6, label="validation",
                           marker=0.06)
            )  # fmt: skip
        self.chart = LossChart(
            series, scale="log" if self.log else "linear", lowest=self._floor, y_range=y_range,
            width=width, height=height, theme=theme.with_(diverged=self.banner_color),
            font_size=font_size, axes="plot",
            x_max=traj.n_steps, x_label=x_label, y_label=y_label, clamp=True,
            max_vertices=max_vertices, optimum=self.optimum_loss,
            diverged_at=traj.n_steps if traj.diverged and self.show_banner else None,
            diverging=self.diverging and self.show_banner, best_step=traj.best_step if self.show_best else None,
            legend=self.show_val_loss, main=1 if self.show_batch_loss else 0,
        )  # fmt: skip
        c = self.chart
        self.axes, self.banner, self.best_label, self.best_line = (
            c.axes, c.banner, c.best_label, c.best_line
        )  # fmt: skip
        self.curve, self.marker = c.curves[c.main], c.curves[c.main].marker
        self.batch_curve = c.curves[0] if self.show_batch_loss else VMobject()
        self.val_curve = c.curves[-1] if self.show_val_loss else VMobject()
        self.val_marker = c.curves[-1].marker if self.show_val_loss else VMobject()
        self.still.add(c.still)
        self.moving.add(c.moving)

    # -- showing a row -------------------------------------------------------------------------------
    def marker_point(self, k: int) -> np.ndarray:
        """Scene point of the loss at row ``k``."""
        return self.chart.point_of(self.chart.main, k)

    def _show(self, k: int) -> None:
        self.chart.set_position(float(k))

    def colour_roles(self) -> dict[str, list[VMobject]]:
        """The curves and marks drawn in a role's colour, by role (see
        :meth:`DataPanel.colour_roles`)."""
        c = self.chart
        roles: dict[str, list[VMobject]] = {"loss": [self.curve, self.marker]}
        if self.show_batch_loss:
            roles["loss"].append(self.batch_curve)
        if self.show_val_loss:
            roles["validation"] = [self.val_curve, self.val_marker]
        ref = getattr(c, "optimum_line", None)
        if ref is not None:
            roles["optimum"] = [ref]
        if self.show_banner:
            roles["diverged"] = [self.banner]
        return roles

    @property
    def banner_text(self) -> str:
        return self.chart.banner_text


#: Old name of :func:`maniml.scenes.loss_chart.curve_rows`.
_curve_rows = curve_rows
