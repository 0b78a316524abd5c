"""Slides through manim-slides: each template's stages (build-up, steps, end) become slides.

manim-slides 5.7.0 cannot render with manim 0.22 (its ``Slide.__init__`` sets
``config["write_to_movie"]``, which manim 0.22 removed), but its ``convert`` needs no rendering:
it reads a presentation config (``<folder>/<Scene>.json``, one entry per slide with its video and
reversed video). So maniml renders each scene once, keeps manim's partial movie files (one per
play, i.e. one per stage), writes that config itself and runs ``manim-slides convert`` (headless:
HTML through RevealJS, PDF from each slide's last frame through Pillow).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

__all__ = ["convert", "reverse_video", "write_presentation"]


def reverse_video(src: Path, dest: Path) -> None:
    """The reversed video manim-slides wants for each slide (re-encoded by ffmpeg; a copy when
    no ffmpeg is found: only ``present`` plays it backwards)."""
    if shutil.which("ffmpeg") is None:
        shutil.copyfile(src, dest)
        return
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(src), "-vf", "reverse",
                    "-pix_fmt", "yuv420p", str(dest)], check=True)  # fmt: skip


def slide_name(file: str, cls: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", f"{Path(file).stem}.{cls}")


def write_presentation(
    out: Path,
    name: str,
    stage_files: list[tuple[str, str]],
    resolution: tuple[int, int],
    background: str = "black",
    notes: dict[str, str] | None = None,
) -> Path:
    """Write ``out/slides/<name>.json`` (a ``manim_slides.config.PresentationConfig``) for the
    stage videos ``[(stage, path), ...]`` (paths under ``out``)."""  # fmt: skip
    from manim_slides.config import PresentationConfig, SlideConfig

    folder = out / "slides"
    folder.mkdir(parents=True, exist_ok=True)
    slides = []
    for stage, path in stage_files:
        p = Path(path)
        rev = p.with_name(f"{p.stem}.rev{p.suffix}")
        reverse_video(p, rev)
        slides.append(SlideConfig(file=p, rev_file=rev, notes=(notes or {}).get(stage, stage)))
    config = PresentationConfig(slides=slides, resolution=resolution, background_color=background)
    data = config.model_dump(mode="json")
    for s in data["slides"]:  # manim-slides reads these relative to the folder's parent
        s["file"] = os.path.relpath(s["file"], out)
        s["rev_file"] = os.path.relpath(s["rev_file"], out)
    dest = folder / f"{name}.json"
    import json

    dest.write_text(json.dumps(data, indent=2))
    PresentationConfig.from_file(dest)  # what convert will read: fail here if it cannot
    return dest


def convert(
    out: Path, names: list[str], dest: Path, to: str, extra: list[str] | None = None
) -> Any:
    """Run ``manim-slides convert`` (a subprocess, headless) on the configs ``names``."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    cmd = [sys.executable, "-m", "manim_slides", "convert", "--folder", str(out / "slides"),
           *names, str(dest), "--to", to, *(extra or [])]  # fmt: skip
    return subprocess.run(cmd, env=env, capture_output=True, text=True)
