"""A panel's key: a swatch and a label for each coloured thing it draws, and a colour bar.

:class:`Key` lays out :class:`KeyEntry` items (a dot, a ring, a line, a dashed line or a short
segment, each in the colour of what it stands for) in rows or in a column, optionally with a
:class:`BandBar`: the colours of probability bands with their levels, as drawn behind a
decision boundary. Nothing here moves: a key is drawn once with the still parts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from manim import DOWN, LEFT, ORIGIN, RIGHT, UP, Circle, DashedVMobject, Mobject, VGroup, VMobject

from ..primitives import SansText
from ..theme import DARK, Theme

__all__ = ["BandBar", "Key", "KeyEntry"]

#: swatch kinds a key entry can have
KINDS = ("dot", "ring", "line", "dashed", "segment")


@dataclass(frozen=True)
class KeyEntry:
    """One line of a key: a swatch of ``kind`` in ``color`` and a label.

    ``role`` names what the colour means (``'class 0'``, ``'model'``, ``'batch'``...): the
    scene's colour checks compare it with the role of the thing drawn.
    """

    kind: str
    color: str
    label: str
    role: str

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(
                f"The 'kind' parameter of KeyEntry must be one of {', '.join(KINDS)}; "
                f"got {self.kind!r}."
            )


def _swatch(entry: KeyEntry, size: float) -> VMobject:
    """The swatch of ``entry``, about ``size`` tall, its left edge at the origin."""
    w = size * 1.6
    if entry.kind in ("dot", "ring"):
        r = size * 0.32
        mob = Circle(radius=r, num_components=9)
        if entry.kind == "dot":
            mob.set_style(fill_color=entry.color, fill_opacity=1.0, stroke_width=0.0)
        else:
            mob.set_style(fill_opacity=0.0, stroke_color=entry.color, stroke_width=2.5)
        return mob.move_to(RIGHT * w / 2)
    line = VMobject(stroke_color=entry.color, stroke_width=3.0 if entry.kind == "line" else 2.5)
    if entry.kind == "segment":
        line.set_points_as_corners(
            [RIGHT * w / 2 + DOWN * size * 0.4, RIGHT * w / 2 + UP * size * 0.4]
        )
        return line
    line.set_points_as_corners([ORIGIN, RIGHT * w])
    if entry.kind == "dashed":
        return DashedVMobject(line, num_dashes=3)
    return line


class BandBar(VGroup):
    """A horizontal or vertical bar of probability bands: each band ``[levels[j], levels[j+1]]``
    a rectangle of ``colors[j]`` at ``opacities[j]`` (as the bands behind a boundary are
    drawn), its length proportional to the band's width in probability, with the levels
    labelled and an optional mark (the boundary's ``P = 0.5``) in ``mark_color``.

    Parameters
    ----------
    levels : sequence of float
        Band edges from 0 to 1, increasing (``0`` and ``1`` included).
    colors, opacities : sequence
        One per band (``len(levels) - 1``).
    """

    def __init__(
        self,
        levels: Sequence[float],
        colors: Sequence[str],
        opacities: Sequence[float],
        *,
        theme: Theme = DARK,
        title: str = "P(y = 1)",
        length: float = 2.6,
        thickness: float = 0.2,
        font_size: float = 14,
        vertical: bool = False,
        mark: float | None = 0.5,
        mark_color: str | None = None,
    ) -> None:
        super().__init__()
        levels = [float(v) for v in levels]
        if len(colors) != len(levels) - 1 or len(opacities) != len(levels) - 1:
            raise ValueError(
                "The 'colors' and 'opacities' parameters of BandBar must have one entry per band "
                f"({len(levels) - 1}); got {len(colors)} and {len(opacities)}."
            )
        self.levels, self.vertical = levels, vertical
        self.length, self.thickness = length, thickness
        self.bands = VGroup()
        for j, (c, op) in enumerate(zip(colors, opacities, strict=True)):
            a, b = self._along(levels[j]), self._along(levels[j + 1])
            band = VMobject(fill_color=c, fill_opacity=float(op), stroke_width=0.0)
            band.set_points_as_corners(self._rect(a, b))
            band.level_span = (levels[j], levels[j + 1])
            self.bands.add(band)
        outline = VMobject(stroke_color=theme.axis, stroke_width=1.0, stroke_opacity=0.8)
        outline.set_points_as_corners(self._rect(0.0, length))
        self.add(self.bands, outline)
        self.mark = None
        if mark is not None:
            m = self._along(mark)
            self.mark = VMobject(stroke_color=mark_color or theme.model, stroke_width=3.0)
            if vertical:
                self.mark.set_points_as_corners([[0, m, 0], [thickness, m, 0]])
            else:
                self.mark.set_points_as_corners([[m, 0, 0], [m, thickness, 0]])
            self.add(self.mark)
        self.labels = VGroup()
        # a row labels the inner levels (0 and 1 would crowd 0.1 and 0.9), a column all
        for v in levels if vertical else levels[1:-1]:
            lab = SansText(f"{v:g}", font_size=font_size, color=theme.muted)
            if vertical:
                lab.next_to(np.array([thickness, self._along(v), 0.0]), RIGHT, buff=0.08)
            else:
                lab.next_to(np.array([self._along(v), 0.0, 0.0]), DOWN, buff=0.06)
            if not any(_touch(lab, other) for other in self.labels):
                self.labels.add(lab)
        self.add(self.labels)
        self.title = SansText(title, font_size=font_size * 1.05, color=theme.text)
        if vertical:
            self.title.next_to(np.array([0.0, length, 0.0]), UP, buff=0.1, aligned_edge=LEFT)
        else:
            self.title.next_to(np.array([0.0, thickness / 2, 0.0]), LEFT, buff=0.12)
        self.add(self.title)

    def _along(self, p: float) -> float:
        return float(p) * self.length

    def _rect(self, a: float, b: float) -> list[list[float]]:
        t = self.thickness
        if self.vertical:
            return [[0, a, 0], [t, a, 0], [t, b, 0], [0, b, 0], [0, a, 0]]
        return [[a, 0, 0], [b, 0, 0], [b, t, 0], [a, t, 0], [a, 0, 0]]

    def point_of(self, p: float) -> np.ndarray:
        """The scene point at probability ``p`` along the bar's middle line."""
        x, t = self._along(p), self.thickness / 2
        local = np.array([t, x, 0.0] if self.vertical else [x, t, 0.0])
        return self.bands[0].points[0] + local  # the first band's first corner: level 0

    def band_at(self, p: float) -> VMobject:
        """The band drawn for probability ``p``."""
        for band in self.bands:
            lo, hi = band.level_span
            if lo <= p <= hi:
                return band
        raise ValueError(f"The 'p' parameter of BandBar.band_at must be in [0, 1]; got {p!r}.")


def _touch(a: Mobject, b: Mobject, pad: float = 0.05) -> bool:
    return not (
        a.get_right()[0] + pad < b.get_left()[0]
        or b.get_right()[0] + pad < a.get_left()[0]
        or a.get_top()[1] + pad < b.get_bottom()[1]
        or b.get_top()[1] + pad < a.get_bottom()[1]
    )


class Key(VGroup):
    """Entries (swatch and label) and an optional :class:`BandBar` and note, in rows or a column.

    Parameters
    ----------
    entries : sequence of KeyEntry
    bar : BandBar, optional
    note : str, optional
        A muted line after the entries (e.g. "points jittered ±0.05 cm").
    layout : {'row', 'column'}
        ``'row'``: entries side by side, wrapped to ``max_width``, the bar and the note on the
        next line; ``'column'``: the bar on top, then one entry per line, then the note.
    max_width : float
        Width a row may take (rows only).
    """

    def __init__(
        self,
        entries: Sequence[KeyEntry],
        *,
        theme: Theme = DARK,
        font_size: float = 15,
        bar: BandBar | None = None,
        note: str | None = None,
        layout: str = "row",
        max_width: float = 6.0,
    ) -> None:
        super().__init__()
        if layout not in ("row", "column"):
            raise ValueError(
                f"The 'layout' parameter of Key must be 'row' or 'column'; got {layout!r}."
            )
        self.entries = list(entries)
        self.layout, self.bar = layout, bar
        size = SansText("0", font_size=font_size).height * 1.2
        self.items = VGroup()
        for e in self.entries:
            sw = _swatch(e, size)
            lab = SansText(e.label, font_size=font_size, color=theme.text)
            lab.next_to(sw, RIGHT, buff=0.1)
            lab.shift(UP * (sw.get_center()[1] - lab.get_center()[1]))
            item = VGroup(sw, lab)
            item.swatch, item.entry = sw, e
            self.items.add(item)
        self.note = SansText(note, font_size=font_size * 0.95, color=theme.muted) if note else None
        rows: list[list[Mobject]] = []
        if layout == "row":
            row: list[Mobject] = []
            used = 0.0
            for item in self.items:
                w = item.width + (0.3 if row else 0.0)
                if row and used + w > max_width:
                    rows.append(row)
                    row, used = [], 0.0
                    w = item.width
                row.append(item)
                used += w
            if row:
                rows.append(row)
            tail = [m for m in (bar, self.note) if m is not None]
            if tail:
                rows.append(tail)
            y = 0.0
            for r in rows:
                x = 0.0
                for m in r:
                    m.move_to([x + m.width / 2, 0.0, 0.0]).align_to(np.array([0.0, y, 0.0]), UP)
                    x += m.width + 0.3
                y -= max(m.height for m in r) + 0.12
        else:
            y = 0.0
            for m in [bar, *self.items, self.note]:
                if m is None:
                    continue
                m.move_to([m.width / 2, 0.0, 0.0]).align_to(np.array([0.0, y, 0.0]), UP)
                y -= m.height + 0.12
        self.add(*[m for m in (bar, *self.items, self.note) if m is not None])

    def swatch_of(self, role: str) -> VMobject | None:
        """The swatch of the entry for ``role``, if any."""
        for item in self.items:
            if item.entry.role == role:
                return item.swatch
        return None
