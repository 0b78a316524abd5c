"""Every landscape scene renders its last frame without LaTeX, and what it draws matches the run.

The 1-D and linear-regression landscape scenes' own checks are in test_gd1d_linreg.py."""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import all_points, clock_of, frame_at, load_scene

SCENES = [
    ("bowl_gd", "BowlContour", {}),
    ("bowl_gd", "BowlSurface", {"surface_resolution": 8}),
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


def test_contour_marker_and_path_follow_the_trajectory(render):
    scene = render(load_scene("bowl_gd", "BowlContour"))
    ax, traj = scene.ax, scene.traj
    for k in (0, 3, 11, traj.n_steps):
        frame_at(scene, k)
        assert np.allclose(scene.tracer.marker.get_center(), ax.c2p(*traj.params[k]), atol=1e-9)
        if k:
            drawn = np.vstack([scene.tracer.points[0::4], scene.tracer.points[-1:]])
            assert np.allclose(drawn, ax.xy_to_points(traj.params[: k + 1]), atol=1e-9)
        assert scene.r_step.text.startswith(f"step {k:>2d}")
    # contour levels drawn in ascending order
    assert np.all(np.diff(scene.land.lines.levels) > 0)
    # a middle frame differs from the last one (the path really grows)
    mid = frame_at(scene, traj.n_steps // 2)
    assert np.abs(mid.astype(int) - scene.last_frame.astype(int)).sum() > 0


def test_surface_marker_sits_on_the_surface(render):
    scene = render(load_scene("bowl_gd", "BowlSurface"), surface_resolution=6)
    traj, f = scene.traj, scene.s.function
    z0, z1 = scene.z_lim
    lift = 0.015 * (z1 - z0)
    for k in (0, 5, traj.n_steps):
        frame_at(scene, k)
        x, y = traj.params[k]
        expected = scene.to_scene(np.array([x, y, min(f([x, y]) + lift, z1 + lift)]))[0]
        assert np.allclose(scene.tracer.marker.get_center(), expected, atol=1e-9)


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


def test_light_theme_renders(render):
    from maniml.scenes import LIGHT

    scene = render(load_scene("bowl_gd", "BowlContour"), theme=LIGHT, rule="adam", lr=0.3)
    assert scene.last_frame[0, 0, :3].tolist() == [255, 255, 255]
    assert_not_blank(scene.last_frame)
