"""``maniml render`` wall times, CPU seconds and per-job phases (prints tables, not a test).

1. all ready scenes at -ql: ``--jobs 2`` vs ``--jobs 1`` (target >= 1.8x on 2 cores);
2. one 60-second scene: ``--segments 2`` vs 1 with ``--jobs 2`` (target >= 1.7x), and the join;
3. the same scenes on a 2-worker ``distributed.LocalCluster`` (started before the clock, its
   workers cold: nothing imported yet) vs ``--jobs 2`` (within 10 %), and a second run on the
   same, now warm, cluster.

Each run is a whole ``python -m maniml render`` process. Besides the wall time, the table gives
the CPU seconds of the run (the command and its worker processes; for the cluster rows, its
workers too) and the share of the cores they used. A render uses more than one core by itself
(manim encodes on its own thread while frames are drawn), so a ratio against one job cannot
exceed ``cores / (CPU / wall of the baseline)``: the ``ceiling`` column. Wall-clock ratios mean
nothing on a loaded machine: the load average is printed first; rerun when it is above 0.5.

The phases table (from ``maniml render --profile``) splits the jobs' wall time: load (the scene
class), setup (trajectory, timeline), build (mobjects, until the first frame), frames, finish
(manim's encoder flush and concat), output (copy, GIF); and gives the command's own start
(until the jobs are planned) and the workers' idle time at the end.

``--quick``: three scenes at 426x240, 10 fps, a 20-second scene (a smoke run of the tables).
``--long SECONDS``: also ``--segments 2`` vs 1 on a scene that long (not a target): with the
command's start (Python and ``import manim``, serial) a smaller share, the split gains more.
``--root DIR``: time another checkout's ``maniml`` and scenes (e.g. ``git archive main``).
``--encoder``: instead, the CLI's x264 settings (``maniml.cli.jobs.X264_OPTIONS``) against
manim's default on five scenes: size, SSIM and PSNR against a lossless render, CPU per job.

    PYTHONPATH=$PWD .venv/bin/python bench/bench_render.py [--quick] [--repeat N] [--root DIR]
    PYTHONPATH=$PWD .venv/bin/python bench/bench_render.py --encoder
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORES = os.cpu_count() or 1

__all__ = ["Run", "run", "main"]


@dataclass
class Run:
    """One ``maniml render`` process: wall seconds, CPU seconds, its ``--profile`` data."""

    wall: float
    cpu: float
    profile: dict[str, Any] = field(default_factory=dict)

    @property
    def cores_used(self) -> float:
        return self.cpu / self.wall


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _workers_cpu(cluster: Any) -> float:
    """CPU seconds so far of a LocalCluster's worker processes."""
    import psutil

    total = 0.0
    for w in cluster.workers.values():
        pid = getattr(w, "pid", None)  # a Nanny: its worker process
        if pid:
            t = psutil.Process(pid).cpu_times()
            total += t.user + t.system
    return total


def run(args: list[str], cluster: Any = None) -> Run:
    """Time ``python -m maniml render ARGS`` (with ``--profile``)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        prof = f.name
    w0 = _workers_cpu(cluster) if cluster is not None else 0.0
    c0 = _children_cpu()
    t0 = time.perf_counter()
    profiled = "--profile" in (ROOT / "maniml" / "cli" / "main.py").read_text()  # older: no
    extra = ["--profile", prof] if profiled else []
    done = subprocess.run([sys.executable, "-m", "maniml", "render", *args, *extra],
                          cwd=ROOT, env=env, capture_output=True, text=True)  # fmt: skip
    wall = time.perf_counter() - t0
    cpu = _children_cpu() - c0 + (_workers_cpu(cluster) - w0 if cluster is not None else 0.0)
    if done.returncode:
        print(done.stdout[-2000:], done.stderr[-2000:])
    try:
        profile = json.loads(Path(prof).read_text())
    except (OSError, ValueError):
        profile = {}
    os.unlink(prof)
    return Run(wall, cpu, profile)


def best(runs: list[Run]) -> Run:
    """The median run by wall time."""
    return sorted(runs, key=lambda r: r.wall)[len(runs) // 2]


def phases(name: str, r: Run) -> str:
    """One row of the phases table: mean seconds per job, the command's start, idle workers."""
    jobs = r.profile.get("jobs", [])
    if not jobs:
        return f"{name:36} (no profile)"
    keys = ("load", "setup", "build", "frames", "finish", "output")
    sums = dict.fromkeys(keys, 0.0)
    for j in jobs:
        first = j.get("first_frame", j.get("setup", 0.0))
        last = j.get("last_frame", first)
        rendered = j.get("rendered", j["wall"])
        part = {"load": j.get("loaded", 0.0), "setup": j.get("setup", 0.0) - j.get("loaded", 0.0),
                "build": first - j.get("setup", 0.0), "frames": last - first,
                "finish": rendered - last, "output": j["wall"] - rendered}  # fmt: skip
        for k in keys:
            sums[k] += part[k]
    end = max(j["end"] for j in jobs)
    by_worker: dict[float, float] = {}
    for j in jobs:
        by_worker[j["pid"]] = max(by_worker.get(j["pid"], 0.0), j["end"])
    idle = sum(end - e for e in by_worker.values())
    start = r.profile["planned"] - r.profile["entry"]
    cpu = sum(j["cpu"] for j in jobs) / len(jobs)
    cells = " ".join(f"{sums[k] / len(jobs):6.2f}" for k in keys)
    return f"{name:36} {len(jobs):4} {cells} {cpu:6.2f} {start:6.2f} {idle:6.2f}"


