"""TEMPORARY: the landscape templates' old settings and timeline, kept only until every template
module is ported to LandscapeSettings / LandscapeTemplate in _common.py; then deleted.

"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any, ClassVar

import numpy as np
from manim import LEFT, RIGHT, Line, ValueTracker, VMobject, linear

from ...functions import Bowl, Objective
from ...rules import RULES, Plain, UpdateRule
from ..readout import GlyphText, Readout
from ..theme import DARK, Theme

__all__ = [
    "LandscapeSettings",
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
    if s.steps is not None or not getattr(s, "_steps_optional", False):
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
