"""The scene modules' docstring examples run and print what they say."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import maniml.scenes

MODULES = sorted(f"maniml.scenes.{m.name}" for m in pkgutil.iter_modules(maniml.scenes.__path__))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} docstring example(s) of {name} failed"
