"""Entry point of ``alignplanner`` (the console script) and ``python -m alignplanner``.

It stays tiny and imports nothing heavy at module level: which front end runs is decided
first, so the command line never loads Qt. A command-line verb (compute, validate,
export, diff, sign, verify, actuals) goes to `alignplanner.cli`; anything else starts the
desktop app.
"""

from __future__ import annotations

import gc
import sys

CLI_VERBS = frozenset({"compute", "validate", "export", "diff", "sign", "verify", "actuals"})


def main(argv: list[str] | None = None) -> int:
    """Run AlignPlanner with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    args = sys.argv[1:] if argv is None else argv
    # Absolute imports: PyInstaller runs this file as a script, not as part of the package.
    if args and args[0] in CLI_VERBS:
        from alignplanner.cli import main as cli_main

        if argv is not None:  # called from Python (a test): leave its process alone
            return cli_main(args)
        # One command, then the process ends: no automatic cycle collection while it
        # runs, and none of the collections at exit over what it made (together about
        # a tenth of a `compute`'s time, for almost nothing to collect).
        gc.disable()
        code = cli_main(args)
        gc.freeze()
        return code
    from alignplanner.app import main as app_main

    return app_main(args)


if __name__ == "__main__":
    sys.exit(main())
