""":class:`HeightSurface`: a 3-D surface built from one grid evaluation (a cheap replacement for
:class:`manim.Surface`, which calls the function once per vertex).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from manim import ThreeDVMobject, VGroup

from .contours import _HEAT_DARK, LevelScale, colormap

__all__ = [
    "HeightSurface",
]


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

    Examples
    --------
    >>> bowl = lambda p: (p**2).sum(axis=-1)
    >>> s = HeightSurface(bowl, lambda q: q, (-1.0, 1.0, -1.0, 1.0), resolution=4)
    >>> len(s), s.Z.shape, float(s.Z.max())
    (16, (5, 5), 2.0)
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
