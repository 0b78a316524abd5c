"""Frames of a steps play drawn from the last one: only what changed is redrawn.

manim's Cairo renderer draws the still mobjects of a ``play`` once into a background image and,
at every frame, redraws every moving mobject on a copy of it. Many frames of a template's steps
stage change little or nothing: a frame that shows the same row as the one before, an event
caption that stays for seconds. :class:`FrameComposer` keeps, besides manim's still background,
a second background: the still parts plus the longest run of moving parts, in drawing order,
that has not changed since it was drawn. Each frame it finds the first moving part that changed
(:func:`drawing_state` of every part, compared with the last frame's), draws from there on, and
hands the finished frame to manim, which writes it as usual. A frame in which nothing changed is
the last frame again, drawn not at all.

The draw calls and their order are the ones manim makes (the same parts, sorted by ``z_index``
as the camera sorts them), so the pixels are the same; only the calls whose result is already in
a background are left out. Put what changes rarely (captions) first among the moving parts.

Only the plain 2-D :class:`manim.Camera` is handled (a 3-D or moving camera changes every part's
projection); with another camera, or when manim skips rendering (``-s``), nothing changes.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np
from manim import Camera, Mobject, PMobject, VMobject, config
from manim.constants import RendererType
from manim.mobject.types.image_mobject import AbstractImageMobject
from manim.utils.family import extract_mobject_family_members

__all__ = ["FrameComposer", "drawing_state", "plain_cairo"]


def _raw(value: Any) -> Hashable:
    return value.tobytes() if isinstance(value, np.ndarray) else value


def drawing_state(mob: Mobject) -> tuple | object:
    """What manim's 2-D Cairo camera reads to draw ``mob`` (for VMobjects: points, fill, stroke
    and background stroke colours and widths, sheen, joints, caps, background image; for
    PMobjects: points, colours, thickness), as a value that compares equal when the drawing
    would be the same. An image mobject gets a fresh ``object()``: never equal, always redrawn;
    a plain Mobject (which the camera does not draw) only its type.

    Examples
    --------
    >>> from manim import Line
    >>> a = Line()
    >>> before = drawing_state(a)
    >>> drawing_state(a) == before, drawing_state(a.shift([1, 0, 0])) == before
    (True, False)
    """
    if isinstance(mob, VMobject):
        return (
            type(mob),
            mob.points.tobytes(),
            _raw(mob.get_fill_rgbas()),
            _raw(mob.get_stroke_rgbas()),
            _raw(mob.get_stroke_rgbas(background=True)),
            _raw(mob.stroke_width),
            _raw(mob.background_stroke_width),
            _raw(mob.get_sheen_direction()),
            mob.get_sheen_factor(),
            mob.joint_type,
            mob.cap_style,
            mob.get_background_image(),
            mob.shade_in_3d,
        )
    if isinstance(mob, PMobject):
        return (type(mob), mob.points.tobytes(), _raw(mob.rgbas), _raw(mob.stroke_width))
    if isinstance(mob, AbstractImageMobject):
        return object()
    return (type(mob),)  # the camera draws nothing for a plain Mobject (a ValueTracker...)


def plain_cairo(scene: Any) -> bool:
    """Whether ``scene`` renders with manim's Cairo renderer and the plain 2-D camera, whose
    frames maniml may compose itself."""
    renderer = getattr(scene, "renderer", None)
    return (
        config.renderer == RendererType.CAIRO
        and type(getattr(renderer, "camera", None)) is Camera
        and hasattr(renderer, "static_image")
    )


class FrameComposer:
    """Draws the frames of one ``play`` of a scene, leaving out what a background already holds.

    Create it at the first frame of the play (after manim has drawn the play's still
    background) and call :meth:`compose` before each frame is rendered: it draws the frame into
    the camera and points manim's renderer at it, so that manim draws nothing more and writes
    this frame.
    """

    def __init__(self, scene: Any) -> None:
        self.scene = scene
        self.renderer = scene.renderer
        self.camera: Camera = self.renderer.camera
        #: the moving mobjects of the play, as manim found them
        self.moving: list[Mobject] = list(scene.moving_mobjects)
        still = self.renderer.static_image
        if still is None:
            self.camera.reset()
            still = self.camera.pixel_array.copy()
        self.still: np.ndarray = still
        self.base: np.ndarray = still  # still parts + members[:prefix]
        self.prefix = 0
        self.members: list[Mobject] = []
        self.states: list[Any] = []
        self.drawn = False
        #: members drawn in the frames composed so far (for tests and benchmarks)
        self.members_drawn = 0
        # what to hand to the renderer: a mobject that draws nothing (an empty list means all)
        self.nothing: list[Mobject] = [Mobject()]

    @staticmethod
    def usable(scene: Any) -> bool:
        """Whether frames of ``scene`` can be composed: manim's Cairo renderer with the plain
        2-D camera (:func:`plain_cairo`), rendering (not skipping) this play."""
        renderer = getattr(scene, "renderer", None)
        return plain_cairo(scene) and not getattr(renderer, "skip_animations", True)

    def _draw(self, members: Sequence[Mobject]) -> None:
        if members:
            self.camera.capture_mobjects(members, include_submobjects=False)
            self.members_drawn += len(members)

    def compose(self) -> None:
        """Draw the current state of the moving mobjects as the next frame."""
        cam = self.camera
        members = extract_mobject_family_members(
            self.moving, use_z_index=cam.use_z_index, only_those_with_points=True
        )
        states = [drawing_state(m) for m in members]
        old, old_states = self.members, self.states
        same = 0
        for a, b, sa, sb in zip(members, old, states, old_states, strict=False):
            if a is not b or sa != sb:
                break
            same += 1
        if not (self.drawn and same == len(members) == len(old)):
            # the frame differs from the last one: from the deepest valid background, draw on
            if same < self.prefix or not self.drawn:
                self.base, self.prefix = self.still, 0
            cam.set_frame_to_background(self.base)
            if same > self.prefix:
                self._draw(members[self.prefix : same])
                self.base, self.prefix = cam.pixel_array.copy(), same
            self._draw(members[same:])
        # else: nothing changed; the camera still holds the last frame
        self.members, self.states, self.drawn = members, states, True
        self.renderer.static_image = cam.pixel_array  # manim copies it onto itself: a no-op
        self.scene.moving_mobjects = self.nothing
