"""The timeline: pacing policies, stages, events found in the run, segments, and the pacing
acceptance of the two BGD ready scenes (mid-run still moving, first steps given time)."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

import maniml
from maniml.scenes import LinRegScene, timeline_of
from maniml.scenes.timeline import CAP, FIRST_SHARE, FLOOR, Timeline, find_events, pace


def _ready(name: str):
    spec = importlib.util.spec_from_file_location(f"tl_{name}", ROOT / "scenes" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    from manim import Scene

    return next(
        c for c in vars(module).values()
        if isinstance(c, type) and issubclass(c, Scene) and c.__module__ == module.__name__
    )  # fmt: skip


# -- pacing -----------------------------------------------------------------------------------------
@given(
    motion=st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=300),
    frames=st.integers(2, 400),
)
@settings(max_examples=60, deadline=None)
def test_motion_pacing_is_monotone_from_start_to_end(motion, frames):
    pos = pace(motion, frames, "motion")
    assert pos.shape == (frames,)
    assert pos[0] == 0 and pos[-1] == len(motion)
    assert np.all(np.diff(pos) >= 0)


def _shares(motion, frames=100_000):
    """Each step's share of the time (from the positions at a fine frame grid)."""
    pos = pace(motion, frames, "motion")
    return np.histogram(pos, bins=len(motion), range=(0, len(motion)))[0] / frames


def test_time_follows_motion_with_a_floor_a_first_share_and_a_cap():
    n = 60
    motion = 0.8 ** np.arange(n)  # geometric convergence, like BGD
    shares = _shares(motion)
    assert shares.max() <= CAP + 1e-3  # no step holds the picture for long
    assert shares[:3].sum() >= FIRST_SHARE - 1e-3
    assert shares.min() >= FLOOR / n * 0.95  # the tail is not skipped
    assert np.all(np.diff(shares[5:]) <= 1e-3)  # less motion, less time
    # a run that does not move at all is paced evenly
    assert np.allclose(_shares(np.zeros(10)), 0.1, atol=1e-3)


def test_linear_pacing_spreads_frames_evenly():
    assert np.allclose(pace(np.ones(4) * 7, 9, "linear"), np.arange(9) / 2)


def test_explicit_durations_set_the_frames_of_each_step(small_config):
    t = maniml.minimize(maniml.Bowl(), [0.0, 0.0], maniml.BGD(0.1), steps=4)
    durations = (1.0, 0.2, 0.2, 0.6)
    tl = Timeline.build(t, motion=np.ones(4), frame_rate=10, run_time=99, intro_time=0.5,
                        hold_time=1.0, pacing=durations)  # fmt: skip
    assert tl.stage("steps").frames == 20
    counts = np.bincount(tl.rows, minlength=5)
    assert counts[0] == pytest.approx(10, abs=1) and counts[3] == pytest.approx(6, abs=1)
    with pytest.raises(ValueError, match="one duration per step"):
        Timeline.build(t, motion=np.ones(4), frame_rate=10, run_time=1, intro_time=0,
                       hold_time=0, pacing=(1.0, 2.0))  # fmt: skip


def test_stages_follow_the_settings(small_config):
    cls = type("T", (LinRegScene,), {"settings": LinRegScene.settings.with_(
        run_time=3.0, intro_time=0.6, hold_time=1.2)})  # fmt: skip
    tl = timeline_of(cls, frame_rate=10)
    assert [(s.name, s.frames) for s in tl.stages] == [("build-up", 6), ("steps", 30), ("end", 12)]
    assert tl.stage("steps").start == pytest.approx(0.6) and tl.duration == pytest.approx(4.8)
    assert len(tl.rows) == 30 and tl.rows[0] == 0 and tl.rows[-1] == tl.trajectory.n_steps


@given(frames=st.integers(2, 500), k=st.integers(1, 12))
@settings(max_examples=50, deadline=None)
def test_parts_partition_the_steps_stage(frames, k):
    t = maniml.minimize(maniml.Bowl(), [0.0, 0.0], maniml.BGD(0.1), steps=5)
    tl = Timeline.build(t, motion=np.ones(5), frame_rate=frames, run_time=1.0, intro_time=0,
                        hold_time=0)  # fmt: skip
    k = min(k, frames)
    bounds = [tl.part(i, k) for i in range(1, k + 1)]
    assert bounds[0][0] == 0 and bounds[-1][1] == frames
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))
    assert all(b > a for a, b in bounds)


# -- events -----------------------------------------------------------------------------------------
def test_events_are_found_in_the_run_and_placed_in_time(small_config):
    X, y = maniml.make_linear(n=30, seed=3)
    t = maniml.fit(maniml.LinearRegression(), X, y, maniml.SGD(0.05), epochs=3, seed=0)
    best = maniml.LinearRegression().loss(maniml.closed_form(X, y), X, y)
    events = find_events(t, optimum_loss=best)
    epochs = [r for kind, r, _ in events if kind == "epoch"]
    assert epochs == [31, 61]  # first rows of epochs 2 and 3
    near = [r for kind, r, _ in events if kind == "near optimum"]
    gap = t.loss - best
    assert near == [int(np.flatnonzero(gap <= 0.01 * best)[0])]
    tl = Timeline.build(t, motion=np.ones(t.n_steps), frame_rate=10, run_time=4, intro_time=1,
                        hold_time=0, events=events)  # fmt: skip
    for e in tl.events:
        assert tl.rows[e.frame] >= e.row and (e.frame == 0 or tl.rows[e.frame - 1] < e.row)
        assert e.time == pytest.approx((10 + e.frame) / 10)


def test_divergence_and_early_stop_are_events():
    X, y = maniml.make_linear(n=30, seed=3)
    with np.errstate(all="ignore"):
        t = maniml.fit(maniml.LinearRegression(), X, y, maniml.BGD(3.0), epochs=400, seed=0)
    kinds = {kind: r for kind, r, _ in find_events(t)}
    assert t.diverged and kinds["diverged"] == min(t.diverged_step, t.n_steps)
    t2 = maniml.fit(maniml.LinearRegression(), X, y, maniml.BGD(0.1, tol=1e-3,
                    n_iter_no_change=2), epochs=500, seed=0)  # fmt: skip
    assert t2.stopped_early
    assert ("stopped early", t2.n_steps) in [(k, r) for k, r, _ in find_events(t2)]


# -- acceptance: the BGD ready scenes ------------------------------------------------------------------
@pytest.mark.parametrize("name", ["linreg_bgd", "logreg_bgd"])
@pytest.mark.parametrize("fps", [15, 30, 60])
def test_bgd_scenes_are_still_moving_at_half_time_and_take_time_on_the_first_steps(name, fps):
    tl = timeline_of(_ready(name), frame_rate=fps)
    p = tl.trajectory.params
    shown = p[tl.rows[len(tl.rows) // 2]]
    start_distance = np.linalg.norm(p[0] - p[-1])
    assert np.linalg.norm(shown - p[-1]) >= 0.05 * start_distance
    assert np.mean(tl.rows < 3) >= 0.10


def test_sgd_scene_shows_the_sample_of_every_step_it_shows(small_config, build):
    scene = build(_ready("linreg_sgd"))
    for i in range(0, len(scene.timeline.rows), 7):
        scene.show_frame(i)
        k = scene.row_of_frame(i)
        if k > 0:
            assert scene.data_panel.row == k
            assert list(scene.data_panel.batch_at(k)) == list(scene.traj.batch_indices[k - 1])
