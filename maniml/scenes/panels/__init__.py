"""Reusable panels that show one optimisation run (a :class:`~maniml.Trajectory`) at a chosen row.

Each panel is a :class:`manim.VGroup` with two parts:

- ``panel.still``: what never changes (axes, tick labels, data points, the optimum); drawn once
  per ``play`` by Cairo when added to the scene *before* anything that moves;
- ``panel.moving``: what :meth:`Panel.set_row` updates in place (model line, loss curve, marker,
  batch highlight, residuals, read-outs).

``set_row(k)`` shows row ``k`` of the trajectory: the parameters after ``k`` steps, with the batch
step ``k`` used (steps count from 1). Its cost depends on what is shown (the batch, the residuals,
at most ``max_vertices`` loss-curve vertices), never on the number of steps in the run.

A new panel shows row 0, its bounding box (invisible frame included) centred on the origin.
Place panels with the usual mobject methods (``move_to``, ``next_to``...) but do not scale them
(read-outs draw glyphs at their built size): give the size you want to the constructor. Add them
to a scene with :func:`add_panels`, which puts all still parts before all moving parts.

Modules: :mod:`.base` (``Panel``, ``add_panels``, ``model_kind``), :mod:`.geometry` (clipping,
axis ranges), :mod:`.lines` (``SplitLine``), :mod:`.data`, :mod:`.loss`, :mod:`.readouts` and
:mod:`.formula` (one panel each).

Examples
--------
>>> import maniml
>>> from manim import RIGHT
>>> from maniml.scenes import DataPanel, LossPanel, ReadoutPanel
>>> X, y = maniml.make_linear(n=20, seed=0)
>>> t = maniml.fit(maniml.LinearRegression(), X, y, maniml.SGD(0.05), epochs=2, seed=0)
>>> data = DataPanel(t, width=6, height=4.5)
>>> loss = LossPanel(t, width=5, height=2.5).next_to(data, RIGHT)
>>> data.set_row(10).row, loss.set_row(10).row
(10, 10)
>>> bool(abs(ReadoutPanel(t).get_center()).max() < 1e-9)  # every panel starts at the origin
True
"""

from __future__ import annotations

from ...models import known_optimum
from ..primitives import PlotAxes
from ..readout import LineText
from .base import Panel, add_panels, model_kind
from .data import DataPanel
from .formula import FormulaPanel
from .geometry import line_in_box
from .lines import SplitLine
from .loss import LossPanel
from .multi import PredictedPanel, WeightsPanel
from .readouts import ReadoutPanel

__all__ = [
    "DataPanel",
    "FormulaPanel",
    "LineText",
    "LossPanel",
    "Panel",
    "PlotAxes",
    "PredictedPanel",
    "ReadoutPanel",
    "SplitLine",
    "WeightsPanel",
    "add_panels",
    "known_optimum",
    "line_in_box",
    "model_kind",
]
