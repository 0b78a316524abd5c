"""Panels of a model with many features: predicted against actual values, and one bar per weight."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from manim import ManimColor, VGroup, VMobject, interpolate_color

from ...trajectory import Trajectory
from ..numbers import tick_formatter
from ..primitives import PlotAxes, SansText, Scatter, nice_step
from ..theme import DARK, Theme
from .base import Panel
from .geometry import _resolve_range
from .key import BandBar, KeyEntry

__all__ = ["PredictedPanel", "WeightsPanel", "predicted_key_entries"]


def _design(X: np.ndarray) -> np.ndarray:
    X = np.asarray(X, dtype=np.float64)
    return np.column_stack([np.ones(len(X)), X.reshape(len(X), -1)])


def predicted_key_entries(theme: Theme, held_out: bool) -> list[KeyEntry]:
    """The key entries of a :class:`PredictedPanel`: the points' shapes (training, held out)
    and the identity line, in neutral colours (the points' colours are the prediction's)."""
    out = [KeyEntry("dot", theme.text, "training", "training")]
    if held_out:
        out.append(KeyEntry("ring", theme.text, "held out", "held out"))
    out.append(KeyEntry("line", theme.muted, "predicted = actual", "identity"))
    return out


class PredictedPanel(Panel):
    """Predicted against actual values at the current row, with the identity line.

    A point on the identity line (thin, in the muted colour: a reference, not a role) is
    predicted exactly. Points are coloured by their prediction (``colours`` bins from the
    theme's ``class0`` to ``class1`` colour over the axis range: :meth:`colour_bar` is their
    key); held-out samples (``validation``) are hollow rings. Predictions outside the axes are
    drawn on their edge.

    Parameters
    ----------
    traj : Trajectory
        A linear-regression run of :func:`maniml.fit` (it holds ``X`` and ``y``).
    validation : (X_val, y_val), optional
    axis_range : (low, high) or (low, high, step), optional
        The range of both axes; by default the actual values and the predictions of every row
        (between their 1st and 99th percentiles).
    colours : int
        Colour bins of the points.

    Examples
    --------
    >>> import maniml
    >>> X, y = maniml.make_linear(n=30, n_features=3, seed=0)
    >>> t = maniml.fit(maniml.LinearRegression(), X, y, maniml.BGD(0.1), epochs=20)
    >>> p = PredictedPanel(t).set_row(20)
    >>> actual, predicted = p.values_at(20)
    >>> bool(np.allclose(predicted, t.params[20, 0] + X @ t.params[20, 1:]))
    True
    """

    def __init__(
        self,
        traj: Trajectory,
        *,
        theme: Theme = DARK,
        width: float = 5.0,
        height: float = 5.0,
        validation: tuple[np.ndarray, np.ndarray] | None = None,
        axis_range: Sequence[float] | None = None,
        font_size: float = 16,
        x_label: str = "actual",
        y_label: str = "predicted",
        point_radius: float | None = None,
        colours: int = 7,
    ) -> None:
        super().__init__(traj, theme=theme)
        self.A = _design(traj.X)
        self.y = np.asarray(traj.y, dtype=np.float64)
        if validation is None:
            self.A_val, self.y_val = np.zeros((0, self.A.shape[1])), np.zeros(0)
        else:
            self.A_val, self.y_val = _design(validation[0]), np.asarray(validation[1], float)
        self.n_colours = max(1, int(colours))
        r = self._ranges(width, height, axis_range)
        self._build_still(r, width=width, height=height, font_size=font_size,
                          x_label=x_label, y_label=y_label)  # fmt: skip
        self._build_moving(point_radius)
        self._finish()

    # -- ranges --------------------------------------------------------------------------------------
    def _ranges(
        self, width: float, height: float, axis_range: Sequence[float] | None
    ) -> tuple[float, float, float]:
        params = np.asarray(self.traj.params, dtype=np.float64)
        pick = np.unique(np.linspace(0, len(params) - 1, min(len(params), 400)).astype(np.intp))
        with np.errstate(all="ignore"):
            pred = (params[pick] @ np.vstack([self.A, self.A_val]).T).ravel()
        pred = pred[np.isfinite(pred)]
        actual = np.concatenate([self.y, self.y_val])
        lo, hi = np.percentile(pred, [1, 99]) if len(pred) else (actual.min(), actual.max())
        values = np.array([actual.min(), actual.max(), lo, hi])
        n = max(3, int(min(width, height) / 1.0))
        return _resolve_range(axis_range, values, n, "axis_range")

    # -- still parts ---------------------------------------------------------------------------------
    def _build_still(
        self,
        r: tuple[float, float, float],
        *,
        width: float,
        height: float,
        font_size: float,
        x_label: str,
        y_label: str,
    ) -> None:
        """The axes (same range on both) and the identity line (solid and muted: the dashed
        grey line of these scenes is the least-squares loss)."""
        theme = self.theme
        side = min(width, height)
        self.range = r
        self.axes = PlotAxes(
            r, r, width=side, height=side, theme=theme, font_size=font_size,
            x_title=x_label, y_title=y_label, grid=True,
        )  # fmt: skip
        x0, x1, _, _ = self.axes.box
        self.identity = VMobject(stroke_color=theme.muted, stroke_width=1.6, stroke_opacity=1.0)
        self.identity.set_points_as_corners([self.axes.c2p(x0, x0), self.axes.c2p(x1, x1)])
        self.still.add(self.axes, self.identity)

    # -- moving parts --------------------------------------------------------------------------------
    def _build_moving(self, point_radius: float | None) -> None:
        """One scatter per colour bin, filled (training) and hollow (validation)."""
        theme, n = self.theme, len(self.y) + len(self.y_val)
        if point_radius is None:
            point_radius = 0.06 if n <= 100 else 0.045 if n <= 600 else 0.03
        self.point_radius = point_radius
        k = self.n_colours
        self.bin_colours = [
            interpolate_color(ManimColor(theme.class0), ManimColor(theme.class1), i / max(1, k - 1))
            for i in range(k)
        ]
        self.filled = VGroup(*[Scatter(np.zeros((0, 3)), radius=point_radius, color=c)
                               for c in self.bin_colours])  # fmt: skip
        self.hollow = VGroup()
        for c in self.bin_colours:
            ring = Scatter(np.zeros((0, 3)), radius=point_radius * 1.1, opacity=0.0)
            ring.set_style(fill_opacity=0.0, stroke_color=c, stroke_width=1.8, stroke_opacity=1.0)
            self.hollow.add(ring)
        self.moving.add(self.filled, self.hollow)

    # -- showing a row -------------------------------------------------------------------------------
    def values_at(self, k: int, validation: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """Actual values and predictions ``X @ θ_k`` (intercept included) at row ``k``."""
        A, y = (self.A_val, self.y_val) if validation else (self.A, self.y)
        with np.errstate(all="ignore"):
            return y, A @ np.asarray(self.traj.params[k], dtype=np.float64)

    def bins(self, predicted: np.ndarray) -> np.ndarray:
        """The colour bin of each prediction (its place in the axis range)."""
        x0, x1 = self.axes.box[:2]
        t = np.clip((np.nan_to_num(predicted, nan=x0) - x0) / (x1 - x0), 0.0, 1.0)
        return np.minimum((t * self.n_colours).astype(np.intp), self.n_colours - 1)

    def key_entries(self) -> list[KeyEntry]:
        """What the points' shapes and the identity line mean (:func:`predicted_key_entries`;
        their colour: :meth:`colour_bar`)."""
        return predicted_key_entries(self.theme, len(self.y_val) > 0)

    def colour_bar(
        self, *, font_size: float = 15, length: float = 2.4, title: str = "colour: predicted"
    ) -> BandBar:
        """The key of the points' colours: one band per colour bin along the axis range,
        labelled with the range's ends and middle (where they do not crowd)."""
        x0, x1, step = self.range
        fmt = tick_formatter(step)
        on_tick = round((x1 - x0) / step) % 2 == 0  # else the middle is half a step off
        mid = (fmt if on_tick else tick_formatter(step / 2))((x0 + x1) / 2)
        groups = [[(0.0, fmt(x0)), (1.0, fmt(x1))], [(0.5, mid)]]
        k = self.n_colours
        return BandBar(
            np.linspace(0.0, 1.0, k + 1), [c.to_hex() for c in self.bin_colours], [1.0] * k,
            theme=self.theme, title=title, length=length, font_size=font_size, mark=None,
            labels=groups,
        )  # fmt: skip

    def colour_roles(self) -> dict[str, list[VMobject]]:
        """The points, by role (see :meth:`DataPanel.colour_roles`): their colours are the
        predicted value's."""
        return {"predicted value": [*self.filled, *self.hollow]}

    def _place(self, group: VGroup, actual: np.ndarray, predicted: np.ndarray) -> None:
        x0, x1, y0, y1 = self.axes.box
        py = np.clip(np.nan_to_num(predicted, nan=y0, posinf=y1, neginf=y0), y0, y1)
        inside = (actual >= x0) & (actual <= x1)
        b = self.bins(predicted)
        pts = self.axes.c2p(actual, py).reshape(-1, 3)
        for i, mob in enumerate(group):
            m = inside & (b == i)
            mob.move_points(pts[m])

    def _show(self, k: int) -> None:
        self._place(self.filled, *self.values_at(k))
        if len(self.y_val):
            self._place(self.hollow, *self.values_at(k, validation=True))


