"""Landscape scenes: gradient descent as a walk on the loss surface.

Template scenes, each configured by a frozen settings dataclass in the class attribute
``settings`` (subclass and replace it; never pass arguments to the scene)::

    class MyBowl(BowlScene):
        settings = BowlScene.settings.with_(start=(3, -1), lr=0.3)

* :class:`ContourScene` (:class:`BowlScene`) -- heat map, contour lines and the optimiser's path
  on a 2-D function, with x, y, z and step read out, the update drawn as arrows, and the loss;
* :class:`Surface3DScene` (:class:`BowlSurfaceScene`) -- the same run on the 3-D surface
  (a :class:`~manim.ThreeDScene` with a still camera by default);
* :class:`OptimizerRaceScene` -- plain GD, momentum, Nesterov, AdaGrad, RMSProp and Adam on one
  landscape, with a legend, live losses, a loss chart and the winner marked;
* :class:`LearningRatesScene` -- one problem, several learning rates side by side; a run that
  blows up leaves the view and is labelled "diverged at step k";
* :class:`GD1DScene` (:class:`ParabolaScene`, :class:`WaveScene`) -- a 1-D function with the
  tangent and the step drawn at each iteration.

Each scene computes its runs in ``setup()`` (``settings.runs()`` is also usable on its own),
adds still mobjects first, and then plays one :class:`~manim.ValueTracker` (the step) whose
updaters move everything in place. The cost per frame does not depend on the number of steps.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any, ClassVar

import numpy as np
from manim import (
    DEGREES,
    DL,
    DOWN,
    DR,
    LEFT,
    ORIGIN,
    RIGHT,
    UL,
    UP,
    UR,
    Dot,
    Group,
    Line,
    Rectangle,
    Scene,
    ThreeDScene,
    ValueTracker,
    VGroup,
    VMobject,
    config,
    linear,
)

from ..descent import minimize
from ..diagnostics import describe_run, divergence_step
from ..functions import Bowl, Objective, Parabola, Rosenbrock, SinCosWave, StretchedBowl
from ..optimizers import BGD, Optimizer
from ..rules import RULES, Plain, UpdateRule
from ..surfaces import ModelLoss, grid_values
from ..trajectory import Trajectory
from .landscape import (
    ContourLines,
    FlatArrow,
    HeightSurface,
    LevelScale,
    LossChart,
    PathTracer,
    StepArrows,
    clip_segments,
    heat_colors,
    heat_map,
    palette,
)
from .primitives import BoxAxes, SansText, Scatter, nice_range
from .readout import GlyphText, Readout, format_number
from .theme import DARK, MONO, Theme

__all__ = [
    "RACE_PRESETS",
    "BowlScene",
    "BowlSurfaceScene",
    "ContourScene",
    "ContourSettings",
    "GD1DScene",
    "GD1DSettings",
    "LearningRatesScene",
    "LearningRatesSettings",
    "LandscapeSettings",
    "OptimizerRaceScene",
    "ParabolaScene",
    "RaceSettings",
    "Racer",
    "StretchedBowl",
    "Surface3DScene",
    "Surface3DSettings",
    "WaveScene",
    "divergence_step",
    "describe_run",
]


# -- validation -------------------------------------------------------------------------------------
def _bad(name: str, where: str, allowed: str, got: Any) -> ValueError:
    text = repr(got)
    text = text if len(text) <= 80 else text[:77] + "..."
    return ValueError(f"The {name!r} setting of {where} must be {allowed}; got {text}.")


def _real(v: Any, name: str, where: str, *, low=-math.inf, high=math.inf, strict_low=False):
    ok = isinstance(v, int | float | np.integer | np.floating) and not isinstance(v, bool)
    if ok:
        v = float(v)
        ok = math.isfinite(v) and (v > low if strict_low else v >= low) and v <= high
    if not ok:
        op = ">" if strict_low else ">="
        allowed = "a finite number"
        if low > -math.inf:
            allowed += f" {op} {low:g}"
        if high < math.inf:
            allowed += f" and <= {high:g}"
        raise _bad(name, where, allowed, v)
    return v


def _int(v: Any, name: str, where: str, *, low: int, high: int = 10**9) -> int:
    if isinstance(v, bool) or not isinstance(v, int | np.integer) or not low <= v <= high:
        raise _bad(name, where, f"an int in [{low}, {high}]", v)
    return int(v)


def _range(v: Any, name: str, where: str) -> tuple[float, float] | None:
    if v is None:
        return None
    try:
        lo, hi = (float(x) for x in v)
    except (TypeError, ValueError):
        raise _bad(name, where, "None or a pair (low, high) with low < high", v) from None
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise _bad(name, where, "None or a pair (low, high) with low < high", v)
    return lo, hi


def _point(v: Any, dim: int, name: str, where: str) -> tuple[float, ...] | None:
    if v is None:
        return None
    try:
        arr = np.asarray(v, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError):
        raise _bad(name, where, f"None or {dim} finite coordinates", v) from None
    if arr.shape != (dim,) or not np.isfinite(arr).all():
        raise _bad(name, where, f"None or {dim} finite coordinates", v)
    return tuple(float(x) for x in arr)


def _choice(v: Any, name: str, where: str, options: Sequence[str]) -> str:
    if v not in options:
        raise _bad(name, where, "one of " + ", ".join(repr(o) for o in options), v)
    return v


@dataclass(frozen=True)
class _Settings:
    """Shared behaviour: validation on creation and :meth:`with_`."""

    def with_(self, **changes: Any):
        """A copy with some settings changed (validated); unknown names raise ValueError."""
        names = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - names)
        if unknown:
            raise ValueError(
                f"{type(self).__name__} has no setting {unknown[0]!r}; "
                f"the settings are: {', '.join(sorted(names))}."
            )
        return replace(self, **changes)

    def __post_init__(self) -> None:
        self._validate(type(self).__name__)

    def _validate(self, where: str) -> None:  # pragma: no cover - overridden
        pass


def _check_common(s: Any, where: str, dim: int = 2) -> None:
    if not isinstance(s.function, Objective) or s.function.dim != dim:
        kind = "a 2-D maniml Objective (Bowl, Rosenbrock, Beale, Saddle, SinCos, ...)"
        if dim == 1:
            kind = "a 1-D maniml Objective (Parabola, SinCosWave, ...)"
        raise _bad("function", where, kind, s.function)
    object.__setattr__(s, "start", _point(s.start, dim, "start", where))
    if s.steps is not None or not isinstance(s, RaceSettings):
        _int(s.steps, "steps", where, low=1, high=1_000_000)
    object.__setattr__(s, "x_range", _range(s.x_range, "x_range", where))
    object.__setattr__(s, "y_range", _range(s.y_range, "y_range", where))
    if not isinstance(s.theme, Theme):
        raise _bad("theme", where, "a maniml Theme (DARK, LIGHT or Theme(...))", s.theme)
    _real(s.run_time, "run_time", where, low=0.0, strict_low=True)
    _real(s.end_wait, "end_wait", where, low=0.0)
    if s.title is not None and not isinstance(s.title, str):
        raise _bad("title", where, "None or a str", s.title)


def _rule(rule: Any, where: str, name: str = "rule") -> UpdateRule:
    if isinstance(rule, UpdateRule):
        return rule
    if isinstance(rule, str) and rule in RULES:
        return RULES[rule]()
    raise _bad(name, where, "an UpdateRule or one of " + ", ".join(map(repr, RULES)), rule)


def _rule_name(rule: UpdateRule) -> str:
    return "Gradient descent" if isinstance(rule, Plain) else type(rule).__name__


def _min_value(function: Objective) -> float | None:
    m = function.minima
    if len(m) == 0:
        return None
    return float(np.min(function(m)))


# -- settings --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class LandscapeSettings(_Settings):
    """Settings shared by the 2-D landscape scenes.

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
        The view; from the function's domain and the path when None.
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
    theme : Theme
    heat_colors : tuple of str or None
        Heat-map colour ramp, low values first; from the theme when None.
    run_time : float
        Seconds for the whole run.
    end_wait : float
        Seconds held on the last frame.
    smooth : bool
        Glide the marker from one step to the next (else jump at each step).
    max_vertices : int
        A path is drawn through at most this many rows (the marker visits every row).
    title : str or None
        Replaces the automatic title.
    """

    function: Objective = field(default_factory=Bowl)
    start: tuple[float, ...] | None = None
    steps: int = 30
    x_range: tuple[float, float] | None = None
    y_range: tuple[float, float] | None = None
    resolution: int = 121
    image_resolution: int = 320
    levels: int = 12
    level_scale: str = "auto"
    filled: bool = True
    bands: bool = True
    theme: Theme = DARK
    heat_colors: tuple[str, ...] | None = None
    run_time: float = 8.0
    end_wait: float = 1.5
    smooth: bool = True
    max_vertices: int = 1500
    title: str | None = None

    def _validate(self, where: str) -> None:
        _check_common(self, where)
        _int(self.resolution, "resolution", where, low=8, high=1000)
        _int(self.image_resolution, "image_resolution", where, low=16, high=2000)
        _int(self.levels, "levels", where, low=1, high=60)
        _choice(self.level_scale, "level_scale", where, ("auto", "linear", "log"))
        _int(self.max_vertices, "max_vertices", where, low=2, high=100_000)
        if self.heat_colors is not None and (
            isinstance(self.heat_colors, str) or len(self.heat_colors) < 2
        ):
            raise _bad(
                "heat_colors", where, "None or a tuple of two or more colours", self.heat_colors
            )

    @property
    def start_point(self) -> np.ndarray:
        """The start actually used."""
        return np.asarray(self.function.start if self.start is None else self.start, dtype=float)


@dataclass(frozen=True)
class ContourSettings(LandscapeSettings):
    """Settings of :class:`ContourScene` (and of :class:`Surface3DScene`), on top of
    :class:`LandscapeSettings`.

    Attributes
    ----------
    lr : float
        Learning rate.
    rule : str or UpdateRule
        ``"gd"``, ``"momentum"``, ``"nesterov"``, ``"adagrad"``, ``"rmsprop"``, ``"adam"`` or an
        instance such as ``Momentum(beta=0.8)``.
    show_arrows : bool
        Draw the update at the current point: ``-lr * grad`` and what the rule adds to it.
    arrow_scale : float
        Draw the arrows this many times longer than the step (1 = true length).
    show_loss : bool
        A small chart of the loss against the step (log scale when the minimum is known).
    """

    lr: float = 0.1
    rule: Any = "gd"
    show_arrows: bool = True
    arrow_scale: float = 1.0
    show_loss: bool = True

    def _validate(self, where: str) -> None:
        super()._validate(where)
        _real(self.lr, "lr", where, low=0.0, strict_low=True)
        _rule(self.rule, where)
        _real(self.arrow_scale, "arrow_scale", where, low=0.0, strict_low=True)

    @property
    def optimizer(self) -> Optimizer:
        return BGD(self.lr, rule=_rule(self.rule, type(self).__name__))

    def runs(self) -> Trajectory:
        """The run the scene shows."""
        return minimize(self.function, self.start_point, self.optimizer, steps=self.steps)


@dataclass(frozen=True)
class Surface3DSettings(ContourSettings):
    """Settings of :class:`Surface3DScene`, on top of :class:`ContourSettings`.

    Attributes
    ----------
    surface_resolution : int
        Faces per side of the surface (polygons = its square; Cairo redraws each one every
        frame the camera moves).
    phi, theta : float
        Camera angles in degrees (polar angle from the z axis, azimuth).
    zoom : float
        Camera zoom.
    ambient_rotation : float
        Camera rotation in degrees per second (0 keeps the camera still, the fast default).
    z_range : (low, high) or None
        Heights shown (the surface is clipped to it); from the function over the view when None.
    floor_path : bool
        Also draw the path's shadow on the floor of the box.
    """

    surface_resolution: int = 24
    phi: float = 62.0
    theta: float = -58.0
    zoom: float = 1.0
    ambient_rotation: float = 0.0
    z_range: tuple[float, float] | None = None
    floor_path: bool = True
    show_arrows: bool = False
    show_loss: bool = False

    def _validate(self, where: str) -> None:
        super()._validate(where)
        _int(self.surface_resolution, "surface_resolution", where, low=2, high=120)
        _real(self.phi, "phi", where, low=0.0, high=180.0)
        _real(self.theta, "theta", where)
        _real(self.zoom, "zoom", where, low=0.0, strict_low=True)
        _real(self.ambient_rotation, "ambient_rotation", where)
        object.__setattr__(self, "z_range", _range(self.z_range, "z_range", where))


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


# -- layout helpers -------------------------------------------------------------------------------------
def _fw() -> float:
    return float(config.frame_width)


def _fh() -> float:
    return float(config.frame_height)


def _view_ranges(
    function: Objective,
    paths: Sequence[np.ndarray],
    x_range: tuple[float, float] | None,
    y_range: tuple[float, float] | None,
) -> tuple[tuple[float, float], tuple[float, float]]:
    """The data box: the domain grown to the paths' points (ignoring points that fled far)."""
    (dx0, dx1), (dy0, dy1) = function.domain
    lo = np.array([dx0, dy0], dtype=float)
    hi = np.array([dx1, dy1], dtype=float)
    centre, span = (lo + hi) / 2, hi - lo
    for p in paths:
        # The start always shows; later points widen the view beyond the domain by at most a
        # tenth of its span (runaway points are cut at the axes).
        p = np.asarray(p, dtype=float)
        near = np.all(np.abs(p - centre) <= 0.6 * span, axis=1)
        near[0] = True
        lo = np.minimum(lo, p[near].min(axis=0))
        hi = np.maximum(hi, p[near].max(axis=0))
    xr = x_range or (float(lo[0]), float(hi[0]))
    yr = y_range or (float(lo[1]), float(hi[1]))
    return xr, yr


