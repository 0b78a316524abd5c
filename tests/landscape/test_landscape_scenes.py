"""Every landscape scene renders its last frame without LaTeX, and what it draws matches the run
(the contour and surface templates: test_contour_surface.py)."""

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
    assert scene.flags[3].text == f"diverged at step {k}"
    assert all(f.text == "" for f in scene.flags[:3])
    assert not scene.tracers[3].head_inside
    assert_no_nan(scene)
    # before it diverges, once it has left the view, the panel says so
    frame_at(scene, k - 1)
    assert scene.flags[3].text == "left the view"


def test_gd1d_tangent_and_step_arrow(render):
    scene = render(load_scene("gd_1d", "Parabola1D"))
    traj, ax = scene.traj, scene.ax
    frame_at(scene, 2.45)  # step 2: tangent shown, arrow fully grown, point not yet moving
    assert np.allclose(scene.marker.get_center(), ax.c2p(traj.params[2, 0], traj.loss[2]))
    tangent = scene.tangent.get_end() - scene.tangent.get_start()
    sx = (ax.c2p(1, 0) - ax.c2p(0, 0))[0]
    sy = (ax.c2p(0, 1) - ax.c2p(0, 0))[1]
    slope = (tangent[1] / sy) / (tangent[0] / sx)
    assert math.isclose(slope, traj.grads[2, 0], rel_tol=1e-6)
    tip = scene.arrow.points[:, :2]
    expected = ax.c2p(traj.params[3, 0], traj.loss[2])[:2]
    assert np.min(np.linalg.norm(tip - expected, axis=1)) < 1e-9


def test_linreg_runs_are_in_step_by_epoch(render):
    scene = render(load_scene("linreg_landscape", "LinRegLandscape"), epochs=4)
    frame_at(scene, 2.0)
    rows = [math.floor(scene.row_at(i)) for i in range(3)]
    assert rows == [2, 80, 10]  # BGD 1, SGD 40, mini-batch 5 steps per epoch
    for tr, (_m, t), k in zip(scene.tracers, scene.runs, rows, strict=True):
        assert np.allclose(tr.marker.get_center(), scene.ax.c2p(*t.params[k]))
    assert scene.panel.row == rows[scene.s.featured]
