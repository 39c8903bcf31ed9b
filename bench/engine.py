"""Engine speed on the stress plan, as ratios to baselines measured in the same run.

Machines here are noisy, so nothing is compared with a fixed number of milliseconds:
every figure is printed next to a baseline taken in the same process, and as a ratio.

- baseline: parsing the stress plan's TOML text with tomllib (what any consumer pays);
- warm compute: `compute(plan)` with the chains' solutions cached, the same plan again;
- target edit: seven revenue targets in turn, as `bench/edit_latency.py` edits (the
  chains stay solved, the SLAs' Erlang answers for those seven are kept);
- new target: a revenue target never computed before each time (every SLA month's
  Erlang walk is new);
- cold compute: the chains' cache cleared first (a conversion edit changes every chain);
  "new volumes" also clears the SLAs' Erlang answers, as a conversion edit's new
  volumes make every SLA month's walk new;
- cold chains: `chain.solve.many` over the plan's chains alone, its cache cleared first
  (the part of a cold compute that solves the chains);
- operations: the stress plan's roles and SLAs (capacity per role, Erlang C per SLA and
  month, their warnings) against the same plan without them; "new calendar" also clears
  the business-hours cache (a calendar edit);
- the command line: `alignplanner compute` in a fresh interpreter against a bare
  `python -c "import tomllib"` started the same way, with `-X importtime` checked for Qt.

On a busy machine wall-clock medians swing by a factor of two or more; ``--clock cpu``
times the in-process figures by the main thread's CPU time instead (what the code
itself costs, without the waits for a core), to compare two versions of the code there.
The command-line figures are wall-clock times either way.

Run: python bench/engine.py [--repeat N] [--clock wall|cpu]
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from alignplanner.contract.reader import load  # noqa: E402
from alignplanner.domain import calendar, chain, edits, erlang, operations  # noqa: E402
from alignplanner.domain.engine import chain_spec, compute  # noqa: E402
from alignplanner.domain.model import Plan  # noqa: E402
from alignplanner.resources import scenario_path  # noqa: E402

Timer = Callable[[Callable[[], object], int], float]


def median_seconds(action: Callable[[], object], repeat: int,
                   clock: Callable[[], float] = time.perf_counter) -> float:
    times = []
    for _ in range(repeat):
        start = clock()
        action()
        times.append(clock() - start)
    return statistics.median(times)


def command_seconds(args: list[str], repeat: int) -> float:
    return median_seconds(lambda: subprocess.run(args, check=True, capture_output=True), repeat)


def qt_imported(args: list[str]) -> list[str]:
    out = subprocess.run([sys.executable, "-X", "importtime", *args], capture_output=True,
                         text=True, check=True)
    return sorted({line.split("|")[-1].strip().split(".")[0] for line in out.stderr.splitlines()
                   if "PySide6" in line or "pyqtgraph" in line or "shiboken" in line})


def target_edits(plan: Plan, repeat: int, timed: Timer) -> tuple[float, float]:
    """(seven revenues in turn, as bench/edit_latency.py edits; a revenue never computed
    before each time)."""
    revenue = plan.target.revenue
    seven = [edits.set_target(plan, revenue=round(revenue * (1 + 0.01 * k), 2))
             for k in range(1, 8)]
    for edited in seven:
        compute(edited)
    turns = itertools.cycle(seven)
    known = timed(lambda: compute(next(turns)), repeat)
    unseen = iter([edits.set_target(plan, revenue=revenue * (1 + 0.0001 * k))
                   for k in range(1, repeat + 1)])
    return known, timed(lambda: compute(next(unseen)), repeat)


def cold_figures(plan: Plan, repeat: int, timed: Timer) -> tuple[float, float, float]:
    """(cold compute, the same with the SLAs' Erlang answers cleared too, the chains'
    solve alone)."""

    def cold_compute() -> None:
        chain.solve.cache_clear()
        compute(plan)

    def cold_volumes() -> None:
        chain.solve.cache_clear()
        erlang._smallest_and_level.cache_clear()
        erlang._smallest.cache_clear()
        compute(plan)

    specs = [chain_spec(plan, s.conversion_overrides) for s in plan.effective_sources()]
    specs.append(chain_spec(plan))

    def cold_chains() -> None:
        chain.solve.cache_clear()
        chain.solve.many(specs)

    return (timed(cold_compute, max(10, repeat // 10)), timed(cold_volumes, max(10, repeat // 10)),
            timed(cold_chains, max(10, repeat // 4)))


def command_line(path: Path, repeat: int) -> int:
    """The command line against a bare interpreter (wall clock); 1 if it imports Qt."""
    runs = max(5, repeat // 40)
    bare = command_seconds([sys.executable, "-c", "import tomllib"], runs)
    cli = command_seconds([sys.executable, "-m", "alignplanner", "compute", str(path)], runs)
    print(f"baseline   python -c 'import tomllib'   {bare * 1e3:8.1f} ms")
    print(f"cli        alignplanner compute stress  {cli * 1e3:8.1f} ms   ratio {cli / bare:6.2f}")
    qt = qt_imported(["-m", "alignplanner", "compute", str(path)])
    print(f"cli imports Qt/pyqtgraph: {'yes: ' + ', '.join(qt) if qt else 'no'}")
    return 1 if qt else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall",
                        help="wall-clock time (default) or the main thread's CPU time")
    args = parser.parse_args()
    clock = time.perf_counter if args.clock == "wall" else time.thread_time

    def timed(action: Callable[[], object], repeat: int) -> float:
        return median_seconds(action, repeat, clock)

    path = scenario_path("stress.toml")
    text = path.read_text(encoding="utf-8")
    plan = load(path).plan

    parse = timed(lambda: tomllib.loads(text), args.repeat)
    warm = timed(lambda: compute(plan), args.repeat)
    target_edit, new_target = target_edits(plan, args.repeat, timed)
    cold, cold_new, chains = cold_figures(plan, args.repeat, timed)
    bare_plan = plan.with_changes(roles=(), slas=(), calendar=calendar.BusinessCalendar())
    without = timed(lambda: compute(bare_plan), args.repeat)
    computed = compute(plan)
    ops = timed(lambda: operations.complete(plan, computed), args.repeat)

    def new_calendar() -> None:
        calendar._month_hours.cache_clear()
        calendar._hours_by_month.cache_clear()
        operations.complete(plan, computed)

    ops_cold = timed(new_calendar, max(10, args.repeat // 10))
    read = timed(lambda: load(path), max(10, args.repeat // 10))
    print(f"stress plan: {len(plan.stages)} stages, {len(plan.sources)} sources, "
          f"{plan.months} months; {args.clock} clock")
    print(f"baseline   tomllib parse        {parse * 1e3:8.3f} ms")
    print(f"engine     compute (warm)       {warm * 1e3:8.3f} ms   ratio {warm / parse:6.2f}")
    print(f"engine     compute (target edit) {target_edit * 1e3:7.3f} ms   ratio "
          f"{target_edit / parse:6.2f}")
    print(f"engine     compute (new target)  {new_target * 1e3:7.3f} ms   ratio "
          f"{new_target / parse:6.2f}")
    print(f"engine     compute (cold)       {cold * 1e3:8.3f} ms   ratio {cold / parse:6.2f}")
    print(f"engine     compute (cold, new volumes) {cold_new * 1e3:8.3f} ms   ratio "
          f"{cold_new / parse:6.2f}")
    print(f"chains     solve.many (cold)    {chains * 1e3:8.3f} ms   ratio {chains / parse:6.2f}")
    print(f"engine     compute without roles and SLAs {without * 1e3:8.3f} ms   ratio "
          f"{without / parse:6.2f}")
    print(f"operations {len(plan.roles)} roles, {len(plan.slas)} SLAs (warm)  {ops * 1e3:8.3f} ms"
          f"   ratio {ops / parse:6.2f}; compute with / without {warm / without:5.2f}")
    print(f"operations new calendar          {ops_cold * 1e3:8.3f} ms   ratio "
          f"{ops_cold / parse:6.2f}")
    print(f"contract   load (parse+check+compute, cold cache per file) "
          f"{read * 1e3:8.3f} ms   ratio {read / parse:6.2f}")

    return command_line(path, args.repeat)


if __name__ == "__main__":
    raise SystemExit(main())
