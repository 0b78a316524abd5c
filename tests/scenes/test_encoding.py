"""maniml's encoder settings (maniml.scenes.encoding) in a ``manim`` render of a template."""

from __future__ import annotations


def test_template_scenes_encode_with_maniml_x264_settings_unless_the_user_chose():
    """``manim`` renders of maniml scenes use the same x264 settings as ``maniml render``
    (encoding.X264_OPTIONS) but on two threads; the user's own options win; manim's config is
    left as it was."""
    from manim import config, tempconfig

    from maniml.scenes import LinRegScene
    from maniml.scenes.encoding import SOLO_X264_OPTIONS, X264_OPTIONS

    cls = type("Enc", (LinRegScene,), {"settings": LinRegScene.settings.with_(epochs=2)})
    assert SOLO_X264_OPTIONS == {**X264_OPTIONS, "threads": "2"}
    with tempconfig({"video_encoder_options": {}}):
        scene = cls()
        assert dict(scene.renderer.file_writer.video_encoder.options) == SOLO_X264_OPTIONS
        assert config.video_encoder_options == {}
    with tempconfig({"video_encoder_options": {"crf": "30"}}):
        scene = cls()
        assert dict(scene.renderer.file_writer.video_encoder.options) == {"crf": "30"}
    with tempconfig({"video_encoder_options": {}, "format": "webm"}):
        scene = cls()
        assert "preset" not in dict(scene.renderer.file_writer.video_encoder.options)


def _segment(encoder_cls, spec, path, frames):
    enc = encoder_cls(target=path, spec=spec)
    for pixels, repeat in frames:
        enc.write_frame(pixels, repeat=repeat)
    enc.finish()
    return path.read_bytes()


def test_frame_encoder_writes_the_bytes_manims_encoder_writes(tmp_path):
    """FrameEncoder converts each distinct frame once, without a copy: the video is byte for
    byte manim's, with repeated frames, ``repeat`` > 1 and frames that change back."""
    from fractions import Fraction

    import numpy as np

    # the spec manim's writer builds (a real one: its fields follow the installed manim)
    from manim import tempconfig
    from manim.scene.video_segment_encoder import VideoSegmentEncoder

    from maniml.scenes import LinRegScene
    from maniml.scenes.encoding import SOLO_X264_OPTIONS, FrameEncoder

    cls = type("Enc", (LinRegScene,), {"settings": LinRegScene.settings.with_(epochs=2)})
    with tempconfig({"pixel_width": 96, "pixel_height": 64, "frame_rate": 10,
                     "video_encoder_options": {}}):  # fmt: skip
        spec = cls().renderer.file_writer.video_encoder
    assert dict(spec.options) == SOLO_X264_OPTIONS and spec.frame_rate == Fraction(10)
    rng = np.random.default_rng(1)
    a, b = (rng.integers(0, 256, (64, 96, 4), dtype=np.uint8) for _ in range(2))
    frames = [(a, 1), (a.copy(), 1), (b, 3), (b, 1), (a, 2), (a.copy(), 1), (b, 1)]
    ours = _segment(FrameEncoder, spec, tmp_path / "ours.mp4", frames)
    manims = _segment(VideoSegmentEncoder, spec, tmp_path / "manim.mp4", frames)
    assert ours == manims
    assert len(ours) > 1000


def test_frame_encoder_refuses_what_manim_refuses(tmp_path):
    import numpy as np
    import pytest
    from manim import tempconfig

    from maniml.scenes import LinRegScene
    from maniml.scenes.encoding import FrameEncoder

    cls = type("Enc", (LinRegScene,), {"settings": LinRegScene.settings.with_(epochs=2)})
    with tempconfig({"pixel_width": 96, "pixel_height": 64}):
        spec = cls().renderer.file_writer.video_encoder
    enc = FrameEncoder(target=tmp_path / "x.mp4", spec=spec)
    with pytest.raises(ValueError, match="shape"):
        enc.write_frame(np.zeros((10, 10, 4), np.uint8))
    with pytest.raises(ValueError, match="repeat"):
        enc.write_frame(np.zeros((64, 96, 4), np.uint8), repeat=0)
    enc.abort()


def test_template_scenes_write_their_video_with_the_frame_encoder(tmp_path):
    from manim import tempconfig

    from maniml.scenes import LinRegScene, encoding

    made = []

    class Spy(encoding.FrameEncoder):
        def __init__(self, **kwargs):
            made.append(kwargs["target"])
            super().__init__(**kwargs)

    cls = type("Enc", (LinRegScene,), {"settings": LinRegScene.settings.with_(
        epochs=2, run_time=0.6, intro_time=0.2, hold_time=0.2)})  # fmt: skip
    old = encoding.FrameEncoder
    encoding.FrameEncoder = Spy
    try:
        with tempconfig({"pixel_width": 96, "pixel_height": 64, "frame_rate": 10,
                         "media_dir": str(tmp_path), "disable_caching": True,
                         "verbosity": "ERROR", "progress_bar": "none"}):  # fmt: skip
            scene = cls()
            scene.render()
            out = scene.renderer.file_writer.movie_file_path
    finally:
        encoding.FrameEncoder = old
    assert len(made) == 3  # one segment per stage
    assert out.exists() and out.stat().st_size > 0
