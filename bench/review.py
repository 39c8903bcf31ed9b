"""The weekly review from a 1,000,000-row history as the app shows it, against
`import_actuals` (read + every estimate, part 1) of the same rows in the same run. The
goal: the review is shown within 2x the import time, so what follows the import takes at
most as long as the import itself (ratio <= 1.0).

What follows the import is what the app's refresh does on its workers: the import job's
review parts (`snapshot_of`, the SLAs' `handoffs` and `sla_reviews` beside the plan, as
ui/actuals/worker.py), then the review job's `weekly_review` with those `handoffs` (as
ui/review/job.py, which runs again on every plan edit), on the plan's rates and on the
estimated ones. The review without hand-offs is printed beside it, to show their share.

The history is bench/actuals.py's generated Salesforce OpportunityHistory (every
CreatedDate timed, +0000), the plan one with its five stages and Won, 2024 to 2025,
stale_after_days on each stage, and an SLA on each hand-off from one stage to the next
(8 business hours, Monday to Friday 09:00 to 17:00 UTC, worked by a role of the from
stage), so every record's stage changes are hand-offs the review measures. Each run is a
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
from alignplanner.domain.review.handoffs import handoffs, sla_reviews
from alignplanner.domain.review.snapshots import snapshot_of
from alignplanner.domain.review.weekly import weekly_review
from alignplanner.domain.sla.sla import Sla
from alignplanner.domain.team.role import Role

names = ("Prospecting", "Qualification", "Needs Analysis", "Proposal", "Negotiation")
stages = tuple(Stage(n.lower().replace(" ", "-"), n, conversion=0.6, days=20,
                     stale_after_days=45) for n in names) + (Stage("won", "Won"),)
ids = [s.id for s in stages]
roles = tuple(Role(id=f"r-{a}", works=a, per_rep_per_month=200,
                   handle_minutes=30, headcount=10)
              for a in ids[:-1])
slas = tuple(Sla(id=f"{a}-{b}", from_stage=a, to_stage=b, role=f"r-{a}",
                 respond_within_hours=8) for a, b in zip(ids, ids[1:]))
plan = Plan(name="bench", start=date(2024, 1, 1), months=24,
            target=Target(revenue=50_000_000, average_deal_size=45_000), stages=stages,
            roles=roles, slas=slas)
result = compute(plan)
clock = time.perf_counter
t = clock()
actuals, estimates = import_actuals(read_mapping(sys.argv[1]), plan)
imported = clock() - t
events = actuals.events
t = clock()
snapshot_of(plan, events, estimates)
snapshot = clock() - t
t = clock()
given = handoffs(plan, events)
made = clock() - t
t = clock()
sla_reviews(plan, compute(plan), given, estimates.as_of)
beside = clock() - t
t = clock()
weekly_review(plan, result, events, estimates)
bare = clock() - t
t = clock()
review = weekly_review(plan, result, events, estimates, handoffs=handoffs(plan, events))
on_plan = clock() - t
t = clock()
weekly_review(plan, result, events, estimates, rates="estimated",
              handoffs=handoffs(plan, events))
on_estimates = clock() - t
measured = sum(c.due for c in review.slas)
print(imported, snapshot, made, beside, bare, on_plan, on_estimates, review.records, measured)
"""

FIGURES = ("imported", "snapshot", "handoffs", "sla_reviews", "bare", "on_plan",
           "on_estimates")


def run(mapping: Path) -> tuple[dict[str, float], int, int]:
    """One child's seconds by `FIGURES`, its records and its due hand-offs."""
    done = subprocess.run([sys.executable, "-c", CHILD, str(mapping)], capture_output=True,
                          text=True, check=False)
    if done.returncode:
        raise SystemExit(f"bench/review.py: the child failed:\n{done.stderr}")
    *seconds, records, due = done.stdout.split()
    return dict(zip(FIGURES, map(float, seconds), strict=True)), int(records), int(due)


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
    t = {key: statistics.median(r[0][key] for r in runs) for key in FIGURES}
    imported = t["imported"]
    parts = t["snapshot"] + t["handoffs"] + t["sla_reviews"]
    print(f"{args.rows:,} rows, {runs[0][1]:,} records, {runs[0][2]:,} hand-offs due")
    print(f"import_actuals (read + estimates):   {imported:.3f} s")
    print(f"import's review parts:               {parts:.3f} s  ratio {parts / imported:.2f}"
          f"  (snapshot {t['snapshot']:.3f}, handoffs {t['handoffs']:.3f}, "
          f"sla_reviews {t['sla_reviews']:.3f})")
    print(f"weekly_review without hand-offs:     {t['bare']:.3f} s  "
          f"ratio {t['bare'] / imported:.2f}")
    print(f"weekly_review + handoffs, plan's:    {t['on_plan']:.3f} s  "
          f"ratio {t['on_plan'] / imported:.2f}")
    print(f"weekly_review + handoffs, estimated: {t['on_estimates']:.3f} s  "
          f"ratio {t['on_estimates'] / imported:.2f}")
    worst = (parts + max(t["on_plan"], t["on_estimates"])) / imported
    print(f"shown within {1 + worst:.2f}x the import time (goal at most {1 + GOAL:.0f}x): "
          f"{'met' if worst <= GOAL else 'NOT met'}")
    edit = max(t["on_plan"], t["on_estimates"])
    print(f"an edit's review: {edit:.3f} s, of which hand-offs "
          f"{edit - t['bare']:.3f} s ({(edit - t['bare']) / edit:.0%})")


if __name__ == "__main__":
    main()
