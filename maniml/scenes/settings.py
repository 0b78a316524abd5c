"""The one settings base of every scene template: a frozen dataclass checked field by field.

Every template's settings class derives from :class:`SceneSettings` and declares its fields with
:func:`setting`, each with a check. Creating the settings (the class itself, :meth:`~SceneSettings.with_`
or :func:`dataclasses.replace`) runs every check at once, so a typo or a bad value fails where
the user wrote it, with the project's one message format (a :class:`~maniml.ParameterError`
whose ``kind`` is ``'setting'``)::

    The 'lr' setting of FitSettings must be a float in (0, inf); got -1.

Names (optimisers, update rules, schedules, models, data sets, themes) are matched ignoring
case, and a near miss is answered with "did you mean ...?".

Examples
--------
>>> from dataclasses import dataclass
>>> @dataclass(frozen=True, eq=False)
... class Demo(SceneSettings):
...     speed: float = setting(1.0, real(low=0, low_open=True))
>>> Demo().with_(speed=2, theme="Light").theme.background
'#FFFFFF'
>>> Demo().with_(sped=2)
Traceback (most recent call last):
...
maniml.ParameterError: Demo has no setting 'sped' (did you mean 'speed'?); the settings are: ...
"""

from __future__ import annotations

import difflib
import math
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import MISSING, dataclass, field, fields, replace
from numbers import Integral, Real
from typing import Any, TypeVar

import numpy as np

from .._validation import ParameterError, check_choice
from .theme import DARK, THEMES, Theme, check_color

__all__ = [
    "PACINGS",
    "RENAMED",
    "Check",
    "SceneSettings",
    "boolean",
    "choice",
    "colour",
    "colours",
    "instance",
    "integer",
    "mapping",
    "point",
    "real",
    "span",
    "setting",
    "setting_error",
    "text",
]

#: A check: ``check(value, name, where)`` returns the value to store (possibly normalised) or
#: raises :class:`~maniml.ParameterError` with ``kind='setting'``.
Check = Callable[[Any, str, str], Any]

#: Pacing policies of the steps stage (see :mod:`maniml.scenes.timeline`); a tuple of per-step
#: durations in seconds is also accepted.
PACINGS = ("motion", "linear")

S = TypeVar("S", bound="SceneSettings")

#: Settings renamed when the templates were unified: old name -> new name (with_() still
#: accepts the old one, with a DeprecationWarning).
RENAMED = {"end_wait": "hold_time"}


def setting_error(name: str, where: str, allowed: str, got: Any) -> ParameterError:
    """The one error of a bad scene setting (a :class:`~maniml.ParameterError`, kind 'setting').

    Examples
    --------
    >>> str(setting_error("lr", "LinRegScene", "a float > 0", -1.0))
    "The 'lr' setting of LinRegScene must be a float > 0; got -1.0."
    """
    return ParameterError(name, where, allowed, got, kind="setting")


def setting(default: Any = MISSING, check: Check | None = None, *, factory: Any = MISSING) -> Any:
    """A settings field with its check (``factory`` for mutable defaults)."""
    meta = {"check": check} if check is not None else {}
    if factory is not MISSING:
        return field(default_factory=factory, metadata=meta)
    return field(default=default, metadata=meta)


def _optional(check: Check, optional: bool, allowed: str) -> Check:
    if not optional:
        return check

    def run(v: Any, name: str, where: str) -> Any:
        if v is None:
            return None
        try:
            return check(v, name, where)
        except ParameterError as e:
            raise setting_error(name, where, e.allowed + " or None", v) from None

    return run


def real(
    low: float = -math.inf,
    high: float = math.inf,
    *,
    low_open: bool = False,
    high_open: bool = False,
    optional: bool = False,
) -> Check:
    """A finite real number in an interval, stored as ``float``."""
    lo, hi = ("(" if low_open else "["), (")" if high_open or math.isinf(high) else "]")
    allowed = f"a float in {lo}{low:g}, {high:g}{hi}"

    def check(v: Any, name: str, where: str) -> float:
        ok = isinstance(v, Real) and not isinstance(v, bool) and math.isfinite(float(v))
        if ok:
            f = float(v)
            ok = not (f < low or (low_open and f == low) or f > high or (high_open and f == high))
        if not ok:
            raise setting_error(name, where, allowed, v)
        return float(v)

    return _optional(check, optional, allowed)


