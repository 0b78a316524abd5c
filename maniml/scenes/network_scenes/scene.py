"""The network templates: a :class:`~maniml.NeuralNetwork` trained from scratch, shown as it
learns (TensorFlow Playground as a video).

Subclass a template in the file you render and change its settings::

    # manim -pql my_scene.py MyNet
    from maniml.scenes import NNClassificationScene

    class MyNet(NNClassificationScene):
        settings = NNClassificationScene.settings.with_(data="circles", hidden=(4,))

Left: the decision regions over the input plane (classification; one forward pass on the grid
per shown frame, written into one image) or the prediction over the input (regression). Right:
the network diagram (line width by ``|w|``, colour by sign; hidden neurons' outputs as
thumbnails), the class key, epoch and accuracy (or R²) read-outs, and the training and
validation loss curves. Hooks: :meth:`NetworkScene.build` calls ``build_title``,
``build_main_panel``, ``build_diagram``, ``build_key``, ``build_readouts`` and
``build_loss_chart``; override any of them.

Examples
--------
>>> from maniml.scenes import timeline_of
>>> tl = timeline_of(NNClassificationScene, frame_rate=15)
>>> tl.trajectory.settings["model"], tl.trajectory.val_loss is not None
('NeuralNetwork', True)
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
from manim import LEFT, RIGHT, UP, Line, Scene, VGroup, config

from ..._validation import ParameterError
from ...metrics import r2_score
from ...network import NeuralNetwork
from ...training import fit
from ..loss_chart import LossChart
from ..primitives import SansText
from ..readout import LineText
from ..sources import make_optimizer
from ..template import Template
from ..theme import MONO
from ..timeline import path_motion
from .panels import (
    CurvePanel,
    NetworkDiagram,
    RegionsPanel,
    class_key,
    forward,
    install_grid_images,
    sign_key,
)
from .settings import NetworkSettings, resolve_network_data

__all__ = ["NNClassificationScene", "NNRegressionScene", "NetworkScene"]

_MOTION_ROWS = 1500  # rows at most on which the pacing's motion is measured


class NetworkScene(Template, Scene):
    """Base template: a network trained on two-feature classes or a 1-D curve.

    Configure with the class attribute ``settings`` (a :class:`NetworkSettings`).

    Attributes set by :meth:`setup` and :meth:`build`
    -------------------------------------------------
    net : NeuralNetwork
    data : NetworkData
    traj : Trajectory
        The run (also ``trajectory``), with ``val_loss`` when ``validation > 0``.
    main : RegionsPanel or CurvePanel
    diagram : NetworkDiagram or None
    chart : LossChart or None
    """

    settings: ClassVar[NetworkSettings] = NetworkSettings()
    Settings: ClassVar[type[NetworkSettings]] = NetworkSettings
    #: Space between the regions' tick labels and their axis titles (scene units).
    TITLE_GAP: ClassVar[float] = 0.15

    # -- the run -------------------------------------------------------------------------------
    def prepare(self) -> None:
        s, where = self.settings, type(self).__name__
        self.data = d = resolve_network_data(s, where)
        try:
            self.net = NeuralNetwork(
                s.hidden, activation=s.activation, task=d.task, n_classes=d.n_classes, l2=s.l2
            )
        except ParameterError as e:
            raise e.as_setting(where) from None
        opt = make_optimizer(
            s.optimizer, lr=s.lr, batch_size=s.batch_size, rule=s.rule, schedule=s.schedule,
            where=where,
        )  # fmt: skip
        if opt.batch_size is not None and opt.batch_size > len(d.y):
            raise ParameterError(
                "batch_size", where, f"an int in [1, {len(d.y)}] (the training samples)",
                opt.batch_size, kind="setting",
            )  # fmt: skip
        validation = None if d.X_val is None else (d.X_val, d.y_val)
        self.traj = self.trajectory = fit(
            self.net, d.X, d.y, opt, epochs=s.epochs, seed=s.seed, max_steps=s.max_steps,
            validation=validation,
        )  # fmt: skip

    @property
    def classification(self) -> bool:
        return self.data.task != "regression"

    def step_motion(self) -> np.ndarray:
        """How much the picture moves at each step: the predictions on a coarse grid over the
        inputs (probabilities, or values in units of the targets' range) and the loss."""
        t, d = self.traj, self.data
        X = d.X if d.X_val is None else np.vstack([d.X, d.X_val])
        lo, hi = X.min(axis=0), X.max(axis=0)
        if self.classification:
            u = np.linspace(0.0, 1.0, 12)
            gx, gy = np.meshgrid(lo[0] + u * (hi[0] - lo[0]), lo[1] + u * (hi[1] - lo[1]))
            probe = np.column_stack([gx.ravel(), gy.ravel()])
        else:
            probe = np.linspace(lo[0], hi[0], 48)[:, None]
        n = t.n_steps
        rows = np.unique(np.linspace(0, n, min(n, _MOTION_ROWS) + 1).round().astype(np.intp))
        preds = np.stack([forward(self.net, t.params[r], probe)[1].reshape(-1) for r in rows])
        if self.classification:
            span_lo, span_hi = np.zeros(preds.shape[1]), np.ones(preds.shape[1])
        else:
            span_lo = np.full(preds.shape[1], float(d.y.min()))
            span_hi = np.full(preds.shape[1], float(d.y.max()))
        model = path_motion(preds, span_lo, span_hi)
        # spread each measured stretch's motion evenly over its steps
        per_step = np.repeat(model / np.maximum(np.diff(rows), 1), np.diff(rows))
        loss = t.loss
        chart = path_motion(loss[:, None], loss.min(keepdims=True), loss.max(keepdims=True))
        return np.hypot(per_step, chart)

    def timeline_events(self) -> list[tuple[str, int, str]]:
        out = []
        if self.traj.diverged:
            k = self.traj.n_steps
            out.append(("diverged", k, f"diverged at step {self.traj.diverged_step}"))
        elif self.traj.stopped_early:
            out.append(("stopped early", self.traj.n_steps, "stopped early"))
        return out

    # -- building ------------------------------------------------------------------------------
    def build(self) -> None:
        s = self.settings
        self.paint_background()
        install_grid_images(self.camera)
        fw, fh = config.frame_width, config.frame_height
        m = 0.3
        top, bottom = fh / 2 - m, -fh / 2 + m
        self.title = self.build_title() if s.show_title else None
        if self.title is not None:
            self.title.move_to([0, top - self.title.height / 2, 0])
            top -= self.title.height + 0.3
        left_w = 0.5 * fw - 0.3
        self.main = self.build_main_panel(-fw / 2 + m, top, bottom, left_w - m)
        col_l, col_r = -fw / 2 + left_w + 0.45, fw / 2 - m
        y = top
        self.diagram = None
        if s.show_diagram:
            h = 2.55 if s.show_key else 2.9  # the sign key's line comes out of its height
            self.diagram = self.build_diagram(col_r - col_l - 0.5, h)
            self.diagram.move_to([(col_l + col_r) / 2 + 0.25, y - h / 2, 0])
            y -= h + 0.25
        self.key = self.build_key() if s.show_key else None
        if self.key is not None:
            self.key.move_to([col_l, y - self.key.height / 2, 0], aligned_edge=LEFT)
            y -= self.key.height + 0.35
        self.sign_key = self.build_sign_key() if s.show_key and s.show_diagram else None
        if self.sign_key is not None:  # on the key's line if it fits, else on the next one
            if (
                self.key is not None
                and self.key.get_right()[0] + 0.45 + self.sign_key.width <= col_r
            ):
                at = [self.key.get_right()[0] + 0.45, self.key.get_center()[1], 0]
            else:
                y += 0.35 - 0.2 if self.key is not None else 0.0
                at = [col_l, y - self.sign_key.height / 2, 0]
                y -= self.sign_key.height + 0.35
            self.sign_key.move_to(at, aligned_edge=LEFT)
        self.readouts = self.build_readouts(col_l, y - 0.15) if s.show_readout else []
        y -= 0.45 * len(self.readouts) + 0.1
        self.chart = self.build_loss_chart(col_l, col_r, y, bottom) if s.show_loss else None
        # still first, then the moving parts in drawing order
        if self.title is not None:
            self.add_still(self.title)
        self.add_still(self.main.still)
        if self.diagram is not None:
            self.add_still(self.diagram.still)
        if self.key is not None:
            self.add_still(self.key)
        if self.sign_key is not None:
            self.add_still(self.sign_key)
        if self.chart is not None:
            self.add_still(self.chart.still, self.chart_labels)
        self.add_moving(*self.main_parts())
        if self.diagram is not None:
            self.add_moving(*self.diagram.parts())
        if self.chart is not None:
            self.add_moving(self.chart.moving)
        self.add_moving(*self.readouts)

    def build_title(self) -> SansText:
        s, st = self.settings, self.traj.settings
        if s.title is not None:
            text = s.title
        else:
            layers = "-".join(str(h) for h in s.hidden) or "no hidden layer"
            what = "Regression" if not self.classification else "Classification"
            label = st.get("label") or st.get("optimizer") or ""
            text = f"{what} · network {layers} {s.activation} · {label} · η = {st.get('lr'):g}"
        title = SansText(text, font_size=26, color=self.theme.text)
        if title.width > config.frame_width - 0.6:
            title.scale_to_fit_width(config.frame_width - 0.6)
        return title

    def build_main_panel(self, left: float, top: float, bottom: float, width: float):
        """The regions panel (classification) or the curve panel (regression), placed in the
        box from ``left`` and ``top`` down to ``bottom``, ``width`` wide."""
        s, d = self.settings, self.data
        if not self.classification:
            panel = CurvePanel(
                self.net, self.traj, d.X_val, d.y_val, theme=self.theme, width=width,
                height=top - bottom, x_range=s.x_range, y_range=s.y_range,
                point_radius=s.point_radius, x_label=d.feature_names[0],
                show_validation=s.show_validation,
            )  # fmt: skip
            panel.move_to([left + width / 2, (top + bottom) / 2, 0])
            return panel
        thumbs = s.show_thumbnails
        if thumbs is None:
            thumbs = s.show_diagram and sum(s.hidden) <= 24
        self.thumbnails = bool(thumbs and s.show_diagram and s.hidden)
        x1, x2 = d.feature_names[:2]
        room = 0.75  # left of the box: the y tick labels and the y title
        for _ in range(2):  # the second pass when the labels need more room than guessed
            side = min(top - bottom - 0.7, width - room)
            panel = RegionsPanel(
                self.net, self.traj, d.X_val, d.y_val, n_classes=d.n_classes or 2,
                theme=self.theme, side=side, grid=s.grid, x_range=s.x_range, y_range=s.y_range,
                point_radius=s.point_radius, x_label=None, y_label=None,
                show_validation=s.show_validation,
                thumbnails=min(20, s.grid) if self.thumbnails else 0,
            )  # fmt: skip
            box = panel.axes
            titles = self.axis_titles(box, x1, x2)
            need = box.c2p(box.x_range[0], box.y_range[0])[0] - titles[1].get_left()[0]
            if need <= room + 1e-6:
                break
            room = need
        lo = box.c2p(box.x_range[0], box.y_range[1])
        shift = np.array([left + room - lo[0], top - lo[1], 0.0])
        panel.shift(shift)
        panel.still.add(*(t.shift(shift) for t in titles))
        return panel

    def axis_titles(self, box, x_title: str, y_title: str) -> tuple[SansText, SansText]:
        """The regions' axis titles, ``TITLE_GAP`` from the tick labels (below the x axis's,
        left of the y axis's), centred on their axes."""
        gap = self.TITLE_GAP
        xl = SansText(x_title, font_size=18, color=self.theme.text)
        xl.move_to(box.c2p(np.mean(box.x_range[:2]), box.y_range[0]))
        ticks_x = box.x_axis.numbers if len(box.x_axis.numbers) else box.x_axis
        xl.shift(UP * (ticks_x.get_bottom()[1] - gap - xl.get_top()[1]))
        yl = SansText(y_title, font_size=18, color=self.theme.text)
        yl.move_to(box.c2p(box.x_range[0], np.mean(box.y_range[:2])))
        ticks_y = box.y_axis.numbers if len(box.y_axis.numbers) else box.y_axis
        yl.shift(RIGHT * (ticks_y.get_left()[0] - gap - yl.get_right()[0]))
        return xl, yl

    def main_parts(self) -> list:
        if isinstance(self.main, RegionsPanel):
            return self.main.parts()
        return [self.main.moving]

    def build_diagram(self, width: float, height: float) -> NetworkDiagram:
        d = self.data
        k = d.n_classes if d.task == "multiclass" else 1
        return NetworkDiagram(
            self.net, self.traj, n_inputs=d.X.shape[1], n_outputs=k, theme=self.theme,
            width=width, height=height, input_names=d.feature_names,
            thumbnails=self.main.thumb_size if isinstance(self.main, RegionsPanel) else 0,
        )  # fmt: skip

    def build_key(self) -> VGroup:
        val = self.settings.show_validation and self.data.X_val is not None
        if self.classification:
            return class_key(self.main.colors, self.theme, validation=val)
        theme = self.theme
        dot = SansText("●", font_size=15, color=theme.data)
        parts = [VGroup(dot, SansText("training", font_size=15, color=theme.text))]
        if val:
            ring = SansText("○", font_size=15, color=theme.data)
            parts.append(VGroup(ring, SansText("validation", font_size=15, color=theme.text)))
        line = Line(LEFT * 0.2, RIGHT * 0.2, color=theme.model, stroke_width=4)
        parts.append(VGroup(line, SansText("prediction", font_size=15, color=theme.text)))
        for p in parts:
            p.arrange(RIGHT, buff=0.1)
        return VGroup(*parts).arrange(RIGHT, buff=0.3)

    def build_sign_key(self) -> VGroup:
        """The diagram's sign colours: positive and negative weights (and hidden outputs when
        the neurons show thumbnails)."""
        return sign_key(self.theme, outputs=bool(getattr(self, "thumbnails", False)))

    def colour_roles(self) -> dict[str, list]:
        """Every mobject drawn in a role's colour, by role: one colour per role, one role per
        colour (the tests check it for the ready network scenes). Images (the regions, the
        thumbnails) are named by the colours they blend towards, under their roles."""
        roles: dict[str, list] = {}
        if isinstance(self.main, RegionsPanel):
            points = [*self.main.train_points[1:], *self.main.val_points]
            for c, colour in enumerate(self.main.colors):
                roles[f"class {c}"] = [m for m in points if _paints(m, colour)]
        else:
            roles["data"] = [m for m in self.main.still[1:]]
            roles["prediction"] = [self.main.curve]
        if self.diagram is not None:
            levels = range(self.diagram.LEVELS)
            roles["positive"] = [self.diagram.bin_of(lv, 1) for lv in levels]
            roles["negative"] = [self.diagram.bin_of(lv, -1) for lv in levels]
        if self.chart is not None:  # validation drawn first, under training
            roles["training loss"] = [self.chart.curves[-1]]
            if len(self.chart.curves) > 1:
                roles["validation loss"] = [self.chart.curves[0]]
            roles["diverged"] = [self.chart.banner]
        return roles

    def keys(self) -> list:
        """The keys (class and sign keys, the chart's labels): they repeat the roles' colours."""
        out = [self.key, self.sign_key, getattr(self, "chart_labels", None)]
        return [k for k in out if k is not None]

    def _lines(self) -> list[str]:
        """The read-out templates, widest case (for warming glyphs)."""
        return ["epoch step / 0123456789", "accuracy R² train validation diverged at -0.123456789"]

    def build_readouts(self, x: float, y: float) -> list[LineText]:
        warm = "".join(sorted(set("".join(self._lines())))) + "0123456789.-/ "
        out = []
        for i in range(2):
            t = LineText("", font_size=19, color=self.theme.text, font=MONO, warm=warm)
            t.shift(np.array([x, y - 0.45 * i, 0.0]) - t.origin)
            out.append(t)
        return out

    def build_loss_chart(self, left: float, right: float, top: float, bottom: float):
        theme, t = self.theme, self.traj
        losses, colours = [t.loss], [theme.loss]
        if t.val_loss is not None:
            losses.append(t.val_loss)
            colours.append(theme.validation)  # not the prediction's colour
        chart = LossChart(  # validation drawn under training
            losses[::-1], colours[::-1], main=len(losses) - 1, log=False,
            width=right - left - 0.7, height=top - bottom - 0.85, theme=theme, font_size=15,
            x_label=None, stroke_width=3.0,
        )  # fmt: skip
        chart.move_to([0, 0, 0])
        box = chart.axes
        lo = box.c2p(box.x_range[0], box.y_range[1])
        chart.shift([left + 0.6 - lo[0], top - 0.4 - lo[1], 0])
        chart.set_position(0.0)  # the curves were built before the move: follow the axes
        labels = VGroup(SansText("loss by step", font_size=15, color=theme.muted))
        for name, colour in zip(("training", "validation"), colours, strict=False):
            sw = Line(LEFT * 0.18, RIGHT * 0.18, color=colour, stroke_width=4)
            labels.add(
                VGroup(sw, SansText(name, font_size=15, color=theme.text)).arrange(RIGHT, buff=0.1)
            )
        labels.arrange(RIGHT, buff=0.3)
        labels.move_to([left, top - 0.12, 0], aligned_edge=LEFT)
        self.chart_labels = labels
        return chart

    # -- time ----------------------------------------------------------------------------------
    def metrics(self, k: int) -> tuple[float, float | None]:
        """Accuracy (classification) or R² (regression) at row ``k``: training, validation."""
        d, theta = self.data, self.traj.params[k]

        def score(X, y):
            out = forward(self.net, theta, X)[1]
            if d.task == "regression":
                with np.errstate(all="ignore"):
                    return float(np.nan_to_num(r2_score(y, np.clip(out, -1e150, 1e150)),
                                               nan=-1e9, neginf=-1e9))  # fmt: skip
            pred = (out > 0.5) if out.ndim == 1 else np.argmax(out, axis=1)
            return float(np.mean(pred == y))

        val = None if d.X_val is None else score(d.X_val, d.y_val)
        return score(d.X, d.y), val

    def readout_texts(self, k: int) -> list[str]:
        t = self.traj
        n = t.n_steps
        e_total = int(t.settings.get("epochs") or t.epoch[-1])
        w = len(str(n))
        first = f"epoch {int(t.epoch[k]):>{len(str(e_total))}d} / {e_total}   step {k:>{w}d} / {n}"
        train, val = self.metrics(k)
        name = "accuracy" if self.classification else "R²"
        fmt = (lambda v: f"{v:.3f}") if self.classification else (lambda v: _r2(v))
        second = f"{name}  train {fmt(train)}"
        if val is not None:
            second += f"   validation {fmt(val)}"
        return [first, second]

    def show_position(self, position: float, frame: int) -> None:
        k = self.row_of_frame(frame)
        self.main.set_row(k)
        if self.diagram is not None:
            self.diagram.set_row(k)
            if isinstance(self.main, RegionsPanel):
                self.diagram.set_thumbnails(self.main)
        if self.chart is not None:
            self.chart.set_position(float(k))
        for line, text in zip(self.readouts, self.readout_texts(k), strict=False):
            line.set_text(text)

    def show_ending(self) -> None:
        t, theme = self.traj, self.theme
        if t.diverged:
            text, colour = f"diverged at step {t.diverged_step}", theme.diverged
        elif t.best_step is not None and t.val_loss is not None:
            text = f"lowest validation loss {t.val_loss[t.best_step]:.3f} at step {t.best_step}"
            colour = theme.muted
        else:
            return
        cap = SansText(text, font_size=17, color=colour)
        if self.chart is not None:
            ax = self.chart.axes
            cap.move_to(ax.c2p(ax.x_range[1], ax.y_range[1]) + [-0.1, -0.2, 0], aligned_edge=RIGHT)
        self.add(cap)
        self.ending = cap


def _paints(mob, colour: str) -> bool:
    """Whether ``mob`` is filled or stroked in ``colour``."""
    c = colour.upper()
    fill = mob.get_fill_opacity() > 0 and mob.get_fill_color().to_hex().upper() == c
    stroke = mob.get_stroke_width() > 0 and mob.get_stroke_color().to_hex().upper() == c
    return bool(fill or stroke)


def _r2(v: float) -> str:
    return f"{v:.3f}" if v > -1e3 else "< -999"


class NNClassificationScene(NetworkScene):
    """A (2, 8, 8, 1) ReLU network learning the two-arm spiral (Adam, mini-batches of 16)."""

    settings: ClassVar[NetworkSettings] = NetworkSettings(run_time=10.0)


class NNRegressionScene(NetworkScene):
    """A (1, 8, 8, 1) tanh network fitting a noisy sine curve (Adam, mini-batches of 16)."""

    settings: ClassVar[NetworkSettings] = NetworkSettings(
        data="curve", hidden=(8, 8), activation="tanh", lr=0.02, epochs=150, run_time=10.0
    )
