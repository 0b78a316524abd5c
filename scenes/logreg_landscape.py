# manim -pql scenes/logreg_landscape.py LogRegLandscape
"""Logistic regression's loss over (intercept, weight): BGD, SGD and mini-batch paths on the
filled contours of the mean cross-entropy, in step by epoch with the sigmoid fits and the loss
curves.

Use your own data with ``settings = LogRegLandscapeScene.settings.with_(data=(X, y))`` (one
feature, labels 0 and 1 whose classes overlap).
"""

from maniml.scenes import LogRegLandscapeScene


class LogRegLandscape(LogRegLandscapeScene):
    """40 points with overlapping 0/1 labels; BGD (lr 1.0), SGD (lr 0.03) and mini-batch (8, lr
    0.3) from (-3, -1.5) for 30 epochs."""

    settings = LogRegLandscapeScene.settings
