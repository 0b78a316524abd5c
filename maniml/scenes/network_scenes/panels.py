"""The parts of the network scenes, each built once and updated in place to a row of the run:
the decision regions over the input plane (:class:`RegionsPanel`), the prediction over a 1-D
input (:class:`CurvePanel`), the network diagram with its hidden neurons' thumbnails
(:class:`NetworkDiagram`) and the class key (:func:`class_key`).

Per shown frame the regions cost ONE vectorised forward pass on the grid (:func:`forward`),
whose output colours one image updated in place (its pixel array is overwritten, never
rebuilt); the hidden layers' outputs of the same pass colour the thumbnails.

Examples
--------
>>> import numpy as np, maniml
>>> net = maniml.NeuralNetwork((3,), activation="tanh")
>>> theta = net.initial_params(2, seed=0)
>>> hidden, out = forward(net, theta, np.zeros((5, 2)))
>>> [h.shape for h in hidden], out.shape, bool(np.allclose(out, net.predict(theta, np.zeros((5, 2)))))
([(5, 3)], (5,), True)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from manim import (
    LEFT,
    RIGHT,
    Circle,
    Group,
    ImageMobject,
    Line,
    ManimColor,
    Square,
    VGroup,
    VMobject,
)
from scipy.special import expit

from ...network import ACTIVATIONS, NeuralNetwork
from ...trajectory import Trajectory
from ..primitives import BoxAxes, PlotAxes, SansText, Scatter, nice_range
from ..theme import DARK, Theme, distinct_colours

__all__ = [
    "CurvePanel",
    "GridImage",
    "NetworkDiagram",
    "RegionsPanel",
    "class_colors",
    "class_key",
    "forward",
    "install_grid_images",
    "sign_key",
]

#: Colours of classes 2, 3... (classes 0 and 1 take the theme's class0 and class1), in order
#: of use; those that look like another role's colour are skipped (:func:`class_colors`).
_EXTRA_DARK = ("#FFD166", "#F06292", "#1DE9B6", "#A1887F", "#3D5AFE", "#D4E157", "#83C167",
               "#C792EA", "#F4A261", "#4DD0E1")  # fmt: skip
_EXTRA_LIGHT = ("#B8860B", "#8E44AD", "#E67E22", "#8C564B", "#BCBD22", "#00695C", "#2CA02C",
                "#17BECF", "#C2185B")  # fmt: skip


def _rgb(colour: str) -> np.ndarray:
    return np.asarray(ManimColor(colour).to_rgb(), dtype=np.float64) * 255.0


def _is_light(theme: Theme) -> bool:
    return float(np.dot(_rgb(theme.background), [0.299, 0.587, 0.114])) > 127.5


def class_colors(theme: Theme, k: int) -> tuple[str, ...]:
    """``k`` class colours for ``theme``: class0, class1, then a fixed palette, leaving out the
    colours that look like another role's (:func:`~maniml.scenes.theme.distinct_colours`).

    Examples
    --------
    >>> class_colors(DARK, 3)
    ('#58C4DD', '#FC6255', '#FFD166')
    """
    extra = _EXTRA_LIGHT if _is_light(theme) else _EXTRA_DARK
    # never a colour of another role of the network scenes (loss, validation, weight signs)
    avoid = (theme.class0, theme.class1, theme.loss, theme.validation, theme.positive,
             theme.negative)  # fmt: skip
    out = [theme.class0, theme.class1, *distinct_colours(extra, avoid, max(0, k - 2))]
    return tuple(out[:k])


def forward(
    net: NeuralNetwork, theta: np.ndarray, X: np.ndarray
) -> tuple[list[np.ndarray], np.ndarray]:
    """One forward pass: the hidden layers' outputs, shape ``(n, units)`` each, and the
    prediction (as ``net.predict``: values, P(y = 1), or class probabilities), NaN-free even
    for huge weights.

    The pass runs feature-major, one matrix-vector product per unit: on the narrow layers of a
    Playground network that is measured 10x faster here than ``A @ W`` (OpenBLAS threads
    contend on such thin products).
    """
    act = ACTIVATIONS[net.activation][0]
    X = np.asarray(X, dtype=np.float64)
    layers = net.layers(theta, X.shape[1])
    hidden, A = [], np.ascontiguousarray(X.T)  # (features, n)
    with np.errstate(all="ignore"):
        for n, (W, b) in enumerate(layers):
            Z = np.empty((W.shape[1], A.shape[1]))
            for j in range(W.shape[1]):
                np.dot(W[:, j], A, out=Z[j])
            Z += b[:, None]
            if n < len(layers) - 1:
                A = act(Z)
                hidden.append(A.T)
        if net.task == "regression":
            out = Z[0]
        elif net.task == "binary":
            out = expit(Z[0])
        else:
            E = np.exp(Z - Z.max(axis=0, keepdims=True))
            out = (E / E.sum(axis=0, keepdims=True)).T
    return hidden, np.nan_to_num(out, nan=0.0, posinf=1e300, neginf=-1e300)


class GridImage(ImageMobject):
    """An opaque image drawn straight into the frame when it sits square on the screen.

    manim's Cairo camera draws every image through a PIL perspective transform and a full-frame
    alpha composite (measured 35 ms per frame for one image at -ql). An opaque, axis-aligned
    image needs neither: :meth:`blit` copies its pixels into the frame by nearest-neighbour
    indices computed once (about 1 ms). Anything else (a fade, a rotation) takes manim's path.
    Scenes turn the fast path on with :func:`install_grid_images`.
    """

    def blit(self, camera, frame: np.ndarray) -> bool:
        """Copy the image into ``frame``; False when it must take manim's path."""
        px = self.pixel_array
        if px.ndim != 3 or px.shape[2] != 4 or px[0, 0, 3] < 255 or px[..., 3].min() < 255:
            return False
        key = (self.points.tobytes(), px.shape, frame.shape, camera.frame_center.tobytes())
        if key != getattr(self, "_blit_key", None):
            c = camera.points_to_subpixel_coords(self, self.points)  # UL, UR, DL, DR (x, y)
            if abs(c[0, 1] - c[1, 1]) > 1e-6 or abs(c[0, 0] - c[2, 0]) > 1e-6:
                return False
            (x0, y0), (x1, _), (_, y1) = c[0], c[1], c[2]
            if x1 <= x0 or y1 <= y0:
                return False
            H, W = frame.shape[:2]
            cols = np.arange(max(0, int(np.ceil(x0 - 0.5))), min(W, int(np.floor(x1 - 0.5)) + 1))
            rows = np.arange(max(0, int(np.ceil(y0 - 0.5))), min(H, int(np.floor(y1 - 0.5)) + 1))
            h, w = px.shape[:2]
            ix = np.clip(((cols + 0.5 - x0) / (x1 - x0) * w).astype(np.intp), 0, w - 1)
            iy = np.clip(((rows + 0.5 - y0) / (y1 - y0) * h).astype(np.intp), 0, h - 1)
            self._blit = (rows, cols, iy, ix)
            self._blit_key = key
        rows, cols, iy, ix = self._blit
        if len(rows) and len(cols):
            frame[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1] = px[iy[:, None], ix[None, :]]
        return True


