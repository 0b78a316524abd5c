"""The race and learning-rate templates on the one framework: every setting checked at with_(),
names ignoring case, Racer's fields checked, timeline_of, runs of different lengths on one clock."""

from __future__ import annotations

import warnings
from dataclasses import fields

import numpy as np
import pytest
from conftest import load_scene

import maniml
from maniml import ParameterError
from maniml.scenes import (
    LearningRatesScene,
    LearningRatesSettings,
    OptimizerRaceScene,
    Racer,
    RaceSettings,
    timeline_of,
)

#: A bad value for every field of the two settings classes (inherited ones too).
BAD = {
    "theme": "neon",
    "title": 3,
    "run_time": 0,
    "intro_time": -1.0,
    "hold_time": -1.0,
    "pacing": "fast",
    "segment": (3, 2),
    "function": maniml.Parabola(),
    "start": (1.0, 2.0, 3.0),
    "steps": 0,
    "x_range": (2.0, 1.0),
    "y_range": (1.0, 1.0),
    "resolution": 4,
    "image_resolution": 8,
    "levels": 0,
    "level_scale": "cubic",
    "filled": "yes",
    "bands": 1,
    "heat_colors": ("#FFFFFF",),
    "smooth": "no",
    "max_vertices": 1,
    "fade": -0.5,
    "step_dots": 2,
    # race
    "racers": (Racer("SGD", maniml.SGD(0.1)),),
    "winner": "best",
    "tol": 0.0,
    "loss_scale": "cubic",
    "show_loss": None,
    # learning rates
    "lrs": (0.1,),
    "labels": "too slow",
    "rule": "sgdd",
    "blowup": 1.0,
}

CASES = [(cls, f.name) for cls in (RaceSettings, LearningRatesSettings) for f in fields(cls)]


@pytest.mark.parametrize(("cls", "name"), CASES, ids=[f"{c.__name__}.{n}" for c, n in CASES])
def test_every_setting_rejects_a_bad_value_at_with_(cls, name):
    assert name in BAD, f"add a bad value for the new setting {name!r}"
    with pytest.raises(ParameterError, match=f"The '{name}' setting of {cls.__name__} must be"):
        cls().with_(**{name: BAD[name]})
    try:
        cls().with_(**{name: BAD[name]})
    except ParameterError as e:
        assert e.kind == "setting" and e.name == name


def test_messages_have_the_one_format():
    with pytest.raises(ParameterError) as e:
        RaceSettings().with_(tol=-1)
    assert (
        str(e.value)
        == "The 'tol' setting of RaceSettings must be a float in (0, inf) or None; got -1."
    )
    with pytest.raises(ParameterError, match="'labels' setting .* 4 captions"):
        LearningRatesSettings().with_(labels=("a", "b"))
    with pytest.raises(ParameterError, match="did you mean 'winner'"):
        RaceSettings().with_(winer="first")


def test_names_ignore_case_and_are_stored_canonically():
    s = RaceSettings().with_(winner="First", loss_scale="LOG", level_scale="Log", theme="Light")
    assert (s.winner, s.loss_scale, s.level_scale) == ("first", "log", "log")
    assert s.theme.background == "#FFFFFF"
    lr = LearningRatesSettings().with_(rule="Adam", pacing="Linear")
    assert (lr.rule, lr.pacing) == ("adam", "linear")
    assert lr.runs()[0].settings["rule"].lower() == "adam"


def test_end_wait_still_works_with_a_warning():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        s = RaceSettings().with_(end_wait=1.0)
    assert s.hold_time == 1.0
    assert any(issubclass(w.category, DeprecationWarning) for w in caught)


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (("", maniml.BGD(0.1)), "name"),
        ((3, maniml.BGD(0.1)), "name"),
        (("GD", "bgd"), "optimizer"),
        (("GD", maniml.BGD(0.1), "notacolour"), "color"),
    ],
)
def test_racer_checks_its_fields(args, name):
    with pytest.raises(ParameterError, match=f"The '{name}' setting of Racer must be") as e:
        Racer(*args)
    assert e.value.kind == "setting"


