"""What a render costs as a whole: the fixed cost of a process, whole videos, the marginal frame.

Run from the repository root::

    .venv/bin/python bench/bench_startup.py           # about four minutes on 2 cores
    .venv/bin/python bench/bench_startup.py --quick   # one timed run each, shorter videos

Every ``manim`` command runs as its own process (``-ql``, caching off, progress bar off) with a
temporary media directory and a temporary glyph cache (``MANIML_CACHE_DIR``) that one untimed
warm-up run fills, as on a machine that has rendered once; the ``cold`` row starts with both
empty. Timings are wall-clock medians of ``--repeat`` runs (default 3), the compared commands
taking turns so that a burst of load hits them alike. Ratios are taken within this run.

Tables and targets (issue 11):

* **start**: ``manim -s -ql scenes/linreg_sgd.py`` (the last frame only) against a bare
  ``python -c "import manim"``; target <= 1.7x.
* **whole video**: ``manim -ql scenes/linreg_bgd.py`` per output frame against the original
  ManiML style on the same content (``bench_scenes.OriginalStyleBGD``: one ``play(Transform)``
  per step, DecimalNumber read-outs), also a whole process per output frame; target >= 10x.
* **marginal frame**: in-process, the cost of one more frame of the steps stage of
  ``LinRegScene`` (linreg_sgd's default look, all panels), from two run times, against manim's
  floor (``Floor``: one line moved by a ValueTracker updater over still ``Axes``), at -ql and
  -qh; target <= 1.5x.
* **flatness**: per-frame cost of the steps stage for 50 vs 50,000 steps and 100 vs 10,000
  points (``bench_scenes.maniml_scene``); target within 1.2x. The steps pair also per frame that
  shows a new picture (a 50-step run repeats most of its frames, which are not drawn again), and
  over a 50-frame steps stage with linear pacing, where both runs show a new row at every frame:
  the step count is then the only difference.

Nothing is asserted; the table says PASS or MISS.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import av
from manim import Axes, Line, Scene, ValueTracker, linear, tempconfig

#: the checkout whose maniml and scenes are timed (``--root``, e.g. a ``git archive`` of main)
ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent

MANIM = str(Path(sys.executable).with_name("manim"))
QUALITY = {"ql": "low_quality", "qh": "high_quality"}


def _env(cache: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "MANIML_CACHE_DIR": cache}


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _run(cmd: list[str], **kwargs) -> tuple[float, float]:
    """Wall time and CPU time (user + sys) of one process."""
    c0, t0 = _children_cpu(), time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, **kwargs)
    return time.perf_counter() - t0, _children_cpu() - c0


def _manim(args: list[str], media: str, cache: str) -> tuple[float, float]:
    """Wall and CPU time of one ``manim`` process."""
    cmd = [MANIM, *args, "--media_dir", media, "--disable_caching", "-v", "ERROR"]
    cmd += ["--progress_bar", "none"]
    return _run(cmd, cwd=ROOT, env=_env(cache))


def _import_manim() -> tuple[float, float]:
    return _run([sys.executable, "-c", "import manim"])


def _frames(media: str, name: str) -> int:
    """Frames of the movie ``name``.mp4 written under ``media``."""
    (path,) = [p for p in Path(media).rglob(f"{name}.mp4") if "partial" not in str(p)]
    with av.open(str(path)) as f:
        return sum(1 for _ in f.decode(video=0))


def _turns(jobs: dict[str, callable], repeat: int) -> dict[str, tuple[float, float]]:
    """Median wall time and median CPU time of each job, the jobs taking turns."""
    times: dict[str, list[tuple[float, float]]] = {k: [] for k in jobs}
    for _ in range(repeat):
        for k, job in jobs.items():
            times[k].append(job())
    return {
        k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
        for k, v in times.items()
    }


def _verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


# -- start and whole video -----------------------------------------------------------------
Row = tuple[str, tuple[float, float], str, str]


def start_and_video(repeat: int, tmp: Path) -> list[Row]:
    """Rows ``(what, (wall s, CPU s), wall ratio, CPU ratio)``."""
    rows: list[Row] = []
    cache, media = str(tmp / "cache"), str(tmp / "media")
    sgd = ["-s", "-ql", "scenes/linreg_sgd.py", "LinRegSGD"]
    bgd = ["-ql", "scenes/linreg_bgd.py", "LinRegBGD"]
    orig = ["-ql", str(HERE / "bench_scenes.py"), "OriginalStyleBGD"]
    cold = iter(range(10**6))

    def cold_sgd() -> tuple[float, float]:
        i = next(cold)
        return _manim(sgd, str(tmp / f"cold-media-{i}"), str(tmp / f"cold-cache-{i}"))

    for args in (sgd, bgd, orig):  # warm-up: fills the glyph cache and manim's text SVGs
        _manim(args, media, cache)
    t = _turns(
        {
            "import": _import_manim,
            "sgd": lambda: _manim(sgd, media, cache),
            "sgd cold": cold_sgd,
        },
        repeat,
    )
    r = [t["sgd"][i] / t["import"][i] for i in (0, 1)]
    rows.append(('bare python -c "import manim"', t["import"], "1.00x", "1.00x"))
    rows.append(
        (
            "manim -s -ql linreg_sgd.py (last frame)",
            t["sgd"],
            f"{r[0]:.2f}x  {_verdict(r[0] <= 1.7)} (<= 1.7x)",
            f"{r[1]:.2f}x  {_verdict(r[1] <= 1.7)}",
        )
    )
    rows.append(
        (
            "  the same, empty caches (cold)",
            t["sgd cold"],
            f"{t['sgd cold'][0] / t['import'][0]:.2f}x",
            f"{t['sgd cold'][1] / t['import'][1]:.2f}x",
        )
    )

    v = _turns(
        {"bgd": lambda: _manim(bgd, media, cache), "orig": lambda: _manim(orig, media, cache)},
        repeat,
    )
    nb, no = _frames(media, "LinRegBGD"), _frames(media, "OriginalStyleBGD")
    pb = [v["bgd"][i] / nb * 1000 for i in (0, 1)]
    po = [v["orig"][i] / no * 1000 for i in (0, 1)]
    rows.append(
        (
            f"original style (BGD content), whole process, {no} frames",
            v["orig"],
            f"{po[0]:.1f} ms/frame",
            f"{po[1]:.1f} ms/frame",
        )
    )
    rows.append(
        (f"manim -ql linreg_bgd.py, whole process, {nb} frames", v["bgd"],
         f"{pb[0]:.1f} ms/frame  {po[0] / pb[0]:.1f}x faster  {_verdict(po[0] / pb[0] >= 10)} (>= 10x)",
         f"{pb[1]:.1f} ms/frame  {po[1] / pb[1]:.1f}x  {_verdict(po[1] / pb[1] >= 10)}")
    )  # fmt: skip
    return rows


# -- marginal frame ------------------------------------------------------------------------
class Floor(Scene):
    """manim's floor: one line moved by a ValueTracker updater over still axes."""

    run_time = 8.0

    def construct(self):
        ax = Axes(x_range=[0, 10, 1], y_range=[0, 10, 1], x_length=6, y_length=4)
        t = ValueTracker(0.0)
        line = Line(ax.c2p(0, 0), ax.c2p(10, 10), color="#FFD166")
        line.add_updater(
            lambda m: m.put_start_and_end_on(
                ax.c2p(0, t.get_value()), ax.c2p(10, 10 - t.get_value())
            )
        )
        self.add(ax, line)
        self.frames_before = _COUNT[0]
        t0, c0 = time.perf_counter(), time.process_time()
        self.play(t.animate.set_value(10.0), run_time=self.run_time, rate_func=linear)
        self.elapsed = (time.perf_counter() - t0, time.process_time() - c0)
        self.timed_frames = _COUNT[0] - self.frames_before


