"""Loss-landscape mobjects: heat maps and contour lines computed once, paths grown in place.

Everything here is computed from one vectorised evaluation of the objective over a grid and then
left still (heat map, contour lines, 3-D surface), or updated in place each frame from a
precomputed trajectory (paths, markers, arrows, loss curves). Nothing is rebuilt per frame.

This module gathers the pieces, which live in one module per job:

* :mod:`~maniml.scenes.contours` -- :func:`palette`, :func:`heat_colors`, :func:`colormap`,
  :class:`LevelScale`, :func:`marching_squares`, :class:`ContourLines`, :func:`heat_map`,
  :class:`ColorKey`;
* :mod:`~maniml.scenes.paths` -- :func:`clip_segments`, :class:`PathTracer` (with its fading
  trail), :class:`StepDots`, :class:`FlatArrow`, :class:`StepArrows`;
* :mod:`~maniml.scenes.surface3d` -- :class:`HeightSurface`;
* :mod:`~maniml.scenes.loss_chart` -- :class:`LossChart`.

Examples
--------
>>> from maniml.scenes.landscape import LevelScale
>>> LevelScale("linear", 0.0, 2.0).levels(3).tolist()
[0.5, 1.0, 1.5]
"""

from __future__ import annotations

from .contours import (
    PALETTE_DARK,
    PALETTE_LIGHT,
    ColorKey,
    ContourLines,
    LevelScale,
    colormap,
    heat_colors,
    heat_map,
    marching_squares,
    palette,
)
from .loss_chart import LossChart
from .paths import FlatArrow, PathTracer, StepArrows, StepDots, clip_segments
from .surface3d import HeightSurface

__all__ = [
    "PALETTE_DARK",
    "PALETTE_LIGHT",
    "ColorKey",
    "ContourLines",
    "FlatArrow",
    "HeightSurface",
    "LevelScale",
    "LossChart",
    "PathTracer",
    "StepArrows",
    "StepDots",
    "clip_segments",
    "colormap",
    "heat_colors",
    "heat_map",
    "marching_squares",
    "palette",
]
