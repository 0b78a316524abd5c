"""A per-machine cache of text outlines, so that a render does not lay out the same glyphs again.

Building a read-out glyph or a typeset formula means a Pango or Typst SVG parsed by svgelements:
about 20 ms a piece, seconds per render. The outlines depend only on the font (or the formula),
the size, the weight and the versions of manim and ManimPango, so they are stored once per machine
as ``.npz`` files (glyphs: NumPy arrays, no pickle) or pickles (mobjects parsed from an SVG:
titles, tick labels, formulas) in the user cache directory:

* ``$MANIML_CACHE_DIR`` if set (an empty value turns the disk cache off);
* else ``platformdirs.user_cache_dir("maniml")`` when platformdirs is installed;
* else ``$XDG_CACHE_HOME/maniml`` or ``~/.cache/maniml``.

Every file holds its key and format version: a file that does not match (stale) or cannot be
read (corrupt, truncated) is ignored and rewritten, never an error. Writes go to a temporary file
renamed into place, so concurrent renders see either the old or the new file.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

__all__ = [
    "cached_text",
    "DiskCachedSVG",
    "cache_dir",
    "load_arrays",
    "load_object",
    "save_arrays",
    "save_object",
    "versions",
]

#: bump when the layout of the files changes
FORMAT = 2
ENV = "MANIML_CACHE_DIR"


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:  # pragma: no cover - depends on the install
        return "none"


_VERSIONS: dict[str, str] = {}


def versions() -> dict[str, str]:
    """Versions the cached outlines depend on (part of every key)."""
    if not _VERSIONS:
        _VERSIONS.update(
            format=str(FORMAT),
            manim=_version("manim"),
            manimpango=_version("manimpango"),
            typst=_version("typst"),
        )
    return dict(_VERSIONS)


def cache_dir() -> Path | None:
    """The directory of the disk cache, or None when ``$MANIML_CACHE_DIR`` is set empty.

    Examples
    --------
    >>> import os
    >>> old = os.environ.get("MANIML_CACHE_DIR")
    >>> os.environ["MANIML_CACHE_DIR"] = "/tmp/somewhere"
    >>> cache_dir().as_posix()
    '/tmp/somewhere'
    >>> os.environ["MANIML_CACHE_DIR"] = ""  # the disk cache off
    >>> cache_dir() is None
    True
    >>> _ = os.environ.pop("MANIML_CACHE_DIR") if old is None else os.environ.update(MANIML_CACHE_DIR=old)
    """
    env = os.environ.get(ENV)
    if env is not None:
        return Path(env).expanduser() if env.strip() else None
    try:
        import platformdirs
    except ImportError:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        return Path(base) / "maniml"
    return Path(platformdirs.user_cache_dir("maniml", appauthor=False))


def _path(kind: str, key: Mapping[str, str], suffix: str = ".npz") -> tuple[Path | None, str]:
    """The file of ``key`` and the key as JSON (with the versions)."""
    full = json.dumps({"kind": kind, **versions(), **key}, sort_keys=True, ensure_ascii=True)
    folder = cache_dir()
    if folder is None:
        return None, full
    digest = hashlib.sha1(full.encode()).hexdigest()[:20]
    return folder / f"{kind}-{digest}{suffix}", full


def load_arrays(kind: str, key: Mapping[str, str]) -> dict[str, np.ndarray] | None:
    """The arrays stored under ``key``, or None when missing, stale or unreadable."""
    path, full = _path(kind, key)
    if path is None or not path.is_file():
        return None
    try:
        with np.load(path, allow_pickle=False) as data:
            if str(data["__key__"]) != full:
                return None
            return {name: data[name] for name in data.files if name != "__key__"}
    except Exception:  # noqa: BLE001 - a corrupt cache file is rebuilt, never an error
        return None


def save_arrays(kind: str, key: Mapping[str, str], arrays: Mapping[str, np.ndarray]) -> bool:
    """Store ``arrays`` under ``key`` (atomically); False when the cache is off or not writable."""
    path, full = _path(kind, key)
    if path is None:
        return False
    return _write(path, lambda f: np.savez(f, __key__=np.array(full), **arrays))


def _write(path: Path, write) -> bool:  # type: ignore[no-untyped-def]
    """Write a file through ``write(f)`` into a temporary file renamed to ``path``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.stem, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                write(f)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError:
        return False
    return True


def load_object(kind: str, key: Mapping[str, str]) -> object | None:
    """The object pickled under ``key``, or None when missing, stale or unreadable."""
    path, full = _path(kind, key, suffix=".pickle")
    if path is None or not path.is_file():
        return None
    try:
        with open(path, "rb") as f:
            stored_key, obj = pickle.load(f)
    except Exception:  # noqa: BLE001 - a corrupt cache file is rebuilt, never an error
        return None
    return obj if stored_key == full else None


