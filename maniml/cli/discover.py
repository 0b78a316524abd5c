"""Which scenes a ``maniml`` command renders: scene classes in files, folders and decks."""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .deck import Deck, DeckError, read_deck

__all__ = ["SceneRef", "UsageProblem", "find_scenes", "scene_classes"]


class UsageProblem(Exception):
    """Bad command-line input: the message names the argument and what is allowed (exit 2)."""


@dataclass(frozen=True)
class SceneRef:
    """One scene to render: its file and class, with a deck's per-scene choices."""

    file: str
    cls: str
    quality: str | None = None
    format: str | None = None
    settings: dict[str, Any] = field(default_factory=dict)


def scene_classes(file: str | Path) -> list[str]:
    """The names of the manim Scene classes defined in ``file`` (in source order)."""
    from manim import Scene

    from .jobs import load_module

    module = load_module(str(file))
    found = [
        c
        for _, c in inspect.getmembers(module, inspect.isclass)
        if issubclass(c, Scene) and c.__module__ == module.__name__
    ]
    found.sort(key=lambda c: inspect.getsourcelines(c)[1])
    return [c.__name__ for c in found]


def find_scenes(paths: list[str], names: list[str] | tuple[str, ...] = ()) -> tuple[
        list[SceneRef], Deck | None]:  # fmt: skip
    """The scenes of ``paths`` (files, folders of ``*.py``, ``*.toml`` decks), filtered by
    ``names``; and the (first) deck read, if any. Raises :class:`UsageProblem`."""
    refs: list[SceneRef] = []
    deck: Deck | None = None
    for raw in paths:
        p = Path(raw)
        if not p.exists():
            raise UsageProblem(
                f"PATH {raw!r} does not exist (a scene file, a folder or a .toml deck)"
            )
        if p.is_dir():
            files = sorted(f for f in p.glob("*.py") if not f.name.startswith("_"))
            if not files:
                raise UsageProblem(f"PATH {raw!r} is a folder without scene files (*.py)")
            for f in files:
                refs += [SceneRef(str(f.resolve()), c) for c in _classes(f)]
        elif p.suffix == ".toml":
            try:
                d = read_deck(p)
            except DeckError as exc:
                raise UsageProblem(str(exc)) from None
            deck = deck or d
            for s in d.scenes:
                known = _classes(Path(s.file))
                if s.cls not in known:
                    raise UsageProblem(
                        f"deck {raw}: scene {s.cls!r} is not defined in {s.file}; "
                        f"it defines: {', '.join(known) or 'no Scene class'}"
                    )
                refs.append(SceneRef(s.file, s.cls, s.quality, s.format, dict(s.settings)))
        elif p.suffix == ".py":
            classes = _classes(p)
            if not classes:
                raise UsageProblem(f"PATH {raw!r} defines no Scene class")
            refs += [SceneRef(str(p.resolve()), c) for c in classes]
        else:
            raise UsageProblem(
                f"PATH {raw!r} is neither a .py scene file, a folder nor a .toml deck"
            )
    if names:
        available = sorted({r.cls for r in refs})
        for n in names:
            if n not in available:
                raise UsageProblem(
                    f"--scene {n!r} is not among the scenes found: {', '.join(available)}"
                )
        refs = [r for r in refs if r.cls in names]
    if not refs:
        raise UsageProblem("no Scene class found in " + ", ".join(paths))
    return refs, deck


def _classes(file: Path) -> list[str]:
    try:
        return scene_classes(file)
    except UsageProblem:
        raise
    except Exception as exc:
        raise UsageProblem(
            f"PATH {str(file)!r} cannot be imported: {type(exc).__name__}: {exc}"
        ) from None
