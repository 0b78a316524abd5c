"""``maniml render`` wall times (prints a table, not a test).

1. all ready scenes at -ql: ``--jobs 2`` vs ``--jobs 1`` (target >= 1.8x on 2 cores);
2. one 60-second scene: ``--segments 2`` vs 1 with ``--jobs 2`` (target >= 1.7x), and the join;
3. the same scenes on a 2-worker ``distributed.LocalCluster`` vs ``--jobs 2`` (within 10 %).

``--quick``: three scenes at 426x240, 10 fps, a 20-second scene (a smoke run of the table).

    PYTHONPATH=$PWD .venv/bin/python bench/bench_render.py [--quick]
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(args: list[str]) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "maniml", "render", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True)  # fmt: skip
    if done.returncode:
        print(done.stdout[-2000:], done.stderr[-2000:])
    return time.perf_counter() - t0


def join_cost(out: str) -> float:
    from maniml.cli.join import join_videos

    video = Path(out) / "linreg_bgd" / "LinRegBGD.mp4"
    t0 = time.perf_counter()
    join_videos([video, video], Path(out) / "twice.mp4")
    return time.perf_counter() - t0


def main() -> None:
    quick = "--quick" in sys.argv
    out = tempfile.mkdtemp(prefix="maniml-bench-")
    extra = ["-r", "426,240", "--fps", "10"] if quick else ["-ql"]
    scenes = (["scenes/linreg_bgd.py", "scenes/logreg_bgd.py", "scenes/gd_1d.py"] if quick
              else ["scenes/", "examples/"])  # fmt: skip
    long = ["scenes/linreg_bgd.py", "--set", f"run_time={20 if quick else 60}", *extra]
    rows = []
    j1 = run([*scenes, "--jobs", "1", "--out", out, *extra])
    j2 = run([*scenes, "--jobs", "2", "--out", out, *extra])
    rows.append(("all scenes --jobs 2 vs 1", j1, j2))
    s1 = run([*long, "--jobs", "2", "--out", out])
    s2 = run([*long, "--segments", "2", "--jobs", "2", "--out", out])
    rows.append(
        ("60 s scene --segments 2 vs 1" if not quick else "20 s scene --segments 2 vs 1", s1, s2)
    )
    try:
        from distributed import LocalCluster

        with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
            d = run([*scenes, "--scheduler", cluster.scheduler_address, "--out", out, *extra])
        rows.append(("LocalCluster(2) vs --jobs 2", j2, d))
    except ImportError:
        print("distributed not installed: no cluster row")
    print(f"{'case':36} {'baseline s':>11} {'new s':>8} {'ratio':>7}")
    for name, base, new in rows:
        print(f"{name:36} {base:11.1f} {new:8.1f} {base / new:7.2f}x")
    print(f"join of two copies of a scene video (-c copy): {join_cost(out) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
