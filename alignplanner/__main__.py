"""Entry point of ``alignplanner`` (the console script) and ``python -m alignplanner``.

It stays tiny and imports nothing heavy at module level: which front end runs is decided
first, so the command line never loads Qt. For now every invocation goes to the command
line; the desktop app will be dispatched from here.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Run AlignPlanner with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    # Absolute import: PyInstaller runs this file as a script, not as part of the package.
    from alignplanner.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