_COUNT = [0]


def ours(run_time: float) -> type:
    from maniml.scenes import LinRegScene

    settings = LinRegScene.settings.with_(run_time=run_time, intro_time=0.0, hold_time=0.0)

    class Timed(LinRegScene):
        def play_steps(self, start, stop):
            before = _COUNT[0]
            t0, c0 = time.perf_counter(), time.process_time()
            super().play_steps(start, stop)
            self.elapsed = (time.perf_counter() - t0, time.process_time() - c0)
            self.timed_frames = _COUNT[0] - before

    Timed.settings = settings
    return Timed


def floor(run_time: float) -> type:
    return type("TimedFloor", (Floor,), {"run_time": run_time})


def _timed(cls: type, quality: str, encoder: dict | None = None) -> tuple[tuple[float, float], int]:
    """Wall and CPU seconds (the whole process: the encoder thread too) of the timed play, and
    its frames. ``encoder``: x264 options for the run (default: manim's, which a maniml
    template replaces by its own, ``maniml.scenes.encoding.SOLO_X264_OPTIONS``)."""
    with tempfile.TemporaryDirectory() as media, tempconfig(
        {"quality": QUALITY[quality], "media_dir": media, "disable_caching": True,
         "verbosity": "ERROR", "progress_bar": "none", "video_encoder_options": encoder or {}}
    ):  # fmt: skip
        scene = cls()
        add = scene.renderer.add_frame

        def counting(frame, num_frames=1):
            _COUNT[0] += num_frames
            return add(frame, num_frames)

        scene.renderer.add_frame = counting
        scene.render()
        return scene.elapsed, scene.timed_frames


