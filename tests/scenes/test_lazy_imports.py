"""maniml.scenes imports a name's module when the name is first used, and every name resolves."""

from __future__ import annotations

import importlib
import subprocess
import sys
import textwrap

import maniml.scenes as scenes


def test_a_fit_scene_does_not_import_the_other_templates():
    code = """
        import sys
        from maniml.scenes import LinRegScene
        loaded = [m for m in ("maniml.scenes.landscape_scenes", "maniml.scenes.network_scenes",
                              "maniml.scenes.multi_scene", "maniml.scenes.plane_scene",
                              "maniml.scenes.surface3d") if m in sys.modules]
        assert loaded == [], loaded
        assert "manim" in sys.modules
        from maniml.scenes import OptimizerRaceScene
        assert "maniml.scenes.landscape_scenes" in sys.modules
    """
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_every_name_resolves_to_its_module_object():
    assert sorted(scenes.__all__) == sorted(scenes._WHERE)
    for name in scenes.__all__:
        module = importlib.import_module(scenes._WHERE[name], "maniml.scenes")
        assert getattr(scenes, name) is getattr(module, name), name
    assert set(scenes.__all__) <= set(dir(scenes))


def test_an_unknown_name_is_an_attribute_error():
    try:
        scenes.NoSuchScene  # noqa: B018
    except AttributeError as exc:
        assert "NoSuchScene" in str(exc)
    else:
        raise AssertionError("no AttributeError")
