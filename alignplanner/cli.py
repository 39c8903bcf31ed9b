"""The command line: ``alignplanner compute|validate|export|diff|sign|verify`` (the last
three in cli_agreement).

Exit status: 0 done, 1 the input is invalid (every problem is printed as
``FILE:LINE: key.path: message``) or could not be written, 2 wrong usage. Bad input never
gives a traceback. No Qt here, and nothing heavy at import time: the contract and the
engine are imported by the command that needs them.

Without arguments it prints the built-in sample plan's requirements (until the desktop
app takes over that case).
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from datetime import date

    from alignplanner.contract.reader import LoadedPlan
    from alignplanner.domain.plan.plan import Plan
    from alignplanner.domain.results import Result

__all__ = ["main"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_BLOCK = 12  # month columns per table block
_WIDTH = 100  # wrap prose at this width


class _UsageError(Exception):
    """A request the command line declines (reported like argparse's usage errors)."""


def main(argv: list[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); the exit status."""
    _tolerant_output()
    args_list = sys.argv[1:] if argv is None else list(argv)
    parser = _parser()
    if not args_list:
        return _guarded(parser, _sample)
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    command = args.command
    return _guarded(parser, lambda: command(args))


def _guarded(parser: argparse.ArgumentParser, run: Any) -> int:
    from alignplanner.contract.errors import PlanFileError

    try:
        code: int = run()
    except PlanFileError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_INVALID
    except _UsageError as exc:
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
    from alignplanner import __version__

    parser = argparse.ArgumentParser(
        prog="alignplanner",
        description="Plan one shared revenue funnel for marketing and sales. The plan file is "
        "a TOML contract; these commands compute, check and export it.",
    )
    parser.add_argument("--version", action="version", version=f"alignplanner {__version__}")
    verbs = parser.add_subparsers(dest="verb", metavar="COMMAND", required=True)

    compute = verbs.add_parser(
        "compute", help="print the requirements of a plan",
        description="Print what each stage, source and month must deliver.",
    )
    compute.add_argument("file", metavar="FILE", help="the plan file (.toml)")
    compute.add_argument("--json", action="store_true",
                         help="print exactly the [requirements] structure as JSON")
    compute.set_defaults(command=_compute)

    validate = verbs.add_parser(
        "validate", help="check a plan file",
        description="Exit 0 if the plan file is valid, otherwise print every problem as "
        "FILE:LINE: key.path: message and exit 1 (stored requirements that no longer follow "
        "from the inputs are problems too).",
    )
    validate.add_argument("file", metavar="FILE", help="the plan file (.toml)")
    validate.set_defaults(command=_validate)

    export = verbs.add_parser(
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
    export.set_defaults(command=_export)

    from alignplanner.cli_agreement import add_verbs

    add_verbs(verbs)
    return parser


# -- commands -------------------------------------------------------------------------------


def _load(path: str) -> LoadedPlan:
    from alignplanner.contract.reader import load

    return load(path)


def _compute(args: argparse.Namespace) -> int:
    loaded = _load(args.file)
    if args.json:
        _print_json(loaded.result)
    else:
        print(render(loaded.plan, loaded.result), end="")
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from alignplanner.contract.errors import PlanFileError

    try:
        loaded = _load(args.file)
    except PlanFileError as exc:
        for problem in exc.problems:
            print(problem)
        return EXIT_INVALID
    if loaded.stale_requirements:
        for problem in loaded.stale_requirements:
            print(problem)
        print(f"{args.file}: the stored [requirements] do not follow from the inputs; "
              f"'alignplanner export {args.file} -o OUT' writes fresh ones")
        return EXIT_INVALID
    plan = loaded.plan
    ops = "".join(f"{_count(n, word)}, " for n, word in ((len(plan.roles), "role"),
                                                       (len(plan.slas), "SLA")) if n)
    print(f"{args.file}: valid ({_count(len(plan.stages), 'stage')}, "
          f"{_count(len(loaded.result.sources), 'source')}, {ops}{_count(plan.months, 'month')})")
    from alignplanner.cli_agreement import validate_notes

    for note in validate_notes(args.file, loaded):  # changed since signed: a warning, exit 0
        print(note)
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from alignplanner.contract.exports import render, write

    out: str = args.output
    if out != "-" and _same_file(args.file, out) and not args.force:
        raise _UsageError(
            f"refusing to write over the input {args.file}: export rewrites the whole file in "
            "its canonical form and drops comments; choose another OUT, or add --force"
        )
    loaded = _load(args.file)
    if out == "-":
        sys.stdout.write(render(args.format, loaded.plan, loaded.result))
        return EXIT_OK
    try:
        write(out, args.format, loaded.plan, loaded.result)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        print(f"{out}: cannot write: {reason}", file=sys.stderr)
        return EXIT_INVALID
    stale = len(loaded.stale_requirements)
    note = f" ({_count(stale, 'stored requirement')} of {args.file} were out of date)" if (
        stale) else ""
    print(f"{out}: written with fresh requirements{note}")
    return EXIT_OK


def _sample() -> int:
    path = _sample_path()
    if path is None:
        print("alignplanner: the built-in sample plan is missing; run "
              "'alignplanner compute FILE'", file=sys.stderr)
        return EXIT_INVALID
    loaded = _load(path)
    print(f"No plan file given: the built-in sample plan ({path}).")
    print("Use 'alignplanner compute FILE' for your own plan, 'alignplanner --help' for more.")
    print()
    print(render(loaded.plan, loaded.result), end="")
    return EXIT_OK


def _sample_path() -> str | None:
    try:
        from alignplanner.resources import sample_plan_path
    except ImportError:  # pragma: no cover - only before resources.py existed
        pass
    else:
        try:
            return os.fspath(sample_plan_path())
        except (OSError, ValueError):
            return None
    here = os.path.dirname(os.path.abspath(__file__))
    fallback = os.path.join(os.path.dirname(here), "scenarios", "midmarket-saas.toml")
    return fallback if os.path.isfile(fallback) else None


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


# -- output ---------------------------------------------------------------------------------


def _print_json(result: Result) -> None:
    import json

    from alignplanner.contract.write.requirements import requirements_dict

    def iso(value: object) -> str:
        from datetime import date

        if isinstance(value, date):
            return value.isoformat()
        raise TypeError(f"not JSON serializable: {type(value).__name__}")

    print(json.dumps(requirements_dict(result), indent=2, default=iso, allow_nan=False))


def month_label(day: date) -> str:
    """``Jan 2027`` (English, whatever the locale)."""
    return f"{_MONTHS[day.month - 1]} {day.year}"


def render(plan: Plan, result: Result) -> str:
    """The requirements of ``plan`` as plain-text tables."""
    lines: list[str] = []
    first = month_label(result.months[0]) if result.months else ""
    lines.append(plan.name)
    lines.append(
        f"{plan.currency} {plan.target.revenue:,.0f} over {_count(plan.months, 'month')} from "
        f"{first}; average deal {plan.target.average_deal_size:,.0f}; rounding: {plan.rounding}"
    )
    wins = f"Wins the target needs: {result.wins_rounded:,} (exact {result.wins:,.2f})"
    if result.pipeline_wins > 0:
        wins += f"; {result.pipeline_wins:,.1f} of them expected from the existing pipeline"
    lines += [wins, ""]
    lines += _stage_tables(plan, result, first)
    lines += _source_tables(plan, result)
    lines += _capacity_tables(plan, result) + _sla_tables(plan, result)
    if result.warnings:
        import textwrap

        lines += ["Warnings", ""]
        for warning in result.warnings:
            lines += textwrap.wrap(warning.message, _WIDTH, initial_indent="- ",
                                   subsequent_indent="  ")
        lines.append("")
    return "\n".join(lines)


def _stage_tables(plan: Plan, result: Result, first: str) -> list[str]:
    lines = [f"Entries needed per stage and month (pre-plan: must enter before {first})", ""]
    names = {s.id: s for s in plan.stages}
    for start in range(0, len(result.months), _BLOCK):
        months = result.months[start : start + _BLOCK]
        head = ["Stage"] + (["Owner", "Total", "Pre-plan"] if start == 0 else [])
        rows = []
        for sr in result.stages:
            stage = names[sr.id]
            row = [stage.name]
            if start == 0:
                row += [stage.owner, f"{sr.rounded:,}", _whole(sr.pre_plan)]
            row += [f"{v:,}" for v in sr.monthly_rounded[start : start + _BLOCK]]
            rows.append(row)
        lines += _table(head + [month_label(m) for m in months], rows, left=2 if start == 0 else 1)
        lines.append("")
    return lines


def _source_tables(plan: Plan, result: Result) -> list[str]:
    lines = ["Net-new units per source at its entry stage", ""]
    names = {s.id: (s.name or s.id) for s in plan.effective_sources()}
    shares = {s.id: s.share for s in plan.effective_sources()}
    for start in range(0, len(result.months), _BLOCK):
        months = result.months[start : start + _BLOCK]
        head = ["Source"] + (
            ["Enters", "Share", "Wins", "Deal size", "New", "Pre-plan"] if start == 0 else []
        )
        rows = []
        for src in result.sources:
            row = [names.get(src.id, src.id)]
            if start == 0:
                row += [src.enters, f"{shares.get(src.id, 0.0) * 100:.4g}%", f"{src.wins:,.1f}",
                        f"{src.average_deal_size:,.0f}", _whole(src.new), _whole(src.pre_plan)]
            row += [_whole(v) for v in src.monthly_new[start : start + _BLOCK]]
            rows.append(row)
        lines += _table(head + [month_label(m) for m in months], rows, left=2 if start == 0 else 1)
        lines.append("")
    return lines


def _capacity_tables(plan: Plan, result: Result) -> list[str]:
    """Per role and month: required against capacity (issue 4)."""
    from alignplanner.domain.wording import plural, role_label

    lines: list[str] = []
    for role, cap in zip(plan.roles, result.capacity, strict=True):
        works = plan.stages[plan.stage_index(role.works)].name
        unit = plan.currency if role.is_quota_role else plural(works)
        lines += [f"Capacity: {role_label(role)} (work {works}; in {unit} per month)", ""]
        rows = [("Required", cap.required, _whole), ("Capacity", cap.capacity, _whole),
                ("Gap", cap.gap, _whole), ("Ramped reps", cap.effective_reps, _reps),
                ("Reps needed", cap.reps_needed, _reps)]
        lines += _monthly_blocks(result, rows)
    return lines


def _sla_tables(plan: Plan, result: Result) -> list[str]:
    """Per SLA and month: the service level the planned reps reach, and the reps needed."""
    lines: list[str] = []
    for sla, res in zip(plan.slas, result.slas, strict=True):
        failing = len(res.failing_months)
        verdict = "kept every month" if not failing else f"broken in {_count(failing, 'month')}"
        window = f"{sla.window_hours * 60:g} minutes" if sla.window_hours < 1 else (
            f"{sla.window_hours:g} business hours")
        lines += [f"SLA {sla.id}: {res.target * 100:g}% answered within {window}: {verdict}", ""]
        rows = [
            ("Service level", res.service_level, _percent),
            ("Reps planned", tuple(float(m.servers) for m in res.months), _whole),
            ("Reps needed", tuple(-1.0 if n is None else float(n) for n in res.reps_needed),
             lambda x: "none can" if x < 0 else _whole(x)),
        ]
        lines += _monthly_blocks(result, rows)
    return lines


def _monthly_blocks(
    result: Result, rows: Sequence[tuple[str, Sequence[float], Callable[[float], str]]]
) -> list[str]:
    lines: list[str] = []
    for start in range(0, len(result.months), _BLOCK):
        months = result.months[start : start + _BLOCK]
        body = [[name, *(show(v) for v in values[start : start + _BLOCK])]
                for name, values, show in rows]
        lines += _table(["", *(month_label(m) for m in months)], body, left=1)
        lines.append("")
    return lines


def _reps(x: float) -> str:
    return f"{x:,.1f}"


def _percent(x: float) -> str:
    """Rounded down, so that a promise is never shown as kept when it is not."""
    return f"{math.floor(x * 1000 + 1e-9) / 10:.1f}%"


def _table(head: Sequence[str], rows: Sequence[Sequence[str]], *, left: int) -> list[str]:
    """Columns two spaces apart; the first ``left`` columns left-aligned, numbers right."""
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]

    def line(cells: Sequence[str]) -> str:
        parts = [c.ljust(w) if i < left else c.rjust(w)
                 for i, (c, w) in enumerate(zip(cells, widths, strict=True))]
        return "  ".join(parts).rstrip()

    return [line(head), *(line(r) for r in rows)]


def _whole(x: float) -> str:
    return f"{x:,.0f}"


def _count(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


# -- plumbing -------------------------------------------------------------------------------


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
