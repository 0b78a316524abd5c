"""One optimiser step and the early-stopping rule, shared by :func:`~maniml.fit` and
:func:`~maniml.minimize`, and the warnings both give about a run."""

from __future__ import annotations

import math
import warnings

from ._typing import FloatArray
from ._warnings import DivergenceWarning, ScheduleWarning
from .optimizers import Optimizer
from .rules import Plain
from .schedules import Constant, Schedule
from .trajectory import Trajectory

__all__ = ["EarlyStopping", "Stepper", "warn_if_diverged", "warn_if_rate_vanishes"]

# A schedule whose rate falls below this fraction of eta0 before half the run is warned about.
_VANISHING = 1e-3


class Stepper:
    """Takes step ``k`` from gradient ``g``: clipping, the scheduled rate, the update rule.

    The rate of every step is written to ``lrs[k]``. A plain rule at a constant rate without
    clipping steps as ``theta - lr * g`` directly (the same numbers as the rule, less overhead).

    Parameters
    ----------
    optimizer : Optimizer
    theta : ndarray
        The starting parameters (the rule's state is built from them).
    lrs : ndarray, shape (steps,)
        Where the rates go.
    schedule : Schedule, optional
        The schedule counted in steps (``optimizer.schedule.per_step(...)``); the optimizer's by
        default.

    Examples
    --------
    >>> import numpy as np, maniml
    >>> lrs = np.empty(2)
    >>> step = Stepper(maniml.BGD(0.5, rule="momentum"), np.zeros(1), lrs)
    >>> theta = step(np.zeros(1), np.ones(1), 0); step(theta, np.ones(1), 1)  # v = 1, then 1.9
    array([-1.45])
    """

    __slots__ = ("clip", "lr_const", "lrs", "plain", "rule", "schedule", "state")

    def __init__(
        self,
        optimizer: Optimizer,
        theta: FloatArray,
        lrs: FloatArray,
        schedule: Schedule | None = None,
    ) -> None:
        self.schedule = optimizer.schedule if schedule is None else schedule
        self.rule = optimizer.rule
        self.clip = optimizer.clip
        self.lr_const = self.schedule.eta0 if isinstance(self.schedule, Constant) else None
        self.plain = (
            isinstance(self.rule, Plain)
            and self.lr_const is not None
            and optimizer.clip_value is None
            and optimizer.clip_norm is None
        )
        self.state = self.rule.init(theta)
        self.lrs = lrs

    def __call__(self, theta: FloatArray, g: FloatArray, k: int) -> FloatArray:
        """The parameters after step ``k``."""
        if self.plain:
            self.lrs[k] = self.lr_const
            return theta - self.lr_const * g
        g = self.clip(g)
        lr = self.lr_const if self.lr_const is not None else self.schedule(k)
        self.lrs[k] = lr
        delta, self.state = self.rule.update(g, self.state, lr)
        return theta + delta


class EarlyStopping:
    """Stop when the loss has not improved on the best so far by ``tol`` ``patience`` times in a
    row (scikit-learn's ``tol`` and ``n_iter_no_change``).

    Examples
    --------
    >>> stop = EarlyStopping(tol=0.1, patience=2)
    >>> [stop(v) for v in (1.0, 0.5, 0.45, 0.44)]
    [False, False, False, True]
    """

    __slots__ = ("best", "no_change", "patience", "tol")

    def __init__(self, tol: float, patience: int) -> None:
        self.tol, self.patience = tol, patience
        self.best, self.no_change = math.inf, 0

    def __call__(self, current: float) -> bool:
        """Record one check of the monitored loss; True when the run should stop."""
        self.no_change = self.no_change + 1 if current > self.best - self.tol else 0
        self.best = min(self.best, current)
        return self.no_change >= self.patience


def warn_if_rate_vanishes(schedule: Schedule, steps: int, where: str, stacklevel: int) -> None:
    """Warn (:class:`~maniml.ScheduleWarning`) when ``schedule``, counted in steps, is below
    ``1e-3 * eta0`` before half of a ``steps``-step run.

    The schedules only decay, so one evaluation at the middle step decides; the first step below
    the threshold is then found by bisection for the message.
    """
    mid = (steps - 1) // 2  # the last step before half the run
    floor = _VANISHING * schedule.eta0
    if steps < 2 or not schedule(mid) < floor:
        return
    lo, hi = 0, mid  # schedule(hi) < floor
    while lo < hi:
        m = (lo + hi) // 2
        lo, hi = (lo, m) if schedule(m) < floor else (m + 1, hi)
    warnings.warn(
        f"{where}: the {type(schedule).__name__} learning rate falls below 1e-3 of eta0 at step "
        f"{lo} of {steps}, before half the run (schedules count steps; "
        f"StepDecay(..., unit='epoch') counts epochs).",
        ScheduleWarning,
        stacklevel=stacklevel + 1,
    )


def warn_if_diverged(traj: Trajectory, where: str, stacklevel: int) -> None:
    """Warn (:class:`~maniml.DivergenceWarning`) when ``traj`` diverged."""
    if not traj.diverged:
        return
    lr = traj.settings.get("lr")
    warnings.warn(
        f"{where} diverged: step {traj.diverged_step} gave a non-finite loss or parameters, so the "
        f"trajectory ends at row {traj.n_steps} (traj.diverged). Try a smaller learning rate "
        f"(lr={lr}) or gradient clipping.",
        DivergenceWarning,
        stacklevel=stacklevel + 1,
    )
