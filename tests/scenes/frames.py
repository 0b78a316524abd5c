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
