"""The shared parts of the landscape templates: their settings, the template base, and text
helpers.

* checks for the landscape settings (``objective``, ``rule``), built on
  :mod:`maniml.scenes.settings` (one message format, every field checked at ``with_()``);
* :class:`LandscapeSettings`, the settings shared by the 2-D landscape scenes, and
  :class:`LandscapeTemplate`, the :class:`~maniml.scenes.template.Template` they derive from:
  the clock of the timeline, eased between rows (``smooth``), and the pacing by the paths'
  motion in the view;
* ``_readout``, ``_place_text``, ``_cross``, ``_swatch``: read-outs and small marks (numbers are
  formatted by :mod:`maniml.scenes.numbers`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from manim import LEFT, RIGHT, Line, VMobject

from ..._validation import ParameterError
from ...functions import Bowl, Objective
from ...rules import Plain, UpdateRule, make_rule
from ..readout import GlyphText, Readout
from ..settings import (
    SceneSettings,
    boolean,
    choice,
    colours,
    integer,
    point,
    real,
    setting,
    span,
)
from ..template import Template
from ..theme import Theme
from ..timeline import find_events, path_motion

__all__ = [
    "LandscapeSettings",
    "LandscapeTemplate",
    "dots_note",
    "objective",
    "rule_setting",
]


# -- checks -------------------------------------------------------------------------------------------
def objective(dim: int):
    """A check: a maniml :class:`~maniml.Objective` of ``dim`` variables."""
    kind = (
        "a 1-D maniml Objective (Parabola, SinCosWave, ...)"
        if dim == 1
        else "a 2-D maniml Objective (Bowl, Rosenbrock, Beale, Saddle, SinCos, ...)"
    )

    def check(v: Any, name: str, where: str) -> Objective:
        if not isinstance(v, Objective) or v.dim != dim:
            raise ParameterError(name, where, kind, v, kind="setting")
        return v

    return check


def rule_setting(v: Any, name: str, where: str) -> Any:
    """A check: an update rule's name (ignoring case; stored canonically) or an UpdateRule."""
    if isinstance(v, UpdateRule):
        return v
    try:
        return make_rule(v, where).name
    except ParameterError as e:
        raise e.as_setting(where, name) from None


def _rule(rule: Any, where: str, name: str = "rule") -> UpdateRule:
    """The update rule a (checked) ``rule`` setting names."""
    return rule if isinstance(rule, UpdateRule) else make_rule(rule, where)


def _rule_name(rule: UpdateRule) -> str:
    return "Gradient descent" if isinstance(rule, Plain) else type(rule).__name__


def _min_value(function: Objective) -> float | None:
    m = function.minima
    if len(m) == 0:
        return None
    return float(np.min(function(m)))


# -- settings --------------------------------------------------------------------------------------
@dataclass(frozen=True, eq=False)
class LandscapeSettings(SceneSettings):
    """Settings shared by the 2-D landscape scenes (on top of
    :class:`~maniml.scenes.settings.SceneSettings`: theme, title, run_time, intro_time,
    hold_time, pacing, segment).

    Attributes
    ----------
    function : Objective
        The 2-D function (``Bowl()``, ``Rosenbrock()``, ``Beale()``, ``Saddle()``, ``SinCos()``,
        ``StretchedBowl()`` or a ``CustomObjective``).
    start : (x, y) or None
        Start of the run; ``function.start`` when None.
    steps : int
        Steps of the run.
    x_range, y_range : (low, high) or None
        The view; when None, chosen from the run: with a known minimum the paths and the
        optimum with a margin, else the function's domain grown to the paths (equal aspect
        either way: both axes are in the same units).
    resolution : int
        Grid points per side for the contour lines (evaluated once, vectorised).
    image_resolution : int
        Pixels across the heat-map image.
    levels : int
        Number of contour lines.
    level_scale : {"auto", "linear", "log"}
        Spacing of the levels (and of the heat-map colours); "auto" picks log for functions
        with deep narrow valleys such as Rosenbrock and Beale.
    filled : bool
        Draw the heat map under the contour lines.
    bands : bool
        Flat colour between contour levels (filled contours) instead of a smooth ramp.
    heat_colors : tuple of str or None
        Heat-map colour ramp, low values first; from the theme when None.
    smooth : bool
        Glide the marker from one step to the next (else jump at each step).
    max_vertices : int
        A path is drawn through at most this many rows (the marker visits every row).
    fade : float
        The trail: the last ``fade`` steps of a path are drawn brighter the newer they are, older
        steps faint (0: the whole path at full opacity).
    step_dots : bool
        A small dot at every visited point, so single steps can be counted (where steps are
        shorter than about a dot's width, their dots are thinned: see
        :func:`~maniml.scenes.paths.spaced_rows`).
    """

    function: Objective = setting(check=objective(2), factory=Bowl)
    start: tuple[float, ...] | None = setting(None, point(2))
    steps: int | None = setting(30, integer(low=1, high=1_000_000))
    x_range: tuple[float, float] | None = setting(None, span())
    y_range: tuple[float, float] | None = setting(None, span())
    resolution: int = setting(121, integer(low=8, high=1000))
    image_resolution: int = setting(320, integer(low=16, high=2000))
    levels: int = setting(12, integer(low=1, high=60))
    level_scale: str = setting("auto", choice("auto", "linear", "log"))
    filled: bool = setting(True, boolean())
    bands: bool = setting(True, boolean())
    heat_colors: tuple[str, ...] | None = setting(None, colours(2))
    smooth: bool = setting(True, boolean())
    max_vertices: int = setting(1500, integer(low=2, high=100_000))
    fade: float = setting(12.0, real(low=0))
    step_dots: bool = setting(True, boolean())

    @property
    def start_point(self) -> np.ndarray:
        """The start actually used."""
        return np.asarray(self.function.start if self.start is None else self.start, dtype=float)


