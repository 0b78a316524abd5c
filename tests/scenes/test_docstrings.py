"""The scene modules' docstring examples run and print what they say."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import maniml.scenes

# every module, subpackages' modules included (maniml.scenes.landscape_scenes.contour, ...)
MODULES = sorted(
    m.name for m in pkgutil.walk_packages(maniml.scenes.__path__, prefix="maniml.scenes.")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} docstring example(s) of {name} failed"
