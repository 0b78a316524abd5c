"""What the landscape scenes' colours and marks mean: one colour per role (and no two roles
that merely look alike), nothing coloured without a role, the step dots' legend true to what
is drawn, the race's target label clear of the curves."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import load_scene
from painted import assert_every_colour_has_a_role
from painted import neutral_colours as _neutral
from painted import painted_colours as _colours

from maniml.scenes.landscape_scenes.race import _crossings
from maniml.scenes.theme import NEAR, colour_distance

READY = [
    ("bowl_gd", "BowlContour"),
    ("bowl_gd", "BowlSurface"),
    ("optimizer_race", "RosenbrockRace"),
    ("optimizer_race", "BealeRace"),
    ("optimizer_race", "SaddleRace"),
    ("learning_rates", "LearningRates"),
    ("linreg_landscape", "LinRegLandscape"),
    ("logreg_landscape", "LogRegLandscape"),
    ("gd_1d", "Parabola1D"),
    ("gd_1d", "Wave1D"),
]


_BUILT: dict = {}


def built(file: str, name: str, theme: str):
    """The ready scene, set up and built at -ql's size, shown half way (cached per module)."""
    from manim import tempconfig

    if (name, theme) not in _BUILT:
        cls = load_scene(file, name)
        sub = type(name, (cls,), {"settings": cls.settings.with_(theme=theme)})
        with tempconfig({"pixel_width": 854, "pixel_height": 480, "frame_rate": 15}):
            scene = sub()
            scene.setup()
            scene.build()
            scene.assemble()
            scene.show_frame(len(scene.timeline.positions) // 2)
        _BUILT[name, theme] = scene
    return _BUILT[name, theme]


@pytest.mark.parametrize("theme", ["dark", "light"])
@pytest.mark.parametrize(("file", "name"), READY)
def test_every_role_has_its_own_colour_and_every_colour_a_role(file, name, theme):
    scene = built(file, name, theme)
    neutral = _neutral(scene.theme)
    roles = {r: set().union(*map(_colours, mobs)) - neutral
             for r, mobs in scene.colour_roles().items()}  # fmt: skip
    roles = {r: c for r, c in roles.items() if c}
    assert len(roles) >= 3, roles
    for a in roles:
        for b in roles:
            if a >= b:
                continue
            assert not roles[a] & roles[b], f"{a} and {b} share {roles[a] & roles[b]}"
            if "heat map" in (a, b):  # the ramp: a path must not vanish into it, exactly
                continue
            d = min(colour_distance(x, y) for x in roles[a] for y in roles[b])
            assert d >= NEAR, f"{a} {roles[a]} and {b} {roles[b]} look alike (ΔE {d:.0f})"
    assert_every_colour_has_a_role(scene, roles, neutral)


@pytest.mark.parametrize("theme", ["dark", "light"])
@pytest.mark.parametrize(
    ("file", "name"),
    [("linreg_landscape", "LinRegLandscape"), ("logreg_landscape", "LogRegLandscape")],
)
def test_model_landscape_runs_do_not_take_the_data_colours(file, name, theme):
    scene = built(file, name, theme)
    t = scene.theme
    for c in scene.colours:
        for other in (t.data, t.class0, t.class1, t.optimum):
            assert colour_distance(c, other) >= NEAR, (c, other)


def _dots(scene):
    tracers = getattr(scene, "tracers", None) or [scene.tracer]
    return [t.dots for t in tracers if t.dots is not None]


def _texts(mob) -> list[str]:
    return [m.original_text for m in mob.get_family() if hasattr(m, "original_text")]


@pytest.mark.parametrize(
    ("file", "name"),
    [("bowl_gd", "BowlContour"), ("optimizer_race", "RosenbrockRace"),
     ("linreg_landscape", "LinRegLandscape"), ("gd_1d", "Parabola1D")],
)  # fmt: skip
def test_the_legend_says_what_the_dots_are_and_only_what_is_true(file, name):
    scene = built(file, name, "dark")
    dots = [scene.trail] if name == "Parabola1D" else _dots(scene)
    assert dots
    thinned = any(d.thinned for d in dots)
    # thinned means some row in view has no dot; else every row in view has one
    for d in dots:
        assert d.thinned == (len(d.dot_rows) < d.rows_in_view)
        assert set(d.dot_rows) <= set(range(len(d.rows)))
    texts = [t for m in scene.mobjects for t in _texts(m)]
    says_thinned = [t for t in texts if "thinned" in t]
    says_every = [t for t in texts if t == "one dot per step"]
    if thinned:
        assert says_thinned and not says_every, texts
    else:
        assert says_every and not says_thinned, texts


def test_a_bowl_run_whose_steps_all_show_says_one_dot_per_step():
    from maniml.scenes import BowlScene

    cls = type("Few", (BowlScene,), {"settings": BowlScene.settings.with_(steps=4, lr=0.1)})
    from manim import tempconfig

    with tempconfig({"pixel_width": 854, "pixel_height": 480, "frame_rate": 15}):
        scene = cls()
        scene.setup()
        scene.build()
    assert not scene.tracer.dots.thinned
    assert len(scene.tracer.dots.dot_rows) == 5
    assert "one dot per step" in [t for m in scene.mobjects for t in _texts(m)]


def test_no_step_dots_no_dots_note():
    from manim import tempconfig

    cls = load_scene("optimizer_race", "BealeRace")
    sub = type("NoDots", (cls,), {"settings": cls.settings.with_(step_dots=False)})
    with tempconfig({"pixel_width": 854, "pixel_height": 480, "frame_rate": 15}):
        scene = sub()
        scene.setup()
        scene.build()
    texts = [t for m in scene.mobjects for t in _texts(m)]
    assert not [t for t in texts if "dot" in t], texts


@pytest.mark.parametrize("theme", ["dark", "light"])
@pytest.mark.parametrize("name", ["RosenbrockRace", "BealeRace"])
def test_the_target_label_sits_where_no_curve_passes(name, theme):
    scene = built("optimizer_race", name, theme)
    tag = scene.target_tag
    lines = scene.curve_polylines()
    assert _crossings(tag, lines, margin=0.04) == 0
    # inside the chart's box, next to its dashed line
    ax = scene.chart.axes
    x0, x1, y0, y1 = ax.box
    lo, hi = ax.c2p(x0, y0), ax.c2p(x1, y1)
    assert lo[0] - 1e-9 <= tag.get_left()[0] and tag.get_right()[0] <= hi[0] + 1e-9
    assert lo[1] - 1e-9 <= tag.get_bottom()[1] and tag.get_top()[1] <= hi[1] + 1e-9
    line_y = ax.c2p(x0, np.log10(scene.s.target_tol))[1]
    assert min(abs(tag.get_bottom()[1] - line_y), abs(tag.get_top()[1] - line_y)) < 0.1


def test_crossings_counts_segments_through_a_box():
    from manim import Square

    sq = Square(1.0)  # (-0.5, 0.5) both ways
    through = np.array([[-1.0, 0.0], [1.0, 0.0]])
    beside = np.array([[-1.0, 0.8], [1.0, 0.8], [1.0, 2.0]])
    assert _crossings(sq, [through]) == 1
    assert _crossings(sq, [beside]) == 0
    assert _crossings(sq, [beside], margin=0.4) == 1
