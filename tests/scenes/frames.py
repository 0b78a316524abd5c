"""Compare a rendered frame with a stored reference PNG, tolerantly.

``compare(name, frame)`` looks for ``reference/<name>.png``:

- present: the mean absolute difference over all channels (0-255) must be at most ``tol``;
  on failure the actual frame and a difference image are written to ``MANIML_FRAMES_OUT`` (or a
  temporary directory) and their paths are in the message;
- absent: under ``CI=true`` the test FAILS (a missing reference must not pass silently);
  otherwise the frame is stored as the new reference and the test is skipped;
- ``MANIML_REGEN_FRAMES=1``: the reference is (re)written and the comparison passes.

manim's own ``frames_comparison`` skips itself on this machine's cairo; this helper does not.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

REFERENCE_DIR = Path(__file__).with_name("reference")


def _truthy(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes", "on")


def compare(name: str, frame: np.ndarray, *, tol: float = 2.0) -> float:
    """Compare ``frame`` (H, W, 3 or 4, uint8) with ``reference/<name>.png``; return the difference."""
    frame = np.asarray(frame, dtype=np.uint8)[..., :3]
    path = REFERENCE_DIR / f"{name}.png"
    if _truthy("MANIML_REGEN_FRAMES"):
        REFERENCE_DIR.mkdir(exist_ok=True)
        Image.fromarray(frame).save(path)
        return 0.0
    if not path.exists():
        if _truthy("CI"):
            pytest.fail(
                f"Reference frame {path} is missing; render it with MANIML_REGEN_FRAMES=1, look "
                f"at it, and commit it."
            )
        REFERENCE_DIR.mkdir(exist_ok=True)
        Image.fromarray(frame).save(path)
        pytest.skip(f"stored a new reference frame {path.name}; look at it and commit it")
    ref = np.asarray(Image.open(path).convert("RGB"))
    if ref.shape != frame.shape:
        pytest.fail(f"Frame {name}: shape {frame.shape} differs from the reference {ref.shape}.")
    diff = np.abs(ref.astype(np.int16) - frame.astype(np.int16))
    score = float(diff.mean())
    if score > tol:
        out = Path(os.environ.get("MANIML_FRAMES_OUT") or tempfile.mkdtemp(prefix="maniml-frames-"))
        out.mkdir(parents=True, exist_ok=True)
        Image.fromarray(frame).save(out / f"{name}.actual.png")
        Image.fromarray(np.clip(diff * 4, 0, 255).astype(np.uint8)).save(out / f"{name}.diff.png")
        pytest.fail(
            f"Frame {name} differs from its reference by {score:.2f} (> {tol}) on average; "
            f"see {out / (name + '.actual.png')} and the .diff.png beside it."
        )
    return score


def play_frames(scene_cls) -> tuple[object, list[np.ndarray]]:
    """Render ``scene_cls`` through manim's real ``play`` pipeline and return the scene and every
    frame the renderer wrote (a dry run: no video file). Uses the current manim config.

    Unlike ``render_frame`` (one frame drawn from scratch), this goes through Cairo's split of
    each play into a still background and moving mobjects, so a moving part that Cairo froze into
    the background shows up as a difference.
    """
    from manim import config, tempconfig

    with tempconfig({"dry_run": True, "media_dir": config.media_dir}):
        scene = scene_cls()
        got: list[np.ndarray] = []

        def add_frame(frame: np.ndarray, num_frames: int = 1) -> None:
            got.extend([np.array(frame[..., :3])] * num_frames)

        scene.renderer.add_frame = add_frame
        scene.render()
    return scene, got


def fresh_frame(scene_cls, i: int) -> np.ndarray:
    """Frame ``i`` of the steps stage of ``scene_cls``, drawn from scratch (no play)."""
    scene = scene_cls()
    scene.setup()
    scene.build()
    scene.assemble()
    scene.show_frame(i)
    scene.renderer.update_frame(scene, ignore_skipping=True)
    return np.array(scene.renderer.get_frame())[..., :3]


def mean_difference(a: np.ndarray, b: np.ndarray) -> float:
    """Mean absolute difference of two frames (0-255)."""
    return float(np.abs(a.astype(np.int16) - b.astype(np.int16)).mean())
