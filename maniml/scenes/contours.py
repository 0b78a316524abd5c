"""Colours and contours of a loss landscape, computed once from one grid evaluation.

* :func:`palette`, :func:`heat_colors` and :func:`colormap` -- series colours and heat-map ramps
  for a theme;
* :class:`LevelScale` -- maps values to ``[0, 1]`` (linear or logarithmic) and picks ordered
  contour levels from it;
* :func:`marching_squares` -- vectorised contour tracing (no matplotlib, no scikit-image);
* :class:`ContourLines` -- the contour lines, one still VMobject per level;
* :func:`heat_map` -- an :class:`~manim.ImageMobject` of the grid, coloured by a colour ramp,
  optionally in flat bands (filled contours);
* :class:`ColorKey` -- the heat map's key: its bands as a bar, values on round ticks.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RESAMPLING_ALGORITHMS,
    UP,
    ImageMobject,
    Line,
    ManimColor,
    Rectangle,
    VGroup,
    VMobject,
)

from .numbers import pow10_label, tick_formatter
from .primitives import BoxAxes, SansText, nice_step
from .theme import DARK, Theme

__all__ = [
    "PALETTE_DARK",
    "PALETTE_LIGHT",
    "ColorKey",
    "ContourLines",
    "LevelScale",
    "colormap",
    "heat_colors",
    "heat_map",
    "marching_squares",
    "palette",
]


#: One colour per optimiser (race) or per learning rate: the Okabe-Ito colours (distinct for
#: colour-blind viewers), ordered so that six series differ in hue on the dark heat map (the dark
#: blue is left out: it vanishes on dark navy). Vermillion comes last: it is close to the theme's
#: "diverged" red, so scenes with up to five series never give red two meanings.
PALETTE_DARK = ("#E69F00", "#56B4E9", "#F0E442", "#009E73", "#CC79A7", "#D55E00", "#FFFFFF")
#: The same roles on the light theme (the yellow is left out: it vanishes on white).
PALETTE_LIGHT = ("#E69F00", "#0072B2", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000")

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
    >>> palette(LIGHT)[:3]
    ('#E69F00', '#0072B2', '#009E73')
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


def band_colors(scale: LevelScale, colors: Sequence[str], bands: int | None) -> list[str]:
    """The colours a heat map uses, low to high: one per band (``bands`` levels cut the scale
    into ``bands + 1``), or 48 steps of the smooth ramp when ``bands`` is None."""
    n = int(bands) + 1 if bands else 48
    rgb = colormap((np.arange(n) + 0.5) / n, colors)
    return ["#{:02X}{:02X}{:02X}".format(*c) for c in rgb]


def key_ticks(scale: LevelScale, max_ticks: int = 4) -> tuple[np.ndarray, list[str]]:
    """Round values to label on a key of ``scale``: multiples of a round step (linear), or
    ``low + 10^k`` (log, labelled ``10^k``: the height above the scale's low end).

    Examples
    --------
    >>> v, t = key_ticks(LevelScale("linear", 0.0, 25.0))
    >>> v.tolist(), t
    ([0.0, 10.0, 20.0], ['0', '10', '20'])
    >>> key_ticks(LevelScale("linear", -5.3, 4.0))[1]
    ['−5.0', '−2.5', '0.0', '2.5']
    >>> key_ticks(LevelScale("log", 0.0, 900.0, offset=0.01))[1]
    ['10⁻²', '1', '10²']
    """
    lo, hi = scale.low, scale.high
    if scale.kind == "linear":
        step = nice_step(hi - lo, 4)
        values = np.arange(math.ceil(lo / step - 1e-9), math.floor(hi / step + 1e-9) + 1) * step
        fmt = tick_formatter(step)
        return values, [fmt(v) for v in values]
    e0 = math.ceil(math.log10(scale.offset) - 1e-9)
    e1 = math.floor(math.log10(hi - lo + scale.offset) + 1e-9)
    exps = np.arange(e0, e1 + 1)
    every = max(1, math.ceil(len(exps) / max_ticks))
    exps = exps[::every]
    return lo + 10.0 ** exps.astype(float), [pow10_label(e) for e in exps]


class ColorKey(VGroup):
    """The key of a heat map: a bar of its colours (one block per band, as drawn), values on
    round ticks below it (:func:`key_ticks`) and a title at its left.

    Parameters
    ----------
    scale : LevelScale
        The heat map's scale.
    colors : sequence of str
        The heat map's colour ramp.
    bands : int or None
        The heat map's ``bands`` (its number of levels), None for a smooth ramp.
    width, height : float
        Size of the bar.
    title : str
        E.g. ``"f(x, y)"``; on a log scale whose low end is not 0 the ticks give the height
        above it: ``" − min"`` is added unless the title says what is subtracted (has a "−").

    Attributes
    ----------
    level_scale : LevelScale
    bar : VGroup
        The coloured blocks, low values on the left.
    values : ndarray
        The values of the labelled ticks.

    Examples
    --------
    >>> key = ColorKey(LevelScale("linear", 0.0, 25.0), ["#000000", "#FFFFFF"], 4)
    >>> len(key.bar), key.values.tolist()
    (5, [0.0, 10.0, 20.0])
    """

    def __init__(
        self,
        scale: LevelScale,
        colors: Sequence[str],
        bands: int | None,
        *,
        width: float = 1.8,
        height: float = 0.14,
        title: str = "f",
        theme: Theme = DARK,
        font_size: float = 15,
    ) -> None:
        super().__init__()
        self.level_scale = scale
        fills = band_colors(scale, colors, bands)
        w = width / len(fills)
        self.bar = VGroup(
            *[
                Rectangle(width=w, height=height, stroke_width=0)
                .set_fill(c, opacity=1.0)
                .move_to([(i + 0.5) * w, 0, 0])
                for i, c in enumerate(fills)
            ]
        )
        self.values, texts = key_ticks(scale)
        ticks, labels = VGroup(), VGroup()
        for v, text in zip(self.values, texts, strict=True):
            x = float(scale.to_unit(np.array([v]))[0]) * width
            ticks.add(
                Line([x, -height / 2, 0], [x, -height / 2 - 0.06, 0], stroke_width=1.5).set_stroke(
                    theme.muted
                )
            )
            labels.add(
                SansText(text, font_size=font_size, color=theme.muted).next_to(
                    [x, -height / 2 - 0.06, 0], DOWN, buff=0.05
                )
            )
        if scale.kind == "log" and scale.low != 0.0 and "−" not in title:
            title += " − min"
        self.title = SansText(title, font_size=font_size, color=theme.text)
        self.title.next_to(self.bar, LEFT, buff=0.15)
        self.add(self.bar, ticks, labels, self.title)
        self.ticks, self.labels = ticks, labels

    @property
    def bar_top(self) -> float:
        """The bar's top edge (for aligning the key with a row of text)."""
        return float(self.bar.get_edge_center(UP)[1])
