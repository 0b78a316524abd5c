"""The one loss chart (``LossChart``) and the fit scenes' panel built on it (``LossPanel``)."""

from __future__ import annotations

import numpy as np
import pytest

import maniml
from maniml.scenes import LossChart, LossPanel
from maniml.scenes.loss_chart import LossSeries, curve_rows, step_range


def _anchors(curve) -> np.ndarray:
    """Vertices of a polyline drawn as cubic Bezier segments (4 points each)."""
    pts = curve.points
    if len(pts) == 0:
        return np.zeros((0, 3))
    return np.concatenate([pts[0::4], pts[-1:]])


def _expected(chart, i: int, t: int) -> np.ndarray:
    s = chart.series[i]
    rows = np.arange(t + 1)
    x = (rows + s.lag) * s.x_per_row
    y = chart.transform(s.loss[: t + 1])
    return chart.axes.c2p(x, y).reshape(-1, 3)


@pytest.mark.parametrize("scale", ["log", "linear"])
def test_curve_at_position_t_is_the_transformed_losses_of_rows_0_to_t(scale):
    a = 10.0 * 0.7 ** np.arange(31) + 0.5
    b = 8.0 * 0.8 ** np.arange(21) + 0.5
    chart = LossChart(
        [a, b], ["#FF0000", "#00FF00"], scale=scale, floor=0.5 if scale == "log" else None
    )
    chart.move_to([1.0, -2.0, 0.0])  # the curves follow the axes
    for t in (1, 7, 20, 30):
        chart.set_position(t)
        for i, loss in enumerate((a, b)):
            k = min(t, len(loss) - 1)
            got = _anchors(chart.curves[i])
            want = _expected(chart, i, k)
            inside = (chart.transform(loss[: k + 1]) >= chart.axes.box[2]).all()
            if inside:
                assert np.allclose(got, want, atol=1e-9), (scale, t, i)
    if scale == "log":
        assert np.allclose(chart.transform(a), np.log10(np.maximum(a - 0.5, 1e-12)))
    else:
        assert np.array_equal(chart.transform(a), a)


def test_fractional_position_ends_between_rows():
    loss = np.array([4.0, 2.0, 1.0])
    chart = LossChart([LossSeries(loss, "#FFFFFF", marker=0.05)], scale="linear")
    chart.set_position(1.5)
    end = chart.axes.c2p(1.5, 1.5)
    assert np.allclose(chart.curves[0].points[-1], end)
    assert np.allclose(chart.curves[0].marker.get_center(), end)


def test_log_or_linear_choice():
    loss = np.array([1.0, 0.5, 0.25])
    assert LossChart([loss], ["#FFF"], scale="auto").log is False
    assert LossChart([loss], ["#FFF"], scale="auto", diverged_at=2).log is True
    assert LossChart([loss], ["#FFF"], log=False).log is False
    assert LossChart([loss], ["#FFF"]).log is True
    with pytest.raises(ValueError, match="scale"):
        LossChart([loss], ["#FFF"], scale="sqrt")
    # the fit scenes' panel: log when the run blows up, linear otherwise
    X, y = maniml.make_linear(n=30, seed=0)
    calm = maniml.fit(maniml.LinearRegression(), X, y, maniml.BGD(lr=0.1), epochs=20)
    wild = maniml.fit(maniml.LinearRegression(), X, y, maniml.BGD(lr=1.2), epochs=40)
    assert not LossPanel(calm).log and LossPanel(wild).log
    assert LossPanel(calm, scale="log").log


def test_bounded_vertices_keep_spikes_for_50000_steps():
    rng = np.random.default_rng(0)
    loss = 1.0 / (1.0 + np.arange(50_001) / 100.0) + 0.01 * rng.random(50_001)
    loss[31_337] = 5.0  # a spike must survive the thinning
    rows = curve_rows(loss, 600)
    assert len(rows) <= 602 and rows[0] == 0 and rows[-1] == 50_000 and 31_337 in rows
    chart = LossChart([loss], ["#FFF"], scale="linear", max_vertices=600, y_range=(0.0, 6.0))
    chart.set_position(50_000)
    assert len(chart.curves[0].points) <= 4 * 602
    top = chart.axes.p2c(chart.curves[0].points[np.argmax(chart.curves[0].points[:, 1])])[1]
    assert top == pytest.approx(5.0, abs=1e-6)


