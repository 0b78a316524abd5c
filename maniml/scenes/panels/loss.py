"""The loss panel: the loss curve up to the current row, honest about divergence."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from manim import ORIGIN, RIGHT, Circle, DashedVMobject, Line, VMobject

from ...models import known_optimum
from ...trajectory import Trajectory
from ..numbers import pow10_label
from ..primitives import PlotAxes, SansText, nice_step
from ..readout import LineText
from ..theme import DARK, SANS, Theme
from .base import Panel
from .geometry import AxisRange, _resolve_range
from .lines import _anchor_glyphs

__all__ = ["LossPanel"]


class LossPanel(Panel):
    """The loss curve up to the current row, with a marker on the current loss.

    The curve is honest about divergence: by default (``scale='auto'``) a run whose loss blows
    up (flagged diverged, or ending above 20 times where it started) gets a log-scale loss axis
    covering its maximum, and a banner says "diverged at step k" (or "diverging") when the run's
    end is reached.

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
    ) -> None:
        super().__init__(traj, theme=theme)
        has_val = traj.val_loss is not None and len(traj.val_loss) == traj.n_steps + 1
        self.show_val_loss = has_val if show_val_loss is None else bool(show_val_loss) and has_val
        self.show_best = bool(show_best) and bool(traj.stopped_early) and traj.best_step is not None
        if scale not in ("auto", "linear", "log"):
            raise ValueError(
                f"The 'loss_scale' setting must be 'auto', 'linear' or 'log'; got {scale!r}."
            )
        x_range, y_range = self._ranges(width, height, scale, y_range, show_batch_loss)
        self._build_still(
            x_range, y_range, width=width, height=height, font_size=font_size,
            x_label=x_label, y_label=y_label, show_optimum=show_optimum,
        )  # fmt: skip
        self._build_moving(x_range, y_range, font_size=font_size, max_vertices=max_vertices)
        self._finish()

    # -- ranges --------------------------------------------------------------------------------------
    def _ranges(
        self,
        width: float,
        height: float,
        scale: str,
        y_range: Sequence[float] | None,
        show_batch_loss: bool,
    ) -> tuple[AxisRange, AxisRange]:
        """The axis ranges: steps on x; the loss on y, in decades on a log axis. Also decides
        ``diverging``, ``log`` and ``show_batch_loss``."""
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
        n_x = max(3, int(width / 1.2))
        step_x = nice_step(max(S, 1), n_x)
        xr = (0.0, max(1.0, math.ceil(max(S, 1) / step_x) * step_x), step_x)
        if self.log:
            return xr, self._log_range(height, y_range, loss, values)
        n_y = max(2, int(height / 0.6))
        if y_range is not None:
            return xr, _resolve_range(y_range, None, n_y, "loss_range")
        hi = float(values.max())
        lo = min(0.0, float(values.min()))
        step = nice_step(hi - lo if hi > lo else 1.0, n_y)
        return xr, (math.floor(lo / step) * step, max(step, math.ceil(hi / step) * step), step)

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

    # -- still parts ---------------------------------------------------------------------------------
    def _build_still(
        self,
        x_range: AxisRange,
        y_range: AxisRange,
        *,
        width: float,
        height: float,
        font_size: float,
        x_label: str,
        y_label: str,
        show_optimum: bool,
    ) -> None:
        """The axes and, where known and on the axis, the optimum's loss as a dashed line."""
        theme = self.theme
        self.axes = PlotAxes(
            x_range, y_range, width=width, height=height, theme=theme, font_size=font_size,
            x_title=x_label, y_title=f"{y_label} (log)" if self.log else y_label,
            y_format=pow10_label if self.log else None, grid=True,
        )  # fmt: skip
        self.still.add(self.axes)
        known = known_optimum(self.traj) if show_optimum else None
        self.optimum_loss = None if known is None else known[1]
        if self.optimum_loss is not None:
            yo = self._y(np.array([self.optimum_loss]))[0]
            if y_range[0] <= yo <= y_range[1]:
                ref = VMobject(stroke_color=theme.optimum, stroke_width=1.8, stroke_opacity=0.9)
                ref.set_points_as_corners(
                    [self.axes.c2p(x_range[0], yo), self.axes.c2p(x_range[1], yo)]
                )
                self.still.add(DashedVMobject(ref, num_dashes=36))
        if self.show_val_loss:  # legend, top right inside the axes
            size = font_size * 0.9
            x1, y1 = self.axes.box[1], self.axes.box[3]
            corner = self.axes.c2p(x1, y1) + np.array([-0.12, -0.18, 0.0])
            for i, (label, colour) in enumerate(
                (("training", theme.loss), ("validation", theme.residual))
            ):
                text = SansText(label, font_size=size, color=theme.muted)
                y = corner[1] - i * size / 48 * 0.75 * 1.5
                text.move_to([corner[0], y, 0.0], aligned_edge=RIGHT)
                swatch = Line(ORIGIN, RIGHT * 0.3, color=colour, stroke_width=3.0)
                swatch.move_to([text.get_left()[0] - 0.25, y, 0.0])
                self.still.add(text, swatch)

    # -- moving parts --------------------------------------------------------------------------------
    def _build_moving(
        self, x_range: AxisRange, y_range: AxisRange, *, font_size: float, max_vertices: int
    ) -> None:
        """In drawing order: the batch-loss curve, the loss curve, the marker, the banner."""
        theme, traj = self.theme, self.traj
        loss = np.asarray(traj.loss, dtype=np.float64)
        self._rows = _curve_rows(loss, max_vertices)
        self._ys = self._y(loss)
        self.curve = VMobject(stroke_color=theme.loss, stroke_width=3.0)
        self.batch_curve = VMobject(stroke_color=theme.loss, stroke_width=1.2, stroke_opacity=0.45)
        if self.show_batch_loss:
            self._brows = _curve_rows(traj.batch_loss, max_vertices)
            self._bys = self._y(traj.batch_loss)
            self.moving.add(self.batch_curve)
        self.marker = Circle(radius=0.07, stroke_width=0, fill_color=theme.loss, fill_opacity=1.0)
        self.banner = LineText(
            "", font_size=font_size * 1.15, color=theme.diverged, font=SANS, weight="BOLD",
            warm="diverging at step 0123456789" if self.diverging else "",
        )  # fmt: skip
        corner = self.axes.c2p(x_range[0], y_range[1])
        _anchor_glyphs(self.banner, corner + np.array([0.15, -0.3, 0.0]))
        self.val_curve = VMobject(stroke_color=theme.residual, stroke_width=1.6)
        self.val_marker = Circle(
            radius=0.06, stroke_width=0, fill_color=theme.residual, fill_opacity=1.0
        )
        if self.show_val_loss:
            val = np.asarray(traj.val_loss, dtype=np.float64)
            self._vrows = _curve_rows(val, max_vertices)
            self._vys = self._y(val)
        self.best_label = LineText(
            "", font_size=font_size * 0.9, color=theme.muted, font=SANS,
            warm="best step 0123456789" if self.show_best else "",
        )  # fmt: skip
        self.best_line = VMobject()
        if self.show_best:  # shown at the last row: a dashed line at the best row
            b = float(traj.best_step)
            y0, y1 = self.axes.box[2:]
            line = VMobject().set_points_as_corners([self.axes.c2p(b, y0), self.axes.c2p(b, y1)])
            self.best_line = DashedVMobject(line, num_dashes=18)
            self.best_line.set_stroke(theme.muted, width=1.6, opacity=0.0)
            self.moving.add(self.best_line, self.best_label)
        self.moving.add(self.curve, self.marker, self.banner)
        if self.show_val_loss:  # above the training curve: both stay visible where they meet
            self.moving.add(self.val_curve, self.val_marker)

    # -- showing a row -------------------------------------------------------------------------------
    def _y(self, values: np.ndarray) -> np.ndarray:
        values = np.asarray(values, dtype=np.float64)
        if self.log:
            return np.log10(np.maximum(values, self._floor))
        return values

    def _clip_y(self, ys: np.ndarray) -> np.ndarray:
        y0, y1 = self.axes.box[2:]
        return np.clip(ys, y0, y1)

    def marker_point(self, k: int) -> np.ndarray:
        """Scene point of the loss at row ``k``."""
        return self.axes.c2p(float(k), float(self._clip_y(self._ys[k : k + 1])[0]))

    def _prefix(self, rows: np.ndarray, ys: np.ndarray, k: int) -> np.ndarray:
        i = int(np.searchsorted(rows, k, side="right"))
        r = rows[:i]
        y = ys[r]
        if i == 0 or r[-1] != k:
            r = np.append(r, k)
            y = np.append(y, ys[k])
        return self.axes.c2p(r.astype(np.float64), self._clip_y(y)).reshape(-1, 3)

    def _show(self, k: int) -> None:
        pts = self._prefix(self._rows, self._ys, k)
        if len(pts) >= 2:
            self.curve.set_points_as_corners(pts)
        else:
            self.curve.clear_points()
        if self.show_batch_loss:
            kb = min(k, len(self._bys)) - 1
            if kb >= 1:
                self.batch_curve.set_points_as_corners(self._prefix(self._brows, self._bys, kb))
            else:
                self.batch_curve.clear_points()
        self.marker.move_to(self.marker_point(k))
        if self.show_val_loss:
            pts = self._prefix(self._vrows, self._vys, k)
            if len(pts) >= 2:
                self.val_curve.set_points_as_corners(pts)
            else:
                self.val_curve.clear_points()
            y = float(self._clip_y(self._vys[k : k + 1])[0])
            self.val_marker.move_to(self.axes.c2p(float(k), y))
        if self.show_best:
            if k == self.traj.n_steps:  # the run has stopped early: its best row
                self.best_line.set_stroke(opacity=0.9)
                text = f"best step {self.traj.best_step}"
                self.best_label.set_text(text)
                mid = sum(self.axes.box[2:]) / 2
                at = self.axes.c2p(float(self.traj.best_step), mid) + np.array([0.08, 0.0, 0.0])
                if self.traj.best_step > 0.55 * self.axes.box[1]:  # left of the line
                    at[0] -= self.best_label.advance_of(text) + 0.16
                _anchor_glyphs(self.best_label, at)
            else:
                self.best_line.set_stroke(opacity=0.0)
                self.best_label.set_text("")
        if k == self.traj.n_steps and self.diverging:
            if self.traj.diverged:
                self.banner.set_text(f"diverged at step {self.traj.diverged_step}")
            else:
                self.banner.set_text("diverging")
        else:
            self.banner.set_text("")

    @property
    def banner_text(self) -> str:
        return self.banner.text or ""


def _curve_rows(values: np.ndarray, max_vertices: int) -> np.ndarray:
    """Rows to draw of a long curve: every row if few, else each bucket's first, min and max."""
    n = len(values)
    if n <= max_vertices:
        return np.arange(n)
    buckets = max(1, max_vertices // 3)
    edges = np.linspace(0, n, buckets + 1).astype(np.intp)
    rows = [edges[:-1], [n - 1]]
    for s, e in zip(edges[:-1], edges[1:], strict=True):
        if e > s:
            seg = values[s:e]
            rows.append([s + int(np.argmin(seg)), s + int(np.argmax(seg))])
    return np.unique(np.concatenate([np.asarray(r, dtype=np.intp) for r in rows]))
