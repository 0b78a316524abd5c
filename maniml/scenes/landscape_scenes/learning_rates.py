"""Learning rates side by side: :class:`LearningRatesScene` configured by
:class:`LearningRatesSettings`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, ClassVar

from manim import DL, DOWN, LEFT, UP, Group, Scene, VGroup

from ...descent import minimize
from ...diagnostics import describe_run, divergence_step
from ...functions import Objective, StretchedBowl
from ...optimizers import BGD
from ...trajectory import Trajectory
from ..contours import palette
from ..loss_chart import LossChart
from ..paths import PathTracer
from ..primitives import SansText
from ..readout import GlyphText
from ..theme import MONO
from ._legacy import (
    LandscapeSettings,
    _bad,
    _g,
    _min_value,
    _place_text,
    _real,
    _rule,
    _rule_name,
    _sig,
    _Timeline,
)
from .layout import _fh, _fw, _Landscape

__all__ = [
    "LearningRatesScene",
    "LearningRatesSettings",
]


@dataclass(frozen=True)
class LearningRatesSettings(LandscapeSettings):
    """Settings of :class:`LearningRatesScene`, on top of :class:`LandscapeSettings`.

    Attributes
    ----------
    lrs : tuple of float
        The learning rates, one panel each (2 to 6), in the order shown.
    labels : tuple of str or None
        A caption per panel shown at the end; None describes each run from its trajectory
        ("too slow", "converges", "oscillates", "diverged at step k").
    rule : str or UpdateRule
    blowup : float
        A run counts as diverged at the first step where ``f - f*`` exceeds ``blowup`` times
        its start value, or where it overflows (``traj.diverged_step``), whichever comes first.
    show_loss : bool
        A shared chart of ``log10(f - f*)`` (or f) against the step.
    """

    function: Objective = field(default_factory=StretchedBowl)
    lrs: tuple[float, ...] = (0.01, 0.1, 0.22, 0.3)
    labels: tuple[str, ...] | None = None
    rule: Any = "gd"
    blowup: float = 1e4
    steps: int = 40
    show_loss: bool = True
    levels: int = 10
    image_resolution: int = 200
    run_time: float = 10.0
    end_wait: float = 2.5

    def _validate(self, where: str) -> None:
        super()._validate(where)
        if isinstance(self.lrs, str) or not 2 <= len(self.lrs) <= 6:
            raise _bad("lrs", where, "a tuple of 2 to 6 learning rates", self.lrs)
        for lr in self.lrs:
            _real(lr, "lrs", where, low=0.0, strict_low=True)
        if self.labels is not None and (
            isinstance(self.labels, str) or len(self.labels) != len(self.lrs)
        ):
            raise _bad(
                "labels", where, f"None or {len(self.lrs)} captions (one per lr)", self.labels
            )
        _rule(self.rule, where)
        _real(self.blowup, "blowup", where, low=1.0, strict_low=True)

    def runs(self) -> list[Trajectory]:
        """One run per learning rate, from the same start."""
        rule = _rule(self.rule, type(self).__name__)
        x0 = self.start_point
        return [
            minimize(self.function, x0, BGD(lr, rule=rule), steps=self.steps) for lr in self.lrs
        ]


# -- learning rates ----------------------------------------------------------------------------------------
class LearningRatesScene(_Timeline, Scene):
    """One problem, several learning rates side by side (too small, good, oscillating,
    diverging): each panel shows the path, step and loss; a run that blows up leaves its panel
    (clipped at the axes) and is labelled "diverged at step k". A shared chart shows the losses.

    Configure with ``settings = LearningRatesScene.settings.with_(lrs=(...))``
    (:class:`LearningRatesSettings`).
    """

    settings: ClassVar[LearningRatesSettings] = LearningRatesSettings()

    def _settings_type(self) -> type:
        return LearningRatesSettings

    def prepare(self) -> None:
        s = self.s
        self.runs = s.runs()
        self.n_steps = s.steps
        self.fmin = _min_value(s.function)
        pal = palette(s.theme)
        self.colours = [pal[(i + 1) % len(pal)] for i in range(len(self.runs))]
        self.div_steps = [divergence_step(t, self.fmin, s.blowup) for t in self.runs]
        self.verdicts = (
            list(s.labels)
            if s.labels is not None
            else [describe_run(t, self.fmin, s.blowup) for t in self.runs]
        )

    def build_still(self) -> None:
        s, theme = self.s, self.s.theme
        self.camera.background_color = theme.background
        fw, fh = _fw(), _fh()
        n = len(self.runs)
        rule = _rule(s.rule, type(self).__name__)
        title = s.title or f"{_rule_name(rule)} on {s.function.label}: {n} learning rates"
        self.title = SansText(title, font_size=26, color=theme.text)
        if self.title.width > fw - 0.8:
            self.title.scale_to_fit_width(fw - 0.8)
        self.title.move_to([0, fh / 2 - 0.4, 0])
        self.add(self.title)
        gap = 0.55
        chart_h = 1.55 if s.show_loss else 0.0
        avail_h = fh - 1.0 - 1.35 - (chart_h + 0.75 if s.show_loss else 0.0)
        side = min((fw - 0.8 - gap * (n - 1)) / n - 0.35, avail_h)
        # Every panel shows the same view: the domain and the converging paths.
        near = [t.params for t, k in zip(self.runs, self.div_steps, strict=True) if k is None]
        self.lands = []
        top = self.title.get_bottom()[1] - 0.75
        for _ in range(n):
            land = _Landscape(s, near, side, side, font_size=13)
            self.lands.append(land)
        w = self.lands[0].axes.width
        total = n * w + (n - 1) * gap
        self.panel_tags = []
        for i, land in enumerate(self.lands):
            g = Group(*land.mobjects())
            g.move_to([-total / 2 + w / 2 + i * (w + gap), 0, 0])
            g.align_to([0, top, 0], UP)
            self.add(*land.mobjects())
            lr = _g(s.lrs[i])
            tag = SansText(f"lr = {lr}", font_size=20, color=self.colours[i])
            tag.next_to(land.axes.x_axis, UP, buff=0.05)
            tag.move_to([land.axes.x_axis.get_center()[0], top + 0.28, 0])
            self.add(tag)
            self.panel_tags.append(tag)
        self.chart = None
        if s.show_loss:
            log = self.fmin is not None
            self.chart = LossChart(
                [t.loss for t in self.runs],
                self.colours,
                floor=self.fmin,
                log=log,
                x_max=s.steps,
                width=fw - 4.2,
                height=chart_h,
                theme=theme,
                font_size=13,
                stroke_width=2.2,
            )
            self.chart.move_to([0.9, -fh / 2 + 0.3, 0], aligned_edge=DOWN)
            y_title = "log₁₀(f − f*)" if log else "f"
            self.chart_title = SansText(f"{y_title}\nby step", font_size=15, color=theme.muted)
            self.chart_title.next_to(self.chart.axes.y_axis, LEFT, buff=0.7)
            self.add(self.chart.axes, self.chart_title)

    def build_moving(self) -> None:
        s, theme = self.s, self.s.theme
        self.tracers, self.readouts, self.flags = [], [], []
        moving: list = []
        for i, (t, land) in enumerate(zip(self.runs, self.lands, strict=True)):
            ax = land.axes
            tr = PathTracer(
                t.params,
                ax.xy_to_points,
                ax.box,
                color=self.colours[i],
                stroke_width=2.6,
                max_vertices=s.max_vertices,
                marker_radius=0.07,
            )
            tr.add_updater(lambda m: m.set_progress(min(self.step_at(), len(m.rows) - 1)))
            self.tracers.append(tr)
            moving.append(tr)
        moving += [tr.marker for tr in self.tracers]
        if self.chart is not None:
            for curve in self.chart.curves:
                curve.add_updater(lambda m: m.set_progress(min(self.step_at(), len(m.rows) - 1)))
            moving += self.chart.curves
        # Per panel: "f = ..." under the panel and a flag line for leaving / diverging.
        for land in self.lands:
            ax = land.axes
            below = (
                ax.x_title.get_bottom()[1] if ax.x_title is not None else ax.get_bottom()[1]
            ) - 0.3
            r = GlyphText("", font_size=16, color=theme.text)
            _place_text(r, [ax.x_axis.get_left()[0], below, 0])
            flag = GlyphText("", font_size=16, color=theme.diverged, font=MONO)
            _place_text(flag, [ax.x_axis.get_left()[0], below - 0.34, 0])
            self.readouts.append(r)
            self.flags.append(flag)
        self.r_step = GlyphText("", font_size=18, color=theme.muted)
        _place_text(self.r_step, [-_fw() / 2 + 0.45, -_fh() / 2 + 0.4, 0])
        width = len(str(self.n_steps))
        losses = [t.loss for t in self.runs]

        def update(_m):
            tau = self.step_at()
            k = math.floor(tau)
            self.r_step.set_text(f"step {k:>{width}d} / {self.n_steps}")
            for i, (r, flag, loss) in enumerate(
                zip(self.readouts, self.flags, losses, strict=True)
            ):
                j = min(k, len(loss) - 1)
                r.set_text(f"f = {_sig(loss[j])}")
                d = self.div_steps[i]
                if d is not None and k >= d:
                    flag.set_text(f"diverged at step {d}")
                elif not self.tracers[i].head_inside:
                    flag.set_text("left the view")
                else:
                    flag.set_text("")

        self.r_step.add_updater(update)
        moving += [self.r_step, *self.readouts, *self.flags]
        self.add(*moving)

    def show_ending(self) -> None:
        theme = self.s.theme
        self.captions = VGroup()
        for i, verdict in enumerate(self.verdicts):
            if self.div_steps[i] is not None and verdict.startswith("diverged"):
                continue  # already flagged in red under the panel
            colour = theme.text
            cap = SansText(verdict, font_size=16, color=colour)
            cap.move_to(self.flags[i]._anchor.get_center() + UP * 0.06, aligned_edge=DL)
            self.captions.add(cap)
        self.add(self.captions)
