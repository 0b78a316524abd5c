"""maniml's encoder settings (maniml.scenes.encoding) in a ``manim`` render of a template."""

from __future__ import annotations


def test_template_scenes_encode_with_maniml_x264_settings_unless_the_user_chose():
    """``manim`` renders of maniml scenes use the same x264 settings as ``maniml render``
    (encoding.X264_OPTIONS); the user's own options win; manim's config is left as it was."""
    from manim import config, tempconfig

    from maniml.scenes import LinRegScene
    from maniml.scenes.encoding import X264_OPTIONS

    cls = type("Enc", (LinRegScene,), {"settings": LinRegScene.settings.with_(epochs=2)})
    with tempconfig({"video_encoder_options": {}}):
        scene = cls()
        assert dict(scene.renderer.file_writer.video_encoder.options) == X264_OPTIONS
        assert config.video_encoder_options == {}
    with tempconfig({"video_encoder_options": {"crf": "30"}}):
        scene = cls()
        assert dict(scene.renderer.file_writer.video_encoder.options) == {"crf": "30"}
    with tempconfig({"video_encoder_options": {}, "format": "webm"}):
        scene = cls()
        assert "preset" not in dict(scene.renderer.file_writer.video_encoder.options)
