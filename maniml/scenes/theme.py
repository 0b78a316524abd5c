"""Colour themes for maniml scenes: a frozen dataclass of named colours, dark and light."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

import numpy as np
from manim import ManimColor

from .._validation import ParameterError

__all__ = [
    "DARK",
    "LIGHT",
    "MONO",
    "SANS",
    "THEMES",
    "Theme",
    "check_color",
    "colour_distance",
    "distinct_colours",
]

#: Fonts the scenes use (DejaVu ships with fontconfig on Debian).
SANS = "DejaVu Sans"
MONO = "DejaVu Sans Mono"


def check_color(value: Any, name: str, where: str, *, kind: str = "parameter") -> Any:
    """Return ``value`` if manim understands it as a colour, else raise a ParameterError.

    Examples
    --------
    >>> check_color("#FF8800", "model", "Theme")
    '#FF8800'
    >>> check_color("notacolor", "model", "Theme")
    Traceback (most recent call last):
    ...
    maniml.ParameterError: The 'model' parameter of Theme must be a colour such as '#FF8800' \
or 'ORANGE'; got 'notacolor'.
    """
    try:
        if value is None:
            raise ValueError("no colour")
        ManimColor(value)
    except (ValueError, TypeError, KeyError, AttributeError):
        raise ParameterError(
            name, where, "a colour such as '#FF8800' or 'ORANGE'", value, kind=kind
        ) from None
    return value


#: Colours closer than this (CIE76 ΔE in CIELAB) are taken for one colour on screen.
NEAR = 20.0


def _lab(colour: Any) -> np.ndarray:
    """CIELAB coordinates (D65) of a colour."""
    rgb = np.asarray(ManimColor(colour).to_rgb(), dtype=np.float64)
    lin = np.where(rgb > 0.04045, ((rgb + 0.055) / 1.055) ** 2.4, rgb / 12.92)
    m = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    xyz = m @ lin / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16.0 / 116.0)
    return np.array([116.0 * f[1] - 16.0, 500.0 * (f[0] - f[1]), 200.0 * (f[1] - f[2])])


def colour_distance(a: Any, b: Any) -> float:
    """How different two colours look: CIE76 ΔE (Euclidean distance in CIELAB); about 2 is
    just noticeable, below :data:`NEAR` (20) two swatches read as one colour at a glance.

    Examples
    --------
    >>> round(colour_distance("#000000", "#FFFFFF"))
    100
    >>> colour_distance("#58C4DD", "#56B4E9") < NEAR  # two sky blues
    True
    """
    return float(np.linalg.norm(_lab(a) - _lab(b)))


def distinct_colours(
    candidates: Sequence[str], avoid: Iterable[str], k: int, *, near: float = NEAR
) -> tuple[str, ...]:
    """``k`` of ``candidates``, in order, skipping any within ``near`` of a colour in ``avoid``
    or of one already taken (the skipped ones fill up, in order, if too few are left).

    Examples
    --------
    >>> distinct_colours(["#56B4E9", "#E69F00", "#F0E442"], ["#58C4DD"], 2)
    ('#E69F00', '#F0E442')
    """
    taken: list[str] = []
    avoid = list(avoid)
    for c in candidates:
        if len(taken) == k:
            break
        if all(colour_distance(c, a) >= near for a in [*avoid, *taken]):
            taken.append(c)
    rest = [c for c in candidates if c not in taken]
    while len(taken) < k and rest:
        taken.append(rest.pop(0))
    i = 0
    while len(taken) < k:  # fewer candidates than wanted: cycle
        taken.append(candidates[i % len(candidates)])
        i += 1
    return tuple(taken)


@dataclass(frozen=True)
class Theme:
    """The colours a scene uses, by role. Colours are hex strings (any manim colour works).

    One colour, one meaning: within a scene each role has its own colour, and the fit scenes'
    keys name them. ``data``, ``class0`` and ``class1`` are the points (one colour for
    regression data, one per class); ``model`` the fitted line, boundary or curve and the
    numbers that define it; ``loss`` the loss curve and read-outs; ``batch`` the samples the
    current step used (rings) and their numbers; ``validation`` the held-out loss;
    ``residual`` the segments from points to the line; ``optimum`` the known optimum (dashed);
    ``highlight`` the current position marker of the landscape scenes; ``path`` their paths;
    ``diverged`` the divergence banner; ``positive`` and ``negative`` the signs of a network's
    weights and of its hidden neurons' outputs (never the class colours: a red line would
    otherwise mean both "class 1" and "positive weight").

    Examples
    --------
    >>> LIGHT.background
    '#FFFFFF'
    >>> DARK.with_(model="#FF0000").model
    '#FF0000'
    """

    background: str = "#0F1117"
    text: str = "#E8E8E8"
    muted: str = "#8A8F98"
    axis: str = "#B8BCC4"
    grid: str = "#2A2E37"
    data: str = "#58C4DD"
    class0: str = "#58C4DD"
    class1: str = "#FC6255"
    model: str = "#FFD166"
    loss: str = "#83C167"
    highlight: str = "#FF4FD8"
    batch: str = "#FF4FD8"
    validation: str = "#B388FF"
    optimum: str = "#9A9A9A"
    residual: str = "#F4A261"
    path: str = "#FFFFFF"
    diverged: str = "#FF5555"
    positive: str = "#F28E2B"
    negative: str = "#E040FB"

    def __post_init__(self) -> None:
        for f in fields(self):
            check_color(getattr(self, f.name), f.name, "Theme")

    def with_(self, **colours: str) -> Theme:
        """A copy with some colours replaced."""
        return replace(self, **colours)


DARK = Theme()

LIGHT = Theme(
    background="#FFFFFF",
    text="#1A1A1A",
    muted="#6B7078",
    axis="#3A3F47",
    grid="#E3E5E8",
    data="#1F77B4",
    class0="#1F77B4",
    class1="#D62728",
    model="#E07B00",
    loss="#2CA02C",
    highlight="#C2185B",
    batch="#AA3377",
    validation="#0097A7",
    optimum="#8C8C8C",
    residual="#9467BD",
    path="#111111",
    diverged="#D62728",
    positive="#C2185B",
    negative="#3F37C9",
)

THEMES: dict[str, Theme] = {"dark": DARK, "light": LIGHT}
