# manim -pql scenes/optimizer_race.py RosenbrockRace
"""Plain GD, momentum, Nesterov, AdaGrad, RMSProp and Adam racing on Rosenbrock's banana.

Other landscapes: ``settings = OptimizerRaceScene.settings.with_(function=Beale())`` or
``Saddle()``; each optimiser's learning rate comes from ``RACE_PRESETS`` unless you pass
``racers=(Racer("Adam", BGD(0.05, rule="adam")), ...)``.
"""

from maniml import Beale, Saddle
from maniml.scenes import OptimizerRaceScene


class RosenbrockRace(OptimizerRaceScene):
    """Six optimisers on Rosenbrock (log-scale loss chart); the lowest final loss wins."""

    settings = OptimizerRaceScene.settings


class BealeRace(OptimizerRaceScene):
    """The same race on Beale's function."""

    settings = OptimizerRaceScene.settings.with_(function=Beale())


class SaddleRace(OptimizerRaceScene):
    """Escaping the saddle x^2 - y^2 (no minimum: the loss chart is linear)."""

    settings = OptimizerRaceScene.settings.with_(function=Saddle())