def integer(low: int | None = None, high: int | None = None, *, optional: bool = False) -> Check:
    """An integer in ``[low, high]``, stored as ``int``."""
    allowed = f"an int in [{'-inf' if low is None else low}, " + (
        "inf)" if high is None else f"{high}]"
    )

    def check(v: Any, name: str, where: str) -> int:
        if isinstance(v, bool) or not isinstance(v, Integral):
            raise setting_error(name, where, allowed, v)
        if (low is not None and v < low) or (high is not None and v > high):
            raise setting_error(name, where, allowed, v)
        return int(v)

    return _optional(check, optional, allowed)


def boolean(*, optional: bool = False) -> Check:
    """``True`` or ``False`` (``None`` too when optional: "automatic")."""

    def check(v: Any, name: str, where: str) -> bool:
        if not isinstance(v, bool | np.bool_):
            raise setting_error(name, where, "True or False", v)
        return bool(v)

    return _optional(check, optional, "True or False")


def choice(*options: str, optional: bool = False) -> Check:
    """One of ``options``, ignoring case; stored as spelled in ``options``."""

    def check(v: Any, name: str, where: str) -> str:
        return check_choice(v, name, where, options, kind="setting")

    return _optional(check, optional, "one of " + ", ".join(map(repr, options)))


def text(*, optional: bool = True) -> Check:
    """A string (``None`` when optional: automatic)."""

    def check(v: Any, name: str, where: str) -> str:
        if not isinstance(v, str):
            raise setting_error(name, where, "a str", v)
        return v

    return _optional(check, optional, "a str")


def instance(types: type | tuple[type, ...], allowed: str, *, optional: bool = False) -> Check:
    """An instance of ``types`` (described as ``allowed`` in the message)."""

    def check(v: Any, name: str, where: str) -> Any:
        if not isinstance(v, types):
            raise setting_error(name, where, allowed, v)
        return v

    return _optional(check, optional, allowed)


def span(*, steps: bool = False, optional: bool = True) -> Check:
    """An axis range ``(low, high)`` with ``low < high`` (or ``(low, high, step)`` if ``steps``)."""
    allowed = "(low, high)" + (" or (low, high, step)" if steps else "") + " with low < high"

    def check(v: Any, name: str, where: str) -> tuple[float, ...]:
        try:
            vals = tuple(float(x) for x in v)
        except (TypeError, ValueError):
            raise setting_error(name, where, allowed, v) from None
        ok = len(vals) in ((2, 3) if steps else (2,)) and all(map(math.isfinite, vals))
        if not ok or vals[1] <= vals[0] or (len(vals) == 3 and vals[2] <= 0):
            raise setting_error(name, where, allowed + (" and step > 0" if steps else ""), v)
        return vals

    return _optional(check, optional, allowed)


def point(dim: int, *, optional: bool = True) -> Check:
    """``dim`` finite coordinates, stored as a tuple of floats."""
    allowed = f"{dim} finite coordinates"

    def check(v: Any, name: str, where: str) -> tuple[float, ...]:
        try:
            arr = np.asarray(v, dtype=np.float64).reshape(-1)
        except (TypeError, ValueError):
            raise setting_error(name, where, allowed, v) from None
        if arr.shape != (dim,) or not np.isfinite(arr).all():
            raise setting_error(name, where, allowed, v)
        return tuple(float(x) for x in arr)

    return _optional(check, optional, allowed)


def mapping() -> Check:
    """A dict of keyword arguments (copied, so the settings stay unchanged)."""

    def check(v: Any, name: str, where: str) -> dict[str, Any]:
        if not isinstance(v, Mapping) or not all(isinstance(k, str) for k in v):
            raise setting_error(name, where, "a dict of keyword arguments", v)
        return dict(v)

    return check


def colour(*, optional: bool = True) -> Check:
    """A colour manim understands (``'#FF8800'``, ``'ORANGE'``...)."""

    def check(v: Any, name: str, where: str) -> Any:
        return check_color(v, name, where, kind="setting")

    return _optional(check, optional, "a colour such as '#FF8800' or 'ORANGE'")


def colours(minimum: int = 2, *, optional: bool = True) -> Check:
    """A tuple of at least ``minimum`` colours."""
    allowed = f"a tuple of {minimum} or more colours"

    def check(v: Any, name: str, where: str) -> tuple[Any, ...]:
        if isinstance(v, str) or not isinstance(v, Sequence) or len(v) < minimum:
            raise setting_error(name, where, allowed, v)
        for c in v:
            check_color(c, name, where, kind="setting")
        return tuple(v)

    return _optional(check, optional, allowed)


