"""Per-frame cost of the landscape scenes: contour (heat map + lines) vs the 3-D surface.

Run from the repository root::

    .venv/bin/python bench/bench_landscape.py          # -ql and -qh (about two minutes)
    .venv/bin/python bench/bench_landscape.py --quick  # -ql only

Each scene (``BowlContour`` and ``BowlSurface`` of ``scenes/bowl_gd.py``, same run, same frame
count) is rendered in-process into a temporary media directory with caching disabled: once to
warm the caches, then (best of two) with a short and a long ``run_time``. The marginal cost per frame is the difference of the two
wall times divided by the difference of their frame counts, so set-up (building the mobjects,
glyph caches) is left out and the video encoding of each frame is included. The 3-D scene is
also timed with the camera turning (``ambient_rotation``), where Cairo redraws every polygon
every frame. Target: 3-D (still camera) at most 2x the contour scene.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET = 2.0
QUALITIES = {"-ql": "low_quality", "-qh": "high_quality"}


def load(name: str) -> type:
    spec = importlib.util.spec_from_file_location("bowl_gd", ROOT / "scenes" / "bowl_gd.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, name)


def render_seconds(cls: type, quality: str, run_time: float, **changes) -> tuple[float, int]:
    """Wall time of one render and the number of animation frames it wrote."""
    from manim import config, tempconfig

    settings = cls.settings.with_(run_time=run_time, end_wait=0.0, **changes)
    sub = type(cls.__name__, (cls,), {"settings": settings})
    with tempfile.TemporaryDirectory() as tmp:
        with tempconfig(
            {
                "quality": quality,
                "media_dir": tmp,
                "disable_caching": True,
                "verbosity": "ERROR",
                "progress_bar": "none",
                "preview": False,
            }
        ):
            frames = round(run_time * config.frame_rate)
            start = time.perf_counter()
            sub().render()
            return time.perf_counter() - start, frames


def per_frame_ms(cls: type, quality: str, repeat: int = 2, **changes) -> tuple[float, int]:
    """Marginal ms per frame: best of ``repeat`` short and long renders, after a warm-up
    render that fills the process's glyph and font caches."""
    render_seconds(cls, quality, 0.2, **changes)
    t1 = min(render_seconds(cls, quality, 1.0, **changes)[0] for _ in range(repeat))
    runs = [render_seconds(cls, quality, 5.0, **changes) for _ in range(repeat)]
    t2, n2 = min(runs)
    n1 = round(n2 / 5.0)
    return 1000.0 * (t2 - t1) / (n2 - n1), n2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="-ql only")
    args = parser.parse_args()
    contour, surface = load("BowlContour"), load("BowlSurface")
    rows = []
    for flag, quality in QUALITIES.items():
        if args.quick and flag == "-qh":
            continue
        c, n = per_frame_ms(contour, quality)
        s, _ = per_frame_ms(surface, quality)
        # Turning camera: -ql only (at -qh it takes minutes and only confirms the gap).
        r = (
            per_frame_ms(surface, quality, repeat=1, ambient_rotation=10.0)[0]
            if flag == "-ql"
            else float("nan")
        )
        rows.append((flag, n, c, s, r))
    print(
        f"Landscape scenes, ms per frame (marginal, {surface.settings.surface_resolution}^2 faces)"
    )
    print(f"{'quality':8} {'frames':>6} {'contour':>9} {'3-D still':>10} {'3-D turning':>12} "
          f"{'3-D/contour':>12} {'target':>8}")  # fmt: skip
    for flag, n, c, s, r in rows:
        ratio = s / c
        verdict = "PASS" if ratio <= TARGET else "MISS"
        turning = f"{r:12.1f}" if r == r else f"{'-':>12}"
        print(f"{flag:8} {n:6d} {c:9.1f} {s:10.1f} {turning} {ratio:12.2f} {verdict:>8}")


if __name__ == "__main__":
    main()
