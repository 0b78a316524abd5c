"""The package: the core never imports manim, exports resolve, docstring examples run."""

from __future__ import annotations

import doctest
import importlib
import subprocess
import sys
import textwrap

import pytest

import maniml

CORE_MODULES = [
    "maniml",
    "maniml._validation",
    "maniml._typing",
    "maniml.models",
    "maniml.rules",
    "maniml.schedules",
    "maniml.optimizers",
    "maniml.training",
    "maniml.descent",
    "maniml.trajectory",
    "maniml.functions",
    "maniml.surfaces",
    "maniml.diagnostics",
    "maniml.metrics",
    "maniml.estimators",
    "maniml.stepping",
    "maniml._fastpaths",
    "maniml._warnings",
    "maniml.network",
    "maniml.playground",
]


def run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120
    )


def test_the_core_does_not_import_manim():
    result = run_python(
        """
        import sys
        import numpy as np
        import maniml
        assert "manim" not in sys.modules, "import maniml imported manim"
        X = np.linspace(-1.0, 1.0, 12)[:, None]
        y = 1.0 + 2.0 * X[:, 0]
        t = maniml.fit(maniml.LinearRegression(), X, y, maniml.SGD(0.05, rule="adam"), epochs=2, seed=0)
        t = maniml.fit(maniml.LogisticRegression(), X, (y > 1).astype(float), maniml.BGD(0.1), epochs=2)
        maniml.minimize(maniml.Rosenbrock(), None, maniml.BGD(1e-3), steps=3)
        maniml.model_loss_grid(maniml.LinearRegression(), X, y, (0, 2), (1, 3), resolution=5)
        maniml.grid_values(maniml.Beale(), (0, 1), (0, 1), resolution=5)
        maniml.Trajectory
        net = maniml.NeuralNetwork((3,))
        maniml.fit(net, X, (y > 1).astype(float), maniml.MiniBatchGD(0.1, 4), epochs=2, seed=0)
        maniml.make_spiral(n=20, seed=0)
        for name in ("models", "rules", "schedules", "optimizers", "training", "descent",
                     "trajectory", "functions", "surfaces", "diagnostics", "_validation",
                     "metrics", "estimators", "stepping", "_fastpaths", "_warnings", "network",
                     "playground"):
            __import__("maniml." + name)
        clf = maniml.GDClassifier(epochs=3).fit(X, (y > 1).astype(int))
        clf.predict_proba(X), clf.score(X, (y > 1).astype(int)), repr(clf)
        maniml.GDRegressor(optimizer="sgd", epochs=2).fit(X, y).score(X, y)
        maniml.train_test_split(X, y, stratify=None), maniml.accuracy([0], [0])
        leaked = sorted(m for m in sys.modules if m == "manim" or m.startswith("manim."))
        assert not leaked, leaked
        # scikit-learn is a test-only dependency: the estimators follow it without importing it
        leaked = sorted(m for m in sys.modules if m == "sklearn" or m.startswith("sklearn."))
        assert not leaked, leaked
        print("ok")
        """
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


@pytest.mark.parametrize(
    "first",
    ["import maniml.descent", "from maniml.descent import minimize", "import maniml"],
)
def test_maniml_minimize_is_callable_however_the_module_was_imported(first):
    # importing the module that defines minimize must not shadow the function
    result = run_python(
        f"""
        {first}
        import maniml
        t = maniml.minimize(maniml.Bowl(), None, maniml.BGD(0.25), steps=60)
        assert abs(t.final - [1.0, 2.0]).max() < 1e-12
        from maniml import minimize
        assert minimize(maniml.Bowl(), None, maniml.BGD(0.25), steps=2).n_steps == 2
        print("ok")
        """
    )
    assert result.returncode == 0, result.stderr


def test_core_exports_resolve():
    names = [n for n in maniml.__all__ if n != "__version__"]
    for name in names:
        if maniml._EXPORTS[name] == "datasets":
            continue  # the data module is tested on its own
        obj = getattr(maniml, name)
        assert getattr(obj, "__name__", name) == name
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        maniml.nope  # noqa: B018


@pytest.mark.parametrize("name", CORE_MODULES)
def test_every_core_module_declares_all(name):
    module = importlib.import_module(name)
    assert isinstance(module.__all__, list)
    for item in module.__all__:
        assert hasattr(module, item), f"{name}.__all__ lists missing {item}"


@pytest.mark.parametrize("name", CORE_MODULES)
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    for test in finder.find(module, name, globs=vars(module).copy()):
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} docstring example(s) of {name} failed (see output)"
    if name != "maniml._typing":
        assert result.attempted > 0, f"{name} has no docstring examples"
