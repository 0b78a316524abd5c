# manim -pql scenes/logreg_bgd.py LogRegBGD
"""Logistic regression by batch gradient descent on two Gaussian classes."""

from maniml.scenes import LogRegScene


class LogRegBGD(LogRegScene):
    """100 points in two classes, BGD with lr = 0.5 for 80 steps; the bands are P(y = 1)."""

    settings = LogRegScene.settings.with_(optimizer="bgd", lr=0.5, epochs=80)
