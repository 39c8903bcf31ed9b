"""Speed of the Monte Carlo and the tornado, as ratios to a baseline measured in the
same run (never a fixed number of milliseconds: machines here are noisy).

- baseline: a warm `compute(plan)` (the chains' solutions kept);
- simulate: `simulate(plan)` with the plan's result given, 10,000 draws by default
  (the goal on the stress plan: 0.3 s, at most 1 s);
- tornado: `tornado(plan)`, every driver swung both ways, the swings solved together
  (the goal on the stress plan: 100 ms);
- with --reference, also `tornado_by_compute(plan)`: one cold compute per swing.

Run: python bench/uncertainty.py [--repeat N] [--draws N] [--plan NAME ...] [--reference]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from alignplanner.contract.reader import load  # noqa: E402
from alignplanner.domain.engine.compute import compute  # noqa: E402
from alignplanner.domain.uncertainty.montecarlo import simulate  # noqa: E402
from alignplanner.domain.uncertainty.settings import Uncertainty  # noqa: E402
from alignplanner.domain.uncertainty.tornado import tornado, tornado_by_compute  # noqa: E402
from alignplanner.resources import scenario_path  # noqa: E402

PLANS = ("midmarket-saas", "stress")


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--plan", nargs="*", default=list(PLANS))
    parser.add_argument("--reference", action="store_true",
                        help="also time the reference tornado (one compute per swing)")
    args = parser.parse_args()
    settings = Uncertainty(draws=args.draws)
    for name in args.plan:
        plan = load(scenario_path(name)).plan
        result = compute(plan)
        base = median_seconds(lambda p=plan: compute(p), args.repeat)
        runs = {
            f"simulate ({args.draws:,} draws)":
                lambda p=plan, r=result: simulate(p, settings, result=r),
            "tornado": lambda p=plan: tornado(p, settings),
        }
        if args.reference:
            runs["tornado_by_compute"] = lambda p=plan: tornado_by_compute(p, settings)
        print(f"{name}: baseline warm compute {base * 1000:.1f} ms")
        for label, action in runs.items():
            took = median_seconds(action, args.repeat)
            print(f"  {label:<28} {took * 1000:9.1f} ms  {took / base:8.1f} x baseline")


if __name__ == "__main__":
    main()
