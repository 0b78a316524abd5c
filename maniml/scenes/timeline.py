"""The one timeline of every template: stages, pacing, events and segments, computed before any
frame is drawn (pure NumPy; no manim).

A video is three stages, each one ``play``: **build-up** (the pieces appear), **steps** (the run)
and **end** (the verdict, held). The steps stage has one entry per frame in
:attr:`Timeline.positions` -- where the template's clock is (in steps, fractional) -- and
:attr:`Timeline.rows` -- the trajectory row shown. The pacing policy decides how the frames are
spread over the steps:

``'motion'`` (default)
    Each step gets time by how much the picture moves during it (the template's
    ``step_motion``: displacement in units of the view, to the power 0.7), with a floor (a
    quarter of an even share) so the tail is not skipped, at least 12 % of the time for the
    first three steps, and a cap (8 %) so one step never holds the picture still for long.
``'linear'``
    The frames are spread evenly over the steps (the old behaviour).
a tuple of seconds
    Explicit per-step durations.

Events found in the run (divergence, early stop, reaching the optimum's loss, epoch boundaries)
carry the frame and the second at which they show, so a template can caption them then and a
voice-over can be synchronised. :meth:`Timeline.part` cuts the steps stage into ``K`` slices for
parallel rendering; the parts' frames, one after the other, are the whole render's.

Examples
--------
>>> import numpy as np
>>> motion = 0.5 ** np.arange(20)          # a run that moves less and less
>>> pos = pace(motion, 60, "motion")
>>> bool(pos[0] == 0 and pos[-1] == 20), float(np.mean(pos < 3)) >= 0.1
(True, True)
>>> pace(motion, 5, "linear")
array([ 0.,  5., 10., 15., 20.])
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .._typing import FloatArray, IntArray
from ..trajectory import Trajectory

__all__ = [
    "Event",
    "Stage",
    "Timeline",
    "find_events",
    "frame_count",
    "pace",
    "path_motion",
]

#: Motion pacing: time follows motion ** GAMMA (a little compressed, so small late moves are
#: still seen), the tail floor (fraction of an even share), the first steps' minimum share, and
#: the largest share one step may take (at least an even share). Tuned on the ready scenes:
#: the BGD fits are still moving at half the video, no step holds longer than 0.65 s of 8 s.
GAMMA, FLOOR, FIRST_STEPS, FIRST_SHARE, CAP = 0.7, 0.25, 3, 0.12, 0.08


def frame_count(seconds: float, frame_rate: float) -> int:
    """Frames in ``seconds`` of video (rounded to the nearest frame).

    Examples
    --------
    >>> frame_count(8.0, 15), frame_count(0.0, 15)
    (120, 0)
    """
    return max(0, int(round(float(seconds) * float(frame_rate))))


def _motion_weights(motion: FloatArray) -> FloatArray:
    m = np.nan_to_num(np.asarray(motion, dtype=float), nan=0.0, posinf=0.0, neginf=0.0)
    m = np.maximum(m, 0.0) ** GAMMA
    n = len(m)
    total = float(m.sum())
    w = np.full(n, 1.0 / n) if total <= 0 else m / total
    w = np.maximum(w, FLOOR / n)
    w /= w.sum()
    k = min(FIRST_STEPS, n)
    share = float(w[:k].sum())
    if k < n and share < FIRST_SHARE:
        w[:k] *= FIRST_SHARE / share
        w[k:] *= (1.0 - FIRST_SHARE) / (1.0 - share)
    cap = max(CAP, 1.0 / n)
    for _ in range(50):  # water-filling: clip at the cap, hand the excess to the others
        over = w > cap * (1 + 1e-12)
        if not over.any():
            break
        excess = float((w[over] - cap).sum())
        w[over] = cap
        free = w < cap
        w[free] += excess * w[free] / w[free].sum()
    return w / w.sum()


def pace(
    motion: Sequence[float] | FloatArray, n_frames: int, policy: str | Sequence[float] = "motion"
) -> FloatArray:
    """The clock position (in steps, from 0 to ``len(motion)``) at each of ``n_frames`` frames.

    Parameters
    ----------
    motion : array of shape (N,)
        How much the picture moves during each step (any non-negative unit).
    n_frames : int
        Frames of the steps stage (the first shows position 0, the last position N).
    policy : {'motion', 'linear'} or sequence of float
        See the module docstring; a sequence gives each step's share of the time.

    Examples
    --------
    >>> pace([1.0, 1.0], 3, "linear")
    array([0., 1., 2.])
    """
    n = len(motion)
    n_frames = max(int(n_frames), 1)
    if n == 0:
        return np.zeros(n_frames)
    if isinstance(policy, str):
        w = np.full(n, 1.0 / n) if policy == "linear" else _motion_weights(np.asarray(motion))
    else:
        w = np.asarray(policy, dtype=float)
        w = w / w.sum()
    edges = np.concatenate([[0.0], np.cumsum(w)])
    edges[-1] = 1.0
    u = np.linspace(0.0, 1.0, n_frames) if n_frames > 1 else np.ones(1)
    return np.interp(u, edges, np.arange(n + 1, dtype=float))


def path_motion(points: FloatArray, low: FloatArray, high: FloatArray) -> FloatArray:
    """Length of each step of a path in units of the view ``[low, high]`` (per coordinate).

    Points far outside the view are clipped to a margin around it, so a run that blows up
    counts as leaving the view, not as an endless motion.

    Examples
    --------
    >>> path_motion(np.array([[0.0, 0.0], [1.0, 0.0], [1e9, 0.0]]), np.zeros(2), np.ones(2) * 2)
    array([0.5, 1. ])
    """
    p = np.asarray(points, dtype=float).reshape(len(points), -1)
    lo, hi = np.asarray(low, dtype=float), np.asarray(high, dtype=float)
    span = np.where(hi > lo, hi - lo, 1.0)
    with np.errstate(all="ignore"):
        u = np.clip(np.nan_to_num((p - lo) / span, nan=0.0), -0.5, 1.5)
    return np.sqrt((np.diff(u, axis=0) ** 2).sum(axis=1))


@dataclass(frozen=True)
class Stage:
    """One stage of the video: its name, start and end in seconds, and its frames."""

    name: str
    start: float
    end: float
    frames: int

    @property
    def duration(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class Event:
    """Something that happens in the run, with the moment it shows in the video.

    ``kind`` is ``'diverged'``, ``'stopped early'``, ``'near optimum'`` or ``'epoch'``; ``row``
    the trajectory row; ``frame`` the first frame of the steps stage showing that row (-1 if
    no frame does); ``time`` the second of the video at that frame; ``label`` a caption.
    """

    kind: str
    row: int
    frame: int
    time: float
    label: str


def find_events(
    traj: Trajectory, *, optimum_loss: float | None = None, epochs: bool = True
) -> list[tuple[str, int, str]]:
    """The events of a run as ``(kind, row, label)``, in order of row.

    ``near optimum``: the first row whose loss is within 1 % of the optimum's loss ``f*``
    (when ``f*`` is 0 or tiny: the first row that closed 99 % of the starting gap ``f0 - f*``);
    needs ``optimum_loss``. ``epoch``: the first row of each epoch after the first (for runs of
    several steps per epoch). ``diverged`` / ``stopped early``: from the trajectory.

    Examples
    --------
    >>> import maniml
    >>> t = maniml.minimize(maniml.Bowl(), [0.0, 0.0], maniml.BGD(0.1), steps=40)
    >>> find_events(t, optimum_loss=0.0)
    [('near optimum', 11, 'step 11: 99 % of the way down')]
    """
    out: list[tuple[str, int, str]] = []
    n = traj.n_steps
    if epochs and traj.epoch is not None and len(traj.epoch) > 1:
        e = np.asarray(traj.epoch)
        starts = np.flatnonzero(np.diff(e) > 0) + 1  # first row of each epoch
        if 1 < int(e[-1]) < n:  # several epochs of several steps each
            for r in starts[1:]:
                out.append(("epoch", int(r), f"epoch {int(e[r])}"))
    if optimum_loss is not None and math.isfinite(optimum_loss) and n > 0:
        gap = traj.loss - optimum_loss
        gap0 = float(gap[0])
        relative = abs(optimum_loss) >= 0.01 * gap0
        tol = 0.01 * (abs(optimum_loss) if relative else gap0)
        hit = np.flatnonzero(gap <= tol)
        if gap0 > tol and len(hit):
            r = int(hit[0])
            what = "loss within 1 % of the optimum's" if relative else "99 % of the way down"
            out.append(("near optimum", r, f"step {r}: {what}"))
    if traj.diverged:
        step = n if traj.diverged_step is None else int(traj.diverged_step)
        out.append(("diverged", min(step, n), f"diverged at step {step}"))  # last finite row
    elif traj.stopped_early:
        out.append(("stopped early", n, f"stopped early at step {n}: the loss stopped improving"))
    return sorted(out, key=lambda ev: ev[1])


@dataclass(frozen=True, eq=False)
class Timeline:
    """When everything happens in a template's video; see the module docstring.

    Attributes
    ----------
    trajectory : Trajectory
        The run shown (for several runs, the featured or first one; all in ``trajectories``).
    positions : ndarray of float, shape (F,)
        The clock (in steps of the template, fractional) at each frame of the steps stage.
    rows : ndarray of int, shape (F,)
        The row of ``trajectory`` shown at each frame of the steps stage (repeats allowed).
    stages : tuple of Stage
        ``build-up``, ``steps`` and ``end``, with seconds and frames.
    events : tuple of Event
    frame_rate : float
    segment : (k, K) or None
        The part this render plays (all when None).
    """

    trajectory: Trajectory
    positions: FloatArray
    rows: IntArray
    stages: tuple[Stage, ...]
    events: tuple[Event, ...]
    frame_rate: float
    segment: tuple[int, int] | None = None
    trajectories: tuple[Trajectory, ...] = field(default=())

    @classmethod
    def build(
        cls,
        trajectory: Trajectory,
        *,
        motion: FloatArray,
        rows_at: object = None,
        frame_rate: float,
        run_time: float,
        intro_time: float,
        hold_time: float,
        pacing: str | Sequence[float] = "motion",
        events: Sequence[tuple[str, int, str]] = (),
        segment: tuple[int, int] | None = None,
        trajectories: Sequence[Trajectory] = (),
    ) -> Timeline:
        """Lay out the stages and pace the steps stage.

        ``motion`` has one entry per tick of the template's clock; ``rows_at(positions)`` maps
        clock positions to rows of ``trajectory`` (when it is None or returns None: the floor of
        the position).
        """
        n = len(motion)
        if isinstance(pacing, str):
            steps_frames = max(2, frame_count(run_time, frame_rate))
            policy: str | Sequence[float] = pacing
        else:
            durations = np.asarray(pacing, dtype=float)
            if len(durations) != n:
                raise ValueError(
                    f"The 'pacing' setting must give one duration per step ({n}); "
                    f"got {len(durations)}."
                )
            steps_frames = max(2, frame_count(durations.sum(), frame_rate))
            policy = durations
        positions = pace(motion, steps_frames, policy)
        rows = None if rows_at is None else rows_at(positions)  # type: ignore[operator]
        if rows is None:  # the clock counts the trajectory's steps
            rows = np.minimum(np.floor(positions + 1e-9), trajectory.n_steps)
        rows = np.asarray(rows, dtype=np.intp)
        b = frame_count(intro_time, frame_rate)
        h = frame_count(hold_time, frame_rate)
        fps = float(frame_rate)
        stages = (
            Stage("build-up", 0.0, b / fps, b),
            Stage("steps", b / fps, (b + steps_frames) / fps, steps_frames),
            Stage("end", (b + steps_frames) / fps, (b + steps_frames + h) / fps, h),
        )
        found = []
        for kind, row, label in events:
            shown = np.flatnonzero(rows >= row)
            frame = int(shown[0]) if len(shown) else -1
            t = (b + (frame if frame >= 0 else steps_frames)) / fps
            found.append(Event(kind, int(row), frame, t, label))
        return cls(
            trajectory=trajectory,
            positions=positions,
            rows=rows,
            stages=stages,
            events=tuple(found),
            frame_rate=fps,
            segment=segment,
            trajectories=tuple(trajectories) or (trajectory,),
        )

    # -- reading ------------------------------------------------------------------------------
    def stage(self, name: str) -> Stage:
        """The stage called ``name`` (``'build-up'``, ``'steps'`` or ``'end'``)."""
        for s in self.stages:
            if s.name == name:
                return s
        raise KeyError(f"no stage {name!r}; the stages are {[s.name for s in self.stages]}")

    @property
    def n_frames(self) -> int:
        """Frames of the whole video."""
        return sum(s.frames for s in self.stages)

    @property
    def duration(self) -> float:
        """Seconds of the whole video."""
        return self.stages[-1].end

    def part(self, k: int, n: int) -> tuple[int, int]:
        """Frames ``[start, stop)`` of the steps stage in part ``k`` (from 1) of ``n``.

        Examples
        --------
        >>> import maniml
        >>> t = maniml.minimize(maniml.Bowl(), [0.0, 0.0], maniml.BGD(0.1), steps=10)
        >>> tl = Timeline.build(t, motion=np.ones(10), frame_rate=10, run_time=1.0,
        ...                     intro_time=0, hold_time=0)
        >>> [tl.part(k, 3) for k in (1, 2, 3)]
        [(0, 4), (4, 7), (7, 10)]
        """
        frames = len(self.positions)
        if not 1 <= k <= n:
            raise ValueError(f"part k of n needs 1 <= k <= n; got k={k}, n={n}.")
        bounds = [len(c) for c in np.array_split(np.arange(frames), n)]
        start = int(sum(bounds[: k - 1]))
        return start, start + bounds[k - 1]

    @property
    def steps_range(self) -> tuple[int, int]:
        """Frames ``[start, stop)`` of the steps stage this render plays (``segment``)."""
        if self.segment is None:
            return 0, len(self.positions)
        return self.part(*self.segment)

    @property
    def plays_build_up(self) -> bool:
        return self.segment is None or self.segment[0] == 1

    @property
    def plays_end(self) -> bool:
        return self.segment is None or self.segment[0] == self.segment[1]

    def events_of(self, *kinds: str) -> list[Event]:
        """The events of the given kinds (all when none is given)."""
        return [e for e in self.events if not kinds or e.kind in kinds]

    def __repr__(self) -> str:
        st = ", ".join(f"{s.name} {s.start:.2f}-{s.end:.2f}s" for s in self.stages)
        return (
            f"Timeline({len(self.positions)} step frames at {self.frame_rate:g} fps, "
            f"rows {int(self.rows[0])}..{int(self.rows[-1])}; {st}; {len(self.events)} events)"
        )
