"""Manim side of maniml: the one scene framework, its templates, panels and layers.

Its names are imported on first use (``from maniml.scenes import LinRegScene`` imports manim and
the fit templates, not the landscape or network ones). Template scenes are meant to be
subclassed in the file you render (manim renders only Scene classes defined in that file).

The data flow: settings (a frozen :class:`SceneSettings`, checked at ``with_()``) -> trajectory
(the core's ``fit`` / ``minimize``) -> :class:`Timeline` (stages, the row shown at each frame,
events, segments; :func:`timeline_of` without rendering) -> mobjects built once and updated in
place -> frames. ``ARCHITECTURE.md`` beside this file maps the modules:

* ``settings``, ``timeline``, ``template``, ``theme``: the framework (``redraw``: steps frames
  that redraw only what changed; ``crossfade``: the build-up faded in as one image;
  ``encoding``: x264 settings and the frame encoder; ``cache``: the per-machine text cache);
* ``fit_settings``, ``fit_scene``, ``sources``: the fit templates (data, model, loss moving);
* ``landscape_scenes/``: the landscape templates, one family per module;
* ``panels/``: the fit scenes' panels; ``loss_chart``: the one loss chart (``LossPanel`` and the
  landscape and network scenes draw their losses with it); ``contours``, ``paths``,
  ``surface3d``: landscape layers; ``primitives``, ``readout``: axes, scatter, text, read-outs.
"""

from __future__ import annotations

import importlib
from typing import Any

#: where each public name lives; imported when first used (PEP 562), so that rendering one
#: fit scene does not import the landscape, network and 3-D templates
_WHERE = {
    "FitScene": ".fit_scene",
    "LinRegScene": ".fit_scene",
    "LogRegScene": ".fit_scene",
    "Sigmoid1DScene": ".fit_scene",
    "FitSettings": ".fit_settings",
    "ColorKey": ".landscape",
    "ContourLines": ".landscape",
    "HeightSurface": ".landscape",
    "LevelScale": ".landscape",
    "LossChart": ".landscape",
    "PathTracer": ".landscape",
    "StepArrows": ".landscape",
    "StepDots": ".landscape",
    "heat_map": ".landscape",
    "marching_squares": ".landscape",
    "RACE_PRESETS": ".landscape_scenes",
    "RACE_TOLERANCES": ".landscape_scenes",
    "BowlScene": ".landscape_scenes",
    "BowlSurfaceScene": ".landscape_scenes",
    "ContourScene": ".landscape_scenes",
    "ContourSettings": ".landscape_scenes",
    "GD1DScene": ".landscape_scenes",
    "GD1DSettings": ".landscape_scenes",
    "LandscapeSettings": ".landscape_scenes",
    "LearningRatesScene": ".landscape_scenes",
    "LearningRatesSettings": ".landscape_scenes",
    "LinRegLandscapeScene": ".landscape_scenes",
    "LinRegLandscapeSettings": ".landscape_scenes",
    "LogRegLandscapeScene": ".landscape_scenes",
    "LogRegLandscapeSettings": ".landscape_scenes",
    "ModelLandscapeScene": ".landscape_scenes",
    "ModelLandscapeSettings": ".landscape_scenes",
    "OptimizerRaceScene": ".landscape_scenes",
    "ParabolaScene": ".landscape_scenes",
    "Racer": ".landscape_scenes",
    "RaceSettings": ".landscape_scenes",
    "StretchedBowl": ".landscape_scenes",
    "Surface3DScene": ".landscape_scenes",
    "Surface3DSettings": ".landscape_scenes",
    "WaveScene": ".landscape_scenes",
    "LossSeries": ".loss_chart",
    "LinRegMultiScene": ".multi_scene",
    "LinRegMultiSettings": ".multi_scene",
    "NetworkScene": ".network_scenes",
    "NetworkSettings": ".network_scenes",
    "NNClassificationScene": ".network_scenes",
    "NNRegressionScene": ".network_scenes",
    "format_number": ".numbers",
    "DataPanel": ".panels",
    "FormulaPanel": ".panels",
    "LossPanel": ".panels",
    "Panel": ".panels",
    "PlotAxes": ".panels",
    "PredictedPanel": ".panels",
    "ReadoutPanel": ".panels",
    "WeightsPanel": ".panels",
    "add_panels": ".panels",
    "known_optimum": ".panels",
    "line_in_box": ".panels",
    "model_kind": ".panels",
    "LinRegPlaneScene": ".plane_scene",
    "LinRegPlaneSettings": ".plane_scene",
    "BoxAxes": ".primitives",
    "SansText": ".primitives",
    "Scatter": ".primitives",
    "clip_segment": ".primitives",
    "nice_range": ".primitives",
    "nice_step": ".primitives",
    "GlyphText": ".readout",
    "Readout": ".readout",
    "SceneSettings": ".settings",
    "DATASETS": ".sources",
    "FitData": ".sources",
    "resolve_data": ".sources",
    "PlayFrames": ".template",
    "Template": ".template",
    "render_frame": ".template",
    "timeline_of": ".template",
    "DARK": ".theme",
    "LIGHT": ".theme",
    "MONO": ".theme",
    "SANS": ".theme",
    "THEMES": ".theme",
    "Theme": ".theme",
    "Event": ".timeline",
    "Stage": ".timeline",
    "Timeline": ".timeline",
}

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


def __getattr__(name: str) -> Any:
    """Import the module of ``name`` on first use and keep the name in this namespace."""
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(where, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
