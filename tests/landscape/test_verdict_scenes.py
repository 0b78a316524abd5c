"""Issue 9: the landscape scenes' verdicts, theory and colours, computed from the runs."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import load_scene

import maniml
from maniml.scenes import (
    LearningRatesScene,
    OptimizerRaceScene,
    Racer,
    RaceSettings,
)
from maniml.scenes.contours import PALETTE_DARK, PALETTE_LIGHT
from maniml.scenes.landscape_scenes.layout import _fit_view
from maniml.scenes.theme import DARK, LIGHT


def test_saddle_race_has_no_winner_and_shows_escape_distances(render):
    scene = render(load_scene("optimizer_race", "SaddleRace"), steps=30)
    assert scene.result.winner is None and scene.winner_index is None
    assert scene.verdict_label.text.startswith("nominimum")  # Text drops spaces
    for i, (r, t) in enumerate(zip(scene.r_loss, scene.trajectories, strict=True)):
        d = np.linalg.norm(t.params[-1] - t.params[0])
        assert r.text.startswith("d = ")
        assert float(r.text.split()[2]) == pytest.approx(d, rel=1e-2)
        if scene.exit_step[i] is not None:
            assert f"left at {scene.exit_step[i]}" in r.text
            assert scene.exit_rings[i].get_stroke_opacity() == 1.0


def test_race_winner_is_the_first_to_the_target_on_screen():
    # Adam reaches the bowl's target first but keeps bouncing; plain GD ends far lower
    racers = (Racer("Adam", maniml.BGD(0.3, rule="adam")), Racer("GD", maniml.BGD(0.05)))
    s = RaceSettings(function=maniml.Bowl(), racers=racers, steps=60, tol=1e-2)
    runs = s.runs()
    r = s.result(runs)
    finals = [t.loss[-1] for _, t in runs]
    assert finals[1] < finals[0]  # the lowest final loss ...
    assert r.winner == 0 and r.step == r.hits[0] < r.hits[1]  # ... is not the first to the target
    assert r.criterion == "first to f − f* < 0.01"
    assert s.with_(winner="final").result(runs).winner == 1


@pytest.mark.parametrize("function", [maniml.Beale(), maniml.Rosenbrock(), maniml.Bowl()])
def test_race_window_contains_the_optimum_and_first_90_percent_of_every_path(function):
    s = RaceSettings(function=function)
    paths = [t.params for _, t in s.runs()]
    (x0, x1), (y0, y1) = _fit_view(function, paths)
    for m in function.minima:
        assert x0 < m[0] < x1 and y0 < m[1] < y1
    for p in paths:
        q = p[: int(np.ceil(0.9 * len(p)))]
        assert (q[:, 0] >= x0).all() and (q[:, 0] <= x1).all()
        assert (q[:, 1] >= y0).all() and (q[:, 1] <= y1).all()
    if isinstance(function, maniml.Beale):  # the action fills the panel, not -4.5..4.5
        assert (x1 - x0) * (y1 - y0) < 0.2 * 9.0**2


def test_race_readouts_have_enough_digits_to_tell_racers_apart():
    from maniml.scenes.landscape_scenes.race import _gap_format

    assert _gap_format(np.array([1.481e-3, 1.318e-3, 1.33e-3])) == 3
    assert _gap_format(np.array([1.3181e-3, 1.3186e-3])) == 4


def test_learning_rates_verdicts_theory_and_flags(render):
    scene = render(LearningRatesScene)
    assert scene.verdicts == ["too slow", "converges", "oscillates, fastest", "diverged at step 16"]
    assert scene.lr_crit == 0.25
    assert "2/λmax = 0.25" in scene.s.function.label or scene.lr_crit == 0.25
    tags = [t.text for t in scene.panel_tags]
    assert tags[3].endswith(">2/λmax") and tags[2].endswith("<2/λmax")  # Text drops spaces
    assert len(scene.envelope_lines) >= 3  # dashed, one per rate on the chart
    # the envelope of plain GD bounds each run
    for t, env in zip(scene.runs, scene.envelopes, strict=True):
        assert np.all(t.loss <= env * (1 + 1e-9) + 1e-300)


def test_palette_has_six_distinct_hues_without_the_theme_meanings():
    from manim import ManimColor

    for pal, theme in ((PALETTE_DARK, DARK), (PALETTE_LIGHT, LIGHT)):
        hsv = [ManimColor(c).to_hsv() for c in pal[:6]]
        for i, a in enumerate(hsv):  # every pair differs in hue, or clearly in lightness
            for b in hsv[i + 1 :]:
                dh = min(abs(a[0] - b[0]), 1 - abs(a[0] - b[0]))
                assert dh > 0.02 or abs(a[1] - b[1]) + abs(a[2] - b[2]) > 0.3
        assert len(set(pal[:6])) == 6
        for c in pal[:5]:  # up to five series: none is the minimum's or the diverged colour
            assert c.upper() not in (theme.optimum.upper(), theme.diverged.upper())


def test_contour_axes_have_equal_aspect_so_the_gradient_arrow_looks_perpendicular(render):
    scene = render(load_scene("bowl_gd", "BowlContour"))
    ax = scene.land.axes if hasattr(scene, "land") else scene.ax
    o, ex, ey = ax.c2p(0, 0), ax.c2p(1, 0), ax.c2p(0, 1)
    assert np.linalg.norm(ex - o) == pytest.approx(np.linalg.norm(ey - o))
    # -grad in scene coordinates is at right angles to the contour's tangent
    f = scene.s.function
    p = np.array(scene.s.start_point)
    g = f.grad(p)
    tangent = np.array([-g[1], g[0]])
    arrow = ax.c2p(*(p - 0.1 * g)) - ax.c2p(*p)
    along = ax.c2p(*(p + 0.1 * tangent)) - ax.c2p(*p)
    assert abs(np.dot(arrow, along)) < 1e-9 * np.linalg.norm(arrow) * np.linalg.norm(along) + 1e-12
    assert OptimizerRaceScene is not None
