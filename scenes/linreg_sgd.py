# manim -pql scenes/linreg_sgd.py LinRegSGD
"""Linear regression by stochastic gradient descent: one point (ringed) per step."""

from maniml.scenes import LinRegScene


class LinRegSGD(LinRegScene):
    """40 noisy points, SGD with lr = 0.05 for 3 epochs (120 steps)."""

    settings = LinRegScene.settings.with_(optimizer="sgd", lr=0.05, epochs=3)
