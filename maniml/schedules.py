"""Learning-rate schedules: small named callables ``step -> learning rate``.

``step`` counts optimiser steps from 0. The names follow the field's words (optax's schedules,
scikit-learn's ``eta0`` and ``power_t``). A step count may be given in epochs instead
(``StepDecay(..., unit="epoch")``): :func:`~maniml.fit`, which knows the steps per epoch, turns it
into steps with :meth:`Schedule.per_step`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from ._validation import check_choice, check_int, check_real, param_error

__all__ = [
    "SCHEDULES",
    "Constant",
    "ExponentialDecay",
    "InverseScaling",
    "Schedule",
    "StepDecay",
    "make_schedule",
]


@dataclass(frozen=True)
class Schedule:
    """Base class of the schedules: ``schedule(step)`` is the learning rate at ``step``."""

    eta0: float

    def __post_init__(self) -> None:
        name = type(self).__name__
        object.__setattr__(self, "eta0", check_real(self.eta0, "eta0", name, low=0, low_open=True))

    def __call__(self, step: int) -> float:  # pragma: no cover - abstract
        raise NotImplementedError

    def per_step(self, steps_per_epoch: int) -> Schedule:
        """The same schedule counted in steps of a run with ``steps_per_epoch`` steps per epoch.

        Schedules that already count steps return themselves.
        """
        return self


@dataclass(frozen=True)
class Constant(Schedule):
    """``eta0`` at every step.

    Examples
    --------
    >>> Constant(0.1)(50)
    0.1
    """

    def __call__(self, step: int) -> float:
        return self.eta0


@dataclass(frozen=True)
class StepDecay(Schedule):
    """``eta0 * drop ** (step // every)``: the rate drops by a factor every ``every`` steps.

    With ``unit="epoch"``, ``every`` counts epochs: :func:`~maniml.fit` drops the rate every
    ``every * steps_per_epoch`` steps (:meth:`per_step`), so the decay does not depend on the batch
    size. Called directly, such a schedule takes an epoch index. :func:`~maniml.minimize` counts
    one step as one epoch (full batch).

    Examples
    --------
    >>> s = StepDecay(1.0, drop=0.5, every=10)
    >>> s(9), s(10), s(25)
    (1.0, 0.5, 0.25)
    >>> StepDecay(1.0, every=2, unit="epoch").per_step(50)  # 50 steps per epoch
    StepDecay(eta0=1.0, drop=0.5, every=100, unit='step')
    """

    drop: float = 0.5
    every: int = 10
    unit: str = "step"

    def __post_init__(self) -> None:
        super().__post_init__()
        check_real(self.drop, "drop", "StepDecay", low=0, high=1, low_open=True)
        check_int(self.every, "every", "StepDecay", low=1)
        unit = check_choice(self.unit, "unit", "StepDecay", ("step", "epoch"))
        object.__setattr__(self, "unit", unit)

    def __call__(self, step: int) -> float:
        return self.eta0 * self.drop ** (step // self.every)

    def per_step(self, steps_per_epoch: int) -> Schedule:
        if self.unit == "step":
            return self
        return replace(self, every=self.every * steps_per_epoch, unit="step")


@dataclass(frozen=True)
class ExponentialDecay(Schedule):
    """``eta0 * rate ** step``: smooth exponential decay.

    Examples
    --------
    >>> round(ExponentialDecay(1.0, rate=0.9)(2), 6)
    0.81
    """

    rate: float = 0.99

    def __post_init__(self) -> None:
        super().__post_init__()
        check_real(self.rate, "rate", "ExponentialDecay", low=0, high=1, low_open=True)

    def __call__(self, step: int) -> float:
        return self.eta0 * self.rate**step


@dataclass(frozen=True)
class InverseScaling(Schedule):
    """``eta0 / (step + 1) ** power_t``, scikit-learn's ``'invscaling'``.

    Examples
    --------
    >>> InverseScaling(1.0, power_t=0.5)(3)
    0.5
    """

    power_t: float = 0.25

    def __post_init__(self) -> None:
        super().__post_init__()
        check_real(self.power_t, "power_t", "InverseScaling", low=0)

    def __call__(self, step: int) -> float:
        return self.eta0 / math.pow(step + 1, self.power_t)


SCHEDULES: dict[str, type[Schedule]] = {
    "constant": Constant,
    "step": StepDecay,
    "exponential": ExponentialDecay,
    "invscaling": InverseScaling,
}


def make_schedule(schedule: str | Schedule | None, lr: float, where: str) -> Schedule:
    """Resolve an optimiser's ``schedule`` argument into a :class:`Schedule`.

    ``None`` and ``'constant'`` give ``Constant(lr)``; another name from :data:`SCHEDULES` gives that
    schedule with ``eta0=lr`` and its default settings; a :class:`Schedule` is used as it is.

    Examples
    --------
    >>> make_schedule("invscaling", 0.1, "SGD")
    InverseScaling(eta0=0.1, power_t=0.25)
    >>> make_schedule("cosine", 0.1, "SGD")
    Traceback (most recent call last):
    ...
    maniml.ParameterError: The 'schedule' parameter of SGD must be a Schedule or one of 'constant', \
'step', 'exponential', 'invscaling'; got 'cosine'.
    """
    if schedule is None:
        return Constant(lr)
    if isinstance(schedule, Schedule):
        return schedule
    if isinstance(schedule, str) and schedule in SCHEDULES:
        return SCHEDULES[schedule](lr)
    names = ", ".join(repr(k) for k in SCHEDULES)
    raise param_error("schedule", where, f"a Schedule or one of {names}", schedule)
