"""The build-up stage fades the first picture in as one image (crossfade.FadeInFrame)."""

from __future__ import annotations

import numpy as np
from manim import FadeIn, smooth, tempconfig

from maniml.scenes import LinRegScene, template
from maniml.scenes.crossfade import FadeInFrame, blend


def _scene(**changes):
    settings = {"run_time": 2.4, "intro_time": 1.2, "hold_time": 0.4, "optimizer": "bgd",
                "lr": 0.1, "epochs": 10, **changes}  # fmt: skip
    return type("S", (LinRegScene,), {"settings": LinRegScene.settings.with_(**settings)})


def _background(scene) -> np.ndarray:
    return np.asarray(scene.renderer.camera.background)[..., :3]


def test_blend_is_the_straight_line_from_background_to_picture():
    rng = np.random.default_rng(0)
    bg, fg = (rng.integers(0, 256, (4, 5, 4)).astype(np.uint8) for _ in range(2))
    for a in (0.0, 0.3, 0.5, 1.0):
        want = np.rint(bg + (fg.astype(float) - bg) * a)
        assert np.abs(blend(bg, fg, a).astype(float) - want).max() <= 1
    assert np.array_equal(blend(bg, fg, 0.0), bg) and np.array_equal(blend(bg, fg, 1.0), fg)
    assert np.array_equal(blend(bg, fg, -1.0), bg) and np.array_equal(blend(bg, fg, 2.0), fg)


def test_build_up_frames_blend_the_first_steps_frame_in(small_config, frames):
    cls = _scene()
    scene, got = frames.play_frames(cls)
    tl = scene.timeline
    n = tl.stage("build-up").frames
    assert n >= 5 and len(got) == tl.n_frames
    first_steps = got[n]
    bg = _background(scene)
    assert np.array_equal(got[0], bg)  # starts from the bare background
    run_time = (n - 0.5) / small_config.frame_rate
    for j in range(n):
        a = smooth(min(1.0, j / small_config.frame_rate / run_time))
        want = bg + (first_steps.astype(float) - bg) * a
        err = np.abs(got[j].astype(float) - want).max()
        assert err <= 1.0, f"build-up frame {j}: off by {err}"
    # the picture does fade: every frame between is neither the background nor the picture
    for j in range(1, n - 1):
        assert not np.array_equal(got[j], bg) and not np.array_equal(got[j], first_steps)


def test_a_part_left_out_of_the_fade_is_drawn_at_full_strength(small_config, frames):
    class Part(_scene()):
        def fade_in_parts(self):
            return [m for m in super().fade_in_parts() if m is not self.readout_panel.moving]

    scene, got = frames.play_frames(Part)
    n = scene.timeline.stage("build-up").frames
    cam = scene.renderer.camera
    box = scene.readout_panel.moving
    corners = (box.get_corner([-1, 1, 0]), box.get_corner([1, -1, 0]))
    (x0, y0), (x1, y1) = (cam.points_to_pixel_coords(box, [p])[0] for p in corners)
    x0, y0, x1, y1 = int(x0), int(y0), int(x1) + 1, int(y1) + 1
    early, picture = got[1][y0:y1, x0:x1], got[n][y0:y1, x0:x1]
    # the read-outs' text is as bright as in the picture; the rest of frame 1 is still dark
    assert abs(int(early.max()) - int(picture.max())) <= 2
    rest = got[1].copy()
    rest[y0:y1, x0:x1] = 0
    full = got[n].copy()
    full[y0:y1, x0:x1] = 0
    assert rest.max() < 0.5 * full.max()


def test_other_cameras_keep_manims_fade_in(small_config, frames, monkeypatch):
    monkeypatch.setattr(FadeInFrame, "usable", staticmethod(lambda scene: False))
    played = []
    real = template.Template.play_build_up

    def spy(self, n):
        orig_play = self.play

        def play(*animations, **kwargs):
            played.extend(type(a) for a in animations)
            return orig_play(*animations, **kwargs)

        self.play = play
        try:
            real(self, n)
        finally:
            del self.play

    monkeypatch.setattr(template.Template, "play_build_up", spy)
    frames.play_frames(_scene())
    assert played and set(played) == {FadeIn}


def test_a_skipped_build_up_draws_nothing(small_config, frames, monkeypatch):
    drawn = []
    real = FadeInFrame._prepare

    def spy(self):
        drawn.append(1)
        real(self)

    monkeypatch.setattr(FadeInFrame, "_prepare", spy)
    with tempconfig({"save_last_frame": True}):  # manim -s
        frames.play_frames(_scene())
    assert drawn == []
    frames.play_frames(_scene())
    assert drawn == [1]  # (and the spy does see a rendered build-up)
