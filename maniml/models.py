"""Linear and logistic regression: prediction, loss and gradient as pure functions of ``theta``.

A parameter vector ``theta`` has ``theta[0]`` = intercept and ``theta[1:]`` = one weight per feature.
``loss`` also accepts a stack of parameter vectors of shape ``(..., P)`` and returns shape ``(...)``,
so a whole loss surface over a grid is one vectorised call.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
from scipy.special import expit

from ._typing import ArrayLike, FloatArray
from ._validation import check_array, check_real, check_Xy, param_error

if TYPE_CHECKING:
    from .trajectory import Trajectory

__all__ = [
    "LinearRegression",
    "LogisticRegression",
    "Model",
    "closed_form",
    "mse_curvatures",
    "known_optimum",
    "with_ones",
]

# Bound on the number of (theta, sample) pairs evaluated at once by a stacked logistic loss.
_CHUNK = 2_000_000
# What a scikit-learn user reaches for on a model (models are fitted by maniml.fit instead).
_ESTIMATOR_NAMES = frozenset(
    {"fit", "partial_fit", "score", "predict_proba", "coef_", "intercept_", "classes_"}
)


def with_ones(X: FloatArray) -> FloatArray:
    """``[1, X]``: the rows with a leading column of ones (the intercept's input).

    Examples
    --------
    >>> with_ones(np.array([[2.0], [3.0]]))
    array([[1., 2.],
           [1., 3.]])
    """
    Xa = np.empty((X.shape[0], X.shape[1] + 1))
    Xa[:, 0] = 1.0
    Xa[:, 1:] = X
    return Xa


@dataclass(frozen=True)
class Model:
    """Base class: a differentiable model with an optional L2 penalty on the weights.

    Parameters
    ----------
    l2 : float, default 0.0
        Strength of the penalty ``0.5 * l2 * ||theta[1:]||^2`` added to the loss (the intercept is
        never penalised). Must be ``>= 0``.

    Notes
    -----
    :func:`~maniml.fit` drives a model through ``check_data``, ``n_params`` and the private
    kernels below: ``_for_data`` (settle what the data decide), ``_default_init``,
    ``_start_loss``, ``_fit_rows`` (an epoch's samples in the form ``_step_grad`` reads),
    ``_step_grad`` (one step's gradient), ``_loss`` on a stack of parameter vectors (every row's
    loss after the loop) and ``_settings``. A model whose ``_records_steps`` is False has its
    batch losses and gradients recomputed after the loop (:func:`~maniml.training.batch_stats`);
    ``_plain_sgd`` allows the plain-SGD fast paths (:mod:`maniml._fastpaths`).
    """

    l2: float = 0.0
    name: ClassVar[str] = "model"
    _records_steps: ClassVar[bool] = False
    _plain_sgd: ClassVar[bool] = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "l2", check_real(self.l2, "l2", type(self).__name__, low=0.0))

    def __getattr__(self, name: str) -> Any:
        # Only reached for missing attributes: say why scikit-learn's habits do not apply here.
        if name in _ESTIMATOR_NAMES:
            kind = type(self).__name__
            estimator = "GDClassifier" if isinstance(self, LogisticRegression) else "GDRegressor"
            raise AttributeError(
                f"{kind!r} object has no attribute {name!r}: a maniml model is a loss and its "
                f"gradient, holding no coefficients. Fit it with maniml.fit({kind}(), X, y, "
                f"optimizer, epochs=...) (a Trajectory; .final holds the parameters), or use "
                f"maniml.{estimator}() for scikit-learn's fit/predict/coef_."
            )
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    # -- validation -----------------------------------------------------------------------------
    def check_data(self, X: ArrayLike, y: ArrayLike, where: str) -> tuple[FloatArray, FloatArray]:
        """Validate ``X`` and ``y`` for this model; return them as float arrays, ``X`` 2-D."""
        return check_Xy(X, y, where)

    def check_theta(self, theta: ArrayLike, n_features: int, where: str, *, stack: bool = False):
        """Validate a parameter vector (or, with ``stack``, a stack ``(..., P)``)."""
        arr = check_array(theta, "theta", where, ndim=tuple(range(1, 8)) if stack else (1,))
        if arr.shape[-1] != n_features + 1:
            raise param_error(
                "theta",
                where,
                f"an array whose last axis has {n_features + 1} entries "
                f"(intercept + {n_features} weights)",
                arr,
            )
        return arr

    def _prepare(self, theta, X, y, where, *, stack=False):
        X, y = self.check_data(X, y, where)
        theta = self.check_theta(theta, X.shape[1], where, stack=stack)
        return theta, X, y

    def penalty(self, theta: FloatArray) -> FloatArray | float:
        """The L2 term ``0.5 * l2 * ||theta[..., 1:]||^2``."""
        if self.l2 == 0.0:
            return 0.0
        w = theta[..., 1:]
        return 0.5 * self.l2 * np.einsum("...i,...i->...", w, w)

    def penalty_grad(self, theta: FloatArray) -> FloatArray:
        """Gradient of :meth:`penalty`: ``l2 * theta`` with a zero for the intercept."""
        g = self.l2 * theta
        g[..., 0] = 0.0
        return g

    def linear(self, theta: FloatArray, X: FloatArray) -> FloatArray:
        """``theta[0] + X @ theta[1:]``; for a stack of thetas, shape ``(..., n)``."""
        return theta[..., :1] + theta[..., 1:] @ X.T

    # -- public API -------------------------------------------------------------------------------
    def predict(self, theta: ArrayLike, X: ArrayLike) -> FloatArray:
        """The model's output for each row of ``X``: the predicted value (linear regression) or
        the probability of class 1 (logistic regression); shape ``(n,)``, or ``(..., n)`` for a
        stack of thetas."""
        where = f"{type(self).__name__}.predict"
        X = check_array(X, "X", where, ndim=(1, 2))
        X = X[:, None] if X.ndim == 1 else X
        theta = self.check_theta(theta, X.shape[1], where, stack=True)
        return self._link(self.linear(theta, X))

    @staticmethod
    def _link(z: FloatArray) -> FloatArray:
        """Maps the linear output to the prediction (identity here)."""
        return z

    def loss(self, theta: ArrayLike, X: ArrayLike, y: ArrayLike) -> Any:
        """Mean data loss plus the L2 penalty; a float for one theta, an array for a stack."""
        theta, X, y = self._prepare(theta, X, y, f"{type(self).__name__}.loss", stack=True)
        out = self._loss(theta, X, y)
        return float(out) if np.ndim(out) == 0 else out

    def grad(self, theta: ArrayLike, X: ArrayLike, y: ArrayLike) -> FloatArray:
        """Gradient of :meth:`loss` with respect to ``theta``, shape ``(P,)``."""
        theta, X, y = self._prepare(theta, X, y, f"{type(self).__name__}.grad")
        return self._grad(theta, X, y)

    def n_params(self, n_features: int) -> int:
        """Length of ``theta`` for ``n_features`` features: the intercept and one weight each.

        Examples
        --------
        >>> LinearRegression().n_params(3)
        4
        """
        return n_features + 1

    # -- the fit interface (unchecked, on validated data) -------------------------------------
    def _for_data(self, X: FloatArray, y: FloatArray, init: Any, where: str) -> Model:
        """The model to fit on this data (the linear models need nothing from it)."""
        return self

    def _default_init(self, n_features: int, seed: int | None) -> FloatArray:
        """The start when ``fit`` gets no ``init``: zeros."""
        return np.zeros(self.n_params(n_features))

    def _start_loss(self, theta: FloatArray, X: FloatArray, y: FloatArray, zero: bool) -> float:
        """The loss at the start (``zero``: theta is all zeros, the linear output is 0)."""
        return np.mean(self._sample_loss(0.0, y)) if zero else self._loss(theta, X, y)

    def _fit_rows(self, X: FloatArray, y: FloatArray, rows: Any) -> tuple[FloatArray, FloatArray]:
        """Samples ``rows`` (all of them for ``None``) with their column of ones."""
        if rows is None:
            return with_ones(X), y
        return with_ones(X[rows]), y[rows]

    def _step_grad(
        self, theta: FloatArray, Xe: FloatArray, ye: FloatArray, lo: int, hi: int, single: bool
    ) -> tuple[FloatArray, None]:
        """Gradient on samples ``lo:hi`` of :meth:`_fit_rows`' output (``single``: one sample
        per step, ``hi = lo + 1``); no batch loss (recomputed after the loop)."""
        if single:
            xi = Xe[lo]
            g = (self._dscale * self._resid(xi @ theta, ye[lo])) * xi
        else:
            xb = Xe[lo:hi]
            g = self._resid(xb @ theta, ye[lo:hi]) @ xb
            g *= self._dscale / len(xb)
        if self.l2:
            g = g + self.penalty_grad(theta)
        return g, None

    def _settings(self) -> dict[str, Any]:
        """The model as plain data, for ``Trajectory.settings``."""
        return {"model": type(self).__name__, "l2": self.l2}

    # -- unchecked kernels, used by the optimiser loop on already validated data ---------------
    @staticmethod
    def _sample_loss(z: FloatArray, y: FloatArray) -> FloatArray:  # pragma: no cover - abstract
        """Per-sample loss as a function of the linear output ``z``."""
        raise NotImplementedError

    # d(sample loss)/dz = _dscale * _resid(z, y); the constant is applied after the reduction over
    # samples, which saves a pass over the data per step.
    _dscale: ClassVar[float] = 1.0

    @staticmethod
    def _resid(z: FloatArray, y: FloatArray) -> FloatArray:  # pragma: no cover - abstract
        """Derivative of :meth:`_sample_loss` with respect to ``z``, divided by ``_dscale``."""
        raise NotImplementedError

    @staticmethod
    def _resid_py(z: float, y: float) -> float:  # pragma: no cover - abstract
        """:meth:`_resid` on Python floats (the SGD loop's scalar path)."""
        raise NotImplementedError

    def _loss(self, theta: FloatArray, X: FloatArray, y: FloatArray) -> Any:
        if theta.ndim == 1:
            data = float(np.mean(self._sample_loss(self.linear(theta, X), y)))
        else:
            data = self._stack_loss(theta, X, y)
        return data + self.penalty(theta)

    def _stack_loss(self, theta: FloatArray, X: FloatArray, y: FloatArray) -> FloatArray:
        """Mean data loss for a stack of thetas, in chunks of bounded memory."""
        flat = theta.reshape(-1, theta.shape[-1])
        out = np.empty(len(flat))
        step = max(1, _CHUNK // len(y))
        for s in range(0, len(flat), step):
            z = self.linear(flat[s : s + step], X)
            out[s : s + step] = np.mean(self._sample_loss(z, y), axis=-1)
        return out.reshape(theta.shape[:-1])

    def _grad(self, theta: FloatArray, X: FloatArray, y: FloatArray) -> FloatArray:
        d = self._resid(self.linear(theta, X), y)
        g = np.empty_like(theta)
        g[0] = d.sum()
        g[1:] = d @ X
        g *= self._dscale / len(y)
        if self.l2:
            g += self.penalty_grad(theta)
        return g


@dataclass(frozen=True)
class LinearRegression(Model):
    """Linear regression with the mean squared error ``mean((theta0 + X @ w - y)**2)``.

    Examples
    --------
    >>> import numpy as np
    >>> m = LinearRegression()
    >>> X = np.array([[0.0], [1.0], [2.0]]); y = np.array([1.0, 3.0, 5.0])
    >>> m.loss([1.0, 2.0], X, y)
    0.0
    >>> m.grad([0.0, 0.0], X, y)
    array([-6.        , -8.66666667])
    >>> m.loss(np.zeros((4, 5, 2)), X, y).shape
    (4, 5)
    """

    name: ClassVar[str] = "linear"

    def _stack_loss(self, theta, X, y):
        # The MSE is a quadratic form in theta: use the sufficient statistics (O(P^2) per theta
        # instead of O(n P)). Rounding can leave a tiny negative value at a perfect fit: clamp.
        gram, xty, yty = self.sufficient_statistics(X, y)
        quad = np.sum((theta @ gram) * theta, axis=-1)  # BLAS: ~7x faster than this einsum
        return np.maximum(quad - 2.0 * theta @ xty + yty, 0.0)

    @staticmethod
    def _sample_loss(z, y):
        """Per-sample loss as a function of the linear output ``z``."""
        return (z - y) ** 2

    _dscale: ClassVar[float] = 2.0

    @staticmethod
    def _resid(z, y):
        return z - y

    @staticmethod
    def _resid_py(z, y):
        return z - y

    @staticmethod
    def sufficient_statistics(X: FloatArray, y: FloatArray) -> tuple[FloatArray, FloatArray, float]:
        """``(Xa^T Xa / n, Xa^T y / n, y^T y / n)`` with ``Xa = [1, X]``: the MSE is
        ``theta^T G theta - 2 theta^T b + c`` in these terms."""
        n, p = len(y), X.shape[1] + 1
        gram = np.empty((p, p))
        gram[0, 0] = 1.0
        # One BLAS pass gives the column sums and X^T y (X.mean(axis=0) is a slow strided sum).
        sums, xty = (X.T @ np.stack([np.ones(n), y], axis=1)).T / n
        gram[0, 1:] = gram[1:, 0] = sums
        gram[1:, 1:] = X.T @ X / n
        return gram, np.concatenate([[y.mean()], xty]), float(y @ y) / n


@dataclass(frozen=True)
class LogisticRegression(Model):
    """Logistic regression with the mean binary cross-entropy, computed stably.

    The loss per sample is ``log(1 + exp(z)) - y z`` with ``z = theta0 + X @ w``, evaluated with
    ``numpy.logaddexp`` so that it neither takes ``log(0)`` nor overflows at ``|z| = 1000``.

    Examples
    --------
    >>> import numpy as np
    >>> m = LogisticRegression()
    >>> X = np.array([[-1.0], [1.0]]); y = np.array([0.0, 1.0])
    >>> round(m.loss([0.0, 0.0], X, y), 6)  # log 2
    0.693147
    >>> m.loss([0.0, 1000.0], X, y)
    0.0
    >>> m.predict([0.0, 1.0], X).round(3)
    array([0.269, 0.731])
    """

    name: ClassVar[str] = "logistic"

    def check_data(self, X, y, where):
        X, y = check_Xy(X, y, where)
        bad = (y != 0.0) & (y != 1.0)
        if bad.any():
            i = int(np.argmax(bad))
            raise ValueError(
                f"The 'y' parameter of {where} must hold class labels 0 or 1 for logistic "
                f"regression; got {y[i].item()!r} at index {i}."
            )
        return X, y

    @staticmethod
    def _link(z):
        return expit(z)

    @staticmethod
    def _sample_loss(z, y):
        """Per-sample loss as a function of the linear output ``z`` (stable for any ``z``)."""
        return np.logaddexp(0.0, z) - y * z

    @staticmethod
    def _resid(z, y):
        return expit(z) - y

    @staticmethod
    def _resid_py(z, y):
        if z >= 0.0:  # the stable sigmoid: exp of a non-positive number only
            return 1.0 / (1.0 + math.exp(-z)) - y
        e = math.exp(z)
        return e / (1.0 + e) - y


def closed_form(X: ArrayLike, y: ArrayLike, *, l2: float = 0.0) -> FloatArray:
    """The exact minimiser of the linear-regression loss (least squares, or ridge with ``l2``).

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features) or (n_samples,)
    y : array_like, shape (n_samples,)
    l2 : float, default 0.0
        The same penalty strength as :class:`LinearRegression`'s ``l2``.

    Returns
    -------
    ndarray, shape (n_features + 1,)
        ``theta`` with the intercept first.

    Examples
    --------
    >>> closed_form([[0.0], [1.0], [2.0]], [1.0, 3.0, 5.0]).round(6)
    array([1., 2.])
    """
    X, y = check_Xy(X, y, "closed_form")
    l2 = check_real(l2, "l2", "closed_form", low=0.0)
    n = len(y)
    Xa = np.column_stack([np.ones(n), X])
    if l2 == 0.0:
        return np.linalg.lstsq(Xa, y, rcond=None)[0]
    # Minimise mean(r^2) + 0.5*l2*||w||^2: (Xa^T Xa / n + 0.5*l2*D) theta = Xa^T y / n, D = diag(0,1..1)
    reg = np.eye(Xa.shape[1]) * (0.5 * l2)
    reg[0, 0] = 0.0
    return np.linalg.solve(Xa.T @ Xa / n + reg, Xa.T @ y / n)


def mse_curvatures(X: ArrayLike, *, l2: float = 0.0) -> np.ndarray:
    """The curvatures of linear regression's loss: the eigenvalues of its (constant) Hessian,
    ascending. :func:`maniml.critical_lr` turns them into ``2 / lambda_max``.

    The loss is ``mean(r**2) + 0.5 * l2 * ||w||**2`` (see :class:`LinearRegression`), so the
    Hessian is ``2 * Xa^T Xa / n + l2 * D`` (``Xa``: X with a column of ones for the intercept;
    ``D``: the identity without the intercept).

    Parameters
    ----------
    X : array_like, shape (n_samples, n_features) or (n_samples,)
    l2 : float, default 0.0

    Examples
    --------
    >>> mse_curvatures([[0.0], [1.0], [2.0]]).round(6)  # 2 Xa^T Xa / 3 = [[2, 2], [2, 10/3]]
    array([0.558482, 4.774852])
    """
    X = np.asarray(X, dtype=np.float64)
    X = X.reshape(len(X), -1)
    l2 = check_real(l2, "l2", "mse_curvatures", low=0.0)
    Xa = np.column_stack([np.ones(len(X)), X])
    H = 2.0 * Xa.T @ Xa / len(X) + l2 * np.diag([0.0] + [1.0] * X.shape[1])
    return np.linalg.eigvalsh(H)


def known_optimum(traj: Trajectory) -> tuple[FloatArray, float] | None:
    """The exact minimiser and its loss for a linear-regression run of :func:`maniml.fit`.

    Parameters
    ----------
    traj : Trajectory
        A run; its ``settings`` name the model and its ``l2``.

    Returns
    -------
    (ndarray, float) or None
        ``(theta, loss)`` from :func:`closed_form` for linear regression; ``None`` for any other
        model, or for a run without data (made by :func:`maniml.minimize`).

    Examples
    --------
    >>> import maniml
    >>> X, y = [[0.0], [1.0], [2.0]], [1.0, 3.0, 5.0]
    >>> t = maniml.fit(maniml.LinearRegression(), X, y, maniml.BGD(0.1), epochs=3)
    >>> theta, loss = known_optimum(t)
    >>> theta.round(6), round(loss, 12)
    (array([1., 2.]), 0.0)
    >>> t = maniml.fit(maniml.LogisticRegression(), X, [0.0, 1.0, 1.0], maniml.BGD(0.1), epochs=3)
    >>> known_optimum(t) is None
    True
    """
    if traj.X is None or traj.y is None or traj.settings.get("model") != "LinearRegression":
        return None
    l2 = float(traj.settings.get("l2", 0.0) or 0.0)
    theta = closed_form(traj.X, traj.y, l2=l2)
    return theta, float(LinearRegression(l2=l2).loss(theta, traj.X, traj.y))