def marginal(
    quality: str, repeat: int, short: float, long: float
) -> tuple[tuple[float, float], tuple[float, float], tuple[float, float]]:
    """Milliseconds of one more frame (from two run times) of LinRegScene, of the floor with
    manim's encoder settings and of the floor with maniml's (the scene's own):
    ``((wall, CPU) of ours, (wall, CPU) of the floor, (wall, CPU) of the floor, same x264)``,
    medians of ``repeat``."""
    from maniml.scenes.encoding import SOLO_X264_OPTIONS

    out = []
    for make, enc in ((ours, None), (floor, None), (floor, SOLO_X264_OPTIONS)):
        per: list[tuple[float, float]] = []
        for _ in range(repeat):
            (e0, f0), (e1, f1) = (_timed(make(short), quality, enc),
                                  _timed(make(long), quality, enc))  # fmt: skip
            per.append(tuple((e1[i] - e0[i]) / (f1 - f0) * 1000 for i in (0, 1)))
        out.append(tuple(statistics.median(p[i] for p in per) for i in (0, 1)))
    return out[0], out[1], out[2]


def flatness(repeat: int) -> list[tuple[str, float, float]]:
    """Per-frame cost of the steps stage, ms: 50 vs 50,000 steps, 100 vs 10,000 points; and the
    steps pair per frame that shows a new picture. Runs with few steps (or big early steps) show
    one row for several frames; the composer does not draw such a frame again and the encoder
    converts it once, so their average frame is cheaper than that of a run whose picture changes
    at every frame. The two runs of a pair take turns, ``repeat`` times; medians."""
    from bench_scenes import FPS, maniml_scene, per_frame_ms

    from maniml.scenes.redraw import FrameComposer

    new_pictures = [0]
    compose = FrameComposer.compose

    def counting(self):
        before = self.members_drawn
        compose(self)
        new_pictures[0] += self.members_drawn > before

    def once(cls) -> tuple[float, float]:
        new_pictures[0] = 0
        ms, frames = per_frame_ms(cls, 1)
        return ms, ms * frames / max(new_pictures[0], 1)

    def pair(a, b) -> tuple[tuple[float, float], tuple[float, float]]:
        """Medians (per frame, per new picture) of ``a`` and ``b``, the two taking turns."""
        runs = [(once(a), once(b)) for _ in range(repeat)]
        return tuple(
            tuple(statistics.median(r[side][k] for r in runs) for k in (0, 1)) for side in (0, 1)
        )

    FrameComposer.compose = counting
    try:
        s50, s50k = pair(maniml_scene(optimizer="bgd", lr=0.1, epochs=50),
                         maniml_scene(optimizer="bgd", lr=0.001, epochs=50_000))  # fmt: skip
        p100, p10k = pair(maniml_scene(n_points=100, epochs=20, max_steps=2000),
                          maniml_scene(n_points=10_000, epochs=1, max_steps=2000))  # fmt: skip
        # the step count alone: 50 frames, linear pacing, so both runs show a new row each frame
        every = {"run_time": 50 / FPS, "pacing": "linear"}
        e50, e50k = pair(maniml_scene(optimizer="bgd", lr=0.1, epochs=50, **every),
                         maniml_scene(optimizer="bgd", lr=0.001, epochs=50_000, **every))  # fmt: skip
        rows = [("50 vs 50,000 steps (BGD)", s50[0], s50k[0]),
                ("100 vs 10,000 points (SGD)", p100[0], p10k[0]),
                ("  50 vs 50,000 steps, per new picture", s50[1], s50k[1]),
                ("  50 vs 50,000 steps, a new row every frame", e50[0], e50k[0])]  # fmt: skip
    finally:
        FrameComposer.compose = compose
    return rows


