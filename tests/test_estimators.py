"""GDRegressor and GDClassifier: scikit-learn's contract (check_estimator), fits against closed
forms and scikit-learn's solvers, pipelines and cross-validation, and their error messages."""

from __future__ import annotations

import pickle
import warnings

import numpy as np
import pytest
import sklearn
from datagen import classification_data, regression_data
from sklearn import linear_model
from sklearn.base import clone, is_classifier, is_regressor
from sklearn.exceptions import NotFittedError as SkNotFittedError
from sklearn.model_selection import GridSearchCV, cross_val_score
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.estimator_checks import parametrize_with_checks

import maniml
from maniml import (
    BGD,
    SGD,
    DataConversionWarning,
    GDClassifier,
    GDRegressor,
    LinearRegression,
    LogisticRegression,
    MiniBatchGD,
    NotFittedError,
    closed_form,
    fit,
)

# The estimators follow scikit-learn's conventions without inheriting from BaseEstimator (so that
# `import maniml` does not import scikit-learn); check_estimator says so once per estimator.
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", "Estimator GD.* does not inherit from", UserWarning)
    SKLEARN_CHECKS = parametrize_with_checks([GDRegressor(), GDClassifier()])


@SKLEARN_CHECKS
def test_sklearn_check_estimator(estimator, check):
    check(estimator)


def test_the_estimators_are_what_sklearn_takes_them_for():
    assert is_regressor(GDRegressor()) and not is_classifier(GDRegressor())
    assert is_classifier(GDClassifier()) and not is_regressor(GDClassifier())
    assert sklearn.utils.get_tags(GDClassifier()).classifier_tags.multi_class


# -- fits against closed forms and scikit-learn ----------------------------------------------------
@pytest.mark.parametrize("l2", [0.0, 0.3])
def test_regressor_reaches_the_closed_form_and_sklearn_ridge(l2):
    X, y = regression_data(60, 3, seed=1)
    reg = GDRegressor(lr=0.2, epochs=2000, l2=l2).fit(X, y)
    want = closed_form(X, y, l2=l2)
    assert reg.intercept_ == pytest.approx(want[0], abs=1e-8)
    np.testing.assert_allclose(reg.coef_, want[1:], atol=1e-8)
    # maniml's penalty 0.5 * l2 * ||w||^2 on the mean loss is Ridge's alpha = 0.5 * l2 * n
    ridge = linear_model.Ridge(alpha=0.5 * l2 * len(y)).fit(X, y)
    np.testing.assert_allclose(reg.coef_, ridge.coef_, atol=1e-8)
    assert reg.intercept_ == pytest.approx(ridge.intercept_, abs=1e-8)
    assert reg.score(X, y) == pytest.approx(ridge.score(X, y), abs=1e-10)
    np.testing.assert_allclose(reg.predict(X), ridge.predict(X), atol=1e-7)


def test_binary_classifier_reaches_sklearn_logistic_regression():
    X, y = classification_data(80, 2, seed=2)
    l2 = 0.05
    clf = GDClassifier(lr=1.0, epochs=3000, l2=l2).fit(X, y)
    # mean cross-entropy + 0.5 * l2 * ||w||^2 is LogisticRegression's objective with C = 1/(l2 n)
    sk = linear_model.LogisticRegression(C=1.0 / (l2 * len(y)), tol=1e-12, max_iter=10_000)
    sk.fit(X, y)
    np.testing.assert_allclose(clf.coef_, sk.coef_, atol=1e-6)
    np.testing.assert_allclose(clf.intercept_, sk.intercept_, atol=1e-6)
    np.testing.assert_allclose(clf.predict_proba(X), sk.predict_proba(X), atol=1e-6)
    np.testing.assert_allclose(clf.decision_function(X), sk.decision_function(X), atol=1e-5)
    assert clf.score(X, y) == sk.score(X, y)