def install_grid_images(camera) -> None:
    """Let ``camera`` (a Cairo camera) draw :class:`GridImage` s by :meth:`GridImage.blit`."""
    if getattr(camera, "_grid_images", False) or not hasattr(camera, "display_image_mobject"):
        return
    default = camera.display_image_mobject

    def display(image, pixel_array):
        if not (isinstance(image, GridImage) and image.blit(camera, pixel_array)):
            default(image, pixel_array)

    camera.display_image_mobject = display
    camera._grid_images = True


def _ranges(
    X: np.ndarray, x_range, y_range, *, equal: bool = False
) -> tuple[tuple[float, ...], tuple[float, ...]]:
    lo, hi = X.min(axis=0), X.max(axis=0)
    if equal:  # one range for both inputs: the plane is not stretched
        lo, hi = np.full(2, lo.min()), np.full(2, hi.max())
    xr = nice_range(lo[0], hi[0], 6, pad=0.06) if x_range is None else _with_step(x_range)
    yr = nice_range(lo[1], hi[1], 6, pad=0.06) if y_range is None else _with_step(y_range)
    return xr, yr


def _with_step(r: Sequence[float]) -> tuple[float, float, float]:
    lo, hi = float(r[0]), float(r[1])
    return lo, hi, nice_range(lo, hi, 4, pad=0.0)[2]