def main() -> None:
    global ROOT
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=["start", "marginal", "flatness"], default=None)
    parser.add_argument(
        "--root", type=Path, default=ROOT, help="checkout to time (default: this one)"
    )
    args = parser.parse_args()
    ROOT = args.root.resolve()
    sys.path[:0] = [str(ROOT), str(HERE)]
    repeat = 1 if args.quick else args.repeat
    print(f"maniml render bench; {platform.processor() or platform.machine()}, "
          f"python {platform.python_version()}, {os.cpu_count()} cores, median of {repeat}; timing {ROOT}")  # fmt: skip
    if args.only in (None, "start"):
        with tempfile.TemporaryDirectory() as tmp:
            rows = start_and_video(repeat, Path(tmp))
        print(f"\n{'process':58s} {'wall s':>7s} {'CPU s':>6s}  wall ratio / CPU ratio")
        for name, (wall, cpu), note, cpu_note in rows:
            print(f"{name:58s} {wall:7.2f} {cpu:6.2f}  {note}  /  {cpu_note}")
    # the in-process parts too use a temporary disk cache, never the user's
    own_cache = tempfile.TemporaryDirectory()
    os.environ["MANIML_CACHE_DIR"] = own_cache.name
    if args.only in (None, "marginal"):
        print(
            f"\n{'marginal frame':20s} {'LinRegScene':>12s} {'manim floor':>12s}  ratio      (CPU: ours, floor, ratio)"
        )
        for q, (a, b) in (("ql", (2.0, 8.0)), ("qh", (1.0, 3.0))):
            o, f, g = marginal(q, repeat, *((a / 2, b / 2) if args.quick else (a, b)))
            r, rc = o[0] / f[0], o[1] / f[1]
            print(
                f"{'-' + q:20s} {o[0]:9.2f} ms {f[0]:9.2f} ms  {r:.2f}x  {_verdict(r <= 1.5)} (<= 1.5x)"
                f"   CPU {o[1]:6.2f} ms {f[1]:6.2f} ms  {rc:.2f}x  {_verdict(rc <= 1.5)}"
            )
            print(
                f"{'  floor, same x264':20s} {'':12s} {g[0]:9.2f} ms  {o[0] / g[0]:.2f}x"
                f"{'':23s}CPU {'':9s} {g[1]:6.2f} ms  {o[1] / g[1]:.2f}x  (not the target: "
                "the floor encoded as maniml encodes)"
            )
    if args.only in (None, "flatness"):
        print("\nflatness (LinRegScene, same content as bench_scenes, ms per frame of the steps)")
        for name, a, b in flatness(repeat):
            r = b / a
            print(f"{name:46s} {a:7.2f} -> {b:7.2f}  {r:.2f}x  {_verdict(r <= 1.2)} (<= 1.2x)")


if __name__ == "__main__":
    main()
