"""The 1-D and linear-regression landscape templates on the scene framework: settings checked
field by field at ``with_()``, timelines without rendering, and every moving part brought to
the clock position by ``show_position`` alone (the mid-run frames of the real play pipeline
are compared in tests/scenes/test_pipeline.py)."""

from __future__ import annotations

import math
import warnings
from dataclasses import fields

import numpy as np
import pytest
from conftest import load_scene

import maniml
from maniml.scenes import (
    LIGHT,
    GD1DSettings,
    LinRegLandscapeSettings,
    ParabolaScene,
    WaveScene,
    timeline_of,
)
from maniml.scenes.landscape_scenes.gd1d import phase

# -- settings ---------------------------------------------------------------------------------------
#: A bad value for every field of the two settings classes.
COMMON_BAD = {
    "theme": "sepia",
    "title": 3,
    "run_time": 0,
    "intro_time": -1.0,
    "hold_time": -0.5,
    "pacing": "fast",
    "segment": (3, 2),
    "x_range": (2.0, 1.0),
    "y_range": (0.0, float("nan")),
    "smooth": "yes",
    "fade": -1.0,
}
GD1D_BAD = {
    **COMMON_BAD,
    "function": maniml.Bowl(),
    "start": (1.0, 2.0),
    "lr": -1,
    "rule": "sgd",
    "steps": 0,
    "tangent_length": 0.0,
    "show_trail": 1,
}
LINREG_BAD = {
    **COMMON_BAD,
    "model": "poisson",
    "data": "mnist",
    "data_options": ["n", 5],
    "methods": (),
    "featured": 3,
    "epochs": 0,
    "seed": -1,
    "init": "origin",
    "step_dots": "yes",
    "resolution": 4,
    "image_resolution": 8,
    "levels": 0,
    "level_scale": "cubic",
    "filled": None,
    "bands": "no",
    "heat_colors": ("#000000",),
    "show_loss": 0,
    "max_vertices": 1,
}
CASES = [(GD1DSettings, n, v) for n, v in GD1D_BAD.items()] + [
    (LinRegLandscapeSettings, n, v) for n, v in LINREG_BAD.items()
]


@pytest.mark.parametrize("cls", [GD1DSettings, LinRegLandscapeSettings])
def test_the_table_has_a_bad_value_for_every_field(cls):
    table = GD1D_BAD if cls is GD1DSettings else LINREG_BAD
    assert {f.name for f in fields(cls)} == set(table)


@pytest.mark.parametrize(
    ("cls", "name", "value"), CASES, ids=[f"{c.__name__}.{n}" for c, n, _ in CASES]
)
def test_every_field_rejects_a_bad_value_at_with_naming_it(cls, name, value):
    with pytest.raises(maniml.ParameterError, match=f"The '{name}' setting of {cls.__name__}") as e:
        cls().with_(**{name: value})
    assert e.value.name == name and e.value.kind == "setting"


def test_message_format():
    with pytest.raises(ValueError) as e:
        GD1DSettings().with_(lr=-1)
    assert str(e.value) == "The 'lr' setting of GD1DSettings must be a float in (0, inf); got -1."


def test_names_ignore_case():
    s = GD1DSettings().with_(rule="Adam", theme="Light", pacing="LINEAR")
    assert (s.rule, s.theme, s.pacing) == ("adam", LIGHT, "linear")
    lr = LinRegLandscapeSettings().with_(data="Linear", level_scale="LOG", theme="DARK")
    assert (lr.data, lr.level_scale) == ("linear", "log")
    with pytest.raises(maniml.ParameterError, match="did you mean 'lr'"):
        GD1DSettings().with_(LR=0.1)
    with pytest.raises(maniml.ParameterError, match="did you mean 'epochs'"):
        LinRegLandscapeSettings().with_(epoch=3)


def test_end_wait_still_works_with_a_warning():
    with pytest.warns(DeprecationWarning, match="hold_time"):
        s = GD1DSettings().with_(end_wait=0.25)
    assert s.hold_time == 0.25


def test_linreg_data_options_are_checked_against_the_generator():
    with pytest.raises(maniml.ParameterError, match="'data_options' setting.*make_linear"):
        LinRegLandscapeSettings().with_(data_options={"nn": 10})
    s = LinRegLandscapeSettings().with_(data_options={"n": 20}, epochs=2)
    assert len(s.dataset()[1]) == 20


def test_linreg_featured_must_name_a_run():
    one = (maniml.scenes.Racer("BGD", maniml.BGD(0.1)),)
    with pytest.raises(maniml.ParameterError, match=r"'featured' setting.*\[0, 0\]"):
        LinRegLandscapeSettings().with_(methods=one)
    assert LinRegLandscapeSettings().with_(methods=one, featured=0).featured == 0


