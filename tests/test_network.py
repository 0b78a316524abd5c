"""NeuralNetwork: gradients against finite differences, the no-hidden-layer network against
LogisticRegression, the softmax against scipy, XOR, stability, initialisation, and fit with every
batching, rule, schedule, clipping and early stopping."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from scipy.special import expit, log_softmax

from maniml import (
    BGD,
    SGD,
    LinearRegression,
    LogisticRegression,
    MiniBatchGD,
    NeuralNetwork,
    fit,
    make_xor,
)
from maniml.network import ACTIVATIONS, TASKS

RNG = np.random.default_rng(0)
X = RNG.normal(size=(25, 3))
LABELS = {
    "binary": (RNG.random(25) < 0.5).astype(float),
    "multiclass": RNG.integers(0, 3, 25).astype(float),
    "regression": RNG.normal(size=25),
}


def net_for(task, activation="tanh", hidden=(4, 3), l2=0.0):
    k = 3 if task == "multiclass" else None
    return NeuralNetwork(hidden, activation=activation, task=task, n_classes=k, l2=l2)


def random_theta(net, seed=1):
    theta = net.initial_params(3, seed=seed)
    return theta + 0.3 * np.random.default_rng(seed).normal(size=theta.shape)


def forward_by_hand(net, theta, X):
    """The output layer's input, from ``layers`` and textbook formulas."""
    act = {"relu": lambda z: np.maximum(z, 0), "tanh": np.tanh, "sigmoid": expit}.get(
        net.activation, lambda z: z
    )
    layers = net.layers(theta, n_features=X.shape[1])
    A = X
    for W, b in layers[:-1]:
        A = act(A @ W + b)
    W, b = layers[-1]
    return A @ W + b


def weight_penalty(net, theta, d):
    return 0.5 * net.l2 * sum(float((W**2).sum()) for W, _ in net.layers(theta, n_features=d))


# -- gradients --------------------------------------------------------------------------------
@pytest.mark.parametrize("l2", [0.0, 0.4])
@pytest.mark.parametrize("task", TASKS)
@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_gradient_matches_central_differences(activation, task, l2):
    net = net_for(task, activation, l2=l2)
    y = LABELS[task]
    theta = random_theta(net)
    g = net.grad(theta, X, y)
    h = 1e-6
    fd = np.array(
        [
            (net.loss(theta + h * e, X, y) - net.loss(theta - h * e, X, y)) / (2 * h)
            for e in np.eye(len(theta))
        ]
    )
    np.testing.assert_allclose(g, fd, rtol=1e-6, atol=1e-8)
    assert np.abs(g).max() > 1e-3  # not a vacuous comparison


@pytest.mark.parametrize("task", TASKS)
def test_loss_is_the_textbook_formula(task):
    net = net_for(task, "sigmoid", l2=0.3)
    y, theta = LABELS[task], random_theta(net)
    Z = forward_by_hand(net, theta, X)
    if task == "binary":
        p = expit(Z[:, 0])
        data = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    elif task == "regression":
        data = np.mean((Z[:, 0] - y) ** 2)
    else:
        data = -np.mean(log_softmax(Z, axis=1)[np.arange(len(y)), y.astype(int)])
    expected = data + weight_penalty(net, theta, 3)
    assert net.loss(theta, X, y) == pytest.approx(expected, rel=1e-12)


def test_softmax_loss_matches_scipy_log_softmax_even_for_huge_logits():
    net = net_for("multiclass", "linear", hidden=())
    y = LABELS["multiclass"]
    for scale in (1.0, 1e3, 1e5):
        theta = scale * random_theta(net)
        Z = forward_by_hand(net, theta, X)
        expected = -np.mean(log_softmax(Z, axis=1)[np.arange(len(y)), y.astype(int)])
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # no overflow, no log(0)
            got = net.loss(theta, X, y)
            probs = net.predict(theta, X)
        assert got == pytest.approx(expected, rel=1e-12)
        assert np.isfinite(probs).all()
        np.testing.assert_allclose(probs.sum(axis=1), 1.0, rtol=1e-12)


