"""``alignplanner actuals MAPPING.toml [--plan PLAN.toml] [--as-of DATE] [--json]``: read
CRM exports as a mapping file says and print what really happened, with honest estimates
of every transition (docs/actuals.md). Errors name the file, the line and the column."""

from __future__ import annotations

import sys
import textwrap
from datetime import date
from typing import TYPE_CHECKING, Any

from alignplanner.cli.common import EXIT_OK, UsageError, count, load, table

if TYPE_CHECKING:
    import argparse

    from alignplanner.contract.actuals.result import Actuals
    from alignplanner.domain.actuals.report import Estimates, Transition

_WIDTH = 100


def add_verbs(verbs: Any) -> None:
    """Add ``actuals`` to the command line's sub-parsers (``verbs``)."""
    actuals = verbs.add_parser(
        "actuals", help="read CRM exports and estimate the funnel from them",
        description="Read the CRM exports a mapping file lists and print, for every pair of "
        "adjacent stages, how many records entered, converted, were lost or are still "
        "open, with the naive, within-window and estimated (Kaplan-Meier or "
        "Aalen-Johansen) conversion rates and the lag in days. Exit 0 when read; 1 when a "
        "file or the mapping cannot be used (every problem as FILE:LINE: column: message).",
    )
    actuals.add_argument("mapping", metavar="MAPPING", help="the mapping file (.toml)")
    actuals.add_argument("--plan", metavar="PLAN",
                         help="a plan file: its stages set the funnel order and the windows")
    actuals.add_argument("--as-of", metavar="DATE", dest="as_of",
                         help="the date of the export, YYYY-MM-DD (default: the mapping's "
                         "as_of, else the latest date seen)")
    actuals.add_argument("--json", action="store_true",
                         help="print one JSON object (resources/actuals.schema.json)")
    actuals.set_defaults(command=run)


def run(args: argparse.Namespace) -> int:
    from alignplanner.contract.actuals.mapping_file import read_mapping
    from alignplanner.contract.actuals.pipeline import import_actuals

    as_of = _as_of(args.as_of)
    plan = load(args.plan).plan if args.plan else None
    actuals, estimates = import_actuals(read_mapping(args.mapping), plan, as_of=as_of)
    if args.json:
        import json

        from alignplanner.contract.actuals.report_json import report_dict

        json.dump(report_dict(actuals, estimates), sys.stdout, indent=2, allow_nan=False,
                  ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(summary(actuals, estimates), end="")
    return EXIT_OK


def _as_of(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--as-of: {text!r} is not a date like 2024-06-30") from None


def summary(actuals: Actuals, estimates: Estimates) -> str:
    """What was read and estimated, as plain-text tables."""
    lines = [f"Actuals as of {estimates.as_of.isoformat()}: "
             f"{count(estimates.records, 'record')}", ""]
    lines += table(["File", "Encoding", "Dates", "Skipped", "Rows"], [
        [f.path, f.encoding, f.date_order or "ISO",
         ", ".join(f"{n:,} {why}" for why, n in f.skipped.items() if n) or "none",
         f"{f.rows:,}"]
        for f in actuals.files
    ], left=4)
    lines += ["", "Records per stage", ""]
    lines += table(["Stage", "Entered"], [[s.name, f"{s.entered:,}"] for s in estimates.stages],
                   left=1)
    lines += ["", "Transitions", ""]
    lines += _transitions(estimates.transitions)
    for source, transitions in estimates.by_source.items() if len(estimates.by_source) > 1 else ():
        lines += ["", f"Source: {source}", ""]
        lines += _transitions(transitions)
    warnings = [*actuals.warnings, *estimates.warnings]
    if warnings:
        lines += ["", "Warnings", ""]
        for warning in warnings:
            lines += textwrap.wrap(warning, _WIDTH, initial_indent="- ", subsequent_indent="  ")
    return "\n".join(lines) + "\n"


def _transitions(transitions: tuple[Transition, ...]) -> list[str]:
    head = ["From -> to", "Entered", "Converted", "Lost", "Open", "Naive (n)",
            "In window (n)", "Estimated", "Median d", "p90 d"]
    rows = []
    for t in transitions:
        method = "AJ" if t.competing else "KM"
        rows.append([
            f"{t.from_stage} -> {t.to_stage}", f"{t.entered:,}", f"{t.converted:,}",
            f"{t.lost:,}", f"{t.open:,}", f"{_rate(t.naive_rate)} ({t.entered:,})",
            f"{_rate(t.within_window)} ({t.matured:,})",
            f"{_rate(t.estimated)} {method} {t.window_days}d",
            "-" if t.days is None else f"{t.days.median:g}",
            "-" if t.days is None else f"{t.days.p90:g}",
        ])
    return table(head, rows, left=1)


def _rate(p: float | None) -> str:
    return "-" if p is None else f"{100 * p:.1f}%"


__all__ = ["add_verbs", "run", "summary"]
