"""Colour themes for maniml scenes: a frozen dataclass of named colours, dark and light."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from manim import ManimColor

from .._validation import ParameterError

__all__ = ["DARK", "LIGHT", "MONO", "SANS", "THEMES", "Theme", "check_color"]

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
    ``diverged`` the divergence banner.

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
)

THEMES: dict[str, Theme] = {"dark": DARK, "light": LIGHT}
