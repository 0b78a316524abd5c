"""Package metadata and what the README says about dependencies."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_pyproject_metadata_is_complete():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == ">=3.11"
    assert project["authors"] and all(a.get("name") for a in project["authors"])
    classifiers = project["classifiers"]
    assert "Programming Language :: Python :: 3.11" in classifiers
    assert any(c.startswith("Topic :: ") for c in classifiers)
    assert any(c.startswith("Development Status :: ") for c in classifiers)
    # the suite imports scikit-learn (the estimators are checked against it): a test dependency
    assert any(re.match(r"scikit-learn\b", d) for d in project["optional-dependencies"]["test"])
    assert not any(d.startswith("scikit-learn") for d in project["dependencies"])
    assert any(d.startswith("scipy") for d in project["dependencies"])  # the core imports it


def test_readme_names_the_core_dependencies():
    readme = (ROOT / "README.md").read_text()
    assert "pure NumPy" not in readme
    assert "## The core: NumPy and SciPy" in readme