def _blank(size: int) -> np.ndarray:
    """An opaque black RGBA image (opaque, so that manim's fades keep it opaque)."""
    px = np.zeros((size, size, 4), dtype=np.uint8)
    px[..., 3] = 255
    return px


def _rings(points: np.ndarray, radius: float, colour: str, width: float = 0.022) -> VMobject:
    """Hollow dots: one annulus per point (an outer circle and a reversed inner one), drawn as
    ONE fill (a fill costs a fraction of a stroke in Cairo)."""
    outer = Circle(radius=radius, num_components=9).points
    inner = Circle(radius=max(radius - width, 1e-3), num_components=9).points[::-1]
    template = np.concatenate([outer, inner])
    pts = np.asarray(points, dtype=np.float64).reshape(-1, 3)
    ring = VMobject(fill_color=colour, fill_opacity=1.0, stroke_width=0.0)
    if len(pts):
        ring.set_points((template[None] + pts[:, None]).reshape(-1, 3))
    return ring


class RegionsPanel(Group):
    """The input plane: the network's decision regions as an image, the points on top.

    ``still`` holds the axes; ``moving`` the image (recoloured in place by :meth:`set_row`)
    and the points (training filled, validation hollow), which must be drawn after the image.

    Attributes
    ----------
    grid : ndarray, shape (G * G, 2)
        The input points of the image's pixel centres, row-major from the top-left pixel.
    image : ImageMobject
    colors : tuple of str
        One colour per class.
    """

    #: How far a pixel goes from the background to its class's colour: FLOOR on the
    #: boundary, FLOOR + DEPTH where the network is sure (light enough for the points to show).
    FLOOR, DEPTH = 0.08, 0.42

    def __init__(
        self,
        net: NeuralNetwork,
        traj: Trajectory,
        X_val: np.ndarray | None = None,
        y_val: np.ndarray | None = None,
        *,
        n_classes: int = 2,
        theme: Theme = DARK,
        side: float = 6.0,
        grid: int = 100,
        x_range: Sequence[float] | None = None,
        y_range: Sequence[float] | None = None,
        point_radius: float | None = None,
        font_size: float = 16,
        x_label: str = "x1",
        y_label: str = "x2",
        show_validation: bool = True,
        thumbnails: int = 0,
    ) -> None:
        super().__init__()
        self.net, self.traj, self.theme = net, traj, theme
        X, y = np.asarray(traj.X, float), np.asarray(traj.y, float)
        show_val = show_validation and X_val is not None and len(X_val) > 0
        every = np.vstack([X, X_val]) if show_val else X
        xr, yr = _ranges(every, x_range, y_range, equal=True)
        self.axes = BoxAxes(
            xr, yr, width=side, height=side, theme=theme, font_size=font_size,
            x_label=x_label, y_label=y_label,
        )  # fmt: skip
        self.still = VGroup(self.axes)
        g = int(grid)
        x0, x1, y0, y1 = self.axes.box
        px = x0 + (np.arange(g) + 0.5) * (x1 - x0) / g
        py = y1 - (np.arange(g) + 0.5) * (y1 - y0) / g  # image rows run top to bottom
        self.grid = np.stack(np.meshgrid(px, py), axis=-1).reshape(-1, 2)
        self.size = g
        self.k = max(2, int(n_classes))
        self.colors = class_colors(theme, self.k)
        self._bg = _rgb(theme.background)
        self._cls = np.stack([_rgb(c) for c in self.colors])  # (K, 3)
        self.image = GridImage(_blank(g))
        lo, hi = self.axes.c2p(x0, y0), self.axes.c2p(x1, y1)
        self.image.stretch_to_fit_width(hi[0] - lo[0])
        self.image.stretch_to_fit_height(hi[1] - lo[1])
        self.image.move_to((lo + hi) / 2.0)
        r = point_radius or float(np.clip(0.9 / np.sqrt(len(every)), 0.04, 0.075)) * side / 6
        # training dots on a halo of the text colour (fills only: cheap to redraw)
        halo = Scatter(self.axes.xy_to_points(X), radius=r * 1.25, color=theme.text, opacity=0.9)
        self.train_points = VGroup(halo)
        for c in range(self.k):
            if np.any(y == c):
                pts = self.axes.xy_to_points(X[y == c])
                self.train_points.add(Scatter(pts, radius=r, color=self.colors[c]))
        self.val_points = VGroup()
        if show_val:
            yv = np.asarray(y_val, float)
            for c in range(self.k):
                if np.any(yv == c):
                    pts = self.axes.xy_to_points(np.asarray(X_val)[yv == c])
                    self.val_points.add(_rings(pts, r * 1.1, self.colors[c], width=r * 0.42))
        self.moving = VGroup(self.train_points, self.val_points)
        self.thumb_size = int(thumbnails)
        self.add(self.still, self.image, self.moving)
        self.row: int | None = None
        self.hidden: list[np.ndarray] = []
        self.set_row(0)

    def parts(self) -> list:
        """The moving parts in drawing order: the image, then the points."""
        return [self.image, self.train_points, self.val_points]

    def rgb(self, out: np.ndarray) -> np.ndarray:
        """Pixel colours ``(G * G, 3)`` of the predictions on the grid: the predicted class's
        colour, faded towards the background where the network is unsure."""
        if out.ndim == 1:  # P(y = 1)
            s = 2.0 * out - 1.0
            conf, cls = np.abs(s), (s > 0).astype(np.intp)
        else:
            cls = np.argmax(out, axis=1)
            pmax = out[np.arange(len(out)), cls]
            conf = (pmax - 1.0 / self.k) / (1.0 - 1.0 / self.k)
        a = (self.FLOOR + self.DEPTH * np.clip(conf, 0.0, 1.0) ** 0.8)[:, None]
        return self._bg + a * (self._cls[cls] - self._bg)

    def set_row(self, k: int) -> RegionsPanel:
        """Recolour the image to the network at row ``k``: one forward pass on the grid."""
        k = min(max(int(k), 0), self.traj.n_steps)
        if k == self.row:
            return self
        self.hidden, out = forward(self.net, self.traj.params[k], self.grid)
        self.prediction = out
        px = self.image.pixel_array
        px[..., :3] = self.rgb(out).reshape(self.size, self.size, 3)
        px[..., 3] = 255
        self.row = k
        return self

    def thumbnail_values(self, layer: int, unit: int) -> np.ndarray:
        """The output of hidden neuron ``unit`` of ``layer`` on a coarse grid, in [-1, 1]."""
        g, t = self.size, self.thumb_size
        step = max(1, g // t)
        a = self.hidden[layer][:, unit].reshape(g, g)[step // 2 :: step, step // 2 :: step][:t, :t]
        act = self.net.activation
        if act == "sigmoid":
            return 2.0 * a - 1.0
        if act == "tanh":
            return a
        peak = float(np.max(np.abs(a))) if a.size else 0.0
        return a / peak if peak > 0 and np.isfinite(peak) else np.zeros_like(a)


class CurvePanel(VGroup):
    """A 1-D regression: the points (training filled, validation hollow) and the network's
    prediction over the input range, redrawn in place by :meth:`set_row`."""

    def __init__(
        self,
        net: NeuralNetwork,
        traj: Trajectory,
        X_val: np.ndarray | None = None,
        y_val: np.ndarray | None = None,
        *,
        theme: Theme = DARK,
        width: float = 6.5,
        height: float = 6.0,
        x_range: Sequence[float] | None = None,
        y_range: Sequence[float] | None = None,
        point_radius: float | None = None,
        font_size: float = 16,
        x_label: str = "x",
        show_validation: bool = True,
        samples: int = 200,
    ) -> None:
        super().__init__()
        self.net, self.traj, self.theme = net, traj, theme
        X, y = np.asarray(traj.X, float)[:, 0], np.asarray(traj.y, float)
        show_val = show_validation and X_val is not None and len(X_val) > 0
        xs = np.concatenate([X, np.asarray(X_val, float)[:, 0]]) if show_val else X
        ys = np.concatenate([y, np.asarray(y_val, float)]) if show_val else y
        xr, yr = _ranges(np.column_stack([xs, ys]), x_range, y_range)
        self.axes = PlotAxes(
            xr, yr, width=width, height=height, theme=theme, font_size=font_size,
            x_title=x_label, y_title="y",
        )  # fmt: skip
        r = point_radius or 0.055
        pts = Scatter(self.axes.xy_to_points(np.column_stack([X, y])), radius=r, color=theme.data)
        self.still = VGroup(self.axes, pts)
        if show_val:
            val = np.column_stack([np.asarray(X_val, float)[:, 0], y_val])
            self.still.add(_rings(self.axes.xy_to_points(val), r * 1.1, theme.data, width=r * 0.4))
        x0, x1, self._y0, self._y1 = self.axes.box
        self.xs = np.linspace(x0, x1, int(samples))
        self.curve = VMobject(stroke_color=theme.model, stroke_width=4.0)
        self.moving = VGroup(self.curve)
        self.add(self.still, self.moving)
        self.row: int | None = None
        self.set_row(0)

    def set_row(self, k: int) -> CurvePanel:
        """Draw the prediction of row ``k`` (clipped to the axes): one forward pass."""
        k = min(max(int(k), 0), self.traj.n_steps)
        if k == self.row:
            return self
        _, out = forward(self.net, self.traj.params[k], self.xs[:, None])
        self.prediction = out
        ys = np.clip(out, self._y0, self._y1)
        self.curve.set_points_as_corners(self.axes.c2p(self.xs, ys).reshape(-1, 3))
        self.row = k
        return self


class NetworkDiagram(Group):
    """Neurons as circles, weights as lines between them (width by ``|w|``, colour by sign:
    the theme's ``positive`` and ``negative``, never the class colours),
    updated in place by :meth:`set_row`; optionally each hidden neuron shows its output over
    the input plane as a thumbnail inside its circle (:meth:`set_thumbnails`).

    Lines are numbered in the order of ``net.layers(theta)``: layer by layer, ``W[i, j]``
    row-major (from input ``i`` to unit ``j``). Their width (and opacity) takes one of
    ``LEVELS`` steps by ``|w|``; the lines of one level and sign are one VMobject
    (:attr:`bins`), so a frame costs a dozen strokes however many weights there are.

    Attributes
    ----------
    bins : list of VMobject
        ``bins[2 * level + (w > 0)]`` draws the lines of that width level and sign.
    w_scale : float
        ``|w|`` at which a line reaches its full width (the 95th percentile of ``|w|`` over
        the run's rows).
    """

    MIN_WIDTH, MAX_WIDTH, LEVELS = 0.6, 6.0, 8

    def __init__(
        self,
        net: NeuralNetwork,
        traj: Trajectory,
        *,
        n_inputs: int,
        n_outputs: int,
        theme: Theme = DARK,
        width: float = 6.0,
        height: float = 3.0,
        input_names: Sequence[str] = (),
        thumbnails: int = 0,
        font_size: float = 14,
    ) -> None:
        super().__init__()
        self.net, self.traj, self.theme = net, traj, theme
        sizes = (n_inputs, *net.hidden, n_outputs)
        self.sizes = sizes
        label_h = 0.32
        gap_y = (height - label_h) / max(sizes)
        self.radius = r = float(min(0.28, 0.42 * gap_y, 0.2 * width / len(sizes)))
        xs = np.linspace(-width / 2 + r, width / 2 - r, len(sizes))
        self.centres: list[np.ndarray] = []
        names = list(input_names) or [f"x{i + 1}" for i in range(n_inputs)]
        # the inputs are labelled: at least a label's height apart (when there is room)
        tall = max(SansText(t, font_size=font_size).height for t in names) + 0.05
        input_gap = max(gap_y, min(tall, (height - label_h) / max(n_inputs, 1)))
        for layer, (x, n) in enumerate(zip(xs, sizes, strict=True)):
            pitch = input_gap if layer == 0 else gap_y
            ys = (np.arange(n) - (n - 1) / 2) * -pitch + label_h / 2
            self.centres.append(np.column_stack([np.full(n, x), ys, np.zeros(n)]))
        self.circles = VGroup()
        for layer, cs in enumerate(self.centres):
            hidden = 0 < layer < len(sizes) - 1
            for c in cs:
                circle = Circle(radius=r, stroke_color=theme.axis, stroke_width=1.5)
                fill = theme.background if hidden and thumbnails else theme.grid
                circle.set_fill(fill, opacity=1.0).move_to(c)
                self.circles.add(circle)
        self.labels = VGroup()
        for name, c in zip(names, self.centres[0], strict=False):
            self.labels.add(
                SansText(name, font_size=font_size, color=theme.text).next_to(
                    c, LEFT, buff=r + 0.06
                )
            )
        bottom = min(float(cs[:, 1].min()) for cs in self.centres) - r
        for layer, (x, n) in enumerate(zip(xs, sizes, strict=True)):
            word = "input" if layer == 0 else "output" if layer == len(sizes) - 1 else f"{n}"
            t = SansText(word, font_size=font_size * 0.9, color=theme.muted)
            self.labels.add(t.move_to([x, bottom - 0.2, 0]))
        # the lines, from circle edge to circle edge, as cubic Bezier segments (L, 4, 3)
        segs = []
        for a, b in zip(self.centres[:-1], self.centres[1:], strict=True):
            for p in a:
                for q in b:
                    u = (q - p) / np.linalg.norm(q - p)
                    p0, p1 = p + u * r, q - u * r
                    segs.append([p0, p0 + (p1 - p0) / 3, p0 + 2 * (p1 - p0) / 3, p1])
        self._segments = np.asarray(segs, dtype=np.float64)
        self._built_at = self.centres[0][0].copy()  # the segments follow the first circle
        # one VMobject per (sign, width level): a dozen Cairo strokes instead of one per weight
        self.bins: list[VMobject] = []
        for level in range(self.LEVELS):
            t = level / (self.LEVELS - 1)
            for colour in (theme.negative, theme.positive):
                self.bins.append(
                    VMobject(
                        stroke_color=colour,
                        stroke_width=self.MIN_WIDTH + (self.MAX_WIDTH - self.MIN_WIDTH) * t,
                        stroke_opacity=0.3 + 0.7 * t,
                    )
                )
        w = traj.params[:, _weight_index(net, sizes)]
        finite = np.abs(w[np.isfinite(w)])
        self.w_scale = float(np.percentile(finite, 95)) if finite.size else 1.0
        self.w_scale = self.w_scale if self.w_scale > 0 else 1.0
        self.thumbs: list[ImageMobject] = []
        self.thumb_units: list[tuple[int, int]] = []
        if thumbnails:
            side = 2 * r * 0.7
            for layer in range(1, len(sizes) - 1):
                for unit, c in enumerate(self.centres[layer]):
                    img = GridImage(_blank(int(thumbnails)))
                    img.stretch_to_fit_width(side).stretch_to_fit_height(side).move_to(c)
                    self.thumbs.append(img)
                    self.thumb_units.append((layer - 1, unit))
        self.still = VGroup(self.circles, self.labels)
        self.line_group = VGroup(*self.bins)
        self.add(self.still, self.line_group, *self.thumbs)
        self.row: int | None = None
        self._shown_shift = np.zeros(3)
        self.set_row(0)

    def parts(self) -> list:
        """The moving parts: the lines, then the thumbnails."""
        return [self.line_group, *self.thumbs]

    def line_style(self, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Width level (0 thinnest .. ``LEVELS - 1``) and sign (+1, -1) of each line for the
        flat ``weights``: the level is ``|w| / w_scale`` (at most 1) rounded to the levels."""
        a = np.nan_to_num(np.abs(weights), nan=0.0, posinf=self.w_scale)
        t = np.minimum(a / self.w_scale, 1.0)
        return np.rint(t * (self.LEVELS - 1)).astype(np.intp), np.where(weights >= 0, 1, -1)

    def bin_of(self, level: int, sign: int) -> VMobject:
        """The VMobject that draws the lines of ``level`` and ``sign``."""
        return self.bins[2 * int(level) + (1 if sign > 0 else 0)]

    def weights_of(self, k: int) -> np.ndarray:
        """The weights of row ``k`` flattened in the order of the lines."""
        return np.concatenate(
            [W.ravel() for W, _ in self.net.layers(self.traj.params[k], self.sizes[0])]
        )

    def set_row(self, k: int) -> NetworkDiagram:
        """Regroup the lines by the width level and sign of the weights of row ``k``."""
        k = min(max(int(k), 0), self.traj.n_steps)
        shift = self.circles[0].get_center() - self._built_at
        if k == self.row and np.array_equal(shift, self._shown_shift):
            return self
        self._shown_shift = shift
        levels, signs = self.line_style(self.weights_of(k))
        which = 2 * levels + (signs > 0)
        for b, mob in enumerate(self.bins):
            idx = np.flatnonzero(which == b)
            if len(idx):
                mob.set_points(self._segments[idx].reshape(-1, 3) + shift)
            else:
                mob.clear_points()
        self.row = k
        return self

    def set_thumbnails(self, regions: RegionsPanel) -> None:
        """Colour each thumbnail with its neuron's output from the regions' last forward pass."""
        if not self.thumbs:
            return
        bg = _rgb(self.theme.background)
        pos, neg = _rgb(self.theme.positive), _rgb(self.theme.negative)
        for img, (layer, unit) in zip(self.thumbs, self.thumb_units, strict=True):
            v = regions.thumbnail_values(layer, unit)[..., None]
            rgb = bg + np.abs(v) * 0.85 * (np.where(v > 0, pos, neg) - bg)
            px = img.pixel_array
            px[..., :3] = rgb
            px[..., 3] = 255


def _weight_index(net: NeuralNetwork, sizes: tuple[int, ...]) -> np.ndarray:
    """Indices of the weights in ``theta``, in the order of :meth:`NeuralNetwork.layers`."""
    out, at = [], 0
    for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True):
        out.append(np.arange(at + n_out, at + n_out + n_in * n_out))
        at += n_out + n_in * n_out
    return np.concatenate(out)


def class_key(
    colors: Sequence[str], theme: Theme, *, font_size: float = 15, validation: bool = True
) -> VGroup:
    """One row: a swatch per class, then a filled dot for training and a ring for validation."""
    key = VGroup()
    for c, colour in enumerate(colors):
        sw = Square(0.2, stroke_width=0).set_fill(colour, opacity=0.85)
        key.add(
            VGroup(sw, SansText(f"class {c}", font_size=font_size, color=theme.text)).arrange(
                RIGHT, buff=0.1
            )
        )
    dot = Circle(0.06, stroke_width=0).set_fill(theme.text, opacity=1.0)
    key.add(
        VGroup(dot, SansText("training", font_size=font_size, color=theme.text)).arrange(
            RIGHT, buff=0.1
        )
    )
    if validation:
        ring = Circle(0.06, stroke_color=theme.text, stroke_width=1.6)
        key.add(VGroup(ring, SansText("validation", font_size=font_size, color=theme.text))
                .arrange(RIGHT, buff=0.1))  # fmt: skip
    return key.arrange(RIGHT, buff=0.3)


def sign_key(theme: Theme, *, font_size: float = 15, outputs: bool = False) -> VGroup:
    """One row naming the sign colours of the diagram: a line swatch each for positive and
    negative weights (and, with ``outputs``, the hidden neurons' thumbnails)."""
    what = "weights, neuron outputs:" if outputs else "weights:"
    key = VGroup(SansText(what, font_size=font_size, color=theme.muted))
    for colour, word in ((theme.positive, "positive"), (theme.negative, "negative")):
        sw = Line(LEFT * 0.18, RIGHT * 0.18, color=colour, stroke_width=4)
        key.add(VGroup(sw, SansText(word, font_size=font_size, color=theme.text))
                .arrange(RIGHT, buff=0.1))  # fmt: skip
    return key.arrange(RIGHT, buff=0.3)
