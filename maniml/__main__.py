"""``python -m maniml``: the ``maniml`` command."""

from maniml.cli import main

if __name__ == "__main__":
    main()
