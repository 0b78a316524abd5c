# manim -pql scenes/optimizer_race.py RosenbrockRace
"""Plain GD, momentum, Nesterov, AdaGrad, RMSProp and Adam racing on Rosenbrock's banana.

The winner is the first racer to reach f - f* < tol (0.03 on Rosenbrock: Adam at step 618);
each racer's learning rate is in the legend, tuned per method (``RACE_PRESETS``). Other
landscapes: ``settings = OptimizerRaceScene.settings.with_(function=Beale())`` or ``Saddle()``;
pass ``racers=(Racer("Adam", BGD(0.05, rule="adam")), ...)`` for your own, ``tol=`` for the target.
"""

from maniml import Beale, Saddle
from maniml.scenes import OptimizerRaceScene


class RosenbrockRace(OptimizerRaceScene):
    """Six optimisers on Rosenbrock for 800 steps (log-scale chart of f - f*); Adam is the first
    to f - f* < 0.03 (step 618); Momentum and Nesterov end near 0.015, plain GD near 0.47."""

    settings = OptimizerRaceScene.settings


class BealeRace(OptimizerRaceScene):
    """The same race on Beale's function for 500 steps, the view fitted to the paths and the
    optimum (3, 0.5); AdaGrad is the first to f - f* < 0.01 (step 255)."""

    settings = OptimizerRaceScene.settings.with_(function=Beale())


class SaddleRace(OptimizerRaceScene):
    """Escaping the saddle x^2 - y^2 for 80 steps: no minimum, so no winner; the legend shows each
    racer's distance from the start, and a ring marks where a path left the view."""

    settings = OptimizerRaceScene.settings.with_(function=Saddle())
