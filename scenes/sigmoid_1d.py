# manim -pql scenes/sigmoid_1d.py Sigmoid1D
"""Logistic regression on one feature: the sigmoid fitting 0/1 labels, with its 0.5 threshold."""

from maniml.scenes import Sigmoid1DScene


class Sigmoid1D(Sigmoid1DScene):
    """40 points labelled 0 or 1, SGD with lr = 0.2 for 5 epochs (200 steps)."""

    settings = Sigmoid1DScene.settings
