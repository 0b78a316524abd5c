# manim -pql scenes/linreg_plane.py LinRegPlane
"""Linear regression on two features: the plane fitted to points in 3-D."""

from maniml.scenes import LinRegPlaneScene


class LinRegPlane(LinRegPlaneScene):
    """40 generated points (x₁, x₂, y), BGD with lr = 0.02 for 60 steps from the flat plane
    y = 0: the plane tilts up along x₁ and down along x₂ while the residual segments shrink;
    the loss falls from 15.49 to 0.851 (the caption says at step 55 that it is within 1 % of
    the least-squares loss, the dashed line). Last row θ = (0.934, 1.977, -0.863); least
    squares (1.007, 1.972, -0.863). Camera still; set ``ambient_rotation`` (degrees per
    second) for a slow turn."""

    settings = LinRegPlaneScene.settings
