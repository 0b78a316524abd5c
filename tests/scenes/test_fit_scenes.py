"""Fit scenes render without LaTeX, stay finite when the run diverges, subsample long runs,
take their settings from the class, and keep their look (reference frames)."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT, SCENE_FILES, path_without_latex

import maniml
from maniml import ParameterError
from maniml.scenes import (
    LIGHT,
    FitSettings,
    LinRegScene,
    LogRegScene,
    Sigmoid1DScene,
    render_frame,
)


def _quick(cls, **changes):
    """A subclass of ``cls`` with a short run (the way users configure scenes)."""
    changes = {"run_time": 1.0, "intro_time": 0.2, "hold_time": 0.2, **changes}
    return type(cls.__name__, (cls,), {"settings": cls.settings.with_(**changes)})


def _all_points(scene):
    for mob in scene.mobjects:
        for sub in mob.get_family():
            yield sub.points


# -- rendering ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", SCENE_FILES)
def test_ready_scene_renders_a_movie_without_latex(name, ready_scene, small_config, media_dir):
    small_config.write_to_movie = True
    cls = _quick(ready_scene(name))
    scene = cls()
    scene.render()
    movie = Path(scene.renderer.file_writer.movie_file_path)
    assert movie.is_file() and movie.stat().st_size > 1000
    # the run ended on its last row, everything finite
    assert scene.data_panel.row == scene.traj.n_steps
    assert all(np.isfinite(p).all() for p in _all_points(scene))


def test_cli_renders_linreg_sgd_without_latex(tmp_path):
    """``manim -ql scenes/linreg_sgd.py`` as a user types it (tiny resolution), LaTeX hidden."""
    env = dict(os.environ, PATH=path_without_latex(os.environ["PATH"]))
    manim = Path(sys.executable).with_name("manim")
    cmd = [str(manim), "-ql", "-r", "192,108", "--frame_rate", "5", "--disable_caching",
           "--media_dir", str(tmp_path), "scenes/linreg_sgd.py"]  # fmt: skip
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert list(tmp_path.glob("videos/linreg_sgd/*/LinRegSGD.mp4"))


# -- divergence ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("optimizer", "lr", "epochs", "flagged"),
    [("bgd", 3.0, 400, True), ("sgd", 0.5, 20, True), ("bgd", 1.2, 60, False)],
)
def test_divergence_is_shown_and_nothing_is_nan(optimizer, lr, epochs, flagged, build):
    cls = _quick(LinRegScene, optimizer=optimizer, lr=lr, epochs=epochs)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", maniml.DivergenceWarning)
        scene = build(cls)
    traj = scene.traj
    said = [w for w in caught if issubclass(w.category, maniml.DivergenceWarning)]
    assert len(said) == int(flagged)  # an overflowing run warns; a merely growing one does not
    assert traj.diverged is flagged
    assert scene.loss_panel.log, "a blow-up gets a log loss axis"
    top = scene.loss_panel.axes.y_range[1]
    assert top >= np.log10(traj.loss.max()), "the loss axis covers the blow-up"
    for row in np.unique(np.linspace(0, traj.n_steps, 25).astype(int)):
        scene.show_row(int(row))
        assert all(np.isfinite(p).all() for p in _all_points(scene)), f"row {row}"
        x0, x1, y0, y1 = scene.data_panel.axes.box
        pts = scene.data_panel.model.points
        if len(pts):
            lo = scene.data_panel.axes.c2p(x0, y0)
            hi = scene.data_panel.axes.c2p(x1, y1)
            assert (pts[:, :2] >= lo[:2] - 1e-6).all() and (pts[:, :2] <= hi[:2] + 1e-6).all()
        banner = scene.loss_panel.banner_text
        if row < traj.n_steps:
            assert banner == ""
    if flagged:  # the caption says it (once), with the step of the last row shown
        assert scene.loss_panel.banner_text == ""
        last = len(scene.timeline.positions) - 1
        assert scene.caption_at(last).startswith(f"diverged after step {traj.n_steps}")
    else:
        assert scene.loss_panel.banner_text == "diverging"


# -- cost: subsampled rows --------------------------------------------------------------------------
def _rows_touched(cls):
    scene = cls()
    touched = []
    original = scene.show_row

    def spy(k):
        touched.append(k)
        original(k)

    scene.show_row = spy
    scene.render()
    return scene, touched


def test_rows_shown_are_subsampled_to_the_frames(small_config):
    X, y = maniml.make_linear(n=50, seed=1)
    few = _quick(LinRegScene, data=(X, y), optimizer="bgd", lr=0.1, epochs=50)
    many = _quick(LinRegScene, data=(X, y), optimizer="bgd", lr=0.001, epochs=50_000)
    s_few, t_few = _rows_touched(few)
    s_many, t_many = _rows_touched(many)
    n_frames = int(round(1.0 * small_config.frame_rate))
    assert s_many.traj.n_steps == 50_000
    # one call per frame at most (plus the start and the end), whatever the run's length
    assert len(t_many) == len(t_few) <= n_frames + 4
    assert len(set(t_many)) <= n_frames + 1
    assert t_many[-1] == 50_000
    # the loss curve's vertices are bounded too
    assert len(s_many.loss_panel.curve.points) <= 4 * (600 + 2)


# -- settings -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"lr": 0}, "The 'lr' setting of FitSettings must be a float in (0, inf); got 0."),
        ({"epochs": 0}, "The 'epochs' setting of FitSettings must be an int in [1, inf); got 0."),
        ({"loss_scale": "cubic"}, "'loss_scale' setting of FitSettings must be one of 'auto'"),
        ({"theme": "sepia"}, "'theme' setting of FitSettings must be one of 'dark', 'light'"),
        ({"theme": "Lihgt"}, "(did you mean 'light'?); got 'Lihgt'."),
        ({"x_range": (3, 1)}, "'x_range' setting"),
        ({"colour": "red"}, "FitSettings has no setting 'colour'"),
        ({"epoch": 3}, "FitSettings has no setting 'epoch' (did you mean 'epochs'?)"),
        # names are checked at with_(), not at render
        ({"optimizer": "lbfgs"}, "The 'optimizer' setting of FitSettings must be an optimizer or"),
        ({"optimizer": "minibach"}, "(did you mean 'minibatch'?); got 'minibach'."),
        ({"rule": "adamw"}, "The 'rule' setting of FitSettings must be None, an UpdateRule or"),
        ({"rule": "momentun"}, "(did you mean 'momentum'?)"),
        ({"schedule": "cosine"}, "The 'schedule' setting of FitSettings must be None, a Schedule"),
        ({"model": "tree"}, "The 'model' setting of FitSettings must be a maniml model or one of"),
        ({"data": "wine"}, "The 'data' setting of FitSettings must be one of 'linear'"),
        ({"data": "Irsi"}, "(did you mean 'iris'?)"),
        ({"data_options": {"nosie": 1}}, "keyword arguments of make_linear ('n', 'n_features'"),
        ({"data": "iris", "data_options": {"n": 5}}, "keyword arguments of load_iris_petal (none)"),
        ({"data_options": [1, 2]}, "The 'data_options' setting of FitSettings must be a dict"),
        ({"theme": LIGHT.with_(model="#FFAA00")}, None),
        ({"pacing": "fast"}, "The 'pacing' setting of FitSettings must be one of 'motion'"),
        ({"pacing": (1.0, -1.0)}, "a tuple of per-step durations in seconds (each > 0)"),
        ({"segment": (3, 2)}, "(k, K): part k of K of the steps stage, 1 <= k <= K"),
        ({"intro_time": -1}, "The 'intro_time' setting of FitSettings must be a float in [0, inf)"),
    ],
)
def test_bad_settings_raise_clear_errors_at_with_(changes, message):
    if message is None:
        FitSettings().with_(**changes)
        return
    with pytest.raises(ParameterError) as info:
        FitSettings().with_(**changes)
    assert message in str(info.value)
    assert info.value.kind == "setting" and info.value.name in changes


def test_names_ignore_case_and_are_stored_canonically(small_config):
    s = FitSettings().with_(optimizer="BGD", rule="Adam", schedule="InvScaling", model="Linear",
                            data="LINEAR", theme="Light")  # fmt: skip
    assert (s.optimizer, s.rule, s.schedule, s.model, s.data) == (
        "bgd",
        "adam",
        "invscaling",
        "linear",
        "linear",
    )
    assert s.theme is LIGHT
    cls = type("Adamish", (LinRegScene,), {"settings": s.with_(epochs=2, run_time=1.0)})
    scene = cls()
    scene.setup()
    assert scene.traj.settings["rule"].lower() == "adam"


def test_a_bad_theme_colour_names_the_colour():
    with pytest.raises(ParameterError, match="The 'model' parameter of Theme must be a colour"):
        LIGHT.with_(model="notacolor")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"data": "/nowhere/points.csv"}, "The 'data' setting of Bad must be an existing"),
        ({"optimizer": "minibatch", "batch_size": 500}, "The 'batch_size' setting of Bad"),
        ({"data": "iris", "model": "linear"}, "1 feature"),
        ({"data_options": {"n": 1}}, "The 'data_options' setting of Bad"),
    ],
)
def test_bad_data_settings_name_the_setting(changes, message, small_config):
    cls = type("Bad", (LinRegScene,), {"settings": LinRegScene.settings.with_(**changes)})
    with pytest.raises(ValueError, match=message):
        scene = cls()
        scene.setup()
        scene.build()


def test_data_from_arrays_csv_and_npz(tmp_path, small_config, build):
    X, y = maniml.make_linear(n=30, seed=3)
    csv = tmp_path / "houses.csv"
    rows = "\n".join(f"{a:.6f},{b:.6f}" for a, b in zip(X[:, 0], y, strict=True))
    csv.write_text("area,price\n" + rows + "\n")
    from_csv = build(_quick(LinRegScene, data=str(csv), target="price"))
    assert from_csv.traj.X.shape == (30, 1)
    assert from_csv.data_panel.axes.x_title is not None  # labelled with the column name
    traj = maniml.fit(maniml.LinearRegression(), X, y, maniml.SGD(0.02), epochs=2, seed=5)
    path = traj.save(tmp_path / "run.npz")
    from_npz = build(_quick(LinRegScene, data=str(path)))
    assert np.array_equal(from_npz.traj.params, traj.params)
    from_arrays = build(_quick(LinRegScene, data=(X, y), optimizer="bgd", epochs=7))
    assert from_arrays.traj.n_steps == 7


def test_csv_without_target_is_a_clear_error(tmp_path, small_config):
    csv = tmp_path / "a.csv"
    csv.write_text("x,y\n1,2\n2,3\n")
    cls = _quick(LinRegScene, data=str(csv))
    with pytest.raises(ValueError, match="'target' setting"):
        cls().setup()


def test_panels_can_be_hidden(small_config, build):
    scene = build(_quick(LinRegScene, show_loss=False, show_formula=False, show_title=False))
    assert scene.loss_panel is None and scene.formula_panel is None and scene.title is None
    assert "lr" in scene.readout_panel.lines  # the formulas' numbers move to the read-outs
    half = scene.data_panel.width
    alone = build(_quick(LinRegScene, show_loss=False, show_readout=False, show_formula=False))
    assert alone.readout_panel is None
    assert alone.data_panel.width > 1.8 * half > 10.0  # the data panel takes the room


def test_settings_are_deterministic(small_config, build):
    a, b = build(_quick(LogRegScene)), build(_quick(LogRegScene))
    assert np.array_equal(a.traj.params, b.traj.params)
    c = build(_quick(LogRegScene, seed=7))
    assert not np.array_equal(a.traj.params, c.traj.params)


# -- the look -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", SCENE_FILES)
def test_last_frame_matches_reference(name, ready_scene, small_config, frames):
    frame = render_frame(ready_scene(name), 1.0)
    frames.compare(name, frame)


def test_middle_frame_light_theme_and_divergence_match_references(small_config, frames):
    light = _quick(LogRegScene, theme=LIGHT)
    frame = render_frame(light, 0.5)
    assert tuple(frame[2, 2, :3]) == (255, 255, 255)  # the light background
    frames.compare("logreg_light_middle", frame)
    frames.compare("sigmoid_middle", render_frame(Sigmoid1DScene, 0.5))
    with pytest.warns(maniml.DivergenceWarning):
        diverged = render_frame(_quick(LinRegScene, optimizer="bgd", lr=3.0, epochs=400))
    frames.compare("linreg_diverged", diverged)


def test_the_runs_last_event_is_the_last_frames_caption_even_near_the_end():
    """DiabetesMulti stops early within a caption's time of the end: its last frame says so
    (it once kept "keeps bouncing" and dropped the stop); captions still come in event order."""
    import importlib.util

    from conftest import ROOT

    spec = importlib.util.spec_from_file_location("multi_ready", ROOT / "scenes/linreg_multi.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    scene = module.DiabetesMulti()
    scene.setup()
    plan = scene.caption_schedule()
    last = len(scene.timeline.positions) - 1
    assert plan[-1][0] == last and plan[-1][1].startswith("stopped early")
    assert [f for f, _ in plan] == sorted({f for f, _ in plan})
    assert scene.caption_at(last).startswith("stopped early")
