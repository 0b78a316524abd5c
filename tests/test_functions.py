"""Test functions: values at known points and minima, gradients against finite differences,
evaluation on stacks of points."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import approx_fprime

from maniml import (
    Beale,
    Bowl,
    CustomObjective,
    Parabola,
    Rosenbrock,
    Saddle,
    SinCos,
    SinCosWave,
    StretchedBowl,
)
from maniml.functions import OBJECTIVES

ALL = [
    Bowl(),
    Bowl(center=(-0.5, 3.0)),
    Rosenbrock(),
    Rosenbrock(a=2.0, b=10.0),
    Beale(),
    Saddle(),
    SinCos(),
    Parabola(),
    Parabola(center=-2.0, a=3.0),
    SinCosWave(),
    StretchedBowl(),
    StretchedBowl(center=(-1.0, 0.5), k=9.0),
    CustomObjective(
        lambda p: np.sin(p[..., 0]) * p[..., 1] ** 2,
        gradient=lambda p: [np.cos(p[0]) * p[1] ** 2, 2.0 * np.sin(p[0]) * p[1]],
    ),
    CustomObjective(lambda p: p[..., 0] ** 4 + p[..., 0] * p[..., 1] + p[..., 1] ** 2),
]


def points(objective, count=5, seed=0):
    rng = np.random.default_rng(seed)
    lo, hi = np.array(objective.domain).T
    # Beale grows like y^6: keep to the middle of its box for a meaningful relative check
    shrink = 0.4 if isinstance(objective, Beale) else 0.9
    mid, half = (lo + hi) / 2, (hi - lo) / 2 * shrink
    return mid + half * rng.uniform(-1, 1, size=(count, objective.dim))


@pytest.mark.parametrize("objective", ALL, ids=lambda o: type(o).__name__)
def test_gradient_matches_finite_differences(objective):
    for x in points(objective):
        numeric = approx_fprime(x, lambda p: objective(p), 1e-7)
        np.testing.assert_allclose(objective.grad(x), numeric, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("objective", ALL, ids=lambda o: type(o).__name__)
def test_value_on_a_stack_equals_the_loop(objective):
    stack = points(objective, count=6, seed=1).reshape(2, 3, objective.dim)
    values = objective(stack)
    assert values.shape == (2, 3)
    for a in range(2):
        for b in range(3):
            assert values[a, b] == pytest.approx(objective(stack[a, b]), rel=1e-12)


def test_values_at_known_points():
    assert Bowl()([0.0, 0.0]) == 5.0  # (0 - 1)^2 + (0 - 2)^2
    assert Rosenbrock()([0.0, 0.0]) == 1.0  # (1 - 0)^2 + 100 (0 - 0)^2
    assert Rosenbrock()([-1.0, 2.0]) == 4.0 + 100.0 * 1.0
    # Beale at the origin: 1.5^2 + 2.25^2 + 2.625^2
    assert Beale()([0.0, 0.0]) == pytest.approx(2.25 + 5.0625 + 6.890625)
    assert Saddle()([3.0, 1.0]) == 8.0
    assert SinCos()([np.pi / 2, 0.0]) == pytest.approx(1.0)
    assert Parabola(center=-2.0, a=3.0)(0.0) == 12.0
    assert SinCosWave()(0.0) == pytest.approx(1.0)


@pytest.mark.parametrize(
    "objective",
    [
        Bowl(),
        Bowl(center=(-0.5, 3.0)),
        Rosenbrock(),
        Rosenbrock(a=2.0, b=10.0),
        Beale(),
        Parabola(),
        StretchedBowl(),
    ],
    ids=lambda o: type(o).__name__,
)
def test_known_minima_have_value_zero_and_zero_gradient(objective):
    for m in objective.minima:
        assert objective(m) == pytest.approx(0.0, abs=1e-14)
        np.testing.assert_allclose(objective.grad(m), 0.0, atol=1e-12)
    # and nearby points are higher
    rng = np.random.default_rng(0)
    for m in objective.minima:
        for _ in range(10):
            assert objective(m + 1e-3 * rng.normal(size=objective.dim)) > objective(m)


def test_rosenbrock_and_beale_minima():
    np.testing.assert_array_equal(Rosenbrock().minima, [[1.0, 1.0]])
    np.testing.assert_array_equal(Rosenbrock(a=2.0).minima, [[2.0, 4.0]])
    np.testing.assert_array_equal(Beale().minima, [[3.0, 0.5]])
    assert Rosenbrock()([1.0, 1.0]) == 0.0
    assert Beale()([3.0, 0.5]) == 0.0


@pytest.mark.parametrize("objective", [SinCos(), SinCosWave()], ids=lambda o: type(o).__name__)
def test_listed_minima_are_global_minima_on_the_domain(objective):
    from maniml import grid_values

    if objective.dim == 2:
        _, _, Z = grid_values(objective, *objective.domain, resolution=201)
        lowest = Z.min()
    else:
        lowest = objective(np.linspace(*objective.domain[0], 2001)).min()
    for m in objective.minima:
        assert objective(m) == pytest.approx(lowest, abs=1e-3)
        np.testing.assert_allclose(objective.grad(m), 0.0, atol=1e-12)


def test_saddle_has_a_stationary_point_and_no_minimum():
    assert len(Saddle().minima) == 0
    np.testing.assert_array_equal(Saddle().grad([0.0, 0.0]), [0.0, 0.0])


def test_custom_objective_with_finite_difference_gradient():
    f = CustomObjective(lambda p: (p[..., 0] - 1.0) ** 2 + 3.0 * p[..., 1] ** 2, n_dim=2, name="g")
    np.testing.assert_allclose(f.grad([2.0, -1.0]), [2.0, -6.0], rtol=1e-6)
    assert (f.dim, f.label) == (2, "g")


def test_registry_names_every_builtin():
    assert set(OBJECTIVES.values()) == {
        Bowl,
        Rosenbrock,
        Beale,
        Saddle,
        SinCos,
        Parabola,
        SinCosWave,
    }
    for cls in OBJECTIVES.values():
        f = cls()
        assert np.isfinite(f(f.start)) and f.grad(f.start).shape == (f.dim,)


def test_wrong_number_of_coordinates_is_rejected():
    with pytest.raises(ValueError, match=r"'x' parameter of Bowl must be a point .* 2 coordinates"):
        Bowl()([1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match=r"'x' parameter of Rosenbrock"):
        Rosenbrock().grad([[1.0, 2.0]])
