# manim -pql scenes/linreg_bgd.py LinRegBGD
"""Linear regression by batch gradient descent: every step uses all 50 points."""

from maniml.scenes import LinRegScene


class LinRegBGD(LinRegScene):
    """50 noisy points, BGD with lr = 0.1 for 60 steps; the dashed line is the least-squares fit
    (the caption says when the loss is within 1 % of it: step 10)."""

    settings = LinRegScene.settings.with_(optimizer="bgd", lr=0.1, epochs=60)
