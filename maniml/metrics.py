"""Model evaluation: accuracy, R^2 and a seeded (optionally stratified) train/test split.

The definitions and conventions are scikit-learn's (``sklearn.metrics.accuracy_score``,
``r2_score`` and ``sklearn.model_selection.train_test_split``), so numbers agree with it.
"""

from __future__ import annotations

import math
from numbers import Integral, Real
from typing import Any

import numpy as np

from ._typing import ArrayLike
from ._validation import check_array, check_finite_array, check_seed, is_discrete, param_error

__all__ = ["accuracy", "r2_score", "train_test_split"]


def _pair(y_true: ArrayLike, y_pred: ArrayLike, where: str) -> tuple[np.ndarray, np.ndarray]:
    """Two non-empty 1-D arrays of the same length (any dtype: labels may be strings)."""
    out = []
    for name, value in (("y_true", y_true), ("y_pred", y_pred)):
        arr = np.asarray(value)
        if arr.ndim != 1 or arr.size == 0:
            raise param_error(name, where, "a non-empty 1-D array", arr)
        out.append(arr)
    if len(out[0]) != len(out[1]):
        raise ValueError(
            f"The 'y_true' and 'y_pred' parameters of {where} must have the same length; "
            f"got {len(out[0])} and {len(out[1])} values."
        )
    return out[0], out[1]


