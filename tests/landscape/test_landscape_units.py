"""Landscape building blocks without rendering: levels, contours, clipping, paths, settings."""

from __future__ import annotations

import numpy as np
import pytest

import maniml
from maniml.scenes.landscape import (
    ContourLines,
    LevelScale,
    LossChart,
    PathTracer,
    StepArrows,
    clip_segments,
    colormap,
    marching_squares,
)
from maniml.scenes.landscape_scenes import (
    ContourSettings,
    GD1DSettings,
    LearningRatesSettings,
    LinRegLandscapeSettings,
    OptimizerRaceScene,
    Racer,
    RaceSettings,
    Surface3DSettings,
    describe_run,
    divergence_step,
)
from maniml.scenes.primitives import BoxAxes

FUNCTIONS = [maniml.Bowl(), maniml.Rosenbrock(), maniml.Beale(), maniml.Saddle(), maniml.SinCos()]


def grid(f, res=81):
    (x0, x1), (y0, y1) = f.domain
    return maniml.grid_values(f, (x0, x1), (y0, y1), resolution=res)


@pytest.mark.parametrize("f", FUNCTIONS, ids=lambda f: type(f).__name__)
def test_levels_are_strictly_increasing_and_inside_the_values(f):
    _, _, Z = grid(f)
    scale = LevelScale.fit(Z)
    levels = scale.levels(12)
    assert len(levels) == 12
    assert np.all(np.diff(levels) > 0)
    assert Z.min() <= levels[0] and levels[-1] <= Z.max()
    # the unit map is monotone and inverts
    t = np.linspace(0, 1, 7)
    assert np.allclose(scale.to_unit(scale.from_unit(t)), t, atol=1e-9)


def test_auto_scale_is_log_on_valleys_and_linear_on_bowls():
    kinds = {type(f).__name__: LevelScale.fit(grid(f)[2]).kind for f in FUNCTIONS}
    assert kinds["Rosenbrock"] == "log" and kinds["Beale"] == "log"
    assert kinds["Bowl"] == "linear" and kinds["Saddle"] == "linear"


def test_level_scale_rejects_bad_kind():
    with pytest.raises(ValueError, match="level_scale"):
        LevelScale.fit(np.arange(4.0), "cubic")


def test_marching_squares_traces_the_bowls_circles():
    f = maniml.Bowl()
    xs, ys, Z = grid(f, 161)
    for level in (0.5, 2.0, 6.0):
        seg = marching_squares(xs, ys, Z, level)
        assert len(seg) > 20
        r = np.hypot(seg[..., 0] - 1.0, seg[..., 1] - 2.0)
        assert np.allclose(r, np.sqrt(level), atol=0.01)


def test_marching_squares_saddle_cells_and_nan_corners():
    xs = ys = np.array([0.0, 1.0])
    Z = np.array([[0.0, 1.0], [1.0, 0.0]])  # a saddle cell: two segments
    assert marching_squares(xs, ys, Z, 0.5).shape == (2, 2, 2)
    Z[0, 0] = np.nan
    assert marching_squares(xs, ys, Z, 0.5).shape == (0, 2, 2)


def test_contour_lines_refuse_unordered_levels():
    ax = BoxAxes((0, 1, 0.5), (0, 1, 0.5), width=2, height=2, numbers=False)
    xs = ys = np.linspace(0, 1, 5)
    Z = xs[None] + ys[:, None]
    lines = ContourLines(ax, xs, ys, Z, [0.5, 1.0, 1.5])
    assert len(lines) == 3 and np.all(np.diff(lines.levels) > 0)
    with pytest.raises(ValueError, match="increasing"):
        ContourLines(ax, xs, ys, Z, [1.0, 0.5])


def test_colormap_ends():
    rgb = colormap(np.array([0.0, 1.0, np.nan]), ["#000000", "#FF0000"])
    assert rgb.tolist() == [[0, 0, 0], [255, 0, 0], [255, 0, 0]]


def test_clip_segments_huge_coordinates_stay_finite_and_inside():
    box = (0.0, 1.0, 0.0, 1.0)
    p0 = np.array([[0.5, 0.5], [-1e300, 0.5], [1e300, 1e300], [2.0, 2.0]])
    p1 = np.array([[1e308, 0.5], [1e300, 0.5], [-1e300, -1e300], [3.0, 3.0]])
    q0, q1, vis = clip_segments(p0, p1, box)
    assert np.isfinite(q0).all() and np.isfinite(q1).all()
    assert vis.tolist() == [True, False, False, False]  # far-far segments are not drawn
    assert np.allclose(q0[0], [0.5, 0.5]) and np.allclose(q1[0], [1.0, 0.5])


