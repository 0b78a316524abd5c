"""Small seeded data sets shared by the core tests."""

from __future__ import annotations

import numpy as np

__all__ = ["classification_data", "regression_data"]


def regression_data(n: int, d: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Gaussian features, a random linear target and a little noise."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    y = 0.5 + X @ rng.normal(size=d) + 0.3 * rng.normal(size=n)
    return X, y


def classification_data(n: int, d: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Labels drawn from a logistic model: the classes overlap (not separable)."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    p = 1.0 / (1.0 + np.exp(-(0.3 + X @ rng.normal(size=d))))
    return X, (rng.random(n) < p).astype(float)
