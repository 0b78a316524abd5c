"""Gradient descent on a 1-D function: :class:`GD1DScene` (and :class:`ParabolaScene`,
:class:`WaveScene`) configured by :class:`GD1DSettings`.

Each step has two phases on the clock: in the first half of a step the tangent at ``x_k``
fades in and the step arrow ``-lr * f'(x_k)`` grows; in the second half the point slides to
``x_{k+1}`` and the tangent fades out. The phase is the fractional part of the clock position,
so any frame is drawn from its position alone.

Examples
--------
>>> from maniml.scenes import timeline_of
>>> tl = timeline_of(ParabolaScene, frame_rate=15)
>>> tl.trajectory.n_steps, len(tl.rows) == tl.stage("steps").frames
(12, True)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
from manim import DL, DOWN, LEFT, ORIGIN, RIGHT, UL, Dot, Line, Scene, VGroup, VMobject

from ...descent import minimize
from ...diagnostics import divergence_step
from ...functions import Objective, Parabola, SinCosWave
from ...optimizers import BGD
from ...rules import Plain
from ...trajectory import Trajectory
from ..numbers import compact_number, field_format, format_setting
from ..paths import FlatArrow, StepDots, clip_segments
from ..primitives import BoxAxes, SansText, nice_range
from ..readout import GlyphText
from ..settings import SceneSettings, boolean, integer, point, real, setting, span
from ..timeline import path_motion
from ._common import (
    LandscapeTemplate,
    _cross,
    _min_value,
    _place_text,
    _rule,
    _rule_name,
    _swatch,
    dots_note,
    objective,
    rule_setting,
)
from .layout import _fh, _fw, _tight_range

__all__ = [
    "GD1DScene",
    "GD1DSettings",
    "ParabolaScene",
    "WaveScene",
]

#: The phases of a step on the clock: the arrow grows over the first GROW of the step, the
#: point slides from SLIDE to the end of the step.
GROW, SLIDE = 0.4, 0.5


@dataclass(frozen=True, eq=False)
class GD1DSettings(SceneSettings):
    """Settings of :class:`GD1DScene` (on top of
    :class:`~maniml.scenes.settings.SceneSettings`: theme, title, run_time, intro_time,
    hold_time, pacing, segment).

    Attributes
    ----------
    function : Objective
        A 1-D function: ``Parabola()``, ``SinCosWave()`` or a 1-D ``CustomObjective``.
    start : (x,) or None
        Start of the run; ``function.start`` when None.
    lr : float
        Learning rate (> 0).
    rule : str or UpdateRule
        Update rule (``'gd'``, ``'momentum'``, ``'adam'``...; names ignore case).
    steps : int
        Steps of the run.
    x_range, y_range : (low, high) or None
        The view; from the function's domain (and the run) when None.
    tangent_length : float
        Length of the drawn tangent in scene units.
    show_trail : bool
        Keep a dot at every point visited (thinned where dots would touch:
        :func:`~maniml.scenes.paths.spaced_rows`).
    fade : float
        The trail's dots fade over this many steps to a faint colour (0: they stay as bright);
        at the end every dot is shown at full opacity.
    smooth : bool
        Two phases per step: the tangent and step arrow appear, then the point slides
        (else the point jumps, with the arrow of the next step shown).

    Examples
    --------
    >>> GD1DSettings().with_(rule="Momentum", lr=0.1).rule
    'momentum'
    """

    function: Objective = setting(check=objective(1), factory=Parabola)
    start: tuple[float, ...] | None = setting(None, point(1))
    lr: float = setting(0.2, real(low=0, low_open=True))
    rule: Any = setting("gd", rule_setting)
    steps: int = setting(12, integer(low=1, high=1_000_000))
    x_range: tuple[float, float] | None = setting(None, span())
    y_range: tuple[float, float] | None = setting(None, span())
    tangent_length: float = setting(2.6, real(low=0, low_open=True))
    show_trail: bool = setting(True, boolean())
    fade: float = setting(6.0, real(low=0))
    smooth: bool = setting(True, boolean())
    run_time: float = setting(10.0, real(low=0, low_open=True))

    @property
    def start_point(self) -> np.ndarray:
        """The start actually used."""
        return np.asarray(self.function.start if self.start is None else self.start, dtype=float)

    def runs(self) -> Trajectory:
        """The run: :func:`maniml.minimize` with ``BGD(lr, rule=rule)``."""
        rule = _rule(self.rule, type(self).__name__)
        return minimize(self.function, self.start_point, BGD(self.lr, rule=rule), steps=self.steps)


def phase(position: float, n_steps: int, smooth: bool = True) -> tuple[int, float, float]:
    """``(k, grow, slide)`` at a clock position: the step ``k``, how far its arrow has grown
    and how far the point has slid to ``x_{k+1}`` (both in [0, 1]; the slide eased).

    Examples
    --------
    >>> phase(2.25, 12), phase(2.75, 12)[2], phase(12.0, 12)
    ((2, 0.625, 0.0), 0.5, (12, 0.0, 0.0))
    """
    k = min(max(math.floor(position + 1e-9), 0), n_steps)
    if k >= n_steps:
        return k, 0.0, 0.0
    if not smooth:
        return k, 1.0, 0.0
    s = position - k
    grow = min(max(s / GROW, 0.0), 1.0)
    u = min(max((s - SLIDE) / (1.0 - SLIDE), 0.0), 1.0)
    return k, grow, u * u * (3 - 2 * u)


# -- 1-D gradient descent ---------------------------------------------------------------------------------
class GD1DScene(LandscapeTemplate, Scene):
    """Gradient descent on a 1-D function: the curve, the current point, its tangent and the
    step ``-lr * f'(x)`` drawn as an arrow, then the point slides to ``x_{k+1}``.

    Configure with ``settings = GD1DScene.settings.with_(...)`` (:class:`GD1DSettings`). The
    clock counts steps; :func:`phase` splits each step into the arrow's growth and the slide.
    """

    settings: ClassVar[GD1DSettings] = GD1DSettings()
    Settings: ClassVar[type[GD1DSettings]] = GD1DSettings

    def prepare(self) -> None:
        self.traj = self.trajectory = self.s.runs()
        self.n_steps = self.traj.n_steps
        self.fmin = _min_value(self.s.function)
        self.x_view, self.y_view, self.grid_x, self.grid_y = self.view()

    def view(self) -> tuple[tuple[float, ...], tuple[float, ...], np.ndarray, np.ndarray]:
        """The axes' ranges ``(low, high, step)`` for x and f(x), and the curve sampled on x."""
        s, f = self.s, self.s.function
        xs_run = self.traj.params[:, 0]
        ((d0, d1),) = f.domain
        span_ = d1 - d0
        near = xs_run[np.abs(xs_run - (d0 + d1) / 2) <= 1.5 * span_]
        xr = s.x_range or (min(d0, near.min()), max(d1, near.max()))
        x_view = _tight_range(*xr)
        grid_x = np.linspace(x_view[0], x_view[1], 400)
        with np.errstate(all="ignore"):
            fy = np.asarray(f(grid_x[:, None]), dtype=float)
        if s.y_range is not None:
            y0, y1 = s.y_range
            y_view = (y0, y1, nice_range(y0, y1, 5, pad=0.0)[2])
        else:
            finite = fy[np.isfinite(fy)]
            lo, hi = float(finite.min()), float(finite.max())
            y_view = _tight_range(lo - 0.04 * (hi - lo), hi + 0.02 * (hi - lo))
        return x_view, y_view, grid_x, fy

    def step_motion(self) -> np.ndarray:
        """How far the point moves along the curve at each step, in units of the view."""
        pts = np.column_stack([self.traj.params[:, 0], self.traj.loss])
        lo = np.array([self.x_view[0], self.y_view[0]])
        hi = np.array([self.x_view[1], self.y_view[1]])
        return path_motion(pts, lo, hi)

    def step_at(self) -> float:
        """The clock position (the step and, in its fraction, the phase)."""
        return float(self.clock.get_value())

    def build_still(self) -> None:
        s, theme, f = self.s, self.s.theme, self.s.function
        self.paint_background()
        fw, fh = _fw(), _fh()
        (x0, x1, xstep), (y0, y1, ystep) = self.x_view, self.y_view
        fy = self.grid_y
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
        self.minima = mins
        self.add_still(ax, curve, mins)
        # Text column.
        col = ax.get_right()[0] + 0.6
        self.col_x = col
        rule = _rule(s.rule, type(self).__name__)
        title = s.title or f"{_rule_name(rule)} on f(x) = {f.label}"
        self.title = SansText(title, font_size=26, color=theme.text)
        self.title.move_to([-fw / 2 + 0.5, fh / 2 - 0.45, 0], aligned_edge=LEFT)
        if self.title.width > fw - 1.0:
            self.title.scale_to_fit_width(fw - 1.0)
        lr = format_setting(s.lr)
        upd = (
            "x ← x − lr · f′(x)"
            if isinstance(rule, Plain)
            else f"x ← x + {type(rule).__name__} step"
        )
        self.rule_text = SansText(f"{upd},   lr = {lr}", font_size=20, color=theme.muted)
        self.rule_text.next_to(self.title, DOWN, buff=0.18, aligned_edge=LEFT)
        self.add_still(self.title, self.rule_text)
        legend = VGroup(
            VGroup(
                _swatch(theme.model),
                SansText("tangent, slope f′(x)", font_size=16, color=theme.text),
            ).arrange(RIGHT, buff=0.15),
            VGroup(
                _swatch(theme.class1),
                SansText("step Δx = −lr · f′(x)", font_size=16, color=theme.text),
            ).arrange(RIGHT, buff=0.15),
        )
        rows = np.column_stack([self.traj.params[:, 0], self.traj.loss])
        self.trail = StepDots(
            rows, ax.xy_to_points, self.box, radius=0.05, color=theme.path, opacity=0.8,
            fade=s.fade,
        )  # fmt: skip
        note = dots_note([self.trail] if s.show_trail else [])
        if note is not None:  # the trail's dots are the points visited
            dot = Dot(radius=0.05, color=theme.path, fill_opacity=0.8)
            legend.add(
                VGroup(dot, SansText(note, font_size=16, color=theme.text)).arrange(
                    RIGHT, buff=0.15
                )
            )
        legend.arrange(DOWN, buff=0.2, aligned_edge=LEFT)
        self.legend = legend
        legend.move_to([col, -fh / 2 + 0.5, 0], aligned_edge=DL)
        self.add_still(legend)

    def build_moving(self) -> None:
        theme, ax, box = self.s.theme, self.ax, self.box
        # Scene units per data unit, for a tangent of fixed on-screen length.
        self.sx = (ax.c2p(box[1], box[2]) - ax.c2p(box[0], box[2]))[0] / (box[1] - box[0])
        self.sy = (ax.c2p(box[0], box[3]) - ax.c2p(box[0], box[2]))[1] / (box[3] - box[2])
        self.tangent = Line(ORIGIN, RIGHT, color=theme.model, stroke_width=3)
        self.tangent.clear_points()
        self.arrow = FlatArrow(color=theme.class1)
        self.marker = Dot(radius=0.1, color=theme.highlight)
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
        trail = (self.trail,) if self.s.show_trail else ()
        # The arrow above the point: a short step is still seen.
        self.add_moving(*trail, self.tangent, self.marker, self.arrow, *rows)

    def show_position(self, position: float, frame: int) -> None:
        """Bring the marker, trail, tangent, step arrow and read-outs to clock ``position``."""
        k, grow, slide = phase(position, self.n_steps, self.s.smooth)
        self._show_marker(k, slide)
        if self.s.show_trail:
            self._show_trail(k)
        self._show_tangent(k, grow, slide)
        self._show_arrow(k, grow, slide)
        self._show_text(k)

    def _inside(self, x: float, y: float) -> bool:
        box = self.box
        return bool(box[0] <= x <= box[1] and box[2] <= y <= box[3])

    def _show_marker(self, k: int, slide: float) -> None:
        xs, fx = self.traj.params[:, 0], self.traj.loss
        if k < self.n_steps and slide > 0.0:
            x = float(xs[k] + slide * (xs[k + 1] - xs[k]))
            y = float(self.s.function(np.array([x])))
        else:
            x, y = float(xs[k]), float(fx[k])
        inside = self._inside(x, y)
        self.marker.set_opacity(1.0 if inside else 0.0)
        if inside:
            self.marker.move_to(self.ax.c2p(x, y))

    def _show_trail(self, k: int) -> None:
        """The dots of the points visited up to row ``k`` (the point sliding to ``x_{k+1}`` has
        not arrived yet)."""
        self.trail.set_progress(k)

    def _show_tangent(self, k: int, grow: float, slide: float) -> None:
        """The tangent at ``x_k``: fades in with the arrow, out as the point slides."""
        tangent = self.tangent
        opacity = min(1.0, 2 * grow) * max(0.0, 1.0 - 2 * slide)
        if k >= self.n_steps or opacity <= 0.0:
            tangent.clear_points()
            return
        xk, fk = float(self.traj.params[k, 0]), float(self.traj.loss[k])
        d = np.array([self.sx, float(self.traj.grads[k, 0]) * self.sy])
        d = d / np.hypot(*d) * self.s.tangent_length / 2
        dx, dy = d[0] / self.sx, d[1] / self.sy
        q0, q1, vis = clip_segments(
            np.array([[xk - dx, fk - dy]]), np.array([[xk + dx, fk + dy]]), self.box
        )
        if not vis[0]:
            tangent.clear_points()
            return
        tangent.set_points_as_corners(self.ax.xy_to_points(np.stack([q0[0], q1[0]])))
        tangent.set_stroke(opacity=opacity)

    def _show_arrow(self, k: int, grow: float, slide: float) -> None:
        """The step ``x_{k+1} - x_k`` at height ``f(x_k)``, grown to ``grow``."""
        if k >= self.n_steps or grow <= 0.0 or slide >= 1.0:
            self.arrow.clear_points()
            return
        xs, fk = self.traj.params[:, 0], float(self.traj.loss[k])
        a = np.array([xs[k], fk])
        b = np.array([xs[k] + grow * (xs[k + 1] - xs[k]), fk])
        q0, q1, vis = clip_segments(a[None], b[None], self.box)
        if vis[0]:
            self.arrow.put_start_and_end_on(*self.ax.xy_to_points(np.stack([q0[0], q1[0]])))
        else:
            self.arrow.clear_points()

    def _formats(self) -> tuple:
        """One format per read-out field for the whole run (x, f, f', the step), chosen once:
        no jump from "0.101" to "9.98e-04" within a field."""
        if not hasattr(self, "_fields"):
            xs, fx = self.traj.params[:, 0], self.traj.loss
            self._fields = (
                field_format(xs, 4),
                field_format(fx, 3, spread=True),
                field_format(self.traj.grads[:, 0], 3, spread=True),
                field_format(np.diff(xs), 3, spread=True),
            )
        return self._fields

    def _show_text(self, k: int) -> None:
        xs, fx, n = self.traj.params[:, 0], self.traj.loss, self.n_steps
        fmt_x, fmt_f, fmt_g, fmt_d = self._formats()
        self.r_step.set_text(f"step  {k:>{len(str(n))}d} / {n}")
        self.r_x.set_text(f"x     = {fmt_x(xs[k]):>9}")
        self.r_f.set_text(f"f(x)  = {fmt_f(fx[k]):>9}")
        if k < n:
            self.r_g.set_text(f"f′(x) = {fmt_g(self.traj.grads[k, 0]):>9}")
            self.r_d.set_text(f"Δx    = {fmt_d(xs[k + 1] - xs[k]):>9}")
        else:
            self.r_g.set_text("")
            self.r_d.set_text("")

    def colour_roles(self) -> dict[str, list]:
        """Every mobject drawn in a role's colour, by role: the function, the points visited,
        the position, the tangent, the step (arrow and its read-out), the minima; the legend
        repeats them (:meth:`keys`)."""
        roles = {
            "function": [self.curve],
            "points visited": [self.trail],
            "position": [self.marker],
            "tangent": [self.tangent],
            "step": [self.arrow, self.r_d],
            "minimum": [self.minima],
        }
        if getattr(self, "ending", None) is not None:
            roles["diverged"] = [self.ending]
        return roles

    def keys(self) -> list:
        return [self.legend]

    def show_ending(self) -> None:
        """The closing caption; every dot of the trail at full opacity."""
        theme = self.s.theme
        self.trail.set_fade_floor(1.0)
        k = divergence_step(self.traj, self.fmin)
        if k is not None:
            text, colour = f"diverged at step {k}", theme.diverged
        else:
            text, colour = f"ends at x = {compact_number(self.traj.final[0])}", theme.text
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