def _tight_range(lo: float, hi: float) -> tuple[float, float, float]:
    """Round ticks covering ``[lo, hi]`` with the least padding (4 to 8 ticks).

    Examples
    --------
    >>> _tight_range(-1.0, 5.0)
    (-1.0, 5.0, 1.0)
    """
    best = None
    for n in (5, 4, 6, 7, 8):
        r = nice_range(lo, hi, n, pad=0.0)
        waste = (r[1] - r[0]) - (hi - lo)
        if best is None or waste < best[0] - 1e-9 * (hi - lo):
            best = (waste, r)
    return best[1]


def _plane_axes(
    xr: tuple[float, float],
    yr: tuple[float, float],
    max_w: float,
    max_h: float,
    theme: Theme,
    *,
    font_size: float = 16,
    labels: tuple[str, str] = ("x", "y"),
    numbers: bool = True,
    exact: bool = False,
) -> BoxAxes:
    """Equal-aspect axes on round ticks covering the ranges, fitting ``max_w`` x ``max_h``."""
    if exact:
        x0, x1 = xr
        y0, y1 = yr
        xs = nice_range(x0, x1, 5, pad=0.0)[2]
        ys = nice_range(y0, y1, 5, pad=0.0)[2]
    else:
        x0, x1, xs = _tight_range(*xr)
        y0, y1, ys = _tight_range(*yr)
    unit = min(max_w / (x1 - x0), max_h / (y1 - y0))
    return BoxAxes(
        (x0, x1, xs),
        (y0, y1, ys),
        width=unit * (x1 - x0),
        height=unit * (y1 - y0),
        theme=theme,
        font_size=font_size,
        x_label=labels[0],
        y_label=labels[1],
        numbers=numbers,
    )


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


