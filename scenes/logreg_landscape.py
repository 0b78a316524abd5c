# manim -pql scenes/logreg_landscape.py LogRegLandscape
"""Logistic regression's loss over (intercept, weight): BGD, SGD and mini-batch paths on the
filled contours of the mean cross-entropy, in step by epoch with the sigmoid fits and the loss
curves.

The render: 40 points of the ``'sigmoid'`` data set (x in [-4, 4], 22 of them labelled 1, the
classes mixing around x = 0). All three runs start at (-3, -1.5), loss 3.75, a falling sigmoid.
They climb the weight axis first (the steep direction), then turn and crawl along the
shallow valley of the intercept. The optimum, found by L-BFGS, is the 'x' at
(-0.157, 1.179) with loss 0.3307; the ellipses close around it. By epoch 8 the losses are
0.395 (BGD), 0.368 (SGD) and 0.363 (mini-batch). After 30 epochs BGD (lr 1.0, 30 steps) is
at 0.3341 and still falling steadily. SGD (lr 0.03, 1200 steps) is at 0.3316 and jitters
around the valley floor. Mini-batch (8, lr 0.3, 150 steps) is at 0.3309, 2e-4 above the
optimum. The data panel shows the mini-batch run's sigmoid (its batch ringed, its 0.5
threshold marked), the other two runs' sigmoids, and the optimum's sigmoid dashed. The chart
plots log10(loss - loss at the optimum) by epoch.

Use your own data with ``settings = LogRegLandscapeScene.settings.with_(data=(X, y))`` (one
feature, labels 0 and 1 whose classes overlap).
"""

from maniml.scenes import LogRegLandscapeScene


class LogRegLandscape(LogRegLandscapeScene):
    """40 points with overlapping 0/1 labels; BGD (lr 1.0), SGD (lr 0.03) and mini-batch (8, lr
    0.3) from (-3, -1.5) for 30 epochs."""

    settings = LogRegLandscapeScene.settings
