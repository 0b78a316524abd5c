"""Estimators in scikit-learn's manner: :class:`GDRegressor` and :class:`GDClassifier`.

They wrap :func:`~maniml.fit` and the optimisers behind scikit-learn's API: every setting is a
keyword of ``__init__`` (stored as given, checked at ``fit``), ``fit(X, y)`` starts over and
returns the estimator, and the fitted attributes end in ``_``. ``trajectory_`` is the run itself,
the :class:`~maniml.Trajectory` a scene shows.

scikit-learn is not imported: ``get_params``, ``set_params``, ``score`` and the tags
(``__sklearn_tags__``, which only scikit-learn calls) are written here, so the estimators work in a
``Pipeline``, ``cross_val_score`` or ``GridSearchCV`` and pass ``check_estimator``.
"""

from __future__ import annotations

import functools
import inspect
import sys
import warnings
from typing import Any, ClassVar

import numpy as np
from scipy.special import expit, log_expit, softmax

from ._typing import ArrayLike, FloatArray
from ._validation import (
    ParameterError,
    check_array,
    check_choice,
    check_finite_array,
    check_int,
    check_keywords,
    check_seed,
    check_Xy,
    is_discrete,
)
from .metrics import accuracy, r2_score
from .models import LinearRegression, LogisticRegression, Model
from .optimizers import BGD, SGD, MiniBatchGD, Optimizer
from .rules import UpdateRule
from .schedules import Schedule
from .training import fit as fit_trajectory
from .trajectory import Trajectory

__all__ = ["DataConversionWarning", "GDClassifier", "GDRegressor", "NotFittedError"]

_OPTIMIZERS: dict[str, type[Optimizer]] = {"bgd": BGD, "sgd": SGD, "minibatch": MiniBatchGD}
_ANY_NDIM = tuple(range(65))
_RESHAPE = (
    "a 2-D array of shape (n_samples, n_features) (Reshape your data: X.reshape(-1, 1) for "
    "one feature, X.reshape(1, -1) for one sample)"
)


class DataConversionWarning(UserWarning):
    """A column vector ``y`` of shape ``(n, 1)`` was flattened to ``(n,)``.

    The name and message are scikit-learn's for the same conversion; when scikit-learn is in use,
    the warning is also its ``DataConversionWarning`` (its filters apply).
    """


class NotFittedError(ValueError, AttributeError):
    """A method that needs a fitted estimator was called before ``fit``.

    A ValueError and an AttributeError, as scikit-learn's exception of the same name; when
    scikit-learn is in use, the error raised is also its ``NotFittedError``.
    """


def _with_sklearn(ours: type) -> type:
    """``ours``, or, when scikit-learn is already imported, a subclass of ours and of its class of
    the same name (so that ``except`` clauses and warning filters written for scikit-learn catch
    it). scikit-learn is never imported here."""
    theirs = getattr(sys.modules.get("sklearn.exceptions"), ours.__name__, None)
    return ours if theirs is None else _joined(ours, theirs)


@functools.cache
def _joined(ours: type, theirs: type) -> type:
    return type(ours.__name__, (ours, theirs), {"__module__": "maniml", "__doc__": ours.__doc__})


def _check_2d(X: Any, where: str) -> FloatArray:
    """``X`` as a float array, which must be 2-D (a 1-D ``X`` is ambiguous: say how to reshape)."""
    arr = check_array(X, "X", where, ndim=_ANY_NDIM)
    if arr.ndim != 2:
        raise ParameterError("X", where, _RESHAPE, arr)
    if arr.shape[1] == 0:  # in scikit-learn's words, which its users (and checks) know
        raise ValueError(
            f"The 'X' parameter of {where} must have at least 1 feature (column); got 0 "
            f"feature(s) (shape={arr.shape}) while a minimum of 1 is required."
        )
    return arr


