"""A process that made a template scene freezes its objects out of the collector at exit
(maniml._exit); importing maniml's scenes alone changes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import atexit, gc, sys
atexit.register(lambda: print(gc.get_freeze_count(), file=sys.stderr))  # runs after maniml's
from manim import tempconfig
from maniml.scenes import LinRegScene
if MAKE:
    with tempconfig({"media_dir": sys.argv[1], "pixel_width": 64, "pixel_height": 36}):
        LinRegScene()
"""


@pytest.mark.parametrize("make", [False, True])
def test_a_process_that_made_a_template_scene_freezes_at_exit(tmp_path, make):
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = subprocess.run([sys.executable, "-c", PROBE.replace("MAKE", str(make)), str(tmp_path)],
                          capture_output=True, text=True, timeout=120, env=env)  # fmt: skip
    assert done.returncode == 0, done.stderr
    count = int(done.stderr.strip().splitlines()[-1])
    assert (count > 1000) if make else (count == 0)
