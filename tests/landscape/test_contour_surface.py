"""The contour and surface templates on the one framework: settings checked field by field at
``with_()``, the timeline without rendering, and what the moving parts show at a clock position."""

from __future__ import annotations

import math
from dataclasses import fields

import numpy as np
import pytest
from conftest import all_points, built, load_scene

import maniml
from maniml import ParameterError
from maniml.scenes import LIGHT, timeline_of
from maniml.scenes.landscape_scenes import (
    BowlScene,
    BowlSurfaceScene,
    ContourScene,
    ContourSettings,
    Surface3DSettings,
)

# One bad value per field (every field of both classes must appear: see the test below).
BAD = {
    "theme": "sepia",
    "title": 3,
    "run_time": 0,
    "intro_time": -1,
    "hold_time": -0.5,
    "pacing": "fast",
    "segment": (3, 2),
    "function": maniml.Parabola(),
    "start": (1.0, 2.0, 3.0),
    "steps": 0,
    "x_range": (2.0, 1.0),
    "y_range": (0.0, float("nan")),
    "resolution": 4,
    "image_resolution": 8.5,
    "levels": 0,
    "level_scale": "cubic",
    "filled": "yes",
    "bands": 1,
    "heat_colors": ("#000000",),
    "smooth": None,
    "max_vertices": 1,
    "lr": -1.0,
    "rule": "sgd",
    "show_arrows": "no",
    "arrow_scale": 0.0,
    "show_loss": 0,
    "surface_resolution": 1,
    "phi": 190.0,
    "theta": float("inf"),
    "zoom": 0,
    "ambient_rotation": "fast",
    "z_range": (1.0, 1.0),
    "floor_path": "true",
    "fade": -1.0,
    "step_dots": "yes",
}
SETTINGS = [ContourSettings, Surface3DSettings]
CASES = [(cls, f.name) for cls in SETTINGS for f in fields(cls)]


@pytest.mark.parametrize(("cls", "name"), CASES, ids=[f"{c.__name__}.{n}" for c, n in CASES])
def test_every_setting_rejects_a_bad_value_at_with_(cls, name):
    assert name in BAD, f"add a bad value for the new setting {name!r} to BAD"
    with pytest.raises(ParameterError, match=f"The '{name}' setting of {cls.__name__} must be"):
        cls().with_(**{name: BAD[name]})
    try:
        cls().with_(**{name: BAD[name]})
    except ParameterError as e:
        assert (e.name, e.where, e.kind) == (name, cls.__name__, "setting")


def test_message_format():
    with pytest.raises(ParameterError) as info:
        ContourSettings().with_(lr=-1)
    assert str(info.value) == (
        "The 'lr' setting of ContourSettings must be a float in (0, inf); got -1."
    )
    with pytest.raises(ParameterError, match=r"no setting 'Lr' \(did you mean 'lr'\?\)"):
        ContourSettings().with_(Lr=0.1)


def test_names_ignore_case_and_are_stored_canonically():
    s = Surface3DSettings().with_(rule="Adam", level_scale="LOG", theme="Light", pacing="Linear")
    assert (s.rule, s.level_scale, s.theme, s.pacing) == ("adam", "log", LIGHT, "linear")
    assert type(s.optimizer.rule).__name__ == "Adam"
    assert ContourSettings().with_(rule="NESTEROV").runs().settings["rule"].lower() == "nesterov"
    rule = maniml.Momentum(beta=0.8)
    assert ContourSettings().with_(rule=rule).rule is rule


def test_end_wait_still_works_with_a_warning():
    with pytest.warns(DeprecationWarning, match="now called 'hold_time'"):
        s = ContourSettings().with_(end_wait=0.25)
    assert s.hold_time == 0.25


def test_the_surface_defaults_hide_arrows_and_chart():
    s = Surface3DSettings()
    assert not s.show_arrows and not s.show_loss
    assert ContourSettings().show_arrows and ContourSettings().show_loss


def test_a_scene_with_the_wrong_settings_type_fails_in_setup():
    bad = type("Bad", (BowlSurfaceScene,), {"settings": ContourSettings()})
    with pytest.raises(ParameterError, match="must be a Surface3DSettings"):
        bad().setup()


