"""The panel base class, what a data panel draws for a run, and adding panels to a scene.

A :class:`Panel` is a :class:`manim.VGroup` of two parts, ``still`` (drawn once) and ``moving``
(updated in place by :meth:`Panel.set_row`); :func:`add_panels` adds every still part before
every moving part.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from manim import Mobject, VGroup

from ...trajectory import Trajectory
from ..theme import DARK, Theme

__all__ = ["Panel", "add_panels", "model_kind"]


def model_kind(traj: Trajectory) -> str:
    """What a data panel draws for ``traj``: ``'line'``, ``'boundary'`` or ``'sigmoid'``.

    Linear regression on one feature gives a line; logistic regression on one feature a sigmoid,
    on two features a decision boundary.

    Raises
    ------
    ValueError
        For a run without data (``minimize``) or with a feature count no panel can draw.
    """
    if traj.X is None or traj.y is None:
        raise ValueError(
            "The 'trajectory' parameter of DataPanel must come from maniml.fit (it needs X and "
            "y); got a trajectory without data (made by minimize?)."
        )
    d = traj.params.shape[1] - 1
    name = traj.settings.get("model")
    if name is None:  # an older or hand-made record: guess from the labels
        name = "LogisticRegression" if np.isin(traj.y, (0.0, 1.0)).all() else "LinearRegression"
    if name == "LinearRegression":
        if d == 1:
            return "line"
        raise ValueError(
            f"The 'data' of a linear-regression fit scene must have 1 feature to draw a line; "
            f"got {d} features."
        )
    if name == "LogisticRegression":
        if d in (1, 2):
            return "sigmoid" if d == 1 else "boundary"
        raise ValueError(
            f"The 'data' of a logistic-regression fit scene must have 1 or 2 features; got {d}."
        )
    raise ValueError(
        f"The 'model' of a fit scene must be LinearRegression or LogisticRegression; got {name!r}."
    )


class Panel(VGroup):
    """Base class: a ``still`` group, a ``moving`` group and :meth:`set_row`.

    A subclass's ``__init__`` is a short sequence: ``_ranges()`` (axis ranges, field widths and
    sizes from the run and the settings), ``_build_still()`` (what is drawn once),
    ``_build_moving()`` (what :meth:`_show` updates), then :meth:`_finish`: a new panel shows
    row 0, its bounding box centred on the origin (place it with ``move_to``, ``next_to``...).
    """

    def __init__(self, traj: Trajectory, *, theme: Theme = DARK) -> None:
        super().__init__()
        self.traj, self.theme = traj, theme
        self.still, self.moving = VGroup(), VGroup()
        self.add(self.still, self.moving)
        self.row: int | None = None

    def set_row(self, k: int) -> Panel:
        """Show row ``k`` (clamped to the run); does nothing when ``k`` is already shown."""
        k = min(max(int(k), 0), self.traj.n_steps)
        if k != self.row:
            self._show(k)
            self.row = k
        return self

    def _finish(self) -> None:
        """Show row 0 and centre the panel on the origin: the last step of every ``__init__``."""
        self.set_row(0)
        self.move_to(np.zeros(3))

    def colour_roles(self) -> dict[str, list[Mobject]]:
        """The mobjects drawn in a role's colour (``'model'``, ``'loss'``...), by role; the
        colours of different roles must differ. None by default."""
        return {}

    def _show(self, k: int) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


def add_panels(scene: Any, *panels: Panel, between: Sequence[Mobject] = ()) -> None:
    """Add panels to ``scene``: every still part first, then ``between``, then every moving part.

    Cairo redraws each frame only the mobjects from the first one that moves; this order keeps
    axes, labels and data out of the per-frame work.
    """
    scene.add(*[p.still for p in panels])
    if between:
        scene.add(*between)
    scene.add(*[p.moving for p in panels])
