"""Paths grown in place from a precomputed trajectory, and the update drawn as arrows.

* :func:`clip_segments` -- many segments clipped to a data box at once (safe for a diverging run);
* :class:`PathTracer` -- a polyline grown to step ``t`` (fractional steps interpolate), clipped to
  a data box, with a marker; works on 2-D axes, on a loss chart and on a 3-D surface; optionally
  a trail that fades with age (``fade``) and a dot at every visited row (``dot_radius``);
* :class:`StepDots` -- a dot at every visited row up to step ``t``, thinned where steps overlap
  (:func:`spaced_rows`) and fading with age, drawn as a few VMobjects of circle subpaths;
* :class:`FlatArrow` and :class:`StepArrows` -- the gradient step ``-lr * grad`` and the rest of
  the update (momentum, adaptive scaling) drawn at the current point.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from manim import Circle, Dot, VGroup, VMobject

from .clipping import clip_segments
from .contours import _segment_points
from .primitives import BoxAxes

__all__ = [
    "FlatArrow",
    "PathTracer",
    "StepArrows",
    "StepDots",
    "age_layers",
    "clip_segments",
    "spaced_rows",
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


# -- fading with age -----------------------------------------------------------------------------
def age_layers(fade: float, levels: int, floor: float) -> tuple[np.ndarray, np.ndarray]:
    """The age bands of a fading trail: ``(edges, opacities)``.

    A row ``a`` steps old (``a = t - row``) is drawn at ``opacities[b]`` for the first edge
    ``edges[b] > a`` (``levels`` bands of ``fade / levels`` steps each, the newest at full
    opacity), and at ``floor`` once it is ``fade`` or more steps old.

    Examples
    --------
    >>> edges, alpha = age_layers(8.0, 4, 0.2)
    >>> edges.tolist(), alpha.round(2).tolist()
    ([2.0, 4.0, 6.0, 8.0], [1.0, 0.8, 0.6, 0.4])
    """
    n = max(1, int(levels))
    edges = float(fade) * np.arange(1, n + 1) / n
    opacities = 1.0 - (1.0 - float(floor)) * np.arange(n) / n
    return edges, opacities


def _age_counts(rows: np.ndarray, t: float, edges: np.ndarray) -> np.ndarray:
    """``counts[b]``: how many of the sorted ``rows`` are at least ``edges[b]`` steps old at step
    ``t`` (rows ``<= t - edges[b]``)."""
    return np.searchsorted(rows, t - edges + 1e-9, side="right")


def spaced_rows(points: np.ndarray, gap: float) -> np.ndarray:
    """The rows of a path (scene coordinates) that get a step dot: the start, and the end of
    every step at least ``gap`` long that does not land within ``gap`` of a dot kept before
    (walking the rows in order; only the first such row in each cell of side ``gap / sqrt(2)``
    is a candidate). Non-finite rows are never kept.

    So each dot is a step you can see: the big early steps all keep their dot and can be
    counted; a run creeping along a valley (steps shorter than a dot) shows its line only, and
    one that zig-zags or bounces around the same spot does not pile its dots into a solid line.

    Examples
    --------
    >>> pts = np.array([[0.0, 0.0], [1.0, 0.0], [1.05, 0.0], [0.02, 0.01], [2.0, 0.0], [2.1, 0]])
    >>> spaced_rows(pts, 0.5).tolist()
    [0, 1, 4]
    """
    pts = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    gap = float(gap)
    ok = np.isfinite(pts).all(axis=1) & (np.abs(pts) < 1e12).all(axis=1)
    if not gap > 0:
        return np.flatnonzero(ok).astype(np.intp)
    with np.errstate(invalid="ignore"):
        step = np.concatenate([[np.inf], np.hypot(*np.diff(pts, axis=0).T)])
    eligible = np.flatnonzero(ok & ~(step < gap))  # a NaN step (after a jump) counts as long
    if len(eligible) == 0:
        return eligible.astype(np.intp)
    cell = gap / np.sqrt(2.0)  # two points in one cell are within gap
    ij = np.floor(pts[eligible] / cell).astype(np.int64)
    _, first = np.unique(ij, axis=0, return_index=True)
    kept: list[int] = []
    grid: dict[tuple[int, int], np.ndarray] = {}
    g2 = gap * gap
    for c in np.sort(first):
        i, j = int(ij[c, 0]), int(ij[c, 1])
        p = pts[eligible[c]]
        near = False
        for di in (-2, -1, 0, 1, 2):
            for dj in (-2, -1, 0, 1, 2):
                q = grid.get((i + di, j + dj))
                if q is not None and (q[0] - p[0]) ** 2 + (q[1] - p[1]) ** 2 < g2:
                    near = True
                    break
            if near:
                break
        if not near:
            grid[(i, j)] = p
            kept.append(int(eligible[c]))
    return np.asarray(kept, dtype=np.intp)


class StepDots(VGroup):
    """A dot at every row visited up to (fractional) step ``t``, fading with age, updated in
    place: one VMobject of circle subpaths per age band (a handful, however many dots).

    Parameters
    ----------
    rows : array, shape (n, 2)
        The run's points in data coordinates (row ``k`` = after ``k`` steps).
    to_scene : callable
        Maps data points ``(m, 2)`` to scene points ``(m, 3)``.
    box : (x_min, x_max, y_min, y_max)
        Rows outside the box get no dot.
    radius : float
        Dot radius in scene units.
    gap : float, optional
        Dots whose centres would be closer than this (scene units) are thinned
        (:func:`spaced_rows`); default ``3.4 * radius`` (at least 1.4 radii of background
        between neighbours). 0 keeps every row.
    fade : float
        Steps over which a dot fades from full opacity to ``floor`` (0: no fading).
    levels : int
        Opacity bands of the fade (each one VMobject).

    Attributes
    ----------
    dot_rows : ndarray
        The rows that get a dot (sorted); row ``k`` shows once ``t >= k``.
    rows_in_view : int
        The rows inside the box (those that could get a dot); :attr:`thinned` says whether
        some of them have none.
    layers : list of VMobject
        The bands, oldest first (the newest is drawn on top).

    Examples
    --------
    >>> ax = BoxAxes((0, 4, 1), (0, 4, 1), width=4, height=4, numbers=False)
    >>> rows = np.array([[0.5, 0.5], [1.5, 0.5], [1.5, 2.5], [1.52, 2.5]])
    >>> d = StepDots(rows, ax.xy_to_points, ax.box, radius=0.05).set_progress(2.5)
    >>> d.dot_rows.tolist(), np.round(d.centres()[:, :2] - ax.c2p(0, 0)[:2], 6).tolist()
    ([0, 1, 2], [[0.5, 0.5], [1.5, 0.5], [1.5, 2.5]])
    """

    def __init__(
        self,
        rows: np.ndarray,
        to_scene: Callable[[np.ndarray], np.ndarray],
        box: tuple[float, float, float, float],
        *,
        radius: float = 0.04,
        color: str = "#FFFFFF",
        opacity: float = 1.0,
        gap: float | None = None,
        fade: float = 0.0,
        floor: float = 0.45,
        levels: int = 4,
    ) -> None:
        super().__init__()
        self.rows = np.asarray(rows, dtype=np.float64).reshape(-1, 2)
        self.to_scene = to_scene
        self.box = tuple(float(v) for v in box)
        self.radius = float(radius)
        self.gap = 3.4 * self.radius if gap is None else float(gap)
        self._template = Circle(radius=self.radius, num_components=5).points.copy()
        x0, x1, y0, y1 = self.box
        px, py = self.rows[:, 0], self.rows[:, 1]
        with np.errstate(invalid="ignore"):
            inside = (px >= x0) & (px <= x1) & (py >= y0) & (py <= y1)
        scene = np.full((len(self.rows), 2), np.nan)  # rows outside the box: no dot
        scene[inside] = self._scene(self.rows[inside])[:, :2]
        self.dot_rows = spaced_rows(scene, self.gap)
        self.rows_in_view = int(np.isfinite(scene).all(axis=1).sum())
        self._reference = self._reference_points()
        self._points = self._circles(self._scene(self.rows[self.dot_rows]))
        self.fade_steps, self.levels, self.opacity = float(fade), int(levels), float(opacity)
        self.edges = age_layers(fade, levels, floor)[0] if fade > 0 else np.zeros(0)
        self.layers = [
            VMobject(fill_color=color, stroke_width=0.0) for _ in range(len(self.edges) + 1)
        ]
        self.add(*self.layers)
        self.set_fade_floor(floor)
        self.progress = 0.0
        self.set_progress(0.0)

    @property
    def thinned(self) -> bool:
        """Whether some row in the box got no dot (its dot would have touched another)."""
        return len(self.dot_rows) < self.rows_in_view

    def _scene(self, xy: np.ndarray) -> np.ndarray:
        if len(xy) == 0:
            return np.zeros((0, 3))
        return np.asarray(self.to_scene(xy), dtype=np.float64).reshape(-1, 3)

    def _circles(self, centres: np.ndarray) -> np.ndarray:
        return (self._template[None, :, :] + centres[:, None, :]).reshape(-1, 3)

    def _reference_points(self) -> np.ndarray:
        x0, x1, y0, y1 = self.box
        return self._scene(np.array([[x0, y0], [x1, y1]]))

    def set_fade_floor(self, floor: float) -> StepDots:
        """Draw the dots older than ``fade`` at ``floor`` of the opacity (the bands between
        spread evenly; 1: no fading)."""
        alphas = np.ones(1)
        if self.fade_steps > 0:
            alphas = np.concatenate(
                [[floor], age_layers(self.fade_steps, self.levels, floor)[1][::-1]]
            )
        for layer, a in zip(self.layers, alphas, strict=True):  # oldest first
            layer.set_fill(opacity=self.opacity * a)
        return self

    def centres(self) -> np.ndarray:
        """Scene centres ``(m, 3)`` of the dots shown now, in row order."""
        pts = [layer.points for layer in self.layers if len(layer.points)]
        if not pts:
            return np.zeros((0, 3))
        m = len(self._template)
        return np.concatenate(pts).reshape(-1, m, 3).mean(axis=1)

    def set_progress(self, t: float) -> StepDots:
        """Show the dots of rows ``<= t``, each band at its opacity."""
        ref = self._reference_points()
        if not np.allclose(ref, self._reference):  # the axes moved: remap the dots
            self._points = self._circles(self._scene(self.rows[self.dot_rows]))
            self._reference = ref
        t = float(t)
        self.progress = t
        m = len(self._template)
        shown = int(np.searchsorted(self.dot_rows, t + 1e-9, side="right"))
        # counts[0]: rows old enough for the floor layer; then one count per band
        cuts = _age_counts(self.dot_rows, t, self.edges[::-1]) if len(self.edges) else []
        bounds = [0, *(min(int(c), shown) for c in cuts), shown]
        for layer, a, b in zip(self.layers, bounds[:-1], bounds[1:], strict=True):
            if b > a:
                layer.set_points(self._points[a * m : b * m])
            else:
                layer.clear_points()
        return self


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
    fade : float
        A trail: the segment ending at row ``k`` is drawn at full opacity while it is less than
        ``fade / fade_levels`` steps old, then fainter in ``fade_levels`` bands, down to
        ``fade_floor`` of ``opacity`` once it is ``fade`` steps old (:func:`age_layers`);
        0 (the default) draws the whole path at ``opacity``.
    dot_radius : float
        A dot of this radius at every visited row (:class:`StepDots`, fading as the trail,
        thinned where dots would touch: ``dot_gap``); 0 for none.

    Attributes
    ----------
    vertex_rows : ndarray
        The row indices used as vertices.
    marker : Dot or None
    layers : list of VMobject
        With ``fade``: the trail's bands, oldest first (submobjects; the tracer's own points are
        the part older than ``fade``).
    dots : StepDots or None
        With ``dot_radius``: the dots (a submobject, drawn above the line).

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
        fade: float = 0.0,
        fade_floor: float = 0.45,
        fade_levels: int = 4,
        dot_radius: float = 0.0,
        dot_gap: float | None = None,
    ) -> None:
        self.fade_steps = max(0.0, float(fade))
        base = opacity * fade_floor if self.fade_steps > 0 else opacity
        super().__init__(stroke_color=color, stroke_width=stroke_width, stroke_opacity=base)
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
        self.opacity, self.fade_levels = float(opacity), int(fade_levels)
        self.layers: list[VMobject] = []
        self.edges = np.zeros(0)
        if self.fade_steps > 0:
            self.edges, alphas = age_layers(self.fade_steps, fade_levels, fade_floor)
            for a in alphas[::-1]:  # oldest band first, the newest drawn on top
                layer = VMobject(
                    stroke_color=color, stroke_width=stroke_width, stroke_opacity=opacity * a
                )
                self.layers.append(layer.set_fill(opacity=0.0))
            self.add(*self.layers)
        self.dots: StepDots | None = None
        if dot_radius > 0:
            self.dots = StepDots(
                self.rows,
                to_scene,
                self.box,
                radius=dot_radius,
                color=color,
                opacity=opacity,
                gap=dot_gap,
                fade=self.fade_steps,
                floor=fade_floor,
                levels=fade_levels,
            )
            self.add(self.dots)
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
        per, vb = 4 * self.subdivide, self._visible_before
        # segments [bounds[i], bounds[i + 1]) go to the tracer itself (i = 0), then to each
        # band of the trail, oldest first; segment s ends at row vr[s + 1]
        cuts = _age_counts(vr[1 : j + 1], t, self.edges[::-1]) if self.fade_steps > 0 else []
        bounds = [0, *(int(c) for c in cuts), j]
        parts = [
            self._points[per * vb[a] : per * vb[b]]
            for a, b in zip(bounds, bounds[1:], strict=False)
        ]
        head = self.point_at(t)
        if t > vr[j]:
            q0, q1, vis = clip_segments(self.rows[vr[j]][None], head[None], self.box)
            if vis[0]:
                extra = self._bezier(np.stack([q0, q1], axis=1))
                parts[-1] = np.concatenate([parts[-1], extra]) if len(parts[-1]) else extra
        for mob, pts in zip([self, *self.layers], parts, strict=True):
            if len(pts):
                mob.set_points(pts)
            else:
                mob.clear_points()
        if self.dots is not None:
            self.dots.set_progress(t)
        if self.marker is not None:
            inside = _inside(head, self.box)
            if inside:
                self.marker.move_to(self.to_scene(head[None])[0])
            self.marker.set_opacity(1.0 if inside else 0.0)
        return self

    def path_points(self) -> np.ndarray:
        """The Bezier points of the path drawn now, from the start to the head (the tracer's
        own, then each band's of the trail)."""
        parts = [m.points for m in (self, *self.layers) if len(m.points)]
        return np.concatenate(parts) if parts else np.zeros((0, 3))

    def set_fade_floor(self, floor: float) -> PathTracer:
        """Draw the trail's older parts at ``floor`` of the opacity from now on (1: no fading,
        e.g. to show the whole path at the end); the bands between are spread evenly."""
        if self.fade_steps > 0:
            _, alphas = age_layers(self.fade_steps, self.fade_levels, floor)
            self.set_stroke(opacity=self.opacity * floor, family=False)
            for layer, a in zip(self.layers, alphas[::-1], strict=True):
                layer.set_stroke(opacity=self.opacity * a)
        if self.dots is not None:
            self.dots.set_fade_floor(floor)
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
