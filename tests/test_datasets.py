"""Tests for maniml.datasets: generators, bundled data, the CSV loader and standardize."""

from __future__ import annotations

import re

import numpy as np
import pytest

from maniml import datasets as ds
from maniml.datasets import (
    DIABETES_FEATURES,
    Dataset,
    load_csv,
    load_diabetes,
    load_iris_petal,
    make_blobs,
    make_linear,
    make_sigmoid_1d,
    standardize,
)

GENERATORS = [make_linear, make_blobs, make_sigmoid_1d]


# -- generators: determinism and shapes -------------------------------------------------------------
@pytest.mark.parametrize("make", GENERATORS)
def test_same_seed_gives_identical_arrays(make):
    X1, y1 = make(seed=7)
    X2, y2 = make(seed=7)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)


@pytest.mark.parametrize("make", GENERATORS)
def test_different_seeds_give_different_arrays(make):
    X1, _ = make(seed=1)
    X2, _ = make(seed=2)
    assert not np.array_equal(X1, X2)


@pytest.mark.parametrize(
    ("make", "kwargs", "x_shape"),
    [
        (make_linear, {"n": 13}, (13, 1)),
        (make_linear, {"n": 9, "n_features": 4}, (9, 4)),
        (make_blobs, {"n": 11}, (11, 2)),
        (make_blobs, {"n": 6, "centers": [[0, 0, 0], [1, 1, 1]]}, (6, 3)),
        (make_sigmoid_1d, {"n": 17}, (17, 1)),
    ],
)
def test_shapes_and_dtypes(make, kwargs, x_shape):
    X, y = make(seed=0, **kwargs)
    assert X.shape == x_shape
    assert y.shape == (x_shape[0],)
    assert X.dtype == y.dtype == np.float64
    assert np.isfinite(X).all() and np.isfinite(y).all()


def test_default_seed_none_draws_fresh_data():
    X1, _ = make_linear()
    X2, _ = make_linear()
    assert not np.array_equal(X1, X2)


def test_numpy_integer_seed_is_accepted():
    np.testing.assert_array_equal(make_linear(seed=np.int64(3))[0], make_linear(seed=3)[0])


# -- make_linear ------------------------------------------------------------------------------------
def _lstsq(X, y):
    A = np.column_stack([np.ones(len(y)), X])
    return np.linalg.lstsq(A, y, rcond=None)[0]


def test_make_linear_recovers_default_slope_and_intercept():
    X, y = make_linear(n=2000, noise=0.5, seed=0)
    theta = _lstsq(X, y)
    # Standard errors here are about 0.011 (intercept) and 0.007 (slope): 0.05 is over 4 of them.
    np.testing.assert_allclose(theta, [1.0, 2.0], atol=0.05)


def test_make_linear_recovers_given_weights_in_several_features():
    w = [0.5, -3.0, 1.25]
    X, y = make_linear(n=3000, n_features=3, slope=w, intercept=-2.0, noise=0.3, seed=1)
    np.testing.assert_allclose(_lstsq(X, y), [-2.0, *w], atol=0.03)


def test_make_linear_default_weights_for_several_features():
    X, y = make_linear(n=10, n_features=4, intercept=0.0, noise=0.0, seed=0)
    np.testing.assert_allclose(y, X @ [2.0, -1.0, 0.5, -0.25])


def test_make_linear_scalar_slope_applies_to_every_feature():
    X, y = make_linear(n=10, n_features=2, slope=3.0, intercept=0.0, noise=0.0, seed=0)
    np.testing.assert_allclose(y, 3.0 * X.sum(axis=1))


def test_make_linear_noise_zero_is_exact_and_range_respected():
    X, y = make_linear(n=500, x_range=(2.0, 5.0), noise=0.0, seed=4)
    assert X.min() >= 2.0 and X.max() < 5.0
    assert X.max() - X.min() > 2.5  # the whole range is used
    np.testing.assert_allclose(y, 1.0 + 2.0 * X[:, 0])


def test_make_linear_noise_has_requested_scale():
    X, y = make_linear(n=4000, noise=2.0, seed=5)
    resid = y - (1.0 + 2.0 * X[:, 0])
    assert abs(resid.std() - 2.0) < 0.1
    assert abs(resid.mean()) < 0.1