def join_cost(out: str) -> float:
    from maniml.cli.join import join_videos

    video = Path(out) / "linreg_bgd" / "LinRegBGD.mp4"
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        join_videos([video, video], Path(out) / "twice.mp4")
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


ENCODER_SCENES = [("scenes/linreg_sgd.py", "LinRegSGD"), ("examples/diverging_lr.py", "TooLargeLR"),
                  ("scenes/linreg_landscape.py", "LinRegLandscape"),
                  ("scenes/nn_regression.py", "NNCurve"), ("scenes/optimizer_race.py", "BealeRace")]  # fmt: skip


def _quality(video: Path, reference: Path) -> tuple[float, float]:
    """SSIM and PSNR (dB) of ``video`` against ``reference`` (ffmpeg's filters)."""
    import re

    log = subprocess.run(["ffmpeg", "-v", "info", "-i", str(video), "-i", str(reference),
                          "-lavfi", "[0][1]ssim;[0][1]psnr", "-f", "null", "-"],
                         capture_output=True, text=True).stderr  # fmt: skip
    ssim = re.search(r"SSIM .*All:([0-9.]+)", log)
    psnr = re.search(r"PSNR .*average:([0-9.]+|inf)", log)
    return float(ssim.group(1)) if ssim else float("nan"), float(psnr.group(1)) if psnr else 0.0


def encoder() -> None:
    """The CLI's x264 settings against manim's default, at -ql, in this process."""
    import math

    sys.path.insert(0, str(ROOT))
    from maniml.cli.jobs import X264_OPTIONS, Job, run_job

    tmp = Path(tempfile.mkdtemp(prefix="maniml-bench-enc-"))
    settings = {"lossless": {"crf": "0", "preset": "ultrafast", "threads": "1"},
                "manim default": {}, "maniml render": X264_OPTIONS}  # fmt: skip
    rows: dict[str, list[tuple[int, float, float, float]]] = {
        "manim default": [],
        "maniml render": [],
    }
    print(f"{'scene':16} {'encoder':14} {'size kB':>8} {'SSIM':>7} {'PSNR dB':>8} {'CPU s':>6}")
    for file, cls in ENCODER_SCENES:
        paths = {}
        for name, options in settings.items():
            paths[name] = tmp / f"{cls}.{name.replace(' ', '_')}.mp4"
            r = run_job(Job(file=str(ROOT / file), cls=cls, output=str(paths[name]),
                            media_root=str(tmp), config={"video_encoder_options": options}))  # fmt: skip
            if not r.ok:
                raise SystemExit(r.detail)
            if name in rows:
                ssim, psnr = _quality(paths[name], paths["lossless"])
                size = paths[name].stat().st_size
                rows[name].append((size, ssim, psnr, r.cpu))
                print(f"{cls:16} {name:14} {size / 1e3:8.1f} {ssim:7.5f} {psnr:8.2f} {r.cpu:6.2f}")
    base = rows["manim default"]
    for name, got in rows.items():
        size = math.exp(
            statistics.mean(math.log(g[0] / b[0]) for g, b in zip(got, base, strict=True))
        )
        print(f"{name:14}: size x{size:.2f} (geometric mean), SSIM mean {statistics.mean(g[1] for g in got):.5f} "
              f"min {min(g[1] for g in got):.5f}, PSNR mean {statistics.mean(g[2] for g in got):.2f} "
              f"min {min(g[2] for g in got):.2f} dB, CPU per job {statistics.mean(g[3] for g in got):.2f} s")  # fmt: skip


