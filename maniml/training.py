"""``fit``: run an optimiser on a model and data, recording every step in a :class:`Trajectory`."""

from __future__ import annotations

import math
import operator

import numpy as np
from scipy.linalg import solve_triangular

from ._typing import ArrayLike, FloatArray
from ._validation import check_array, check_finite_array, check_int, check_seed, param_error
from .models import LinearRegression, Model
from .optimizers import Optimizer
from .schedules import Constant
from .trajectory import BatchIndices, Trajectory

__all__ = ["batch_stats", "check_init", "fit", "truncate_at_divergence"]

# How often (in steps) the loop looks for non-finite parameters; the exact row is found afterwards.
_CHECK_EVERY = 1024
# Steps per block of the squared-error SGD path (cost per step grows with it, overhead shrinks).
_BLOCK = 128
# Bound on (sample, parameter) pairs evaluated at once when recomputing batch losses.
_CHUNK = 4_000_000


def check_init(init: ArrayLike | None, n_params: int, where: str, name: str = "init") -> FloatArray:
    """Starting parameters: zeros by default, else a finite 1-D array of ``n_params`` values."""
    if init is None:
        return np.zeros(n_params)
    arr = check_array(init, name, where, ndim=(1,))
    if arr.shape != (n_params,):
        raise param_error(name, where, f"an array of shape ({n_params},)", arr)
    return check_finite_array(arr.copy(), name, where)


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
) -> Trajectory:
    """Optimise ``model`` on ``(X, y)`` and return the whole run.

    Each epoch shuffles the samples with ``numpy.random.default_rng(seed)`` (full-batch runs need no
    shuffle) and takes ``ceil(n / batch_size)`` steps. The same seed gives a bit-identical
    trajectory. A run whose loss or parameters become inf or NaN stops at the last finite row and
    is marked ``diverged``.

    Parameters
    ----------
    model : LinearRegression or LogisticRegression
    X : array_like, shape (n_samples, n_features) or (n_samples,)
    y : array_like, shape (n_samples,)
    optimizer : Optimizer
        :class:`~maniml.BGD`, :class:`~maniml.SGD` or :class:`~maniml.MiniBatchGD`.
    epochs : int
        Passes over the data, ``>= 1``.
    seed : int, optional
        Seed of the shuffling.
    init : array_like, shape (n_features + 1,), optional
        Starting parameters (intercept first); zeros by default.
    max_steps : int, optional
        Stop after this many steps even if epochs remain.

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
    """
    where = "fit"
    if not isinstance(model, Model):
        raise param_error(
            "model", where, "a maniml model (LinearRegression or LogisticRegression)", model
        )
    if not isinstance(optimizer, Optimizer):
        raise param_error(
            "optimizer", where, "a maniml optimizer (BGD, SGD, MiniBatchGD)", optimizer
        )
    X, y = model.check_data(X, y, where)
    epochs = check_int(epochs, "epochs", where, low=1)
    seed = check_seed(seed, where)
    max_steps = check_int(max_steps, "max_steps", where, low=1, allow_none=True)
    n, d = X.shape
    theta = check_init(init, d + 1, where)
    b = n if optimizer.batch_size is None else optimizer.batch_size
    if b > n:
        raise param_error("batch_size", where, f"an int in [1, {n}] (the number of samples)", b)
    full = b == n
    steps_per_epoch = math.ceil(n / b)
    total = (
        epochs * steps_per_epoch if max_steps is None else min(max_steps, epochs * steps_per_epoch)
    )
    with np.errstate(all="ignore"):  # the error below says it; no overflow warning as well
        # zeros give a zero linear output: the starting loss then needs no pass over X
        start_loss = (
            np.mean(model._sample_loss(0.0, y)) if init is None else model._loss(theta, X, y)
        )
    if not np.isfinite(start_loss):
        raise ValueError(f"The 'init' parameter of {where} gives a non-finite loss; got {theta!r}.")

    Xa = _with_ones(X) if full else None  # stochastic runs augment only the rows they gather
    rng = np.random.default_rng(seed)
    P = d + 1
    params = np.empty((total + 1, P))
    params[0] = theta
    grads = np.empty((total, P)) if full else None  # stochastic runs recompute them afterwards
    epoch_of_row = np.zeros(total + 1, dtype=np.intp)
    perms: list[np.ndarray] = []

    rule, schedule, resid, l2 = optimizer.rule, optimizer.schedule, model._resid, model.l2
    scale = model._dscale
    fast = optimizer.plain_constant
    lr_const = schedule.eta0 if isinstance(schedule, Constant) else None
    lrs = np.full(total, lr_const) if lr_const is not None else np.empty(total)
    state = rule.init(theta)
    best, no_change, stopped_early, k = math.inf, 0, False, 0
    # Which samples a step uses is the only difference between BGD, SGD and mini-batch: rows
    # Xe[lo:lo + b] of the epoch's shuffled data (views, no copies).
    single = b == 1
    sgd_fast = single and fast and not l2
    resid_py = model._resid_py
    squared = isinstance(model, LinearRegression)
    step_scale = scale * lr_const if sgd_fast else 0.0

    with np.errstate(all="ignore"):
        for e in range(1, epochs + 1):
            if full:
                Xe, ye = Xa, y
            else:
                perm = rng.permutation(n)
                # Gather only the rows this epoch reaches before max_steps (the whole permutation
                # is still drawn, so the shuffles do not depend on max_steps).
                use = perm[: min(n, (total - k) * b)]
                perms.append(use)
                Xe, ye = _with_ones(X[use]), y[use]
            start = k
            if sgd_fast:
                # Plain SGD at a constant rate: on one sample NumPy's per-call overhead dwarfs the
                # arithmetic, so steps go in blocks (squared error: exact block algebra) or in
                # Python floats. Each block is checked for overflow before going on.
                m = len(use)
                block = _BLOCK if squared else _CHECK_EVERY
                for c0 in range(0, m, block):
                    c1 = min(m, c0 + block)
                    rows = None
                    if squared:
                        rows = _sgd_squared_block(theta, Xe[c0:c1], ye[c0:c1], step_scale)
                        if not np.isfinite(rows[-1]).all():
                            rows = None  # overflow: redo the block step by step to find where
                    if rows is None:
                        rows = _sgd_python(
                            theta.tolist(), Xe[c0:c1].tolist(), ye[c0:c1].tolist(), step_scale,
                            resid_py,
                        )  # fmt: skip
                    params[k + c0 + 1 : k + c1 + 1] = rows
                    theta = params[k + c1]
                    if not np.isfinite(theta).all():
                        m = c1
                        break
                theta = params[k + m]
                k += m
            for lo in range(0, 0 if sgd_fast else n, b):
                if k == total:
                    break
                if single:
                    xi = Xe[lo]
                    g = (scale * resid(xi @ theta, ye[lo])) * xi
                else:
                    xb = Xe[lo : lo + b]
                    g = resid(xb @ theta, ye[lo : lo + b]) @ xb
                    g *= scale / len(xb)
                if l2:
                    g = g + model.penalty_grad(theta)
                if full:
                    grads[k] = g
                if fast:
                    theta = theta - lr_const * g
                else:
                    g = optimizer.clip(g)
                    lr_k = lr_const if lr_const is not None else schedule(k)
                    lrs[k] = lr_k
                    delta, state = rule.update(g, state, lr_k)
                    theta = theta + delta
                k += 1
                params[k] = theta
                if not k % _CHECK_EVERY and not np.isfinite(theta).all():
                    break
            epoch_of_row[start + 1 : k + 1] = e
            if k == total or not np.isfinite(theta).all():
                break
            if optimizer.tol is not None:
                current = model._loss(theta, X, y)
                if current > best - optimizer.tol:
                    no_change += 1
                    if no_change >= optimizer.n_iter_no_change:
                        stopped_early = True
                        break
                else:
                    no_change = 0
                best = min(best, current)

        params, lrs, epoch_of_row = params[: k + 1], lrs[:k], epoch_of_row[: k + 1]
        loss = _stack_loss(model, params, X, y)
        if full:  # each step's batch is the data set: its batch loss is the row's loss
            batch = BatchIndices.full(n, k)
            batch_loss, grads = loss[:-1].copy(), grads[:k]
        else:
            flat = np.concatenate(perms) if perms else np.empty(0, np.intp)
            step = np.arange(k)
            ends = np.minimum(np.arange(b, n + b, b), n)  # where each batch of an epoch ends
            offsets = np.zeros(k + 1, np.intp)
            offsets[1:] = (step // steps_per_epoch) * n + ends[step % steps_per_epoch]
            batch = BatchIndices(flat[: offsets[-1]], offsets)
            batch_loss, grads = batch_stats(model, params[:-1], X, y, batch)

    settings = {
        "kind": "fit",
        "model": type(model).__name__,
        "l2": model.l2,
        **optimizer.to_dict(),
        "epochs": epochs,
        "max_steps": max_steps,
        "seed": seed,
        "init": None if init is None else np.asarray(init, float).tolist(),
        "n_samples": n,
        "n_features": d,
    }
    traj = Trajectory(
        params=params,
        loss=loss,
        batch_loss=batch_loss,
        grads=grads,
        lr=lrs,
        epoch=epoch_of_row,
        batch_indices=batch,
        stopped_early=stopped_early,
        settings=settings,
        X=X,
        y=y,
    )
    return truncate_at_divergence(traj)


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
            xb = _with_ones(X[idx])
            z = np.einsum("ij,ij->i", xb, params[s:t])
            batch_loss[s:t] = model._sample_loss(z, y[idx])
            grads[s:t] = model._resid(z, y[idx])[:, None] * xb
            grads[s:t] *= model._dscale
        return _add_penalty(model, params, batch_loss, grads)
    for s, t in _chunks(steps, int(sizes.max()) * P):
        idx = batch.flat[offsets[s] : offsets[t]]
        owner = np.repeat(np.arange(s, t), sizes[s:t])
        xb = _with_ones(X[idx])
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


def _with_ones(X: FloatArray) -> FloatArray:
    """``[1, X]``: the rows with a leading column of ones (the intercept's input)."""
    Xa = np.empty((X.shape[0], X.shape[1] + 1))
    Xa[:, 0] = 1.0
    Xa[:, 1:] = X
    return Xa


def _sgd_squared_block(theta: FloatArray, Xb: FloatArray, yb: FloatArray, c: float) -> FloatArray:
    """``len(yb)`` plain SGD steps on the squared error at once, exactly.

    Step ``i`` is ``theta_{i+1} = theta_i - g_i x_i`` with ``g_i = c (x_i . theta_i - y_i)``.
    Since ``theta_i = theta_0 - sum_{l<i} g_l x_l``, the ``g`` solve the unit lower-triangular
    system ``(I + c tril(Xb Xb^T, -1)) g = c (Xb theta_0 - yb)``: forward substitution is the
    sequential loop, done by LAPACK. Returns the parameters after every step, shape ``(B, P)``.
    """
    gram = Xb @ Xb.T
    gram *= c  # only the strict lower triangle is read (unit diagonal)
    g = solve_triangular(
        gram, c * (Xb @ theta - yb), lower=True, unit_diagonal=True, check_finite=False
    )
    return theta - np.cumsum(g[:, None] * Xb, axis=0)


def _sgd_python(
    theta: list[float], rows: list[list[float]], ys: list[float], c: float, resid
) -> list[list[float]]:
    """Plain SGD steps ``theta -= c * resid(theta . x, y) * x`` over ``rows`` (each ``[1, x...]``);
    returns the parameters after every step."""
    out = []
    append = out.append
    if len(theta) == 2:  # one feature: the common picture, unrolled
        t0, t1 = theta
        for (_, x1), yi in zip(rows, ys, strict=True):
            g = c * resid(t0 + t1 * x1, yi)
            t0 -= g
            t1 -= g * x1
            append((t0, t1))
        return out
    th = theta
    for xi, yi in zip(rows, ys, strict=True):
        g = c * resid(sum(map(operator.mul, xi, th)), yi)
        th = [t - g * x for t, x in zip(th, xi, strict=True)]
        append(th)
    return out


def _chunks(steps: int, cost_per_step: int):
    per = max(1, _CHUNK // max(1, cost_per_step))
    for s in range(0, steps, per):
        yield s, min(steps, s + per)


def truncate_at_divergence(traj: Trajectory) -> Trajectory:
    """Cut a trajectory at its first non-finite row and mark it ``diverged``.

    Row ``r`` is bad when ``params[r]`` or ``loss[r]`` is not finite, or the step that made it
    (``r - 1``) has a non-finite gradient or batch loss.
    """
    good = np.isfinite(traj.params).all(axis=1) & np.isfinite(traj.loss)
    good[1:] &= np.isfinite(traj.grads).all(axis=1) & np.isfinite(traj.batch_loss)
    if good.all():
        return traj
    bad = int(np.argmin(good))  # first bad row; row 0 is always good (checked before the loop)
    return Trajectory(
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
        settings=traj.settings,
        X=traj.X,
        y=traj.y,
    )
