"""Panels built on their own: each part in its place, whatever the run."""

from __future__ import annotations

import numpy as np
import pytest

import maniml
from maniml.scenes import DataPanel, FormulaPanel, LossPanel, ReadoutPanel


@pytest.fixture(scope="module")
def sigmoid_run():
    X, y = maniml.make_sigmoid_1d(n=30, seed=0)
    return maniml.fit(maniml.LogisticRegression(), X, y, maniml.BGD(0.3), epochs=5)


def test_a_given_optimum_is_drawn_on_a_sigmoid_panel(sigmoid_run, small_config):
    panel = DataPanel(sigmoid_run, optimum=[0.0, 1.0])
    assert panel.optimum_mob is not None and panel.optimum_mob in panel.still
    # a sigmoid through (0, 0.5): the dashed curve spans the box and crosses the middle
    xs = panel.optimum_mob.get_all_points()[:, 0]
    assert np.ptp(xs) > 0.9 * panel.axes.axes.width


def _runs():
    X, y = maniml.make_linear(n=40, seed=2)
    yield "line", maniml.fit(maniml.LinearRegression(), X, y, maniml.SGD(0.05), epochs=2, seed=0)
    X, y = maniml.make_blobs(n=60, seed=1)
    opt = maniml.MiniBatchGD(0.3, batch_size=8, rule="momentum")
    yield "boundary", maniml.fit(maniml.LogisticRegression(), X, y, opt, epochs=2, seed=0)
    X, y = maniml.make_sigmoid_1d(n=50, seed=0)
    yield "sigmoid", maniml.fit(maniml.LogisticRegression(), X, y, maniml.BGD(0.3), epochs=30)


RUNS = dict(_runs())
PANELS = {
    "data": lambda t: DataPanel(t, width=6.2, height=4.4),
    "loss": lambda t: LossPanel(t, width=5.5, height=2.6),
    "loss-log": lambda t: LossPanel(t, scale="log", show_batch_loss=True),
    "readout": lambda t: ReadoutPanel(t),
    "formula": lambda t: FormulaPanel(t, width=13),
    "formula-column": lambda t: FormulaPanel(t, width=6, layout="column"),
}


@pytest.mark.parametrize("panel", PANELS)
@pytest.mark.parametrize("run", RUNS)
def test_every_panel_is_created_centred_at_the_origin(run, panel, small_config):
    p = PANELS[panel](RUNS[run])
    assert p.row == 0
    np.testing.assert_allclose(p.get_center(), 0.0, atol=1e-9)
