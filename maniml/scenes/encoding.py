"""The x264 settings of maniml's videos, whether rendered by ``manim`` or ``maniml render``.

manim 0.22 encodes MP4 partial movies with libx264 at ``crf=23``, x264's default ``medium``
preset and one encoder thread per core. maniml's frames (flat colours, thin lines, text) encode
as well at ``preset=veryfast, tune=animation, crf=21`` (measured with ``bench/bench_render.py
--encoder`` on five ready scenes at -ql against a lossless render: mean SSIM 0.99736 vs 0.99765,
PSNR 48.1 vs 47.9 dB, the worst scene equal; files 1.3x as large) for about 40 % less encoder
CPU. One thread: the encoder runs beside the drawing thread instead of competing with parallel
jobs, and the bytes do not depend on the machine's number of cores.

A user's own encoder options (``[video_encoder.options]`` in ``manim.cfg``, or
``config.video_encoder_options``) always win: :func:`encoder_options` returns them unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["X264_OPTIONS", "encoder_options"]

#: libx264 options of maniml's MP4s (and of the MP4 a GIF is made from).
X264_OPTIONS: dict[str, str] = {
    "preset": "veryfast",
    "tune": "animation",
    "crf": "21",
    "threads": "1",
}


def encoder_options(
    current: Mapping[str, str], *, codec: str = "auto", format: str | None = "mp4",
    transparent: bool = False,
) -> dict[str, str]:  # fmt: skip
    """The encoder options a maniml scene renders with, given manim's ``config`` values.

    ``current`` (the user's options) is kept when not empty, and so is anything but manim's
    default H.264 (another codec, WebM, a transparent movie); otherwise :data:`X264_OPTIONS`.

    Examples
    --------
    >>> encoder_options({})["preset"]
    'veryfast'
    >>> encoder_options({"crf": "18"})
    {'crf': '18'}
    >>> encoder_options({}, format="webm")
    {}
    """
    if current or transparent or codec not in ("auto", "libx264"):
        return dict(current)
    if format not in (None, "auto", "mp4", "gif"):
        return dict(current)
    return dict(X264_OPTIONS)
