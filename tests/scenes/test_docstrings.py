"""The scene modules' docstring examples run and print what they say; every module has ``__all__``."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import maniml.scenes

# every module of maniml.scenes, those of its subpackages (maniml.scenes.panels...) included
MODULES = sorted(
    m.name for m in pkgutil.walk_packages(maniml.scenes.__path__, prefix="maniml.scenes.")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} docstring example(s) of {name} failed"


@pytest.mark.parametrize("name", MODULES)
def test_every_scene_module_declares_all(name):
    module = importlib.import_module(name)
    assert isinstance(module.__all__, list)
    for item in module.__all__:
        assert hasattr(module, item), f"{name}.__all__ lists missing {item}"
