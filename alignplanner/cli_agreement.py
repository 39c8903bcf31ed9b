"""The command-line verbs of the agreement between systems: ``diff`` (and, as they come,
the other contract verbs). Kept out of cli.py so that cli.py stays small; cli.py registers
these verbs on its parser and runs them inside its own error handling (a bad file is exit
1 with its problems, never a traceback). No Qt, and nothing heavy at import time.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

__all__ = ["add_verbs"]

EXIT_OK = 0


def add_verbs(verbs: Any) -> None:
    """Add this module's verbs to cli.py's sub-parsers (``verbs``)."""
    diff = verbs.add_parser(
        "diff", help="what changed between two versions of a plan",
        description="Print what changed from plan A to plan B, one change a line, in the "
        "plan's own words: the inputs first, then what they change in the requirements "
        "(wins, each stage's total, and each month that changed). Exit 0 whether or not "
        "they differ; 1 if a file cannot be read.",
    )
    diff.add_argument("a", metavar="A", help="the earlier plan file (.toml)")
    diff.add_argument("b", metavar="B", help="the later plan file (.toml)")
    diff.add_argument("--json", action="store_true",
                      help="print a JSON list of {path, kind, before, after, text}")
    diff.set_defaults(command=_diff)


def _diff(args: argparse.Namespace) -> int:
    from alignplanner.contract.diff import diff
    from alignplanner.contract.reader import load

    a, b = load(args.a), load(args.b)
    changes = diff(a.plan, b.plan, a.result, b.result)
    if args.json:
        json.dump([c.as_dict() for c in changes], sys.stdout, indent=2, allow_nan=False)
        sys.stdout.write("\n")
    else:
        for change in changes:
            print(change.text)
    return EXIT_OK
