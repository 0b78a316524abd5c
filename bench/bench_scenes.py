"""Per-frame cost of the linear-regression fit scene against the original ManiML style, at -ql.

Run from the repository root::

    .venv/bin/python bench/bench_scenes.py           # about a minute and a half on 2 cores
    .venv/bin/python bench/bench_scenes.py --quick   # fewer frames, one repeat

What is timed: only the frames of the run (the part of ``construct`` that plays the steps),
including Cairo drawing and writing the movie; not the fit, not building the axes and labels.
Every scene renders at 854x480, 15 fps, into a temporary media directory with caching disabled.
Each timing is the best of ``--repeat`` runs.

Scenes compared (same content: title, axes, 50 points, the model line, the SGD sample ringed,
the loss curve with its marker, read-outs of step, intercept, slope and loss):

* ``original style`` -- one ``self.play(Transform(...))`` per shown step, as the original ManiML
  scenes: a ``Dot`` per point, a new line, ring and loss curve built each step and transformed
  into the old ones, ``DecimalNumber(mob_class=Text)`` read-outs animated to their new values;
  it shows the same rows as the maniml scene, one frame per step;
* ``maniml LinRegScene`` -- the template with the same panels (formulas and residuals off);
* ``maniml LinRegScene, all panels`` -- the default look, for reference.

Then flatness: the maniml scene's per-frame cost for 50 vs 50,000 steps, and for 100 vs
10,000 points (residuals off, as they are by default above 300 points).

Targets: maniml / original <= 0.1; 50,000 / 50 steps and 10,000 / 100 points within 1.2x.
The table says PASS or MISS; nothing is asserted.
"""

from __future__ import annotations

import argparse
import platform
import tempfile
import time

import numpy as np
from manim import (
    DOWN,
    LEFT,
    RIGHT,
    UP,
    ChangeDecimalToValue,
    Circle,
    DecimalNumber,
    Dot,
    Scene,
    Text,
    Transform,
    VGroup,
    VMobject,
    linear,
    tempconfig,
)

import maniml
from maniml.scenes import BoxAxes, LinRegScene, nice_range

FPS = 15
RUN_TIME = 8.0


def _data(n: int, seed: int = 0):
    return maniml.make_linear(n=n, seed=seed)


