"""Optimisers: a batching (which samples a step uses) joined to an update rule (how it steps).

``BGD`` uses every sample each step, ``SGD`` one sample, ``MiniBatchGD`` ``batch_size`` samples;
each takes any :mod:`~maniml.rules` update rule, a :mod:`~maniml.schedules` learning-rate schedule,
gradient clipping by value or by norm, and early stopping on a loss tolerance.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from ._typing import FloatArray
from ._validation import check_int, check_keywords, check_real
from .rules import Plain, UpdateRule, make_rule
from .schedules import (
    Constant,
    ExponentialDecay,
    InverseScaling,
    Schedule,
    StepDecay,
    make_schedule,
)

__all__ = ["BGD", "SGD", "MiniBatchGD", "Optimizer"]


@dataclass(frozen=True, init=False)
class Optimizer:
    """Settings of one optimisation run (use :class:`BGD`, :class:`SGD` or :class:`MiniBatchGD`).

    Parameters
    ----------
    lr : float
        Base learning rate (``eta0`` of the schedule), ``> 0``.
    batch_size : int or None
        Samples per step; ``None`` means the full batch.
    rule : UpdateRule or str, optional
        Update rule or its name (``'gd'``, ``'momentum'``, ``'nesterov'``, ``'adagrad'``,
        ``'rmsprop'``, ``'adam'``). Default: plain gradient descent.
    schedule : Schedule or str, optional
        Learning-rate schedule or its name (``'constant'``, ``'step'``, ``'exponential'``,
        ``'invscaling'``; a name takes ``eta0=lr`` and the schedule's defaults). Default: constant.
    clip_value : float, optional
        Clip each gradient component to ``[-clip_value, clip_value]``.
    clip_norm : float, optional
        Rescale the gradient so that its Euclidean norm is at most ``clip_norm``.
    tol : float, optional
        Early stopping: stop when the full-data loss at the end of an epoch has not improved on
        the best so far by at least ``tol`` for ``n_iter_no_change`` epochs in a row.
    n_iter_no_change : int, default 5
        See ``tol``.
    """

    lr: float
    batch_size: int | None
    rule: UpdateRule
    schedule: Schedule
    clip_value: float | None
    clip_norm: float | None
    tol: float | None
    n_iter_no_change: int

    def __init__(
        self,
        lr: float,
        batch_size: int | None = None,
        *,
        rule: UpdateRule | str | None = None,
        schedule: Schedule | str | None = None,
        clip_value: float | None = None,
        clip_norm: float | None = None,
        tol: float | None = None,
        n_iter_no_change: int = 5,
    ) -> None:
        where = type(self).__name__
        lr = check_real(lr, "lr", where, low=0.0, low_open=True)
        batch_size = check_int(batch_size, "batch_size", where, low=1, allow_none=True)
        pos = {"low": 0.0, "low_open": True, "allow_none": True}
        values = {
            "lr": lr,
            "batch_size": batch_size,
            "rule": make_rule(rule, where),
            "schedule": make_schedule(schedule, lr, where),
            "clip_value": check_real(clip_value, "clip_value", where, **pos),
            "clip_norm": check_real(clip_norm, "clip_norm", where, **pos),
            "tol": check_real(tol, "tol", where, low=0.0, allow_none=True),
            "n_iter_no_change": check_int(n_iter_no_change, "n_iter_no_change", where, low=1),
        }
        for key, value in values.items():
            object.__setattr__(self, key, value)

    @property
    def label(self) -> str:
        """A short human name, e.g. ``'SGD'``, ``'Mini-batch GD (16) + Adam'``."""
        base = {BGD: "BGD", SGD: "SGD"}.get(type(self))
        if base is None:
            base = "GD" if self.batch_size is None else f"Mini-batch GD ({self.batch_size})"
        if not isinstance(self.rule, Plain):
            base += f" + {type(self.rule).__name__}"
        if not isinstance(self.schedule, Constant):
            base += f", {_SCHEDULE_WORDS.get(type(self.schedule), type(self.schedule).__name__)}"
        return base

    @property
    def plain_constant(self) -> bool:
        """True for plain steps at a constant rate without clipping (the loop's fast path)."""
        return (
            isinstance(self.rule, Plain)
            and isinstance(self.schedule, Constant)
            and self.clip_value is None
            and self.clip_norm is None
        )

    def clip(self, grad: FloatArray) -> FloatArray:
        """Apply the clipping settings to a gradient (a new array when clipping happens).

        Examples
        --------
        >>> import numpy as np
        >>> BGD(0.1, clip_norm=1.0).clip(np.array([3.0, 4.0]))
        array([0.6, 0.8])
        >>> BGD(0.1, clip_value=1.0).clip(np.array([3.0, -0.5]))
        array([ 1. , -0.5])
        """
        if self.clip_value is not None:
            grad = np.clip(grad, -self.clip_value, self.clip_value)
        if self.clip_norm is not None:
            norm = math.sqrt(float(grad @ grad))
            if norm > self.clip_norm:
                grad = grad * (self.clip_norm / norm)
        return grad

    def to_dict(self) -> dict[str, Any]:
        """The settings as plain data (for ``Trajectory.settings`` and ``.npz`` files)."""
        return {
            "optimizer": type(self).__name__,
            "label": self.label,
            "lr": self.lr,
            "batch_size": self.batch_size,
            "rule": type(self.rule).__name__,
            "rule_params": asdict(self.rule),
            "schedule": type(self.schedule).__name__,
            "schedule_params": asdict(self.schedule),
            "clip_value": self.clip_value,
            "clip_norm": self.clip_norm,
            "tol": self.tol,
            "n_iter_no_change": self.n_iter_no_change,
        }


# How a label names each schedule (a Schedule subclass of a user's own shows its class name).
_SCHEDULE_WORDS = {
    StepDecay: "step decay",
    ExponentialDecay: "exponential decay",
    InverseScaling: "invscaling",
}

# The keywords every batching takes after lr (MiniBatchGD also takes batch_size).
_OPTIONS = ("rule", "schedule", "clip_value", "clip_norm", "tol", "n_iter_no_change")
_RULE_OF = {"momentum": "Momentum", "beta": "Momentum", "nesterov": "Nesterov", "rho": "RMSProp",
            "beta1": "Adam", "beta2": "Adam", "eps": "Adam"}  # fmt: skip
_RULE_NAMES = {"adam": "Adam", "adagrad": "AdaGrad", "rmsprop": "RMSProp"}
_SCHEDULE_OF = {"power_t": "InverseScaling", "drop": "StepDecay", "every": "StepDecay",
                "rate": "ExponentialDecay", "decay": "ExponentialDecay"}  # fmt: skip


def _check_options(where: str, kwargs: dict[str, Any], *, batch_size: bool = False) -> None:
    """Refuse an unknown keyword of ``where`` with the allowed ones and what to write instead."""
    allowed = ["lr", *(["batch_size"] if batch_size else []), *_OPTIONS]
    hints = {}
    for key, value in kwargs.items():
        if key == "momentum":
            hints[key] = (
                f"Momentum is an update rule: use rule=Momentum({value!r}) (or rule='momentum')."
            )
        elif key in _RULE_OF:
            rule = _RULE_OF[key]
            hints[key] = f"{key!r} belongs to an update rule: use rule={rule}({key}={value!r})."
        elif key in _RULE_NAMES:
            hints[key] = f"{_RULE_NAMES[key]} is an update rule: use rule={key!r}."
        elif key in _SCHEDULE_OF:
            sched = _SCHEDULE_OF[key]
            hints[key] = (
                f"{key!r} belongs to a schedule: use schedule={sched}(lr, {key}={value!r})."
            )
        elif key in ("learning_rate", "eta", "eta0", "alpha"):
            hints[key] = "The learning rate is lr (a schedule's eta0)."
        elif key in ("epochs", "seed", "max_steps"):
            hints[key] = f"{key!r} is an argument of fit: fit(model, X, y, optimizer, {key}=...)."
        elif key == "batch_size":
            hints[key] = f"{where} fixes the batch; use MiniBatchGD(lr, batch_size={value!r})."
    check_keywords(kwargs, where, allowed, hints)


class BGD(Optimizer):
    """Batch gradient descent: every step uses all samples.

    Examples
    --------
    >>> BGD(0.1, rule="momentum").label
    'BGD + Momentum'
    """

    def __init__(self, lr: float = 0.1, **kwargs: Any) -> None:
        _check_options("BGD", kwargs)
        super().__init__(lr, None, **kwargs)


class SGD(Optimizer):
    """Stochastic gradient descent: every step uses one sample, in a shuffled order per epoch.

    Examples
    --------
    >>> SGD(0.05, schedule="invscaling").schedule
    InverseScaling(eta0=0.05, power_t=0.25)
    """

    def __init__(self, lr: float = 0.05, **kwargs: Any) -> None:
        _check_options("SGD", kwargs)
        super().__init__(lr, 1, **kwargs)


class MiniBatchGD(Optimizer):
    """Mini-batch gradient descent: every step uses ``batch_size`` samples of a shuffled epoch.

    The last batch of an epoch holds the remainder when ``batch_size`` does not divide ``n``.

    Examples
    --------
    >>> MiniBatchGD(0.1, 16, rule="adam").label
    'Mini-batch GD (16) + Adam'
    """

    def __init__(self, lr: float = 0.1, batch_size: int = 16, **kwargs: Any) -> None:
        where = "MiniBatchGD"
        _check_options(where, kwargs, batch_size=True)
        check_int(batch_size, "batch_size", where, low=1)
        super().__init__(lr, batch_size, **kwargs)
