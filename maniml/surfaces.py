"""Loss surfaces over parameter grids, each one vectorised call of the core."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, ClassVar

import numpy as np

from ._typing import ArrayLike, FloatArray
from ._validation import check_init, check_int, check_real, param_error
from .functions import Objective
from .models import LinearRegression, Model, closed_form

__all__ = ["ModelLoss", "grid_values", "model_loss_grid", "model_optimum"]


def _check_range(r: Any, name: str, where: str) -> tuple[float, float]:
    try:
        lo, hi = r
    except (TypeError, ValueError):
        raise param_error(name, where, "a pair (low, high) with low < high", r) from None
    lo = check_real(lo, name, where)
    hi = check_real(hi, name, where)
    if not lo < hi:
        raise param_error(name, where, "a pair (low, high) with low < high", r)
    return lo, hi


def grid_values(
    f: Callable[[FloatArray], Any],
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    *,
    resolution: int = 101,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Evaluate ``f`` (which takes a stack of points ``(..., 2)``) on a regular grid.

    Returns
    -------
    xs : ndarray, shape (resolution,)
    ys : ndarray, shape (resolution,)
    Z : ndarray, shape (resolution, resolution)
        ``Z[i, j] = f([xs[j], ys[i]])`` (rows follow ``y``, as images do).

    Examples
    --------
    >>> import maniml
    >>> xs, ys, Z = grid_values(maniml.Bowl(), (0, 2), (1, 3), resolution=3)
    >>> Z
    array([[2., 1., 2.],
           [1., 0., 1.],
           [2., 1., 2.]])
    """
    where = "grid_values"
    x_range = _check_range(x_range, "x_range", where)
    y_range = _check_range(y_range, "y_range", where)
    resolution = check_int(resolution, "resolution", where, low=2, high=2000)
    xs = np.linspace(*x_range, resolution)
    ys = np.linspace(*y_range, resolution)
    grid = np.stack(np.meshgrid(xs, ys), axis=-1)
    with np.errstate(all="ignore"):
        Z = np.asarray(f(grid), dtype=np.float64)
    return xs, ys, Z


