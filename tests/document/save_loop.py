"""Run by test_kill_during_save.py as a separate process: save two plans in turn, as fast
as it can, until killed.

Usage: python save_loop.py PLAN_FILE

It saves the way the app does: it takes the file's PlanLock (that of the previous, killed
run is stale and taken over), removes what earlier killed saves left behind, as
FileWorkflow does on open, and writes with files.save_plan, the function behind
FileWorkflow.save. Once the first save is complete it prints "saving" and the seconds that
save took, so that the test can spread its kills over whole saves however fast or slow
this machine is at the moment.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from alignplanner.contract import reader
from alignplanner.document import files
from alignplanner.document.lock import PlanLock
from alignplanner.domain.edits import plan as plan_edits
from alignplanner.domain.engine.compute import compute
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.results import Result
from alignplanner.resources import scenario_path

REVENUES = (50_000_000, 70_000_000)


def plans() -> list[tuple[Plan, Result]]:
    """The two plans saved in turn: the largest sample plan (a write takes a moment) with
    two revenue targets."""
    base = reader.load(scenario_path("stress")).plan
    out = []
    for revenue in REVENUES:
        plan = plan_edits.set_target(base, revenue=revenue)
        out.append((plan, compute(plan)))
    return out


def main(target: str) -> int:
    path = Path(target)
    lock = PlanLock(path)
    if not (lock.acquire() and lock.held):
        print("locked", flush=True)
        return 2
    files.remove_leftovers(path)
    (plan_a, result_a), (plan_b, result_b) = plans()
    started = time.perf_counter()
    files.save_plan(path, plan_a, result_a)
    print(f"saving {time.perf_counter() - started:.6f}", flush=True)
    while True:
        files.save_plan(path, plan_b, result_b)
        files.save_plan(path, plan_a, result_a)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
