"""Every ready scene, rendered through manim's real ``play`` pipeline: the frames it writes are
the timeline's (count and stages), each mid-run frame equals the same frame drawn from scratch
(a moving part frozen into Cairo's still background fails here), and mid-run frames match their
reference PNGs."""

from __future__ import annotations

import importlib.util
import inspect

import numpy as np
import pytest
from conftest import ROOT

from maniml.scenes import timeline_of

# the ready scenes and the examples of reuse in a user's project
READY = sorted(f"{p.parent.name}/{p.stem}" for d in ("scenes", "examples")
               for p in (ROOT / d).glob("*.py"))  # fmt: skip


def _classes(name: str):
    path = ROOT / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"maniml_pipeline_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    from manim import Scene

    return [
        c
        for _, c in inspect.getmembers(module, inspect.isclass)
        if issubclass(c, Scene) and c.__module__ == module.__name__
    ]


CASES = [(name, cls.__name__) for name in READY for cls in _classes(name)]


def _quick(cls):
    changes = {"run_time": 1.6, "intro_time": 0.4, "hold_time": 0.4}
    return type(cls.__name__, (cls,), {"settings": cls.settings.with_(**changes)})


@pytest.fixture
def tiny_config(small_config):
    from manim import tempconfig

    with tempconfig({"pixel_width": 192, "pixel_height": 108, "frame_rate": 5}):
        yield small_config


@pytest.mark.parametrize(("name", "cls_name"), CASES)
def test_played_frames_are_the_timeline_and_nothing_is_frozen(name, cls_name, tiny_config, frames):
    cls = _quick(next(c for c in _classes(name) if c.__name__ == cls_name))
    scene, got = frames.play_frames(cls)
    tl = scene.timeline
    build, steps, end = (tl.stage(s).frames for s in ("build-up", "steps", "end"))
    assert len(got) == build + steps + end == tl.n_frames
    # timeline_of gives the same timeline without rendering
    planned = timeline_of(cls)
    assert np.array_equal(planned.rows, tl.rows) and planned.stages == tl.stages
    assert planned.trajectory.n_steps == tl.trajectory.n_steps
    # Mid-run frames from the pipeline equal the same frames drawn from scratch.
    picks = sorted({steps // 3, steps // 2, (2 * steps) // 3, steps - 1})
    for i in picks:
        fresh = frames.fresh_frame(cls, i)
        diff = frames.mean_difference(got[build + i], fresh)
        assert diff < 0.5, f"{cls_name}: frame {i} of the steps stage differs by {diff:.2f}"
    # The picture moves during the steps stage (something is animated at all).
    first, last = got[build], got[build + steps - 1]
    assert frames.mean_difference(first, last) > 0.05
    frames.compare(f"pipeline_{cls_name}_mid", got[build + steps // 2])


def test_a_part_frozen_into_the_background_is_caught(tiny_config, frames):
    """The check above fails on a scene whose moving part is added before the clock."""
    from maniml.scenes import LinRegScene

    class Frozen(_quick(LinRegScene)):
        def assemble(self):
            self.add(*self._moving)  # moving parts added BEFORE the clock: Cairo freezes them
            self._moving = []
            super().assemble()

    scene, got = frames.play_frames(Frozen)
    build, steps = scene.timeline.stage("build-up").frames, scene.timeline.stage("steps").frames
    i = steps - 1
    assert frames.mean_difference(got[build + i], frames.fresh_frame(Frozen, i)) > 0.5


def test_segments_concatenate_to_the_whole_render(tiny_config, frames):
    from maniml.scenes import LinRegScene

    whole_cls = _quick(LinRegScene)
    _, whole = frames.play_frames(whole_cls)
    parts = []
    for k in (1, 2, 3):
        cls = type("Part", (whole_cls,), {"settings": whole_cls.settings.with_(segment=(k, 3))})
        parts += frames.play_frames(cls)[1]
    assert len(parts) == len(whole)
    worst = max(frames.mean_difference(a, b) for a, b in zip(parts, whole, strict=True))
    assert worst < 0.01
    assert np.array_equal(parts[-1], whole[-1])


def _decode(path) -> list[np.ndarray]:
    import av

    with av.open(str(path)) as container:
        return [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]


def test_segment_videos_joined_without_reencoding_decode_to_the_whole_render(tiny_config, tmp_path):
    """Parts rendered as separate videos, joined by ffmpeg's concat demuxer (``-c copy``), decode
    to the frames of the whole render (within codec noise)."""
    import os
    import shutil
    import subprocess

    from manim import tempconfig

    from maniml.scenes import LinRegScene

    if shutil.which("ffmpeg") is None:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("ffmpeg is needed to join segment videos (run.sh installs it)")
        pytest.skip("ffmpeg not installed")
    whole_cls = _quick(LinRegScene)

    def render(cls, name):
        with tempconfig({"media_dir": str(tmp_path / name), "write_to_movie": True}):
            scene = cls()
            scene.render()
            return scene.renderer.file_writer.movie_file_path

    whole = _decode(render(whole_cls, "whole"))
    parts = []
    for k in (1, 2, 3):
        cls = type("Part", (whole_cls,), {"settings": whole_cls.settings.with_(segment=(k, 3))})
        parts.append(render(cls, f"part{k}"))
    listing = tmp_path / "parts.txt"
    listing.write_text("".join(f"file '{p}'\n" for p in parts))
    joined = tmp_path / "joined.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-f", "concat", "-safe", "0", "-i", str(listing), "-c", "copy",
         str(joined)],
        check=True,
    )  # fmt: skip
    got = _decode(joined)
    assert len(got) == len(whole)
    worst = max(
        float(np.abs(a.astype(np.int16) - b.astype(np.int16)).mean())
        for a, b in zip(got, whole, strict=True)
    )
    assert worst < 2.0, f"joined parts differ from the whole render by {worst:.2f} on a frame"
