# manim -pql scenes/nn_classification.py NNSpiral
"""A neural network learning the spiral, as in TensorFlow Playground."""

from maniml.scenes import NNClassificationScene


class NNSpiral(NNClassificationScene):
    """TODO."""

    settings = NNClassificationScene.settings.with_()
