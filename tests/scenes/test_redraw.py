"""FrameComposer: the steps play redraws only what changed, and its frames are manim's own."""

from __future__ import annotations

import numpy as np
import pytest

from maniml.scenes import LinRegScene, redraw
from maniml.scenes.redraw import FrameComposer, drawing_state


def _scene(**changes):
    settings = {"run_time": 2.4, "intro_time": 0.4, "hold_time": 0.4, **changes}
    return type("S", (LinRegScene,), {"settings": LinRegScene.settings.with_(**settings)})


def _frames_and_counts(cls, frames, monkeypatch, *, compose: bool):
    """Every frame written, and (members drawn, members shown) summed over the steps play."""
    counts = [0, 0]
    if not compose:
        monkeypatch.setattr(FrameComposer, "usable", staticmethod(lambda scene: False))
    else:
        original = FrameComposer.compose

        def counting(self):
            before = self.members_drawn
            original(self)
            counts[0] += self.members_drawn - before
            counts[1] += len(self.members)

        monkeypatch.setattr(FrameComposer, "compose", counting)
    scene, got = frames.play_frames(cls)
    monkeypatch.undo()
    return scene, got, counts


@pytest.mark.parametrize("optimizer", ["bgd", "sgd"])
def test_composed_frames_are_exactly_the_frames_manim_draws(
    optimizer, small_config, frames, monkeypatch
):
    cls = _scene(optimizer=optimizer, lr=0.1 if optimizer == "bgd" else 0.05, epochs=20)
    # manim's MathTypst gives a formula's first copy in a process other stroke widths (a
    # fraction bar 1.25 instead of 0.48) than the later ones: compare two later renders
    frames.play_frames(cls)
    _, plain, _ = _frames_and_counts(cls, frames, monkeypatch, compose=False)
    scene, composed, (drawn, shown) = _frames_and_counts(cls, frames, monkeypatch, compose=True)
    assert len(plain) == len(composed) == scene.timeline.n_frames
    for i, (a, b) in enumerate(zip(plain, composed, strict=True)):
        assert np.array_equal(a, b), f"frame {i} differs"
    # and the composer did leave parts out: the caption, the frames that repeat a row
    assert shown > 0 and drawn < shown


def test_a_frame_that_repeats_the_last_one_draws_nothing(small_config, frames, monkeypatch):
    cls = _scene(optimizer="bgd", lr=0.1, epochs=8, run_time=4.0)
    per_frame: list[int] = []
    original = FrameComposer.compose

    def logging(self):
        before = self.members_drawn
        original(self)
        per_frame.append(self.members_drawn - before)

    monkeypatch.setattr(FrameComposer, "compose", logging)
    scene, _ = frames.play_frames(cls)
    rows = scene.timeline.rows
    assert len(per_frame) == len(rows)
    repeats = [i for i in range(1, len(rows)) if rows[i] == rows[i - 1]]
    assert repeats, "the pacing should show some rows for more than one frame"
    # (the caption may appear on a repeated row: then that frame draws the caption and on)
    assert sum(per_frame[i] == 0 for i in repeats) >= len(repeats) - 2


def test_skipped_plays_are_left_to_manim(small_config):
    """With -s manim skips the plays: no composer is made (nothing would be written)."""
    from manim import tempconfig

    made = []
    original = FrameComposer.__init__

    def init(self, scene):
        made.append(scene)
        original(self, scene)

    with tempconfig({"save_last_frame": True, "write_to_movie": False}):
        FrameComposer.__init__ = init
        try:
            _scene()().render()
        finally:
            FrameComposer.__init__ = original
    assert made == []


def test_drawing_state_sees_every_change_the_camera_draws():
    from manim import Dot, Line, ValueTracker

    line = Line()
    s0 = drawing_state(line)
    assert drawing_state(line) == s0
    assert drawing_state(line.copy().set_stroke(width=8)) != s0
    assert drawing_state(line.copy().set_color("#FF0000")) != s0
    assert drawing_state(line.copy().set_fill(opacity=0.5)) != s0
    assert drawing_state(line.copy().set_stroke(width=9, background=True)) != s0
    assert drawing_state(line.copy().shift([0.1, 0, 0])) != s0
    assert drawing_state(Dot()) != s0  # another kind, other points
    # a tracker is not drawn: its value is not part of what is drawn
    t = ValueTracker(0.0)
    before = drawing_state(t)
    t.set_value(3.0)
    assert drawing_state(t) == before
    assert redraw.__all__ == ["FrameComposer", "drawing_state", "plain_cairo"]