def test_multiclass_is_one_vs_rest_as_sklearn_builds_it():
    X, y = regression_data(150, 3, seed=11)  # three classes: the terciles of a linear target
    labels = np.array(["low", "mid", "high"])[np.digitize(y, np.quantile(y, [1 / 3, 2 / 3]))]
    l2 = 0.02
    clf = GDClassifier(lr=1.0, epochs=3000, l2=l2).fit(X, labels)
    sk = OneVsRestClassifier(
        linear_model.LogisticRegression(C=1.0 / (l2 * len(y)), tol=1e-12, max_iter=10_000)
    ).fit(X, labels)
    assert clf.classes_.tolist() == sk.classes_.tolist() == ["high", "low", "mid"]
    assert clf.coef_.shape == (3, 3) and clf.intercept_.shape == (3,)
    for k, est in enumerate(sk.estimators_):
        np.testing.assert_allclose(clf.coef_[k], est.coef_[0], atol=1e-6)
    np.testing.assert_allclose(clf.predict_proba(X), sk.predict_proba(X), atol=1e-6)
    assert (clf.predict(X) == sk.predict(X)).all()
    # one trajectory per class, aligned with classes_, each ending at that row of coef_
    assert isinstance(clf.trajectory_, tuple) and len(clf.trajectory_) == 3
    for k, run in enumerate(clf.trajectory_):
        np.testing.assert_array_equal(run.final, [clf.intercept_[k], *clf.coef_[k]])
        np.testing.assert_array_equal(run.y, labels == clf.classes_[k])


def test_multiclass_probabilities_stay_finite_far_from_the_data():
    X = np.array([[0.0], [0.1], [5.0], [5.1], [10.0], [10.1]])
    clf = GDClassifier(lr=0.05, epochs=300).fit(X, [0, 0, 1, 1, 2, 2])
    p = clf.predict_proba([[-1e4], [1e4]])  # every sigmoid underflows: normalised in log space
    assert np.isfinite(p).all()
    np.testing.assert_allclose(p.sum(axis=1), 1.0)


@pytest.mark.parametrize(
    "labels", [["no", "yes"], [-1, 1], [False, True], [3.0, 7.0]], ids=lambda v: repr(v[0])
)
def test_any_two_labels(labels):
    X, y01 = classification_data(50, 2, seed=3)
    y = np.asarray(labels)[y01.astype(int)]
    clf = GDClassifier(lr=0.5, epochs=200).fit(X, y)
    ref = GDClassifier(lr=0.5, epochs=200).fit(X, y01)
    assert clf.classes_.tolist() == sorted(labels)
    np.testing.assert_array_equal(clf.coef_, ref.coef_)
    np.testing.assert_array_equal(clf.predict(X), np.asarray(labels)[ref.predict(X).astype(int)])
    np.testing.assert_array_equal(clf.trajectory_.y, y01)


@pytest.mark.parametrize(
    ("kwargs", "optimizer"),
    [
        ({}, BGD(0.1)),
        ({"optimizer": "sgd", "lr": 0.01, "rule": "adam"}, SGD(0.01, rule="adam")),
        (
            {"optimizer": "minibatch", "batch_size": 8, "schedule": "invscaling", "tol": 1e-4},
            MiniBatchGD(0.1, 8, schedule="invscaling", tol=1e-4),
        ),
    ],
)
def test_trajectory_is_the_run_of_fit(kwargs, optimizer):
    X, y = regression_data(30, 2, seed=4)
    reg = GDRegressor(epochs=20, seed=5, l2=0.1, **kwargs).fit(X, y)
    run = fit(LinearRegression(l2=0.1), X, y, optimizer, epochs=20, seed=5)
    np.testing.assert_array_equal(reg.trajectory_.params, run.params)
    assert reg.trajectory_.settings == run.settings
    assert reg.n_iter_ == run.epoch[-1]
    X, y = classification_data(30, 2, seed=4)
    clf = GDClassifier(epochs=20, seed=5, l2=0.1, **kwargs).fit(X, y)
    run = fit(LogisticRegression(l2=0.1), X, y, optimizer, epochs=20, seed=5)
    np.testing.assert_array_equal(clf.trajectory_.params, run.params)


