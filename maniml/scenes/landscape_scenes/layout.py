"""Layout of a 2-D landscape: the view around the paths, equal-aspect axes on round ticks, and the
still layers (heat map, contour lines, minima) in ``_Landscape``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import Group, VGroup, config

from ...functions import Objective
from ...surfaces import grid_values
from ...trajectory import Trajectory
from ..contours import ColorKey, ContourLines, LevelScale, heat_colors, heat_map
from ..primitives import BoxAxes, nice_range
from ..theme import Theme
from ._common import LandscapeSettings, _cross, _min_value

__all__ = []

#: The fitted views of the one-problem scenes (contour, learning rates) also show this fraction
#: of the paths' extent around the minimum: its contours, rather than the minimum in a corner
#: where a path ends.
VIEW_AROUND = 0.3


# -- layout helpers -------------------------------------------------------------------------------------
def _fw() -> float:
    return float(config.frame_width)


def _fh() -> float:
    return float(config.frame_height)


def _view_ranges(
    function: Objective,
    paths: Sequence[np.ndarray],
    x_range: tuple[float, float] | None,
    y_range: tuple[float, float] | None,
) -> tuple[tuple[float, float], tuple[float, float]]:
    """The data box: the domain grown to the paths' points (ignoring points that fled far)."""
    (dx0, dx1), (dy0, dy1) = function.domain
    lo = np.array([dx0, dy0], dtype=float)
    hi = np.array([dx1, dy1], dtype=float)
    centre, span = (lo + hi) / 2, hi - lo
    for p in paths:
        # The start always shows; later points widen the view beyond the domain by at most a
        # tenth of its span (runaway points are cut at the axes).
        p = np.asarray(p, dtype=float)
        near = np.all(np.abs(p - centre) <= 0.6 * span, axis=1)
        near[0] = True
        lo = np.minimum(lo, p[near].min(axis=0))
        hi = np.maximum(hi, p[near].max(axis=0))
    xr = x_range or (float(lo[0]), float(hi[0]))
    yr = y_range or (float(lo[1]), float(hi[1]))
    return xr, yr


def _tight_range(lo: float, hi: float) -> tuple[float, float, float]:
    """Round ticks covering ``[lo, hi]`` with the least padding (4 to 8 ticks).

    Examples
    --------
    >>> _tight_range(-1.0, 5.0)
    (-1.0, 5.0, 1.0)
    """
    best = None
    for n in (5, 4, 6, 7, 8):
        r = nice_range(lo, hi, n, pad=0.0)
        waste = (r[1] - r[0]) - (hi - lo)
        if best is None or waste < best[0] - 1e-9 * (hi - lo):
            best = (waste, r)
    return best[1]


def _plane_axes(
    xr: tuple[float, float],
    yr: tuple[float, float],
    max_w: float,
    max_h: float,
    theme: Theme,
    *,
    font_size: float = 16,
    labels: tuple[str, str] = ("x", "y"),
    numbers: bool = True,
    exact: bool = False,
) -> BoxAxes:
    """Equal-aspect axes on round ticks covering the ranges, fitting ``max_w`` x ``max_h``."""
    if exact:
        x0, x1 = xr
        y0, y1 = yr
        xs = nice_range(x0, x1, 5, pad=0.0)[2]
        ys = nice_range(y0, y1, 5, pad=0.0)[2]
    else:
        x0, x1, xs = _tight_range(*xr)
        y0, y1, ys = _tight_range(*yr)
    unit = min(max_w / (x1 - x0), max_h / (y1 - y0))
    return BoxAxes(
        (x0, x1, xs),
        (y0, y1, ys),
        width=unit * (x1 - x0),
        height=unit * (y1 - y0),
        theme=theme,
        font_size=font_size,
        x_label=labels[0],
        y_label=labels[1],
        numbers=numbers,
    )


class _Landscape:
    """The still layers of a 2-D landscape: axes, heat map, contour lines, minima marks."""

    def __init__(
        self,
        s: LandscapeSettings,
        paths: Sequence[np.ndarray],
        max_w: float,
        max_h: float,
        *,
        font_size: float = 16,
    ) -> None:
        f, theme = s.function, s.theme
        xr, yr = _view_ranges(f, paths, s.x_range, s.y_range)
        exact = s.x_range is not None and s.y_range is not None
        self.axes = _plane_axes(xr, yr, max_w, max_h, theme, font_size=font_size, exact=exact)
        box = self.axes.box
        xs, ys, Z = grid_values(f, box[:2], box[2:], resolution=s.resolution)
        finite = Z[np.isfinite(Z)]
        self.z_span = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
        self.fmin = _min_value(f)
        self.scale = LevelScale.fit(Z, s.level_scale, floor=self.fmin)
        self.levels = self.scale.levels(s.levels)
        colours = s.heat_colors or heat_colors(theme)
        self.colours, self.bands = colours, (s.levels if s.bands else None)
        self.image = None
        if s.filled:
            self.image = heat_map(
                self.axes,
                f,
                self.scale,
                colours,
                resolution=s.image_resolution,
                bands=s.levels if s.bands else None,
            )
        self.lines = ContourLines(
            self.axes, xs, ys, Z, self.levels, color=theme.text, opacity=0.28, stroke_width=1.0
        )
        self.minima = VGroup()
        for m in f.minima:
            if self.axes.contains(m[0], m[1]):
                self.minima.add(_cross(self.axes.c2p(m[0], m[1]), 0.22, theme.optimum))

    def key(
        self,
        theme: Theme,
        *,
        width: float = 1.8,
        title: str = "f(x, y)",
        log_title: str | None = None,
        font_size: float = 15,
    ) -> ColorKey | None:
        """The heat map's key (None without a heat map: the lines alone are not coloured); on a
        log scale above the known minimum its title is ``log_title`` (default "f − f*")."""
        if self.image is None:
            return None
        if self.scale.kind == "log" and self.fmin is not None and self.scale.low == self.fmin:
            if self.fmin != 0.0:
                title = log_title or "f − f*"
        return ColorKey(
            self.scale, self.colours, self.bands, width=width, title=title, theme=theme,
            font_size=font_size,
        )  # fmt: skip

    def mobjects(self) -> list:
        out = [self.image] if self.image is not None else []
        return out + [self.lines, self.axes, self.minima]

    def shift(self, v: np.ndarray) -> _Landscape:
        Group(*self.mobjects()).shift(v)
        return self


