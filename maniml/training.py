"""``fit``: run an optimiser on a model and data, recording every step in a :class:`Trajectory`.

``fit`` reads as validate -> loop -> record: :func:`_validate` checks the arguments once and
settles the run's shape (:class:`_Run`); :func:`_loop` takes the steps (one loop for every batching;
plain SGD on the linear models goes through :mod:`maniml._fastpaths`); :func:`_record` computes
every row's losses vectorised after the loop and builds the :class:`Trajectory`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from ._fastpaths import plain_sgd_epoch
from ._typing import ArrayLike, FloatArray, IntArray
from ._validation import (
    check_choice,
    check_init,
    check_int,
    check_seed,
    param_error,
)
from .models import LinearRegression, Model, with_ones
from .optimizers import Optimizer
from .schedules import Schedule
from .stepping import EarlyStopping, Stepper, warn_if_diverged, warn_if_rate_vanishes
from .trajectory import BatchIndices, Trajectory

__all__ = ["batch_stats", "check_init", "fit", "truncate_at_divergence"]

# How often (in steps) the loop looks for non-finite parameters; the exact row is found afterwards.
_CHECK_EVERY = 1024
# Bound on (sample, parameter) pairs evaluated at once when recomputing batch losses.
_CHUNK = 4_000_000


def fit(
    model: Model,
    X: ArrayLike,
    y: ArrayLike,
    optimizer: Optimizer,
    *,
    epochs: int,
    seed: int | None = None,
    init: ArrayLike | None = None,
    max_steps: int | None = None,
    validation: tuple[ArrayLike, ArrayLike] | None = None,
    monitor: str = "loss",
) -> Trajectory:
    """Optimise ``model`` on ``(X, y)`` and return the whole run.

    Each epoch shuffles the samples with ``numpy.random.default_rng(seed)`` (full-batch runs need no
    shuffle) and takes ``ceil(n / batch_size)`` steps. The same seed gives a bit-identical
    trajectory. A run whose loss or parameters become inf or NaN stops at the last finite row, is
    marked ``diverged`` and warns (:class:`~maniml.DivergenceWarning`). A schedule whose rate falls
    below 1e-3 of ``eta0`` before half the run warns (:class:`~maniml.ScheduleWarning`).

    Parameters
    ----------
    model : Model
        :class:`~maniml.LinearRegression`, :class:`~maniml.LogisticRegression` or
        :class:`~maniml.NeuralNetwork`.
    X : array_like, shape (n_samples, n_features) or (n_samples,)
    y : array_like, shape (n_samples,)
    optimizer : Optimizer
        :class:`~maniml.BGD`, :class:`~maniml.SGD` or :class:`~maniml.MiniBatchGD`.
    epochs : int
        Passes over the data, ``>= 1``.
    seed : int, optional
        Seed of the shuffling, and of a network's random start (drawn from an independent child
        stream, ``numpy.random.SeedSequence(seed).spawn(1)``, so the batches do not depend on the
        model).
    init : array_like, shape (model.n_params(n_features),), optional
        Starting parameters. By default zeros for the linear models (intercept first) and a seeded
        He/Glorot draw for a network (:meth:`~maniml.NeuralNetwork.initial_params`).
    max_steps : int, optional
        Stop after this many steps even if epochs remain.
    validation : (X_val, y_val), optional
        A held-out set: its loss at every row is ``traj.val_loss`` (computed after the loop, like
        ``loss``). It must have the features of ``X`` and labels the model accepts.
    monitor : {'loss', 'val_loss'}, default 'loss'
        What early stopping (the optimizer's ``tol``) watches at the end of each epoch and what
        ``traj.best_step`` is the minimum of: the full training loss, or the validation loss
        (which needs ``validation``).

    Returns
    -------
    Trajectory

    Examples
    --------
    >>> import numpy as np, maniml
    >>> X = np.array([[0.0], [1.0], [2.0], [3.0]]); y = 1.0 + 2.0 * X[:, 0]
    >>> t = maniml.fit(maniml.LinearRegression(), X, y, maniml.BGD(0.1), epochs=500)
    >>> t.params.shape, t.final.round(3)
    ((501, 2), array([1., 2.]))
    >>> t = maniml.fit(maniml.LinearRegression(), X, y, maniml.SGD(0.05), epochs=2, seed=0)
    >>> t.n_steps, [b.tolist() for b in t.batch_indices[:2]]
    (8, [[2], [0]])
    >>> t = maniml.fit(maniml.LinearRegression(), X, y, maniml.BGD(0.1), epochs=5,
    ...                validation=(X + 0.5, y + 1.0))
    >>> t.val_loss.shape, t.best_step
    ((6,), 5)
    """
    run = _validate(model, X, y, optimizer, epochs, seed, init, max_steps, validation, monitor)
    warn_if_rate_vanishes(run.schedule, run.total, "fit", stacklevel=2)
    traj = _record(run, _loop(run))
    warn_if_diverged(traj, "fit", stacklevel=2)
    return traj


@dataclass(frozen=True)
class _Run:
    """A validated run: the arguments of :func:`fit` and the shape they give."""

    model: Model
    X: FloatArray
    y: FloatArray
    optimizer: Optimizer
    schedule: Schedule  # the optimizer's, counted in steps
    epochs: int
    seed: int | None
    init: ArrayLike | None
    max_steps: int | None
    theta: FloatArray
    batch_size: int
    steps_per_epoch: int
    total: int
    X_val: FloatArray | None
    y_val: FloatArray | None
    monitor: str

    @property
    def full(self) -> bool:
        """Every step uses the whole data set."""
        return self.batch_size == len(self.y)


def _validate(model, X, y, optimizer, epochs, seed, init, max_steps, validation, monitor) -> _Run:
    where = "fit"
    if not isinstance(model, Model):
        raise param_error(
            "model",
            where,
            "a maniml model (LinearRegression, LogisticRegression, NeuralNetwork)",
            model,
        )
    if not isinstance(optimizer, Optimizer):
        raise param_error(
            "optimizer", where, "a maniml optimizer (BGD, SGD, MiniBatchGD)", optimizer
        )
    X, y = model.check_data(X, y, where)
    epochs = check_int(epochs, "epochs", where, low=1)
    seed = check_seed(seed, where)
    max_steps = check_int(max_steps, "max_steps", where, low=1, allow_none=True)
    monitor = check_choice(monitor, "monitor", where, ("loss", "val_loss"))
    n, d = X.shape
    model = model._for_data(X, y, init, where)
    X_val = y_val = None
    if validation is not None:
        X_val, y_val = _check_validation(model, validation, d, where)
    elif monitor == "val_loss":
        raise param_error("monitor", where, "'loss' when no validation set is given", monitor)
    if init is None:
        theta = model._default_init(d, seed)
    else:
        theta = check_init(init, model.n_params(d), where)
    b = n if optimizer.batch_size is None else optimizer.batch_size
    if b > n:
        raise param_error("batch_size", where, f"an int in [1, {n}] (the number of samples)", b)
    steps_per_epoch = math.ceil(n / b)
    total = epochs * steps_per_epoch
    if max_steps is not None:
        total = min(max_steps, total)
    with np.errstate(all="ignore"):  # the error below says it; no overflow warning as well
        start_loss = model._start_loss(theta, X, y, init is None)
    if not np.isfinite(start_loss):
        raise ValueError(f"The 'init' parameter of {where} gives a non-finite loss; got {theta!r}.")
    if X_val is not None:
        with np.errstate(all="ignore"):
            start_val = model._loss(theta, X_val, y_val)
        if not np.isfinite(start_val):
            raise ValueError(
                f"The 'validation' parameter of {where} gives a non-finite loss at the start; "
                f"got {start_val!r}."
            )
    return _Run(
        model=model,
        X=X,
        y=y,
        optimizer=optimizer,
        schedule=optimizer.schedule.per_step(steps_per_epoch),
        epochs=epochs,
        seed=seed,
        init=init,
        max_steps=max_steps,
        theta=theta,
        batch_size=b,
        steps_per_epoch=steps_per_epoch,
        total=total,
        X_val=X_val,
        y_val=y_val,
        monitor=monitor,
    )


def _check_validation(model: Model, validation: Any, d: int, where: str):
    """``(X_val, y_val)`` checked like ``(X, y)``, with the features of ``X``."""
    try:
        X_val, y_val = validation
    except (TypeError, ValueError):
        raise param_error("validation", where, "a pair (X_val, y_val)", validation) from None
    X_val, y_val = model.check_data(X_val, y_val, f"{where}(validation=...)")
    if X_val.shape[1] != d:
        raise param_error(
            "validation",
            where,
            f"a pair (X_val, y_val) whose X_val has the {d} feature columns of X",
            X_val,
        )
    return X_val, y_val


@dataclass
class _Steps:
    """What the loop produced: rows ``0..k`` of ``params`` and steps ``0..k-1`` of the rest."""

    params: FloatArray
    lrs: FloatArray
    epoch_of_row: IntArray
    perms: list[IntArray]
    grads: FloatArray | None  # recorded in the loop (full batch, or a model that records)
    batch_loss: FloatArray | None
    k: int
    stopped_early: bool


def _loop(run: _Run) -> _Steps:
    """Take the run's steps: one loop over epochs and batches for every batching."""
    model, optimizer, X, y = run.model, run.optimizer, run.X, run.y
    n, b, total, full = len(y), run.batch_size, run.total, run.full
    theta = run.theta
    params = np.empty((total + 1, len(theta)))
    params[0] = theta
    lrs = np.empty(total)
    epoch_of_row = np.zeros(total + 1, dtype=np.intp)
    perms: list[np.ndarray] = []
    records = model._records_steps
    grads = np.empty((total, len(theta))) if full or records else None
    batch_loss = np.empty(total) if records else None
    step = Stepper(optimizer, theta, lrs, run.schedule)
    if step.lr_const is not None:
        lrs.fill(step.lr_const)  # the fast path writes no rates
    stop = (
        None if optimizer.tol is None else EarlyStopping(optimizer.tol, optimizer.n_iter_no_change)
    )
    watch = (X, y) if run.monitor == "loss" else (run.X_val, run.y_val)
    single = b == 1
    # Plain SGD at a constant rate on a linear model: blocks of steps at once (_fastpaths).
    sgd_fast = single and step.plain and not model.l2 and model._plain_sgd
    c = model._dscale * step.lr_const if sgd_fast else 0.0
    squared = isinstance(model, LinearRegression)
    rng = np.random.default_rng(run.seed)
    k, stopped_early = 0, False
    with np.errstate(all="ignore"):
        if full:
            Xe, ye = model._fit_rows(X, y, None)
        for e in range(1, run.epochs + 1):
            if not full:
                # Gather only the rows this epoch reaches before max_steps (the whole permutation
                # is still drawn, so the shuffles do not depend on max_steps).
                use = rng.permutation(n)[: min(n, (total - k) * b)]
                perms.append(use)
                Xe, ye = model._fit_rows(X, y, use)
            start = k
            if sgd_fast:
                k = plain_sgd_epoch(params, k, Xe, ye, c, squared, model._resid_py)
                theta = params[k]
            else:
                # Which samples a step uses is the only difference between BGD, SGD and
                # mini-batch: rows Xe[lo:lo + b] of the epoch's shuffled data (views, no copies).
                for lo in range(0, n, b):
                    if k == total:
                        break
                    g, loss_b = model._step_grad(theta, Xe, ye, lo, lo + b, single)
                    if grads is not None:
                        grads[k] = g
                    if records:
                        batch_loss[k] = loss_b
                    theta = step(theta, g, k)
                    k += 1
                    params[k] = theta
                    if not k % _CHECK_EVERY and not np.isfinite(theta).all():
                        break
            epoch_of_row[start + 1 : k + 1] = e
            if k == total or not np.isfinite(theta).all():
                break
            if stop is not None and stop(model._loss(theta, *watch)):
                stopped_early = True
                break
    return _Steps(params, lrs, epoch_of_row, perms, grads, batch_loss, k, stopped_early)


def _record(run: _Run, steps: _Steps) -> Trajectory:
    """Every row's losses (vectorised), the batches, and the settings, as a Trajectory."""
    model, X, y, k, b = run.model, run.X, run.y, steps.k, run.batch_size
    n, d = X.shape
    params, lrs, epoch_of_row = steps.params[: k + 1], steps.lrs[:k], steps.epoch_of_row[: k + 1]
    with np.errstate(all="ignore"):
        loss = _stack_loss(model, params, X, y)
        val_loss = None if run.X_val is None else _stack_loss(model, params, run.X_val, run.y_val)
        if run.full:  # each step's batch is the data set: its batch loss is the row's loss
            batch = BatchIndices.full(n, k)
            batch_loss, grads = loss[:-1].copy(), steps.grads[:k]
        else:
            flat = np.concatenate(steps.perms) if steps.perms else np.empty(0, np.intp)
            step = np.arange(k)
            ends = np.minimum(np.arange(b, n + b, b), n)  # where each batch of an epoch ends
            offsets = np.zeros(k + 1, np.intp)
            per = run.steps_per_epoch
            offsets[1:] = (step // per) * n + ends[step % per]
            batch = BatchIndices(flat[: offsets[-1]], offsets)
            if model._records_steps:
                batch_loss, grads = steps.batch_loss[:k], steps.grads[:k]
            else:
                batch_loss, grads = batch_stats(model, params[:-1], X, y, batch)

    settings = {
        "kind": "fit",
        **model._settings(),
        **run.optimizer.to_dict(),
        "epochs": run.epochs,
        "max_steps": run.max_steps,
        "seed": run.seed,
        "init": None if run.init is None else np.asarray(run.init, float).tolist(),
        "n_samples": n,
        "n_features": d,
        "n_validation": None if run.y_val is None else len(run.y_val),
        "monitor": run.monitor,
    }
    traj = Trajectory(
        params=params,
        loss=loss,
        batch_loss=batch_loss,
        grads=grads,
        lr=lrs,
        epoch=epoch_of_row,
        batch_indices=batch,
        stopped_early=steps.stopped_early,
        settings=settings,
        X=X,
        y=y,
        val_loss=val_loss,
    )
    traj = truncate_at_divergence(traj)
    watched = traj.loss if run.monitor == "loss" else traj.val_loss
    return replace(traj, best_step=int(np.argmin(watched)))


def _stack_loss(model: Model, params: FloatArray, X: FloatArray, y: FloatArray) -> FloatArray:
    out = model._loss(params, X, y)
    return np.asarray(out, dtype=np.float64).reshape(len(params))


def batch_stats(
    model: Model, params: FloatArray, X: FloatArray, y: FloatArray, batch: BatchIndices
) -> tuple[FloatArray, FloatArray]:
    """Loss and gradient of each step's batch at that step's parameters, vectorised.

    Parameters
    ----------
    params : ndarray, shape (S, P)
        ``params[k]`` is where step ``k`` computed its gradient.
    X : ndarray, shape (n, P - 1)
        The data (without the column of ones).
    batch : BatchIndices
        ``S`` batches (not a full-batch record: its batch losses are the rows' losses).

    Returns
    -------
    batch_loss : ndarray, shape (S,)
    grads : ndarray, shape (S, P)
    """
    steps, P = params.shape
    batch_loss, grads = np.empty(steps), np.empty((steps, P))
    if steps == 0:
        return batch_loss, grads
    sizes, offsets = batch.sizes(), batch.offsets
    if (sizes == 1).all():  # one sample per step (SGD): no segment sums needed
        for s, t in _chunks(steps, P):
            idx = batch.flat[offsets[s] : offsets[t]]
            xb = with_ones(X[idx])
            z = np.einsum("ij,ij->i", xb, params[s:t])
            batch_loss[s:t] = model._sample_loss(z, y[idx])
            grads[s:t] = model._resid(z, y[idx])[:, None] * xb
            grads[s:t] *= model._dscale
        return _add_penalty(model, params, batch_loss, grads)
    for s, t in _chunks(steps, int(sizes.max()) * P):
        idx = batch.flat[offsets[s] : offsets[t]]
        owner = np.repeat(np.arange(s, t), sizes[s:t])
        xb = with_ones(X[idx])
        z = np.einsum("ij,ij->i", xb, params[owner])
        starts = offsets[s:t] - offsets[s]
        batch_loss[s:t] = np.add.reduceat(model._sample_loss(z, y[idx]), starts)
        grads[s:t] = np.add.reduceat(model._resid(z, y[idx])[:, None] * xb, starts)
        batch_loss[s:t] /= sizes[s:t]
        grads[s:t] *= model._dscale / sizes[s:t, None]
    return _add_penalty(model, params, batch_loss, grads)


def _add_penalty(model, params, batch_loss, grads):
    batch_loss += model.penalty(params)
    if model.l2:
        grads += model.penalty_grad(params)
    return batch_loss, grads


def _chunks(steps: int, cost_per_step: int):
    per = max(1, _CHUNK // max(1, cost_per_step))
    for s in range(0, steps, per):
        yield s, min(steps, s + per)


def truncate_at_divergence(traj: Trajectory) -> Trajectory:
    """Cut a trajectory at its first non-finite row and mark it ``diverged``.

    Row ``r`` is bad when ``params[r]``, ``loss[r]`` or ``val_loss[r]`` is not finite, or the step
    that made it (``r - 1``) has a non-finite gradient or batch loss. ``best_step`` is dropped
    (the caller sets it on the rows that remain).
    """
    good = np.isfinite(traj.params).all(axis=1) & np.isfinite(traj.loss)
    if traj.val_loss is not None:
        good &= np.isfinite(traj.val_loss)
    good[1:] &= np.isfinite(traj.grads).all(axis=1) & np.isfinite(traj.batch_loss)
    if good.all():
        return traj
    bad = int(np.argmin(good))  # first bad row; row 0 is always good (checked before the loop)
    return replace(
        traj,
        params=traj.params[:bad],
        loss=traj.loss[:bad],
        batch_loss=traj.batch_loss[: bad - 1],
        grads=traj.grads[: bad - 1],
        lr=traj.lr[: bad - 1],
        epoch=traj.epoch[:bad],
        batch_indices=traj.batch_indices.truncated(bad - 1),
        diverged=True,
        diverged_step=bad,
        stopped_early=False,
        val_loss=None if traj.val_loss is None else traj.val_loss[:bad],
        best_step=None,
    )
