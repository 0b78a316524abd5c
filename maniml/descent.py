"""``minimize``: run an optimiser's update rule directly on a test function (gradient descent
without data). The module is not called ``minimize`` so that ``maniml.minimize`` is always the
function."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from ._typing import ArrayLike
from ._validation import check_init, check_int, param_error
from .functions import Objective
from .optimizers import Optimizer
from .stepping import EarlyStopping, Stepper, warn_if_diverged, warn_if_rate_vanishes
from .training import truncate_at_divergence
from .trajectory import BatchIndices, Trajectory

__all__ = ["minimize"]


def minimize(
    objective: Objective,
    x0: ArrayLike | None,
    optimizer: Optimizer,
    *,
    steps: int,
) -> Trajectory:
    """Minimise ``objective`` from ``x0`` with ``optimizer``'s rule, schedule and clipping.

    An objective has no samples, so the optimiser must be full-batch (:class:`~maniml.BGD`); its
    early-stopping ``tol`` is checked after every step, and a schedule counted in epochs counts
    steps (one step is one full-batch epoch). Like :func:`~maniml.fit`, a run that diverges warns
    (:class:`~maniml.DivergenceWarning`), and so does a schedule whose rate vanishes before half
    the run (:class:`~maniml.ScheduleWarning`).

    Parameters
    ----------
    objective : Objective
        E.g. :class:`~maniml.Bowl`, :class:`~maniml.Rosenbrock`.
    x0 : array_like, shape (dim,), optional
        Start; ``objective.start`` when ``None``.
    optimizer : Optimizer
    steps : int
        Number of steps, ``>= 1``.

    Returns
    -------
    Trajectory
        ``params`` are the points visited, ``loss`` the function values; ``batch_indices`` entries
        are empty; ``best_step`` is the row of the lowest value.

    Examples
    --------
    >>> import maniml
    >>> t = maniml.minimize(maniml.Bowl(), [0.0, 0.0], maniml.BGD(0.25), steps=40)
    >>> t.final.round(6), float(t.loss[0])  # each step halves the distance to (1, 2)
    (array([1., 2.]), 5.0)
    """
    where = "minimize"
    if not isinstance(objective, Objective):
        raise param_error(
            "objective", where, "a maniml Objective (Bowl, Rosenbrock, ...)", objective
        )
    if not isinstance(optimizer, Optimizer):
        raise param_error("optimizer", where, "a maniml optimizer such as BGD(lr)", optimizer)
    if optimizer.batch_size is not None:
        raise param_error(
            "optimizer",
            where,
            "a full-batch optimizer (BGD) since a function has no samples",
            optimizer.label,
        )
    steps = check_int(steps, "steps", where, low=1)
    x = check_init(objective.start if x0 is None else x0, objective.dim, where, name="x0")
    with np.errstate(all="ignore"):  # the error below says it; no overflow warning as well
        start_value = objective._value(x)
    if not np.isfinite(start_value):
        raise ValueError(f"The 'x0' parameter of {where} gives a non-finite value; got {x!r}.")

    schedule = optimizer.schedule.per_step(1)
    warn_if_rate_vanishes(schedule, steps, where, stacklevel=2)
    params = np.empty((steps + 1, objective.dim))
    loss = np.empty(steps + 1)
    grads = np.empty((steps, objective.dim))
    lrs = np.empty(steps)
    params[0] = x
    step = Stepper(optimizer, x, lrs, schedule)
    stop = (
        None if optimizer.tol is None else EarlyStopping(optimizer.tol, optimizer.n_iter_no_change)
    )
    stopped_early, k = False, 0
    with np.errstate(all="ignore"):
        loss[0] = objective._value(x)
        while k < steps:
            g = objective._grad(x)
            grads[k] = g
            x = step(x, g, k)
            params[k + 1] = x
            loss[k + 1] = objective._value(x)
            k += 1
            if not (np.isfinite(loss[k]) and np.isfinite(x).all()):
                break
            if stop is not None and stop(loss[k]):
                stopped_early = True
                break
    traj = Trajectory(
        params=params[: k + 1],
        loss=loss[: k + 1],
        batch_loss=loss[:k].copy(),
        grads=grads[:k],
        lr=lrs[:k],
        epoch=np.arange(k + 1),
        batch_indices=BatchIndices(np.empty(0, np.intp), np.zeros(k + 1, np.intp)),
        stopped_early=stopped_early,
        settings={
            "kind": "minimize",
            "objective": type(objective).__name__,
            **optimizer.to_dict(),
            "steps": steps,
            "x0": params[0].tolist(),
        },
    )
    traj = truncate_at_divergence(traj)
    traj = replace(traj, best_step=int(np.argmin(traj.loss)))
    warn_if_diverged(traj, where, stacklevel=2)
    return traj
