"""The one scene framework: settings -> trajectory -> timeline -> mobjects -> frames.

:class:`Template` is a mixin for :class:`manim.Scene` (or :class:`~manim.ThreeDScene`) that every
maniml template derives from. A template never overrides ``__init__`` (manim's CLI builds scenes
without arguments); it is configured by its class attribute ``settings`` (a
:class:`~maniml.scenes.settings.SceneSettings`) and fills in a few hooks:

``prepare()``
    Compute the run(s) from the settings; set ``self.trajectory`` (and ``self.trajectories``).
``step_motion()``
    How much the picture moves during each tick of the clock (for the pacing); default: the
    parameters' displacement in units of their range.
``build()``
    Create the mobjects: :meth:`add_still` for what never changes (drawn once into the
    background), :meth:`add_moving` for what :meth:`show_position` updates.
``show_position(position, frame)``
    Bring every moving mobject to the clock ``position`` (steps, fractional). It must depend on
    the position alone (no state carried from frame to frame), so that any frame can be drawn
    on its own: that is what makes segments and ``render_frame`` exact.
``show_ending()``
    Add the end stage's captions (the verdict).

The video is three plays, one per stage of :attr:`timeline` (build-up, steps, end). The steps
stage is played by :class:`PlayFrames`, which shows frame ``i`` of the timeline at the ``i``-th
frame the renderer draws: the row shown is never a rounding of a tracker's value. Moving
mobjects are added after the clock, so Cairo counts all of them as moving (a mobject added
before the first animated one is frozen into the background); of those, each frame redraws only
the ones that changed since the last frame, and what follows them in drawing order
(:class:`~maniml.scenes.redraw.FrameComposer`; the pixels are manim's).

Examples
--------
>>> from maniml.scenes import timeline_of
>>> from maniml.scenes.fit_scene import LinRegScene
>>> tl = timeline_of(LinRegScene)
>>> [s.name for s in tl.stages], len(tl.rows) == tl.stage("steps").frames
(['build-up', 'steps', 'end'], True)
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from manim import Animation, FadeIn, Mobject, ValueTracker, Wait, config, linear

from .._exit import freeze_at_exit
from .._validation import ParameterError
from ..trajectory import Trajectory
from .crossfade import FadeInFrame
from .encoding import encoder_options, use_frame_encoder
from .redraw import FrameComposer
from .settings import SceneSettings
from .timeline import Timeline, find_events, path_motion

__all__ = ["PlayFrames", "Template", "render_frame", "timeline_of"]


class PlayFrames(Animation):
    """Play frames ``[start, stop)`` of a template's steps stage, one rendered frame each.

    manim draws a play of ``run_time`` T at the times ``0, 1/fps, 2/fps, ... < T``; with
    ``T = (n - 0.5) / fps`` that is exactly ``n`` frames, and the ``j``-th is frame
    ``start + j``.
    """

    def __init__(self, scene: Template, start: int, stop: int, **kwargs: Any) -> None:
        self.scene_, self.start, self.n = scene, int(start), int(stop) - int(start)
        self.fps = float(config.frame_rate)
        super().__init__(
            scene.clock, run_time=(self.n - 0.5) / self.fps, rate_func=linear, **kwargs
        )

    def begin(self) -> None:  # nothing to copy: the clock is only a marker
        self.composer: FrameComposer | None = None
        self.scene_._frames_play = self
        self.interpolate(0.0)

    def finish(self) -> None:
        self.interpolate(1.0)

    def clean_up_from_scene(self, scene: Any) -> None:
        super().clean_up_from_scene(scene)
        self.scene_._frames_play = None

    def interpolate(self, alpha: float) -> None:
        j = min(self.n - 1, max(0, int(round(alpha * self.run_time * self.fps))))
        self.scene_.show_frame(self.start + j)

    def draw_frame(self) -> None:
        """Draw the frame about to be rendered, redrawing only the moving parts that changed
        (:class:`~maniml.scenes.redraw.FrameComposer`); :meth:`Template.update_to_time` calls it
        after every update of the play. Does nothing when manim does not render this play."""
        if self.composer is None and FrameComposer.usable(self.scene_):
            self.composer = FrameComposer(self.scene_)
        if self.composer is not None:
            self.composer.compose()


class Template:
    """Mixin: the framework every maniml template scene is built on (see the module docstring).

    Attributes set by :meth:`setup`
    -------------------------------
    theme : Theme
    trajectory : Trajectory
        The run shown (the featured one when there are several).
    trajectories : tuple of Trajectory
    timeline : Timeline
    clock : ValueTracker
        Its value is the clock position of the frame shown.
    """

    settings: ClassVar[SceneSettings] = SceneSettings()
    #: The settings class this template accepts (its subclasses too).
    Settings: ClassVar[type[SceneSettings]] = SceneSettings

    trajectory: Trajectory
    trajectories: tuple[Trajectory, ...]
    timeline: Timeline

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # manim resolves the scene's encoder settings here: maniml's x264 settings
        # (encoding.SOLO_X264_OPTIONS) unless the user chose options; manim's config is left as
        # it was
        saved = config.video_encoder_options
        config.video_encoder_options = encoder_options(
            saved, codec=config.video_codec, format=config.format,
            transparent=config.transparent,
        )  # fmt: skip
        try:
            super().__init__(*args, **kwargs)
        finally:
            config.video_encoder_options = saved
        # each distinct frame converted for the encoder once (the same bytes, less work)
        use_frame_encoder(getattr(getattr(self, "renderer", None), "file_writer", None))
        # a process that renders ends 0.25-0.38 s sooner on 2 cores (maniml._exit)
        freeze_at_exit()

    # -- settings -> trajectory -> timeline --------------------------------------------------
    def setup(self) -> None:
        super().setup()  # type: ignore[misc]
        s = type(self).settings
        where = type(self).__name__
        if not isinstance(s, self.Settings):
            raise ParameterError(
                "settings", where, f"a {self.Settings.__name__}", s, kind="setting"
            )
        self.theme = s.theme
        self.prepare()
        if not getattr(self, "trajectories", None):
            self.trajectories = (self.trajectory,)
        self.timeline = self.make_timeline()
        self.clock = ValueTracker(0.0)
        self._still: list[Mobject] = []
        self._moving: list[Mobject] = []

    def prepare(self) -> None:
        """Compute the run(s): set ``self.trajectory`` (hook)."""
        raise NotImplementedError

    def step_motion(self) -> np.ndarray:
        """Visible motion of each tick of the clock (hook); default: the parameters' path in
        units of their range over the run."""
        p = self.trajectory.params
        finite = p[np.isfinite(p).all(axis=1)]
        return path_motion(p, finite.min(axis=0), finite.max(axis=0))

    def rows_at(self, positions: np.ndarray) -> np.ndarray | None:
        """The row of ``trajectory`` at clock positions (hook; None: the floor)."""
        return None

    def optimum_loss(self) -> float | None:
        """The lowest loss the run could reach, if known (for the 'near optimum' event)."""
        return None

    def timeline_events(self) -> list[tuple[str, int, str]]:
        """Events to place on the timeline: ``(kind, row, label)`` (hook)."""
        return find_events(self.trajectory, optimum_loss=self.optimum_loss())

    def make_timeline(self) -> Timeline:
        s = self.settings
        return Timeline.build(
            self.trajectory,
            motion=self.step_motion(),
            rows_at=self.rows_at,
            frame_rate=config.frame_rate,
            run_time=s.run_time,
            intro_time=s.intro_time,
            hold_time=s.hold_time,
            pacing=s.pacing,
            events=self.timeline_events(),
            segment=s.segment,
            trajectories=self.trajectories,
        )

    # -- mobjects ----------------------------------------------------------------------------
    def add_still(self, *mobjects: Mobject) -> None:
        """Add mobjects that never change (drawn once per play, into the background)."""
        self._still += mobjects
        self.add(*mobjects)  # type: ignore[attr-defined]

    def add_moving(self, *mobjects: Mobject) -> None:
        """Add mobjects that :meth:`show_position` updates (redrawn every frame)."""
        self._moving += mobjects

    def build(self) -> None:
        """Create and add the mobjects (hook)."""

    def paint_background(self) -> None:
        """Give the camera the theme's background colour (templates call it first in build)."""
        self.camera.background_color = self.theme.background  # type: ignore[attr-defined]
        if hasattr(self.camera, "init_background"):  # type: ignore[attr-defined]
            self.camera.init_background()  # type: ignore[attr-defined]

    def assemble(self) -> None:
        """Add the clock and then the moving mobjects, after every still one, and show the first
        frame. :meth:`construct` calls it after :meth:`build`."""
        self.add(self.clock, *self._moving)  # type: ignore[attr-defined]
        self.show_frame(0)

    # -- time --------------------------------------------------------------------------------
    def show_frame(self, i: int) -> None:
        """Show frame ``i`` of the steps stage."""
        i = min(max(int(i), 0), len(self.timeline.positions) - 1)
        pos = float(self.timeline.positions[i])
        self.clock.set_value(pos)
        self.frame_index = i
        self.show_position(pos, i)

    def show_position(self, position: float, frame: int) -> None:
        """Bring every moving mobject to the clock ``position`` (hook)."""

    def update_to_time(self, t: float) -> None:
        """manim's update of a play's mobjects to time ``t``; during the steps play, then draw
        the frame, redrawing only what changed (:meth:`PlayFrames.draw_frame`)."""
        super().update_to_time(t)  # type: ignore[misc]
        play = getattr(self, "_frames_play", None)
        if play is not None:
            play.draw_frame()

    def row_of_frame(self, i: int) -> int:
        return int(self.timeline.rows[min(max(int(i), 0), len(self.timeline.rows) - 1)])

    def construct(self) -> None:
        self.build()
        self.assemble()
        tl = self.timeline
        if tl.plays_build_up:
            self.play_build_up(tl.stage("build-up").frames)
        start, stop = tl.steps_range
        self.show_frame(start)
        self.play_steps(start, stop)
        if tl.plays_end:
            self.show_ending()
            self.play_end(tl.stage("end").frames)

    def fade_in_parts(self) -> list[Mobject]:
        """What the build-up stage fades in (default: everything added)."""
        return self._still + self._moving

    def _skips_next_play(self) -> bool:
        """Whether manim will skip the next ``play`` (``-s``, or before ``-n``'s first play)."""
        renderer = getattr(self, "renderer", None)
        if config.save_last_frame or getattr(renderer, "_original_skipping_status", False):
            return True
        n = config.from_animation_number
        return bool(n and n > 0 and getattr(renderer, "num_plays", 0) < n)

    def play_build_up(self, frames: int) -> None:
        if frames > 0:
            fps = float(config.frame_rate)
            run_time = (frames - 0.5) / fps
            parts = self.fade_in_parts()
            skip = self._skips_next_play()
            if skip or FadeInFrame.usable(self):
                # a finished FadeIn leaves every part as it was: no copies of every part (about
                # a second), the parts added as manim would add them; when skipping, nothing is
                # drawn, else the picture is faded in as one image (crossfade.FadeInFrame)
                family = self.get_mobject_family_members()  # type: ignore[attr-defined]
                for m in parts:
                    if m not in family:
                        self.add(m)  # type: ignore[attr-defined]
                        family += m.get_family()
                if skip:
                    self.play(Wait(run_time=run_time))  # type: ignore[attr-defined]
                else:
                    self.play(FadeInFrame(self, frames, parts))  # type: ignore[attr-defined]
                return
            self.play(  # type: ignore[attr-defined]
                *[FadeIn(m) for m in parts], run_time=run_time
            )

    def play_steps(self, start: int, stop: int) -> None:
        if stop > start:
            self.play(PlayFrames(self, start, stop))  # type: ignore[attr-defined]

    def play_end(self, frames: int) -> None:
        if frames > 0:
            fps = float(config.frame_rate)
            self.wait((frames + 0.5) / fps, frozen_frame=True)  # type: ignore[attr-defined]

    def show_ending(self) -> None:
        """Add the end stage's captions (hook)."""