def test_early_stopping_reports_the_epochs_run():
    X, y = regression_data(40, 2, seed=6)
    reg = GDRegressor(epochs=500, tol=1e-6, n_iter_no_change=3).fit(X, y)
    assert reg.trajectory_.stopped_early and reg.n_iter_ < 500
    assert reg.n_iter_ == reg.trajectory_.n_steps  # BGD: one step per epoch


def test_warm_start_continues_the_previous_fit():
    X, y = regression_data(40, 2, seed=7)
    once = GDRegressor(epochs=60).fit(X, y)
    warm = GDRegressor(epochs=30, warm_start=True).fit(X, y)
    first = warm.trajectory_
    warm.fit(X, y)
    np.testing.assert_array_equal(warm.trajectory_.params[0], first.final)
    np.testing.assert_allclose(warm.coef_, once.coef_, rtol=1e-12)
    cold = GDRegressor(epochs=30).fit(X, y)
    cold.fit(X, y)
    np.testing.assert_array_equal(cold.trajectory_.params[0], 0.0)
    Xc, yc = classification_data(40, 2, seed=7)
    clf = GDClassifier(epochs=10, warm_start=True).fit(Xc, yc)
    clf.fit(Xc, np.where(yc == 1, "b", "a"))  # other classes: starts over from zeros
    np.testing.assert_array_equal(clf.trajectory_.params[0], 0.0)


def test_minibatch_larger_than_the_data_is_the_full_batch():
    X, y = regression_data(10, 2, seed=8)
    reg = GDRegressor(optimizer="minibatch", batch_size=64, epochs=50).fit(X, y)
    full = GDRegressor(epochs=50).fit(X, y)
    np.testing.assert_allclose(reg.coef_, full.coef_, rtol=1e-12)


# -- scikit-learn's tools --------------------------------------------------------------------------
def test_pipeline_cross_val_score_and_grid_search():
    X, y = maniml.load_diabetes()
    pipe = make_pipeline(StandardScaler(), GDRegressor(lr=0.1, epochs=300))
    ours = cross_val_score(pipe, X, y, cv=5)
    ridge = cross_val_score(make_pipeline(StandardScaler(), linear_model.Ridge(1e-6)), X, y, cv=5)
    np.testing.assert_allclose(ours, ridge, atol=0.02)  # 300 steps: near the least-squares fit
    search = GridSearchCV(pipe, {"gdregressor__lr": [1e-4, 0.1]}, cv=3).fit(X, y)
    assert search.best_params_ == {"gdregressor__lr": 0.1}

    Xc, yc = maniml.load_iris_petal()
    labels = np.where(yc == 1, "versicolor", "setosa")
    clf = make_pipeline(StandardScaler(), GDClassifier(epochs=100))
    scores = cross_val_score(clf, Xc, labels, cv=5)  # stratified folds: sklearn sees a classifier
    assert scores.tolist() == [1.0] * 5


def test_clone_get_set_params_repr_and_pickle():
    reg = GDRegressor(optimizer="sgd", lr=0.01, rule=maniml.Momentum(0.8))
    assert repr(reg) == "GDRegressor(optimizer='sgd', lr=0.01, rule=Momentum(beta=0.8))"
    assert repr(GDClassifier()) == "GDClassifier()"
    params = reg.get_params()
    assert params["lr"] == 0.01 and params["epochs"] == 100 and params["seed"] == 0
    assert sorted(params) == sorted(
        ["optimizer", "lr", "batch_size", "rule", "schedule", "epochs", "l2", "tol",
         "n_iter_no_change", "clip_value", "clip_norm", "warm_start", "seed"]
    )  # fmt: skip
    copy = clone(reg)
    assert copy is not reg and copy.get_params() == params
    assert reg.set_params(lr=0.02, epochs=5) is reg and reg.lr == 0.02 and reg.epochs == 5
    X, y = regression_data(20, 2, seed=9)
    reg.fit(X, y)
    back = pickle.loads(pickle.dumps(reg))
    np.testing.assert_array_equal(back.predict(X), reg.predict(X))
    assert back.trajectory_.n_steps == reg.trajectory_.n_steps == 100


