"""Run diagnostics: where a run diverged and the verdict on it."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest

import maniml
from maniml import (
    BGD,
    Bowl,
    Saddle,
    StretchedBowl,
    critical_lr,
    describe_run,
    describe_runs,
    divergence_step,
    escape_distance,
    gd_envelope,
    minimize,
    oscillates,
    race_result,
    time_to_target,
)


def test_divergence_is_found_where_the_gap_blows_up():
    t = minimize(Bowl(), [0.0, 0.0], BGD(1.5), steps=30)
    k = divergence_step(t, 0.0)
    gap = t.loss - 0.0
    assert k is not None and gap[k] > 1e4 * gap[0] >= gap[k - 1]
    assert divergence_step(minimize(Bowl(), [0.0, 0.0], BGD(0.1), steps=30), 0.0) is None


def test_overflowing_run_uses_the_trajectory_divergence_step():
    with pytest.warns(maniml.DivergenceWarning):
        t = minimize(StretchedBowl(), None, BGD(5.0), steps=2000)
    assert t.diverged and t.diverged_step is not None
    assert divergence_step(t, 0.0, blowup=np.inf) == t.diverged_step


def test_verdicts_on_the_stretched_bowl():
    runs = [minimize(StretchedBowl(), None, BGD(lr), steps=40) for lr in (0.01, 0.1, 0.22, 0.3)]
    verdicts = [describe_run(t, 0.0) for t in runs]
    assert verdicts[:3] == ["too slow", "converges", "oscillates, converges"]
    assert verdicts[3] == f"diverged at step {divergence_step(runs[3], 0.0)}"


# -- verdicts computed from the runs (issue 9) -----------------------------------------------------


def _fake(loss, params=None):
    """A trajectory with the given losses (and a straight path)."""
    loss = np.asarray(loss, dtype=float)
    if params is None:
        params = np.column_stack([np.arange(len(loss)), np.zeros(len(loss))]).astype(float)
    return SimpleNamespace(
        params=np.asarray(params, dtype=float), loss=loss, diverged=False, n_steps=len(loss) - 1
    )


def test_race_winner_is_the_first_to_reach_the_target_not_the_lowest_final_loss():
    early = _fake([1.0, 1e-2, 5e-4, 4e-4, 3e-4])  # reaches 1e-3 at step 2, ends at 3e-4
    late = _fake([1.0, 0.5, 0.1, 1e-2, 1e-9])  # lowest final loss, reaches 1e-3 at step 4
    r = race_result([late, early], 0.0, 1e-3)
    assert r.winner == 1 and r.step == 2 and r.hits == (4, 2)
    assert r.criterion == "first to f − f* < 1e-3"
    nobody = race_result([late, early], 0.0, 1e-12)
    assert nobody.winner == 0 and nobody.step is None and "none reached" in nobody.criterion


def test_saddle_has_no_winner_and_escape_distances():
    runs = [minimize(Saddle(), None, BGD(lr), steps=30) for lr in (0.02, 0.05)]
    r = race_result(runs, None, 1e-3)
    assert r.winner is None and r.step is None and "no winner" in r.criterion
    assert r.escapes == tuple(escape_distance(t) for t in runs)
    for t, d in zip(runs, r.escapes, strict=True):
        assert d == pytest.approx(np.linalg.norm(t.params[-1] - t.params[0]))
    assert r.escapes[1] > r.escapes[0]  # the larger step escapes further


def test_faster_converging_rate_is_marked_fastest():
    f = StretchedBowl()
    runs = [minimize(f, None, BGD(lr), steps=40) for lr in (0.01, 0.1, 0.22, 0.3)]
    v = describe_runs(runs, 0.0)
    k = divergence_step(runs[3], 0.0)
    assert v == ["too slow", "converges", "oscillates, fastest", f"diverged at step {k}"]
    gaps = [t.loss[-1] for t in runs[1:3]]
    assert gaps[1] < gaps[0]  # lr 0.22 really ends lower than lr 0.1
    hit = [time_to_target(t, 0.0, 1e-4 * t.loss[0]) for t in runs[1:3]]
    assert hit[1] < hit[0]
    # swapped order: the mark follows the run, not the position
    assert describe_runs([runs[2], runs[1]], 0.0) == ["oscillates, fastest", "converges"]


def test_oscillation_on_the_stretched_bowl_at_0_22_not_0_1():
    f = StretchedBowl()
    top = np.linalg.eigh(f.hessian())[1][:, -1]
    fast, calm = (minimize(f, None, BGD(lr), steps=40) for lr in (0.22, 0.1))
    assert oscillates(fast, top) and oscillates(fast)
    assert not oscillates(calm, top) and not oscillates(calm)
    # the y-steps of lr 0.22 alternate in sign: 1 - 0.22 * 8 < 0
    dy = np.diff(fast.params[:, 1])
    assert np.all(dy[1:] * dy[:-1] < 0)


def test_critical_learning_rate_of_the_quadratics():
    assert critical_lr(Bowl()) == 1.0  # 2 / 2
    assert critical_lr(StretchedBowl()) == 0.25  # 2 / 8
    assert critical_lr(StretchedBowl(k=10.0)) == pytest.approx(0.1)
    assert np.allclose(np.linalg.eigvalsh(StretchedBowl().hessian()), StretchedBowl().curvatures)
    assert critical_lr(Saddle()) is None
    # gradient descent really diverges just above it and converges just below
    f = StretchedBowl()
    assert divergence_step(minimize(f, None, BGD(0.26), steps=400), 0.0) is not None
    assert divergence_step(minimize(f, None, BGD(0.24), steps=400), 0.0) is None


def test_envelope_is_the_run_on_the_bowl_and_bounds_it_on_the_stretched_bowl():
    for lr in (0.05, 0.3, 0.9):
        t = minimize(Bowl(), None, BGD(lr), steps=30)
        env = gd_envelope(Bowl(), Bowl().start, lr, 30)
        assert np.allclose(env, t.loss, rtol=1e-4, atol=0.0)  # exact up to rounding
    f = StretchedBowl()
    for lr in (0.1, 0.22):
        t = minimize(f, None, BGD(lr), steps=40)
        env = gd_envelope(f, f.start, lr, 40)
        assert np.all(t.loss <= env * (1 + 1e-9))
    assert gd_envelope(Saddle(), (0.0, 0.0), 0.1, 3) is None


def test_critical_lr_of_linear_regression_separates_converging_from_diverging():
    import warnings

    X, y = maniml.make_linear(n=50, seed=1)
    Xa = np.column_stack([np.ones(len(X)), X])
    expected = 2.0 / np.linalg.eigvalsh(2.0 * Xa.T @ Xa / len(X)).max()
    lr = maniml.critical_lr(X)
    assert lr == pytest.approx(expected, rel=1e-12)
    model = maniml.LinearRegression()
    below = maniml.fit(model, X, y, maniml.BGD(0.97 * lr), epochs=600)
    assert not below.diverged and below.loss[-1] < below.loss[0]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        above = maniml.fit(model, X, y, maniml.BGD(1.03 * lr), epochs=600)
    assert above.diverged or above.loss[-1] > 1e6 * above.loss[0]