def _swatch(color: str, width: float = 0.4, stroke: float = 5.0) -> Line:
    return Line(LEFT * width / 2, RIGHT * width / 2, color=color, stroke_width=stroke)


class _Landscape:
    """The still layers of a 2-D landscape: axes, heat map, contour lines, minima marks."""

    def __init__(
        self,
        s: LandscapeSettings,
        paths: Sequence[np.ndarray],
        max_w: float,
        max_h: float,
        *,
        font_size: float = 16,
    ) -> None:
        f, theme = s.function, s.theme
        xr, yr = _view_ranges(f, paths, s.x_range, s.y_range)
        exact = s.x_range is not None and s.y_range is not None
        self.axes = _plane_axes(xr, yr, max_w, max_h, theme, font_size=font_size, exact=exact)
        box = self.axes.box
        xs, ys, Z = grid_values(f, box[:2], box[2:], resolution=s.resolution)
        finite = Z[np.isfinite(Z)]
        self.z_span = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
        self.fmin = _min_value(f)
        self.scale = LevelScale.fit(Z, s.level_scale, floor=self.fmin)
        self.levels = self.scale.levels(s.levels)
        colours = s.heat_colors or heat_colors(theme)
        self.image = None
        if s.filled:
            self.image = heat_map(
                self.axes,
                f,
                self.scale,
                colours,
                resolution=s.image_resolution,
                bands=s.levels if s.bands else None,
            )
        self.lines = ContourLines(
            self.axes, xs, ys, Z, self.levels, color=theme.text, opacity=0.28, stroke_width=1.0
        )
        self.minima = VGroup()
        for m in f.minima:
            if self.axes.contains(m[0], m[1]):
                self.minima.add(_cross(self.axes.c2p(m[0], m[1]), 0.22, theme.optimum))

    def mobjects(self) -> list:
        out = [self.image] if self.image is not None else []
        return out + [self.lines, self.axes, self.minima]

    def shift(self, v: np.ndarray) -> _Landscape:
        Group(*self.mobjects()).shift(v)
        return self


def _linear_loss_range(land: _Landscape, runs: Sequence[Trajectory]) -> tuple[float, float]:
    """Loss-chart range without a known minimum: the values the view shows (a run that
    heads to minus infinity leaves the chart at the bottom rather than flatten it)."""
    lo, hi = land.z_span
    start = max(float(t.loss[0]) for t in runs)
    return min(lo, start), max(start, lo + 1e-9 + 0.25 * (hi - lo))


# -- timeline ---------------------------------------------------------------------------------------------
def _ease(tau: float, smooth: bool, hold: float = 0.3) -> float:
    """Step position at tracker value ``tau``: hold at row k, then glide to row k + 1."""
    k = math.floor(tau)
    if not smooth:
        return float(k)
    s = min(max((tau - k - hold) / (1.0 - hold), 0.0), 1.0)
    return k + s * s * (3.0 - 2.0 * s)


class _Timeline:
    """Mixin: one ValueTracker (the step), played once, then a still ending."""

    settings: ClassVar[Any]
    n_steps: int

    def setup(self) -> None:
        super().setup()  # type: ignore[misc]
        s = type(self).settings
        expected = self._settings_type()
        if not isinstance(s, expected):
            raise ValueError(
                f"The 'settings' of {type(self).__name__} must be a {expected.__name__}; "
                f"got {type(s).__name__}."
            )
        self.s = s
        self.tracker = ValueTracker(0.0)
        self.prepare()

    def _settings_type(self) -> type:  # pragma: no cover - overridden
        return _Settings

    def prepare(self) -> None:
        """Compute the runs (hook)."""

    def step_at(self) -> float:
        """The (fractional) step shown now."""
        return _ease(self.tracker.get_value(), self.s.smooth)

    def construct(self) -> None:
        self.build_still()
        self.build_moving()
        self.update_moving()
        self.animate_steps()
        self.finish()

    def build_still(self) -> None:
        """Add the mobjects that never change (hook)."""

    def build_moving(self) -> None:
        """Add the mobjects that follow the tracker, with their updaters (hook)."""

    def update_moving(self) -> None:
        """Bring every moving mobject to the tracker's current value."""
        self.update_mobjects(0)  # type: ignore[attr-defined]

    def animate_steps(self) -> None:
        self.play(  # type: ignore[attr-defined]
            self.tracker.animate.set_value(self.n_steps), run_time=self.s.run_time, rate_func=linear
        )

    def finish(self) -> None:
        """Show the ending (hook), then hold it for ``end_wait`` seconds."""
        self.show_ending()
        if self.s.end_wait > 0:
            self.wait(self.s.end_wait)  # type: ignore[attr-defined]

    def show_ending(self) -> None:
        """Add the closing captions (hook)."""


