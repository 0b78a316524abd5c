"""Fast text read-outs built from glyphs cached once per process, without LaTeX.

``DecimalNumber.set_value`` builds new glyph mobjects every frame; a :class:`GlyphText` instead
keeps one slot per character and, only when the displayed string changes, copies the cached
outline points of each character into its slot. A :class:`LineText` lays out the same glyphs
into one path (one Cairo call per line). Per-frame cost stays flat.
"""

from __future__ import annotations

import atexit
from collections.abc import Callable

import numpy as np
from manim import DL, Text, VectorizedPoint, VGroup, VMobject

from .cache import load_arrays, save_arrays
from .numbers import format_number
from .theme import MONO

__all__ = ["GlyphText", "LineText", "Readout", "format_number"]


# (font, font_size, weight, char) -> (outline points relative to the pen position, advance)
_GLYPHS: dict[tuple[str, float, str, str], tuple[np.ndarray, float]] = {}
#: faces (font, font_size, weight) read from the disk cache, and those with glyphs not yet saved
_LOADED: set[tuple[str, float, str]] = set()
_UNSAVED: set[tuple[str, float, str]] = set()


def _face_key(face: tuple[str, float, str]) -> dict[str, str]:
    font, font_size, weight = face
    return {"font": font, "font_size": repr(float(font_size)), "weight": weight}


def _load_face(face: tuple[str, float, str]) -> None:
    """Put the glyphs of ``face`` stored in the disk cache into ``_GLYPHS`` (once per process)."""
    _LOADED.add(face)
    data = load_arrays("glyphs", _face_key(face))
    if data is None:
        return
    try:
        codes, counts, advances, points = (
            data[k] for k in ("codes", "counts", "advances", "points")
        )
        ends = np.cumsum(counts)
        if not (len(codes) == len(counts) == len(advances) and (ends[-1:] == len(points)).all()):
            return
        if points.ndim != 2 or points.shape[1] != 3:
            return
    except (KeyError, ValueError, IndexError):
        return
    for code, end, count, advance in zip(codes, ends, counts, advances, strict=True):
        key = (*face, chr(int(code)))
        if key not in _GLYPHS:
            _GLYPHS[key] = (points[end - count : end].copy(), float(advance))


def save_glyphs() -> None:
    """Write the faces with newly built glyphs to the disk cache (merged with what is there)."""
    for face in sorted(_UNSAVED, key=repr):
        _LOADED.discard(face)
        _load_face(face)  # another process may have added glyphs meanwhile
        items = sorted((k[3], v) for k, v in _GLYPHS.items() if k[:3] == face)
        save_arrays(
            "glyphs",
            _face_key(face),
            {
                "codes": np.array([ord(c) for c, _ in items], dtype=np.int64),
                "counts": np.array([len(v[0]) for _, v in items], dtype=np.int64),
                "advances": np.array([v[1] for _, v in items], dtype=np.float64),
                "points": np.concatenate([v[0] for _, v in items]).reshape(-1, 3),
            },
        )
    _UNSAVED.clear()


atexit.register(save_glyphs)


def _build_glyph(char: str, font: str, font_size: float, weight: str) -> tuple[np.ndarray, float]:
    """Lay the character out between two zeros with manim's Text: the first zero gives the pen
    origin and the baseline; the second gives the advance. Pango drops spaces, so they are
    advance only. ``"\\0"`` stands for the advance of "0" alone."""
    zkey = (font, font_size, weight, "\0")
    if char == "\0" or zkey not in _GLYPHS:
        zeros = Text("00", font=font, font_size=font_size, weight=weight)
        _GLYPHS[zkey] = (np.zeros((0, 3)), float(zeros[1].get_left()[0] - zeros[0].get_left()[0]))
        if char == "\0":
            return _GLYPHS[zkey]
    adv0 = _GLYPHS[zkey][1]
    ref = Text(f"0{char}0", font=font, font_size=font_size, weight=weight)
    origin = ref[0].get_corner(DL)
    glyphs = list(ref.submobjects)
    advance = glyphs[-1].get_left()[0] - glyphs[0].get_left()[0] - adv0
    if len(glyphs) == 3:
        points = glyphs[1].points - origin - np.array([adv0, 0.0, 0.0])
    else:  # a space, or a character Pango draws as nothing
        points = np.zeros((0, 3))
    return points, float(advance)


def _glyph(char: str, font: str, font_size: float, weight: str) -> tuple[np.ndarray, float]:
    """Outline points (relative to the pen) and advance of ``char``: from this process's
    dictionary, else the disk cache, else built (and saved later by :func:`save_glyphs`)."""
    key = (font, font_size, weight, char)
    got = _GLYPHS.get(key)
    if got is None:
        face = key[:3]
        if face not in _LOADED:
            _load_face(face)
            got = _GLYPHS.get(key)
        if got is None:
            got = _GLYPHS[key] = _build_glyph(char, font, font_size, weight)
            _UNSAVED.add(face)
    return got


def _layout(
    text: str, font: str, font_size: float, weight: str, pen: np.ndarray
) -> list[np.ndarray]:
    """Outline points of each character of ``text`` written from ``pen`` (the left end of the
    baseline), in scene coordinates: one array per character, empty for a space."""
    pen = np.array(pen, dtype=np.float64)
    out = []
    for char in text:
        points, advance = _glyph(char, font, font_size, weight)
        out.append(points + pen if len(points) else points)
        pen[0] += advance
    return out


