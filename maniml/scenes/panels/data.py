"""The data panel: the data on axes with the model at the current row."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
from manim import Circle, DashedVMobject, VGroup, VMobject

from ...models import known_optimum
from ...trajectory import Trajectory
from ..clipping import clip_polygon, line_in_box
from ..numbers import format_number, tick_formatter
from ..primitives import PlotAxes, SansText, Scatter, nice_step
from ..theme import DARK, Theme
from .base import Panel, model_kind
from .geometry import AxisRange, _resolve_range, coincident, equal_box, grid_step, jitter
from .key import BandBar, Key, KeyEntry

__all__ = ["DataPanel"]

#: which y values get a tick label, and how they are written (``None``: the axes' defaults)
_Ticks = tuple[list[float] | None, Callable[[float], str] | None]


class DataPanel(Panel):
    """The data on axes with the model at the current row.

    Draws, by :func:`model_kind`: the regression line (linear regression, one feature); the
    decision boundary with optional probability shading (logistic regression, two features); the
    sigmoid over 0/1 labels with its 0.5 threshold (logistic regression, one feature). Also: the
    batch the current step used (rings), residual segments (linear regression), and the optimum
    drawn faintly (the closed form for linear regression, or ``optimum`` if given).

    Parameters
    ----------
    traj : Trajectory
        A run of :func:`maniml.fit` (it holds ``X`` and ``y``).
    width, height : float
        Outer size of the panel, labels included.
    x_range, y_range : (low, high) or (low, high, step), optional
        Axis ranges in data units; from the data by default.
    x_label, y_label : str, optional
        Axis titles.
    show_batch : bool, optional
        Ring the current step's samples; default: when the batches are not the full data.
    show_residuals : bool, optional
        Segments from each point to the line (linear regression); default: up to 300 points.
    show_optimum : bool
        Draw the optimum faintly, where known.
    optimum : array, optional
        Parameters to draw as the optimum (for logistic regression, say, from scikit-learn).
    show_shading : bool
        Probability bands behind a decision boundary.
    point_radius : float, optional
        Dot radius in scene units; by default from the number of points.
    validation : (X_val, y_val), optional
        Held-out samples, drawn as hollow points (the axis ranges cover them too).
    equal_scale : bool
        Two features (a decision boundary) drawn with one unit of x as long as one unit of y,
        for features in the same unit; the box shrinks to keep the data's shape.
    jitter : float or (float, float), optional
        Points of a logistic-regression panel moved by a seeded uniform offset of at most this
        much (in data units; per feature), so that samples measured on a grid do not hide each
        other. ``None`` (default): half the grid step of each feature when 5 % or more of the
        points coincide (the iris petals: ±0.05 cm), else none; ``0``: none. The key says so.
    unit : str, optional
        The features' unit, for the key's jitter note.
    class_names : (str, str), optional
        Names of classes 0 and 1 for the key (default ``y = 0``, ``y = 1``).
    show_key : bool
        A key naming every coloured thing drawn (and the probability bands' colour bar),
        placed beside the plot where it covers nothing.
    """

    #: probability levels of the shading bands (logistic regression on two features)
    SHADING_LEVELS: tuple[float, ...] = (0.1, 0.25, 0.5, 0.75, 0.9)
    SHADING_OPACITY: tuple[float, ...] = (0.30, 0.19, 0.09, 0.09, 0.19, 0.30)
    #: the key's type size over the panel's (tick labels): 16.2 at the fit scenes' 18, an em
    #: of 14 px at 854x480
    KEY_SIZE: float = 0.9
    #: fraction of coincident points from which the automatic jitter is used
    JITTER_FROM: float = 0.05
    #: seed of the jitter's generator (fixed: the same picture whatever the run's seed)
    JITTER_SEED: int = 0

    def __init__(
        self,
        traj: Trajectory,
        *,
        theme: Theme = DARK,
        width: float = 6.5,
        height: float = 5.0,
        x_range: Sequence[float] | None = None,
        y_range: Sequence[float] | None = None,
        x_label: str | None = None,
        y_label: str | None = None,
        font_size: float = 18,
        show_batch: bool | None = None,
        show_residuals: bool | None = None,
        show_optimum: bool = True,
        optimum: Sequence[float] | None = None,
        show_shading: bool = True,
        point_radius: float | None = None,
        grid: bool = True,
        validation: tuple[np.ndarray, np.ndarray] | None = None,
        equal_scale: bool = False,
        jitter: float | Sequence[float] | None = None,
        unit: str | None = None,
        class_names: Sequence[str] | None = None,
        show_key: bool = True,
    ) -> None:
        super().__init__(traj, theme=theme)
        self.kind = model_kind(traj)
        self.X = np.asarray(traj.X, dtype=np.float64)
        self.y = np.asarray(traj.y, dtype=np.float64)
        if validation is None:
            self.X_val, self.y_val = np.zeros((0, self.X.shape[1])), np.zeros(0)
        else:
            self.X_val = np.asarray(validation[0], dtype=np.float64).reshape(-1, self.X.shape[1])
            self.y_val = np.asarray(validation[1], dtype=np.float64).reshape(-1)
        self.show_shading = self.kind == "boundary" and bool(show_shading)
        self.equal_scale = self.kind == "boundary" and bool(equal_scale)
        self.unit = unit
        self.class_names = tuple(class_names) if class_names else ("y = 0", "y = 1")
        n = len(self.y)
        if show_residuals is None:
            show_residuals = self.kind == "line" and n <= 300
        self.show_residuals = bool(show_residuals) and self.kind == "line"
        if show_batch is None:
            show_batch = not self.traj.batch_indices.is_full
        self.show_batch = bool(show_batch)
        self._place_points(jitter)
        ranges = self._ranges(width, height, x_range, y_range)
        self._build_still(
            ranges, width=width, height=height, font_size=font_size, x_label=x_label,
            y_label=y_label, grid=grid, point_radius=point_radius, show_optimum=show_optimum,
            optimum=optimum, show_key=show_key,
        )  # fmt: skip
        self._build_moving()
        self._finish()

    # -- where the points are drawn ------------------------------------------------------------------
    def _place_points(self, amount: float | Sequence[float] | None) -> None:
        """The drawn positions of the samples (``self.drawn``, ``self.drawn_val``: the panel's
        plane, jittered for logistic regression, see the class docstring) and the jitter used
        (``self.jitter``: one amount per plotted coordinate)."""
        px, py = self._plane_xy(slice(None))
        vx, vy = self._val_xy()
        dims = {"line": 0, "sigmoid": 1, "boundary": 2}[self.kind]  # features jittered
        amounts = np.zeros(2)
        if dims and amount is None:
            cols = [px, py][:dims]
            vals = [np.concatenate([c, v]) for c, v in zip(cols, [vx, vy][:dims], strict=True)]
            share = coincident(np.concatenate([px, vx]), np.concatenate([py, vy]))
            if share >= self.JITTER_FROM * max(1, len(px) + len(vx)):
                steps = [grid_step(v) for v in vals]
                amounts[:dims] = [0.5 * st if st is not None else 0.0 for st in steps]
        elif dims and amount is not None:
            a = np.broadcast_to(np.asarray(amount, dtype=np.float64).ravel(), (dims,))
            if not (np.isfinite(a).all() and (a >= 0).all()):
                raise ValueError(
                    f"The 'jitter' parameter of DataPanel must be None or amounts >= 0; got "
                    f"{amount!r}."
                )
            amounts[:dims] = a
        self.jitter = amounts
        d = jitter(len(px), amounts, seed=self.JITTER_SEED)
        dv = jitter(len(vx), amounts, seed=self.JITTER_SEED + 1)
        self.drawn = np.column_stack([px + d[:, 0], py + d[:, 1]])
        self.drawn_val = np.column_stack([vx + dv[:, 0], vy + dv[:, 1]])

    # -- ranges --------------------------------------------------------------------------------------
    def _ranges(
        self,
        width: float,
        height: float,
        x_range: Sequence[float] | None,
        y_range: Sequence[float] | None,
    ) -> tuple[AxisRange, AxisRange, _Ticks]:
        """Axis ranges ``(low, high, step)`` from the settings or the data, and the y tick labels
        and format (the sigmoid's 0, 0.5 and 1 by default; else ``(None, None)``: every tick)."""
        px, py = np.concatenate([self.drawn, self.drawn_val]).T
        n_x, n_y = max(3, int(width / 1.2)), max(3, int(height / 1.0))
        xr = _resolve_range(x_range, px, n_x, "x_range")
        if self.kind != "sigmoid":
            yr = _resolve_range(y_range, py, n_y, "y_range")
            if self.equal_scale:
                xr, yr = self._not_a_strip(xr, yr, width / height, x_range is None, y_range is None)
            return xr, yr, (None, None)
        yr = _resolve_range(y_range, None, n_y, "y_range") if y_range else (-0.25, 1.25, 0.25)
        ticks: _Ticks = ([0.0, 0.5, 1.0], tick_formatter(0.5)) if y_range is None else (None, None)
        return xr, yr, ticks

    #: on equal scales, the data's aspect may exceed the panel's by this factor before the
    #: shorter axis is widened (a strip of data would draw a box a few pixels tall)
    MAX_STRETCH: float = 3.0

    def _not_a_strip(
        self, xr: AxisRange, yr: AxisRange, aspect: float, free_x: bool, free_y: bool
    ) -> tuple[AxisRange, AxisRange]:
        """Widen the shorter automatic axis range (by whole steps, about its centre) so that
        on equal scales the box is at least 1/:attr:`MAX_STRETCH` of the panel's other side."""
        sx, sy = xr[1] - xr[0], yr[1] - yr[0]
        ratio = (sx / sy) / aspect

        def widen(r: AxisRange, span: float) -> AxisRange:
            lo, hi, step = r
            c = (lo + hi) / 2
            step = nice_step(span, 5)
            return (
                math.floor((c - span / 2) / step) * step,
                math.ceil((c + span / 2) / step) * step,
                step,
            )

        if ratio > self.MAX_STRETCH and free_y:
            yr = widen(yr, sx / aspect / self.MAX_STRETCH)
        elif ratio < 1 / self.MAX_STRETCH and free_x:
            xr = widen(xr, sy * aspect / self.MAX_STRETCH)
        return xr, yr

    # -- still parts ---------------------------------------------------------------------------------
    def _build_still(
        self,
        ranges: tuple[AxisRange, AxisRange, _Ticks],
        *,
        width: float,
        height: float,
        font_size: float,
        x_label: str | None,
        y_label: str | None,
        grid: bool,
        point_radius: float | None,
        show_optimum: bool,
        optimum: Sequence[float] | None,
        show_key: bool,
    ) -> None:
        """In drawing order: the axes, the key, the optimum, the data points (unless shading
        lies under them: then they move with it) and the sigmoid's dashed 0.5 line."""
        x_range, y_range, (y_labels, y_format) = ranges
        if x_label is None:
            x_label = "x₁" if self.kind == "boundary" else "x"
        if y_label is None:
            y_label = {"line": "y", "boundary": "x₂", "sigmoid": "y, P(y = 1)"}[self.kind]
        if self.kind == "boundary" and self.unit:  # the unit once on each axis title
            x_label, y_label = (
                t if t.endswith(f"({self.unit})") else f"{t} ({self.unit})"
                for t in (x_label, y_label)
            )

        def axes_of(w: float, h: float) -> PlotAxes:
            return PlotAxes(
                x_range, y_range, width=w, height=h, theme=self.theme, font_size=font_size,
                x_title=x_label, y_title=y_label, y_labels=y_labels, y_format=y_format, grid=grid,
            )  # fmt: skip

        self.optimum = self._optimum_theta(show_optimum, optimum)
        self.point_radius = self._radius(point_radius)
        self.axes, self.key = self._layout(axes_of, width, height, font_size, show_key)
        self.still.add(self.axes)
        if self.key is not None:
            self.still.add(self.key)
        box = self.axes.box
        if self.kind == "sigmoid":  # where the sigmoid (model and optimum) is sampled
            self._grid_x = np.linspace(box[0], box[1], 241)
        self._build_scatter()
        self._build_optimum()
        if not self.show_shading:
            self.still.add(self.scatter, self.val_scatter)
        if self.kind == "sigmoid":
            half = VMobject(stroke_color=self.theme.muted, stroke_width=1.2, stroke_opacity=0.7)
            half.set_points_as_corners([self.axes.c2p(box[0], 0.5), self.axes.c2p(box[1], 0.5)])
            self.still.add(DashedVMobject(half, num_dashes=30))

    # -- the key and the plot box --------------------------------------------------------------------
    def key_entries(self) -> list[KeyEntry]:
        """One entry per coloured thing the panel draws (the probability bands: the bar)."""
        t, kind = self.theme, self.kind
        out: list[KeyEntry] = []
        if kind == "line":
            out.append(KeyEntry("dot", t.data, "data", "data"))
        else:
            out += [
                KeyEntry("dot", t.class0, self.class_names[0], "class 0"),
                KeyEntry("dot", t.class1, self.class_names[1], "class 1"),
            ]
        if len(self.y_val):
            out.append(KeyEntry("ring", t.text, "held out", "held out"))
        model = {"line": "model", "boundary": "boundary, P = 0.5", "sigmoid": "model P(y = 1)"}
        out.append(KeyEntry("line", t.model, model[kind], "model"))
        if kind == "sigmoid":
            out.append(KeyEntry("segment", t.model, "where P = 0.5", "model"))
        if self.optimum is not None:
            name = "least squares" if kind == "line" and self._known_optimum else "optimum"
            out.append(KeyEntry("dashed", t.optimum, name, "optimum"))
        if self.show_residuals:
            out.append(KeyEntry("segment", t.residual, "residuals", "residual"))
        if self.show_batch:
            sizes = self.traj.batch_indices.sizes()
            one = len(sizes) > 0 and int(sizes.max()) == 1
            out.append(KeyEntry("ring", t.batch, "this step's sample" if one else "this step's batch",
                                "batch"))  # fmt: skip
        return out

    def jitter_note(self) -> str | None:
        """What the key says about the jitter ("points jittered ±0.05 cm"), if any."""
        a = [v for v in self.jitter if v > 0]
        if not a:
            return None
        unit = f" {self.unit}" if self.unit else ""
        if self.kind == "boundary" and self.jitter[0] != self.jitter[1]:
            amounts = f"±{format_number(self.jitter[0], 2)}, ±{format_number(self.jitter[1], 2)}"
            return f"points jittered ({amounts}){unit}"
        return f"points jittered ±{format_number(a[0], 2)}{unit}"

    def _make_key(self, font_size: float, layout: str, max_width: float) -> Key:
        bar = None
        if self.show_shading:
            colours = [self._band_colour(j) for j in range(len(self.SHADING_OPACITY))]
            bar = BandBar(
                (0.0, *self.SHADING_LEVELS, 1.0), colours, self.SHADING_OPACITY, theme=self.theme,
                font_size=font_size, vertical=layout == "column",
                length=2.8 if layout == "row" else 1.6, mark_color=self.theme.model,
            )  # fmt: skip
        return Key(
            self.key_entries(), theme=self.theme, font_size=font_size, bar=bar,
            note=self.jitter_note(), layout=layout, max_width=max_width,
        )  # fmt: skip

    def _layout(
        self,
        axes_of: Callable[[float, float], PlotAxes],
        width: float,
        height: float,
        font_size: float,
        show_key: bool,
    ) -> tuple[PlotAxes, Key | None]:
        """The axes and the key, placed where the plot box is largest: the key in a row beside
        the y title or above the plot, or in a column at its right; the box kept to equal
        scales if asked."""
        axes = axes_of(width, height)
        bw, bh = _box_size(axes)
        mw, mh = width - bw, height - bh  # what the labels take
        x0, x1, y0, y1 = axes.box
        spans = (x1 - x0, y1 - y0)

        def fitted(aw: float, ah: float) -> tuple[float, float]:
            aw, ah = max(aw, 0.5), max(ah, 0.5)
            return equal_box(aw, ah, *spans) if self.equal_scale else (aw, ah)

        plans: list[tuple[float, str, Key | None, tuple[float, float]]] = []
        if not show_key:
            plans.append((0.0, "none", None, fitted(bw, bh)))
        else:
            size = font_size * self.KEY_SIZE
            row = self._make_key(size, "row", width)
            title_w = axes.y_title.width if axes.y_title is not None else 0.0
            one_line = row.height < 2.0 * SansText("0", font_size=size).height + 0.1
            if one_line and row.width <= width - title_w - 0.5:
                plans.append((0.0, "beside", row, fitted(bw, bh)))
            else:
                plans.append((0.0, "above", row, fitted(bw, bh - row.height - 0.2)))
            col = self._make_key(size, "column", width)
            if col.height <= bh + mh * 0.5:
                plans.append((1.0, "right", col, fitted(bw - col.width - 0.3, bh)))
        # the largest box wins; a row on a tie (within 3 %)
        best = max(plans, key=lambda p: p[3][0] * p[3][1] * (1.0 if p[0] == 0.0 else 0.97))
        _, where, key, (fw, fh) = best
        if (fw, fh) != (bw, bh):
            axes = axes_of(fw + mw, fh + mh)
        if key is not None:
            self._place_key(key, axes, where)
        self.key_place = where
        return axes, key

    @staticmethod
    def _place_key(key: Key, axes: PlotAxes, where: str) -> None:
        x0, x1, y0, y1 = axes.box
        top_right = axes.c2p(x1, y1)
        if where == "right":
            key.move_to(key.get_center() + top_right - key.get_corner(np.array([-1, 1, 0])))
            key.shift(np.array([0.3, 0.0, 0.0]))
        elif where == "beside":
            row_y = axes.y_title.get_center()[1] if axes.y_title is not None else top_right[1] + 0.2
            key.shift(np.array([top_right[0] - key.get_right()[0], row_y - key.get_center()[1], 0]))
        else:  # above the plot and its y title, from the left edge
            key.shift(np.array([axes.get_left()[0] - key.get_left()[0],
                                axes.get_top()[1] + 0.2 - key.get_bottom()[1], 0.0]))  # fmt: skip

    def _band_colour(self, j: int) -> str:
        """The fill colour of shading band ``j`` (from P = 0 up)."""
        return self.theme.class0 if j < len(self.SHADING_OPACITY) / 2 else self.theme.class1

    def _radius(self, point_radius: float | None) -> float:
        if point_radius is not None:
            return point_radius
        n = len(self.y)
        return 0.07 if n <= 60 else 0.055 if n <= 300 else 0.04 if n <= 2000 else 0.025

    def _build_scatter(self) -> None:
        """The points inside the box, one mobject per colour (not added: see _build_still);
        jittered points get a thin outline in the background's colour, so that those which
        overlap stay apart."""
        theme, y, point_radius = self.theme, self.y, self.point_radius
        n = len(y)
        px, py = self.drawn.T
        box = self.axes.box
        inside = (px >= box[0]) & (px <= box[1]) & (py >= box[2]) & (py <= box[3])
        self._inside = inside
        if self.kind == "line":
            self.scatter = VGroup(
                Scatter(self._pts(px[inside], py[inside]), radius=point_radius, color=theme.data)
            )
        else:
            groups = []
            for cls, colour in ((0.0, theme.class0), (1.0, theme.class1)):
                m = inside & (y == cls)
                groups.append(Scatter(self._pts(px[m], py[m]), radius=point_radius, color=colour))
            self.scatter = VGroup(*groups)
        if self.jitter.any():
            for sc in self.scatter:
                sc.set_stroke(theme.background, width=1.2, opacity=1.0)
        self._build_val_scatter(point_radius)
        if n > 1000:  # dots of a few pixels: 4 curves per circle instead of 8 draw the same
            for sc in self.scatter:
                pts = sc.points.reshape(-1, len(sc._template), 3).mean(axis=1)
                sc._template = Circle(radius=point_radius, num_components=5).points.copy()
                sc.move_points(pts)

    def _build_val_scatter(self, point_radius: float) -> None:
        """The held-out samples inside the box as hollow rings, one mobject per colour."""
        theme, box = self.theme, self.axes.box
        vx, vy = self.drawn_val.T
        inside = (vx >= box[0]) & (vx <= box[1]) & (vy >= box[2]) & (vy <= box[3])
        if self.kind == "line":
            parts = [(inside, theme.data)]
        else:
            parts = [
                (inside & (self.y_val == c), col)
                for c, col in ((0.0, theme.class0), (1.0, theme.class1))
            ]
        self.val_scatter = VGroup()
        for m, colour in parts:
            ring = Scatter(self._pts(vx[m], vy[m]), radius=point_radius * 1.05, opacity=0.0)
            ring.set_style(fill_opacity=0.0, stroke_color=colour, stroke_width=2.0,
                           stroke_opacity=1.0)  # fmt: skip
            self.val_scatter.add(ring)

    def _val_xy(self) -> tuple[np.ndarray, np.ndarray]:
        """The held-out samples in the panel's plane (see :meth:`_plane_xy`)."""
        if self.kind == "boundary":
            return self.X_val[:, 0], self.X_val[:, 1]
        return self.X_val[:, 0], self.y_val

    def _optimum_theta(
        self, show_optimum: bool, optimum: Sequence[float] | None
    ) -> np.ndarray | None:
        """The optimum to draw: ``optimum``, else the known one, if any (``None``: none)."""
        self._known_optimum = False
        if not show_optimum:
            return None
        if optimum is None:
            known = known_optimum(self.traj)
            self._known_optimum = known is not None
            optimum = None if known is None else known[0]
        return None if optimum is None else np.asarray(optimum, float)

    def _build_optimum(self) -> None:
        """The optimum's model, faint and dashed."""
        self.optimum_mob = None
        if self.optimum is not None:
            mob = self._model_mobject(self.optimum)
            if mob is not None:
                mob.set_stroke(self.theme.optimum, width=2.5, opacity=0.8)
                self.optimum_mob = DashedVMobject(
                    mob, num_dashes=40 if self.kind != "sigmoid" else 60
                )
                self.still.add(self.optimum_mob)

    # -- moving parts --------------------------------------------------------------------------------
    def _build_moving(self) -> None:
        """In drawing order: the shading with the points above it, the residuals, the sigmoid's
        threshold, the model, the batch rings."""
        theme = self.theme
        self.shading = VGroup()
        if self.show_shading:
            for j, op in enumerate(self.SHADING_OPACITY):
                colour = self._band_colour(j)
                self.shading.add(VMobject(fill_color=colour, fill_opacity=op, stroke_width=0.0))
            self.moving.add(self.shading, self.scatter, self.val_scatter)
        self.residuals = VMobject(stroke_color=theme.residual, stroke_width=1.6, stroke_opacity=0.8)
        if self.show_residuals:
            self.moving.add(self.residuals)
        self.model = VMobject(stroke_color=theme.model, stroke_width=4.0)
        self.threshold = VMobject(stroke_color=theme.model, stroke_width=2.0, stroke_opacity=0.6)
        if self.kind == "sigmoid":
            self.moving.add(self.threshold)
        self.moving.add(self.model)
        self.batch_rings = Scatter(np.zeros((0, 3)), radius=self.point_radius * 1.9)
        self.batch_rings.set_style(
            fill_opacity=0.0, stroke_color=theme.batch, stroke_width=3.0, stroke_opacity=1.0
        )
        if self.show_batch:
            self.moving.add(self.batch_rings)

    def colour_roles(self) -> dict[str, list[VMobject]]:
        """The mobjects drawn in a role's colour, by role (``'class 0'``, ``'model'``...): what
        the scenes' colour checks compare. The key's swatches are under ``'key'``."""
        roles: dict[str, list[VMobject]] = {}
        if self.kind == "line":
            roles["data"] = [*self.scatter, *self.val_scatter]
        else:
            roles["class 0"] = [self.scatter[0], self.val_scatter[0]]
            roles["class 1"] = [self.scatter[1], self.val_scatter[1]]
            half = len(self.shading) // 2
            roles["class 0"] += list(self.shading[:half])
            roles["class 1"] += list(self.shading[half:])
        roles["model"] = [self.model] + ([self.threshold] if self.kind == "sigmoid" else [])
        if self.optimum_mob is not None:
            roles["optimum"] = [self.optimum_mob]
        if self.show_residuals:
            roles["residual"] = [self.residuals]
        if self.show_batch:
            roles["batch"] = [self.batch_rings]
        return roles

    # -- showing a row -------------------------------------------------------------------------------
    # data coordinates -> scene points of this panel's plane
    def _pts(self, px: np.ndarray, py: np.ndarray) -> np.ndarray:
        return self.axes.c2p(np.asarray(px, float), np.asarray(py, float)).reshape(-1, 3)

    def _plane_xy(self, idx: np.ndarray | slice) -> tuple[np.ndarray, np.ndarray]:
        """The samples ``idx`` in the panel's plane: (x, y), or (x₁, x₂) for a boundary."""
        if self.kind == "boundary":
            return self.X[idx, 0], self.X[idx, 1]
        return self.X[idx, 0], self.y[idx]

    def _implicit(self, theta: np.ndarray) -> np.ndarray:
        """The model's line as ``w0 + w1 x + w2 y = 0`` in the panel's plane."""
        if self.kind == "line":
            return np.array([theta[0], theta[1], -1.0])
        return np.asarray(theta[:3], dtype=np.float64)

    def _model_mobject(self, theta: np.ndarray) -> VMobject | None:
        mob = VMobject()
        if self.kind == "sigmoid":
            self._set_sigmoid(mob, theta)
        elif not self._set_line(mob, theta):
            return None
        return mob

    def _set_line(self, mob: VMobject, theta: np.ndarray) -> bool:
        seg = line_in_box(self._implicit(theta), self.axes.box)
        if seg is None:
            mob.clear_points()
            return False
        mob.set_points_as_corners(self._pts([seg[0][0], seg[1][0]], [seg[0][1], seg[1][1]]))
        return True

    def _set_sigmoid(self, mob: VMobject, theta: np.ndarray) -> None:
        x = self._grid_x
        with np.errstate(all="ignore"):
            z = theta[0] + theta[1] * x
        p = 0.5 * (1.0 + np.tanh(0.5 * np.clip(z, -700, 700)))  # stable logistic
        mob.set_points_as_corners(self._pts(x, p))

    def segment(self) -> tuple[np.ndarray, np.ndarray] | None:
        """Data coordinates of the drawn model line's ends (line and boundary kinds)."""
        if self.row is None or self.kind == "sigmoid":
            return None
        return line_in_box(self._implicit(self.traj.params[self.row]), self.axes.box)

    def batch_at(self, k: int) -> np.ndarray:
        """Sample indices of the batch that made row ``k`` (empty at row 0)."""
        if k <= 0:
            return np.zeros(0, dtype=np.intp)
        return np.asarray(self.traj.batch_indices[k - 1])

    def _show(self, k: int) -> None:
        theta = self.traj.params[k]
        box = self.axes.box
        if self.kind == "sigmoid":
            self._set_sigmoid(self.model, theta)
            if abs(theta[1]) > 1e-12 * max(1.0, abs(theta[0])):
                xs = -theta[0] / theta[1]
                if box[0] <= xs <= box[1]:
                    self.threshold.set_points_as_corners(self._pts([xs, xs], [0.0, 1.0]))
                else:
                    self.threshold.clear_points()
            else:
                self.threshold.clear_points()
        else:
            self._set_line(self.model, theta)
        if self.kind == "boundary" and len(self.shading):
            self._shade(theta)
        if self.show_residuals:
            self._residuals(theta)
        if self.show_batch:
            idx = self.batch_at(k)
            idx = idx[self._inside[idx]]
            if len(idx):
                self.batch_rings.move_points(self._pts(*self.drawn[idx].T))
            else:
                self.batch_rings.clear_points()

    def _residuals(self, theta: np.ndarray) -> None:
        m = self._inside
        x, y = self.X[m, 0], self.y[m]
        y0, y1 = self.axes.box[2:]
        with np.errstate(all="ignore"):
            pred = theta[0] + theta[1] * x
        pred = np.clip(np.nan_to_num(pred, nan=y0, posinf=y1, neginf=y0), y0, y1)
        a, b = self._pts(x, y), self._pts(x, pred)
        t = np.array([0.0, 1 / 3, 2 / 3, 1.0])[None, :, None]
        pts = a[:, None, :] + t * (b - a)[:, None, :]
        if len(pts):
            self.residuals.set_points(pts.reshape(-1, 3))
        else:
            self.residuals.clear_points()

    def _shade(self, theta: np.ndarray) -> None:
        x0, x1, y0, y1 = self.axes.box
        square = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
        w = np.asarray(theta[:3], dtype=np.float64)
        scale = max(np.abs(w).max(), 1e-300)
        w0, w1, w2 = w / scale
        levels = [math.log(p / (1 - p)) / scale for p in self.SHADING_LEVELS]
        bounds = [-math.inf, *levels, math.inf]
        for j, mob in enumerate(self.shading):
            poly = square
            lo, hi = bounds[j], bounds[j + 1]
            if math.isfinite(lo):  # z >= lo
                poly = clip_polygon(poly, w1, w2, w0 - lo)
            if math.isfinite(hi):  # z <= hi
                poly = clip_polygon(poly, -w1, -w2, hi - w0)
            if len(poly) >= 3:
                pts = self._pts(poly[:, 0], poly[:, 1])
                mob.set_points_as_corners(np.vstack([pts, pts[:1]]))
            else:
                mob.clear_points()


def _box_size(axes: PlotAxes) -> tuple[float, float]:
    """Width and height of the plot box of ``axes`` in scene units."""
    x0, x1, y0, y1 = axes.box
    a, b = axes.c2p(x0, y0), axes.c2p(x1, y1)
    return float(b[0] - a[0]), float(b[1] - a[1])
