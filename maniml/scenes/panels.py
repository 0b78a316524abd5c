"""Reusable panels that show one optimisation run (a :class:`~maniml.Trajectory`) at a chosen row.

Each panel is a :class:`manim.VGroup` with two parts:

- ``panel.still``: what never changes (axes, tick labels, data points, the optimum); drawn once
  per ``play`` by Cairo when added to the scene *before* anything that moves;
- ``panel.moving``: what :meth:`Panel.set_row` updates in place (model line, loss curve, marker,
  batch highlight, residuals, read-outs).

``set_row(k)`` shows row ``k`` of the trajectory: the parameters after ``k`` steps, with the batch
step ``k`` used (steps count from 1). Its cost depends on what is shown (the batch, the residuals,
at most ``max_vertices`` loss-curve vertices), never on the number of steps in the run.

Place panels with the usual mobject methods (``move_to``, ``next_to``...) but do not scale them
(read-outs draw glyphs at their built size): give the size you want to the constructor. Add them
to a scene with :func:`add_panels`, which puts all still parts before all moving parts.

Examples
--------
>>> import maniml
>>> from manim import RIGHT
>>> from maniml.scenes import DataPanel, LossPanel
>>> X, y = maniml.make_linear(n=20, seed=0)
>>> t = maniml.fit(maniml.LinearRegression(), X, y, maniml.SGD(0.05), epochs=2, seed=0)
>>> data = DataPanel(t, width=6, height=4.5)
>>> loss = LossPanel(t, width=5, height=2.5).next_to(data, RIGHT)
>>> data.set_row(10).row, loss.set_row(10).row
(10, 10)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from manim import (
    UL,
    Circle,
    DashedVMobject,
    MathTex,
    MathTypst,
    Mobject,
    VGroup,
    VMobject,
)

from ..models import known_optimum
from ..trajectory import Trajectory
from .primitives import (
    _MINUS,
    PlotAxes,
    Scatter,
    _fmt_tick,
    nice_range,
    nice_step,
)
from .readout import _WARM, LineText, _glyph, format_number
from .theme import DARK, MONO, SANS, Theme

__all__ = [
    "DataPanel",
    "FormulaPanel",
    "LineText",
    "LossPanel",
    "Panel",
    "PlotAxes",
    "ReadoutPanel",
    "SplitLine",
    "add_panels",
    "known_optimum",
    "line_in_box",
    "model_kind",
]

_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_SUP = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


# -- helpers ----------------------------------------------------------------------------------------
def model_kind(traj: Trajectory) -> str:
    """What a data panel draws for ``traj``: ``'line'``, ``'boundary'`` or ``'sigmoid'``.

    Linear regression on one feature gives a line; logistic regression on one feature a sigmoid,
    on two features a decision boundary.

    Raises
    ------
    ValueError
        For a run without data (``minimize``) or with a feature count no panel can draw.
    """
    if traj.X is None or traj.y is None:
        raise ValueError(
            "The 'trajectory' parameter of DataPanel must come from maniml.fit (it needs X and "
            "y); got a trajectory without data (made by minimize?)."
        )
    d = traj.params.shape[1] - 1
    name = traj.settings.get("model")
    if name is None:  # an older or hand-made record: guess from the labels
        name = "LogisticRegression" if np.isin(traj.y, (0.0, 1.0)).all() else "LinearRegression"
    if name == "LinearRegression":
        if d == 1:
            return "line"
        raise ValueError(
            f"The 'data' of a linear-regression fit scene must have 1 feature to draw a line; "
            f"got {d} features."
        )
    if name == "LogisticRegression":
        if d in (1, 2):
            return "sigmoid" if d == 1 else "boundary"
        raise ValueError(
            f"The 'data' of a logistic-regression fit scene must have 1 or 2 features; got {d}."
        )
    raise ValueError(
        f"The 'model' of a fit scene must be LinearRegression or LogisticRegression; got {name!r}."
    )


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


def _pow10_label(e: float) -> str:
    e = int(round(e))
    if e == 0:
        return "1"
    if e == 1:
        return "10"
    return "10" + str(e).translate(_SUP)


def _anchor_glyphs(text: LineText, point: np.ndarray) -> LineText:
    """Move a LineText so its pen origin (left end of the baseline) sits at ``point``."""
    return text.shift(np.asarray(point, dtype=np.float64) - text.origin)


def _char_advance(font_size: float, font: str = MONO) -> float:
    return _glyph("0", font, font_size, "NORMAL")[1]


# -- panels ------------------------------------------------------------------------------------------
class Panel(VGroup):
    """Base class: a ``still`` group, a ``moving`` group and :meth:`set_row`."""

    def __init__(self, traj: Trajectory, *, theme: Theme = DARK) -> None:
        super().__init__()
        self.traj, self.theme = traj, theme
        self.still, self.moving = VGroup(), VGroup()
        self.add(self.still, self.moving)
        self.row: int | None = None

    def set_row(self, k: int) -> Panel:
        """Show row ``k`` (clamped to the run); does nothing when ``k`` is already shown."""
        k = min(max(int(k), 0), self.traj.n_steps)
        if k != self.row:
            self._show(k)
            self.row = k
        return self

    def _show(self, k: int) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


def add_panels(scene: Any, *panels: Panel, between: Sequence[Mobject] = ()) -> None:
    """Add panels to ``scene``: every still part first, then ``between``, then every moving part.

    Cairo redraws each frame only the mobjects from the first one that moves; this order keeps
    axes, labels and data out of the per-frame work.
    """
    scene.add(*[p.still for p in panels])
    if between:
        scene.add(*between)
    scene.add(*[p.moving for p in panels])


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
    ) -> None:
        super().__init__(traj, theme=theme)
        self.kind = model_kind(traj)
        X, y = np.asarray(traj.X, dtype=np.float64), np.asarray(traj.y, dtype=np.float64)
        self.X, self.y = X, y
        n = len(y)
        n_x = max(3, int(width / 1.2))
        n_y = max(3, int(height / 1.0))
        if self.kind == "boundary":
            px, py = X[:, 0], X[:, 1]
        else:
            px, py = X[:, 0], y
        xr = _resolve_range(x_range, px, n_x, "x_range")
        y_labels = y_format = None
        if self.kind == "sigmoid":
            yr = _resolve_range(y_range, None, n_y, "y_range") if y_range else (-0.25, 1.25, 0.25)
            y_labels = [0.0, 0.5, 1.0] if y_range is None else None
            y_format = _fmt_tick(0.5) if y_range is None else None
        else:
            yr = _resolve_range(y_range, py, n_y, "y_range")
        if x_label is None:
            x_label = "x₁" if self.kind == "boundary" else "x"
        if y_label is None:
            y_label = {"line": "y", "boundary": "x₂", "sigmoid": "y, P(y = 1)"}[self.kind]
        self.axes = PlotAxes(
            xr, yr, width=width, height=height, theme=theme, font_size=font_size,
            x_title=x_label, y_title=y_label, y_labels=y_labels, y_format=y_format,
            grid=grid,
        )  # fmt: skip
        self.still.add(self.axes)
        box = self.axes.box
        if point_radius is None:
            point_radius = 0.07 if n <= 60 else 0.055 if n <= 300 else 0.04 if n <= 2000 else 0.025
        self.point_radius = point_radius
        inside = (px >= box[0]) & (px <= box[1]) & (py >= box[2]) & (py <= box[3])
        self._inside = inside

        # data points: one mobject per colour
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
        if n > 1000:  # dots of a few pixels: 4 curves per circle instead of 8 draw the same
            for sc in self.scatter:
                pts = sc.points.reshape(-1, len(sc._template), 3).mean(axis=1)
                sc._template = Circle(radius=point_radius, num_components=5).points.copy()
                sc.move_points(pts)

        # optimum, faint and dashed (still)
        if optimum is None and show_optimum:
            known = known_optimum(traj)
            optimum = None if known is None else known[0]
        self.optimum = None if optimum is None or not show_optimum else np.asarray(optimum, float)
        self.optimum_mob = None
        if self.optimum is not None:
            mob = self._model_mobject(self.optimum)
            if mob is not None:
                mob.set_stroke(theme.optimum, width=2.5, opacity=0.8)
                self.optimum_mob = DashedVMobject(
                    mob, num_dashes=40 if self.kind != "sigmoid" else 60
                )
                self.still.add(self.optimum_mob)

        # probability shading (moving); the points then move above it, in the moving group
        self.shading = VGroup()
        if self.kind == "boundary" and show_shading:
            for j, op in enumerate(self.SHADING_OPACITY):
                colour = theme.class0 if j < len(self.SHADING_OPACITY) / 2 else theme.class1
                self.shading.add(VMobject(fill_color=colour, fill_opacity=op, stroke_width=0.0))
            self.moving.add(self.shading, self.scatter)
        else:
            self.still.add(self.scatter)

        # residuals (linear regression)
        if show_residuals is None:
            show_residuals = self.kind == "line" and n <= 300
        self.residuals = VMobject(stroke_color=theme.residual, stroke_width=1.6, stroke_opacity=0.8)
        self.show_residuals = bool(show_residuals) and self.kind == "line"
        if self.show_residuals:
            self.moving.add(self.residuals)

        # the model
        self.model = VMobject(stroke_color=theme.model, stroke_width=4.0)
        self.threshold = VMobject(stroke_color=theme.model, stroke_width=2.0, stroke_opacity=0.6)
        if self.kind == "sigmoid":
            self._grid_x = np.linspace(box[0], box[1], 241)
            half = VMobject(stroke_color=theme.muted, stroke_width=1.2, stroke_opacity=0.7)
            half.set_points_as_corners([self.axes.c2p(box[0], 0.5), self.axes.c2p(box[1], 0.5)])
            self.still.add(DashedVMobject(half, num_dashes=30))
            self.moving.add(self.threshold)
        self.moving.add(self.model)

        # the batch the current step used
        if show_batch is None:
            show_batch = not traj.batch_indices.is_full
        self.show_batch = bool(show_batch)
        self.batch_rings = Scatter(np.zeros((0, 3)), radius=point_radius * 1.9)
        self.batch_rings.set_style(
            fill_opacity=0.0, stroke_color=theme.highlight, stroke_width=3.0, stroke_opacity=1.0
        )
        if self.show_batch:
            self.moving.add(self.batch_rings)
        self.set_row(0)

    # data coordinates -> scene points of this panel's plane
    def _pts(self, px: np.ndarray, py: np.ndarray) -> np.ndarray:
        return self.axes.c2p(np.asarray(px, float), np.asarray(py, float)).reshape(-1, 3)

    def _plane_xy(self, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
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
                poly = _clip_polygon(poly, w1, w2, w0 - lo)
            if math.isfinite(hi):  # z <= hi
                poly = _clip_polygon(poly, -w1, -w2, hi - w0)
            if len(poly) >= 3:
                pts = self._pts(poly[:, 0], poly[:, 1])
                mob.set_points_as_corners(np.vstack([pts, pts[:1]]))
            else:
                mob.clear_points()


def _resolve_range(
    given: Sequence[float] | None, values: np.ndarray | None, n_ticks: int, name: str
) -> tuple[float, float, float]:
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
    ) -> None:
        super().__init__(traj, theme=theme)
        if scale not in ("auto", "linear", "log"):
            raise ValueError(
                f"The 'loss_scale' setting must be 'auto', 'linear' or 'log'; got {scale!r}."
            )
        loss = np.asarray(traj.loss, dtype=np.float64)
        S = traj.n_steps
        self.diverging = bool(traj.diverged) or (S > 0 and loss[-1] > 20.0 * max(loss[0], 1e-300))
        if scale == "auto":
            scale = "log" if self.diverging else "linear"
        self.log = scale == "log"
        known = known_optimum(traj) if show_optimum else None
        self.optimum_loss = None if known is None else known[1]
        self.show_batch_loss = bool(show_batch_loss) and len(traj.batch_loss) > 0

        values = loss if not self.show_batch_loss else np.concatenate([loss, traj.batch_loss])
        n_x = max(3, int(width / 1.2))
        step_x = nice_step(max(S, 1), n_x)
        xr = (0.0, max(1.0, math.ceil(max(S, 1) / step_x) * step_x), step_x)
        if self.log:
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
            yr = (float(e_lo), float(e_hi), float(e_step))
            y_fmt = _pow10_label
            y_title = f"{y_label} (log)"
        else:
            n_y = max(2, int(height / 0.6))
            if y_range is not None:
                yr = _resolve_range(y_range, None, n_y, "loss_range")
            else:
                hi = float(values.max())
                lo = min(0.0, float(values.min()))
                step = nice_step(hi - lo if hi > lo else 1.0, n_y)
                yr = (math.floor(lo / step) * step, max(step, math.ceil(hi / step) * step), step)
            y_fmt = None
            y_title = y_label
        self.axes = PlotAxes(
            xr, yr, width=width, height=height, theme=theme, font_size=font_size,
            x_title=x_label, y_title=y_title, y_format=y_fmt, grid=True,
        )  # fmt: skip
        self.still.add(self.axes)
        if self.optimum_loss is not None:
            yo = self._y(np.array([self.optimum_loss]))[0]
            if yr[0] <= yo <= yr[1]:
                ref = VMobject(stroke_color=theme.optimum, stroke_width=1.8, stroke_opacity=0.9)
                ref.set_points_as_corners([self.axes.c2p(xr[0], yo), self.axes.c2p(xr[1], yo)])
                self.still.add(DashedVMobject(ref, num_dashes=36))

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
        _anchor_glyphs(self.banner, self.axes.c2p(xr[0], yr[1]) + np.array([0.15, -0.3, 0.0]))
        self.moving.add(self.curve, self.marker, self.banner)
        self.set_row(0)

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


class SplitLine:
    """A monospaced line of fixed text and fixed-width fields, drawn as two mobjects.

    ``pieces`` alternates text and field widths, e.g. ``["loss = ", 7]``. ``static`` draws the
    text with blanks in the fields (add it with the still parts: drawn once); ``dynamic`` draws
    only the fields' characters at their places (the moving part). Because every character of
    the font has the same advance, the two line up exactly, and per frame only the numbers are
    drawn.

    Examples
    --------
    >>> line = SplitLine(["loss = ", 6], font_size=20)
    >>> line.set("0.25").text, line.dynamic.text
    ('loss =   0.25', '         0.25')
    """

    def __init__(
        self,
        pieces: Sequence[str | int],
        *,
        font_size: float,
        color: str = "#FFFFFF",
        font: str = MONO,
        warm: str = _WARM,
    ) -> None:
        self.pieces = list(pieces)
        self.widths = [p for p in self.pieces if isinstance(p, int)]
        template = "".join(p if isinstance(p, str) else " " * p for p in self.pieces)
        for p in self.pieces:
            if isinstance(p, str):
                warm += p
        self.static = LineText(template, font_size=font_size, color=color, font=font, warm=warm)
        self.dynamic = LineText("", font_size=font_size, color=color, font=font, warm="")
        self.text = template
        self.length = len(template)

    def move_origin_to(self, point: np.ndarray) -> SplitLine:
        _anchor_glyphs(self.static, point)
        _anchor_glyphs(self.dynamic, point)
        return self

    def set(self, *values: str) -> SplitLine:
        """Fill the fields (each string is cut or right-justified to its field's width)."""
        full, dyn = [], []
        it = iter(values)
        for p in self.pieces:
            if isinstance(p, str):
                full.append(p)
                dyn.append(" " * len(p))
            else:
                v = next(it, "")
                v = v[-p:] if len(v) > p else v.rjust(p)
                full.append(v)
                dyn.append(v)
        self.text = "".join(full)
        self.dynamic.set_text("".join(dyn).rstrip())
        return self


def _fixed(value: float, width: int, digits: int) -> str:
    """``value`` in at most ``width`` characters: fewer decimals if needed, minus sign U+2212."""
    text = ""
    for d in range(digits, -1, -1):
        text = format_number(float(value), d).replace("-", _MINUS)
        if len(text) <= width:
            break
    return text


def _width(values: np.ndarray, digits: int) -> int:
    """Field width that holds every value of ``values`` (sampled for long runs) at ``digits``."""
    values = np.asarray(values, dtype=np.float64).ravel()
    if len(values) > 4000:
        pick = np.linspace(0, len(values) - 1, 4000).astype(np.intp)
        values = np.concatenate([values[pick], [values.min(), values.max()]])
    if len(values) == 0:
        return 1
    return max(len(format_number(float(v), digits)) for v in values)


class ReadoutPanel(Panel):
    """Read-outs of the current row: epoch and step, the parameters, the loss, the learning rate.

    Each line is a :class:`SplitLine` in a monospaced font: labels are still, and only the
    numbers, in fields wide enough for every row of the run, are redrawn per frame. The font
    shrinks so that the longest line fits ``width``.

    Parameters
    ----------
    names : sequence of str, optional
        One label per parameter (default ``θ₀``, ``θ₁``...).
    digits : int
        Decimals of the numbers.
    show_lr, show_batch_loss : bool
        Lines for the learning rate and the loss on the step's batch (default: when batches are
        not the full data).
    """

    def __init__(
        self,
        traj: Trajectory,
        *,
        theme: Theme = DARK,
        width: float = 5.0,
        font_size: float = 22,
        names: Sequence[str] | None = None,
        digits: int = 3,
        show_lr: bool = True,
        show_batch_loss: bool | None = None,
        line_spacing: float = 1.35,
    ) -> None:
        super().__init__(traj, theme=theme)
        P = traj.params.shape[1]
        if names is None:
            names = [f"θ{str(i).translate(_SUB)}" for i in range(P)]
        names = [str(n) for n in names]
        if len(names) != P:
            raise ValueError(
                f"The 'names' parameter of ReadoutPanel must have {P} entries; got {len(names)}."
            )
        self.digits = digits
        self.epochs = int(traj.settings.get("epochs") or int(traj.epoch.max()) or 1)
        self.S = traj.n_steps
        if show_batch_loss is None:
            show_batch_loss = not traj.batch_indices.is_full and len(traj.batch_loss) > 0
        self.names = names
        self.show_lr, self.show_batch_loss = bool(show_lr), bool(show_batch_loss)
        keys = [*names, "loss"]
        columns = {name: traj.params[:, i] for i, name in enumerate(names)}
        columns["loss"] = traj.loss
        if self.show_batch_loss:
            keys.append("batch loss")
            columns["batch loss"] = traj.batch_loss
        if self.show_lr:
            keys.append("lr")
            columns["lr"] = traj.lr
        key_w = max(len(k) for k in keys)
        widths = {k: max(4, _width(columns[k], digits)) for k in keys}
        num_w = max(widths.values())
        ew, sw = len(str(self.epochs)), len(str(self.S))
        specs: dict[str, list[str | int]] = {
            "head": ["epoch ", ew, f"/{self.epochs}   step ", sw, f"/{self.S}"]
        }
        self.lr_constant = self.show_lr and len(traj.lr) > 0 and bool(np.all(traj.lr == traj.lr[0]))
        for k in keys:
            specs[k] = [f"{k.ljust(key_w)} = ", num_w]
        if self.lr_constant:  # a constant learning rate is still text, drawn once
            specs["lr"] = [
                f"{'lr'.ljust(key_w)} = {_fixed(traj.lr[0], num_w, digits).rjust(num_w)}"
            ]
        longest = max(
            sum(p if isinstance(p, int) else len(p) for p in spec) for spec in specs.values()
        )
        adv = _char_advance(font_size)
        if longest * adv > width:
            font_size = font_size * width / (longest * adv)
            adv = _char_advance(font_size)
        self.font_size = font_size
        colours = {
            "loss": theme.loss,
            "batch loss": theme.muted,
            "lr": theme.muted,
            "head": theme.text,
        }
        pitch = font_size / 48 * 0.75 * line_spacing  # ~ line height in scene units
        self.lines: dict[str, SplitLine] = {}
        for i, (key, spec) in enumerate(specs.items()):
            line = SplitLine(spec, font_size=font_size, color=colours.get(key, theme.model))
            line.move_origin_to(np.array([0.0, -i * pitch, 0.0]))
            self.lines[key] = line
            self.still.add(line.static)
            self.moving.add(line.dynamic)
        # an invisible frame so that the panel has its full size whatever the text
        top = font_size / 48 * 0.6
        h = pitch * (len(specs) - 1) + font_size / 48 * 0.75
        self.frame = VMobject(stroke_opacity=0.0, fill_opacity=0.0)
        self.frame.set_points_as_corners(
            [[0, top, 0], [longest * adv, top, 0], [longest * adv, -h, 0], [0, top, 0]]
        )
        self.still.add(self.frame)
        self.set_row(0)

    def _num(self, v: float) -> str:
        return _fixed(v, self.lines["loss"].widths[0], self.digits)

    def _show(self, k: int) -> None:
        t = self.traj
        self.lines["head"].set(str(int(t.epoch[k])), str(k))
        for name, v in zip(self.names, t.params[k], strict=True):
            self.lines[name].set(self._num(v))
        self.lines["loss"].set(self._num(t.loss[k]))
        if self.show_batch_loss:
            self.lines["batch loss"].set(self._num(t.batch_loss[k - 1]) if k > 0 else "")
        if self.show_lr and not self.lr_constant:
            lr = t.lr[k - 1] if k > 0 else (t.lr[0] if len(t.lr) else float("nan"))
            self.lines["lr"].set(self._num(lr) if math.isfinite(lr) else "")

    def text(self) -> str:
        """All lines as shown, joined by newlines (for tests and logs)."""
        return "\n".join(line.text for line in self.lines.values())


# -- formulas ----------------------------------------------------------------------------------------
_TYPST = {
    "line": "L(theta) = 1/n sum_(i=1)^n (theta_0 + theta_1 x_i - y_i)^2",
    "sigmoid": "L(theta) = -1/n sum_i [y_i ln p_i + (1 - y_i) ln(1 - p_i)], "
    "med p_i = sigma(theta_0 + theta_1 x_i)",
    "boundary": "L(theta) = -1/n sum_i [y_i ln p_i + (1 - y_i) ln(1 - p_i)], "
    "med p_i = sigma(theta^T x_i)",
}
_TEX = {
    "line": r"L(\theta) = \frac{1}{n}\sum_{i=1}^n (\theta_0 + \theta_1 x_i - y_i)^2",
    "sigmoid": r"L(\theta) = -\frac{1}{n}\sum_i [y_i \ln p_i + (1 - y_i)\ln(1 - p_i)],"
    r"\; p_i = \sigma(\theta_0 + \theta_1 x_i)",
    "boundary": r"L(\theta) = -\frac{1}{n}\sum_i [y_i \ln p_i + (1 - y_i)\ln(1 - p_i)],"
    r"\; p_i = \sigma(\theta^\top x_i)",
}
_RULE_TYPST = {
    "Plain": "theta_(k+1) = theta_k - eta nabla L_(B_k)(theta_k)",
    "Momentum": "v_(k+1) = beta v_k + nabla L_(B_k)(theta_k), quad theta_(k+1) = theta_k - eta v_(k+1)",
    "Nesterov": "v_(k+1) = beta v_k + g_k, quad theta_(k+1) = theta_k - eta (g_k + beta v_(k+1))",
    "AdaGrad": "G_(k+1) = G_k + g_k^2, quad theta_(k+1) = theta_k - eta g_k / (sqrt(G_(k+1)) + epsilon)",
    "RMSProp": "s_(k+1) = rho s_k + (1 - rho) g_k^2, quad theta_(k+1) = theta_k - eta g_k / (sqrt(s_(k+1)) + epsilon)",
    "Adam": "theta_(k+1) = theta_k - eta hat(m)_(k+1) / (sqrt(hat(v)_(k+1)) + epsilon)",
}
_RULE_TEX = {
    "Plain": r"\theta_{k+1} = \theta_k - \eta \nabla L_{B_k}(\theta_k)",
    "Momentum": r"v_{k+1} = \beta v_k + \nabla L_{B_k}(\theta_k),\quad \theta_{k+1} = \theta_k - \eta v_{k+1}",
    "Nesterov": r"v_{k+1} = \beta v_k + g_k,\quad \theta_{k+1} = \theta_k - \eta (g_k + \beta v_{k+1})",
    "AdaGrad": r"G_{k+1} = G_k + g_k^2,\quad \theta_{k+1} = \theta_k - \frac{\eta\, g_k}{\sqrt{G_{k+1}} + \epsilon}",
    "RMSProp": r"s_{k+1} = \rho s_k + (1-\rho) g_k^2,\quad \theta_{k+1} = \theta_k - \frac{\eta\, g_k}{\sqrt{s_{k+1}} + \epsilon}",
    "Adam": r"\theta_{k+1} = \theta_k - \frac{\eta\, \hat m_{k+1}}{\sqrt{\hat v_{k+1}} + \epsilon}",
}
_FALLBACK_TYPST = "theta_(k+1) = theta_k + Delta theta_k"
_FALLBACK_TEX = r"\theta_{k+1} = \theta_k + \Delta\theta_k"


class FormulaPanel(Panel):
    """The loss formula and the update rule, typeset once, with live numbers under each.

    The formulas are :class:`manim.MathTypst` (no LaTeX needed), or :class:`manim.MathTex` with
    ``use_latex=True``; they are static. The numbers under them are :class:`SplitLine` lines:
    the current model and loss under the loss formula; the gradient of the step that made the
    row, the learning rate and the batch under the update rule.

    Parameters
    ----------
    width : float
        Width available; formulas are scaled down to fit it, and so are the numbers.
    layout : {'row', 'column'}
        Loss formula and update rule side by side, or one above the other.
    """

    def __init__(
        self,
        traj: Trajectory,
        *,
        theme: Theme = DARK,
        width: float = 12.0,
        font_size: float = 30,
        numbers_font_size: float = 18,
        use_latex: bool = False,
        layout: str = "row",
        kind: str | None = None,
    ) -> None:
        super().__init__(traj, theme=theme)
        if layout not in ("row", "column"):
            raise ValueError(
                f"The 'layout' parameter of FormulaPanel must be 'row' or 'column'; got {layout!r}."
            )
        self.kind = kind or model_kind(traj)
        rule = str(traj.settings.get("rule", "Plain"))
        self.plain = rule == "Plain"
        maker = MathTex if use_latex else MathTypst
        loss_src = (_TEX if use_latex else _TYPST)[self.kind]
        rule_src = (_RULE_TEX if use_latex else _RULE_TYPST).get(
            rule, _FALLBACK_TEX if use_latex else _FALLBACK_TYPST
        )
        self.loss_formula = maker(loss_src, font_size=font_size, color=theme.text)
        self.rule_formula = maker(rule_src, font_size=font_size, color=theme.text)
        cols = 2 if layout == "row" else 1
        gap = 0.6
        cell_w = (width - gap * (cols - 1)) / cols
        for f in (self.loss_formula, self.rule_formula):
            if f.width > cell_w:
                f.scale_to_fit_width(cell_w)

        specs = self._specs()
        longest = max(sum(p if isinstance(p, int) else len(p) for p in s) for s in specs)
        nfs = numbers_font_size
        if longest * _char_advance(nfs) > cell_w:
            nfs *= cell_w / (longest * _char_advance(nfs))
        colours = (theme.loss, theme.model, theme.highlight)
        self.loss_numbers, self.rule_numbers, self.batch_numbers = (
            SplitLine(spec, font_size=nfs, color=c) for spec, c in zip(specs, colours, strict=True)
        )
        text_h = nfs / 48 * 0.75
        # positions: formula, then numbers lines below it, left-aligned
        self.loss_formula.move_to(np.zeros(3), aligned_edge=UL)
        if layout == "row":
            self.rule_formula.move_to(np.array([cell_w + gap, 0.0, 0.0]), aligned_edge=UL)
        else:
            h = self.loss_formula.height + 2.6 * text_h + 0.35
            self.rule_formula.move_to(np.array([0.0, -h, 0.0]), aligned_edge=UL)
        for formula, lines in (
            (self.loss_formula, [self.loss_numbers]),
            (self.rule_formula, [self.rule_numbers, self.batch_numbers]),
        ):
            y = formula.get_bottom()[1] - 0.2 - text_h
            for line in lines:
                line.move_origin_to(np.array([formula.get_left()[0], y, 0.0]))
                y -= text_h * 1.6
        self.still.add(self.loss_formula, self.rule_formula)
        for line in (self.loss_numbers, self.rule_numbers, self.batch_numbers):
            self.still.add(line.static)
            self.moving.add(line.dynamic)
        frame = VMobject(stroke_opacity=0.0, fill_opacity=0.0)
        bottom = self.rule_formula.get_bottom()[1] - 0.2 - text_h * 3.0
        if (
            layout == "column"
            or self.loss_formula.get_bottom()[1] < self.rule_formula.get_bottom()[1]
        ):
            bottom = min(bottom, self.loss_formula.get_bottom()[1] - 0.2 - text_h * 1.4)
        frame.set_points_as_corners(
            [[0, 0, 0], [width, 0, 0], [width, bottom, 0], [0, bottom, 0], [0, 0, 0]]
        )
        self.frame = frame
        self.still.add(frame)
        self.set_row(0)

    def _specs(self) -> list[list[str | int]]:
        """The three number lines: model and loss; gradient (or step); learning rate and batch."""
        t = self.traj
        P = t.params.shape[1]
        wp = [_width(t.params[:, i], 3) for i in range(P)]
        wl = _width(t.loss, 4)
        self._w = {"params": wp, "loss": wl}
        if self.kind == "line":
            model: list[str | int] = ["ŷ = ", wp[0], " + ", wp[1], "·x   L = ", wl]
        elif self.kind == "sigmoid":
            model = ["p = σ(", wp[0], " + ", wp[1], "·x)   L = ", wl]
        else:
            model = ["θ = ("]
            for i in range(P):
                model += [wp[i], ", " if i < P - 1 else ")   L = "]
            model.append(wl)
        wg = [_width(t.grads[:, i], 3) for i in range(P)]
        if self.plain:
            rule: list[str | int] = ["∇L = ("]
            for i in range(P):
                rule += [wg[i], ", " if i < P - 1 else ")"]
        else:
            wd = [_width(np.diff(t.params[:, i]), 3) for i in range(P)]
            rule = ["g = ("]
            for i in range(P):
                rule += [wg[i], ", " if i < P - 1 else ")  Δθ = ("]
            for i in range(P):
                rule += [wd[i], ", " if i < P - 1 else ")"]
        bi = t.batch_indices
        we = _width(t.lr, 3)
        if bi.is_full:
            batch: list[str | int] = ["η = ", we, f"   B = all {bi.full_n} samples"]
        else:
            sizes = bi.sizes()
            wb = _width(t.batch_loss, 4)
            if len(sizes) and sizes.max() == 1:
                wi = len(str(max(0, len(t.y) - 1)))
                batch = ["η = ", we, "   B = {", wi, "}   batch loss = ", wb]
            else:
                ws = len(str(int(sizes.max()) if len(sizes) else 1))
                batch = ["η = ", we, "   |B| = ", ws, "   batch loss = ", wb]
        self._w.update(grads=wg, lr=we)
        return [model, rule, batch]

    @staticmethod
    def _fields(line: SplitLine, values: Sequence[float], digits: Sequence[int]) -> list[str]:
        return [_fixed(v, w, d) for v, w, d in zip(values, line.widths, digits, strict=False)]

    def _show(self, k: int) -> None:
        t = self.traj
        P = t.params.shape[1]
        values = [*t.params[k], t.loss[k]]
        self.loss_numbers.set(*self._fields(self.loss_numbers, values, [3] * P + [4]))
        if k == 0:
            self.rule_numbers.set()
            self.batch_numbers.set()
            return
        if self.plain:
            vals, digs = list(t.grads[k - 1]), [3] * P
        else:
            vals = [*t.grads[k - 1], *(t.params[k] - t.params[k - 1])]
            digs = [3] * (2 * P)
        self.rule_numbers.set(*self._fields(self.rule_numbers, vals, digs))
        bi = t.batch_indices
        eta = _fixed(t.lr[k - 1], self.batch_numbers.widths[0], 3)
        if bi.is_full:
            self.batch_numbers.set(eta)
            return
        idx = bi[k - 1]
        bl = _fixed(t.batch_loss[k - 1], self.batch_numbers.widths[-1], 4)
        who = str(int(idx[0])) if self.batch_numbers.pieces[2] == "   B = {" else str(len(idx))
        self.batch_numbers.set(eta, who, bl)
