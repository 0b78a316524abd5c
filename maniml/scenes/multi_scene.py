"""Linear regression on any number of features: :class:`LinRegMultiScene` configured by
:class:`LinRegMultiSettings`.

No line or plane can show ten features, so the scene shows what the model does instead: each
sample's prediction against its actual value (a perfect model puts every point on the identity
line), one bar per weight, the training and validation loss, and R² on both parts. With a
``tol``, the run stops early when the monitored loss (the validation loss by default) has not
improved for ``n_iter_no_change`` epochs; the caption says so and the loss panel marks the best
step (``traj.best_step``). A key under the caption names the points' shapes, their colour (a bar
of the predicted value), the identity line, the weight bars and the least-squares loss line.

Examples
--------
>>> s = LinRegMultiSettings().with_(lr=0.02, monitor="Loss")
>>> s.data, s.data_options, s.monitor
('diabetes', {'features': None}, 'loss')
>>> LinRegMultiSettings().with_(n_iter_no_change=0)
Traceback (most recent call last):
...
maniml.ParameterError: The 'n_iter_no_change' setting of LinRegMultiSettings must be an int in \
[1, inf); got 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
from manim import UL, Mobject, config

from ..models import LinearRegression
from ..trajectory import Trajectory
from .fit_scene import FitScene
from .fit_settings import FitSettings, data_setting
from .panels import LossPanel, Panel, PredictedPanel, ReadoutPanel, WeightsPanel
from .panels.key import BandBar, Key, KeyEntry
from .panels.multi import predicted_key_entries
from .primitives import SansText
from .settings import boolean, choice, integer, mapping, real, setting, span
from .sources import make_model, make_optimizer, run, setting_error
from .timeline import path_motion

__all__ = ["LinRegMultiScene", "LinRegMultiSettings"]


def _check_of(name: str) -> Any:
    """The check of a :class:`FitSettings` field."""
    return FitSettings.__dataclass_fields__[name].metadata["check"]


@dataclass(frozen=True, eq=False)
class LinRegMultiSettings(FitSettings):
    """Settings of :class:`LinRegMultiScene`: those of :class:`FitSettings` (data, optimiser,
    ``validation``, ``show_metric``...), with other defaults (the ten standardised diabetes
    features, 20 % held out, mini-batches of 16), and:

    Attributes
    ----------
    tol : float or None
        Early stopping: stop when the monitored loss has not improved on its best by ``tol``
        for ``n_iter_no_change`` epochs in a row (``None``: run every epoch).
    n_iter_no_change : int
    monitor : {'auto', 'loss', 'val_loss'}
        What early stopping watches; ``'auto'``: the validation loss when there is a validation
        set, else the training loss.
    show_predicted, show_weights : bool
        The predicted-vs-actual panel and the weight bars.
    axis_range : (low, high) or None
        Range of both axes of the predicted-vs-actual panel (default: the data and the run).
    weight_range : (low, high) or None
        Range of the weight bars' axis (default: symmetric, every row's weights).
    """

    data: Any = setting("diabetes", data_setting)
    data_options: Mapping[str, Any] = setting(check=mapping(), factory=lambda: {"features": None})
    optimizer: Any = setting("minibatch", _check_of("optimizer"))
    lr: float = setting(0.01, real(low=0, low_open=True))
    batch_size: int = setting(16, integer(low=1))
    epochs: int = setting(100, integer(low=1))
    validation: float | None = setting(
        0.2, real(low=0, high=1, low_open=True, high_open=True, optional=True)
    )
    show_metric: bool = setting(True, boolean())
    show_formula: bool = setting(False, boolean())
    tol: float | None = setting(1.0, real(low=0, optional=True))
    n_iter_no_change: int = setting(5, integer(low=1))
    monitor: str = setting("auto", choice("auto", "loss", "val_loss"))
    show_predicted: bool = setting(True, boolean())
    show_weights: bool = setting(True, boolean())
    axis_range: tuple[float, ...] | None = setting(None, span(steps=True))
    weight_range: tuple[float, ...] | None = setting(None, span(steps=True))
    run_time: float = setting(10.0, real(low=0, low_open=True))
    hold_time: float = setting(2.5, real(low=0))

    def check_together(self, where: str) -> None:
        super().check_together(where)
        if self.monitor == "val_loss" and self.validation is None:
            raise setting_error(
                "monitor", where, "'auto' or 'loss' when there is no validation set", self.monitor
            )
        if not (self.model == "linear" or isinstance(self.model, LinearRegression)):
            raise setting_error("model", where, "'linear' or a LinearRegression", self.model)


class LinRegMultiScene(FitScene):
    """Linear regression on many features (the ten of the diabetes data by default):
    predicted against actual values, one bar per weight, the training and validation loss,
    R², early stopping.

    Configure with ``settings = LinRegMultiScene.settings.with_(...)``
    (:class:`LinRegMultiSettings`).

    Examples
    --------
    >>> from maniml.scenes import timeline_of
    >>> tl = timeline_of(LinRegMultiScene, frame_rate=5)
    >>> t = tl.trajectory
    >>> t.params.shape[1], t.stopped_early, [e.kind for e in tl.events][-1]
    (11, True, 'stopped early')
    """

    settings: ClassVar[LinRegMultiSettings] = LinRegMultiSettings()
    Settings: ClassVar[type[LinRegMultiSettings]] = LinRegMultiSettings

    # -- the run ------------------------------------------------------------------------------
    def make_trajectory(self) -> Trajectory:
        if self.fit_data.trajectory is not None:
            return self.fit_data.trajectory
        s, where = self.settings, type(self).__name__
        model = make_model(s.model, s.l2, where)
        options = {} if s.tol is None else {"tol": s.tol, "n_iter_no_change": s.n_iter_no_change}
        opt = make_optimizer(
            s.optimizer, lr=s.lr, batch_size=s.batch_size, rule=s.rule, schedule=s.schedule,
            where=where, options=options,
        )  # fmt: skip
        monitor = s.monitor
        if monitor == "auto":
            monitor = "val_loss" if self.validation is not None else "loss"
        return run(
            self.fit_data, model, opt, epochs=s.epochs, seed=s.seed, init=s.init,
            max_steps=s.max_steps, where=where, validation=self.validation, monitor=monitor,
        )  # fmt: skip

    def step_motion(self) -> np.ndarray:
        """How far the predictions (of up to 48 samples, in units of the targets' range), the
        weights (in units of their range) and the loss marker move at each step."""
        t = self.traj
        params = np.nan_to_num(t.params, nan=0.0, posinf=1e12, neginf=-1e12)
        X = np.asarray(self.fit_data.X, dtype=float)
        pick = np.linspace(0, len(X) - 1, min(len(X), 48)).round().astype(int)
        A = np.column_stack([np.ones(len(pick)), X[pick]])
        y = np.asarray(t.y, dtype=float)
        with np.errstate(all="ignore"):
            pred = params @ A.T
        n = pred.shape[1]
        motion = path_motion(pred, np.full(n, y.min()), np.full(n, y.max()))
        w = params[:, 1:]
        m = float(np.abs(w).max()) or 1.0
        weights = path_motion(w, np.full(w.shape[1], -m), np.full(w.shape[1], m))
        loss = np.asarray(t.loss, dtype=float)
        finite = loss[np.isfinite(loss)]
        chart = path_motion(loss[:, None], finite.min(keepdims=True), finite.max(keepdims=True))
        return np.sqrt(motion**2 + weights**2 + chart**2)

    # -- building -----------------------------------------------------------------------------
    def feature_labels(self) -> list[str]:
        """The bars' labels: the feature names without the '(std.)' suffix."""
        return [n.removesuffix(" (std.)") for n in self.fit_data.feature_names]

    def build_title(self) -> Mobject:
        s = self.settings
        if s.title is not None:
            return SansText(s.title, font_size=30 * s.font_scale, color=self.theme.text)
        st = self.traj.settings
        d = self.traj.params.shape[1] - 1
        label = st.get("label") or st.get("optimizer") or ""
        text = f"Linear regression on {d} features · {label} · η = {st.get('lr', s.lr):g}"
        return SansText(text, font_size=28 * s.font_scale, color=self.theme.text)

    def build_readout_panel(self, width: float) -> ReadoutPanel:
        s = self.settings
        return ReadoutPanel(
            self.traj, theme=self.theme, width=width, font_size=19 * s.font_scale,
            show_lr=False, show_batch_loss=False, extras=self.metric_rows(), show_params=False,
        )  # fmt: skip

    def build(self) -> None:
        """Title and caption on top; under them the key (left and middle); predicted-vs-actual
        left, weights in the middle, the loss and read-outs right."""
        s, theme = self.settings, self.theme
        self.paint_background()
        fw, fh = config.frame_width, config.frame_height
        m, gap = 0.3, 0.35
        top, bottom = fh / 2 - m, -fh / 2 + m
        left, right = -fw / 2 + m, fw / 2 - m
        self.title = self.build_title() if s.show_title else None
        if self.title is not None:
            if self.title.width > right - left:
                self.title.scale_to_fit_width(right - left)
            self.title.move_to([0, top - self.title.height / 2, 0])
            top -= self.title.height + 0.25
        self.caption_y = top - 0.12
        if self.caption_events():
            top -= 0.5  # the caption line (its baseline 0.32 below, descenders) and a gap
        col_top = top  # the loss column starts here; the key's columns under the key
        x = left
        key_w = (
            ((right - left) * 0.36 + gap if s.show_predicted else 0.0)
            + ((right - x - ((right - left) * 0.36 + gap if s.show_predicted else 0.0)) * 0.45
               if s.show_weights else 0.0)
        )  # fmt: skip
        self.key: Key | None = None
        if s.show_key and (s.show_predicted or s.show_weights):
            size = self.KEY_SIZE * s.font_scale
            self.key = self.build_key(size, key_w, final=False)  # for its height
            top -= self.key.height + 0.3
        h = top - bottom
        self.formula_panel = None
        self.data_panel = None
        self.predicted_panel: PredictedPanel | None = None
        self.weights_panel: WeightsPanel | None = None
        if s.show_predicted:
            side = min(h, (right - left) * 0.36)
            self.predicted_panel = PredictedPanel(
                self.traj, theme=theme, width=side, height=side, validation=self.validation,
                axis_range=s.axis_range, font_size=15 * s.font_scale,
                x_label=f"actual {self.fit_data.target_name}", y_label="predicted",
                point_radius=s.point_radius,
            )  # fmt: skip
            self.predicted_panel.move_to([x + side / 2, (top + bottom) / 2, 0])
            x += side + gap
        if s.show_weights:
            w = (right - x) * 0.45
            self.weights_panel = WeightsPanel(
                self.traj, theme=theme, width=w, height=h, names=self.feature_labels(),
                value_range=s.weight_range, font_size=15 * s.font_scale,
                title="weight (standardised features)" if "(std.)" in
                self.fit_data.feature_names[0] else "weight",
            )  # fmt: skip
            self.weights_panel.move_to([x + w / 2, (top + bottom) / 2, 0])
            x += w + gap
        col_w = right - x
        self.readout_panel = self.build_readout_panel(col_w) if s.show_readout else None
        loss_bottom = bottom
        if self.readout_panel is not None:
            r = self.readout_panel
            fr = r.frame
            r.shift([x + 0.1 - fr.get_left()[0], bottom - fr.get_bottom()[1], 0])
            loss_bottom = fr.get_top()[1] + 0.35
        self.loss_panel = None
        if s.show_loss:
            self.loss_panel = LossPanel(
                self.traj, theme=theme, width=col_w, height=col_top - loss_bottom,
                scale=s.loss_scale, y_range=s.loss_range, font_size=15 * s.font_scale,
                show_optimum=s.show_optimum, banner_color=self.banner_colour(),
            )  # fmt: skip
            self.loss_panel.move_to([x + col_w / 2, (col_top + loss_bottom) / 2, 0])
        if self.key is not None:  # now with the bar's labels, at the top left
            self.key = self.build_key(self.KEY_SIZE * s.font_scale, key_w, final=True)
            self.key.shift(np.array([left, col_top, 0.0]) - self.key.get_corner(UL))
        self.panels: list[Panel] = [
            p
            for p in (self.predicted_panel, self.weights_panel, self.loss_panel,
                      self.readout_panel)
            if p
        ]  # fmt: skip
        if self.title is not None:
            self.add_still(self.title)
        if self.key is not None:
            self.add_still(self.key)
        self.add_still(*[p.still for p in self.panels])
        self.add_moving(*[p.moving for p in self.panels])
        self.caption = self.build_caption()
        if self.caption is not None:
            self.add_moving(self.caption)

    #: the key's type size (before ``font_scale``), as the panels' tick labels: a 13 px em
    #: at 854x480
    KEY_SIZE: float = 15.0

    def build_key(self, font_size: float, max_width: float, *, final: bool = True) -> Key:
        """The key of the points (shape; colour: a bar of the prediction), the identity line,
        the weight bars and the least-squares loss line. Built twice: before the panels
        (``final=False``: its size, to leave room for it) and after them (the bar labelled
        from the predicted panel's axis; the loss line if the loss panel draws it)."""
        s, theme = self.settings, self.theme
        entries: list[KeyEntry] = []
        bar = None
        if s.show_predicted:
            entries += predicted_key_entries(theme, self.validation is not None)
            if final and self.predicted_panel is not None:
                bar = self.predicted_panel.colour_bar(font_size=font_size)
            else:  # as tall as the real one
                bar = BandBar(np.linspace(0, 1, 8), [theme.text] * 7, [1.0] * 7, theme=theme,
                              font_size=font_size, mark=None, title="colour: predicted",
                              labels=[[(0.0, "0"), (1.0, "0")]])  # fmt: skip
        if s.show_weights:
            entries.append(KeyEntry("bar", theme.model, "weight", "model"))
        if final:
            lp = self.loss_panel
            line = lp is not None and lp.chart.optimum_line is not None
        else:
            line = s.show_loss and s.show_optimum
        if line:
            entries.append(KeyEntry("dashed", theme.optimum, "least-squares loss", "optimum"))
        return Key(entries, theme=theme, font_size=font_size, bar=bar, max_width=max_width)

    def banner_colour(self) -> str:
        """The divergence banner's colour: the text colour, as the points' colours run to the
        theme's red (``class1``)."""
        return self.theme.text if self.settings.show_predicted else self.theme.diverged
