# manim -pql scenes/logreg_sgd.py LogRegSGD
"""Logistic regression by stochastic gradient descent: one point (ringed) per step."""

from maniml.scenes import LogRegScene


class LogRegSGD(LogRegScene):
    """100 points in two classes, SGD with lr = 0.2 for 3 epochs (300 steps)."""

    settings = LogRegScene.settings.with_(optimizer="sgd", lr=0.2, epochs=3)
