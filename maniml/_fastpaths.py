"""Fast paths of :func:`~maniml.fit` for plain SGD at a constant rate on the linear models.

On one sample per step NumPy's per-call overhead dwarfs the arithmetic, so these steps go in
blocks: on the squared error as one unit lower-triangular solve (exact block algebra), otherwise in
Python floats. Both give the steps of the general loop (``theta -= lr * grad``) and are checked
against it in the tests.
"""

from __future__ import annotations

import operator
from collections.abc import Callable

import numpy as np
from scipy.linalg import solve_triangular

from ._typing import FloatArray

__all__ = ["plain_sgd_epoch", "sgd_python", "sgd_squared_block"]

# Steps per block of the squared-error path (cost per step grows with it, overhead shrinks).
_BLOCK = 128
# Steps per block of the Python-float path (each block is checked for overflow before going on).
_PY_BLOCK = 1024


def plain_sgd_epoch(
    params: FloatArray,
    k: int,
    Xe: FloatArray,
    ye: FloatArray,
    c: float,
    squared: bool,
    resid: Callable[[float, float], float],
) -> int:
    """Plain SGD over the rows of one epoch, written to ``params[k + 1 : k + len(Xe) + 1]``.

    Parameters
    ----------
    params : ndarray, shape (steps + 1, P)
        The run's rows; ``params[k]`` is the start of this epoch.
    Xe, ye : ndarray
        The epoch's samples in order, ``Xe`` with its column of ones.
    c : float
        ``lr * dscale``: each step is ``theta -= c * resid(theta . x, y) * x``.
    squared : bool
        The squared error (``resid(z, y) = z - y``): blocks are solved exactly.
    resid : callable
        The model's residual on Python floats (the Python-float path).

    Returns
    -------
    int
        The row reached: ``k + len(Xe)``, or the end of the first block that left the finite
        numbers (the exact row is found afterwards).

    Examples
    --------
    >>> params = np.zeros((3, 2))
    >>> X = np.array([[1.0, 1.0], [1.0, 2.0]]); y = np.array([1.0, 2.0])
    >>> plain_sgd_epoch(params, 0, X, y, 0.1, True, None), params[1:].round(4).tolist()
    (2, [[0.1, 0.1], [0.27, 0.44]])
    """
    m = len(Xe)
    block = _BLOCK if squared else _PY_BLOCK
    theta = params[k]
    for c0 in range(0, m, block):
        c1 = min(m, c0 + block)
        rows = None
        if squared:
            rows = sgd_squared_block(theta, Xe[c0:c1], ye[c0:c1], c)
            if not np.isfinite(rows[-1]).all():
                rows = None  # overflow: redo the block step by step to find where
        if rows is None:
            rows = sgd_python(theta.tolist(), Xe[c0:c1].tolist(), ye[c0:c1].tolist(), c, resid)
        params[k + c0 + 1 : k + c1 + 1] = rows
        theta = params[k + c1]
        if not np.isfinite(theta).all():
            return k + c1
    return k + m


def sgd_squared_block(theta: FloatArray, Xb: FloatArray, yb: FloatArray, c: float) -> FloatArray:
    """``len(yb)`` plain SGD steps on the squared error at once, exactly.

    Step ``i`` is ``theta_{i+1} = theta_i - g_i x_i`` with ``g_i = c (x_i . theta_i - y_i)``.
    Since ``theta_i = theta_0 - sum_{l<i} g_l x_l``, the ``g`` solve the unit lower-triangular
    system ``(I + c tril(Xb Xb^T, -1)) g = c (Xb theta_0 - yb)``: forward substitution is the
    sequential loop, done by LAPACK. Returns the parameters after every step, shape ``(B, P)``.

    Examples
    --------
    >>> sgd_squared_block(np.zeros(2), np.array([[1.0, 1.0], [1.0, 2.0]]), np.array([1.0, 2.0]), 0.1)
    array([[0.1 , 0.1 ],
           [0.27, 0.44]])
    """
    gram = Xb @ Xb.T
    gram *= c  # only the strict lower triangle is read (unit diagonal)
    g = solve_triangular(
        gram, c * (Xb @ theta - yb), lower=True, unit_diagonal=True, check_finite=False
    )
    return theta - np.cumsum(g[:, None] * Xb, axis=0)


def sgd_python(
    theta: list[float],
    rows: list[list[float]],
    ys: list[float],
    c: float,
    resid: Callable[[float, float], float],
) -> list[list[float]]:
    """Plain SGD steps ``theta -= c * resid(theta . x, y) * x`` over ``rows`` (each ``[1, x...]``);
    returns the parameters after every step.

    Examples
    --------
    >>> sgd_python([0.0, 0.0], [[1.0, 1.0], [1.0, 2.0]], [1.0, 2.0], 0.1, lambda z, y: z - y)
    [(0.1, 0.1), (0.27, 0.44000000000000006)]
    """
    out = []
    append = out.append
    if len(theta) == 2:  # one feature: the common picture, unrolled
        t0, t1 = theta
        for (_, x1), yi in zip(rows, ys, strict=True):
            g = c * resid(t0 + t1 * x1, yi)
            t0 -= g
            t1 -= g * x1
            append((t0, t1))
        return out
    th = theta
    for xi, yi in zip(rows, ys, strict=True):
        g = c * resid(sum(map(operator.mul, xi, th)), yi)
        th = [t - g * x for t, x in zip(th, xi, strict=True)]
        append(th)
    return out
