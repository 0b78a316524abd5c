"""The build-up stage as one image faded in: the first frame drawn once, then blended.

manim's ``FadeIn`` of every part copies each part and redraws all of them at every frame of the
fade (about 50 ms a frame at -ql for a fit scene: every glyph, every point). :class:`FadeInFrame`
draws the first frame of the steps stage once and shows, at each frame of the build-up,
``background + (first frame - background) * a`` with ``a`` going from 0 to 1 as manim's
``smooth`` rate function goes: one array blend a frame. Parts that the template does not fade
(not in :meth:`~maniml.scenes.template.Template.fade_in_parts`, e.g. a caption) are drawn at full
strength over the blend, as ``FadeIn`` of the other parts would leave them.

For a single layer the two are the same picture (a part at opacity ``a`` over the background is
that blend); where translucent parts overlap, ``FadeIn`` darkens the overlap as it fades and the
image fade does not; and every part fades at one pace (with ``FadeIn``, read-outs built from
cached glyphs showed at full strength from the first frame).

Only manim's Cairo renderer with the plain 2-D :class:`manim.Camera` is handled
(:meth:`FadeInFrame.usable`); templates fall back to ``FadeIn`` otherwise (the 3-D surfaces).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from manim import Animation, Mobject, config, smooth
from manim.utils.family import extract_mobject_family_members

from .redraw import plain_cairo

__all__ = ["FadeInFrame", "blend"]


def blend(background: np.ndarray, target: np.ndarray, a: float) -> np.ndarray:
    """``background + (target - background) * a`` as ``uint8``, to within one level (integer
    arithmetic in 1/256 steps; exact at ``a`` = 0 and 1). RGBA arrays of one shape; ``a`` is
    clipped to [0, 1].

    Examples
    --------
    >>> import numpy as np
    >>> bg, fg = np.zeros((1, 1, 4), np.uint8), np.full((1, 1, 4), 200, np.uint8)
    >>> [blend(bg, fg, a)[0, 0, 0].item() for a in (0.0, 0.5, 1.0)]
    [0, 100, 200]
    """
    out = np.empty(np.shape(target), np.uint8)
    _blend16(background.astype(np.uint16), target.astype(np.uint16), a, out)
    return out


def _blend16(background: np.ndarray, target: np.ndarray, a: float, out: np.ndarray) -> None:
    """:func:`blend` of ``uint16`` copies of the images into ``out`` (``uint8``)."""
    w = np.uint16(round(min(max(float(a), 0.0), 1.0) * 256))
    acc = background * (np.uint16(256) - w)
    acc += target * w
    acc += np.uint16(128)
    acc >>= np.uint16(8)
    np.copyto(out, acc, casting="unsafe")


class FadeInFrame(Animation):
    """Fade in the scene's current picture as one image over ``frames`` frames (the build-up
    stage); see the module docstring.

    Parameters
    ----------
    scene : Template
        The scene; its clock is the animation's (marker) mobject.
    frames : int
        Frames of the play (``run_time = (frames - 0.5) / fps``, as every template play).
    parts : list of Mobject
        What fades in; everything else drawn stays at full strength.
    """

    def __init__(self, scene: Any, frames: int, parts: list[Mobject], **kwargs: Any) -> None:
        self.scene_ = scene
        self.parts = list(parts)
        self.fps = float(config.frame_rate)
        super().__init__(
            scene.clock, run_time=(int(frames) - 0.5) / self.fps, rate_func=smooth, **kwargs
        )

    @staticmethod
    def usable(scene: Any) -> bool:
        """Whether the build-up of ``scene`` can be faded as one image: manim's Cairo renderer
        with the plain 2-D camera (:func:`~maniml.scenes.redraw.plain_cairo`)."""
        return plain_cairo(scene)

    def begin(self) -> None:  # nothing to copy: the clock is only a marker
        self.a = 0.0
        self.target: np.ndarray | None = None
        self.scene_._frames_play = self

    def interpolate(self, alpha: float) -> None:
        self.a = float(self.rate_func(alpha))

    def finish(self) -> None:
        self.interpolate(1.0)

    def clean_up_from_scene(self, scene: Any) -> None:
        super().clean_up_from_scene(scene)
        self.scene_._frames_play = None

    def _prepare(self) -> None:
        """Draw the picture once: the still background manim made for this play, then the moving
        parts that fade; keep the ones that do not for every frame."""
        renderer = self.scene_.renderer
        cam = renderer.camera
        fading = {id(m) for p in self.parts for m in p.get_family()}
        members = extract_mobject_family_members(
            list(self.scene_.moving_mobjects), use_z_index=cam.use_z_index,
            only_those_with_points=True,
        )  # fmt: skip
        if renderer.static_image is not None:
            cam.set_frame_to_background(renderer.static_image)
        else:
            cam.reset()
        cam.capture_mobjects([m for m in members if id(m) in fading], include_submobjects=False)
        self.target = cam.pixel_array.astype(np.uint16)
        self.background = np.asarray(cam.background).astype(np.uint16)
        self.on_top = [m for m in members if id(m) not in fading]

    def draw_frame(self) -> None:
        """Put the frame about to be rendered into the camera and point manim's renderer at it
        (as :class:`~maniml.scenes.redraw.FrameComposer` does). Does nothing when manim does not
        render this play."""
        if getattr(self.scene_.renderer, "skip_animations", True):
            return
        if self.target is None:
            self._prepare()
        renderer, cam = self.scene_.renderer, self.scene_.renderer.camera
        # in place: the camera keeps a Cairo context per pixel array
        _blend16(self.background, self.target, self.a, cam.pixel_array)
        if self.on_top:
            cam.capture_mobjects(self.on_top, include_submobjects=False)
        renderer.static_image = cam.pixel_array  # manim copies it onto itself: a no-op
        self.scene_.moving_mobjects = [Mobject()]  # and draws nothing more
