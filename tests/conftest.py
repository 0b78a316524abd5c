"""Shared by every test directory: the disk cache of glyphs and formulas goes to a temporary
directory, never the user's real cache."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

_CACHE = tempfile.mkdtemp(prefix="maniml-test-cache-")
os.environ["MANIML_CACHE_DIR"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)
