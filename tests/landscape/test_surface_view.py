"""The 3-D surface stays in the frame at every camera angle the video shows: the box and its
labels are fitted to the worst angle of the rotation (not the first), the camera turns about
the box's own axis, and a still camera keeps the tight fit it had."""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import built as built_at
from conftest import load_scene
from manim import DEGREES, config

MARGIN = 0.05


def built(**changes):
    cls = load_scene("bowl_gd", "BowlSurface")
    return built_at(cls, size=(854, 480), fps=15, surface_resolution=4, **changes)


def _box_points(scene) -> np.ndarray:
    """The box's corners and its labels' anchors, in scene (world) coordinates."""
    return scene.to_scene(scene.fit_points)


def _shown(scene, frame: int) -> np.ndarray:
    """Where the box's points land on the screen at steps frame ``frame`` of the video."""
    scene.show_frame(frame)
    cam = scene.renderer.camera
    cam.reset_rotation_matrix()  # as the renderer does before drawing the frame
    return cam.project_points(_box_points(scene))


@pytest.mark.parametrize("rotation", [30.0, -12.0, 90.0])
def test_the_box_stays_in_the_frame_at_every_angle_of_the_rotation(rotation):
    scene = built(ambient_rotation=rotation)
    n = len(scene.timeline.positions)
    fps = scene.timeline.frame_rate
    w, h = config.frame_width / 2 - MARGIN, config.frame_height / 2 - MARGIN
    left = max(r.get_right()[0] for r in scene.readouts) + 0.1  # "step 30 / 30" and z = ...
    widths = []
    for i in range(0, n, 3):
        q = _shown(scene, i)
        theta = scene.renderer.camera.theta_tracker.get_value()
        assert math.isclose(theta, (scene.s.theta + rotation * i / fps) * DEGREES)
        assert q[:, 0].min() >= left and q[:, 0].max() <= w, (i, q[:, 0].min(), q[:, 0].max())
        assert q[:, 1].min() >= -h and q[:, 1].max() <= h, (i, q[:, 1].min(), q[:, 1].max())
        widths.append(np.ptp(q[:, 0]))
    # the camera turns: the projected box changes shape (the test is not of a still view)
    assert max(widths) - min(widths) > 0.05


def test_the_fit_is_to_the_worst_angle_and_no_smaller():
    scene = built(ambient_rotation=30.0)
    target = scene.view_target()
    q = scene.projections(_box_points(scene))  # every angle the timeline visits
    x0, x1 = q[..., 0].min(), q[..., 0].max()
    y0, y1 = q[..., 1].min(), q[..., 1].max()
    # inside the target, touching it on one side pair (the binding one)
    assert x0 >= target[0] - 1e-3 and x1 <= target[1] + 1e-3
    assert y0 >= target[2] - 1e-3 and y1 <= target[3] + 1e-3
    fill = max((x1 - x0) / (target[1] - target[0]), (y1 - y0) / (target[3] - target[2]))
    assert fill == pytest.approx(1.0, abs=0.02)
    # the first angle alone fits in less: the fit at the start would have left the frame later
    first = q[0]
    assert np.ptp(first[:, 0]) < x1 - x0 - 0.1 or np.ptp(first[:, 1]) < y1 - y0 - 0.1


def test_the_angles_cover_the_steps_stage():
    scene = built(ambient_rotation=30.0)
    a = scene.camera_angles()
    n, fps = len(scene.timeline.positions), scene.timeline.frame_rate
    assert a[0] == scene.s.theta
    assert a[-1] == pytest.approx(scene.s.theta + 30.0 * (n - 1) / fps)
    assert np.diff(a).max() <= 2.0 + 1e-9
    full = built(ambient_rotation=90.0).camera_angles()  # more than a turn: every azimuth
    assert np.ptp(full) >= 358.0 and np.diff(full).max() <= 2.0 + 1e-9
    assert built().camera_angles().tolist() == [scene.s.theta]


def test_a_still_camera_fills_the_target():
    scene = built()
    target = scene.view_target()
    q = scene.projections(_box_points(scene))[0]
    fill = max(np.ptp(q[:, 0]) / (target[1] - target[0]), np.ptp(q[:, 1]) / (target[3] - target[2]))
    assert fill == pytest.approx(1.0, abs=0.02)
    centre = [(q[:, 0].min() + q[:, 0].max()) / 2, (q[:, 1].min() + q[:, 1].max()) / 2]
    assert np.allclose(
        centre, [(target[0] + target[1]) / 2, (target[2] + target[3]) / 2], atol=0.02
    )
