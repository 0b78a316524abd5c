"""Two-feature data sets as in TensorFlow Playground, and a noisy 1-D curve, all seeded.

Each generator draws from ``numpy.random.default_rng(seed)`` (the same seed gives identical
arrays) and returns a :class:`~maniml.Dataset`, which unpacks as ``X, y``. The classification sets
have inputs of unit scale (about ``[-1, 1]``; no standardising needed), labels ``0.0``/``1.0`` (or
``0..K-1``), classes of sizes as even as possible (the first classes get the remainder) and rows in
random order.

Examples
--------
>>> import maniml
>>> X, y = maniml.make_circles(n=100, seed=0)
>>> X.shape, sorted(set(y.tolist()))
((100, 2), [0.0, 1.0])
>>> maniml.make_spiral(n=90, n_classes=3, seed=0).y.max()
np.float64(2.0)
"""

from __future__ import annotations

import numpy as np

from ._typing import FloatArray
from ._validation import check_int, check_real, check_seed
from .datasets import Dataset, _check_range

__all__ = [
    "make_circles",
    "make_classes",
    "make_curve",
    "make_gaussians",
    "make_moons",
    "make_spiral",
    "make_xor",
]

_XY = ("x1", "x2")


def _counts(n: int, k: int) -> np.ndarray:
    """Class sizes as even as possible, the first classes getting the remainder."""
    return n // k + (np.arange(k) < n % k)


def _labels(n: int, k: int) -> FloatArray:
    return np.repeat(np.arange(k, dtype=np.float64), _counts(n, k))


def _finish(rng, X, y, noise, where, description) -> Dataset:
    """Add Gaussian noise, shuffle the rows, wrap as a Dataset."""
    X = X + noise * rng.standard_normal(X.shape)
    order = rng.permutation(len(y))
    return Dataset(X[order], y[order], _XY, "class", description)


def _common(n: int, noise: float, seed: int | None, where: str, low: int = 2):
    return (
        check_int(n, "n", where, low=low),
        check_real(noise, "noise", where, low=0.0),
        np.random.default_rng(check_seed(seed, where)),
    )


def make_circles(n: int = 200, *, noise: float = 0.05, seed: int | None = None) -> Dataset:
    """A disc of class 1 inside a ring of class 0 (the Playground's "circle").

    Class 1 lies at radius ``[0, 0.5]``, class 0 at ``[0.7, 1.0]``, at uniform angles, before
    Gaussian noise of standard deviation ``noise``. A linear model cannot separate them.

    Parameters
    ----------
    n : int, default 200
        Number of samples, ``>= 2``.
    noise : float, default 0.05
        Standard deviation of the noise added to each coordinate, ``>= 0``.
    seed : int or None, default None

    Returns
    -------
    Dataset
        ``X`` of shape ``(n, 2)``, ``y`` in ``{0, 1}``.

    Examples
    --------
    >>> import numpy as np
    >>> X, y = make_circles(n=50, noise=0.0, seed=0)
    >>> r = np.hypot(X[:, 0], X[:, 1])
    >>> bool((r[y == 1] <= 0.5).all() and (r[y == 0] >= 0.7).all())
    True
    """
    n, noise, rng = _common(n, noise, seed, "make_circles")
    y = _labels(n, 2)
    radius = np.where(y == 1.0, rng.uniform(0.0, 0.5, n), rng.uniform(0.7, 1.0, n))
    angle = rng.uniform(0.0, 2.0 * np.pi, n)
    X = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    return _finish(rng, X, y, noise, "make_circles", "a disc (class 1) inside a ring (class 0)")


