"""Linear regression's loss landscape: :class:`LinRegLandscapeScene` configured by
:class:`LinRegLandscapeSettings` (BGD, SGD and mini-batch paths over (intercept, slope)).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any, ClassVar

import numpy as np
from manim import DR, LEFT, UP, UR, Group, Scene, VMobject

from ...optimizers import BGD
from ...surfaces import ModelLoss
from ...trajectory import Trajectory
from ..contours import palette
from ..loss_chart import LossChart
from ..paths import PathTracer
from ..primitives import SansText
from ..readout import GlyphText
from ..theme import DARK, Theme
from ._legacy import (
    LandscapeSettings,
    _bad,
    _choice,
    _int,
    _place_text,
    _point,
    _range,
    _real,
    _Settings,
    _sig,
    _swatch,
    _Timeline,
)
from .layout import _fh, _fw, _Landscape
from .race import Racer

__all__ = [
    "LinRegLandscapeScene",
    "LinRegLandscapeSettings",
]


# -- linear regression: the loss over (intercept, slope) with BGD, SGD and mini-batch ----------------
def _default_methods() -> tuple[Racer, ...]:
    from ...optimizers import SGD, MiniBatchGD

    return (
        Racer("BGD", BGD(0.1)),
        Racer("SGD", SGD(0.02)),
        Racer("Mini-batch (8)", MiniBatchGD(0.05, 8)),
    )


@dataclass(frozen=True)
class LinRegLandscapeSettings(_Settings):
    """Settings of :class:`LinRegLandscapeScene`.

    Attributes
    ----------
    data : str, (X, y) or Dataset
        As the fit scenes' ``data`` setting (``'linear'``, ``'diabetes'`` with one feature, a CSV
        path, arrays); one feature.
    data_options : dict or None
        Passed to the data set's generator (default ``{'n': 40}`` for ``'linear'``).
    methods : tuple of Racer
        The runs, each with its optimiser (BGD, SGD, MiniBatchGD and any update rule).
    featured : int
        Index of the run whose batches are ringed in the data panel (its line is drawn thickest).
    epochs : int
        Passes over the data; all runs are shown in step with each other by epoch.
    seed : int
        Shuffling seed (and the seed of generated data).
    init : (intercept, slope)
        The common start.
    x_range, y_range : (low, high) or None
        Intercept and slope ranges of the landscape; around the paths and the optimum when None.
    resolution, image_resolution, levels, level_scale, filled, bands, heat_colors
        As in :class:`LandscapeSettings`.
    show_loss : bool
        Loss curves of every run (log10 of loss minus the least-squares loss) by epoch.
    theme, run_time, end_wait, max_vertices, title
    """

    data: Any = "linear"
    data_options: dict | None = None
    methods: tuple[Racer, ...] = field(default_factory=_default_methods)
    featured: int = 2
    epochs: int = 15
    seed: int = 0
    init: tuple[float, float] = (-2.0, -2.0)
    x_range: tuple[float, float] | None = None
    y_range: tuple[float, float] | None = None
    resolution: int = 121
    image_resolution: int = 320
    levels: int = 12
    level_scale: str = "auto"
    filled: bool = True
    bands: bool = True
    heat_colors: tuple[str, ...] | None = None
    show_loss: bool = True
    theme: Theme = DARK
    run_time: float = 10.0
    end_wait: float = 2.0
    max_vertices: int = 1500
    title: str | None = None
    smooth: bool = False

    def _validate(self, where: str) -> None:
        if (
            isinstance(self.methods, Racer)
            or not 1 <= len(self.methods) <= 6
            or not all(isinstance(m, Racer) for m in self.methods)
        ):
            raise _bad("methods", where, "a tuple of 1 to 6 Racer(name, optimizer)", self.methods)
        _int(self.featured, "featured", where, low=0, high=len(self.methods) - 1)
        _int(self.epochs, "epochs", where, low=1, high=100_000)
        _int(self.seed, "seed", where, low=0, high=2**32 - 1)
        object.__setattr__(self, "init", _point(self.init, 2, "init", where))
        if self.init is None:
            raise _bad("init", where, "an (intercept, slope) pair", None)
        object.__setattr__(self, "x_range", _range(self.x_range, "x_range", where))
        object.__setattr__(self, "y_range", _range(self.y_range, "y_range", where))
        _int(self.resolution, "resolution", where, low=8, high=1000)
        _int(self.image_resolution, "image_resolution", where, low=16, high=2000)
        _int(self.levels, "levels", where, low=1, high=60)
        _choice(self.level_scale, "level_scale", where, ("auto", "linear", "log"))
        if not isinstance(self.theme, Theme):
            raise _bad("theme", where, "a maniml Theme", self.theme)
        _real(self.run_time, "run_time", where, low=0.0, strict_low=True)
        _real(self.end_wait, "end_wait", where, low=0.0)

    def dataset(self) -> tuple[np.ndarray, np.ndarray]:
        """The data ``(X, y)`` with one feature."""
        from ..sources import resolve_data

        where = "LinRegLandscapeSettings"
        options = self.data_options
        if options is None and self.data == "linear":
            options = {"n": 40}
        d = resolve_data(self.data, where=where, options=options, seed=self.seed)
        X = np.asarray(d.X, dtype=float).reshape(len(d.y), -1)
        if X.shape[1] != 1:
            raise _bad(
                "data", where, "data with one feature (a line over x)", f"{X.shape[1]} features"
            )
        return X, np.asarray(d.y, dtype=float)

    def runs(self) -> list[tuple[Racer, Trajectory]]:
        """One :func:`maniml.fit` run of linear regression per method, same data, start, seed."""
        from ...models import LinearRegression
        from ...training import fit

        X, y = self.dataset()
        return [
            (
                m,
                fit(LinearRegression(), X, y, m.optimizer, epochs=self.epochs, seed=self.seed,
                    init=np.asarray(self.init)),
            )
            for m in self.methods
        ]  # fmt: skip


class LinRegLandscapeScene(_Timeline, Scene):
    """Linear regression's loss over (intercept, slope) as filled contours, with the paths of
    BGD, SGD and mini-batch gradient descent on it, in step by epoch with the data panel (the
    fit scenes' :class:`~maniml.scenes.panels.DataPanel`: data, model lines, the featured run's
    batch) and the loss curves.

    Configure with ``settings = LinRegLandscapeScene.settings.with_(...)``
    (:class:`LinRegLandscapeSettings`).
    """

    settings: ClassVar[LinRegLandscapeSettings] = LinRegLandscapeSettings()

    def _settings_type(self) -> type:
        return LinRegLandscapeSettings

    def prepare(self) -> None:
        from ...models import LinearRegression

        s = self.s
        self.runs = s.runs()
        self.X, self.y = self.runs[0][1].X, self.runs[0][1].y
        self.n_steps = s.epochs  # the tracker counts epochs
        self.per_epoch = [t.n_steps / max(1, int(t.epoch[-1])) for _, t in self.runs]
        pal = palette(s.theme)
        self.colours = [m.color or pal[i % len(pal)] for i, (m, _) in enumerate(self.runs)]
        obj = ModelLoss(model=LinearRegression(), X=self.X, y=self.y)
        opt = obj.minima[0]
        pts = np.concatenate([t.params for _, t in self.runs] + [opt[None]])
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        pad = 0.08 * (hi - lo).max()
        box = ((lo[0] - pad, hi[0] + pad), (lo[1] - pad, hi[1] + pad))
        self.objective = replace(obj, box=box)
        self.fmin = float(self.objective(opt))

    def row_at(self, i: int) -> float:
        """Fractional row of run ``i`` at the tracker's epoch."""
        t = self.runs[i][1]
        return min(self.tracker.get_value() * self.per_epoch[i], float(t.n_steps))

    def build_still(self) -> None:
        from ..panels import DataPanel

        s, theme = self.s, self.s.theme
        self.camera.background_color = theme.background
        fw, fh = _fw(), _fh()
        land_s = LandscapeSettings(
            function=self.objective,
            x_range=s.x_range,
            y_range=s.y_range,
            resolution=s.resolution,
            image_resolution=s.image_resolution,
            levels=s.levels,
            level_scale=s.level_scale,
            filled=s.filled,
            bands=s.bands,
            heat_colors=s.heat_colors,
            theme=theme,
        )
        side = fh - 1.9  # room below for tick labels and the axis title
        self.land = _Landscape(land_s, [t.params for _, t in self.runs], side, side)
        self.land.axes.x_title.become(
            SansText("intercept θ₀", font_size=18, color=theme.text).move_to(self.land.axes.x_title)
        )
        self.land.axes.y_title.become(
            SansText("slope θ₁", font_size=18, color=theme.text).move_to(
                self.land.axes.y_title, aligned_edge=LEFT
            )
        )
        g = Group(*self.land.mobjects())
        g.move_to([-fw / 2 + 0.4 + g.width / 2, 0, 0])
        g.align_to([0, fh / 2 - 0.2, 0], UP)
        self.add(*self.land.mobjects())
        self.ax = self.land.axes
        col = -fw / 2 + 0.4 + g.width + 0.5
        col_w = fw / 2 - col - 0.3
        self.col_x = col
        title = s.title or "Linear regression: loss over (θ₀, θ₁)"
        self.title = SansText(title, font_size=24, color=theme.text)
        if self.title.width > col_w:
            self.title.scale_to_fit_width(col_w)
        self.title.move_to([col, fh / 2 - 0.4, 0], aligned_edge=LEFT)
        self.add(self.title)
        featured = self.runs[s.featured][1]
        self.panel = DataPanel(featured, theme=theme, width=col_w, height=2.8, font_size=14)
        self.panel.model.set_stroke(self.colours[s.featured], width=4)
        self.panel.move_to([col + col_w / 2, 0, 0])
        self.panel.align_to([0, self.title.get_bottom()[1] - 0.55, 0], UP)
        self.add(self.panel.still)
        # Legend rows: swatch, name, then live epoch / loss.
        y0 = self.panel.get_bottom()[1] - 0.35
        self.row_y = []
        names = [SansText(m.name, font_size=17, color=theme.text) for m, _ in self.runs]
        name_w = max(n.width for n in names)
        for i, (name, c) in enumerate(zip(names, self.colours, strict=True)):
            yy = y0 - 0.36 * i
            self.add(_swatch(c, 0.35, 6).move_to([col + 0.18, yy + 0.07, 0]))
            self.add(name.move_to([col + 0.5, yy + 0.07, 0], aligned_edge=LEFT))
            self.row_y.append(yy)
        self.loss_x = col + 0.5 + name_w + 0.25
        self.chart = None
        if s.show_loss:
            top = self.row_y[-1] - 0.3
            h = top - (-fh / 2 + 0.25) - 0.8
            self.chart = LossChart(
                [t.loss for _, t in self.runs],
                self.colours,
                floor=self.fmin,
                log=True,
                width=col_w - 0.7,
                height=max(h, 0.8),
                theme=theme,
                font_size=13,
                stroke_width=2.0,
                x_per_row=[1.0 / d for d in self.per_epoch],
                x_max=s.epochs,
                x_label="epoch",
            )
            if self.chart.height > top - (-fh / 2 + 0.25):
                self.chart.scale_to_fit_height(top - (-fh / 2 + 0.25))
            self.chart.move_to([fw / 2 - 0.3, -fh / 2 + 0.25, 0], aligned_edge=DR)
            label = SansText("log₁₀(loss − least-squares loss)", font_size=14, color=theme.muted)
            label.move_to(self.chart.axes.c2p(*self.chart.axes.box[1::2]), aligned_edge=UR)
            self.add(self.chart.axes, label)

    def build_moving(self) -> None:
        s, theme, ax = self.s, self.s.theme, self.ax
        self.tracers = []
        for i, ((_m, t), c) in enumerate(zip(self.runs, self.colours, strict=True)):
            tr = PathTracer(
                t.params, ax.xy_to_points, ax.box, color=c, stroke_width=2.2,
                max_vertices=s.max_vertices, marker_radius=0.07,
            )  # fmt: skip
            tr.add_updater(lambda m, i=i: m.set_progress(self.row_at(i)))
            self.tracers.append(tr)
        self.add(*self.tracers, *[t.marker for t in self.tracers])
        # Other runs' model lines in the data panel (the featured one is the panel's own).
        from ..panels import line_in_box

        pax = self.panel.axes
        self.lines = []
        for i, c in enumerate(self.colours):
            if i == s.featured:
                continue
            line = VMobject(stroke_color=c, stroke_width=2.5, stroke_opacity=0.9)

            def upd(m, i=i):
                k = math.floor(self.row_at(i))
                theta = self.runs[i][1].params[k]
                seg = line_in_box((theta[0], theta[1], -1.0), pax.box)
                if seg is None:
                    m.clear_points()
                else:
                    m.set_points_as_corners(pax.xy_to_points(np.stack(seg)))

            line.add_updater(upd)
            self.lines.append(line)
        self.panel.add_updater(lambda p: p.set_row(math.floor(self.row_at(s.featured))))
        self.add(*self.lines, self.panel.moving)
        self.add(self.panel)  # keeps the panel's updater running (its parts are already added)
        if self.chart is not None:
            for i, curve in enumerate(self.chart.curves):
                curve.add_updater(lambda m, i=i: m.set_progress(self.row_at(i)))
            self.add(*self.chart.curves)
        self.r_loss = []
        for yy in self.row_y:
            r = GlyphText("", font_size=16, color=theme.text)
            _place_text(r, [self.loss_x, yy, 0])
            self.r_loss.append(r)
        self.r_epoch = GlyphText("", font_size=18, color=theme.muted)
        _place_text(self.r_epoch, [self.col_x, self.title.get_bottom()[1] - 0.38, 0])
        width = len(str(s.epochs))

        def update(_m):
            e = self.tracker.get_value()
            self.r_epoch.set_text(f"epoch {e:{width + 2}.1f} / {s.epochs}")
            for i, r in enumerate(self.r_loss):
                t = self.runs[i][1]
                k = math.floor(self.row_at(i))
                r.set_text(f"step {k:>{len(str(t.n_steps))}d}  loss {_sig(t.loss[k])}")

        self.r_epoch.add_updater(update)
        self.add(self.r_epoch, *self.r_loss)

    def show_ending(self) -> None:
        pass
