"""What the network scenes' colours mean: one colour per role (classes, prediction, weight
signs, training and validation loss), keys in the roles' colours, thumbnails in the sign
colours, and the regions' axis titles clear of their tick labels."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest
from manim import config
from painted import assert_every_colour_has_a_role
from painted import neutral_colours as _neutral
from painted import painted_colours as _colours

from maniml.scenes.theme import NEAR, colour_distance

ROOT = Path(__file__).resolve().parents[2]
READY = [("nn_classification", "NNSpiral"), ("nn_classification", "NNSpiral3"),
         ("nn_regression", "NNCurve")]  # fmt: skip


def _load(file: str, name: str) -> type:
    spec = importlib.util.spec_from_file_location(f"look_{file}", ROOT / "scenes" / f"{file}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, name)


def _built(cls, theme):
    sub = type(cls.__name__, (cls,), {"settings": cls.settings.with_(theme=theme)})
    scene = sub()
    scene.setup()
    scene.build()
    scene.assemble()
    scene.show_frame(len(scene.timeline.rows) // 2)
    return scene


@pytest.fixture(scope="module")
def scenes(media_dir):
    """The ready network scenes, built once per theme (tiny resolution)."""
    from manim import tempconfig

    out = {}
    cfg = {"pixel_width": 320, "pixel_height": 180, "frame_rate": 5,
           "media_dir": str(media_dir), "verbosity": "ERROR", "progress_bar": "none"}  # fmt: skip
    with tempconfig(cfg):
        for file, name in READY:
            for theme in ("dark", "light"):
                out[name, theme] = _built(_load(file, name), theme)
    return out


@pytest.mark.parametrize("theme", ["dark", "light"])
@pytest.mark.parametrize("name", [n for _, n in READY])
def test_every_role_has_its_own_colour_and_every_colour_a_role(scenes, name, theme):
    scene = scenes[name, theme]
    neutral = _neutral(scene.theme)
    roles = {r: set().union(*map(_colours, mobs)) - neutral
             for r, mobs in scene.colour_roles().items()}  # fmt: skip
    roles = {r: c for r, c in roles.items() if c}
    expected = {"positive", "negative", "training loss", "validation loss"}
    expected |= {"data", "prediction"} if name == "NNCurve" else {"class 0", "class 1"}
    assert expected <= set(roles), set(roles)
    for a in roles:
        for b in roles:
            if a < b:
                assert not roles[a] & roles[b], f"{a} and {b} share {roles[a] & roles[b]}"
                # and they do not merely look alike
                d = min(colour_distance(x, y) for x in roles[a] for y in roles[b])
                assert d >= NEAR, f"{a} {roles[a]} and {b} {roles[b]} look alike (ΔE {d:.0f})"
    assert_every_colour_has_a_role(scene, roles, neutral)


@pytest.mark.parametrize("name", [n for _, n in READY])
def test_the_validation_loss_is_not_the_predictions_colour(scenes, name):
    for theme in ("dark", "light"):
        scene = scenes[name, theme]
        val, train = scene.chart.curves
        assert _colours(val) == {scene.theme.validation.upper()}
        assert _colours(train) == {scene.theme.loss.upper()}
        if name == "NNCurve":
            assert _colours(scene.main.curve) == {scene.theme.model.upper()}
            assert scene.theme.model.upper() != scene.theme.validation.upper()
        # the chart's labels show each curve's colour
        swatches = [g[0] for g in scene.chart_labels[1:]]
        assert [_colours(s) for s in swatches] == [_colours(train), _colours(val)]


def test_weight_lines_and_thumbnails_take_the_sign_colours_not_the_class_colours(scenes):
    scene = scenes["NNSpiral", "dark"]
    theme, d = scene.theme, scene.diagram
    assert {theme.positive, theme.negative}.isdisjoint({theme.class0, theme.class1})
    for level in range(d.LEVELS):
        assert _colours(d.bin_of(level, 1)) <= {theme.positive.upper()}
        assert _colours(d.bin_of(level, -1)) <= {theme.negative.upper()}
    # every thumbnail pixel lies between the background and a sign colour
    bg = np.array(_rgb(theme.background))
    dirs = [np.array(_rgb(theme.positive)) - bg, np.array(_rgb(theme.negative)) - bg]
    assert d.thumbs
    for img in d.thumbs:
        px = img.pixel_array[..., :3].reshape(-1, 3).astype(float) - bg
        strong = px[np.linalg.norm(px, axis=1) > 20]
        for p in strong:
            cos = [p @ v / (np.linalg.norm(p) * np.linalg.norm(v)) for v in dirs]
            assert max(cos) > 0.99, p
    # the sign key names the two colours
    key = scene.sign_key
    assert [m[1].original_text for m in key[1:]] == ["positive", "negative"]
    assert [_colours(m[0]) for m in key[1:]] == [{theme.positive.upper()}, {theme.negative.upper()}]


def _rgb(colour: str) -> tuple[float, float, float]:
    from manim import ManimColor

    return tuple(float(v) * 255 for v in ManimColor(colour).to_rgb())


def test_class_colours_avoid_the_other_roles_colours():
    from maniml.scenes import DARK, LIGHT
    from maniml.scenes.network_scenes import class_colors

    for theme in (DARK, LIGHT):
        colours = class_colors(theme, 6)
        assert len(set(colours)) == 6
        for c in colours:
            for other in (theme.loss, theme.validation, theme.positive, theme.negative):
                assert colour_distance(c, other) >= NEAR, (c, other)


@pytest.mark.parametrize("name", ["NNSpiral", "NNSpiral3"])
def test_the_regions_axis_titles_keep_clear_of_their_tick_labels(scenes, name):
    scene = scenes[name, "dark"]
    box = scene.main.axes
    xl, yl = scene.main.still[-2:]
    gap = scene.TITLE_GAP
    ticks_y, ticks_x = box.y_axis.numbers, box.x_axis.numbers
    assert yl.get_right()[0] <= ticks_y.get_left()[0] - gap + 1e-9
    assert xl.get_top()[1] <= ticks_x.get_bottom()[1] - gap + 1e-9
    # centred on their axes, and inside the frame with a margin
    mid = box.c2p(np.mean(box.x_range[:2]), np.mean(box.y_range[:2]))
    assert yl.get_center()[1] == pytest.approx(mid[1], abs=1e-6)
    assert xl.get_center()[0] == pytest.approx(mid[0], abs=1e-6)
    assert yl.get_left()[0] >= -config.frame_width / 2 + 0.2


@pytest.mark.parametrize("name", ["NNSpiral", "NNSpiral3"])
def test_the_input_labels_do_not_overlap(scenes, name):
    d = scenes[name, "dark"].diagram
    inputs = d.labels[: d.sizes[0]]
    for a, b in zip(inputs[:-1], inputs[1:], strict=True):
        assert a.get_bottom()[1] >= b.get_top()[1], (a.original_text, b.original_text)
