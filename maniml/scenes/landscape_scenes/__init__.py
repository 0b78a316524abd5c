"""Landscape scenes: gradient descent as a walk on the loss surface.

Template scenes, each configured by a frozen settings dataclass in the class attribute
``settings`` (subclass and replace it; never pass arguments to the scene)::

    class MyBowl(BowlScene):
        settings = BowlScene.settings.with_(start=(3, -1), lr=0.3)

* :class:`ContourScene` (:class:`BowlScene`) -- heat map, contour lines and the optimiser's path
  on a 2-D function, with x, y, z and step read out, the update drawn as arrows, and the loss;
* :class:`Surface3DScene` (:class:`BowlSurfaceScene`) -- the same run on the 3-D surface
  (a :class:`~manim.ThreeDScene` with a still camera by default);
* :class:`OptimizerRaceScene` -- plain GD, momentum, Nesterov, AdaGrad, RMSProp and Adam on one
  landscape, with a legend, live losses, a loss chart and the winner marked;
* :class:`LearningRatesScene` -- one problem, several learning rates side by side; a run that
  blows up leaves the view and is labelled "diverged at step k";
* :class:`GD1DScene` (:class:`ParabolaScene`, :class:`WaveScene`) -- a 1-D function with the
  tangent and the step drawn at each iteration.

Each template is a :class:`~maniml.scenes.template.Template`: it computes its runs in
``prepare()`` (``settings.runs()`` is also usable on its own), adds still mobjects once, and moves
the others in place in ``show_position`` at each frame of the timeline (paced by the paths'
motion in the view). The cost per frame does not depend on the number of steps.

The package holds one template family (and its settings) per module:

* ``contour`` -- :class:`ContourSettings`, :class:`ContourScene`, :class:`BowlScene`;
* ``surface`` -- :class:`Surface3DSettings`, :class:`Surface3DScene`, :class:`BowlSurfaceScene`;
* ``race`` -- :class:`Racer`, :data:`RACE_PRESETS`, :class:`RaceSettings`,
  :class:`OptimizerRaceScene`;
* ``learning_rates`` -- :class:`LearningRatesSettings`, :class:`LearningRatesScene`;
* ``gd1d`` -- :class:`GD1DSettings`, :class:`GD1DScene`, :class:`ParabolaScene`,
  :class:`WaveScene`;
* ``linreg_landscape`` -- :class:`ModelLandscapeSettings`, :class:`ModelLandscapeScene` (a
  model's loss over (θ₀, θ₁), linear or logistic), :class:`LinRegLandscapeSettings`,
  :class:`LinRegLandscapeScene`, :class:`LogRegLandscapeSettings`, :class:`LogRegLandscapeScene`;
* ``layout`` -- the view, the axes and the still landscape layers shared by the 2-D templates;
* ``_common`` -- the settings checks, :class:`LandscapeSettings`, :class:`LandscapeTemplate`
  (the base of these templates), text helpers.

The pure pieces live in the core and are re-exported here: :class:`~maniml.StretchedBowl`,
:class:`~maniml.ModelLoss`, :func:`~maniml.divergence_step`, :func:`~maniml.describe_run`.
"""

from __future__ import annotations

from ...diagnostics import describe_run, divergence_step
from ...functions import StretchedBowl
from ...surfaces import ModelLoss
from ._common import LandscapeSettings
from .contour import BowlScene, ContourScene, ContourSettings
from .gd1d import GD1DScene, GD1DSettings, ParabolaScene, WaveScene
from .learning_rates import LearningRatesScene, LearningRatesSettings
from .linreg_landscape import (
    LinRegLandscapeScene,
    LinRegLandscapeSettings,
    LogRegLandscapeScene,
    LogRegLandscapeSettings,
    ModelLandscapeScene,
    ModelLandscapeSettings,
)
from .race import RACE_PRESETS, RACE_TOLERANCES, OptimizerRaceScene, Racer, RaceSettings
from .surface import BowlSurfaceScene, Surface3DScene, Surface3DSettings

__all__ = [
    "RACE_PRESETS",
    "RACE_TOLERANCES",
    "BowlScene",
    "BowlSurfaceScene",
    "ContourScene",
    "ContourSettings",
    "GD1DScene",
    "GD1DSettings",
    "LearningRatesScene",
    "LearningRatesSettings",
    "LandscapeSettings",
    "LinRegLandscapeScene",
    "LinRegLandscapeSettings",
    "LogRegLandscapeScene",
    "LogRegLandscapeSettings",
    "ModelLandscapeScene",
    "ModelLandscapeSettings",
    "ModelLoss",
    "OptimizerRaceScene",
    "ParabolaScene",
    "RaceSettings",
    "Racer",
    "StretchedBowl",
    "Surface3DScene",
    "Surface3DSettings",
    "WaveScene",
    "divergence_step",
    "describe_run",
]