def main() -> None:
    global ROOT
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--repeat", type=int, default=1, help="runs per case (the median is shown)")
    ap.add_argument("--root", type=Path, default=ROOT, help="the checkout to time")
    ap.add_argument("--encoder", action="store_true", help="compare the x264 settings instead")
    ap.add_argument("--long", type=float, default=0.0, metavar="SECONDS",
                    help="also --segments 2 vs 1 on a scene this long (not a target)")  # fmt: skip
    opts = ap.parse_args()
    ROOT = opts.root.resolve()
    if opts.encoder:
        encoder()
        return
    quick = opts.quick
    load = os.getloadavg()[0]
    print(
        f"{CORES} cores, load average {load:.2f}"
        + ("  (> 0.5: wall times unreliable)" if load > 0.5 else "")
    )
    out = tempfile.mkdtemp(prefix="maniml-bench-")
    extra = ["-r", "426,240", "--fps", "10"] if quick else ["-ql"]
    scenes = (["scenes/linreg_bgd.py", "scenes/logreg_bgd.py", "scenes/gd_1d.py"] if quick
              else ["scenes/", "examples/"])  # fmt: skip
    secs = 20 if quick else 60
    long = ["scenes/linreg_bgd.py", "--set", f"run_time={secs}", *extra]

    def rep(args: list[str], cluster: Any = None) -> Run:
        return best([run(args, cluster) for _ in range(opts.repeat)])

    rows: list[tuple[str, Run, Run]] = []
    j1 = rep([*scenes, "--jobs", "1", "--out", out, *extra])
    j2 = rep([*scenes, "--jobs", "2", "--out", out, *extra])
    rows.append(("all scenes --jobs 2 vs 1", j1, j2))
    s1 = rep([*long, "--jobs", "2", "--out", out])
    s2 = rep([*long, "--segments", "2", "--jobs", "2", "--out", out])
    rows.append((f"{secs} s scene --segments 2 vs 1", s1, s2))
    if opts.long:  # the same with a longer steps stage: the command's serial start weighs less
        longer = ["scenes/linreg_bgd.py", "--set", f"run_time={opts.long}", *extra, "--out", out]
        rows.append((f"{opts.long:g} s scene --segments 2 vs 1",
                     rep([*longer, "--jobs", "2"]),
                     rep([*longer, "--segments", "2", "--jobs", "2"])))  # fmt: skip
    try:
        from distributed import LocalCluster
    except ImportError:
        print("distributed not installed: no cluster rows")
    else:
        os.environ["PYTHONPATH"] = str(ROOT)  # the workers import the checkout being timed
        with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
            args = [*scenes, "--scheduler", cluster.scheduler_address, "--out", out, *extra]
            cold = run(args, cluster)  # the workers' first renders: nothing imported yet
            warm = rep(args, cluster)
        rows.append(("LocalCluster(2) cold vs --jobs 2", j2, cold))
        rows.append(("LocalCluster(2) warm vs --jobs 2", j2, warm))
    print(f"\n{'case':36} {'base s':>7} {'new s':>7} {'ratio':>6} {'ceiling':>7} "
          f"{'base CPU s':>10} {'new CPU s':>9} {'cores used':>11}")  # fmt: skip
    for name, base, new in rows:
        ceiling = CORES / base.cores_used
        print(f"{name:36} {base.wall:7.1f} {new.wall:7.1f} {base.wall / new.wall:5.2f}x "
              f"{ceiling:6.2f}x {base.cpu:10.1f} {new.cpu:9.1f} "
              f"{base.cores_used:5.2f}/{new.cores_used:4.2f}")  # fmt: skip
    print(f"join of two copies of a scene video (-c copy): {join_cost(out) * 1000:.0f} ms")
    print(f"\n{'phases (mean s per job)':36} {'jobs':>4} {'load':>6} {'setup':>6} {'build':>6} "
          f"{'frames':>6} {'finish':>6} {'output':>6} {'CPU':>6} {'start':>6} {'idle':>6}")  # fmt: skip
    named = {"--jobs 1": j1, "--jobs 2": j2, f"{secs} s, 1 job": s1, f"{secs} s, --segments 2": s2}
    for name, r in named.items():
        print(phases(name, r))
    for name, _base, new in rows:
        if name.startswith("LocalCluster"):
            print(phases(name.split(" vs")[0], new))
    print("(start: the command until its jobs are planned; idle: the workers' seconds without a "
          "job at the end; CPU: per job, all its threads)")  # fmt: skip


if __name__ == "__main__":
    main()
