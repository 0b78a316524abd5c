"""Verdicts on a finished run: where it diverged, and whether it converged, oscillated or crawled."""

from __future__ import annotations

import numpy as np

from .trajectory import Trajectory

__all__ = ["describe_run", "divergence_step"]


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


def describe_run(traj: Trajectory, fmin: float | None = None, blowup: float = 1e4) -> str:
    """A short honest verdict on a run: "diverged at step k", "oscillates", "too slow" or
    "converges".

    "oscillates": most consecutive steps point against each other and the run is not diverging;
    "too slow": the gap ``f - f*`` at the end is still above 1 % of the start's.

    Examples
    --------
    >>> import maniml
    >>> f = maniml.StretchedBowl()
    >>> [describe_run(maniml.minimize(f, None, maniml.BGD(lr), steps=40), 0.0)
    ...  for lr in (0.01, 0.1, 0.22, 0.3)]
    ['too slow', 'converges', 'oscillates', 'diverged at step 16']
    """
    k = divergence_step(traj, fmin, blowup)
    if k is not None:
        return f"diverged at step {k}"
    steps = np.diff(traj.params, axis=0)
    if len(steps) >= 3:
        dots = np.einsum("ij,ij->i", steps[:-1], steps[1:])
        if np.mean(dots < 0) > 0.5:
            return "oscillates"
    floor = fmin if fmin is not None else float(np.min(traj.loss))
    gap0, gap = traj.loss[0] - floor, traj.loss[-1] - floor
    if gap0 > 0 and gap > 0.01 * gap0:
        return "too slow"
    return "converges"