# -- make_blobs -------------------------------------------------------------------------------------
def test_make_blobs_class_means_near_centers():
    centers = np.array([[-2.0, 1.0], [3.0, -1.0]])
    X, y = make_blobs(n=4000, centers=centers, spread=0.5, seed=0)
    for k in (0, 1):
        np.testing.assert_allclose(X[y == k].mean(axis=0), centers[k], atol=0.05)
        np.testing.assert_allclose(X[y == k].std(axis=0), [0.5, 0.5], atol=0.03)


def test_make_blobs_default_centers():
    X, y = make_blobs(n=2000, seed=3)
    np.testing.assert_allclose(X[y == 0].mean(axis=0), [-1.5, -1.0], atol=0.1)
    np.testing.assert_allclose(X[y == 1].mean(axis=0), [1.5, 1.0], atol=0.1)


@pytest.mark.parametrize(("n", "n0", "n1"), [(2, 1, 1), (100, 50, 50), (7, 4, 3), (101, 51, 50)])
def test_make_blobs_halves_with_extra_to_class_0(n, n0, n1):
    _, y = make_blobs(n=n, seed=0)
    assert set(np.unique(y)) <= {0.0, 1.0}
    assert (y == 0).sum() == n0 and (y == 1).sum() == n1


def test_make_blobs_rows_are_shuffled():
    _, y = make_blobs(n=100, seed=0)
    assert not np.array_equal(y, np.sort(y))


# -- make_sigmoid_1d --------------------------------------------------------------------------------
def test_make_sigmoid_labels_rise_with_x():
    X, y = make_sigmoid_1d(n=6000, seed=0)
    x = X[:, 0]
    assert set(np.unique(y)) == {0.0, 1.0}
    bins = np.linspace(-4.0, 4.0, 9)
    idx = np.digitize(x, bins) - 1
    rates = np.array([y[idx == b].mean() for b in range(8)])
    assert np.all(np.diff(rates) > 0), rates
    assert rates[0] < 0.05 and rates[-1] > 0.95
    # The classes overlap near the shift: both labels occur in the middle bins.
    assert 0.2 < y[np.abs(x) < 0.5].mean() < 0.8


def test_make_sigmoid_rate_matches_the_true_probability():
    X, y = make_sigmoid_1d(n=20000, steepness=2.0, shift=1.0, seed=1)
    near = np.abs(X[:, 0] - 1.0) < 0.1
    assert abs(y[near].mean() - 0.5) < 0.05
    far = X[:, 0] > 3.0  # sigmoid(2 * 2) = 0.982 at x = 3
    assert y[far].mean() > 0.97


# -- bundled data -----------------------------------------------------------------------------------
def test_iris_petal_counts_and_class_means():
    d = load_iris_petal()
    assert isinstance(d, Dataset)
    assert d.X.shape == (100, 2) and d.y.shape == (100,)
    assert (d.y == 0).sum() == 50 and (d.y == 1).sum() == 50
    assert d.feature_names == ("petal_length", "petal_width")
    assert d.target_name == "species"
    np.testing.assert_allclose(d.X[d.y == 0].mean(axis=0), [1.462, 0.246], atol=1e-9)
    np.testing.assert_allclose(d.X[d.y == 1].mean(axis=0), [4.26, 1.326], atol=1e-9)
    # Linearly separable on petal length: setosa's longest petal is shorter than versicolor's shortest.
    assert d.X[d.y == 0, 0].max() < d.X[d.y == 1, 0].min()
    assert "Fisher" in d.description


def test_iris_unpacks_as_X_y_and_returns_fresh_arrays():
    X, y = load_iris_petal()
    X[:] = 0.0
    assert load_iris_petal().X.sum() > 0


def test_diabetes_default_is_bmi():
    d = load_diabetes()
    assert d.X.shape == (442, 1) and d.y.shape == (442,)
    assert d.feature_names == ("bmi",) and d.target_name == "progression"
    assert round(float(d.X.mean()), 3) == 26.376
    assert round(float(d.y.mean()), 3) == 152.133
    assert d.y.min() == 25.0 and d.y.max() == 346.0
    assert "Efron" in d.description


