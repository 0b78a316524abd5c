"""Building blocks shared by the scenes: nice axis ranges, LaTeX-free axes, fast scatters, clipping.

Nothing here knows about optimisation; the panels build on these.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from manim import DOWN, LEFT, PI, UP, Circle, NumberLine, Text, VGroup, VMobject

from .theme import DARK, SANS, Theme

__all__ = ["BoxAxes", "SansText", "Scatter", "clip_segment", "nice_range", "nice_step"]


def nice_step(span: float, n_ticks: int = 5) -> float:
    """A round tick spacing (1, 2, 2.5 or 5 times a power of ten) giving about ``n_ticks`` ticks.

    Examples
    --------
    >>> nice_step(10.0), nice_step(0.37), nice_step(2300.0, 4)
    (2.0, 0.1, 500.0)
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
    >>> nice_range(0.13, 9.7)
    (-1.0, 11.0, 2.0)
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


class SansText(Text):
    """:class:`manim.Text` in the scenes' sans-serif font (tick labels, titles)."""

    def __init__(self, text: str, font: str = SANS, **kwargs) -> None:
        super().__init__(text, font=font, **kwargs)


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
        self.x_axis = NumberLine(list(self.x_range), length=width, **config)
        self.y_axis = NumberLine(
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

    def c2p(self, x, y) -> np.ndarray:
        """Scene point(s) of data coordinates: one point ``(3,)``, or ``(n, 3)`` for arrays."""
        px = self.x_axis.number_to_point(np.asarray(x, dtype=np.float64))
        py = self.y_axis.number_to_point(np.asarray(y, dtype=np.float64))
        px, py = np.broadcast_arrays(px, py)
        out = np.array(px, dtype=np.float64)
        out[..., 1] = py[..., 1]
        return out

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


def _decimals(step: float) -> int:
    """Decimal places needed to print multiples of ``step`` exactly (0 for integers)."""
    for places in range(0, 6):
        if abs(round(step, places) - step) < 1e-9 * max(1.0, abs(step)):
            return places
    return 6


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


def clip_segment(
    p0: Sequence[float], p1: Sequence[float], box: tuple[float, float, float, float]
) -> tuple[np.ndarray, np.ndarray] | None:
    """Clip the segment ``p0``-``p1`` to ``box = (x_min, x_max, y_min, y_max)`` (Liang-Barsky).

    Returns the clipped end points, or ``None`` when the segment misses the box.

    Examples
    --------
    >>> a, b = clip_segment((-1, 0), (3, 4), (0, 2, 0, 2))
    >>> a.tolist(), b.tolist()
    ([0.0, 1.0], [1.0, 2.0])
    >>> clip_segment((-1, 5), (3, 5), (0, 2, 0, 2)) is None
    True
    """
    x0, y0 = float(p0[0]), float(p0[1])
    dx, dy = float(p1[0]) - x0, float(p1[1]) - y0
    x_min, x_max, y_min, y_max = box
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0 - x_min), (dx, x_max - x0), (-dy, y0 - y_min), (dy, y_max - y0)):
        if p == 0.0:
            if q < 0.0:
                return None
            continue
        t = q / p
        if p < 0.0:
            if t > t1:
                return None
            t0 = max(t0, t)
        else:
            if t < t0:
                return None
            t1 = min(t1, t)
    return np.array([x0 + t0 * dx, y0 + t0 * dy]), np.array([x0 + t1 * dx, y0 + t1 * dy])
