"""Gradient descent on a 1-D function: :class:`GD1DScene` (and :class:`ParabolaScene`,
:class:`WaveScene`) configured by :class:`GD1DSettings`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np
from manim import DL, DOWN, LEFT, ORIGIN, RIGHT, UL, Dot, Line, Scene, VGroup, VMobject

from ...descent import minimize
from ...diagnostics import divergence_step
from ...functions import Objective, Parabola, SinCosWave
from ...optimizers import BGD
from ...rules import Plain
from ...trajectory import Trajectory
from ..paths import FlatArrow, clip_segments
from ..primitives import BoxAxes, SansText, Scatter, nice_range
from ..readout import GlyphText
from ..theme import DARK, Theme
from ._legacy import (
    _check_common,
    _cross,
    _g,
    _min_value,
    _place_text,
    _real,
    _rule,
    _rule_name,
    _Settings,
    _sig,
    _swatch,
    _Timeline,
)
from .layout import _fh, _fw, _tight_range

__all__ = [
    "GD1DScene",
    "GD1DSettings",
    "ParabolaScene",
    "WaveScene",
]


@dataclass(frozen=True)
class GD1DSettings(_Settings):
    """Settings of :class:`GD1DScene`.

    Attributes
    ----------
    function : Objective
        A 1-D function: ``Parabola()``, ``SinCosWave()`` or a 1-D ``CustomObjective``.
    start : (x,) or None
    lr : float
    rule : str or UpdateRule
    steps : int
    x_range, y_range : (low, high) or None
        The view; from the function's domain (and the run) when None.
    tangent_length : float
        Length of the drawn tangent in scene units.
    show_trail : bool
        Keep a dot at every point visited.
    theme : Theme
    run_time, end_wait : float
    smooth : bool
        Two phases per step: the tangent and step arrow appear, then the point slides.
    title : str or None
    """

    function: Objective = field(default_factory=Parabola)
    start: tuple[float, ...] | None = None
    lr: float = 0.2
    rule: Any = "gd"
    steps: int = 12
    x_range: tuple[float, float] | None = None
    y_range: tuple[float, float] | None = None
    tangent_length: float = 2.6
    show_trail: bool = True
    theme: Theme = DARK
    run_time: float = 10.0
    end_wait: float = 1.5
    smooth: bool = True
    title: str | None = None

    def _validate(self, where: str) -> None:
        _check_common(self, where, dim=1)
        _real(self.lr, "lr", where, low=0.0, strict_low=True)
        _rule(self.rule, where)
        _real(self.tangent_length, "tangent_length", where, low=0.0, strict_low=True)

    @property
    def start_point(self) -> np.ndarray:
        return np.asarray(self.function.start if self.start is None else self.start, dtype=float)

    def runs(self) -> Trajectory:
        rule = _rule(self.rule, type(self).__name__)
        return minimize(self.function, self.start_point, BGD(self.lr, rule=rule), steps=self.steps)


# -- 1-D gradient descent ---------------------------------------------------------------------------------
class GD1DScene(_Timeline, Scene):
    """Gradient descent on a 1-D function: the curve, the current point, its tangent and the
    step ``-lr * f'(x)`` drawn as an arrow, then the point slides to ``x_{k+1}``.

    Configure with ``settings = GD1DScene.settings.with_(...)`` (:class:`GD1DSettings`).
    """

    settings: ClassVar[GD1DSettings] = GD1DSettings()

    def _settings_type(self) -> type:
        return GD1DSettings

    def prepare(self) -> None:
        self.traj = self.s.runs()
        self.n_steps = self.traj.n_steps
        self.fmin = _min_value(self.s.function)

    def step_at(self) -> float:
        return self.tracker.get_value()

    def _phase(self) -> tuple[int, float, float]:
        """(k, arrow growth in [0, 1], slide in [0, 1]) at the tracker's value."""
        tau = self.tracker.get_value()
        k = min(math.floor(tau), self.n_steps)
        s = tau - k
        if not self.s.smooth or k >= self.n_steps:
            return k, 1.0 if k < self.n_steps else 0.0, 0.0
        grow = min(s / 0.4, 1.0)
        u = min(max((s - 0.5) / 0.5, 0.0), 1.0)
        return k, grow, u * u * (3 - 2 * u)

    def build_still(self) -> None:
        s, theme, f = self.s, self.s.theme, self.s.function
        self.camera.background_color = theme.background
        fw, fh = _fw(), _fh()
        xs_run = self.traj.params[:, 0]
        ((d0, d1),) = f.domain
        span = d1 - d0
        near = xs_run[np.abs(xs_run - (d0 + d1) / 2) <= 1.5 * span]
        xr = s.x_range or (min(d0, near.min()), max(d1, near.max()))
        x0, x1, xstep = _tight_range(*xr)
        self.grid_x = np.linspace(x0, x1, 400)
        with np.errstate(all="ignore"):
            fy = np.asarray(f(self.grid_x[:, None]), dtype=float)
        if s.y_range is not None:
            y0, y1 = s.y_range
            ystep = nice_range(y0, y1, 5, pad=0.0)[2]
        else:
            finite = fy[np.isfinite(fy)]
            lo, hi = float(finite.min()), float(finite.max())
            y0, y1, ystep = _tight_range(lo - 0.04 * (hi - lo), hi + 0.02 * (hi - lo))
        self.ax = BoxAxes(
            (x0, x1, xstep),
            (y0, y1, ystep),
            width=fw * 0.56,
            height=fh - 2.7,
            theme=theme,
            font_size=16,
            x_label="x",
            y_label="f(x)",
        )
        self.ax.move_to([-fw / 2 + 0.5 + self.ax.width / 2, 0, 0])
        self.ax.align_to([0, -fh / 2 + 0.25, 0], DOWN)
        ax = self.ax
        self.box = ax.box
        # The curve, clipped to the box, drawn once.
        pts = np.column_stack([self.grid_x, fy])
        q0, q1, vis = clip_segments(pts[:-1], pts[1:], self.box)
        curve = VMobject(stroke_color=theme.loss, stroke_width=4)
        seg = np.stack([q0[vis], q1[vis]], axis=1)
        p = ax.c2p(seg[..., 0].ravel(), seg[..., 1].ravel()).reshape(-1, 2, 3)
        d = p[:, 1] - p[:, 0]
        curve.set_points(
            np.stack([p[:, 0], p[:, 0] + d / 3, p[:, 0] + 2 * d / 3, p[:, 1]], axis=1).reshape(
                -1, 3
            )
        )
        self.curve = curve
        mins = VGroup()
        for m in f.minima:
            if x0 <= m[0] <= x1:
                mins.add(_cross(ax.c2p(m[0], float(f(m))), 0.2, theme.optimum))
        self.add(ax, curve, mins)
        # Text column.
        col = ax.get_right()[0] + 0.6
        self.col_x = col
        rule = _rule(s.rule, type(self).__name__)
        title = s.title or f"{_rule_name(rule)} on f(x) = {f.label}"
        self.title = SansText(title, font_size=26, color=theme.text)
        self.title.move_to([-fw / 2 + 0.5, fh / 2 - 0.45, 0], aligned_edge=LEFT)
        if self.title.width > fw - 1.0:
            self.title.scale_to_fit_width(fw - 1.0)
        lr = _g(s.lr)
        upd = (
            "x ← x − lr · f′(x)"
            if isinstance(rule, Plain)
            else f"x ← x + {type(rule).__name__} step"
        )
        self.rule_text = SansText(f"{upd},   lr = {lr}", font_size=20, color=theme.muted)
        self.rule_text.next_to(self.title, DOWN, buff=0.18, aligned_edge=LEFT)
        self.add(self.title, self.rule_text)
        legend = VGroup(
            VGroup(
                _swatch(theme.model),
                SansText("tangent, slope f′(x)", font_size=16, color=theme.text),
            ).arrange(RIGHT, buff=0.15),
            VGroup(
                _swatch(theme.class1),
                SansText("step Δx = −lr · f′(x)", font_size=16, color=theme.text),
            ).arrange(RIGHT, buff=0.15),
        ).arrange(DOWN, buff=0.2, aligned_edge=LEFT)
        legend.move_to([col, -fh / 2 + 0.5, 0], aligned_edge=DL)
        self.add(legend)

    def build_moving(self) -> None:
        s, theme, f = self.s, self.s.theme, self.s.function
        ax, box = self.ax, self.box
        xs = self.traj.params[:, 0]
        fx = self.traj.loss
        grads = self.traj.grads[:, 0] if self.n_steps else np.zeros(0)
        # Scene units per data unit, for a tangent of fixed on-screen length.
        sx = (ax.c2p(box[1], box[2]) - ax.c2p(box[0], box[2]))[0] / (box[1] - box[0])
        sy = (ax.c2p(box[0], box[3]) - ax.c2p(box[0], box[2]))[1] / (box[3] - box[2])
        tangent = Line(ORIGIN, RIGHT, color=theme.model, stroke_width=3)
        arrow = FlatArrow(color=theme.class1)
        trail = Scatter(np.zeros((0, 3)), radius=0.05, color=theme.path, opacity=0.55)
        marker = Dot(radius=0.1, color=theme.highlight)
        self.tangent, self.arrow, self.trail, self.marker = tangent, arrow, trail, marker

        def x_at(k: int, u: float) -> float:
            if k >= self.n_steps or u == 0.0:
                return float(xs[k])
            return float(xs[k] + u * (xs[k + 1] - xs[k]))

        def update_all(_m):
            k, grow, slide = self._phase()
            x = x_at(k, slide)
            y = float(f(np.array([x]))) if slide else float(fx[k])
            inside = box[0] <= x <= box[1] and box[2] <= y <= box[3]
            marker.set_opacity(1.0 if inside else 0.0)
            if inside:
                marker.move_to(ax.c2p(x, y))
            if s.show_trail:
                vis = xs[: k + 1]
                vy = fx[: k + 1]
                keep = (vis >= box[0]) & (vis <= box[1]) & (vy >= box[2]) & (vy <= box[3])
                trail.move_points(ax.c2p(vis[keep][-400:], vy[keep][-400:]))
            if k < self.n_steps and slide == 0.0 and grow > 0:
                g = float(grads[k])
                d = np.array([sx, g * sy])
                d = d / np.hypot(*d) * s.tangent_length / 2
                dx, dy = d[0] / sx, d[1] / sy
                q0, q1, vis = clip_segments(
                    np.array([[xs[k] - dx, fx[k] - dy]]), np.array([[xs[k] + dx, fx[k] + dy]]), box
                )
                if vis[0]:
                    tangent.set_points_as_corners(ax.xy_to_points(np.stack([q0[0], q1[0]])))
                    tangent.set_stroke(opacity=min(1.0, grow * 2))
                else:
                    tangent.set_stroke(opacity=0.0)
            elif k < self.n_steps:
                tangent.set_stroke(opacity=0.0 if slide > 0.5 else 1.0 - slide * 2)
            else:
                tangent.set_stroke(opacity=0.0)
            if k < self.n_steps and grow > 0:
                a = np.array([xs[k], fx[k]])
                b = np.array([xs[k] + grow * (xs[k + 1] - xs[k]), fx[k]])
                q0, q1, vis = clip_segments(a[None], b[None], box)
                if vis[0] and slide < 1.0:
                    arrow.put_start_and_end_on(*ax.xy_to_points(np.stack([q0[0], q1[0]])))
                else:
                    arrow.clear_points()
            else:
                arrow.clear_points()

        marker.add_updater(update_all)
        # Read-outs.
        x = self.col_x
        y = self.rule_text.get_bottom()[1] - 0.8
        self.r_step = GlyphText("", font_size=22, color=theme.text)
        self.r_x = GlyphText("", font_size=22, color=theme.text)
        self.r_f = GlyphText("", font_size=22, color=theme.text)
        self.r_g = GlyphText("", font_size=22, color=theme.text)
        self.r_d = GlyphText("", font_size=22, color=theme.class1)
        rows = (self.r_step, self.r_x, self.r_f, self.r_g, self.r_d)
        for i, r in enumerate(rows):
            _place_text(r, [x, y - 0.5 * i, 0])
        width = len(str(self.n_steps))

        def update_text(_m):
            k, _grow, _slide = self._phase()
            self.r_step.set_text(f"step  {k:>{width}d} / {self.n_steps}")
            self.r_x.set_text(f"x     = {_sig(xs[k]):>9}")
            self.r_f.set_text(f"f(x)  = {_sig(fx[k]):>9}")
            if k < self.n_steps:
                self.r_g.set_text(f"f′(x) = {_sig(grads[k]):>9}")
                self.r_d.set_text(f"Δx    = {_sig(xs[k + 1] - xs[k]):>9}")
            else:
                self.r_g.set_text("")
                self.r_d.set_text("")

        self.r_step.add_updater(update_text)
        self.add(trail, tangent, arrow, marker, *rows)

    def show_ending(self) -> None:
        theme = self.s.theme
        k = divergence_step(self.traj, self.fmin)
        if k is not None:
            text, colour = f"diverged at step {k}", theme.diverged
        else:
            text, colour = f"ends at x = {_sig(self.traj.final[0])}", theme.text
        self.ending = SansText(text, font_size=20, color=colour)
        self.ending.move_to(
            [self.col_x, self.r_d._anchor.get_center()[1] - 0.6, 0], aligned_edge=UL
        )
        self.add(self.ending)


class ParabolaScene(GD1DScene):
    """Gradient descent on the parabola ``(x-1)^2``."""

    settings: ClassVar[GD1DSettings] = GD1DSettings(function=Parabola(), lr=0.2, steps=12)


class WaveScene(GD1DScene):
    """Gradient descent on ``sin(x) + cos(2x)`` (the original seed's wave): a local minimum."""

    settings: ClassVar[GD1DSettings] = GD1DSettings(
        function=SinCosWave(), start=(0.6,), lr=0.15, steps=14
    )
