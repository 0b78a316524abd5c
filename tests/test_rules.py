"""Update rules against hand-computed steps, through ``update`` and through ``fit``; clipping."""

from __future__ import annotations

import math

import numpy as np
import pytest

from maniml import (
    BGD,
    SGD,
    AdaGrad,
    Adam,
    LinearRegression,
    Momentum,
    Nesterov,
    Plain,
    RMSProp,
    fit,
    minimize,
)
from maniml.functions import Bowl
from maniml.rules import RULES, make_rule

LR = 0.1
G1, G2, G3 = np.array([1.0, -2.0]), np.array([0.5, 1.0]), np.array([-1.0, 0.25])
EPS = 1e-8


def three_steps(rule):
    """The deltas of three updates with gradients G1, G2, G3 at rate LR."""
    state = rule.init(np.zeros(2))
    deltas = []
    for g in (G1, G2, G3):
        delta, state = rule.update(g, state, LR)
        deltas.append(delta)
    return deltas


def assert_steps(rule, expected):
    for got, want in zip(three_steps(rule), expected, strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)


# -- each rule's first three steps, worked by hand ----------------------------------------------
def test_plain_steps():
    # delta = -lr * g
    assert_steps(Plain(), [[-0.1, 0.2], [-0.05, -0.1], [0.1, -0.025]])


def test_momentum_steps():
    # v1 = g1 = [1, -2];                       delta1 = -0.1 * v1
    # v2 = 0.9 v1 + g2 = [1.4, -0.8];          delta2 = -0.1 * v2
    # v3 = 0.9 v2 + g3 = [0.26, -0.47];        delta3 = -0.1 * v3
    assert_steps(Momentum(beta=0.9), [[-0.1, 0.2], [-0.14, 0.08], [-0.026, 0.047]])


def test_nesterov_steps():
    # velocities as for momentum; delta = -lr * (g + beta * v)
    # step 1: g1 + 0.9 [1, -2]      = [1.9, -3.8]
    # step 2: g2 + 0.9 [1.4, -0.8]  = [1.76, 0.28]
    # step 3: g3 + 0.9 [0.26, -0.47] = [-0.766, -0.173]
    assert_steps(Nesterov(beta=0.9), [[-0.19, 0.38], [-0.176, -0.028], [0.0766, 0.0173]])


def test_adagrad_steps():
    # G1 = [1, 4]; G2 = G1 + [0.25, 1] = [1.25, 5]; G3 = G2 + [1, 0.0625] = [2.25, 5.0625]
    expected = [
        [-0.1 * 1.0 / (1.0 + EPS), -0.1 * -2.0 / (2.0 + EPS)],
        [-0.1 * 0.5 / (math.sqrt(1.25) + EPS), -0.1 * 1.0 / (math.sqrt(5.0) + EPS)],
        [-0.1 * -1.0 / (1.5 + EPS), -0.1 * 0.25 / (2.25 + EPS)],
    ]
    assert_steps(AdaGrad(), expected)


def test_rmsprop_steps():
    # s1 = 0.1 g1^2 = [0.1, 0.4]
    # s2 = 0.9 s1 + 0.1 g2^2 = [0.09 + 0.025, 0.36 + 0.1] = [0.115, 0.46]
    # s3 = 0.9 s2 + 0.1 g3^2 = [0.1035 + 0.1, 0.414 + 0.00625] = [0.2035, 0.42025]
    expected = [
        [-0.1 * 1.0 / (math.sqrt(0.1) + EPS), -0.1 * -2.0 / (math.sqrt(0.4) + EPS)],
        [-0.1 * 0.5 / (math.sqrt(0.115) + EPS), -0.1 * 1.0 / (math.sqrt(0.46) + EPS)],
        [-0.1 * -1.0 / (math.sqrt(0.2035) + EPS), -0.1 * 0.25 / (math.sqrt(0.42025) + EPS)],
    ]
    assert_steps(RMSProp(rho=0.9), expected)


def test_adam_steps():
    # t = 1: m = 0.1 g1 = [0.1, -0.2]; v = 0.001 g1^2 = [0.001, 0.004]
    #        m_hat = m / 0.1 = g1; v_hat = v / 0.001 = g1^2: the step is -lr * sign(g1)
    # t = 2: m = 0.9 m + 0.1 g2 = [0.14, -0.08]
    #        v = 0.999 v + 0.001 g2^2 = [0.001249, 0.004996]
    #        m_hat = m / (1 - 0.9^2) = m / 0.19; v_hat = v / (1 - 0.999^2) = v / 0.001999
    # t = 3: m = 0.9 m + 0.1 g3 = [0.026, -0.047]
    #        v = 0.999 v + 0.001 g3^2 = [0.002247751, 0.0050535040]
    #        m_hat = m / (1 - 0.9^3) = m / 0.271; v_hat = v / (1 - 0.999^3) = v / 0.002997001
    def step(m, v, bc1, bc2):
        return [
            -0.1 * (mi / bc1) / (math.sqrt(vi / bc2) + EPS) for mi, vi in zip(m, v, strict=True)
        ]

    expected = [
        step([0.1, -0.2], [0.001, 0.004], 0.1, 0.001),
        step([0.14, -0.08], [0.001249, 0.004996], 0.19, 0.001999),
        step([0.026, -0.047], [0.002247751, 0.005053504], 0.271, 0.002997001),
    ]
    assert_steps(Adam(beta1=0.9, beta2=0.999), expected)
    np.testing.assert_allclose(expected[0], [-0.1, 0.1], rtol=1e-7)


