"""Drawn geometry of the fit scenes checked against the trajectory, row by row."""

from __future__ import annotations

import numpy as np
import pytest

from maniml.scenes import LinRegScene, LogRegScene, Sigmoid1DScene, clip_segment

ROWS = (0, 1, 7, 40, -1)


def _row(scene, k):
    return scene.traj.n_steps if k == -1 else k


def _ring_centres(scatter) -> np.ndarray:
    n = len(scatter._template)
    return scatter.points.reshape(-1, n, 3).mean(axis=1)


def _data_xy(axes, point):
    return np.array(axes.axes.p2c(point))


@pytest.mark.parametrize("name", ["linreg_sgd", "linreg_minibatch", "linreg_bgd"])
def test_line_endpoints_loss_marker_and_batch_match_the_trajectory(name, ready_scene, build):
    scene = build(ready_scene(name))
    data, loss, traj = scene.data_panel, scene.loss_panel, scene.traj
    x0, x1, y0, y1 = data.axes.box
    for k in map(lambda r: _row(scene, r), ROWS):
        scene.show_row(k)
        t0, t1 = traj.params[k]
        # model line: the segment of y = t0 + t1 x inside the box, clipped independently here
        expected = clip_segment((x0, t0 + t1 * x0), (x1, t0 + t1 * x1), data.axes.box)
        pts = data.model.points
        if expected is None:
            assert len(pts) == 0
        else:
            ends = {tuple(np.round(p, 6)) for p in (pts[0], pts[-1])}
            want = {tuple(np.round(data.axes.c2p(*e), 6)) for e in expected}
            assert ends == want, f"row {k}"
            for p in (pts[0], pts[-1]):
                x, y = _data_xy(data.axes, p)
                assert y == pytest.approx(t0 + t1 * x, abs=1e-6 * (y1 - y0))
        # loss marker at (k, loss_k)
        assert np.allclose(loss.marker.get_center(), loss.axes.c2p(k, traj.loss[k]), atol=1e-9)
        # the curve ends at the marker and never goes past row k
        curve = loss.curve.points
        if k > 0:
            assert np.allclose(curve[-1], loss.marker.get_center(), atol=1e-9)
            assert _data_xy(loss.axes, curve.max(axis=0))[0] <= k + 1e-9
        # highlighted samples are the batch of the step that made row k
        if traj.batch_indices.is_full:
            assert not data.show_batch
            continue
        idx = np.asarray(traj.batch_indices[k - 1]) if k > 0 else np.zeros(0, int)
        if len(idx) == 0:
            assert len(data.batch_rings.points) == 0
            continue
        want = data.axes.c2p(traj.X[idx, 0], traj.y[idx]).reshape(-1, 3)
        got = _ring_centres(data.batch_rings)
        assert got.shape == want.shape
        assert np.allclose(got, want, atol=1e-9)


def test_residuals_join_each_point_to_the_line(ready_scene, build):
    scene = build(ready_scene("linreg_sgd"))
    data, traj = scene.data_panel, scene.traj
    k = 30
    scene.show_row(k)
    segs = data.residuals.points.reshape(-1, 4, 3)
    assert len(segs) == len(traj.y)
    t0, t1 = traj.params[k]
    for (start, end), x, y in zip(segs[:, [0, 3]], traj.X[:, 0], traj.y, strict=True):
        assert np.allclose(start, data.axes.c2p(x, y))
        ex, ey = _data_xy(data.axes, end)
        assert ex == pytest.approx(x)
        assert ey == pytest.approx(np.clip(t0 + t1 * x, *data.axes.box[2:]), abs=1e-6)


