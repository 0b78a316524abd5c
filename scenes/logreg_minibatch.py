# manim -pql scenes/logreg_minibatch.py LogRegMiniBatch
"""Logistic regression by mini-batch gradient descent on the iris petals (setosa vs versicolor)."""

from maniml.scenes import LogRegScene


class LogRegMiniBatch(LogRegScene):
    """The bundled iris petal data (100 flowers), batches of 10, lr = 1.0 for 8 epochs. Both
    features are in cm, so they share one scale; measured to 0.1 cm, the 100 flowers sit on 58
    points, so they are drawn jittered by at most ±0.05 cm (the key says so)."""

    settings = LogRegScene.settings.with_(
        data="iris", optimizer="minibatch", batch_size=10, lr=1.0, epochs=8
    )
