"""The data panel: the data on axes with the model at the current row."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
from manim import Circle, DashedVMobject, VGroup, VMobject

from ...models import known_optimum
from ...trajectory import Trajectory
from ..clipping import clip_polygon, line_in_box
from ..numbers import tick_formatter
from ..primitives import PlotAxes, Scatter
from ..theme import DARK, Theme
from .base import Panel, model_kind
from .geometry import AxisRange, _resolve_range

__all__ = ["DataPanel"]

#: which y values get a tick label, and how they are written (``None``: the axes' defaults)
_Ticks = tuple[list[float] | None, Callable[[float], str] | None]


class DataPanel(Panel):
    """The data on axes with the model at the current row.

    Draws, by :func:`model_kind`: the regression line (linear regression, one feature); the
    decision boundary with optional probability shading (logistic regression, two features); the
    sigmoid over 0/1 labels with its 0.5 threshold (logistic regression, one feature). Also: the
    batch the current step used (rings), residual segments (linear regression), and the optimum
    drawn faintly (the closed form for linear regression, or ``optimum`` if given).

    Parameters
    ----------
    traj : Trajectory
        A run of :func:`maniml.fit` (it holds ``X`` and ``y``).
    width, height : float
        Outer size of the panel, labels included.
    x_range, y_range : (low, high) or (low, high, step), optional
        Axis ranges in data units; from the data by default.
    x_label, y_label : str, optional
        Axis titles.
    show_batch : bool, optional
        Ring the current step's samples; default: when the batches are not the full data.
    show_residuals : bool, optional
        Segments from each point to the line (linear regression); default: up to 300 points.
    show_optimum : bool
        Draw the optimum faintly, where known.
    optimum : array, optional
        Parameters to draw as the optimum (for logistic regression, say, from scikit-learn).
    show_shading : bool
        Probability bands behind a decision boundary.
    point_radius : float, optional
        Dot radius in scene units; by default from the number of points.
    validation : (X_val, y_val), optional
        Held-out samples, drawn as hollow points (the axis ranges cover them too).
    """

    #: probability levels of the shading bands (logistic regression on two features)
    SHADING_LEVELS: tuple[float, ...] = (0.1, 0.25, 0.5, 0.75, 0.9)
    SHADING_OPACITY: tuple[float, ...] = (0.30, 0.19, 0.09, 0.09, 0.19, 0.30)

    def __init__(
        self,
        traj: Trajectory,
        *,
        theme: Theme = DARK,
        width: float = 6.5,
        height: float = 5.0,
        x_range: Sequence[float] | None = None,
        y_range: Sequence[float] | None = None,
        x_label: str | None = None,
        y_label: str | None = None,
        font_size: float = 18,
        show_batch: bool | None = None,
        show_residuals: bool | None = None,
        show_optimum: bool = True,
        optimum: Sequence[float] | None = None,
        show_shading: bool = True,
        point_radius: float | None = None,
        grid: bool = True,
        validation: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> None:
        super().__init__(traj, theme=theme)
        self.kind = model_kind(traj)
        self.X = np.asarray(traj.X, dtype=np.float64)
        self.y = np.asarray(traj.y, dtype=np.float64)
        if validation is None:
            self.X_val, self.y_val = np.zeros((0, self.X.shape[1])), np.zeros(0)
        else:
            self.X_val = np.asarray(validation[0], dtype=np.float64).reshape(-1, self.X.shape[1])
            self.y_val = np.asarray(validation[1], dtype=np.float64).reshape(-1)
        self.show_shading = self.kind == "boundary" and bool(show_shading)
        ranges = self._ranges(width, height, x_range, y_range)
        self._build_still(
            ranges, width=width, height=height, font_size=font_size, x_label=x_label,
            y_label=y_label, grid=grid, point_radius=point_radius, show_optimum=show_optimum,
            optimum=optimum,
        )  # fmt: skip
        self._build_moving(show_residuals=show_residuals, show_batch=show_batch)
        self._finish()

    # -- ranges --------------------------------------------------------------------------------------
    def _ranges(
        self,
        width: float,
        height: float,
        x_range: Sequence[float] | None,
        y_range: Sequence[float] | None,
    ) -> tuple[AxisRange, AxisRange, _Ticks]:
        """Axis ranges ``(low, high, step)`` from the settings or the data, and the y tick labels
        and format (the sigmoid's 0, 0.5 and 1 by default; else ``(None, None)``: every tick)."""
        px, py = self._plane_xy(slice(None))
        vx, vy = self._val_xy()
        px, py = np.concatenate([px, vx]), np.concatenate([py, vy])
        n_x, n_y = max(3, int(width / 1.2)), max(3, int(height / 1.0))
        xr = _resolve_range(x_range, px, n_x, "x_range")
        if self.kind != "sigmoid":
            return xr, _resolve_range(y_range, py, n_y, "y_range"), (None, None)
        yr = _resolve_range(y_range, None, n_y, "y_range") if y_range else (-0.25, 1.25, 0.25)
        ticks: _Ticks = ([0.0, 0.5, 1.0], tick_formatter(0.5)) if y_range is None else (None, None)
        return xr, yr, ticks

    # -- still parts ---------------------------------------------------------------------------------
    def _build_still(
        self,
        ranges: tuple[AxisRange, AxisRange, _Ticks],
        *,
        width: float,
        height: float,
        font_size: float,
        x_label: str | None,
        y_label: str | None,
        grid: bool,
        point_radius: float | None,
        show_optimum: bool,
        optimum: Sequence[float] | None,
    ) -> None:
        """In drawing order: the axes, the optimum, the data points (unless shading lies under
        them: then they move with it) and the sigmoid's dashed 0.5 line."""
        x_range, y_range, (y_labels, y_format) = ranges
        if x_label is None:
            x_label = "x₁" if self.kind == "boundary" else "x"
        if y_label is None:
            y_label = {"line": "y", "boundary": "x₂", "sigmoid": "y, P(y = 1)"}[self.kind]
        self.axes = PlotAxes(
            x_range, y_range, width=width, height=height, theme=self.theme, font_size=font_size,
            x_title=x_label, y_title=y_label, y_labels=y_labels, y_format=y_format, grid=grid,
        )  # fmt: skip
        self.still.add(self.axes)
        box = self.axes.box
        if self.kind == "sigmoid":  # where the sigmoid (model and optimum) is sampled
            self._grid_x = np.linspace(box[0], box[1], 241)
        self._build_scatter(point_radius)
        self._build_optimum(show_optimum, optimum)
        if not self.show_shading:
            self.still.add(self.scatter, self.val_scatter)
        if self.kind == "sigmoid":
            half = VMobject(stroke_color=self.theme.muted, stroke_width=1.2, stroke_opacity=0.7)
            half.set_points_as_corners([self.axes.c2p(box[0], 0.5), self.axes.c2p(box[1], 0.5)])
            self.still.add(DashedVMobject(half, num_dashes=30))

    def _build_scatter(self, point_radius: float | None) -> None:
        """The points inside the box, one mobject per colour (not added: see _build_still)."""
        theme, y = self.theme, self.y
        n = len(y)
        if point_radius is None:
            point_radius = 0.07 if n <= 60 else 0.055 if n <= 300 else 0.04 if n <= 2000 else 0.025
        self.point_radius = point_radius
        px, py = self._plane_xy(slice(None))
        box = self.axes.box
        inside = (px >= box[0]) & (px <= box[1]) & (py >= box[2]) & (py <= box[3])
        self._inside = inside
        if self.kind == "line":
            self.scatter = VGroup(
                Scatter(self._pts(px[inside], py[inside]), radius=point_radius, color=theme.data)
            )
        else:
            groups = []
            for cls, colour in ((0.0, theme.class0), (1.0, theme.class1)):
                m = inside & (y == cls)
                groups.append(Scatter(self._pts(px[m], py[m]), radius=point_radius, color=colour))
            self.scatter = VGroup(*groups)
        self._build_val_scatter(point_radius)
        if n > 1000:  # dots of a few pixels: 4 curves per circle instead of 8 draw the same
            for sc in self.scatter:
                pts = sc.points.reshape(-1, len(sc._template), 3).mean(axis=1)
                sc._template = Circle(radius=point_radius, num_components=5).points.copy()
                sc.move_points(pts)

    def _build_val_scatter(self, point_radius: float) -> None:
        """The held-out samples inside the box as hollow rings, one mobject per colour."""
        theme, box = self.theme, self.axes.box
        vx, vy = self._val_xy()
        inside = (vx >= box[0]) & (vx <= box[1]) & (vy >= box[2]) & (vy <= box[3])
        if self.kind == "line":
            parts = [(inside, theme.data)]
        else:
            parts = [
                (inside & (self.y_val == c), col)
                for c, col in ((0.0, theme.class0), (1.0, theme.class1))
            ]
        self.val_scatter = VGroup()
        for m, colour in parts:
            ring = Scatter(self._pts(vx[m], vy[m]), radius=point_radius * 1.05, opacity=0.0)
            ring.set_style(fill_opacity=0.0, stroke_color=colour, stroke_width=2.0,
                           stroke_opacity=1.0)  # fmt: skip
            self.val_scatter.add(ring)

    def _val_xy(self) -> tuple[np.ndarray, np.ndarray]:
        """The held-out samples in the panel's plane (see :meth:`_plane_xy`)."""
        if self.kind == "boundary":
            return self.X_val[:, 0], self.X_val[:, 1]
        return self.X_val[:, 0], self.y_val

    def _build_optimum(self, show_optimum: bool, optimum: Sequence[float] | None) -> None:
        """The optimum's model, faint and dashed: ``optimum``, else the known one, if any."""
        if optimum is None and show_optimum:
            known = known_optimum(self.traj)
            optimum = None if known is None else known[0]
        self.optimum = None if optimum is None or not show_optimum else np.asarray(optimum, float)
        self.optimum_mob = None
        if self.optimum is not None:
            mob = self._model_mobject(self.optimum)
            if mob is not None:
                mob.set_stroke(self.theme.optimum, width=2.5, opacity=0.8)
                self.optimum_mob = DashedVMobject(
                    mob, num_dashes=40 if self.kind != "sigmoid" else 60
                )
                self.still.add(self.optimum_mob)

    # -- moving parts --------------------------------------------------------------------------------
    def _build_moving(self, *, show_residuals: bool | None, show_batch: bool | None) -> None:
        """In drawing order: the shading with the points above it, the residuals, the sigmoid's
        threshold, the model, the batch rings."""
        theme, n = self.theme, len(self.y)
        self.shading = VGroup()
        if self.show_shading:
            for j, op in enumerate(self.SHADING_OPACITY):
                colour = theme.class0 if j < len(self.SHADING_OPACITY) / 2 else theme.class1
                self.shading.add(VMobject(fill_color=colour, fill_opacity=op, stroke_width=0.0))
            self.moving.add(self.shading, self.scatter, self.val_scatter)
        if show_residuals is None:
            show_residuals = self.kind == "line" and n <= 300
        self.residuals = VMobject(stroke_color=theme.residual, stroke_width=1.6, stroke_opacity=0.8)
        self.show_residuals = bool(show_residuals) and self.kind == "line"
        if self.show_residuals:
            self.moving.add(self.residuals)
        self.model = VMobject(stroke_color=theme.model, stroke_width=4.0)
        self.threshold = VMobject(stroke_color=theme.model, stroke_width=2.0, stroke_opacity=0.6)
        if self.kind == "sigmoid":
            self.moving.add(self.threshold)
        self.moving.add(self.model)
        if show_batch is None:
            show_batch = not self.traj.batch_indices.is_full
        self.show_batch = bool(show_batch)
        self.batch_rings = Scatter(np.zeros((0, 3)), radius=self.point_radius * 1.9)
        self.batch_rings.set_style(
            fill_opacity=0.0, stroke_color=theme.highlight, stroke_width=3.0, stroke_opacity=1.0
        )
        if self.show_batch:
            self.moving.add(self.batch_rings)

    # -- showing a row -------------------------------------------------------------------------------
    # data coordinates -> scene points of this panel's plane
    def _pts(self, px: np.ndarray, py: np.ndarray) -> np.ndarray:
        return self.axes.c2p(np.asarray(px, float), np.asarray(py, float)).reshape(-1, 3)

    def _plane_xy(self, idx: np.ndarray | slice) -> tuple[np.ndarray, np.ndarray]:
        """The samples ``idx`` in the panel's plane: (x, y), or (x₁, x₂) for a boundary."""
        if self.kind == "boundary":
            return self.X[idx, 0], self.X[idx, 1]
        return self.X[idx, 0], self.y[idx]

    def _implicit(self, theta: np.ndarray) -> np.ndarray:
        """The model's line as ``w0 + w1 x + w2 y = 0`` in the panel's plane."""
        if self.kind == "line":
            return np.array([theta[0], theta[1], -1.0])
        return np.asarray(theta[:3], dtype=np.float64)

    def _model_mobject(self, theta: np.ndarray) -> VMobject | None:
        mob = VMobject()
        if self.kind == "sigmoid":
            self._set_sigmoid(mob, theta)
        elif not self._set_line(mob, theta):
            return None
        return mob

    def _set_line(self, mob: VMobject, theta: np.ndarray) -> bool:
        seg = line_in_box(self._implicit(theta), self.axes.box)
        if seg is None:
            mob.clear_points()
            return False
        mob.set_points_as_corners(self._pts([seg[0][0], seg[1][0]], [seg[0][1], seg[1][1]]))
        return True

    def _set_sigmoid(self, mob: VMobject, theta: np.ndarray) -> None:
        x = self._grid_x
        with np.errstate(all="ignore"):
            z = theta[0] + theta[1] * x
        p = 0.5 * (1.0 + np.tanh(0.5 * np.clip(z, -700, 700)))  # stable logistic
        mob.set_points_as_corners(self._pts(x, p))

    def segment(self) -> tuple[np.ndarray, np.ndarray] | None:
        """Data coordinates of the drawn model line's ends (line and boundary kinds)."""
        if self.row is None or self.kind == "sigmoid":
            return None
        return line_in_box(self._implicit(self.traj.params[self.row]), self.axes.box)

    def batch_at(self, k: int) -> np.ndarray:
        """Sample indices of the batch that made row ``k`` (empty at row 0)."""
        if k <= 0:
            return np.zeros(0, dtype=np.intp)
        return np.asarray(self.traj.batch_indices[k - 1])

    def _show(self, k: int) -> None:
        theta = self.traj.params[k]
        box = self.axes.box
        if self.kind == "sigmoid":
            self._set_sigmoid(self.model, theta)
            if abs(theta[1]) > 1e-12 * max(1.0, abs(theta[0])):
                xs = -theta[0] / theta[1]
                if box[0] <= xs <= box[1]:
                    self.threshold.set_points_as_corners(self._pts([xs, xs], [0.0, 1.0]))
                else:
                    self.threshold.clear_points()
            else:
                self.threshold.clear_points()
        else:
            self._set_line(self.model, theta)
        if self.kind == "boundary" and len(self.shading):
            self._shade(theta)
        if self.show_residuals:
            self._residuals(theta)
        if self.show_batch:
            idx = self.batch_at(k)
            idx = idx[self._inside[idx]]
            if len(idx):
                self.batch_rings.move_points(self._pts(*self._plane_xy(idx)))
            else:
                self.batch_rings.clear_points()

    def _residuals(self, theta: np.ndarray) -> None:
        m = self._inside
        x, y = self.X[m, 0], self.y[m]
        y0, y1 = self.axes.box[2:]
        with np.errstate(all="ignore"):
            pred = theta[0] + theta[1] * x
        pred = np.clip(np.nan_to_num(pred, nan=y0, posinf=y1, neginf=y0), y0, y1)
        a, b = self._pts(x, y), self._pts(x, pred)
        t = np.array([0.0, 1 / 3, 2 / 3, 1.0])[None, :, None]
        pts = a[:, None, :] + t * (b - a)[:, None, :]
        if len(pts):
            self.residuals.set_points(pts.reshape(-1, 3))
        else:
            self.residuals.clear_points()

    def _shade(self, theta: np.ndarray) -> None:
        x0, x1, y0, y1 = self.axes.box
        square = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
        w = np.asarray(theta[:3], dtype=np.float64)
        scale = max(np.abs(w).max(), 1e-300)
        w0, w1, w2 = w / scale
        levels = [math.log(p / (1 - p)) / scale for p in self.SHADING_LEVELS]
        bounds = [-math.inf, *levels, math.inf]
        for j, mob in enumerate(self.shading):
            poly = square
            lo, hi = bounds[j], bounds[j + 1]
            if math.isfinite(lo):  # z >= lo
                poly = clip_polygon(poly, w1, w2, w0 - lo)
            if math.isfinite(hi):  # z <= hi
                poly = clip_polygon(poly, -w1, -w2, hi - w0)
            if len(poly) >= 3:
                pts = self._pts(poly[:, 0], poly[:, 1])
                mob.set_points_as_corners(np.vstack([pts, pts[:1]]))
            else:
                mob.clear_points()
