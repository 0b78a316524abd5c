"""Deck files: a title and an ordered list of scenes, in TOML.

.. code-block:: toml

    title = "Lecture 1: gradient descent"
    quality = "l"            # optional defaults for every scene
    format = "mp4"

    [[scenes]]
    file = "../scenes/linreg_bgd.py"   # relative to the deck file
    class = "LinRegBGD"
    quality = "m"                      # optional
    format = "gif"                     # optional
    settings = { run_time = 6.0 }      # optional: the template's settings.with_(...)

Unknown keys are errors (:class:`DeckError`, naming the key and what is allowed).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Deck", "DeckError", "DeckScene", "read_deck"]

TOP_KEYS = ("title", "quality", "format", "settings", "scenes")
SCENE_KEYS = ("file", "class", "quality", "format", "settings")


class DeckError(ValueError):
    """A deck file that cannot be used; the message names the file, the key and what is allowed."""


@dataclass(frozen=True)
class DeckScene:
    file: str
    cls: str
    quality: str | None = None
    format: str | None = None
    settings: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Deck:
    path: str
    title: str
    scenes: tuple[DeckScene, ...]


def _choice(where: str, key: str, value: Any, allowed: tuple[str, ...]) -> str:
    if not isinstance(value, str) or value.lower() not in allowed:
        raise DeckError(f"{where}: {key!r} must be one of {', '.join(allowed)}; got {value!r}")
    return value.lower()


def read_deck(path: str | Path) -> Deck:
    """Read and check a deck file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.py").write_text("")
    >>> _ = (d / "deck.toml").write_text('title = "T"\\n[[scenes]]\\nfile = "a.py"\\nclass = "A"\\n')
    >>> deck = read_deck(d / "deck.toml")
    >>> deck.title, deck.scenes[0].cls, deck.scenes[0].file == str(d / "a.py")
    ('T', 'A', True)
    """
    from .jobs import FORMATS, QUALITIES

    p = Path(path)
    try:
        data = tomllib.loads(p.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise DeckError(f"deck {p}: not valid TOML: {exc}") from None
    unknown = sorted(set(data) - set(TOP_KEYS))
    if unknown:
        raise DeckError(f"deck {p}: unknown key {unknown[0]!r}; allowed: {', '.join(TOP_KEYS)}")
    title = data.get("title", p.stem)
    if not isinstance(title, str):
        raise DeckError(f"deck {p}: 'title' must be a string; got {title!r}")
    default_q = data.get("quality")
    default_f = data.get("format")
    default_s = data.get("settings", {})
    if default_q is not None:
        default_q = _choice(f"deck {p}", "quality", default_q, tuple(QUALITIES))
    if default_f is not None:
        default_f = _choice(f"deck {p}", "format", default_f, FORMATS)
    if not isinstance(default_s, dict):
        raise DeckError(f"deck {p}: 'settings' must be a table; got {default_s!r}")
    entries = data.get("scenes")
    if not isinstance(entries, list) or not entries:
        raise DeckError(f"deck {p}: needs at least one [[scenes]] entry with 'file' and 'class'")
    scenes = []
    for i, e in enumerate(entries, 1):
        where = f"deck {p}, scene {i}"
        if not isinstance(e, dict):
            raise DeckError(f"{where}: must be a table with 'file' and 'class'")
        unknown = sorted(set(e) - set(SCENE_KEYS))
        if unknown:
            raise DeckError(
                f"{where}: unknown key {unknown[0]!r}; allowed: {', '.join(SCENE_KEYS)}"
            )
        for key in ("file", "class"):
            if not isinstance(e.get(key), str) or not e[key]:
                raise DeckError(f"{where}: {key!r} is required (a string)")
        file = (p.parent / e["file"]).resolve()
        if not file.is_file():
            raise DeckError(f"{where}: 'file' {e['file']!r} does not exist (relative to the deck)")
        settings = e.get("settings", {})
        if not isinstance(settings, dict):
            raise DeckError(f"{where}: 'settings' must be a table; got {settings!r}")
        q = e.get("quality", default_q)
        f = e.get("format", default_f)
        scenes.append(
            DeckScene(
                file=str(file),
                cls=e["class"],
                quality=None if q is None else _choice(where, "quality", q, tuple(QUALITIES)),
                format=None if f is None else _choice(where, "format", f, FORMATS),
                settings={**default_s, **settings},
            )
        )
    return Deck(str(p), title, tuple(scenes))