# -- timeline --------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["BowlContour", "BowlSurface"])
def test_timeline_of_the_ready_scenes(name):
    cls = load_scene("bowl_gd", name)
    tl = timeline_of(cls, frame_rate=15)
    assert [s.name for s in tl.stages] == ["build-up", "steps", "end"]
    assert len(tl.rows) == tl.stage("steps").frames == 120
    assert tl.trajectory.n_steps == 30
    assert tl.rows[0] == 0 and tl.rows[-1] == 30 and np.all(np.diff(tl.rows) >= 0)
    # motion pacing: the first steps (the visible ones) take a good share of the frames
    assert np.mean(tl.rows < 3) >= 0.1
    assert [e.kind for e in tl.events] == ["near optimum"]


def test_linear_pacing_spreads_the_frames_evenly():
    cls = type("Linear", (BowlScene,), {"settings": BowlScene.settings.with_(pacing="linear")})
    rows = timeline_of(cls, frame_rate=15).rows
    counts = np.bincount(rows, minlength=31)[:30]
    assert counts.max() - counts.min() <= 1


# -- what a clock position shows ------------------------------------------------------------------
def frame_of(scene) -> np.ndarray:
    scene.renderer.update_frame(scene, ignore_skipping=True)
    return np.array(scene.renderer.get_frame())


def test_contour_marker_path_arrows_readouts_and_chart_follow_the_run():
    scene = built(load_scene("bowl_gd", "BowlContour"))
    ax, traj = scene.ax, scene.traj
    assert all(not m.updaters for m in scene.mobjects for m in m.get_family())
    for k in (0, 3, 11, traj.n_steps):
        scene.show_position(float(k), 0)  # an integer position shows row k exactly
        assert np.allclose(scene.tracer.marker.get_center(), ax.c2p(*traj.params[k]), atol=1e-9)
        if k:
            pts = scene.tracer.path_points()
            drawn = np.vstack([pts[0::4], pts[-1:]])
            assert np.allclose(drawn, ax.xy_to_points(traj.params[: k + 1]), atol=1e-9)
        assert scene.r_step.text == f"step {k:>2d} / 30"
        # one fixed-point format for x over the run (|x| <= 1.5: 3 decimals, U+2212 minus)
        assert scene.r_x.text.split()[-1] == f"{traj.params[k, 0]:.3f}".replace("-", "\u2212")
        z = scene.r_z.text.split()[-1]
        assert z == f"{traj.loss[k]:.2e}"  # the loss spans decades: scientific all the way
        assert scene.chart.curves[0].progress == k
        assert (len(scene.arrows.gradient.points) > 0) == (k < traj.n_steps)
    assert np.all(np.diff(scene.land.lines.levels) > 0)


