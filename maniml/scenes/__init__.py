"""Manim side of maniml: themes, read-outs, panels and template scenes.

Importing this package imports manim. Template scenes are meant to be subclassed in the file
you render (manim renders only Scene classes defined in that file).
"""

from __future__ import annotations

from .fit_scene import FitScene, FitSettings, LinRegScene, LogRegScene, Sigmoid1DScene, render_frame
from .landscape import (
    ContourLines,
    HeightSurface,
    LevelScale,
    LossChart,
    PathTracer,
    StepArrows,
    heat_map,
    marching_squares,
)
from .landscape_scenes import (
    BowlScene,
    BowlSurfaceScene,
    ContourScene,
    ContourSettings,
    GD1DScene,
    GD1DSettings,
    LearningRatesScene,
    LearningRatesSettings,
    OptimizerRaceScene,
    Racer,
    RaceSettings,
    StretchedBowl,
    Surface3DScene,
    Surface3DSettings,
)
from .panels import (
    DataPanel,
    FormulaPanel,
    LossPanel,
    Panel,
    PlotAxes,
    ReadoutPanel,
    add_panels,
    known_optimum,
    line_in_box,
    model_kind,
)
from .primitives import BoxAxes, SansText, Scatter, clip_segment, nice_range, nice_step
from .readout import GlyphText, Readout, format_number
from .sources import DATASETS, FitData, resolve_data
from .theme import DARK, LIGHT, MONO, SANS, THEMES, Theme

__all__ = [
    "DATASETS",
    "FitData",
    "FitScene",
    "FitSettings",
    "LinRegScene",
    "LogRegScene",
    "Sigmoid1DScene",
    "render_frame",
    "resolve_data",
    "DataPanel",
    "FormulaPanel",
    "LossPanel",
    "Panel",
    "PlotAxes",
    "ReadoutPanel",
    "add_panels",
    "known_optimum",
    "line_in_box",
    "model_kind",
    "DARK",
    "LIGHT",
    "MONO",
    "SANS",
    "THEMES",
    "BoxAxes",
    "GlyphText",
    "Readout",
    "SansText",
    "Scatter",
    "Theme",
    "clip_segment",
    "format_number",
    "nice_range",
    "nice_step",
    "ContourLines",
    "HeightSurface",
    "LevelScale",
    "LossChart",
    "PathTracer",
    "StepArrows",
    "heat_map",
    "marching_squares",
    "BowlScene",
    "BowlSurfaceScene",
    "ContourScene",
    "ContourSettings",
    "GD1DScene",
    "GD1DSettings",
    "LearningRatesScene",
    "LearningRatesSettings",
    "OptimizerRaceScene",
    "RaceSettings",
    "Racer",
    "StretchedBowl",
    "Surface3DScene",
    "Surface3DSettings",
]
