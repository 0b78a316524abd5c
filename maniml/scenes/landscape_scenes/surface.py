"""The 3-D surface template: :class:`Surface3DScene` (and :class:`BowlSurfaceScene`) configured by
:class:`Surface3DSettings`.

The surface, the box and its labels, the title and the subtitle are still; the path, its
shadow, the marker and the read-outs (fixed in the frame) are moving parts, brought to each
frame's step by :meth:`Surface3DScene.show_position`. An ambient camera rotation is driven by
the clock too (the angle at a frame depends on the frame alone), so segments join up.

Examples
--------
>>> s = Surface3DSettings().with_(phi=70, rule="RMSProp")
>>> s.phi, s.rule, s.show_arrows
(70.0, 'rmsprop', False)
>>> Surface3DSettings().with_(surface_resolution=1)
Traceback (most recent call last):
...
maniml.ParameterError: The 'surface_resolution' setting of Surface3DSettings must be an int in \
[2, 120]; got 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from manim import DEGREES, DOWN, LEFT, UL, Line, Mobject, ThreeDScene, VGroup, VMobject

from ...functions import Bowl
from ...surfaces import grid_values
from ..contours import LevelScale, heat_colors
from ..numbers import compact_number, format_setting
from ..paths import PathTracer
from ..primitives import SansText, nice_range
from ..readout import format_number
from ..settings import boolean, integer, real, setting, setting_error, span
from ..surface3d import HeightSurface
from ._common import LandscapeTemplate, _ease, _min_value, _rule, _rule_name
from .contour import ContourSettings, _OneRunText
from .layout import _fh, _fw, _tight_range, _view_ranges

__all__ = [
    "BowlSurfaceScene",
    "Surface3DScene",
    "Surface3DSettings",
]


@dataclass(frozen=True, eq=False)
class Surface3DSettings(ContourSettings):
    """Settings of :class:`Surface3DScene`, on top of :class:`ContourSettings`.

    Attributes
    ----------
    surface_resolution : int
        Faces per side of the surface, 2 to 120 (polygons = its square; Cairo redraws each one every
        frame the camera moves).
    phi, theta : float
        Camera angles in degrees (polar angle from the z axis in [0, 180], azimuth).
    zoom : float
        Camera zoom (> 0).
    ambient_rotation : float
        Camera rotation in degrees per second of the steps stage (0 keeps the camera still,
        the fast default). The camera turns about the box's vertical axis; the box and its
        labels are fitted to every angle the video shows (:meth:`Surface3DScene.fit_view`).
    z_range : (low, high) or None
        Heights shown (the surface is clipped to it); from the function over the view when None.
    floor_path : bool
        Also draw the path's shadow on the floor of the box.
    fade : float
        As in the contour scene (the path's trail fades over this many steps), but off by
        default on the surface.
    step_dots : bool
        Must be False: the 3-D surface draws no step dots (flat dots would tilt with the
        camera).
    """

    surface_resolution: int = setting(24, integer(low=2, high=120))
    phi: float = setting(62.0, real(low=0, high=180))
    theta: float = setting(-58.0, real())
    zoom: float = setting(1.0, real(low=0, low_open=True))
    ambient_rotation: float = setting(0.0, real())
    z_range: tuple[float, float] | None = setting(None, span())
    floor_path: bool = setting(True, boolean())
    show_arrows: bool = setting(False, boolean())
    show_loss: bool = setting(False, boolean())
    fade: float = setting(0.0, real(low=0))
    step_dots: bool = setting(False, boolean())

    def check_together(self, where: str) -> None:
        if self.step_dots:
            raise setting_error(
                "step_dots", where, "False (the 3-D surface draws no step dots)", True
            )


# -- 3-D surface scene ---------------------------------------------------------------------------------------
class Surface3DScene(_OneRunText, LandscapeTemplate, ThreeDScene):
    """Gradient descent on the 3-D surface ``z = f(x, y)``: the path lifted onto the surface, its
    shadow on the floor, and fixed-in-frame read-outs. The camera is still by default.

    Configure with ``settings = Surface3DScene.settings.with_(...)`` (:class:`Surface3DSettings`).

    Examples
    --------
    >>> from maniml.scenes import timeline_of
    >>> tl = timeline_of(BowlSurfaceScene, frame_rate=15)
    >>> [s.name for s in tl.stages], int(tl.rows[-1])
    (['build-up', 'steps', 'end'], 30)
    """

    settings: ClassVar[Surface3DSettings] = Surface3DSettings()
    Settings: ClassVar[type[Surface3DSettings]] = Surface3DSettings

    def fix_in_frame(self, *mobjects: Mobject) -> None:
        """Keep mobjects in the frame (overlaid, unaffected by the camera) without adding them
        (:meth:`add_still` or :meth:`add_moving` does, in the right order)."""
        self.renderer.camera.add_fixed_in_frame_mobjects(*mobjects)

    def fix_orientation(self, *mobjects: Mobject) -> None:
        """Keep mobjects facing the camera (labels, the round marker) without adding them."""
        self.renderer.camera.add_fixed_orientation_mobjects(*mobjects)

    def prepare(self) -> None:
        self.traj = self.trajectory = self.s.runs()
        self.n_steps = self.traj.n_steps
        self.fmin = _min_value(self.s.function)

    def build_still(self) -> None:
        s, theme, f = self.s, self.s.theme, self.s.function
        self.paint_background()
        fw = _fw()
        xr, yr = _view_ranges(f, [self.traj.params], s.x_range, s.y_range)
        x0, x1, _ = _tight_range(*xr)
        y0, y1, _ = _tight_range(*yr)
        self.box = (x0, x1, y0, y1)
        # One vectorised evaluation for the height range (the surface makes its own, smaller).
        _xg, _yg, Z = grid_values(f, (x0, x1), (y0, y1), resolution=81)
        finite = Z[np.isfinite(Z)]
        if s.z_range is not None:
            z0, z1 = s.z_range
        else:
            z0, z1, _ = nice_range(
                float(finite.min()), float(np.percentile(finite, 98)), 4, pad=0.0
            )
        self.z_lim = (z0, z1)
        # Title first: the 3-D view is fitted into the space it leaves.
        rule = _rule(s.rule, type(self).__name__)
        title = s.title or f"{_rule_name(rule)} on z = {f.label}"
        self.title = SansText(title, font_size=26, color=theme.text)
        self.title.to_corner(UL, buff=0.4)
        sub = (
            f"lr = {format_setting(s.lr)}   "
            f"start ({compact_number(self.traj.params[0, 0], 2)}, {compact_number(self.traj.params[0, 1], 2)})   "
            f"{self.n_steps} steps"
        )
        self.subtitle = SansText(sub, font_size=18, color=theme.muted)
        self.subtitle.next_to(self.title, DOWN, buff=0.15, aligned_edge=LEFT)
        self._text_x = -fw / 2 + 0.4
        self._text_y = self.subtitle.get_bottom()[1] - 0.7
        # World coordinates: x and y at equal scale, z stretched to 0.6 of the wider side,
        # centred on the origin: the camera turns about the box's vertical axis.
        span = max(x1 - x0, y1 - y0)
        k = np.array([1.0 / span, 1.0 / span, 0.6 / (z1 - z0)])
        mid = np.array([(x0 + x1) / 2, (y0 + y1) / 2, (z0 + z1) / 2])
        self.set_camera_orientation(phi=s.phi * DEGREES, theta=s.theta * DEGREES, zoom=1.0)
        self.camera.reset_rotation_matrix()  # the matrix is otherwise refreshed only per frame
        rot = self.camera.get_rotation_matrix()
        corners = np.array([[x, y, z] for x in (x0, x1) for y in (y0, y1) for z in (z0, z1)])

        def depth(p: np.ndarray) -> np.ndarray:  # larger is nearer the camera (at the start)
            return (((np.asarray(p, dtype=float).reshape(-1, 3) - mid) * k) @ rot.T)[:, 2]

        back = corners[np.argmin(depth(corners))]
        near_y = y1 if depth([0, y1, z0])[0] > depth([0, y0, z0])[0] else y0
        near_x = x1 if depth([x1, 0, z0])[0] > depth([x0, 0, z0])[0] else x0
        out_y = (near_y - (y0 + y1) / 2) * 0.16
        out_x = (near_x - (x0 + x1) / 2) * 0.16
        fmt = lambda v: format_number(v, 2).rstrip("0").rstrip(".")  # noqa: E731
        label_specs = (
            (fmt(x0), (x0, near_y + out_y * 0.6, z0), 16),
            (fmt(x1), (x1, near_y + out_y * 0.6, z0), 16),
            ("x", ((x0 + x1) / 2, near_y + out_y, z0), 22),
            (fmt(y0), (near_x + out_x * 0.6, y0, z0), 16),
            (fmt(y1), (near_x + out_x * 0.6, y1, z0), 16),
            ("y", (near_x + out_x, (y0 + y1) / 2, z0), 22),
            (fmt(z1), (back[0], back[1], z1 + 0.06 * (z1 - z0)), 16),
            ("z", (back[0], back[1], z1 + 0.16 * (z1 - z0)), 22),
        )
        # Fit the box and its labels into the frame right of the read-outs at every camera
        # angle the video shows, then apply the user's zoom about the fitted centre.
        self.fit_points = np.concatenate([corners, [p for _, p, _ in label_specs]])
        scale, offset = self.fit_view((self.fit_points - mid) * k)
        scale *= s.zoom
        self.set_screen_offset(offset)

        def to_scene(p: np.ndarray) -> np.ndarray:
            p = np.asarray(p, dtype=float).reshape(-1, 3)
            return (p - mid) * k * scale

        self.to_scene = to_scene
        scale_levels = LevelScale.fit(finite, s.level_scale, floor=self.fmin)
        colours = s.heat_colors or heat_colors(theme)
        self.surface = HeightSurface(
            f,
            to_scene,
            self.box,
            resolution=s.surface_resolution,
            scale=scale_levels,
            colors=colours,
            opacity=0.9,
            stroke_color=theme.text,
            stroke_opacity=0.15,
            z_clip=(z0, z1),
        )
        # The box: floor outline and the vertical edge at the back corner, labelled ends.
        floor = to_scene(
            np.array([[x0, y0, z0], [x1, y0, z0], [x1, y1, z0], [x0, y1, z0], [x0, y0, z0]])
        )
        frame = VGroup(
            VMobject(stroke_color=theme.axis, stroke_width=2).set_points_as_corners(floor)
        )
        frame.add(
            Line(to_scene(np.array([back[0], back[1], z0]))[0], to_scene(np.array([back[0], back[1], z1]))[0],
                 color=theme.axis, stroke_width=2)
        )  # fmt: skip
        labels = []
        for text, p, size in label_specs:
            colour = theme.text if size > 20 else theme.muted
            labels.append(
                SansText(text, font_size=size, color=colour).move_to(to_scene(np.array(p))[0])
            )
        self.box_frame = frame
        self.add_still(frame, self.surface)
        for t in labels:
            self.fix_orientation(t)
        self.add_still(*labels)
        self.fix_in_frame(self.title, self.subtitle)
        self.add_still(self.title, self.subtitle)

    def view_target(self) -> np.ndarray:
        """The region the 3-D view fits into, ``(left, right, bottom, top)``: right of the
        read-outs, inside the frame, with room for the labels' half size."""
        fw, fh = _fw(), _fh()
        pad = 0.25  # the labels are placed by their centres
        return np.array([-fw / 2 + 4.0 + pad, fw / 2 - 0.4 - pad, -fh / 2 + 0.5 + pad,
                         fh / 2 - 0.3 - pad])  # fmt: skip

    def camera_angles(self) -> np.ndarray:
        """The camera's azimuths (degrees) over the video: ``theta`` alone for a still camera,
        else the angle at every frame of the steps stage (the build-up shows the first, the
        end the last), at most every 2 degrees apart."""
        s = self.s
        if not s.ambient_rotation:
            return np.array([s.theta])
        n = len(self.timeline.positions)
        turn = s.ambient_rotation * (n - 1) / self.timeline.frame_rate
        if abs(turn) >= 360.0:
            return s.theta + np.arange(0.0, 360.0, 2.0)
        m = max(2, min(n, int(abs(turn) / 2.0) + 2))
        return s.theta + np.linspace(0.0, turn, m)

    def projections(self, world: np.ndarray, angles: np.ndarray | None = None) -> np.ndarray:
        """The world points projected by the camera at each azimuth: ``(angles, points, 3)``
        (the camera is left at the first angle, as the video starts)."""
        cam = self.renderer.camera
        angles = self.camera_angles() if angles is None else np.asarray(angles, dtype=float)
        project = getattr(cam, "_maniml_project", cam.project_points)
        offset = getattr(cam, "_maniml_offset", np.zeros(3))
        out = []
        for a in angles:
            cam.theta_tracker.set_value(a * DEGREES)
            cam.reset_rotation_matrix()
            out.append(project(np.asarray(world, dtype=float)) + offset)
        cam.theta_tracker.set_value(angles[0] * DEGREES)
        cam.reset_rotation_matrix()
        return np.stack(out)

    def fit_view(self, centred: np.ndarray) -> tuple[float, np.ndarray]:
        """The scale of the centred world points and the screen offset that fit them into
        :meth:`view_target` at every camera angle (three passes for the perspective)."""
        target = self.view_target()
        cam = self.renderer.camera
        saved = getattr(cam, "_maniml_offset", None)
        if saved is not None:
            cam._maniml_offset = np.zeros(3)
        scale = 1.0
        for _ in range(3):
            q = self.projections(centred * scale).reshape(-1, 3)
            ratio = min((target[1] - target[0]) / np.ptp(q[:, 0]),
                        (target[3] - target[2]) / np.ptp(q[:, 1]))  # fmt: skip
            scale *= ratio
        q = self.projections(centred * scale).reshape(-1, 3)
        offset = np.array([
            (target[0] + target[1]) / 2 - (q[:, 0].min() + q[:, 0].max()) / 2,
            (target[2] + target[3]) / 2 - (q[:, 1].min() + q[:, 1].max()) / 2,
            0.0,
        ])  # fmt: skip
        if saved is not None:
            cam._maniml_offset = saved
        return scale, offset

    def set_screen_offset(self, offset: np.ndarray) -> None:
        """Draw the 3-D view shifted by ``offset`` on the screen (fixed-in-frame mobjects are
        not moved): the camera keeps turning about the box's axis, which stays put."""
        cam = self.renderer.camera
        if not hasattr(cam, "_maniml_project"):
            cam._maniml_project = cam.project_points

            def project(points: np.ndarray) -> np.ndarray:
                return cam._maniml_project(points) + cam._maniml_offset

            cam.project_points = project
        cam._maniml_offset = np.asarray(offset, dtype=float)

    def build_moving(self) -> None:
        s, theme, f = self.s, self.s.theme, self.s.function
        z0, z1 = self.z_lim
        lift = 0.015 * (z1 - z0)

        def on_surface(xy: np.ndarray) -> np.ndarray:
            xy = np.asarray(xy, dtype=float).reshape(-1, 2)
            with np.errstate(all="ignore"):
                z = np.clip(np.asarray(f(xy), dtype=float) + lift, z0, z1 + lift)
            return self.to_scene(np.column_stack([xy, z]))

        def on_floor(xy: np.ndarray) -> np.ndarray:
            xy = np.asarray(xy, dtype=float).reshape(-1, 2)
            return self.to_scene(np.column_stack([xy, np.full(len(xy), z0)]))

        moving: list[Mobject] = []
        self.shadow = None
        if s.floor_path:
            self.shadow = PathTracer(
                self.traj.params,
                on_floor,
                self.box,
                color=theme.muted,
                stroke_width=2.0,
                opacity=0.8,
                max_vertices=s.max_vertices,
                marker_radius=0.0,
            )
            moving.append(self.shadow)
        tr = PathTracer(
            self.traj.params,
            on_surface,
            self.box,
            color=theme.path,
            stroke_width=3.5,
            max_vertices=s.max_vertices,
            subdivide=6,
            marker_radius=0.09,
            marker_color=theme.highlight,
            fade=s.fade,
        )
        self.tracer = tr
        self.fix_orientation(tr.marker)  # a round dot, not an ellipse
        moving += [tr, tr.marker]
        # Read-outs, fixed in the frame: every glyph slot exists before they are fixed (the
        # camera fixes the family members it sees now).
        self.build_readouts(self._text_x, self._text_y)
        for r in self.readouts:
            r.set_text(" " * 24).set_text("")
        self.fix_in_frame(self.readouts)
        moving.append(self.readouts)
        if s.ambient_rotation:
            # The camera's angle is a moving part too: with it among the moving mobjects, the
            # 3-D scene redraws everything each frame.
            moving.append(self.renderer.camera.theta_tracker)
        self.add_moving(*moving)

    def show_position(self, position: float, frame: int) -> None:
        t = _ease(position, self.s.smooth)
        if self.shadow is not None:
            self.shadow.set_progress(t)
        self.tracer.set_progress(t)
        self.show_readouts(t)
        if self.s.ambient_rotation:
            seconds = frame / self.timeline.frame_rate
            angle = self.s.theta + self.s.ambient_rotation * seconds
            self.renderer.camera.theta_tracker.set_value(angle * DEGREES)

    def colour_roles(self) -> dict[str, list[Mobject]]:
        """Every mobject drawn in a role's colour, by role: the path, the position, the
        surface's heights (its shadow and labels are neutral)."""
        roles: dict[str, list[Mobject]] = {
            "path": [self.tracer],
            "position": [self.tracer.marker],
            "heat map": [self.surface],
        }
        if getattr(self, "ending", None) is not None and self.ending.color != self.s.theme.text:
            roles["diverged"] = [self.ending]
        return roles

    def keys(self) -> list[Mobject]:
        return []

    def fade_in_parts(self) -> list[Mobject]:
        camera = self.renderer.camera.theta_tracker
        return [m for m in super().fade_in_parts() if m is not camera]

    def show_ending(self) -> None:
        self.tracer.set_fade_floor(1.0)
        ending = self.ending_text(self._text_x)
        self.fix_in_frame(ending)
        self.add(ending)


class BowlSurfaceScene(Surface3DScene):
    """Gradient descent on the 3-D bowl ``z = (x-1)^2 + (y-2)^2``."""

    settings: ClassVar[Surface3DSettings] = Surface3DSettings(function=Bowl(), lr=0.1, steps=30)
