# manim -pql scenes/linreg_minibatch.py LinRegMiniBatch
"""Linear regression by mini-batch gradient descent: the 8 ringed points make each step."""

from maniml.scenes import LinRegScene


class LinRegMiniBatch(LinRegScene):
    """50 noisy points, batches of 8 (7 per epoch, the last of 2), lr = 0.1 for 10 epochs (70 steps)."""

    settings = LinRegScene.settings.with_(optimizer="minibatch", batch_size=8, lr=0.1, epochs=10)
