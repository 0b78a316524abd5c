"""Loss-landscape mobjects: heat maps and contour lines computed once, paths grown in place.

Everything here is computed from one vectorised evaluation of the objective over a grid and then
left still (heat map, contour lines, 3-D surface), or updated in place each frame from a
precomputed trajectory (paths, markers, arrows, loss curves). Nothing is rebuilt per frame.

The pieces:

* :class:`LevelScale` -- maps values to ``[0, 1]`` (linear or logarithmic) and picks ordered
  contour levels from it;
* :func:`marching_squares` -- vectorised contour tracing (no matplotlib, no scikit-image);
* :func:`heat_map` -- an :class:`~manim.ImageMobject` of the grid, coloured by a colour ramp,
  optionally in flat bands (filled contours);
* :class:`ContourLines` -- the contour lines, one still VMobject per level;
* :class:`PathTracer` -- a polyline grown to step ``t`` (fractional steps interpolate), clipped to
  a data box, with a marker; works on 2-D axes, on a loss chart and on a 3-D surface;
* :class:`FlatArrow` and :class:`StepArrows` -- the gradient step ``-lr * grad`` and the rest of
  the update (momentum, adaptive scaling) drawn at the current point;
* :class:`HeightSurface` -- a 3-D surface built from one grid evaluation (a cheap
  replacement for :class:`manim.Surface`, which calls the function once per vertex);
* :class:`LossChart` -- several loss curves on one pair of axes, linear or log scale.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from manim import (
    RESAMPLING_ALGORITHMS,
    Dot,
    ImageMobject,
    ManimColor,
    ThreeDVMobject,
    VGroup,
    VMobject,
)

from .primitives import BoxAxes, nice_range
from .theme import DARK, Theme

__all__ = [
    "PALETTE_DARK",
    "PALETTE_LIGHT",
    "ContourLines",
    "FlatArrow",
    "HeightSurface",
    "LevelScale",
    "LossChart",
    "PathTracer",
    "StepArrows",
    "clip_segments",
    "colormap",
    "heat_colors",
    "heat_map",
    "marching_squares",
    "palette",
]

#: One colour per optimiser (race) or per learning rate, readable on the dark heat map.
PALETTE_DARK = ("#F5F5F5", "#FF6B6B", "#FFD166", "#5BE7A9", "#4CC9F0", "#D59BFF", "#FF9F43")
#: The same roles on the light theme.
PALETTE_LIGHT = ("#111111", "#D62728", "#B8860B", "#1B9E5A", "#1F77B4", "#8E44AD", "#E67E22")

# Heat-map colour ramps, low values first: muted so that coloured paths stand out.
_HEAT_DARK = ("#0E1A33", "#16355A", "#22577A", "#3C7F86", "#6FA38A", "#B9C58F")
_HEAT_LIGHT = ("#F7FAFD", "#DCEAF4", "#B9D6E8", "#9CC5C9", "#BFD9A8", "#EFE3A4")


def _is_light(theme: Theme) -> bool:
    rgb = ManimColor(theme.background).to_rgb()
    return float(np.dot(rgb, [0.299, 0.587, 0.114])) > 0.5


def palette(theme: Theme = DARK) -> tuple[str, ...]:
    """The series colours for ``theme`` (dark or light background).

    Examples
    --------
    >>> from maniml.scenes.theme import LIGHT
    >>> palette(LIGHT)[0]
    '#111111'
    """
    return PALETTE_LIGHT if _is_light(theme) else PALETTE_DARK


def heat_colors(theme: Theme = DARK) -> tuple[str, ...]:
    """The heat-map colour ramp (low to high) for ``theme``."""
    return _HEAT_LIGHT if _is_light(theme) else _HEAT_DARK


def colormap(t: np.ndarray, colors: Sequence[str]) -> np.ndarray:
    """RGB bytes ``(..., 3)`` of values ``t`` in ``[0, 1]`` on a piecewise-linear colour ramp.

    Examples
    --------
    >>> colormap(np.array([0.0, 0.5, 1.0]), ["#000000", "#FFFFFF"]).tolist()
    [[0, 0, 0], [128, 128, 128], [255, 255, 255]]
    """
    stops = np.array([ManimColor(c).to_rgb() for c in colors], dtype=np.float64)
    if len(stops) < 2:
        raise ValueError(f"colormap needs at least two colours; got {len(stops)}.")
    t = np.clip(np.nan_to_num(np.asarray(t, dtype=np.float64), nan=1.0), 0.0, 1.0)
    pos = t * (len(stops) - 1)
    i = np.minimum(pos.astype(np.intp), len(stops) - 2)
    frac = (pos - i)[..., None]
    rgb = stops[i] * (1.0 - frac) + stops[i + 1] * frac
    return np.round(rgb * 255.0).astype(np.uint8)


# -- levels -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class LevelScale:
    """A monotone map of function values onto ``[0, 1]``: linear, or logarithmic above ``low``.

    ``log`` spaces levels evenly in ``log(z - low + offset)``, which shows the valleys of
    Rosenbrock and Beale; ``linear`` suits bowls and saddles. Use :meth:`fit` to choose.

    Examples
    --------
    >>> s = LevelScale("linear", 0.0, 10.0)
    >>> s.levels(4).round(6).tolist()
    [2.0, 4.0, 6.0, 8.0]
    >>> s.to_unit(np.array([5.0])).tolist()
    [0.5]
    """

    kind: str
    low: float
    high: float
    offset: float = 0.0

    def __post_init__(self) -> None:
        if self.kind not in ("linear", "log"):
            raise ValueError(
                f"The 'kind' of LevelScale must be 'linear' or 'log'; got {self.kind!r}."
            )
        if not (np.isfinite(self.low) and np.isfinite(self.high) and self.high > self.low):
            raise ValueError(
                f"LevelScale needs finite low < high; got {self.low!r}, {self.high!r}."
            )

    @classmethod
    def fit(cls, Z: np.ndarray, kind: str = "auto", *, floor: float | None = None) -> LevelScale:
        """Choose a scale for the finite values of ``Z``.

        ``auto`` picks ``log`` when most of the grid lies far below its maximum (the median is
        under a tenth of the span), as on Rosenbrock and Beale, else ``linear``. ``floor``, when
        given, is the known minimum value (the log scale is anchored there).
        """
        if kind not in ("auto", "linear", "log"):
            raise ValueError(
                f"The 'level_scale' setting must be one of 'auto', 'linear', 'log'; got {kind!r}."
            )
        z = np.asarray(Z, dtype=np.float64)
        z = z[np.isfinite(z)]
        if z.size == 0:
            raise ValueError("The function has no finite value on the grid.")
        lo = float(z.min()) if floor is None else min(float(floor), float(z.min()))
        hi = float(z.max())
        if not hi > lo:
            hi = lo + 1.0
        span = hi - lo
        if kind == "auto":
            kind = "log" if float(np.median(z)) - lo < 0.1 * span else "linear"
        if kind == "linear":
            return cls(kind, lo, hi)
        # Log: resolve down to the lowest percent of the grid, up to the 99th percentile (the
        # corners of Beale reach 10^5 and would leave few levels for the valleys).
        offset = max(float(np.percentile(z - lo, 1.0)), span * 1e-9)
        hi = max(float(np.percentile(z, 99.0)), lo + 10.0 * offset)
        return cls(kind, lo, hi, offset=offset)

    def to_unit(self, z: np.ndarray) -> np.ndarray:
        """Values mapped to ``[0, 1]`` (clipped)."""
        z = np.asarray(z, dtype=np.float64)
        with np.errstate(all="ignore"):
            if self.kind == "linear":
                t = (z - self.low) / (self.high - self.low)
            else:
                a = np.log(self.offset)
                b = np.log(self.high - self.low + self.offset)
                t = (np.log(np.maximum(z - self.low, 0.0) + self.offset) - a) / (b - a)
        return np.clip(np.nan_to_num(t, nan=1.0, posinf=1.0, neginf=0.0), 0.0, 1.0)

    def from_unit(self, t: np.ndarray) -> np.ndarray:
        """Inverse of :meth:`to_unit` on ``[0, 1]``."""
        t = np.asarray(t, dtype=np.float64)
        if self.kind == "linear":
            return self.low + t * (self.high - self.low)
        a = np.log(self.offset)
        b = np.log(self.high - self.low + self.offset)
        return self.low + np.exp(a + t * (b - a)) - self.offset

    def levels(self, n: int) -> np.ndarray:
        """``n`` strictly increasing levels, evenly spaced on the scale, ends excluded."""
        if int(n) < 1:
            raise ValueError(f"The 'levels' setting must be an int >= 1; got {n!r}.")
        return self.from_unit(np.linspace(0.0, 1.0, int(n) + 2)[1:-1])


# -- contour tracing ----------------------------------------------------------------------------
def marching_squares(xs: np.ndarray, ys: np.ndarray, Z: np.ndarray, level: float) -> np.ndarray:
    """Segments of the contour ``Z == level``, shape ``(m, 2, 2)`` in data coordinates.

    ``Z[i, j]`` is the value at ``(xs[j], ys[i])`` (as :func:`maniml.grid_values` returns).
    Vectorised over cells; saddle cells are split using the cell's mean value. Cells with a
    non-finite corner are skipped.

    Examples
    --------
    >>> xs = ys = np.linspace(-1.0, 1.0, 3)
    >>> Z = xs[None, :] ** 2 + ys[:, None] ** 2
    >>> seg = marching_squares(xs, ys, Z, 0.5)
    >>> seg.shape, bool(np.allclose(np.abs(seg).max(), 0.5))
    ((4, 2, 2), True)
    """
    Z = np.asarray(Z, dtype=np.float64)
    xs = np.asarray(xs, dtype=np.float64)
    ys = np.asarray(ys, dtype=np.float64)
    # Corners of every cell: a = (i, j), b = (i, j+1), c = (i+1, j+1), d = (i+1, j).
    a, b = Z[:-1, :-1], Z[:-1, 1:]
    c, d = Z[1:, 1:], Z[1:, :-1]
    finite = np.isfinite(a) & np.isfinite(b) & np.isfinite(c) & np.isfinite(d)
    X0, X1 = xs[None, :-1], xs[None, 1:]
    Y0, Y1 = ys[:-1, None], ys[1:, None]
    shape = a.shape

    def crossing(v0, v1):
        with np.errstate(all="ignore"):
            hit = ((v0 < level) != (v1 < level)) & finite
            t = np.where(hit, (level - v0) / (v1 - v0), 0.0)
        return hit, np.clip(np.nan_to_num(t), 0.0, 1.0)

    # Edges in a fixed order: bottom (a-b), right (b-c), top (d-c), left (a-d).
    hb, tb = crossing(a, b)
    hr, tr = crossing(b, c)
    ht, tt = crossing(d, c)
    hl, tl = crossing(a, d)
    ones = np.ones(shape)
    px = np.stack([X0 + tb * (X1 - X0), X1 * ones, X0 + tt * (X1 - X0), X0 * ones], axis=-1)
    py = np.stack([Y0 * ones, Y0 + tr * (Y1 - Y0), Y1 * ones, Y0 + tl * (Y1 - Y0)], axis=-1)
    pts = np.stack([px, py], axis=-1).reshape(-1, 4, 2)
    hits = np.stack([hb, hr, ht, hl], axis=-1).reshape(-1, 4)
    count = hits.sum(axis=1)

    two = np.flatnonzero(count == 2)
    order = np.argsort(~hits[two], axis=1, kind="stable")[:, :2]  # the two crossed edges
    seg2 = np.take_along_axis(pts[two], order[:, :, None], axis=1)

    four = np.flatnonzero(count == 4)
    if len(four):
        centre = ((a + b + c + d) / 4.0).reshape(-1)[four]
        low_a = a.reshape(-1)[four] < level
        # Saddle cell: a and c lie on one side of the level, b and d on the other. When the
        # centre is on a's side, a and c connect through the middle and the lines cut off b's
        # corner (bottom, right) and d's corner (top, left); otherwise they cut off a's corner
        # (bottom, left) and c's (right, top).
        join = (centre < level) == low_a
        p = pts[four]
        first = np.where(join[:, None, None], p[:, [0, 1]], p[:, [0, 3]])
        second = np.where(join[:, None, None], p[:, [2, 3]], p[:, [1, 2]])
        seg4 = np.concatenate([first, second], axis=0)
        return np.concatenate([seg2, seg4], axis=0)
    return seg2


def _segment_points(segments: np.ndarray) -> np.ndarray:
    """Cubic Bezier control points ``(4m, 3)`` of straight segments given as ``(m, 2, 3)``."""
    p0, p1 = segments[:, 0], segments[:, 1]
    d = p1 - p0
    return np.stack([p0, p0 + d / 3.0, p0 + 2.0 * d / 3.0, p1], axis=1).reshape(-1, 3)


def _to_3d(xy: np.ndarray) -> np.ndarray:
    out = np.zeros(xy.shape[:-1] + (3,))
    out[..., :2] = xy[..., :2]
    return out


class ContourLines(VGroup):
    """Contour lines of a grid on 2-D axes, traced once: one still VMobject per level.

    Parameters
    ----------
    axes : BoxAxes
    xs, ys, Z : arrays
        The grid (:func:`maniml.grid_values`).
    levels : array_like
        Increasing contour levels.
    color : str
        Line colour; ``opacity`` and ``stroke_width`` as for any VMobject.

    Attributes
    ----------
    levels : ndarray
        The levels drawn, ascending.
    """

    def __init__(
        self,
        axes: BoxAxes,
        xs: np.ndarray,
        ys: np.ndarray,
        Z: np.ndarray,
        levels: Sequence[float],
        *,
        color: str = "#FFFFFF",
        opacity: float = 0.35,
        stroke_width: float = 1.2,
    ) -> None:
        super().__init__()
        self.levels = np.asarray(levels, dtype=np.float64)
        if self.levels.ndim != 1 or np.any(np.diff(self.levels) <= 0):
            raise ValueError("ContourLines needs strictly increasing levels.")
        for level in self.levels:
            seg = marching_squares(xs, ys, Z, float(level))
            line = VMobject(stroke_color=color, stroke_width=stroke_width, stroke_opacity=opacity)
            line.set_fill(opacity=0.0)
            if len(seg):
                scene = axes.c2p(seg[..., 0].ravel(), seg[..., 1].ravel()).reshape(-1, 2, 3)
                line.set_points(_segment_points(scene))
            self.add(line)


def heat_map(
    axes: BoxAxes,
    f: Callable[[np.ndarray], np.ndarray],
    scale: LevelScale,
    colors: Sequence[str],
    *,
    resolution: int = 240,
    bands: int | None = None,
    box: tuple[float, float, float, float] | None = None,
) -> ImageMobject:
    """An image of ``f`` over the axes' box, coloured by ``scale`` and ``colors``.

    ``f`` takes a stack of points ``(..., 2)`` and is called once, at pixel centres. With
    ``bands`` the colours are flat between ``bands`` evenly spaced levels of ``scale`` (filled
    contours; give the same number as the contour lines so that edges and lines coincide).
    """
    x0, x1, y0, y1 = axes.box if box is None else box
    w = int(resolution)
    h = max(2, int(round(w * (y1 - y0) / (x1 - x0) * _aspect(axes))))
    px = x0 + (np.arange(w) + 0.5) * (x1 - x0) / w
    py = y1 - (np.arange(h) + 0.5) * (y1 - y0) / h  # image rows run top to bottom
    grid = np.stack(np.meshgrid(px, py), axis=-1)
    with np.errstate(all="ignore"):
        Z = np.asarray(f(grid), dtype=np.float64)
    t = scale.to_unit(Z)
    if bands:
        n = int(bands) + 1  # n levels cut the scale into n + 1 bands
        t = (np.minimum(np.floor(t * n), n - 1) + 0.5) / n
    rgba = np.empty((h, w, 4), dtype=np.uint8)
    rgba[..., :3] = colormap(t, colors)
    rgba[..., 3] = 255
    image = ImageMobject(rgba)
    image.set_resampling_algorithm(RESAMPLING_ALGORITHMS["bilinear"])
    lo = axes.c2p(x0, y0)
    hi = axes.c2p(x1, y1)
    image.stretch_to_fit_width(hi[0] - lo[0])
    image.stretch_to_fit_height(hi[1] - lo[1])
    image.move_to((lo + hi) / 2.0)
    return image


def _aspect(axes: BoxAxes) -> float:
    """Scene units per data unit along y over those along x (1 on equal-aspect axes)."""
    x0, x1, y0, y1 = axes.box
    lo, hi = axes.c2p(x0, y0), axes.c2p(x1, y1)
    return float(((hi[1] - lo[1]) / (y1 - y0)) / ((hi[0] - lo[0]) / (x1 - x0)))


# -- clipping -----------------------------------------------------------------------------------
# Points further than this many box spans outside the box are "far": a segment between two far
# points is not drawn (its position is not meaningful in float64 and it is off screen anyway).
_FAR = 1e6


def clip_segments(
    p0: np.ndarray, p1: np.ndarray, box: tuple[float, float, float, float]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Clip many segments to ``box = (x_min, x_max, y_min, y_max)`` at once (Liang-Barsky).

    Returns ``(q0, q1, visible)``: clipped end points ``(m, 2)`` and a mask of segments that meet
    the box. Safe for huge coordinates (a diverging run): segments whose two ends both lie more
    than a million box spans away are reported invisible rather than computed in lost precision.

    Examples
    --------
    >>> q0, q1, vis = clip_segments(np.array([[-1.0, 0.0]]), np.array([[3.0, 4.0]]), (0, 2, 0, 2))
    >>> q0.tolist(), q1.tolist(), vis.tolist()
    ([[0.0, 1.0]], [[1.0, 2.0]], [True])
    """
    p0 = np.asarray(p0, dtype=np.float64).reshape(-1, 2)
    p1 = np.asarray(p1, dtype=np.float64).reshape(-1, 2)
    x_min, x_max, y_min, y_max = (float(v) for v in box)
    lo = np.array([x_min, y_min])
    span = np.array([x_max - x_min, y_max - y_min])
    with np.errstate(all="ignore"):
        u0 = (p0 - lo) / span
        u1 = (p1 - lo) / span
        far0 = ~np.all(np.abs(u0 - 0.5) < _FAR, axis=1)
        far1 = ~np.all(np.abs(u1 - 0.5) < _FAR, axis=1)
        # Work from the nearer end, so that the clipped points are computed accurately.
        swap = far0 & ~far1
        a = np.where(swap[:, None], u1, u0)
        b = np.where(swap[:, None], u0, u1)
        d = b - a
        t0 = np.zeros(len(a))
        t1 = np.ones(len(a))
        ok = np.isfinite(a).all(axis=1) & np.isfinite(d).all(axis=1) & ~(far0 & far1)
        for p, q in ((-d[:, 0], a[:, 0]), (d[:, 0], 1.0 - a[:, 0]),
                     (-d[:, 1], a[:, 1]), (d[:, 1], 1.0 - a[:, 1])):  # fmt: skip
            parallel = p == 0.0
            ok &= ~(parallel & (q < 0.0))
            r = np.where(parallel, 0.0, q / np.where(parallel, 1.0, p))
            t0 = np.where(~parallel & (p < 0.0), np.maximum(t0, r), t0)
            t1 = np.where(~parallel & (p > 0.0), np.minimum(t1, r), t1)
        ok &= t0 <= t1
        qa = a + t0[:, None] * d
        qb = a + t1[:, None] * d
        q0 = np.where(swap[:, None], qb, qa)
        q1 = np.where(swap[:, None], qa, qb)
        q0 = np.clip(q0, 0.0, 1.0) * span + lo
        q1 = np.clip(q1, 0.0, 1.0) * span + lo
    ok &= np.isfinite(q0).all(axis=1) & np.isfinite(q1).all(axis=1)
    q0[~ok] = 0.0
    q1[~ok] = 0.0
    return q0, q1, ok


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
    ) -> None:
        super().__init__(stroke_color=color, stroke_width=stroke_width, stroke_opacity=opacity)
        self.set_fill(opacity=0.0)
        self.rows = np.asarray(rows, dtype=np.float64)
        if self.rows.ndim != 2 or self.rows.shape[1] != 2 or len(self.rows) < 1:
            raise ValueError(f"PathTracer needs rows of shape (n, 2); got {self.rows.shape}.")
        self.to_scene = to_scene
        self.box = tuple(float(v) for v in box)
        self.subdivide = max(1, int(subdivide))
        n = len(self.rows)
        if n > max_vertices:
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
    only on arrows shorter than twice the head).
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
        self.width, self.head_length, self.head_width = width, head_length, head_width
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
        w = min(self.width, hw * 0.6)
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