def _linear_loss_range(land: _Landscape, runs: Sequence[Trajectory]) -> tuple[float, float]:
    """Loss-chart range without a known minimum: the values the view shows (a run that
    heads to minus infinity leaves the chart at the bottom rather than flatten it)."""
    lo, hi = land.z_span
    start = max(float(t.loss[0]) for t in runs)
    return min(lo, start), max(start, lo + 1e-9 + 0.25 * (hi - lo))


def _fit_view(
    function: Objective,
    paths: Sequence[np.ndarray],
    margin: float = 0.08,
    min_ratio: float = 0.4,
    around: float = 0.0,
) -> tuple[tuple[float, float], tuple[float, float]]:
    """A view chosen from the paths and the optimum: the union of every path's points (its
    first 90 % unless they run away beyond three domain spans, later ones within the domain
    grown by a tenth, as in :func:`_view_ranges`)
    and the known minima in the domain, grown by ``margin`` of its span on each side; the
    shorter side is at least ``min_ratio`` of the longer (a straight path keeps some context).
    ``around`` > 0 also shows that fraction of the paths' extent on every side of each minimum
    (a path that ends at the optimum does not leave it in a corner).

    Examples
    --------
    >>> from maniml import Bowl
    >>> (x0, x1), (y0, y1) = _fit_view(Bowl(), [np.array([[-1.0, 0.0], [0.0, 1.0], [1.0, 2.0]])])
    >>> [round(v, 2) for v in (x0, x1, y0, y1)]
    [-1.16, 1.16, -0.16, 2.16]
    """
    (dx0, dx1), (dy0, dy1) = function.domain
    lo0 = np.array([dx0, dy0], dtype=float)
    hi0 = np.array([dx1, dy1], dtype=float)
    centre, span = (lo0 + hi0) / 2, hi0 - lo0
    pts = []
    for p in paths:
        p = np.asarray(p, dtype=float)
        p = p[np.isfinite(p).all(axis=1)]
        near = np.all(np.abs(p - centre) <= 0.6 * span, axis=1)
        first = np.zeros(len(p), dtype=bool)
        first[: max(1, int(np.ceil(0.9 * len(p))))] = True
        near |= first & np.all(np.abs(p - centre) <= 3.0 * span, axis=1)  # not a runaway
        pts.append(p[near])
    m = np.asarray(function.minima, dtype=float).reshape(-1, 2)
    inside = np.all((m >= lo0) & (m <= hi0), axis=1) if len(m) else np.zeros(0, bool)
    pts.append(m[inside])
    allp = np.concatenate([q for q in pts if len(q)]) if any(len(q) for q in pts) else lo0[None]
    lo, hi = allp.min(axis=0), allp.max(axis=0)
    if around > 0 and inside.any():
        room = around * (hi - lo).max()
        lo = np.minimum(lo, m[inside].min(axis=0) - room)
        hi = np.maximum(hi, m[inside].max(axis=0) + room)
    size = np.maximum(hi - lo, 1e-9 * np.maximum(span, 1.0))
    size = np.maximum(size, min_ratio * size.max())
    mid = (lo + hi) / 2
    lo, hi = mid - size / 2 * (1 + 2 * margin), mid + size / 2 * (1 + 2 * margin)
    return (float(lo[0]), float(hi[0])), (float(lo[1]), float(hi[1]))


def _chosen_view(
    function: Objective,
    paths: Sequence[np.ndarray],
    x_range: tuple[float, float] | None,
    y_range: tuple[float, float] | None,
    *,
    around: float = 0.0,
) -> tuple[tuple[float, float], tuple[float, float]]:
    """The view of a landscape scene: the ranges set, else (each unset one) from the run: with a
    known minimum the union of the paths and the optimum with a margin (:func:`_fit_view`, with
    ``around``), without one (an escape) the function's domain grown to the paths
    (:func:`_view_ranges`).

    Examples
    --------
    >>> from maniml import Bowl
    >>> path = np.array([[-1.5, -0.5], [1.0, 2.0]])
    >>> xr, yr = _chosen_view(Bowl(), [path], None, (-1.0, 3.0))
    >>> [round(v, 2) for v in xr], yr
    ([-1.7, 1.2], (-1.0, 3.0))
    """
    if len(function.minima):
        xr, yr = _fit_view(function, paths, around=around)
    else:
        xr, yr = _view_ranges(function, paths, None, None)
    return (x_range or xr, y_range or yr)