class OriginalStyle(Scene):
    """One ``self.play(Transform(...))`` per shown step, the original ManiML way."""

    n_points = 50
    epochs = 3
    frames = int(RUN_TIME * FPS)
    readouts = "decimal"  # DecimalNumber(mob_class=Text) animated with ChangeDecimalToValue

    def setup(self):
        X, y = _data(self.n_points)
        self.traj = maniml.fit(
            maniml.LinearRegression(), X, y, maniml.SGD(0.05), epochs=self.epochs, seed=0
        )

    def construct(self):
        traj = self.traj
        X, y = traj.X[:, 0], traj.y
        title = Text("Linear regression · SGD · η = 0.05", font_size=30).to_edge(UP)
        xr, yr = nice_range(X.min(), X.max(), 5), nice_range(y.min(), y.max(), 5)
        ax = BoxAxes(xr, yr, width=5.8, height=4.6).to_edge(LEFT).shift(DOWN * 0.3)
        lr_ = (0.0, float(traj.n_steps), max(1.0, float(traj.n_steps) // 4))
        lax = BoxAxes(lr_, nice_range(0, traj.loss.max(), 4), width=5.0, height=2.2)
        lax.to_edge(RIGHT).shift(UP * 1.6)
        dots = VGroup(
            *[Dot(ax.c2p(a, b), radius=0.06, color="#58C4DD") for a, b in zip(X, y, strict=True)]
        )
        x0, x1 = xr[0], xr[1]

        def line_at(k):
            t0, t1 = traj.params[k]
            return VMobject(stroke_color="#FFD166", stroke_width=4).set_points_as_corners(
                [
                    ax.c2p(x0, np.clip(t0 + t1 * x0, *yr[:2])),
                    ax.c2p(x1, np.clip(t0 + t1 * x1, *yr[:2])),
                ]
            )

        def ring_at(k):
            i = int(traj.batch_indices[max(k - 1, 0)][0])
            return Circle(radius=0.12, color="#FF4FD8").move_to(ax.c2p(X[i], y[i]))

        def curve_at(k):
            r = np.arange(k + 1)
            pts = lax.c2p(r.astype(float), traj.loss[: k + 1]).reshape(-1, 3)
            if len(pts) < 2:
                pts = np.vstack([pts, pts])
            return VMobject(stroke_color="#83C167", stroke_width=3).set_points_as_corners(pts)

        labels = VGroup(*[Text(s, font_size=22) for s in ("step", "θ0", "θ1", "loss")])
        for i, lab in enumerate(labels):
            lab.move_to([1.5, -0.6 - 0.5 * i, 0], aligned_edge=LEFT)

        def texts_at(k):
            values = (f"{k}", *(f"{v:.3f}" for v in (*traj.params[k], traj.loss[k])))
            group = VGroup(*[Text(v, font_size=22) for v in values])
            for lab, t in zip(labels, group, strict=True):
                t.next_to(lab, RIGHT, buff=0.4)
            return group

        if self.readouts == "decimal":
            numbers = VGroup(
                *[
                    DecimalNumber(0, num_decimal_places=3, mob_class=Text, font_size=22)
                    for _ in range(4)
                ]
            )
            numbers[0].num_decimal_places = 0
            for lab, num in zip(labels, numbers, strict=True):
                num.next_to(lab, RIGHT, buff=0.4)
        else:
            numbers = texts_at(0)
        line, ring, curve = line_at(0), ring_at(0), curve_at(0)
        self.add(title, ax, lax, dots, labels, line, ring, curve, numbers)
        rows = traj.frame_rows(self.frames)
        start = time.perf_counter()
        for k in rows[1:]:
            k = int(k)
            values = (k, *traj.params[k], traj.loss[k])
            if self.readouts == "decimal":
                readouts = [
                    ChangeDecimalToValue(n, v) for n, v in zip(numbers, values, strict=True)
                ]
            else:
                readouts = [Transform(numbers, texts_at(k))]
            self.play(
                Transform(line, line_at(k)),
                Transform(ring, ring_at(k)),
                Transform(curve, curve_at(k)),
                *readouts,
                run_time=1.0 / FPS,
                rate_func=linear,
            )
        self.elapsed = time.perf_counter() - start


class OriginalStyleBGD(OriginalStyle):
    """The original style on ``scenes/linreg_bgd.py``'s content (50 points, BGD, lr = 0.1, 60
    steps), for timing as a whole process: ``manim -ql bench/bench_scenes.py OriginalStyleBGD``."""

    n_points = 50

    def setup(self):
        X, y = _data(self.n_points)
        self.traj = maniml.fit(maniml.LinearRegression(), X, y, maniml.BGD(0.1), epochs=60, seed=0)


class OriginalStyleText(OriginalStyle):
    """The same, with read-outs rebuilt as ``Text`` each step and transformed (cheaper)."""

    readouts = "text"


def maniml_scene(*, n_points=50, epochs=3, optimizer="sgd", lr=0.05, max_steps=None, full=False,
                 **changes):  # fmt: skip
    """``LinRegScene`` on the bench's content, its steps stage timed (``elapsed``); ``changes``
    are further settings (e.g. ``run_time``, ``pacing``)."""
    settings = LinRegScene.settings.with_(
        data="linear", data_options={"n": n_points}, optimizer=optimizer, lr=lr, epochs=epochs,
        max_steps=max_steps, run_time=RUN_TIME, intro_time=0.0, hold_time=0.0,
    ).with_(**changes)  # fmt: skip
    if not full:
        settings = settings.with_(show_formula=False, show_residuals=False, show_optimum=False)

    class Timed(LinRegScene):
        def play_steps(self, start, stop):
            t0 = time.perf_counter()
            super().play_steps(start, stop)
            self.elapsed = time.perf_counter() - t0

    Timed.settings = settings
    return Timed


def per_frame_ms(cls, repeat: int) -> tuple[float, int]:
    """Best-of-``repeat`` milliseconds per frame of the timed part, and the frame count."""
    best, frames = float("inf"), 0
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as media, tempconfig(
            {"quality": "low_quality", "frame_rate": FPS, "media_dir": media,
             "disable_caching": True, "verbosity": "ERROR", "progress_bar": "none"}
        ):  # fmt: skip
            scene = cls()
            counted = [0]
            add_frame = scene.renderer.add_frame

            def counting(frame, num_frames=1, _add=add_frame, counted=counted):
                counted[0] += num_frames
                return _add(frame, num_frames)

            scene.renderer.add_frame = counting
            scene.render()
            frames = counted[0]
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
        OriginalStyle.frames = OriginalStyleText.frames = int(RUN_TIME * FPS)

    print(f"manim fit-scene bench, -ql {FPS} fps, {RUN_TIME:g} s run; {platform.processor() or platform.machine()}, "
          f"python {platform.python_version()}, best of {repeat}")  # fmt: skip
    rows = []
    base, nb = per_frame_ms(OriginalStyle, repeat)
    rows.append(("original style, DecimalNumber read-outs", base, nb, ""))
    base_t, nt = per_frame_ms(OriginalStyleText, repeat)
    rows.append(("original style, Text read-outs", base_t, nt, ""))
    ours, no = per_frame_ms(maniml_scene(), repeat)
    r1, r2 = ours / base, ours / base_t
    verdict = "PASS" if max(r1, r2) <= 0.1 else "MISS"
    rows.append(
        ("maniml LinRegScene, same content", ours, no, f"{r1:.3f}x / {r2:.3f}x  {verdict} (<= 0.1)")
    )
    full, nf = per_frame_ms(maniml_scene(full=True), repeat)
    rows.append(
        ("maniml LinRegScene, all panels", full, nf, f"{full / base:.3f}x / {full / base_t:.3f}x")
    )
    print(f"\n{'scene':42s} {'ms/frame':>9s} {'frames':>7s}  ratio to original (Decimal / Text)")
    for name, ms, n, note in rows:
        print(f"{name:42s} {ms:9.2f} {n:7d}  {note}")

    print("\nflatness (maniml LinRegScene, same content)")
    s50, _ = per_frame_ms(maniml_scene(optimizer="bgd", lr=0.1, epochs=50), repeat)
    s50k, _ = per_frame_ms(maniml_scene(optimizer="bgd", lr=0.001, epochs=50_000), repeat)
    p100, _ = per_frame_ms(maniml_scene(n_points=100, epochs=20, max_steps=2000), repeat)
    p10k, _ = per_frame_ms(maniml_scene(n_points=10_000, epochs=1, max_steps=2000), repeat)
    for name, a, b in (
        ("50 vs 50,000 steps (BGD)", s50, s50k),
        ("100 vs 10,000 points (SGD, 2000 steps)", p100, p10k),
    ):
        r = b / a
        print(
            f"{name:40s} {a:7.2f} -> {b:7.2f} ms/frame  {r:.2f}x  {'PASS' if r <= 1.2 else 'MISS'} (<= 1.2)"
        )


if __name__ == "__main__":
    main()
