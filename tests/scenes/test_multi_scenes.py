"""The scenes of issue 10 (many features): the plane in 3-D, predicted-vs-actual with weight
bars, and validation / metric read-outs in the fit scenes; geometry checked against the run."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import maniml
from maniml.scenes import (
    FitSettings,
    LinRegMultiScene,
    LinRegMultiSettings,
    LinRegPlaneScene,
    LinRegPlaneSettings,
    LinRegScene,
    LogRegScene,
    timeline_of,
)


def _quick(cls, **changes):
    return type(cls.__name__, (cls,), {"settings": cls.settings.with_(**changes)})


def _centres(scatter) -> np.ndarray:
    n = len(scatter._template)
    return (
        scatter.points.reshape(-1, n, 3).mean(axis=1) if len(scatter.points) else np.zeros((0, 3))
    )


@pytest.mark.parametrize(
    ("settings", "field", "value"),
    [
        (FitSettings, "validation", 1.5),
        (FitSettings, "show_metric", "yes"),
        (LinRegMultiSettings, "tol", -1),
        (LinRegMultiSettings, "monitor", "val"),
        (LinRegMultiSettings, "axis_range", (3, 1)),
        (LinRegPlaneSettings, "phi", 200),
        (LinRegPlaneSettings, "ambient_rotation", "fast"),
    ],
)
def test_a_bad_setting_is_named(settings, field, value):
    with pytest.raises(maniml.ParameterError, match=f"'{field}' setting of {settings.__name__}"):
        settings().with_(**{field: value})


def test_monitoring_the_validation_loss_needs_a_validation_set():
    with pytest.raises(maniml.ParameterError, match="'monitor' setting"):
        LinRegMultiSettings().with_(validation=None, monitor="val_loss")


def test_validation_points_are_hollow_and_metrics_are_the_cores(build):
    scene = build(_quick(LinRegScene, validation=0.25, show_metric=True, optimizer="bgd",
                         lr=0.1, epochs=20))  # fmt: skip
    Xv, yv = scene.validation
    assert len(scene.fit_data.y) + len(yv) == 50 and len(yv) == 13
    rings = scene.data_panel.val_scatter
    assert sum(len(_centres(r)) for r in rings) == len(yv)
    assert all(r.get_fill_opacity() == 0 and r.get_stroke_width() > 0 for r in rings)
    t, extras = scene.traj, scene.readout_panel.extras
    assert np.array_equal(extras["val loss"], t.val_loss)
    for k in (0, 5, t.n_steps):
        scene.show_row(k)
        fit = t.params[k, 0] + t.params[k, 1] * t.X[:, 0]
        assert extras["R²"][k] == pytest.approx(maniml.r2_score(t.y, fit), abs=1e-12)
        val = t.params[k, 0] + t.params[k, 1] * Xv[:, 0]
        assert extras["val R²"][k] == pytest.approx(maniml.r2_score(yv, val), abs=1e-12)
        assert scene.readout_panel.lines["R²"].text.split("=")[
            -1
        ].strip() == f"{extras['R²'][k]:.3f}".replace("-", "−")
    assert len(scene.loss_panel.val_curve.points) > 0


def test_classification_accuracy_and_stratified_validation(build):
    scene = build(_quick(LogRegScene, validation=0.2, show_metric=True))
    t, (Xv, yv) = scene.traj, scene.validation
    assert abs(yv.mean() - 0.5) < 0.1  # stratified
    k = t.n_steps
    pred = (t.params[k, 0] + Xv @ t.params[k, 1:] >= 0).astype(float)
    assert scene.readout_panel.extras["val accuracy"][k] == maniml.accuracy(yv, pred)


def test_default_fit_scenes_have_no_new_parts(build):
    scene = build(LinRegScene)
    assert scene.validation is None and not scene.readout_panel.extras
    assert not scene.loss_panel.show_val_loss and len(scene.data_panel.val_scatter[0].points) == 0


def test_plane_residuals_and_rotation(build):
    scene = build(_quick(LinRegPlaneScene, epochs=15))
    t = scene.traj
    a0, a1, b0, b1, z0, z1 = scene.box3
    for k in (0, 3, t.n_steps):
        scene.show_row(k)
        poly = scene.plane_polygon(t.params[k])
        z = t.params[k, 0] + poly[:, :2] @ t.params[k, 1:]
        assert np.allclose(poly[:, 2], z) and np.all((z >= z0 - 1e-9) & (z <= z1 + 1e-9))
        corners = np.array([[a, b] for a in (a0, a1) for b in (b0, b1)])
        zc = t.params[k, 0] + corners @ t.params[k, 1:]
        if np.all((zc >= z0) & (zc <= z1)):  # unclipped: the polygon is the box's corners
            assert {tuple(np.round(p, 9)) for p in poly[:, :2]} == {tuple(p) for p in corners}
        drawn = scene.plane.points[::4][: len(poly)]
        assert np.allclose(drawn, scene.to_scene(poly))
        res = scene.residual_segments()
        pred = np.clip(t.params[k, 0] + t.X @ t.params[k, 1:], z0, z1)
        want = scene.to_scene(np.column_stack([t.X, pred]))
        assert np.allclose(res[:, -1], want) and np.allclose(res[:, 0], scene.points3)
        # every point and its residual drawn once: in front of the plane if on the camera's side
        above = t.y - (t.params[k, 0] + t.X @ t.params[k, 1:])
        front = scene.in_front(t.params[k], above)
        behind_dots, front_dots = (d.points.reshape(-1, len(d._template), 3) for d in scene.dots)
        assert len(behind_dots) + len(front_dots) == len(t.y)
        assert np.allclose(front_dots.mean(axis=1), scene.points3[front])
        assert len(scene.residuals[1].points) == 4 * int(front.sum())
        assert scene._moving.index(scene.dots[1]) > scene._moving.index(scene.plane)
        assert scene._moving.index(scene.dots[0]) < scene._moving.index(scene.plane)
        if k == 0:  # the flat plane y = 0 seen from above (phi < 90): the points above it
            assert np.array_equal(front, t.y > 0) and 0 < front.sum() < len(t.y)
    turning = build(_quick(LinRegPlaneScene, epochs=15, ambient_rotation=10))
    tracker = turning.renderer.camera.theta_tracker
    turning.show_frame(10)
    a10 = tracker.get_value()
    turning.show_frame(20)
    turning.show_frame(10)
    assert tracker.get_value() == a10 != pytest.approx(np.deg2rad(-120))
    assert tracker in turning._moving


def test_multi_bars_points_and_early_stop(build):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        scene = build(_quick(LinRegMultiScene, epochs=40, lr=0.03, tol=5.0, n_iter_no_change=2))
    t = scene.traj
    assert t.params.shape[1] == 11 and t.stopped_early
    bars, pred = scene.weights_panel, scene.predicted_panel
    for k in (0, 7, t.n_steps):
        scene.show_row(k)
        assert np.allclose(bars.lengths(), np.clip(t.params[k, 1:], *bars.axes.box[:2]))
        actual, p = pred.values_at(k)
        assert np.allclose(p, t.params[k, 0] + t.X @ t.params[k, 1:])
        shown = np.vstack([_centres(m) for m in pred.filled])
        assert len(shown) == len(t.y)
    assert sum(len(_centres(m)) for m in pred.hollow) == len(scene.validation[1])
    scene.show_frame(len(scene.timeline.positions) - 1)
    assert scene.loss_panel.best_label.text == f"best step {t.best_step}"
    assert scene.caption.text.startswith("stopped early")
    assert "stopped early" in [e.kind for e in scene.timeline.events]
    scene.show_frame(0)
    assert scene.loss_panel.best_label.text == ""


@pytest.mark.parametrize("cls", [LinRegPlaneScene, LinRegMultiScene])
def test_timeline_of_the_templates(cls, small_config):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tl = timeline_of(cls, frame_rate=5)
    assert int(tl.rows[-1]) == tl.trajectory.n_steps and len(tl.rows) == tl.stage("steps").frames
