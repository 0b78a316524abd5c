# manim -pql examples/diverging_lr.py TooLargeLR
"""A learning rate too large: the loss blows up, the loss axis turns logarithmic to follow it,
and the scene says where the run diverged. Nothing turns into NaN."""

from maniml.scenes import LinRegScene


class TooLargeLR(LinRegScene):
    """BGD with lr = 1.2 on 50 points: each step overshoots further (the safe limit here is ~0.3)."""

    settings = LinRegScene.settings.with_(optimizer="bgd", lr=1.2, epochs=400, run_time=6.0)
