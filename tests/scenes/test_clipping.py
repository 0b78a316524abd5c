"""The one clipping module: segments, lines and polygons stay inside the box, exactly."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from maniml.scenes.clipping import clip_polygon, clip_segment, clip_segments, line_in_box

BOX = (-1.0, 3.0, 0.5, 2.0)
coef = st.floats(-1e6, 1e6, allow_nan=False, allow_subnormal=False)


def _on_border(p, box, tol=1e-9):
    x0, x1, y0, y1 = box
    inside = x0 - tol <= p[0] <= x1 + tol and y0 - tol <= p[1] <= y1 + tol
    border = min(abs(p[0] - x0), abs(p[0] - x1), abs(p[1] - y0), abs(p[1] - y1)) < tol * 10
    return inside and border


@given(w0=coef, w1=coef, w2=coef)
@settings(max_examples=300, deadline=None)
def test_line_in_box_is_the_line_across_the_box(w0, w1, w2):
    seg = line_in_box((w0, w1, w2), BOX)
    x0, x1, y0, y1 = BOX
    corners = np.array([[x0, y0], [x1, y0], [x0, y1], [x1, y1]])
    scale = max(abs(w0), abs(w1), abs(w2))
    if scale == 0 or max(abs(w1), abs(w2)) < 1e-12 * scale:
        assert seg is None
        return
    f = (w0 + corners @ np.array([w1, w2])) / scale
    if (f > 1e-9).all() or (f < -1e-9).all():  # every corner on one side: the line misses
        assert seg is None
        return
    if seg is None:  # touching a corner only
        assert np.min(np.abs(f)) < 1e-6
        return
    a, b = seg
    n = np.hypot(w1, w2)
    for p in (a, b):
        assert abs(w0 + w1 * p[0] + w2 * p[1]) / n < 1e-6 * max(1.0, abs(w0) / n)
        assert _on_border(p, BOX, tol=1e-6)
    assert (a[0], a[1]) <= (b[0], b[1])


@given(
    p=st.lists(st.floats(-1e9, 1e9, allow_nan=False), min_size=4, max_size=4),
)
@settings(max_examples=300, deadline=None)
def test_clipped_segments_stay_in_the_box_on_the_segment(p):
    p0, p1 = np.array(p[:2]), np.array(p[2:])
    q0, q1, vis = clip_segments(p0[None], p1[None], BOX)
    x0, x1, y0, y1 = BOX
    for q in (q0[0], q1[0]) if vis[0] else ():
        assert x0 <= q[0] <= x1 and y0 <= q[1] <= y1
    one = clip_segment(p0, p1, BOX)
    assert (one is None) == (not vis[0])
    if vis[0] and np.abs(p).max() < 1e4:  # the clipped points lie on the original segment
        d = p1 - p0
        for q in (q0[0], q1[0]):
            cross = d[0] * (q[1] - p0[1]) - d[1] * (q[0] - p0[0])
            assert abs(cross) < 1e-6 * max(1.0, np.abs(d).max() ** 2)


def test_segment_inside_is_unchanged_and_outside_is_hidden():
    q0, q1, vis = clip_segments(np.array([[0.0, 1.0], [5.0, 5.0]]),
                                np.array([[2.0, 1.5], [6.0, 6.0]]), BOX)  # fmt: skip
    assert vis.tolist() == [True, False]
    assert q0[0].tolist() == [0.0, 1.0] and q1[0].tolist() == [2.0, 1.5]


def test_polygon_clipped_to_a_half_plane():
    square = np.array([[0.0, 0.0], [2.0, 0.0], [2.0, 2.0], [0.0, 2.0]])
    half = clip_polygon(square, 1.0, 0.0, -1.0)  # x >= 1
    assert sorted(map(tuple, half.round(12).tolist())) == [(1, 0), (1, 2), (2, 0), (2, 2)]
    assert len(clip_polygon(square, 1.0, 0.0, -5.0)) == 0
