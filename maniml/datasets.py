"""Data to learn from: small synthetic sets, two bundled real sets, a CSV loader and scaling.

Generators (``make_*``) draw from ``numpy.random.default_rng(seed)``: the same seed gives identical
arrays. Loaders (``load_*``) return a :class:`Dataset`, which also unpacks as ``X, y``. Every function
returns ``X`` as a float64 array of shape ``(n_samples, n_features)`` and ``y`` as float64 of shape
``(n_samples,)``, ready for :func:`maniml.fit`.

Examples
--------
>>> from maniml.datasets import load_iris_petal, make_linear
>>> X, y = make_linear(n=30, seed=0)
>>> X.shape, y.shape
((30, 1), (30,))
>>> iris = load_iris_petal()
>>> iris.feature_names
('petal_length', 'petal_width')
"""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from numbers import Integral, Real
from typing import Any

import numpy as np
from scipy.special import expit

from ._typing import ArrayLike, FloatArray
from ._validation import (
    check_array,
    check_finite_array,
    check_int,
    check_real,
    check_seed,
    param_error,
)

__all__ = [
    "DIABETES_FEATURES",
    "Dataset",
    "load_csv",
    "load_diabetes",
    "load_iris_petal",
    "make_blobs",
    "make_linear",
    "make_sigmoid_1d",
    "standardize",
]

#: The ten baseline columns of :func:`load_diabetes`, in file order.
DIABETES_FEATURES: tuple[str, ...] = (
    "age",
    "sex",
    "bmi",
    "bp",
    "s1",
    "s2",
    "s3",
    "s4",
    "s5",
    "s6",
)


@dataclass(frozen=True, eq=False)
class Dataset:
    """A loaded data set: features, targets and what they mean.

    It unpacks as ``X, y = dataset``, so a loader can be used like a generator.

    Parameters
    ----------
    X : ndarray of shape (n_samples, n_features)
        The features, float64.
    y : ndarray of shape (n_samples,)
        The targets, float64 (class labels are 0.0 and 1.0).
    feature_names : tuple of str
        One name per column of ``X``.
    target_name : str
        The name of ``y``.
    description : str
        Where the data come from and what the columns mean.
    feature_units : tuple of (str or None), optional
        The unit of each column of ``X`` (``'cm'``; ``''`` for coordinates without a named unit
        that share one scale; ``None`` where unknown). Scenes draw two features on equal scales
        when both have the same known unit.
    class_names : tuple of str, optional
        For class labels: the name of class 0, class 1... (``('setosa', 'versicolor')``).

    Examples
    --------
    >>> import numpy as np
    >>> d = Dataset(np.zeros((3, 1)), np.ones(3), ("x",), "t", "three points")
    >>> X, y = d
    >>> d
    Dataset(n_samples=3, feature_names=('x',), target_name='t')
    >>> d.n_samples, d.n_features
    (3, 1)
    """

    X: FloatArray
    y: FloatArray
    feature_names: tuple[str, ...]
    target_name: str
    description: str = ""
    feature_units: tuple[str | None, ...] | None = None
    class_names: tuple[str, ...] | None = None

    def __iter__(self) -> Iterator[FloatArray]:
        """Yield ``X`` then ``y``, so that ``X, y = dataset`` works."""
        yield self.X
        yield self.y

    @property
    def n_samples(self) -> int:
        """Number of rows."""
        return int(self.X.shape[0])

    @property
    def n_features(self) -> int:
        """Number of feature columns."""
        return int(self.X.shape[1])

    def __repr__(self) -> str:
        return (
            f"Dataset(n_samples={self.n_samples}, feature_names={self.feature_names!r}, "
            f"target_name={self.target_name!r})"
        )


# -- argument checks ------------------------------------------------------------------------------
def _check_range(value: Any, name: str, where: str) -> tuple[float, float]:
    """A pair ``(low, high)`` of finite reals with ``low < high``."""
    allowed = "a pair (low, high) of finite floats with low < high"
    try:
        low, high = value
    except (TypeError, ValueError):
        raise param_error(name, where, allowed, value) from None
    for v in (low, high):
        if isinstance(v, bool) or not isinstance(v, Real) or not math.isfinite(float(v)):
            raise param_error(name, where, allowed, value)
    if not float(low) < float(high):
        raise param_error(name, where, allowed, value)
    return float(low), float(high)