def test_binary_cross_entropy_is_stable_for_huge_outputs():
    net = NeuralNetwork((3,), activation="relu")
    y = LABELS["binary"]
    theta = 1e4 * random_theta(net)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = net.loss(theta, X, y)
        g = net.grad(theta, X, y)
    assert np.isfinite(loss) and loss > 1.0 and np.isfinite(g).all()


def test_l2_penalises_weights_never_biases():
    net = net_for("binary", "tanh", l2=0.7)
    plain = net_for("binary", "tanh", l2=0.0)
    y, theta = LABELS["binary"], random_theta(net)
    assert net.loss(theta, X, y) - plain.loss(theta, X, y) == pytest.approx(
        weight_penalty(net, theta, 3), rel=1e-12
    )
    dg = net.grad(theta, X, y) - plain.grad(theta, X, y)
    weights = np.concatenate(
        [np.concatenate([np.zeros_like(b), np.ones(W.size)]) for W, b in net.layers(theta)]
    ).astype(bool)
    np.testing.assert_allclose(dg[weights], 0.7 * theta[weights], rtol=1e-9)
    assert np.all(np.abs(dg[~weights]) < 1e-14)


# -- the no-hidden-layer network is logistic regression ----------------------------------------
@pytest.mark.parametrize("l2", [0.0, 0.25])
@pytest.mark.parametrize("d", [1, 2, 3, 10])
def test_no_hidden_layer_equals_logistic_regression_exactly(d, l2):
    rng = np.random.default_rng(d)
    Xd = rng.normal(size=(40, d))
    y = (rng.random(40) < 0.5).astype(float)
    net, logreg = NeuralNetwork((), l2=l2), LogisticRegression(l2=l2)
    assert net.n_params(d) == d + 1
    for _ in range(3):
        theta = rng.normal(size=d + 1)
        assert net.loss(theta, Xd, y) == logreg.loss(theta, Xd, y)
        assert np.array_equal(net.grad(theta, Xd, y), logreg.grad(theta, Xd, y))
        assert np.array_equal(net.predict(theta, Xd), logreg.predict(theta, Xd))
    # and fit takes the same steps (its loop kernels differ only in rounding)
    opt = MiniBatchGD(0.3, 8, rule="adam")
    a = fit(net, Xd, y, opt, epochs=5, seed=2, init=np.zeros(d + 1))
    b = fit(logreg, Xd, y, opt, epochs=5, seed=2)
    np.testing.assert_allclose(a.params, b.params, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(a.loss, b.loss, rtol=1e-12)


def test_regression_without_hidden_layer_is_linear_regression():
    y = LABELS["regression"]
    net, lin = NeuralNetwork((), task="regression"), LinearRegression()
    theta = np.array([0.3, -1.0, 2.0, 0.5])
    assert net.loss(theta, X, y) == pytest.approx(lin.loss(theta, X, y), rel=1e-14)
    np.testing.assert_allclose(net.grad(theta, X, y), lin.grad(theta, X, y), rtol=1e-13)


# -- learning ---------------------------------------------------------------------------------
def test_one_hidden_layer_of_four_tanh_units_learns_xor():
    # Four tanh units have local minima on XOR (here seeds 0 and 1 settle at 91 % accuracy, one
    # quadrant lost); seed 3's start is one that learns it.
    X2, y = make_xor(n=200, seed=0)
    net = NeuralNetwork((4,), activation="tanh")
    t = fit(net, X2, y, BGD(0.05, rule="adam"), epochs=500, seed=3)
    assert np.mean((net.predict(t.final, X2) > 0.5) == y) == 1.0
    assert t.loss[-1] < 0.05 < t.loss[0]
    # no linear boundary does: the same run without the hidden layer stays near chance
    flat = NeuralNetwork(())
    t = fit(flat, X2, y, BGD(0.05, rule="adam"), epochs=500, seed=3)
    assert np.mean((flat.predict(t.final, X2) > 0.5) == y) < 0.75


def test_multiclass_network_infers_the_classes_and_learns_blobs():
    from maniml import make_classes

    X2, y = make_classes(n=150, n_classes=3, seed=0)
    net = NeuralNetwork((8,), task="multiclass")
    t = fit(net, X2, y, MiniBatchGD(0.05, 16, rule="adam"), epochs=40, seed=0)
    assert t.settings["n_classes"] == 3 and t.params.shape[1] == net.n_params(2, n_classes=3)
    probs = net.predict(t.final, X2)
    assert probs.shape == (150, 3)
    assert np.mean(probs.argmax(axis=1) == y) > 0.95


def test_regression_network_fits_a_curve_better_than_a_line():
    from maniml import make_curve

    X1, y = make_curve(n=80, noise=0.05, seed=0)
    net = NeuralNetwork((16,), activation="tanh", task="regression")
    t = fit(net, X1, y, BGD(0.05, rule="adam"), epochs=1500, seed=0)
    line = fit(LinearRegression(), X1, y, BGD(0.1), epochs=500)
    assert net.predict(t.final, X1).shape == (80,)
    assert t.loss[-1] < 0.1 * line.loss[-1]


# -- fit with every batching, rule, schedule, clipping, early stopping ------------------------------
OPTIMIZERS = [
    BGD(0.1),
    BGD(0.05, rule="nesterov", schedule="invscaling", clip_value=0.5),
    SGD(0.05),
    SGD(0.02, rule="rmsprop", clip_norm=1.0),
    MiniBatchGD(0.05, 7, rule="adam", schedule="exponential"),
    MiniBatchGD(0.1, 4, rule="momentum", schedule="step"),
    MiniBatchGD(0.1, 5, rule="adagrad", tol=1e-3, n_iter_no_change=1),
]


@pytest.mark.parametrize("task", TASKS)
@pytest.mark.parametrize("optimizer", OPTIMIZERS, ids=lambda o: o.label)
def test_fit_records_every_step_consistently(optimizer, task):
    net = net_for(task, "relu", hidden=(5,), l2=0.1)
    y = LABELS[task]
    t = fit(net, X, y, optimizer, epochs=4, seed=3)
    n, b = len(y), optimizer.batch_size or len(y)
    per_epoch = math.ceil(n / b)
    assert not t.diverged
    if optimizer.tol is None:
        assert t.n_steps == 4 * per_epoch and not t.stopped_early
    for k in range(t.n_steps + 1):
        assert t.loss[k] == pytest.approx(net.loss(t.params[k], X, y), rel=1e-12)
    for k in range(t.n_steps):
        idx = t.batch_indices[k]
        g = net.grad(t.params[k], X[idx], y[idx])
        np.testing.assert_allclose(t.grads[k], g, rtol=1e-12, atol=1e-14)
        assert t.batch_loss[k] == pytest.approx(net.loss(t.params[k], X[idx], y[idx]), rel=1e-12)
        assert t.lr[k] == optimizer.schedule(k)
    if optimizer.rule.name == "gd" and optimizer.clip_norm is None and optimizer.clip_value is None:
        np.testing.assert_allclose(
            t.params[1:], t.params[:-1] - t.lr[:, None] * t.grads, atol=1e-15
        )
    assert t.settings["model"] == "NeuralNetwork" and t.settings["task"] == task


def test_early_stopping_of_a_network_stops_at_the_documented_epoch():
    net, y = net_for("binary", "tanh", hidden=(4,)), LABELS["binary"]
    full = fit(net, X, y, BGD(0.5), epochs=300, seed=0)
    ends = full.loss[1:]
    best, streak, stop = math.inf, 0, None
    for e, current in enumerate(ends, start=1):
        streak = streak + 1 if current > best - 1e-3 else 0
        best = min(best, current)
        if streak >= 3:
            stop = e
            break
    assert stop is not None and stop < 300
    t = fit(net, X, y, BGD(0.5, tol=1e-3, n_iter_no_change=3), epochs=300, seed=0)
    assert t.stopped_early and t.n_steps == stop
    np.testing.assert_array_equal(t.params, full.params[: stop + 1])


def test_a_diverging_regression_network_warns_and_stops_at_the_last_finite_row():
    from maniml import DivergenceWarning

    net = NeuralNetwork((8,), activation="relu", task="regression")
    with pytest.warns(DivergenceWarning, match="fit diverged"):
        t = fit(net, 10 * X, 100 * LABELS["regression"], BGD(5.0), epochs=500, seed=0)
    assert t.diverged and np.isfinite(t.params).all() and np.isfinite(t.loss).all()


# -- determinism and the start -------------------------------------------------------------------
def test_same_seed_same_run_and_the_start_is_seeded():
    net, y = NeuralNetwork((6, 4)), LABELS["binary"]
    opt = MiniBatchGD(0.05, 6, rule="adam")
    a = fit(net, X, y, opt, epochs=3, seed=11)
    b = fit(net, X, y, opt, epochs=3, seed=11)
    for name in ("params", "loss", "batch_loss", "grads", "lr", "epoch"):
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
    assert np.array_equal(a.params[0], net.initial_params(3, seed=11))
    c = fit(net, X, y, opt, epochs=3, seed=12)
    assert not np.array_equal(a.params[0], c.params[0])
    # the start comes from its own stream: the batches are those of a linear model's run
    lin = fit(LogisticRegression(), X, y, opt, epochs=3, seed=11)
    assert np.array_equal(a.batch_indices.flat, lin.batch_indices.flat)


@pytest.mark.parametrize("activation", ["relu", "tanh"])
def test_initialisation_is_he_for_relu_and_glorot_otherwise(activation):
    net = NeuralNetwork((400, 300), activation=activation)
    theta = net.initial_params(200, seed=0)
    (W1, b1), (W2, b2), (W3, b3) = net.layers(theta)
    assert not (b1.any() or b2.any() or b3.any())
    if activation == "relu":
        assert W1.std() == pytest.approx(math.sqrt(2 / 200), rel=0.02)
        assert W2.std() == pytest.approx(math.sqrt(2 / 400), rel=0.02)
    else:
        bound = math.sqrt(6 / (200 + 400))
        assert W1.max() <= bound and W1.min() >= -bound and W1.max() > 0.99 * bound
        assert W2.std() == pytest.approx(math.sqrt(2 / (400 + 300)), rel=0.02)  # U(-a, a)
    bound = math.sqrt(6 / (300 + 1))  # the output layer is Glorot in both cases
    assert np.abs(W3).max() <= bound


# -- shapes ---------------------------------------------------------------------------------------
def test_layers_unpack_theta_in_order():
    net = NeuralNetwork((4, 3))
    theta = np.arange(float(net.n_params(2)))
    layers = net.layers(theta)
    assert [(W.shape, b.shape) for W, b in layers] == [
        ((2, 4), (4,)),
        ((4, 3), (3,)),
        ((3, 1), (1,)),
    ]
    packed = np.concatenate([np.concatenate([b, W.ravel()]) for W, b in layers])
    np.testing.assert_array_equal(packed, theta)
    layers[0][0][0, 0] = -1.0  # copies: theta is untouched
    assert theta[4] == 4.0


def test_predict_shapes_and_one_dimensional_X():
    x = np.linspace(-1, 1, 7)
    assert NeuralNetwork((3,), task="regression").predict(np.ones(10), x).shape == (7,)
    p = NeuralNetwork((3,)).predict(np.zeros(10), x)
    np.testing.assert_array_equal(p, 0.5)
    net = NeuralNetwork((3,), task="multiclass")
    probs = net.predict(np.zeros(net.n_params(1, n_classes=4)), x)
    np.testing.assert_allclose(probs, 0.25)
    hidden = NeuralNetwork((3, 2)).hidden_outputs(np.ones(NeuralNetwork((3, 2)).n_params(1)), x)
    assert [h.shape for h in hidden] == [(7, 3), (7, 2)]


def test_loss_on_a_stack_of_thetas_is_each_theta_s_loss():
    for task in TASKS:
        net, y = net_for(task, "relu", l2=0.2), LABELS[task]
        stack = np.stack([random_theta(net, seed=s) for s in range(6)]).reshape(2, 3, -1)
        got = net.loss(stack, X, y)
        assert got.shape == (2, 3)
        want = [[net.loss(t, X, y) for t in row] for row in stack]
        np.testing.assert_allclose(got, want, rtol=1e-13)
