"""The logistic-regression landscape (ModelLandscapeScene with model='logistic'): settings
checked field by field, the optimum from L-BFGS marked where scipy finds it, every run's marker
and the data panel's sigmoids at the run's row for a clock position, and timelines without
rendering (the mid-run frame of the real play pipeline is in tests/scenes/test_pipeline.py)."""

from __future__ import annotations

import math
from dataclasses import fields

import numpy as np
import pytest
from conftest import load_scene
from scipy.optimize import minimize

import maniml
from maniml.scenes import (
    LinRegLandscapeSettings,
    LogRegLandscapeScene,
    LogRegLandscapeSettings,
    ModelLandscapeScene,
    ModelLandscapeSettings,
    timeline_of,
)

BAD = {
    "theme": "sepia",
    "title": 3,
    "run_time": 0,
    "intro_time": -1.0,
    "hold_time": -0.5,
    "pacing": "fast",
    "segment": (3, 2),
    "model": "poisson",
    "data": "mnist",
    "data_options": ["n", 5],
    "methods": (),
    "featured": 3,
    "epochs": 0,
    "seed": -1,
    "init": (1.0, 2.0, 3.0),
    "fade": float("inf"),
    "step_dots": "no",
    "x_range": (2.0, 1.0),
    "y_range": (0.0, float("nan")),
    "resolution": 4,
    "image_resolution": 8,
    "levels": 0,
    "level_scale": "cubic",
    "filled": None,
    "bands": "no",
    "heat_colors": ("#000000",),
    "show_loss": 0,
    "max_vertices": 1,
    "smooth": "yes",
}


def test_the_table_has_a_bad_value_for_every_field():
    for cls in (ModelLandscapeSettings, LogRegLandscapeSettings, LinRegLandscapeSettings):
        assert {f.name for f in fields(cls)} == set(BAD)


@pytest.mark.parametrize(("name", "value"), BAD.items(), ids=list(BAD))
@pytest.mark.parametrize("cls", [ModelLandscapeSettings, LogRegLandscapeSettings])
def test_every_field_rejects_a_bad_value_at_with_naming_it(cls, name, value):
    with pytest.raises(maniml.ParameterError, match=f"The '{name}' setting of {cls.__name__}") as e:
        cls().with_(**{name: value})
    assert e.value.name == name and e.value.kind == "setting"


def test_the_model_names_ignore_case_and_pick_the_defaults():
    s = ModelLandscapeSettings().with_(model="LOGISTIC", data="Sigmoid")
    assert (s.model, s.data, s.data_source, s.start) == (
        "logistic",
        "sigmoid",
        "sigmoid",
        (-3, -1.5),
    )
    base = ModelLandscapeSettings()
    lin = LinRegLandscapeSettings()
    assert (base.model, base.data_source, base.start) == ("linear", "linear", (-2.0, -2.0))
    assert [m.optimizer.lr for m in base.run_methods] == [m.optimizer.lr for m in lin.methods]
    log = LogRegLandscapeSettings()
    assert (log.model, log.data, log.epochs) == ("logistic", "sigmoid", 30)
    assert [m.optimizer.lr for m in log.methods] == [1.0, 0.03, 0.3]


def test_the_logistic_model_needs_overlapping_0_1_labels():
    with pytest.raises(
        maniml.ParameterError, match="The 'data' setting of LinRegLandscapeSettings"
    ):
        LinRegLandscapeSettings().with_(model="logistic")  # data 'linear' has no 0/1 labels
    X = np.linspace(-2, 2, 10)[:, None]
    s = LogRegLandscapeSettings().with_(data=(X, np.linspace(0, 1, 10)))
    with pytest.raises(maniml.ParameterError, match=r"'data' setting.*labels 0 and 1"):
        s.dataset()
    s = LogRegLandscapeSettings().with_(data=(X, (X[:, 0] > 0) * 1.0))
    with pytest.raises(maniml.ParameterError, match=r"'data' setting.*classes that overlap"):
        s.dataset()
    X2 = np.random.default_rng(0).normal(size=(10, 2))
    s = LogRegLandscapeSettings().with_(data=(X2, np.arange(10) % 2 * 1.0))
    with pytest.raises(maniml.ParameterError, match=r"'data' setting.*one feature"):
        s.dataset()