def save_object(kind: str, key: Mapping[str, str], obj: object) -> bool:
    """Pickle ``obj`` under ``key`` (atomically); False when the cache is off or not writable."""
    path, full = _path(kind, key, suffix=".pickle")
    if path is None:
        return False
    try:
        data = pickle.dumps((full, obj), protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # noqa: BLE001 - not picklable: simply not cached
        return False
    return _write(path, lambda f: f.write(data))


class DiskCachedSVG:
    """Mixin for a :class:`manim.SVGMobject` subclass (``class X(DiskCachedSVG, Text)``): the
    mobjects parsed from an SVG are kept on disk, keyed by the SVG file's content, and reused by
    later processes instead of parsing the SVG again with svgelements (manim's own cache of them,
    ``SVG_HASH_TO_MOB_MAP``, lasts one process)."""

    def init_svg_mobject(self, use_svg_cache: bool):  # type: ignore[no-untyped-def]
        from manim import config
        from manim.mobject.svg.svg_mobject import SVG_HASH_TO_MOB_MAP
        from manim.utils.iterables import hash_obj

        if use_svg_cache and hash_obj(self.hash_seed) in SVG_HASH_TO_MOB_MAP:  # type: ignore[attr-defined]
            return super().init_svg_mobject(use_svg_cache)  # type: ignore[misc]
        try:
            svg = Path(self.get_file_path()).read_bytes()  # type: ignore[attr-defined]
        except OSError:
            return super().init_svg_mobject(use_svg_cache)  # type: ignore[misc]
        key = {
            "class": type(self).__name__,
            "svg": hashlib.sha256(svg).hexdigest(),
            "default": repr(self.svg_default),  # type: ignore[attr-defined]
            "path": repr(self.path_string_config),  # type: ignore[attr-defined]
            "renderer": str(config.renderer),
        }
        got = load_object("svg", key)
        if not self._valid_entry(got):
            self.generate_mobject()  # type: ignore[attr-defined]
            for leaf in self.get_family():  # type: ignore[attr-defined]
                # the parsed svgelements path: read once, when the points are made; dropped, it
                # no longer weighs on every copy (FadeIn copies every part) and on the cache
                if getattr(leaf, "path_obj", None) is not None:
                    leaf.path_obj = None
            stored = self.copy()  # type: ignore[attr-defined]
            save_object("svg", key, (stored, self._tracked_leaves()))
        else:
            stored, tracked = got
            self.add(*stored.submobjects)  # type: ignore[attr-defined]
            self.id_to_vgroup_dict = getattr(stored, "id_to_vgroup_dict", {})
            family = self.get_family()  # type: ignore[attr-defined]
            for name, indices in tracked.items():
                setattr(self, name, [family[i] for i in indices])
        if use_svg_cache:
            SVG_HASH_TO_MOB_MAP[hash_obj(self.hash_seed)] = stored.copy()  # type: ignore[attr-defined]
        return self

    def _tracked_leaves(self) -> dict[str, list[int]]:
        """Lists of parts that parsing recorded (MathTypst's stroke-width and baseline tracking),
        as indices into the family, to restore them on the parts read from the cache."""
        from manim import Mobject

        index = {id(m): i for i, m in enumerate(self.get_family())}  # type: ignore[attr-defined]
        out = {}
        for name, value in vars(self).items():
            if name == "submobjects" or not isinstance(value, list) or not value:
                continue
            if all(isinstance(v, Mobject) and id(v) in index for v in value):
                out[name] = [index[id(v)] for v in value]
        return out

    @staticmethod
    def _valid_entry(got: object) -> bool:
        """Whether a cache entry has the layout :meth:`init_svg_mobject` writes."""
        from manim import Mobject

        if not (isinstance(got, tuple) and len(got) == 2):
            return False
        stored, tracked = got
        if not isinstance(stored, Mobject) or not isinstance(tracked, dict):
            return False
        n = len(stored.get_family())  # the root stands in for self: same family length
        return all(
            isinstance(k, str)
            and isinstance(v, list)
            and all(type(i) is int and 0 < i < n for i in v)
            for k, v in tracked.items()
        )


@contextmanager
def cached_text(mob: Any, **arguments: Any) -> Iterator[bool]:
    """Build ``mob`` (a text mobject being constructed) from the disk cache, or let the caller
    build it and store it: ``with cached_text(self, text=..., **kwargs) as built: if not built:
    super().__init__(...)``.

    The key is the class and its ``cache_version`` (bump it when the class builds its texts
    differently), every argument (by ``repr``; an argument whose ``repr`` names an object's
    address is not cacheable: nothing is read or written), manim's renderer and frame size, and
    the versions of :func:`versions`. A hit restores the whole object as it was right after it
    was first built (its attributes, parts, points and colours).
    """
    cls = type(mob)
    args = repr(sorted(arguments.items()))
    key = None
    if " at 0x" not in args:
        from manim import config

        key = {"class": f"{cls.__module__}.{cls.__qualname__}", "args": args,
               "class_version": str(getattr(cls, "cache_version", 0)),
               "renderer": str(config.renderer),
               "frame": repr((float(config.frame_width), float(config.frame_height)))}  # fmt: skip
    got = load_object("text", key) if key is not None else None
    if type(got) is cls:
        mob.__dict__.update(got.__dict__)
        yield True
        return
    yield False
    if key is not None:
        save_object("text", key, mob)
