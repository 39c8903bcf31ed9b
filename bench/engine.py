"""Engine speed on the sample plans, as ratios to a baseline measured in the same run.

Machines here are noisy, so nothing is compared with a fixed number of milliseconds:
every figure is printed next to a baseline taken in the same process, and as a ratio.
The plans are the three realistic samples and the stress plan (the largest plan the
contract allows a workshop to build in practice).

- baseline: parsing the plan's TOML text with tomllib (what any consumer pays);
- warm compute: `compute(plan)` with the chains' solutions kept, the same plan again;
- new target: a revenue target never computed before each time (every volume moves,
  every SLA month's Erlang C is new; the chains stay solved);
- cold compute: the chains' solutions forgotten first (a conversion edit changes every
  chain; their month binning, which depends on the stages' days alone, is kept);
- cold chains: `chain.solve.many` over the plan's chains alone, forgotten first (the
  part of a cold compute that solves the chains);
- operations: capacity per role and Erlang C per SLA and month with their warnings, on
  a computed plan; "new calendar" also forgets the business hours (a calendar edit);
- load: read, check and compute the file, the chains and their binning forgotten first
  (a plan opened for the first time);

On a busy machine wall-clock medians swing by a factor of two or more; ``--clock cpu``
times the in-process figures by the main thread's CPU time instead (what the code
itself costs, without the waits for a core), to compare two versions of the code there.
The command line's start-up is bench/cli.py's.

Run: python bench/engine.py [--repeat N] [--clock wall|cpu] [--plan NAME ...]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from alignplanner.contract.reader import load  # noqa: E402
from alignplanner.domain.edits.plan import set_target  # noqa: E402
from alignplanner.domain.engine import chain, operations  # noqa: E402
from alignplanner.domain.engine.compute import chain_spec, compute  # noqa: E402
from alignplanner.domain.plan.plan import Plan  # noqa: E402
from alignplanner.domain.sla import calendar  # noqa: E402
from alignplanner.resources import scenario_path  # noqa: E402

PLANS = ("smb-high-volume", "midmarket-saas", "enterprise-outbound", "stress")

Timer = Callable[[Callable[[], object], int], float]


def median_seconds(action: Callable[[], object], repeat: int,
                   clock: Callable[[], float] = time.perf_counter) -> float:
    times = []
    for _ in range(repeat):
        start = clock()
        action()
        times.append(clock() - start)
    return statistics.median(times)


def forget_chains() -> None:
    chain.solve.cache_clear()
    chain._layout.cache_clear()


def figures(plan: Plan, path: Path, repeat: int, timed: Timer) -> dict[str, float]:
    """Every in-process figure of one plan, in seconds, the baseline first."""
    text = path.read_text(encoding="utf-8")
    few = max(10, repeat // 10)
    unseen = iter([set_target(plan, revenue=plan.target.revenue * (1 + 1e-4 * k))
                   for k in range(1, repeat + 1)])
    specs = [chain_spec(plan, s.conversion_overrides) for s in plan.effective_sources()]
    specs.append(chain_spec(plan))
    computed = compute(plan)

    def cold_compute() -> None:
        chain.solve.cache_clear()
        compute(plan)

    def cold_chains() -> None:
        chain.solve.cache_clear()
        chain.solve.many(specs)

    def new_calendar() -> None:
        calendar._month_hours.cache_clear()
        calendar._hours_by_month.cache_clear()
        operations.complete(plan, computed)

    def cold_load() -> None:
        forget_chains()
        load(path)

    return {
        "tomllib parse (baseline)": timed(lambda: tomllib.loads(text), repeat),
        "compute, warm": timed(lambda: compute(plan), repeat),
        "compute, new target": timed(lambda: compute(next(unseen)), repeat),
        "compute, cold": timed(cold_compute, few),
        "chains solve.many, cold": timed(cold_chains, few),
        "operations": timed(lambda: operations.complete(plan, computed), repeat),
        "operations, new calendar": timed(new_calendar, few),
        "load (read, check, compute), cold": timed(cold_load, few),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="wall-clock time (default) or the main thread's CPU time")
    parser.add_argument("--plan", action="append", choices=PLANS,
                        help="a sample plan to time (default: all four)")
    args = parser.parse_args()
    clock = time.perf_counter if args.clock == "wall" else time.thread_time

    def timed(action: Callable[[], object], repeat: int) -> float:
        return median_seconds(action, repeat, clock)

    for name in args.plan or PLANS:
        path = scenario_path(f"{name}.toml")
        plan = load(path).plan
        print(f"{name}: {len(plan.stages)} stages, {len(plan.sources)} sources, "
              f"{len(plan.slas)} SLAs, {plan.months} months; {args.clock} clock")
        times = figures(plan, path, args.repeat, timed)
        baseline = next(iter(times.values()))
        for label, seconds in times.items():
            ratio = "" if seconds is baseline else f"   ratio {seconds / baseline:6.2f}"
            print(f"  {label:40} {seconds * 1e3:9.3f} ms{ratio}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