def make_xor(n: int = 200, *, noise: float = 0.0, seed: int | None = None) -> Dataset:
    """The four quadrants, class 1 where ``x1 * x2 > 0`` (the Playground's "exclusive or").

    Each class fills its two quadrants uniformly, at least 0.05 away from both axes (so that the
    classes are separated by a margin before ``noise``), inside ``[-1, 1]^2``.

    Parameters
    ----------
    n : int, default 200
        Number of samples, ``>= 2``.
    noise : float, default 0.0
        Standard deviation of the noise added to each coordinate (after labelling), ``>= 0``.
    seed : int or None, default None

    Returns
    -------
    Dataset
        ``X`` of shape ``(n, 2)``, ``y`` in ``{0, 1}``.

    Examples
    --------
    >>> X, y = make_xor(n=40, seed=1)
    >>> bool(((X[:, 0] * X[:, 1] > 0) == (y == 1)).all())
    True
    """
    n, noise, rng = _common(n, noise, seed, "make_xor")
    y = _labels(n, 2)
    size = rng.uniform(0.05, 1.0, size=(n, 2))  # distance from each axis
    first = rng.choice([-1.0, 1.0], size=n)
    second = np.where(y == 1.0, first, -first)  # same signs: x1 * x2 > 0
    X = size * np.column_stack([first, second])
    return _finish(rng, X, y, noise, "make_xor", "class 1 in the quadrants where x1 * x2 > 0")


def make_gaussians(n: int = 200, *, spread: float = 0.35, seed: int | None = None) -> Dataset:
    """Two Gaussian clouds, class 1 around ``(0.5, 0.5)`` and class 0 around ``(-0.5, -0.5)``
    (the Playground's "Gaussian"); linearly separable for small ``spread``.

    Parameters
    ----------
    n : int, default 200
        Number of samples, ``>= 2``.
    spread : float, default 0.35
        Standard deviation of each cloud in each coordinate, ``> 0``.
    seed : int or None, default None

    Returns
    -------
    Dataset

    Examples
    --------
    >>> X, y = make_gaussians(n=400, seed=0)
    >>> X[y == 1].mean(axis=0).round(1), X[y == 0].mean(axis=0).round(1)
    (array([0.5, 0.5]), array([-0.5, -0.5]))
    """
    where = "make_gaussians"
    n, _, rng = _common(n, 0.0, seed, where)
    spread = check_real(spread, "spread", where, low=0.0, low_open=True)
    y = _labels(n, 2)
    X = np.where(y[:, None] == 1.0, 0.5, -0.5) + spread * rng.standard_normal((n, 2))
    return _finish(rng, X, y, 0.0, where, "two Gaussian clouds")


def make_spiral(
    n: int = 200,
    *,
    n_classes: int = 2,
    turns: float = 1.0,
    noise: float = 0.03,
    seed: int | None = None,
) -> Dataset:
    """Interleaved spiral arms, one per class (the Playground's "spiral"; 3+ arms for
    multi-class).

    Arm ``c`` holds points at radius ``r`` evenly spaced in ``(0, 1]`` and angle
    ``2 pi (turns * r + c / n_classes)``: each arm winds ``turns`` times around the centre.

    Parameters
    ----------
    n : int, default 200
        Number of samples, ``>= n_classes``.
    n_classes : int, default 2
        Number of arms (classes), ``>= 2``.
    turns : float, default 1.0
        Turns of each arm, ``> 0``; more turns are harder to learn.
    noise : float, default 0.03
        Standard deviation of the noise added to each coordinate, ``>= 0``.
    seed : int or None, default None

    Returns
    -------
    Dataset
        ``X`` of shape ``(n, 2)``, ``y`` in ``0..n_classes-1``.

    Examples
    --------
    >>> import numpy as np
    >>> X, y = make_spiral(n=60, n_classes=3, noise=0.0, seed=0)
    >>> np.bincount(y.astype(int)).tolist(), float(np.hypot(*X.T).max())
    ([20, 20, 20], 1.0)
    """
    where = "make_spiral"
    n_classes = check_int(n_classes, "n_classes", where, low=2)
    n, noise, rng = _common(n, noise, seed, where, low=n_classes)
    turns = check_real(turns, "turns", where, low=0.0, low_open=True)
    y = _labels(n, n_classes)
    counts = _counts(n, n_classes)
    radius = np.concatenate([np.arange(1, m + 1) / m for m in counts])
    angle = 2.0 * np.pi * (turns * radius + y / n_classes)
    X = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    return _finish(rng, X, y, noise, where, f"{n_classes} interleaved spiral arms")