def test_wrong_settings_type_fails_in_setup():
    bad = type("Bad", (ParabolaScene,), {"settings": LinRegLandscapeSettings()})
    with pytest.raises(maniml.ParameterError, match="GD1DSettings"):
        bad().setup()


# -- the phase of a 1-D step ----------------------------------------------------------------------
def test_phase_grows_the_arrow_then_slides_the_point():
    assert phase(3.0, 12) == (3, 0.0, 0.0)
    k, grow, slide = phase(3.2, 12)
    assert k == 3 and math.isclose(grow, 0.5) and slide == 0.0
    assert phase(3.45, 12)[1:] == (1.0, 0.0)
    assert math.isclose(phase(3.75, 12)[2], 0.5)
    assert phase(3.999, 12)[2] > 0.99
    assert phase(12.0, 12) == (12, 0.0, 0.0)  # the end: no arrow
    assert phase(3.7, 12, smooth=False) == (3, 1.0, 0.0)  # jumps: arrow shown, no slide


# -- timelines -------------------------------------------------------------------------------------
@pytest.mark.parametrize(("file", "name"), [("gd_1d", "Parabola1D"), ("gd_1d", "Wave1D")])
def test_timeline_of_the_1d_scenes(file, name):
    cls = load_scene(file, name)
    tl = timeline_of(cls, frame_rate=15)
    assert [s.name for s in tl.stages] == ["build-up", "steps", "end"]
    assert len(tl.rows) == tl.stage("steps").frames == 150
    assert tl.rows[0] == 0 and tl.rows[-1] == tl.trajectory.n_steps == cls.settings.steps
    assert np.all(np.diff(tl.positions) >= 0)
    # every step gets time for its two phases (at least 5 frames per step)
    per_step = np.diff(np.searchsorted(tl.positions, np.arange(cls.settings.steps + 1)))
    assert per_step.min() >= 5


def test_timeline_of_the_linreg_landscape_counts_epochs():
    cls = load_scene("linreg_landscape", "LinRegLandscape")
    tl = timeline_of(cls, frame_rate=15)
    s = cls.settings
    assert len(tl.trajectories) == 3 and tl.trajectory is tl.trajectories[s.featured]
    assert math.isclose(tl.positions[-1], s.epochs)
    per_epoch = tl.trajectory.n_steps / s.epochs
    assert np.array_equal(tl.rows, np.minimum(np.floor(tl.positions * per_epoch + 1e-9), 75))
    assert tl.rows[-1] == tl.trajectory.n_steps == 75
    # the first epochs, where the paths move most, are not rushed
    assert np.mean(tl.positions < 3) >= 0.12


# -- moving parts at a clock position ---------------------------------------------------------------
@pytest.fixture
def built(tiny):
    """``built(cls)``: a scene set up, built and assembled (as before its first frame)."""

    def _built(cls):
        scene = cls()
        scene.setup()
        scene.build()
        scene.assemble()
        return scene

    return _built


@pytest.fixture
def tiny(tmp_path):
    from manim import tempconfig

    cfg = {
        "media_dir": str(tmp_path / "media"),
        "pixel_width": 256,
        "pixel_height": 144,
        "frame_rate": 5,
        "disable_caching": True,
        "verbosity": "ERROR",
        "progress_bar": "none",
    }
    with tempconfig(cfg):
        yield


def _frame(scene, position):
    scene.clock.set_value(position)
    scene.show_position(position, 0)
    scene.renderer.update_frame(scene, ignore_skipping=True)
    return np.array(scene.renderer.get_frame())


def test_gd1d_moving_parts_are_registered_after_the_still_ones(built):
    scene = built(load_scene("gd_1d", "Parabola1D"))
    for part in (scene.tangent, scene.arrow, scene.trail, scene.marker, scene.r_step):
        assert part in scene._moving and part not in scene._still
    # Added after the clock: Cairo redraws them every frame.
    order = scene.mobjects
    assert all(order.index(m) > order.index(scene.clock) for m in scene._moving)


