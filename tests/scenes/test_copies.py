"""Copies of moving parts (FadeIn makes two of every part) do not copy the axes they map through."""

from __future__ import annotations

import numpy as np

from maniml.scenes import BoxAxes
from maniml.scenes.paths import PathTracer


def test_a_copied_path_tracer_shares_its_map_and_draws_the_same():
    axes = BoxAxes((0, 4, 1), (0, 4, 1), width=4, height=4, numbers=False)
    rows = np.array([[0.5, 0.5], [1.5, 0.5], [1.5, 2.5]])
    tracer = PathTracer(rows, axes.xy_to_points, axes.box).set_progress(1.5)
    twin = tracer.copy()
    assert twin.to_scene is tracer.to_scene
    assert np.array_equal(twin.points, tracer.points) and len(twin.points) > 0
    assert np.allclose(twin.set_progress(2.0).marker.get_center(), axes.c2p(1.5, 2.5))
