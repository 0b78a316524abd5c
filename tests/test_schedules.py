"""Learning-rate schedules: their values, their names, and the rates fit and minimize use."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from datagen import regression_data

from maniml import (
    BGD,
    SGD,
    Bowl,
    Constant,
    ExponentialDecay,
    InverseScaling,
    LinearRegression,
    MiniBatchGD,
    StepDecay,
    fit,
    minimize,
)
from maniml.schedules import SCHEDULES, make_schedule


def test_constant():
    s = Constant(0.3)
    assert [s(k) for k in (0, 1, 10, 10_000)] == [0.3] * 4


def test_step_decay():
    s = StepDecay(0.8, drop=0.5, every=3)
    # steps 0-2: 0.8; 3-5: 0.4; 6-8: 0.2; 9: 0.1
    assert [s(k) for k in range(10)] == [0.8] * 3 + [0.4] * 3 + [0.2] * 3 + [0.1]


def test_exponential_decay():
    s = ExponentialDecay(2.0, rate=0.5)
    assert [s(k) for k in range(4)] == [2.0, 1.0, 0.5, 0.25]
    assert ExponentialDecay(0.1, rate=0.9)(3) == pytest.approx(0.1 * 0.729)


def test_inverse_scaling():
    s = InverseScaling(1.0, power_t=0.5)
    # 1 / sqrt(step + 1)
    assert [s(k) for k in (0, 3, 8, 99)] == pytest.approx([1.0, 0.5, 1.0 / 3.0, 0.1])
    assert InverseScaling(0.2)(15) == pytest.approx(0.2 / 2.0)  # default power_t = 0.25
    assert InverseScaling(0.2, power_t=0.0)(50) == 0.2


@pytest.mark.parametrize(
    "schedule",
    [Constant(0.1), StepDecay(0.1), ExponentialDecay(0.1), InverseScaling(0.1, power_t=1.0)],
)
def test_schedules_never_increase(schedule):
    values = np.array([schedule(k) for k in range(300)])
    assert values[0] == 0.1
    assert np.all(np.diff(values) <= 0.0) and np.all(values > 0.0)


def test_names_give_the_schedule_with_eta0_lr():
    assert make_schedule(None, 0.2, "SGD") == Constant(0.2)
    assert make_schedule("constant", 0.2, "SGD") == Constant(0.2)
    assert make_schedule("step", 0.2, "SGD") == StepDecay(0.2)
    assert make_schedule("exponential", 0.2, "SGD") == ExponentialDecay(0.2)
    assert make_schedule("invscaling", 0.2, "SGD") == InverseScaling(0.2)
    assert set(SCHEDULES) == {"constant", "step", "exponential", "invscaling"}
    s = ExponentialDecay(0.5, rate=0.7)
    assert make_schedule(s, 0.2, "SGD") is s  # a schedule instance wins over lr


def test_optimizer_schedule_by_name():
    assert SGD(0.05, schedule="exponential").schedule == ExponentialDecay(0.05, rate=0.99)
    assert BGD(0.3).schedule == Constant(0.3)


def data():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(7, 2))
    return X, 1.0 + X @ [1.0, -1.0]


@pytest.mark.parametrize(
    "optimizer",
    [
        SGD(0.1, schedule=ExponentialDecay(0.1, rate=0.9)),
        MiniBatchGD(0.2, 3, schedule=StepDecay(0.2, drop=0.5, every=4)),
        BGD(0.1, rule="momentum", schedule=InverseScaling(0.1, power_t=0.5)),
        SGD(0.1),
    ],
)
def test_fit_records_the_schedule_rate_of_each_step(optimizer):
    X, y = data()
    t = fit(LinearRegression(), X, y, optimizer, epochs=12, seed=1)
    assert len(t.lr) == t.n_steps >= 12
    np.testing.assert_allclose(t.lr, [optimizer.schedule(k) for k in range(t.n_steps)], rtol=0)


def test_fit_steps_with_the_scheduled_rate():
    X, y = data()
    sched = ExponentialDecay(0.1, rate=0.8)
    t = fit(LinearRegression(), X, y, SGD(0.1, schedule=sched), epochs=2, seed=0)
    for k in range(t.n_steps):
        expected = t.params[k] - 0.1 * 0.8**k * t.grads[k]
        np.testing.assert_allclose(t.params[k + 1], expected, rtol=1e-12, atol=1e-14)


def test_minimize_records_the_schedule_rate_of_each_step():
    t = minimize(Bowl(), None, BGD(0.2, schedule=StepDecay(0.2, drop=0.1, every=2)), steps=6)
    np.testing.assert_allclose(t.lr, [0.2, 0.2, 0.02, 0.02, 0.002, 0.002], rtol=1e-12)


# -- schedules counted in epochs, and the warning about rates that vanish early -------------------
def test_step_decay_in_epochs_drops_at_epoch_boundaries():
    X, y = regression_data(23, 2, seed=0)  # 5 batches of 5 per epoch (the last holds 3)
    schedule = StepDecay(0.1, drop=0.5, every=2, unit="epoch")
    t = fit(LinearRegression(), X, y, MiniBatchGD(0.1, 5, schedule=schedule), epochs=6, seed=0)
    epoch_of_step = t.epoch[1:] - 1
    np.testing.assert_array_equal(t.lr, 0.1 * 0.5 ** (epoch_of_step // 2))
    assert t.settings["schedule_params"]["unit"] == "epoch"
    # with one step per epoch (full batch, minimize) an epoch is a step
    b = fit(LinearRegression(), X, y, BGD(0.1, schedule=schedule), epochs=6)
    np.testing.assert_array_equal(b.lr, [schedule(k) for k in range(6)])
    m = minimize(Bowl(), None, BGD(0.1, schedule=schedule), steps=6)
    np.testing.assert_array_equal(m.lr, b.lr)


def test_a_rate_that_vanishes_before_half_the_run_warns():
    from maniml import ScheduleWarning

    X, y = regression_data(40, 2, seed=0)
    # 10 steps per epoch: decaying every 10 *steps* is every epoch -> 0.5**30 by epoch 30
    opt = MiniBatchGD(0.1, 4, schedule=StepDecay(0.1, drop=0.5, every=10))
    with pytest.warns(ScheduleWarning, match="falls below 1e-3 of eta0 at step 100 of 600"):
        fit(LinearRegression(), X, y, opt, epochs=60, seed=0)
    with pytest.warns(ScheduleWarning, match="minimize: the ExponentialDecay"):
        minimize(Bowl(), None, BGD(0.1, schedule=ExponentialDecay(0.1, rate=0.9)), steps=200)
    # counted in epochs, the same decay is gentle enough: no warning
    gentle = MiniBatchGD(0.1, 4, schedule=StepDecay(0.1, drop=0.5, every=10, unit="epoch"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fit(LinearRegression(), X, y, gentle, epochs=60, seed=0)
