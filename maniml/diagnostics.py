"""Verdicts on finished runs, computed from the runs: where a run diverged, whether it converged,
oscillated or crawled, which of several runs was fastest, who won a race (time to target), how
far each run escaped a function without a minimum, and the theory of gradient descent on a
quadratic (the critical learning rate ``2 / lambda_max`` and the ``(1 - eta lambda)^k`` envelope).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .functions import Objective
from .models import mse_curvatures
from .trajectory import Trajectory

__all__ = [
    "RaceResult",
    "critical_lr",
    "describe_run",
    "describe_runs",
    "divergence_step",
    "escape_distance",
    "gd_envelope",
    "is_diverging",
    "oscillates",
    "race_result",
    "time_to_target",
]


def divergence_step(traj: Trajectory, fmin: float | None = None, blowup: float = 1e4) -> int | None:
    """The step at which a run diverged: where ``f - f*`` first exceeds ``blowup`` times its
    start value, or ``traj.diverged_step`` (overflow), whichever is first; None if neither.

    Examples
    --------
    >>> import maniml
    >>> t = maniml.minimize(maniml.Bowl(), [0.0, 0.0], maniml.BGD(1.5), steps=30)
    >>> divergence_step(t, 0.0), divergence_step(
    ...     maniml.minimize(maniml.Bowl(), [0.0, 0.0], maniml.BGD(0.1), steps=30), 0.0)
    (7, None)
    """
    base = traj.loss - (fmin if fmin is not None else float(np.min(traj.loss)))
    start = max(float(base[0]), 1e-12)
    over = np.flatnonzero(base > blowup * start)
    steps = [int(over[0])] if len(over) else []
    if traj.diverged and traj.diverged_step is not None:
        steps.append(int(traj.diverged_step))
    return min(steps) if steps else None


def is_diverging(traj: Trajectory, fmin: float | None = None, blowup: float = 1e4) -> bool:
    """Whether a run diverges: it blew up (:func:`divergence_step`), or its loss ends above its
    start and is still growing (over the last quarter of the run).

    Examples
    --------
    >>> import maniml
    >>> f = maniml.StretchedBowl()
    >>> [is_diverging(maniml.minimize(f, None, maniml.BGD(lr), steps=40), 0.0)
    ...  for lr in (0.22, 0.26)]
    [False, True]
    """
    if divergence_step(traj, fmin, blowup) is not None:
        return True
    loss = np.asarray(traj.loss, dtype=float)
    if len(loss) < 3 or not loss[-1] > loss[0]:
        return False
    tail = loss[-max(2, len(loss) // 4) :]
    return bool(tail[-1] > tail[0])


def oscillates(traj: Trajectory, direction: np.ndarray | None = None) -> bool:
    """Whether a run oscillates: successive steps point against each other (negative dot
    products) for most of the run, or, given ``direction`` (e.g. the Hessian's top eigenvector),
    the steps' components along it alternate in sign for most of the run.

    Examples
    --------
    >>> import maniml
    >>> f = maniml.StretchedBowl()
    >>> [oscillates(maniml.minimize(f, None, maniml.BGD(lr), steps=40), [0.0, 1.0])
    ...  for lr in (0.1, 0.22)]
    [False, True]
    """
    steps = np.diff(np.asarray(traj.params, dtype=float), axis=0)
    steps = steps[np.isfinite(steps).all(axis=1)]
    if len(steps) < 3:
        return False
    if direction is not None:
        along = steps @ np.asarray(direction, dtype=float)
        big = np.abs(along) > 1e-12 * max(float(np.abs(along).max()), 1e-300)
        s = np.sign(along[big])
        if len(s) >= 3 and np.mean(s[1:] * s[:-1] < 0) > 0.5:
            return True
    dots = np.einsum("ij,ij->i", steps[:-1], steps[1:])
    return bool(np.mean(dots < 0) > 0.5)


def time_to_target(traj: Trajectory, fmin: float, tol: float) -> int | None:
    """The first step at which ``f - f* < tol``, or None if the run never gets there.

    Examples
    --------
    >>> import maniml
    >>> time_to_target(maniml.minimize(maniml.Bowl(), None, maniml.BGD(0.1), steps=60), 0.0, 1e-3)
    22
    """
    gap = np.asarray(traj.loss, dtype=float) - fmin
    hit = np.flatnonzero(gap < tol)
    return int(hit[0]) if len(hit) else None


def escape_distance(traj: Trajectory) -> float:
    """Distance from the start at the last (finite) row: how far a run got away, on a function
    without a minimum (a saddle) where the loss has no floor to compare against.

    Examples
    --------
    >>> import maniml
    >>> t = maniml.minimize(maniml.Saddle(), [-1.0, 0.1], maniml.BGD(0.1), steps=10)
    >>> round(escape_distance(t), 3)
    1.033
    """
    p = np.asarray(traj.params, dtype=float)
    p = p[np.isfinite(p).all(axis=1)]
    return float(np.linalg.norm(p[-1] - p[0]))


def critical_lr(problem: Any, *, l2: float = 0.0) -> float | None:
    """``2 / lambda_max``: plain gradient descent with a constant rate diverges above it.

    ``problem`` is a quadratic objective with known curvatures (its Hessian's eigenvalues,
    ``problem.curvatures``: ``Bowl``, ``StretchedBowl``), or the data ``X`` of a linear
    regression (the curvatures of its mean squared error with ``l2``,
    :func:`maniml.models.mse_curvatures`). None for functions without constant curvature.

    Examples
    --------
    >>> import maniml
    >>> critical_lr(maniml.Bowl()), critical_lr(maniml.StretchedBowl()), critical_lr(maniml.Beale())
    (1.0, 0.25, None)
    >>> round(critical_lr([[0.0], [1.0], [2.0]]), 6)
    0.418861
    """
    if isinstance(problem, Objective):
        lam = getattr(problem, "curvatures", None)
        if lam is None:
            return None
    else:
        lam = mse_curvatures(problem, l2=l2)
    top = float(np.max(lam))
    return 2.0 / top if top > 0 else None


def gd_envelope(function, start: Sequence[float], lr: float, steps: int) -> np.ndarray | None:
    """The predicted ``f - f*`` of plain gradient descent on a quadratic, as an envelope:
    ``(f(x0) - f*) * max_i |1 - lr lambda_i|^(2k)`` for ``k = 0..steps`` (the error along each
    eigen-direction shrinks by ``1 - lr lambda_i`` per step; the loss is quadratic in it). It
    equals the run on a round bowl and bounds it above otherwise. None without curvatures.

    Examples
    --------
    >>> import maniml
    >>> env = gd_envelope(maniml.Bowl(), (0.0, 0.0), 0.1, 3)
    >>> np.round(env, 4).tolist()  # 5 * 0.8 ** (2 k)
    [5.0, 3.2, 2.048, 1.3107]
    """
    lam = getattr(function, "curvatures", None)
    if lam is None or len(function.minima) == 0:
        return None
    fmin = float(np.min(function(function.minima)))
    gap0 = float(function(np.asarray(start, dtype=float))) - fmin
    rho = float(np.max(np.abs(1.0 - lr * np.asarray(lam, dtype=float))))
    k = np.arange(steps + 1, dtype=float)
    with np.errstate(over="ignore", under="ignore"):
        return gap0 * np.power(rho, 2.0 * k)


def describe_run(
    traj: Trajectory,
    fmin: float | None = None,
    blowup: float = 1e4,
    direction: np.ndarray | None = None,
) -> str:
    """A short honest verdict on a run, from the run: "diverged at step k", "diverges" (loss
    above its start and growing), "oscillates" (:func:`oscillates`), "too slow" (the gap
    ``f - f*`` at the end still above 1 % of the start's) or "converges"; an oscillating run that
    also converges says both ("oscillates, converges").

    Examples
    --------
    >>> import maniml
    >>> f = maniml.StretchedBowl()
    >>> [describe_run(maniml.minimize(f, None, maniml.BGD(lr), steps=40), 0.0)
    ...  for lr in (0.01, 0.1, 0.22, 0.3)]
    ['too slow', 'converges', 'oscillates, converges', 'diverged at step 16']
    """
    k = divergence_step(traj, fmin, blowup)
    if k is not None:
        return f"diverged at step {k}"
    if is_diverging(traj, fmin, blowup):
        return "diverges"
    floor = fmin if fmin is not None else float(np.min(traj.loss))
    gap0, gap = traj.loss[0] - floor, traj.loss[-1] - floor
    slow = bool(gap0 > 0 and gap > 0.01 * gap0)
    if oscillates(traj, direction):
        return "oscillates" if slow else "oscillates, converges"
    return "too slow" if slow else "converges"


def describe_runs(
    runs: Sequence[Trajectory],
    fmin: float | None = None,
    blowup: float = 1e4,
    direction: np.ndarray | None = None,
    rel_tol: float = 1e-4,
) -> list[str]:
    """:func:`describe_run` for each run, and "fastest" on the converging run that first gets
    within ``rel_tol`` of its start's gap (``f - f* < rel_tol (f0 - f*)``; the lowest final gap
    when none does): "converges, fastest", or "oscillates, fastest" when both hold.

    Examples
    --------
    >>> import maniml
    >>> f = maniml.StretchedBowl()
    >>> describe_runs([maniml.minimize(f, None, maniml.BGD(lr), steps=40)
    ...                for lr in (0.01, 0.1, 0.22, 0.3)], 0.0)
    ['too slow', 'converges', 'oscillates, fastest', 'diverged at step 16']
    """
    verdicts = [describe_run(t, fmin, blowup, direction) for t in runs]
    ok = [i for i, v in enumerate(verdicts) if v in ("converges", "oscillates, converges")]
    if not ok:
        return verdicts

    def floor_of(t: Trajectory) -> float:
        return fmin if fmin is not None else float(np.min(t.loss))

    def key(i: int) -> tuple[float, float]:
        t = runs[i]
        f0 = floor_of(t)
        hit = time_to_target(t, f0, rel_tol * max(float(t.loss[0]) - f0, 1e-300))
        return (hit if hit is not None else np.inf, float(t.loss[-1]) - f0)

    best = min(ok, key=key)
    verdicts[best] = verdicts[best].replace(", converges", "") + ", fastest"
    return verdicts


@dataclass(frozen=True)
class RaceResult:
    """The verdict of a race, computed from the runs.

    Attributes
    ----------
    winner : int or None
        Index of the winning run; None on a function without a minimum (no winner).
    step : int or None
        The winner's step at the target (time to target), None when decided otherwise.
    criterion : str
        What decided it, for the screen ("first to f − f* < 0.001", "lowest f after 500
        steps (none reached f − f* < 0.001)", "no minimum: no winner").
    hits : tuple of (int or None)
        Each run's time to target.
    escapes : tuple of float
        Each run's distance from the start at its last row.
    """

    winner: int | None
    step: int | None
    criterion: str
    hits: tuple[int | None, ...]
    escapes: tuple[float, ...]


def race_result(runs: Sequence[Trajectory], fmin: float | None, tol: float) -> RaceResult:
    """Who won a race: the first run to reach ``f - f* < tol`` (ties: the lower gap at that
    step); the lowest final loss among runs that did not diverge when none reaches it; no
    winner when the function has no minimum (``fmin`` None: lower is not better there, it only
    means escaping faster), the escape distances then tell the runs apart.

    Examples
    --------
    >>> import maniml
    >>> runs = [maniml.minimize(maniml.Bowl(), None, maniml.BGD(lr), steps=60) for lr in (0.1, 0.3)]
    >>> r = race_result(runs, 0.0, 1e-3)
    >>> r.winner, r.step, r.hits
    (1, 6, (22, 6))
    >>> race_result(runs, None, 1e-3).winner is None
    True
    """
    tol_text = f"{tol:.0e}".replace("e-0", "e-") if tol < 1e-2 else f"{tol:g}"
    escapes = tuple(escape_distance(t) for t in runs)
    if fmin is None:
        hits = tuple(None for _ in runs)
        return RaceResult(None, None, "no minimum: no winner", hits, escapes)
    hits = tuple(time_to_target(t, fmin, tol) for t in runs)
    reached = [(h, float(runs[i].loss[h]), i) for i, h in enumerate(hits) if h is not None]
    if reached:
        h, _, i = min(reached)
        return RaceResult(i, h, f"first to f − f* < {tol_text}", hits, escapes)
    finals = [np.inf if t.diverged else float(t.loss[-1]) for t in runs]
    i = int(np.argmin(finals))
    n = max(t.n_steps for t in runs)
    why = f"lowest f after {n} steps (none reached f − f* < {tol_text})"
    return RaceResult(i, None, why, hits, escapes)
