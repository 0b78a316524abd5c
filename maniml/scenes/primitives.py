"""Building blocks shared by the scenes: nice axis ranges, LaTeX-free axes, fast scatters, clipping.

:class:`BoxAxes` is the bare plot box (its size is the box's); :class:`PlotAxes` wraps one with
thinned tick labels, titles and a grid, sized to an outer box.

Nothing here knows about optimisation; the panels build on these.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
from manim import (
    DL,
    DOWN,
    LEFT,
    PI,
    RIGHT,
    UP,
    Circle,
    Mobject,
    NumberLine,
    Text,
    VGroup,
    VMobject,
    config,
)

from .cache import DiskCachedSVG, cached_text
from .clipping import clip_segment
from .numbers import _decimals, tick_formatter
from .theme import DARK, SANS, Theme

__all__ = [
    "BoxAxes",
    "PlotAxes",
    "SansText",
    "Scatter",
    "clip_segment",
    "nice_range",
    "nice_step",
]


def nice_step(span: float, n_ticks: int = 5) -> float:
    """A round tick spacing (1, 2, 2.5 or 5 times a power of ten) giving about ``n_ticks`` ticks.

    Examples
    --------
    >>> nice_step(10.0), nice_step(0.37), nice_step(2300.0, 4)
    (2.0, 0.1, 1000.0)
    """
    if not span > 0 or not math.isfinite(span):
        return 1.0
    raw = span / max(1, n_ticks)
    mag = 10.0 ** math.floor(math.log10(raw))
    for m in (1.0, 2.0, 2.5, 5.0, 10.0):
        if m * mag >= raw:
            return m * mag
    return 10.0 * mag  # pragma: no cover - the loop always returns


def nice_range(
    lo: float, hi: float, n_ticks: int = 5, *, pad: float = 0.05
) -> tuple[float, float, float]:
    """``(low, high, step)`` covering ``[lo, hi]`` (padded by ``pad`` of the span) on round ticks.

    Examples
    --------
    >>> nice_range(0.13, 9.7)  # padded by 5% each side, then out to round ticks
    (-2.5, 12.5, 2.5)
    >>> nice_range(3.0, 3.0)  # a degenerate span still gives a usable range
    (2.0, 4.0, 0.5)
    """
    lo, hi = float(lo), float(hi)
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise ValueError(f"nice_range needs finite bounds; got {lo!r}, {hi!r}.")
    if hi < lo:
        lo, hi = hi, lo
    if hi - lo < 1e-12 * max(1.0, abs(lo)):
        lo, hi = lo - 1.0, hi + 1.0
        pad = 0.0
    span = hi - lo
    lo, hi = lo - pad * span, hi + pad * span
    step = nice_step(hi - lo, n_ticks)
    return math.floor(lo / step) * step, math.ceil(hi / step) * step, step


#: The canvas (pixels) on which every SansText is laid out, whatever the video's resolution.
TEXT_CANVAS = (3840, 2160)


class SansText(DiskCachedSVG, Text):
    """:class:`manim.Text` in the scenes' sans-serif font (tick labels, titles).

    manim lays a Text out on a canvas as wide as the video in pixels, and its SVG cache ignores
    that width: at a small resolution a long title wraps, or not, depending on what an earlier
    render cached. SansText always lays out on :data:`TEXT_CANVAS`, so the same text looks the
    same at every resolution and in every order. Its outlines are kept in the per-machine disk
    cache (:class:`maniml.scenes.cache.DiskCachedSVG`): later renders skip parsing the SVG.
    Whole texts are kept there too (:func:`maniml.scenes.cache.cached_text`), keyed by the text
    and every argument: a later render builds a label it made before without Pango, the SVG
    file or manim's layout steps.

    Examples
    --------
    >>> a, b = SansText("0.5", font_size=18), SansText("0.5", font_size=18)
    >>> bool(np.array_equal(a.get_all_points(), b.get_all_points())), a.text
    (True, '0.5')
    """

    #: part of the whole-text cache key: bump it when SansText builds its texts differently
    cache_version = 1

    def __init__(self, text: str, font: str = SANS, **kwargs) -> None:
        with cached_text(self, text=text, font=font, canvas=TEXT_CANVAS, **kwargs) as built:
            if not built:
                super().__init__(text, font=font, **kwargs)

    def _text2hash(self, color):  # type: ignore[override]
        # not the cache entry of a plain Text laid out on the video's (maybe narrow) canvas
        return super()._text2hash(color) + f"-{TEXT_CANVAS[0]}"

    def _text2svg(self, color):  # type: ignore[override]
        saved = config.pixel_width, config.pixel_height
        config.pixel_width, config.pixel_height = TEXT_CANVAS
        try:
            return super()._text2svg(color)
        finally:
            config.pixel_width, config.pixel_height = saved


class _RoundTicks(NumberLine):
    """A NumberLine whose ticks (and labels) sit on multiples of its step, also on a range that
    does not start on one (manim starts them at the range's low end unless the range holds 0:
    ticks at 0.9, 1.4, 1.9 labelled as if round)."""

    def get_tick_range(self) -> np.ndarray:
        x_min, x_max, step = self.x_range
        k0 = math.ceil(x_min / step - 1e-9)
        k1 = math.floor(x_max / step + 1e-9)
        return self.scaling.function(np.arange(k0, k1 + 1) * step)


class BoxAxes(VGroup):
    """Plot axes along the bottom and left edges of a box, with Text tick labels (no LaTeX).

    Unlike :class:`manim.Axes`, the axes do not cross at the origin: the x axis sits at the low end
    of ``y_range`` and the y axis at the low end of ``x_range``, as in a plotting library. Tick
    labels include 0. Coordinates map linearly into the box; :meth:`c2p` follows the axes when
    the group is moved or scaled.

    Parameters
    ----------
    x_range, y_range : (low, high, step)
        As :func:`nice_range` returns.
    width, height : float
        Size of the plot box in scene units.
    theme : Theme
    font_size : float
        Tick-label size.
    numbers : bool
        Whether to label the ticks.
    x_label, y_label : str, optional
        Axis titles (Text).

    Examples
    --------
    >>> ax = BoxAxes((0, 10, 2), (0, 1, 0.5), width=5, height=2, numbers=False)
    >>> bool(np.allclose(ax.c2p(10, 1) - ax.c2p(0, 0), [5, 2, 0]))
    True
    """

    def __init__(
        self,
        x_range: Sequence[float],
        y_range: Sequence[float],
        *,
        width: float,
        height: float,
        theme: Theme = DARK,
        font_size: float = 18,
        numbers: bool = True,
        x_label: str | None = None,
        y_label: str | None = None,
    ) -> None:
        super().__init__()
        self.x_range = tuple(float(v) for v in x_range)
        self.y_range = tuple(float(v) for v in y_range)
        config = {
            "color": theme.axis,
            "stroke_width": 2,
            "include_tip": False,
            "label_constructor": SansText,
            "font_size": font_size,
            "tick_size": 0.05,
        }
        self.x_axis = _RoundTicks(list(self.x_range), length=width, **config)
        self.y_axis = _RoundTicks(
            list(self.y_range), length=height, rotation=PI / 2, label_direction=LEFT, **config
        )
        corner = self.x_axis.number_to_point(self.x_range[0])
        self.y_axis.shift(corner - self.y_axis.number_to_point(self.y_range[0]))
        self.add(self.x_axis, self.y_axis)
        if numbers:
            for axis, rng in ((self.x_axis, self.x_range), (self.y_axis, self.y_range)):
                axis.add_numbers(
                    font_size=font_size,
                    label_constructor=SansText,
                    num_decimal_places=_decimals(rng[2]),
                    buff=0.12,
                )
                axis.numbers.set_color(theme.muted)
        self.x_title = self.y_title = None
        if x_label:
            self.x_title = SansText(x_label, font_size=font_size * 1.1, color=theme.text)
            self.x_title.next_to(self.x_axis, DOWN, buff=0.45 if numbers else 0.15)
            self.add(self.x_title)
        if y_label:
            self.y_title = SansText(y_label, font_size=font_size * 1.1, color=theme.text)
            self.y_title.next_to(self.y_axis.get_top(), UP, buff=0.15).align_to(self.y_axis, LEFT)
            self.add(self.y_title)
        self.center()

    def _exact_c2p(self, x: float, y: float) -> np.ndarray:
        """The scene point of data coordinates, through the number lines."""
        out = np.array(self.x_axis.number_to_point(float(x)), dtype=np.float64)
        out[1] = self.y_axis.number_to_point(float(y))[1]
        return out

    def c2p(self, x, y) -> np.ndarray:
        """Scene point(s) of data coordinates: one point ``(3,)``, or ``(n, 3)`` for arrays.

        The map is affine; it is cached and recomputed when the axes move, which makes it
        several times cheaper than ``NumberLine.number_to_point`` on small arrays.
        """
        key = (
            self.x_axis.points[0].tobytes(),
            self.x_axis.points[-1].tobytes(),
            self.y_axis.points[-1].tobytes(),
        )
        if key != getattr(self, "_c2p_key", None):
            x0, x1, y0, y1 = self.box
            p00 = self._exact_c2p(x0, y0)
            self._affine = (
                x0,
                y0,
                p00,
                (self._exact_c2p(x1, y0) - p00) / (x1 - x0),
                (self._exact_c2p(x0, y1) - p00) / (y1 - y0),
            )
            self._c2p_key = key
        x0, y0, p00, ux, uy = self._affine
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        if x.ndim == 0 and y.ndim == 0:
            return p00 + (float(x) - x0) * ux + (float(y) - y0) * uy
        x, y = np.broadcast_arrays(x, y)
        return p00 + (x.reshape(-1, 1) - x0) * ux + (y.reshape(-1, 1) - y0) * uy

    coords_to_point = c2p

    def xy_to_points(self, xy: np.ndarray) -> np.ndarray:
        """Scene points ``(n, 3)`` of data coordinates ``(n, 2)``."""
        xy = np.asarray(xy, dtype=np.float64).reshape(-1, 2)
        return self.c2p(xy[:, 0], xy[:, 1]).reshape(-1, 3)

    def p2c(self, point: np.ndarray) -> tuple[float, float]:
        """Data coordinates of a scene point."""
        return self.x_axis.point_to_number(point), self.y_axis.point_to_number(point)

    @property
    def box(self) -> tuple[float, float, float, float]:
        """The data box ``(x_min, x_max, y_min, y_max)`` the axes show."""
        return self.x_range[0], self.x_range[1], self.y_range[0], self.y_range[1]

    def contains(self, x, y) -> np.ndarray:
        """Whether data coordinates fall inside the box (inclusive)."""
        x0, x1, y0, y1 = self.box
        return (
            (np.asarray(x) >= x0)
            & (np.asarray(x) <= x1)
            & (np.asarray(y) >= y0)
            & (np.asarray(y) <= y1)
        )


class PlotAxes(VGroup):
    """:class:`BoxAxes` with tick labels, titles and a grid, sized to fit an outer box.

    ``width`` and ``height`` are the outer size including labels and titles; the plot box takes
    what the labels leave. Tick labels are Text (no LaTeX) made by ``x_format`` / ``y_format``;
    labels that would touch a neighbour are thinned, and where the lowest x and y labels would
    meet in the corner, the y label gives way.

    Parameters
    ----------
    x_range, y_range : (low, high, step)
        Data ranges; ticks at ``low + k * step``.
    x_labels, y_labels : sequence of float, optional
        Which tick values get a label (default: every tick).
    """

    def __init__(
        self,
        x_range: Sequence[float],
        y_range: Sequence[float],
        *,
        width: float,
        height: float,
        theme: Theme = DARK,
        font_size: float = 18,
        x_title: str | None = None,
        y_title: str | None = None,
        x_format: Callable[[float], str] | None = None,
        y_format: Callable[[float], str] | None = None,
        x_labels: Sequence[float] | None = None,
        y_labels: Sequence[float] | None = None,
        grid: bool = True,
    ) -> None:
        super().__init__()
        self.x_range = tuple(float(v) for v in x_range)
        self.y_range = tuple(float(v) for v in y_range)
        buff = 0.1
        x_format = x_format or tick_formatter(self.x_range[2])
        y_format = y_format or tick_formatter(self.y_range[2])
        xs = self._ticks(self.x_range) if x_labels is None else [float(v) for v in x_labels]
        ys = self._ticks(self.y_range) if y_labels is None else [float(v) for v in y_labels]
        mk = lambda s: SansText(s, font_size=font_size, color=theme.muted)  # noqa: E731
        xl = [mk(x_format(v)) for v in xs]
        yl = [mk(y_format(v)) for v in ys]
        ref_h = mk("0").height
        label_w = max((m.width for m in yl), default=0.0)
        tsize = font_size * 1.1
        self.x_title = SansText(x_title, font_size=tsize, color=theme.text) if x_title else None
        self.y_title = SansText(y_title, font_size=tsize, color=theme.text) if y_title else None
        left = label_w + buff + 0.02
        bottom = ref_h + buff + 0.02
        if self.x_title is not None:
            bottom += self.x_title.height + 0.12
        top = ref_h / 2 + 0.02
        if self.y_title is not None:
            top = max(top, self.y_title.height + 0.14)
        right = max((m.width for m in xl[-1:]), default=0.0) / 2 + 0.02
        box_w, box_h = max(0.5, width - left - right), max(0.5, height - top - bottom)
        self.axes = BoxAxes(
            self.x_range, self.y_range, width=box_w, height=box_h, theme=theme, numbers=False
        )
        self.axes.shift(-self.axes.c2p(self.x_range[0], self.y_range[0]))
        self.grid = VMobject(stroke_color=theme.grid, stroke_width=1.0)
        if grid:
            pts = []
            for v in self._ticks(self.x_range)[1:]:
                pts.append((self.axes.c2p(v, self.y_range[0]), self.axes.c2p(v, self.y_range[1])))
            for v in self._ticks(self.y_range)[1:]:
                pts.append((self.axes.c2p(self.x_range[0], v), self.axes.c2p(self.x_range[1], v)))
            for a, b in pts:
                self.grid.start_new_path(a)
                self.grid.add_line_to(b)
        for v, m in zip(xs, xl, strict=True):
            m.next_to(self.axes.c2p(v, self.y_range[0]), DOWN, buff=buff)
        for v, m in zip(ys, yl, strict=True):
            m.next_to(self.axes.c2p(self.x_range[0], v), LEFT, buff=buff)
        xl = self._thin(xl, horizontal=True)
        yl = self._thin(yl, horizontal=False)
        # the corner: the lowest y label gives way to the lowest x label if they touch
        if xl and yl and _overlap(xl[0], yl[0], pad=0.04):
            yl = yl[1:]
        self.x_numbers, self.y_numbers = VGroup(*xl), VGroup(*yl)
        self.add(self.grid, self.axes, self.x_numbers, self.y_numbers)
        if self.x_title is not None:
            self.x_title.next_to(self.axes.c2p(np.mean(self.x_range[:2]), self.y_range[0]), DOWN)
            self.x_title.shift(DOWN * (ref_h + buff + 0.12 - 0.25))
            self.add(self.x_title)
        if self.y_title is not None:
            corner = self.axes.c2p(self.x_range[0], self.y_range[1])
            self.y_title.next_to(corner, UP, buff=0.14)
            self.y_title.align_to(corner + LEFT * (left - 0.02), LEFT)
            self.add(self.y_title)
        self.move_to(np.zeros(3))

    @staticmethod
    def _ticks(rng: tuple[float, ...]) -> list[float]:
        lo, hi, step = rng
        n = int(math.floor((hi - lo) / step + 1e-9))
        return [lo + k * step for k in range(n + 1)]

    @staticmethod
    def _thin(labels: list[Mobject], *, horizontal: bool) -> list[Mobject]:
        """Keep every 2nd, 3rd... label until no two neighbours touch."""
        for every in range(1, max(2, len(labels))):
            kept = labels[::every]
            if all(
                not _overlap(a, b, pad=0.12 if horizontal else 0.04)
                for a, b in zip(kept, kept[1:], strict=False)
            ):
                return kept
        return labels[:1]

    def c2p(self, x, y) -> np.ndarray:
        """Scene point(s) of data coordinates (see :meth:`BoxAxes.c2p`)."""
        return self.axes.c2p(x, y)

    def xy_to_points(self, xy: np.ndarray) -> np.ndarray:
        return self.axes.xy_to_points(xy)

    @property
    def box(self) -> tuple[float, float, float, float]:
        """The data box ``(x_min, x_max, y_min, y_max)``."""
        return self.axes.box


def _overlap(a: Mobject, b: Mobject, pad: float = 0.0) -> bool:
    (al, ab, _), (ar, at, _) = a.get_corner(DL), a.get_corner(UP + RIGHT)
    (bl, bb, _), (br, bt, _) = b.get_corner(DL), b.get_corner(UP + RIGHT)
    return al < br + pad and bl < ar + pad and ab < bt + pad and bb < at + pad


class Scatter(VMobject):
    """Many points drawn as one mobject (one circle subpath each): flat cost from 100 to 10,000.

    Parameters
    ----------
    points : array, shape (n, 2) or (n, 3)
        Scene coordinates (use ``axes.c2p`` first, or :meth:`from_axes`).
    radius : float
        Dot radius in scene units.
    """

    def __init__(
        self,
        points: np.ndarray,
        *,
        radius: float = 0.05,
        color: str = "#58C4DD",
        opacity: float = 1.0,
        **kwargs,
    ) -> None:
        super().__init__(fill_color=color, fill_opacity=opacity, stroke_width=0.0, **kwargs)
        self.radius = radius
        self._template = Circle(radius=radius, num_components=9).points.copy()
        self.move_points(points)

    @classmethod
    def from_axes(cls, axes: BoxAxes, xy: np.ndarray, **kwargs) -> Scatter:
        """Scatter of data coordinates ``xy`` (shape (n, 2)) on ``axes``."""
        return cls(axes.xy_to_points(xy), **kwargs)

    def move_points(self, points: np.ndarray) -> Scatter:
        """Place the dots at ``points`` (scene coordinates), in place."""
        pts = np.asarray(points, dtype=np.float64)
        if pts.size == 0:
            self.clear_points()
            return self
        pts = pts.reshape(-1, pts.shape[-1])
        if pts.shape[1] == 2:
            pts = np.column_stack([pts, np.zeros(len(pts))])
        all_points = (self._template[None, :, :] + pts[:, None, :]).reshape(-1, 3)
        self.set_points(all_points)
        return self
