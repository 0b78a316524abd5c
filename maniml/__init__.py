"""maniml: machine-learning optimisation as Manim animations.

The core (models, optimisers, ``fit``, ``minimize``, estimators, metrics, datasets) needs only
NumPy and SciPy; ``import maniml`` imports neither manim nor scikit-learn. Scene classes
(``maniml.scenes``) are loaded on first use (PEP 562).

Examples
--------
>>> import maniml
>>> X, y = maniml.make_linear(n=20, seed=0)
>>> t = maniml.fit(maniml.LinearRegression(), X, y, maniml.SGD(0.05), epochs=2, seed=0)
>>> t.n_steps, t.params.shape
(40, (41, 2))
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

# name -> module that defines it; modules are imported on first attribute access.
_EXPORTS: dict[str, str] = {
    # models
    "LinearRegression": "models",
    "LogisticRegression": "models",
    "Model": "models",
    "NeuralNetwork": "network",
    "closed_form": "models",
    "mse_curvatures": "models",
    "known_optimum": "models",
    # optimisers, update rules, schedules
    "BGD": "optimizers",
    "SGD": "optimizers",
    "MiniBatchGD": "optimizers",
    "Optimizer": "optimizers",
    "Plain": "rules",
    "Momentum": "rules",
    "Nesterov": "rules",
    "AdaGrad": "rules",
    "RMSProp": "rules",
    "Adam": "rules",
    "UpdateRule": "rules",
    "Constant": "schedules",
    "StepDecay": "schedules",
    "ExponentialDecay": "schedules",
    "InverseScaling": "schedules",
    "Schedule": "schedules",
    # running
    "fit": "training",
    "minimize": "descent",
    "Trajectory": "trajectory",
    "BatchIndices": "trajectory",
    # test functions and surfaces
    "Objective": "functions",
    "Bowl": "functions",
    "Rosenbrock": "functions",
    "Beale": "functions",
    "Saddle": "functions",
    "SinCos": "functions",
    "Parabola": "functions",
    "SinCosWave": "functions",
    "StretchedBowl": "functions",
    "CustomObjective": "functions",
    "grid_values": "surfaces",
    "model_loss_grid": "surfaces",
    "ModelLoss": "surfaces",
    "model_optimum": "surfaces",
    # run diagnostics
    "divergence_step": "diagnostics",
    "describe_run": "diagnostics",
    "RaceResult": "diagnostics",
    "critical_lr": "diagnostics",
    "describe_runs": "diagnostics",
    "escape_distance": "diagnostics",
    "gd_envelope": "diagnostics",
    "is_diverging": "diagnostics",
    "oscillates": "diagnostics",
    "race_result": "diagnostics",
    "time_to_target": "diagnostics",
    # scikit-learn style estimators
    "GDRegressor": "estimators",
    "GDClassifier": "estimators",
    "NotFittedError": "estimators",
    "DataConversionWarning": "estimators",
    # evaluation
    "accuracy": "metrics",
    "r2_score": "metrics",
    "train_test_split": "metrics",
    # errors and warnings
    "ParameterError": "_validation",
    "DivergenceWarning": "_warnings",
    "ScheduleWarning": "_warnings",
    # data
    "Dataset": "datasets",
    "make_linear": "datasets",
    "make_blobs": "datasets",
    "make_sigmoid_1d": "datasets",
    "make_circles": "playground",
    "make_xor": "playground",
    "make_gaussians": "playground",
    "make_spiral": "playground",
    "make_moons": "playground",
    "make_classes": "playground",
    "make_curve": "playground",
    "load_iris_petal": "datasets",
    "load_diabetes": "datasets",
    "load_csv": "datasets",
    "standardize": "datasets",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        if name == "scenes":
            return importlib.import_module(".scenes", __name__)
        raise AttributeError(f"module 'maniml' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