def _theme(v: Any, name: str, where: str) -> Theme:
    if isinstance(v, Theme):
        return v
    if isinstance(v, str):
        return THEMES[check_choice(v, name, where, THEMES, kind="setting")]
    raise setting_error(name, where, "a Theme or one of " + ", ".join(map(repr, THEMES)), v)


def _pacing(v: Any, name: str, where: str) -> str | tuple[float, ...]:
    if isinstance(v, str):
        return check_choice(v, name, where, PACINGS, kind="setting")
    allowed = "'motion', 'linear' or a tuple of per-step durations in seconds (each > 0)"
    try:
        vals = tuple(float(x) for x in v)
    except (TypeError, ValueError):
        raise setting_error(name, where, allowed, v) from None
    if not vals or not all(math.isfinite(x) and x > 0 for x in vals):
        raise setting_error(name, where, allowed, v)
    return vals


def _segment(v: Any, name: str, where: str) -> tuple[int, int]:
    allowed = "None or (k, K): part k of K of the steps stage, 1 <= k <= K"
    try:
        k, n = v
    except (TypeError, ValueError):
        raise setting_error(name, where, allowed, v) from None
    ok = all(isinstance(x, Integral) and not isinstance(x, bool) for x in (k, n))
    if not ok or not 1 <= k <= n:
        raise setting_error(name, where, allowed, v)
    return int(k), int(n)


@dataclass(frozen=True, eq=False)
class SceneSettings:
    """What every template can be told: look, time, pacing and which part to render.

    Attributes
    ----------
    theme : Theme or str
        A :class:`~maniml.scenes.Theme`, ``'dark'`` or ``'light'`` (stored as a Theme).
    title : str or None
        Replaces the automatic title.
    run_time : float
        Seconds of the steps stage (the run itself).
    intro_time : float
        Seconds of the build-up stage (the pieces appear); 0 skips it.
    hold_time : float
        Seconds the end stage holds the last frame (with the verdict).
    pacing : {'motion', 'linear'} or tuple of float
        How the steps stage spends its time: ``'motion'`` (default) gives each step time in
        proportion to how much the picture moves, with a floor for the tail and a minimum share
        for the first steps; ``'linear'`` spreads the frames evenly over the steps; a tuple gives
        each step's duration in seconds (then the steps stage lasts their sum).
    segment : (k, K) or None
        Render only part ``k`` of ``K`` (from 1) of the video: the frames of the ``k``-th of
        ``K`` equal slices of the steps stage (the first part also holds the build-up, the last
        the end). The parts' frames, one after the other, are the frames of the whole render.
    """

    theme: Theme | str = setting(DARK, _theme)
    title: str | None = setting(None, text())
    run_time: float = setting(8.0, real(low=0, low_open=True))
    intro_time: float = setting(0.5, real(low=0))
    hold_time: float = setting(1.5, real(low=0))
    pacing: str | tuple[float, ...] = setting("motion", _pacing)
    segment: tuple[int, int] | None = setting(None, _optional(_segment, True, "(k, K)"))

    def __post_init__(self) -> None:
        where = type(self).__name__
        for f in fields(self):
            check = f.metadata.get("check")
            if check is not None:
                object.__setattr__(self, f.name, check(getattr(self, f.name), f.name, where))
        self.check_together(where)

    def check_together(self, where: str) -> None:
        """Checks that involve several fields (hook; raise a ParameterError)."""

    def with_(self: S, **changes: Any) -> S:
        """A copy with some settings changed; every field is checked again.

        Unknown names raise :class:`~maniml.ParameterError` with a "did you mean" hint.
        """
        names = [f.name for f in fields(self)]
        where = type(self).__name__
        for old, new in RENAMED.items():
            if old in changes and old not in names:
                warnings.warn(
                    f"The {old!r} setting of {where} is now called {new!r}.",
                    DeprecationWarning,
                    stacklevel=2,
                )
                changes[new] = changes.pop(old)
        for name in changes:
            if name not in names:
                close = [n for n in names if n.lower() == str(name).lower()]
                close = close or difflib.get_close_matches(str(name), names, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                raise ParameterError(
                    name, where, "a setting name", name, kind="setting",
                    message=f"{where} has no setting {name!r}{hint}; the settings are: "
                    f"{', '.join(sorted(names))}.",
                )  # fmt: skip
        return replace(self, **changes)

    @property
    def resolved_theme(self) -> Theme:
        """The theme as a :class:`Theme` (kept for old code; ``theme`` is already one)."""
        return self.theme  # type: ignore[return-value]
