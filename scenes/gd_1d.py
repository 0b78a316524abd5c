# manim -pql scenes/gd_1d.py Parabola1D Wave1D
"""Gradient descent on 1-D functions, with the tangent and the step drawn at each iteration."""

from maniml.scenes import ParabolaScene, WaveScene


class Parabola1D(ParabolaScene):
    """f(x) = (x-1)^2 from x = -2.5 with lr = 0.2."""

    settings = ParabolaScene.settings


class Wave1D(WaveScene):
    """f(x) = sin(x) + cos(2x): gradient descent settles in the nearest minimum."""

    settings = WaveScene.settings