def _fit_data(X: Any, y: Any, where: str, *, labels: bool) -> tuple[FloatArray, np.ndarray]:
    """``X`` 2-D and ``y`` 1-D (floats, or any ``labels``); a column vector ``y`` of shape
    ``(n, 1)`` is flattened with a :class:`DataConversionWarning`, as scikit-learn does."""
    X = _check_2d(X, where)
    what = "class labels" if labels else "targets"
    if y is None:
        cls = where.split(".")[0]
        raise ParameterError(
            "y", where, f"an array of {what} ({cls} requires y to be passed, but the target y is "
            "None)", None,
        )  # fmt: skip
    y = np.asarray(y) if labels else check_array(y, "y", where, ndim=_ANY_NDIM)
    if y.ndim == 2 and y.shape[1] == 1:
        warnings.warn(
            "A column-vector y was passed when a 1d array was expected. Please change the shape "
            "of y to (n_samples,), for example using ravel().",
            _with_sklearn(DataConversionWarning),
            stacklevel=3,  # the caller of fit
        )
        y = y[:, 0]
    if y.ndim != 1:
        allowed = f"a 1-D array of {what} (one per sample; multi-output is not supported)"
        raise ParameterError("y", where, allowed, y)
    return X, y


class _GDEstimator:
    """Parameters, ``get_params``/``set_params``, ``repr`` and the optimiser they describe."""

    _kind: ClassVar[str]  # 'regressor' or 'classifier'

    def __init__(
        self,
        *,
        optimizer: str = "bgd",
        lr: float = 0.1,
        batch_size: int = 16,
        rule: UpdateRule | str | None = None,
        schedule: Schedule | str | None = None,
        epochs: int = 100,
        l2: float = 0.0,
        tol: float | None = None,
        n_iter_no_change: int = 5,
        clip_value: float | None = None,
        clip_norm: float | None = None,
        warm_start: bool = False,
        seed: int | None = 0,
    ) -> None:
        self.optimizer = optimizer
        self.lr = lr
        self.batch_size = batch_size
        self.rule = rule
        self.schedule = schedule
        self.epochs = epochs
        self.l2 = l2
        self.tol = tol
        self.n_iter_no_change = n_iter_no_change
        self.clip_value = clip_value
        self.clip_norm = clip_norm
        self.warm_start = warm_start
        self.seed = seed

    # -- scikit-learn's parameter protocol ---------------------------------------------------------
    @classmethod
    def _param_defaults(cls) -> dict[str, Any]:
        params = inspect.signature(cls.__init__).parameters.values()
        return {p.name: p.default for p in params if p.kind == p.KEYWORD_ONLY}

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The estimator's parameters by name (``deep`` is accepted for scikit-learn; no parameter
        is itself an estimator)."""
        return {name: getattr(self, name) for name in sorted(self._param_defaults())}

    def set_params(self, **params: Any) -> _GDEstimator:
        """Set parameters by name and return the estimator; values are checked at ``fit``."""
        check_keywords(params, f"{type(self).__name__}.set_params", self._param_defaults())
        for key, value in params.items():
            setattr(self, key, value)
        return self

    def __repr__(self) -> str:
        changed = []
        for name, default in self._param_defaults().items():
            value = getattr(self, name, default)
            if not (value is default or (type(value) is type(default) and value == default)):
                changed.append(f"{name}={value!r}")
        return f"{type(self).__name__}({', '.join(changed)})"

    def __sklearn_tags__(self):
        # Only scikit-learn calls this, so importing it here keeps it out of `import maniml`.
        from sklearn.utils import ClassifierTags, RegressorTags, Tags, TargetTags

        return Tags(
            estimator_type=self._kind,
            target_tags=TargetTags(required=True),
            classifier_tags=ClassifierTags() if self._kind == "classifier" else None,
            regressor_tags=RegressorTags() if self._kind == "regressor" else None,
        )

    # -- building the run --------------------------------------------------------------------------
    def _settings(
        self, model_type: type[Model], n_samples: int
    ) -> tuple[Model, Optimizer, int, int | None]:
        """The model, optimiser, epochs and seed the parameters describe, checked once here."""
        where = type(self).__name__
        name = check_choice(self.optimizer, "optimizer", where, _OPTIMIZERS)
        epochs = check_int(self.epochs, "epochs", where, low=1)
        seed = check_seed(self.seed, where)
        if not isinstance(self.warm_start, bool | np.bool_):
            raise ParameterError("warm_start", where, "a bool", self.warm_start)
        options = {
            "rule": self.rule,
            "schedule": self.schedule,
            "clip_value": self.clip_value,
            "clip_norm": self.clip_norm,
            "tol": self.tol,
            "n_iter_no_change": self.n_iter_no_change,
        }
        try:  # the optimiser and model check their own settings: tell them as ours
            if name == "minibatch":
                # a batch larger than the data is the full batch (cross-validation folds shrink)
                size = min(check_int(self.batch_size, "batch_size", where, low=1), n_samples)
                optimizer = MiniBatchGD(self.lr, size, **options)
            else:
                optimizer = _OPTIMIZERS[name](self.lr, **options)
            model = model_type(l2=self.l2)
        except ParameterError as exc:
            raise ParameterError(exc.name, where, exc.allowed, exc.got) from None
        return model, optimizer, epochs, seed

    def _start(self, row: int, n_features: int) -> FloatArray | None:
        """With ``warm_start``, the previous fit's parameters (intercept first) for problem
        ``row``; otherwise (or with another number of features) ``None``, a start from zeros."""
        if not self.warm_start or getattr(self, "n_features_in_", None) != n_features:
            return None
        coef = np.atleast_2d(self.coef_)
        return np.concatenate([np.atleast_1d(self.intercept_)[row : row + 1], coef[row]])

    def _check_fitted(self, method: str) -> None:
        if not hasattr(self, "coef_"):
            raise _with_sklearn(NotFittedError)(
                f"This {type(self).__name__} is not fitted yet: call fit(X, y) before {method}."
            )

    def _check_X(self, X: Any, method: str) -> FloatArray:
        """``X`` for a method of a fitted estimator: 2-D, finite, with the features of fit."""
        self._check_fitted(method)
        where = f"{type(self).__name__}.{method}"
        X = check_finite_array(_check_2d(X, where), "X", where)
        n = self.n_features_in_
        if X.shape[1] != n:
            raise ParameterError(
                "X", where, f"an array with {n} columns, the features seen in fit (X has "
                f"{X.shape[1]} features, but {type(self).__name__} is expecting {n} features as "
                "input)", X,
            )  # fmt: skip
        return X


_PARAMETERS_DOC = """
    Parameters
    ----------
    optimizer : {'bgd', 'sgd', 'minibatch'}, default 'bgd'
        Which samples a step uses: all of them, one, or ``batch_size`` (see :class:`~maniml.BGD`,
        :class:`~maniml.SGD`, :class:`~maniml.MiniBatchGD`).
    lr : float, default 0.1
        Learning rate (``eta0`` of a named schedule), ``> 0``.
    batch_size : int, default 16
        Samples per step of ``'minibatch'`` (ignored otherwise); more than the data is the full
        batch.
    rule : UpdateRule or str, optional
        Update rule or its name (``'momentum'``, ``'nesterov'``, ``'adagrad'``, ``'rmsprop'``,
        ``'adam'``). Default: plain gradient descent.
    schedule : Schedule or str, optional
        Learning-rate schedule or its name (``'constant'``, ``'step'``, ``'exponential'``,
        ``'invscaling'``); it counts optimiser steps, not epochs. Default: constant.
    epochs : int, default 100
        Passes over the data (for ``'bgd'``, the number of steps).
    l2 : float, default 0.0
        Penalty ``0.5 * l2 * ||w||^2`` added to the mean loss; the intercept is not penalised.
    tol : float, optional
        Early stopping: stop when the full-data loss at the end of an epoch has not improved on
        the best so far by ``tol`` for ``n_iter_no_change`` epochs in a row. Default: run every
        epoch.
    n_iter_no_change : int, default 5
        See ``tol``.
    clip_value, clip_norm : float, optional
        Gradient clipping by component or by Euclidean norm.
    warm_start : bool, default False
        Start ``fit`` from the previous fit's coefficients (when the features{same}) instead of
        zeros.
    seed : int or None, default 0
        Seed of the shuffling of ``'sgd'`` and ``'minibatch'``: the same seed gives the same fit.
