"""Settings of the fit templates (data, model, optimiser, panels), checked when written.

Examples
--------
>>> s = FitSettings().with_(lr=0.02, optimizer="BGD", rule="Adam")
>>> s.lr, s.optimizer, s.rule
(0.02, 'bgd', 'adam')
>>> FitSettings().with_(lr=-1)
Traceback (most recent call last):
...
maniml.ParameterError: The 'lr' setting of FitSettings must be a float in (0, inf); got -1.
>>> FitSettings().with_(data="iris", data_options={"n": 5})
Traceback (most recent call last):
...
maniml.ParameterError: The 'data_options' setting of FitSettings must be keyword arguments of \
load_iris_petal (none); got {'n': 5}.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .._validation import ParameterError, check_choice
from ..datasets import Dataset
from ..models import Model
from ..optimizers import Optimizer
from ..rules import RULES, UpdateRule
from ..schedules import SCHEDULES, Schedule
from ..trajectory import Trajectory
from .settings import (
    SceneSettings,
    boolean,
    choice,
    integer,
    mapping,
    real,
    setting,
    setting_error,
    span,
    text,
)
from .sources import DATASETS, MODELS, OPTIMIZERS, looks_like_path

__all__ = ["FitSettings", "check_data_options", "data_setting"]


def _named(table: Mapping[str, Any], types: tuple[type, ...], what: str):
    """A check for "a name from ``table`` (ignoring case) or an instance of ``types``"."""

    def check(v: Any, name: str, where: str) -> Any:
        if v is None or isinstance(v, types):
            return v
        if isinstance(v, str):
            try:
                return check_choice(v, name, where, table, kind="setting")
            except ParameterError as e:
                raise setting_error(name, where, f"{what} or {e.allowed}", v) from None
        raise setting_error(name, where, f"{what} or one of " + ", ".join(map(repr, table)), v)

    return check


def data_setting(v: Any, name: str, where: str) -> Any:
    """A check: a ``data`` setting (a data-set name ignoring case, a path, (X, y), a Dataset or
    a Trajectory)."""
    if isinstance(v, Trajectory | Dataset | os.PathLike):
        return v
    if isinstance(v, str):
        if looks_like_path(v):
            return v
        try:
            return check_choice(v, name, where, DATASETS, kind="setting")
        except ParameterError as e:
            raise setting_error(
                name, where, f"{e.allowed}, a .csv or .npz path, or (X, y)", v
            ) from None
    if isinstance(v, tuple | list) and len(v) == 2:
        return tuple(v)
    raise setting_error(
        name, where, "a data-set name, a .csv or .npz path, (X, y) or a Trajectory", v
    )


def _model(v: Any, name: str, where: str) -> Any:
    if isinstance(v, Model):
        return v
    if isinstance(v, str):
        try:
            return check_choice(v, name, where, MODELS, kind="setting")
        except ParameterError as e:
            raise setting_error(name, where, f"a maniml model or {e.allowed}", v) from None
    raise setting_error(name, where, "a maniml model or one of " + ", ".join(map(repr, MODELS)), v)


def _init(v: Any, name: str, where: str) -> tuple[float, ...] | None:
    if v is None:
        return None
    try:
        vals = tuple(float(x) for x in v)
    except (TypeError, ValueError):
        raise setting_error(name, where, "None or a sequence of finite numbers", v) from None
    if not vals or not all(abs(x) < float("inf") for x in vals):
        raise setting_error(name, where, "None or a sequence of finite numbers", v)
    return vals


def _names(v: Any, name: str, where: str) -> tuple[str, ...] | None:
    if v is None:
        return None
    if isinstance(v, str) or not all(isinstance(x, str) for x in v):
        raise setting_error(name, where, "None or a tuple of str", v)
    return tuple(v)


@dataclass(frozen=True, eq=False)
class FitSettings(SceneSettings):
    """Everything a fit scene can be told, as a frozen dataclass set on the scene class.

    Change it with :meth:`with_` (every field checked at once) or :func:`dataclasses.replace`.
    The look, time and pacing settings (``theme``, ``title``, ``run_time``, ``intro_time``,
    ``hold_time``, ``pacing``, ``segment``) are those of every template
    (:class:`~maniml.scenes.settings.SceneSettings`).

    Data
        ``data``: a data-set name (``'linear'``, ``'blobs'``, ``'sigmoid'``, ``'iris'``,
        ``'diabetes'``), a ``.csv`` path (with ``target`` and ``features``), a ``.npz`` path from
        :meth:`Trajectory.save` (then the saved run is shown and model/optimiser settings are
        ignored), a pair ``(X, y)``, a ``Dataset`` or a ``Trajectory``. ``data_options``: keyword
        arguments of the generator or loader (``{'n': 80, 'noise': 0.5}``), checked against its
        signature. ``standardize``: scale features to mean 0, sd 1 (default: only for
        ``'diabetes'``).
    Model and optimiser
        ``model`` (``'linear'``, ``'logistic'`` or a model), ``l2``, ``optimizer`` (``'bgd'``,
        ``'sgd'``, ``'minibatch'`` or an optimiser instance, which then overrides ``lr``,
        ``batch_size``, ``rule``, ``schedule``), ``lr``, ``batch_size``, ``rule`` (``'momentum'``,
        ``'adam'``...), ``schedule`` (``'step'``, ``'invscaling'``...), ``epochs``, ``max_steps``,
        ``seed``, ``init``. Names ignore case.
    Panels
        ``show_title``, ``show_loss``, ``show_readout``, ``show_formula``, ``show_events`` (a
        caption when the run reaches the optimum's loss, stops early or diverges),
        ``show_batch`` / ``show_residuals`` (``None``: automatic), ``show_optimum``,
        ``show_shading``, ``show_key`` (a key naming every coloured thing in the data panel, with
        the probability bands' colour bar), ``show_batch_loss``, ``loss_scale`` (``'auto'``, ``'linear'``,
        ``'log'``), ``x_range`` / ``y_range`` / ``loss_range`` (``(low, high)`` or
        ``(low, high, step)``; default from the data and the run), ``x_label``, ``y_label``,
        ``param_names``.
    Evaluation
        ``validation``: a fraction in (0, 1) of the samples held out (split with
        :func:`maniml.train_test_split`, seeded with ``seed``, stratified for logistic
        regression), drawn hollow in the data panel, with their loss as a second curve;
        ``None`` (default) trains on all samples. ``show_metric``: a read-out of R² (linear
        regression) or accuracy (logistic regression) at each row, on the training samples and
        on the validation samples if any, computed with :func:`maniml.r2_score` /
        :func:`maniml.accuracy`.
    Look
        ``use_latex`` (typeset the formulas with MathTex instead of MathTypst; needs LaTeX),
        ``point_radius``, ``font_scale``. ``equal_scale``: two features (logistic regression)
        drawn with equal x and y units; ``None`` (default) when the data name one unit for
        both (the iris petals: cm; the generated blobs share one plane), else independent
        scales. ``jitter``: points of logistic-regression data moved by at most this much (data
        units) so that samples on a measurement grid do not hide each other; ``None``
        (default): half the grid step when 5 % or more of the points coincide (iris:
        ±0.05 cm), ``0``: never. The key says when points are jittered.
    """

    # data
    data: Any = setting("linear", data_setting)
    data_options: Mapping[str, Any] = setting(check=mapping(), factory=dict)
    target: str | int | None = None
    features: Any = None
    standardize: bool | None = setting(None, boolean(optional=True))
    # model and optimiser
    model: str | Model = setting("linear", _model)
    l2: float = setting(0.0, real(low=0))
    optimizer: str | Optimizer = setting("sgd", _named(OPTIMIZERS, (Optimizer,), "an optimizer"))
    lr: float = setting(0.05, real(low=0, low_open=True))
    batch_size: int = setting(8, integer(low=1))
    rule: Any = setting(None, _named(RULES, (UpdateRule,), "None, an UpdateRule"))
    schedule: Any = setting(None, _named(SCHEDULES, (Schedule,), "None, a Schedule"))
    epochs: int = setting(4, integer(low=1))
    max_steps: int | None = setting(None, integer(low=1, optional=True))
    seed: int | None = setting(0, integer(low=0, optional=True))
    init: tuple[float, ...] | None = setting(None, _init)
    # panels
    show_title: bool = setting(True, boolean())
    show_loss: bool = setting(True, boolean())
    show_readout: bool = setting(True, boolean())
    show_formula: bool = setting(True, boolean())
    show_events: bool = setting(True, boolean())
    show_batch: bool | None = setting(None, boolean(optional=True))
    show_residuals: bool | None = setting(None, boolean(optional=True))
    show_optimum: bool = setting(True, boolean())
    show_shading: bool = setting(True, boolean())
    show_key: bool = setting(True, boolean())
    show_batch_loss: bool = setting(False, boolean())
    loss_scale: str = setting("auto", choice("auto", "linear", "log"))
    x_range: tuple[float, ...] | None = setting(None, span(steps=True))
    y_range: tuple[float, ...] | None = setting(None, span(steps=True))
    loss_range: tuple[float, ...] | None = setting(None, span(steps=True))
    x_label: str | None = setting(None, text())
    y_label: str | None = setting(None, text())
    param_names: tuple[str, ...] | None = setting(None, _names)
    # evaluation
    validation: float | None = setting(
        None, real(low=0, high=1, low_open=True, high_open=True, optional=True)
    )
    show_metric: bool = setting(False, boolean())
    # look
    use_latex: bool = setting(False, boolean())
    point_radius: float | None = setting(None, real(low=0, low_open=True, optional=True))
    font_scale: float = setting(1.0, real(low=0, low_open=True))
    equal_scale: bool | None = setting(None, boolean(optional=True))
    jitter: float | None = setting(None, real(low=0, optional=True))

    def check_together(self, where: str) -> None:
        check_data_options(self.data, self.data_options, where)


def check_data_options(data: Any, options: Mapping[str, Any] | None, where: str) -> None:
    """Check a ``data_options`` setting against the signature of the generator or loader the
    (checked) ``data`` setting names; other data take any options.

    Shared by every settings class with ``data`` and ``data_options`` fields.
    """
    if isinstance(data, str) and data in DATASETS and options:
        loader = DATASETS[data][0]
        params = inspect.signature(loader).parameters
        known = [p for p in params if p != "self"]
        unknown = [k for k in options if k not in known]
        if unknown:
            listed = ", ".join(map(repr, known)) or "none"
            raise setting_error(
                "data_options", where,
                f"keyword arguments of {loader.__name__} ({listed})", dict(options),
            )  # fmt: skip
