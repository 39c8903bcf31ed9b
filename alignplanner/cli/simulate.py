"""``alignplanner simulate FILE [--draws N] [--seed S] [--json]``: the plan's seeded
Monte Carlo; the seed and draws are the file's ``[uncertainty]`` unless given."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from alignplanner.cli.common import EXIT_OK, UsageError, load

if TYPE_CHECKING:
    import argparse


def add_to(commands: Any) -> None:
    parser = commands.add_parser(
        "simulate", help="the probability of hitting the target (Monte Carlo)",
        description="Draw the plan's uncertain rates, counts and deal size many times and "
        "print how likely the target is, the revenue's P10/P50/P90 and the volume needed "
        "for 50/80/90%% confidence.",
    )
    parser.add_argument("file", metavar="FILE", help="the plan file (.toml)")
    parser.add_argument("--draws", type=int, help="number of draws (default: the file's, "
                        "else 10,000)")
    parser.add_argument("--seed", type=int, help="random seed (default: the file's, else 0)")
    parser.add_argument("--json", action="store_true",
                        help="print exactly the [uncertainty] structure as JSON")
    parser.set_defaults(command=run)


def run(args: argparse.Namespace) -> int:
    from alignplanner.contract.write.uncertainty import uncertainty_dict
    from alignplanner.domain.problems import PlanInvalid
    from alignplanner.domain.uncertainty.montecarlo import simulate

    loaded = load(args.file)
    changes = {k: getattr(args, k) for k in ("draws", "seed") if getattr(args, k) is not None}
    try:
        settings = replace(loaded.uncertainty, **changes)
    except PlanInvalid as exc:
        raise UsageError("; ".join(f"--{p.path[-1]}: {p.message}"
                                   for p in exc.problems)) from None
    found = uncertainty_dict(simulate(loaded.plan, settings, result=loaded.result))
    if args.json:
        print(json.dumps(found, indent=2))
        return EXIT_OK
    currency = loaded.plan.currency
    print(f"{found['draws']:,} draws, seed {found['seed']}")
    print(f"Probability of reaching the target of {currency} {found['target']:,.0f}: "
          f"{found['p_hit']:.0%}")
    print(f"Revenue P10 / P50 / P90: {currency} {found['revenue_p10']:,.0f} / "
          f"{found['revenue_p50']:,.0f} / {found['revenue_p90']:,.0f}")
    print(f"Net-new units at the top of the funnel: {found['top_volume_planned']:,.0f} "
          "planned; for 50% / 80% / 90% confidence: "
          + " / ".join(f"{v:,.0f}" for v in found["top_volume_needed"].values()))
    print("Share of the variance each driver explains alone:")
    shares = sorted(found["variance_share"].items(), key=lambda kv: -kv[1])
    for name, share in shares:
        print(f"  {name:<32} {share:6.1%}")
    return EXIT_OK
