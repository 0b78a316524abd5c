"""Panels built on their own: each part in its place, whatever the run."""

from __future__ import annotations

import numpy as np
import pytest

import maniml
from maniml.scenes import DataPanel


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