"""


class GDRegressor(_GDEstimator):
    __doc__ = (
        """Linear regression fitted by gradient descent, with scikit-learn's estimator API.

    Minimises the mean squared error ``mean((intercept + X @ coef - y)**2)`` plus
    ``0.5 * l2 * ||coef||^2`` with :func:`~maniml.fit`. With enough steps it reaches
    :func:`~maniml.closed_form` (and scikit-learn's ``Ridge(alpha=0.5 * l2 * n_samples)``).
"""
        + _PARAMETERS_DOC.replace("{same}", "")
        + """
    Attributes
    ----------
    coef_ : ndarray, shape (n_features,)
    intercept_ : float
    n_iter_ : int
        Epochs run (fewer than ``epochs`` after early stopping or divergence).
    n_features_in_ : int
    trajectory_ : Trajectory
        The whole run, step by step, for a scene (``trajectory_.final`` is
        ``[intercept_, *coef_]``).

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]]); y = 1.0 + 2.0 * X[:, 0]
    >>> reg = GDRegressor(lr=0.1, epochs=500).fit(X, y)
    >>> round(reg.intercept_, 3), reg.coef_.round(3), reg.trajectory_.n_steps
    (1.0, array([2.]), 500)
    >>> reg.predict([[4.0]]).round(3), reg.score(X, y)
    (array([9.]), 1.0)
    >>> GDRegressor(optimizer="minibatch", batch_size=2, rule="adam")
    GDRegressor(optimizer='minibatch', batch_size=2, rule='adam')
    """
    )

    _kind: ClassVar[str] = "regressor"

    def fit(self, X: ArrayLike, y: ArrayLike) -> GDRegressor:
        """Fit the coefficients on ``X`` of shape (n_samples, n_features) and ``y`` (n_samples,);
        return the estimator."""
        where = "GDRegressor.fit"
        X, y = check_Xy(*_fit_data(X, y, where, labels=False), where)
        if len(y) < 2:  # maniml.fit's plain-step path fails on a single sample (to be fixed there)
            raise ParameterError(
                "X", where, "an array of at least 2 samples (rows), not 1 sample", X
            )
        model, optimizer, epochs, seed = self._settings(LinearRegression, len(y))
        run = fit_trajectory(
            model, X, y, optimizer, epochs=epochs, seed=seed, init=self._start(0, X.shape[1])
        )
        self.trajectory_ = run
        self.intercept_ = float(run.final[0])
        self.coef_ = run.final[1:].copy()
        self.n_iter_ = int(run.epoch[-1])
        self.n_features_in_ = X.shape[1]
        return self

    def predict(self, X: ArrayLike) -> FloatArray:
        """Predicted values, shape (n_samples,)."""
        X = self._check_X(X, "predict")
        return X @ self.coef_ + self.intercept_

    def score(self, X: ArrayLike, y: ArrayLike) -> float:
        """:func:`~maniml.r2_score` of the predictions on ``X`` against ``y``."""
        return r2_score(y, self.predict(X))


class GDClassifier(_GDEstimator):
    __doc__ = (
        """Logistic regression fitted by gradient descent, with scikit-learn's estimator API.

    Two classes (any labels: numbers, strings, booleans) are one logistic regression of
    ``classes_[1]`` against ``classes_[0]``: the mean cross-entropy plus
    ``0.5 * l2 * ||coef||^2``, minimised with :func:`~maniml.fit`; with enough steps it
    reaches scikit-learn's ``LogisticRegression(C=1 / (l2 * n_samples))``. More classes are
    one-vs-rest: one binary run per class (that class against all others), each with the same
    optimiser and seed; ``predict_proba`` normalises their probabilities to sum to 1, as
    scikit-learn's one-vs-rest linear models do.
