"""Where a fit scene's run comes from: arrays, a bundled data set, a CSV file or a saved ``.npz``.

These functions turn the data, model and optimiser settings of a scene into a
:class:`~maniml.Trajectory`, with one error format naming the setting at fault:
``The 'lr' setting of LinRegScene must be a float > 0; got -1.0.``
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .._validation import ParameterError, check_choice
from ..datasets import (
    Dataset,
    load_csv,
    load_diabetes,
    load_iris_petal,
    make_blobs,
    make_linear,
    make_sigmoid_1d,
    standardize,
)
from ..models import LinearRegression, LogisticRegression, Model
from ..optimizers import BGD, SGD, MiniBatchGD, Optimizer
from ..training import fit
from ..trajectory import Trajectory
from .settings import setting_error

__all__ = [
    "DATASETS",
    "GENERATED_UNITS",
    "MODELS",
    "OPTIMIZERS",
    "FitData",
    "looks_like_path",
    "make_model",
    "make_optimizer",
    "resolve_data",
    "setting_error",
]

#: Bundled and generated data sets a scene can name: name -> (loader, standardise X by default).
DATASETS: dict[str, tuple[Any, bool]] = {
    "linear": (make_linear, False),
    "blobs": (make_blobs, False),
    "sigmoid": (make_sigmoid_1d, False),
    "iris": (load_iris_petal, False),
    "diabetes": (load_diabetes, True),
}

#: Units of the features of generated data sets that return plain ``(X, y)``: the blobs are
#: drawn in one plane with the same spread along each axis, so their coordinates share one
#: scale (``''``: no named unit). Others are unknown (``None``).
GENERATED_UNITS: dict[str, str] = {"blobs": ""}

#: Model names a scene's ``model`` setting accepts.
MODELS: dict[str, type[Model]] = {"linear": LinearRegression, "logistic": LogisticRegression}

#: Optimiser names a scene's ``optimizer`` setting accepts -> the batching class.
OPTIMIZERS: dict[str, type[Optimizer]] = {
    "bgd": BGD,
    "gd": BGD,
    "sgd": SGD,
    "minibatch": MiniBatchGD,
    "mini-batch": MiniBatchGD,
}


def _seeded(loader: Any) -> bool:
    return "seed" in inspect.signature(loader).parameters


def looks_like_path(data: Any) -> bool:
    """Whether a ``data`` setting names a file rather than a data set."""
    return isinstance(data, str | os.PathLike) and (
        str(data).lower().endswith((".csv", ".npz", ".txt", ".tsv")) or os.sep in str(data)
    )


@dataclass(frozen=True, eq=False)
class FitData:
    """Resolved data: the arrays, their names, and a saved run if the source was a ``.npz``.

    ``feature_units`` gives each feature's unit (``''``: coordinates sharing one scale without
    a named unit; ``None``: unknown), ``class_names`` the names of classes 0 and 1, when the
    source says.
    """

    X: np.ndarray
    y: np.ndarray
    feature_names: tuple[str, ...]
    target_name: str
    trajectory: Trajectory | None = None
    feature_units: tuple[str | None, ...] | None = None
    class_names: tuple[str, ...] | None = None

    def shared_unit(self) -> str | None:
        """The unit all features share (``''`` for one scale without a named unit), or ``None``
        when a unit is unknown or they differ.

        Examples
        --------
        >>> import numpy as np
        >>> d = FitData(np.zeros((2, 2)), np.zeros(2), ("a", "b"), "y", feature_units=("cm", "cm"))
        >>> d.shared_unit(), FitData(d.X, d.y, ("a", "b"), "y").shared_unit()
        ('cm', None)
        """
        units = self.feature_units
        if not units or len(units) != self.X.shape[1] or any(u is None for u in units):
            return None
        return units[0] if all(u == units[0] for u in units) else None


def resolve_data(
    data: Any,
    *,
    where: str,
    options: Mapping[str, Any] | None = None,
    target: str | int | None = None,
    features: Any = None,
    standardize_x: bool | None = None,
    seed: int | None = 0,
) -> FitData:
    """Resolve the ``data`` setting.

    ``data`` may be: a data-set name (``'linear'``, ``'blobs'``, ``'sigmoid'``, ``'iris'``,
    ``'diabetes'``; ``options`` go to its generator or loader); a path to a ``.csv`` file (with
    ``target`` and ``features`` columns) or to a ``.npz`` file written by
    :meth:`Trajectory.save`; a pair ``(X, y)``; a :class:`~maniml.datasets.Dataset`; or a
    :class:`~maniml.Trajectory` (from :func:`maniml.fit`).
    """
    options = dict(options or {})
    names: tuple[str, ...] | None = None
    units: tuple[str | None, ...] | None = None
    classes: tuple[str, ...] | None = None
    target_name = "y"
    traj = None
    if isinstance(data, Trajectory):
        traj = data
    elif looks_like_path(data):
        path = Path(data)
        if not path.is_file():
            raise setting_error("data", where, "an existing .csv or .npz file", str(data))
        if path.suffix.lower() == ".npz":
            try:
                traj = Trajectory.load(path)
            except ValueError as exc:
                raise ValueError(f"The 'data' setting of {where}: {exc}") from None
        else:
            if target is None:
                raise setting_error(
                    "target", where, "the CSV column to predict (a name or an index)", None
                )
            try:
                data = load_csv(path, target, features=features, **options)
            except (ValueError, TypeError) as exc:
                raise ValueError(f"The 'data' setting of {where}: {exc}") from None
    elif isinstance(data, str):
        try:
            data = check_choice(data, "data", where, DATASETS, kind="setting")
        except ParameterError as e:
            raise setting_error(
                "data", where, f"{e.allowed}, a .csv or .npz path, or (X, y)", data
            ) from None
        loader, default_std = DATASETS[data]
        if _seeded(loader):
            options.setdefault("seed", seed)
        if data == "diabetes" and features is not None:
            options.setdefault("features", features)
        try:
            data_obj = loader(**options)
        except (ValueError, TypeError) as exc:
            raise ValueError(f"The 'data_options' setting of {where}: {exc}") from None
        if standardize_x is None:
            standardize_x = default_std
        if data in GENERATED_UNITS and not isinstance(data_obj, Dataset):
            units = (GENERATED_UNITS[data],) * np.shape(data_obj[0])[-1]
        data = data_obj
    if traj is not None:
        if traj.X is None or traj.y is None:
            raise setting_error(
                "data",
                where,
                "a trajectory made by maniml.fit (with X and y)",
                "a trajectory without data",
            )
        d = traj.X.shape[1] if traj.X.ndim == 2 else 1
        names = tuple(f"x{i + 1}" for i in range(d))
        return FitData(np.atleast_2d(traj.X.T).T, traj.y, names, target_name, traj)
    if isinstance(data, Dataset):
        X, y = data.X, data.y
        names, target_name = tuple(data.feature_names), data.target_name
        units, classes = data.feature_units, data.class_names
    else:
        try:
            X, y = data
            X = np.asarray(X, dtype=np.float64)
            y = np.asarray(y, dtype=np.float64)
        except (TypeError, ValueError):
            raise setting_error(
                "data", where, "a data-set name, a .csv or .npz path, or a pair (X, y)", data
            ) from None
    if X.ndim == 1:
        X = X[:, None]
    if X.ndim != 2 or y.ndim != 1 or len(X) != len(y):
        raise setting_error(
            "data", where, "(X, y) with X of shape (n, d) and y of shape (n,)", (X.shape, y.shape)
        )
    if not (np.isfinite(X).all() and np.isfinite(y).all()):
        raise setting_error("data", where, "finite numbers (no NaN or inf)", "NaN or inf")
    if names is None:
        names = tuple(f"x{i + 1}" for i in range(X.shape[1]))
    if standardize_x:
        X = standardize(X)[0]
        names = tuple(f"{n} (std.)" for n in names)
        units = None  # standard deviations of different quantities: not one scale
    return FitData(X, y, names, target_name, feature_units=units, class_names=classes)


def make_model(model: Any, l2: float, where: str) -> Model:
    """``'linear'`` / ``'logistic'`` (or a model instance) to a model."""
    if isinstance(model, Model):
        return model
    try:
        kind = MODELS[check_choice(model, "model", where, MODELS, kind="setting")]
        return kind(l2=l2)
    except ParameterError as e:
        raise e.as_setting(where) from None


def make_optimizer(
    optimizer: Any,
    *,
    lr: Any,
    batch_size: Any,
    rule: Any,
    schedule: Any,
    where: str,
    options: Mapping[str, Any] | None = None,
) -> Optimizer:
    """``'bgd'`` / ``'sgd'`` / ``'minibatch'`` (or an optimiser instance) to an optimiser.

    The core checks the values; its errors come back as errors of the scene's settings (the
    core's parameters have the settings' names). ``options`` are more keyword arguments of the
    optimiser (``tol``, ``n_iter_no_change``, ``clip_norm``...).
    """
    if isinstance(optimizer, Optimizer):
        return optimizer
    kind = OPTIMIZERS[check_choice(optimizer, "optimizer", where, OPTIMIZERS, kind="setting")]
    kwargs: dict[str, Any] = {"rule": rule, "schedule": schedule, **(options or {})}
    if kind is MiniBatchGD:
        kwargs["batch_size"] = batch_size
    try:
        return kind(lr, **kwargs)
    except ParameterError as e:
        raise e.as_setting(where) from None


def run(
    data: FitData,
    model: Model,
    optimizer: Optimizer,
    *,
    epochs: int,
    seed: int | None,
    init: Any,
    max_steps: int | None,
    where: str,
    validation: tuple[np.ndarray, np.ndarray] | None = None,
    monitor: str = "loss",
) -> Trajectory:
    """Fit, turning the core's errors into errors about the scene's settings."""
    n = len(data.y)
    if optimizer.batch_size is not None and optimizer.batch_size > n:
        raise setting_error(
            "batch_size", where, f"an int in [1, {n}] (the number of samples)", optimizer.batch_size
        )
    try:
        return fit(
            model,
            data.X,
            data.y,
            optimizer,
            epochs=epochs,
            seed=seed,
            init=init,
            max_steps=max_steps,
            validation=validation,
            monitor=monitor,
        )
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None
