# manim -pql scenes/nn_classification.py NNSpiral
"""A neural network learning the two-arm spiral from scratch, as in TensorFlow Playground.

Also ``NNSpiral3`` (``manim -pql scenes/nn_classification.py NNSpiral3``): three arms, softmax
output, regions coloured by the predicted class with a key.
"""

from maniml.scenes import NNClassificationScene


class NNSpiral(NNClassificationScene):
    """200 spiral points (160 training, filled; 40 validation, hollow), a 2-8-8-1 ReLU network,
    Adam with lr = 0.01 on mini-batches of 16 for 60 epochs (600 steps) in 10 s. The regions
    start as one tilted boundary (accuracy 0.49), bend round the inner arm within the first 150
    steps (0.93 at step 159) and end wrapped around both arms: training accuracy 0.994,
    validation 0.975, validation loss lowest (0.084) at the last step. Each hidden neuron's
    output is drawn inside its circle."""

    settings = NNClassificationScene.settings.with_(data="spiral")


class NNSpiral3(NNClassificationScene):
    """Three spiral arms (300 points, 60 held out), a 2-16-16-3 ReLU network with a softmax
    output, Adam with lr = 0.01 on mini-batches of 16 for 50 epochs; the key names the three
    class colours."""

    settings = NNClassificationScene.settings.with_(
        data="spiral", data_options={"n": 300, "n_classes": 3}, hidden=(16, 16), epochs=50
    )