def model_loss_grid(
    model: Model,
    X: ArrayLike,
    y: ArrayLike,
    x_range: tuple[float, float],
    y_range: tuple[float, float],
    *,
    axes: tuple[int, int] = (0, 1),
    at: ArrayLike | None = None,
    resolution: int = 101,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """A model's loss over two of its parameters, the others held at ``at``.

    ``axes`` picks the two parameters (0 = intercept, 1 = first weight, ...); ``at`` gives the
    values of all parameters (zeros by default), of which the two on ``axes`` are replaced.

    Examples
    --------
    >>> import numpy as np, maniml
    >>> X = np.array([0.0, 1.0, 2.0]); y = 1.0 + 2.0 * X
    >>> xs, ys, Z = model_loss_grid(maniml.LinearRegression(), X, y, (0, 2), (1, 3), resolution=3)
    >>> round(float(Z[1, 1]), 12)  # intercept 1, slope 2: a perfect fit
    0.0
    """
    where = "model_loss_grid"
    if not isinstance(model, Model):
        raise param_error("model", where, "a maniml model", model)
    X, y = model.check_data(X, y, where)
    P = X.shape[1] + 1
    base = check_init(at, P, where, name="at")
    try:
        i, j = (int(a) for a in axes)
    except (TypeError, ValueError):
        raise param_error("axes", where, f"two distinct ints in [0, {P - 1}]", axes) from None
    if not (0 <= i < P and 0 <= j < P and i != j):
        raise param_error("axes", where, f"two distinct ints in [0, {P - 1}]", axes)

    def f(grid: FloatArray) -> FloatArray:
        thetas = np.broadcast_to(base, grid.shape[:-1] + (P,)).copy()
        thetas[..., i] = grid[..., 0]
        thetas[..., j] = grid[..., 1]
        return model._loss(thetas, X, y)

    return grid_values(f, x_range, y_range, resolution=resolution)


def model_optimum(model: Model, X: ArrayLike, y: ArrayLike) -> FloatArray | None:
    """The parameters that minimise a model's mean loss on data (intercept first).

    Linear regression: the closed form (:func:`~maniml.closed_form`, least squares or ridge).
    Any other model (logistic regression): :func:`scipy.optimize.minimize` with L-BFGS-B on the
    model's own loss and gradient from ``theta = 0``, to a gradient norm of about 1e-10 (the loss
    is convex, so this is the global minimum). ``None`` when L-BFGS does not converge to a
    finite point; data whose classes a line separates have no finite minimiser (the loss only
    approaches 0 as ``|theta|`` grows), so expect ``None`` or a point far out for them.

    Examples
    --------
    >>> import numpy as np, maniml
    >>> X = np.array([[-2.0], [-1.0], [0.0], [1.0], [2.0], [3.0]])
    >>> y = np.array([0.0, 0.0, 1.0, 0.0, 1.0, 1.0])
    >>> theta = model_optimum(maniml.LogisticRegression(), X, y)
    >>> theta.round(4), bool(np.abs(maniml.LogisticRegression().grad(theta, X, y)).max() < 1e-8)
    (array([-0.607,  1.214]), True)
    """
    where = "model_optimum"
    if not isinstance(model, Model):
        raise param_error("model", where, "a maniml model", model)
    X, y = model.check_data(X, y, where)
    if isinstance(model, LinearRegression):
        return closed_form(X, y, l2=model.l2)
    from scipy.optimize import minimize

    res = minimize(
        lambda t: model._loss(t, X, y),
        np.zeros(X.shape[1] + 1),
        jac=lambda t: model._grad(t, X, y),
        method="L-BFGS-B",
        options={"maxiter": 10_000, "gtol": 1e-10, "ftol": 1e-15},
    )
    theta = np.asarray(res.x, dtype=np.float64)
    if not np.all(np.isfinite(theta)) or np.abs(model._grad(theta, X, y)).max() > 1e-7:
        return None
    return theta


@dataclass(frozen=True)
class ModelLoss(Objective):
    """A model's mean loss on data as a function of its two parameters (intercept, slope):
    a 2-D objective for the landscape layers, evaluated as one vectorised call per grid.

    ``minima`` is the minimiser from :func:`model_optimum`: the closed-form least-squares
    solution for linear regression, L-BFGS (:func:`scipy.optimize.minimize`) on the model's
    loss and gradient for logistic regression (computed once per instance); empty when there is
    no finite minimiser.

    Examples
    --------
    >>> import numpy as np, maniml
    >>> X = np.array([[0.0], [1.0], [2.0]]); y = 1.0 + 2.0 * X[:, 0]
    >>> f = ModelLoss(model=maniml.LinearRegression(), X=X, y=y)
    >>> f.minima.round(12).tolist(), round(f([1.0, 2.0]), 12)
    ([[1.0, 2.0]], 0.0)
    >>> y01 = np.array([0.0, 1.0, 0.0, 1.0]); X4 = np.array([[0.0], [1.0], [2.0], [3.0]])
    >>> g = ModelLoss(model=maniml.LogisticRegression(), X=X4, y=y01)
    >>> bool(np.abs(g.grad(g.minima[0])).max() < 1e-8)
    True
    """

    model: Any = None
    X: Any = None
    y: Any = None
    box: tuple[tuple[float, float], tuple[float, float]] = ((-3.0, 3.0), (-3.0, 3.0))
    label: ClassVar[str] = "mean squared error"

    @property
    def domain(self):  # type: ignore[override]
        return self.box

    @cached_property
    def minima(self):
        theta = model_optimum(self.model, self.X, self.y)
        return np.empty((0, 2)) if theta is None else theta[None, :]

    def _value(self, p):
        return self.model._loss(p, self.X, self.y)

    def _grad(self, p):
        return self.model._grad(p, self.X, self.y)
