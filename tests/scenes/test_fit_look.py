"""What the fit scenes' colours mean: keys, one colour per role, equal scales and jitter."""

from __future__ import annotations

import numpy as np
import pytest
from painted import hex_colour as _hex
from painted import neutral_colours as _neutral

from maniml.scenes import LIGHT, LogRegScene
from maniml.scenes.panels.geometry import coincident, grid_step, jitter

FIT_SCENES = [
    "linreg_bgd",
    "linreg_sgd",
    "linreg_minibatch",
    "logreg_bgd",
    "logreg_sgd",
    "logreg_minibatch",
    "sigmoid_1d",
]
LOGISTIC_2D = ["logreg_bgd", "logreg_sgd", "logreg_minibatch"]
#: the fit scenes without a data panel: their keys are the scene's
MANY_FEATURES = ["linreg_multi", "linreg_plane"]


def _colours(mob, *, drawn: bool = True) -> set[str]:
    """The colours ``mob`` (and its family) paints: strokes and fills (with ``drawn`` off, also
    those of its parts with no points at this row: a colour bin nobody is in yet). Unlike
    ``painted.painted_colours`` it counts a field's empty anchor in its line's colour."""
    out: set[str] = set()
    for m in mob.family_members_with_points() if drawn else mob.get_family():
        if m.get_stroke_width() > 0 and m.get_stroke_opacity() > 0:
            out.add(_hex(m.get_stroke_color()))
        if m.get_fill_opacity() > 0:
            out.add(_hex(m.get_fill_color()))
    return out


def _keys(scene) -> list:
    """Every key the scene draws: the data panel's, the scene's own, the loss chart's legend."""
    data, loss = getattr(scene, "data_panel", None), getattr(scene, "loss_panel", None)
    legend = loss.chart.legend if loss is not None and len(loss.chart.legend) else None
    keys = [getattr(data, "key", None), getattr(scene, "key", None), legend]
    return [k for k in keys if k is not None]


def _themed(cls, theme):
    class Themed(cls):
        settings = cls.settings.with_(theme=theme)

    return Themed


