"""Linear regression on two features in 3-D: :class:`LinRegPlaneScene` configured by
:class:`LinRegPlaneSettings`.

The points ``(x₁, x₂, y)`` sit in a box; the fitted plane ``y = θ₀ + θ₁ x₁ + θ₂ x₂`` (clipped to
the box's heights) and the residual segments from each point to it are moving parts updated in
place; the loss panel and the read-outs are fixed in the frame. The camera is still by default;
``ambient_rotation`` turns it slowly, the angle at a frame depending on the frame alone (as in
:class:`~maniml.scenes.landscape_scenes.Surface3DScene`), at the cost of redrawing everything each
frame (``bench/bench_plane.py`` measures it).

Examples
--------
>>> s = LinRegPlaneSettings().with_(phi=70, ambient_rotation=6)
>>> s.phi, s.ambient_rotation, s.data_options["n_features"]
(70.0, 6.0, 2)
>>> LinRegPlaneSettings().with_(phi=200)
Traceback (most recent call last):
...
maniml.ParameterError: The 'phi' setting of LinRegPlaneSettings must be a float in [0, 180]; \
got 200.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
from manim import DEGREES, DL, UL, Circle, Mobject, ThreeDScene, VMobject, config

from ..models import known_optimum
from .clipping import clip_polygon
from .fit_scene import FitScene
from .fit_settings import FitSettings
from .panels import LossPanel, ReadoutPanel
from .panels.key import Key, KeyEntry
from .primitives import SansText, Scatter, nice_range
from .readout import format_number
from .settings import boolean, integer, mapping, real, setting
from .sources import setting_error
from .timeline import path_motion

__all__ = ["LinRegPlaneScene", "LinRegPlaneSettings"]


@dataclass(frozen=True, eq=False)
class LinRegPlaneSettings(FitSettings):
    """Settings of :class:`LinRegPlaneScene`: those of :class:`FitSettings` with other defaults
    (40 generated points with two features, BGD, lr = 0.02, 60 steps), and:

    Attributes
    ----------
    phi, theta : float
        Camera angles in degrees (polar angle from the vertical in [0, 180], azimuth).
    zoom : float
        Size of the box on screen (1: its corners fitted to the space right of the loss
        panel; the default leaves room for the labels).
    ambient_rotation : float
        Camera turn in degrees per second of the steps stage (0: still, the fast default).
    show_plane_grid : bool
        Two lines across the plane (through its middle), which help to read its tilt.
    """

    data_options: Mapping[str, Any] = setting(
        check=mapping(), factory=lambda: {"n": 40, "n_features": 2}
    )
    optimizer: Any = setting("bgd", FitSettings.__dataclass_fields__["optimizer"].metadata["check"])
    lr: float = setting(0.02, real(low=0, low_open=True))
    epochs: int = setting(60, integer(low=1))
    show_formula: bool = setting(False, boolean())
    phi: float = setting(68.0, real(low=0, high=180))
    theta: float = setting(-120.0, real())
    zoom: float = setting(0.8, real(low=0, low_open=True))
    ambient_rotation: float = setting(0.0, real())
    show_plane_grid: bool = setting(True, boolean())


class LinRegPlaneScene(FitScene, ThreeDScene):
    """Two-feature linear regression in 3-D: points, the fitted plane, residuals, and the loss
    as a fixed-in-frame panel.

    Configure with ``settings = LinRegPlaneScene.settings.with_(...)``
    (:class:`LinRegPlaneSettings`).

    Examples
    --------
    >>> from maniml.scenes import timeline_of
    >>> tl = timeline_of(LinRegPlaneScene, frame_rate=5)
    >>> tl.trajectory.params.shape[1], int(tl.rows[-1])
    (3, 60)
    """

    settings: ClassVar[LinRegPlaneSettings] = LinRegPlaneSettings()
    Settings: ClassVar[type[LinRegPlaneSettings]] = LinRegPlaneSettings

    def prepare(self) -> None:
        super().prepare()
        if self.traj.params.shape[1] != 3:
            raise setting_error(
                "data", type(self).__name__, "data with two features",
                f"{self.traj.params.shape[1] - 1} features",
            )  # fmt: skip

    def step_motion(self) -> np.ndarray:
        """How far the plane's heights at the box's corners and the loss marker move."""
        t = self.traj
        X = np.vstack([self.fit_data.X] + ([self.validation[0]] if self.validation else []))
        lo, hi = X.min(axis=0), X.max(axis=0)
        corners = np.array([[1, a, b] for a in (lo[0], hi[0]) for b in (lo[1], hi[1])], float)
        params = np.nan_to_num(t.params, nan=0.0, posinf=1e12, neginf=-1e12)
        with np.errstate(all="ignore"):
            z = params @ corners.T
        y = np.asarray(t.y, dtype=float)
        plane = path_motion(z, np.full(4, y.min()), np.full(4, y.max()))
        loss = np.asarray(t.loss, dtype=float)
        finite = loss[np.isfinite(loss)]
        chart = path_motion(loss[:, None], finite.min(keepdims=True), finite.max(keepdims=True))
        return np.hypot(plane, chart)

    # -- building -----------------------------------------------------------------------------
    def fix_in_frame(self, *mobjects: Mobject) -> None:
        """Overlay mobjects on the frame (unaffected by the camera), without adding them."""
        self.renderer.camera.add_fixed_in_frame_mobjects(*mobjects)

    def build_title(self) -> Mobject:
        s = self.settings
        st = self.traj.settings
        label = st.get("label") or st.get("optimizer") or ""
        text = s.title or f"Linear regression on 2 features · {label} · η = {st.get('lr'):g}"
        return SansText(text, font_size=26 * s.font_scale, color=self.theme.text)

    def build(self) -> None:
        s, theme = self.settings, self.theme
        self.paint_background()
        fw, fh = config.frame_width, config.frame_height
        self.title = self.build_title() if s.show_title else None
        top = fh / 2 - 0.3
        if self.title is not None:
            self.title.to_corner(UL, buff=0.3)
            top = self.title.get_bottom()[1] - 0.2
        self.caption_y = top - 0.05
        col_w = 4.6
        left = -fw / 2 + 0.3
        self.readout_panel = None
        bottom = -fh / 2 + 0.3
        if s.show_readout:
            self.readout_panel = ReadoutPanel(
                self.traj, theme=theme, width=col_w, font_size=19 * s.font_scale,
                names=s.param_names, show_lr=False, extras=self.metric_rows(),
            )  # fmt: skip
            fr = self.readout_panel.frame
            self.readout_panel.shift([left - fr.get_left()[0], bottom - fr.get_bottom()[1], 0])
            bottom = fr.get_top()[1] + 0.4
        self.loss_panel = None
        loss_top = top - (0.45 if self.caption_events() else 0.1)
        if s.show_loss:
            self.loss_panel = LossPanel(
                self.traj, theme=theme, width=col_w, height=max(1.2, loss_top - bottom),
                scale=s.loss_scale, y_range=s.loss_range, font_size=15 * s.font_scale,
                show_optimum=s.show_optimum,
            )  # fmt: skip
            self.loss_panel.move_to([left + col_w / 2, (loss_top + bottom) / 2, 0])
        self.data_panel = self.formula_panel = None
        self.panels = [p for p in (self.loss_panel, self.readout_panel) if p]
        box_left, box_bottom = left + col_w + 0.6, -fh / 2 + 0.6
        self.key = self.build_key(fw / 2 - 0.3 - box_left) if s.show_key else None
        if self.key is not None:  # under the box, from its left: nothing is drawn there
            self.key.shift(np.array([box_left, -fh / 2 + 0.3, 0.0]) - self.key.get_corner(DL))
            box_bottom = self.key.get_top()[1] + 0.45
        self.build_box(target=(box_left, fw / 2 - 0.3, box_bottom, top - 0.5))
        # the panels and text: fixed in the frame, still parts then moving parts
        flat = [m for m in (self.title, self.key) if m is not None] + [p.still for p in self.panels]
        self.fix_in_frame(*flat)
        self.add_still(*flat)
        self.caption = self.build_caption()  # text lines are one mobject each: fixed once
        moving = [p.moving for p in self.panels]
        if self.caption is not None:
            moving.append(self.caption)
        self.fix_in_frame(*moving)
        self.build_moving_3d()
        self.add_moving(*moving)
        if s.ambient_rotation:  # the camera's angle moves: everything is redrawn every frame
            self.add_moving(self.renderer.camera.theta_tracker)

    def build_key(self, max_width: float) -> Key:
        """The key of the 3-D view and the loss panel's dashed line: the points (and held-out
        rings), the plane, the residuals, the least-squares loss."""
        s, theme = self.settings, self.theme
        entries = [KeyEntry("dot", theme.data, "data", "data")]
        if self.validation is not None:
            entries.append(KeyEntry("ring", theme.data, "held out", "data"))
        entries.append(KeyEntry("area", theme.model, "model (plane)", "model"))
        if s.show_residuals is not False:
            entries.append(KeyEntry("segment", theme.residual, "residuals", "residual"))
        lp = self.loss_panel
        if lp is not None and lp.chart.optimum_line is not None:
            entries.append(KeyEntry("dashed", theme.optimum, "least-squares loss", "optimum"))
        size = self.KEY_SIZE * s.font_scale
        return Key(entries, theme=theme, font_size=size, max_width=max_width)

    #: the key's type size (before ``font_scale``), as the loss panel's tick labels
    KEY_SIZE: float = 15.0

    def colour_roles(self) -> dict[str, list[Mobject]]:
        """The panels' roles and the 3-D view's: the points, the plane, the residuals."""
        roles = super().colour_roles()
        roles.setdefault("data", []).extend(self.points_mobs)
        roles.setdefault("model", []).extend([self.plane, self.plane_grid])
        if self.settings.show_residuals is not False:
            roles.setdefault("residual", []).extend(self.residuals)
        return roles

    def build_box(self, target: tuple[float, float, float, float]) -> None:
        """The world: data box -> scene points, fitted into ``target`` (x0, x1, y0, y1 on
        screen); the box's floor, back edge, labels and the points (still)."""
        s, theme = self.settings, self.theme
        X = np.vstack([self.fit_data.X] + ([self.validation[0]] if self.validation else []))
        y = np.concatenate([self.fit_data.y] + ([self.validation[1]] if self.validation else []))
        (a0, a1, _), (b0, b1, _) = (nice_range(X[:, i].min(), X[:, i].max(), 4) for i in (0, 1))
        z0, z1, _ = nice_range(float(y.min()), float(y.max()), 4)
        self.box3 = (a0, a1, b0, b1, z0, z1)
        self.set_camera_orientation(phi=s.phi * DEGREES, theta=s.theta * DEGREES, zoom=1.0)
        self.camera.reset_rotation_matrix()
        rot = self.camera.get_rotation_matrix()
        k = np.array([1.0 / (a1 - a0), 1.0 / (b1 - b0), 0.8 / (z1 - z0)])
        mid = np.array([(a0 + a1) / 2, (b0 + b1) / 2, (z0 + z1) / 2])
        corners = np.array([[a, b, c] for a in (a0, a1) for b in (b0, b1) for c in (z0, z1)])
        scale, shift = 1.0, np.zeros(3)
        for _ in range(3):  # fit the projected box into the target (perspective: iterate)
            q = self.camera.project_points((corners - mid) * k * scale + shift)
            scale *= min((target[1] - target[0]) / np.ptp(q[:, 0]),
                         (target[3] - target[2]) / np.ptp(q[:, 1]))  # fmt: skip
            q = self.camera.project_points((corners - mid) * k * scale + shift)
            dx = (target[0] + target[1]) / 2 - (q[:, 0].min() + q[:, 0].max()) / 2
            dy = (target[2] + target[3]) / 2 - (q[:, 1].min() + q[:, 1].max()) / 2
            shift = shift + rot.T @ np.array([dx, dy, 0.0])
        scale *= s.zoom

        def to_scene(p: np.ndarray) -> np.ndarray:
            return (np.asarray(p, dtype=float).reshape(-1, 3) - mid) * k * scale + shift

        self._scale_of_axes = k * scale  # scene units per data unit, per axis

        self.to_scene = to_scene
        depth = (to_scene(corners) @ rot.T)[:, 2]
        back = corners[np.argmin(depth)]
        floor = [[a0, b0, z0], [a1, b0, z0], [a1, b1, z0], [a0, b1, z0], [a0, b0, z0]]
        frame = VMobject(stroke_color=theme.axis, stroke_width=2).set_points_as_corners(
            to_scene(np.array(floor))
        )
        edge = VMobject(stroke_color=theme.axis, stroke_width=2).set_points_as_corners(
            to_scene(np.array([[back[0], back[1], z0], [back[0], back[1], z1]]))
        )
        names = [n.removesuffix(" (std.)") for n in self.fit_data.feature_names]
        names = [{"x1": "x₁", "x2": "x₂"}.get(n, n) for n in names]
        near_a = a0 if back[0] == a1 else a1
        near_b = b0 if back[1] == b1 else b1
        fmt = lambda v: format_number(v, 2).rstrip("0").rstrip(".")  # noqa: E731
        off_a, off_b = 0.12 * (near_b - back[1]), 0.12 * (near_a - back[0])
        labels = []
        for text, p, size in (
            (fmt(a0), (a0, near_b + off_a, z0), 15), (fmt(a1), (a1, near_b + off_a, z0), 15),
            (names[0], ((a0 + a1) / 2, near_b + 2 * off_a, z0), 20),
            (fmt(b0), (near_a + off_b, b0, z0), 15), (fmt(b1), (near_a + off_b, b1, z0), 15),
            (names[1], (near_a + 2 * off_b, (b0 + b1) / 2, z0), 20),
            (fmt(z0), (back[0], back[1], z0 - 0.0), 15), (fmt(z1), (back[0], back[1], z1), 15),
            (self.fit_data.target_name, (back[0], back[1], z1 + 0.1 * (z1 - z0)), 20),
        ):  # fmt: skip
            colour = theme.text if size > 16 else theme.muted
            lab = SansText(text, font_size=size * s.font_scale, color=colour)
            labels.append(lab.move_to(to_scene(np.array(p))[0]))
        for lab in labels[6:8]:  # heights beside the edge, not on it
            lab.shift(rot.T @ np.array([-0.3, 0.0, 0.0]))
        self.renderer.camera.add_fixed_orientation_mobjects(*labels)
        # points: discs facing the camera, filled (training) and hollow (validation); each
        # drawn behind or in front of the plane by the side it is on (build_moving_3d)
        r = s.point_radius or 0.07
        disc = Circle(radius=r, num_components=9).points @ rot
        self.points3 = to_scene(np.column_stack([self.fit_data.X, self.fit_data.y]))
        self.val_points3 = (
            to_scene(np.column_stack(self.validation)) if self.validation is not None
            else np.zeros((0, 3))
        )  # fmt: skip
        self.dots, self.rings = [], []  # (behind, in front) of the plane
        for _ in range(2):
            dots = Scatter(np.zeros((0, 3)), radius=r, color=theme.data)
            dots._template = disc
            rings = Scatter(np.zeros((0, 3)), radius=r, opacity=0.0)
            rings._template = disc
            rings.set_style(fill_opacity=0.0, stroke_color=theme.data, stroke_width=2.0)
            self.dots.append(dots)
            self.rings.append(rings)
        self.points_mobs = [*self.dots, *(self.rings if self.validation is not None else [])]
        self.box_labels = labels
        self.add_still(frame, edge, *labels)

    def build_moving_3d(self) -> None:
        """The plane (filled, with an outline and two lines across) and, behind it and then in
        front of it, the points and their residuals: the translucent plane tints only what
        lies behind it, so the points keep the key's colour where the camera sees them over
        the plane."""
        s, theme = self.settings, self.theme
        self.plane = VMobject(
            fill_color=theme.model, fill_opacity=0.28, stroke_color=theme.model, stroke_width=2.5
        )
        self.plane_grid = VMobject(stroke_color=theme.model, stroke_width=1.2, stroke_opacity=0.7)
        self.residuals = [
            VMobject(stroke_color=theme.residual, stroke_width=1.6, stroke_opacity=0.8)
            for _ in range(2)
        ]  # fmt: skip
        shown = s.show_residuals is not False
        back = [*self.residuals[:1]] * shown + [self.dots[0]]
        front = [*self.residuals[1:]] * shown + [self.dots[1]]
        if self.validation is not None:
            back.append(self.rings[0])
            front.append(self.rings[1])
        parts: list[Mobject] = [*back, self.plane]
        if s.show_plane_grid:
            parts.append(self.plane_grid)
        self.add_moving(*parts, *front)

    # -- showing a row ------------------------------------------------------------------------
    def plane_polygon(self, theta: np.ndarray) -> np.ndarray:
        """Data corners ``(x₁, x₂, y)`` of the plane of ``theta`` inside the box (its part with
        heights in the box's range); empty if none."""
        a0, a1, b0, b1, z0, z1 = self.box3
        t0, t1, t2 = (float(v) for v in theta)
        poly = np.array([[a0, b0], [a1, b0], [a1, b1], [a0, b1]])
        poly = clip_polygon(poly, t1, t2, t0 - z0)  # z >= z0
        poly = clip_polygon(poly, -t1, -t2, z1 - t0)  # z <= z1
        if len(poly) < 3:
            return np.zeros((0, 3))
        return np.column_stack([poly, t0 + poly @ np.array([t1, t2])])

    def show_row(self, k: int) -> None:
        super().show_row(k)
        theta = np.nan_to_num(np.asarray(self.traj.params[k], dtype=float))
        poly = self.plane_polygon(theta)
        if len(poly):
            pts = self.to_scene(poly)
            self.plane.set_points_as_corners(np.vstack([pts, pts[:1]]))
        else:
            self.plane.clear_points()
        a0, a1, b0, b1, z0, z1 = self.box3
        am, bm = (a0 + a1) / 2, (b0 + b1) / 2
        grid = []
        for p, q in (((a0, bm), (a1, bm)), ((am, b0), (am, b1))):
            ends = np.array([p, q])
            zs = theta[0] + ends @ theta[1:]
            if np.all((zs >= z0) & (zs <= z1)):
                seg = self.to_scene(np.column_stack([ends, zs]))
                grid.append(seg[0] + np.linspace(0, 1, 4)[:, None] * (seg[1] - seg[0]))
        if grid:
            self.plane_grid.set_points(np.vstack(grid))
        else:
            self.plane_grid.clear_points()
        X, y = self.fit_data.X, self.fit_data.y
        with np.errstate(all="ignore"):
            raw = np.nan_to_num(theta[0] + X @ theta[1:], nan=z0)
        pred = np.clip(raw, z0, z1)
        a = self.points3
        b = self.to_scene(np.column_stack([X, pred]))
        t = np.array([0.0, 1 / 3, 2 / 3, 1.0])[None, :, None]
        self._residual_points = a[:, None, :] + t * (b - a)[:, None, :]
        front = self.in_front(theta, y - raw)
        for i, side in enumerate((~front, front)):
            self.dots[i].move_points(a[side])
            seg = self._residual_points[side].reshape(-1, 3)
            if len(seg):
                self.residuals[i].set_points(seg)
            else:
                self.residuals[i].clear_points()
        if self.validation is not None:
            Xv, yv = self.validation
            with np.errstate(all="ignore"):
                front_v = self.in_front(theta, yv - np.nan_to_num(theta[0] + Xv @ theta[1:]))
            for i, side in enumerate((~front_v, front_v)):
                self.rings[i].move_points(self.val_points3[side])

    def in_front(self, theta: np.ndarray, above: np.ndarray) -> np.ndarray:
        """Which points, ``above`` the plane of ``theta`` by these heights (data units), lie on
        the camera's side of it (drawn in front of it)."""
        f = self._scale_of_axes
        normal = np.array([-f[2] * theta[1] / f[0], -f[2] * theta[2] / f[1], 1.0])
        towards_camera = self.renderer.camera.generate_rotation_matrix()[2]
        camera_above = float(normal @ towards_camera) > 0.0
        return (np.asarray(above) > 0.0) == camera_above

    def residual_segments(self) -> np.ndarray:
        """The residual segments drawn at the current row, ``(n, 4, 3)`` in sample order: from
        each training point (index 0) to the plane above or below it, clipped to the box."""
        return self._residual_points

    def show_position(self, position: float, frame: int) -> None:
        s = self.settings
        if s.ambient_rotation:  # first: which points are in front depends on the angle
            seconds = frame / self.timeline.frame_rate
            angle = s.theta + s.ambient_rotation * seconds
            self.renderer.camera.theta_tracker.set_value(angle * DEGREES)
        super().show_position(position, frame)

    def fade_in_parts(self) -> list[Mobject]:
        camera = self.renderer.camera.theta_tracker
        return [m for m in self._still + self._moving if m is not camera]

    def optimum_loss(self) -> float | None:
        opt = known_optimum(self.traj)
        return None if opt is None else opt[1]
