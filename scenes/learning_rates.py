# manim -pql scenes/learning_rates.py LearningRates
"""One problem, four learning rates: too small, good, oscillating, diverging.

The diverging run leaves its panel (the path is cut at the axes) and is labelled
"diverged at step k". Try ``settings = LearningRatesScene.settings.with_(lrs=(0.05, 0.2))``.
"""

from maniml.scenes import LearningRatesScene


class LearningRates(LearningRatesScene):
    """Gradient descent on (x-1)^2 + 4(y-2)^2 with lr = 0.01, 0.1, 0.22 and 0.3."""

    settings = LearningRatesScene.settings