@pytest.mark.parametrize("theme", ["dark", "light"])
@pytest.mark.parametrize("name", FIT_SCENES + MANY_FEATURES)
def test_no_two_roles_share_a_colour_and_every_colour_has_a_role(name, theme, ready_scene, build):
    scene = build(_themed(ready_scene(name), theme))
    scene.show_row(scene.traj.n_steps // 2)
    roles = {r: set().union(*(_colours(m, drawn=False) for m in mobs)) - _neutral(scene.theme)
             for r, mobs in scene.colour_roles().items()}  # fmt: skip
    roles = {r: c for r, c in roles.items() if c}
    for a in roles:
        for b in roles:
            if a < b:
                assert not roles[a] & roles[b], f"{a} and {b} share {roles[a] & roles[b]}"
    # nothing coloured on screen outside the roles (the key repeats the roles' colours)
    claimed = {id(m) for mobs in scene.colour_roles().values() for mob in mobs
               for m in mob.family_members_with_points()}  # fmt: skip
    keys = _keys(scene)
    assert keys, f"{name} has no key"
    keyed = {id(m) for key in keys for m in key.family_members_with_points()}
    all_roles = set().union(*roles.values())
    for top in scene.mobjects:
        for m in top.family_members_with_points():
            if id(m) in claimed:
                continue
            extra = _colours(m) - _neutral(scene.theme)
            if id(m) in keyed:
                assert extra <= all_roles, f"a key swatch in {extra}, a colour of no role"
            else:
                assert not extra, f"{type(m).__name__} painted {extra} without a role"


@pytest.mark.parametrize("name", FIT_SCENES)
def test_the_key_names_every_role_of_the_data_panel_in_its_colour(name, ready_scene, build):
    scene = build(ready_scene(name))
    scene.show_row(scene.traj.n_steps // 2)
    data = scene.data_panel
    assert data.key is not None
    for role, mobs in data.colour_roles().items():
        colours = set().union(*map(_colours, mobs)) - _neutral(scene.theme)
        if not colours:  # e.g. an empty residual set
            continue
        swatch = data.key.swatch_of(role)
        assert swatch is not None, f"{name}: the key has no entry for {role}"
        assert _colours(swatch) <= colours, f"{name}: the key's {role} is not its colour"
    # the key covers nothing: it lies outside the plot box
    x0, x1, y0, y1 = data.axes.box
    lo, hi = data.axes.c2p(x0, y0), data.axes.c2p(x1, y1)
    k_lo, k_hi = data.key.get_corner([-1, -1, 0]), data.key.get_corner([1, 1, 0])
    apart = k_lo[0] >= hi[0] or k_hi[0] <= lo[0] or k_lo[1] >= hi[1] or k_hi[1] <= lo[1]
    assert apart, f"{name}: the key overlaps the plot box"


def _shading_band_at(data, xy) -> int:
    """The index of the shading polygon that contains the data point ``xy``."""
    p = data.axes.c2p(*xy)[:2]
    for j, band in enumerate(data.shading):
        if len(band.points) == 0:
            continue
        poly = np.asarray(band.points)[::4, :2]
        edges = zip(poly, np.roll(poly, -1, axis=0), strict=True)
        cross = [(b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])
                 for a, b in edges if np.linalg.norm(b - a) > 1e-12]  # fmt: skip
        if all(c >= -1e-9 for c in cross) or all(c <= 1e-9 for c in cross):
            return j
    raise AssertionError(f"no band contains {xy}")


@pytest.mark.parametrize("name", LOGISTIC_2D)
def test_the_colour_bar_shows_each_probability_in_its_bands_colour(name, ready_scene, build):
    scene = build(ready_scene(name))
    data = scene.data_panel
    bar = data.key.bar
    x0, x1, y0, y1 = data.axes.box
    gx, gy = np.meshgrid(np.linspace(x0, x1, 41)[1:-1], np.linspace(y0, y1, 41)[1:-1])
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    levels = (0.0, *data.SHADING_LEVELS, 1.0)
    seen = set()
    for k in (1, 2, 5, 20, scene.traj.n_steps):
        scene.show_row(k)
        theta = scene.traj.params[k]
        prob = 1 / (1 + np.exp(-(theta[0] + grid @ theta[1:3])))
        for j in range(len(levels) - 1):  # a point well inside each band, if any
            lo, hi = levels[j], levels[j + 1]
            m = np.flatnonzero((prob > lo + 0.2 * (hi - lo)) & (prob < hi - 0.2 * (hi - lo)))
            if len(m) == 0:
                continue
            xy, p = grid[m[0]], float(prob[m[0]])
            seen.add(j)
            band = data.shading[_shading_band_at(data, xy)]
            # the bar's band under p, found by position along the bar
            at = bar.point_of(p)
            under = [b for b in bar.bands
                 if b.get_left()[0] - 1e-9 <= at[0] <= b.get_right()[0] + 1e-9
                 and b.get_bottom()[1] - 1e-9 <= at[1] <= b.get_top()[1] + 1e-9]  # fmt: skip
            assert len(under) == 1, p
            assert _hex(under[0].get_fill_color()) == _hex(band.get_fill_color()), p
            assert under[0].get_fill_opacity() == pytest.approx(band.get_fill_opacity()), p
    assert seen == set(range(len(levels) - 1)), "every band checked"
    assert bar.mark is not None and _colours(bar.mark) == _colours(data.model)


def _units(axes) -> tuple[float, float]:
    o = axes.c2p(0.0, 0.0)
    return float(axes.c2p(1.0, 0.0)[0] - o[0]), float(axes.c2p(0.0, 1.0)[1] - o[1])


@pytest.mark.parametrize("name", ["logreg_minibatch", "logreg_bgd"])
def test_features_in_one_unit_get_equal_scales(name, ready_scene, build):
    data = build(ready_scene(name)).data_panel
    ux, uy = _units(data.axes)
    assert abs(ux - uy) <= 1e-9


def test_unknown_or_switched_off_units_keep_independent_scales(ready_scene, build):
    X = np.column_stack([np.linspace(0, 100, 40), np.linspace(0, 1, 40) ** 2])
    y = (X[:, 0] > 50).astype(float)

    class Arrays(LogRegScene):
        settings = LogRegScene.settings.with_(data=(X, y), optimizer="bgd", epochs=3)

    class Off(ready_scene("logreg_minibatch")):
        settings = ready_scene("logreg_minibatch").settings.with_(equal_scale=False)

    for cls in (Arrays, Off):
        scene = build(cls)
        ux, uy = _units(scene.data_panel.axes)
        assert abs(ux - uy) > 1e-3, cls.__name__
        assert not scene.equal_scale()

    # forced on for the arrays
    class On(Arrays):
        settings = Arrays.settings.with_(equal_scale=True)

    ux, uy = _units(build(On).data_panel.axes)
    assert abs(ux - uy) <= 1e-9


def test_iris_points_are_jittered_within_half_their_grid_and_the_key_says_so(ready_scene, build):
    cls = ready_scene("logreg_minibatch")
    a, b = build(cls).data_panel, build(cls).data_panel
    assert np.array_equal(a.drawn, b.drawn)  # deterministic
    X = a.X
    assert grid_step(X[:, 0]) == 0.1 and grid_step(X[:, 1]) == 0.1
    assert coincident(X[:, 0], X[:, 1]) >= 50  # on the grid, 100 flowers share 58 points
    d = a.drawn - X
    assert np.abs(d).max() <= 0.05 + 1e-12 and np.abs(d).max() > 0.04
    assert coincident(a.drawn[:, 0], a.drawn[:, 1]) == 0
    assert a.jitter_note() == "points jittered ±0.05 cm"
    assert a.key.note is not None and a.key.note.text.replace(" ", "") == "pointsjittered±0.05cm"
    # the rings of a step's batch sit on the drawn (jittered) points
    scene = build(cls)
    scene.show_row(5)
    idx = np.asarray(scene.traj.batch_indices[4])
    rings = scene.data_panel.batch_rings
    centres = rings.points.reshape(-1, len(rings._template), 3).mean(axis=1)
    assert np.allclose(centres, scene.data_panel.axes.c2p(*a.drawn[idx].T), atol=1e-9)


def test_continuous_points_are_not_jittered_and_a_setting_turns_it_off(ready_scene, build):
    blobs = build(ready_scene("logreg_bgd")).data_panel
    assert not blobs.jitter.any() and blobs.jitter_note() is None
    assert np.array_equal(blobs.drawn, blobs.X)

    class NoJitter(ready_scene("logreg_minibatch")):
        settings = ready_scene("logreg_minibatch").settings.with_(jitter=0.0)

    panel = build(NoJitter).data_panel
    assert np.array_equal(panel.drawn, panel.X) and panel.key.note is None


def test_jitter_offsets_are_bounded_and_seeded():
    d = jitter(500, [0.05, 0.2], seed=3)
    assert np.abs(d[:, 0]).max() <= 0.05 and np.abs(d[:, 1]).max() <= 0.2
    assert np.array_equal(d, jitter(500, [0.05, 0.2], seed=3))
    assert not np.array_equal(d, jitter(500, [0.05, 0.2], seed=4))


def test_batch_numbers_share_the_rings_colour_and_the_rate_does_not(ready_scene, build):
    scene = build(_themed(ready_scene("linreg_sgd"), LIGHT))
    scene.show_row(5)
    f, data = scene.formula_panel, scene.data_panel
    eta, batch = f.batch_numbers.parts
    assert _colours(batch.static) == _colours(data.batch_rings) == {LIGHT.batch.upper()}
    assert _colours(eta.static) == {LIGHT.muted.upper()}
    model, loss = f.loss_numbers.parts
    assert _colours(model.static) == _colours(data.model)
    assert _colours(loss.static) == _colours(scene.loss_panel.curve)


def _box(mob) -> tuple[np.ndarray, np.ndarray]:
    return mob.get_corner(np.array([-1, -1, 0])), mob.get_corner(np.array([1, 1, 0]))


def _apart(a, b, pad: float = 0.0) -> bool:
    (a0, a1), (b0, b1) = _box(a), _box(b)
    return bool(
        a0[0] >= b1[0] + pad or b0[0] >= a1[0] + pad or a0[1] >= b1[1] + pad
        or b0[1] >= a1[1] + pad
    )  # fmt: skip


@pytest.mark.parametrize("name", MANY_FEATURES)
def test_the_scene_key_names_every_role_in_its_colour_and_covers_nothing(name, ready_scene, build):
    scene = build(ready_scene(name))
    scene.show_row(scene.traj.n_steps // 2)
    key = scene.key
    neutral = _neutral(scene.theme)
    named_by_the_chart = {"loss", "validation", "diverged"}  # axis title, legend, read-outs
    for role, mobs in scene.colour_roles().items():
        colours = set().union(*(_colours(m, drawn=False) for m in mobs)) - neutral
        if not colours or role in named_by_the_chart:
            continue
        if role == "predicted value":  # the colour bar: one band per bin, in its colour
            assert {_hex(b.get_fill_color()) for b in key.bar.bands} == colours
            continue
        swatch = key.swatch_of(role)
        assert swatch is not None, f"{name}: the key has no entry for {role}"
        assert _colours(swatch) <= colours, f"{name}: the key's {role} is not its colour"
    assert key.swatch_of("optimum") is not None  # the loss panel's dashed line
    # the key covers nothing: no panel, no title, no caption, nothing of the 3-D box
    for other in [*scene.panels, scene.title]:
        assert _apart(key, other), f"{name}: the key overlaps {type(other).__name__}"
    if name == "linreg_plane":  # the plane lies in the box: the key below its lowest corner
        a0, a1, b0, b1, z0, z1 = scene.box3
        corners = np.array([[a, b, c] for a in (a0, a1) for b in (b0, b1) for c in (z0, z1)])
        q = scene.camera.project_points(scene.to_scene(corners))
        assert key.get_top()[1] < q[:, 1].min()
        for lab in scene.box_labels:  # facing the camera: projected centre, own size
            c = scene.camera.project_points(lab.get_center()[None])[0]
            assert key.get_top()[1] < c[1] - lab.height / 2 or key.get_right()[0] < c[0] - (
                lab.width / 2
            ), f"the key overlaps the box label {lab.text!r}"
    for frame, _ in scene.caption_schedule():
        scene.show_frame(frame)
        assert _apart(key, scene.caption, pad=0.08), f"{name}: the key touches the caption"


def test_multi_colour_bar_labels_the_axis_range_of_the_points_colours(ready_scene, build):
    scene = build(ready_scene("linreg_multi"))
    panel, bar = scene.predicted_panel, scene.key.bar
    x0, x1, _ = panel.range
    scene.show_row(scene.traj.n_steps)
    actual, predicted = panel.values_at(scene.traj.n_steps)
    for p in (x0 + 0.01 * (x1 - x0), (x0 + x1) / 2, x1 - 0.01 * (x1 - x0)):
        band = bar.band_at((p - x0) / (x1 - x0))
        colour = panel.bin_colours[int(panel.bins(np.array([p]))[0])]
        assert _hex(band.get_fill_color()) == _hex(colour)
    texts = sorted(lab.text.replace("\u2212", "-") for lab in bar.labels)
    assert {f"{x0:g}", f"{x1:g}"} <= set(texts)


def _diverging(cls, **changes):
    class Diverging(cls):
        settings = cls.settings.with_(**changes)

    return Diverging


def test_the_divergence_banner_never_takes_a_class_colour(build):
    # logistic regression with a huge rate: its loss ends 500 times above its start
    from maniml.scenes import LinRegScene

    scene = build(_diverging(LogRegScene, lr=1e6, optimizer="bgd", epochs=30, show_events=False))
    scene.show_row(scene.traj.n_steps)
    banner = scene.loss_panel.banner
    assert scene.loss_panel.banner_text == "diverging"
    t = scene.theme
    assert _colours(banner) == {t.text.upper()}
    assert not _colours(banner) & {t.class0.upper(), t.class1.upper()}
    # linear regression draws no class: its banner keeps the theme's red
    scene = build(_diverging(LinRegScene, lr=5.0, optimizer="bgd", epochs=30, show_events=False))
    scene.show_row(scene.traj.n_steps)
    assert scene.loss_panel.banner_text.startswith("diverg")
    assert _colours(scene.loss_panel.banner) == {scene.theme.diverged.upper()}
