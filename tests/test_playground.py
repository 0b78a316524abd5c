"""The Playground data sets: seeded, shaped and balanced as documented, with the geometry each
promises, and clear errors."""

from __future__ import annotations

import re

import numpy as np
import pytest

from maniml import (
    Dataset,
    make_circles,
    make_classes,
    make_curve,
    make_gaussians,
    make_moons,
    make_spiral,
    make_xor,
)

GENERATORS = [make_circles, make_xor, make_gaussians, make_spiral, make_moons, make_classes]


@pytest.mark.parametrize("make", GENERATORS + [make_curve], ids=lambda f: f.__name__)
def test_seeded_shaped_and_finite(make):
    a, b, c = make(n=61, seed=3), make(n=61, seed=3), make(n=61, seed=4)
    assert isinstance(a, Dataset)
    X, y = a
    assert X.dtype == y.dtype == np.float64 and len(X) == len(y) == 61
    assert X.shape[1] == (1 if make is make_curve else 2)
    assert np.isfinite(X).all() and np.isfinite(y).all()
    assert np.array_equal(a.X, b.X) and np.array_equal(a.y, b.y)
    assert not np.array_equal(a.X, c.X)


@pytest.mark.parametrize("make", GENERATORS, ids=lambda f: f.__name__)
def test_classes_are_balanced_and_shuffled(make):
    X, y = make(n=61, seed=0)
    k = int(y.max()) + 1
    counts = np.bincount(y.astype(int))
    assert counts.max() - counts.min() <= 1 and counts.sum() == 61 and k >= 2
    assert counts.tolist() == [61 // k + (i < 61 % k) for i in range(k)]
    assert not np.all(np.diff(y) >= 0)  # not sorted by class
    assert np.abs(X).max() < 2.5  # unit scale


def test_circles_disc_inside_ring():
    X, y = make_circles(n=300, noise=0.0, seed=0)
    r = np.hypot(*X.T)
    assert r[y == 1].max() <= 0.5 < 0.7 <= r[y == 0].min() and r.max() <= 1.0


def test_xor_quadrants_with_a_margin():
    X, y = make_xor(n=300, seed=0)
    np.testing.assert_array_equal(y, (X[:, 0] * X[:, 1] > 0).astype(float))
    assert np.abs(X).min() >= 0.05 and np.abs(X).max() <= 1.0
    Xn, yn = make_xor(n=300, noise=0.2, seed=0)
    np.testing.assert_array_equal(yn, y)  # noise moves points after labelling
    assert np.abs(Xn - X).std() > 0.1


def test_spiral_arms_wind_as_documented():
    X, y = make_spiral(n=90, n_classes=3, turns=1.5, noise=0.0, seed=0)
    r = np.hypot(*X.T)
    angle = np.arctan2(X[:, 1], X[:, 0])
    expected = 2 * np.pi * (1.5 * r + y / 3)
    np.testing.assert_allclose(np.cos(angle), np.cos(expected), atol=1e-12)
    np.testing.assert_allclose(np.sort(r[y == 0]), np.arange(1, 31) / 30)


def test_gaussians_and_blobs_sit_at_their_centres():
    X, y = make_gaussians(n=4000, spread=0.3, seed=0)
    np.testing.assert_allclose(X[y == 1].mean(axis=0), [0.5, 0.5], atol=0.03)
    np.testing.assert_allclose(X[y == 1].std(axis=0), 0.3, rtol=0.05)
    X, y = make_classes(n=4000, n_classes=4, spread=0.1, seed=0)
    for c, centre in enumerate([(0.7, 0.0), (0.0, 0.7), (-0.7, 0.0), (0.0, -0.7)]):
        np.testing.assert_allclose(X[y == c].mean(axis=0), centre, atol=0.01)


def test_moons_lie_on_their_half_circles():
    X, y = make_moons(n=100, noise=0.0, seed=0)
    x0 = (X[:, 0] / 0.5) + 0.5
    x1 = X[:, 1] + 0.25
    upper = np.hypot(x0, x1)[y == 0]
    lower = np.hypot(x0 - 1.0, x1 - 0.5)[y == 1]
    np.testing.assert_allclose(upper, 1.0, atol=1e-12)
    np.testing.assert_allclose(lower, 1.0, atol=1e-12)
    assert (x1[y == 0] >= -1e-12).all() and (x1[y == 1] <= 0.5 + 1e-12).all()


def test_curve_is_a_noisy_sine():
    X, y = make_curve(n=2000, noise=0.1, x_range=(-1.0, 2.0), seed=0)
    assert X.min() >= -1.0 and X.max() <= 2.0
    resid = y - np.sin(X[:, 0])
    assert abs(resid.mean()) < 0.01 and resid.std() == pytest.approx(0.1, rel=0.05)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: make_circles(n=1), "The 'n' parameter of make_circles must be an int in [2, inf)"),
        (lambda: make_xor(noise=-0.1), "The 'noise' parameter of make_xor must be a float in [0,"),
        (
            lambda: make_spiral(n=2, n_classes=3),
            "The 'n' parameter of make_spiral must be an int in [3,",
        ),
        (
            lambda: make_spiral(turns=0),
            "The 'turns' parameter of make_spiral must be a float in (0,",
        ),
        (
            lambda: make_classes(n_classes=1),
            "The 'n_classes' parameter of make_classes must be an int in [2,",
        ),
        (
            lambda: make_gaussians(spread=0),
            "The 'spread' parameter of make_gaussians must be a float in (0,",
        ),
        (
            lambda: make_curve(x_range=(1, 1)),
            "The 'x_range' parameter of make_curve must be a pair",
        ),
        (
            lambda: make_moons(seed=-1),
            "The 'seed' parameter of make_moons must be an int in [0, inf)",
        ),
    ],
)
def test_bad_arguments_are_refused(call, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        call()
