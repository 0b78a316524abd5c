"""Issue 9: step dots along the landscape paths, the fading trail, the fitted windows and the
heat-map keys, checked against the runs (the geometry the scenes draw, not their settings)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import built as built_at
from conftest import load_scene

import maniml
from maniml.scenes.contours import ColorKey, LevelScale, band_colors, key_ticks
from maniml.scenes.paths import PathTracer, StepDots, spaced_rows
from maniml.scenes.primitives import BoxAxes


def built(cls, **changes):
    """A scene set up and built (no play), at -ql's size."""
    return built_at(cls, size=(854, 480), fps=15, **changes)


def _tracers(scene):
    return list(getattr(scene, "tracers", None) or [scene.tracer])


def _shown(scene, tracer):
    """The step the tracer shows now (its progress), and its dots' rows up to there."""
    rows = tracer.dots.dot_rows
    return rows[rows <= tracer.progress + 1e-9]


# -- the dots are the run's rows ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("file", "name"),
    [
        ("bowl_gd", "BowlContour"),
        ("optimizer_race", "BealeRace"),
        ("learning_rates", "LearningRates"),
        ("linreg_landscape", "LinRegLandscape"),
    ],
)
def test_dot_centres_are_the_trajectory_rows_through_the_axes(file, name):
    scene = built(load_scene(file, name))
    n = len(scene.timeline.positions)
    for i in (n // 5, n // 2, n - 1):
        scene.show_frame(i)
        for tracer, traj in zip(_tracers(scene), scene.trajectories, strict=True):
            rows = _shown(scene, tracer)
            assert len(rows) >= 1 and rows[0] == 0  # the start always has its dot
            want = tracer.to_scene(traj.params[rows])
            got = tracer.dots.centres()
            assert got.shape == want.shape
            assert np.allclose(got, want, atol=1e-9)
    # the dots are moving parts (redrawn each frame), inside their tracer's family
    for tracer in _tracers(scene):
        assert any(tracer.dots in m.get_family() for m in scene._moving)
        assert not any(tracer.dots in m.get_family() for m in scene._still)


def test_every_big_step_has_its_dot_and_dots_never_touch():
    """The bowl's first steps are long: each ends in a dot (countable); its tail creeps into the
    minimum, where dots would merge into a line: those are left out."""
    scene = built(load_scene("bowl_gd", "BowlContour"))
    tracer, traj = scene.tracer, scene.traj
    dots = tracer.dots
    scene_pts = scene.ax.xy_to_points(traj.params)[:, :2]
    step = np.linalg.norm(np.diff(scene_pts, axis=0), axis=1)
    big = 1 + np.flatnonzero(step >= 3 * dots.gap)  # rows ending a step of three gaps or more
    assert len(big) >= 5 and set(big) <= set(dots.dot_rows)
    assert len(dots.dot_rows) < traj.n_steps + 1  # the creeping tail has no dots
    c = scene_pts[dots.dot_rows]
    d = np.linalg.norm(c[:, None] - c[None], axis=2) + np.eye(len(c)) * 1e9
    assert d.min() >= dots.gap  # no two dots closer than the gap: never a solid line
    assert dots.gap > 2 * dots.radius


def test_spaced_rows_keeps_steps_longer_than_the_gap_away_from_earlier_dots():
    rng = np.random.default_rng(0)
    # a zig-zag across a valley: long steps, but every other point lands near the one before
    zig = np.column_stack([np.linspace(0, 1, 60), np.where(np.arange(60) % 2, 1.0, -1.0)])
    # then a random walk of small steps around one spot
    walk = 3.0 + np.cumsum(rng.normal(scale=0.05, size=(300, 2)), axis=0)
    pts = np.concatenate([zig, walk])
    gap = 0.2
    kept = spaced_rows(pts, gap)
    assert kept[0] == 0 and np.all(np.diff(kept) > 0)
    c = pts[kept]
    d = np.linalg.norm(c[:, None] - c[None], axis=2) + np.eye(len(c)) * 1e9
    assert d.min() >= gap
    # a kept row ends a step at least the gap long (the start aside)
    step = np.linalg.norm(np.diff(pts, axis=0), axis=1)
    assert np.all(step[kept[1:] - 1] >= gap)
    # every long step that was dropped lands within two gaps of a dot (it would touch one)
    long_steps = 1 + np.flatnonzero(step >= gap)
    dropped = np.setdiff1d(long_steps, kept)
    near = np.linalg.norm(pts[dropped][:, None] - c[None], axis=2).min(axis=1)
    assert np.all(near < 2 * gap)
    # neither a solid line on the zig-zag nor a blot on the walk
    assert 0 < np.isin(kept, np.arange(60)).sum() < 60
    assert np.isin(kept, np.arange(60, 360)).sum() < 60
    # non-finite rows get no dot; a run that diverges still gets the dots before
    bad = np.array([[0.0, 0.0], [1.0, 0.0], [np.nan, np.nan], [np.inf, 0.0], [3.0, 0.0]])
    assert spaced_rows(bad, 0.5).tolist() == [0, 1, 4]


def test_dots_leave_out_rows_outside_the_box_and_follow_moved_axes():
    ax = BoxAxes((0, 4, 1), (0, 4, 1), width=4, height=4, numbers=False)
    rows = np.array([[0.5, 0.5], [2.5, 0.5], [9.0, 0.5], [2.5, 3.5]])
    dots = StepDots(rows, ax.xy_to_points, ax.box, radius=0.05)
    assert dots.dot_rows.tolist() == [0, 1, 3]
    ax.shift(np.array([1.0, -2.0, 0.0]))
    dots.set_progress(3)
    assert np.allclose(dots.centres(), ax.xy_to_points(rows[[0, 1, 3]]))
    dots.set_progress(1.5)
    assert len(dots.centres()) == 2


# -- the trail fades with age -------------------------------------------------------------------
def test_the_trail_fades_by_age_and_is_whole_at_the_end():
    scene = built(load_scene("bowl_gd", "BowlContour"))
    tracer, traj = scene.tracer, scene.traj
    fade = scene.s.fade
    t = 20.0
    scene.show_position(t, 0)
    # the path drawn is still the whole run up to the head, vertex for vertex
    pts = tracer.path_points()
    drawn = np.vstack([pts[0::4], pts[-1:]])
    assert np.allclose(drawn, scene.ax.xy_to_points(traj.params[: int(t) + 1]), atol=1e-9)
    # the tracer itself holds the part at least `fade` steps old, faint
    own = tracer.points
    n_old = len(own) // 4
    assert n_old == int(t - fade)  # segments ending at rows <= t - fade
    assert tracer.get_stroke_opacity() < 0.5
    # the bands get brighter towards the head, the newest at full opacity
    opac = [layer.get_stroke_opacity() for layer in tracer.layers]
    assert opac == sorted(opac) and opac[-1] == 1.0 and opac[0] > tracer.get_stroke_opacity()
    newest = tracer.layers[-1].points
    head = scene.ax.xy_to_points(traj.params[int(t)][None])[0]
    assert np.allclose(newest[-1], head)
    # dots fade the same way: the oldest dots are in the faintest layer
    dot_op = [layer.get_fill_opacity() for layer in tracer.dots.layers]
    assert dot_op == sorted(dot_op) and dot_op[-1] == 1.0
    # at the end every part is at full opacity
    scene.show_position(float(traj.n_steps), 0)
    scene.show_ending()
    assert tracer.get_stroke_opacity() == 1.0
    assert all(layer.get_stroke_opacity() == 1.0 for layer in tracer.layers)
    assert all(layer.get_fill_opacity() == 1.0 for layer in tracer.dots.layers)


def test_no_fade_and_no_dots_when_switched_off():
    scene = built(load_scene("optimizer_race", "SaddleRace"), fade=0.0, step_dots=False)
    for tracer in scene.tracers:
        assert tracer.layers == [] and tracer.dots is None
        assert tracer.get_stroke_opacity() == 1.0
    plain = PathTracer(np.array([[0.0, 0.0], [1.0, 1.0]]), lambda p: np.c_[p, 0 * p[:, 0]],
                       (0, 2, 0, 2))  # fmt: skip
    assert plain.submobjects == []  # the loss charts' curves stay single VMobjects


def test_model_landscape_trail_fades_by_epochs_for_every_run():
    """The clock counts epochs: each run's trail spans the same epochs (SGD's many rows)."""
    scene = built(load_scene("linreg_landscape", "LinRegLandscape"))
    for tracer, d in zip(scene.tracers, scene.per_epoch, strict=True):
        assert math.isclose(tracer.fade_steps, scene.s.fade * d)


# -- windows --------------------------------------------------------------------------------------
@pytest.mark.parametrize(("file", "name"), [("bowl_gd", "BowlContour"),
                                            ("learning_rates", "LearningRates")])  # fmt: skip
def test_window_holds_the_optimum_inside_and_every_converging_paths_first_90_percent(file, name):
    scene = built(load_scene(file, name))
    lands = getattr(scene, "lands", None) or [scene.land]
    f = scene.s.function
    for land in lands:
        x0, x1, y0, y1 = land.axes.box
        # equal aspect: both axes are in the same units
        o, ex, ey = land.axes.c2p(0, 0), land.axes.c2p(1, 0), land.axes.c2p(0, 1)
        assert np.linalg.norm(ex - o) == pytest.approx(np.linalg.norm(ey - o))
        for m in f.minima:
            margin = 0.1 * min(x1 - x0, y1 - y0)
            assert x0 + margin <= m[0] <= x1 - margin and y0 + margin <= m[1] <= y1 - margin
        runs = scene.trajectories
        diverged = getattr(scene, "div_steps", [None] * len(runs))
        for t, k in zip(runs, diverged, strict=True):
            if k is not None:  # a diverging run leaves the view: flagged, not fitted
                continue
            q = t.params[: int(np.ceil(0.9 * len(t.params)))]
            assert (q[:, 0] >= x0).all() and (q[:, 0] <= x1).all()
            assert (q[:, 1] >= y0).all() and (q[:, 1] <= y1).all()
        # the window fits the run, not the function's whole domain
        (dx0, dx1), (dy0, dy1) = f.domain
        assert (x1 - x0) * (y1 - y0) < (dx1 - dx0) * (dy1 - dy0)


def test_axes_on_a_range_off_the_ticks_label_round_values_where_they_are():
    ax = BoxAxes((0.9, 2.9, 0.5), (-1.3, 1.7, 1.0), width=4, height=3)
    for axis, values in ((ax.x_axis, [1.0, 1.5, 2.0, 2.5]), (ax.y_axis, [-1.0, 0.0, 1.0])):
        assert [float(m.number) for m in axis.numbers] == values
        for v, m in zip(values, axis.numbers, strict=True):
            p = axis.number_to_point(v)
            k = 0 if axis is ax.x_axis else 1
            assert m.get_center()[k] == pytest.approx(p[k], abs=1e-6)


# -- keys -------------------------------------------------------------------------------------------
def test_key_shows_the_heat_maps_colours_and_ticks_where_their_values_are():
    scale = LevelScale("linear", 0.0, 25.0)
    colours = ("#000000", "#FF0000", "#FFFFFF")
    key = ColorKey(scale, colours, 4, width=2.0)
    fills = [b.get_fill_color().to_hex().upper() for b in key.bar]
    assert fills == band_colors(scale, colours, 4) and len(fills) == 5
    left = key.bar.get_left()[0]
    for v, tick in zip(key.values, key.ticks, strict=True):
        assert tick.get_center()[0] - left == pytest.approx(v / 25.0 * 2.0, abs=1e-9)
    values, labels = key_ticks(LevelScale("log", 0.0, 900.0, offset=0.01))
    assert labels == ["10⁻²", "1", "10²"] and np.allclose(values, [0.01, 1.0, 100.0])


@pytest.mark.parametrize(
    ("file", "name"),
    [
        ("bowl_gd", "BowlContour"),
        ("optimizer_race", "RosenbrockRace"),
        ("optimizer_race", "SaddleRace"),
        ("learning_rates", "LearningRates"),
        ("linreg_landscape", "LinRegLandscape"),
        ("logreg_landscape", "LogRegLandscape"),
    ],
)
def test_every_heat_map_has_a_key_with_its_colours(file, name):
    scene = built(load_scene(file, name))
    land = (getattr(scene, "lands", None) or [scene.land])[0]
    key = scene.key
    assert key is not None and any(key in m.get_family() for m in scene._still)
    # the colours in the heat map's image are the key's bands (a band the view does not reach
    # is in the key but not in the image)
    image = np.asarray(land.image.pixel_array)[..., :3].reshape(-1, 3)
    in_image = {"#{:02X}{:02X}{:02X}".format(*c) for c in np.unique(image, axis=0)}
    in_key = {b.get_fill_color().to_hex().upper() for b in key.bar}
    assert in_image <= in_key
    assert len(key.labels) >= 2
    # the key stays inside the frame and off the landscape
    w = 8.0 * 854 / 480 / 2
    assert key.get_left()[0] >= -w and key.get_right()[0] <= w
    ax = land.axes
    assert key.get_left()[0] > ax.get_right()[0] or key.get_top()[1] < ax.get_bottom()[1]
    off = built(load_scene(file, name), filled=False)
    assert off.key is None


def test_surface_scene_refuses_step_dots():
    from maniml.scenes import BowlSurfaceScene

    with pytest.raises(maniml.ParameterError, match="'step_dots' setting of Surface3DSettings"):
        BowlSurfaceScene.settings.with_(step_dots=True)