# -- generators -----------------------------------------------------------------------------------
def _default_slope(n_features: int) -> FloatArray:
    return 2.0 * (-0.5) ** np.arange(n_features)


def make_linear(
    n: int = 50,
    n_features: int = 1,
    *,
    slope: float | Sequence[float] | None = None,
    intercept: float = 1.0,
    noise: float = 1.0,
    x_range: tuple[float, float] = (-3.0, 3.0),
    seed: int | None = None,
) -> tuple[FloatArray, FloatArray]:
    """Points around a straight line (or plane): a regression problem with a known answer.

    ``X`` is uniform in ``x_range`` in every column and ``y = intercept + X @ w + noise * e`` with
    ``e`` standard normal.

    Parameters
    ----------
    n : int, default 50
        Number of samples, ``>= 2``.
    n_features : int, default 1
        Number of columns of ``X``, ``>= 1``.
    slope : float or sequence of float, optional
        The weights ``w``: a sequence of ``n_features`` finite values, or one value given to every
        feature. By default ``w_j = 2 * (-1/2) ** j``, that is ``2.0`` for one feature and
        ``(2.0, -1.0, 0.5, -0.25, ...)`` for more.
    intercept : float, default 1.0
        The line's value at ``X = 0``.
    noise : float, default 1.0
        Standard deviation of the Gaussian noise added to ``y``, ``>= 0`` (``0`` puts every point on
        the line).
    x_range : (float, float), default (-3.0, 3.0)
        Bounds ``(low, high)`` of the uniform inputs, ``low < high``.
    seed : int or None, default None
        Seed of ``numpy.random.default_rng``, an int ``>= 0``; ``None`` draws fresh entropy.

    Returns
    -------
    X : ndarray of shape (n, n_features)
        The inputs.
    y : ndarray of shape (n,)
        The targets.

    Examples
    --------
    >>> import numpy as np
    >>> X, y = make_linear(n=5, noise=0.0, seed=1)
    >>> X.shape, y.shape
    ((5, 1), (5,))
    >>> bool(np.allclose(y, 1.0 + 2.0 * X[:, 0]))
    True
    >>> X, y = make_linear(n=4, n_features=3, slope=[1.0, 0.0, -1.0], intercept=0.0, noise=0.0)
    >>> bool(np.allclose(y, X[:, 0] - X[:, 2]))
    True
    """
    where = "make_linear"
    n = check_int(n, "n", where, low=2)
    n_features = check_int(n_features, "n_features", where, low=1)
    if slope is None:
        w = _default_slope(n_features)
    else:
        w = check_array(slope, "slope", where, ndim=(0, 1))
        if w.ndim == 1 and w.shape != (n_features,):
            raise param_error(
                "slope", where, f"a float or a sequence of {n_features} floats (one per feature)", w
            )
        check_finite_array(w, "slope", where)
        w = np.broadcast_to(w, (n_features,)).copy()
    intercept = check_real(intercept, "intercept", where)
    noise = check_real(noise, "noise", where, low=0.0)
    low, high = _check_range(x_range, "x_range", where)
    seed = check_seed(seed, where)

    rng = np.random.default_rng(seed)
    X = rng.uniform(low, high, size=(n, n_features))
    y = intercept + X @ w + noise * rng.standard_normal(n)
    return X, y


def make_blobs(
    n: int = 100,
    *,
    centers: ArrayLike = ((-1.5, -1.0), (1.5, 1.0)),
    spread: float = 0.8,
    seed: int | None = None,
) -> tuple[FloatArray, FloatArray]:
    """Two Gaussian clouds, one per class: a classification problem for logistic regression.

    Class 0 is drawn around ``centers[0]`` and class 1 around ``centers[1]``, each coordinate with
    standard deviation ``spread``. Class 0 has ``ceil(n / 2)`` points and class 1 ``floor(n / 2)``
    (an odd ``n`` gives class 0 the extra one). The rows are in random order.

    Parameters
    ----------
    n : int, default 100
        Number of samples, ``>= 2``.
    centers : array-like of shape (2, d), default ((-1.5, -1.0), (1.5, 1.0))
        The two class means; ``d`` (``>= 1``) is the number of features, 2 by default.
    spread : float, default 0.8
        Standard deviation of each class around its center, ``> 0``.
    seed : int or None, default None
        Seed of ``numpy.random.default_rng``, an int ``>= 0``; ``None`` draws fresh entropy.

    Returns
    -------
    X : ndarray of shape (n, d)
        The points.
    y : ndarray of shape (n,)
        The class of each point, ``0.0`` or ``1.0``.

    Examples
    --------
    >>> X, y = make_blobs(n=7, seed=0)
    >>> X.shape, int((y == 0).sum()), int((y == 1).sum())
    ((7, 2), 4, 3)
    """
    where = "make_blobs"
    n = check_int(n, "n", where, low=2)
    c = check_array(centers, "centers", where, ndim=(2,))
    if c.shape[0] != 2 or c.shape[1] < 1:
        raise param_error(
            "centers", where, "an array of shape (2, n_features): one row per class", c
        )
    check_finite_array(c, "centers", where)
    spread = check_real(spread, "spread", where, low=0.0, low_open=True)
    seed = check_seed(seed, where)

    rng = np.random.default_rng(seed)
    n0 = (n + 1) // 2
    y = np.zeros(n)
    y[n0:] = 1.0
    X = c[y.astype(np.intp)] + spread * rng.standard_normal((n, c.shape[1]))
    order = rng.permutation(n)
    return X[order], y[order]


