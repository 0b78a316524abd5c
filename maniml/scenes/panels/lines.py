"""Monospaced lines of fixed text and fixed-width number fields (:class:`SplitLine`).

The read-out and formula panels draw their numbers with these: the text is still, only the
fields' characters are redrawn per frame.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from manim import VGroup

from ..readout import _WARM, LineText, _glyph
from ..theme import MONO

__all__ = ["ColouredLine", "SplitLine"]


def _anchor_glyphs(text: LineText, point: np.ndarray) -> LineText:
    """Move a LineText so its pen origin (left end of the baseline) sits at ``point``."""
    return text.shift(np.asarray(point, dtype=np.float64) - text.origin)


def _char_advance(font_size: float, font: str = MONO) -> float:
    """Advance (width) of one character of the monospaced ``font`` at ``font_size``."""
    return _glyph("0", font, font_size, "NORMAL")[1]


class SplitLine:
    """A monospaced line of fixed text and fixed-width fields, drawn as two mobjects.

    ``pieces`` alternates text and field widths, e.g. ``["loss = ", 7]``. ``static`` draws the
    text with blanks in the fields (add it with the still parts: drawn once); ``dynamic`` draws
    only the fields' characters at their places (the moving part). Because every character of
    the font has the same advance, the two line up exactly, and per frame only the numbers are
    drawn.

    Examples
    --------
    >>> line = SplitLine(["loss = ", 6], font_size=20)
    >>> line.set("0.25").text, line.dynamic.text
    ('loss =   0.25', '         0.25')
    """

    def __init__(
        self,
        pieces: Sequence[str | int],
        *,
        font_size: float,
        color: str = "#FFFFFF",
        font: str = MONO,
        warm: str = _WARM,
    ) -> None:
        self.pieces = list(pieces)
        self.widths = [p for p in self.pieces if isinstance(p, int)]
        template = "".join(p if isinstance(p, str) else " " * p for p in self.pieces)
        for p in self.pieces:
            if isinstance(p, str):
                warm += p
        self.static = LineText(template, font_size=font_size, color=color, font=font, warm=warm)
        self.dynamic = LineText("", font_size=font_size, color=color, font=font, warm="")
        self.text = template
        self.length = len(template)

    def move_origin_to(self, point: np.ndarray) -> SplitLine:
        _anchor_glyphs(self.static, point)
        _anchor_glyphs(self.dynamic, point)
        return self

    def set(self, *values: str) -> SplitLine:
        """Fill the fields (each string is cut or right-justified to its field's width)."""
        full, dyn = [], []
        it = iter(values)
        for p in self.pieces:
            if isinstance(p, str):
                full.append(p)
                dyn.append(" " * len(p))
            else:
                v = next(it, "")
                v = v[-p:] if len(v) > p else v.rjust(p)
                full.append(v)
                dyn.append(v)
        self.text = "".join(full)
        self.dynamic.set_text("".join(dyn).rstrip())
        return self


class ColouredLine:
    """A monospaced line made of :class:`SplitLine` parts, each in its own colour, one after
    the other on one baseline: e.g. the model's numbers in the model's colour, then the loss in
    the loss colour. Behaves like one SplitLine: ``static``, ``dynamic``, ``pieces``,
    ``widths``, ``text``, :meth:`set` (values in order, across the parts).

    Examples
    --------
    >>> line = ColouredLine([(["θ = ", 4], "#FFD166"), (["   L = ", 5], "#83C167")], font_size=20)
    >>> line.set("1.5", "0.25").text
    'θ =  1.5   L =  0.25'
    >>> [p.static.color.to_hex() for p in line.parts]
    ['#FFD166', '#83C167']
    """

    def __init__(
        self,
        parts: Sequence[tuple[Sequence[str | int], str]],
        *,
        font_size: float,
        font: str = MONO,
    ) -> None:
        self.parts = [SplitLine(p, font_size=font_size, color=c, font=font) for p, c in parts]
        self.colours = [c for _, c in parts]
        self.pieces = [p for part in self.parts for p in part.pieces]
        self.widths = [w for part in self.parts for w in part.widths]
        self.static = VGroup(*[p.static for p in self.parts])
        self.dynamic = VGroup(*[p.dynamic for p in self.parts])
        self._advance = _char_advance(font_size, font)
        self.text = "".join(p.text for p in self.parts)

    def move_origin_to(self, point: np.ndarray) -> ColouredLine:
        x = 0.0
        for part in self.parts:
            part.move_origin_to(np.asarray(point, dtype=np.float64) + np.array([x, 0.0, 0.0]))
            x += part.length * self._advance
        return self

    def set(self, *values: str) -> ColouredLine:
        """Fill the fields in order (see :meth:`SplitLine.set`); missing values are blank."""
        it = iter(values)
        for part in self.parts:
            part.set(*[next(it, "") for _ in part.widths])
        self.text = "".join(p.text for p in self.parts)
        return self


def _line_length(pieces: Sequence[str | int]) -> int:
    """Characters of a :class:`SplitLine` made of ``pieces`` (texts and field widths).

    Examples
    --------
    >>> _line_length(["loss = ", 6])
    13
    """
    return sum(p if isinstance(p, int) else len(p) for p in pieces)


def _field_width(values: np.ndarray, fmt: Callable[[float], str]) -> int:
    """Characters that hold every value of ``values`` (sampled for long runs) in ``fmt``.

    Examples
    --------
    >>> _field_width(np.array([0.5, -12.25]), lambda v: f"{v:.2f}")
    6
    """
    v = np.asarray(values, dtype=np.float64).ravel()
    if len(v) > 4000:
        pick = np.linspace(0, len(v) - 1, 4000).astype(np.intp)
        v = np.concatenate([v[pick], [v.min(), v.max()]])
    return max((len(fmt(float(x))) for x in v), default=1)
