"""The x264 settings of maniml's videos, whether rendered by ``manim`` or ``maniml render``.

manim 0.22 encodes MP4 partial movies with libx264 at ``crf=23``, x264's default ``medium``
preset and one encoder thread per core. maniml's frames (flat colours, thin lines, text) encode
as well at ``preset=veryfast, tune=animation, crf=21`` (measured with ``bench/bench_render.py
--encoder`` on five ready scenes at -ql against a lossless render: mean SSIM 0.99736 vs 0.99765,
PSNR 48.1 vs 47.9 dB, the worst scene equal; files 1.3x as large) for about 40 % less encoder
CPU. ``maniml render`` encodes on one thread (:data:`X264_OPTIONS`): its parallel jobs, one per
core, fill the cores. A ``manim`` render of a template is one process: x264 gets two threads
(:data:`SOLO_X264_OPTIONS`), so encoding keeps up with the drawing thread on a second core (the
whole -ql ``linreg_bgd`` process 2.43 -> 2.22 s on 2 cores, files 2 % larger). The thread
counts are fixed, so the bytes do not depend on the machine's number of cores.

A user's own encoder options (``[video_encoder.options]`` in ``manim.cfg``, or
``config.video_encoder_options``) always win: :func:`encoder_options` returns them unchanged.

:class:`FrameEncoder` is manim's own segment encoder with the frames handed over faster: manim
copies every RGBA frame into a new PyAV frame and converts it to the codec's pixel format (for
a 480p frame about 2 ms of the encoder thread's 4.5), even when it is the last frame again (most
frames of a slow stretch, every frame of the end hold). It reads the pixels in place and
converts each distinct frame once; x264 gets the same pictures, so the bytes are the same.
:func:`use_frame_encoder` makes a scene's file writer use it.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
import numpy as np

try:  # manim 0.22's segment encoder (older manims write frames another way: nothing to do)
    from manim.scene.video_segment_encoder import VideoSegmentEncoder
except ImportError:  # pragma: no cover - depends on the installed manim
    VideoSegmentEncoder = None  # type: ignore[assignment,misc]

__all__ = [
    "SOLO_X264_OPTIONS",
    "X264_OPTIONS",
    "FrameEncoder",
    "encoder_options",
    "use_frame_encoder",
]

#: libx264 options of maniml's MP4s (and of the MP4 a GIF is made from).
X264_OPTIONS: dict[str, str] = {
    "preset": "veryfast",
    "tune": "animation",
    "crf": "21",
    "threads": "1",
}

#: libx264 options of a template rendered on its own by ``manim``: :data:`X264_OPTIONS` on two
#: threads.
SOLO_X264_OPTIONS: dict[str, str] = {**X264_OPTIONS, "threads": "2"}


def encoder_options(
    current: Mapping[str, str], *, codec: str = "auto", format: str | None = "mp4",
    transparent: bool = False,
) -> dict[str, str]:  # fmt: skip
    """The encoder options a maniml scene renders with, given manim's ``config`` values.

    ``current`` (the user's options) is kept when not empty, and so is anything but manim's
    default H.264 (another codec, WebM, a transparent movie); otherwise
    :data:`SOLO_X264_OPTIONS` (``maniml render`` sets :data:`X264_OPTIONS` itself).

    Examples
    --------
    >>> encoder_options({})["preset"], encoder_options({})["threads"]
    ('veryfast', '2')
    >>> encoder_options({"crf": "18"})
    {'crf': '18'}
    >>> encoder_options({}, format="webm")
    {}
    """
    if current or transparent or codec not in ("auto", "libx264"):
        return dict(current)
    if format not in (None, "auto", "mp4", "gif"):
        return dict(current)
    return dict(SOLO_X264_OPTIONS)


class FrameEncoder(VideoSegmentEncoder or object):  # type: ignore[misc]
    """manim's :class:`~manim.scene.video_segment_encoder.VideoSegmentEncoder`, converting each
    distinct frame once and reading it without a copy (see the module docstring).

    A frame equal to the one before (``numpy.array_equal``) is encoded from the last
    conversion; its presentation times and everything else are manim's.
    """

    def __init__(self, *, target: Path, spec: Any) -> None:
        super().__init__(target=target, spec=spec)
        self._last_pixels: np.ndarray | None = None
        self._last_frame: av.VideoFrame | None = None

    def _converted(self, pixels: np.ndarray) -> av.VideoFrame:
        """``pixels`` in the codec's pixel format and size, as PyAV's encoder would convert
        them (its reformatter's defaults)."""
        if self._last_pixels is not None and np.array_equal(pixels, self._last_pixels):
            return self._last_frame
        ctx = self._stream.codec_context
        frame = av.VideoFrame.from_numpy_buffer(pixels, format="rgba").reformat(
            ctx.width, ctx.height, ctx.format, threads=ctx.thread_count
        )
        self._last_pixels, self._last_frame = pixels, frame
        return frame

    def write_frame(self, pixels: np.ndarray, *, repeat: int = 1) -> None:
        """Encode ``pixels`` ``repeat`` times at the next presentation times."""
        self._validate_frame(pixels, repeat)
        time_base = Fraction(self.spec.frame_rate.denominator, self.spec.frame_rate.numerator)
        try:
            frame = self._converted(pixels)
            for _ in range(repeat):
                frame.pts = self._next_pts
                frame.time_base = time_base
                self._next_pts += 1
                for packet in self._stream.encode(frame):
                    self._container.mux(packet)
        except BaseException as error:
            raise self._operation_error("encode", error) from error


def use_frame_encoder(file_writer: Any) -> bool:
    """Make manim's ``file_writer`` (a scene's ``renderer.file_writer``) encode its video
    segments with :class:`FrameEncoder`; returns whether it could (manim 0.22's writer).

    Examples
    --------
    >>> use_frame_encoder(object())
    False
    """
    create = getattr(file_writer, "_create_segment_encoder", None)
    if VideoSegmentEncoder is None or create is None:
        return False

    def segment_encoder(target: Path) -> Any:
        spec = file_writer.video_encoder
        if spec is None:
            return create(target)  # manim's error
        return FrameEncoder(target=target, spec=spec)

    file_writer._create_segment_encoder = segment_encoder
    return True