def accuracy(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    """The fraction of predictions equal to the true labels, in ``[0, 1]``.

    Parameters
    ----------
    y_true, y_pred : array_like, shape (n_samples,)
        Class labels of any kind (numbers, strings, booleans).

    Returns
    -------
    float

    Examples
    --------
    >>> accuracy([0, 1, 1, 0], [0, 1, 0, 0])
    0.75
    >>> accuracy(["cat", "dog"], ["cat", "cat"])
    0.5
    """
    y_true, y_pred = _pair(y_true, y_pred, "accuracy")
    return float(np.mean(y_true == y_pred))


def r2_score(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    """The coefficient of determination ``1 - sum((y - y_hat)^2) / sum((y - mean(y))^2)``.

    1 is a perfect fit, 0 is as good as predicting the mean, and it is negative for worse. For a
    constant ``y_true`` the ratio is undefined; as in scikit-learn, the score is then 1 for a
    perfect prediction and 0 otherwise.

    Parameters
    ----------
    y_true, y_pred : array_like, shape (n_samples,)
        Finite real numbers.

    Returns
    -------
    float

    Examples
    --------
    >>> r2_score([1.0, 2.0, 3.0], [1.0, 2.0, 3.0])
    1.0
    >>> r2_score([1.0, 2.0, 3.0], [2.0, 2.0, 2.0])
    0.0
    >>> round(r2_score([1.0, 2.0, 3.0], [1.5, 2.0, 2.5]), 6)
    0.75
    """
    where = "r2_score"
    y_true, y_pred = _pair(y_true, y_pred, where)
    y_true = check_finite_array(check_array(y_true, "y_true", where, ndim=(1,)), "y_true", where)
    y_pred = check_finite_array(check_array(y_pred, "y_pred", where, ndim=(1,)), "y_pred", where)
    ss_res = float(np.sum((y_true - y_pred) ** 2))
    ss_tot = float(np.sum((y_true - y_true.mean()) ** 2))
    if ss_tot == 0.0:
        return 1.0 if ss_res == 0.0 else 0.0
    return 1.0 - ss_res / ss_tot


def _n_test(test_size: Any, n: int, where: str) -> int:
    """The number of test samples: a fraction of ``n`` rounded up (scikit-learn's rule) or a count.

    Both parts must be non-empty.
    """
    allowed = f"a float in (0, 1) or an int in [1, {n - 1}] (train and test both non-empty)"
    if isinstance(test_size, bool) or not isinstance(test_size, Real):
        raise param_error("test_size", where, allowed, test_size)
    if isinstance(test_size, Integral):
        n_test = int(test_size)
    elif 0.0 < float(test_size) < 1.0:
        n_test = math.ceil(float(test_size) * n)
    else:
        raise param_error("test_size", where, allowed, test_size)
    if not 1 <= n_test <= n - 1:
        raise param_error("test_size", where, allowed, test_size)
    return n_test


def _labels(stratify: Any, y: np.ndarray, n: int, where: str) -> np.ndarray:
    """The labels to stratify by: ``y`` for ``'auto'``, else the given array (one per sample)."""
    if isinstance(stratify, str):
        if stratify != "auto":
            raise param_error(
                "stratify", where, "None, 'auto' (by the labels y) or an array of labels", stratify
            )
        labels = y
    else:
        labels = np.asarray(stratify)
        if labels.shape != (n,):
            raise param_error("stratify", where, f"an array of {n} labels (one per sample)", labels)
    if not is_discrete(labels):
        raise param_error(
            "stratify",
            where,
            "class labels (stratifying needs classes; use stratify=None for a continuous target)",
            "'auto' with non-integer values in y" if labels is y else labels,
        )
    return labels


def _stratified_test_counts(counts: np.ndarray, n_test: int, rng: np.random.Generator):
    """Test samples per class: proportional shares, rounded down, the rest to the largest
    remainders (ties broken at random), as scikit-learn's ``_approximate_mode``."""
    share = counts * (n_test / counts.sum())
    out = np.floor(share).astype(np.intp)
    rest = n_test - int(out.sum())
    if rest:
        remainder = share - out
        order = np.lexsort((rng.random(len(counts)), -remainder))
        out[order[:rest]] += 1
    return out


def train_test_split(
    X: ArrayLike,
    y: ArrayLike,
    *,
    test_size: float | int = 0.25,
    seed: int | None = 0,
    stratify: str | ArrayLike | None = None,
) -> tuple[Any, Any, Any, Any]:
    """Split the samples at random into a training and a test part.

    Parameters
    ----------
    X : array_like, shape (n_samples, ...)
        Features; the rows are split (a 1-D ``X`` is one feature).
    y : array_like, shape (n_samples,)
        Targets or class labels (any dtype).
    test_size : float or int, default 0.25
        A fraction in ``(0, 1)`` (the test part has ``ceil(test_size * n)`` samples, as in
        scikit-learn) or a number of test samples.
    seed : int or None, default 0
        Seed of ``numpy.random.default_rng``: the same seed gives the same split.
    stratify : None, 'auto' or array_like, default None
        ``None`` shuffles all samples together. ``'auto'`` stratifies by the class labels in
        ``y``: each class is split in (close to) the proportion ``test_size``, so both parts have
        the class balance of the whole. An array of labels stratifies by those instead.
        Stratifying needs every class to have at least 2 samples.

    Returns
    -------
    X_train, X_test, y_train, y_test : ndarray
        In scikit-learn's order; the rows of each part are in random order.

    Examples
    --------
    >>> import numpy as np
    >>> X, y = np.arange(20.0).reshape(10, 2), np.array([0, 0, 0, 0, 0, 0, 1, 1, 1, 1])
    >>> X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.5, stratify="auto")
    >>> X_train.shape, X_test.shape, np.bincount(y_test).tolist()
    ((5, 2), (5, 2), [3, 2])
    """
    where = "train_test_split"
    X, y = np.asarray(X), np.asarray(y)
    if X.ndim == 0 or len(X) < 2:
        raise param_error("X", where, "an array with at least 2 samples (rows)", X)
    if y.ndim != 1:
        raise param_error("y", where, "a 1-D array", y)
    n = len(X)
    if len(y) != n:
        raise ValueError(
            f"The 'X' and 'y' parameters of {where} must have the same number of samples; "
            f"got X with {n} rows and y with {len(y)} values."
        )
    n_test = _n_test(test_size, n, where)
    rng = np.random.default_rng(check_seed(seed, where))
    if stratify is None:
        perm = rng.permutation(n)
        test, train = perm[:n_test], perm[n_test:]
    else:
        labels = _labels(stratify, y, n, where)
        classes, inverse, counts = np.unique(labels, return_inverse=True, return_counts=True)
        if counts.min() < 2:
            c = classes[int(np.argmin(counts))]
            raise param_error(
                "stratify", where, "labels whose every class has at least 2 samples",
                f"class {c.item() if isinstance(c, np.generic) else c!r} with 1 sample",
            )  # fmt: skip
        if not len(classes) <= n_test <= n - len(classes):
            raise param_error(
                "test_size", where,
                f"at least one sample per class in each part ({len(classes)} classes, "
                f"{n} samples)", test_size,
            )  # fmt: skip
        per_class = _stratified_test_counts(counts, n_test, rng)
        test_parts, train_parts = [], []
        for k, m in enumerate(per_class):
            members = rng.permutation(np.flatnonzero(inverse == k))
            test_parts.append(members[:m])
            train_parts.append(members[m:])
        test = rng.permutation(np.concatenate(test_parts))
        train = rng.permutation(np.concatenate(train_parts))
    return X[train], X[test], y[train], y[test]