def test_optimum_line_at_the_known_optimum():
    X, y = maniml.make_linear(n=40, seed=3)
    traj = maniml.fit(maniml.LinearRegression(), X, y, maniml.BGD(lr=0.05), epochs=30)
    panel = LossPanel(traj)
    opt = maniml.known_optimum(traj)[1]
    assert panel.optimum_loss == pytest.approx(opt)
    line = panel.chart.optimum_line
    assert line is not None
    ys = np.array([panel.axes.axes.p2c(p)[1] for p in line.get_all_points()])
    assert np.allclose(ys, opt, atol=1e-9 * max(1.0, opt))
    # off the axis: no line
    chart = LossChart([np.array([4.0, 3.0])], ["#FFF"], scale="linear", optimum=-100.0)
    assert chart.optimum_line is None


def test_banner_and_best_mark_at_the_main_run_end():
    loss = np.array([1.0, 3.0, 30.0, 1e4])
    chart = LossChart([loss], ["#FFF"], scale="auto", diverged_at=4, best_step=1)
    for t in (0, 1, 2):
        chart.set_position(t)
        assert chart.banner_text == "" and chart.best_label.text == ""
    chart.set_position(3)
    assert chart.banner_text == "diverged after step 4"
    assert chart.best_label.text == "best step 1"
    chart.set_position(2)
    assert chart.banner_text == ""
    growing = LossChart([loss], ["#FFF"], scale="auto", diverging=True).set_position(3)
    assert growing.banner_text == "diverging"
    X, y = maniml.make_linear(n=30, seed=0)
    wild = maniml.fit(maniml.LinearRegression(), X, y, maniml.BGD(lr=3.0), epochs=400)
    panel = LossPanel(wild).set_row(wild.n_steps)
    assert panel.banner_text == f"diverged after step {wild.n_steps}"  # the last row shown


def test_x_per_row_maps_rows_to_epochs_and_each_series_has_its_position():
    fast, slow = np.linspace(2, 1, 41), np.linspace(2, 1, 5)  # 40 and 4 steps per 4 epochs
    chart = LossChart(
        [LossSeries(fast, "#F00", x_per_row=0.1), LossSeries(slow, "#0F0", x_per_row=1.0)],
        scale="linear",
        x_label="epoch",
    )
    assert chart.axes.x_range[1] == pytest.approx(4.0)
    chart.set_position([20, 2])  # both at epoch 2
    for curve in chart.curves:
        end = chart.axes.p2c(curve.points[-1])
        assert end[0] == pytest.approx(2.0) and end[1] == pytest.approx(1.5)
    with pytest.raises(ValueError, match="2 steps"):
        chart.set_position([1.0])


def test_step_axes_end_at_the_run_and_loss_axes_not_below_zero():
    assert step_range(70)[1] == 70 and step_range(120)[1] == 120 and step_range(500)[1] == 500
    assert step_range(98)[1] == 100  # a round end within 5 %
    X, y = maniml.make_linear(n=30, seed=0)
    traj = maniml.fit(maniml.LinearRegression(), X, y, maniml.BGD(lr=0.1), epochs=70)
    panel = LossPanel(traj)
    assert panel.axes.x_range[1] == 70 and panel.axes.y_range[0] == 0.0
    chart = LossChart([np.array([0.9, 0.2, 0.01, 0.0])], ["#FFF"], log=False)
    assert chart.axes.y_range[0] == 0.0
    # a loss that can be negative keeps its padding
    assert LossChart([np.array([0.9, -0.5])], ["#FFF"], log=False).axes.y_range[0] < -0.5