# -- 3-D surface --------------------------------------------------------------------------------
class HeightSurface(VGroup):
    """The graph ``z = f(x, y)`` as ``resolution**2`` faces, from one vectorised call of ``f``.

    Faces are :class:`~manim.ThreeDVMobject` quads coloured by height on ``colors`` (through
    ``scale``), drawn with depth sorting by the 3-D camera.

    Parameters
    ----------
    f : callable
        Takes a stack of points ``(..., 2)``.
    to_scene : callable
        Maps ``(m, 3)`` data points ``(x, y, z)`` to scene points.
    box : (x_min, x_max, y_min, y_max)
    resolution : int
        Faces per side (24 gives 576 polygons; Cairo draws every one each frame it redraws).
    z_clip : (low, high), optional
        Heights are clipped to this range (for functions that shoot up at the corners).
    """

    def __init__(
        self,
        f: Callable[[np.ndarray], np.ndarray],
        to_scene: Callable[[np.ndarray], np.ndarray],
        box: tuple[float, float, float, float],
        *,
        resolution: int = 24,
        scale: LevelScale | None = None,
        colors: Sequence[str] = _HEAT_DARK,
        opacity: float = 0.9,
        stroke_color: str = "#FFFFFF",
        stroke_width: float = 0.4,
        stroke_opacity: float = 0.25,
        z_clip: tuple[float, float] | None = None,
    ) -> None:
        super().__init__()
        x0, x1, y0, y1 = box
        r = int(resolution)
        xs = np.linspace(x0, x1, r + 1)
        ys = np.linspace(y0, y1, r + 1)
        grid = np.stack(np.meshgrid(xs, ys), axis=-1)
        with np.errstate(all="ignore"):
            Z = np.asarray(f(grid), dtype=np.float64)
        if z_clip is not None:
            Z = np.clip(Z, *z_clip)
        self.Z = Z
        pts = to_scene(np.concatenate([grid, Z[..., None]], axis=-1).reshape(-1, 3)).reshape(
            r + 1, r + 1, 3
        )
        centre = (Z[:-1, :-1] + Z[:-1, 1:] + Z[1:, 1:] + Z[1:, :-1]) / 4.0
        scale = scale or LevelScale.fit(Z)
        rgb = colormap(scale.to_unit(centre), colors)
        for i in range(r):
            for j in range(r):
                face = ThreeDVMobject()
                corners = np.array(
                    [pts[i, j], pts[i, j + 1], pts[i + 1, j + 1], pts[i + 1, j], pts[i, j]]
                )
                face.set_points_as_corners(corners)
                colour = "#{:02X}{:02X}{:02X}".format(*rgb[i, j])
                face.set_fill(colour, opacity=opacity)
                face.set_stroke(stroke_color, width=stroke_width, opacity=stroke_opacity)
                self.add(face)


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
