# manim -pql scenes/linreg_landscape.py LinRegLandscape
"""Linear regression's loss over (intercept, slope): BGD, SGD and mini-batch paths on the filled
contours, in step by epoch with the data, the model lines and the loss curves.

Use your own data with ``settings = LinRegLandscapeScene.settings.with_(data=(X, y), init=(0, 0))``.
"""

from maniml.scenes import LinRegLandscapeScene


class LinRegLandscape(LinRegLandscapeScene):
    """40 points around a line; BGD (lr 0.1), SGD (lr 0.02) and mini-batch (8, lr 0.05)."""

    settings = LinRegLandscapeScene.settings
