"""accuracy, r2_score and train_test_split, against scikit-learn's functions."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn import metrics as skm
from sklearn import model_selection as skms

from maniml import accuracy, r2_score, train_test_split


# -- accuracy ------------------------------------------------------------------------------------
@pytest.mark.parametrize("seed", range(5))
def test_accuracy_matches_sklearn_on_numbers_strings_and_booleans(seed):
    rng = np.random.default_rng(seed)
    a, b = rng.integers(0, 3, 50), rng.integers(0, 3, 50)
    assert accuracy(a, b) == pytest.approx(skm.accuracy_score(a, b), abs=1e-15)
    names = np.array(["setosa", "versicolor", "virginica"])
    assert accuracy(names[a], names[b]) == pytest.approx(skm.accuracy_score(names[a], names[b]))
    assert accuracy(a > 0, b > 0) == pytest.approx(skm.accuracy_score(a > 0, b > 0))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: accuracy([0, 1], [0, 1, 1]),
            "The 'y_true' and 'y_pred' parameters of accuracy must have the same length; "
            "got 2 and 3 values.",
        ),
        (
            lambda: accuracy([], []),
            "The 'y_true' parameter of accuracy must be a non-empty 1-D array; got an array of "
            "shape (0,)",
        ),
        (
            lambda: accuracy([[0, 1]], [0, 1]),
            "The 'y_true' parameter of accuracy must be a non-empty 1-D array; got an array of "
            "shape (1, 2)",
        ),
        (
            lambda: r2_score([1.0, np.nan], [1.0, 2.0]),
            "The 'y_true' parameter of r2_score must be finite (no NaN or inf); got nan at index (1,).",
        ),
        (
            lambda: r2_score([1.0, 2.0], ["a", "b"]),
            "The 'y_pred' parameter of r2_score must be an array of real numbers",
        ),
    ],
)
def test_metrics_refuse_bad_input(call, message):
    with pytest.raises(ValueError) as info:
        call()
    assert str(info.value).startswith(message)


# -- r2_score ------------------------------------------------------------------------------------
@pytest.mark.parametrize("seed", range(5))
def test_r2_matches_sklearn(seed):
    rng = np.random.default_rng(seed)
    y = rng.normal(size=40)
    for pred in (y + 0.3 * rng.normal(size=40), rng.normal(size=40), np.full(40, y.mean())):
        assert r2_score(y, pred) == pytest.approx(skm.r2_score(y, pred), abs=1e-12)


def test_r2_of_a_constant_target_follows_sklearn():
    y = np.full(5, 2.0)
    assert r2_score(y, y) == skm.r2_score(y, y) == 1.0
    assert r2_score(y, y + 1.0) == skm.r2_score(y, y + 1.0) == 0.0


# -- train_test_split ----------------------------------------------------------------------------
def _rows(a):
    return sorted(map(tuple, a.reshape(len(a), -1).tolist()))


@pytest.mark.parametrize("n", [2, 3, 7, 10, 33, 100])
@pytest.mark.parametrize("test_size", [0.1, 0.25, 0.3, 0.5, 0.9, 1])
def test_split_sizes_match_sklearn_and_partition_the_rows(n, test_size):
    X = np.arange(2.0 * n).reshape(n, 2)
    y = np.arange(n)
    try:
        want = skms.train_test_split(X, y, test_size=test_size, random_state=0)
    except ValueError:  # sklearn refuses an empty part; so must we
        with pytest.raises(ValueError, match="The 'test_size' parameter of train_test_split"):
            train_test_split(X, y, test_size=test_size)
        return
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=test_size, seed=0)
    assert [len(p) for p in (X_train, X_test, y_train, y_test)] == [len(p) for p in want]
    assert _rows(np.concatenate([X_train, X_test])) == _rows(X)
    assert np.array_equal(X_train[:, 0] / 2, y_train) and np.array_equal(X_test[:, 0] / 2, y_test)


def test_split_is_deterministic_by_seed_and_shuffles():
    X, y = np.arange(100.0)[:, None], np.arange(100.0)
    a = train_test_split(X, y, seed=3)
    b = train_test_split(X, y, seed=3)
    c = train_test_split(X, y, seed=4)
    assert all(np.array_equal(p, q) for p, q in zip(a, b, strict=True))
    assert not np.array_equal(a[1], c[1])
    assert not np.array_equal(np.sort(a[3]), np.arange(75, 100))  # not the last quarter


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("test_size", [0.2, 0.25, 0.5, 17])
def test_stratified_split_keeps_class_counts_as_sklearn_does(seed, test_size):
    rng = np.random.default_rng(seed)
    y = rng.choice(np.array(["a", "b", "c"]), size=90, p=[0.6, 0.3, 0.1])
    X = np.arange(90.0)[:, None]
    _, _, sk_train, sk_test = skms.train_test_split(
        X, y, test_size=test_size, random_state=seed, stratify=y
    )
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=test_size, seed=seed, stratify="auto"
    )
    assert len(y_test) == len(sk_test) and len(y_train) == len(sk_train)
    for label in "abc":  # sklearn breaks ties at random: allow one sample either way
        assert abs((y_test == label).sum() - (sk_test == label).sum()) <= 1
    assert np.array_equal(y[X_test[:, 0].astype(int)], y_test)
    assert _rows(np.concatenate([X_train, X_test])) == _rows(X)


def test_stratified_split_of_float_labels_and_by_an_array():
    y = np.array([0.0] * 12 + [1.0] * 4)
    X = np.zeros((16, 3))
    _, _, y_train, y_test = train_test_split(X, y, stratify="auto")
    assert (y_test == 1).sum() == 1 and (y_train == 1).sum() == 3
    groups = np.repeat([0, 1], 8)
    _, _, g_train, g_test = train_test_split(groups, groups, test_size=0.5, stratify=groups)
    assert np.bincount(g_test).tolist() == [4, 4] and np.bincount(g_train).tolist() == [4, 4]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"test_size": 0.0},
            "The 'test_size' parameter of train_test_split must be a float in (0, 1) or an int "
            "in [1, 9] (train and test both non-empty); got 0.0.",
        ),
        (
            {"test_size": 10},
            "The 'test_size' parameter of train_test_split must be a float in (0, 1) or an int "
            "in [1, 9] (train and test both non-empty); got 10.",
        ),
        (
            {"test_size": "half"},
            "The 'test_size' parameter of train_test_split must be a float in (0, 1)",
        ),
        ({"seed": -1}, "The 'seed' parameter of train_test_split must be an int in [0, inf)"),
        (
            {"stratify": "yes"},
            "The 'stratify' parameter of train_test_split must be None, 'auto' (by the labels y) "
            "or an array of labels; got 'yes'.",
        ),
        (
            {"stratify": "auto", "y": np.linspace(0.0, 1.0, 10)},
            "The 'stratify' parameter of train_test_split must be class labels (stratifying needs "
            "classes; use stratify=None for a continuous target); got \"'auto' with non-integer "
            'values in y".',
        ),
        (
            {"stratify": "auto", "y": np.array([0] * 9 + [1])},
            "The 'stratify' parameter of train_test_split must be labels whose every class has at "
            "least 2 samples; got 'class 1 with 1 sample'.",
        ),
        (
            {"stratify": np.zeros(3)},
            "The 'stratify' parameter of train_test_split must be an array of 10 labels (one per "
            "sample); got an array of shape (3,)",
        ),
        (
            {"y": np.zeros(9)},
            "The 'X' and 'y' parameters of train_test_split must have the same number of "
            "samples; got X with 10 rows and y with 9 values.",
        ),
    ],
)
def test_split_refuses_bad_input(kwargs, message):
    args = {"X": np.zeros((10, 2)), "y": np.repeat([0, 1], 5)}
    args.update(kwargs)
    with pytest.raises(ValueError) as info:
        train_test_split(args.pop("X"), args.pop("y"), **args)
    assert str(info.value).startswith(message)
