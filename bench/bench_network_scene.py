"""Per-frame cost of the network classification scene against a fit scene's frame, at -ql.

Run from the repository root::

    .venv/bin/python bench/bench_network_scene.py           # about a minute on 2 cores
    .venv/bin/python bench/bench_network_scene.py --quick   # fewer frames, one repeat

What is timed: only the steps stage (``play_steps``: every frame of the run, Cairo drawing and
writing the movie included), not the fit nor building the parts. Each scene renders at 854x480,
15 fps, into a temporary media directory; each timing is the best of ``--repeat`` runs.

Scenes, all in this one process:

* ``LinRegScene`` -- the fit template's default look (the baseline);
* ``regions only`` -- the network scene with only the decision regions (100 x 100 grid, one
  forward pass and one image per frame) and the points: the marginal cost of the regions;
* ``network scene, all panels`` -- the default ready look: regions, diagram (88 weight lines,
  16 thumbnails), loss curves, read-outs.

Target (issue 13): the regions' frame <= 1.5 x the fit scene's frame. The whole default scene
(which also redraws the diagram, 16 thumbnails, two loss curves and the read-outs) is printed
for reference. The table says PASS or MISS; nothing is asserted.
"""

from __future__ import annotations

import argparse
import platform
import tempfile
import time

from manim import tempconfig

from maniml.scenes import LinRegScene, NNClassificationScene

FPS = 15
RUN_TIME = 8.0


def _timed(base, **changes):
    class Timed(base):
        def play_steps(self, start, stop):
            t0 = time.perf_counter()
            super().play_steps(start, stop)
            self.elapsed = time.perf_counter() - t0
            self.n_frames = stop - start

    Timed.settings = base.settings.with_(
        run_time=RUN_TIME, intro_time=0.0, hold_time=0.0, **changes
    )
    return Timed


def per_frame_ms(cls, repeat: int) -> tuple[float, int]:
    best, frames = float("inf"), 0
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as media, tempconfig(
            {"quality": "low_quality", "frame_rate": FPS, "media_dir": media,
             "disable_caching": True, "verbosity": "ERROR", "progress_bar": "none"}
        ):  # fmt: skip
            scene = cls()
            scene.render()
            frames = scene.n_frames
            best = min(best, scene.elapsed / max(frames, 1) * 1000.0)
    return best, frames


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    repeat = 1 if args.quick else args.repeat
    global RUN_TIME
    if args.quick:
        RUN_TIME = 4.0
    print(
        f"network scene bench, -ql {FPS} fps, {RUN_TIME:g} s run; "
        f"{platform.processor() or platform.machine()}, python {platform.python_version()}, "
        f"best of {repeat}"
    )
    base, nb = per_frame_ms(_timed(LinRegScene), repeat)
    regions, nr = per_frame_ms(
        _timed(
            NNClassificationScene, grid=100, show_diagram=False, show_loss=False,
            show_readout=False, show_key=False, show_title=False,
        ),
        repeat,
    )  # fmt: skip
    full, nf = per_frame_ms(_timed(NNClassificationScene, grid=100), repeat)
    rows = [
        ("LinRegScene (fit scene, default look)", base, nb, ""),
        (
            "network: regions 100 x 100 + points only",
            regions,
            nr,
            f"{regions / base:.2f}x  {'PASS' if regions <= 1.5 * base else 'MISS'} (<= 1.5x)",
        ),
        ("network scene, all panels (default)", full, nf, f"{full / base:.2f}x"),
    ]
    print(f"\n{'scene':44s} {'ms/frame':>9s} {'frames':>7s}  ratio to LinRegScene")
    for name, ms, n, note in rows:
        print(f"{name:44s} {ms:9.2f} {n:7d}  {note}")


if __name__ == "__main__":
    main()