"""
        + _PARAMETERS_DOC.replace("{same}", " and classes are those of the last fit")
        + """
    Attributes
    ----------
    classes_ : ndarray, shape (n_classes,)
        The labels, sorted.
    coef_ : ndarray, shape (1, n_features) for two classes, else (n_classes, n_features)
    intercept_ : ndarray, shape (1,) or (n_classes,)
    n_iter_ : int
        Epochs run (the most of the one-vs-rest runs).
    n_features_in_ : int
    trajectory_ : Trajectory, or tuple of Trajectory
        The run, for a scene. Two classes: one :class:`~maniml.Trajectory` (its targets are 1
        for ``classes_[1]``). More: a tuple aligned with ``classes_``; ``trajectory_[k]`` is the
        run of class ``classes_[k]`` against the rest and ends at
        ``[intercept_[k], *coef_[k]]``.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[-2.0], [-1.0], [1.0], [2.0]]); y = np.array(["no", "no", "yes", "yes"])
    >>> clf = GDClassifier(lr=0.5, epochs=200).fit(X, y)
    >>> clf.classes_.tolist(), clf.predict([[-1.5], [1.5]]).tolist()
    (['no', 'yes'], ['no', 'yes'])
    >>> clf.predict_proba([[0.0]]).round(2), clf.score(X, y)
    (array([[0.5, 0.5]]), 1.0)
    >>> X3 = np.array([[0.0], [0.1], [5.0], [5.1], [10.0], [10.1]])
    >>> clf = GDClassifier(lr=0.05, epochs=500).fit(X3, [0, 0, 1, 1, 2, 2])
    >>> clf.coef_.shape, len(clf.trajectory_), clf.predict([[0.05], [10.05]]).tolist()
    ((3, 1), 3, [0, 2])
    """
    )

    _kind: ClassVar[str] = "classifier"

    def fit(self, X: ArrayLike, y: ArrayLike) -> GDClassifier:
        """Fit on ``X`` of shape (n_samples, n_features) and class labels ``y`` (n_samples,);
        return the estimator."""
        where = "GDClassifier.fit"
        X, labels = _fit_data(X, y, where, labels=True)
        if not is_discrete(labels):
            raise ParameterError(
                "y", where, "discrete class labels (Unknown label type: continuous; for a "
                "regression target use GDRegressor)", labels,
            )  # fmt: skip
        classes, codes = np.unique(labels, return_inverse=True)
        X, codes = check_Xy(X, codes, where)  # lengths, empty and non-finite X
        if len(classes) < 2:
            raise ValueError(
                f"The 'y' parameter of {where} must hold at least 2 classes; got one class only "
                f"({classes[0].item()!r} for all {len(codes)} samples)."
            )
        model, optimizer, epochs, seed = self._settings(LogisticRegression, len(codes))
        if (
            self.warm_start
            and hasattr(self, "classes_")
            and not np.array_equal(classes, self.classes_)
        ):
            del self.n_features_in_  # other classes: the previous coefficients do not apply
        positives = [1] if len(classes) == 2 else range(len(classes))
        runs = [
            fit_trajectory(
                model, X, (codes == k).astype(np.float64), optimizer, epochs=epochs, seed=seed,
                init=self._start(row, X.shape[1]),
            )
            for row, k in enumerate(positives)
        ]  # fmt: skip
        finals = np.array([run.final for run in runs])
        self.classes_ = classes
        self.intercept_ = finals[:, 0].copy()
        self.coef_ = finals[:, 1:].copy()
        self.trajectory_: Trajectory | tuple[Trajectory, ...] = (
            runs[0] if len(runs) == 1 else tuple(runs)
        )
        self.n_iter_ = max(int(run.epoch[-1]) for run in runs)
        self.n_features_in_ = X.shape[1]
        return self

    def decision_function(self, X: ArrayLike) -> FloatArray:
        """The linear outputs (log-odds): shape (n_samples,) for two classes (positive means
        ``classes_[1]``), else (n_samples, n_classes)."""
        scores = self._scores(X, "decision_function")
        return scores[:, 0] if scores.shape[1] == 1 else scores

    def _scores(self, X: ArrayLike, method: str) -> FloatArray:
        """The linear outputs, shape (n_samples, 1) or (n_samples, n_classes)."""
        return self._check_X(X, method) @ self.coef_.T + self.intercept_

    def predict_proba(self, X: ArrayLike) -> FloatArray:
        """Class probabilities, shape (n_samples, n_classes), columns in the order of
        ``classes_``."""
        scores = self._scores(X, "predict_proba")
        if scores.shape[1] == 1:
            p = expit(scores[:, 0])
            return np.column_stack([1.0 - p, p])
        # one-vs-rest: normalise the sigmoids, in log space so that none underflows to 0/0
        return softmax(log_expit(scores), axis=1)

    def predict(self, X: ArrayLike) -> np.ndarray:
        """The most likely class of each row, shape (n_samples,)."""
        scores = self._scores(X, "predict")
        best = (scores[:, 0] > 0).astype(np.intp) if scores.shape[1] == 1 else scores.argmax(1)
        return self.classes_[best]

    def score(self, X: ArrayLike, y: ArrayLike) -> float:
        """:func:`~maniml.accuracy` of the predictions on ``X`` against ``y``."""
        return accuracy(y, self.predict(X))