def make_sigmoid_1d(
    n: int = 40,
    *,
    x_range: tuple[float, float] = (-4.0, 4.0),
    steepness: float = 1.5,
    shift: float = 0.0,
    seed: int | None = None,
) -> tuple[FloatArray, FloatArray]:
    """One input, two overlapping classes: the picture of logistic regression in one dimension.

    ``x`` is uniform in ``x_range`` and each label is drawn as
    ``Bernoulli(sigmoid(steepness * (x - shift)))``, so points far left are mostly 0, far right
    mostly 1, and the classes mix near ``shift``.

    Parameters
    ----------
    n : int, default 40
        Number of samples, ``>= 2``.
    x_range : (float, float), default (-4.0, 4.0)
        Bounds ``(low, high)`` of the inputs, ``low < high``.
    steepness : float, default 1.5
        Slope of the true sigmoid, ``> 0``; larger values mean less overlap.
    shift : float, default 0.0
        Where the probability of class 1 is one half.
    seed : int or None, default None
        Seed of ``numpy.random.default_rng``, an int ``>= 0``; ``None`` draws fresh entropy.

    Returns
    -------
    X : ndarray of shape (n, 1)
        The inputs.
    y : ndarray of shape (n,)
        The labels, ``0.0`` or ``1.0``.

    Examples
    --------
    >>> X, y = make_sigmoid_1d(n=10, seed=0)
    >>> X.shape, sorted(set(y.tolist())) == [0.0, 1.0]
    ((10, 1), True)
    """
    where = "make_sigmoid_1d"
    n = check_int(n, "n", where, low=2)
    low, high = _check_range(x_range, "x_range", where)
    steepness = check_real(steepness, "steepness", where, low=0.0, low_open=True)
    shift = check_real(shift, "shift", where)
    seed = check_seed(seed, where)

    rng = np.random.default_rng(seed)
    x = rng.uniform(low, high, size=n)
    p = expit(steepness * (x - shift))
    y = (rng.random(n) < p).astype(np.float64)
    return x[:, None], y


# -- bundled data ---------------------------------------------------------------------------------
def _read_bundled(name: str) -> tuple[list[str], FloatArray]:
    """Header and numeric body of ``maniml/data/<name>``."""
    with resources.files("maniml").joinpath("data").joinpath(name).open("r", encoding="utf-8") as f:
        header = f.readline().strip().split(",")
        body = np.loadtxt(f, delimiter=",", dtype=np.float64, ndmin=2)
    return header, body


_IRIS_DESCRIPTION = """\
Iris petals, two classes (Fisher 1936, as distributed with scikit-learn).

100 flowers: 50 Iris setosa (species 0) and 50 Iris versicolor (species 1), with their petal
length and petal width in centimetres. The classes are linearly separable, which makes this the
classic first data set for logistic regression.

Source: R. A. Fisher, "The use of multiple measurements in taxonomic problems", Annals of
Eugenics 7 (1936) 179-188; UCI Machine Learning Repository. Public domain."""


