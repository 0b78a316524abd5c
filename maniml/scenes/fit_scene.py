"""Template scenes of a model being fitted: data, model, loss curve and numbers on one clock.

Subclass a template in the file you render and change its settings::

    # manim -pql my_scene.py MyFit
    from maniml.scenes import LinRegScene

    class MyFit(LinRegScene):
        settings = LinRegScene.settings.with_(optimizer="minibatch", lr=0.1, theme="light")

The templates are built on :class:`~maniml.scenes.template.Template`: the settings
(:class:`~maniml.scenes.fit_settings.FitSettings`) give the run, the run gives the timeline (each
frame of the steps stage shows one row, paced by how much the picture moves), and the panels
are updated in place to the row of each frame, so a frame costs the same for 50 steps or
50,000. Still parts (axes, labels, data, formulas) are drawn once; moving parts are redrawn.

Hooks, in the order :meth:`FitScene.construct` calls them: :meth:`~FitScene.build` (which calls
``build_title``, ``build_data_panel``, ``build_loss_panel``, ``build_readout_panel``,
``build_formula_panel`` and ``layout``), then the three stages (build-up, steps, end; see
:class:`~maniml.scenes.template.Template`). Override any of them.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, ClassVar

import numpy as np
from manim import Mobject, Scene, config

from ..diagnostics import critical_lr
from ..metrics import accuracy, r2_score, train_test_split
from ..models import LogisticRegression, known_optimum
from ..trajectory import Trajectory
from .fit_settings import FitSettings
from .numbers import format_setting
from .panels import (
    DataPanel,
    FormulaPanel,
    LossPanel,
    Panel,
    ReadoutPanel,
    model_kind,
)
from .primitives import SansText
from .readout import LineText
from .sources import FitData, make_model, make_optimizer, resolve_data, run, setting_error
from .template import Template, render_frame
from .theme import SANS
from .timeline import find_events, path_motion

__all__ = [
    "FitScene",
    "FitSettings",
    "LinRegScene",
    "LogRegScene",
    "Sigmoid1DScene",
    "fit_events",
    "metric_rows",
    "render_frame",
]


def _is_classifier(model: Any) -> bool:
    return model == "logistic" or isinstance(model, LogisticRegression)


def metric_rows(traj: Trajectory, X: np.ndarray, y: np.ndarray) -> tuple[str, np.ndarray]:
    """The score of every row of ``traj`` on ``(X, y)``: ``('R²', values)`` for linear
    regression (:func:`maniml.r2_score`), ``('accuracy', values)`` for logistic regression
    (:func:`maniml.accuracy` of the labels ``P(y = 1) >= 0.5``).

    Examples
    --------
    >>> import maniml
    >>> X, y = maniml.make_linear(n=20, seed=0)
    >>> t = maniml.fit(maniml.LinearRegression(), X, y, maniml.BGD(0.1), epochs=30)
    >>> name, r2 = metric_rows(t, t.X, t.y)
    >>> name, bool(r2[-1] == maniml.r2_score(y, t.params[-1, 0] + t.params[-1, 1] * X[:, 0]))
    ('R²', True)
    """
    X = np.asarray(X, dtype=np.float64).reshape(len(y), -1)
    y = np.asarray(y, dtype=np.float64)
    A = np.column_stack([np.ones(len(X)), X])
    with np.errstate(all="ignore"):
        Z = np.nan_to_num(np.asarray(traj.params, dtype=np.float64) @ A.T, nan=0.0)  # (rows, n)
    if traj.settings.get("model") == "LogisticRegression":
        return "accuracy", np.array([accuracy(y, (z >= 0.0).astype(float)) for z in Z])
    Z = np.clip(Z, -1e100, 1e100)
    return "R²", np.array([r2_score(y, z) for z in Z])


def fit_events(traj: Trajectory, optimum_loss: float | None = None) -> list[tuple[str, int, str]]:
    """The events of a fit, ``(kind, row, caption)`` in order of row, with the captions a fit
    scene shows (:func:`~maniml.scenes.timeline.find_events` finds the rows):

    - ``near optimum``: "converged: within 1 % of the least-squares loss at step k";
    - ``bouncing`` (a stochastic run with a constant rate that reached the optimum's
      neighbourhood and then left it again): "SGD keeps bouncing around the optimum: its noise
      scales with η", at the first row back outside;
    - ``diverged``: "diverged after step k" (k: the last finite row, the last row shown), with
      "η above 2/λmax = ..." for linear regression by a constant rate
      (:func:`maniml.critical_lr`);
    - ``stopped early``: "stopped early at epoch k".

    Examples
    --------
    >>> import maniml
    >>> X, y = maniml.make_linear(n=30, seed=0)
    >>> t = maniml.fit(maniml.LinearRegression(), X, y, maniml.BGD(1.0), epochs=300)
    >>> fit_events(t)
    [('diverged', 191, 'diverged after step 191: η = 1 above 2/λmax = 0.272')]
    """
    out: list[tuple[str, int, str]] = []
    lr = np.asarray(traj.lr, dtype=np.float64)
    constant = len(lr) > 0 and bool(np.all(lr == lr[0]))
    linear = traj.settings.get("model") == "LinearRegression" and traj.X is not None
    for kind, row, label in find_events(traj, optimum_loss=optimum_loss, epochs=False):
        if kind == "near optimum":
            if label.endswith("of the optimum's"):
                what = "the least-squares loss" if linear else "the optimum's loss"
                label = f"converged: within 1 % of {what} at step {row}"
            else:
                label = f"converged: 99 % of the way down at step {row}"
            out.append((kind, row, label))
            f_star = float(optimum_loss or 0.0)
            gap = np.asarray(traj.loss, dtype=np.float64) - f_star
            tol = 0.01 * (abs(f_star) if abs(f_star) >= 0.01 * gap[0] else gap[0])
            away = np.flatnonzero(gap[row:] > tol)
            if not traj.batch_indices.is_full and constant and len(away):
                r = row + int(away[0])
                name = "SGD" if bool(np.all(traj.batch_indices.sizes() == 1)) else "Mini-batch GD"
                out.append(
                    ("bouncing", r, f"{name} keeps bouncing around the optimum: its noise "
                     "scales with η")
                )  # fmt: skip
        elif kind == "diverged":
            row = traj.n_steps
            label = f"diverged after step {row}"
            if linear and constant:
                l2 = float(traj.settings.get("l2", 0.0) or 0.0)
                c = critical_lr(traj.X, l2=l2)
                if lr[0] > c:
                    label += f": η = {format_setting(lr[0])} above 2/λmax = {c:.3g}"
            out.append((kind, row, label))
        elif kind == "stopped early":
            out.append((kind, row, f"stopped early at epoch {int(traj.epoch[row])}"))
    return sorted(out, key=lambda ev: ev[1])


class FitScene(Template, Scene):
    """Base template: a model fitted by gradient descent, shown with its loss and numbers.

    Configure with the class attribute ``settings`` (a :class:`FitSettings`); never pass
    arguments to the constructor (manim's CLI builds scenes without any).

    Attributes set by :meth:`setup` and :meth:`build`
    -------------------------------------------------
    traj : Trajectory
        The run shown (also ``trajectory``).
    timeline : Timeline
        Stages, the row shown at each frame, events.
    data_panel, loss_panel, readout_panel, formula_panel : Panel or None
        The panels (``None`` when hidden).
    caption : LineText or None
        The event caption (``show_events``).
    """

    settings: ClassVar[FitSettings] = FitSettings()
    Settings: ClassVar[type[FitSettings]] = FitSettings

    # -- data ----------------------------------------------------------------------------------------
    def prepare(self) -> None:
        self.fit_data = self.load_data()
        self.validation = None
        self.split_validation()
        self.traj = self.trajectory = self.make_trajectory()

    def split_validation(self) -> None:
        """Hold out the ``validation`` fraction of the samples (seeded; stratified by class for
        logistic regression): ``fit_data`` keeps the training part, ``validation`` is
        ``(X_val, y_val)``. Nothing to do for a saved run."""
        s, d = self.settings, self.fit_data
        if s.validation is None or d.trajectory is not None:
            return
        stratify = "auto" if _is_classifier(s.model) else None
        try:
            Xt, Xv, yt, yv = train_test_split(
                d.X, d.y, test_size=s.validation, seed=s.seed, stratify=stratify
            )
        except ValueError as exc:
            raise ValueError(f"The 'validation' setting of {type(self).__name__}: {exc}") from None
        if len(yt) < 2:
            raise setting_error(
                "validation", type(self).__name__, "a fraction leaving 2 or more training samples",
                s.validation,
            )  # fmt: skip
        self.fit_data = replace(d, X=Xt, y=yt)
        self.validation = (Xv, yv)

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
            max_steps=s.max_steps, where=where, validation=self.validation,
        )  # fmt: skip

    def metric_rows(self) -> dict[str, np.ndarray]:
        """The ``show_metric`` read-outs: R² or accuracy at every row on the training samples
        (and on the validation samples), by :func:`maniml.r2_score` / :func:`maniml.accuracy`;
        with validation, also the validation loss."""
        t = self.traj
        out: dict[str, np.ndarray] = {}
        if t.val_loss is not None:
            out["val loss"] = np.asarray(t.val_loss, dtype=np.float64)
        if not self.settings.show_metric:
            return out
        name, values = metric_rows(t, t.X, t.y)
        out[name] = values
        if self.validation is not None:
            out[f"val {name}"] = metric_rows(t, *self.validation)[1]
        return out

    # -- timeline ------------------------------------------------------------------------------------
    def step_motion(self) -> np.ndarray:
        """How far the model and the loss marker move on screen at each step, in units of the
        panels: the model's predictions at points spread over the data (for a decision
        boundary, its signed distance to them) and the loss over its range."""
        t = self.traj
        X = np.asarray(self.fit_data.X, dtype=float)
        params = np.nan_to_num(t.params, nan=0.0, posinf=1e12, neginf=-1e12)
        # Points spread over the data: up to 48 rows, sorted by the first feature.
        pick = np.linspace(0, len(X) - 1, min(len(X), 48)).round().astype(int)
        Xs = X[np.argsort(X[:, 0])][pick]
        A = np.column_stack([np.ones(len(Xs)), Xs])
        with np.errstate(all="ignore"):
            z = params @ A.T  # (rows, points)
            kind = model_kind(t)
            if kind == "line":
                lo, hi = float(t.y.min()), float(t.y.max())
                model = path_motion(z, np.full(z.shape[1], lo), np.full(z.shape[1], hi))
            elif kind == "sigmoid":
                p = 1.0 / (1.0 + np.exp(-np.clip(z, -60, 60)))
                model = path_motion(p, np.zeros(p.shape[1]), np.ones(p.shape[1]))
            else:  # boundary: signed distance of the points to the line, in view units
                norm = np.hypot(params[:, 1], params[:, 2])[:, None]
                d = np.where(norm > 1e-12, z / np.where(norm > 1e-12, norm, 1.0), 0.0)
                span = float(np.ptp(X, axis=0).max()) or 1.0
                model = path_motion(d, np.full(d.shape[1], -span), np.full(d.shape[1], span))
        loss = np.asarray(t.loss, dtype=float)
        finite = loss[np.isfinite(loss)]
        chart = path_motion(loss[:, None], finite.min(keepdims=True), finite.max(keepdims=True))
        return np.hypot(model, chart)

    def optimum_loss(self) -> float | None:
        opt = known_optimum(self.traj)
        return None if opt is None else opt[1]

    # -- building ------------------------------------------------------------------------------------
    def build(self) -> None:
        """Build the title and panels, lay them out, add them (still parts first)."""
        s = self.settings
        self.paint_background()
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
        if self.title is not None:
            self.add_still(self.title)
        self.add_still(*[p.still for p in self.panels])
        self.caption = self.build_caption()
        if self.caption is not None:  # first of the moving parts: it changes only at events
            self.add_moving(self.caption)
        self.add_moving(*[p.moving for p in self.panels])

    def timeline_events(self) -> list[tuple[str, int, str]]:
        """The run's events with their captions (:func:`fit_events`) and, for the pacing, the
        first row of each epoch."""
        epochs = [e for e in find_events(self.traj) if e[0] == "epoch"]
        return sorted(epochs + fit_events(self.traj, self.optimum_loss()), key=lambda e: e[1])

    def caption_events(self) -> list:
        """The events the caption line tells, one at a time (the latest one shown)."""
        if not self.settings.show_events:
            return []
        return self.timeline.events_of("near optimum", "bouncing", "diverged", "stopped early")

    def build_caption(self) -> LineText | None:
        """A line under the title for the events: the optimum's loss reached, stopped early."""
        events = self.caption_events()
        if not events:
            return None
        size = 18 * self.settings.font_scale
        cap = LineText("", font_size=size, color=self.theme.muted, font=SANS, warm="")
        self.caption_x = {}
        for e in events:  # each caption centred; glyphs warmed now, not mid-video
            self.caption_x[e.label] = -cap.advance_of(e.label) / 2
            cap.set_text(e.label)
        cap.set_text("")
        cap.shift(np.array([0.0, self.caption_y - 0.2, 0.0]) - cap.origin)
        return cap

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
            show_shading=s.show_shading, point_radius=s.point_radius, validation=self.validation,
            equal_scale=self.equal_scale(), jitter=s.jitter, unit=self.fit_data.shared_unit(),
            class_names=self.fit_data.class_names, show_key=s.show_key,
        )  # fmt: skip

    def equal_scale(self) -> bool:
        """Whether the data panel draws two features on equal scales: the ``equal_scale``
        setting, or by default when the data name one unit for both features."""
        s = self.settings
        if s.equal_scale is not None:
            return s.equal_scale
        return self.fit_data.X.shape[1] == 2 and self.fit_data.shared_unit() is not None

    def build_loss_panel(self, width: float, height: float) -> LossPanel:
        s = self.settings
        return LossPanel(
            self.traj, theme=self.theme, width=width, height=height, scale=s.loss_scale,
            y_range=s.loss_range, font_size=16 * s.font_scale, show_batch_loss=s.show_batch_loss,
            show_optimum=s.show_optimum, show_banner=not (s.show_events and self.traj.diverged),
            banner_color=self.banner_colour(),
        )  # fmt: skip

    def banner_colour(self) -> str:
        """The divergence banner's colour: the theme's ``diverged``, or its text colour where
        the classes' colours are drawn (red is class 1 there: the words carry the warning)."""
        t = self.theme
        return t.text if model_kind(self.traj) in ("boundary", "sigmoid") else t.diverged

    def build_readout_panel(self, width: float) -> ReadoutPanel:
        s = self.settings
        extras = self.metric_rows()
        size = 21 * s.font_scale
        if extras:  # more lines: a smaller font leaves the loss panel its room
            lines = 2 + self.traj.params.shape[1] + len(extras) + (not s.show_formula)
            size *= min(1.0, 5.5 / lines)
        return ReadoutPanel(
            self.traj, theme=self.theme, width=width, font_size=size,
            names=s.param_names, show_lr=not s.show_formula,
            show_batch_loss=None if not s.show_formula else False, extras=extras,
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
        self.caption_y = top - 0.12
        if self.caption_events():
            top -= 0.5  # a line for the event captions (centred 0.32 below, 0.25 tall)
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

    # -- time --------------------------------------------------------------------------------------
    @property
    def rows(self) -> np.ndarray:
        """The trajectory row shown at each frame of the steps stage."""
        return self.timeline.rows

    def row_at(self, progress: float) -> int:
        """The trajectory row shown at ``progress`` (0 to 1) of the steps stage."""
        n = len(self.timeline.rows)
        return self.row_of_frame(int(round(min(max(float(progress), 0.0), 1.0) * (n - 1))))

    def show_row(self, k: int) -> None:
        """Show row ``k`` on every panel."""
        for p in self.panels:
            p.set_row(k)

    def show_progress(self, progress: float) -> None:
        """Show the frame at ``progress`` (0 to 1) of the steps stage."""
        n = len(self.timeline.positions)
        self.show_frame(int(round(min(max(float(progress), 0.0), 1.0) * (n - 1))))

    #: Seconds a caption stays before the next one replaces it (a later event waits).
    CAPTION_SECONDS = 1.5

    def caption_schedule(self) -> list[tuple[int, str]]:
        """``(first frame, caption)`` of each event caption, in order: at the event's frame,
        or, when the previous caption has not been shown for :attr:`CAPTION_SECONDS`, then;
        never after the last frame, so the run's last event (stopped early, diverged) is what
        the last frame and the end show even when it comes within a caption's time of the end."""
        least = int(round(self.CAPTION_SECONDS * float(self.timeline.frame_rate)))
        last = len(self.timeline.positions) - 1
        out: list[tuple[int, str]] = []
        for e in self.caption_events():
            if e.frame < 0:
                continue
            start = e.frame if not out else max(e.frame, out[-1][0] + least)
            out.append((min(start, last), e.label))
        # captions pushed onto the last frame: only the latest is shown
        return [c for i, c in enumerate(out) if i + 1 == len(out) or out[i + 1][0] > c[0]]

    def caption_at(self, frame: int) -> str:
        """The caption shown at ``frame`` of the steps stage (the latest one begun)."""
        if not hasattr(self, "_caption_plan"):  # planned once, not at every frame
            self._caption_plan = self.caption_schedule()
        shown = [t for f, t in self._caption_plan if f <= frame]
        return shown[-1] if shown else ""

    def show_position(self, position: float, frame: int) -> None:
        k = self.row_of_frame(frame)
        self.show_row(k)
        if self.caption is not None:
            text = self.caption_at(frame)
            if text != self.caption.text:
                x = self.caption_x.get(text, 0.0)
                self.caption.set_text(text)
                self.caption.shift([x - self.caption.origin[0], 0.0, 0.0])

    def colour_roles(self) -> dict[str, list[Mobject]]:
        """Every mobject drawn in a role's colour, by role (``'class 0'``, ``'model'``,
        ``'loss'``, ``'batch'``...), from every panel: one colour per role, one role per colour
        (the tests check it for every ready scene)."""
        roles: dict[str, list[Mobject]] = {}
        for p in self.panels:
            for role, mobs in p.colour_roles().items():
                roles.setdefault(role, []).extend(mobs)
        return roles

    def fade_in_parts(self) -> list[Mobject]:
        return ([self.title] if self.title is not None else []) + [
            m for p in self.panels for m in (p.still, p.moving)
        ]


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
