"""The optimiser race: :class:`OptimizerRaceScene` configured by :class:`RaceSettings`, its
:class:`Racer` entries and the tuned line-ups in :data:`RACE_PRESETS`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np
from manim import DOWN, DR, LEFT, UL, UP, Group, Rectangle, Scene, VGroup

from ...descent import minimize
from ...functions import Objective, Rosenbrock
from ...optimizers import BGD, Optimizer
from ...trajectory import Trajectory
from ..contours import palette
from ..loss_chart import LossChart
from ..paths import PathTracer
from ..primitives import SansText
from ..readout import GlyphText, format_number
from ._legacy import (
    LandscapeSettings,
    _bad,
    _choice,
    _g,
    _min_value,
    _place_text,
    _real,
    _sig,
    _swatch,
    _Timeline,
)
from .layout import _fh, _fw, _Landscape, _linear_loss_range

__all__ = [
    "RACE_PRESETS",
    "OptimizerRaceScene",
    "RaceSettings",
    "Racer",
]


@dataclass(frozen=True)
class Racer:
    """One optimiser in a race: its name in the legend, the optimiser, an optional colour."""

    name: str
    optimizer: Optimizer
    color: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise _bad("name", "Racer", "a non-empty str", self.name)
        if not isinstance(self.optimizer, Optimizer):
            raise _bad("optimizer", "Racer", "a maniml optimizer, e.g. BGD(0.01)", self.optimizer)


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


@dataclass(frozen=True)
class RaceSettings(LandscapeSettings):
    """Settings of :class:`OptimizerRaceScene`, on top of :class:`LandscapeSettings`.

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
    """

    _steps_optional: ClassVar[bool] = True  # steps=None takes the preset's

    function: Objective = field(default_factory=Rosenbrock)
    steps: int | None = None  # type: ignore[assignment]
    racers: tuple[Racer, ...] | None = None
    winner: str = "final"
    tol: float = 1e-3
    loss_scale: str = "auto"
    show_loss: bool = True
    run_time: float = 12.0
    end_wait: float = 2.5
    smooth: bool = False
    levels: int = 14

    def _validate(self, where: str) -> None:
        super()._validate(where)
        if self.racers is not None:
            if isinstance(self.racers, Racer) or not all(isinstance(r, Racer) for r in self.racers):
                raise _bad("racers", where, "None or a tuple of Racer", self.racers)
            if not 1 <= len(self.racers) <= 12:
                raise _bad("racers", where, "between 1 and 12 racers", self.racers)
            for r in self.racers:
                if r.optimizer.batch_size is not None:
                    raise _bad("racers", where, "racers with full-batch optimizers (BGD)", r)
        _choice(self.winner, "winner", where, ("final", "first"))
        _real(self.tol, "tol", where, low=0.0, strict_low=True)
        _choice(self.loss_scale, "loss_scale", where, ("auto", "log", "linear"))

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
        """One run per racer, from the same start, for ``steps`` steps."""
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
class OptimizerRaceScene(_Timeline, Scene):
    """Optimisers racing on one landscape (Rosenbrock by default): one coloured path each, a
    legend with live losses, a loss chart, and the winner marked at the end.

    Configure with ``settings = OptimizerRaceScene.settings.with_(function=Beale())`` etc.
    (:class:`RaceSettings`).
    """

    settings: ClassVar[RaceSettings] = RaceSettings()

    def _settings_type(self) -> type:
        return RaceSettings

    def prepare(self) -> None:
        self.runs = self.s.runs()
        self.n_steps = max(t.n_steps for _, t in self.runs)
        self.fmin = _min_value(self.s.function)
        pal = palette(self.s.theme)
        self.colours = [r.color or pal[i % len(pal)] for i, (r, _) in enumerate(self.runs)]

    def build_still(self) -> None:
        s, theme = self.s, self.s.theme
        self.camera.background_color = theme.background
        fw, fh = _fw(), _fh()
        side = fh - 1.5
        self.land = _Landscape(s, [t.params for _, t in self.runs], side, side)
        group = Group(*self.land.mobjects())
        group.move_to([-fw / 2 + 0.45 + group.width / 2, -0.05, 0])
        self.add(*self.land.mobjects())
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
        sub = f"start ({_sig(x0[0], 2)}, {_sig(x0[1], 2)})   {s.n_steps} steps"
        self.subtitle = SansText(sub, font_size=18, color=theme.muted)
        self.subtitle.next_to(self.title, DOWN, buff=0.2, aligned_edge=LEFT)
        self.add(self.title, self.subtitle)
        # Legend rows: swatch, name and lr (still), loss (moving).
        self.row_y = []
        y = self.subtitle.get_bottom()[1] - 0.45
        self.legend = VGroup()
        n = len(self.runs)
        pitch = min(0.42, (fh / 2 + y - (3.2 if s.show_loss else 0.6)) / max(n, 1))
        self.pitch = pitch
        names = [SansText(r.name, font_size=18, color=theme.text) for r, _ in self.runs]
        lrs = [
            SansText(
                "lr " + _g(r.optimizer.lr),
                font_size=15,
                color=theme.muted,
            )
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
        self.add(self.legend)
        self.chart = None
        if s.show_loss:
            log = self.fmin is not None and s.loss_scale != "linear"
            self.chart = LossChart(
                [t.loss for _, t in self.runs],
                self.colours,
                floor=self.fmin,
                log=log,
                y_range=None if log else _linear_loss_range(self.land, [t for _, t in self.runs]),
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
            self.add(self.chart.axes, self.chart_title)

    def build_moving(self) -> None:
        s, theme, ax = self.s, self.s.theme, self.ax
        self.tracers = []
        for (_r, t), c in zip(self.runs, self.colours, strict=True):
            tr = PathTracer(
                t.params,
                ax.xy_to_points,
                ax.box,
                color=c,
                stroke_width=2.6,
                max_vertices=min(s.max_vertices, 800),
                marker_radius=0.075,
            )
            tr.add_updater(lambda m: m.set_progress(min(self.step_at(), len(m.rows) - 1)))
            self.tracers.append(tr)
        self.add(*self.tracers)
        if self.chart is not None:
            for curve in self.chart.curves:
                curve.add_updater(lambda m: m.set_progress(min(self.step_at(), len(m.rows) - 1)))
            self.add(*self.chart.curves)
        self.add(*[t.marker for t in self.tracers])
        # Live losses.
        self.r_loss = []
        x = self.loss_x
        for yy in self.row_y:
            r = GlyphText("", font_size=17, color=theme.text)
            _place_text(r, [x, yy, 0])
            self.r_loss.append(r)
        self.r_step = GlyphText("", font_size=18, color=theme.muted)
        _place_text(
            self.r_step,
            [self.subtitle.get_right()[0] + 0.4, self.subtitle.get_bottom()[1] + 0.02, 0],
        )
        losses = [t.loss for _, t in self.runs]
        width = len(str(self.n_steps))

        def update(_m):
            tau = self.step_at()
            k = math.floor(tau)
            self.r_step.set_text(f"step {k:>{width}d}")
            for r, loss in zip(self.r_loss, losses, strict=True):
                j = min(k, len(loss) - 1)
                r.set_text(f"f = {_sig(loss[j]):>8}")

        self.r_step.add_updater(update)
        self.add(self.r_step, *self.r_loss)

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
