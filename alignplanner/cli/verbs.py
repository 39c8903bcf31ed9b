"""The plan commands: ``compute``, ``validate``, ``export``, and the sample plan when no
command is given."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from alignplanner.cli.common import EXIT_INVALID, EXIT_OK, UsageError, count, load
from alignplanner.cli.tables import render

if TYPE_CHECKING:
    import argparse

    from alignplanner.domain.results import Result


def compute(args: argparse.Namespace) -> int:
    loaded = load(args.file)
    plan, result = loaded.plan, loaded.result
    if getattr(args, "all_scenarios", False):
        from alignplanner.cli.scenarios import all_scenarios

        print(all_scenarios(loaded), end="")
        return EXIT_OK
    if getattr(args, "scenario", None) is not None:
        from alignplanner.cli.scenarios import scenario_plan

        plan, result = scenario_plan(loaded, args.scenario)
    if args.json:
        _print_json(result)
    else:
        print(render(plan, result), end="")
    return EXIT_OK


def validate(args: argparse.Namespace) -> int:
    from alignplanner.contract.errors import PlanFileError

    try:
        loaded = load(args.file)
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
    ops = "".join(f"{count(n, word)}, " for n, word in ((len(plan.roles), "role"),
                                                       (len(plan.slas), "SLA")) if n)
    print(f"{args.file}: valid ({count(len(plan.stages), 'stage')}, "
          f"{count(len(loaded.result.sources), 'source')}, {ops}{count(plan.months, 'month')})")
    from alignplanner.cli.agreement import validate_notes

    for note in validate_notes(args.file, loaded):  # changed since signed: a warning, exit 0
        print(note)
    return EXIT_OK


def export(args: argparse.Namespace) -> int:
    from alignplanner.contract.exports import render as render_as
    from alignplanner.contract.exports import write

    out: str = args.output
    if out != "-" and _same_file(args.file, out) and not args.force:
        raise UsageError(
            f"refusing to write over the input {args.file}: export rewrites the whole file in "
            "its canonical form and drops comments; choose another OUT, or add --force"
        )
    from alignplanner.contract.scenarios import agreed_export

    loaded = load(args.file)
    plan, result, scenario = agreed_export(loaded.plan, loaded.result, loaded.scenarios)
    simulated = bool(getattr(args, "uncertainty", False))
    if simulated and args.format == "csv":
        raise UsageError("--uncertainty adds a table to a toml or json export; csv has none")
    if out == "-":
        sys.stdout.write(render_as(args.format, plan, result, loaded.extras, scenario=scenario,
                                   simulated=simulated))
        return EXIT_OK
    try:
        write(out, args.format, plan, result, loaded.extras, scenario=scenario,
              simulated=simulated)
    except OSError as exc:
        from alignplanner.contract.errors import os_reason

        print(f"{out}: cannot write: {os_reason(exc)}", file=sys.stderr)
        return EXIT_INVALID
    stale = len(loaded.stale_requirements)
    note = f" ({count(stale, 'stored requirement')} of {args.file} were out of date)" if (
        stale) else ""
    which = f" of the agreed scenario {scenario!r}" if scenario else ""
    print(f"{out}: written with fresh requirements{which}{note}")
    return EXIT_OK


def sample() -> int:
    try:
        from alignplanner.resources import sample_plan_path

        path: str | None = os.fspath(sample_plan_path())
    except (OSError, ValueError):
        path = None
    if path is None:
        print("alignplanner: the built-in sample plan is missing; run "
              "'alignplanner compute FILE'", file=sys.stderr)
        return EXIT_INVALID
    loaded = load(path)
    print(f"No plan file given: the built-in sample plan ({path}).")
    print("Use 'alignplanner compute FILE' for your own plan, 'alignplanner --help' for more.")
    print()
    print(render(loaded.plan, loaded.result), end="")
    return EXIT_OK


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def _print_json(result: Result) -> None:
    import json

    from alignplanner.contract.write.requirements import requirements_dict

    def iso(value: object) -> str:
        from datetime import date

        if isinstance(value, date):
            return value.isoformat()
        raise TypeError(f"not JSON serializable: {type(value).__name__}")

    print(json.dumps(requirements_dict(result), indent=2, default=iso, allow_nan=False))


__all__ = ["compute", "export", "sample", "validate"]