def load_iris_petal() -> Dataset:
    """The two-class iris petal set: petal length and width of setosa (0) and versicolor (1).

    Returns
    -------
    Dataset
        ``X`` of shape (100, 2): ``petal_length`` and ``petal_width`` in cm (measured to 0.1 cm,
        so several flowers share a point); ``y`` of shape (100,): ``0.0`` for Iris setosa
        (rows 0-49), ``1.0`` for Iris versicolor (rows 50-99). It unpacks as ``X, y``.

    Examples
    --------
    >>> X, y = load_iris_petal()
    >>> X.shape, int(y.sum())
    ((100, 2), 50)
    >>> round(float(X[y == 0, 0].mean()), 3), round(float(X[y == 1, 0].mean()), 3)
    (1.462, 4.26)
    """
    header, body = _read_bundled("iris_petal.csv")
    return Dataset(
        X=np.ascontiguousarray(body[:, :2]),
        y=body[:, 2].copy(),
        feature_names=tuple(header[:2]),
        target_name=header[2],
        description=_IRIS_DESCRIPTION,
        feature_units=("cm", "cm"),
        class_names=("setosa", "versicolor"),
    )


_DIABETES_DESCRIPTION = """\
Diabetes progression (Efron, Hastie, Johnstone and Tibshirani 2004), raw (unscaled) values.

442 patients. Ten baseline variables: age (years), sex (coded 1 or 2), bmi (body mass index),
bp (average blood pressure) and six blood serum measurements: s1 tc, total serum cholesterol;
s2 ldl, low-density lipoproteins; s3 hdl, high-density lipoproteins; s4 tch, total cholesterol /
HDL; s5 ltg, possibly the log of the serum triglycerides level; s6 glu, blood sugar level.
Target: progression, a quantitative measure of disease progression one year after baseline.

Source: B. Efron, T. Hastie, I. Johnstone and R. Tibshirani, "Least Angle Regression", Annals of
Statistics 32 (2004) 407-499; as distributed with scikit-learn (BSD-3-Clause)."""


def load_diabetes(features: str | Sequence[str] | None = ("bmi",)) -> Dataset:
    """The diabetes regression data: 442 patients, ten baseline variables, disease progression.

    Values are raw (not standardised): pass ``X`` through :func:`standardize` before gradient
    descent with more than one feature, as their scales differ a lot.

    Parameters
    ----------
    features : str, sequence of str or None, default ("bmi",)
        The columns of ``X``, in the order given, each one of ``DIABETES_FEATURES``:
        ``'age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6'``. A single name selects
        one column; ``None`` selects all ten.

    Returns
    -------
    Dataset
        ``X`` of shape (442, len(features)) and ``y`` (``progression``) of shape (442,). It unpacks
        as ``X, y``.

    Examples
    --------
    >>> X, y = load_diabetes()
    >>> X.shape, y.shape
    ((442, 1), (442,))
    >>> d = load_diabetes(["bmi", "bp"])
    >>> d.feature_names, round(float(d.X[:, 0].mean()), 3)
    (('bmi', 'bp'), 26.376)
    """
    where = "load_diabetes"
    names = _check_names(features, "features", where, DIABETES_FEATURES)
    header, body = _read_bundled("diabetes.csv")
    cols = [header.index(name) for name in names]
    return Dataset(
        X=np.ascontiguousarray(body[:, cols]),
        y=body[:, -1].copy(),
        feature_names=names,
        target_name=header[-1],
        description=_DIABETES_DESCRIPTION,
    )