def test_racer_keeps_its_signature_and_fields():
    r = Racer("Adam", maniml.BGD(0.05, rule="adam"), color="ORANGE")
    assert (r.name, r.optimizer.lr, r.color) == ("Adam", 0.05, "ORANGE")
    assert Racer(name="GD", optimizer=maniml.BGD(0.1)).color is None


@pytest.mark.parametrize(
    ("file", "name", "runs", "steps"),
    [
        ("optimizer_race", "RosenbrockRace", 6, 800),
        ("optimizer_race", "SaddleRace", 6, 80),
        ("learning_rates", "LearningRates", 4, 40),
    ],
)
def test_timeline_of_the_ready_scenes(file, name, runs, steps):
    tl = timeline_of(load_scene(file, name), frame_rate=15)
    assert [s.name for s in tl.stages] == ["build-up", "steps", "end"]
    assert len(tl.trajectories) == runs and tl.trajectory is tl.trajectories[0]
    assert len(tl.rows) == tl.stage("steps").frames
    assert tl.positions[0] == 0 and tl.positions[-1] == steps
    assert np.all(np.diff(tl.rows) >= 0) and int(tl.rows[-1]) == tl.trajectory.n_steps


@pytest.fixture
def small_config(tmp_path):
    from manim import tempconfig

    cfg = {"pixel_width": 256, "pixel_height": 144, "frame_rate": 5, "media_dir": str(tmp_path)}
    with tempconfig(cfg):
        yield


def _built(cls):
    scene = cls()
    scene.setup()
    scene.build()
    scene.assemble()
    return scene


def test_a_run_that_stops_early_stays_at_its_last_row(small_config):
    """One clock for all runs: a racer that diverges early is clamped to its own last row."""
    racers = (Racer("wild", maniml.BGD(0.01)), Racer("calm", maniml.BGD(1e-3)))
    settings = RaceSettings(function=maniml.Rosenbrock(), racers=racers, steps=30)
    scene = _built(type("Race", (OptimizerRaceScene,), {"settings": settings}))
    wild, calm = scene.trajectories
    assert wild.n_steps < calm.n_steps == scene.n_steps == 30
    scene.show_frame(len(scene.timeline.positions) - 1)
    assert scene.tracers[0].progress == len(wild.params) - 1
    assert scene.tracers[1].progress == 30
    assert scene.r_loss[0].text.strip().startswith("f − f* =")
    for mob in scene.mobjects:
        for m in mob.get_family():
            assert np.isfinite(m.points).all()


def test_show_position_depends_on_the_position_alone(small_config):
    """Jumping backwards gives the same state as coming from the start (no carried state)."""
    scene = _built(load_scene("learning_rates", "LearningRates"))
    n = len(scene.timeline.positions)
    scene.show_frame(n // 3)
    early = [tr.points.copy() for tr in scene.tracers], [f.text for f in scene.flags]
    scene.show_frame(n - 1)
    scene.show_frame(n // 3)
    again = [tr.points.copy() for tr in scene.tracers], [f.text for f in scene.flags]
    assert early[1] == again[1]
    assert all(np.array_equal(a, b) for a, b in zip(early[0], again[0], strict=True))


def test_moving_parts_are_registered_not_added_before_the_clock(small_config):
    for cls in (load_scene("optimizer_race", "SaddleRace"), LearningRatesScene):
        scene = _built(cls)
        moving = set(map(id, scene._moving))
        for tr in scene.tracers:
            assert id(tr) in moving and id(tr.marker) in moving
        registered = {id(m) for part in scene._moving for m in part.get_family()}
        for curve in scene.chart.curves:  # registered as the chart's moving group
            assert id(curve) in registered and id(scene.chart.moving) in moving
        assert not any(m.updaters for m in scene._moving)
        order = [id(m) for m in scene.mobjects]
        assert order.index(id(scene.clock)) < min(order.index(i) for i in moving)