# -- the scene ---------------------------------------------------------------------------------------
@pytest.fixture
def scene(tmp_path):
    """The ready scene, 4 epochs, coarse grids, set up, built and assembled."""
    from manim import tempconfig

    cfg = {
        "media_dir": str(tmp_path / "media"),
        "pixel_width": 192,
        "pixel_height": 108,
        "frame_rate": 5,
        "disable_caching": True,
        "verbosity": "ERROR",
        "progress_bar": "none",
    }
    cls = load_scene("logreg_landscape", "LogRegLandscape")
    short = cls.settings.with_(epochs=4, resolution=40, image_resolution=48)
    with tempconfig(cfg):
        sc = type("Short", (cls,), {"settings": short})()
        sc.setup()
        sc.build()
        sc.assemble()
        yield sc


def test_the_minimum_mark_is_the_scipy_optimum(scene):
    model = maniml.LogisticRegression()
    X, y = scene.X, scene.y
    ref = minimize(lambda t: model.loss(t, X, y), np.zeros(2), method="BFGS", tol=1e-12).x
    np.testing.assert_allclose(scene.optimum, ref, atol=1e-5)
    np.testing.assert_array_equal(scene.optimum, maniml.model_optimum(model, X, y))
    (mark,) = scene.land.minima
    np.testing.assert_allclose(mark.get_center(), scene.ax.c2p(*scene.optimum), atol=1e-9)
    assert scene.fmin == pytest.approx(model.loss(scene.optimum, X, y), abs=1e-15)
    assert scene.chart.floor == scene.fmin and scene.optimum_loss() == scene.fmin
    assert np.all(np.concatenate([t.loss for t in scene.trajectories]) >= scene.fmin)
    # the view holds the optimum with room on every side (the contours around it close)
    x0, x1, y0, y1 = scene.ax.box
    ox, oy = scene.optimum
    assert min(ox - x0, x1 - ox) > 0.2 * (x1 - x0) and min(oy - y0, y1 - oy) > 0.2 * (y1 - y0)


def test_markers_and_sigmoids_at_a_clock_position_are_each_runs_row(scene):
    assert scene.panel.kind == "sigmoid"
    for position in (0.0, 1.4, 2.0, 4.0):
        scene.clock.set_value(position)
        scene.show_position(position, 0)
        exact = [scene.row_at(i, position) for i in range(3)]
        assert exact == pytest.approx([position * d for d in (1, 40, 5)])
        rows = [math.floor(r + 1e-9) for r in exact]
        pax = scene.panel.axes
        for i, (tracer, t, k) in enumerate(
            zip(scene.tracers, scene.trajectories, rows, strict=True)
        ):
            # the marker is at the run's row (between rows k and k + 1 at a fractional one)
            a, b = t.params[k], t.params[min(k + 1, t.n_steps)]
            head = a + (exact[i] - k) * (b - a)
            assert np.allclose(tracer.marker.get_center(), scene.ax.c2p(*head))
            curve = scene.panel.model if i == scene.s.featured else scene.lines[i]
            theta = t.params[k]
            x = np.linspace(pax.box[0], pax.box[1], 241)  # the sigmoid across the panel
            p = 1 / (1 + np.exp(-(theta[0] + theta[1] * x)))
            expected = pax.xy_to_points(np.stack([x, p], axis=1))
            np.testing.assert_allclose(curve.get_anchors()[::2], expected[:-1], atol=1e-9)
            np.testing.assert_allclose(curve.get_anchors()[-1], expected[-1], atol=1e-9)
        assert scene.panel.row == rows[scene.s.featured]
        for curve, r in zip(scene.chart.curves, exact, strict=True):
            assert math.isclose(curve.progress, r)


def test_timeline_of_the_ready_scene():
    cls = load_scene("logreg_landscape", "LogRegLandscape")
    tl = timeline_of(cls, frame_rate=15)
    assert len(tl.trajectories) == 3 and tl.trajectory is tl.trajectories[cls.settings.featured]
    assert [t.n_steps for t in tl.trajectories] == [30, 1200, 150]
    assert math.isclose(tl.positions[-1], 30) and tl.rows[-1] == 150
    assert np.all(np.diff(tl.positions) >= 0)
    assert not any(t.diverged for t in tl.trajectories)
    assert all(np.all(np.isfinite(t.params)) for t in tl.trajectories)
    # the loss still falls in the last third of the run (learning throughout)
    for t in tl.trajectories:
        per = t.n_steps // 30
        assert t.loss[30 * per] < t.loss[20 * per]
    assert issubclass(LogRegLandscapeScene, ModelLandscapeScene)