class WeightsPanel(Panel):
    """One horizontal bar per weight (the intercept left out), labelled by feature name.

    A bar's length is the weight at the current row on a value axis symmetric about 0 that
    holds every row's weights; every bar is in the theme's ``model`` colour (the side of 0 gives
    the sign).

    Examples
    --------
    >>> import maniml
    >>> X, y = maniml.make_linear(n=30, n_features=3, seed=0)
    >>> t = maniml.fit(maniml.LinearRegression(), X, y, maniml.BGD(0.1), epochs=20)
    >>> w = WeightsPanel(t, names=["a", "b", "c"]).set_row(20)
    >>> bool(np.allclose(w.lengths(), t.params[20, 1:]))
    True
    """

    def __init__(
        self,
        traj: Trajectory,
        *,
        theme: Theme = DARK,
        width: float = 4.0,
        height: float = 5.0,
        names: Sequence[str] | None = None,
        value_range: Sequence[float] | None = None,
        font_size: float = 15,
        title: str = "weights",
    ) -> None:
        super().__init__(traj, theme=theme)
        d = traj.params.shape[1] - 1
        names = [f"w{i + 1}" for i in range(d)] if names is None else [str(n) for n in names]
        if len(names) != d:
            raise ValueError(
                f"The 'names' parameter of WeightsPanel must have {d} entries; got {len(names)}."
            )
        self.names = names
        r = self._ranges(width, value_range)
        self._build_still(r, width=width, height=height, font_size=font_size, title=title)
        self._build_moving()
        self._finish()

    def _ranges(self, width: float, value_range: Sequence[float] | None) -> tuple[float, ...]:
        w = np.asarray(self.traj.params[:, 1:], dtype=np.float64)
        if value_range is not None:
            return _resolve_range(value_range, None, 4, "value_range")
        finite = np.abs(w[np.isfinite(w)])
        m = float(finite.max()) if len(finite) and finite.max() > 0 else 1.0
        step = nice_step(2 * m, max(2, int(width / 1.1)))
        top = math.ceil(m / step) * step
        return (-top, top, step)

    def _build_still(
        self, r: tuple[float, ...], *, width: float, height: float, font_size: float, title: str
    ) -> None:
        """Value axis (ticks at the bottom, a grid), the zero line, the names, the title."""
        theme = self.theme
        labels = [SansText(n, font_size=font_size, color=theme.text) for n in self.names]
        name_w = max(lab.width for lab in labels) + 0.15
        d = len(self.names)
        self.axes = PlotAxes(
            r, (0.0, float(d), 1.0), width=width - name_w, height=height, theme=theme,
            font_size=font_size, x_title=title, y_title=None, y_labels=[], grid=True,
        )  # fmt: skip
        x0, x1, y0, y1 = self.axes.box
        zero = VMobject(stroke_color=theme.axis, stroke_width=1.6)
        zero.set_points_as_corners([self.axes.c2p(0.0, y0), self.axes.c2p(0.0, y1)])
        self.still.add(self.axes, zero)
        left = self.axes.c2p(x0, y0)[0]
        for i, lab in enumerate(labels):  # first feature at the top
            y = self.axes.c2p(x0, self._slot(i))[1]
            lab.move_to([left - 0.1 - lab.width / 2, y, 0.0])
            self.still.add(lab)

    def _slot(self, i: int) -> float:
        """Centre of bar ``i`` in axis units (the first bar at the top)."""
        return len(self.names) - i - 0.5

    def _build_moving(self) -> None:
        theme = self.theme
        self.bars = VGroup(*[
            VMobject(fill_color=theme.model, fill_opacity=0.85, stroke_width=0.0)
            for _ in self.names
        ])  # fmt: skip
        self.moving.add(self.bars)

    def key_entries(self) -> list[KeyEntry]:
        """The bars' colour: the model's weights."""
        return [KeyEntry("bar", self.theme.model, "weight", "model")]

    def colour_roles(self) -> dict[str, list[VMobject]]:
        """The bars, by role (see :meth:`DataPanel.colour_roles`)."""
        return {"model": list(self.bars)}

    def lengths(self) -> np.ndarray:
        """The drawn bars' signed lengths in weight units (clipped to the axis)."""
        unit = float(self.axes.c2p(1.0, 0.0)[0] - self.axes.c2p(0.0, 0.0)[0])
        return np.array([
            0.0 if len(bar.points) == 0 else (bar.points[3, 0] - bar.points[0, 0]) / unit
            for bar in self.bars
        ])  # fmt: skip

    def _show(self, k: int) -> None:
        # one colour, the model's, for every weight: the side of 0 gives the sign (the points'
        # blue-to-red already means the predicted value)
        w = np.nan_to_num(np.asarray(self.traj.params[k, 1:], dtype=np.float64))
        x0, x1 = self.axes.box[:2]
        w = np.clip(w, x0, x1)
        for i, (bar, v) in enumerate(zip(self.bars, w, strict=True)):
            c = self._slot(i)
            if v == 0.0:
                bar.clear_points()
                continue
            pts = self.axes.c2p(
                np.array([0.0, v, v, 0.0, 0.0]), np.array([c - 0.32, c - 0.32, c + 0.32,
                                                           c + 0.32, c - 0.32])
            ).reshape(-1, 3)  # fmt: skip
            bar.set_points_as_corners(pts)
