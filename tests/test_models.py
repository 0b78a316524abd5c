"""Models: loss definitions, gradients against finite differences, L2, stacks, stability."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from datagen import classification_data, regression_data
from scipy.optimize import approx_fprime

from maniml import LinearRegression, LogisticRegression, closed_form

MODELS = [LinearRegression, LogisticRegression]


def data_for(model_cls, n: int, d: int, seed: int = 0):
    return (regression_data if model_cls is LinearRegression else classification_data)(n, d, seed)


# -- the losses are what they claim to be -------------------------------------------------------
@pytest.mark.parametrize("d", [1, 3])
@pytest.mark.parametrize("l2", [0.0, 0.7])
def test_linear_loss_is_the_mean_squared_error(d, l2):
    X, y = regression_data(25, d, seed=d)
    theta = np.random.default_rng(5).normal(size=d + 1)
    mse = sum((theta[0] + X[i] @ theta[1:] - y[i]) ** 2 for i in range(len(y))) / len(y)
    expected = mse + 0.5 * l2 * sum(w * w for w in theta[1:])
    assert LinearRegression(l2=l2).loss(theta, X, y) == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("d", [1, 3])
@pytest.mark.parametrize("l2", [0.0, 0.7])
def test_logistic_loss_is_the_mean_cross_entropy(d, l2):
    X, y = classification_data(30, d, seed=d)
    theta = np.random.default_rng(6).normal(size=d + 1)
    p = 1.0 / (1.0 + np.exp(-(theta[0] + X @ theta[1:])))
    bce = -np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p))
    expected = bce + 0.5 * l2 * np.sum(theta[1:] ** 2)
    assert LogisticRegression(l2=l2).loss(theta, X, y) == pytest.approx(expected, rel=1e-12)


def test_predict_is_the_linear_output_and_the_sigmoid():
    X = np.array([[0.0, 1.0], [2.0, -1.0]])
    theta = np.array([0.5, 1.0, -2.0])
    z = np.array([0.5 + 0.0 - 2.0, 0.5 + 2.0 + 2.0])
    np.testing.assert_allclose(LinearRegression().predict(theta, X), z)
    np.testing.assert_allclose(LogisticRegression().predict(theta, X), 1.0 / (1.0 + np.exp(-z)))


def test_one_dimensional_X_is_one_feature():
    x = np.array([0.0, 1.0, 2.0])
    y = np.array([1.0, 3.0, 5.0])
    m = LinearRegression()
    assert m.loss([1.0, 2.0], x, y) == 0.0
    np.testing.assert_array_equal(m.grad([0.3, 0.1], x, y), m.grad([0.3, 0.1], x[:, None], y))


# -- gradients against finite differences -------------------------------------------------------
@pytest.mark.parametrize("model_cls", MODELS)
@pytest.mark.parametrize("d", [1, 2, 5])
@pytest.mark.parametrize("l2", [0.0, 0.3])
def test_gradient_matches_finite_differences(model_cls, d, l2):
    X, y = data_for(model_cls, 40, d, seed=d)
    model = model_cls(l2=l2)
    rng = np.random.default_rng(d)
    for _ in range(3):
        theta = rng.normal(size=d + 1)
        numeric = approx_fprime(theta, lambda t: model.loss(t, X, y), 1e-7)
        np.testing.assert_allclose(model.grad(theta, X, y), numeric, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("model_cls", MODELS)
def test_l2_never_penalises_the_intercept(model_cls):
    X, y = data_for(model_cls, 20, 2)
    l2 = 0.8
    plain, ridge = model_cls(), model_cls(l2=l2)
    w = np.array([0.4, -1.1])
    for b in (-50.0, 0.0, 3.0):
        theta = np.concatenate([[b], w])
        extra = ridge.loss(theta, X, y) - plain.loss(theta, X, y)
        assert extra == pytest.approx(0.5 * l2 * (0.4**2 + 1.1**2), rel=1e-9)
        dg = ridge.grad(theta, X, y) - plain.grad(theta, X, y)
        assert dg[0] == 0.0
        np.testing.assert_allclose(dg[1:], l2 * w, rtol=1e-12)


# -- stacks of parameter vectors ----------------------------------------------------------------
@pytest.mark.parametrize("model_cls", MODELS)
@pytest.mark.parametrize("l2", [0.0, 0.5])
def test_loss_on_a_stack_equals_the_loop_of_single_losses(model_cls, l2):
    X, y = data_for(model_cls, 30, 2, seed=3)
    model = model_cls(l2=l2)
    thetas = np.random.default_rng(1).normal(scale=2.0, size=(3, 4, 3))
    stacked = model.loss(thetas, X, y)
    assert stacked.shape == (3, 4)
    loop = np.array([[model.loss(thetas[a, b], X, y) for b in range(4)] for a in range(3)])
    np.testing.assert_allclose(stacked, loop, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("model_cls", MODELS)
def test_predict_on_a_stack_equals_the_loop(model_cls):
    X, _ = data_for(model_cls, 6, 2)
    model = model_cls()
    thetas = np.random.default_rng(2).normal(size=(2, 3, 3))
    out = model.predict(thetas, X)
    assert out.shape == (2, 3, 6)
    for a in range(2):
        for b in range(3):
            np.testing.assert_allclose(out[a, b], model.predict(thetas[a, b], X), rtol=1e-12)


# -- logistic stability -------------------------------------------------------------------------
def test_logistic_loss_is_finite_and_warning_free_at_large_margins():
    X = np.array([[1.0], [1.0], [-1.0], [-1.0]])
    theta = np.array([0.0, 1000.0])  # z = +1000, +1000, -1000, -1000
    m = LogisticRegression()
    cases = {
        # y: the per-sample loss log(1 + exp(z)) - y z at z = 1000 and z = -1000
        (1.0, 1.0, 0.0, 0.0): 0.0,  # every sample on the right side, very confidently
        (0.0, 0.0, 1.0, 1.0): 1000.0,  # every sample on the wrong side, margin 1000
        (1.0, 0.0, 0.0, 1.0): 500.0,  # half right (0), half wrong (1000)
    }
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for labels, expected in cases.items():
            y = np.array(labels)
            loss = m.loss(theta, X, y)
            grad = m.grad(theta, X, y)
            assert np.isfinite(loss) and np.isfinite(grad).all()
            assert loss == pytest.approx(expected, abs=1e-9)
            p = m.predict(theta, X)
            np.testing.assert_array_equal(p, [1.0, 1.0, 0.0, 0.0])
        # the stacked evaluation is stable too
        stacked = m.loss(np.array([[0.0, 1000.0], [0.0, -1000.0]]), X, np.array([1.0, 1, 0, 0]))
    np.testing.assert_allclose(stacked, [0.0, 1000.0], atol=1e-9)


def test_logistic_gradient_saturates_at_large_margins():
    # sigma(z) - y is exactly +-1 or 0 when |z| = 1000; the gradient is the mean of (sigma - y) x.
    X = np.array([[1.0], [-1.0]])
    g = LogisticRegression().grad([0.0, 1000.0], X, [0.0, 1.0])  # both samples wrong
    np.testing.assert_allclose(g, [(1.0 - 1.0) / 2, (1.0 * 1.0 + (0.0 - 1.0) * -1.0) / 2])


# -- closed form --------------------------------------------------------------------------------
@pytest.mark.parametrize("d", [1, 3])
def test_closed_form_is_the_least_squares_solution(d):
    X, y = regression_data(40, d, seed=11)
    Xa = np.column_stack([np.ones(len(y)), X])
    expected = np.linalg.lstsq(Xa, y, rcond=None)[0]
    np.testing.assert_allclose(closed_form(X, y), expected, rtol=1e-10, atol=1e-12)
    # and it is where the model's gradient vanishes
    np.testing.assert_allclose(LinearRegression().grad(expected, X, y), 0.0, atol=1e-12)


@pytest.mark.parametrize("l2", [0.1, 2.0])
def test_closed_form_ridge_matches_a_direct_solve(l2):
    X, y = regression_data(30, 3, seed=4)
    n, P = X.shape[0], X.shape[1] + 1
    # minimise (1/n)||Xa theta - y||^2 + (l2/2)||w||^2: an augmented least-squares problem, whose
    # extra rows sqrt(n l2 / 2) * [0 | I] penalise the weights but not the intercept.
    Xa = np.column_stack([np.ones(n), X])
    extra = np.sqrt(n * l2 / 2.0) * np.eye(P)[1:]
    direct = np.linalg.lstsq(np.vstack([Xa, extra]), np.concatenate([y, np.zeros(P - 1)]))[0]
    theta = closed_form(X, y, l2=l2)
    np.testing.assert_allclose(theta, direct, rtol=1e-10)
    np.testing.assert_allclose(LinearRegression(l2=l2).grad(theta, X, y), 0.0, atol=1e-12)
    assert not np.allclose(theta, closed_form(X, y))  # the penalty changes the answer
