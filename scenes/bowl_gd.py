# manim -pql scenes/bowl_gd.py BowlContour BowlSurface
"""Gradient descent on the bowl z = (x-1)^2 + (y-2)^2: on the contour map and on the 3-D surface.

Change the start, learning rate or update rule by editing the settings below, e.g.
``settings = BowlScene.settings.with_(start=(3, -1), lr=0.3, rule="momentum")``.
"""

from maniml.scenes import BowlScene, BowlSurfaceScene


class BowlContour(BowlScene):
    """Heat map, contour lines and the path, with x, y, z and the step read out."""

    settings = BowlScene.settings.with_(start=(-1.5, -0.5), lr=0.1, steps=30)


class BowlSurface(BowlSurfaceScene):
    """The same run on the 3-D surface; the camera stays still (fast in Cairo). With
    ``ambient_rotation=30`` (degrees per second) it turns about the box, which is fitted to every
    angle the video shows."""

    settings = BowlSurfaceScene.settings.with_(start=(-1.5, -0.5), lr=0.1, steps=30)
