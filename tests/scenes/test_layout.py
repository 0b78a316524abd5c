"""Generic layout checks over every ready scene and example, at -ql (854x480), on a mid-run and
the last frame (built, no video): no text leaves the frame; tick labels are at least 12 px tall
(their type size, the em: a digit's ink is about 0.72 em, so a digit at least 8.6 px)."""

from __future__ import annotations

import re

import numpy as np
import pytest
from manim import Text, config, tempconfig
from test_pipeline import CASES, _classes

from maniml.scenes.primitives import BoxAxes, PlotAxes
from maniml.scenes.readout import GlyphText, LineText

MARGIN = 0.05  # scene units (3 px at -ql)
QL = {"pixel_width": 854, "pixel_height": 480, "frame_rate": 15}


def _texts(mobjects):
    for root in mobjects:
        for m in root.get_family():
            if isinstance(m, Text | GlyphText | LineText) and len(m.points):
                yield m


def _built(name, cls_name):
    cls = next(c for c in _classes(name) if c.__name__ == cls_name)
    scene = cls()
    scene.setup()
    scene.build()
    scene.assemble()
    return scene


@pytest.mark.parametrize(("name", "cls_name"), CASES)
def test_no_text_leaves_the_frame(name, cls_name):
    with tempconfig(QL):
        scene = _built(name, cls_name)
        n = len(scene.timeline.positions)
        w, h = config.frame_width / 2 - MARGIN, config.frame_height / 2 - MARGIN
        for i, last in ((n // 2, False), (n - 1, True)):
            scene.show_frame(i)
            if last:
                scene.show_ending()
            for m in _texts(scene.mobjects):
                if getattr(m, "fixed_in_frame", False) is False and scene.__class__.__mro__[
                    1
                ].__name__.endswith("3D"):
                    continue
                lo, hi = m.get_corner(np.array([-1, -1, 0])), m.get_corner(np.array([1, 1, 0]))
                text = getattr(m, "text", "") or getattr(m, "original_text", "")
                assert lo[0] >= -w and hi[0] <= w and lo[1] >= -h and hi[1] <= h, (
                    f"{cls_name}: text {text!r} at x {lo[0]:.2f}..{hi[0]:.2f}, "
                    f"y {lo[1]:.2f}..{hi[1]:.2f} leaves the frame (frame {i})"
                )


@pytest.mark.parametrize(("name", "cls_name"), CASES)
def test_tick_labels_are_at_least_12_px_tall(name, cls_name):
    with tempconfig(QL):
        scene = _built(name, cls_name)
        px = config.pixel_height / config.frame_height
        small = []
        for root in scene.mobjects:
            for ax in root.get_family():
                if not isinstance(ax, BoxAxes | PlotAxes):
                    continue
                for m in ax.get_family():
                    t = getattr(m, "original_text", None)
                    if isinstance(m, Text) and t and re.fullmatch(r"[−\-]?[0-9.]+[kM]?", t):
                        if re.fullmatch(r"[−\-]?[0-9]", t[:2]) and m.height * px / 0.72 < 12:
                            small.append((t, round(m.height * px / 0.72, 1)))
        assert not small, f"{cls_name}: tick labels under 12 px: {small[:6]}"


def _keys(scene):
    from maniml.scenes.panels.key import Key

    for root in scene.mobjects:
        for m in root.get_family():
            if isinstance(m, Key):
                yield m


@pytest.mark.parametrize(("name", "cls_name"), CASES)
def test_key_text_is_at_least_12_px_tall_and_never_overlaps(name, cls_name):
    """Every text of a key (labels, the colour bar's title and levels, the note): an em of at
    least 12 px at -ql; no two of a key's texts within 2 px of each other, and no two levels of
    a colour bar within half an em (crowded levels are left out)."""
    from maniml.scenes.primitives import SansText

    with tempconfig(QL):
        scene = _built(name, cls_name)
        px = config.pixel_height / config.frame_height
        em_per_size = SansText("0", font_size=48).height / 0.72 / 48  # as the tick check measures
        for key in _keys(scene):
            texts = [m for m in key.get_family() if isinstance(m, Text) and m.has_points()
                     or isinstance(m, Text) and m.family_members_with_points()]  # fmt: skip
            assert texts
            small = [(m.original_text, round(m.font_size * em_per_size * px, 1)) for m in texts
                     if m.font_size * em_per_size * px < 12]  # fmt: skip
            assert not small, f"{cls_name}: key text under 12 px: {small[:6]}"
            pad = 2 / px
            for i, a in enumerate(texts):
                for b in texts[i + 1 :]:
                    apart = (
                        a.get_right()[0] + pad <= b.get_left()[0]
                        or b.get_right()[0] + pad <= a.get_left()[0]
                        or a.get_top()[1] + pad <= b.get_bottom()[1]
                        or b.get_top()[1] + pad <= a.get_bottom()[1]
                    )
                    assert apart, f"{cls_name}: {a.original_text!r} and {b.original_text!r} touch"
            if key.bar is None:
                continue
            labels = sorted(key.bar.labels, key=lambda m: (m.get_left()[0], m.get_bottom()[1]))
            for a, b in zip(labels, labels[1:], strict=False):
                gap = max(b.get_left()[0] - a.get_right()[0], b.get_bottom()[1] - a.get_top()[1],
                          a.get_bottom()[1] - b.get_top()[1])  # fmt: skip
                em = a.font_size * em_per_size
                assert gap >= 0.5 * em, (
                    f"{cls_name}: bar levels {a.original_text!r} and {b.original_text!r} "
                    f"{gap * px:.1f} px apart"
                )
