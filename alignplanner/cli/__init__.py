"""The command line: ``alignplanner compute|validate|export|diff|sign|verify|actuals|merge``.

Exit status: 0 done, 1 the input is invalid (every problem is printed as
``FILE:LINE: key.path: message``) or could not be written, 2 wrong usage. Bad input never
gives a traceback. No Qt here, and nothing heavy at import time: the contract and the
engine are imported by the command that needs them. The plan commands are in `verbs`,
the agreement's (diff, sign, verify) in `agreement`, reading CRM exports in `actuals`,
merging two copies in `merge`, the tables in `tables`.

Without arguments it prints the built-in sample plan's requirements.
"""

from __future__ import annotations

import contextlib
import os
import sys
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from alignplanner.cli import actuals, agreement, merge, review, simulate, verbs
from alignplanner.cli.common import EXIT_INVALID, EXIT_USAGE, UsageError

if TYPE_CHECKING:
    import argparse

__all__ = ["main", "plain_compute"]


def main(argv: list[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); the exit status.

    numpy's BLAS is kept to one thread unless the environment says otherwise (the
    engine's matrices are small: more threads only cost the machine's other cores)."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    _tolerant_output()
    args_list = sys.argv[1:] if argv is None else list(argv)
    if not args_list:
        return _guarded(verbs.sample)
    plain = plain_compute(args_list)
    if plain is not None:
        return _guarded(lambda: verbs.compute(plain))  # type: ignore[arg-type]
    parser = _parser()
    try:
        args, extra = parser.parse_known_args(args_list)
        if extra:
            _refuse_extra(parser, args.verb, extra)
    except SystemExit as exc:  # --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    command = args.command
    return _guarded(lambda: command(args), parser)


def plain_compute(args: list[str]) -> SimpleNamespace | None:
    """``compute FILE`` and ``compute FILE --json`` (either order), the commands other
    systems run most, read without argparse (whose import and sub-parsers were a tenth
    of such a run). The same arguments argparse makes of them; anything else, or any
    other spelling (an abbreviation, ``--``, a file named like an option), is None and
    goes to argparse."""
    if len(args) not in (2, 3) or args[0] != "compute":
        return None
    files = [a for a in args[1:] if a != "--json"]
    if len(files) != 1 or files[0].startswith("-"):
        return None
    return SimpleNamespace(verb="compute", file=files[0], json=len(args) == 3,
                           scenario=None, all_scenarios=False, command=verbs.compute)


def _refuse_extra(parser: argparse.ArgumentParser, verb: str, extra: list[str]) -> None:
    """Arguments the verb does not take: the verb's own usage (not the top level's), with
    the option meant when one is close (``--jsn``: did you mean --json?). Exits 2."""
    import argparse
    import difflib

    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    verb_parser: argparse.ArgumentParser = sub.choices[verb]
    options = sorted(verb_parser._option_string_actions)
    hints = [f"did you mean {close[0]}?" for word in extra if word.startswith("-")
             for close in [difflib.get_close_matches(word.split("=")[0], options, n=1)] if close]
    verb_parser.error("; ".join([f"unrecognized arguments: {' '.join(extra)}", *hints[:1]]))


def _guarded(run: Any, parser: argparse.ArgumentParser | None = None) -> int:
    from alignplanner.contract.errors import PlanFileError

    try:
        code: int = run()
    except PlanFileError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_INVALID
    except UsageError as exc:
        parser = parser or _parser()
        parser.print_usage(sys.stderr)
        print(f"{parser.prog}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug, never bad input: one line, no traceback
        print(f"alignplanner: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_INVALID
    return code


def _parser() -> argparse.ArgumentParser:
    import argparse

    from alignplanner import __version__

    parser = argparse.ArgumentParser(
        prog="alignplanner",
        description="Plan one shared revenue funnel for marketing and sales. The plan file is "
        "a TOML contract; these commands compute, check and export it.",
    )
    parser.add_argument("--version", action="version", version=f"alignplanner {__version__}")
    commands = parser.add_subparsers(dest="verb", metavar="COMMAND", required=True)

    compute = commands.add_parser(
        "compute", help="print the requirements of a plan",
        description="Print what each stage, source and month must deliver.",
    )
    compute.add_argument("file", metavar="FILE", help="the plan file (.toml)")
    compute.add_argument("--json", action="store_true",
                         help="print exactly the [requirements] structure as JSON")
    which = compute.add_mutually_exclusive_group()
    which.add_argument("--scenario", metavar="NAME",
                       help="the requirements of one scenario (default: the base plan)")
    which.add_argument("--all-scenarios", action="store_true",
                       help="the headline figures of every scenario side by side")
    compute.set_defaults(command=verbs.compute)
    simulate.add_to(commands)

    validate = commands.add_parser(
        "validate", help="check a plan file",
        description="Exit 0 if the plan file is valid, otherwise print every problem as "
        "FILE:LINE: key.path: message and exit 1 (stored requirements that no longer follow "
        "from the inputs are problems too).",
    )
    validate.add_argument("file", metavar="FILE", help="the plan file (.toml)")
    validate.set_defaults(command=verbs.validate)

    export = commands.add_parser(
        "export", help="write the plan with freshly computed requirements",
        description="Write the plan in its canonical form with freshly computed "
        "[requirements], atomically. Comments and layout of FILE are not kept, so writing "
        "over FILE itself needs --force.",
    )
    export.add_argument("file", metavar="FILE", help="the plan file (.toml)")
    export.add_argument("-o", "--output", metavar="OUT", required=True,
                        help="where to write ('-' for standard output)")
    export.add_argument("--force", action="store_true",
                        help="allow OUT to be FILE itself (its comments are lost)")
    export.add_argument("--format", choices=("toml", "json", "csv"), default="toml",
                        help="toml (the plan file, default), json (the same structure, dates "
                        "as ISO strings) or csv (monthly requirements per stage and source)")
    export.add_argument("--uncertainty", action="store_true",
                        help="add [uncertainty] with the results of the plan's Monte Carlo "
                        "(the file's seed and draws) to a toml or json export")
    export.set_defaults(command=verbs.export)

    agreement.add_verbs(commands)
    actuals.add_verbs(commands)
    merge.add_verbs(commands)
    review.add_verbs(commands)
    return parser


def _tolerant_output() -> None:
    """Never fail on a character the console cannot show (e.g. a plan name on Windows)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a stream that refuses
                reconfigure(errors="replace")


def _silence_stdout() -> None:
    """After a closed pipe (``alignplanner compute x | head``): no second error at exit."""
    with contextlib.suppress(OSError, ValueError, AttributeError):  # no real stdout
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