def test_update_does_not_modify_state_or_gradient():
    for cls in RULES.values():
        rule = cls()
        g = np.array([1.0, -2.0])
        state = rule.init(np.zeros(2))
        before = [np.copy(s) for s in state]
        rule.update(g, state, 0.1)
        for s, b in zip(state, before, strict=True):
            np.testing.assert_array_equal(s, b)
        np.testing.assert_array_equal(g, [1.0, -2.0])


# -- the same rules inside fit ------------------------------------------------------------------
# Reference steppers written from the textbook formulas, independent of maniml.rules.
def reference_run(name, grads, lr):
    """Parameters' changes for a sequence of gradients (those recorded by fit)."""
    b, b1, b2, rho = 0.9, 0.9, 0.999, 0.9
    v = np.zeros_like(grads[0])
    m = np.zeros_like(grads[0])
    deltas = []
    for t, g in enumerate(grads, start=1):
        if name == "gd":
            d = -lr * g
        elif name == "momentum":
            v = b * v + g
            d = -lr * v
        elif name == "nesterov":
            v = b * v + g
            d = -lr * (g + b * v)
        elif name == "adagrad":
            v = v + g**2
            d = -lr * g / (np.sqrt(v) + EPS)
        elif name == "rmsprop":
            v = rho * v + (1 - rho) * g**2
            d = -lr * g / (np.sqrt(v) + EPS)
        elif name == "adam":
            m = b1 * m + (1 - b1) * g
            v = b2 * v + (1 - b2) * g**2
            d = -lr * (m / (1 - b1**t)) / (np.sqrt(v / (1 - b2**t)) + EPS)
        deltas.append(d)
    return np.array(deltas)


TINY_X = np.array([[0.0], [1.0], [2.0]])
TINY_Y = np.array([1.0, 3.0, 5.0])


@pytest.mark.parametrize("name", ["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"])
def test_rule_inside_fit_with_bgd(name):
    model = LinearRegression()
    t = fit(model, TINY_X, TINY_Y, BGD(LR, rule=name), epochs=4)
    # first gradient, by hand: residuals at theta = 0 are -y = [-1, -3, -5];
    # g = (2/3) [sum r, sum r x] = (2/3) [-9, -13]
    np.testing.assert_allclose(t.grads[0], [-6.0, -26.0 / 3.0], rtol=1e-14)
    for k in range(t.n_steps):
        np.testing.assert_allclose(
            t.grads[k], model.grad(t.params[k], TINY_X, TINY_Y), rtol=1e-12, atol=1e-13
        )
    np.testing.assert_allclose(
        np.diff(t.params, axis=0), reference_run(name, t.grads, LR), rtol=1e-10, atol=1e-14
    )


def test_adam_first_step_inside_fit_is_minus_lr_times_sign():
    t = fit(LinearRegression(), TINY_X, TINY_Y, BGD(0.3, rule=Adam()), epochs=1)
    np.testing.assert_allclose(t.params[1], [0.3, 0.3], rtol=1e-7)


def test_rule_instances_and_names_resolve_alike():
    for name, cls in RULES.items():
        assert make_rule(name, "BGD") == cls()
    assert make_rule(None, "BGD") == Plain()
    custom = Momentum(beta=0.5)
    assert make_rule(custom, "BGD") is custom


# -- clipping -----------------------------------------------------------------------------------
def test_clip_by_value_and_by_norm():
    g = np.array([3.0, -4.0, 0.5])
    np.testing.assert_array_equal(BGD(0.1, clip_value=1.0).clip(g), [1.0, -1.0, 0.5])
    np.testing.assert_allclose(BGD(0.1, clip_norm=1.0).clip(g), g / np.sqrt(25.25))
    np.testing.assert_array_equal(BGD(0.1, clip_norm=100.0).clip(g), g)  # short enough: kept
    # both: first each component to [-1, 1], then the norm of [1, -1, 0.5] (1.5) to 1
    np.testing.assert_allclose(
        BGD(0.1, clip_value=1.0, clip_norm=1.0).clip(g), np.array([1.0, -1.0, 0.5]) / 1.5
    )
    np.testing.assert_array_equal(g, [3.0, -4.0, 0.5])  # the input is left alone


def steep_data():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(20, 2))
    y = 40.0 + X @ np.array([30.0, -20.0])
    return X, y


@pytest.mark.parametrize("opt_cls", [BGD, SGD])
def test_fit_bounds_each_step_by_the_clipped_norm(opt_cls):
    X, y = steep_data()
    lr, c = 0.05, 2.0
    t = fit(LinearRegression(), X, y, opt_cls(lr, clip_norm=c), epochs=3, seed=0)
    steps = np.linalg.norm(np.diff(t.params, axis=0), axis=1)
    norms = np.linalg.norm(t.grads, axis=1)
    assert (norms > c).mean() > 0.5  # the recorded (unclipped) gradients do exceed the bound
    assert np.all(steps <= lr * c * (1 + 1e-12))
    np.testing.assert_allclose(steps, lr * np.minimum(norms, c), rtol=1e-10)


@pytest.mark.parametrize("opt_cls", [BGD, SGD])
def test_fit_bounds_each_step_component_by_the_clipped_value(opt_cls):
    X, y = steep_data()
    lr, c = 0.05, 0.5
    t = fit(LinearRegression(), X, y, opt_cls(lr, clip_value=c), epochs=3, seed=0)
    steps = np.diff(t.params, axis=0)
    assert np.abs(t.grads).max() > 10 * c
    assert np.all(np.abs(steps) <= lr * c * (1 + 1e-12))
    np.testing.assert_allclose(steps, -lr * np.clip(t.grads, -c, c), rtol=1e-10)


def test_minimize_applies_clipping():
    t = minimize(Bowl(), [-30.0, 40.0], BGD(0.1, clip_norm=1.0), steps=5)
    np.testing.assert_allclose(np.linalg.norm(np.diff(t.params, axis=0), axis=1), 0.1)