# -- the template base --------------------------------------------------------------------------------
def _ease(tau: float, smooth: bool, hold: float = 0.3) -> float:
    """Step position at clock ``tau``: hold at row k, then glide to row k + 1."""
    k = math.floor(tau)
    if not smooth:
        return float(k)
    s = min(max((tau - k - hold) / (1.0 - hold), 0.0), 1.0)
    return k + s * s * (3.0 - 2.0 * s)


class LandscapeTemplate(Template):
    """Base of the landscape templates: the clock counts steps; :meth:`step_at` is the
    (eased) step shown; the pacing follows the paths' motion in the view.

    Subclasses set ``self.runs``-like state in :meth:`prepare` (and ``self.trajectory``),
    create still mobjects in :meth:`build_still` (with :meth:`add_still`), moving ones in
    :meth:`build_moving` (with :meth:`add_moving`), and move them in :meth:`show_position`.
    """

    n_steps: int

    @property
    def s(self) -> Any:
        """The settings (short name used by the templates)."""
        return self.settings

    def step_at(self) -> float:
        """The (fractional) step shown now."""
        return _ease(self.clock.get_value(), getattr(self.settings, "smooth", False))

    def fmin_value(self) -> float | None:
        """The function's lowest value, if known."""
        return getattr(self, "fmin", None)

    def optimum_loss(self) -> float | None:
        return self.fmin_value()

    def view_paths(self) -> Sequence[np.ndarray]:
        """The paths whose motion paces the video (default: every run's parameters)."""
        return [t.params for t in self.trajectories]

    def step_motion(self) -> np.ndarray:
        """The largest motion of any path in the view at each step (the view as the axes
        will show it: ``self.view`` when :meth:`prepare` chose one, else the function's domain
        grown to the paths)."""
        from .layout import _view_ranges  # layout imports this module

        s = self.settings
        paths = list(self.view_paths())
        view = getattr(self, "view", None)
        if view is None:
            view = _view_ranges(s.function, paths, s.x_range, s.y_range)
        (x0, x1), (y0, y1) = view
        lo, hi = np.array([x0, y0]), np.array([x1, y1])
        motion = np.zeros(self.n_steps)
        for p in paths:
            m = path_motion(p, lo, hi)[: self.n_steps]
            motion[: len(m)] = np.maximum(motion[: len(m)], m)
        return motion

    def timeline_events(self) -> list[tuple[str, int, str]]:
        return find_events(self.trajectory, optimum_loss=self.fmin_value(), epochs=False)

    def build(self) -> None:
        self.build_still()
        self.build_moving()

    def build_still(self) -> None:
        """Add the mobjects that never change (hook)."""

    def build_moving(self) -> None:
        """Create the mobjects :meth:`show_position` moves and add them with
        :meth:`add_moving` (hook)."""


def _place_text(mob: GlyphText, left_baseline: np.ndarray) -> GlyphText:
    """Move a glyph text so that its pen origin (left end of the baseline) is at the point."""
    mob.shift(np.asarray(left_baseline, dtype=float) - mob._anchor.get_center())
    return mob


def _cross(point: np.ndarray, size: float, color: str, width: float = 3.0) -> VMobject:
    """An x-shaped mark (the known minimum)."""
    d = size / 2
    m = VMobject(stroke_color=color, stroke_width=width)
    p = np.asarray(point, dtype=float)
    m.set_points(
        np.array(
            [
                p + [-d, -d, 0], p + [-d / 3, -d / 3, 0], p + [d / 3, d / 3, 0], p + [d, d, 0],
                p + [-d, d, 0], p + [-d / 3, d / 3, 0], p + [d / 3, -d / 3, 0], p + [d, -d, 0],
            ]
        )
    )  # fmt: skip
    return m


def dots_note(dots: Sequence[Any]) -> str | None:
    """The legend's words for the step dots of some paths (:class:`~maniml.scenes.paths.StepDots`
    or None each), true to what is drawn: "one dot per step" only when every step in view has
    its dot, else that they are thinned; None without dots.

    Examples
    --------
    >>> class D:
    ...     thinned = False
    >>> dots_note([D(), None]), dots_note([None])
    ('one dot per step', None)
    >>> D.thinned = True
    >>> dots_note([D()])
    'dots: steps, thinned where close'
    """
    dots = [d for d in dots if d is not None]
    if not dots:
        return None
    if any(d.thinned for d in dots):
        return "dots: steps, thinned where close"
    return "one dot per step"


def _swatch(color: str, width: float = 0.4, stroke: float = 5.0) -> Line:
    return Line(LEFT * width / 2, RIGHT * width / 2, color=color, stroke_width=stroke)


def _readout(label: str, theme: Theme, font_size: float = 20, digits: int = 3, **kw) -> Readout:
    return Readout(label, digits=digits, font_size=font_size, color=theme.text, **kw)
