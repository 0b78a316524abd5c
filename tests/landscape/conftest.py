"""Fixtures of the landscape-scene tests: tiny isolated manim configuration, no LaTeX."""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[2]


def path_without_latex(path: str) -> str:
    """PATH with every directory that holds a ``latex`` executable (or is named for it) removed."""
    keep = [
        d
        for d in path.split(os.pathsep)
        if d and "latex" not in d.lower() and not Path(d, "latex").exists()
    ]
    return os.pathsep.join(keep)


@pytest.fixture(autouse=True)
def no_latex(monkeypatch):
    """Scenes must not need LaTeX: hide it, and fail loudly if manim tries to compile any."""
    monkeypatch.setenv("PATH", path_without_latex(os.environ.get("PATH", "")))
    assert shutil.which("latex") is None
    import manim.utils.tex_file_writing as tfw

    def refuse(*args, **kwargs):  # pragma: no cover - only reached on a regression
        raise AssertionError("a landscape scene tried to compile LaTeX")

    monkeypatch.setattr(tfw, "compile_tex", refuse)
    monkeypatch.setattr(tfw, "tex_to_svg_file", refuse)


def load_scene(file: str, name: str) -> type:
    """A scene class from one of the ready files in ``scenes/``."""
    spec = importlib.util.spec_from_file_location(f"scenes_{file}", ROOT / "scenes" / f"{file}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, name)


def built(cls: type, *, size: tuple[int, int] = (256, 144), fps: int = 5, **changes) -> object:
    """A subclass of ``cls`` with ``settings.with_(**changes)``, set up, built and assembled (no
    play) at ``size`` pixels and ``fps``."""
    from manim import tempconfig

    sub = type(cls.__name__, (cls,), {"settings": cls.settings.with_(**changes)})
    with tempconfig({"pixel_width": size[0], "pixel_height": size[1], "frame_rate": fps}):
        scene = sub()
        scene.setup()
        scene.build()
        scene.assemble()
    return scene


@pytest.fixture
def render(tmp_path):
    """``render(cls, **settings)``: render ``cls`` (a subclass with short timings) at 256 x 144 px and
    5 fps into a temporary media directory; returns the scene after its last frame."""
    from manim import tempconfig

    def _render(cls: type, **changes):
        quick = {"run_time": 0.6, "hold_time": 0.0, "intro_time": 0.0}
        settings = cls.settings.with_(**{**quick, **changes})
        sub = type(cls.__name__, (cls,), {"settings": settings})
        cfg = {
            "media_dir": str(tmp_path / "media"),
            "pixel_width": 256,
            "pixel_height": 144,
            "frame_rate": 5,
            "disable_caching": True,
            "write_to_movie": False,
            "save_last_frame": False,
            "verbosity": "ERROR",
            "progress_bar": "none",
        }
        with tempconfig(cfg):
            scene = sub()
            scene.render()
            scene.last_frame = np.array(scene.renderer.get_frame())
        return scene

    return _render


def clock_of(scene):
    """The scene's clock (a ValueTracker holding the position shown)."""
    return scene.clock


def frame_at(scene, value: float) -> np.ndarray:
    """Bring the scene to clock ``value`` (in steps) and return the frame."""
    scene.clock.set_value(value)
    frame = int(np.searchsorted(scene.timeline.positions, value))
    scene.show_position(value, min(frame, len(scene.timeline.positions) - 1))
    scene.renderer.update_frame(scene)
    return np.array(scene.renderer.get_frame())


def all_points(scene) -> list[np.ndarray]:
    """The points of every mobject in the scene's families."""
    out = []
    for mob in scene.mobjects:
        for m in mob.get_family():
            pts = getattr(m, "points", None)
            if pts is not None and len(pts):
                out.append(np.asarray(pts))
    return out
