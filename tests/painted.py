"""What a mobject visibly paints, for the colour-role tests of every scene family
(tests/scenes/test_fit_look.py, test_network_look.py, tests/landscape/test_look.py)."""

from __future__ import annotations

import numpy as np
from manim import VMobject

__all__ = ["hex_colour", "neutral_colours", "painted_colours"]


def hex_colour(c) -> str:
    """``#RRGGBB`` of a manim colour (alpha dropped)."""
    return c.to_hex().upper()[:7]


def painted_colours(mob) -> set[str]:
    """The colours ``mob`` (and its family) visibly paints: strokes and fills of VMobjects with
    points (not an image, not a zero-length anchor such as an empty text)."""
    out: set[str] = set()
    for m in mob.family_members_with_points():
        if not isinstance(m, VMobject) or np.ptp(m.points, axis=0).max() <= 1e-9:
            continue
        if m.get_stroke_width() > 0 and m.get_stroke_opacity() > 0:
            out.add(hex_colour(m.get_stroke_color()))
        if m.get_fill_opacity() > 0:
            out.add(hex_colour(m.get_fill_color()))
    return out


def neutral_colours(theme) -> set[str]:
    """The theme's colours that carry no role (text, muted, axis, grid, background)."""
    return {c.upper() for c in (theme.text, theme.muted, theme.axis, theme.grid, theme.background)}


def assert_every_colour_has_a_role(scene, roles: dict[str, set[str]], neutral: set[str]) -> None:
    """What ``scene`` paints on screen belongs to one of its ``colour_roles()``; its ``keys()``
    repeat only the ``roles``' colours."""
    claimed = {id(m) for mobs in scene.colour_roles().values() for mob in mobs
               for m in mob.family_members_with_points()}  # fmt: skip
    keyed = {id(m) for k in scene.keys() for m in k.family_members_with_points()}
    every = set().union(*roles.values())
    for top in scene.mobjects:
        for m in top.family_members_with_points():
            if id(m) in claimed:
                continue
            extra = painted_colours(m) - neutral
            if id(m) in keyed:
                assert extra <= every, f"a key swatch in {extra}, the colour of no role"
            else:
                assert not extra, f"{type(m).__name__} painted {extra} without a role"