def test_a_position_is_shown_the_same_whatever_came_before():
    scene = built(load_scene("bowl_gd", "BowlContour"))
    n = len(scene.timeline.positions)
    scene.show_frame(n // 2)
    mid = frame_of(scene)
    scene.show_frame(n - 1)
    last = frame_of(scene)
    scene.show_frame(n // 2)
    assert np.array_equal(frame_of(scene), mid)
    assert np.abs(mid.astype(int) - last.astype(int)).sum() > 0  # the path really grows


def test_surface_marker_sits_on_the_surface_and_readouts_are_fixed_in_frame():
    scene = built(load_scene("bowl_gd", "BowlSurface"), surface_resolution=6)
    traj, f = scene.traj, scene.s.function
    z0, z1 = scene.z_lim
    lift = 0.015 * (z1 - z0)
    fixed = scene.renderer.camera.fixed_in_frame_mobjects
    for k in (0, 5, traj.n_steps):
        scene.show_position(float(k), 0)
        x, y = traj.params[k]
        expected = scene.to_scene(np.array([x, y, min(f([x, y]) + lift, z1 + lift)]))[0]
        assert np.allclose(scene.tracer.marker.get_center(), expected, atol=1e-9)
        assert scene.r_step.text == f"step {k:>2d} / 30"
        # every glyph the read-outs draw is fixed in the frame (else it would be projected)
        assert all(m in fixed for r in scene.readouts for m in r.get_family() if len(m.points))
    # the read-outs are moving parts: added after the clock, not frozen into the background
    order = scene.mobjects
    assert order.index(scene.readouts) > order.index(scene.clock)
    assert order.index(scene.tracer.marker) > order.index(scene.clock)


def test_surface_ambient_rotation_follows_the_frame():
    from manim import DEGREES

    scene = built(load_scene("bowl_gd", "BowlSurface"), surface_resolution=4, ambient_rotation=10)
    theta = scene.renderer.camera.theta_tracker
    scene.show_frame(10)  # 10 frames at 5 fps: 2 s of rotation
    assert math.isclose(theta.get_value(), (-58.0 + 20.0) * DEGREES)
    scene.show_frame(0)
    assert math.isclose(theta.get_value(), -58.0 * DEGREES)
    assert theta in scene.mobjects and theta not in scene.fade_in_parts()


# -- rendering ------------------------------------------------------------------------------------
def _played(render, cls, **changes):
    return render(cls, intro_time=0.2, **changes)


@pytest.mark.parametrize(
    ("name", "changes"),
    [("BowlContour", {}), ("BowlSurface", {"surface_resolution": 8})],
)
def test_ready_scene_renders_its_last_frame(render, name, changes):
    scene = _played(render, load_scene("bowl_gd", name), **changes)
    assert scene.last_frame.shape == (144, 256, 4)
    assert scene.last_frame[..., :3].astype(float).std() > 10.0
    for pts in all_points(scene):
        assert np.isfinite(pts).all()
    assert math.isclose(scene.clock.get_value(), scene.n_steps)
    assert scene.ending.original_text.startswith("ends at")


def test_light_theme_renders(render):
    cls = load_scene("bowl_gd", "BowlContour")
    scene = _played(render, cls, theme="light", rule="Adam", lr=0.3)
    assert scene.last_frame[0, 0, :3].tolist() == [255, 255, 255]
    assert scene.last_frame[..., :3].astype(float).std() > 10.0


def test_a_run_that_blows_up_says_so(render):
    scene = _played(render, ContourScene, lr=1.5, steps=40, show_loss=False)
    assert scene.ending.original_text.startswith(("diverged at step", "the path left the view"))
    assert not scene.tracer.head_inside


def _boxes_overlap(a, b) -> bool:
    return not (
        a.get_right()[0] <= b.get_left()[0]
        or b.get_right()[0] <= a.get_left()[0]
        or a.get_top()[1] <= b.get_bottom()[1]
        or b.get_top()[1] <= a.get_bottom()[1]
    )


@pytest.mark.parametrize("rule", ["gd", "momentum", "rmsprop"])
def test_the_legend_overlaps_neither_the_readouts_nor_the_closing_caption(rule):
    from manim import tempconfig

    with tempconfig({"pixel_width": 854, "pixel_height": 480}):
        scene = built(BowlScene, rule=rule)
        scene.show_frame(len(scene.timeline.positions) - 1)
        scene.show_ending()
    for other in (scene.ending, scene.readouts, scene.title, scene.subtitle, scene.chart):
        assert not _boxes_overlap(scene.legend, other), (rule, type(other).__name__)
    assert scene.legend.get_right()[0] <= scene.camera.frame_width / 2


def _frames_module():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "scenes" / "frames.py"
    spec = importlib.util.spec_from_file_location("maniml_landscape_frames", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_rotating_surface_plays_the_frames_drawn_from_scratch(tmp_path):
    """With ambient rotation the camera angle is a moving part driven by the frame: the played
    frames equal frames drawn on their own (so segments join up)."""
    from manim import tempconfig

    frames = _frames_module()
    cls = load_scene("bowl_gd", "BowlSurface")
    changes = dict(ambient_rotation=20, surface_resolution=4, run_time=1.0, intro_time=0.0,
                   hold_time=0.0)  # fmt: skip
    sub = type("Spin", (cls,), {"settings": cls.settings.with_(**changes)})
    cfg = {"pixel_width": 192, "pixel_height": 108, "frame_rate": 5, "media_dir": str(tmp_path),
           "verbosity": "ERROR", "progress_bar": "none", "disable_caching": True}  # fmt: skip
    with tempconfig(cfg):
        scene, got = frames.play_frames(sub)
        steps = scene.timeline.stage("steps").frames
        assert len(got) == steps
        for i in (1, steps - 1):
            assert frames.mean_difference(got[i], frames.fresh_frame(sub, i)) < 0.5
        assert frames.mean_difference(got[0], got[-1]) > 0.5  # the view turned