def test_diabetes_column_selection_and_order():
    full = load_diabetes(None)
    assert full.X.shape == (442, 10)
    assert full.feature_names == DIABETES_FEATURES
    d = load_diabetes(["s5", "age", "bp"])
    assert d.feature_names == ("s5", "age", "bp")
    np.testing.assert_array_equal(d.X, full.X[:, [8, 0, 3]])
    np.testing.assert_array_equal(load_diabetes("sex").X, full.X[:, [1]])
    assert set(np.unique(full.X[:, 1])) == {1.0, 2.0}
    np.testing.assert_array_equal(d.y, full.y)


@pytest.mark.parametrize("bad", [("bmx",), ["bmi", "BMI"], "glucose"])
def test_diabetes_unknown_feature_lists_allowed_names(bad):
    with pytest.raises(ValueError, match="The 'features' parameter of load_diabetes") as info:
        load_diabetes(bad)
    msg = str(info.value)
    assert all(repr(name) in msg for name in DIABETES_FEATURES)


@pytest.mark.parametrize("bad", [(), ["bmi", "bmi"], 3])
def test_diabetes_empty_duplicate_or_non_sequence_features(bad):
    with pytest.raises(ValueError, match="The 'features' parameter of load_diabetes"):
        load_diabetes(bad)


# -- Dataset ----------------------------------------------------------------------------------------
def test_dataset_is_frozen_and_has_short_repr():
    d = load_iris_petal()
    with pytest.raises(AttributeError):
        d.X = None
    assert repr(d) == (
        "Dataset(n_samples=100, feature_names=('petal_length', 'petal_width'), "
        "target_name='species')"
    )
    assert (d.n_samples, d.n_features) == (100, 2)


# -- load_csv ---------------------------------------------------------------------------------------
@pytest.fixture
def table(tmp_path):
    path = tmp_path / "table.csv"
    path.write_text("a,b,name,t\n1,2.5,x,10\n3,-4e-1,y,20\n\n5,6,z,30\n")
    return path


def test_load_csv_round_trip_by_name(tmp_path):
    rng = np.random.default_rng(0)
    data = rng.normal(size=(25, 4))
    path = tmp_path / "round.csv"
    np.savetxt(path, data, delimiter=",", header="x1,x2,x3,y", comments="")
    d = load_csv(path, "y")
    assert d.feature_names == ("x1", "x2", "x3") and d.target_name == "y"
    np.testing.assert_allclose(d.X, data[:, :3], rtol=1e-15)
    np.testing.assert_allclose(d.y, data[:, 3], rtol=1e-15)
    assert str(path) in d.description


def test_load_csv_by_index_and_feature_subset(table):
    X, y = load_csv(table, 3, features=[1, 0])
    np.testing.assert_array_equal(X, [[2.5, 1.0], [-0.4, 3.0], [6.0, 5.0]])
    np.testing.assert_array_equal(y, [10.0, 20.0, 30.0])
    d = load_csv(str(table), -1, features=["a"])
    assert d.feature_names == ("a",) and d.target_name == "t"
    np.testing.assert_array_equal(d.X, [[1.0], [3.0], [5.0]])


def test_load_csv_single_feature_name_and_target_first(table):
    d = load_csv(table, "a", features="b")
    np.testing.assert_array_equal(d.y, [1.0, 3.0, 5.0])
    np.testing.assert_array_equal(d.X[:, 0], [2.5, -0.4, 6.0])


def test_load_csv_other_delimiter_and_bom(tmp_path):
    path = tmp_path / "semi.csv"
    path.write_bytes("\ufeffx ; y\n1;2\n3;4\n".encode())
    d = load_csv(path, "y", delimiter=";")
    assert d.feature_names == ("x",)
    np.testing.assert_array_equal(d.X[:, 0], [1.0, 3.0])


def test_load_csv_missing_file(tmp_path):
    path = tmp_path / "nope.csv"
    with pytest.raises(FileNotFoundError, match=re.escape(repr(str(path)))):
        load_csv(path, "y")


def test_load_csv_unknown_column_lists_header(table):
    with pytest.raises(
        ValueError, match="'target'.*got 'price'. The header is: 'a', 'b', 'name', 't'"
    ):
        load_csv(table, "price")
    with pytest.raises(
        ValueError, match="'features'.*got 'c'. The header is: 'a', 'b', 'name', 't'"
    ):
        load_csv(table, "t", features=["a", "c"])
    with pytest.raises(ValueError, match=r"column index in \[-4, 3\].*got 4"):
        load_csv(table, 4)


