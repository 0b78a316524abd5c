"""The ``maniml`` command line: render many scenes (in parallel, in segments, on a Dask cluster)
from files, folders and deck files, and slide decks through manim-slides.

One module per job: :mod:`~maniml.cli.main` (the commands), :mod:`~maniml.cli.discover` (scene
classes), :mod:`~maniml.cli.deck` (TOML decks), :mod:`~maniml.cli.jobs` (one render),
:mod:`~maniml.cli.local` (process pool), :mod:`~maniml.cli.dask_backend` (Dask, imported only
for ``--scheduler``), :mod:`~maniml.cli.join` (segments joined without re-encoding),
:mod:`~maniml.cli.slides` (manim-slides presentation configs and convert).
"""

__all__ = ["main"]


#: When the command started (``time.time()``), before click, manim or any scene is imported;
#: ``maniml render --profile FILE`` reports the phases from it.
ENTRY_TIME = 0.0


def main(argv: list[str] | None = None) -> None:
    import time

    global ENTRY_TIME
    ENTRY_TIME = time.time()
    from .main import main as _main

    _main(argv)
