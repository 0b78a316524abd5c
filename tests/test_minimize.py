"""``minimize``: convergence on the test functions, the record of each step, divergence,
early stopping, and its refusal of batching optimisers."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from maniml import (
    BGD,
    SGD,
    Beale,
    Bowl,
    DivergenceWarning,
    ExponentialDecay,
    MiniBatchGD,
    Parabola,
    Rosenbrock,
    Saddle,
    minimize,
)


def test_plain_gradient_descent_on_the_bowl_converges_to_1_2():
    t = minimize(Bowl(), [-1.5, -0.5], BGD(0.1), steps=200)
    np.testing.assert_allclose(t.final, [1.0, 2.0], atol=1e-12)
    assert t.loss[-1] < 1e-20 and not t.diverged
    # on the bowl each plain step shrinks the distance to the centre by the factor 1 - 2 lr
    dist = np.linalg.norm(t.params[:5] - [1.0, 2.0], axis=1)
    np.testing.assert_allclose(dist[1:] / dist[:-1], 0.8, rtol=1e-12)


@pytest.mark.parametrize(
    "optimizer",
    [
        BGD(0.1, rule="momentum"),
        BGD(0.1, rule="nesterov"),
        BGD(0.5, rule="adagrad"),
        BGD(0.05, rule="rmsprop", schedule=ExponentialDecay(0.05, rate=0.99)),
        BGD(0.1, rule="adam"),
    ],
    ids=lambda o: o.label,
)
def test_every_rule_reaches_the_bowl_optimum(optimizer):
    t = minimize(Bowl(), None, optimizer, steps=500)
    np.testing.assert_allclose(t.final, [1.0, 2.0], atol=1e-4)
    assert t.loss[-1] < 1e-3 * t.loss[0]


def test_momentum_makes_progress_on_rosenbrock():
    plain = minimize(Rosenbrock(), None, BGD(1e-3), steps=2000)
    heavy = minimize(Rosenbrock(), None, BGD(1e-3, rule="momentum"), steps=2000)
    assert heavy.loss[-1] < plain.loss[-1] < plain.loss[0]
    assert np.linalg.norm(heavy.final - [1.0, 1.0]) < 0.05


def test_start_defaults_to_the_objective_start():
    t = minimize(Beale(), None, BGD(0.01), steps=3)
    np.testing.assert_array_equal(t.params[0], Beale.start)
    assert t.settings["x0"] == list(Beale.start)


def test_one_dimensional_objective():
    t = minimize(Parabola(center=-2.0, a=3.0), [1.0], BGD(0.1), steps=100)
    assert t.params.shape == (101, 1)
    np.testing.assert_allclose(t.final, [-2.0], atol=1e-12)


def test_each_step_is_recorded_consistently():
    f = Rosenbrock()
    opt = BGD(1e-3, rule="adam", schedule="exponential")
    t = minimize(f, [-1.0, 1.5], opt, steps=30)
    S = t.n_steps
    assert S == 30 and t.params.shape == (31, 2) and t.grads.shape == (30, 2)
    for k in range(S + 1):
        assert t.loss[k] == f(t.params[k])
    for k in range(S):
        np.testing.assert_array_equal(t.grads[k], f.grad(t.params[k]))
        assert t.lr[k] == opt.schedule(k)
    np.testing.assert_array_equal(t.batch_loss, t.loss[:-1])
    np.testing.assert_array_equal(t.epoch, np.arange(31))
    assert len(t.batch_indices) == 30 and all(len(b) == 0 for b in t.batch_indices)
    assert t.X is None and t.y is None
    assert t.settings["kind"] == "minimize" and t.settings["objective"] == "Rosenbrock"


def test_plain_steps_are_minus_lr_times_the_gradient():
    t = minimize(Beale(), [1.0, 1.0], BGD(0.01), steps=10)
    np.testing.assert_allclose(np.diff(t.params, axis=0), -0.01 * t.grads, rtol=1e-12)


def test_too_large_a_rate_diverges_cleanly():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # no overflow warning escapes: only the one we give
        t = minimize(Bowl(), [0.0, 0.0], BGD(10.0), steps=1000)
    assert [w.category for w in caught] == [DivergenceWarning]
    assert "minimize diverged" in str(caught[0].message) and caught[0].filename == __file__
    assert t.diverged is True and t.diverged_step == t.n_steps + 1 and t.n_steps < 1000
    for arr in (t.params, t.loss, t.grads, t.batch_loss, t.lr):
        assert np.isfinite(arr).all()
    # each step multiplies the distance to (1, 2) by |1 - 2 * 10| = 19
    assert np.all(np.diff(t.loss) > 0)
    with np.errstate(over="ignore"):
        assert not np.isfinite(Bowl()(t.final - 10.0 * Bowl().grad(t.final)))


def test_saddle_escapes_without_diverging_flag_when_steps_are_few():
    t = minimize(Saddle(), None, BGD(0.1), steps=20)
    assert not t.diverged and t.loss[-1] < t.loss[0]


def test_early_stopping_checks_every_step():
    full = minimize(Bowl(), None, BGD(0.1), steps=1000)
    # the documented rule, applied after every step: stop once the value has not improved on the
    # best so far by at least tol for n_iter_no_change steps in a row
    tol, patience, best, streak, stop = 1e-6, 3, np.inf, 0, None
    for k, value in enumerate(full.loss[1:], start=1):
        streak = streak + 1 if value > best - tol else 0
        best = min(best, value)
        if streak >= patience:
            stop = k
            break
    assert stop is not None and stop < 1000
    t = minimize(Bowl(), None, BGD(0.1, tol=tol, n_iter_no_change=patience), steps=1000)
    assert t.stopped_early and not t.diverged and t.n_steps == stop
    np.testing.assert_array_equal(t.params, full.params[: stop + 1])


@pytest.mark.parametrize("optimizer", [SGD(0.1), MiniBatchGD(0.1, 4)])
def test_batching_optimizers_are_rejected(optimizer):
    with pytest.raises(
        ValueError,
        match=r"'optimizer' parameter of minimize must be a full-batch optimizer \(BGD\).*got '(SGD|Mini-batch GD \(4\))'",
    ):
        minimize(Bowl(), None, optimizer, steps=10)
