"""Entry point of ``alignplanner`` (the console script) and ``python -m alignplanner``.

It stays tiny and imports nothing heavy at module level: which front end runs is decided
first, so the command line never loads Qt. A command-line verb (compute, validate,
export, diff, sign, verify, actuals) goes to `alignplanner.cli`; a word that is no file
but close to a verb (``verfy``) is refused with a suggestion, exit status 2, before any
Qt is loaded; anything else starts the desktop app.
"""

from __future__ import annotations

import gc
import os
import sys

CLI_VERBS = frozenset({"compute", "validate", "export", "diff", "sign", "verify", "actuals",
                       "enrol", "signers", "simulate", "review", "merge"})


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
    mistyped = mistyped_verb(args)
    if mistyped is not None:
        print(mistyped, file=sys.stderr)
        return 2
    from alignplanner.app import main as app_main

    return app_main(args)


def mistyped_verb(args: list[str]) -> str | None:
    """The refusal of a first word that is no file but close to a command-line verb
    (``alignplanner verfy plan.toml``); None when the app should open it as a file."""
    if not args or args[0].startswith("-") or os.path.exists(args[0]):
        return None
    import difflib

    word = args[0]
    close = difflib.get_close_matches(word.lower(), sorted(CLI_VERBS), n=1, cutoff=0.6)
    if not close:
        return None
    return (f"alignplanner: {word!r} is neither a command nor a file; did you mean "
            f"{close[0]}? (alignplanner {close[0]} --help)")


if __name__ == "__main__":
    sys.exit(main())