def test_load_csv_text_column_is_an_error_only_when_selected(table):
    with pytest.raises(ValueError, match=r"row 1 \(line 2\), column 'name' holds 'x'"):
        load_csv(table, "t")
    assert load_csv(table, "t", features=["a", "b"]).X.shape == (3, 2)


def test_load_csv_non_numeric_cell_names_file_row_and_column(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("x,y\n1,2\n3,abc\n")
    pattern = re.escape(f"Cannot load {str(path)!r}: row 2 (line 3), column 'y' holds 'abc'")
    with pytest.raises(ValueError, match=pattern):
        load_csv(path, "y")


@pytest.mark.parametrize("cell", ["", "nan", "inf", " "])
def test_load_csv_empty_or_non_finite_cell(tmp_path, cell):
    path = tmp_path / "gap.csv"
    path.write_text(f"x,y\n1,2\n{cell},4\n")
    with pytest.raises(ValueError, match=r"row 2 \(line 3\), column 'x'.*not a finite number"):
        load_csv(path, "y")


def test_load_csv_empty_file(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("")
    with pytest.raises(ValueError, match=r"empty.csv'.*empty \(no header row\)"):
        load_csv(path, "y")


def test_load_csv_header_only(tmp_path):
    path = tmp_path / "head.csv"
    path.write_text("x,y\n")
    with pytest.raises(ValueError, match="head.csv'.*no data rows"):
        load_csv(path, "y")


def test_load_csv_ragged_rows(tmp_path):
    short = tmp_path / "short.csv"
    short.write_text("x,y,z\n1,2,3\n4,5\n")
    with pytest.raises(
        ValueError,
        match=r"short.csv'.*row 2 \(line 3\) has 2 fields but the header has 3 \(column 'z' is missing\)",
    ):
        load_csv(short, "z")
    long = tmp_path / "long.csv"
    long.write_text("x,y\n1,2,3\n")
    with pytest.raises(
        ValueError, match=r"row 1 \(line 2\) has 3 fields.*after the last column 'y'"
    ):
        load_csv(long, "y")


def test_load_csv_bad_feature_selections(table):
    with pytest.raises(ValueError, match="must not include the target column 't'"):
        load_csv(table, "t", features=["a", 3])
    with pytest.raises(ValueError, match="must name each column once; got 'a' twice"):
        load_csv(table, "t", features=["a", 0])
    with pytest.raises(ValueError, match="The 'features' parameter of load_csv"):
        load_csv(table, "t", features=[])
    with pytest.raises(
        ValueError, match="The 'target' parameter of load_csv must be a column name"
    ):
        load_csv(table, 1.5)
    with pytest.raises(
        ValueError, match="The 'target' parameter of load_csv must be a column name"
    ):
        load_csv(table, True)


def test_load_csv_only_a_target_column(tmp_path):
    path = tmp_path / "one.csv"
    path.write_text("y\n1\n2\n")
    with pytest.raises(ValueError, match="no column other than the target 'y'"):
        load_csv(path, "y")


def test_load_csv_duplicate_header_name_needs_an_index(tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text("x,x,y\n1,2,3\n")
    with pytest.raises(ValueError, match="appears 2 times"):
        load_csv(path, "y", features=["x"])
    assert load_csv(path, "y", features=[1]).X.tolist() == [[2.0]]


def test_load_csv_bad_delimiter_and_path(table):
    with pytest.raises(
        ValueError, match="The 'delimiter' parameter of load_csv must be a one-character str"
    ):
        load_csv(table, "t", delimiter=",,")
    with pytest.raises(ValueError, match="The 'path' parameter of load_csv"):
        load_csv(3, "t")


def test_load_csv_binary_or_malformed_file(tmp_path):
    latin = tmp_path / "latin.csv"
    latin.write_bytes("x,y\n1,2\n\xe9,3\n".encode("latin-1"))
    with pytest.raises(ValueError, match="latin.csv'.*not UTF-8 text"):
        load_csv(latin, "y")
    nul = tmp_path / "nul.csv"
    nul.write_bytes(b"x,y\n1,2\n3,\x004\n")
    with pytest.raises(ValueError, match=r"nul.csv'.*(malformed CSV near line|column 'y')"):
        load_csv(nul, "y")


def test_load_csv_directory_is_not_a_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="must name an existing file"):
        load_csv(tmp_path, "y")


# -- standardize ------------------------------------------------------------------------------------
def test_standardize_gives_mean_zero_std_one():
    X, _ = make_linear(n=200, n_features=3, x_range=(10.0, 50.0), seed=0)
    Z, mean, std = standardize(X)
    np.testing.assert_allclose(Z.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(Z.std(axis=0), 1.0, rtol=1e-12)
    np.testing.assert_allclose(mean, X.mean(axis=0))
    np.testing.assert_allclose(std, X.std(axis=0))
    np.testing.assert_allclose(Z * std + mean, X)


def test_standardize_constant_column_becomes_zeros():
    X = np.column_stack([np.arange(5.0), np.full(5, 0.1), np.full(5, -7.0)])
    Z, mean, std = standardize(X)
    assert np.isfinite(Z).all()
    np.testing.assert_array_equal(Z[:, 1:], 0.0)
    np.testing.assert_array_equal(std[1:], [1.0, 1.0])
    np.testing.assert_array_equal(mean[1:], [0.1, -7.0])


def test_standardize_reuses_given_statistics():
    X_train = np.array([[0.0, 10.0], [2.0, 30.0]])
    _, mean, std = standardize(X_train)
    Z, m2, s2 = standardize([[4.0, 0.0]], mean=mean, std=std)
    np.testing.assert_allclose(Z, [[3.0, -2.0]])
    np.testing.assert_array_equal(m2, mean)
    np.testing.assert_array_equal(s2, std)
    # Scalars broadcast to every column.
    Z, m3, s3 = standardize(X_train, mean=1.0, std=2.0)
    np.testing.assert_allclose(Z, (X_train - 1.0) / 2.0)
    assert m3.shape == s3.shape == (2,)


def test_standardize_one_dimensional_input():
    Z, mean, std = standardize([1.0, 2.0, 3.0])
    assert Z.shape == (3,) and mean.shape == std.shape == ()
    np.testing.assert_allclose(Z, [-1.2247448713915890, 0.0, 1.2247448713915890])


def test_standardize_does_not_modify_input():
    X = np.array([[1.0], [3.0]])
    standardize(X)
    np.testing.assert_array_equal(X, [[1.0], [3.0]])


@pytest.mark.parametrize(
    ("kwargs", "pattern"),
    [
        ({"X": [[np.nan, 1.0]]}, "The 'X' parameter of standardize must be finite"),
        ({"X": np.empty((0, 2))}, "The 'X' parameter of standardize must be a non-empty array"),
        ({"X": np.zeros((2, 2, 2))}, "The 'X' parameter of standardize must be a 1-D or 2-D array"),
        ({"X": [["a"]]}, "The 'X' parameter of standardize must be an array of real numbers"),
        (
            {"X": [[1.0, 2.0]], "std": [1.0, 0.0]},
            r"The 'std' parameter of standardize must be an array of floats > 0",
        ),
        (
            {"X": [[1.0, 2.0]], "std": [1.0, 2.0, 3.0]},
            r"The 'std' parameter of standardize must be a float or an array of shape \(2,\)",
        ),
        (
            {"X": [[1.0, 2.0]], "mean": [np.inf, 0.0]},
            "The 'mean' parameter of standardize must be finite",
        ),
    ],
)
def test_standardize_bad_inputs(kwargs, pattern):
    with pytest.raises(ValueError, match=pattern):
        standardize(**kwargs)


# -- bad arguments of the generators ---------------------------------------------------------------
SEED_MSG = r"must be an int in \[0, inf\) or None"
RANGE_MSG = r"must be a pair \(low, high\) of finite floats with low < high"


@pytest.mark.parametrize(
    ("call", "pattern"),
    [
        (
            lambda: make_linear(n=1),
            r"The 'n' parameter of make_linear must be an int in \[2, inf\); got 1\.",
        ),
        (lambda: make_linear(n=2.0), r"The 'n' parameter of make_linear must be an int"),
        (
            lambda: make_linear(n_features=0),
            r"The 'n_features' parameter of make_linear must be an int in \[1, inf\); got 0\.",
        ),
        (
            lambda: make_linear(noise=-0.1),
            r"The 'noise' parameter of make_linear must be a float in \[0, inf\); got -0\.1\.",
        ),
        (lambda: make_linear(noise=np.nan), r"The 'noise' parameter of make_linear"),
        (lambda: make_linear(intercept=np.inf), r"The 'intercept' parameter of make_linear"),
        (lambda: make_linear(intercept="1"), r"The 'intercept' parameter of make_linear"),
        (
            lambda: make_linear(x_range=(1.0, 1.0)),
            r"The 'x_range' parameter of make_linear " + RANGE_MSG,
        ),
        (
            lambda: make_linear(x_range=(3.0, -3.0)),
            r"The 'x_range' parameter of make_linear " + RANGE_MSG,
        ),
        (
            lambda: make_linear(x_range=(0.0, np.inf)),
            r"The 'x_range' parameter of make_linear " + RANGE_MSG,
        ),
        (lambda: make_linear(x_range=5.0), r"The 'x_range' parameter of make_linear " + RANGE_MSG),
        (
            lambda: make_linear(x_range=(0, 1, 2)),
            r"The 'x_range' parameter of make_linear " + RANGE_MSG,
        ),
        (
            lambda: make_linear(seed=-1),
            r"The 'seed' parameter of make_linear " + SEED_MSG + "; got -1\\.",
        ),
        (lambda: make_linear(seed=1.5), r"The 'seed' parameter of make_linear " + SEED_MSG),
        (lambda: make_linear(seed=True), r"The 'seed' parameter of make_linear " + SEED_MSG),
        (
            lambda: make_linear(n_features=2, slope=[1.0, 2.0, 3.0]),
            r"The 'slope' parameter of make_linear must be a float or a sequence of 2 floats",
        ),
        (lambda: make_linear(slope=np.nan), r"The 'slope' parameter of make_linear must be finite"),
        (
            lambda: make_linear(slope="steep"),
            r"The 'slope' parameter of make_linear must be an array of real numbers",
        ),
        (
            lambda: make_blobs(n=1),
            r"The 'n' parameter of make_blobs must be an int in \[2, inf\); got 1\.",
        ),
        (
            lambda: make_blobs(spread=0.0),
            r"The 'spread' parameter of make_blobs must be a float in \(0, inf\); got 0\.0\.",
        ),
        (
            lambda: make_blobs(centers=[[0, 0], [1, 1], [2, 2]]),
            r"The 'centers' parameter of make_blobs must be an array of shape \(2, n_features\)",
        ),
        (
            lambda: make_blobs(centers=[0, 1]),
            r"The 'centers' parameter of make_blobs must be a 2-D array",
        ),
        (
            lambda: make_blobs(centers=[[0, np.nan], [1, 1]]),
            r"The 'centers' parameter of make_blobs must be finite",
        ),
        (lambda: make_blobs(seed=-3), r"The 'seed' parameter of make_blobs " + SEED_MSG),
        (
            lambda: make_sigmoid_1d(n=0),
            r"The 'n' parameter of make_sigmoid_1d must be an int in \[2, inf\); got 0\.",
        ),
        (
            lambda: make_sigmoid_1d(steepness=-1.0),
            r"The 'steepness' parameter of make_sigmoid_1d must be a float in \(0, inf\); got -1\.0\.",
        ),
        (lambda: make_sigmoid_1d(shift=np.inf), r"The 'shift' parameter of make_sigmoid_1d"),
        (
            lambda: make_sigmoid_1d(x_range=(2, 1)),
            r"The 'x_range' parameter of make_sigmoid_1d " + RANGE_MSG,
        ),
        (lambda: make_sigmoid_1d(seed="0"), r"The 'seed' parameter of make_sigmoid_1d " + SEED_MSG),
    ],
)
def test_bad_generator_arguments(call, pattern):
    with pytest.raises(ValueError, match=pattern):
        call()


def test_module_exports():
    assert set(ds.__all__) >= {
        "make_linear",
        "make_blobs",
        "make_sigmoid_1d",
        "load_iris_petal",
        "load_diabetes",
        "load_csv",
        "standardize",
        "Dataset",
    }
    for name in ds.__all__:
        assert hasattr(ds, name)


def test_lazy_package_exports_resolve_to_this_module():
    import maniml

    for name in (
        "make_linear",
        "make_blobs",
        "make_sigmoid_1d",
        "load_iris_petal",
        "load_diabetes",
        "load_csv",
        "standardize",
    ):
        assert getattr(maniml, name) is getattr(ds, name)