def axes():
    return BoxAxes((-2, 4, 1), (-1, 5, 1), width=6, height=6, numbers=False)


def test_path_tracer_marker_sits_on_theta_k_and_vertices_match_rows():
    ax = axes()
    t = maniml.minimize(maniml.Bowl(), [-1.5, -0.5], maniml.BGD(0.1), steps=30)
    tr = PathTracer(t.params, ax.xy_to_points, ax.box)
    for k in (0, 1, 7, 30):
        tr.set_progress(k)
        assert np.allclose(tr.marker.get_center(), ax.c2p(*t.params[k]), atol=1e-9)
        if k:
            anchors = tr.points[0::4]  # one cubic per segment: its start anchors
            ends = tr.points[3::4]
            expected = ax.xy_to_points(t.params[: k + 1])
            assert np.allclose(anchors, expected[:-1]) and np.allclose(ends, expected[1:])


def test_path_tracer_half_step_and_moving_axes():
    ax = axes()
    rows = np.array([[0.0, 0.0], [2.0, 2.0]])
    tr = PathTracer(rows, ax.xy_to_points, ax.box)
    tr.set_progress(0.5)
    assert np.allclose(tr.marker.get_center(), ax.c2p(1.0, 1.0))
    ax.shift([1.0, -0.5, 0.0])
    tr.set_progress(1.0)  # the cached points follow the axes
    assert np.allclose(tr.points[-1], ax.c2p(2.0, 2.0))


def test_path_tracer_cost_is_bounded_for_long_runs():
    ax = axes()
    t = maniml.minimize(maniml.Bowl(), [-1.5, -0.5], maniml.BGD(0.001), steps=20_000)
    tr = PathTracer(t.params, ax.xy_to_points, ax.box, max_vertices=500)
    assert len(tr.vertex_rows) <= 500
    tr.set_progress(t.n_steps)
    assert len(tr.points) <= 4 * 500
    tr.set_progress(12_345)
    assert np.allclose(tr.marker.get_center(), ax.c2p(*t.params[12_345]))


def test_diverging_path_is_clipped_to_the_box_and_marker_hidden():
    ax = axes()
    t = maniml.minimize(maniml.Bowl(), [-1.5, -0.5], maniml.BGD(1.5), steps=80)
    tr = PathTracer(t.params, ax.xy_to_points, ax.box)
    tr.set_progress(t.n_steps)
    lo, hi = ax.c2p(-2, -1), ax.c2p(4, 5)
    assert np.isfinite(tr.points).all()
    assert (tr.points[:, :2] >= lo[:2] - 1e-9).all() and (tr.points[:, :2] <= hi[:2] + 1e-9).all()
    assert not tr.head_inside and tr.marker.get_fill_opacity() == 0.0


def test_step_arrows_add_up_to_the_step():
    ax = axes()
    t = maniml.minimize(maniml.Bowl(), [-1.5, -0.5], maniml.BGD(0.05, rule="momentum"), steps=10)
    arrows = StepArrows(t.params, t.grads, t.lr, ax)
    arrows.set_step(3)
    tip_gradient = arrows.gradient.points[:, :2]
    expected_mid = ax.c2p(*(t.params[3] - t.lr[3] * t.grads[3]))
    assert np.min(np.linalg.norm(tip_gradient - expected_mid[:2], axis=1)) < 1e-9
    expected_end = ax.c2p(*t.params[4])
    assert np.min(np.linalg.norm(arrows.rest.points[:, :2] - expected_end[:2], axis=1)) < 1e-9
    arrows.set_step(10)  # no step after the last row
    assert len(arrows.gradient.points) == 0


def test_loss_chart_log_floor_and_epoch_axis():
    chart = LossChart([np.array([4.0, 1.0, 0.0])], ["#FFFFFF"], floor=0.0, log=True)
    assert chart.transform(np.array([0.0]))[0] == -12.0
    chart = LossChart([np.ones(11), np.ones(3)], ["#FFF", "#000"], log=False, x_per_row=[0.1, 0.5])
    assert np.allclose(chart.curves[0].rows[-1, 0], 1.0) and np.allclose(
        chart.curves[1].rows[-1, 0], 1.0
    )


