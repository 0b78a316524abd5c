"""Manim side of maniml: the one scene framework, its templates, panels and layers.

Importing this package imports manim. Template scenes are meant to be subclassed in the file
you render (manim renders only Scene classes defined in that file).

The data flow: settings (a frozen :class:`SceneSettings`, checked at ``with_()``) -> trajectory
(the core's ``fit`` / ``minimize``) -> :class:`Timeline` (stages, the row shown at each frame,
events, segments; :func:`timeline_of` without rendering) -> mobjects built once and updated in
place -> frames. ``ARCHITECTURE.md`` beside this file maps the modules:

* ``settings``, ``timeline``, ``template``, ``theme``: the framework;
* ``fit_settings``, ``fit_scene``, ``sources``: the fit templates (data, model, loss moving);
* ``landscape_scenes/``: the landscape templates, one family per module;
* ``panels/``: the fit scenes' panels; ``loss_chart``: the one loss chart (``LossPanel`` and the
  landscape and network scenes draw their losses with it); ``contours``, ``paths``,
  ``surface3d``: landscape layers; ``primitives``, ``readout``: axes, scatter, text, read-outs.
"""

from __future__ import annotations

from .fit_scene import FitScene, LinRegScene, LogRegScene, Sigmoid1DScene
from .fit_settings import FitSettings
from .landscape import (
    ColorKey,
    ContourLines,
    HeightSurface,
    LevelScale,
    LossChart,
    PathTracer,
    StepArrows,
    StepDots,
    heat_map,
    marching_squares,
)
from .landscape_scenes import (
    RACE_PRESETS,
    RACE_TOLERANCES,
    BowlScene,
    BowlSurfaceScene,
    ContourScene,
    ContourSettings,
    GD1DScene,
    GD1DSettings,
    LandscapeSettings,
    LearningRatesScene,
    LearningRatesSettings,
    LinRegLandscapeScene,
    LinRegLandscapeSettings,
    LogRegLandscapeScene,
    LogRegLandscapeSettings,
    ModelLandscapeScene,
    ModelLandscapeSettings,
    OptimizerRaceScene,
    ParabolaScene,
    Racer,
    RaceSettings,
    StretchedBowl,
    Surface3DScene,
    Surface3DSettings,
    WaveScene,
)
from .loss_chart import LossSeries
from .multi_scene import LinRegMultiScene, LinRegMultiSettings
from .network_scenes import (
    NetworkScene,
    NetworkSettings,
    NNClassificationScene,
    NNRegressionScene,
)
from .numbers import format_number
from .panels import (
    DataPanel,
    FormulaPanel,
    LossPanel,
    Panel,
    PlotAxes,
    PredictedPanel,
    ReadoutPanel,
    WeightsPanel,
    add_panels,
    known_optimum,
    line_in_box,
    model_kind,
)
from .plane_scene import LinRegPlaneScene, LinRegPlaneSettings
from .primitives import BoxAxes, SansText, Scatter, clip_segment, nice_range, nice_step
from .readout import GlyphText, Readout
from .settings import SceneSettings
from .sources import DATASETS, FitData, resolve_data
from .template import PlayFrames, Template, render_frame, timeline_of
from .theme import DARK, LIGHT, MONO, SANS, THEMES, Theme
from .timeline import Event, Stage, Timeline

__all__ = [
    "Event",
    "PlayFrames",
    "SceneSettings",
    "Stage",
    "Template",
    "Timeline",
    "timeline_of",
    "DATASETS",
    "FitData",
    "FitScene",
    "FitSettings",
    "LinRegScene",
    "LinRegMultiScene",
    "LinRegMultiSettings",
    "LinRegPlaneScene",
    "LinRegPlaneSettings",
    "LogRegScene",
    "Sigmoid1DScene",
    "render_frame",
    "resolve_data",
    "DataPanel",
    "FormulaPanel",
    "LossPanel",
    "Panel",
    "PlotAxes",
    "PredictedPanel",
    "WeightsPanel",
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
    "ColorKey",
    "ContourLines",
    "HeightSurface",
    "LevelScale",
    "LossChart",
    "LossSeries",
    "PathTracer",
    "StepArrows",
    "StepDots",
    "heat_map",
    "marching_squares",
    "RACE_PRESETS",
    "RACE_TOLERANCES",
    "BowlScene",
    "BowlSurfaceScene",
    "ContourScene",
    "ContourSettings",
    "GD1DScene",
    "GD1DSettings",
    "LandscapeSettings",
    "LearningRatesScene",
    "LearningRatesSettings",
    "LinRegLandscapeScene",
    "LinRegLandscapeSettings",
    "LogRegLandscapeScene",
    "LogRegLandscapeSettings",
    "ModelLandscapeScene",
    "ModelLandscapeSettings",
    "OptimizerRaceScene",
    "ParabolaScene",
    "RaceSettings",
    "Racer",
    "StretchedBowl",
    "Surface3DScene",
    "Surface3DSettings",
    "WaveScene",
    "NNClassificationScene",
    "NNRegressionScene",
    "NetworkScene",
    "NetworkSettings",
]