def _readout(label: str, theme: Theme, font_size: float = 20, digits: int = 3, **kw) -> Readout:
    return Readout(label, digits=digits, font_size=font_size, color=theme.text, **kw)


def _g(v: float) -> str:
    """A setting's value as the user wrote it (0.0015, 0.1, 1e-05)."""
    return f"{float(v):.6g}"


def _sig(v: float, digits: int = 3) -> str:
    """A compact number for read-outs: fixed point, scientific when large or tiny."""
    if not math.isfinite(v):
        return "inf" if v > 0 else "-inf" if v < 0 else "nan"
    if v != 0 and (abs(v) >= 1e4 or abs(v) < 1e-3):
        return f"{v:.2e}"
    return f"{v:.{digits}f}"


class _OneRunText:
    """Mixin for the one-run scenes (contour, surface): the step/x/y/z read-outs and the ending."""

    s: Any
    traj: Trajectory
    fmin: float | None
    tracer: PathTracer
    n_steps: int

    def build_readouts(self, x: float, y: float) -> VGroup:
        """Step, x, y and z read-outs, left-aligned at ``x`` from baseline ``y`` down, following
        the tracker (the updater sits on the step read-out); also stored as ``self.readouts``."""
        theme = self.s.theme
        self.r_step = GlyphText("", font_size=22, color=theme.text)
        self.r_x = _readout("x", theme, 22)
        self.r_y = _readout("y", theme, 22)
        self.r_z = _readout("z", theme, 22)
        for i, r in enumerate((self.r_step, self.r_x, self.r_y, self.r_z)):
            _place_text(r, [x, y - 0.5 * i, 0])
        width = len(str(self.n_steps))
        params, loss = self.traj.params, self.traj.loss

        def update(_m):
            k = math.floor(self.step_at())
            self.r_step.set_text(f"step {k:>{width}d} / {self.n_steps}")
            self.r_x.set_text(f"x = {_sig(params[k, 0]):>8}")
            self.r_y.set_text(f"y = {_sig(params[k, 1]):>8}")
            self.r_z.set_text(f"z = {_sig(loss[k]):>8}")

        self.r_step.add_updater(update)
        self.readouts = VGroup(self.r_step, self.r_x, self.r_y, self.r_z)
        return self.readouts

    def ending_text(self, x: float) -> SansText:
        """The closing caption (diverged, ends at..., or left the view) below the read-outs at
        ``x``; also stored as ``self.ending``. The caller adds it."""
        theme = self.s.theme
        k = divergence_step(self.traj, self.fmin)
        final = self.traj.final
        if k is not None:
            text, colour = f"diverged at step {k}", theme.diverged
        elif self.tracer.head_inside:
            text, colour = f"ends at ({_sig(final[0])}, {_sig(final[1])})", theme.text
        else:
            text, colour = "the path left the view", theme.diverged
        self.ending = SansText(text, font_size=20, color=colour)
        self.ending.move_to([x, self.r_z._anchor.get_center()[1] - 0.6, 0], aligned_edge=UL)
        return self.ending


# -- 2-D contour scene ------------------------------------------------------------------------------------
class ContourScene(_OneRunText, _Timeline, Scene):
    """Gradient descent on a 2-D function: heat map, contour lines and the path, with the point's
    coordinates, value and step read out, the update drawn as arrows and a loss chart.

    Configure with ``settings = ContourScene.settings.with_(...)`` (see :class:`ContourSettings`).
    """

    settings: ClassVar[ContourSettings] = ContourSettings()

    def _settings_type(self) -> type:
        return ContourSettings

    def prepare(self) -> None:
        self.traj = self.s.runs()
        self.n_steps = self.traj.n_steps
        self.fmin = _min_value(self.s.function)

    # layout: landscape on the left, text and chart on the right
    def build_still(self) -> None:
        s, theme = self.s, self.s.theme
        self.camera.background_color = theme.background
        fw, fh = _fw(), _fh()
        side = fh - 1.5
        self.land = _Landscape(s, [self.traj.params], side, side)
        ax = self.land.axes
        ax_box = Group(*self.land.mobjects())
        ax_box.move_to([-fw / 2 + 0.45 + ax_box.width / 2, -0.05, 0])
        self.add(*self.land.mobjects())

        x_col = -fw / 2 + 0.45 + ax_box.width + 0.55
        self.col_x = x_col
        rule = _rule(s.rule, type(self).__name__)
        title = s.title or f"{_rule_name(rule)} on f(x, y) = {s.function.label}"
        self.title = SansText(title, font_size=26, color=theme.text)
        if self.title.width > fw / 2 - x_col - 0.3:
            self.title.scale_to_fit_width(fw / 2 - x_col - 0.3)
        self.title.move_to([x_col, fh / 2 - 0.55, 0], aligned_edge=LEFT)
        x0 = s.start_point
        sub = f"lr = {_g(s.lr)}   start ({_sig(x0[0], 2)}, {_sig(x0[1], 2)})   {self.n_steps} steps"
        self.subtitle = SansText(sub, font_size=18, color=theme.muted)
        self.subtitle.next_to(self.title, DOWN, buff=0.2, aligned_edge=LEFT)
        self.add(self.title, self.subtitle)
        self.ax = ax
        # Legend for the arrows and the minimum.
        top = self.subtitle.get_bottom()[1] - 0.35
        self.text_top = top
        legend = VGroup()
        if s.show_arrows:
            g = VGroup(_swatch(theme.class1), SansText("−lr · ∇f", font_size=16, color=theme.text))
            g.arrange(RIGHT, buff=0.15)
            legend.add(g)
            if not isinstance(rule, Plain):
                r = VGroup(
                    _swatch(theme.data),
                    SansText(f"{type(rule).__name__}'s addition", font_size=16, color=theme.text),
                )
                r.arrange(RIGHT, buff=0.15)
                legend.add(r)
        if len(s.function.minima):
            legend.add(
                VGroup(
                    _cross(np.zeros(3), 0.2, theme.optimum),
                    SansText("minimum", font_size=16, color=theme.text),
                ).arrange(RIGHT, buff=0.15)
            )
        self.legend = legend
        # Loss chart (bottom right).
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
                font_size=14,
            )
            self.chart.move_to([fw / 2 - 0.4, -fh / 2 + 0.35, 0], aligned_edge=DR)
            y_title = "log₁₀(f − f*)" if log else "f"
            self.chart_title = SansText(f"{y_title} by step", font_size=16, color=theme.muted)
            self.chart_title.next_to(self.chart, UP, buff=0.12, aligned_edge=LEFT)
            self.add(self.chart.axes, self.chart_title)
        if len(legend):
            legend.arrange(RIGHT, buff=0.45)
            if legend.width > fw / 2 - x_col - 0.4:
                legend.arrange(DOWN, buff=0.16, aligned_edge=LEFT)
            y = (self.chart_title.get_top()[1] + 0.35) if self.chart else -fh / 2 + 0.6
            legend.move_to([x_col, y, 0], aligned_edge=DL)
            self.add(legend)

    def build_moving(self) -> None:
        s, theme, ax = self.s, self.s.theme, self.ax
        tr = PathTracer(
            self.traj.params,
            ax.xy_to_points,
            ax.box,
            color=theme.path,
            stroke_width=3.0,
            max_vertices=s.max_vertices,
            marker_radius=0.075,
            marker_color=theme.highlight,
        )
        self.tracer = tr
        moving: list = [tr]
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
            self.arrows.add_updater(lambda m: m.set_step(math.floor(self.step_at())))
        tr.add_updater(lambda m: m.set_progress(self.step_at()))
        moving.append(tr.marker)
        if s.show_arrows:
            moving.append(self.arrows)
        # Read-outs: step, x, y, z.
        moving.append(self.build_readouts(self.col_x, self.text_top - 0.2))
        if self.chart is not None:
            for c in self.chart.curves:
                c.add_updater(lambda m: m.set_progress(min(self.step_at(), len(m.rows) - 1)))
                moving.append(c)
        self.add(*moving)

    def show_ending(self) -> None:
        self.add(self.ending_text(self.col_x))