def test_gd1d_tangent_and_step_arrow(built):
    scene = built(load_scene("gd_1d", "Parabola1D"))
    traj, ax = scene.traj, scene.ax
    scene.show_position(2.45, 0)  # step 2: tangent shown, arrow fully grown, point not moving
    assert np.allclose(scene.marker.get_center(), ax.c2p(traj.params[2, 0], traj.loss[2]))
    tangent = scene.tangent.get_end() - scene.tangent.get_start()
    sx = (ax.c2p(1, 0) - ax.c2p(0, 0))[0]
    sy = (ax.c2p(0, 1) - ax.c2p(0, 0))[1]
    slope = (tangent[1] / sy) / (tangent[0] / sx)
    assert math.isclose(slope, traj.grads[2, 0], rel_tol=1e-6)
    assert scene.tangent.get_stroke_opacity() == 1.0
    tip = scene.arrow.points[:, :2]
    expected = ax.c2p(traj.params[3, 0], traj.loss[2])[:2]
    assert np.min(np.linalg.norm(tip - expected, axis=1)) < 1e-9
    assert len(scene.trail.centres()) > 0
    # At the start of a step nothing but the point: no tangent, no arrow (not a segment at
    # the origin).
    scene.show_position(2.0, 0)
    assert len(scene.tangent.points) == 0 and len(scene.arrow.points) == 0
    # Half-way through the slide the point is between x_2 and x_3, on the curve.
    scene.show_position(2.75, 0)
    x = ax.p2c(scene.marker.get_center())[0]
    assert traj.params[2, 0] < x < traj.params[3, 0]
    # At the end: no tangent, no arrow; the read-outs say the last step.
    scene.show_position(traj.n_steps, 0)
    assert len(scene.tangent.points) == 0 and len(scene.arrow.points) == 0
    assert scene.r_step.text == f"step  {traj.n_steps} / {traj.n_steps}" and scene.r_g.text == ""


def test_gd1d_trail_holds_the_points_visited(built):
    """A dot at every point visited so far (on the Wave's run every step is longer than a dot,
    so none is thinned out until the run creeps into its minimum)."""
    scene = built(load_scene("gd_1d", "Wave1D"))
    rows = scene.trail.dot_rows
    assert rows[:5].tolist() == list(range(5))
    for k in (0, 3, 9):
        scene.show_position(k + 0.2, 0)
        shown = rows[rows <= k]
        expected = scene.ax.c2p(scene.traj.params[shown, 0], scene.traj.loss[shown])
        assert np.allclose(scene.trail.centres(), expected, atol=1e-6)
    off = built(
        type("NoTrail", (WaveScene,), {"settings": WaveScene.settings.with_(show_trail=False)})
    )
    assert off.trail not in off._moving


@pytest.mark.parametrize("name", ["Parabola1D", "Wave1D"])
def test_gd1d_frame_depends_on_the_position_alone(built, name):
    cls = load_scene("gd_1d", name)
    a, b = built(cls), built(cls)
    _frame(a, 7.3)
    _frame(a, 1.45)
    fb = _frame(b, 1.45)
    fa = _frame(a, 1.45)
    assert np.array_equal(fa, fb)
    assert not np.array_equal(fa, _frame(b, 1.8))  # and the picture moves within a step


def test_linreg_runs_are_in_step_by_epoch(built):
    cls = load_scene("linreg_landscape", "LinRegLandscape")
    scene = built(type("Short", (cls,), {"settings": cls.settings.with_(epochs=4)}))
    scene.show_position(2.0, 0)
    rows = [math.floor(scene.row_at(i, 2.0)) for i in range(3)]
    assert rows == [2, 80, 10]  # BGD 1, SGD 40, mini-batch 5 steps per epoch
    for tr, t, k in zip(scene.tracers, scene.trajectories, rows, strict=True):
        assert np.allclose(tr.marker.get_center(), scene.ax.c2p(*t.params[k]))
    assert scene.panel.row == rows[scene.s.featured]
    for curve, k in zip(scene.chart.curves, rows, strict=True):
        assert math.isclose(curve.progress, k)
    assert scene.r_epoch.text == "epoch 2 / 4"  # no "2.0": whole epochs are integers
    scene.show_position(2.5, 0)
    assert scene.r_epoch.text == "epoch 2.5 / 4"
    for part in (*scene.tracers, *scene.lines.values(), scene.panel.moving, *scene.r_loss):
        assert part in scene._moving


def test_linreg_frame_depends_on_the_position_alone(built):
    cls = load_scene("linreg_landscape", "LinRegLandscape")
    short = type("Short", (cls,), {"settings": cls.settings.with_(epochs=3, resolution=40)})
    a, b = built(short), built(short)
    _frame(a, 2.5)
    assert np.array_equal(_frame(a, 0.7), _frame(b, 0.7))


