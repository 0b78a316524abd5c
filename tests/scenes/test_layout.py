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
