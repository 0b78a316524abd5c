"""Bad input is refused where the user called in, with a message naming the argument, what was
given and what is allowed."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pytest

from maniml import (
    BGD,
    SGD,
    AdaGrad,
    Adam,
    Bowl,
    ExponentialDecay,
    InverseScaling,
    LinearRegression,
    LogisticRegression,
    MiniBatchGD,
    Momentum,
    NeuralNetwork,
    RMSProp,
    StepDecay,
    closed_form,
    fit,
    minimize,
)

X = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [3.0, 0.0]])
Y = np.array([1.0, 2.0, 4.0, 5.0])
LABELS = np.array([0.0, 1.0, 1.0, 0.0])


def with_nan(a, index, value=np.nan):
    a = np.array(a, dtype=float)
    a[index] = value
    return a


def fit_linear(**kw):
    args = {"X": X, "y": Y, "optimizer": BGD(0.1), "epochs": 2}
    args.update(kw)
    return fit(LinearRegression(), args.pop("X"), args.pop("y"), args.pop("optimizer"), **args)


BIN = np.array([0.0, 1.0, 1.0, 0.0])
THREE = np.array([0.0, 1.0, 2.0, 1.0])


def fit_net(net, y, **kw):
    return fit(net, X, y, BGD(0.1), epochs=1, **kw)


CASES = [
    # -- the network
    (
        lambda: NeuralNetwork((8, 0)),
        "The 'hidden' parameter of NeuralNetwork must be a sequence of ints >= 1 (one size per "
        "hidden layer), e.g. (8,) or (16, 16) or (); got (8, 0).",
    ),
    (lambda: NeuralNetwork(8), "The 'hidden' parameter of NeuralNetwork must be a sequence"),
    (lambda: NeuralNetwork((2.5,)), "hidden layer), e.g. (8,) or (16, 16) or (); got (2.5,)."),
    (
        lambda: NeuralNetwork(activation="relu6"),
        "The 'activation' parameter of NeuralNetwork must be one of 'relu', 'tanh', 'sigmoid', "
        "'linear' (did you mean 'relu'?); got 'relu6'.",
    ),
    (
        lambda: NeuralNetwork(task="classify"),
        "The 'task' parameter of NeuralNetwork must be one of 'binary', 'multiclass', "
        "'regression'; got 'classify'.",
    ),
    (
        lambda: NeuralNetwork(n_classes=3),
        "The 'n_classes' parameter of NeuralNetwork must be None unless task='multiclass'; got 3.",
    ),
    (
        lambda: NeuralNetwork(task="multiclass", n_classes=1),
        "The 'n_classes' parameter of NeuralNetwork must be an int in [2, inf) or None; got 1.",
    ),
    (
        lambda: fit_net(NeuralNetwork(task="multiclass", n_classes=2), THREE),
        "The 'y' parameter of fit must hold class labels 0..1; got 2.0 at index 2.",
    ),
    (
        lambda: fit_net(NeuralNetwork(task="multiclass"), with_nan(THREE, 3, -1.0)),
        "The 'y' parameter of fit must hold class labels 0..K-1; got -1.0 at index 3.",
    ),
    (
        lambda: fit_net(NeuralNetwork(task="multiclass"), with_nan(THREE, 0, 0.5)),
        "The 'y' parameter of fit must hold class labels 0..K-1; got 0.5 at index 0.",
    ),
    (
        lambda: fit_net(NeuralNetwork(), THREE),
        "The 'y' parameter of fit must hold class labels 0 or 1; got 2.0 at index 2.",
    ),
    (
        lambda: NeuralNetwork(task="multiclass").loss(np.zeros(24 + 9 * 2), X, THREE),
        "The 'y' parameter of NeuralNetwork.loss must hold class labels 0..1 (theta has 2 "
        "outputs); got 2.0 at index 2.",
    ),
    (
        lambda: NeuralNetwork().loss(np.zeros(6), X, BIN),
        "The 'theta' parameter of NeuralNetwork.loss must be an array of 33 values (layers "
        "2-8-1: weights and biases); got 6 values.",
    ),
    (
        lambda: NeuralNetwork((3,), task="multiclass").predict(np.zeros(10), X),
        "The 'theta' parameter of NeuralNetwork.predict must be an array of 9 + 4 * K values "
        "(layers 2-3-K for K >= 2 classes); got 10 values.",
    ),
    (
        lambda: fit_net(NeuralNetwork(task="multiclass"), THREE, init=np.zeros(24)),
        "The 'init' parameter of fit must be an array of 24 + 9 * K values (layers 2-8-K for "
        "K >= 2 classes); got 24 values.",
    ),
    (
        lambda: fit_net(NeuralNetwork(), BIN, init=np.zeros(5)),
        "The 'init' parameter of fit must be an array of shape (33,); got an array of shape (5,)",
    ),
    (
        lambda: fit_net(NeuralNetwork(task="multiclass"), np.zeros(4)),
        "The 'y' parameter of fit must be labels of at least 2 classes (or give n_classes); "
        "got only class 0.",
    ),
    # -- validation sets and what early stopping watches
    (
        lambda: fit_net(NeuralNetwork(), BIN, validation=(np.zeros((3, 3)), np.zeros(3))),
        "The 'validation' parameter of fit must be a pair (X_val, y_val) whose X_val has the 2 "
        "feature columns of X; got an array of shape (3, 3) and dtype float64.",
    ),
    (
        lambda: fit_net(NeuralNetwork(), BIN, validation=np.zeros((3, 2))),
        "The 'validation' parameter of fit must be a pair (X_val, y_val); got an array of shape",
    ),
    (
        lambda: fit_net(NeuralNetwork(), BIN, validation=(np.zeros((3, 2)), [0.0, 2.0, 1.0])),
        "The 'y' parameter of fit(validation=...) must hold class labels 0 or 1; got 2.0 at "
        "index 1.",
    ),
    (
        lambda: fit_net(
            NeuralNetwork(task="multiclass"), THREE, validation=(X[:2], np.array([0.0, 3.0]))
        ),
        "The 'y' parameter of fit(validation=...) must hold class labels 0..2; got 3.0 at index 1.",
    ),
    (
        lambda: fit_linear(validation=(X, Y[:3])),
        "The 'X' and 'y' parameters of fit(validation=...) must have the same number of samples",
    ),
    (
        lambda: fit_linear(monitor="val_loss"),
        "The 'monitor' parameter of fit must be 'loss' when no validation set is given; "
        "got 'val_loss'.",
    ),
    (
        lambda: fit_linear(monitor="validation"),
        "The 'monitor' parameter of fit must be one of 'loss', 'val_loss'; got 'validation'.",
    ),
    (
        lambda: StepDecay(0.1, unit="epochs"),
        "The 'unit' parameter of StepDecay must be one of 'step', 'epoch' (did you mean "
        "'epoch'?); got 'epochs'.",
    ),
    # -- data shapes and values
    (
        lambda: fit_linear(X=np.zeros((4, 2, 2))),
        "The 'X' parameter of fit must be a 1-D or 2-D array; got an array of shape (4, 2, 2)",
    ),
    (
        lambda: fit_linear(y=np.zeros((4, 1))),
        "The 'y' parameter of fit must be a 1-D array; got an array of shape (4, 1)",
    ),
    (
        lambda: fit_linear(y=Y[:3]),
        "The 'X' and 'y' parameters of fit must have the same number of samples; "
        "got X with 4 rows and y with 3 values.",
    ),
    (
        lambda: fit_linear(X=np.zeros((0, 2)), y=np.zeros(0)),
        "The 'X' parameter of fit must be a non-empty array of shape (n_samples, n_features); "
        "got an array of shape (0, 2)",
    ),
    (
        lambda: fit_linear(X=[["a", "b"]] * 4),
        "The 'X' parameter of fit must be an array of real numbers; got [['a', 'b'],",
    ),
    (
        lambda: fit_linear(X=with_nan(X, (2, 1))),
        "The 'X' parameter of fit must be finite (no NaN or inf); got nan at index (2, 1).",
    ),
    (
        lambda: fit_linear(X=with_nan(X, (0, 0), np.inf)),
        "The 'X' parameter of fit must be finite (no NaN or inf); got inf at index (0, 0).",
    ),
    (
        lambda: fit_linear(y=with_nan(Y, 3, -np.inf)),
        "The 'y' parameter of fit must be finite (no NaN or inf); got -inf at index (3,).",
    ),
    (
        lambda: fit_linear(init=[0.0, np.nan, 0.0]),
        "The 'init' parameter of fit must be finite (no NaN or inf); got nan at index (1,).",
    ),
    (
        lambda: fit_linear(init=[0.0, 1.0]),
        "The 'init' parameter of fit must be an array of shape (3,); got an array of shape (2,)",
    ),
    (
        lambda: fit(LogisticRegression(), X, np.array([0.0, 1.0, 2.0, 1.0]), BGD(0.1), epochs=1),
        "The 'y' parameter of fit must hold class labels 0 or 1 for logistic regression; "
        "got 2.0 at index 2.",
    ),
    (
        lambda: LogisticRegression().loss([0.0, 0.0, 0.0], X, np.array([0.0, -1.0, 1.0, 1.0])),
        "The 'y' parameter of LogisticRegression.loss must hold class labels 0 or 1 for logistic "
        "regression; got -1.0 at index 1.",
    ),
    # -- parameters of the models
    (
        lambda: LinearRegression().loss([0.0, 1.0], X, Y),
        "The 'theta' parameter of LinearRegression.loss must be an array whose last axis has 3 "
        "entries (intercept + 2 weights); got an array of shape (2,)",
    ),
    (
        lambda: LogisticRegression().grad(np.zeros((2, 3)), X, LABELS),
        "The 'theta' parameter of LogisticRegression.grad must be a 1-D array; got an array of "
        "shape (2, 3)",
    ),
    (
        lambda: LinearRegression().predict([0.0, 1.0, 2.0, 3.0], X),
        "The 'theta' parameter of LinearRegression.predict must be an array whose last axis has "
        "3 entries",
    ),
    (
        lambda: LinearRegression(l2=-0.1),
        "The 'l2' parameter of LinearRegression must be a float in [0, inf); got -0.1.",
    ),
    (
        lambda: closed_form(X, Y, l2=-1.0),
        "The 'l2' parameter of closed_form must be a float in [0, inf); got -1.0.",
    ),
    # -- optimisers
    (lambda: SGD(0.0), "The 'lr' parameter of SGD must be a float in (0, inf); got 0.0."),
    (lambda: BGD(-0.5), "The 'lr' parameter of BGD must be a float in (0, inf); got -0.5."),
    (lambda: BGD(np.nan), "The 'lr' parameter of BGD must be a float in (0, inf); got nan."),
    (lambda: BGD("fast"), "The 'lr' parameter of BGD must be a float in (0, inf); got 'fast'."),
    (
        lambda: MiniBatchGD(0.1, 0),
        "The 'batch_size' parameter of MiniBatchGD must be an int in [1, inf); got 0.",
    ),
    (
        lambda: MiniBatchGD(0.1, 2.5),
        "The 'batch_size' parameter of MiniBatchGD must be an int in [1, inf); got 2.5.",
    ),
    (
        lambda: fit_linear(optimizer=MiniBatchGD(0.1, 5)),
        "The 'batch_size' parameter of fit must be an int in [1, 4] (the number of samples); "
        "got 5.",
    ),
    (
        lambda: BGD(0.1, rule="sgd"),
        "The 'rule' parameter of BGD must be an UpdateRule or one of 'gd', 'momentum', "
        "'nesterov', 'adagrad', 'rmsprop', 'adam' (did you mean 'gd'?); got 'sgd'.",
    ),
    (
        lambda: SGD(0.1, rule=42),
        "The 'rule' parameter of SGD must be an UpdateRule or one of",
    ),
    (
        lambda: SGD(0.1, schedule="cosine"),
        "The 'schedule' parameter of SGD must be a Schedule or one of 'constant', 'step', "
        "'exponential', 'invscaling'; got 'cosine'.",
    ),
    (
        lambda: BGD(0.1, clip_norm=0.0),
        "The 'clip_norm' parameter of BGD must be a float in (0, inf) or None; got 0.0.",
    ),
    (
        lambda: BGD(0.1, clip_value=-1),
        "The 'clip_value' parameter of BGD must be a float in (0, inf) or None; got -1.",
    ),
    (
        lambda: BGD(0.1, tol=-1e-3),
        "The 'tol' parameter of BGD must be a float in [0, inf) or None; got -0.001.",
    ),
    (
        lambda: BGD(0.1, n_iter_no_change=0),
        "The 'n_iter_no_change' parameter of BGD must be an int in [1, inf); got 0.",
    ),
    # -- update rules and schedules
    (
        lambda: Momentum(beta=1.0),
        "The 'beta' parameter of Momentum must be a float in [0, 1); got 1.0.",
    ),
    (lambda: Adam(beta2=1.5), "The 'beta2' parameter of Adam must be a float in [0, 1); got 1.5."),
    (
        lambda: AdaGrad(eps=0.0),
        "The 'eps' parameter of AdaGrad must be a float in (0, inf); got 0.0.",
    ),
    (
        lambda: RMSProp(rho=-0.1),
        "The 'rho' parameter of RMSProp must be a float in [0, 1); got -0.1.",
    ),
    (
        lambda: ExponentialDecay(0.1, rate=1.5),
        "The 'rate' parameter of ExponentialDecay must be a float in (0, 1]; got 1.5.",
    ),
    (
        lambda: StepDecay(0.1, every=0),
        "The 'every' parameter of StepDecay must be an int in [1, inf); got 0.",
    ),
    (
        lambda: InverseScaling(0.1, power_t=-1.0),
        "The 'power_t' parameter of InverseScaling must be a float in [0, inf); got -1.0.",
    ),
    (
        lambda: InverseScaling(0.0),
        "The 'eta0' parameter of InverseScaling must be a float in (0, inf); got 0.0.",
    ),
    # -- fit's and minimize's own arguments
    (
        lambda: fit_linear(epochs=0),
        "The 'epochs' parameter of fit must be an int in [1, inf); got 0.",
    ),
    (
        lambda: fit_linear(epochs=2.0),
        "The 'epochs' parameter of fit must be an int in [1, inf); got 2.0.",
    ),
    (
        lambda: fit_linear(seed=-1),
        "The 'seed' parameter of fit must be an int in [0, inf) or None; got -1.",
    ),
    (
        lambda: fit_linear(max_steps=0),
        "The 'max_steps' parameter of fit must be an int in [1, inf) or None; got 0.",
    ),
    (
        lambda: fit("linear", X, Y, BGD(0.1), epochs=1),
        "The 'model' parameter of fit must be a maniml model (LinearRegression, "
        "LogisticRegression, NeuralNetwork); got 'linear'.",
    ),
    (
        lambda: fit(LinearRegression(), X, Y, "sgd", epochs=1),
        "The 'optimizer' parameter of fit must be a maniml optimizer (BGD, SGD, MiniBatchGD); "
        "got 'sgd'.",
    ),
    (
        lambda: minimize("bowl", None, BGD(0.1), steps=5),
        "The 'objective' parameter of minimize must be a maniml Objective (Bowl, Rosenbrock, "
        "...); got 'bowl'.",
    ),
    (
        lambda: minimize(Bowl(), None, Adam(), steps=5),
        "The 'optimizer' parameter of minimize must be a maniml optimizer such as BGD(lr); "
        "got Adam(",
    ),
    (
        lambda: minimize(Bowl(), None, SGD(0.1), steps=5),
        "The 'optimizer' parameter of minimize must be a full-batch optimizer (BGD) since a "
        "function has no samples; got 'SGD'.",
    ),
    (
        lambda: minimize(Bowl(), None, BGD(0.1), steps=0),
        "The 'steps' parameter of minimize must be an int in [1, inf); got 0.",
    ),
    (
        lambda: minimize(Bowl(), [0.0, 1.0, 2.0], BGD(0.1), steps=5),
        "The 'x0' parameter of minimize must be an array of shape (2,); got an array of shape (3,)",
    ),
    (
        lambda: minimize(Bowl(), [np.inf, 0.0], BGD(0.1), steps=5),
        "The 'x0' parameter of minimize must be finite (no NaN or inf); got inf at index (0,).",
    ),
]


@pytest.mark.parametrize(("call", "message"), CASES, ids=[m[:60] for _, m in CASES])
def test_bad_input_is_refused_with_its_message(call, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        call()


def test_numpy_scalars_are_shown_as_plain_numbers():
    with pytest.raises(ValueError, match=re.escape("got -1.0.")):
        SGD(np.float64(-1.0))
    with pytest.raises(ValueError, match=re.escape("got 0.")):
        MiniBatchGD(0.1, np.int64(0))


def test_non_finite_starting_value_is_refused_without_a_warning():
    # finite starts whose loss overflows: one clear error, no RuntimeWarning besides
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="The 'init' parameter of fit gives a non-finite loss"):
            fit_linear(init=[1e200, 1e200, 1e200])
        with pytest.raises(ValueError, match="The 'x0' parameter of minimize gives a non-finite"):
            minimize(Bowl(), [1e200, 0.0], BGD(0.1), steps=3)


def test_numpy_integers_and_arrays_are_accepted():
    t = fit(
        LinearRegression(),
        X.tolist(),
        Y.tolist(),
        MiniBatchGD(0.1, np.int64(2)),
        epochs=np.int32(1),
        seed=np.uint8(3),
    )
    assert t.n_steps == 2


def test_parameter_error_carries_its_fields_and_pickles():
    import pickle

    from maniml import ParameterError

    with pytest.raises(ParameterError) as info:
        SGD(-1.0)
    e = info.value
    assert isinstance(e, ValueError)
    assert (e.name, e.where, e.kind) == ("lr", "SGD", "parameter")
    assert str(e.as_setting("LinRegScene")).startswith("The 'lr' setting of LinRegScene")
    back = pickle.loads(pickle.dumps(e))
    assert (type(back), str(back), back.name) == (ParameterError, str(e), "lr")


def test_check_choice_ignores_case_and_suggests():
    from maniml._validation import check_choice

    assert check_choice("ADAM", "rule", "BGD", ["plain", "adam"]) == "adam"
    with pytest.raises(ValueError, match=r"did you mean 'momentum'\?\); got 'momentun'"):
        check_choice("momentun", "rule", "BGD", ["plain", "momentum"])
    with pytest.raises(ValueError, match=r"one of 'plain', 'momentum'; got 3"):
        check_choice(3, "rule", "BGD", ["plain", "momentum"])


# -- unknown keywords of the optimisers -----------------------------------------------------------
OPTIONS = "'rule', 'schedule', 'clip_value', 'clip_norm', 'tol', 'n_iter_no_change'"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: BGD(0.1, momentum=0.9),
            f"The 'momentum' keyword of BGD must be one of 'lr', {OPTIONS}; got 'momentum'. "
            "Momentum is an update rule: use rule=Momentum(0.9) (or rule='momentum').",
        ),
        (
            lambda: SGD(0.1, momentum=0.5),
            f"The 'momentum' keyword of SGD must be one of 'lr', {OPTIONS}; got 'momentum'. "
            "Momentum is an update rule: use rule=Momentum(0.5) (or rule='momentum').",
        ),
        (
            lambda: MiniBatchGD(0.1, 8, momentum=0.9),
            f"The 'momentum' keyword of MiniBatchGD must be one of 'lr', 'batch_size', {OPTIONS}; "
            "got 'momentum'. Momentum is an update rule: use rule=Momentum(0.9) (or "
            "rule='momentum').",
        ),
        (
            lambda: SGD(0.1, beta1=0.8),
            f"The 'beta1' keyword of SGD must be one of 'lr', {OPTIONS}; got 'beta1'. 'beta1' "
            "belongs to an update rule: use rule=Adam(beta1=0.8).",
        ),
        (
            lambda: BGD(0.1, adam=True),
            "Adam is an update rule: use rule='adam'.",
        ),
        (
            lambda: BGD(0.1, power_t=0.5),
            "'power_t' belongs to a schedule: use schedule=InverseScaling(lr, power_t=0.5).",
        ),
        (
            lambda: BGD(0.1, epochs=3),
            "'epochs' is an argument of fit: fit(model, X, y, optimizer, epochs=...).",
        ),
        (
            lambda: SGD(0.1, batch_size=4),
            "SGD fixes the batch; use MiniBatchGD(lr, batch_size=4).",
        ),
        (lambda: BGD(0.1, learning_rate=0.1), "The learning rate is lr (a schedule's eta0)."),
        (
            lambda: BGD(0.1, rulle="adam"),
            f"The 'rulle' keyword of BGD must be one of 'lr', {OPTIONS} (did you mean 'rule'?); "
            "got 'rulle'.",
        ),
    ],
)
def test_an_unknown_optimizer_keyword_names_the_allowed_ones(call, message):
    with pytest.raises(ValueError) as info:  # a ParameterError, not Python's TypeError
        call()
    text = str(info.value)
    assert text.startswith(message) or text.endswith(message), text
    assert info.value.kind == "keyword"


def test_keyword_errors_pickle_with_their_hint():
    import pickle

    with pytest.raises(ValueError) as info:
        BGD(0.1, momentum=0.9)
    back = pickle.loads(pickle.dumps(info.value))
    assert str(back) == str(info.value) and back.hint == info.value.hint != ""


# -- the schedule in the optimiser's label --------------------------------------------------------
@pytest.mark.parametrize(
    ("optimizer", "label"),
    [
        (MiniBatchGD(0.1, 16, rule="momentum", schedule="invscaling"),
         "Mini-batch GD (16) + Momentum, invscaling"),
        (BGD(0.1, schedule=StepDecay(0.1, drop=0.5, every=10)), "BGD, step decay"),
        (SGD(0.1, rule="adam", schedule="exponential"), "SGD + Adam, exponential decay"),
        (SGD(0.1, schedule="constant"), "SGD"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)  # fmt: skip
def test_label_names_the_schedule(optimizer, label):
    assert optimizer.label == label
    assert optimizer.to_dict()["label"] == label