def _check_names(value: Any, name: str, where: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    """A non-empty sequence of distinct names from ``allowed`` (a single str or None too)."""
    listed = ", ".join(repr(a) for a in allowed)
    what = f"None, a column name or a sequence of distinct column names from {listed}"
    if value is None:
        return allowed
    names = (value,) if isinstance(value, str) else value
    try:
        names = tuple(names)
    except TypeError:
        raise param_error(name, where, what, value) from None
    if not names:
        raise param_error(name, where, what, value)
    for item in names:
        if item not in allowed:
            raise param_error(name, where, what, item)
    if len(set(names)) != len(names):
        raise param_error(name, where, what, value)
    return names


# -- user CSV files -------------------------------------------------------------------------------
def load_csv(
    path: str | os.PathLike[str],
    target: str | int,
    *,
    features: Sequence[str | int] | str | int | None = None,
    delimiter: str = ",",
) -> Dataset:
    """Load a numeric CSV file with a header row.

    Only the target and feature columns are parsed, so other columns may hold text. Blank lines are
    skipped; a UTF-8 byte-order mark is ignored.

    Parameters
    ----------
    path : str or path-like
        The file.
    target : str or int
        The target column: its header name, or its 0-based index (negative counts from the end).
    features : str, int, sequence of str or int, or None, default None
        The feature columns, by name or index, in the order wanted; ``None`` takes every column
        but the target, in file order.
    delimiter : str, default ","
        The one-character field separator (``";"`` or ``"\\t"`` for example).

    Returns
    -------
    Dataset
        ``X`` of shape (n_rows, n_features), ``y`` of shape (n_rows,), the column names, and a
        description naming the file. It unpacks as ``X, y``.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not name an existing file.
    ValueError
        If a column is unknown (the message lists the header), if the file is empty or has no data
        rows, if a row has more or fewer fields than the header, or if a selected cell is not a
        finite number (the messages name the file, the row and the column).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "houses.csv"
    >>> _ = p.write_text("area,rooms,price\\n50,2,150\\n80,3,240\\n120,4,330\\n")
    >>> d = load_csv(p, "price")
    >>> d.feature_names, d.X.shape, d.y.tolist()
    (('area', 'rooms'), (3, 2), [150.0, 240.0, 330.0])
    >>> X, y = load_csv(p, -1, features=["area"])
    >>> X[:, 0].tolist()
    [50.0, 80.0, 120.0]
    """
    where = "load_csv"
    if not isinstance(path, str | os.PathLike):
        raise param_error("path", where, "a str or path-like naming a CSV file", path)
    if not isinstance(delimiter, str) or len(delimiter) != 1:
        raise param_error("delimiter", where, "a one-character str", delimiter)
    fspath = os.fspath(path)
    if not os.path.isfile(fspath):
        raise FileNotFoundError(
            f"The 'path' parameter of {where} must name an existing file; got {fspath!r}."
        )

    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []  # (line number, fields)
    with open(fspath, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f, delimiter=delimiter)
        try:
            for fields in reader:
                if not fields or (len(fields) == 1 and not fields[0].strip()):
                    continue  # a blank line
                if header is None:
                    header = [h.strip() for h in fields]
                else:
                    rows.append((reader.line_num, fields))
        except UnicodeDecodeError as err:
            raise ValueError(f"Cannot load {fspath!r}: it is not UTF-8 text ({err}).") from None
        except csv.Error as err:
            raise ValueError(
                f"Cannot load {fspath!r}: malformed CSV near line {reader.line_num} ({err})."
            ) from None
    if header is None:
        raise ValueError(f"Cannot load {fspath!r}: the file is empty (no header row).")
    if not rows:
        raise ValueError(f"Cannot load {fspath!r}: the file has a header row but no data rows.")

    t = _column(target, "target", header, fspath)
    if features is None:
        f_cols = [i for i in range(len(header)) if i != t]
        if not f_cols:
            raise ValueError(
                f"Cannot load {fspath!r}: it has no column other than the target "
                f"{header[t]!r} to use as a feature."
            )
    else:
        items = [features] if isinstance(features, str | Integral) else features
        try:
            items = list(items)
        except TypeError:
            raise param_error(
                "features", where, "None, a column name or index, or a sequence of them", features
            ) from None
        if not items:
            raise param_error(
                "features",
                where,
                "None or a non-empty sequence of column names or indices",
                features,
            )
        f_cols = [_column(item, "features", header, fspath) for item in items]
        for i, c in enumerate(f_cols):
            if c == t:
                raise ValueError(
                    f"The 'features' parameter of {where} must not include the target column "
                    f"{header[t]!r}; got {items[i]!r}."
                )
            if c in f_cols[:i]:
                raise ValueError(
                    f"The 'features' parameter of {where} must name each column once; "
                    f"got {header[c]!r} twice."
                )

    wanted = [*f_cols, t]
    body = np.empty((len(rows), len(wanted)))
    for r, (line, fields) in enumerate(rows, start=1):
        if len(fields) != len(header):
            missing = (
                f"column {header[len(fields)]!r} is missing"
                if len(fields) < len(header)
                else f"extra fields after the last column {header[-1]!r}"
            )
            raise ValueError(
                f"Cannot load {fspath!r}: row {r} (line {line}) has {len(fields)} fields but the "
                f"header has {len(header)} ({missing})."
            )
        for j, c in enumerate(wanted):
            cell = fields[c]
            try:
                value = float(cell)
            except ValueError:
                value = math.nan
            if not math.isfinite(value):
                raise ValueError(
                    f"Cannot load {fspath!r}: row {r} (line {line}), column {header[c]!r} holds "
                    f"{cell!r}, which is not a finite number."
                )
            body[r - 1, j] = value

    return Dataset(
        X=np.ascontiguousarray(body[:, :-1]),
        y=body[:, -1].copy(),
        feature_names=tuple(header[c] for c in f_cols),
        target_name=header[t],
        description=f"Loaded from {fspath!r}: {len(rows)} rows.",
    )


def _column(key: Any, name: str, header: list[str], fspath: str) -> int:
    """The index of the column ``key`` (a header name or a 0-based index) in ``header``."""
    listed = ", ".join(repr(h) for h in header)
    if isinstance(key, str):
        hits = [i for i, h in enumerate(header) if h == key.strip()]
        if not hits:
            raise ValueError(
                f"The {name!r} parameter of load_csv must name a column of {fspath!r}; got "
                f"{key!r}. The header is: {listed}."
            )
        if len(hits) > 1:
            raise ValueError(
                f"The {name!r} parameter of load_csv names column {key!r}, which appears "
                f"{len(hits)} times in the header of {fspath!r} (at {hits}); select it by index."
            )
        return hits[0]
    if isinstance(key, Integral) and not isinstance(key, bool):
        k = int(key)
        if -len(header) <= k < len(header):
            return k % len(header)
        raise ValueError(
            f"The {name!r} parameter of load_csv must be a column index in "
            f"[{-len(header)}, {len(header) - 1}] for {fspath!r}; got {k}. The header is: {listed}."
        )
    raise param_error(name, "load_csv", "a column name (str) or a 0-based index (int)", key)


# -- scaling --------------------------------------------------------------------------------------
def standardize(
    X: ArrayLike,
    *,
    mean: ArrayLike | None = None,
    std: ArrayLike | None = None,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Scale each column to mean 0 and standard deviation 1: ``Z = (X - mean) / std``.

    Gradient descent converges much faster on standardised features, and the loss surface becomes
    round instead of a narrow valley.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features) or (n_samples,)
        Finite data; a 1-D array is one column.
    mean : array-like of shape (n_features,), optional
        Column means to use instead of those of ``X`` (for example the training set's, when
        scaling test data). A scalar applies to every column.
    std : array-like of shape (n_features,), optional
        Column scales to use instead of those of ``X``; each must be ``> 0``. By default the
        population standard deviation (``ddof=0``) of each column, except that a constant column
        gets ``1.0``, so that it becomes zeros rather than NaN.

    Returns
    -------
    Z : ndarray, same shape as ``X``
        The standardised data.
    mean : ndarray of shape (n_features,)
        The means used (``()`` for a 1-D ``X``).
    std : ndarray of shape (n_features,)
        The scales used (``()`` for a 1-D ``X``).

    Examples
    --------
    >>> Z, mean, std = standardize([[1.0, 5.0], [3.0, 5.0]])
    >>> Z.tolist(), mean.tolist(), std.tolist()
    ([[-1.0, 0.0], [1.0, 0.0]], [2.0, 5.0], [1.0, 1.0])
    >>> standardize([[5.0, 7.0]], mean=mean, std=std)[0].tolist()
    [[3.0, 2.0]]
    """
    where = "standardize"
    X = check_array(X, "X", where, ndim=(1, 2))
    if X.shape[0] == 0 or X.size == 0:
        raise param_error("X", where, "a non-empty array of shape (n_samples, n_features)", X)
    check_finite_array(X, "X", where)
    shape = X.shape[1:]
    constant = np.ptp(X, axis=0) == 0

    if mean is None:
        m = X.mean(axis=0)
        # A constant column's mean is its value exactly (a float sum may be off by one ulp).
        m = np.where(constant, X[0], m)
    else:
        m = _check_stat(mean, "mean", where, shape)
    if std is None:
        s = np.where(constant, 1.0, X.std(axis=0))
    else:
        s = _check_stat(std, "std", where, shape)
        if np.any(s <= 0):
            raise param_error("std", where, "an array of floats > 0", std)
    return (X - m) / s, m, s


def _check_stat(value: Any, name: str, where: str, shape: tuple[int, ...]) -> FloatArray:
    arr = check_array(value, name, where, ndim=(0, len(shape)))
    if arr.shape not in ((), shape):
        raise param_error(name, where, f"a float or an array of shape {shape}", arr)
    check_finite_array(arr, name, where)
    return np.broadcast_to(arr, shape).astype(np.float64, copy=True)
