# manim -pql scenes/logreg_minibatch.py LogRegMiniBatch
"""Logistic regression by mini-batch gradient descent on the iris petals (setosa vs versicolor)."""

from maniml.scenes import LogRegScene


class LogRegMiniBatch(LogRegScene):
    """The bundled iris petal data (100 flowers), batches of 10, lr = 1.0 for 8 epochs."""

    settings = LogRegScene.settings.with_(
        data="iris", optimizer="minibatch", batch_size=10, lr=1.0, epochs=8
    )
