"""Template scenes of a model being fitted: data, model, loss curve and numbers on one clock.

Subclass a template in the file you render and change its settings::

    # manim -pql my_scene.py MyFit
    from maniml.scenes import LIGHT, LinRegScene

    class MyFit(LinRegScene):
        settings = LinRegScene.settings.with_(optimizer="minibatch", lr=0.1, theme=LIGHT)

One :class:`manim.ValueTracker` (the progress, 0 to 1) drives everything: each frame shows the
row of the run at that progress, from ``Trajectory.frame_rows(run_time * frame_rate)``, so a
frame costs the same for 50 steps or 50,000. Still parts (axes, labels, data, formulas) are added
before the tracker and drawn once; moving parts are updated in place.

Hooks, in the order :meth:`FitScene.construct` calls them: :meth:`~FitScene.build` (which calls
``build_title``, ``build_data_panel``, ``build_loss_panel``, ``build_readout_panel``,
``build_formula_panel`` and ``layout``), :meth:`~FitScene.animate_intro`,
:meth:`~FitScene.animate_steps`, :meth:`~FitScene.animate_outro`. Override any of them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any, ClassVar

import numpy as np
from manim import FadeIn, Mobject, Scene, ValueTracker, config, linear

from ..models import Model
from ..optimizers import Optimizer
from ..trajectory import Trajectory
from .panels import DataPanel, FormulaPanel, LossPanel, Panel, ReadoutPanel, add_panels
from .primitives import SansText
from .sources import FitData, make_model, make_optimizer, resolve_data, run, setting_error
from .theme import DARK, THEMES, Theme

__all__ = [
    "FitScene",
    "FitSettings",
    "LinRegScene",
    "LogRegScene",
    "Sigmoid1DScene",
    "render_frame",
]


@dataclass(frozen=True, eq=False)
class FitSettings:
    """Everything a fit scene can be told, as a frozen dataclass set on the scene class.

    Change it with :meth:`with_` (checked at once) or :func:`dataclasses.replace`.

    Data
        ``data``: a data-set name (``'linear'``, ``'blobs'``, ``'sigmoid'``, ``'iris'``,
        ``'diabetes'``), a ``.csv`` path (with ``target`` and ``features``), a ``.npz`` path from
        :meth:`Trajectory.save` (then the saved run is shown and model/optimiser settings are
        ignored), a pair ``(X, y)``, a ``Dataset`` or a ``Trajectory``. ``data_options``: keyword
        arguments of the generator or loader (``{'n': 80, 'noise': 0.5}``). ``standardize``:
        scale features to mean 0, sd 1 (default: only for ``'diabetes'``).
    Model and optimiser
        ``model`` (``'linear'``, ``'logistic'`` or a model), ``l2``, ``optimizer`` (``'bgd'``,
        ``'sgd'``, ``'minibatch'`` or an optimiser instance, which then overrides ``lr``,
        ``batch_size``, ``rule``, ``schedule``), ``lr``, ``batch_size``, ``rule`` (``'momentum'``,
        ``'adam'``...), ``schedule``, ``epochs``, ``max_steps``, ``seed``, ``init``.
    Time
        ``run_time`` (seconds of the run), ``intro_time`` (fade in), ``hold_time`` (on the end).
    Panels
        ``show_title``, ``title``, ``show_loss``, ``show_readout``, ``show_formula``,
        ``show_batch`` / ``show_residuals`` (``None``: automatic), ``show_optimum``,
        ``show_shading``, ``show_batch_loss``, ``loss_scale`` (``'auto'``, ``'linear'``,
        ``'log'``), ``x_range`` / ``y_range`` / ``loss_range`` (``(low, high)`` or
        ``(low, high, step)``; default from the data and the run), ``x_label``, ``y_label``,
        ``param_names``.
    Look
        ``theme`` (a :class:`Theme`, ``'dark'`` or ``'light'``), ``use_latex`` (typeset the
        formulas with MathTex instead of MathTypst; needs LaTeX), ``point_radius``,
        ``font_scale``.

    Examples
    --------
    >>> s = FitSettings().with_(lr=0.02, optimizer="bgd")
    >>> s.lr, s.optimizer
    (0.02, 'bgd')
    >>> FitSettings().with_(lr=-1)
    Traceback (most recent call last):
    ...
    ValueError: The 'lr' setting of FitSettings must be a float > 0; got -1.
    """

    # data
    data: Any = "linear"
    data_options: Mapping[str, Any] = field(default_factory=dict)
    target: str | int | None = None
    features: Any = None
    standardize: bool | None = None
    # model and optimiser
    model: str | Model = "linear"
    l2: float = 0.0
    optimizer: str | Optimizer = "sgd"
    lr: float = 0.05
    batch_size: int = 8
    rule: Any = None
    schedule: Any = None
    epochs: int = 4
    max_steps: int | None = None
    seed: int | None = 0
    init: tuple[float, ...] | None = None
    # time
    run_time: float = 8.0
    intro_time: float = 0.5
    hold_time: float = 1.5
    # panels
    show_title: bool = True
    title: str | None = None
    show_loss: bool = True
    show_readout: bool = True
    show_formula: bool = True
    show_batch: bool | None = None
    show_residuals: bool | None = None
    show_optimum: bool = True
    show_shading: bool = True
    show_batch_loss: bool = False
    loss_scale: str = "auto"
    x_range: tuple[float, ...] | None = None
    y_range: tuple[float, ...] | None = None
    loss_range: tuple[float, ...] | None = None
    x_label: str | None = None
    y_label: str | None = None
    param_names: tuple[str, ...] | None = None
    # look
    theme: Theme | str = DARK
    use_latex: bool = False
    point_radius: float | None = None
    font_scale: float = 1.0

    def __post_init__(self) -> None:
        self.check("FitSettings")

    def with_(self, **changes: Any) -> FitSettings:
        """A copy with some settings changed; unknown names and bad values raise ValueError."""
        known = {f.name for f in fields(self)}
        for name in changes:
            if name not in known:
                raise ValueError(
                    f"FitSettings has no setting {name!r}; the settings are: {', '.join(sorted(known))}."
                )
        return replace(self, **changes)

    def check(self, where: str) -> None:
        """Check the values that need no data; raise ValueError naming the setting."""

        def positive(name: str, allow_zero: bool = False) -> None:
            v = getattr(self, name)
            ok = isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
            if not ok or v < 0 or (v == 0 and not allow_zero):
                raise setting_error(name, where, "a float >= 0" if allow_zero else "a float > 0", v)

        positive("lr")
        positive("run_time")
        positive("intro_time", allow_zero=True)
        positive("hold_time", allow_zero=True)
        positive("l2", allow_zero=True)
        positive("font_scale")
        for name, low in (("epochs", 1), ("batch_size", 1)):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int) or v < low:
                raise setting_error(name, where, f"an int >= {low}", v)
        v = self.max_steps
        if v is not None and (isinstance(v, bool) or not isinstance(v, int) or v < 1):
            raise setting_error("max_steps", where, "an int >= 1 or None", v)
        v = self.seed
        if v is not None and (isinstance(v, bool) or not isinstance(v, int) or v < 0):
            raise setting_error("seed", where, "an int >= 0 or None", v)
        if self.loss_scale not in ("auto", "linear", "log"):
            raise setting_error("loss_scale", where, "'auto', 'linear' or 'log'", self.loss_scale)
        if not isinstance(self.theme, Theme) and self.theme not in THEMES:
            raise setting_error("theme", where, "a Theme, 'dark' or 'light'", self.theme)
        if self.point_radius is not None:
            positive("point_radius")
        if not isinstance(self.data_options, Mapping):
            raise setting_error(
                "data_options", where, "a dict of keyword arguments", self.data_options
            )
        for name in ("x_range", "y_range", "loss_range"):
            v = getattr(self, name)
            if v is None:
                continue
            try:
                vals = [float(x) for x in v]
            except (TypeError, ValueError):
                raise setting_error(name, where, "(low, high) or (low, high, step)", v) from None
            if len(vals) not in (2, 3) or not all(map(math.isfinite, vals)) or vals[1] <= vals[0]:
                raise setting_error(
                    name, where, "(low, high) or (low, high, step) with low < high", v
                )
            if len(vals) == 3 and vals[2] <= 0:
                raise setting_error(name, where, "(low, high, step) with step > 0", v)

    @property
    def resolved_theme(self) -> Theme:
        return self.theme if isinstance(self.theme, Theme) else THEMES[self.theme]


class FitScene(Scene):
    """Base template: a model fitted by gradient descent, shown with its loss and numbers.

    Configure with the class attribute ``settings`` (a :class:`FitSettings`); never pass
    arguments to the constructor (manim's CLI builds scenes without any).

    Attributes set by :meth:`setup` and :meth:`build`
    -------------------------------------------------
    traj : Trajectory
        The run shown.
    data_panel, loss_panel, readout_panel, formula_panel : Panel or None
        The panels (``None`` when hidden).
    progress : ValueTracker
        0 at the start of the run, 1 at its end.
    rows : ndarray
        The trajectory rows the frames show.
    """

    settings: ClassVar[FitSettings] = FitSettings()

    # -- data ----------------------------------------------------------------------------------------
    def setup(self) -> None:
        s = self.settings
        where = type(self).__name__
        if not isinstance(s, FitSettings):
            raise ValueError(
                f"The 'settings' of {where} must be a FitSettings; got {type(s).__name__}."
            )
        s.check(where)
        self.theme = s.resolved_theme
        self.fit_data = self.load_data()
        self.traj = self.make_trajectory()

    def load_data(self) -> FitData:
        """Resolve the data settings (override to supply data in code)."""
        s = self.settings
        return resolve_data(
            s.data, where=type(self).__name__, options=s.data_options, target=s.target,
            features=s.features, standardize_x=s.standardize, seed=s.seed,
        )  # fmt: skip

    def make_trajectory(self) -> Trajectory:
        """Fit the model (or return the saved run); override to make the run another way."""
        if self.fit_data.trajectory is not None:
            return self.fit_data.trajectory
        s, where = self.settings, type(self).__name__
        model = make_model(s.model, s.l2, where)
        opt = make_optimizer(
            s.optimizer,
            lr=s.lr,
            batch_size=s.batch_size,
            rule=s.rule,
            schedule=s.schedule,
            where=where,
        )
        return run(
            self.fit_data, model, opt, epochs=s.epochs, seed=s.seed, init=s.init,
            max_steps=s.max_steps, where=where,
        )  # fmt: skip

    # -- building ------------------------------------------------------------------------------------
    def construct(self) -> None:
        self.build()
        self.animate_intro()
        self.animate_steps()
        self.animate_outro()

    def build(self) -> None:
        """Build the title and panels, lay them out, add them (still parts first)."""
        s, theme = self.settings, self.theme
        self.camera.background_color = theme.background
        if hasattr(self.camera, "init_background"):
            self.camera.init_background()
        fw, fh = config.frame_width, config.frame_height
        self.margin = 0.3
        self.title = self.build_title() if s.show_title else None
        self.formula_panel = (
            self.build_formula_panel(fw - 2 * self.margin) if s.show_formula else None
        )
        self.readout_panel = self.build_readout_panel(fw * 0.4) if s.show_readout else None
        self.data_panel: DataPanel | None = None
        self.loss_panel: LossPanel | None = None
        self.layout(fw, fh)
        self.panels: list[Panel] = [
            p
            for p in (self.data_panel, self.loss_panel, self.readout_panel, self.formula_panel)
            if p
        ]
        self.progress = ValueTracker(0.0)
        n_frames = max(2, int(round(s.run_time * config.frame_rate)))
        self.rows = self.traj.frame_rows(n_frames)
        if self.title is not None:
            self.add(self.title)
        add_panels(self, *self.panels, between=[self.progress])
        self.show_progress(0.0)

    def build_title(self) -> Mobject:
        s = self.settings
        text = s.title
        if text is None:
            st = self.traj.settings
            model = {
                "LinearRegression": "Linear regression",
                "LogisticRegression": "Logistic regression",
            }
            name = model.get(st.get("model"), "Fit")
            label = st.get("label") or st.get("optimizer") or ""
            lr = st.get("lr")
            text = f"{name} · {label}" + (f" · η = {lr:g}" if lr is not None else "")
        return SansText(text, font_size=30 * s.font_scale, color=self.theme.text)

    def build_data_panel(self, width: float, height: float) -> DataPanel:
        s = self.settings
        names = self.fit_data.feature_names
        kind_y = None
        if self.traj.params.shape[1] == 2 and s.y_label is None:
            model = self.traj.settings.get("model")
            kind_y = self.fit_data.target_name if model == "LinearRegression" else None
        x_label = s.x_label or (names[0] if names and not names[0].startswith("x1") else None)
        y_label = s.y_label or kind_y
        if self.traj.params.shape[1] == 3 and s.y_label is None and len(names) > 1:
            y_label = names[1] if not names[1].startswith("x2") else None
        if y_label == "y":
            y_label = None
        x_label = x_label.replace("_", " ") if x_label else None
        y_label = y_label.replace("_", " ") if y_label else None
        return DataPanel(
            self.traj, theme=self.theme, width=width, height=height, x_range=s.x_range,
            y_range=s.y_range, x_label=x_label, y_label=y_label, font_size=18 * s.font_scale,
            show_batch=s.show_batch, show_residuals=s.show_residuals, show_optimum=s.show_optimum,
            show_shading=s.show_shading, point_radius=s.point_radius,
        )  # fmt: skip

    def build_loss_panel(self, width: float, height: float) -> LossPanel:
        s = self.settings
        return LossPanel(
            self.traj, theme=self.theme, width=width, height=height, scale=s.loss_scale,
            y_range=s.loss_range, font_size=16 * s.font_scale, show_batch_loss=s.show_batch_loss,
            show_optimum=s.show_optimum,
        )  # fmt: skip

    def build_readout_panel(self, width: float) -> ReadoutPanel:
        s = self.settings
        return ReadoutPanel(
            self.traj, theme=self.theme, width=width, font_size=21 * s.font_scale,
            names=s.param_names, show_lr=not s.show_formula,
            show_batch_loss=None if not s.show_formula else False,
        )  # fmt: skip

    def build_formula_panel(self, width: float) -> FormulaPanel:
        s = self.settings
        return FormulaPanel(
            self.traj, theme=self.theme, width=width, font_size=28 * s.font_scale,
            numbers_font_size=17 * s.font_scale, use_latex=s.use_latex,
        )  # fmt: skip

    def layout(self, fw: float, fh: float) -> None:
        """Place the title at the top, formulas at the bottom, data left, loss and read-outs right."""
        m, gap = self.margin, 0.45
        top, bottom = fh / 2 - m, -fh / 2 + m
        left, right = -fw / 2 + m, fw / 2 - m
        if self.title is not None:
            self.title.move_to([0, top - self.title.height / 2, 0])
            top -= self.title.height + 0.25
        if self.formula_panel is not None:
            f = self.formula_panel
            f.move_to([0, 0, 0]).shift(
                [left - f.frame.get_left()[0], bottom - f.frame.get_bottom()[1], 0]
            )
            bottom = f.frame.get_top()[1] + 0.3
        s = self.settings
        side = s.show_loss or s.show_readout
        data_w = (right - left) * 0.5 if side else right - left
        self.data_panel = self.build_data_panel(data_w, top - bottom)
        self.data_panel.move_to([left + data_w / 2, (top + bottom) / 2, 0])
        if not side:
            return
        col_l = left + data_w + gap
        col_w = right - col_l
        loss_bottom = bottom
        if self.readout_panel is not None:
            r = self.readout_panel
            r.move_to([0, 0, 0])
            fr = r.frame
            r.shift([col_l + 0.1 - fr.get_left()[0], bottom - fr.get_bottom()[1], 0])
            loss_bottom = fr.get_top()[1] + 0.35
        if s.show_loss:
            self.loss_panel = self.build_loss_panel(col_w, top - loss_bottom)
            self.loss_panel.move_to([col_l + col_w / 2, (top + loss_bottom) / 2, 0])
        elif self.readout_panel is not None:
            r = self.readout_panel
            r.shift([0, (top + bottom) / 2 - r.frame.get_center()[1], 0])

    # -- time ----------------------------------------------------------------------------------------
    def row_at(self, progress: float) -> int:
        """The trajectory row shown at ``progress`` (0 to 1)."""
        rows = self.rows
        i = int(round(min(max(float(progress), 0.0), 1.0) * (len(rows) - 1)))
        return int(rows[i])

    def show_row(self, k: int) -> None:
        """Show row ``k`` on every panel."""
        for p in self.panels:
            p.set_row(k)

    def show_progress(self, progress: float) -> None:
        self.show_row(self.row_at(progress))

    def _on_frame(self, dt: float) -> None:
        self.show_progress(self.progress.get_value())

    def animate_intro(self) -> None:
        """Fade the scene in (``intro_time`` seconds; 0 skips it)."""
        t = self.settings.intro_time
        if t > 0:
            parts: list[Mobject] = [self.title] if self.title is not None else []
            for p in self.panels:
                parts += [p.still, p.moving]
            self.play(*[FadeIn(m) for m in parts], run_time=t)

    def animate_steps(self) -> None:
        """Run the progress tracker from 0 to 1 in ``run_time`` seconds; one updater does the rest."""
        self.add_updater(self._on_frame)
        self.play(
            self.progress.animate.set_value(1.0), run_time=self.settings.run_time, rate_func=linear
        )
        self.remove_updater(self._on_frame)
        self.show_progress(1.0)

    def animate_outro(self) -> None:
        """Hold the last frame ``hold_time`` seconds."""
        if self.settings.hold_time > 0:
            self.wait(self.settings.hold_time)


class LinRegScene(FitScene):
    """Linear regression on one feature: points, line, residuals, loss and numbers."""

    settings: ClassVar[FitSettings] = FitSettings(
        data="linear", model="linear", optimizer="sgd", lr=0.05, epochs=3
    )


class LogRegScene(FitScene):
    """Logistic regression on two features: classes, decision boundary, probability bands."""

    settings: ClassVar[FitSettings] = FitSettings(
        data="blobs", model="logistic", optimizer="minibatch", batch_size=10, lr=0.5, epochs=6
    )


class Sigmoid1DScene(FitScene):
    """Logistic regression on one feature: the sigmoid fitting 0/1 labels."""

    settings: ClassVar[FitSettings] = FitSettings(
        data="sigmoid", model="logistic", optimizer="sgd", lr=0.2, epochs=5
    )


def render_frame(scene_cls: type[FitScene], progress: float = 1.0) -> np.ndarray:
    """The frame ``scene_cls`` shows at ``progress`` (0 to 1), as an RGBA array, without a video.

    Uses the current manim ``config`` (resolution, media directory). Handy for thumbnails,
    tests and checking a layout.
    """
    scene = scene_cls()
    scene.setup()
    scene.build()
    scene.show_progress(progress)
    scene.renderer.update_frame(scene, ignore_skipping=True)
    return np.array(scene.renderer.get_frame())