def test_a_column_vector_y_is_flattened_with_a_warning():
    X, y = regression_data(20, 2, seed=10)
    with pytest.warns(DataConversionWarning, match="A column-vector y was passed") as record:
        reg = GDRegressor().fit(X, y[:, None])
    assert record[0].filename == __file__  # reported where fit was called
    np.testing.assert_array_equal(reg.coef_, GDRegressor().fit(X, y).coef_)
    with pytest.warns(sklearn.exceptions.DataConversionWarning):  # sklearn's filters apply too
        GDClassifier().fit(X, (y > 0)[:, None])


def test_predict_before_fit_is_a_not_fitted_error_for_maniml_and_sklearn():
    for method in ("predict", "decision_function", "predict_proba"):
        with pytest.raises(NotFittedError) as info:
            getattr(GDClassifier(), method)(np.zeros((2, 2)))
        for kind in (SkNotFittedError, ValueError, AttributeError):
            assert isinstance(info.value, kind)
        assert str(info.value) == (
            f"This GDClassifier is not fitted yet: call fit(X, y) before {method}."
        )


# -- bad input ---------------------------------------------------------------------------------------
X4 = np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 1.0], [3.0, 0.0]])
Y4 = np.array([1.0, 2.0, 4.0, 5.0])
L4 = np.array([0, 1, 1, 0])


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: GDRegressor(lr=-1.0).fit(X4, Y4),
            "The 'lr' parameter of GDRegressor must be a float in (0, inf); got -1.0.",
        ),
        (
            lambda: GDRegressor(optimizer="minibtch").fit(X4, Y4),
            "The 'optimizer' parameter of GDRegressor must be one of 'bgd', 'sgd', 'minibatch' "
            "(did you mean 'minibatch'?); got 'minibtch'.",
        ),
        (
            lambda: GDRegressor(optimizer="minibatch", batch_size=0).fit(X4, Y4),
            "The 'batch_size' parameter of GDRegressor must be an int in [1, inf); got 0.",
        ),
        (
            lambda: GDClassifier(rule="adamw").fit(X4, L4),
            "The 'rule' parameter of GDClassifier must be an UpdateRule or one of",
        ),
        (
            lambda: GDRegressor(epochs=0).fit(X4, Y4),
            "The 'epochs' parameter of GDRegressor must be an int in [1, inf); got 0.",
        ),
        (
            lambda: GDRegressor(l2=-0.1).fit(X4, Y4),
            "The 'l2' parameter of GDRegressor must be a float in [0, inf); got -0.1.",
        ),
        (
            lambda: GDRegressor(seed=-3).fit(X4, Y4),
            "The 'seed' parameter of GDRegressor must be an int in [0, inf) or None; got -3.",
        ),
        (
            lambda: GDRegressor(warm_start="yes").fit(X4, Y4),
            "The 'warm_start' parameter of GDRegressor must be a bool; got 'yes'.",
        ),
        (
            lambda: GDRegressor().fit(X4[:, 0], Y4),
            "The 'X' parameter of GDRegressor.fit must be a 2-D array of shape (n_samples, "
            "n_features) (Reshape your data: X.reshape(-1, 1) for one feature, X.reshape(1, -1) "
            "for one sample); got an array of shape (4,) and dtype float64.",
        ),
        (
            lambda: GDRegressor().fit(X4, Y4[:3]),
            "The 'X' and 'y' parameters of GDRegressor.fit must have the same number of samples; "
            "got X with 4 rows and y with 3 values.",
        ),
        (
            lambda: GDRegressor().fit(X4, None),
            "The 'y' parameter of GDRegressor.fit must be an array of targets (GDRegressor "
            "requires y to be passed, but the target y is None); got None.",
        ),
        (
            lambda: GDRegressor().fit(X4, np.zeros((4, 2))),
            "The 'y' parameter of GDRegressor.fit must be a 1-D array of targets (one per "
            "sample; multi-output is not supported); got an array of shape (4, 2)",
        ),
        (
            lambda: GDRegressor().fit(X4[:1], Y4[:1]),
            "The 'X' parameter of GDRegressor.fit must be an array of at least 2 samples (rows), "
            "not 1 sample; got an array of shape (1, 2)",
        ),
        (
            lambda: GDClassifier().fit(X4, Y4 + 0.5),
            "The 'y' parameter of GDClassifier.fit must be discrete class labels (Unknown label "
            "type: continuous; for a regression target use GDRegressor); got an array",
        ),
        (
            lambda: GDClassifier().fit(X4, ["a"] * 4),
            "The 'y' parameter of GDClassifier.fit must hold at least 2 classes; got one class "
            "only ('a' for all 4 samples).",
        ),
        (
            lambda: GDRegressor().fit(X4 * 1j, Y4),
            "The 'X' parameter of GDRegressor.fit must be an array of real numbers (Complex data "
            "not supported)",
        ),
        (
            lambda: GDRegressor().fit(np.zeros((4, 0)), Y4),
            "The 'X' parameter of GDRegressor.fit must have at least 1 feature (column); got 0 "
            "feature(s) (shape=(4, 0)) while a minimum of 1 is required.",
        ),
        (
            lambda: GDRegressor().fit(X4, Y4).predict(X4[:, :1]),
            "The 'X' parameter of GDRegressor.predict must be an array with 2 columns, the "
            "features seen in fit (X has 1 features, but GDRegressor is expecting 2 features as "
            "input); got an array of shape (4, 1)",
        ),
        (
            lambda: GDClassifier().fit(X4, L4).predict_proba(np.full((1, 2), np.inf)),
            "The 'X' parameter of GDClassifier.predict_proba must be finite (no NaN or inf); "
            "got inf at index (0, 0).",
        ),
        (
            lambda: GDRegressor().set_params(learning_rate=0.1),
            "The 'learning_rate' keyword of GDRegressor.set_params must be one of",
        ),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(call, message):
    with pytest.raises(ValueError) as info:
        call()
    assert str(info.value).startswith(message), str(info.value)