@pytest.mark.parametrize("name", ["logreg_sgd", "logreg_minibatch", "logreg_bgd"])
def test_decision_boundary_is_where_theta_dot_x_is_zero(name, ready_scene, build):
    scene = build(ready_scene(name))
    data, traj = scene.data_panel, scene.traj
    x0, x1, y0, y1 = data.axes.box
    for k in (1, 10, traj.n_steps):
        scene.show_row(k)
        theta = traj.params[k]
        pts = data.model.points
        if k == traj.n_steps:
            assert len(pts) > 0, "the fitted boundary crosses the box in these scenes"
        if len(pts) == 0:  # the line misses the box: check that it really does
            a = np.linspace(x0, x1, 201)[:, None]
            b = np.linspace(y0, y1, 201)[None, :]
            z = theta[0] + theta[1] * a + theta[2] * b
            assert (z > 0).all() or (z < 0).all()
        for p in (pts[0], pts[-1]) if len(pts) else ():
            a, b = _data_xy(data.axes, p)
            assert x0 - 1e-9 <= a <= x1 + 1e-9 and y0 - 1e-9 <= b <= y1 + 1e-9
            z = theta[0] + theta[1] * a + theta[2] * b
            assert abs(z) <= 1e-6 * np.abs(theta).max() * max(1.0, abs(a), abs(b))
        if not traj.batch_indices.is_full:
            idx = np.asarray(traj.batch_indices[k - 1])
            # rings on the drawn points: the samples, jittered by at most data.jitter (iris)
            drawn = data.drawn[idx]
            assert (np.abs(drawn - traj.X[idx]) <= data.jitter + 1e-12).all()
            want = data.axes.c2p(drawn[:, 0], drawn[:, 1]).reshape(-1, 3)
            assert np.allclose(_ring_centres(data.batch_rings), want, atol=1e-9)


def test_no_boundary_when_the_weights_are_zero(small_config, build):
    class Flat(LogRegScene):
        settings = LogRegScene.settings.with_(max_steps=3, run_time=1.0)

    scene = build(Flat)
    scene.show_row(0)  # theta = 0: no boundary, and no NaN in the shading
    assert len(scene.data_panel.model.points) == 0
    for band in scene.data_panel.shading:
        assert np.isfinite(band.points).all()


def test_sigmoid_curve_follows_theta(small_config, build):
    scene = build(Sigmoid1DScene)
    data, traj = scene.data_panel, scene.traj
    for k in (0, 5, traj.n_steps):
        scene.show_row(k)
        t0, t1 = traj.params[k]
        for p in data.model.points[::4]:  # the anchors (corners) of the polyline
            x, y = _data_xy(data.axes, p)
            assert y == pytest.approx(1.0 / (1.0 + np.exp(-(t0 + t1 * x))), abs=1e-6)
        if k > 0 and data.threshold.points.size:
            xs, _ = _data_xy(data.axes, data.threshold.points[0])
            assert t0 + t1 * xs == pytest.approx(0.0, abs=1e-6)


def test_readouts_show_the_row(ready_scene, build):
    scene = build(ready_scene("linreg_sgd"))
    traj = scene.traj
    k = 17
    scene.show_row(k)
    text = scene.readout_panel.text()
    assert f"step {k:>3}/{traj.n_steps}" in text
    assert f"epoch {traj.epoch[k]}/" in text
    # each number shown is the row's value, rounded to the digits its field shows
    shown = {}
    for line in text.splitlines()[1:]:
        key, _, value = line.partition("=")
        shown[key.strip()] = value.strip().replace("\u2212", "-")
    for key, true in (("θ₀", traj.params[k][0]), ("θ₁", traj.params[k][1]), ("loss", traj.loss[k])):
        value = shown[key]
        decimals = len(value.split(".")[1]) if "." in value and "e" not in value else None
        tol = 0.5 * 10.0**-decimals if decimals is not None else 5e-3 * abs(true)
        assert abs(float(value) - true) <= tol * (1 + 1e-9), (key, value, true)
    idx = int(traj.batch_indices[k - 1][0])
    assert f"B = {{{idx}}}" in scene.formula_panel.batch_numbers.text


def test_optimum_is_the_closed_form(small_config, build):
    import maniml

    scene = build(LinRegScene)
    theta = maniml.closed_form(scene.traj.X, scene.traj.y)
    assert np.allclose(scene.data_panel.optimum, theta)
    assert scene.loss_panel.optimum_loss == pytest.approx(
        maniml.LinearRegression().loss(theta, scene.traj.X, scene.traj.y)
    )
