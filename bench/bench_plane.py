"""Per-frame cost of the 3-D plane scene: still camera vs a slow turn (``ambient_rotation``).

Run from the repository root::

    .venv/bin/python bench/bench_plane.py

``LinRegPlane`` of ``scenes/linreg_plane.py`` is rendered in-process at -ql into a temporary
media directory, with a short and a long ``run_time``, still and turning (6 degrees per
second). The marginal cost per frame is the difference of the two wall times over the
difference of their frame counts (set-up and glyph caches left out); each is the best of two.
The ratio turning / still is measured in the same run.
"""

from __future__ import annotations

import importlib.util
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def load() -> type:
    spec = importlib.util.spec_from_file_location("linreg_plane", ROOT / "scenes/linreg_plane.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.LinRegPlane


def render_seconds(cls: type, run_time: float, **changes) -> tuple[float, int]:
    from manim import tempconfig

    sub = type(cls.__name__, (cls,), {"settings": cls.settings.with_(run_time=run_time, **changes)})
    with (
        tempfile.TemporaryDirectory() as media,
        tempconfig(
            {
                "quality": "low_quality",
                "media_dir": media,
                "disable_caching": True,
                "verbosity": "ERROR",
            }
        ),
    ):
        scene = sub()
        t0 = time.perf_counter()
        scene.render()
        return time.perf_counter() - t0, scene.timeline.stage("steps").frames


def main() -> None:
    import warnings

    warnings.simplefilter("ignore")
    cls = load()
    render_seconds(cls, 1.0)  # warm the caches
    rows = []
    for name, changes in (("still camera", {}), ("turning 6°/s", {"ambient_rotation": 6.0})):
        short = min(render_seconds(cls, 2.0, **changes) for _ in range(2))
        long = min(render_seconds(cls, 8.0, **changes) for _ in range(2))
        per_frame = (long[0] - short[0]) / (long[1] - short[1])
        rows.append((name, per_frame))
    base = rows[0][1]
    print(f"{'camera':<14} {'ms/frame':>9} {'vs still':>9}")
    for name, pf in rows:
        print(f"{name:<14} {pf * 1000:9.1f} {pf / base:8.2f}x")


if __name__ == "__main__":
    main()