def test_wrong_types_in_X_are_a_type_error_naming_X():
    X = X4.astype(object)
    X[0, 0] = {"a": 1}
    with pytest.raises(TypeError) as info:
        GDRegressor().fit(X, Y4)
    assert str(info.value).startswith(
        "The 'X' parameter of GDRegressor.fit must be an array of real numbers; got "
    )
    assert "float() argument must be a string or a real number, not 'dict'" in str(info.value)


def test_sparse_input_is_refused_naming_the_fix():
    from scipy import sparse

    with pytest.raises(ValueError) as info:
        GDRegressor().fit(sparse.csr_array(X4), Y4)
    assert str(info.value).startswith(
        "The 'X' parameter of GDRegressor.fit must be a dense array (sparse input is not "
        "supported: use .toarray())"
    )


def test_parameters_are_checked_at_fit_not_at_init():
    reg = GDRegressor(lr="fast", optimizer=3, epochs=-1)  # sklearn: __init__ only stores
    assert reg.get_params()["lr"] == "fast"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match="The 'optimizer' parameter of GDRegressor"):
            reg.fit(X4, Y4)


@pytest.mark.parametrize(
    ("model", "name", "estimator"),
    [
        (LinearRegression(), "fit", "GDRegressor"),
        (LinearRegression(l2=0.1), "coef_", "GDRegressor"),
        (LogisticRegression(), "predict_proba", "GDClassifier"),
    ],
)
def test_a_model_used_as_an_estimator_says_what_to_use(model, name, estimator):
    kind = type(model).__name__
    with pytest.raises(AttributeError) as info:
        getattr(model, name)
    assert str(info.value) == (
        f"{kind!r} object has no attribute {name!r}: a maniml model is a loss and its gradient, "
        f"holding no coefficients. Fit it with maniml.fit({kind}(), X, y, optimizer, epochs=...) "
        f"(a Trajectory; .final holds the parameters), or use maniml.{estimator}() for "
        "scikit-learn's fit/predict/coef_."
    )
    assert not hasattr(model, name)
    with pytest.raises(AttributeError, match=r"^'LinearRegression' object has no attribute 'x'$"):
        LinearRegression().x  # noqa: B018
