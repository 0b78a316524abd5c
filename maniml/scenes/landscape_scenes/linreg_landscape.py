"""A model's loss landscape over (theta0, theta1): :class:`ModelLandscapeScene` configured by
:class:`ModelLandscapeSettings` (BGD, SGD and mini-batch paths on the loss of linear or logistic
regression with one feature, beside the data panel and the loss curves), with the ready-made
:class:`LinRegLandscapeScene` (:class:`LinRegLandscapeSettings`) and
:class:`LogRegLandscapeScene` (:class:`LogRegLandscapeSettings`).

The runs take different numbers of steps per epoch (BGD one, SGD one per sample); the clock
counts epochs, so they are shown in step with each other: at clock position ``e`` run ``i``
is at row ``e * steps_per_epoch[i]``.

The optimum (the 'x' on the landscape, the floor of the loss chart, the dashed model in the
data panel) is :func:`maniml.model_optimum`: the closed form (least squares) for linear
regression, L-BFGS (:func:`scipy.optimize.minimize`) on the model's loss and gradient for
logistic regression.

Examples
--------
>>> from maniml.scenes import timeline_of
>>> tl = timeline_of(LinRegLandscapeScene, frame_rate=15)
>>> tl.trajectory.n_steps, int(tl.rows[-1]), len(tl.trajectories)
(75, 75, 3)
>>> ModelLandscapeSettings().with_(model="Logistic").data_source
'sigmoid'
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, replace
from typing import Any, ClassVar

import numpy as np
from manim import DR, LEFT, RIGHT, UP, UR, Group, Scene, VMobject

from ...optimizers import BGD
from ...surfaces import ModelLoss
from ...trajectory import Trajectory
from ..contours import palette
from ..fit_settings import check_data_options, data_setting
from ..loss_chart import LossChart
from ..numbers import compact_number
from ..panels import DataPanel, line_in_box
from ..paths import PathTracer
from ..primitives import SansText, Scatter
from ..readout import GlyphText
from ..settings import SceneSettings, boolean, choice, integer, mapping, point, real, setting
from ..sources import MODELS, resolve_data
from ..sources import setting_error as _bad
from ..theme import distinct_colours
from ..timeline import path_motion
from ._common import (
    LandscapeSettings,
    LandscapeTemplate,
    _cross,
    _place_text,
    _swatch,
    dots_note,
)
from .layout import _fh, _fw, _Landscape, _view_ranges
from .race import Racer

__all__ = [
    "LinRegLandscapeScene",
    "LinRegLandscapeSettings",
    "LogRegLandscapeScene",
    "LogRegLandscapeSettings",
    "ModelLandscapeScene",
    "ModelLandscapeSettings",
]

#: The checks of the landscape look settings, shared with :class:`LandscapeSettings`.
_LOOK = {f.name: f.metadata["check"] for f in fields(LandscapeSettings) if "check" in f.metadata}


# -- a model's loss over (intercept, weight) with BGD, SGD and mini-batch --------------------------
def _default_methods() -> tuple[Racer, ...]:
    """The linear-regression runs."""
    from ...optimizers import SGD, MiniBatchGD

    return (
        Racer("BGD", BGD(0.1)),
        Racer("SGD", SGD(0.02)),
        Racer("Mini-batch (8)", MiniBatchGD(0.05, 8)),
    )


def _logistic_methods() -> tuple[Racer, ...]:
    """The logistic-regression runs (its loss is flatter: larger rates)."""
    from ...optimizers import SGD, MiniBatchGD

    return (
        Racer("BGD", BGD(1.0)),
        Racer("SGD", SGD(0.03)),
        Racer("Mini-batch (8)", MiniBatchGD(0.3, 8)),
    )


#: Per model: default data, runs and start, the words on screen, and the room kept around the
#: optimum in the default view (a share of the paths' span on every side, so that the optimum
#: is never on the window's edge and the contours closing around it show).
_MODEL = {
    "linear": {
        "data": "linear", "methods": _default_methods, "init": (-2.0, -2.0),
        "name": "Linear regression", "slope": "slope θ₁", "floor": "least-squares loss",
        "around": 0.3,
    },
    "logistic": {
        "data": "sigmoid", "methods": _logistic_methods, "init": (-3.0, -1.5),
        "name": "Logistic regression", "slope": "weight θ₁", "floor": "loss at the optimum",
        "around": 0.3,
    },
}  # fmt: skip

#: Named data sets without 0/1 labels (not for the logistic model).
_REGRESSION_DATA = ("linear", "diabetes")
_LABELS = "data with labels 0 and 1 for the logistic model (e.g. 'sigmoid')"


def _methods(v: Any, name: str, where: str) -> tuple[Racer, ...] | None:
    """A check: 1 to 6 :class:`Racer` entries, stored as a tuple (None: the model's runs)."""
    allowed = "a tuple of 1 to 6 Racer(name, optimizer)"
    if v is None:
        return None
    if isinstance(v, Racer | str) or not hasattr(v, "__len__") or not 1 <= len(v) <= 6:
        raise _bad(name, where, allowed, v)
    if not all(isinstance(m, Racer) for m in v):
        raise _bad(name, where, allowed, v)
    return tuple(v)


def _data(v: Any, name: str, where: str) -> Any:
    """A check: None (the model's data set) or a ``data`` setting."""
    return None if v is None else data_setting(v, name, where)


def _options(v: Any, name: str, where: str) -> dict[str, Any] | None:
    """A check: None (the data set's defaults) or a dict of keyword arguments."""
    return None if v is None else mapping()(v, name, where)


@dataclass(frozen=True, eq=False)
class ModelLandscapeSettings(SceneSettings):
    """Settings of :class:`ModelLandscapeScene` (on top of
    :class:`~maniml.scenes.settings.SceneSettings`: theme, title, run_time, intro_time,
    hold_time, pacing, segment).

    Attributes
    ----------
    model : {'linear', 'logistic'}
        Linear regression (mean squared error) or logistic regression (mean cross-entropy) on
        one feature. Names ignore case.
    data : str, (X, y), Dataset or None
        As the fit scenes' ``data`` setting (``'linear'``, ``'sigmoid'``, ``'diabetes'`` with one
        feature, a CSV path, arrays); one feature; labels 0/1 whose classes overlap for the
        logistic model (separated classes have no finite optimum). None: ``'linear'`` for the
        linear model, ``'sigmoid'`` for the logistic one. Names ignore case.
    data_options : dict or None
        Passed to the data set's generator (default ``{'n': 40}`` for ``'linear'``), checked
        against its signature.
    methods : tuple of Racer or None
        The runs, each with its optimiser (BGD, SGD, MiniBatchGD and any update rule). None:
        the model's BGD, SGD and mini-batch (8) runs (linear: lr 0.1, 0.02, 0.05; logistic:
        lr 1.0, 0.03, 0.3).
    featured : int
        Index of the run whose batches are ringed in the data panel (its line is drawn thickest).
    epochs : int
        Passes over the data; all runs are shown in step with each other by epoch.
    seed : int
        Shuffling seed (and the seed of generated data).
    init : (intercept, weight) or None
        The common start; None: (-2, -2) for the linear model, (-3, -1.5) for the logistic one.
    x_range, y_range : (low, high) or None
        Intercept and weight ranges of the landscape; around the paths and the optimum when None.
    resolution, image_resolution, levels, level_scale, filled, bands, heat_colors, max_vertices
        As in :class:`~maniml.scenes.landscape_scenes.LandscapeSettings`.
    fade : float
        The trail: the last ``fade`` epochs of each path are drawn brighter the newer they are,
        older parts faint (0: whole paths at full opacity; at the end every path is shown whole).
    step_dots : bool
        A small dot at every visited point (thinned where they would touch).
    show_loss : bool
        Loss curves of every run (log10 of the loss minus the loss at the optimum) by epoch.
    smooth : bool
        Glide between rows (the paths already grow continuously within an epoch).

    Examples
    --------
    >>> s = ModelLandscapeSettings().with_(model="Logistic")
    >>> s.model, s.data_source, s.start, [m.name for m in s.run_methods]
    ('logistic', 'sigmoid', (-3.0, -1.5), ['BGD', 'SGD', 'Mini-batch (8)'])
    >>> ModelLandscapeSettings().with_(model="logistic", data="linear")
    Traceback (most recent call last):
    ...
    maniml.ParameterError: The 'data' setting of ModelLandscapeSettings must be data with labels \
0 and 1 for the logistic model (e.g. 'sigmoid'); got 'linear'.
    """

    model: str = setting("linear", choice("linear", "logistic"))
    data: Any = setting(None, _data)
    data_options: dict | None = setting(None, _options)
    methods: tuple[Racer, ...] | None = setting(None, _methods)
    featured: int = setting(2, integer(low=0, high=5))
    epochs: int = setting(15, integer(low=1, high=100_000))
    seed: int = setting(0, integer(low=0, high=2**32 - 1))
    init: tuple[float, float] | None = setting(None, point(2))
    x_range: tuple[float, float] | None = setting(None, _LOOK["x_range"])
    y_range: tuple[float, float] | None = setting(None, _LOOK["y_range"])
    resolution: int = setting(121, _LOOK["resolution"])
    image_resolution: int = setting(320, _LOOK["image_resolution"])
    levels: int = setting(12, _LOOK["levels"])
    level_scale: str = setting("auto", _LOOK["level_scale"])
    filled: bool = setting(True, _LOOK["filled"])
    bands: bool = setting(True, _LOOK["bands"])
    heat_colors: tuple[str, ...] | None = setting(None, _LOOK["heat_colors"])
    show_loss: bool = setting(True, boolean())
    max_vertices: int = setting(1500, _LOOK["max_vertices"])
    fade: float = setting(3.0, _LOOK["fade"])
    step_dots: bool = setting(True, _LOOK["step_dots"])
    smooth: bool = setting(False, boolean())
    run_time: float = setting(10.0, real(low=0, low_open=True))
    hold_time: float = setting(2.0, real(low=0))

    # -- the model's defaults ------------------------------------------------------------------
    @property
    def data_source(self) -> Any:
        """The data actually used (``data``, or the model's data set)."""
        return _MODEL[self.model]["data"] if self.data is None else self.data

    @property
    def run_methods(self) -> tuple[Racer, ...]:
        """The runs actually made (``methods``, or the model's)."""
        return _MODEL[self.model]["methods"]() if self.methods is None else self.methods

    @property
    def start(self) -> tuple[float, float]:
        """The start actually used (``init``, or the model's)."""
        return _MODEL[self.model]["init"] if self.init is None else self.init

    def check_together(self, where: str) -> None:
        n = len(self.run_methods)
        if self.featured >= n:
            raise _bad(
                "featured", where, f"an int in [0, {n - 1}] (a run's index)", self.featured
            )  # fmt: skip
        if self.model == "logistic" and self.data_source in _REGRESSION_DATA:
            raise _bad("data", where, _LABELS, self.data_source)
        check_data_options(self.data_source, self.data_options, where)

    def dataset(self) -> tuple[np.ndarray, np.ndarray]:
        """The data ``(X, y)`` with one feature (for the logistic model: labels 0 and 1, the
        classes overlapping)."""
        where = type(self).__name__
        options, data = self.data_options, self.data_source
        if options is None and data == "linear":
            options = {"n": 40}
        d = resolve_data(data, where=where, options=options, seed=self.seed)
        X = np.asarray(d.X, dtype=float).reshape(len(d.y), -1)
        if X.shape[1] != 1:
            raise _bad(
                "data", where, "data with one feature (a line over x)", f"{X.shape[1]} features"
            )
        y = np.asarray(d.y, dtype=float)
        if self.model == "logistic":
            if not np.all((y == 0.0) | (y == 1.0)) or len(np.unique(y)) < 2:
                raise _bad("data", where, _LABELS, f"labels {np.unique(y)[:5].tolist()}")
            x0, x1 = X[y == 0.0, 0], X[y == 1.0, 0]
            if x0.max() < x1.min() or x1.max() < x0.min():
                raise _bad(
                    "data", where, "classes that overlap (a threshold separating them leaves "
                    "logistic regression no finite optimum)", "separable classes",
                )  # fmt: skip
        return X, y

    def make_model(self) -> Any:
        """A fresh maniml model of :attr:`model`."""
        return MODELS[self.model]()

    def runs(self) -> list[tuple[Racer, Trajectory]]:
        """One :func:`maniml.fit` run of the model per method, same data, start, seed."""
        from ...training import fit

        X, y = self.dataset()
        return [
            (
                m,
                fit(self.make_model(), X, y, m.optimizer, epochs=self.epochs, seed=self.seed,
                    init=np.asarray(self.start)),
            )
            for m in self.run_methods
        ]  # fmt: skip


@dataclass(frozen=True, eq=False)
class LinRegLandscapeSettings(ModelLandscapeSettings):
    """Settings of :class:`LinRegLandscapeScene`: :class:`ModelLandscapeSettings` for linear
    regression (data ``'linear'``, start (-2, -2), BGD lr 0.1, SGD lr 0.02, mini-batch (8)
    lr 0.05).

    Examples
    --------
    >>> LinRegLandscapeSettings().with_(data="Linear", featured=0).data
    'linear'
    """

    model: str = setting("linear", choice("linear", "logistic"))
    data: Any = setting("linear", _data)
    methods: tuple[Racer, ...] | None = setting(check=_methods, factory=_default_methods)
    init: tuple[float, float] | None = setting((-2.0, -2.0), point(2))


@dataclass(frozen=True, eq=False)
class LogRegLandscapeSettings(ModelLandscapeSettings):
    """Settings of :class:`LogRegLandscapeScene`: :class:`ModelLandscapeSettings` for logistic
    regression (data ``'sigmoid'``: 40 points, two overlapping classes; start (-3, -1.5); BGD
    lr 1.0, SGD lr 0.03, mini-batch (8) lr 0.3; 30 epochs).

    Examples
    --------
    >>> s = LogRegLandscapeSettings()
    >>> s.model, s.data, s.epochs
    ('logistic', 'sigmoid', 30)
    """

    model: str = setting("logistic", choice("linear", "logistic"))
    data: Any = setting("sigmoid", _data)
    methods: tuple[Racer, ...] | None = setting(check=_methods, factory=_logistic_methods)
    epochs: int = setting(30, integer(low=1, high=100_000))
    init: tuple[float, float] | None = setting((-3.0, -1.5), point(2))


class ModelLandscapeScene(LandscapeTemplate, Scene):
    """A model's loss over (intercept θ₀, weight θ₁) as filled contours, with the paths of
    BGD, SGD and mini-batch gradient descent on it, in step by epoch with the data panel (the
    fit scenes' :class:`~maniml.scenes.panels.DataPanel`: data, the runs' lines or sigmoids,
    the featured run's batch, the optimum dashed) and the loss curves.

    Configure with ``settings = ModelLandscapeScene.settings.with_(...)``
    (:class:`ModelLandscapeSettings`; ``model`` picks linear or logistic regression). The clock
    counts epochs; ``self.trajectory`` is the featured run (the one the data panel shows),
    ``self.trajectories`` all runs. The optimum marked on the landscape is
    :func:`maniml.model_optimum` (closed form, or L-BFGS for logistic regression).
    """

    settings: ClassVar[ModelLandscapeSettings] = ModelLandscapeSettings()
    Settings: ClassVar[type[ModelLandscapeSettings]] = ModelLandscapeSettings

    def prepare(self) -> None:
        s = self.s
        self.runs = s.runs()
        self.trajectories = tuple(t for _, t in self.runs)
        self.traj = self.trajectory = self.trajectories[s.featured]
        self.X, self.y = self.runs[0][1].X, self.runs[0][1].y
        self.n_steps = s.epochs  # the clock counts epochs
        self.per_epoch = [t.n_steps / max(1, int(t.epoch[-1])) for t in self.trajectories]
        # the runs' colours: the palette's, less those that look like the data panel's own
        # (the data or class colours, the optimum): one colour, one meaning
        theme = s.theme
        avoid = (theme.data, theme.class0, theme.class1, theme.optimum)
        pal = distinct_colours(palette(theme), avoid, len(palette(theme)))
        self.colours = [m.color or pal[i % len(pal)] for i, (m, _) in enumerate(self.runs)]
        obj = ModelLoss(model=s.make_model(), X=self.X, y=self.y)
        if len(obj.minima) == 0:  # pragma: no cover - dataset() rejects separable classes
            raise _bad("data", type(s).__name__, "data with a finite optimum", "none found")
        opt = self.optimum = obj.minima[0]
        pts = np.concatenate([t.params for t in self.trajectories] + [opt[None]])
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        room = _MODEL[s.model]["around"] * (hi - lo)
        lo, hi = np.minimum(lo, opt - room), np.maximum(hi, opt + room)
        pad = 0.08 * (hi - lo).max()
        box = ((lo[0] - pad, hi[0] + pad), (lo[1] - pad, hi[1] + pad))
        self.objective = replace(obj, box=box)
        self.fmin = float(self.objective(opt))

    # -- the clock: epochs ---------------------------------------------------------------------
    def row_at(self, i: int, position: float | None = None) -> float:
        """Fractional row of run ``i`` at clock ``position`` (epochs; default: the clock's)."""
        e = self.clock.get_value() if position is None else position
        return min(float(e) * self.per_epoch[i], float(self.trajectories[i].n_steps))

    def rows_at(self, positions: np.ndarray) -> np.ndarray:
        """The featured run's row at each clock position (epochs)."""
        t, d = self.trajectory, self.per_epoch[self.s.featured]
        rows = np.floor(np.asarray(positions, dtype=float) * d + 1e-9)
        return np.minimum(rows, t.n_steps).astype(np.intp)

    def step_motion(self) -> np.ndarray:
        """The largest path length of any run in each epoch, in units of the view."""
        s = self.s
        paths = [t.params for t in self.trajectories]
        (x0, x1), (y0, y1) = _view_ranges(self.objective, paths, s.x_range, s.y_range)
        lo, hi = np.array([x0, y0]), np.array([x1, y1])
        edges = np.arange(self.n_steps + 1, dtype=float)
        motion = np.zeros(self.n_steps)
        for t, d in zip(self.trajectories, self.per_epoch, strict=True):
            length = np.concatenate([[0.0], np.cumsum(path_motion(t.params, lo, hi))])
            at = np.interp(edges * d, np.arange(len(length), dtype=float), length)
            motion = np.maximum(motion, np.diff(at))
        return motion

    def build_still(self) -> None:
        s, theme = self.s, self.s.theme
        self.paint_background()
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
        self.land = _Landscape(
            land_s, [t.params for t in self.trajectories], side, side, font_size=17
        )
        self.land.axes.x_title.become(
            SansText("intercept θ₀", font_size=18, color=theme.text).move_to(self.land.axes.x_title)
        )
        self.land.axes.y_title.become(
            SansText(self.words["slope"], font_size=18, color=theme.text).move_to(
                self.land.axes.y_title, aligned_edge=LEFT
            )
        )
        g = Group(*self.land.mobjects())
        g.move_to([-fw / 2 + 0.4 + g.width / 2, 0, 0])
        g.align_to([0, fh / 2 - 0.2, 0], UP)
        # the optimum's x is drawn above the paths (a moving part added after them)
        self.add_still(*[m for m in self.land.mobjects() if m is not self.land.minima])
        self.ax = self.land.axes
        col = -fw / 2 + 0.4 + g.width + 0.5
        col_w = fw / 2 - col - 0.3
        self.col_x = col
        title = s.title or f"{self.words['name']}: loss over (θ₀, θ₁)"
        self.title = SansText(title, font_size=24, color=theme.text)
        if self.title.width > col_w:
            self.title.scale_to_fit_width(col_w)
        self.title.move_to([col, fh / 2 - 0.4, 0], aligned_edge=LEFT)
        self.add_still(self.title)
        featured = self.runs[s.featured][1]
        optimum = self.optimum if s.model == "logistic" else None  # linear: the panel's own
        panel_h = 2.8 - (0.6 if s.filled else 0.0)  # room for the heat map's key
        self.panel = DataPanel(
            featured,
            theme=theme,
            width=col_w,
            height=panel_h,
            font_size=15,
            optimum=optimum,
            show_key=False,  # recoloured below to the featured run: the legend names the runs
        )
        self.panel.model.set_stroke(self.colours[s.featured], width=4)
        self.panel.threshold.set_stroke(self.colours[s.featured])  # its 0.5 threshold (sigmoid)
        # each run's batch ringed in the run's colour (not the theme's highlight)
        self.panel.batch_rings.set_stroke(self.colours[s.featured])
        self.panel.move_to([col + col_w / 2, 0, 0])
        self.panel.align_to([0, self.title.get_bottom()[1] - 0.55, 0], UP)
        self.add_still(self.panel.still)
        # Legend rows: swatch, name, then live epoch / loss.
        y0 = self.panel.get_bottom()[1] - 0.35
        self.row_y = []
        names = [SansText(m.name, font_size=17, color=theme.text) for m, _ in self.runs]
        name_w = max(n.width for n in names)
        self.legend_swatches = []
        for i, (name, c) in enumerate(zip(names, self.colours, strict=True)):
            yy = y0 - 0.36 * i
            sw = _swatch(c, 0.35, 6).move_to([col + 0.18, yy + 0.07, 0])
            self.legend_swatches.append(sw)
            self.add_still(sw)
            self.add_still(name.move_to([col + 0.5, yy + 0.07, 0], aligned_edge=LEFT))
            self.row_y.append(yy)
        self.loss_x = col + 0.5 + name_w + 0.25
        top = self.row_y[-1] - 0.3
        self.tracers = self.make_tracers()  # added with the moving parts; their dots are keyed
        self.key = self.land.key(theme, width=2.4, title="loss", log_title="loss − min")
        if self.key is not None:  # the heat map's key under the legend rows
            self.key.move_to([col, top - 0.05, 0], aligned_edge=UP + LEFT)
            self.key.shift(RIGHT * (col - self.key.get_left()[0]))
            self.add_still(self.key)
        note = dots_note([t.dots for t in self.tracers])
        self.dots_note = None
        if note is not None:  # right of the key on its line if it fits, else below it
            self.dots_note = SansText(note, font_size=14, color=theme.muted)
            if self.key is not None and (
                self.key.get_right()[0] + 0.4 + self.dots_note.width <= fw / 2 - 0.3
            ):
                self.dots_note.move_to(
                    [self.key.get_right()[0] + 0.4, self.key.title.get_center()[1], 0],
                    aligned_edge=LEFT,
                )
            else:
                below = self.key.get_bottom()[1] - 0.1 if self.key is not None else top
                self.dots_note.move_to([col, below, 0], aligned_edge=UP + LEFT)
            self.add_still(self.dots_note)
        parts = [m for m in (self.key, self.dots_note) if m is not None]
        if parts:
            top = min(m.get_bottom()[1] for m in parts) - 0.15
        self.chart = None
        if s.show_loss:
            h = top - (-fh / 2 + 0.25) - 0.8
            self.chart = LossChart(
                [t.loss for _, t in self.runs],
                self.colours,
                floor=self.fmin,
                log=True,
                width=col_w - 0.7,
                height=max(h, 0.8),
                theme=theme,
                font_size=17,
                stroke_width=2.0,
                x_per_row=[1.0 / d for d in self.per_epoch],
                x_max=s.epochs,
                x_label="epoch",
            )
            if self.chart.height > top - (-fh / 2 + 0.25):
                self.chart.scale_to_fit_height(top - (-fh / 2 + 0.25))
            self.chart.move_to([fw / 2 - 0.3, -fh / 2 + 0.25, 0], aligned_edge=DR)
            label = SansText(
                f"log₁₀(loss − {self.words['floor']})", font_size=14, color=theme.muted
            )
            label.move_to(self.chart.axes.c2p(*self.chart.axes.box[1::2]), aligned_edge=UR)
            self.add_still(self.chart.still, label)

    def make_tracers(self) -> list[PathTracer]:
        """One path per run with its marker, trail and step dots (not yet added)."""
        s, ax = self.s, self.ax
        return [
            PathTracer(
                t.params, ax.xy_to_points, ax.box, color=c, stroke_width=2.2,
                max_vertices=s.max_vertices, marker_radius=0.07,
                fade=s.fade * d, dot_radius=0.03 if s.step_dots else 0.0,
            )  # the trail fades by epochs: d rows each
            for t, c, d in zip(self.trajectories, self.colours, self.per_epoch, strict=True)
        ]  # fmt: skip

    def colour_roles(self) -> dict[str, list]:
        """Every mobject drawn in a role's colour, by role: each run (path, marker, model line,
        ringed samples, loss curve), the data panel's data or classes, the optimum, the heat
        map; the legend repeats them (:meth:`keys`)."""
        s = self.s
        roles: dict[str, list] = {}
        for i, (m, _) in enumerate(self.runs):
            mobs = [self.tracers[i]]
            if self.tracers[i].marker is not None:
                mobs.append(self.tracers[i].marker)
            if i == s.featured:
                mobs += [self.panel.model, self.panel.threshold, self.panel.batch_rings]
            else:
                mobs.append(self.lines[i])
                if i in self.rings:
                    mobs.append(self.rings[i])
            if self.chart is not None:
                mobs.append(self.chart.curves[i])
            roles[m.name] = mobs
        for role, mobs in self.panel.colour_roles().items():
            if role not in ("model", "batch"):  # the featured run's, above
                roles.setdefault(role, []).extend(mobs)
        roles.setdefault("optimum", []).append(self.optimum_mark)
        if self.key is not None:
            roles["heat map"] = [self.key.bar]
        return roles

    def keys(self) -> list:
        return [m for m in self.legend_swatches]

    def build_moving(self) -> None:
        s, theme, ax = self.s, self.s.theme, self.ax
        self.add_moving(*self.tracers, *[t.marker for t in self.tracers])
        # the optimum's x above the paths, on a halo of the background colour
        p_opt = ax.c2p(*self.optimum[:2])
        self.optimum_mark = Group(
            _cross(p_opt, 0.26, theme.background, width=7.0),
            _cross(p_opt, 0.26, theme.optimum, width=3.0),
        )
        self.add_moving(self.optimum_mark)
        # Other runs' model lines in the data panel (the featured one is the panel's own).
        self.lines = {
            i: VMobject(stroke_color=c, stroke_width=2.5, stroke_opacity=0.9)
            for i, c in enumerate(self.colours)
            if i != s.featured
        }
        # the sample(s) of the other stochastic runs, ringed in their colours (the featured
        # run's batch is the panel's own rings)
        pr = self.panel.point_radius
        self.rings: dict[int, Scatter] = {}
        for i, (t, c) in enumerate(zip(self.trajectories, self.colours, strict=True)):
            if i != s.featured and not t.batch_indices.is_full:
                ring = Scatter(np.zeros((0, 3)), radius=pr * (1.45 if i < s.featured else 2.4))
                ring.set_style(fill_opacity=0.0, stroke_color=c, stroke_width=2.5,
                               stroke_opacity=1.0)  # fmt: skip
                self.rings[i] = ring
        self.add_moving(*self.lines.values(), self.panel.moving, *self.rings.values())
        if self.chart is not None:
            self.add_moving(self.chart.moving)
        self.r_loss = []
        for yy in self.row_y:
            r = GlyphText("", font_size=16, color=theme.text)
            _place_text(r, [self.loss_x, yy, 0])
            self.r_loss.append(r)
        self.r_epoch = GlyphText("", font_size=18, color=theme.muted)
        _place_text(self.r_epoch, [self.col_x, self.title.get_bottom()[1] - 0.38, 0])
        self.add_moving(self.r_epoch, *self.r_loss)

    @property
    def words(self) -> dict[str, Any]:
        """The model's words on screen (title, weight axis, loss-chart floor)."""
        return _MODEL[self.s.model]

    def show_model(self, mob: VMobject, theta: np.ndarray) -> None:
        """Draw the model ``theta`` in the data panel: its line (linear regression, cut at the
        panel's box) or its sigmoid ``P(y = 1 | x)`` across the box (logistic regression)."""
        pax = self.panel.axes
        if self.s.model == "logistic":
            x = np.linspace(pax.box[0], pax.box[1], 241)
            p = 0.5 * (1.0 + np.tanh(0.5 * np.clip(theta[0] + theta[1] * x, -700, 700)))
            mob.set_points_as_corners(pax.xy_to_points(np.stack([x, p], axis=1)))
            return
        seg = line_in_box((theta[0], theta[1], -1.0), pax.box)
        if seg is None:
            mob.clear_points()
        else:
            mob.set_points_as_corners(pax.xy_to_points(np.stack(seg)))

    def show_position(self, position: float, frame: int) -> None:
        """Bring every run (path, marker, model line, loss curve, read-out) and the data panel
        to ``position`` epochs."""
        s = self.s
        rows = [self.row_at(i, position) for i in range(len(self.trajectories))]
        for tracer, r in zip(self.tracers, rows, strict=True):
            tracer.set_progress(r)
        for i, line in self.lines.items():
            self.show_model(line, self.trajectories[i].params[math.floor(rows[i])])
        self.panel.set_row(math.floor(rows[s.featured]))
        for i, ring in self.rings.items():
            idx = self.batch_of(i, rows[i])
            if len(idx):
                ring.move_points(self.panel.axes.c2p(self.X[idx, 0], self.y[idx]).reshape(-1, 3))
            else:
                ring.clear_points()
        if self.chart is not None:
            self.chart.set_position(rows)
        self.r_epoch.set_text(f"epoch {epoch_text(position)} / {s.epochs}")
        for r_loss, t, r in zip(self.r_loss, self.trajectories, rows, strict=True):
            k = math.floor(r)
            r_loss.set_text(f"step {k:>{len(str(t.n_steps))}d}  loss {compact_number(t.loss[k])}")

    def batch_of(self, i: int, row: float) -> np.ndarray:
        """Sample indices of the step that made run ``i``'s row ``floor(row)`` (none at row 0)."""
        k = math.floor(row)
        if k <= 0:
            return np.zeros(0, dtype=np.intp)
        return np.asarray(self.trajectories[i].batch_indices[k - 1])

    def show_ending(self) -> None:
        """No closing caption (the loss curves tell the ending); every path at full opacity
        (the trails no longer fade)."""
        for tracer in self.tracers:
            tracer.set_fade_floor(1.0)


def epoch_text(position: float) -> str:
    """The epoch read-out of clock ``position``: whole epochs as integers, else one decimal.

    Examples
    --------
    >>> epoch_text(15.0), epoch_text(7.42), epoch_text(0.0)
    ('15', '7.4', '0')
    """
    text = f"{float(position):.1f}"
    return text[:-2] if text.endswith(".0") else text


class LinRegLandscapeScene(ModelLandscapeScene):
    """Linear regression's loss over (intercept, slope): :class:`ModelLandscapeScene` with
    :class:`LinRegLandscapeSettings` (the least-squares optimum is the closed form).

    Configure with ``settings = LinRegLandscapeScene.settings.with_(...)``.
    """

    settings: ClassVar[LinRegLandscapeSettings] = LinRegLandscapeSettings()
    Settings: ClassVar[type[LinRegLandscapeSettings]] = LinRegLandscapeSettings


class LogRegLandscapeScene(ModelLandscapeScene):
    """Logistic regression's loss (mean cross-entropy) over (intercept, weight):
    :class:`ModelLandscapeScene` with :class:`LogRegLandscapeSettings`; the data panel shows
    the featured run's sigmoid over the 0/1 labels, the other runs' sigmoids thinner, and the
    optimum's sigmoid dashed. The optimum ('x') is found by L-BFGS
    (:func:`maniml.model_optimum`).

    Configure with ``settings = LogRegLandscapeScene.settings.with_(...)``.

    Examples
    --------
    >>> from maniml.scenes import timeline_of
    >>> tl = timeline_of(LogRegLandscapeScene, frame_rate=15)
    >>> tl.trajectory.n_steps, int(tl.rows[-1]), len(tl.trajectories)
    (150, 150, 3)
    """

    settings: ClassVar[LogRegLandscapeSettings] = LogRegLandscapeSettings()
    Settings: ClassVar[type[LogRegLandscapeSettings]] = LogRegLandscapeSettings
