# manim -pql examples/diverging_lr.py TooLargeLR
"""A learning rate too large: the loss blows up and the scene says where the run diverged.
Nothing turns into NaN.

The loss axis is logarithmic from the first frame (not switched mid-run): a constant rate above
2/λmax multiplies the error by about |1 - η λmax| at every step, so on a log axis the blow-up is
a straight line whose slope is that factor, while on a linear axis it would be a flat line and
then a wall."""

from maniml.scenes import LinRegScene


class TooLargeLR(LinRegScene):
    """BGD with lr = 1.2 on 50 points, above the critical rate 2/λmax = 0.323 of this data: each
    step overshoots further (the line swings to slopes of ±1e153 and leaves the data panel), the
    loss grows from 16.2 by a factor of about 40 per step on the log axis, and step 190 would
    overflow, so the run ends after step 189 (epoch 189 of 400); the caption says "diverged
    after step 189: η = 1.2 above 2/λmax = 0.323"."""

    settings = LinRegScene.settings.with_(optimizer="bgd", lr=1.2, epochs=400, run_time=6.0)