def timeline_of(scene_cls: type, **config_changes: Any) -> Timeline:
    """The timeline of a template scene class, computed without rendering.

    ``.trajectory`` is the run the scene shows, ``.rows`` the trajectory row shown at each
    frame of the steps stage, ``.stages`` the stages with their start and end in seconds, and
    ``.events`` what happens when. Uses manim's current ``config`` (frame rate); pass e.g.
    ``frame_rate=30`` to change it for this call.

    Examples
    --------
    >>> from maniml.scenes.fit_scene import LinRegScene
    >>> tl = timeline_of(LinRegScene, frame_rate=15)
    >>> tl.stage("steps").frames, int(tl.rows[-1]) == tl.trajectory.n_steps
    (120, True)
    """
    from manim import tempconfig

    if not (isinstance(scene_cls, type) and issubclass(scene_cls, Template)):
        raise ParameterError("scene_cls", "timeline_of", "a maniml template scene class", scene_cls)
    with tempconfig(config_changes):
        scene = scene_cls()
        scene.setup()
        return scene.timeline


def render_frame(scene_cls: type, progress: float = 1.0) -> np.ndarray:
    """The frame ``scene_cls`` shows at ``progress`` (0 to 1) of its steps stage, as an RGBA
    array, without a video. Uses the current manim ``config`` (resolution, media directory).

    Handy for thumbnails, tests and checking a layout.
    """
    scene = scene_cls()
    scene.setup()
    scene.build()
    scene.assemble()
    n = len(scene.timeline.positions)
    scene.show_frame(int(round(min(max(float(progress), 0.0), 1.0) * (n - 1))))
    if progress >= 1.0:
        scene.show_ending()
    scene.renderer.update_frame(scene, ignore_skipping=True)
    return np.array(scene.renderer.get_frame())
