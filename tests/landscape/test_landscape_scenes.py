"""Every landscape scene renders its last frame without LaTeX, and what it draws matches the run
(the templates' own checks: test_contour_surface.py, test_race_and_learning_rates.py,
test_gd1d_linreg.py)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import all_points, clock_of, frame_at, load_scene

SCENES = [
    ("optimizer_race", "RosenbrockRace", {"steps": 120}),
    ("optimizer_race", "SaddleRace", {}),
    ("learning_rates", "LearningRates", {}),
    ("gd_1d", "Parabola1D", {}),
    ("gd_1d", "Wave1D", {}),
    ("linreg_landscape", "LinRegLandscape", {"epochs": 4}),
]


def assert_no_nan(scene):
    for pts in all_points(scene):
        assert np.isfinite(pts).all()


def assert_not_blank(frame):
    rgb = frame[..., :3].astype(float)
    assert rgb.std() > 10.0  # something beyond the background was drawn


@pytest.mark.parametrize(("file", "name", "changes"), SCENES, ids=[s[1] for s in SCENES])
def test_scene_renders_last_frame(render, file, name, changes):
    scene = render(load_scene(file, name), **changes)
    assert scene.last_frame.shape == (144, 256, 4)
    assert_not_blank(scene.last_frame)
    assert_no_nan(scene)
    assert math.isclose(clock_of(scene).get_value(), scene.n_steps)


def test_race_paths_stay_inside_the_axes_and_winner_is_marked(render):
    scene = render(load_scene("optimizer_race", "SaddleRace"))
    x0, x1, y0, y1 = scene.ax.box
    lo, hi = scene.ax.c2p(x0, y0), scene.ax.c2p(x1, y1)
    for tr in scene.tracers:
        pts = tr.points
        assert (pts[:, :2] >= lo[:2] - 1e-9).all() and (pts[:, :2] <= hi[:2] + 1e-9).all()
    i, _ = scene.s.ranking(scene.runs)
    assert scene.winner_index == i


def test_learning_rates_diverging_run_is_marked_without_nan(render):
    scene = render(load_scene("learning_rates", "LearningRates"))
    flagged = [i for i, k in enumerate(scene.div_steps) if k is not None]
    assert flagged == [3]
    k = scene.div_steps[3]
    j = scene.leave_steps[3]
    assert j is not None and j < k
    assert scene.flags[3].text == f"left view at step {j}"  # kept: it never flips
    assert scene.flags2[3].text == f"diverged at step {k}"
    assert all(f.text == "" for f in scene.flags[:3])
    assert not scene.tracers[3].head_inside
    assert_no_nan(scene)
    # before it diverges, once it has left the view, the panel says so
    frame_at(scene, k - 1)
    assert scene.flags[3].text == f"left view at step {j}"
    assert scene.flags2[3].text == "(diverges)"
