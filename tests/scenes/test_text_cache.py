"""The disk cache of read-out glyphs: round trip, stale and corrupt files, where it lives."""

from __future__ import annotations

import numpy as np
import pytest

from maniml.scenes import cache, readout

FACE = ("DejaVu Sans Mono", 17.25, "NORMAL")  # a size no scene uses
CHARS = "0.5-θ "


@pytest.fixture
def fresh(tmp_path, monkeypatch):
    """An empty cache directory and empty in-process glyph tables (restored afterwards)."""
    monkeypatch.setenv(cache.ENV, str(tmp_path))
    monkeypatch.setattr(readout, "_GLYPHS", {})
    monkeypatch.setattr(readout, "_LOADED", set())
    monkeypatch.setattr(readout, "_UNSAVED", set())
    return tmp_path


def _forget() -> None:
    """Drop this process's glyphs, as a new process would start."""
    readout._GLYPHS.clear()
    readout._LOADED.clear()
    readout._UNSAVED.clear()


def _glyphs() -> list[tuple[np.ndarray, float]]:
    return [readout._glyph(c, *FACE) for c in CHARS]


def test_glyphs_round_trip_through_the_disk_cache(fresh):
    built = _glyphs()
    readout.save_glyphs()
    files = list(fresh.glob("glyphs-*.npz"))
    assert len(files) == 1
    _forget()
    loaded = _glyphs()
    assert not readout._UNSAVED  # nothing had to be built again
    for (p0, a0), (p1, a1) in zip(built, loaded, strict=True):
        assert np.array_equal(p0, p1) and a0 == a1
    fresh_build = [readout._build_glyph(c, *FACE) for c in CHARS]
    for (p0, a0), (p1, a1) in zip(fresh_build, loaded, strict=True):
        assert np.array_equal(p0, p1) and a0 == a1


def test_a_line_text_saves_its_warmed_glyphs(fresh):
    readout.LineText("1.2", font_size=FACE[1], warm="0123.")
    assert list(fresh.glob("glyphs-*.npz")) and not readout._UNSAVED


@pytest.mark.parametrize("damage", ["garbage", "truncated", "wrong arrays"])
def test_a_corrupt_cache_file_is_rebuilt(fresh, damage):
    want = _glyphs()
    readout.save_glyphs()
    (path,) = fresh.glob("glyphs-*.npz")
    if damage == "garbage":
        path.write_bytes(b"not a zip file")
    elif damage == "truncated":
        path.write_bytes(path.read_bytes()[:200])
    else:
        key = readout._face_key(FACE)
        cache.save_arrays("glyphs", key, {"codes": np.arange(3), "points": np.zeros((2, 2))})
    _forget()
    got = _glyphs()  # no error: rebuilt
    assert readout._UNSAVED
    readout.save_glyphs()
    for (p0, a0), (p1, a1) in zip(want, got, strict=True):
        assert np.array_equal(p0, p1) and a0 == a1
    assert cache.load_arrays("glyphs", readout._face_key(FACE)) is not None  # rewritten


def test_a_stale_cache_file_is_ignored_and_rebuilt(fresh, monkeypatch):
    key = readout._face_key(FACE)
    now = cache.versions()
    monkeypatch.setattr(cache, "versions", lambda: dict(now, manim="0.0.1"))
    junk = {"codes": np.array([48]), "counts": np.array([1]), "advances": np.array([9.0])}
    cache.save_arrays("glyphs", key, {**junk, "points": np.ones((1, 3))})
    (old,) = fresh.glob("glyphs-*.npz")
    monkeypatch.setattr(cache, "versions", lambda: now)
    path, _ = cache._path("glyphs", key)
    assert path != old  # another version, another file
    path.write_bytes(old.read_bytes())  # even under this version's name, its key is stale
    assert cache.load_arrays("glyphs", key) is None
    _forget()
    got = _glyphs()
    assert readout._UNSAVED and got[0][1] != 9.0
    readout.save_glyphs()
    assert cache.load_arrays("glyphs", key) is not None


def test_the_cache_directory_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, str(tmp_path / "elsewhere"))
    assert cache.cache_dir() == tmp_path / "elsewhere"
    assert cache.save_arrays("glyphs", {"x": "1"}, {"a": np.arange(3)})
    assert list((tmp_path / "elsewhere").glob("glyphs-*.npz"))
    assert np.array_equal(cache.load_arrays("glyphs", {"x": "1"})["a"], np.arange(3))
    monkeypatch.setenv(cache.ENV, "")
    assert cache.cache_dir() is None
    assert not cache.save_arrays("glyphs", {"x": "1"}, {"a": np.arange(3)})
    assert cache.load_arrays("glyphs", {"x": "1"}) is None


def test_an_unwritable_cache_directory_is_no_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv(cache.ENV, str(blocker / "sub"))
    assert not cache.save_arrays("glyphs", {"x": "1"}, {"a": np.arange(3)})


def _outlines(mob) -> list[tuple[np.ndarray, np.ndarray, np.ndarray, float]]:
    return [
        (m.points, m.get_fill_rgbas(), m.get_stroke_rgbas(), m.get_stroke_width())
        for m in mob.family_members_with_points()
    ]


def _same(a, b) -> bool:
    return len(a) == len(b) and all(
        all(np.array_equal(x, y) for x, y in zip(p, q, strict=True))
        for p, q in zip(a, b, strict=True)
    )


