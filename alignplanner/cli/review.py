"""``alignplanner review PLAN.toml [--mapping MAPPING.toml] [--format md|json|pdf]
[--output FILE] [--as-of DATE] [--rates plan|estimated]``: the weekly business review for
those who were not in the room (Markdown or a one-page PDF) and for BI (JSON,
resources/review.schema.json). The exports are read as the mapping says; without
``--mapping``, the one the app saved beside the plan (``PLAN.actuals.toml``). docs/review.md
says what every figure means. Beside last week: the snapshots the plan file keeps (the app
keeps one per refresh); this command reads them and keeps none."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from alignplanner.cli.actuals import _as_of
from alignplanner.cli.common import EXIT_INVALID, EXIT_OK, UsageError, load

if TYPE_CHECKING:
    import argparse

FORMATS = ("md", "json", "pdf")


def add_verbs(verbs: Any) -> None:
    """Add ``review`` to the command line's sub-parsers (``verbs``)."""
    review = verbs.add_parser(
        "review", help="the weekly business review: the plan against the CRM's actuals",
        description="Read the CRM exports of the plan's mapping and print the weekly review: "
        "the headline figures planned to date against actual, where the gap is, the variance "
        "by stage and source, conversion at equal age, stale records, the landing forecast "
        "and pipeline coverage. Exit 0 when written; 1 when the plan, the mapping or a file "
        "cannot be used (every problem as FILE:LINE: column: message).")
    review.add_argument("plan", metavar="PLAN", help="the plan file (.toml)")
    review.add_argument("--mapping", metavar="MAPPING",
                        help="the mapping file (default: PLAN's stem + .actuals.toml beside it, "
                        "as the app saves it)")
    review.add_argument("--format", choices=FORMATS, default="md",
                        help="md (Markdown, default), json (resources/review.schema.json) or "
                        "pdf (one page; needs --output)")
    review.add_argument("-o", "--output", metavar="FILE",
                        help="where to write (default: standard output; '-' too)")
    review.add_argument("--as-of", metavar="DATE", dest="as_of",
                        help="the date of the export, YYYY-MM-DD (default: the mapping's "
                        "as_of, else the latest date seen)")
    review.add_argument("--rates", choices=("plan", "estimated"), default="plan",
                        help="the landing forecast on the plan's rates and lags (default) or "
                        "on those estimated from the history")
    review.set_defaults(command=run)


def run(args: argparse.Namespace) -> int:
    from alignplanner.contract.actuals.mapping_file import read_mapping
    from alignplanner.contract.actuals.pipeline import import_actuals
    from alignplanner.contract.actuals.plan_link import mapping_beside
    from alignplanner.contract.actuals.result import ActualsError
    from alignplanner.domain.engine.compute import compute
    from alignplanner.domain.review.weekly import weekly_review

    if args.format == "pdf" and args.output in (None, "-"):
        raise UsageError("--format pdf needs --output FILE (a PDF is not text)")
    as_of = _as_of(args.as_of)
    loaded = load(args.plan)
    plan = loaded.plan
    mapping = Path(args.mapping) if args.mapping else mapping_beside(Path(args.plan))
    if not args.mapping and not mapping.is_file():
        raise ActualsError.one(str(mapping), "no mapping file beside the plan: import actuals "
                               "in the app once (File > Import actuals), or give --mapping")
    actuals, estimates = import_actuals(read_mapping(str(mapping)), plan, as_of=as_of)
    from alignplanner.domain.review.handoffs import handoffs

    # The plan file's kept snapshots give last week (the command keeps none: it only reads)
    review = weekly_review(plan, compute(plan), actuals.events, estimates, rates=args.rates,
                           handoffs=handoffs(plan, actuals.events),
                           snapshots=loaded.extras.snapshots)
    data = _render(review, args.format)
    if args.output in (None, "-"):
        sys.stdout.write(data.decode("utf-8"))
    else:
        from alignplanner.contract.atomic import atomic_write_bytes
        from alignplanner.contract.errors import os_reason

        try:
            atomic_write_bytes(args.output, data)
        except OSError as exc:
            print(f"{args.output}: cannot write: {os_reason(exc)}", file=sys.stderr)
            return EXIT_INVALID
    return EXIT_OK


def _render(review: Any, form: str) -> bytes:
    from alignplanner.domain.review.report import markdown, report

    if form == "json":
        import json

        from alignplanner.contract.actuals.review_json import review_dict

        text = json.dumps(review_dict(review), indent=2, allow_nan=False, ensure_ascii=False)
        return (text + "\n").encode("utf-8")
    if form == "pdf":
        from alignplanner.cli.review_pdf import pdf_bytes

        return pdf_bytes(report(review))
    return markdown(report(review)).encode("utf-8")


__all__ = ["FORMATS", "add_verbs", "run"]
