# manim -pql scenes/nn_classification.py NNSpiral
"""A neural network learning the two-arm spiral from scratch, as in TensorFlow Playground.

Also ``NNSpiral3`` (``manim -pql scenes/nn_classification.py NNSpiral3``): three arms, softmax
output, regions coloured by the predicted class with a key.
"""

from maniml.scenes import NNClassificationScene


class NNSpiral(NNClassificationScene):
    """200 spiral points (160 training, filled; 40 validation, hollow), a 2-8-8-1 ReLU network,
    Adam with lr = 0.01 on mini-batches of 16 for 60 epochs (600 steps) in 10 s. The regions
    start as one tilted boundary (accuracy 0.50), wrap round the inner arm by step 150
    (training accuracy 0.938, validation 0.875) and end wrapped around both arms: training
    accuracy 0.994, validation 0.975; the validation loss is lowest (0.084) at the last step.
    Each hidden neuron's output is drawn inside its circle; weights and outputs take the sign
    colours of the key (orange positive, magenta negative on the dark theme), not the classes'."""

    settings = NNClassificationScene.settings.with_(data="spiral")


class NNSpiral3(NNClassificationScene):
    """Three spiral arms (300 points, 60 held out), a 2-16-16-3 ReLU network with a softmax
    output, Adam with lr = 0.01 on mini-batches of 16 for 50 epochs (750 steps): accuracy 0.33
    at the start, 0.846 (validation 0.883) at step 187, 0.963 (validation 0.967) at the end;
    the key names the three class colours."""

    settings = NNClassificationScene.settings.with_(
        data="spiral", data_options={"n": 300, "n_classes": 3}, hidden=(16, 16), epochs=50
    )
