"""The network templates: settings errors, geometry against the run, hollow validation points,
the multi-class key, divergence, timelines (tiny resolution, short runs)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import maniml
from maniml.scenes import NetworkSettings, NNClassificationScene, NNRegressionScene, timeline_of
from maniml.scenes.network_scenes import RegionsPanel, class_key, forward

TINY = {"data_options": {"n": 60}, "epochs": 4, "grid": 12, "run_time": 1.0, "intro_time": 0.0,
        "hold_time": 0.0}  # fmt: skip


def _scene(base, **changes):
    cls = type("Tiny", (base,), {"settings": base.settings.with_(**{**TINY, **changes})})
    scene = cls()
    scene.setup()
    scene.build()
    scene.assemble()
    return scene


@pytest.mark.parametrize(
    ("field", "value"),
    [("hidden", (8, 0)), ("hidden", "8"), ("activation", "softplus"), ("validation", 0.95),
     ("data", "iris"), ("lr", 0), ("optimizer", "lbfgs"), ("grid", 2), ("task", "ranking")],
)  # fmt: skip
def test_settings_errors_name_the_field(field, value):
    with pytest.raises(maniml.ParameterError, match=f"'{field}' setting of NetworkSettings"):
        NetworkSettings().with_(**{field: value})


def test_data_options_are_checked_against_the_generator():
    with pytest.raises(maniml.ParameterError, match="'data_options' setting.*make_circles"):
        NetworkSettings().with_(data="circles", data_options={"n_classes": 3})


def test_regions_image_is_the_networks_prediction_at_the_row(small_config):
    scene = _scene(NNClassificationScene)
    panel: RegionsPanel = scene.main
    for i in (0, len(scene.timeline.rows) // 2, len(scene.timeline.rows) - 1):
        scene.show_frame(i)
        k = scene.row_of_frame(i)
        assert panel.row == k
        want = panel.rgb(scene.net.predict(scene.traj.params[k], panel.grid))
        got = panel.image.pixel_array[..., :3].reshape(-1, 3).astype(float)
        assert np.abs(got - np.floor(want)).max() <= 1.0
        assert (panel.image.pixel_array[..., 3] == 255).all()
    hidden, out = forward(scene.net, scene.traj.final, panel.grid)
    assert np.allclose(out, scene.net.predict(scene.traj.final, panel.grid))
    assert np.allclose(hidden[0], scene.net.hidden_outputs(scene.traj.final, panel.grid)[0])


def test_diagram_lines_follow_the_weights_of_the_row(small_config):
    scene = _scene(NNClassificationScene, hidden=(3,))
    d = scene.diagram
    k = scene.traj.n_steps
    scene.show_frame(len(scene.timeline.rows) - 1)
    assert d.row == k
    w = np.concatenate([W.ravel() for W, _ in scene.net.layers(scene.traj.params[k])])
    assert len(w) == len(d._segments) == 2 * 3 + 3 * 1
    levels, signs = d.line_style(w)
    shift = d.circles[0].get_center() - d._built_at
    for i, (lv, sg) in enumerate(zip(levels, signs, strict=True)):
        mob = d.bin_of(lv, sg)
        pts = mob.points.reshape(-1, 4, 3)
        assert any(np.allclose(p, d._segments[i] + shift) for p in pts), f"line {i}"
        colour = scene.theme.positive if sg > 0 else scene.theme.negative
        assert mob.get_stroke_color().to_hex().lower() == colour.lower()
    widths = [d.bin_of(lv, 1).stroke_width for lv in range(d.LEVELS)]
    assert widths == sorted(widths) and widths[0] < widths[-1]  # wider for larger |w|
    total = sum(len(m.points) for m in d.bins) // 4
    assert total == len(w)


def test_validation_points_are_hollow_and_training_points_filled(small_config):
    scene = _scene(NNClassificationScene)
    panel = scene.main
    n_val = len(scene.data.y_val)
    assert n_val == 12  # 20 % of 60
    ring_points = sum(len(m.points) for m in panel.val_points)
    dot_points = sum(len(m.points) for m in panel.train_points[1:])
    per_dot = dot_points // len(scene.data.y)
    assert ring_points == 2 * per_dot * n_val  # an outer and an inner circle per point: a ring
    no_val = _scene(NNClassificationScene, validation=0.0)
    assert len(no_val.main.val_points) == 0 and no_val.traj.val_loss is None


def test_multiclass_regions_and_key(small_config):
    scene = _scene(NNClassificationScene, data="classes", data_options={"n": 60, "n_classes": 3})
    assert scene.net.task == "multiclass" and scene.data.n_classes == 3
    panel = scene.main
    assert len(set(panel.colors)) == 3
    key = class_key(panel.colors, scene.theme)
    texts = [m[1].original_text for m in key]
    assert texts == ["class 0", "class 1", "class 2", "training", "validation"]
    # each pixel takes its predicted class's hue
    probs = scene.net.predict(scene.traj.final, panel.grid)
    scene.show_frame(len(scene.timeline.rows) - 1)
    rgb = panel.image.pixel_array[..., :3].reshape(-1, 3).astype(float)
    bg = panel._bg
    cls = np.argmax(probs, axis=1)
    towards = np.einsum("ij,ij->i", rgb - bg, panel._cls[cls] - bg)
    assert (towards >= 0).all()


def test_divergence_is_visible_and_nothing_is_nan(small_config):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        scene = _scene(NNRegressionScene, lr=50.0, rule=None, optimizer="bgd", epochs=40)
    t = scene.traj
    assert t.diverged or t.loss[-1] > 20 * t.loss[0]
    scene.show_frame(len(scene.timeline.rows) - 1)
    assert np.isfinite(scene.main.curve.points).all()
    assert all("nan" not in r.text for r in scene.readouts)
    y0, y1 = scene.main.axes.box[2:]
    ys = scene.main.curve.points[:, 1]
    lo, hi = scene.main.axes.c2p(0, y0)[1], scene.main.axes.c2p(0, y1)[1]
    assert ys.min() >= lo - 1e-9 and ys.max() <= hi + 1e-9  # clipped to the axes
    scene.show_ending()
    if t.diverged:
        assert scene.ending.original_text.startswith("diverged at step")


def test_regression_readout_is_r2(small_config):
    scene = _scene(NNRegressionScene)
    scene.show_frame(len(scene.timeline.rows) - 1)
    assert scene.readouts[1].text.startswith("R²  train")
    k = scene.traj.n_steps
    r2 = maniml.r2_score(scene.data.y, scene.net.predict(scene.traj.params[k], scene.data.X))
    assert f"{r2:.3f}" in scene.readouts[1].text


@pytest.mark.parametrize("cls", [NNClassificationScene, NNRegressionScene])
def test_timeline_of_the_ready_templates(cls):
    tiny = type("T", (cls,), {"settings": cls.settings.with_(epochs=3, data_options={"n": 40})})
    tl = timeline_of(tiny, frame_rate=10)
    assert tl.stage("steps").frames == 100
    assert int(tl.rows[0]) == 0 and int(tl.rows[-1]) == tl.trajectory.n_steps
    assert tl.trajectory.val_loss is not None