class BowlScene(ContourScene):
    """Gradient descent on the bowl ``z = (x-1)^2 + (y-2)^2`` (seed 001's example)."""

    settings: ClassVar[ContourSettings] = ContourSettings(function=Bowl(), lr=0.1, steps=30)


# -- 3-D surface scene ---------------------------------------------------------------------------------------
class Surface3DScene(_OneRunText, _Timeline, ThreeDScene):
    """Gradient descent on the 3-D surface ``z = f(x, y)``: the path lifted onto the surface, its
    shadow on the floor, and fixed-in-frame read-outs. The camera is still by default.

    Configure with ``settings = Surface3DScene.settings.with_(...)`` (:class:`Surface3DSettings`).
    """

    settings: ClassVar[Surface3DSettings] = Surface3DSettings()

    def _settings_type(self) -> type:
        return Surface3DSettings

    def prepare(self) -> None:
        self.traj = self.s.runs()
        self.n_steps = self.traj.n_steps
        self.fmin = _min_value(self.s.function)

    def build_still(self) -> None:
        s, theme, f = self.s, self.s.theme, self.s.function
        self.camera.background_color = theme.background
        fw, fh = _fw(), _fh()
        xr, yr = _view_ranges(f, [self.traj.params], s.x_range, s.y_range)
        x0, x1, _ = _tight_range(*xr)
        y0, y1, _ = _tight_range(*yr)
        self.box = (x0, x1, y0, y1)
        # One vectorised evaluation for the height range (the surface makes its own, smaller).
        _xg, _yg, Z = grid_values(f, (x0, x1), (y0, y1), resolution=81)
        finite = Z[np.isfinite(Z)]
        if s.z_range is not None:
            z0, z1 = s.z_range
        else:
            z0, z1, _ = nice_range(
                float(finite.min()), float(np.percentile(finite, 98)), 4, pad=0.0
            )
        self.z_lim = (z0, z1)
        # Title first: the 3-D view is fitted into the space it leaves.
        rule = _rule(s.rule, type(self).__name__)
        title = s.title or f"{_rule_name(rule)} on z = {f.label}"
        self.title = SansText(title, font_size=26, color=theme.text)
        self.title.to_corner(UL, buff=0.4)
        sub = (
            f"lr = {_g(s.lr)}   "
            f"start ({_sig(self.traj.params[0, 0], 2)}, {_sig(self.traj.params[0, 1], 2)})   "
            f"{self.n_steps} steps"
        )
        self.subtitle = SansText(sub, font_size=18, color=theme.muted)
        self.subtitle.next_to(self.title, DOWN, buff=0.15, aligned_edge=LEFT)
        self._text_x = -fw / 2 + 0.4
        self._text_y = self.subtitle.get_bottom()[1] - 0.7
        # World coordinates: x and y at equal scale, z stretched to 0.6 of the wider side.
        span = max(x1 - x0, y1 - y0)
        k = np.array([1.0 / span, 1.0 / span, 0.6 / (z1 - z0)])
        mid = np.array([(x0 + x1) / 2, (y0 + y1) / 2, (z0 + z1) / 2])
        self.set_camera_orientation(phi=s.phi * DEGREES, theta=s.theta * DEGREES, zoom=1.0)
        self.camera.reset_rotation_matrix()  # the matrix is otherwise refreshed only per frame
        corners = np.array([[x, y, z] for x in (x0, x1) for y in (y0, y1) for z in (z0, z1)])
        z_top = z1 + 0.2 * (z1 - z0)  # room for the z label
        fit = np.array([[x, y, z] for x in (x0, x1) for y in (y0, y1) for z in (z0, z_top)])
        # Fit the projected box into the frame right of the read-outs (two passes for the
        # perspective), then apply the user's zoom about the fitted centre.
        target = np.array([-fw / 2 + 4.0, fw / 2 - 0.4, -fh / 2 + 0.5, fh / 2 - 0.3])
        scale, shift = 1.0, np.zeros(3)
        rot = self.camera.get_rotation_matrix()
        for _ in range(3):
            world = (fit - mid) * k * scale + shift
            q = self.camera.project_points(world)
            qx0, qx1, qy0, qy1 = q[:, 0].min(), q[:, 0].max(), q[:, 1].min(), q[:, 1].max()
            ratio = min(
                (target[1] - target[0]) / (qx1 - qx0), (target[3] - target[2]) / (qy1 - qy0)
            )
            scale *= ratio
            world = (fit - mid) * k * scale + shift
            q = self.camera.project_points(world)
            dx = (target[0] + target[1]) / 2 - (q[:, 0].min() + q[:, 0].max()) / 2
            dy = (target[2] + target[3]) / 2 - (q[:, 1].min() + q[:, 1].max()) / 2
            shift = shift + rot.T @ np.array([dx, dy, 0.0])
        scale *= s.zoom

        def to_scene(p: np.ndarray) -> np.ndarray:
            p = np.asarray(p, dtype=float).reshape(-1, 3)
            return (p - mid) * k * scale + shift

        self.to_scene = to_scene
        scale_levels = LevelScale.fit(finite, s.level_scale, floor=self.fmin)
        colours = s.heat_colors or heat_colors(theme)
        self.surface = HeightSurface(
            f,
            to_scene,
            self.box,
            resolution=s.surface_resolution,
            scale=scale_levels,
            colors=colours,
            opacity=0.9,
            stroke_color=theme.text,
            stroke_opacity=0.15,
            z_clip=(z0, z1),
        )
        # The box: floor outline and the vertical edge at the back corner, labelled ends.
        depth = (to_scene(corners) @ rot.T)[:, 2]  # larger is nearer the camera
        floor = to_scene(
            np.array([[x0, y0, z0], [x1, y0, z0], [x1, y1, z0], [x0, y1, z0], [x0, y0, z0]])
        )
        frame = VGroup(
            VMobject(stroke_color=theme.axis, stroke_width=2).set_points_as_corners(floor)
        )
        back = corners[np.argmin(depth)]
        frame.add(
            Line(to_scene(np.array([back[0], back[1], z0]))[0], to_scene(np.array([back[0], back[1], z1]))[0],
                 color=theme.axis, stroke_width=2)
        )  # fmt: skip
        near_y = (
            y1
            if (to_scene(np.array([[0, y1, z0]])) @ rot.T)[0, 2]
            > (to_scene(np.array([[0, y0, z0]])) @ rot.T)[0, 2]
            else y0
        )
        near_x = (
            x1
            if (to_scene(np.array([[x1, 0, z0]])) @ rot.T)[0, 2]
            > (to_scene(np.array([[x0, 0, z0]])) @ rot.T)[0, 2]
            else x0
        )
        out_y = (near_y - (y0 + y1) / 2) * 0.16
        out_x = (near_x - (x0 + x1) / 2) * 0.16
        labels = []
        fmt = lambda v: format_number(v, 2).rstrip("0").rstrip(".")  # noqa: E731
        for text, p, size in (
            (fmt(x0), (x0, near_y + out_y * 0.6, z0), 16),
            (fmt(x1), (x1, near_y + out_y * 0.6, z0), 16),
            ("x", ((x0 + x1) / 2, near_y + out_y, z0), 22),
            (fmt(y0), (near_x + out_x * 0.6, y0, z0), 16),
            (fmt(y1), (near_x + out_x * 0.6, y1, z0), 16),
            ("y", (near_x + out_x, (y0 + y1) / 2, z0), 22),
            (fmt(z1), (back[0], back[1], z1 + 0.06 * (z1 - z0)), 16),
            ("z", (back[0], back[1], z1 + 0.16 * (z1 - z0)), 22),
        ):
            colour = theme.text if size > 20 else theme.muted
            labels.append(
                SansText(text, font_size=size, color=colour).move_to(to_scene(np.array(p))[0])
            )
        self.add(frame, self.surface)
        for t in labels:
            self.add_fixed_orientation_mobjects(t)
        self.add_fixed_in_frame_mobjects(self.title, self.subtitle)

    def build_moving(self) -> None:
        s, theme, f = self.s, self.s.theme, self.s.function
        z0, z1 = self.z_lim
        lift = 0.015 * (z1 - z0)

        def on_surface(xy: np.ndarray) -> np.ndarray:
            xy = np.asarray(xy, dtype=float).reshape(-1, 2)
            with np.errstate(all="ignore"):
                z = np.clip(np.asarray(f(xy), dtype=float) + lift, z0, z1 + lift)
            return self.to_scene(np.column_stack([xy, z]))

        def on_floor(xy: np.ndarray) -> np.ndarray:
            xy = np.asarray(xy, dtype=float).reshape(-1, 2)
            return self.to_scene(np.column_stack([xy, np.full(len(xy), z0)]))

        moving = []
        if s.floor_path:
            shadow = PathTracer(
                self.traj.params,
                on_floor,
                self.box,
                color=theme.muted,
                stroke_width=2.0,
                opacity=0.8,
                max_vertices=s.max_vertices,
                marker_radius=0.0,
            )
            shadow.add_updater(lambda m: m.set_progress(self.step_at()))
            moving.append(shadow)
        tr = PathTracer(
            self.traj.params,
            on_surface,
            self.box,
            color=theme.path,
            stroke_width=3.5,
            max_vertices=s.max_vertices,
            subdivide=6,
            marker_radius=0.09,
            marker_color=theme.highlight,
        )
        tr.add_updater(lambda m: m.set_progress(self.step_at()))
        self.tracer = tr
        moving += [tr, tr.marker]
        self.add(*moving)
        self.add_fixed_orientation_mobjects(tr.marker)  # a round dot, not an ellipse
        # Read-outs, fixed in the frame.
        self.build_readouts(self._text_x, self._text_y)
        for r in self.readouts:
            r.set_text(" " * 24).set_text("")  # create every glyph slot before fixing them
        self.add_fixed_in_frame_mobjects(self.readouts)
        if s.ambient_rotation:
            self.begin_ambient_camera_rotation(rate=s.ambient_rotation * DEGREES)

    def show_ending(self) -> None:
        self.add_fixed_in_frame_mobjects(self.ending_text(self._text_x))


