"""The optimiser race: :class:`OptimizerRaceScene` configured by :class:`RaceSettings`, its
:class:`Racer` entries and the tuned line-ups in :data:`RACE_PRESETS`.

Examples
--------
>>> from maniml import Saddle
>>> s = RaceSettings().with_(function=Saddle(), winner="Final")
>>> s.n_steps, s.winner, [r.name for r in s.lineup][:2]
(80, 'final', ['GD', 'Momentum'])
>>> RaceSettings().target_tol, RaceSettings().with_(tol=1e-4).target_tol  # Rosenbrock's preset
(0.03, 0.0001)
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
from manim import (
    DL,
    DOWN,
    DR,
    LEFT,
    RIGHT,
    UL,
    UP,
    UR,
    Circle,
    DashedVMobject,
    Group,
    Mobject,
    Rectangle,
    Scene,
    VGroup,
    VMobject,
    config,
)

from ...descent import minimize
from ...diagnostics import RaceResult, race_result
from ...functions import Objective, Rosenbrock
from ...optimizers import BGD, Optimizer
from ...trajectory import Trajectory
from ..clipping import clip_segments
from ..contours import palette
from ..loss_chart import LossChart
from ..numbers import compact_number, format_setting
from ..paths import PathTracer
from ..primitives import SansText
from ..readout import GlyphText
from ..settings import boolean, choice, colour, instance, integer, real, setting, setting_error
from ._common import (
    LandscapeSettings,
    LandscapeTemplate,
    _ease,
    _min_value,
    _place_text,
    _swatch,
    dots_note,
    objective,
)
from .layout import _chosen_view, _fh, _fw, _Landscape, _linear_loss_range

__all__ = [
    "RACE_PRESETS",
    "RACE_TOLERANCES",
    "OptimizerRaceScene",
    "RaceSettings",
    "Racer",
]


def _name(v: Any, name: str, where: str) -> str:
    if not isinstance(v, str) or not v:
        raise setting_error(name, where, "a non-empty str", v)
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


#: The target ``f - f*`` of ``winner="first"`` per function when ``RaceSettings.tol`` is None:
#: one that the best tuned racers reach within the preset's steps (Beale's and Rosenbrock's
#: valleys are slow, the bowl is not); other functions use the ``"default"`` entry.
RACE_TOLERANCES: dict[str, float] = {
    "Rosenbrock": 3e-2,
    "Beale": 1e-2,
    "Bowl": 1e-6,
    "StretchedBowl": 1e-6,
    "default": 1e-3,
}


def _lineup(v: Any, name: str, where: str) -> tuple[Racer, ...] | None:
    if v is None:
        return None
    if isinstance(v, Racer | str) or not isinstance(v, Sequence):
        raise setting_error(name, where, "None or a tuple of Racer", v)
    if not all(isinstance(r, Racer) for r in v):
        raise setting_error(name, where, "None or a tuple of Racer", v)
    if not 1 <= len(v) <= 12:
        raise setting_error(name, where, "between 1 and 12 racers", v)
    for r in v:
        if r.optimizer.batch_size is not None:
            raise setting_error(name, where, "racers with full-batch optimizers (BGD)", r)
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
    winner : {"first", "final"}
        "first" (time to target): the first racer to reach ``f - f* < tol`` wins (the lowest
        final loss if none does); "final": the lowest final loss wins. A function without a
        minimum (``Saddle``) has no winner either way: lower only means escaping faster, so the
        scene shows each racer's escape distance instead.
    tol : float or None
        The target ``f - f*`` of ``winner="first"``; None takes ``RACE_TOLERANCES`` for the
        function.
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
    winner: str = setting("first", choice("first", "final"))
    tol: float | None = setting(None, real(low=0, low_open=True, optional=True))
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
    def target_tol(self) -> float:
        """The target ``f - f*`` actually used (``tol``, or the function's preset)."""
        if self.tol is not None:
            return self.tol
        return RACE_TOLERANCES.get(type(self.function).__name__, RACE_TOLERANCES["default"])

    @property
    def tuned(self) -> bool:
        """Whether the learning rates are the presets' (tuned per method)."""
        return self.racers is None

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

    def result(self, runs: Sequence[tuple[Racer, Trajectory]]) -> RaceResult:
        """The race's verdict (:func:`maniml.race_result`): winner, step, criterion, each
        racer's time to target and escape distance."""
        trajs = [t for _, t in runs]
        fmin = _min_value(self.function)
        r = race_result(trajs, fmin, self.target_tol)
        if self.winner == "final" and fmin is not None:
            finals = [np.inf if t.diverged else float(t.loss[-1]) for t in trajs]
            i = int(np.argmin(finals))
            why = f"lowest f after {self.n_steps} steps"
            return RaceResult(i, None, why, r.hits, r.escapes)
        return r

    def ranking(self, runs: Sequence[tuple[Racer, Trajectory]]) -> tuple[int | None, str]:
        """Index of the winner among ``runs`` (None without a minimum) and why it won."""
        r = self.result(runs)
        return r.winner, r.criterion


# -- optimiser race ------------------------------------------------------------------------------------------
def _gap_format(finals: np.ndarray) -> int:
    """Significant digits of the ``f - f*`` read-outs: 3, more when two racers' final gaps
    agree to 3 digits (at most 5), so that racers who differ show different numbers."""
    finals = np.asarray([v for v in finals if np.isfinite(v) and v > 0])
    for d in (3, 4, 5):
        shown = [f"{v:.{d - 1}e}" for v in finals]
        if len(set(shown)) == len(shown):
            return d
    return 5


def _crossings(mob: Mobject, lines: Sequence[np.ndarray], margin: float = 0.0) -> int:
    """How many segments of the polylines (scene points ``(m, 2)``) pass through ``mob``'s
    bounding box grown by ``margin``."""
    lo, hi = mob.get_corner(DL)[:2] - margin, mob.get_corner(UR)[:2] + margin
    box = (lo[0], hi[0], lo[1], hi[1])
    n = 0
    for p in lines:
        if len(p) >= 2:
            n += int(clip_segments(p[:-1], p[1:], box)[2].sum())
        elif len(p) == 1:
            n += int(lo[0] <= p[0, 0] <= hi[0] and lo[1] <= p[0, 1] <= hi[1])
    return n


def _overlaps(scene_paths: list[np.ndarray], pixel: float) -> dict[int, int]:
    """``{j: i}`` for each later path ``j`` that runs within a pixel of an earlier path ``i``
    (for 90 % of their common rows)."""
    out: dict[int, int] = {}
    for j in range(1, len(scene_paths)):
        for i in range(j):
            n = min(len(scene_paths[i]), len(scene_paths[j]))
            d = np.linalg.norm(scene_paths[i][:n] - scene_paths[j][:n], axis=1)
            if np.quantile(d, 0.9) < pixel:
                out[j] = i
                break
    return out


class OptimizerRaceScene(LandscapeTemplate, Scene):
    """Optimisers racing on one landscape (Rosenbrock by default): one coloured path each, a
    legend with each racer's learning rate and live ``f - f*``, a loss chart with the target
    line, and the verdict with its criterion at the end ("first to f − f* < 0.03: Adam, step
    618"). A function without a minimum (``Saddle``) gets no winner: the legend shows each
    racer's distance from the start, and a path that leaves the view ends in a ring at the edge.

    Configure with ``settings = OptimizerRaceScene.settings.with_(function=Beale())`` etc.
    (:class:`RaceSettings`). All runs share one clock (the step); a run that diverges stops
    early and its path, marker and loss stay at its last row. With a known minimum the view is
    the union of the paths and the optimum (with a margin), unless ``x_range``/``y_range`` are
    set; paths that run within a pixel of an earlier one are drawn thinner on top of it. Each
    path has a dot at every visible step and a trail that fades after ``fade`` steps (whole
    again at the end); the heat map's key is under the legend.

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
        s = self.s
        self.runs = s.runs()
        self.trajectories = tuple(t for _, t in self.runs)
        self.trajectory = self.trajectories[0]
        self.n_steps = max(t.n_steps for t in self.trajectories)
        self.fmin = _min_value(s.function)
        self.result = s.result(self.runs)
        pal = palette(s.theme)
        self.colours = [r.color or pal[i % len(pal)] for i, (r, _) in enumerate(self.runs)]
        # with a minimum the action fills the panel; escaping: the domain, the paths leave it
        self.view = _chosen_view(s.function, [t.params for t in self.trajectories],
                                 s.x_range, s.y_range)  # fmt: skip
        if self.fmin is not None:
            self.digits = _gap_format(np.array([t.loss[-1] - self.fmin for t in self.trajectories]))
        self.sci_distance = max(self.result.escapes) >= 1e3

    def build_still(self) -> None:
        s, theme = self.s, self.s.theme
        self.paint_background()
        fw, fh = _fw(), _fh()
        side = fh - 1.5
        view_s = s.with_(x_range=self.view[0], y_range=self.view[1])
        self.land = _Landscape(view_s, [t.params for t in self.trajectories], side, side)
        group = Group(*self.land.mobjects())
        group.move_to([-fw / 2 + 0.45 + group.width / 2, -0.05, 0])
        self.add_still(*self.land.mobjects())
        self.ax = self.land.axes
        x_col = -fw / 2 + 0.45 + group.width + 0.55
        self.col_x = x_col
        col_w = fw / 2 - x_col - 0.3
        self.col_w = col_w
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
        self.find_overlaps()
        self.tracers = self.make_tracers()  # added with the moving parts; their dots are keyed
        self.build_legend()
        self.chart = None
        if s.show_loss:
            self.build_chart(col_w)

    def find_overlaps(self) -> None:
        """Which paths run within a pixel of an earlier one (drawn thinner on top of it)."""
        pixel = _fw() / max(int(config.pixel_width), 1)
        scene = [self.ax.xy_to_points(np.nan_to_num(t.params))[:, :2] for t in self.trajectories]
        self.overlap = _overlaps(scene, pixel)

    def build_legend(self) -> None:
        """Legend rows: swatch, name and learning rate (still; the read-outs move), then a note
        on the learning rates and on paths that hide each other."""
        s, theme, fh, x_col = self.s, self.s.theme, _fh(), self.col_x
        self.row_y = []
        y = self.subtitle.get_bottom()[1] - 0.45
        self.legend = VGroup()
        n = len(self.runs)
        n_notes = 1 + len(self.overlap) + (1 if s.step_dots else 0)
        # the chart gives the heat map's key (under the notes) some of its height
        self.chart_h = 1.9 - (0.4 if s.filled else 0.0)
        chart = self.chart_h + 1.4 if s.show_loss else 0.4
        reserve = chart + 0.27 * n_notes + 0.75 + (0.5 if s.filled else 0.0)
        pitch = min(0.42, (fh / 2 + y - reserve) / max(n, 1))
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
            width = 3.0 if i in self.overlap else 6.0
            sw = _swatch(c, 0.35, width).move_to([x_col + 0.18, yy + 0.08, 0])
            name.move_to([x_col + 0.5, yy + 0.08, 0], aligned_edge=LEFT)
            lr_t.move_to([lr_x, yy + 0.08, 0], aligned_edge=LEFT)
            self.legend.add(VGroup(sw, name, lr_t))
            self.row_y.append(yy)
        self.add_still(self.legend)
        notes = [
            "learning rates tuned per method (RACE_PRESETS)"
            if s.tuned
            else "learning rates as given"
        ]
        dots = dots_note([t.dots for t in self.tracers])
        if dots is not None:
            notes.append(dots)
        for j, i in sorted(self.overlap.items()):
            notes.append(
                f"{self.runs[i][0].name} lies under {self.runs[j][0].name} (within a pixel)"
            )
        self.notes = VGroup()
        top = self.row_y[-1] - pitch * 0.5
        for k, text in enumerate(notes):
            t = SansText(text, font_size=14, color=theme.muted)
            if t.width > self.col_w:
                t.scale_to_fit_width(self.col_w)
            t.move_to([x_col, top - 0.05 - k * 0.27, 0], aligned_edge=UL)
            self.notes.add(t)
        self.add_still(self.notes)
        # the heat map's key under the notes; the verdict goes below it
        self.text_bottom = self.notes.get_bottom()[1]
        self.key = self.land.key(theme, width=2.2)
        if self.key is not None:
            self.key.move_to([x_col, self.text_bottom - 0.18, 0], aligned_edge=UL)
            self.key.shift(RIGHT * (x_col - self.key.get_left()[0]))
            self.text_bottom = self.key.get_bottom()[1]
            self.add_still(self.key)

    def build_chart(self, col_w: float) -> None:
        """The loss chart's axes, title and target line (still; the curves move)."""
        s, theme, fw, fh = self.s, self.s.theme, _fw(), _fh()
        log = self.fmin is not None and s.loss_scale != "linear"
        self.chart = LossChart(
            [t.loss for t in self.trajectories],
            self.colours,
            floor=self.fmin,
            log=log,
            x_max=self.n_steps,
            y_range=None if log else _linear_loss_range(self.land, list(self.trajectories)),
            width=col_w - 0.9,
            height=self.chart_h,
            theme=theme,
            font_size=15,
            stroke_width=2.2,
        )
        self.chart.move_to([fw / 2 - 0.4, -fh / 2 + 0.35, 0], aligned_edge=DR)
        y_title = "log₁₀(f − f*)" if log else "f"
        self.chart_title = SansText(f"{y_title} by step", font_size=16, color=theme.muted)
        self.chart_title.next_to(self.chart, UP, buff=0.12, aligned_edge=LEFT)
        self.add_still(self.chart.still, self.chart_title)
        x0, x1, y0, y1 = self.chart.axes.box
        target = math.log10(s.target_tol)
        if log and s.winner == "first" and y0 <= target <= y1:
            ref = VMobject(stroke_color=theme.muted, stroke_width=1.5)
            ref.set_points_as_corners(
                [self.chart.axes.c2p(x0, target), self.chart.axes.c2p(x1, target)]
            )
            line = DashedVMobject(ref, num_dashes=30)
            tag = SansText(f"target {s.target_tol:g}", font_size=13, color=theme.muted)
            self.target_tag = self.place_target_tag(tag, target)
            self.add_still(line, tag)

    def curve_polylines(self) -> list[np.ndarray]:
        """The chart's curves as drawn over the whole run: scene points ``(m, 2)`` each."""
        out = []
        for curve in self.chart.curves:
            rows = curve.rows[curve.vertex_rows]
            out.append(self.chart.axes.xy_to_points(rows)[:, :2])
        return out

    def place_target_tag(self, tag: SansText, target: float) -> SansText:
        """Put the target line's label where no curve of the whole run passes: at either end
        of the line, above or below it (the first clear spot; the least crossed otherwise)."""
        ax = self.chart.axes
        x0, x1, y0, y1 = ax.box
        left, right = ax.c2p(x0, target), ax.c2p(x1, target)
        low, high = ax.c2p(x0, y0)[1], ax.c2p(x0, y1)[1]
        spots = [(right, UP + LEFT), (left, UP + RIGHT), (right, DOWN + LEFT),
                 (left, DOWN + RIGHT)]  # fmt: skip
        lines = self.curve_polylines()
        best, best_hits = None, None
        for at, direction in spots:
            tag.next_to(at, direction, buff=0.05)
            if direction[0] > 0:
                tag.shift(RIGHT * 0.1)  # clear of the y axis's ticks
            if tag.get_bottom()[1] < low or tag.get_top()[1] > high:
                continue
            hits = _crossings(tag, lines, margin=0.04)
            if best_hits is None or hits < best_hits:
                best, best_hits = (at, direction), hits
            if hits == 0:
                break
        at, direction = best if best is not None else spots[0]
        tag.next_to(at, direction, buff=0.05)
        if direction[0] > 0:
            tag.shift(RIGHT * 0.1)
        return tag

    def make_tracers(self) -> list[PathTracer]:
        """One path per racer with its marker, trail and step dots (not yet added); a path
        that runs under an earlier one is thinner."""
        s, ax = self.s, self.ax
        tracers = []
        for i, (t, c) in enumerate(zip(self.trajectories, self.colours, strict=True)):
            thin = i in self.overlap
            tracers.append(
                PathTracer(
                    t.params,
                    ax.xy_to_points,
                    ax.box,
                    color=c,
                    stroke_width=1.2 if thin else 2.6,
                    max_vertices=min(s.max_vertices, 800),
                    marker_radius=0.04 if thin else 0.075,
                    fade=s.fade,
                    dot_radius=(0.022 if thin else 0.035) if s.step_dots else 0.0,
                )
            )
        return tracers

    def colour_roles(self) -> dict[str, list[Mobject]]:
        """Every mobject drawn in a role's colour, by role: each racer (path, marker, exit
        ring, loss curve), the minimum, the heat map; the legend repeats them (:meth:`keys`)."""
        roles: dict[str, list[Mobject]] = {}
        for i, (r, _) in enumerate(self.runs):
            mobs: list[Mobject] = [self.tracers[i], self.exit_rings[i]]
            if self.tracers[i].marker is not None:
                mobs.append(self.tracers[i].marker)
            if self.chart is not None:
                mobs.append(self.chart.curves[i])
            roles.setdefault(r.name, []).extend(mobs)
        roles["minimum"] = [self.land.minima]
        if self.key is not None:
            roles["heat map"] = [self.key.bar]
        if self.chart is not None:
            roles["diverged"] = [self.chart.banner]
        return roles

    def keys(self) -> list[Mobject]:
        """The legend rows (each racer's swatch)."""
        return [self.legend]

    def build_moving(self) -> None:
        theme = self.s.theme
        self.add_moving(*self.tracers)
        if self.chart is not None:
            self.add_moving(self.chart.moving)
        self.add_moving(*[t.marker for t in self.tracers])
        self.build_exits()
        # Live read-outs, and the step beside the subtitle.
        self.r_loss = []
        for yy in self.row_y:
            r = GlyphText("", font_size=16, color=theme.text)
            _place_text(r, [self.loss_x, yy, 0])
            self.r_loss.append(r)
        self.r_step = GlyphText("", font_size=18, color=theme.muted)
        _place_text(
            self.r_step,
            [self.subtitle.get_right()[0] + 0.4, self.subtitle.get_bottom()[1] + 0.02, 0],
        )
        self.add_moving(self.r_step, *self.r_loss)

    def build_exits(self) -> None:
        """A ring where each path leaves the view, shown from that step on."""
        box = self.ax.box
        self.exit_step: list[int | None] = []
        self.exit_rings = []
        for t, c in zip(self.trajectories, self.colours, strict=True):
            p = np.asarray(t.params, dtype=float)
            x0, x1, y0, y1 = box
            inside = (p[:, 0] >= x0) & (p[:, 0] <= x1) & (p[:, 1] >= y0) & (p[:, 1] <= y1)
            out = np.flatnonzero(~inside)
            k = int(out[0]) if len(out) and out[0] > 0 else None
            self.exit_step.append(k)
            ring = Circle(radius=0.1, stroke_color=c, stroke_width=3.0).set_fill(opacity=0)
            if k is not None:
                _q0, q1, vis = clip_segments(p[k - 1][None], p[k][None], box)
                at = q1[0] if vis[0] else p[k - 1]
                ring.move_to(self.ax.c2p(at[0], at[1]))
            ring.set_stroke(opacity=0.0)
            self.exit_rings.append(ring)
        self.add_moving(*self.exit_rings)

    def readout(self, i: int, k: int) -> str:
        """Racer ``i``'s read-out at step ``k``: ``f − f*`` with the run's digits, or (no
        minimum) the distance from the start, and where it left the view."""
        t = self.trajectories[i]
        row = min(k, len(t.loss) - 1)
        if self.fmin is not None:
            return f"f − f* = {max(t.loss[row] - self.fmin, 0.0):.{self.digits - 1}e}"
        d = float(np.linalg.norm(t.params[row] - t.params[0]))
        text = f"d = {d:.2e}" if self.sci_distance else f"d = {d:.2f}"
        e = self.exit_step[i]
        return text + (f"  left at {e}" if e is not None and k >= e else "")

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
        for i, r in enumerate(self.r_loss):
            r.set_text(self.readout(i, k))
        for ring, e in zip(self.exit_rings, self.exit_step, strict=True):
            ring.set_stroke(opacity=1.0 if e is not None and tau >= e else 0.0)

    def show_ending(self) -> None:
        """The verdict with its criterion (and the winner boxed and ringed); every path at full
        opacity (the trails no longer fade)."""
        for tracer in self.tracers:
            tracer.set_fade_floor(1.0)
        theme, res = self.s.theme, self.result
        i = res.winner
        self.winner_index = i
        bottom = self.text_bottom - 0.15
        if i is None:
            text = "no minimum: no winner"
            key = SansText(
                "d = distance from the start; left at k: the step it left the view (○)",
                font_size=14,
                color=theme.muted,
            )
            if key.width > self.col_w:
                key.scale_to_fit_width(self.col_w)
            key.move_to([self.col_x, bottom - 0.42, 0], aligned_edge=UL)
            self.add(key)
        elif res.step is not None:
            text = f"{res.criterion}: {self.runs[i][0].name}, step {res.step}"
        else:
            text = f"winner: {self.runs[i][0].name}, {res.criterion}"
        label = SansText(text, font_size=17, color=theme.text)
        if label.width > self.col_w:
            label.scale_to_fit_width(self.col_w)
        label.move_to([self.col_x, bottom, 0], aligned_edge=UL)
        self.verdict_label = label
        self.add(label)
        if i is None:
            return
        row = self.legend[i]
        lo = self.col_x - 0.12
        hi = self.r_loss[i].get_right()[0] + 0.15
        box = Rectangle(
            width=hi - lo, height=self.pitch * 0.95, stroke_color=self.colours[i], stroke_width=2.5
        )
        box.move_to([(lo + hi) / 2, row.get_center()[1] - 0.02, 0])
        self.add(box)
        if self.tracers[i].head_inside:  # ring the winner's marker, if it is in view
            ring = self.tracers[i].marker.copy().set_fill(opacity=0)
            self.add(ring.set_stroke(self.colours[i], width=3, opacity=1).scale(2.2))
