# manim -pql examples/custom_layout.py SideBySide
"""Reuse 2: your own template, with maniml's panels in your own layout.

Two runs of the same problem, SGD and batch GD, side by side, each with its data panel and its
loss curve, on one clock. The scene is built on maniml's framework (``Template``): it gets the
stages (build-up, steps, end), the pacing by motion, ``timeline_of`` and segments for free; it
only says what the runs are, what is drawn, and what each frame shows.
"""

import numpy as np
from manim import DOWN, UP, Scene

import maniml
from maniml.scenes import DataPanel, LossPanel, SansText, SceneSettings, Template
from maniml.scenes.timeline import path_motion


class SideBySide(Template, Scene):
    settings = SceneSettings(run_time=8.0, hold_time=1.0)

    def prepare(self):
        X, y = maniml.make_linear(n=40, seed=2)
        self.runs = {
            "SGD": maniml.fit(maniml.LinearRegression(), X, y, maniml.SGD(0.05), epochs=3, seed=0),
            "BGD": maniml.fit(maniml.LinearRegression(), X, y, maniml.BGD(0.05), epochs=120),
        }
        self.trajectories = tuple(self.runs.values())
        self.trajectory = self.runs["SGD"]  # both runs take 120 steps: the clock counts them

    def step_motion(self):
        """Pace by whichever run moves more at each step."""
        motions = []
        for t in self.trajectories:
            p = t.params
            motions.append(path_motion(p, p.min(axis=0), p.max(axis=0)))
        return np.maximum(*motions)

    def build(self):
        self.camera.background_color = self.theme.background
        self.panels = []
        for col, (name, traj) in zip((-3.55, 3.55), self.runs.items(), strict=True):
            data = DataPanel(traj, theme=self.theme, width=6.6, height=4.3, show_residuals=False)
            data.move_to([col, 1.05, 0])
            loss = LossPanel(traj, theme=self.theme, width=6.6, height=2.3)
            loss.next_to(data, DOWN, buff=0.2)
            title = SansText(f"{name}: {traj.n_steps} steps", font_size=26, color=self.theme.text)
            self.add_still(title.next_to(data, UP, buff=0.1))
            self.panels += [data, loss]
        self.add_still(*[p.still for p in self.panels])
        self.add_moving(*[p.moving for p in self.panels])

    def show_position(self, position, frame):
        for p in self.panels:  # each panel shows its own run's row (set_row clamps to the run)
            p.set_row(int(position))