class BowlSurfaceScene(Surface3DScene):
    """Gradient descent on the 3-D bowl ``z = (x-1)^2 + (y-2)^2``."""

    settings: ClassVar[Surface3DSettings] = Surface3DSettings(function=Bowl(), lr=0.1, steps=30)


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


# -- linear regression: the loss over (intercept, slope) with BGD, SGD and mini-batch ----------------
def _default_methods() -> tuple[Racer, ...]:
    from ..optimizers import SGD, MiniBatchGD

    return (
        Racer("BGD", BGD(0.1)),
        Racer("SGD", SGD(0.02)),
        Racer("Mini-batch (8)", MiniBatchGD(0.05, 8)),
    )


@dataclass(frozen=True)
class LinRegLandscapeSettings(_Settings):
    """Settings of :class:`LinRegLandscapeScene`.

    Attributes
    ----------
    data : str, (X, y) or Dataset
        As the fit scenes' ``data`` setting (``'linear'``, ``'diabetes'`` with one feature, a CSV
        path, arrays); one feature.
    data_options : dict or None
        Passed to the data set's generator (default ``{'n': 40}`` for ``'linear'``).
    methods : tuple of Racer
        The runs, each with its optimiser (BGD, SGD, MiniBatchGD and any update rule).
    featured : int
        Index of the run whose batches are ringed in the data panel (its line is drawn thickest).
    epochs : int
        Passes over the data; all runs are shown in step with each other by epoch.
    seed : int
        Shuffling seed (and the seed of generated data).
    init : (intercept, slope)
        The common start.
    x_range, y_range : (low, high) or None
        Intercept and slope ranges of the landscape; around the paths and the optimum when None.
    resolution, image_resolution, levels, level_scale, filled, bands, heat_colors
        As in :class:`LandscapeSettings`.
    show_loss : bool
        Loss curves of every run (log10 of loss minus the least-squares loss) by epoch.
    theme, run_time, end_wait, max_vertices, title
    """

    data: Any = "linear"
    data_options: dict | None = None
    methods: tuple[Racer, ...] = field(default_factory=_default_methods)
    featured: int = 2
    epochs: int = 15
    seed: int = 0
    init: tuple[float, float] = (-2.0, -2.0)
    x_range: tuple[float, float] | None = None
    y_range: tuple[float, float] | None = None
    resolution: int = 121
    image_resolution: int = 320
    levels: int = 12
    level_scale: str = "auto"
    filled: bool = True
    bands: bool = True
    heat_colors: tuple[str, ...] | None = None
    show_loss: bool = True
    theme: Theme = DARK
    run_time: float = 10.0
    end_wait: float = 2.0
    max_vertices: int = 1500
    title: str | None = None
    smooth: bool = False

    def _validate(self, where: str) -> None:
        if (
            isinstance(self.methods, Racer)
            or not 1 <= len(self.methods) <= 6
            or not all(isinstance(m, Racer) for m in self.methods)
        ):
            raise _bad("methods", where, "a tuple of 1 to 6 Racer(name, optimizer)", self.methods)
        _int(self.featured, "featured", where, low=0, high=len(self.methods) - 1)
        _int(self.epochs, "epochs", where, low=1, high=100_000)
        _int(self.seed, "seed", where, low=0, high=2**32 - 1)
        object.__setattr__(self, "init", _point(self.init, 2, "init", where))
        if self.init is None:
            raise _bad("init", where, "an (intercept, slope) pair", None)
        object.__setattr__(self, "x_range", _range(self.x_range, "x_range", where))
        object.__setattr__(self, "y_range", _range(self.y_range, "y_range", where))
        _int(self.resolution, "resolution", where, low=8, high=1000)
        _int(self.image_resolution, "image_resolution", where, low=16, high=2000)
        _int(self.levels, "levels", where, low=1, high=60)
        _choice(self.level_scale, "level_scale", where, ("auto", "linear", "log"))
        if not isinstance(self.theme, Theme):
            raise _bad("theme", where, "a maniml Theme", self.theme)
        _real(self.run_time, "run_time", where, low=0.0, strict_low=True)
        _real(self.end_wait, "end_wait", where, low=0.0)

    def dataset(self) -> tuple[np.ndarray, np.ndarray]:
        """The data ``(X, y)`` with one feature."""
        from .sources import resolve_data

        where = "LinRegLandscapeSettings"
        options = self.data_options
        if options is None and self.data == "linear":
            options = {"n": 40}
        d = resolve_data(self.data, where=where, options=options, seed=self.seed)
        X = np.asarray(d.X, dtype=float).reshape(len(d.y), -1)
        if X.shape[1] != 1:
            raise _bad(
                "data", where, "data with one feature (a line over x)", f"{X.shape[1]} features"
            )
        return X, np.asarray(d.y, dtype=float)

    def runs(self) -> list[tuple[Racer, Trajectory]]:
        """One :func:`maniml.fit` run of linear regression per method, same data, start, seed."""
        from ..models import LinearRegression
        from ..training import fit

        X, y = self.dataset()
        return [
            (
                m,
                fit(LinearRegression(), X, y, m.optimizer, epochs=self.epochs, seed=self.seed,
                    init=np.asarray(self.init)),
            )
            for m in self.methods
        ]  # fmt: skip


