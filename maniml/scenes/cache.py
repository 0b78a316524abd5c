"""A per-machine cache of text outlines, so that a render does not lay out the same glyphs again.

Building a read-out glyph or a typeset formula means a Pango or Typst SVG parsed by svgelements:
about 20 ms a piece, seconds per render. The outlines depend only on the font (or the formula),
the size, the weight and the versions of manim and ManimPango, so they are stored once per machine
as ``.npz`` files (NumPy arrays, no pickle) in the user cache directory:

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
import tempfile
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path

import numpy as np

__all__ = ["cache_dir", "load_arrays", "save_arrays", "versions"]

#: bump when the layout of the files changes
FORMAT = 1
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
    >>> os.environ.get("MANIML_CACHE_DIR") is None or isinstance(cache_dir(), (type(None), Path))
    True
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


def _path(kind: str, key: Mapping[str, str]) -> tuple[Path | None, str]:
    """The file of ``key`` and the key as JSON (with the versions)."""
    full = json.dumps({"kind": kind, **versions(), **key}, sort_keys=True, ensure_ascii=True)
    folder = cache_dir()
    if folder is None:
        return None, full
    digest = hashlib.sha1(full.encode()).hexdigest()[:20]
    return folder / f"{kind}-{digest}.npz", full


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
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.stem, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                np.savez(f, __key__=np.array(full), **arrays)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError:
        return False
    return True