def make_moons(n: int = 200, *, noise: float = 0.1, seed: int | None = None) -> Dataset:
    """Two interleaved half circles (scikit-learn's "moons"), scaled to about ``[-1, 1]``.

    Class 0 is the upper half circle of radius 1 around ``(0, 0)``, class 1 the lower one around
    ``(1, 0.5)``; the whole set is then shifted by ``(-0.5, -0.25)`` and halved in x.

    Parameters
    ----------
    n : int, default 200
        Number of samples, ``>= 2``.
    noise : float, default 0.1
        Standard deviation of the noise added to each coordinate, ``>= 0``.
    seed : int or None, default None

    Returns
    -------
    Dataset

    Examples
    --------
    >>> X, y = make_moons(n=100, noise=0.0, seed=0)
    >>> X.shape, float(X[:, 0].min()), float(X[:, 0].max())
    ((100, 2), -0.75, 0.75)
    """
    n, noise, rng = _common(n, noise, seed, "make_moons")
    y = _labels(n, 2)
    t = np.pi * np.concatenate([np.linspace(0.0, 1.0, m) for m in _counts(n, 2)])
    upper = np.column_stack([np.cos(t), np.sin(t)])
    lower = np.column_stack([1.0 - np.cos(t), 0.5 - np.sin(t)])
    X = np.where(y[:, None] == 0.0, upper, lower) - [0.5, 0.25]
    X[:, 0] *= 0.5
    return _finish(rng, X, y, noise, "make_moons", "two interleaved half circles")


def make_classes(
    n: int = 300, *, n_classes: int = 3, spread: float = 0.2, seed: int | None = None
) -> Dataset:
    """Multi-class blobs: ``n_classes`` Gaussian clouds with centres evenly spaced on the circle
    of radius 0.7 (class ``c`` at angle ``2 pi c / n_classes``).

    Parameters
    ----------
    n : int, default 300
        Number of samples, ``>= n_classes``.
    n_classes : int, default 3
        Number of classes, ``>= 2``.
    spread : float, default 0.2
        Standard deviation of each cloud in each coordinate, ``> 0``.
    seed : int or None, default None

    Returns
    -------
    Dataset
        ``X`` of shape ``(n, 2)``, ``y`` in ``0..n_classes-1``.

    Examples
    --------
    >>> import numpy as np
    >>> X, y = make_classes(n=10, n_classes=4, seed=0)
    >>> np.bincount(y.astype(int)).tolist()
    [3, 3, 2, 2]
    """
    where = "make_classes"
    n_classes = check_int(n_classes, "n_classes", where, low=2)
    n, _, rng = _common(n, 0.0, seed, where, low=n_classes)
    spread = check_real(spread, "spread", where, low=0.0, low_open=True)
    y = _labels(n, n_classes)
    angle = 2.0 * np.pi * y / n_classes
    centres = 0.7 * np.column_stack([np.cos(angle), np.sin(angle)])
    X = centres + spread * rng.standard_normal((n, 2))
    return _finish(rng, X, y, 0.0, where, f"{n_classes} Gaussian clouds on a circle")


def make_curve(
    n: int = 100,
    *,
    noise: float = 0.1,
    x_range: tuple[float, float] = (-3.0, 3.0),
    seed: int | None = None,
) -> Dataset:
    """A noisy 1-D curve for regression: ``y = sin(x) + noise * e``, ``x`` uniform in
    ``x_range``, ``e`` standard normal.

    Parameters
    ----------
    n : int, default 100
        Number of samples, ``>= 2``.
    noise : float, default 0.1
        Standard deviation of the noise on ``y``, ``>= 0``.
    x_range : (float, float), default (-3.0, 3.0)
        Bounds ``(low, high)`` of the inputs, ``low < high``.
    seed : int or None, default None

    Returns
    -------
    Dataset
        ``X`` of shape ``(n, 1)``, ``y`` of shape ``(n,)``.

    Examples
    --------
    >>> import numpy as np
    >>> X, y = make_curve(n=20, noise=0.0, seed=0)
    >>> X.shape, bool(np.allclose(y, np.sin(X[:, 0])))
    ((20, 1), True)
    """
    where = "make_curve"
    n, noise, rng = _common(n, noise, seed, where)
    low, high = _check_range(x_range, "x_range", where)
    x = rng.uniform(low, high, n)
    y = np.sin(x) + noise * rng.standard_normal(n)
    return Dataset(x[:, None], y, ("x",), "y", "sin(x) plus Gaussian noise")
