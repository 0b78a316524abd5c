"""Fixtures of the fit-scene tests: small, isolated manim configuration and no LaTeX on PATH."""

from __future__ import annotations

import importlib.util
import inspect
import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCENE_FILES = [
    "linreg_bgd",
    "linreg_sgd",
    "linreg_minibatch",
    "logreg_bgd",
    "logreg_sgd",
    "logreg_minibatch",
    "sigmoid_1d",
]


def _load_frames():
    spec = importlib.util.spec_from_file_location(
        "maniml_scene_frames", Path(__file__).with_name("frames.py")
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


frames_module = _load_frames()


def path_without_latex(path: str) -> str:
    """PATH with every directory that holds a ``latex`` executable removed."""
    keep = [d for d in path.split(os.pathsep) if d and not Path(d, "latex").exists()]
    return os.pathsep.join(keep)


@pytest.fixture(scope="session")
def media_dir(tmp_path_factory) -> Path:
    """One media directory for the session (Typst formulas compile once)."""
    return tmp_path_factory.mktemp("media")


@pytest.fixture(autouse=True)
def no_latex(monkeypatch):
    """Scenes must not need LaTeX: hide it even where it is installed."""
    monkeypatch.setenv("PATH", path_without_latex(os.environ.get("PATH", "")))
    assert shutil.which("latex") is None


@pytest.fixture
def small_config(media_dir):
    """A tiny, fast manim configuration in a temporary media directory."""
    from manim import config, tempconfig

    with tempconfig(
        {
            "pixel_width": 320,
            "pixel_height": 180,
            "frame_rate": 5,
            "media_dir": str(media_dir),
            "disable_caching": True,
            "write_to_movie": False,
            "save_last_frame": False,
            "preview": False,
            "verbosity": "ERROR",
            "progress_bar": "none",
        }
    ):
        yield config


def _load_scene_class(name: str):
    """The one scene class defined in ``scenes/<name>.py``."""
    path = ROOT / "scenes" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"maniml_ready_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    from manim import Scene

    classes = [
        c
        for _, c in inspect.getmembers(module, inspect.isclass)
        if issubclass(c, Scene) and c.__module__ == module.__name__
    ]
    assert len(classes) == 1, f"{path} should define exactly one scene; found {classes}"
    return classes[0]


@pytest.fixture
def frames():
    """The frame-comparison helper module (``frames.compare``)."""
    return frames_module


def _built(cls):
    scene = cls()
    scene.setup()
    scene.build()
    return scene


@pytest.fixture
def ready_scene():
    """``ready_scene(name)``: the scene class of ``scenes/<name>.py``."""
    return _load_scene_class


@pytest.fixture
def build(small_config):
    """``build(cls)``: a scene set up and built (no video), ready for ``show_row``."""
    return _built
