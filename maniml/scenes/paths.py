"""Paths grown in place from a precomputed trajectory, and the update drawn as arrows.

* :func:`clip_segments` -- many segments clipped to a data box at once (safe for a diverging run);
* :class:`PathTracer` -- a polyline grown to step ``t`` (fractional steps interpolate), clipped to
  a data box, with a marker; works on 2-D axes, on a loss chart and on a 3-D surface;
* :class:`FlatArrow` and :class:`StepArrows` -- the gradient step ``-lr * grad`` and the rest of
  the update (momentum, adaptive scaling) drawn at the current point.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from manim import Dot, VGroup, VMobject

from .clipping import clip_segments
from .contours import _segment_points
from .primitives import BoxAxes

__all__ = [
    "FlatArrow",
    "PathTracer",
    "StepArrows",
    "clip_segments",
]


class _SharedMap:
    """A coordinate map that copies of a mobject share: deep-copying a bound method would copy
    the axes or chart it belongs to (manim's ``copy``, e.g. FadeIn's two copies of every part)."""

    def __init__(self, fn: Callable[[np.ndarray], np.ndarray]) -> None:
        self.fn = fn

    def __call__(self, points: np.ndarray) -> np.ndarray:
        return self.fn(points)

    def __deepcopy__(self, memo: dict) -> _SharedMap:
        return self


def _inside(p: np.ndarray, box: tuple[float, float, float, float]) -> bool:
    x0, x1, y0, y1 = box
    return bool(x0 <= p[0] <= x1 and y0 <= p[1] <= y1)


# -- paths ---------------------------------------------------------------------------------------
class PathTracer(VMobject):
    """The path of a run, drawn up to (fractional) step ``t`` and clipped to a box, in place.

    Parameters
    ----------
    rows : array, shape (n, 2)
        The points of the run in data coordinates (row ``k`` = after ``k`` steps), e.g.
        ``traj.params`` on a parameter plane or ``(step, loss)`` on a loss chart.
    to_scene : callable
        Maps data points ``(m, 2)`` to scene points ``(m, 3)``, e.g. ``axes.xy_to_points``.
    box : (x_min, x_max, y_min, y_max)
        The data box the path may be drawn in; parts outside are cut off (never drawn).
    max_vertices : int
        Longer runs are drawn through this many evenly spread rows (the marker still visits
        every row exactly), so that the cost per frame does not grow with the number of steps.
    subdivide : int
        Split each drawn segment into this many pieces before mapping (for ``to_scene`` that
        bends lines, e.g. onto a 3-D surface).
    marker_radius : float
        Radius of :attr:`marker`, a :class:`~manim.Dot` moved to the current point (hidden while
        the point is outside the box); 0 for no marker.
    vertex_rows : array of int, optional
        The rows to draw as vertices (sorted, from 0 to ``n - 1``), e.g. each bucket's min and
        max of a long loss curve; default: ``max_vertices`` evenly spread rows.

    Attributes
    ----------
    vertex_rows : ndarray
        The row indices used as vertices.
    marker : Dot or None

    Examples
    --------
    >>> ax = BoxAxes((0, 4, 1), (0, 4, 1), width=4, height=4, numbers=False)
    >>> rows = np.array([[0.5, 0.5], [1.5, 0.5], [1.5, 2.5]])
    >>> p = PathTracer(rows, ax.xy_to_points, ax.box).set_progress(1.5)
    >>> bool(np.allclose(p.marker.get_center(), ax.c2p(1.5, 1.5)))
    True
    """

    def __init__(
        self,
        rows: np.ndarray,
        to_scene: Callable[[np.ndarray], np.ndarray],
        box: tuple[float, float, float, float],
        *,
        color: str = "#FFFFFF",
        stroke_width: float = 3.0,
        opacity: float = 1.0,
        max_vertices: int = 1500,
        subdivide: int = 1,
        marker_radius: float = 0.07,
        marker_color: str | None = None,
        vertex_rows: np.ndarray | None = None,
    ) -> None:
        super().__init__(stroke_color=color, stroke_width=stroke_width, stroke_opacity=opacity)
        self.set_fill(opacity=0.0)
        self.rows = np.asarray(rows, dtype=np.float64)
        if self.rows.ndim != 2 or self.rows.shape[1] != 2 or len(self.rows) < 1:
            raise ValueError(f"PathTracer needs rows of shape (n, 2); got {self.rows.shape}.")
        self.to_scene = _SharedMap(to_scene)
        self.box = tuple(float(v) for v in box)
        self.subdivide = max(1, int(subdivide))
        n = len(self.rows)
        if vertex_rows is not None:
            vr = np.unique(np.concatenate([[0, n - 1], np.asarray(vertex_rows, dtype=np.intp)]))
            if vr[0] < 0 or vr[-1] > n - 1:
                raise ValueError(f"PathTracer's vertex_rows must lie in 0..{n - 1}.")
        elif n > max_vertices:
            vr = np.unique(np.round(np.linspace(0, n - 1, int(max_vertices))).astype(np.intp))
        else:
            vr = np.arange(n)
        self.vertex_rows = vr
        # Clip every drawn segment once; per frame only a prefix of the points is copied.
        q0, q1, vis = clip_segments(self.rows[vr[:-1]], self.rows[vr[1:]], self.box)
        self._visible_before = np.concatenate([[0], np.cumsum(vis)])  # segments among the first j
        self._segments = np.stack([q0[vis], q1[vis]], axis=1)
        self._points = self._bezier(self._segments)
        self._reference = self._reference_points()
        self.progress = 0.0
        self.marker: Dot | None = None
        if marker_radius > 0:
            self.marker = Dot(radius=marker_radius, color=marker_color or color)
            self.marker.set_z_index(0)
        self.set_progress(0.0)

    def _bezier(self, seg: np.ndarray) -> np.ndarray:
        """Scene Bezier points of data segments ``(m, 2, 2)`` (subdivided and mapped)."""
        if len(seg) == 0:
            return np.zeros((0, 3))
        m = self.subdivide
        s = np.linspace(0.0, 1.0, m + 1)
        pts = seg[:, :1] + s[None, :, None] * (seg[:, 1:] - seg[:, :1])  # (k, m + 1, 2)
        scene = np.asarray(self.to_scene(pts.reshape(-1, 2)), dtype=np.float64)
        scene = scene.reshape(len(seg), m + 1, 3)
        pieces = np.stack([scene[:, :-1], scene[:, 1:]], axis=2).reshape(-1, 2, 3)
        return _segment_points(pieces)

    def _reference_points(self) -> np.ndarray:
        x0, x1, y0, y1 = self.box
        return np.asarray(self.to_scene(np.array([[x0, y0], [x1, y1]])), dtype=np.float64)

    def _follow_axes(self) -> None:
        """Recompute the cached scene points if the axes moved or were scaled since."""
        ref = self._reference_points()
        if not np.allclose(ref, self._reference):
            self._points = self._bezier(self._segments)
            self._reference = ref

    def point_at(self, t: float) -> np.ndarray:
        """Data point at fractional step ``t`` (linear between rows)."""
        n = len(self.rows)
        t = min(max(float(t), 0.0), n - 1.0)
        k = int(np.floor(t))
        if k >= n - 1:
            return self.rows[-1].copy()
        frac = t - k
        a, b = self.rows[k], self.rows[k + 1]
        if frac == 0.0:
            return a.copy()
        with np.errstate(all="ignore"):
            p = a + frac * (b - a)
        return p if np.isfinite(p).all() else a.copy()

    def set_progress(self, t: float) -> PathTracer:
        """Draw the path from row 0 to fractional step ``t``; move the marker there."""
        n = len(self.rows)
        t = min(max(float(t), 0.0), n - 1.0)
        self.progress = t
        self._follow_axes()
        vr = self.vertex_rows
        j = int(np.searchsorted(vr, t, side="right")) - 1  # last vertex row <= t
        pts = self._points[: 4 * self.subdivide * self._visible_before[j]]
        head = self.point_at(t)
        if t > vr[j]:
            q0, q1, vis = clip_segments(self.rows[vr[j]][None], head[None], self.box)
            if vis[0]:
                extra = self._bezier(np.stack([q0, q1], axis=1))
                pts = np.concatenate([pts, extra]) if len(pts) else extra
        if len(pts):
            self.set_points(pts)
        else:
            self.clear_points()
        if self.marker is not None:
            inside = _inside(head, self.box)
            if inside:
                self.marker.move_to(self.to_scene(head[None])[0])
            self.marker.set_opacity(1.0 if inside else 0.0)
        return self

    @property
    def head_inside(self) -> bool:
        """Whether the current point lies inside the box."""
        return _inside(self.point_at(self.progress), self.box)


# -- arrows -------------------------------------------------------------------------------------
class FlatArrow(VMobject):
    """A filled arrow (shaft and head as one polygon) whose ends can be moved cheaply.

    Unlike :class:`manim.Arrow`, the head keeps its size as the arrow changes length (it shrinks
    only on arrows shorter than twice the head). The shaft is ``width`` thick whatever the
    arrow showed before.

    Examples
    --------
    >>> a = FlatArrow(width=0.04)
    >>> h0 = a.put_start_and_end_on(np.zeros(3), np.array([1.0, 0, 0])).height
    >>> h1 = a.clear_points().put_start_and_end_on(np.zeros(3), np.array([1.0, 0, 0])).height
    >>> bool(np.isclose(h0, h1)), bool(np.isclose(a.points[0, 1], 0.02))
    (True, True)
    """

    def __init__(
        self,
        *,
        color: str = "#FFFFFF",
        width: float = 0.035,
        head_length: float = 0.16,
        head_width: float = 0.13,
        opacity: float = 1.0,
    ) -> None:
        super().__init__(fill_color=color, fill_opacity=opacity, stroke_width=0.0)
        # not ``self.width``: that is manim's bounding-box width (0 while empty), so the shaft
        # would depend on what the arrow showed before
        self.shaft_width, self.head_length, self.head_width = width, head_length, head_width
        self.clear_points()

    def put_start_and_end_on(self, start: np.ndarray, end: np.ndarray) -> FlatArrow:  # type: ignore[override]
        start = np.asarray(start, dtype=np.float64)
        end = np.asarray(end, dtype=np.float64)
        v = end[:2] - start[:2]
        length = float(np.hypot(*v))
        if not np.isfinite(length) or length < 1e-3:
            self.clear_points()
            return self
        u = v / length
        n = np.array([-u[1], u[0]])
        hl = min(self.head_length, 0.5 * length)
        hw = self.head_width * hl / self.head_length
        w = min(self.shaft_width, hw * 0.6)
        s, neck = start[:2], end[:2] - hl * u
        corners = [
            s + n * w / 2,
            neck + n * w / 2,
            neck + n * hw / 2,
            end[:2],
            neck - n * hw / 2,
            neck - n * w / 2,
            s - n * w / 2,
            s + n * w / 2,
        ]
        pts = np.zeros((len(corners), 3))
        pts[:, :2] = corners
        pts[:, 2] = start[2] if len(start) > 2 else 0.0
        self.set_points_as_corners(pts)
        return self


class StepArrows(VGroup):
    """The update at the current point, split in two arrows drawn head to tail.

    ``gradient``: ``-lr_k * grad_k``, the plain gradient step; ``rest``: what the update rule
    adds to it (momentum, Nesterov's look-ahead, adaptive scaling), from the gradient arrow's
    head to ``theta_{k+1}``. For plain gradient descent the rest is zero and hidden. Arrows are
    clipped to the box.
    """

    def __init__(
        self,
        params: np.ndarray,
        grads: np.ndarray,
        lr: np.ndarray,
        axes: BoxAxes,
        *,
        gradient_color: str = "#FF6B6B",
        rest_color: str = "#4CC9F0",
        scale: float = 1.0,
    ) -> None:
        super().__init__()
        self.params = np.asarray(params, dtype=np.float64)
        grads = np.asarray(grads, dtype=np.float64)
        lr = np.asarray(lr, dtype=np.float64)
        with np.errstate(all="ignore"):
            self.gradient_step = -lr[:, None] * grads  # (S, 2)
        self.axes, self.scale_ = axes, float(scale)
        self.gradient = FlatArrow(color=gradient_color)
        self.rest = FlatArrow(color=rest_color)
        self.add(self.gradient, self.rest)

    def set_step(self, k: int) -> StepArrows:
        """Show the update of step ``k`` (from row ``k`` to row ``k + 1``)."""
        k = int(k)
        if not 0 <= k < len(self.gradient_step):
            self.gradient.clear_points()
            self.rest.clear_points()
            return self
        p = self.params[k]
        mid = p + self.scale_ * self.gradient_step[k]
        end = p + self.scale_ * (self.params[k + 1] - p)
        box = self.axes.box
        for arrow, a, b in ((self.gradient, p, mid), (self.rest, mid, end)):
            q0, q1, vis = clip_segments(a[None], b[None], box)
            if vis[0] and np.isfinite(b).all():
                arrow.put_start_and_end_on(*self.axes.xy_to_points(np.stack([q0[0], q1[0]])))
            else:
                arrow.clear_points()
        return self