@pytest.mark.parametrize(
    ("file", "name", "changes"),
    [("gd_1d", "Parabola1D", {}), ("gd_1d", "Wave1D", {"theme": "light"}),
     ("linreg_landscape", "LinRegLandscape", {"epochs": 3})],
)  # fmt: skip
def test_last_frame_renders_without_latex(tiny, file, name, changes):
    from maniml.scenes import render_frame

    cls = load_scene(file, name)
    sub = type(name, (cls,), {"settings": cls.settings.with_(**changes)})
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        frame = render_frame(sub, 1.0)
    assert frame.shape == (144, 256, 4)
    assert frame[..., :3].astype(float).std() > 10.0


def test_an_arrow_does_not_depend_on_the_arrow_drawn_before():
    """FlatArrow once kept its shaft width in ``self.width`` (manim's extent property): the
    first arrow had no shaft and every later one took the previous arrow's length."""
    from maniml.scenes.paths import FlatArrow

    start, end = np.zeros(3), np.array([2.0, 0.0, 0.0])
    fresh = FlatArrow().put_start_and_end_on(start, end)
    used = FlatArrow().put_start_and_end_on(start, np.array([0.01, 0.0, 0.0]))
    used.put_start_and_end_on(start, end)
    assert np.allclose(fresh.points, used.points)
    shaft = fresh.points[:, 1][np.abs(fresh.points[:, 0]) < 1e-9]  # the tail end
    assert np.ptp(shaft) > 0.03  # the shaft has its width


@pytest.mark.parametrize("name", [("linreg_landscape", "LinRegLandscape"),
                                  ("logreg_landscape", "LogRegLandscape")])  # fmt: skip
def test_model_landscape_window_holds_the_optimum_and_the_paths(name, built):
    """The optimum is inside the window, away from its edges, and so is every path's first
    90 % of points; its 'x' is drawn above the paths."""
    scene = built(load_scene(*name))
    x0, x1, y0, y1 = scene.ax.box
    ox, oy = scene.optimum[:2]
    margin = 0.1 * min(x1 - x0, y1 - y0)
    assert x0 + margin <= ox <= x1 - margin and y0 + margin <= oy <= y1 - margin
    for t in scene.trajectories:
        p = t.params[: int(0.9 * len(t.params)) + 1]
        assert (p[:, 0] >= x0).all() and (p[:, 0] <= x1).all()
        assert (p[:, 1] >= y0).all() and (p[:, 1] <= y1).all()
    moving = scene._moving
    assert moving.index(scene.optimum_mark) > max(moving.index(t) for t in scene.tracers)
    assert scene.land.minima not in scene._still


def test_model_landscape_rings_the_sgd_sample_of_the_row(built):
    """SGD's sample is ringed in the data panel (in SGD's colour), like mini-batch's batch."""
    scene = built(load_scene("linreg_landscape", "LinRegLandscape"))
    sgd = next(i for i, (m, _) in enumerate(scene.runs) if m.name == "SGD")
    ring = scene.rings[sgd]
    t = scene.trajectories[sgd]
    for position in (0.0, 0.3, 4.55, 15.0):
        scene.show_position(position, 0)
        k = math.floor(scene.row_at(sgd, position))
        if k == 0:
            assert len(ring.points) == 0
            continue
        (i,) = t.batch_indices[k - 1]
        centre = ring.points.reshape(-1, len(ring._template), 3).mean(axis=1)
        want = scene.panel.axes.c2p(scene.X[i, 0], scene.y[i])
        assert np.allclose(centre[0], want, atol=1e-6)
    assert ring.get_stroke_color().to_hex().lower() == scene.colours[sgd].lower()
    featured = scene.panel.batch_rings.get_stroke_color().to_hex().lower()
    assert featured == scene.colours[scene.s.featured].lower()


@pytest.mark.parametrize("name", ["Parabola1D", "Wave1D"])
def test_1d_read_outs_keep_one_format_per_field(name):
    """Each read-out field has one format for the whole run: all scientific or all fixed with
    the same decimals (Wave1D's f(x) once read 0.101 then 9.98e-04)."""
    import re

    scene = load_scene("gd_1d", name)()
    scene.setup()
    scene.build()
    texts = {"x": set(), "f": set(), "g": set(), "d": set()}
    for k in range(scene.n_steps + 1):
        scene._show_text(k)
        for key, r in (("x", scene.r_x), ("f", scene.r_f), ("g", scene.r_g), ("d", scene.r_d)):
            if r.text:
                v = r.text.split("=")[-1].strip()
                texts[key].add("sci" if "e" in v else len(v.split(".")[-1]))
                assert not re.search(r"\s\)|\(\s", r.text)
    assert all(len(shapes) == 1 for shapes in texts.values()), texts
