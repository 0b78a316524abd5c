"""The contour template: :class:`ContourScene` (and :class:`BowlScene`) configured by
:class:`ContourSettings`; also the read-outs and ending shared with the surface template
(``_OneRunText``).

Examples
--------
>>> s = ContourSettings().with_(rule="Momentum", lr=0.05)
>>> s.rule, s.lr, s.runs().n_steps
('momentum', 0.05, 30)
>>> ContourSettings().with_(arrow_scale=0)
Traceback (most recent call last):
...
maniml.ParameterError: The 'arrow_scale' setting of ContourSettings must be a float in (0, inf); \
got 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
from manim import DL, DOWN, DR, LEFT, RIGHT, UL, UP, Dot, Group, Mobject, Scene, VGroup

from ...descent import minimize
from ...diagnostics import divergence_step
from ...functions import Bowl
from ...optimizers import BGD, Optimizer
from ...rules import Plain, UpdateRule
from ...trajectory import Trajectory
from ..loss_chart import LossChart
from ..numbers import compact_number, field_format, format_setting
from ..paths import PathTracer, StepArrows
from ..primitives import SansText
from ..readout import GlyphText
from ..settings import boolean, real, setting
from ._common import (
    LandscapeSettings,
    LandscapeTemplate,
    _cross,
    _ease,
    _min_value,
    _place_text,
    _readout,
    _rule,
    _rule_name,
    _swatch,
    dots_note,
    rule_setting,
)
from .layout import VIEW_AROUND, _chosen_view, _fh, _fw, _Landscape, _linear_loss_range

__all__ = [
    "BowlScene",
    "ContourScene",
    "ContourSettings",
]


@dataclass(frozen=True, eq=False)
class ContourSettings(LandscapeSettings):
    """Settings of :class:`ContourScene` (and of :class:`Surface3DScene`), on top of
    :class:`LandscapeSettings`.

    Attributes
    ----------
    lr : float
        Learning rate (> 0).
    rule : str or UpdateRule
        ``"gd"``, ``"momentum"``, ``"nesterov"``, ``"adagrad"``, ``"rmsprop"``, ``"adam"``
        (ignoring case; stored in lower case) or an instance such as ``Momentum(beta=0.8)``.
    show_arrows : bool
        Draw the update at the current point: ``-lr * grad`` and what the rule adds to it.
    arrow_scale : float
        Draw the arrows this many times longer than the step (1 = true length; > 0).
    show_loss : bool
        A small chart of the loss against the step (log scale when the minimum is known).
    """

    lr: float = setting(0.1, real(low=0, low_open=True))
    rule: str | UpdateRule = setting("gd", rule_setting)
    show_arrows: bool = setting(True, boolean())
    arrow_scale: float = setting(1.0, real(low=0, low_open=True))
    show_loss: bool = setting(True, boolean())

    @property
    def optimizer(self) -> Optimizer:
        """The optimiser of the run: full-batch gradient descent with :attr:`rule`."""
        return BGD(self.lr, rule=_rule(self.rule, type(self).__name__))

    def runs(self) -> Trajectory:
        """The run the scene shows."""
        return minimize(self.function, self.start_point, self.optimizer, steps=self.steps)


class _OneRunText:
    """Mixin for the one-run scenes (contour, surface): the step/x/y/z read-outs and the ending."""

    s: Any
    traj: Trajectory
    fmin: float | None
    tracer: PathTracer
    n_steps: int

    def build_readouts(self, x: float, y: float) -> VGroup:
        """Step, x, y and z read-outs, left-aligned at ``x`` from baseline ``y`` down (set by
        :meth:`show_readouts`); also stored as ``self.readouts``. The caller adds them."""
        theme = self.s.theme
        self.r_step = GlyphText("", font_size=22, color=theme.text)
        self.r_x = _readout("x", theme, 22)
        self.r_y = _readout("y", theme, 22)
        self.r_z = _readout("z", theme, 22)
        for i, r in enumerate((self.r_step, self.r_x, self.r_y, self.r_z)):
            _place_text(r, [x, y - 0.5 * i, 0])
        # one format per field for the whole run (no jump from "2.097" to "1.92e-05")
        params, loss = self.traj.params, self.traj.loss
        self._formats = (
            field_format(params[:, 0], 4),
            field_format(params[:, 1], 4),
            field_format(loss, 3, spread=True),
        )
        self.readouts = VGroup(self.r_step, self.r_x, self.r_y, self.r_z)
        return self.readouts

    def show_readouts(self, step: float) -> None:
        """Show row ``floor(step)`` of the run in the read-outs."""
        k = min(max(math.floor(step), 0), self.n_steps)
        params, loss = self.traj.params, self.traj.loss
        width = len(str(self.n_steps))
        self.r_step.set_text(f"step {k:>{width}d} / {self.n_steps}")
        fx, fy, fz = self._formats
        self.r_x.set_text(f"x = {fx(params[k, 0]):>8}")
        self.r_y.set_text(f"y = {fy(params[k, 1]):>8}")
        self.r_z.set_text(f"z = {fz(loss[k]):>8}")

    def ending_text(self, x: float) -> SansText:
        """The closing caption (diverged, ends at..., or left the view) below the read-outs at
        ``x``; also stored as ``self.ending``. The caller adds it."""
        theme = self.s.theme
        k = divergence_step(self.traj, self.fmin)
        final = self.traj.final
        x0, x1, y0, y1 = self.tracer.box
        inside = bool(x0 <= final[0] <= x1 and y0 <= final[1] <= y1)
        if k is not None:
            text, colour = f"diverged at step {k}", theme.diverged
        elif inside:
            text, colour = (
                f"ends at ({compact_number(final[0])}, {compact_number(final[1])})",
                theme.text,
            )
        else:
            text, colour = "the path left the view", theme.diverged
        self.ending = SansText(text, font_size=20, color=colour)
        self.ending.move_to([x, self.r_z._anchor.get_center()[1] - 0.6, 0], aligned_edge=UL)
        return self.ending


# -- 2-D contour scene ------------------------------------------------------------------------------------
class ContourScene(_OneRunText, LandscapeTemplate, Scene):
    """Gradient descent on a 2-D function: heat map (with its key), contour lines and the path,
    with the point's coordinates, value and step read out, the update drawn as arrows and a loss
    chart. Every visible step ends in a dot and the path's last ``fade`` steps are brighter the
    newer they are; the window fits the path and the minimum (unless ``x_range``/``y_range``).

    Configure with ``settings = ContourScene.settings.with_(...)`` (see :class:`ContourSettings`).

    Examples
    --------
    >>> from maniml.scenes import timeline_of
    >>> tl = timeline_of(BowlScene, frame_rate=15)
    >>> tl.trajectory.n_steps, int(tl.rows[0]), int(tl.rows[-1])
    (30, 0, 30)
    """

    settings: ClassVar[ContourSettings] = ContourSettings()
    Settings: ClassVar[type[ContourSettings]] = ContourSettings

    def prepare(self) -> None:
        s = self.s
        self.traj = self.trajectory = s.runs()
        self.n_steps = self.traj.n_steps
        self.fmin = _min_value(s.function)
        self.view = _chosen_view(
            s.function, [self.traj.params], s.x_range, s.y_range, around=VIEW_AROUND
        )

    # layout: landscape on the left, text and chart on the right
    def build_still(self) -> None:
        s, theme = self.s, self.s.theme
        self.paint_background()
        fw, fh = _fw(), _fh()
        side = fh - 1.5
        view_s = s.with_(x_range=self.view[0], y_range=self.view[1])
        self.land = _Landscape(view_s, [self.traj.params], side, side)
        ax = self.land.axes
        ax_box = Group(*self.land.mobjects())
        ax_box.move_to([-fw / 2 + 0.45 + ax_box.width / 2, -0.05, 0])
        self.add_still(*self.land.mobjects())

        x_col = -fw / 2 + 0.45 + ax_box.width + 0.55
        self.col_x = x_col
        rule = _rule(s.rule, type(self).__name__)
        title = s.title or f"{_rule_name(rule)} on f(x, y) = {s.function.label}"
        self.title = SansText(title, font_size=26, color=theme.text)
        if self.title.width > fw / 2 - x_col - 0.3:
            self.title.scale_to_fit_width(fw / 2 - x_col - 0.3)
        self.title.move_to([x_col, fh / 2 - 0.55, 0], aligned_edge=LEFT)
        x0 = s.start_point
        sub = f"lr = {format_setting(s.lr)}   start ({compact_number(x0[0], 2)}, {compact_number(x0[1], 2)})   {self.n_steps} steps"
        self.subtitle = SansText(sub, font_size=18, color=theme.muted)
        self.subtitle.next_to(self.title, DOWN, buff=0.2, aligned_edge=LEFT)
        self.add_still(self.title, self.subtitle)
        self.ax = ax
        self.text_top = self.subtitle.get_bottom()[1] - 0.35
        self.tracer = self.make_tracer()  # added with the moving parts; its dots are keyed
        self.legend = self.build_legend(rule)
        # Loss chart (bottom right): its axes are still, its curve moves.
        self.chart = None
        if s.show_loss:
            log = self.fmin is not None
            self.chart = LossChart(
                [self.traj.loss],
                [theme.loss],
                floor=self.fmin,
                log=log,
                y_range=None if log else _linear_loss_range(self.land, [self.traj]),
                width=fw / 2 - x_col - 1.2,
                height=2.0,
                theme=theme,
                font_size=15,
            )
            self.chart.move_to([fw / 2 - 0.4, -fh / 2 + 0.35, 0], aligned_edge=DR)
            y_title = "log₁₀(f − f*)" if log else "f"
            self.chart_title = SansText(f"{y_title} by step", font_size=16, color=theme.muted)
            self.chart_title.next_to(self.chart, UP, buff=0.12, aligned_edge=LEFT)
            self.add_still(self.chart.still, self.chart_title)
        if len(self.legend):
            self.place_legend(self.legend, fw, fh)
            self.add_still(self.legend)

    def place_legend(self, legend: VGroup, fw: float, fh: float) -> None:
        """One row above the chart; when that is too wide, a column right of the read-outs
        (above the chart it would cover the closing caption)."""
        x_col = self.col_x
        legend.arrange(RIGHT, buff=0.45)
        key = self.key
        if key is not None and len(legend) > 1:  # the key's title on the row's line
            key.shift(UP * (legend[0].get_center()[1] - key.title.get_center()[1]))
        if legend.width <= fw / 2 - x_col - 0.4:
            y = (self.chart_title.get_top()[1] + 0.35) if self.chart else -fh / 2 + 0.6
            # the row's text on the line y (the key's tick labels hang below it)
            legend.shift(np.array([x_col, y, 0]) - legend[0].get_corner(DL))
            return
        # the read-outs are at most this many monospaced characters wide
        chars = max(12, len(f"step {self.n_steps} / {self.n_steps}"))
        probe = GlyphText("0" * chars, font_size=22)
        x = x_col + probe.advance + 0.45
        entry = self.dots_entry
        if entry is not None and entry.width > fw / 2 - 0.2 - x:  # the note on two lines
            words = entry[1].original_text.replace(", ", ",\n", 1)
            entry[1].become(SansText(words, font_size=16, color=self.s.theme.text))
            entry.arrange(RIGHT, buff=0.15, aligned_edge=UP)
            entry[0].align_to(entry[1], UP).shift(DOWN * 0.06)
        legend.arrange(DOWN, buff=0.16, aligned_edge=LEFT)
        legend.move_to([x, self.text_top, 0], aligned_edge=UL)
        if legend.get_right()[0] > fw / 2 - 0.2:
            legend.scale_to_fit_width(fw / 2 - 0.2 - x).move_to(
                [x, self.text_top, 0], aligned_edge=UL
            )

    def build_legend(self, rule: UpdateRule) -> VGroup:
        """Swatches for the arrows and the minimum (not yet placed)."""
        s, theme = self.s, self.s.theme
        legend = VGroup()
        if s.show_arrows:
            g = VGroup(_swatch(theme.class1), SansText("−lr · ∇f", font_size=16, color=theme.text))
            legend.add(g.arrange(RIGHT, buff=0.15))
            if not isinstance(rule, Plain):
                r = VGroup(
                    _swatch(theme.data),
                    SansText(f"{type(rule).__name__}'s addition", font_size=16, color=theme.text),
                )
                legend.add(r.arrange(RIGHT, buff=0.15))
        if len(s.function.minima):
            legend.add(
                VGroup(
                    _cross(np.zeros(3), 0.2, theme.optimum),
                    SansText("minimum", font_size=16, color=theme.text),
                ).arrange(RIGHT, buff=0.15)
            )
        note = dots_note([self.tracer.dots])
        self.dots_entry = None
        if note is not None:
            dot = Dot(radius=self.tracer.dots.radius * 1.3, color=theme.path)
            self.dots_entry = VGroup(dot, SansText(note, font_size=16, color=theme.text))
            legend.add(self.dots_entry.arrange(RIGHT, buff=0.15))
        self.key = self.land.key(theme, width=1.6)
        if self.key is not None:
            legend.add(self.key)
        return legend

    def make_tracer(self) -> PathTracer:
        """The path with its marker, trail and step dots (not yet added)."""
        s, theme, ax = self.s, self.s.theme, self.ax
        return PathTracer(
            self.traj.params,
            ax.xy_to_points,
            ax.box,
            color=theme.path,
            stroke_width=3.0,
            max_vertices=s.max_vertices,
            marker_radius=0.075,
            marker_color=theme.highlight,
            fade=s.fade,
            dot_radius=0.04 if s.step_dots else 0.0,
        )

    def colour_roles(self) -> dict[str, list[Mobject]]:
        """Every mobject drawn in a role's colour, by role (one colour per role, one role per
        colour: the tests check it); the legend repeats them (:meth:`keys`)."""
        roles: dict[str, list[Mobject]] = {"path": [self.tracer], "position": [self.tracer.marker]}
        if self.arrows is not None:
            roles["gradient step"] = [self.arrows.gradient]
            roles["rule's addition"] = [self.arrows.rest]
        roles["minimum"] = [self.land.minima]
        if self.key is not None:
            roles["heat map"] = [self.key.bar]
        if self.chart is not None:
            roles["loss"] = list(self.chart.curves)
            roles["diverged"] = [self.chart.banner]
        if getattr(self, "ending", None) is not None and self.ending.color != self.s.theme.text:
            roles["diverged"] = [*roles.get("diverged", []), self.ending]
        return roles

    def keys(self) -> list[Mobject]:
        """The legend (its swatches repeat the roles' colours)."""
        return [self.legend]

    def build_moving(self) -> None:
        s, theme, ax = self.s, self.s.theme, self.ax
        moving: list[Mobject] = [self.tracer, self.tracer.marker]
        self.arrows = None
        if s.show_arrows:
            self.arrows = StepArrows(
                self.traj.params,
                self.traj.grads,
                self.traj.lr,
                ax,
                gradient_color=theme.class1,
                rest_color=theme.data,
                scale=s.arrow_scale,
            )
            moving.append(self.arrows)
        moving.append(self.build_readouts(self.col_x, self.text_top - 0.2))
        if self.chart is not None:
            moving.append(self.chart.moving)
        self.add_moving(*moving)

    def show_position(self, position: float, frame: int) -> None:
        t = _ease(position, self.s.smooth)
        self.tracer.set_progress(t)
        if self.arrows is not None:
            self.arrows.set_step(math.floor(t))
        self.show_readouts(t)
        if self.chart is not None:
            self.chart.set_position(t)

    def show_ending(self) -> None:
        """The closing caption; the whole path at full opacity (the trail no longer fades)."""
        self.tracer.set_fade_floor(1.0)
        self.add(self.ending_text(self.col_x))


class BowlScene(ContourScene):
    """Gradient descent on the bowl ``z = (x-1)^2 + (y-2)^2`` (seed 001's example)."""

    settings: ClassVar[ContourSettings] = ContourSettings(function=Bowl(), lr=0.1, steps=30)
