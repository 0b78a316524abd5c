"""A panel's key: a swatch and a label for each coloured thing it draws, and a colour bar.

:class:`Key` lays out :class:`KeyEntry` items (a dot, a ring, a line, a dashed line, a short
segment, a filled bar or a translucent area, each in the colour of what it stands for) in rows
or in a column, optionally with a :class:`BandBar`: the colours of bands with their levels, as
drawn behind a decision boundary (probabilities) or on points coloured by value. Nothing here
moves: a key is drawn once with the still parts. Its text is as large as the key's font size
(the bar's labels too); labels that would crowd each other are left out, the most telling
first kept.
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
KINDS = ("dot", "ring", "line", "dashed", "segment", "bar", "area")

#: a digit's ink height over the type size (the em), as the layout tests measure text
DIGIT_EM = 0.72


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
    if entry.kind in ("bar", "area"):  # a filled rectangle (a bar) or a translucent one (a plane)
        h = size * 0.6
        mob = VMobject()
        mob.set_points_as_corners([[0, -h / 2, 0], [w, -h / 2, 0], [w, h / 2, 0], [0, h / 2, 0],
                                   [0, -h / 2, 0]])  # fmt: skip
        if entry.kind == "bar":
            mob.set_style(fill_color=entry.color, fill_opacity=0.85, stroke_width=0.0)
        else:
            mob.set_style(fill_color=entry.color, fill_opacity=0.28, stroke_color=entry.color,
                          stroke_width=2.5)  # fmt: skip
        return mob
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
    """A horizontal or vertical bar of bands: each band ``[levels[j], levels[j+1]]`` a rectangle
    of ``colors[j]`` at ``opacities[j]`` (as the bands behind a boundary are drawn), its length
    proportional to the band's width, with levels labelled and an optional mark (the boundary's
    ``P = 0.5``) in ``mark_color``.

    Parameters
    ----------
    levels : sequence of float
        Band edges from 0 to 1, increasing (``0`` and ``1`` included): probabilities, or the
        places of values along the bar.
    colors, opacities : sequence
        One per band (``len(levels) - 1``).
    labels : sequence of sequences of (float, str), optional
        Groups of ``(level, text)`` in the order they are wanted: a group is labelled only if
        none of its labels comes within 3/4 of an em of a label already placed (so a pair such
        as 0.1 and 0.9 is kept or dropped together). Default, for probabilities: the mark
        (0.5), the outer band edges (0.1, 0.9), the inner ones (0.25, 0.75), and on a vertical
        bar its ends (0, 1).

    Examples
    --------
    >>> bar = BandBar((0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0), ["#0000FF"] * 3 + ["#FF0000"] * 3,
    ...               [0.3, 0.2, 0.1, 0.1, 0.2, 0.3])
    >>> sorted(lab.text for lab in bar.labels)  # a row 2.6 long: 0.25 would crowd 0.1
    ['0.1', '0.5', '0.9']
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
        labels: Sequence[Sequence[tuple[float, str]]] | None = None,
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
        groups = _probability_groups(levels, vertical, mark) if labels is None else labels
        pad = 0.75 * SansText("0", font_size=font_size).height / DIGIT_EM  # 3/4 of an em
        for group in groups:
            labs = []
            for v, text in group:
                lab = SansText(text, font_size=font_size, color=theme.muted)
                if vertical:
                    lab.next_to(np.array([thickness, self._along(v), 0.0]), RIGHT, buff=0.08)
                else:
                    lab.next_to(np.array([self._along(v), 0.0, 0.0]), DOWN, buff=0.06)
                labs.append(lab)
            placed = [*self.labels, *labs]
            if not any(_touch(a, b, pad) for i, a in enumerate(placed) for b in placed[i + 1 :]):
                self.labels.add(*labs)
        self.add(self.labels)
        self.title = SansText(title, font_size=font_size, color=theme.text)
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


def _probability_groups(
    levels: Sequence[float], vertical: bool, mark: float | None
) -> list[list[tuple[float, str]]]:
    """The default label groups of a probability bar, most telling first: the mark, the band
    edges from the outside in, then (vertical bars only) the ends 0 and 1."""
    inner = [v for v in levels[1:-1] if mark is None or abs(v - mark) > 1e-12]
    groups: list[list[tuple[float, str]]] = []
    if mark is not None:
        groups.append([(mark, f"{mark:g}")])
    centre = 0.5 if mark is None else mark
    for d in sorted({round(abs(v - centre), 9) for v in inner}, reverse=True):
        groups.append([(v, f"{v:g}") for v in inner if abs(round(abs(v - centre), 9) - d) < 1e-9])
    if vertical:
        groups.append([(levels[0], f"{levels[0]:g}"), (levels[-1], f"{levels[-1]:g}")])
    return groups


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
        self.note = SansText(note, font_size=font_size, color=theme.muted) if note else None
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
