"""The weekly review from a 1,000,000-row history: `weekly_review` (on the plan's rates,
then on the estimated ones) against `import_actuals` (read + every estimate, part 1) of the
same rows in the same run. The goal: the review is shown within 2x the
import time, so the review itself takes at most as long as the import (ratio <= 1.0).

The history is bench/actuals.py's generated Salesforce OpportunityHistory, the plan one
with its five stages and Won, 2024 to 2025, stale_after_days on each stage. Each run is a
fresh child process, after one unmeasured run that warms the file into the page cache;
the figures are medians of the wall clock.

Run: python bench/review.py [--rows N] [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from actuals import MAPPING, generate  # bench/actuals.py, beside this file

GOAL = 1.0

CHILD = """
import sys, time
from datetime import date
from alignplanner.contract.actuals.mapping_file import read_mapping
from alignplanner.contract.actuals.pipeline import import_actuals
from alignplanner.domain.engine.compute import compute
from alignplanner.domain.plan.funnel import Stage, Target
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.review.weekly import weekly_review

names = ("Prospecting", "Qualification", "Needs Analysis", "Proposal", "Negotiation")
stages = tuple(Stage(n.lower().replace(" ", "-"), n, conversion=0.6, days=20,
                     stale_after_days=45) for n in names) + (Stage("won", "Won"),)
plan = Plan(name="bench", start=date(2024, 1, 1), months=24,
            target=Target(revenue=50_000_000, average_deal_size=45_000), stages=stages)
result = compute(plan)
start = time.perf_counter()
actuals, estimates = import_actuals(read_mapping(sys.argv[1]), plan)
imported = time.perf_counter() - start
start = time.perf_counter()
review = weekly_review(plan, result, actuals.events, estimates)
on_plan = time.perf_counter() - start
start = time.perf_counter()
weekly_review(plan, result, actuals.events, estimates, rates="estimated")
on_estimates = time.perf_counter() - start
print(imported, on_plan, on_estimates, review.records)
"""


def run(mapping: Path) -> tuple[float, float, float, int]:
    done = subprocess.run([sys.executable, "-c", CHILD, str(mapping)], capture_output=True,
                          text=True, check=False)
    if done.returncode:
        raise SystemExit(f"bench/review.py: the child failed:\n{done.stderr}")
    a, b, c, n = done.stdout.split()
    return float(a), float(b), float(c), int(n)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="alignplanner-review-") as folder:
        export = Path(folder) / "OpportunityHistory.csv"
        generate(export, args.rows)
        mapping = Path(folder) / "mapping.toml"
        mapping.write_text(MAPPING, encoding="utf-8")
        run(mapping)
        runs = [run(mapping) for _ in range(args.runs)]
    imported = statistics.median(r[0] for r in runs)
    on_plan = statistics.median(r[1] for r in runs)
    on_estimates = statistics.median(r[2] for r in runs)
    print(f"{args.rows:,} rows, {runs[0][3]:,} records")
    print(f"import_actuals (read + estimates): {imported:.3f} s")
    print(f"weekly_review, plan's rates:       {on_plan:.3f} s  ratio {on_plan / imported:.2f}")
    print(f"weekly_review, estimated rates:    {on_estimates:.3f} s  "
          f"ratio {on_estimates / imported:.2f}")
    worst = max(on_plan, on_estimates) / imported
    print(f"shown within {1 + worst:.2f}x the import time (goal at most {1 + GOAL:.0f}x): "
          f"{'met' if worst <= GOAL else 'NOT met'}")


if __name__ == "__main__":
    main()