@pytest.mark.parametrize("make", ["SansText", "MathTypst"])
def test_svg_mobjects_round_trip_through_the_disk_cache(make, fresh, tmp_path, monkeypatch):
    from manim import MathTypst, Text, tempconfig
    from manim.mobject.svg.svg_mobject import SVG_HASH_TO_MOB_MAP

    from maniml.scenes.panels.formula import _MathTypst
    from maniml.scenes.primitives import SansText

    def build():
        SVG_HASH_TO_MOB_MAP.clear()  # as in a new process: only the disk cache is left
        for whole in fresh.glob("text-*.pickle"):  # the whole-text cache would answer first
            whole.unlink()
        if make == "SansText":
            return SansText("Loss · θ₀ = 0.25", font_size=21)
        return _MathTypst("L(theta) = 1/n sum_(i=1)^n x_i^2", font_size=27)

    _saved_keys = []
    save = cache.save_object

    def spy(kind, key, obj):
        if kind == "svg":
            _saved_keys.append(key)
        return save(kind, key, obj)

    monkeypatch.setattr(cache, "save_object", spy)
    with tempconfig({"media_dir": str(tmp_path / "media")}):
        plain = (
            Text("Loss · θ₀ = 0.25", font="DejaVu Sans", font_size=21)
            if make == "SansText"
            else MathTypst("L(theta) = 1/n sum_(i=1)^n x_i^2", font_size=27)
        )
        first = build()  # parsed, then stored
        files = list(fresh.glob("svg-*.pickle"))
        assert len(files) == 1
        again = build()  # from the disk cache
        assert _same(_outlines(first), _outlines(again))
        if make == "MathTypst":  # the same outlines as manim's own class
            assert _same(_outlines(plain), _outlines(again))
        files[0].write_bytes(b"\x80\x05 broken")
        rebuilt = build()  # corrupt: parsed again, never an error
        assert _same(_outlines(first), _outlines(rebuilt))
        key = _saved_keys[0]
        assert all(k == key for k in _saved_keys)
        for wrong in (first.copy(), (first.copy(), {"x": [10**6]}), ("a", "b", "c")):
            cache.save_object("svg", key, wrong)  # the right key, another layout (stale)
            assert _same(_outlines(first), _outlines(build()))
        monkeypatch.setenv(cache.ENV, "")  # cache off: still the same
        assert _same(_outlines(first), _outlines(build()))


def test_whole_texts_round_trip_through_the_disk_cache(fresh, tmp_path, monkeypatch):
    """A SansText built before comes back whole from the disk cache: the same outlines,
    colours and attributes, without manim's Text (no Pango, no SVG file)."""
    from manim import Text, tempconfig

    from maniml.scenes.primitives import SansText

    def attrs(t):
        return (t.text, t.font, t.font_size, t.width, t.height, tuple(t.get_center()))

    with tempconfig({"media_dir": str(tmp_path / "media")}):
        first = SansText("Loss · θ₀ = 0.25", font_size=21, color="#FFD166")
        (entry,) = fresh.glob("text-*.pickle")
        real_init = Text.__init__

        def no_text(self, *args, **kwargs):
            raise AssertionError("manim's Text was built on a cache hit")

        monkeypatch.setattr(Text, "__init__", no_text)
        again = SansText("Loss · θ₀ = 0.25", font_size=21, color="#FFD166")
        assert type(again) is SansText and again is not first
        assert _same(_outlines(first), _outlines(again)) and attrs(first) == attrs(again)
        again.set_color("#000000")  # a hit is an object of its own
        assert first.get_fill_rgbas()[0][0] > 0.5
        monkeypatch.setattr(Text, "__init__", real_init)
        # another argument, another entry; so is another cache_version of the class
        other = SansText("Loss · θ₀ = 0.25", font_size=21, color="#06D6A0")
        assert len(list(fresh.glob("text-*.pickle"))) == 2
        monkeypatch.setattr(SansText, "cache_version", SansText.cache_version + 1)
        SansText("Loss · θ₀ = 0.25", font_size=21, color="#FFD166")
        assert len(list(fresh.glob("text-*.pickle"))) == 3
        monkeypatch.setattr(SansText, "cache_version", SansText.cache_version - 1)
        assert not np.array_equal(other.get_fill_rgbas(), first.get_fill_rgbas())
        # corrupt or stale entries are built again, never an error
        import pickle

        stored_key, _ = pickle.loads(entry.read_bytes())
        for damage in (b"\x80\x05 broken", pickle.dumps((stored_key, "not a text"))):
            entry.write_bytes(damage)
            rebuilt = SansText("Loss · θ₀ = 0.25", font_size=21, color="#FFD166")
            assert type(rebuilt) is SansText
            assert _same(_outlines(first), _outlines(rebuilt)) and attrs(first) == attrs(rebuilt)


def test_texts_with_arguments_that_name_an_address_are_not_cached(fresh, tmp_path):
    from manim import tempconfig

    from maniml.scenes import cache as c

    class Thing:
        pass

    class Probe:
        pass

    with tempconfig({"media_dir": str(tmp_path / "media")}):
        with c.cached_text(Probe(), text="x", weird=Thing()) as built:
            assert not built
        with c.cached_text(Probe(), text="x", weird=Thing()) as built:
            assert not built
    assert not list(fresh.glob("text-*.pickle"))