# -- settings --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("cls", "name", "value"),
    [
        (ContourSettings, "lr", -1.0),
        (ContourSettings, "steps", 0),
        (ContourSettings, "start", (1.0, 2.0, 3.0)),
        (ContourSettings, "function", maniml.Parabola()),
        (ContourSettings, "x_range", (2.0, 1.0)),
        (ContourSettings, "level_scale", "cubic"),
        (ContourSettings, "rule", "sgd"),
        (Surface3DSettings, "surface_resolution", 1),
        (RaceSettings, "winner", "best"),
        (RaceSettings, "racers", (Racer("SGD", maniml.SGD(0.1)),)),
        (LearningRatesSettings, "lrs", (0.1,)),
        (LearningRatesSettings, "labels", ("a",)),
        (GD1DSettings, "function", maniml.Bowl()),
        (LinRegLandscapeSettings, "featured", 5),
    ],
)
def test_bad_settings_name_the_setting(cls, name, value):
    with pytest.raises(ValueError, match=f"'{name}' setting"):
        cls().with_(**{name: value})


def test_unknown_setting_is_a_clear_error():
    with pytest.raises(ValueError, match="no setting 'lrr'"):
        ContourSettings().with_(lrr=0.1)


def test_scene_with_wrong_settings_type_fails_in_setup():
    bad = type("Bad", (OptimizerRaceScene,), {"settings": ContourSettings()})
    with pytest.raises(ValueError, match="must be a RaceSettings"):
        bad().setup()


# -- runs -----------------------------------------------------------------------------------------
def test_race_optimisers_each_reach_the_bowls_optimum():
    s = OptimizerRaceScene.settings.with_(function=maniml.Bowl())
    runs = s.runs()
    assert [r.name for r, _ in runs] == ["GD", "Momentum", "Nesterov", "AdaGrad", "RMSProp", "Adam"]
    for racer, traj in runs:
        assert not traj.diverged, racer.name
        assert np.allclose(traj.final, [1.0, 2.0], atol=1e-3), racer.name
    i, why = s.ranking(runs)
    assert 0 <= i < 6 and why == "first to f − f* < 1e-6"
    final = s.with_(winner="final")
    i, why = final.ranking(runs)
    assert "lowest f" in why


def test_race_preset_follows_the_function():
    assert RaceSettings().n_steps == 800
    assert RaceSettings().with_(function=maniml.Saddle()).n_steps == 80
    assert RaceSettings().with_(function=maniml.Saddle(), steps=10).n_steps == 10


def test_learning_rates_default_story_and_divergence():
    s = LearningRatesSettings()
    runs = s.runs()
    verdicts = [describe_run(t, 0.0, s.blowup) for t in runs]
    assert verdicts[:3] == ["too slow", "converges", "oscillates, converges"]
    k = divergence_step(runs[3], 0.0, s.blowup)
    assert k is not None and verdicts[3] == f"diverged at step {k}"
    for t in runs:
        assert np.isfinite(t.params).all() and np.isfinite(t.loss).all()


def test_linreg_runs_are_linear_regression_fits():
    s = LinRegLandscapeSettings().with_(epochs=3)
    runs = s.runs()
    assert [t.settings["model"] for _, t in runs] == ["LinearRegression"] * 3
    assert [t.n_steps for _, t in runs] == [3, 120, 15]


def test_the_old_paths_give_the_core_objects():
    from maniml.scenes import landscape_scenes as ls

    assert ls.StretchedBowl is maniml.StretchedBowl
    assert ls.ModelLoss is maniml.ModelLoss
    assert ls.divergence_step is maniml.divergence_step
    assert ls.describe_run is maniml.describe_run


def test_maniml_scenes_exports_every_landscape_template_and_the_ready_scenes_use_it():
    import re
    from pathlib import Path

    import maniml.scenes
    from maniml.scenes import landscape_scenes as ls

    templates = [n for n in ls.__all__ if n.endswith(("Scene", "Settings"))]
    assert len(templates) == 21  # 12 scenes, 9 settings classes
    for name in [*templates, "RACE_PRESETS", "Racer"]:
        assert name in maniml.scenes.__all__ and getattr(maniml.scenes, name) is getattr(ls, name)
    root = Path(__file__).resolve().parents[2]
    for file in sorted((root / "scenes").glob("*.py")):
        imports = re.findall(r"^from (maniml\S*) import", file.read_text(), flags=re.M)
        assert set(imports) <= {"maniml", "maniml.scenes"}, (file.name, imports)
