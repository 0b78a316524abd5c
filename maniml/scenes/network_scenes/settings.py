"""Settings of the network templates: data, network, optimiser, validation split, panels.

Examples
--------
>>> s = NetworkSettings().with_(data="Circles", hidden=(4,), activation="TANH")
>>> s.data, s.hidden, s.activation
('circles', (4,), 'tanh')
>>> NetworkSettings().with_(hidden=(8, 0))
Traceback (most recent call last):
...
maniml.ParameterError: The 'hidden' setting of NetworkSettings must be a tuple of ints >= 1 \
(one size per hidden layer), e.g. (8,) or (16, 16); got (8, 0).
>>> NetworkSettings().with_(validation=1.0)
Traceback (most recent call last):
...
maniml.ParameterError: The 'validation' setting of NetworkSettings must be a float in [0, 0.9]; \
got 1.0.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from numbers import Integral
from typing import Any

import numpy as np

from ..._validation import ParameterError, check_choice
from ...datasets import Dataset
from ...metrics import train_test_split
from ...network import ACTIVATIONS, TASKS
from ...optimizers import Optimizer
from ...playground import (
    make_circles,
    make_classes,
    make_curve,
    make_gaussians,
    make_moons,
    make_spiral,
    make_xor,
)
from ...rules import RULES, UpdateRule
from ...schedules import SCHEDULES, Schedule
from ..fit_settings import _named
from ..settings import (
    SceneSettings,
    boolean,
    choice,
    integer,
    mapping,
    real,
    setting,
    setting_error,
    span,
)
from ..sources import OPTIMIZERS

__all__ = ["NETWORK_DATASETS", "NetworkData", "NetworkSettings", "resolve_network_data"]

#: Data sets a network scene can name -> their generator (all seeded, from maniml.playground).
NETWORK_DATASETS: dict[str, Any] = {
    "spiral": make_spiral,
    "circles": make_circles,
    "xor": make_xor,
    "gaussians": make_gaussians,
    "moons": make_moons,
    "classes": make_classes,
    "blobs": make_classes,
    "curve": make_curve,
}


def _data(v: Any, name: str, where: str) -> Any:
    if isinstance(v, Dataset):
        return v
    if isinstance(v, str):
        try:
            return check_choice(v, name, where, NETWORK_DATASETS, kind="setting")
        except ParameterError as e:
            raise setting_error(name, where, f"{e.allowed}, or (X, y)", v) from None
    if isinstance(v, tuple | list) and len(v) == 2:
        return tuple(v)
    raise setting_error(
        name, where, "a data-set name ('spiral', 'circles'...), a Dataset or (X, y)", v
    )


def _hidden(v: Any, name: str, where: str) -> tuple[int, ...]:
    allowed = "a tuple of ints >= 1 (one size per hidden layer), e.g. (8,) or (16, 16)"
    if isinstance(v, str | bytes) or not isinstance(v, tuple | list | np.ndarray):
        raise setting_error(name, where, allowed, v)
    for h in v:
        if isinstance(h, bool) or not isinstance(h, Integral) or h < 1:
            raise setting_error(name, where, allowed, v)
    return tuple(int(h) for h in v)


@dataclass(frozen=True, eq=False)
class NetworkSettings(SceneSettings):
    """Everything a network scene can be told (on top of the look and time settings of every
    template, :class:`~maniml.scenes.settings.SceneSettings`).

    Data
        ``data``: ``'spiral'``, ``'circles'``, ``'xor'``, ``'gaussians'``, ``'moons'``,
        ``'classes'`` (multi-class blobs, also ``'blobs'``), ``'curve'`` (a noisy 1-D curve, for
        regression), a :class:`~maniml.Dataset` or a pair ``(X, y)``; ``data_options``: keyword
        arguments of the generator (``{'n': 300, 'n_classes': 3}``), checked against its
        signature. ``validation``: the fraction held out for validation (stratified by class;
        0 for none), drawn with ``seed``.
    Network
        ``hidden`` (units per hidden layer), ``activation`` (``'relu'``, ``'tanh'``,
        ``'sigmoid'``, ``'linear'``), ``task`` (``'binary'``, ``'multiclass'``,
        ``'regression'``; ``None``: from the data), ``l2``.
    Optimiser
        As the fit templates name them: ``optimizer`` (``'bgd'``, ``'sgd'``, ``'minibatch'`` or
        an instance), ``lr``, ``batch_size``, ``rule``, ``schedule``, ``epochs``, ``max_steps``,
        ``seed`` (data, split, start and shuffles).
    Panels
        ``show_title``, ``show_diagram``, ``show_thumbnails`` (each hidden neuron's output over
        the input plane; ``None``: when the hidden layers hold 24 units or fewer),
        ``show_loss``, ``show_readout``, ``show_key``, ``show_validation`` (validation points,
        hollow), ``grid`` (pixels per side of the regions image), ``x_range`` / ``y_range``,
        ``point_radius``.
    """

    # data
    data: Any = setting("spiral", _data)
    data_options: Mapping[str, Any] = setting(check=mapping(), factory=dict)
    validation: float = setting(0.2, real(low=0.0, high=0.9))
    # network
    hidden: tuple[int, ...] = setting((8, 8), _hidden)
    activation: str = setting("relu", choice(*ACTIVATIONS))
    task: str | None = setting(None, choice(*TASKS, optional=True))
    l2: float = setting(0.0, real(low=0))
    # optimiser
    optimizer: str | Optimizer = setting(
        "minibatch", _named(OPTIMIZERS, (Optimizer,), "an optimizer")
    )
    lr: float = setting(0.01, real(low=0, low_open=True))
    batch_size: int = setting(16, integer(low=1))
    rule: Any = setting("adam", _named(RULES, (UpdateRule,), "None, an UpdateRule"))
    schedule: Any = setting(None, _named(SCHEDULES, (Schedule,), "None, a Schedule"))
    epochs: int = setting(60, integer(low=1))
    max_steps: int | None = setting(None, integer(low=1, optional=True))
    seed: int | None = setting(0, integer(low=0, optional=True))
    # panels
    show_title: bool = setting(True, boolean())
    show_diagram: bool = setting(True, boolean())
    show_thumbnails: bool | None = setting(None, boolean(optional=True))
    show_loss: bool = setting(True, boolean())
    show_readout: bool = setting(True, boolean())
    show_key: bool = setting(True, boolean())
    show_validation: bool = setting(True, boolean())
    grid: int = setting(100, integer(low=4, high=400))
    x_range: tuple[float, ...] | None = setting(None, span())
    y_range: tuple[float, ...] | None = setting(None, span())
    point_radius: float | None = setting(None, real(low=0, low_open=True, optional=True))

    def check_together(self, where: str) -> None:
        data, options = self.data, self.data_options
        if isinstance(data, str) and options:
            import inspect

            loader = NETWORK_DATASETS[data]
            known = list(inspect.signature(loader).parameters)
            if any(k not in known for k in options):
                raise setting_error(
                    "data_options", where,
                    f"keyword arguments of {loader.__name__} ({', '.join(map(repr, known))})",
                    dict(options),
                )  # fmt: skip
        if data == "curve" and self.task not in (None, "regression"):
            raise setting_error("task", where, "None or 'regression' for data='curve'", self.task)


@dataclass(frozen=True, eq=False)
class NetworkData:
    """The resolved data of a network scene: training and validation parts and the task."""

    X: np.ndarray
    y: np.ndarray
    X_val: np.ndarray | None
    y_val: np.ndarray | None
    task: str
    n_classes: int | None
    feature_names: tuple[str, ...]
    description: str = ""


def resolve_network_data(s: NetworkSettings, where: str) -> NetworkData:
    """The arrays the ``data`` setting names, split by ``validation``, with the task settled."""
    data, options = s.data, dict(s.data_options)
    names, description = None, ""
    if isinstance(data, str):
        options.setdefault("seed", s.seed)
        try:
            data = NETWORK_DATASETS[data](**options)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"The 'data_options' setting of {where}: {exc}") from None
    if isinstance(data, Dataset):
        X, y = data.X, data.y
        names, description = tuple(data.feature_names), data.description
    else:
        try:
            X = np.asarray(data[0], dtype=np.float64)
            y = np.asarray(data[1], dtype=np.float64)
        except (TypeError, ValueError):
            raise setting_error("data", where, "a pair (X, y) of numeric arrays", data) from None
    X = X[:, None] if X.ndim == 1 else X
    if X.ndim != 2 or y.ndim != 1 or len(X) != len(y) or len(y) < 4:
        raise setting_error(
            "data", where, "(X, y) with X of shape (n, d), y of shape (n,), n >= 4",
            (np.shape(X), np.shape(y)),
        )  # fmt: skip
    if not (np.isfinite(X).all() and np.isfinite(y).all()):
        raise setting_error("data", where, "finite numbers (no NaN or inf)", "NaN or inf")
    d = X.shape[1]
    task = s.task
    if task is None:
        integral = bool(np.all(y == np.round(y)) and y.min() >= 0)
        if d == 1 or not integral:
            task = "regression"
        else:
            task = "binary" if y.max() <= 1 else "multiclass"
    if task == "regression" and d != 1:
        raise setting_error(
            "data", where, "1 feature for a regression network scene", f"{d} features"
        )
    if task != "regression" and d != 2:
        raise setting_error(
            "data", where, "2 features for a classification network scene", f"{d} features"
        )
    n_classes = int(y.max()) + 1 if task == "multiclass" else None
    if task != "regression" and (y.min() < 0 or np.any(y != np.round(y))):
        raise setting_error(
            "data", where, "class labels 0..K-1 for a classification scene", "other labels"
        )
    X_val = y_val = None
    if s.validation > 0:
        stratify = "auto" if task != "regression" else None
        try:
            X, X_val, y, y_val = train_test_split(
                X, y, test_size=s.validation, seed=s.seed, stratify=stratify
            )
        except ParameterError as e:
            raise setting_error("validation", where, e.allowed, s.validation) from None
    if names is None or len(names) != d:
        names = tuple(f"x{i + 1}" for i in range(d))
    return NetworkData(X, y, X_val, y_val, task, n_classes, names, description)
