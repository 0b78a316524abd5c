# manim -pql examples/custom_layout.py SideBySide
"""Reuse 2: combine maniml panels in your own layout.

Two runs of the same problem, SGD and batch GD, side by side, each with its data panel and its
loss curve, driven by one ValueTracker. The panels come from ``maniml.scenes``; the scene is
plain Manim. Still parts are added first (drawn once per play), moving parts last.
"""

from manim import DOWN, UP, Scene, ValueTracker, linear

import maniml
from maniml.scenes import DARK, DataPanel, LossPanel, SansText, add_panels


class SideBySide(Scene):
    def construct(self):
        self.camera.background_color = DARK.background
        X, y = maniml.make_linear(n=40, seed=2)
        runs = {
            "SGD": maniml.fit(maniml.LinearRegression(), X, y, maniml.SGD(0.05), epochs=3, seed=0),
            "BGD": maniml.fit(maniml.LinearRegression(), X, y, maniml.BGD(0.05), epochs=120),
        }
        panels, titles = [], []
        for col, (name, traj) in zip((-3.55, 3.55), runs.items(), strict=True):
            data = DataPanel(traj, width=6.6, height=4.3, show_residuals=False)
            data.move_to([col, 1.05, 0])
            loss = LossPanel(traj, width=6.6, height=2.3).next_to(data, DOWN, buff=0.2)
            title = SansText(f"{name}: {traj.n_steps} steps", font_size=26, color=DARK.text)
            titles.append(title.next_to(data, UP, buff=0.1))
            panels += [data, loss]
        self.add(*titles)
        progress = ValueTracker(0.0)
        add_panels(self, *panels, between=[progress])

        # one clock: both runs reach their end together; each panel shows its own row
        frames = int(8 * 15)
        rows = {id(p): p.traj.frame_rows(frames) for p in panels}

        def update(dt):
            t = progress.get_value()
            for p in panels:
                r = rows[id(p)]
                p.set_row(int(r[int(round(t * (len(r) - 1)))]))

        self.add_updater(update)
        self.play(progress.animate.set_value(1.0), run_time=8, rate_func=linear)
        self.wait(1)
