"""Learning rates side by side: :class:`LearningRatesScene` configured by
:class:`LearningRatesSettings`.

Examples
--------
>>> s = LearningRatesSettings().with_(lrs=(0.05, 0.2), rule="Momentum")
>>> s.lrs, s.rule
((0.05, 0.2), 'momentum')
>>> LearningRatesSettings().with_(lrs=(0.1, -1))
Traceback (most recent call last):
...
maniml.ParameterError: The 'lrs' setting of LearningRatesSettings must be a tuple of 2 to 6 \
learning rates, each a float in (0, inf); got (0.1, -1).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
from manim import DL, DOWN, LEFT, UP, UR, DashedVMobject, Group, Scene, VGroup, VMobject

from ..._validation import ParameterError
from ...descent import minimize
from ...diagnostics import critical_lr, describe_runs, divergence_step, gd_envelope
from ...functions import Objective, StretchedBowl
from ...optimizers import BGD
from ...rules import Plain
from ...trajectory import Trajectory
from ..contours import palette
from ..loss_chart import LossChart
from ..numbers import compact_number, format_setting
from ..paths import PathTracer
from ..primitives import SansText
from ..readout import GlyphText
from ..settings import boolean, integer, real, setting, setting_error
from ..theme import MONO
from ._common import (
    LandscapeSettings,
    LandscapeTemplate,
    _ease,
    _min_value,
    _place_text,
    _rule,
    _rule_name,
    objective,
    rule_setting,
)
from .layout import VIEW_AROUND, _chosen_view, _fh, _fw, _Landscape

__all__ = [
    "LearningRatesScene",
    "LearningRatesSettings",
]


def _lrs(v: Any, name: str, where: str) -> tuple[float, ...]:
    allowed = "a tuple of 2 to 6 learning rates, each a float in (0, inf)"
    if isinstance(v, str) or not isinstance(v, Sequence) or not 2 <= len(v) <= 6:
        raise setting_error(name, where, allowed, v)
    positive = real(low=0, low_open=True)
    try:
        return tuple(positive(lr, name, where) for lr in v)
    except ParameterError:
        raise setting_error(name, where, allowed, v) from None


def _labels(v: Any, name: str, where: str) -> tuple[str, ...] | None:
    if v is None:
        return None
    if isinstance(v, str) or not isinstance(v, Sequence) or not all(isinstance(x, str) for x in v):
        raise setting_error(name, where, "None or a tuple of captions (str), one per lr", v)
    return tuple(v)


@dataclass(frozen=True, eq=False)
class LearningRatesSettings(LandscapeSettings):
    """Settings of :class:`LearningRatesScene`, on top of
    :class:`~maniml.scenes.landscape_scenes.LandscapeSettings`.

    Attributes
    ----------
    lrs : tuple of float
        The learning rates, one panel each (2 to 6), in the order shown.
    labels : tuple of str or None
        A caption per panel shown at the end; None describes each run from its trajectory
        (:func:`maniml.describe_runs`: "too slow", "converges", "oscillates", "diverged at step
        k", with "fastest" on the converging run that first gets close).
    rule : str or UpdateRule
        The update rule of every run (a name such as ``'momentum'``, ignoring case).
    blowup : float
        A run counts as diverged at the first step where ``f - f*`` exceeds ``blowup`` times
        its start value, or where it overflows (``traj.diverged_step``), whichever comes first.
    show_loss : bool
        A shared chart of ``log10(f - f*)`` (or f) against the step.
    """

    function: Objective = setting(check=objective(2), factory=StretchedBowl)
    lrs: tuple[float, ...] = setting((0.01, 0.1, 0.22, 0.3), _lrs)
    labels: tuple[str, ...] | None = setting(None, _labels)
    rule: Any = setting("gd", rule_setting)
    blowup: float = setting(1e4, real(low=1, low_open=True))
    steps: int = setting(40, integer(low=1, high=1_000_000))
    show_loss: bool = setting(True, boolean())
    levels: int = setting(10, integer(low=1, high=60))
    image_resolution: int = setting(200, integer(low=16, high=2000))
    run_time: float = setting(10.0, real(low=0, low_open=True))
    hold_time: float = setting(2.5, real(low=0))

    def check_together(self, where: str) -> None:
        if self.labels is not None and len(self.labels) != len(self.lrs):
            raise setting_error(
                "labels", where, f"None or {len(self.lrs)} captions (one per lr)", self.labels
            )

    def runs(self) -> list[Trajectory]:
        """One run per learning rate, from the same start."""
        rule = _rule(self.rule, type(self).__name__)
        x0 = self.start_point
        return [
            minimize(self.function, x0, BGD(lr, rule=rule), steps=self.steps) for lr in self.lrs
        ]


# -- learning rates ----------------------------------------------------------------------------------------
class LearningRatesScene(LandscapeTemplate, Scene):
    """One problem, several learning rates side by side (too small, good, oscillating,
    diverging): each panel shows the path, step and loss; a run that leaves its panel is flagged
    "left the view at step j (diverges)" from then on, and "diverged at step k" once it blows
    up. The verdicts are computed from the runs (:func:`maniml.describe_runs`). On a quadratic
    (``Bowl``, ``StretchedBowl``: known curvatures) the title states the critical learning rate
    ``2/λmax`` and each panel compares its rate with it; for plain gradient descent the shared
    loss chart shows the predicted envelope ``(1 - lr λ)^(2k)`` dashed in each run's colour.

    Configure with ``settings = LearningRatesScene.settings.with_(lrs=(...))``
    (:class:`LearningRatesSettings`). All runs share one clock (the step).

    Examples
    --------
    >>> from maniml.scenes import timeline_of
    >>> tl = timeline_of(LearningRatesScene, frame_rate=15)
    >>> len(tl.trajectories), int(tl.rows[-1]), tl.stage("steps").frames
    (4, 40, 150)
    """

    settings: ClassVar[LearningRatesSettings] = LearningRatesSettings()
    Settings: ClassVar[type[LearningRatesSettings]] = LearningRatesSettings

    def prepare(self) -> None:
        s = self.s
        self.runs = s.runs()
        self.trajectories = tuple(self.runs)
        self.trajectory = self.runs[0]
        self.n_steps = s.steps
        self.fmin = _min_value(s.function)
        pal = palette(s.theme)
        self.colours = [pal[i % len(pal)] for i in range(len(self.runs))]
        self.div_steps = [divergence_step(t, self.fmin, s.blowup) for t in self.runs]
        f = s.function
        self.lr_crit = critical_lr(f)
        top = None
        if hasattr(f, "hessian"):
            top = np.linalg.eigh(np.asarray(f.hessian(), dtype=float))[1][:, -1]
        self.verdicts = (
            list(s.labels)
            if s.labels is not None
            else describe_runs(self.runs, self.fmin, s.blowup, direction=top)
        )
        plain = isinstance(_rule(s.rule, type(self).__name__), Plain)
        self.envelopes = [
            gd_envelope(f, s.start_point, lr, s.steps) if plain else None for lr in s.lrs
        ]
        # every panel shows the same view: the converging paths and the optimum
        near = [t.params for t, k in zip(self.runs, self.div_steps, strict=True) if k is None]
        self.view = _chosen_view(
            f, near or [self.runs[0].params[:1]], s.x_range, s.y_range, around=VIEW_AROUND
        )

    def build_still(self) -> None:
        s, theme = self.s, self.s.theme
        self.paint_background()
        fw, fh = _fw(), _fh()
        n = len(self.runs)
        rule = _rule(s.rule, type(self).__name__)
        title = s.title or f"{_rule_name(rule)} on {s.function.label}: {n} learning rates"
        if s.title is None and self.lr_crit is not None:
            title += f"; 2/λmax = {format_setting(self.lr_crit)}"
        self.title = SansText(title, font_size=26, color=theme.text)
        if self.title.width > fw - 0.8:
            self.title.scale_to_fit_width(fw - 0.8)
        self.title.move_to([0, fh / 2 - 0.4, 0])
        self.add_still(self.title)
        gap = 0.55
        chart_h = 1.55 if s.show_loss else 0.0
        avail_h = fh - 1.0 - 1.35 - (chart_h + 0.75 if s.show_loss else 0.0)
        side = min((fw - 0.8 - gap * (n - 1)) / n - 0.35, avail_h)
        top = self.title.get_bottom()[1] - 0.75
        view_s = s.with_(x_range=self.view[0], y_range=self.view[1])
        self.lands = [_Landscape(view_s, [], side, side, font_size=15) for _ in range(n)]
        w = self.lands[0].axes.width
        total = n * w + (n - 1) * gap
        self.panel_tags = []
        for i, land in enumerate(self.lands):
            g = Group(*land.mobjects())
            g.move_to([-total / 2 + w / 2 + i * (w + gap), 0, 0])
            g.align_to([0, top, 0], UP)
            self.add_still(*land.mobjects())
            text = f"lr = {format_setting(s.lrs[i])}"
            if self.lr_crit is not None:
                rel = ">" if s.lrs[i] > self.lr_crit else "<" if s.lrs[i] < self.lr_crit else "="
                text += f" {rel} 2/λmax"
            tag = SansText(text, font_size=18, color=self.colours[i])
            tag.move_to([land.axes.x_axis.get_center()[0], top + 0.28, 0])
            self.add_still(tag)
            self.panel_tags.append(tag)
        # below the panels: three lines of text each (read-out, flags, verdict), then the heat
        # map's key (right) and the chart, which takes the height left
        ax = self.lands[0].axes
        title_bottom = ax.x_title.get_bottom()[1] if ax.x_title is not None else ax.get_bottom()[1]
        self.text_top = title_bottom - 0.3  # baseline of the first line
        below = self.text_top - 0.62 - 0.2
        self.key = self.lands[0].key(theme, width=2.4)
        if self.key is not None:
            self.key.move_to([fw / 2 - 0.4, below, 0], aligned_edge=UR)
            self.add_still(self.key)
            below = self.key.get_bottom()[1] - 0.1
        self.chart = None
        if s.show_loss:
            self.build_chart(min(max(below - (-fh / 2 + 0.3) - 0.45, chart_h), 2.4))

    def build_chart(self, height: float) -> None:
        """The shared loss chart's axes and title (still; the curves move)."""
        s, theme, fw, fh = self.s, self.s.theme, _fw(), _fh()
        log = self.fmin is not None
        self.chart = LossChart(
            [t.loss for t in self.runs],
            self.colours,
            floor=self.fmin,
            log=log,
            x_max=s.steps,
            width=fw - 4.2,
            height=height,
            theme=theme,
            font_size=15,
            stroke_width=2.2,
        )
        self.chart.move_to([0.9, -fh / 2 + 0.3, 0], aligned_edge=DOWN)
        y_title = "log₁₀(f − f*)" if log else "f"
        has_theory = log and any(e is not None for e in self.envelopes)
        extra = "\n- - - theory:\n(1 − lr·λ)²ᵏ" if has_theory else ""
        self.chart_title = SansText(f"{y_title}\nby step{extra}", font_size=15, color=theme.muted)
        self.chart_title.next_to(self.chart.axes.y_axis, LEFT, buff=0.7)
        self.add_still(self.chart.still, self.chart_title)
        if has_theory:
            self.build_envelopes()

    def build_envelopes(self) -> None:
        """The predicted envelope of each run, dashed in its colour, cut at the chart's box."""
        x0, x1, y0, y1 = self.chart.axes.box
        self.envelope_lines = VGroup()
        self.envelope_of: dict[int, VMobject] = {}  # run index -> its dashed envelope
        for i, (env, c) in enumerate(zip(self.envelopes, self.colours, strict=True)):
            if env is None:
                continue
            y = self.chart.transform(env)
            k = np.arange(len(y), dtype=float)
            keep = (y >= y0) & (y <= y1)
            if keep.sum() < 2:
                continue
            last = int(np.flatnonzero(keep)[-1])
            first = int(np.flatnonzero(keep)[0])
            pts = self.chart.axes.xy_to_points(np.column_stack([k, y])[first : last + 1])
            line = VMobject(stroke_color=c, stroke_width=1.6, stroke_opacity=0.85)
            line.set_points_as_corners(pts)
            dashed = DashedVMobject(line, num_dashes=max(8, (last - first) // 2))
            self.envelope_of[i] = dashed
            self.envelope_lines.add(dashed)
        self.add_still(self.envelope_lines)

    def build_moving(self) -> None:
        s, theme = self.s, self.s.theme
        self.tracers = [
            PathTracer(
                t.params,
                land.axes.xy_to_points,
                land.axes.box,
                color=self.colours[i],
                stroke_width=2.6,
                max_vertices=s.max_vertices,
                marker_radius=0.07,
                fade=s.fade,
                dot_radius=0.035 if s.step_dots else 0.0,
            )
            for i, (t, land) in enumerate(zip(self.runs, self.lands, strict=True))
        ]
        self.add_moving(*self.tracers, *[tr.marker for tr in self.tracers])
        if self.chart is not None:
            self.add_moving(self.chart.moving)
        # Per panel: "f = ..." under the panel and two flag lines: leaving the view (kept from
        # then on, with the verdict) and diverging (from its step on).
        self.readouts, self.flags, self.flags2, self.leave_steps = [], [], [], []
        for i, land in enumerate(self.lands):
            ax = land.axes
            below = self.text_top
            r = GlyphText("", font_size=16, color=theme.text)
            _place_text(r, [ax.x_axis.get_left()[0], below, 0])
            flag = GlyphText("", font_size=14, color=theme.diverged, font=MONO)
            _place_text(flag, [ax.x_axis.get_left()[0], below - 0.32, 0])
            flag2 = GlyphText("", font_size=14, color=theme.diverged, font=MONO)
            _place_text(flag2, [ax.x_axis.get_left()[0], below - 0.62, 0])
            self.readouts.append(r)
            self.flags.append(flag)
            self.flags2.append(flag2)
            p, (x0, x1, y0, y1) = self.runs[i].params, ax.box
            out = np.flatnonzero(
                ~((p[:, 0] >= x0) & (p[:, 0] <= x1) & (p[:, 1] >= y0) & (p[:, 1] <= y1))
            )
            self.leave_steps.append(int(out[0]) if len(out) else None)
        self.r_step = GlyphText("", font_size=18, color=theme.muted)
        _place_text(self.r_step, [-_fw() / 2 + 0.45, -_fh() / 2 + 0.4, 0])
        self.add_moving(self.r_step, *self.readouts, *self.flags, *self.flags2)

    def colour_roles(self) -> dict[str, list]:
        """Every mobject drawn in a role's colour, by role: each learning rate (panel tag,
        path, marker, loss curve, envelope), the flags, the minimum, the heat map."""
        roles: dict[str, list] = {}
        envelopes = getattr(self, "envelope_of", {})
        for i, lr in enumerate(self.s.lrs):
            mobs = [self.panel_tags[i], self.tracers[i]]
            if self.tracers[i].marker is not None:
                mobs.append(self.tracers[i].marker)
            if self.chart is not None:
                mobs.append(self.chart.curves[i])
            if i in envelopes:
                mobs.append(envelopes[i])
            roles[f"lr = {format_setting(lr)}"] = mobs
        roles["diverged"] = [*self.flags, *self.flags2]
        if self.chart is not None:
            roles["diverged"].append(self.chart.banner)
        roles["minimum"] = [land.minima for land in self.lands]
        if self.key is not None:
            roles["heat map"] = [self.key.bar]
        return roles

    def keys(self) -> list:
        return []

    def show_position(self, position: float, frame: int) -> None:
        """Every path, marker, chart curve, read-out and flag at the clock ``position``; each
        run is clamped to its own last row (a run that overflows stops early)."""
        tau = _ease(position, self.s.smooth)
        for tr in self.tracers:
            tr.set_progress(min(tau, len(tr.rows) - 1))
        if self.chart is not None:
            self.chart.set_position(tau)
        k = math.floor(tau)
        self.r_step.set_text(f"step {k:>{len(str(self.n_steps))}d} / {self.n_steps}")
        for i, (r, t) in enumerate(zip(self.readouts, self.runs, strict=True)):
            r.set_text(f"f = {compact_number(t.loss[min(k, len(t.loss) - 1)])}")
            self.flags[i].set_text(self.flag_text(i, tau))
            self.flags2[i].set_text(self.flag2_text(i, tau))

    def flag_text(self, i: int, tau: float) -> str:
        """Panel ``i``'s first flag at step ``tau``: once the run has left the view, where it
        left and (if it does) that it diverges; it never changes afterwards."""
        j = self.leave_steps[i]
        return "" if j is None or tau < j else f"left view at step {j}"

    def diverges(self, i: int) -> bool:
        """Whether run ``i`` diverges (blew up, or its verdict says so)."""
        return self.div_steps[i] is not None or self.verdicts[i].startswith("diverg")

    def flag2_text(self, i: int, tau: float) -> str:
        """Panel ``i``'s second flag: "diverges" from the step it left the view (when it
        diverges), "diverged at step k" from its divergence step on."""
        d, j = self.div_steps[i], self.leave_steps[i]
        if d is not None and tau >= d:
            return f"diverged at step {d}"
        if j is not None and tau >= j and self.diverges(i):
            return "(diverges)"
        return ""

    def show_ending(self) -> None:
        """Each panel's verdict; every path at full opacity (the trails no longer fade)."""
        for tracer in self.tracers:
            tracer.set_fade_floor(1.0)
        theme = self.s.theme
        self.captions = VGroup()
        for i, verdict in enumerate(self.verdicts):
            if self.div_steps[i] is not None and verdict.startswith("diverged"):
                continue  # already flagged in red under the panel
            cap = SansText(verdict, font_size=16, color=theme.text)
            at = self.flags2[i] if self.leave_steps[i] is not None else self.flags[i]
            cap.move_to(at._anchor.get_center() + UP * 0.06, aligned_edge=DL)
            self.captions.add(cap)
        self.add(self.captions)
