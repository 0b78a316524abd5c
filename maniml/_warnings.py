"""Warnings of the core, as classes users can filter (``warnings.simplefilter``).

Examples
--------
>>> import warnings
>>> issubclass(DivergenceWarning, RuntimeWarning), issubclass(ScheduleWarning, UserWarning)
(True, True)
>>> with warnings.catch_warnings():
...     warnings.simplefilter("error", DivergenceWarning)
...     warnings.simplefilter("ignore", DivergenceWarning)  # the last filter added wins
...     warnings.warn("silenced", DivergenceWarning)
"""

from __future__ import annotations

__all__ = ["DivergenceWarning", "ScheduleWarning"]


class DivergenceWarning(RuntimeWarning):
    """A run's loss or parameters became inf or NaN: it stopped at the last finite row.

    The trajectory says it too (``traj.diverged``, ``traj.diverged_step``); a run that diverges on
    purpose (a scene showing too large a rate) can silence it with
    ``warnings.simplefilter("ignore", maniml.DivergenceWarning)``.

    Examples
    --------
    >>> import warnings, maniml
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     t = maniml.minimize(maniml.Bowl(), None, maniml.BGD(5.0), steps=500)
    >>> t.diverged, caught[0].category.__name__
    (True, 'DivergenceWarning')
    """

    __module__ = "maniml"


class ScheduleWarning(UserWarning):
    """A learning-rate schedule falls below 1e-3 of its ``eta0`` before half the run.

    Schedules count steps, and a run of many small batches takes many steps per epoch: the rate
    may vanish long before the run ends. Count in epochs (``StepDecay(..., unit="epoch")``) or
    slow the decay.

    Examples
    --------
    >>> import warnings, maniml
    >>> opt = maniml.BGD(0.1, schedule=maniml.ExponentialDecay(0.1, rate=0.9))
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     t = maniml.minimize(maniml.Bowl(), None, opt, steps=200)
    >>> caught[0].category.__name__
    'ScheduleWarning'
    """

    __module__ = "maniml"