class LinRegLandscapeScene(_Timeline, Scene):
    """Linear regression's loss over (intercept, slope) as filled contours, with the paths of
    BGD, SGD and mini-batch gradient descent on it, in step by epoch with the data panel (the
    fit scenes' :class:`~maniml.scenes.panels.DataPanel`: data, model lines, the featured run's
    batch) and the loss curves.

    Configure with ``settings = LinRegLandscapeScene.settings.with_(...)``
    (:class:`LinRegLandscapeSettings`).
    """

    settings: ClassVar[LinRegLandscapeSettings] = LinRegLandscapeSettings()

    def _settings_type(self) -> type:
        return LinRegLandscapeSettings

    def prepare(self) -> None:
        from ..models import LinearRegression

        s = self.s
        self.runs = s.runs()
        self.X, self.y = self.runs[0][1].X, self.runs[0][1].y
        self.n_steps = s.epochs  # the tracker counts epochs
        self.per_epoch = [t.n_steps / max(1, int(t.epoch[-1])) for _, t in self.runs]
        pal = palette(s.theme)
        self.colours = [m.color or pal[i % len(pal)] for i, (m, _) in enumerate(self.runs)]
        obj = ModelLoss(model=LinearRegression(), X=self.X, y=self.y)
        opt = obj.minima[0]
        pts = np.concatenate([t.params for _, t in self.runs] + [opt[None]])
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        pad = 0.08 * (hi - lo).max()
        box = ((lo[0] - pad, hi[0] + pad), (lo[1] - pad, hi[1] + pad))
        self.objective = replace(obj, box=box)
        self.fmin = float(self.objective(opt))

    def row_at(self, i: int) -> float:
        """Fractional row of run ``i`` at the tracker's epoch."""
        t = self.runs[i][1]
        return min(self.tracker.get_value() * self.per_epoch[i], float(t.n_steps))

    def build_still(self) -> None:
        from .panels import DataPanel

        s, theme = self.s, self.s.theme
        self.camera.background_color = theme.background
        fw, fh = _fw(), _fh()
        land_s = LandscapeSettings(
            function=self.objective,
            x_range=s.x_range,
            y_range=s.y_range,
            resolution=s.resolution,
            image_resolution=s.image_resolution,
            levels=s.levels,
            level_scale=s.level_scale,
            filled=s.filled,
            bands=s.bands,
            heat_colors=s.heat_colors,
            theme=theme,
        )
        side = fh - 1.9  # room below for tick labels and the axis title
        self.land = _Landscape(land_s, [t.params for _, t in self.runs], side, side)
        self.land.axes.x_title.become(
            SansText("intercept θ₀", font_size=18, color=theme.text).move_to(self.land.axes.x_title)
        )
        self.land.axes.y_title.become(
            SansText("slope θ₁", font_size=18, color=theme.text).move_to(
                self.land.axes.y_title, aligned_edge=LEFT
            )
        )
        g = Group(*self.land.mobjects())
        g.move_to([-fw / 2 + 0.4 + g.width / 2, 0, 0])
        g.align_to([0, fh / 2 - 0.2, 0], UP)
        self.add(*self.land.mobjects())
        self.ax = self.land.axes
        col = -fw / 2 + 0.4 + g.width + 0.5
        col_w = fw / 2 - col - 0.3
        self.col_x = col
        title = s.title or "Linear regression: loss over (θ₀, θ₁)"
        self.title = SansText(title, font_size=24, color=theme.text)
        if self.title.width > col_w:
            self.title.scale_to_fit_width(col_w)
        self.title.move_to([col, fh / 2 - 0.4, 0], aligned_edge=LEFT)
        self.add(self.title)
        featured = self.runs[s.featured][1]
        self.panel = DataPanel(featured, theme=theme, width=col_w, height=2.8, font_size=14)
        self.panel.model.set_stroke(self.colours[s.featured], width=4)
        self.panel.move_to([col + col_w / 2, 0, 0])
        self.panel.align_to([0, self.title.get_bottom()[1] - 0.55, 0], UP)
        self.add(self.panel.still)
        # Legend rows: swatch, name, then live epoch / loss.
        y0 = self.panel.get_bottom()[1] - 0.35
        self.row_y = []
        names = [SansText(m.name, font_size=17, color=theme.text) for m, _ in self.runs]
        name_w = max(n.width for n in names)
        for i, (name, c) in enumerate(zip(names, self.colours, strict=True)):
            yy = y0 - 0.36 * i
            self.add(_swatch(c, 0.35, 6).move_to([col + 0.18, yy + 0.07, 0]))
            self.add(name.move_to([col + 0.5, yy + 0.07, 0], aligned_edge=LEFT))
            self.row_y.append(yy)
        self.loss_x = col + 0.5 + name_w + 0.25
        self.chart = None
        if s.show_loss:
            top = self.row_y[-1] - 0.3
            h = top - (-fh / 2 + 0.25) - 0.8
            self.chart = LossChart(
                [t.loss for _, t in self.runs],
                self.colours,
                floor=self.fmin,
                log=True,
                width=col_w - 0.7,
                height=max(h, 0.8),
                theme=theme,
                font_size=13,
                stroke_width=2.0,
                x_per_row=[1.0 / d for d in self.per_epoch],
                x_max=s.epochs,
                x_label="epoch",
            )
            if self.chart.height > top - (-fh / 2 + 0.25):
                self.chart.scale_to_fit_height(top - (-fh / 2 + 0.25))
            self.chart.move_to([fw / 2 - 0.3, -fh / 2 + 0.25, 0], aligned_edge=DR)
            label = SansText("log₁₀(loss − least-squares loss)", font_size=14, color=theme.muted)
            label.move_to(self.chart.axes.c2p(*self.chart.axes.box[1::2]), aligned_edge=UR)
            self.add(self.chart.axes, label)

    def build_moving(self) -> None:
        s, theme, ax = self.s, self.s.theme, self.ax
        self.tracers = []
        for i, ((_m, t), c) in enumerate(zip(self.runs, self.colours, strict=True)):
            tr = PathTracer(
                t.params, ax.xy_to_points, ax.box, color=c, stroke_width=2.2,
                max_vertices=s.max_vertices, marker_radius=0.07,
            )  # fmt: skip
            tr.add_updater(lambda m, i=i: m.set_progress(self.row_at(i)))
            self.tracers.append(tr)
        self.add(*self.tracers, *[t.marker for t in self.tracers])
        # Other runs' model lines in the data panel (the featured one is the panel's own).
        from .panels import line_in_box

        pax = self.panel.axes
        self.lines = []
        for i, c in enumerate(self.colours):
            if i == s.featured:
                continue
            line = VMobject(stroke_color=c, stroke_width=2.5, stroke_opacity=0.9)

            def upd(m, i=i):
                k = math.floor(self.row_at(i))
                theta = self.runs[i][1].params[k]
                seg = line_in_box((theta[0], theta[1], -1.0), pax.box)
                if seg is None:
                    m.clear_points()
                else:
                    m.set_points_as_corners(pax.xy_to_points(np.stack(seg)))

            line.add_updater(upd)
            self.lines.append(line)
        self.panel.add_updater(lambda p: p.set_row(math.floor(self.row_at(s.featured))))
        self.add(*self.lines, self.panel.moving)
        self.add(self.panel)  # keeps the panel's updater running (its parts are already added)
        if self.chart is not None:
            for i, curve in enumerate(self.chart.curves):
                curve.add_updater(lambda m, i=i: m.set_progress(self.row_at(i)))
            self.add(*self.chart.curves)
        self.r_loss = []
        for yy in self.row_y:
            r = GlyphText("", font_size=16, color=theme.text)
            _place_text(r, [self.loss_x, yy, 0])
            self.r_loss.append(r)
        self.r_epoch = GlyphText("", font_size=18, color=theme.muted)
        _place_text(self.r_epoch, [self.col_x, self.title.get_bottom()[1] - 0.38, 0])
        width = len(str(s.epochs))

        def update(_m):
            e = self.tracker.get_value()
            self.r_epoch.set_text(f"epoch {e:{width + 2}.1f} / {s.epochs}")
            for i, r in enumerate(self.r_loss):
                t = self.runs[i][1]
                k = math.floor(self.row_at(i))
                r.set_text(f"step {k:>{len(str(t.n_steps))}d}  loss {_sig(t.loss[k])}")

        self.r_epoch.add_updater(update)
        self.add(self.r_epoch, *self.r_loss)

    def show_ending(self) -> None:
        pass
