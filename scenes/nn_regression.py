# manim -pql scenes/nn_regression.py NNCurve
"""A neural network fitting a noisy curve."""

from maniml.scenes import NNRegressionScene


class NNCurve(NNRegressionScene):
    """TODO."""

    settings = NNRegressionScene.settings.with_()