def _advance(text: str, font: str, font_size: float, weight: str) -> float:
    """Width of ``text`` (pen travel, trailing advance included)."""
    return sum(_glyph(c, font, font_size, weight)[1] for c in text)


#: characters whose glyphs :class:`LineText` caches when built, so frames never lay out text
_WARM = "0123456789.,+-\u2212e=()/{}|: θηΔσ∇ŷ·→…₀₁₂₃₄₅₆₇₈₉"


class GlyphText(VGroup):
    """Left-aligned single-line text whose content can change cheaply every frame.

    Parameters
    ----------
    text : str
        Initial text.
    font_size : float
        As for :class:`manim.Text`.
    color : str
        Fill colour.
    font : str
        A font Pango knows; a monospaced font keeps digits from jittering.
    weight : str
        Pango weight, e.g. ``"NORMAL"`` or ``"BOLD"``.

    Examples
    --------
    >>> t = GlyphText("1.50", font_size=24)
    >>> t.set_text("2.75").text
    '2.75'
    """

    def __init__(
        self,
        text: str = "",
        *,
        font_size: float = 24,
        color: str = "#FFFFFF",
        font: str = MONO,
        weight: str = "NORMAL",
    ) -> None:
        self._anchor = VectorizedPoint()
        super().__init__(self._anchor)
        self.font, self.font_size_, self.weight, self.colour = font, font_size, weight, color
        self.slots: list[VMobject] = []
        self.text = None
        self.set_text(text)

    def _slot(self, i: int) -> VMobject:
        while len(self.slots) <= i:
            slot = VMobject(fill_color=self.colour, fill_opacity=1.0, stroke_width=0.0)
            self.slots.append(slot)
            self.add(slot)
        return self.slots[i]

    def set_text(self, text: str) -> GlyphText:
        """Show ``text``; does nothing when it is already shown."""
        if text == self.text:
            return self
        layout = _layout(text, self.font, self.font_size_, self.weight, self._anchor.get_center())
        for i, points in enumerate(layout):
            slot = self._slot(i)
            if len(points):
                slot.set_points(points)
            else:
                slot.clear_points()
        for slot in self.slots[len(text) :]:
            slot.clear_points()
        self.text = text
        return self

    def set_color(self, color, family: bool = True):  # type: ignore[override]
        self.colour = color
        for slot in self.slots:
            slot.set_fill(color, opacity=1.0)
        return self

    @property
    def advance(self) -> float:
        """Width of the current text including trailing advance (pen travel)."""
        return _advance(self.text or "", self.font, self.font_size_, self.weight)


class LineText(VMobject):
    """One line of text as ONE mobject, rebuilt from cached glyph outlines when it changes.

    Like :class:`GlyphText` (same glyph cache and layout), but all characters share one path, so
    Cairo draws a line with one call instead of one per character. The first curve is a
    zero-length anchor at the pen origin (left end of the baseline), which follows every move of
    the mobject.

    Examples
    --------
    >>> t = LineText("1.5", font_size=20)
    >>> t.set_text("-2.75").text
    '-2.75'
    """

    def __init__(
        self,
        text: str = "",
        *,
        font_size: float = 24,
        color: str = "#FFFFFF",
        font: str = MONO,
        weight: str = "NORMAL",
        warm: str = _WARM,
    ) -> None:
        super().__init__(fill_color=color, fill_opacity=1.0, stroke_width=0.0)
        self.font, self.font_size_, self.weight = font, font_size, weight
        self.text: str | None = None
        for char in warm:
            _glyph(char, font, font_size, weight)
        if _UNSAVED:
            save_glyphs()
        self.set_points(np.zeros((4, 3)))
        self.set_text(text)

    @property
    def origin(self) -> np.ndarray:
        """The pen origin in scene coordinates."""
        return self.points[0].copy()

    def set_text(self, text: str) -> LineText:
        """Show ``text``; does nothing when it is already shown."""
        if text == self.text:
            return self
        origin = self.points[0].copy()
        parts = [np.repeat(origin[None, :], 4, axis=0)]
        parts += [
            p for p in _layout(text, self.font, self.font_size_, self.weight, origin) if len(p)
        ]
        self.set_points(np.concatenate(parts))
        self.text = text
        return self

    def advance_of(self, text: str) -> float:
        """Width of ``text`` in this font (pen travel)."""
        return _advance(text, self.font, self.font_size_, self.weight)


class Readout(GlyphText):
    """A labelled number, e.g. ``loss = 0.0231``, updated with :meth:`set_value`.

    Examples
    --------
    >>> r = Readout("loss", digits=4)
    >>> r.set_value(0.02312).text
    'loss = 0.0231'
    """

    def __init__(
        self,
        label: str,
        *,
        digits: int = 3,
        value: float = 0.0,
        formatter: Callable[[float], str] | None = None,
        separator: str = " = ",
        **kwargs,
    ) -> None:
        self.label, self.separator = label, separator
        self.formatter = formatter or (lambda v: format_number(v, digits))
        self.value = value
        super().__init__(self._compose(value), **kwargs)

    def _compose(self, value: float) -> str:
        return f"{self.label}{self.separator}{self.formatter(value)}"

    def set_value(self, value: float) -> Readout:
        """Show ``value``; rebuilds glyphs only if the formatted string changed."""
        self.value = value
        return self.set_text(self._compose(float(value)))

    def get_value(self) -> float:
        return self.value
