"""The order jobs run in: longest first, so the last jobs to start are short and no worker
waits long for the others at the end (the longest-processing-time-first rule).

A job's length is estimated without rendering, from its template's settings: the frames of the
stages it plays (build-up, its part of the steps stage, end), as the timeline counts them
(:func:`maniml.scenes.timeline.frame_count`). Segments of long scenes thus start before short
scenes, interleaved with them by length.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .jobs import Job

__all__ = ["estimated_frames", "longest_first"]


def estimated_frames(
    scene_cls: type, frame_rate: float, segment: tuple[int, int] | None = None
) -> int:
    """Frames a render of ``scene_cls`` (or of its ``segment`` ``(k, K)``) writes, from its
    settings' ``intro_time``, ``run_time`` (or ``pacing`` durations) and ``hold_time``.

    Parameters
    ----------
    scene_cls : type
        A template scene class (with a ``settings`` attribute); other scenes give 0.
    frame_rate : float
        Frames per second of the render.
    segment : (k, K) or None
        Part ``k`` of ``K`` of the steps stage (part 1 also plays the build-up, part K the end).

    Returns
    -------
    int
        The estimated frame count (exact for the templates' default pacing).

    Examples
    --------
    >>> from maniml.scenes import LinRegScene
    >>> s = LinRegScene.settings
    >>> (s.intro_time, s.run_time, s.hold_time)
    (0.5, 8.0, 1.5)
    >>> [estimated_frames(LinRegScene, 15, seg) for seg in (None, (1, 2), (2, 2))]
    [150, 68, 82]
    """
    from maniml.scenes.timeline import frame_count

    s = getattr(scene_cls, "settings", None)
    if s is None or not hasattr(s, "run_time"):
        return 0
    pacing: Any = getattr(s, "pacing", "motion")
    steps_time = s.run_time if isinstance(pacing, str) else float(sum(pacing))
    steps = max(2, frame_count(steps_time, frame_rate))
    intro = frame_count(getattr(s, "intro_time", 0.0), frame_rate)
    hold = frame_count(getattr(s, "hold_time", 0.0), frame_rate)
    if segment is None:
        return intro + steps + hold
    k, n = segment
    share = steps // n + (1 if k <= steps % n else 0)  # numpy.array_split, as Timeline.part
    return share + (intro if k == 1 else 0) + (hold if k == n else 0)


def longest_first(jobs: Sequence[Job]) -> list[Job]:
    """``jobs`` by decreasing ``Job.estimate``; ties keep their order, and jobs of unknown
    length (estimate 0: not a template) go first, as a long one started last would be the
    worst case."""
    return sorted(jobs, key=lambda j: (j.estimate > 0, -j.estimate))
