"""``fit``: convergence to known optima, batching, the trajectory's internal consistency,
determinism, divergence, early stopping, and property tests over random problems."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
import scipy.optimize
from datagen import classification_data, regression_data
from hypothesis import given, settings
from hypothesis import strategies as st

from maniml import (
    BGD,
    SGD,
    Adam,
    DivergenceWarning,
    ExponentialDecay,
    InverseScaling,
    LinearRegression,
    LogisticRegression,
    MiniBatchGD,
    closed_form,
    fit,
)
from maniml.rules import RULES


def lstsq(X, y):
    return np.linalg.lstsq(np.column_stack([np.ones(len(y)), X]), y, rcond=None)[0]


def logistic_optimum(X, y, l2):
    """The optimum by scipy, with the loss written out independently of maniml."""

    def nll(theta):
        z = theta[0] + X @ theta[1:]
        return np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * l2 * theta[1:] @ theta[1:]

    res = scipy.optimize.minimize(nll, np.zeros(X.shape[1] + 1), method="BFGS", tol=1e-12)
    return res.x


def check_consistent(t, model, optimizer, X, y, *, epochs, max_steps=None):
    """Every recorded quantity of every step against its definition."""
    X = X[:, None] if X.ndim == 1 else X
    n, P = X.shape[0], X.shape[1] + 1
    b = n if optimizer.batch_size is None else optimizer.batch_size
    per_epoch = math.ceil(n / b)
    S = t.n_steps
    assert t.params.shape == (S + 1, P) and t.grads.shape == (S, P)
    assert t.loss.shape == (S + 1,) and t.epoch.shape == (S + 1,)
    assert t.batch_loss.shape == t.lr.shape == (S,) and len(t.batch_indices) == S
    if not (t.diverged or t.stopped_early):
        assert S == min(epochs * per_epoch, max_steps or math.inf)
    scale = np.abs(t.loss).max() + 1.0
    for k in range(S + 1):
        with np.errstate(over="ignore"):
            direct = model.loss(t.params[k], X, y)
        if np.isinf(direct):  # a diverging run's last rows: the mean of squares overflows
            assert t.loss[k] > 1e300
            continue
        assert t.loss[k] == pytest.approx(direct, rel=1e-9, abs=1e-12 * scale)
    for k in range(S):
        idx = t.batch_indices[k]
        np.testing.assert_allclose(
            t.grads[k], model.grad(t.params[k], X[idx], y[idx]), rtol=1e-9, atol=1e-11
        )
        expected = model.loss(t.params[k], X[idx], y[idx])
        assert t.batch_loss[k] == pytest.approx(expected, rel=1e-9, abs=1e-12 * scale)
        assert t.lr[k] == optimizer.schedule(k)
    # epochs: row 0 is the start; rows of epoch e (from 1) are the steps it took
    np.testing.assert_array_equal(t.epoch, [0] + [k // per_epoch + 1 for k in range(S)])
    # batches: sizes b, ..., b, remainder; each full epoch covers every sample exactly once
    sizes = [len(t.batch_indices[k]) for k in range(S)]
    expected_sizes = [b] * (n // b) + ([n % b] if n % b else [])
    assert sizes == (expected_sizes * (S // per_epoch + 1))[:S]
    for e in range(S // per_epoch):
        batches = [t.batch_indices[k] for k in range(e * per_epoch, (e + 1) * per_epoch)]
        np.testing.assert_array_equal(np.sort(np.concatenate(batches)), np.arange(n))


# -- convergence ----------------------------------------------------------------------------------
def test_bgd_reaches_least_squares_on_multi_feature_data():
    X, y = regression_data(60, 3, seed=1)
    t = fit(LinearRegression(), X, y, BGD(0.2), epochs=400)
    exact = lstsq(X, y)
    np.testing.assert_allclose(closed_form(X, y), exact, rtol=1e-10)
    np.testing.assert_allclose(t.final, exact, atol=1e-9)
    assert t.loss[-1] == pytest.approx(LinearRegression().loss(exact, X, y), rel=1e-9)
    assert t.loss[0] > 2 * t.loss[-1]


def test_bgd_reaches_the_ridge_solution():
    X, y = regression_data(50, 3, seed=2)
    t = fit(LinearRegression(l2=0.5), X, y, BGD(0.2), epochs=400)
    np.testing.assert_allclose(t.final, closed_form(X, y, l2=0.5), atol=1e-9)


@pytest.mark.parametrize("l2", [0.0, 0.1])
@pytest.mark.parametrize(
    "optimizer",
    [BGD(1.0), BGD(0.05, rule=Adam())],
    ids=["bgd", "bgd+adam"],
)
def test_logistic_regression_reaches_scipy_optimum(optimizer, l2):
    X, y = classification_data(80, 2, seed=3)
    assert 0 < y.mean() < 1
    opt = logistic_optimum(X, y, l2)
    # non-separable: the optimum is finite and the gradient there vanishes
    assert np.abs(opt).max() < 10
    t = fit(LogisticRegression(l2=l2), X, y, optimizer, epochs=2000)
    np.testing.assert_allclose(t.final, opt, atol=1e-5)


@pytest.mark.parametrize(
    "schedule",
    [InverseScaling(0.05, power_t=0.5), ExponentialDecay(0.05, rate=0.999)],
    ids=["invscaling", "exponential"],
)
def test_sgd_with_decaying_rate_ends_near_the_optimum(schedule):
    X, y = regression_data(60, 3, seed=1)
    t = fit(LinearRegression(), X, y, SGD(0.05, schedule=schedule), epochs=60, seed=0)
    exact = lstsq(X, y)
    assert np.abs(t.params[0] - exact).max() > 0.5
    # the last epoch's iterates all stay close to the optimum
    assert np.abs(t.params[-60:] - exact).max() < 0.02
    assert t.lr[-1] < t.lr[0] / 5


def test_minibatch_gd_reaches_the_optimum():
    X, y = regression_data(40, 2, seed=5)
    opt = MiniBatchGD(0.1, 8, schedule=ExponentialDecay(0.1, rate=0.995))
    t = fit(LinearRegression(), X, y, opt, epochs=150, seed=2)
    np.testing.assert_allclose(t.final, lstsq(X, y), atol=1e-3)


# -- batching ----------------------------------------------------------------------------------
def test_minibatches_that_do_not_divide_n():
    X, y = regression_data(23, 2, seed=0)
    t = fit(LinearRegression(), X, y, MiniBatchGD(0.05, 5), epochs=3, seed=4)
    assert t.n_steps == 3 * 5
    assert t.batch_indices.sizes().tolist() == [5, 5, 5, 5, 3] * 3
    epochs = [
        np.concatenate([t.batch_indices[k] for k in range(5 * e, 5 * e + 5)]) for e in range(3)
    ]
    for order in epochs:
        np.testing.assert_array_equal(np.sort(order), np.arange(23))
    assert not np.array_equal(epochs[0], epochs[1])  # a new shuffle each epoch


def test_sgd_uses_every_sample_once_per_epoch():
    X, y = regression_data(9, 1, seed=0)
    t = fit(LinearRegression(), X, y, SGD(0.01), epochs=4, seed=0)
    assert t.n_steps == 36 and set(t.batch_indices.sizes().tolist()) == {1}
    for e in range(4):
        order = np.concatenate(t.batch_indices[9 * e : 9 * e + 9])
        np.testing.assert_array_equal(np.sort(order), np.arange(9))


def test_bgd_batches_are_the_whole_data_set():
    X, y = regression_data(6, 2, seed=0)
    t = fit(LinearRegression(), X, y, BGD(0.1), epochs=3)
    assert t.batch_indices.is_full and len(t.batch_indices) == 3
    for k in range(3):
        np.testing.assert_array_equal(t.batch_indices[k], np.arange(6))
    np.testing.assert_array_equal(t.batch_loss, t.loss[:-1])


def test_a_batch_of_all_samples_is_batch_gradient_descent():
    X, y = regression_data(10, 2, seed=0)
    a = fit(LinearRegression(), X, y, BGD(0.1), epochs=20)
    b = fit(LinearRegression(), X, y, MiniBatchGD(0.1, 10), epochs=20, seed=3)
    np.testing.assert_allclose(a.params, b.params, rtol=1e-12)


def test_max_steps_stops_mid_epoch():
    X, y = regression_data(10, 2, seed=0)
    opt = MiniBatchGD(0.1, 3)
    t = fit(LinearRegression(), X, y, opt, epochs=5, seed=0, max_steps=6)
    assert t.n_steps == 6 and t.epoch.tolist() == [0, 1, 1, 1, 1, 2, 2]
    check_consistent(t, LinearRegression(), opt, X, y, epochs=5, max_steps=6)


# -- the trajectory's internal consistency -------------------------------------------------------
CONSISTENCY_CASES = [
    (LinearRegression(), BGD(0.1)),
    (LinearRegression(), SGD(0.02)),
    (LinearRegression(l2=0.3), MiniBatchGD(0.05, 4)),
    (LinearRegression(), MiniBatchGD(0.05, 4, rule="adam", schedule="exponential")),
    (LogisticRegression(), SGD(0.1, rule="momentum", clip_norm=0.5)),
    (LogisticRegression(l2=0.2), MiniBatchGD(0.2, 5, rule="rmsprop")),
    (LogisticRegression(), BGD(0.5, rule="nesterov", schedule="invscaling")),
]


@pytest.mark.parametrize(("model", "optimizer"), CONSISTENCY_CASES)
def test_trajectory_is_internally_consistent(model, optimizer):
    data = regression_data if isinstance(model, LinearRegression) else classification_data
    X, y = data(18, 2, seed=7)
    t = fit(model, X, y, optimizer, epochs=3, seed=11)
    assert not t.diverged and not t.stopped_early and t.diverged_step is None
    check_consistent(t, model, optimizer, X, y, epochs=3)
    np.testing.assert_array_equal(t.X, X)
    np.testing.assert_array_equal(t.y, y)


def test_plain_steps_follow_the_recorded_gradients():
    X, y = regression_data(12, 2, seed=0)
    t = fit(LinearRegression(), X, y, MiniBatchGD(0.05, 5), epochs=3, seed=1)
    np.testing.assert_allclose(t.params[1:], t.params[:-1] - 0.05 * t.grads, rtol=1e-12, atol=1e-14)


def test_fast_and_general_loops_agree():
    # a plain rule at a constant rate takes a shortcut; a clip that never acts takes the
    # general path: both must give the same run
    X, y = regression_data(15, 2, seed=0)
    for make in (lambda **kw: BGD(0.1, **kw), lambda **kw: MiniBatchGD(0.1, 4, **kw)):
        a = fit(LinearRegression(), X, y, make(), epochs=10, seed=0)
        b = fit(LinearRegression(), X, y, make(clip_norm=1e300), epochs=10, seed=0)
        np.testing.assert_allclose(a.params, b.params, rtol=1e-13, atol=1e-15)


def test_init_is_the_first_row_and_is_not_modified():
    X, y = regression_data(8, 2, seed=0)
    init = np.array([1.0, -2.0, 0.5])
    t = fit(LinearRegression(), X, y, BGD(0.1), epochs=2, init=init)
    np.testing.assert_array_equal(t.params[0], init)
    np.testing.assert_array_equal(init, [1.0, -2.0, 0.5])
    assert t.settings["init"] == [1.0, -2.0, 0.5]


def test_settings_describe_the_run():
    X, y = regression_data(8, 2, seed=0)
    t = fit(LogisticRegression(l2=0.1), X, (y > 0.5).astype(float), SGD(0.1), epochs=2, seed=3)
    s = t.settings
    assert (s["kind"], s["model"], s["l2"], s["optimizer"]) == (
        "fit",
        "LogisticRegression",
        0.1,
        "SGD",
    )
    assert (s["epochs"], s["seed"], s["n_samples"], s["n_features"]) == (2, 3, 8, 2)
    assert (s["batch_size"], s["lr"], s["rule"], s["schedule"]) == (1, 0.1, "Plain", "Constant")


def test_one_dimensional_X():
    x = np.linspace(-1.0, 1.0, 11)
    t = fit(LinearRegression(), x, 2.0 - 3.0 * x, BGD(0.5), epochs=200)
    np.testing.assert_allclose(t.final, [2.0, -3.0], atol=1e-8)
    assert t.X.shape == (11, 1)


# -- determinism ---------------------------------------------------------------------------------
def assert_identical(a, b):
    for name in ("params", "loss", "batch_loss", "grads", "lr", "epoch"):
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
    assert np.array_equal(a.batch_indices.flat, b.batch_indices.flat)
    assert np.array_equal(a.batch_indices.offsets, b.batch_indices.offsets)
    assert a.batch_indices.full_n == b.batch_indices.full_n
    assert (a.diverged, a.diverged_step, a.stopped_early) == (
        b.diverged,
        b.diverged_step,
        b.stopped_early,
    )
    assert a.settings == b.settings


@pytest.mark.parametrize(
    "optimizer", [SGD(0.05), MiniBatchGD(0.1, 4, rule="adam"), BGD(0.1, rule="momentum")]
)
def test_same_seed_gives_a_bit_identical_trajectory(optimizer):
    X, y = regression_data(20, 3, seed=0)
    a = fit(LinearRegression(), X, y, optimizer, epochs=4, seed=123)
    b = fit(LinearRegression(), X, y, optimizer, epochs=4, seed=123)
    assert_identical(a, b)


def test_different_seeds_give_different_batches():
    X, y = regression_data(20, 3, seed=0)
    a = fit(LinearRegression(), X, y, MiniBatchGD(0.1, 4), epochs=2, seed=1)
    b = fit(LinearRegression(), X, y, MiniBatchGD(0.1, 4), epochs=2, seed=2)
    assert not np.array_equal(a.batch_indices.flat, b.batch_indices.flat)
    assert not np.array_equal(a.params, b.params)


# -- divergence ----------------------------------------------------------------------------------
@pytest.mark.parametrize("optimizer", [BGD(2.0), SGD(3.0), MiniBatchGD(2.0, 4)])
def test_too_large_a_rate_diverges_cleanly(optimizer):
    X, y = regression_data(16, 2, seed=0)
    X = 3.0 * X
    model = LinearRegression()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")  # no overflow warning escapes: only the one we give
        t = fit(model, X, y, optimizer, epochs=2000, seed=0)
    assert [w.category for w in caught] == [DivergenceWarning]
    message = str(caught[0].message)
    assert f"step {t.diverged_step}" in message and f"lr={optimizer.lr}" in message
    assert caught[0].filename == __file__  # points at the call, not into maniml
    assert t.diverged is True
    assert t.diverged_step == t.n_steps + 1 and t.n_steps > 2
    for arr in (t.params, t.loss, t.grads, t.batch_loss, t.lr):
        assert np.isfinite(arr).all()
    assert t.loss[-1] == t.loss.max() and t.loss[-1] > 1e100 * t.loss[0]
    assert t.loss[-1] > 1e10 * t.loss[-10]  # still rising fast when the run was cut
    if optimizer.batch_size is None:
        assert np.all(np.diff(t.loss[-10:]) > 0)
    assert not t.stopped_early
    check_consistent(t, model, optimizer, X, y, epochs=2000)
    # the step that was cut off does leave the finite numbers
    if optimizer.batch_size is None:
        with np.errstate(all="ignore"):
            nxt = t.final - optimizer.lr * model.grad(t.final, X, y)
            assert not (np.isfinite(nxt).all() and np.isfinite(model.loss(nxt, X, y)))


def test_a_run_that_converges_does_not_say_diverged():
    X, y = regression_data(16, 2, seed=0)
    t = fit(LinearRegression(), X, y, BGD(0.1), epochs=100)
    assert t.diverged is False and t.diverged_step is None and t.n_steps == 100


def test_logistic_regression_with_a_huge_rate_stays_finite():
    # the logistic loss grows only linearly: no overflow, no divergence flag, no NaN
    X, y = classification_data(20, 2, seed=0)
    t = fit(LogisticRegression(), X, y, BGD(1e6), epochs=50)
    assert not t.diverged and np.isfinite(t.loss).all() and np.isfinite(t.params).all()


# -- early stopping ------------------------------------------------------------------------------
def expected_stop_epoch(end_losses, tol, patience):
    """The documented rule: stop when an epoch's loss has not improved on the best so far by at
    least ``tol`` for ``patience`` epochs in a row."""
    best, streak = math.inf, 0
    for e, current in enumerate(end_losses, start=1):
        streak = streak + 1 if current > best - tol else 0
        best = min(best, current)
        if streak >= patience:
            return e
    return None


@pytest.mark.parametrize(("tol", "patience"), [(1e-4, 5), (1e-2, 1), (1e-3, 3)])
def test_early_stopping_stops_at_the_documented_epoch(tol, patience):
    X, y = regression_data(30, 2, seed=0)
    full = fit(LinearRegression(), X, y, BGD(0.05), epochs=400)
    stop = expected_stop_epoch(full.loss[1:], tol, patience)
    assert stop is not None and stop < 400
    t = fit(LinearRegression(), X, y, BGD(0.05, tol=tol, n_iter_no_change=patience), epochs=400)
    assert t.stopped_early is True and not t.diverged
    assert t.n_steps == stop and t.epoch[-1] == stop
    np.testing.assert_array_equal(t.params, full.params[: stop + 1])


def test_early_stopping_with_minibatches_ends_on_an_epoch_boundary():
    X, y = regression_data(30, 2, seed=0)
    opt = MiniBatchGD(0.05, 7, tol=1e-3, n_iter_no_change=2)
    t = fit(LinearRegression(), X, y, opt, epochs=500, seed=0)
    assert t.stopped_early and t.epoch[-1] < 500
    assert t.n_steps == 5 * t.epoch[-1]
    check_consistent(t, LinearRegression(), opt, X, y, epochs=500)


def test_without_tol_the_run_uses_every_epoch():
    X, y = regression_data(30, 2, seed=0)
    t = fit(LinearRegression(), X, y, BGD(0.05), epochs=300)
    assert not t.stopped_early and t.n_steps == 300


# -- properties over random problems -------------------------------------------------------------
@st.composite
def problems(draw):
    n = draw(st.integers(2, 25))
    d = draw(st.integers(1, 4))
    logistic = draw(st.booleans())
    data_seed = draw(st.integers(0, 2**31 - 1))
    X, y = (classification_data if logistic else regression_data)(n, d, data_seed)
    model = (LogisticRegression if logistic else LinearRegression)(
        l2=draw(st.sampled_from([0.0, 0.1]))
    )
    kind = draw(st.sampled_from(["bgd", "sgd", "minibatch"]))
    rule = draw(st.sampled_from(sorted(RULES)))
    schedule = draw(st.sampled_from(["constant", "step", "exponential", "invscaling"]))
    lr = 0.05
    if kind == "bgd":
        opt = BGD(lr, rule=rule, schedule=schedule)
    elif kind == "sgd":
        opt = SGD(lr, rule=rule, schedule=schedule)
    else:
        opt = MiniBatchGD(lr, draw(st.integers(1, n)), rule=rule, schedule=schedule)
    return model, X, y, opt, draw(st.integers(1, 4)), draw(st.integers(0, 2**32 - 1))


@settings(max_examples=40, deadline=None)
@given(problems())
def test_random_problems_give_consistent_deterministic_trajectories(problem):
    model, X, y, opt, epochs, seed = problem
    t = fit(model, X, y, opt, epochs=epochs, seed=seed)
    assert not t.diverged
    for arr in (t.params, t.loss, t.grads, t.batch_loss, t.lr):
        assert not np.isnan(arr).any()
    check_consistent(t, model, opt, X, y, epochs=epochs)
    assert_identical(t, fit(model, X, y, opt, epochs=epochs, seed=seed))


@pytest.mark.parametrize("n_features", [1, 3])
@pytest.mark.parametrize("model_cls", [LinearRegression, LogisticRegression])
def test_plain_sgd_fast_path_matches_the_general_loop(model_cls, n_features):
    # Plain SGD at a constant rate runs in Python floats; a clip that never bites sends the same
    # run through the general NumPy loop. Both must give the same trajectory up to rounding.
    rng = np.random.default_rng(3)
    X = rng.normal(size=(37, n_features))
    y = X @ np.arange(1.0, n_features + 1) + 0.3 * rng.normal(size=37)
    if model_cls is LogisticRegression:
        y = (y > 0).astype(float)
    fast = fit(model_cls(), X, y, SGD(0.05), epochs=3, seed=5)
    general = fit(model_cls(), X, y, SGD(0.05, clip_norm=1e300), epochs=3, seed=5)
    assert np.array_equal(fast.batch_indices.flat, general.batch_indices.flat)
    np.testing.assert_allclose(fast.params, general.params, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(fast.loss, general.loss, rtol=1e-12, atol=1e-12)


def test_plain_sgd_fast_path_stops_at_divergence():
    X = np.linspace(-5.0, 5.0, 40)[:, None]
    y = 3.0 * X[:, 0]
    with pytest.warns(DivergenceWarning, match="fit diverged"):
        t = fit(LinearRegression(), X, y, SGD(5.0), epochs=200, seed=0)
    assert t.diverged and np.isfinite(t.params).all() and np.isfinite(t.loss).all()
    assert t.n_steps < 200 * 40


def test_squared_error_sgd_blocks_match_the_step_by_step_recurrence():
    # Plain SGD on the squared error runs in blocks of steps solved at once; the result must be
    # the textbook recurrence, step for step, across block and epoch boundaries.
    rng = np.random.default_rng(11)
    X = rng.normal(size=(300, 4))
    y = X @ np.array([1.0, -2.0, 0.5, 3.0]) + 0.7 + 0.1 * rng.normal(size=300)
    t = fit(LinearRegression(), X, y, SGD(0.02), epochs=2, seed=4)
    theta = np.zeros(5)
    for k in range(t.n_steps):
        (i,) = t.batch_indices[k]
        x = np.concatenate([[1.0], X[i]])
        theta = theta - 0.02 * 2.0 * (x @ theta - y[i]) * x
        np.testing.assert_allclose(t.params[k + 1], theta, rtol=1e-11, atol=1e-12)


# -- validation sets, what early stopping watches, the best row -----------------------------------
@pytest.mark.parametrize(
    "optimizer", [BGD(0.1), SGD(0.02, rule="adam"), MiniBatchGD(0.05, 4)], ids=lambda o: o.label
)
def test_validation_loss_is_recorded_at_every_row(optimizer):
    X, y = regression_data(20, 2, seed=0)
    Xv, yv = regression_data(9, 2, seed=1)
    model = LinearRegression(l2=0.1)
    t = fit(model, X, y, optimizer, epochs=3, seed=0, validation=(Xv, yv))
    assert t.val_loss.shape == t.loss.shape
    for k in range(t.n_steps + 1):
        assert t.val_loss[k] == pytest.approx(model.loss(t.params[k], Xv, yv), rel=1e-12)
    # the validation set changes nothing else
    plain = fit(model, X, y, optimizer, epochs=3, seed=0)
    assert plain.val_loss is None
    np.testing.assert_array_equal(plain.params, t.params)
    assert t.best_step == int(np.argmin(t.loss)) and t.settings["n_validation"] == 9


def test_early_stopping_can_watch_the_validation_loss():
    # Validation targets at half the training ones: the run passes the validation optimum on its
    # way to the training one, so the validation loss turns up while the training loss falls.
    X, y = regression_data(30, 1, seed=0)
    Xv, yv = X, 0.5 * y
    opt = BGD(0.02, tol=1e-4, n_iter_no_change=3)
    full = fit(LinearRegression(), X, y, BGD(0.02), epochs=400, validation=(Xv, yv))
    stop = expected_stop_epoch(full.val_loss[1:], 1e-4, 3)
    assert stop is not None and stop < 400
    assert expected_stop_epoch(full.loss[1:], 1e-4, 3) != stop  # watching loss would differ
    t = fit(LinearRegression(), X, y, opt, epochs=400, validation=(Xv, yv), monitor="val_loss")
    assert t.stopped_early and t.n_steps == stop
    np.testing.assert_array_equal(t.params, full.params[: stop + 1])
    assert t.best_step == int(np.argmin(t.val_loss)) and t.best_step < t.n_steps
    assert t.settings["monitor"] == "val_loss"


def test_a_diverging_run_keeps_validation_rows_and_best_step_in_range():
    X, y = regression_data(16, 2, seed=0)
    with pytest.warns(DivergenceWarning):
        t = fit(LinearRegression(), 3 * X, y, BGD(2.0), epochs=2000, validation=(X, y))
    assert t.diverged and t.val_loss.shape == t.loss.shape and np.isfinite(t.val_loss).all()
    assert t.best_step == int(np.argmin(t.loss)) == 0


def test_divergence_warning_can_be_silenced_by_class():
    X, y = regression_data(16, 2, seed=0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.simplefilter("ignore", DivergenceWarning)
        t = fit(LinearRegression(), 3 * X, y, BGD(2.0), epochs=2000)
    assert t.diverged


@pytest.mark.parametrize("opt", [BGD(0.1), SGD(0.1)])
def test_a_single_sample_fits(opt):
    # (the plain constant-rate fast path once crashed here with UnboundLocalError)
    t = fit(LinearRegression(), [[1.0]], [2.0], opt, epochs=3)
    assert t.n_steps == 3
    # one sample: theta moves along (1, 1) by lr * 2 * residual per step
    theta = np.zeros(2)
    for _ in range(3):
        theta -= 0.1 * 2 * (theta.sum() - 2.0) * np.ones(2)
    assert np.allclose(t.params[-1], theta)
