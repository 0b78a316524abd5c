# manim -pql scenes/learning_rates.py LearningRates
"""One problem, four learning rates: too small, converging, oscillating (and fastest), diverging.

The verdicts are computed from the runs. The title states the critical learning rate
2/λmax = 0.25 (the Hessian's eigenvalues are 2 and 8) and each panel compares its rate with it;
the loss chart shows each run's predicted envelope (1 - lr·λ)^(2k), dashed. The diverging run
leaves its panel and is flagged "left the view at step j (diverges)", then "diverged at step 16".
Try ``settings = LearningRatesScene.settings.with_(lrs=(0.05, 0.2))``.
"""

from maniml.scenes import LearningRatesScene


class LearningRates(LearningRatesScene):
    """Gradient descent on (x-1)^2 + 4(y-2)^2 for 40 steps with lr = 0.01 (too slow), 0.1
    (converges), 0.22 (oscillates, fastest) and 0.3 (above 2/λmax = 0.25: diverged at step 16)."""

    settings = LearningRatesScene.settings
