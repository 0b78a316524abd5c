"""Loss surfaces: the grid's orientation and the model loss at grid points."""

from __future__ import annotations

import numpy as np
import pytest

import maniml
from maniml import (
    LinearRegression,
    LogisticRegression,
    ModelLoss,
    Rosenbrock,
    grid_values,
    model_loss_grid,
)


def test_grid_values_orientation():
    # an asymmetric function and unequal ranges: a transposed grid cannot pass
    xs, ys, Z = grid_values(
        lambda p: p[..., 0] + 10.0 * p[..., 1] ** 2, (-1.0, 3.0), (0.0, 1.0), resolution=5
    )
    np.testing.assert_allclose(xs, [-1.0, 0.0, 1.0, 2.0, 3.0])
    np.testing.assert_allclose(ys, [0.0, 0.25, 0.5, 0.75, 1.0])
    assert Z.shape == (5, 5)
    for i in range(5):
        for j in range(5):
            assert Z[i, j] == xs[j] + 10.0 * ys[i] ** 2


def test_grid_values_of_an_objective():
    f = Rosenbrock()
    xs, ys, Z = grid_values(f, (-2.0, 2.0), (-1.0, 3.0), resolution=21)
    for i, j in [(0, 0), (3, 17), (20, 5), (10, 15)]:
        assert Z[i, j] == pytest.approx(f([xs[j], ys[i]]), rel=1e-12)
    i, j = np.unravel_index(np.argmin(Z), Z.shape)
    assert (xs[j], ys[i]) == (1.0, 1.0)  # the grid passes through the minimum


def classification(n=30, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 3))
    return X, (rng.random(n) < 1 / (1 + np.exp(-X[:, 0]))).astype(float)


def regression(n=30, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 3))
    return X, 2.0 + X @ [1.0, -1.0, 0.5] + 0.1 * rng.normal(size=n)


@pytest.mark.parametrize(
    ("model", "make"),
    [(LinearRegression(), regression), (LogisticRegression(l2=0.3), classification)],
    ids=["linear", "logistic-l2"],
)
@pytest.mark.parametrize("axes", [(0, 1), (1, 2), (3, 0)])
def test_model_loss_grid_matches_model_loss(model, make, axes):
    X, y = make()
    at = np.array([0.5, -0.2, 0.3, 0.1])
    xs, ys, Z = model_loss_grid(
        model, X, y, (-2.0, 1.0), (-0.5, 2.5), axes=axes, at=at, resolution=9
    )
    assert Z.shape == (9, 9)
    for i, j in [(0, 0), (0, 8), (8, 0), (4, 6), (7, 2)]:
        theta = at.copy()
        theta[axes[0]] = xs[j]  # the grid's x runs along the first axis
        theta[axes[1]] = ys[i]
        assert Z[i, j] == pytest.approx(model.loss(theta, X, y), rel=1e-10, abs=1e-12)


def test_model_loss_grid_defaults_to_zeros_elsewhere():
    X, y = regression()
    xs, ys, Z = model_loss_grid(LinearRegression(), X, y, (0.0, 3.0), (-1.0, 2.0), resolution=4)
    theta = np.array([xs[2], ys[1], 0.0, 0.0])
    assert Z[1, 2] == pytest.approx(LinearRegression().loss(theta, X, y), rel=1e-10)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"x_range": (1.0, 1.0)},
            r"'x_range' parameter of grid_values must be a pair \(low, high\) with low < high; got \(1.0, 1.0\)",
        ),
        ({"y_range": 3.0}, r"'y_range' parameter of grid_values must be a pair"),
        (
            {"resolution": 1},
            r"'resolution' parameter of grid_values must be an int in \[2, 2000\]; got 1",
        ),
    ],
)
def test_grid_values_rejects_bad_arguments(kwargs, message):
    args = {"x_range": (0.0, 1.0), "y_range": (0.0, 1.0), **kwargs}
    with pytest.raises(ValueError, match=message):
        grid_values(Rosenbrock(), **args)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"axes": (1, 1)},
            r"'axes' parameter of model_loss_grid must be two distinct ints in \[0, 3\]; got \(1, 1\)",
        ),
        (
            {"axes": (0, 4)},
            r"'axes' parameter of model_loss_grid must be two distinct ints in \[0, 3\]",
        ),
        ({"axes": "ab"}, r"'axes' parameter of model_loss_grid"),
        ({"at": [0.0, 1.0]}, r"'at' parameter of model_loss_grid must be an array of shape \(4,\)"),
    ],
)
def test_model_loss_grid_rejects_bad_arguments(kwargs, message):
    X, y = regression()
    with pytest.raises(ValueError, match=message):
        model_loss_grid(LinearRegression(), X, y, (0.0, 1.0), (0.0, 1.0), **kwargs)


def test_model_loss_grid_rejects_a_non_model():
    with pytest.raises(
        ValueError,
        match=r"'model' parameter of model_loss_grid must be a maniml model; got 'linear'",
    ):
        model_loss_grid("linear", [[1.0]], [1.0], (0.0, 1.0), (0.0, 1.0))


def test_model_loss_is_the_model_loss_with_the_least_squares_minimum():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(30, 1))
    y = 0.5 - 1.5 * X[:, 0] + 0.1 * rng.normal(size=30)
    model = LinearRegression()
    f = ModelLoss(model=model, X=X, y=y, box=((-1.0, 2.0), (-3.0, 0.0)))
    assert f.domain == ((-1.0, 2.0), (-3.0, 0.0))
    p = np.array([0.3, -1.0])
    assert f(p) == pytest.approx(float(model._loss(p, X, y)))
    np.testing.assert_allclose(f.grad(p), model._grad(p, X, y))
    (opt,) = f.minima
    np.testing.assert_allclose(f.grad(opt), 0.0, atol=1e-12)


def test_the_logistic_optimum_is_where_a_long_bgd_run_ends():
    """L-BFGS (scipy) on the model's loss and gradient: the point 20,000 BGD steps reach."""
    X, y = maniml.make_sigmoid_1d(40, seed=3)
    model = LogisticRegression()
    opt = maniml.model_optimum(model, X, y)
    f = ModelLoss(model=model, X=X, y=y)
    np.testing.assert_array_equal(f.minima, opt[None])
    traj = maniml.fit(model, X, y, maniml.BGD(1.0), epochs=20_000)
    np.testing.assert_allclose(traj.final, opt, atol=1e-6)
    assert f(opt) <= traj.loss.min() + 1e-12
    np.testing.assert_allclose(model.grad(opt, X, y), 0.0, atol=1e-8)


def test_model_optimum_is_the_closed_form_for_linear_regression():
    X = np.array([[0.0], [1.0], [2.0]])
    np.testing.assert_allclose(
        maniml.model_optimum(LinearRegression(), X, [1.0, 3.0, 5.0]), [1.0, 2.0], atol=1e-12
    )
    with pytest.raises(ValueError, match="'model' parameter of model_optimum"):
        maniml.model_optimum("logistic", X, [0.0, 1.0, 1.0])
