"""The optimiser race: :class:`OptimizerRaceScene` configured by :class:`RaceSettings`, its
:class:`Racer` entries and the tuned line-ups in :data:`RACE_PRESETS`.

Examples
--------
>>> from maniml import Saddle
>>> s = RaceSettings().with_(function=Saddle(), winner="First")
>>> s.n_steps, s.winner, [r.name for r in s.lineup][:2]
(80, 'first', ['GD', 'Momentum'])
>>> Racer("Adam", BGD(0.05, rule="adam"), color="notacolour")
Traceback (most recent call last):
...
maniml.ParameterError: The 'color' setting of Racer must be a colour such as '#FF8800' or \
'ORANGE' or None; got 'notacolour'.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, fields
from typing import Any, ClassVar

import numpy as np
from manim import DOWN, DR, LEFT, UL, UP, Group, Rectangle, Scene, VGroup

from ..._validation import ParameterError
from ...descent import minimize
from ...functions import Objective, Rosenbrock
from ...optimizers import BGD, Optimizer
from ...trajectory import Trajectory
from ..contours import palette
from ..loss_chart import LossChart
from ..numbers import compact_number, format_number, format_setting
from ..paths import PathTracer
from ..primitives import SansText
from ..readout import GlyphText
from ..settings import boolean, choice, colour, instance, integer, real, setting
from ._common import (
    LandscapeSettings,
    LandscapeTemplate,
    _ease,
    _min_value,
    _place_text,
    _swatch,
    objective,
)
from .layout import _fh, _fw, _Landscape, _linear_loss_range

__all__ = [
    "RACE_PRESETS",
    "OptimizerRaceScene",
    "RaceSettings",
    "Racer",
]


def _bad(name: str, where: str, allowed: str, got: Any) -> ParameterError:
    return ParameterError(name, where, allowed, got, kind="setting")


def _name(v: Any, name: str, where: str) -> str:
    if not isinstance(v, str) or not v:
        raise _bad(name, where, "a non-empty str", v)
    return v


@dataclass(frozen=True)
class Racer:
    """One optimiser in a race: its name in the legend, the optimiser, an optional colour.

    Every field is checked when the racer is made (a :class:`~maniml.ParameterError` naming
    the field).

    Examples
    --------
    >>> Racer("Adam", BGD(0.05, rule="adam"), color="ORANGE").name
    'Adam'
    """

    name: str = setting(check=_name)
    optimizer: Optimizer = setting(check=instance(Optimizer, "a maniml optimizer, e.g. BGD(0.01)"))
    color: str | None = setting(None, colour())

    def __post_init__(self) -> None:
        for f in fields(self):
            value = f.metadata["check"](getattr(self, f.name), f.name, "Racer")
            object.__setattr__(self, f.name, value)


def _racers(lrs: Sequence[float]) -> tuple[Racer, ...]:
    names = ("GD", "Momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam")
    rules = ("gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam")
    return tuple(Racer(n, BGD(lr, rule=r)) for n, r, lr in zip(names, rules, lrs, strict=True))


#: Learning rates tuned per function (momentum 0.9, Adam's defaults), used when
#: ``RaceSettings.racers`` is None; other functions use the ``"default"`` entry.
RACE_PRESETS: dict[str, tuple[tuple[Racer, ...], int]] = {
    "Rosenbrock": (_racers((1.5e-3, 5e-4, 5e-4, 0.5, 1e-2, 5e-2)), 800),
    "Beale": (_racers((1e-2, 1e-3, 1e-3, 0.5, 1e-2, 5e-2)), 500),
    "Saddle": (_racers((5e-2, 2e-2, 2e-2, 0.2, 2e-2, 5e-2)), 80),
    "Bowl": (_racers((0.1, 0.05, 0.05, 0.5, 0.05, 0.1)), 200),
    "default": (_racers((1e-2, 5e-3, 5e-3, 0.3, 1e-2, 5e-2)), 300),
}


def _lineup(v: Any, name: str, where: str) -> tuple[Racer, ...] | None:
    if v is None:
        return None
    if isinstance(v, Racer | str) or not isinstance(v, Sequence):
        raise _bad(name, where, "None or a tuple of Racer", v)
    if not all(isinstance(r, Racer) for r in v):
        raise _bad(name, where, "None or a tuple of Racer", v)
    if not 1 <= len(v) <= 12:
        raise _bad(name, where, "between 1 and 12 racers", v)
    for r in v:
        if r.optimizer.batch_size is not None:
            raise _bad(name, where, "racers with full-batch optimizers (BGD)", r)
    return tuple(v)


@dataclass(frozen=True, eq=False)
class RaceSettings(LandscapeSettings):
    """Settings of :class:`OptimizerRaceScene`, on top of
    :class:`~maniml.scenes.landscape_scenes.LandscapeSettings`.

    Attributes
    ----------
    racers : tuple of Racer or None
        The optimisers; None takes ``RACE_PRESETS`` for the function (tuned learning rates).
    steps : int or None
        None takes the preset's number of steps.
    winner : {"final", "first"}
        "final": lowest final loss wins; "first": first to come within ``tol`` of the minimum
        (lowest final loss if none does, or when the minimum is unknown).
    tol : float
        Tolerance on ``f - f*`` for ``winner="first"``.
    loss_scale : {"auto", "log", "linear"}
        The loss chart's scale; "auto" is log of ``f - f*`` when the minimum is known.
    show_loss : bool
    smooth : bool
        Glide the markers from one step to the next (the default now: the motion pacing gives
        the first steps up to a second each, where a jump would hold the picture still).
    """

    function: Objective = setting(check=objective(2), factory=Rosenbrock)
    steps: int | None = setting(None, integer(low=1, high=1_000_000, optional=True))
    racers: tuple[Racer, ...] | None = setting(None, _lineup)
    winner: str = setting("final", choice("final", "first"))
    tol: float = setting(1e-3, real(low=0, low_open=True))
    loss_scale: str = setting("auto", choice("auto", "log", "linear"))
    show_loss: bool = setting(True, boolean())
    run_time: float = setting(12.0, real(low=0, low_open=True))
    hold_time: float = setting(2.5, real(low=0))
    levels: int = setting(14, integer(low=1, high=60))

    def _preset(self) -> tuple[tuple[Racer, ...], int]:
        return RACE_PRESETS.get(type(self.function).__name__, RACE_PRESETS["default"])

    @property
    def n_steps(self) -> int:
        """The number of steps actually run (``steps``, or the preset's when None)."""
        return self.steps if self.steps is not None else self._preset()[1]

    @property
    def lineup(self) -> tuple[Racer, ...]:
        """The racers actually used."""
        return self.racers if self.racers is not None else self._preset()[0]

    def runs(self) -> list[tuple[Racer, Trajectory]]:
        """One run per racer, from the same start, for ``steps`` steps (a run that diverges
        stops early, so runs may be shorter)."""
        x0 = self.start_point
        return [
            (r, minimize(self.function, x0, r.optimizer, steps=self.n_steps)) for r in self.lineup
        ]

    def ranking(self, runs: Sequence[tuple[Racer, Trajectory]]) -> tuple[int, str]:
        """Index of the winner among ``runs`` and why it won (for the scene's caption)."""
        fmin = _min_value(self.function)
        finals = np.array([t.loss[-1] if not t.diverged else np.inf for _, t in runs])
        if self.winner == "first" and fmin is not None:
            hits = [
                int(np.flatnonzero(t.loss - fmin <= self.tol)[0])
                if (t.loss - fmin <= self.tol).any()
                else None
                for _, t in runs
            ]
            reached = [(h, i) for i, h in enumerate(hits) if h is not None]
            if reached:
                h, i = min(reached)
                return i, f"first within {format_number(self.tol, 3)} of the minimum (step {h})"
        i = int(np.argmin(finals))
        return i, f"lowest loss after {self.n_steps} steps"


# -- optimiser race ------------------------------------------------------------------------------------------
class OptimizerRaceScene(LandscapeTemplate, Scene):
    """Optimisers racing on one landscape (Rosenbrock by default): one coloured path each, a
    legend with live losses, a loss chart, and the winner marked at the end.

    Configure with ``settings = OptimizerRaceScene.settings.with_(function=Beale())`` etc.
    (:class:`RaceSettings`). All runs share one clock (the step); a run that diverges stops
    early and its path, marker and loss stay at its last row.

    Examples
    --------
    >>> from maniml import Saddle
    >>> from maniml.scenes import timeline_of
    >>> Race = type("Race", (OptimizerRaceScene,),
    ...             {"settings": RaceSettings(function=Saddle(), steps=20)})
    >>> tl = timeline_of(Race, frame_rate=15)
    >>> len(tl.trajectories), int(tl.rows[-1]), tl.stage("steps").frames
    (6, 20, 180)
    """

    settings: ClassVar[RaceSettings] = RaceSettings()
    Settings: ClassVar[type[RaceSettings]] = RaceSettings

    def prepare(self) -> None:
        self.runs = self.s.runs()
        self.trajectories = tuple(t for _, t in self.runs)
        self.trajectory = self.trajectories[0]
        self.n_steps = max(t.n_steps for t in self.trajectories)
        self.fmin = _min_value(self.s.function)
        pal = palette(self.s.theme)
        self.colours = [r.color or pal[i % len(pal)] for i, (r, _) in enumerate(self.runs)]

    def build_still(self) -> None:
        s, theme = self.s, self.s.theme
        self.camera.background_color = theme.background
        if hasattr(self.camera, "init_background"):
            self.camera.init_background()
        fw, fh = _fw(), _fh()
        side = fh - 1.5
        self.land = _Landscape(s, [t.params for t in self.trajectories], side, side)
        group = Group(*self.land.mobjects())
        group.move_to([-fw / 2 + 0.45 + group.width / 2, -0.05, 0])
        self.add_still(*self.land.mobjects())
        self.ax = self.land.axes
        x_col = -fw / 2 + 0.45 + group.width + 0.55
        self.col_x = x_col
        col_w = fw / 2 - x_col - 0.3
        title = s.title or f"Optimisers racing on {s.function.label}"
        self.title = SansText(title, font_size=26, color=theme.text)
        if self.title.width > col_w:
            self.title.scale_to_fit_width(col_w)
        self.title.move_to([x_col, fh / 2 - 0.55, 0], aligned_edge=LEFT)
        x0 = s.start_point
        sub = f"start ({compact_number(x0[0], 2)}, {compact_number(x0[1], 2)})   {s.n_steps} steps"
        self.subtitle = SansText(sub, font_size=18, color=theme.muted)
        self.subtitle.next_to(self.title, DOWN, buff=0.2, aligned_edge=LEFT)
        self.add_still(self.title, self.subtitle)
        self.build_legend()
        self.chart = None
        if s.show_loss:
            self.build_chart(col_w)

    def build_legend(self) -> None:
        """Legend rows: swatch, name and learning rate (still; the losses move)."""
        theme, fh, x_col = self.s.theme, _fh(), self.col_x
        self.row_y = []
        y = self.subtitle.get_bottom()[1] - 0.45
        self.legend = VGroup()
        n = len(self.runs)
        pitch = min(0.42, (fh / 2 + y - (3.2 if self.s.show_loss else 0.6)) / max(n, 1))
        self.pitch = pitch
        names = [SansText(r.name, font_size=18, color=theme.text) for r, _ in self.runs]
        lrs = [
            SansText("lr " + format_setting(r.optimizer.lr), font_size=15, color=theme.muted)
            for r, _ in self.runs
        ]
        lr_x = x_col + 0.5 + max(m.width for m in names) + 0.2
        self.loss_x = lr_x + max(m.width for m in lrs) + 0.25
        for i, (name, lr_t, c) in enumerate(zip(names, lrs, self.colours, strict=True)):
            yy = y - i * pitch
            sw = _swatch(c, 0.35, 6).move_to([x_col + 0.18, yy + 0.08, 0])
            name.move_to([x_col + 0.5, yy + 0.08, 0], aligned_edge=LEFT)
            lr_t.move_to([lr_x, yy + 0.08, 0], aligned_edge=LEFT)
            self.legend.add(VGroup(sw, name, lr_t))
            self.row_y.append(yy)
        self.add_still(self.legend)

    def build_chart(self, col_w: float) -> None:
        """The loss chart's axes and title (still; the curves move)."""
        s, theme, fw, fh = self.s, self.s.theme, _fw(), _fh()
        log = self.fmin is not None and s.loss_scale != "linear"
        self.chart = LossChart(
            [t.loss for t in self.trajectories],
            self.colours,
            floor=self.fmin,
            log=log,
            y_range=None if log else _linear_loss_range(self.land, list(self.trajectories)),
            width=col_w - 0.9,
            height=2.1,
            theme=theme,
            font_size=14,
            stroke_width=2.2,
        )
        self.chart.move_to([fw / 2 - 0.4, -fh / 2 + 0.35, 0], aligned_edge=DR)
        y_title = "log₁₀(f − f*)" if log else "f"
        self.chart_title = SansText(f"{y_title} by step", font_size=16, color=theme.muted)
        self.chart_title.next_to(self.chart, UP, buff=0.12, aligned_edge=LEFT)
        self.add_still(self.chart.still, self.chart_title)

    def build_moving(self) -> None:
        s, theme, ax = self.s, self.s.theme, self.ax
        self.tracers = [
            PathTracer(
                t.params,
                ax.xy_to_points,
                ax.box,
                color=c,
                stroke_width=2.6,
                max_vertices=min(s.max_vertices, 800),
                marker_radius=0.075,
            )
            for t, c in zip(self.trajectories, self.colours, strict=True)
        ]
        self.add_moving(*self.tracers)
        if self.chart is not None:
            self.add_moving(self.chart.moving)
        self.add_moving(*[t.marker for t in self.tracers])
        # Live losses, and the step beside the subtitle.
        self.r_loss = []
        for yy in self.row_y:
            r = GlyphText("", font_size=17, color=theme.text)
            _place_text(r, [self.loss_x, yy, 0])
            self.r_loss.append(r)
        self.r_step = GlyphText("", font_size=18, color=theme.muted)
        _place_text(
            self.r_step,
            [self.subtitle.get_right()[0] + 0.4, self.subtitle.get_bottom()[1] + 0.02, 0],
        )
        self.add_moving(self.r_step, *self.r_loss)

    def show_position(self, position: float, frame: int) -> None:
        """Every path, marker, chart curve and read-out at the clock ``position``; each run is
        clamped to its own last row (a diverged run stops early)."""
        tau = _ease(position, self.s.smooth)
        for tr in self.tracers:
            tr.set_progress(min(tau, len(tr.rows) - 1))
        if self.chart is not None:
            self.chart.set_position(tau)
        k = math.floor(tau)
        self.r_step.set_text(f"step {k:>{len(str(self.n_steps))}d}")
        for r, t in zip(self.r_loss, self.trajectories, strict=True):
            r.set_text(f"f = {compact_number(t.loss[min(k, len(t.loss) - 1)]):>8}")

    def show_ending(self) -> None:
        theme = self.s.theme
        i, why = self.s.ranking(self.runs)
        row = self.legend[i]
        lo = self.col_x - 0.12
        hi = self.r_loss[i].get_right()[0] + 0.15
        box = Rectangle(
            width=hi - lo, height=self.pitch * 0.95, stroke_color=self.colours[i], stroke_width=2.5
        )
        box.move_to([(lo + hi) / 2, row.get_center()[1] - 0.02, 0])
        label = SansText(f"winner: {self.runs[i][0].name}, {why}", font_size=17, color=theme.text)
        bottom = self.row_y[-1] - self.pitch * 0.6 - 0.15
        label.move_to([self.col_x, bottom, 0], aligned_edge=UL)
        col_w = _fw() / 2 - self.col_x - 0.3
        if label.width > col_w:
            label.scale_to_fit_width(col_w)
        self.winner_index = i
        self.add(box, label)
        if self.tracers[i].head_inside:  # ring the winner's marker, if it is in view
            ring = self.tracers[i].marker.copy().set_fill(opacity=0)
            self.add(ring.set_stroke(self.colours[i], width=3, opacity=1).scale(2.2))
