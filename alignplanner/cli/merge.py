"""``alignplanner merge [BASE] OURS THEIRS -o MERGED``: two copies of a plan edited from the
same version, merged (`contract.merge`). Without BASE, the version both come from is found
from their ``[history]`` and the local version store (`contract.versions`).

Prints each side's changes in the plan's own words, then the conflicts, each with its key.
With a conflict left, nothing is written and the exit status is 1; ``--take ours|theirs``
settles every conflict one way, ``--pick KEY=ours|theirs`` one of them (a pick wins over
``--take``). The merged file is written atomically with a new version in its history. No
Qt, and nothing heavy at import time.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, cast

from alignplanner.cli.common import EXIT_INVALID, EXIT_OK, UsageError

if TYPE_CHECKING:
    import argparse

    from alignplanner.contract.merge import Side
    from alignplanner.contract.reader import LoadedPlan

__all__ = ["add_verbs"]


def add_verbs(verbs: Any) -> None:
    merge = verbs.add_parser(
        "merge", help="merge two copies of a plan edited from the same version",
        description="Merge THEIRS into OURS, both edited from BASE: every change of each side "
        "in the plan's own words; changes that do not collide are applied; conflicts (the "
        "same value changed both ways, a rename on both sides, removed on one side and "
        "edited on the other, an order changed both ways) are listed with their keys. "
        "Without BASE, the version both copies come from is found from their [history] "
        "and the versions kept on this machine (or the command says which to give). "
        "Signatures over content the merge changed are dropped, each named. Exit 0 merged "
        "and written; 1 conflicts left (nothing written) or a file cannot be read.",
    )
    merge.add_argument("files", metavar="FILE", nargs="+",
                       help="BASE OURS THEIRS, or OURS THEIRS (BASE found from history)")
    merge.add_argument("-o", "--output", metavar="MERGED", required=True,
                       help="where to write the merged plan ('-' for standard output)")
    merge.add_argument("--take", choices=("ours", "theirs"),
                       help="settle every conflict with this side's value")
    merge.add_argument("--pick", metavar="KEY=SIDE", action="append", default=[],
                       help="settle one conflict: its key (as listed) = ours or theirs; "
                       "may be given more than once")
    merge.set_defaults(command=_merge)


def _merge(args: argparse.Namespace) -> int:
    from alignplanner.cli.common import load
    from alignplanner.contract.merge import merge

    if len(args.files) not in (2, 3):
        raise UsageError("give BASE OURS THEIRS, or OURS THEIRS")
    picks = _picks(args.pick)
    ours, theirs = load(args.files[-2]), load(args.files[-1])
    base = load(args.files[0]) if len(args.files) == 3 else _found_base(ours, theirs)
    if base is None:
        return EXIT_INVALID
    _keep(ours, args.files[-2])
    _keep(theirs, args.files[-1])
    first = merge(base, ours, theirs)
    known = {c.key for c in first.conflicts}
    unknown = sorted(set(picks) - known)
    if unknown:
        shown = ", ".join(sorted(known)) or "none"
        raise UsageError(f"--pick {unknown[0]}: no such conflict (the conflicts: {shown})")
    if args.take:
        picks = {**dict.fromkeys(known, args.take), **picks}
    result = merge(base, ours, theirs, picks) if picks else first
    out = sys.stdout if args.output != "-" else sys.stderr
    for side, changes in (("ours", result.ours_changes), ("theirs", result.theirs_changes)):
        for change in changes:
            mark = "  (conflict)" if result.in_conflict(change) else ""
            print(f"{side}: {change.text}{mark}", file=out)
    for conflict in result.conflicts:
        settled = f" -> {conflict.pick}" if conflict.pick else ""
        print(f"conflict {conflict.key}{settled}: {conflict.text}", file=out)
    for dropped in result.dropped:
        print(dropped, file=out)
    if result.unresolved:
        print(f"{len(result.unresolved)} conflict(s) left: nothing written. Settle them with "
              "--take ours|theirs or --pick KEY=ours|theirs", file=sys.stderr)
        return EXIT_INVALID
    if result.loaded is None:
        print("The merged plan does not hold; nothing written:", file=sys.stderr)
        for problem in result.problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_INVALID
    return _write(args.output, result.loaded, ours, theirs)


def _found_base(ours: LoadedPlan, theirs: LoadedPlan) -> LoadedPlan | None:
    from alignplanner.cli.common import load
    from alignplanner.contract import versions

    found = versions.find_base(ours.extras.history, theirs.extras.history)
    if found.path is None:
        print(f"alignplanner merge: {found.message}", file=sys.stderr)
        return None
    print(found.message, file=sys.stderr)
    return load(str(found.path))


def _picks(items: list[str]) -> dict[str, Side]:
    picks: dict[str, Side] = {}
    for item in items:
        key, _, side = item.partition("=")
        if side not in ("ours", "theirs") or not key:
            raise UsageError(f"--pick {item}: write KEY=ours or KEY=theirs")
        picks[key] = cast("Side", side)
    return picks


def _keep(loaded: LoadedPlan, path: str) -> None:
    """A copy with a version, opened here: its content joins the version store."""
    from alignplanner.contract import versions

    version = loaded.extras.history.version
    if version and versions.find(version) is None:
        try:
            with open(path, encoding="utf-8-sig") as stream:
                versions.keep(version, stream.read())
        except (OSError, UnicodeDecodeError):
            return


def _write(output: str, merged: LoadedPlan, ours: LoadedPlan, theirs: LoadedPlan) -> int:
    from alignplanner.contract import versions
    from alignplanner.contract.atomic import atomic_write_text
    from alignplanner.contract.errors import os_reason
    from alignplanner.contract.writer import dumps

    history = ours.extras.history.merged_with(theirs.extras.history).saved_again()
    text = dumps(merged.plan, merged.result, merged.extras.with_changes(history=history))
    if output == "-":
        sys.stdout.write(text)
        return EXIT_OK
    try:
        atomic_write_text(output, text)
    except OSError as exc:
        print(f"{output}: cannot write: {os_reason(exc)}", file=sys.stderr)
        return EXIT_INVALID
    versions.keep(history.version, text)
    print(f"{output}: merged (version {history.version})")
    return EXIT_OK
